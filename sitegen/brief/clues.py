"""What dating and grouping read from one article alone: its meeting place, the
venues and weekdays its sentences name, its ordinals and dateline clues.

All of it depends only on the article (and the word lists), so it is worked out
once, beside the article's extraction, and cached with its facts; grouping
then compares the clues of many articles without reading any text again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from sitegen.extract.dates import (
    WeekdayMention,
    about_talks,
    calendar,
    mentions_previous_meeting,
    round_ordinals,
    text_date,
    weekday_mentions,
    wire_day,
)
from sitegen.extract.gazetteer import canonical_place
from sitegen.extract.parties import find_places
from sitegen.models import Article, Mention

VENUE_BEFORE = re.compile(
    r"\b(?:in|at|to)\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}(?:city|capital|port|town|resort)(?:\s+of|,)\s+)?$",
    re.IGNORECASE,
)
"""Words before a venue: "in Doha", "in the Saudi city of Jeddah", "in Qatar's capital, Doha"."""
NEAR_MEETING_WORDS = 6
"""A venue this many words after a meeting word ("met in", "talks in") is named as the
meeting's own place and counts double."""
VENUE_AFTER = re.compile(
    r"\s+(?:talks|meeting|negotiations|summit|round|process|conference)\b", re.IGNORECASE
)
POSSESSIVE = re.compile(r"(?:'|’)s?\b")
WIRE_CITY = re.compile(r"([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})(?:/[A-Z /]+)?,? ")


@dataclass(slots=True)
class Clues:
    """One article's dating and grouping evidence (see ``read_clues``)."""

    place: str | None
    """Where the talks it reports took place (``meeting_place``)."""
    venues: dict[int, set[str]]
    """Sentence index -> places it names as venues (see ``venues_by_sentence``)."""
    mentions: list[WeekdayMention]
    """Weekdays its sentences name."""
    text_date: dt.date | None
    """The day a full date in the text gives, for an article without a dateline."""
    talks: bool
    """Whether it is about negotiations at all (``about_talks``)."""
    wire_day: tuple[int, int] | None
    """(month, day) of a wire dateline opening the story."""
    ordinals: list[int]
    """Round ordinals it names ("a second round")."""
    previous_meeting: bool
    """It says an earlier meeting of the same talks took place."""


def read_clues(article: Article) -> Clues:
    """Everything grouping needs from ``article``, read once."""
    places = find_places(article)
    return Clues(
        place=meeting_place(article, places),
        venues=venues_by_sentence(article, places),
        mentions=weekday_mentions(article),
        text_date=None if article.dateline else text_date(article),
        talks=about_talks(article),
        wire_day=wire_day(article),
        ordinals=round_ordinals(article),
        previous_meeting=mentions_previous_meeting(article),
    )


def _lead_in(before: str) -> str:
    """The last words of the clause before a venue phrase ("Envoys met" in "Envoys met
    in the city of X"; "as fighting raged" in "..., as fighting raged in X")."""
    venue = VENUE_BEFORE.search(before)
    clause = re.split(r"[,;:—–]", before[: venue.start()] if venue else before)[-1]
    return " ".join(clause.split()[-NEAR_MEETING_WORDS:])


def _is_venue(text: str, start: int, end: int) -> bool:
    """ "in Abu Dhabi", "at Camp David", "the Doha talks": a place named as where
    something happens, not as a metonym for its government ("Moscow said")."""
    if POSSESSIVE.match(text[end:]):
        return False  # "according to Kyiv's negotiator": a metonym, not a venue
    return bool(VENUE_BEFORE.search(text[:start]) or VENUE_AFTER.match(text[end:]))


def venues_by_sentence(article: Article, places: list[tuple[str, Mention]]) -> dict[int, set[str]]:
    """The places each sentence names as the venue of something."""
    found: dict[int, set[str]] = {}
    for name, m in places:
        if _is_venue(article.sentences[m.sentence].text, m.start, m.end):
            found.setdefault(m.sentence, set()).add(name)
    return found


def _wire_city(article: Article) -> str | None:
    """The city of a wire dateline opening the story ("DOHA, March 10 (Reuters) -")."""
    body = [s for s in article.sentences if s.part == "body"][:1]
    m = WIRE_CITY.match(body[0].text) if body else None
    if m is None:
        return None
    city = m.group(1).title()
    known = canonical_place(city)
    if known:
        return known
    # a town the gazetteer lacks still counts in a true wire dateline ("OHRID, ..., March 18 (")
    return city if calendar().wire_day.match(body[0].text) else None


def meeting_place(article: Article, places: list[tuple[str, Mention]]) -> str | None:
    """Where the talks an article reports took place.

    ``places`` are (canonical name, mention) pairs in the article's sentences.
    A place counts when it is named as a venue in a sentence about a meeting
    (double when a meeting word comes just before it: "met in the Saudi city of
    Jeddah", not "as fighting raged in Khartoum"), and three times when the
    headline names it (it outweighs any one sentence); the most frequent wins,
    and a tie between different places gives no answer.
    """
    meeting = calendar().meeting
    votes: Counter[str] = Counter()
    surfaces: dict[str, set[str]] = {}
    for name, m in places:
        surfaces.setdefault(name, set()).add(m.text)
        text = article.sentences[m.sentence].text
        if meeting.search(text) and _is_venue(text, m.start, m.end):
            votes[name] += 2 if meeting.search(_lead_in(text[: m.start])) else 1
    for name, forms in surfaces.items():
        for form in forms:
            at = article.title.find(form)
            if at >= 0 and _is_venue(article.title, at, at + len(form)):
                votes[name] += 3
                break
    filed_from = _wire_city(article)
    if filed_from:
        votes[filed_from] += 1  # "PRETORIA, Nov 2 (Reuters) -": filed from there, often the venue
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
