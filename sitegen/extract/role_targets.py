"""Which words of a role phrase name the party an office deals with, not its holder's.

"Belmar's envoy to Astoria", "the special envoy for Astoria", "Astoria's
representative to the United Nations": the holder's side is the party before
the connector (or none), never the one after it. Kept apart from the role scanner
(``roles``), which calls it, by size.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from sitegen.data import load
from sitegen.extract.names import Token


@cache
def _connectors() -> dict[str, frozenset[str]]:
    data: dict[str, list[str]] = load("roles")["target_connectors"]
    return {word: frozenset(nouns) for word, nouns in data.items()}


class _View(Protocol):
    """The part of ``roles.SentenceView`` read here (its tokens' words)."""

    tokens: list[Token]


def target_start(view: _View, idx: Sequence[int], kinds: Sequence[str | None]) -> int | None:
    """The position in ``idx`` of the first word after a target connector ("to" after a
    role noun, "for" after an envoy's), or None: from there on the office's counterpart."""
    connectors = _connectors()
    words = [view.tokens[i].text.lower() for i in idx]
    for n in range(1, len(words) - 1):
        nouns = connectors.get(words[n])
        if nouns is None or kinds[n - 1] != "noun":
            continue
        if not nouns or words[n - 1] in nouns:
            return n + 1
    return None


def ends_in_target(view: _View, idx: Sequence[int], kinds: Sequence[str | None]) -> bool:
    """A role set off before a comma may end in the party its office deals with ("the
    special envoy for X, Name,") or in its owner after "of" ("the head of the political
    department of X, Name,")."""
    if not idx or kinds[-1] != "party" or "noun" not in kinds:
        return False
    words = [view.tokens[i].text.lower() for i in idx]
    before = [w for w in words[: kinds.index("party")] if w != "the"]
    # one "of" only: in "Representative of the Secretary-General of X" X is the counterpart
    owner = bool(before) and before[-1] == "of" and words.count("of") == 1
    return owner or target_start(view, idx, kinds) is not None


def after_and(view: _View, picked: Sequence[int]) -> list[int]:
    """A scan back that met "Title X of Y and Title Z": Z's role is what follows the last
    "and" (the party before it is X's)."""
    cut = max(j for j in picked if view.tokens[j].text == "and")
    return sorted(j for j in picked if j > cut)
