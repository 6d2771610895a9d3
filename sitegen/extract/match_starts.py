"""Where a pattern's matches can start: at one of the words every match starts with.

``re`` tries a pattern such as ``(?<![\\w-])(?:cease-?fire|truce)`` (ignoring case)
at every position of a text, look-behind first. Every match of it starts with
"cease" or "truce", so a search may begin where the first of those words stands
without finding anything else: what lies before holds no match, and look-behinds
and ``\\b`` still see the text before the starting position.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the parser's op codes: no public API parses patterns
import re._parser as _parser
from dataclasses import dataclass
from typing import Any

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_MAX_WORDS = 24
"""More leading words than this cost more ``find`` calls than the search they spare."""
_MAX_TRIES = 6
"""Places a ``Starts.search`` tries one by one before it lets ``re`` search the rest (a
leading word on every line of a text, "is" or "a", is cheaper searched for by ``re``)."""


def _leading(items: Any, folded: bool) -> tuple[str, ...] | None:
    """Strings one of which every match of the parsed sequence starts with, or None."""
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            char = chr(av)
            if folded and not char.isascii():
                break
            run.append(char.lower() if folded else char)
            continue
        if run:
            break
        if op in _ZERO_WIDTH:
            continue  # a look-around or an anchor takes no text
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _leading(sub, folded)
        if op is _sre.BRANCH:
            words: list[str] = []
            for branch in av[1]:
                found = _leading(branch, folded)
                if not found:
                    return None
                words += found
            return tuple(dict.fromkeys(words))
        return None
    return ("".join(run),) if run else None


@dataclass(frozen=True, slots=True)
class Starts:
    """The words every match of a pattern starts with (lower case when it ignores case)."""

    words: tuple[str, ...] | None
    folded: bool

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Starts:
        folded = bool(pattern.flags & re.IGNORECASE)
        try:
            parsed = _parser.parse(pattern.pattern, pattern.flags)
        except Exception:  # an unexpected pattern is only searched from the start
            return cls(None, folded)
        words = _leading(parsed.data, folded)
        return cls(words if words and len(words) <= _MAX_WORDS else None, folded)

    def first(self, text: str, low: str | None) -> int:
        """A position before which no match starts (``low``: ``literals.lowered(text)``)."""
        within = low if self.folded else text
        words = self.words
        if words is None or within is None:
            return 0
        first = len(text)
        for word in words:  # written out: asked for every candidate pattern of every sentence
            at = within.find(word, 0, first + len(word) - 1)  # starting before ``first``
            if at >= 0:
                first = at
        return first

    def search(
        self, pattern: re.Pattern[str], text: str, low: str | None, pos: int = 0
    ) -> re.Match[str] | None:
        """``pattern.search(text, pos)``, tried only where a leading word stands.

        ``re`` tries a pattern that opens with a look-behind at every position, and
        under ``re.IGNORECASE`` each try costs a case fold per character. A match starts
        with one of the words, so a ``match`` at each place one stands, in order, finds
        the same first match: the search would have failed at every place before."""
        within = low if self.folded else text
        words = self.words
        if words is None or within is None:
            return pattern.search(text, pos)
        for _ in range(_MAX_TRIES):
            at = -1
            for word in words:  # the first place any word stands from ``pos``
                found = (
                    within.find(word, pos) if at < 0 else within.find(word, pos, at + len(word) - 1)
                )
                if found >= 0:
                    at = found
            if at < 0:
                return None
            m = pattern.match(text, at)
            if m is not None:
                return m
            pos = at + 1
        return pattern.search(text, pos)

    def finditer(self, pattern: re.Pattern[str], text: str, low: str | None) -> list[re.Match[str]]:
        """``list(pattern.finditer(text))`` by ``search``: a match holds a leading word, so
        it is never empty and the next one is searched for from its end."""
        if self.words is None or (low if self.folded else text) is None:
            return list(pattern.finditer(text))
        out: list[re.Match[str]] = []
        m = self.search(pattern, text, low)
        while m is not None:
            out.append(m)
            m = self.search(pattern, text, low, m.end())
        return out
