"""The years a briefing's dates may fall in.

News about a negotiation is dated within living memory; a date of ``0001-01-01``
or ``9999-12-31`` is a typo or an attack, and near the ends of Python's calendar
a timeline's margin of a day overflows it. So such a date is refused where it
is read (a per-file error for a dateline or a front-matter date; a date written
in an article's text is simply not taken as one).
"""

from __future__ import annotations

import datetime as dt

FIRST_YEAR = 1900
LAST_YEAR = 2100


def plausible(day: dt.date) -> bool:
    """Whether ``day`` falls within FIRST_YEAR..LAST_YEAR."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def out_of_range(day: dt.date) -> str:
    """The message for a date outside the range."""
    return (
        f"the date {day.isoformat()} is outside {FIRST_YEAR}–{LAST_YEAR}; "
        "write the day the article or note is about"
    )
