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
from dataclasses import dataclass, field

from sitegen.brief.roundmatch import same_venue
from sitegen.brief.venuevotes import CONFLICT_IN, city_name, pick_venue, title_venues
from sitegen.extract.cities import find_city
from sitegen.extract.datelines import (
    last_weekday,
    meeting_month_day,
    meeting_start_day,
    meeting_unset,
    says_today,
    talks_continue,
    text_date,
    wire_day,
)
from sitegen.extract.dates import (
    WeekdayMention,
    about_talks,
    calendar,
    mentions_previous_meeting,
    round_ordinals,
    weekday_mentions,
)
from sitegen.extract.dayspans import meeting_span
from sitegen.extract.gazetteer import (
    find_terms,
    gazetteer,
    party_name,
    place_is_country,
)
from sitegen.extract.literals import guarded
from sitegen.extract.parties import find_places
from sitegen.extract.terms import article_terms
from sitegen.models import Article, Mention

VENUE_BEFORE = re.compile(
    r"\b(?:in|at|to)\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}(?:city|capital|port|town|resort)(?:\s+of|,)\s+"
    r"|(?-i:[A-Z][\w'’-]*\s+){0,2}(?-i:[A-Z][\w'’-]*)\s*\()?$",
    re.IGNORECASE,
)
"""Words before a venue: "in Doha", "in the Saudi city of Jeddah", "in Qatar's capital, Doha",
and a name glossed in brackets: "in Al-Quds (Jerusalem)", an older or local name first."""
NEAR_MEETING_WORDS = 6
"""A venue this many words after a meeting word ("met in", "talks in") is named as the
meeting's own place and counts double."""
VENUE_AFTER = re.compile(
    r"\s+(?:talks|meeting|negotiations|summit|round|process|conference)\b", re.IGNORECASE
)
VENUE_PHRASE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+(?:[\w'’-]+\s+){0,3}(?:city|capital|port|town|resort)\s+of\s+)?"
    r"((?:[A-Z][\w'’.]*)(?:[ -](?:[A-Z][\w'’.]*|el|al|es|de|la|le|du|del|di|sur|am))*)"
)
"""A capitalised name right after "in"/"at": where a venue from the city list may be."""
NAMED_MEETING = guarded(
    r"\bthe\s+((?:[A-Z][\w'’.-]*\s+){1,3}?)(?:talks|meeting|summit|negotiations|round)\b"
)
"""The name before "talks" in "the Lugano talks": a venue when it is a city's whole name."""
GIVEN_UP = re.compile(
    r"\b(?:initially|originally|first|previously|previous|earlier|past|prior"
    r"|instead of|rather than|moved from|relocated from|switched from)\b(?:\s+[\w'’-]+){0,5}\s*$",
    re.IGNORECASE,
)
"""Words before a venue given up or of an earlier meeting: "initially planned to be held
in X", "after two previous rounds in X"."""
OTHER_MEETING = re.compile(
    r"\bnext\s+(?:meeting|round|session|summit)"
    r"|\b(?:next|last)\s+(?:week|month|year|summer|spring|autumn|fall|winter)\b"
    r"|\blater this (?:month|year)\b|\bin (?:19|20)\d\d\b",
    re.IGNORECASE,
)
"""A clause about a meeting other than the one reported: "the next round in X", "agreed
to meet next week in X", "met in X last summer"."""
NEW_MEETING = re.compile(
    r"\b(?:new|another|further|follow-up)\s+(?:meeting|round|session|summit)", re.IGNORECASE
)
ANNOUNCED = re.compile(r"\b(?:announced|announce|proposed|planned|invited)\b", re.IGNORECASE)
"""With ``NEW_MEETING``: "announced a new meeting in X" is another meeting; "a new round
opened in X" is the one reported."""
SPOKE_AT = re.compile(
    r"\b(?:told|said|says|spoke|speaking|remarks|reporters|briefing|conference)\b[^,;]*$",
    re.IGNORECASE,
)
"""Words before a building where someone spoke, not where talks were held."""
POSSESSIVE = re.compile(r"(?:'|’)s?\b")
TITLE_WIRE = re.compile(
    r"([A-Z][a-z'.-]+(?: [A-Z][a-z'.-]+){0,2}),? (?=[A-Z][a-z]{2,8}\.? \d{1,2} ?\()"
)
"""A title-case dateline before a month, a day and an agency: "Turku, June 9 (STT)"."""
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
    continuing: bool = False
    """It says the talks go on ("continuing this week", "resumed"): a later day of a
    meeting that began before."""
    today: bool = False
    """Its lead says "today" or "this morning" (written on a day of the talks)."""
    unset: bool = False
    """It says a meeting's day is not fixed ("no date has been set")."""
    last_weekday: int | None = None
    """Weekday of "last Wednesday" in a sentence about the talks (``datelines``)."""
    terms: list[str] = field(default_factory=list)
    """Its distinctive words (names, nouns), for telling which round it fits best."""
    begun: tuple[int, int] | None = None
    """(month, day) the meeting it reports began on, when it says so."""
    span: tuple[tuple[int, int], tuple[int, int]] | None = None
    """First and last (month, day) of the meeting, when written as a range ("Aug. 22-26")."""


def read_clues(article: Article) -> Clues:
    """Everything grouping needs from ``article``, read once."""
    places = find_places(article)
    places = sorted(
        places + other_venues(article, places), key=lambda p: (p[1].sentence, p[1].start)
    )
    place = meeting_place(article, places)
    venues = venues_by_sentence(article, places)
    return Clues(
        place=place,
        venues=venues,
        mentions=weekday_mentions(article),
        text_date=None if article.dateline else text_date(article),
        talks=about_talks(article),
        wire_day=wire_day(article) or meeting_month_day(article, _elsewhere(place, venues)),
        ordinals=round_ordinals(article),
        previous_meeting=mentions_previous_meeting(article),
        continuing=talks_continue(article),
        today=says_today(article),
        unset=meeting_unset(article),
        last_weekday=last_weekday(article),
        terms=article_terms(article),
        begun=meeting_start_day(article, _elsewhere(place, venues)),
        span=meeting_span(article, _elsewhere(place, venues)),
    )


def _elsewhere(place: str | None, venues: dict[int, set[str]]) -> frozenset[int]:
    """Sentences naming only venues other than the story's own ("talks were held in
    Cairo" in a story on Geneva): a day they give belongs to that other meeting."""
    if place is None:
        return frozenset()
    return frozenset(
        index for index, names in venues.items() if not any(same_venue(n, place) for n in names)
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
    """The city a story was filed from: a wire dateline opening it ("DOHA, March 10
    (Reuters) -", "Turku, June 9 (STT)--", "BERGEN — ..."), or a place set alone in
    capitals above it."""
    body = [s for s in article.sentences if s.part == "body"][:1]
    heads = [article.title, *(s.text for s in body)]
    for text in heads:
        m = WIRE_CITY.match(text) or TITLE_WIRE.match(text)
        if m is None or not (
            m.group(0).rstrip().endswith(",") or text[m.end() : m.end() + 1] in "—–-(/"
        ):
            continue  # "UN announces ...": a capitalised word, no dateline
        city = city_name(m.group(1))
        if city:
            return city
        # a town no list knows still counts in a true wire dateline ("PORT ELIN, May 2 (")
        if calendar().wire_day.match(text) and m.group(1).isupper():
            return m.group(1).title()
    for line in article.captions:
        if line.isupper() and len(line.split()) <= 4:
            city = city_name(line)
            if city:
                return city
    return None


def meeting_place(article: Article, places: list[tuple[str, Mention]]) -> str | None:
    """Where the talks an article reports took place.

    ``places`` are (canonical name, mention) pairs in the article's sentences.
    A place counts when it is named as a venue in a sentence about a meeting
    (double when a meeting word comes just before it: "met in the Saudi city of
    Jeddah", not "as fighting raged in Khartoum"), and three times when the
    headline names it (it outweighs any one sentence); the most frequent wins,
    and a tie between different places gives no answer. A building named for
    its city ("at Downing Street") counts only where the talks are held there;
    a venue given up ("initially planned in X") not at all, nor one of a meeting
    other than the one reported ("a new meeting in X", "met in X last summer")
    not either; a country only when no city is named.
    """
    meeting = calendar().meeting
    votes: Counter[str] = Counter()
    surfaces: dict[str, set[str]] = {}
    about_meeting: dict[int, bool] = {}  # per sentence: most name several places
    for name, m in places:
        surfaces.setdefault(name, set()).add(m.text)
        text = article.sentences[m.sentence].text
        talks = about_meeting.get(m.sentence)
        if talks is None:
            talks = about_meeting[m.sentence] = meeting.search(text) is not None
        if not talks or not _is_venue(text, m.start, m.end):
            continue
        lead_in = _lead_in(text[: m.start])
        if GIVEN_UP.search(lead_in) or _other_meeting(_clause(text, m.start, m.end)):
            continue
        if CONFLICT_IN.search(text[max(0, m.start - 40) : m.start]):
            continue  # "talks to end the war in X": where the war is, not the talks
        near = bool(meeting.search(lead_in))
        if place_is_country(name) and not (near and VENUE_BEFORE.search(text[: m.start])):
            continue  # "the Astoria-Belmar talks", "farmers in Finland": no venue of the talks
        if _is_building(m.text) and SPOKE_AT.search(text[max(0, m.start - 40) : m.start]):
            continue  # "a minister told reporters at Downing Street": not where talks are
        votes[name] += 2 if near else 1
    for name, forms in surfaces.items():
        for form in forms:
            at = article.title.find(form)
            if at < 0 or not _is_venue(article.title, at, at + len(form)):
                continue
            if CONFLICT_IN.search(article.title[max(0, at - 40) : at]):
                continue
            if place_is_country(name) and not VENUE_BEFORE.search(article.title[:at]):
                continue
            votes[name] += 3
            break
    for name in title_venues(article.title, set(surfaces)):
        votes[name] += 3  # "Talks resume in Doha" over a body that only says "in Qatar"
    filed_from = _wire_city(article)
    if filed_from:
        votes[filed_from] += 1  # "PRETORIA, Nov 2 (Reuters) -": filed from there, often the venue
    return pick_venue(votes)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a mention: from the last break before it to the next after."""
    before = re.split(r"[,;:—–]", text[:start])[-1]
    after = re.split(r"[,;:—–]", text[end:])[0]
    return f"{before}{text[start:end]}{after}"


def _other_meeting(clause: str) -> bool:
    """The clause is about a meeting other than the one the story reports."""
    if OTHER_MEETING.search(clause):
        return True
    return bool(
        NEW_MEETING.search(clause)
        and (ANNOUNCED.search(clause) or calendar().future.search(clause))
    )


def _is_building(surface: str) -> bool:
    """The mention names a building or office standing for its city ("the White
    House"), not the city."""
    entries = gazetteer().entries
    entry = entries.get(surface) or entries.get(f"the {surface}")
    return entry is not None and entry.kind == "seat"


def other_venues(article: Article, known: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """Venues beyond the gazetteer's cities: countries named as where something happens
    ("talks in Norway"), and towns of the city list in a venue phrase ("in the Swiss
    town of Lugano"): capitalised words right after "in" or "at", so that a
    surname or a common word that is also some town's name is not taken."""
    taken = {(m.sentence, m.start) for _, m in known}
    out: list[tuple[str, Mention]] = []
    for s in article.sentences:
        if s.part == "caption":
            continue
        for t in find_terms(s.text):
            if t.kind in ("name", "alias") and t.country and (s.index, t.start) not in taken:
                name = party_name(t.country)
                if name:
                    out.append((name, Mention(s.index, t.start, t.end, t.text)))
                    taken.add((s.index, t.start))
        for m in VENUE_PHRASE.finditer(s.text):
            phrase = m.group(1).rstrip(".'’")
            if (s.index, m.start(1)) in taken or phrase in gazetteer().entries:
                continue
            words = phrase.replace("-", " - ").split()
            if words[0].lower() in calendar().months or words[0].lower() in calendar().weekdays:
                continue  # "in March", "on Monday"
            found = find_city([w for w in words if w != "-"])
            if found:
                name, n = found
                end = m.start(1) + _span_of(phrase, n)
                out.append((name, Mention(s.index, m.start(1), end, s.text[m.start(1) : end])))
            elif m.group(0)[: m.start(1) - m.start()].rstrip().endswith(" of"):
                # "in the Swiss resort of Crans-Montana": the text says it is a place,
                # though no list knows the town
                end = m.start(1) + len(phrase)
                out.append((phrase, Mention(s.index, m.start(1), end, phrase)))
        for m in NAMED_MEETING.finditer(s.text):
            phrase = m.group(1).strip()
            if (s.index, m.start(1)) in taken or phrase in gazetteer().entries:
                continue
            words = phrase.replace("-", " ").split()
            found = find_city(words)
            if found and found[1] == len(words):
                end = m.start(1) + len(phrase)
                out.append((found[0], Mention(s.index, m.start(1), end, phrase)))
    return out


def _span_of(phrase: str, words: int) -> int:
    """Length of the first ``words`` words of ``phrase`` (hyphens join words)."""
    spans = list(re.finditer(r"[^\s-]+", phrase))
    return spans[min(words, len(spans)) - 1].end()
