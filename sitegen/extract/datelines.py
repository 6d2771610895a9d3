"""Which written dates say when a story was filed, and dates written without a year.

News gives its own day in many shapes: a wire dateline fused into the byline
("· WIREMar. 3 (WIRE) --"), a title-case one ("Bergen, May 3 (NTB) –"), a
stamp ("19.08.2024 - Update"), or a month and day tied to the meeting ("Held in
X on July 10"). A full date inside a clause about the past (an attack, an
anniversary, "since ...") is background and speaks for nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.extract.dates import calendar, full_date_spans
from sitegen.extract.literals import Guarded, guarded
from sitegen.models import Article

LEAD = 3
"""Body sentences (after the title) a dateline may hide in."""
_DIGIT = re.compile(r"\d")
_FILE_PHOTO = re.compile(r"\bfile (?:photo|picture|image)\b", re.IGNORECASE)
"""A wire caption's "FILE PHOTO:": the picture, and its date, are older than the story."""
CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Patterns:
    wire: re.Pattern[str]
    """An agency in brackets and a dash: "(Reuters) -", "(NTB) --"."""
    wire_before: re.Pattern[str]
    """The month and day just before it: "Mar. 3 ", "WIREMar. 3"."""
    agency_day: re.Pattern[str]
    """A capitals dateline ending in a full stop: "BERGEN, August 26. /NTB/"."""
    month_day: re.Pattern[str]
    historical: re.Pattern[str]
    not_report_day: re.Pattern[str]
    today: re.Pattern[str]
    weekday_month_day: re.Pattern[str]
    """A weekday then a month and day: "Monday (July 28)", "Tuesday, March 4"."""


@cache
def _patterns() -> _Patterns:
    data = load("calendar")
    month = _alternation(list(calendar().months))
    return _Patterns(
        # "WIREMar. 3 (WIRE) --", "Bergen, May 3 (NTB) –", "DOHA, March 10 (Reuters) -",
        # "LUGANO, May 3 (XYZ-AGENCIES) —":
        # a month and day right before an agency in brackets and a dash
        wire=re.compile(r"\(\s*[A-Z][\w .-]{0,20}\)\s*[-—–]"),
        agency_day=re.compile(
            rf"^[A-Z][A-Z .'’-]+,\s+(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})\.(?:\s|$)",
            re.IGNORECASE,
        ),
        wire_before=re.compile(
            rf"(?-i:(?<![a-z]))(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})\s*$", re.IGNORECASE
        ),
        month_day=re.compile(
            rf"\b(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{month})\.?)"
            r"(?!,?\s*(?:19|20)\d\d)(?![\d:])\b",
            re.IGNORECASE,
        ),
        historical=re.compile(rf"\b(?:{_alternation(data['historical_cues'])})\b", re.I),
        not_report_day=re.compile(rf"\b(?:{_alternation(data['not_report_day_cues'])})\b", re.I),
        today=re.compile(rf"\b(?:{_alternation(data['today_words'])})\b", re.I),
        weekday_month_day=re.compile(
            rf"\b(?P<w>{_alternation(list(calendar().weekdays))})\s*[,(]?\s*"
            rf"(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b",
            re.IGNORECASE,
        ),
    )


def _clause_before(text: str, at: int) -> str:
    """The words of ``text`` from the last clause break before ``at``."""
    return CLAUSE_BREAK.split(text[:at])[-1]


_PLUPERFECT = re.compile(
    r"\bhad\s+(?:already\s+|also\s+|previously\s+)?(?:met|come|agreed|held|reached|signed|"
    r"convened|discussed)\b",
    re.IGNORECASE,
)
"""A meeting told in the past perfect was before the one the story reports on."""
_PHOTO_LINE = re.compile(
    r"\b(?:(?:is|are) seen|pictured|poses?|gestures?|looks? on|in the background)\b"
    r".*,\s*\d{4}\.?\s*$",
    re.IGNORECASE,
)
"""A wire photo's caption kept as a text line ("People walk past ... in the background, in
X, April 23, 2025."): the day the picture was taken, maybe long before the story."""


def _photo_line(text: str) -> bool:
    """``_PHOTO_LINE``, asked only of lines that end in a year (few do)."""
    return text.rstrip(". \t\n")[-4:].isdigit() and _PHOTO_LINE.search(text) is not None


_LEAD_IN_BEFORE = re.compile(r"\s*(?:ahead of|prior to|in the run-up to)\b", re.IGNORECASE)
"""A sentence opening "Ahead of the talks, ..." tells what came before them."""


