"""The quick literal tests of the extractors' patterns (``Guarded``, ``Sieve``, tries).

They live in ``sitegen.ingest.literals`` and ``sitegen.ingest.guarded``: ingest's
furniture patterns use them too, and imports only go down (ingest < extract)."""

from sitegen.ingest.guarded import Guarded, guarded, holds_all, needle_sets, search_tail
from sitegen.ingest.literals import (
    Needles,
    Sieve,
    WordMemo,
    all_needles,
    lowered,
    may_match,
    needles,
    trie_alternation,
)

__all__ = [
    "Guarded",
    "Needles",
    "Sieve",
    "WordMemo",
    "all_needles",
    "guarded",
    "holds_all",
    "lowered",
    "may_match",
    "needle_sets",
    "needles",
    "search_tail",
    "trie_alternation",
]
