"""Dates written in an article: full dates, and weekdays with their tense.

Only a date with day, month and year counts as explicit; a weekday is kept as
a weekday and resolved later against a known day (the article's own date or
its round's), because a weekday alone never fixes a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.extract.literals import Guarded, guarded, trie_alternation
from sitegen.ingest.dayrange import plausible
from sitegen.models import Article


@dataclass(frozen=True, slots=True)
class Calendar:
    """Compiled calendar patterns from ``data/calendar.yaml`` (those searched in every
    sentence behind the quick test of their words: ``literals.Guarded``)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    full_date: Guarded
    weekday: Guarded
    future: Guarded
    meeting: re.Pattern[str]
    day_ordinal: Guarded
    day_ordinals: dict[str, int]
    round_ordinal: Guarded
    round_ordinals: dict[str, int]
    previous: Guarded
    talk: Guarded
    wire_day: re.Pattern[str]
    other_event: Guarded
    spoke_on: re.Pattern[str]
    before_meeting: re.Pattern[str]
    away: re.Pattern[str]


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


def _folded_trie(items: list[str]) -> str:
    """``_words`` as a trie (``literals.trie_alternation``), for a pattern that ignores
    case: the words in lower case, so no two branches differ only in case."""
    return trie_alternation(sorted({w.lower() for w in items}))


@cache
def calendar() -> Calendar:
    """Build the patterns once."""
    data = load("calendar")
    months = {str(k): int(v) for k, v in data["months"].items()}
    weekdays = {str(k): int(v) for k, v in data["weekdays"].items()}
    month = _words(list(months))
    full = (
        rf"\b(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
        rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{month})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
        r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
        # "19.08.2024": the dotted day-month-year of European stamps
        r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>(?:19|20)\d\d))\b"
    )
    return Calendar(
        months=months,
        weekdays=weekdays,
        full_date=guarded(full, re.IGNORECASE),
        weekday=guarded(rf"\b({_words(list(weekdays))})(?:'s|’s)?\b", re.IGNORECASE),
        future=guarded(rf"(?:\b|(?<=\w))(?:{_words(data['future_cues'])})\b", re.IGNORECASE),
        # a trie: searched in every sentence, and its words are too common for a quick test
        meeting=re.compile(rf"\b(?:{_folded_trie(data['meeting_words'])})\b", re.IGNORECASE),
        day_ordinal=guarded(rf"\b({_words(list(data['day_ordinals']))})\s+day\b", re.IGNORECASE),
        day_ordinals={str(k): int(v) for k, v in data["day_ordinals"].items()},
        round_ordinal=guarded(
            rf"\b({_words(list(data['round_ordinals']))})\s+round\b", re.IGNORECASE
        ),
        round_ordinals={str(k): int(v) for k, v in data["round_ordinals"].items()},
        previous=guarded(rf"\b(?:{_words(data['previous_meeting_cues'])})\b", re.IGNORECASE),
        talk=guarded(rf"\b(?:{_words(data['talk_words'])})\b", re.IGNORECASE),
        other_event=guarded(rf"\b(?:{_words(data['other_event_words'])})\b", re.IGNORECASE),
        spoke_on=re.compile(
            r"\b(?:said|told|announced|stated|wrote|added|tweeted|posted)(?:\s+\w+){0,2}"
            r"\s+(?:on\s+)?$",
            re.IGNORECASE,
        ),
        before_meeting=re.compile(
            rf"[^.;]{{0,40}}?\b(?:ahead\s+of|before|prior\s+to)\s+(?:[\w-]+\s+){{0,4}}?"
            rf"(?:{_words(data['meeting_words'])})\b",
            re.IGNORECASE,
        ),
        away=re.compile(r"\b(?:ahead\s+of|before|prior\s+to)\s+(?:the\s+)?$", re.IGNORECASE),
        # "DOHA, March 10 (Reuters) -", "GOMA, Congo, July 20 (Reuters) -": a wire
        # dateline gives month and day but no year
        wire_day=re.compile(
            rf"^[A-Z][A-Z/ .'’-]+(?:,\s+[A-Z][\w .'’-]{{1,30}})?,\s+(?P<m>{month})\.?\s+"
            r"(?P<d>\d{1,2})\s+\(",
            re.IGNORECASE,
        ),
    )


def full_date_spans(text: str) -> list[tuple[dt.date, int]]:
    """Every valid day-month-year date written in ``text`` with where it starts, in order."""
    cal = calendar()
    found: list[tuple[dt.date, int]] = []
    for m in cal.full_date.finditer(text):
        g = m.groupdict()
        try:
            if g["y3"]:
                day = dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
            elif g["y4"]:
                day = dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
            elif g["y1"]:
                day = dt.date(int(g["y1"]), cal.months[g["m1"].lower()], int(g["d1"]))
            else:
                day = dt.date(int(g["y2"]), cal.months[g["m2"].lower()], int(g["d2"]))
        except ValueError:
            continue
        if plausible(day):  # "31 December 9999" is no date a story was written
            found.append((day, m.start()))
    return found


def full_dates(text: str) -> list[dt.date]:
    """Every valid day-month-year date written in ``text``, in order."""
    return [day for day, _ in full_date_spans(text)]


