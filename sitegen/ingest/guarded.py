"""Patterns behind the quick test of their needles (``Guarded``), and tail searches.

A compiled pattern whose text holds none of the words every match needs is not
searched at all: most patterns never match most sentences, and a few ``in`` tests
say so far faster than ``re`` trying the pattern at every position. Kept apart from
``literals`` (which reads the needles) by concern and size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.ingest.literals import MAX_SETS, Needles, all_needles, lowered

_NO_END = 2**63 - 1


@dataclass(frozen=True, slots=True, eq=False)
class Guarded:
    """A compiled pattern behind the quick test of its needles: the same matches, but a
    text holding none of the words every match needs is not searched at all.

    ``re`` tries a pattern such as ``\\b(?:talks|negotiations|...)\\b`` (ignoring
    case) at every position of a text, trying each word in turn; most sentences
    hold none of the words, and a few ``in`` tests say so far faster."""

    regex: re.Pattern[str]
    sets: tuple[Needles, ...]
    """Sets of strings every match holds one of each of (``all_needles``)."""

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Guarded:
        """The pattern with its needles read once."""
        return cls(pattern, needle_sets(pattern))

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in ``text``."""
        sets = self.sets
        if not sets:
            return True
        if sets[0].folded:
            low = lowered(text)
            if low is None:
                return True
            text = low
        for found in sets:  # ``holds_all`` written out: asked before every search
            for word in found.words:
                if word in text:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = _NO_END) -> re.Match[str] | None:
        return self.regex.search(text, pos, endpos) if self.may(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = _NO_END) -> re.Match[str] | None:
        return self.regex.match(text, pos, endpos) if self.may(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = _NO_END) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, pos, endpos) if self.may(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = _NO_END) -> list[Any]:
        return self.regex.findall(text, pos, endpos) if self.may(text) else []


_TAIL_REACH = 80


def search_tail(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that opens with a run of one character
    class and ends with ``$`` (``([\\w']+)$``, ``([\\w-]+)\\s+$``), in time of the tail.

    ``re`` tries such a pattern from every position of the text; its match is the
    run that ends the text, so only the last characters are searched. A match at
    the start of that window (the run may go on before it), or none in a window of
    white space only, falls back to the whole search: the same match always."""
    start = len(text) - _TAIL_REACH
    if start <= 0:
        return pattern.search(text)
    m = pattern.search(text, start)
    if m is None:
        return pattern.search(text) if text[start:].isspace() else None
    if m.start() == start:
        return pattern.search(text)
    return m


def needle_sets(pattern: re.Pattern[str], parsed: Any = None) -> tuple[Needles, ...]:
    """The sets of needles a quick test of ``pattern`` checks (at most ``MAX_SETS``;
    ``parsed``: its parse, as ``all_needles`` takes it)."""
    return tuple(all_needles(pattern, parsed)[:MAX_SETS])


def holds_all(sets: tuple[Needles, ...], seen: str) -> bool:
    """Whether ``seen`` holds a word of each set (``seen``: the text, or ``lowered(text)``
    for folded needles): ``Guarded.may`` for callers that lower a text once for many."""
    for found in sets:
        for word in found.words:
            if word in seen:
                break
        else:
            return False
    return True


def guarded(pattern: str, flags: int = 0) -> Guarded:
    """``re.compile(pattern, flags)`` behind the quick test of its needles."""
    return Guarded.of(re.compile(pattern, flags))
