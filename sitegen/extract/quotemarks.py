"""Quotation-mark spans in a paragraph: which marks open and close a quotation.

Kept apart from attribution because it is pure string work. Double marks
(straight, curly, guillemets) are paired by position; single marks only count
when they plainly open and close within the paragraph, so apostrophes
(``Russia’s``, ``don’t``, ``’90s``) and nested quotes never start a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
_BEFORE_OPEN = "([{—–-/:"
_ANY_MARK = re.compile(
    "[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN) + "]"
)
_AFTER_CLOSE = ".,;:!?)]}—–-…"


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """One quotation inside one paragraph's text."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just past the closing mark, or the paragraph's end when unclosed."""
    closed: bool
    """Whether a closing mark was found in this paragraph."""
    single: bool = False
    """Whether single marks delimit it (headline style)."""

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the words inside the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _can_open(text: str, i: int) -> bool:
    """A mark opens when it follows a space or bracket and precedes a non-space."""
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _can_close(text: str, i: int) -> bool:
    """A mark closes when it follows a non-space and precedes a space or punctuation."""
    before_ok = i > 0 and not text[i - 1].isspace()
    after = text[i + 1] if i + 1 < len(text) else " "
    return before_ok and (after.isspace() or after in _AFTER_CLOSE or after in "”’\"'")


def _single_closer(text: str, i: int, limit: int) -> int | None:
    """Where a single-mark quotation opened at ``i`` closes, if it does before ``limit``."""
    for j in range(i + 2, limit):
        ch = text[j]
        if ch in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE:
            return None
        if ch in SINGLE_CLOSE and _can_close(text, j):
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if not nxt.isalnum():
                return j
    return None


def _single_opens(text: str, i: int) -> bool:
    """A single mark opens only before a letter, after a space, bracket or start."""
    if text[i] not in SINGLE_OPEN:
        return False
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN
    return before_ok and i + 1 < len(text) and text[i + 1].isalpha()


def find_mark_spans(text: str) -> list[MarkSpan]:
    """All quotations in one paragraph, in order; never raises on unbalanced marks."""
    spans: list[MarkSpan] = []
    open_at: int | None = None
    i = 0
    n = len(text)
    plain = text.isascii()  # then the straight marks are all it can hold: found by ``find``
    while True:
        if plain:
            double, single = text.find('"', i), text.find("'", i)
            i = double if single < 0 or 0 <= double < single else single
            if i < 0:
                break
        else:
            mark = _ANY_MARK.search(text, i)  # only marks change the state: skip to the next
            if mark is None:
                break
            i = mark.start()
        ch = text[i]
        if open_at is None:
            if ch in DOUBLE_OPEN or ch == STRAIGHT_DOUBLE:
                if _can_open(text, i) or (ch in DOUBLE_OPEN and i + 1 < n):
                    open_at = i
            elif ch in DOUBLE_CLOSE and _can_open(text, i) and not _can_close(text, i):
                open_at = i  # a closing mark misused as an opener
            elif _single_opens(text, i):
                j = _single_closer(text, i, n)
                if j is not None:
                    spans.append(MarkSpan(i, j + 1, True, single=True))
                    i = j
        else:
            if ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE:
                if ch == STRAIGHT_DOUBLE and _can_open(text, i) and not _can_close(text, i):
                    # a straight mark that can only open: the last one never closed
                    spans.append(MarkSpan(open_at, i, False))
                    open_at = i
                else:
                    spans.append(MarkSpan(open_at, i + 1, True))
                    open_at = None
            elif ch in DOUBLE_OPEN:
                if _can_close(text, i) and not _can_open(text, i):
                    spans.append(MarkSpan(open_at, i + 1, True))  # opener misused as closer
                    open_at = None
                elif (inner := _nested_close(text, i)) is not None:
                    i = inner  # 'the “X,” in particular' inside a quotation: its title
                else:
                    spans.append(MarkSpan(open_at, i, False))
                    open_at = i
        i += 1
    if open_at is not None:
        spans.append(MarkSpan(open_at, n, False))
    return [s for s in spans if _has_words(text, s)]


def _nested_close(text: str, i: int) -> int | None:
    """Where a quotation nested with the same marks as its outer one closes: two closing
    marks follow the inner opener at ``i`` with no opener between (the inner closes
    first, then the outer), else None."""
    closers: list[int] = []
    for m in _ANY_MARK.finditer(text, i + 1):
        ch = m.group(0)
        if ch in DOUBLE_OPEN or (ch == STRAIGHT_DOUBLE and not closers):
            return None
        if ch in DOUBLE_CLOSE and _can_close(text, m.start()):
            closers.append(m.start())
            if len(closers) == 2:
                return closers[0]
    return None


def _has_words(text: str, span: MarkSpan) -> bool:
    """Drop empty or punctuation-only spans such as a stray pair of marks."""
    a, b = span.inner
    return any(c.isalnum() for c in text[a:b])


def opens_with_mark(text: str) -> bool:
    """Whether a paragraph begins with an opening double mark (a continued quotation)."""
    stripped = text.lstrip()
    return bool(stripped) and (stripped[0] in DOUBLE_OPEN or stripped[0] == STRAIGHT_DOUBLE)
