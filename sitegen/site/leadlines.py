"""A report's lead sentence as a summary line: its wire dateline cut off.

Wires open a story with where and when it was filed and by whom ("GENEVA, May 10,
2025 - ", "KYIV (Reuters) -", "Jan 4 (AFP) —"); extraction keeps the sentence as
written (its citation must find it), but a summary reads better without it. Only
a prefix that is plainly a dateline is cut: a place in capitals, a place with a
date, or a date or place with an agency in brackets, then a dash or colon.
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.extract.dates import calendar

_MAX_PREFIX = 80
"""A dateline is short; a longer prefix before a dash is part of the sentence."""


@cache
def _dateline() -> re.Pattern[str]:
    months = "|".join(sorted(map(re.escape, calendar().months), key=len, reverse=True))
    day = rf"(?i:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    agency = r"\(\s*[A-Z][\w .&-]{0,20}\)"
    caps = r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*"
    place = r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}"
    dash = r"\s*(?:[-—–]{1,2}|:)\s+"
    forms = [
        # "KYIV", "GENEVA, May 10, 2025", "BELMAR, Astoria — (Wire)"
        rf"{caps}(?:,\s*{place})?(?:,\s*{day})?(?:\s*(?:[-—–]\s*)?{agency})?",
        rf"{place},\s*{day}(?:\s*{agency})?",  # "Geneva, May 10, 2025"
        rf"(?:{place},?\s*)?{day}\s*{agency}",  # "Jan 4 (AFP)"
        rf"{place}\s*{agency}",  # "Kyiv (Reuters)"
    ]
    return re.compile(rf"^(?:{'|'.join(forms)}){dash}(?=\S)")


@cache
def _dateline_only() -> re.Pattern[str]:
    """A sentence that is nothing but a dateline: "BERGEN, August 26. /NTB/."."""
    months = "|".join(sorted(map(re.escape, calendar().months), key=len, reverse=True))
    return re.compile(
        rf"^[A-Z][A-Z .'’-]+,\s*(?i:{months})\.?\s+\d{{1,2}}\.?\s*/\s*[A-Z][\w .-]{{0,20}}/\.?$"
    )


def dateline_only(sentence: str) -> bool:
    """Whether a sentence says only where, when and by whom a story was filed."""
    return _dateline_only().match(sentence.strip()) is not None


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading wire dateline; unchanged when it has none."""
    m = _dateline().match(sentence)
    if m is None or m.end() > _MAX_PREFIX or len(sentence) - m.end() < 20:
        return sentence
    rest = sentence[m.end() :]
    return rest[:1].upper() + rest[1:]
