"""The days a meeting runs, when a story writes them as a range.

Conferences and multi-day rounds are announced as "talks scheduled on Aug. 22-26",
"held from Nov. 25-Dec. 1" or "on 6-9 October": a story written on the first day
and one written on the last then report the same meeting, not two. The range is
read as months and days; its year is the story's (``brief.rounds`` borrows it
from the story's date, as it does for a weekday).
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.extract.datelines import is_historical
from sitegen.extract.dates import calendar
from sitegen.models import Article

MonthDay = tuple[int, int]

LONGEST_DAYS = 21
"""A range longer than this is a season or a deadline, not the days of a meeting."""

_TO = r"\s*(?:-|–|—|to|through|until|till)\s*"
_JOINS = ("-", "–", "—", " to ", "through", "until", "till")
"""A range needs one of these: most sentences hold none and are not searched."""
_DIGIT = re.compile(r"\d")


@cache
def _range() -> re.Pattern[str]:
    month = "|".join(re.escape(w) for w in sorted(calendar().months, key=len, reverse=True))
    m = rf"(?:{month})\.?"
    return re.compile(
        # "Aug. 22-26", "Nov. 25-Dec. 1", "August 5 to 15"
        rf"\b(?P<ma>{m})\s+(?P<da>\d{{1,2}}){_TO}(?:(?P<mb>{m})\s+)?(?P<db>\d{{1,2}})\b(?![:.]\d)"
        # "6-9 October", "5 to 15 August", "25 November-1 December"
        rf"|\b(?P<dc>\d{{1,2}})(?:\s+(?P<mc>{m}))?{_TO}(?P<dd>\d{{1,2}})\s+(?:of\s+)?(?P<md>{m})",
        re.IGNORECASE,
    )


def _pair(month: str | None, day: str) -> MonthDay | None:
    if month is None or not 1 <= int(day) <= 31:
        return None
    return calendar().months[month.lower().rstrip(".")], int(day)


def _span(m: re.Match[str]) -> tuple[MonthDay, MonthDay] | None:
    if m.group("ma"):
        first = _pair(m.group("ma"), m.group("da"))
        last = _pair(m.group("mb") or m.group("ma"), m.group("db"))
    else:
        first = _pair(m.group("mc") or m.group("md"), m.group("dc"))
        last = _pair(m.group("md"), m.group("dd"))
    if first is None or last is None:
        return None
    # Within a year: a later month, or the same month and a later day; across New Year
    # the month wraps ("Dec. 28-Jan. 3").
    days = (last[0] - first[0]) % 12 * 31 + last[1] - first[1]
    return (first, last) if 0 < days <= LONGEST_DAYS else None


def meeting_span(
    article: Article, elsewhere: frozenset[int] = frozenset()
) -> tuple[MonthDay, MonthDay] | None:
    """The first and last (month, day) of the meeting, from the first range written in a
    sentence about a meeting; never one of the ``elsewhere`` sentences (a meeting at
    another venue) nor a range in the past of the conflict."""
    meeting = calendar().meeting
    for index, s in enumerate(article.sentences):
        text = s.text
        if s.part == "caption" or index in elsewhere or not any(j in text for j in _JOINS):
            continue
        if not _DIGIT.search(text) or not meeting.search(text):
            continue
        for m in _range().finditer(text):
            span = _span(m)
            if span and not is_historical(text, m.start()):
                return span
    return None