def is_historical(text: str, at: int) -> bool:
    """A date at ``at`` lies in a clause about the past ("the attack on 7 October 2023")
    or in a sentence about what came before the talks ("Ahead of the talks, X called Y
    on 10 May 2025")."""
    return bool(
        _patterns().historical.search(_clause_before(text, at)) or _LEAD_IN_BEFORE.match(text)
    )


def report_dates(text: str) -> list[tuple[dt.date, bool]]:
    """Full dates of ``text`` that are not background, each with whether its sentence
    is about a meeting (such a date is the story's own day more often than any other)."""
    if not _DIGIT.search(text):
        return []
    meeting = bool(calendar().meeting.search(text))
    return [(day, meeting) for day, at in full_date_spans(text) if not is_historical(text, at)]


def _lead_text(article: Article) -> str:
    body = [s.text for s in article.sentences if s.part != "caption"][: LEAD + 1]
    return " ".join([*body])


def wire_day(article: Article) -> tuple[int, int] | None:
    """(month, day) of a wire dateline near the top, fused or not; the year is not
    written, so ``nearest_year`` finds it from other known dates."""
    cal, pat = calendar(), _patterns()
    body = article.paragraphs[1:2] if article.standfirst else []  # "X, July 15. /TASS/."
    for text in (article.title, _lead_text(article), *body):
        start = pat.agency_day.match(text)
        if start and start.group(0)[:2].isupper():
            return cal.months[start.group("m").lower()], int(start.group("d"))
        for agency in pat.wire.finditer(text):
            m = pat.wire_before.search(text, max(0, agency.start() - 16), agency.start())
            if m:
                return cal.months[m.group("m").lower()], int(m.group("d"))
    return None


