"""The quick literal tests of the extractors' patterns (``Guarded``, ``Sieve``, tries).

They live in ``sitegen.ingest.literals``: ingest's furniture patterns use them too,
and imports only go down (ingest < extract)."""

from sitegen.ingest.literals import (
    Guarded,
    Needles,
    Sieve,
    all_needles,
    guarded,
    lowered,
    may_match,
    needles,
    search_tail,
    trie_alternation,
)

__all__ = [
    "Guarded",
    "Needles",
    "Sieve",
    "all_needles",
    "guarded",
    "lowered",
    "may_match",
    "needles",
    "search_tail",
    "trie_alternation",
]