def nearest_year(
    month_day: tuple[int, int], known: list[dt.date], within: int = 120
) -> dt.date | None:
    """The date with that month and day closest to a known date, if one is near enough
    and no other year is as near."""
    month, day = month_day
    best: dict[dt.date, int] = {}
    for year in {k.year + d for k in known for d in (-1, 0, 1)}:
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        best[cand] = min(abs((cand - k).days) for k in known)
    ranked = sorted(best.items(), key=lambda kv: kv[1])
    if not ranked or ranked[0][1] > within or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def weekday_year(
    month_day: tuple[int, int], weekday: int, known: list[dt.date], spread: int = 3
) -> dt.date | None:
    """The one date with that month, day and weekday within ``spread`` years of the
    known dates' years; None if none or several fit (a weekday and day-month recur
    every 5 to 11 years, so only a narrow window makes one year certain)."""
    if not known:
        return None
    month, day = month_day
    years = range(min(k.year for k in known) - spread, max(k.year for k in known) + spread + 1)
    fits = []
    for year in years:
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand.weekday() == weekday:
            fits.append(cand)
    return fits[0] if len(fits) == 1 else None


def about_talks(article: Article, least: int = 2) -> bool:
    """Whether a story is about negotiations at all (a market report is not)."""
    cal = calendar()
    texts = [article.title, *(s.text for s in article.sentences if s.part != "caption")]
    found = 0
    for text in texts:  # stop as soon as there are enough
        found += len(cal.talk.findall(text))
        if found >= least:
            return True
    return False


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    """A weekday named in a sentence ("on Thursday", "Wednesday's meeting")."""

    weekday: int
    """0 is Monday."""
    sentence: int
    future: bool
    """The sentence looks ahead ("will", "set to reconvene")."""
    meeting: bool
    """The weekday is tied to a meeting (talks, negotiations, ...): named in a clause
    about one, not in a clause about something else ("airstrikes overnight on
    Tuesday, ahead of the talks")."""
    day_ordinal: int | None
    """N in "the Nth day" of the same sentence, when given."""


def weekday_mentions(article: Article) -> list[WeekdayMention]:
    """All weekdays named in the article's sentences."""
    cal = calendar()
    out: list[WeekdayMention] = []
    for s in article.sentences:
        if s.part == "caption":
            continue
        days = [cal.weekdays[m.group(1).lower()] for m in cal.weekday.finditer(s.text)]
        if not days:
            continue
        future = bool(cal.future.search(s.text))
        ordm = cal.day_ordinal.search(s.text)
        ordinal = cal.day_ordinals.get(ordm.group(1).lower()) if ordm else None
        for m in cal.weekday.finditer(s.text):
            day = cal.weekdays[m.group(1).lower()]
            if cal.spoke_on.search(s.text, max(0, m.start() - 30), m.start()):
                # "X said on Sunday that he would ...": the day of a statement, past
                out.append(WeekdayMention(day, s.index, False, False, None))
                continue
            meeting = _tied_to_meeting(s.text, m.start(), m.end())
            ahead = future and not _AFTER_DAY.search(s.text, max(0, m.start() - 40), m.start())
            out.append(WeekdayMention(day, s.index, ahead, meeting, ordinal or None))
    return out


_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
_AFTER_DAY = re.compile(r"\b(?:following|after|since)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
"""A weekday after "following" ("Following progress at Monday's meeting, a second one
will be held ..."): a day past, though the sentence looks ahead to another."""


def _tied_to_meeting(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``start:end`` dates the meeting the sentence is about.

    Its own clause decides first: a meeting word there ties it, another event
    (a strike, an attack) with none unties it; otherwise a meeting word elsewhere
    in the sentence ties it unless the meeting is only what came after ("ahead
    of the talks")."""
    cal = calendar()
    if cal.before_meeting.match(text, end):
        return False  # "met the host on Friday, ahead of the talks": a day before them
    before = _CLAUSE_BREAK.split(text[:start])[-1]
    after = _CLAUSE_BREAK.split(text[end:])[0]
    clause = f"{before} {after}"
    if cal.meeting.search(clause):
        return True
    if cal.other_event.search(clause):
        return False
    return any(
        not cal.away.search(text[max(0, m.start() - 14) : m.start()])
        for m in cal.meeting.finditer(text)
    )


def resolve_weekday(weekday: int, anchor: dt.date, future: bool) -> dt.date:
    """The date of a weekday seen from ``anchor``: that day itself, else the
    next one when the sentence looks ahead, else the last one before it."""
    delta = (weekday - anchor.weekday()) % 7
    if delta == 0:
        return anchor
    return anchor + dt.timedelta(days=delta) if future else anchor - dt.timedelta(days=7 - delta)


def round_ordinals(article: Article) -> list[int]:
    """Ordinals of rounds named in the article ("a second round of talks")."""
    cal = calendar()
    texts = [article.title, *(s.text for s in article.sentences), *article.captions]
    return [
        cal.round_ordinals[m.group(1).lower()] for t in texts for m in cal.round_ordinal.finditer(t)
    ]


def mentions_previous_meeting(article: Article) -> bool:
    """The article says an earlier meeting of the same talks took place."""
    cal = calendar()
    return any(cal.previous.search(s.text) for s in article.sentences)