def meeting_month_day(
    article: Article, elsewhere: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """(month, day) a sentence about the meeting names without a year ("Held in X on
    July 10", "the July 10 meeting"), the latest of them; never a day the talks began
    on or a later meeting's, nor one of the ``elsewhere`` sentences (indexes of those
    naming another venue than the story's: a meeting there is another meeting)."""
    cal, pat = calendar(), _patterns()
    found: list[tuple[int, int]] = []
    for index, s in enumerate(article.sentences):
        if s.part == "caption" or index in elsewhere or not _DIGIT.search(s.text):
            continue
        if not cal.meeting.search(s.text):
            continue
        for m in pat.month_day.finditer(s.text):
            clause = _clause_before(s.text, m.start())
            after = CLAUSE_BREAK.split(s.text[m.end() :])[0]
            if pat.not_report_day.search(clause) or pat.not_report_day.search(after):
                continue
            if cal.future.search(s.text) or is_historical(s.text, m.start()):
                continue
            if _PLUPERFECT.search(s.text):
                continue  # "They had met on June 6": a meeting before the story's
            month_day = _month_day(m)
            if month_day:
                found.append(month_day)
    return max(found) if found else None


def _month_day(m: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a ``month_day`` match, written either way round, if a real day."""
    name, day = (m.group("m1"), m.group("d1")) if m.group("m1") else (m.group("m2"), m.group("d2"))
    return (calendar().months[name.lower()], int(day)) if 1 <= int(day) <= 31 else None


@cache
def _started() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(load('calendar')['start_cues'])})\b", re.I)


def meeting_start_day(
    article: Article, elsewhere: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """(month, day) a sentence about the meeting says it began on ("talks kicked off
    in X on July 8"), the latest such; never one of the ``elsewhere`` sentences, a
    plan or a date in the past of the conflict."""
    cal, pat = calendar(), _patterns()
    found: list[tuple[int, int]] = []
    for index, s in enumerate(article.sentences):
        if s.part == "caption" or index in elsewhere or not _DIGIT.search(s.text):
            continue
        if not cal.meeting.search(s.text) or cal.future.search(s.text):
            continue
        for m in pat.month_day.finditer(s.text):
            if not _talks_began(s.text[: m.start()]) or is_historical(s.text, m.start()):
                continue
            month_day = _month_day(m)
            if month_day:
                found.append(month_day)
    return max(found) if found else None


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007 - the last one is wanted
        pass
    return last


_OTHER_SUBJECT = re.compile(r"\b(?:that|which|who)\b", re.I)


def _talks_began(before: str) -> bool:
    """The text before a date ends "talks ... kicked off in X on": a start cue in its
    last clause whose subject is the talks (a meeting word a few words before it, with
    no "that" or "which" of another noun between: not "a war that began on")."""
    clause = _clause_before(before, len(before))
    cue = _last(_started().finditer(clause))
    if cue is None:
        return False
    at = len(before) - len(clause) + cue.start()
    talks = _last(calendar().meeting.finditer(before, 0, at))
    if talks is None:
        return False
    between = before[talks.end() : at]
    if len(between.split()) > 6:
        return False
    rest = between.strip(" ,")
    return not _OTHER_SUBJECT.search(rest) or _OTHER_SUBJECT.fullmatch(rest) is not None


def says_today(article: Article) -> bool:
    """The lead says "today" or "this morning": the story was written on a day of the talks."""
    return bool(_patterns().today.search(_lead_text(article)))


def text_date(article: Article) -> dt.date | None:
    """The day an undated story was written, from full dates in it.

    Date lines, stamps and captions near the top say when the story was
    written, so they win; failing them, the body's full dates that are not
    background, those of sentences about the meeting first, the latest of them
    (earlier dates in a story are background).
    """
    margin = [
        d for cap in article.captions if not _FILE_PHOTO.search(cap) for d, _ in report_dates(cap)
    ]
    if margin:
        return max(margin)
    texts = [article.title, *(s.text for s in article.sentences if s.part != "caption")]
    body = [x for text in texts if not _PHOTO_LINE.search(text) for x in report_dates(text)]
    tied = [d for d, meeting in body if meeting]
    if tied or body:
        return max(tied or [d for d, _ in body])
    return None


@cache
def _continuing() -> Guarded:
    return guarded(rf"\b(?:{_alternation(load('calendar')['continuing_cues'])})\b", re.I)


@cache
def _wish_before() -> re.Pattern[str]:
    words = _alternation(load("calendar")["continuing_not_after"])
    return re.compile(rf"(?:^|[\s(])(?:{words})\s+(?:\w+\s+)?$", re.I)


def _goes_on(text: str) -> bool:
    """A continuing cue that is not a wish or plan ("agreed to continue", "should
    continue"): those say nothing of which day of which meeting the story reports."""
    return any(
        not _wish_before().search(text, max(0, m.start() - 24), m.start())
        for m in _continuing().finditer(text)
    )


def talks_continue(article: Article) -> bool:
    """The title or lead says the talks go on ("talks continuing in X this week"). The
    cue first: its quick test rules out most texts, the meeting words have none."""
    cal = calendar()
    lead = [s.text for s in article.sentences if s.part != "caption"][: LEAD + 1]
    texts = [article.title, *lead]
    return any(_goes_on(t) and cal.meeting.search(t) for t in texts)


@cache
def _unset() -> Guarded:
    return guarded(rf"\b(?:{_alternation(load('calendar')['unset_cues'])})\b", re.I)


def meeting_unset(article: Article) -> bool:
    """The story says a meeting's day is not fixed ("a date has not been set")."""
    return bool(
        _unset().search("\n".join(s.text for s in article.sentences if s.part != "caption"))
    )


@cache
def _last_weekday() -> re.Pattern[str]:
    days = _alternation(list(calendar().weekdays))
    return re.compile(rf"\blast\s+({days})\b|\b({days})\s+last\s+week\b", re.I)


def last_weekday(article: Article) -> int | None:
    """The weekday of "last Wednesday" / "on Wednesday last week" in a sentence about
    the talks' outcome ("Last Wednesday, the two sides signed a deal"): a day of an
    earlier round, from which a follow-up story can be dated."""
    cal = calendar()
    for s in article.sentences:
        if s.part == "caption" or "last" not in s.text.lower() or not cal.talk.search(s.text):
            continue
        m = _last_weekday().search(s.text)
        if m:
            return cal.weekdays[(m.group(1) or m.group(2)).lower()]
    return None


def written_weekday(article: Article, month_day: tuple[int, int]) -> int | None:
    """Weekday written next to that month and day ("on Monday (July 28)", "Tuesday,
    March 4"): it tells which years the date can fall in, so a year borrowed from
    another story must agree with it. None when no sentence pairs them, or they disagree."""
    cal, pat = calendar(), _patterns()
    found: set[int] = set()
    for s in article.sentences:
        if not _DIGIT.search(s.text):
            continue
        for m in pat.weekday_month_day.finditer(s.text):
            month, day = cal.months[m.group("m").lower()], int(m.group("d"))
            if (month, day) == month_day:
                found.add(cal.weekdays[m.group("w").lower()])
    return found.pop() if len(found) == 1 else None
