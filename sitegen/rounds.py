"""Group articles into negotiation rounds and date the undated ones.

A round is one meeting at one place, possibly over several days. Articles
with a known day (editor, dateline, or a full date in the text) found the
rounds; their meeting-day weekdays give each round its span. Undated
articles then join the round at their place whose days fit the weekdays and
ordinals they name, and take their own date from that round ("relative").
Nothing here guesses: an article that fits no round, or several, stays out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from sitegen.extract.dates import (
    WeekdayMention,
    about_talks,
    calendar,
    mentions_previous_meeting,
    nearest_year,
    resolve_weekday,
    round_ordinals,
    wire_day,
)
from sitegen.extract.gazetteer import canonical_place
from sitegen.models import Article, Mention, Round
from sitegen.slugs import slugify, unique_slug

JOIN_GAP_DAYS = 3
"""Meetings at one place less than this many days apart are one round."""
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
LEAD_SENTENCES = 3
"""How far into the body the reporting day of a story is looked for."""
MIN_SHARED_PEOPLE = 2
"""People an undated story must share with a round to be placed in it by its cast alone."""


@dataclass(slots=True)
class Dated:
    """An article as the grouping sees it."""

    article: Article
    place: str | None
    anchor: dt.date | None
    mentions: list[WeekdayMention]
    days: set[dt.date] = field(default_factory=set)
    """Meeting days it names, resolved from ``anchor``."""
    forced_round: str | None = None
    """Round id an editor gave."""
    venues: dict[int, set[str]] = field(default_factory=dict)
    """Sentence index -> places it names as venues (see ``venues_by_sentence``)."""
    people: set[str] = field(default_factory=set)
    """Spelling-independent surname keys of the people the article names."""


@dataclass(slots=True)
class _Group:
    place: str | None
    members: list[Dated] = field(default_factory=list)
    days: set[dt.date] = field(default_factory=set)
    forced_id: str | None = None

    @property
    def start(self) -> dt.date | None:
        return min(self.days) if self.days else None

    @property
    def end(self) -> dt.date | None:
        return max(self.days) if self.days else None


def meeting_days(item: Dated) -> set[dt.date]:
    """The days of the meeting an anchored article reports on."""
    assert item.anchor is not None
    days: set[dt.date] = set()
    for m in item.mentions:
        if not m.meeting or item.venues.get(m.sentence, set()) - {item.place}:
            continue  # not a meeting, or a meeting somewhere else (a summit the day before)
        day = resolve_weekday(m.weekday, item.anchor, m.future)
        if abs((day - item.anchor).days) > 6:
            continue
        days.add(day)
        if m.day_ordinal and m.day_ordinal > 1:
            days.add(day - dt.timedelta(days=m.day_ordinal - 1))
    return days or {item.anchor}


def _fits(group: _Group, item: Dated) -> bool:
    """An anchored article belongs to a group at the same place within the gap."""
    if group.place != item.place or group.start is None or group.end is None:
        return False
    lo = min(item.days)
    hi = max(item.days)
    return (lo - group.end).days <= JOIN_GAP_DAYS and (group.start - hi).days <= JOIN_GAP_DAYS


def _undated_candidates(groups: list[_Group], item: Dated) -> list[_Group]:
    """Rounds at the article's place that best fit the weekdays and ordinals it names.

    Each meeting-sentence weekday that falls inside a round's span is a vote
    for it (a story also names other days: when a delegation was announced,
    when a strike hit), so the round with most votes wins; ties fall to the
    round ordinal ("a second round") and to "a previous meeting" cues.
    """
    at_place = sorted(
        (g for g in groups if g.place == item.place and g.start),
        key=lambda g: g.start or dt.date.min,
    )
    meeting_days = [m.weekday for m in item.mentions if m.meeting]
    fitting = at_place
    if meeting_days:
        votes = {id(g): sum(d in _span_weekdays(g) for d in meeting_days) for g in at_place}
        best = max(votes.values(), default=0)
        if best:
            fitting = [g for g in at_place if votes[id(g)] == best]
    rank = {id(g): n for n, g in enumerate(at_place)}  # by identity: == compares members
    ordinals = set(round_ordinals(item.article))
    if len(fitting) > 1 and len(ordinals) == 1:
        nth = ordinals.pop()
        fitting = [g for g in fitting if rank[id(g)] + 1 == nth]
    if len(fitting) > 1 and mentions_previous_meeting(item.article):
        fitting = [g for g in fitting if rank[id(g)] > 0]
    if len(fitting) > 1:
        fitting = _most_shared_people(fitting, item)
    return fitting


def _most_shared_people(groups: list[_Group], item: Dated) -> list[_Group]:
    """The one round whose stories name the most of the article's people, when one
    clearly does; otherwise all of them (a wrong round is worse than none)."""
    shared = [len(item.people & set().union(*(m.people for m in g.members))) for g in groups]
    best = max(shared, default=0)
    if best < MIN_SHARED_PEOPLE or shared.count(best) != 1:
        return groups
    return [groups[shared.index(best)]]


def _span_weekdays(group: _Group) -> set[int]:
    assert group.start is not None and group.end is not None
    span = (group.end - group.start).days
    return {(group.start + dt.timedelta(days=i)).weekday() for i in range(min(span, 6) + 1)}


def relative_date(item: Dated, start: dt.date, end: dt.date) -> dt.date | None:
    """The reporting day of an undated story, from the first weekday in its lead."""
    body = [s.index for s in item.article.sentences if s.part == "body"][:LEAD_SENTENCES]
    lead = [m for m in item.mentions if m.sentence in body and not m.future]
    if not lead:
        return None
    weekday = lead[0].weekday
    window = [start + dt.timedelta(days=i) for i in range(-3, (end - start).days + 4)]
    inside = [d for d in window if d.weekday() == weekday and start <= d <= end]
    near = inside or [d for d in window if d.weekday() == weekday]
    return near[0] if len(near) == 1 else None


def _title(place: str | None, start: dt.date | None, end: dt.date | None) -> str:
    where = f"{place} talks" if place else "Talks"
    if start is None or end is None:
        return where
    if start == end:
        return f"{where}, {start.day} {start:%B %Y}"
    if start.month == end.month:
        return f"{where}, {start.day}–{end.day} {end:%B %Y}"
    return f"{where}, {start.day} {start:%B} – {end.day} {end:%B %Y}"


def group_rounds(items: list[Dated]) -> tuple[list[Round], dict[str, dt.date]]:
    """Rounds for the articles, and the relative dates found for undated ones.

    Returns the rounds (sorted by start, undated last) and a map of article id
    to the date resolved from its round.
    """
    groups: list[_Group] = []
    forced: dict[str, _Group] = {}
    relative = _wire_dates(items)
    # a story with no meeting place and hardly a word about talks (a market report)
    # founds and joins no round
    items = [i for i in items if i.forced_round or i.place or about_talks(i.article)]
    anchored = sorted((i for i in items if i.anchor), key=lambda i: (i.anchor, i.article.id))
    for item in anchored:
        item.days = meeting_days(item)
    for item in [i for i in anchored if i.forced_round]:
        group = forced.setdefault(
            str(item.forced_round), _Group(item.place, forced_id=item.forced_round)
        )
        group.members.append(item)
        group.days |= item.days
    groups.extend(forced.values())
    by_place: dict[str | None, list[_Group]] = {}  # only a group at its place can fit
    for item in [i for i in anchored if not i.forced_round]:
        match = next((g for g in by_place.get(item.place, []) if _fits(g, item)), None)
        if match is None:
            match = _Group(item.place)
            groups.append(match)
            by_place.setdefault(item.place, []).append(match)
        match.members.append(item)
        match.days |= item.days
    for item in sorted((i for i in items if not i.anchor), key=lambda i: i.article.id):
        if item.forced_round:
            group = forced.setdefault(
                item.forced_round, _Group(item.place, forced_id=item.forced_round)
            )
            if group not in groups:
                groups.append(group)
        else:
            cands = _undated_candidates(groups, item) if item.place else []
            if len(cands) != 1:
                continue
            group = cands[0]
        group.members.append(item)
        if group.start and group.end:
            day = relative_date(item, group.start, group.end)
            if day:
                relative[item.article.id] = day
    return _to_rounds(groups), relative


def _wire_dates(items: list[Dated]) -> dict[str, dt.date]:
    """Anchor undated stories whose wire dateline gives month and day ("DOHA, March 10
    (Reuters)") in the year that puts them nearest the other stories' known dates."""
    known = [i.anchor for i in items if i.anchor]
    found: dict[str, dt.date] = {}
    for item in items:
        month_day = None if item.anchor else wire_day(item.article)
        day = nearest_year(month_day, known) if month_day and known else None
        if day is not None:
            item.anchor = day
            found[item.article.id] = day
    return found


def _to_rounds(groups: list[_Group]) -> list[Round]:
    ordered = sorted(
        groups,
        key=lambda g: (
            g.start is None,
            g.start or dt.date.min,
            g.place or "",
            g.members[0].article.id,
        ),
    )
    taken: set[str] = set()
    rounds: list[Round] = []
    for n, g in enumerate(ordered, 1):
        base = g.forced_id or "-".join(
            p for p in (g.start.isoformat() if g.start else "", slugify(g.place or "talks")) if p
        )
        rid = unique_slug(slugify(base, "round"), taken)
        rounds.append(
            Round(
                id=rid,
                title=_title(g.place, g.start, g.end),
                location=g.place,
                start=g.start,
                end=g.end,
                articles=sorted(m.article.id for m in g.members),
                ordinal=n,
            )
        )
    return rounds


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
