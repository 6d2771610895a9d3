"""Group articles into negotiation rounds and date the undated ones.

A round is one meeting at one place, possibly over several days. Articles
with a known day (editor, dateline, or a full date in the text) found the
rounds; their meeting-day weekdays give each round its span. Undated
articles then join the round at their place whose days fit the weekdays and
ordinals they name, and take their own date from that round ("relative").
Nothing here guesses: an article that fits no round, or several, stays out.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitegen.brief.clues import Clues
from sitegen.extract.dates import WeekdayMention, nearest_year, resolve_weekday
from sitegen.extract.slugs import slugify, unique_slug
from sitegen.models import Article, Round

JOIN_GAP_DAYS = 3
"""Meetings at one place less than this many days apart are one round."""
LEAD_SENTENCES = 3
"""How far into the body the reporting day of a story is looked for."""
MIN_SHARED_PEOPLE = 2
"""People an undated story must share with a round to be placed in it by its cast alone."""


@dataclass(slots=True)
class Dated:
    """An article as the grouping sees it."""

    article: Article
    clues: Clues
    """What the article says about its place and days (``sitegen.brief.clues``)."""
    anchor: dt.date | None
    days: set[dt.date] = field(default_factory=set)
    """Meeting days it names, resolved from ``anchor``."""
    forced_round: str | None = None
    """Round id an editor gave."""
    people: set[str] = field(default_factory=set)
    """Spelling-independent surname keys of the people the article names."""

    @property
    def place(self) -> str | None:
        return self.clues.place

    @property
    def mentions(self) -> list[WeekdayMention]:
        return self.clues.mentions

    @property
    def venues(self) -> dict[int, set[str]]:
        return self.clues.venues


@dataclass(slots=True)
class _Group:
    place: str | None
    members: list[Dated] = field(default_factory=list)
    days: set[dt.date] = field(default_factory=set)
    forced_id: str | None = None
    start: dt.date | None = None
    """The first of ``days`` (kept, not recomputed: grouping asks for it very often)."""
    end: dt.date | None = None
    people: set[str] = field(default_factory=set)
    """Everyone its members name."""

    def add(self, item: Dated, days: set[dt.date] | None = None) -> None:
        """Take in a member, and the meeting days it adds to the group's span."""
        self.members.append(item)
        self.people |= item.people
        if days:
            self.days |= days
            self.start = min(self.days)
            self.end = max(self.days)


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


@dataclass(slots=True)
class _Place:
    """The dated rounds at one place, in order of start, as undated stories see them
    (their spans are fixed once every dated story has joined)."""

    groups: list[_Group]
    by_span: dict[frozenset[int], list[int]]
    """Weekdays covered -> ranks in ``groups`` of the rounds covering just those: there
    are few different spans, however many rounds."""
    fits: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict)
    """``best_fits`` by its (sorted) weekdays: stories name the same few again and again."""

    @classmethod
    def of(cls, groups: list[_Group]) -> _Place:
        ordered = sorted(groups, key=lambda g: g.start or dt.date.min)
        by_span: dict[frozenset[int], list[int]] = {}
        for n, g in enumerate(ordered):
            by_span.setdefault(frozenset(_span_weekdays(g)), []).append(n)
        return cls(ordered, by_span)

    def best_fits(self, weekdays: list[int]) -> tuple[int, ...]:
        """Ranks of the rounds whose span holds most of ``weekdays`` (each one a vote);
        all of them when none holds any."""
        key = tuple(sorted(weekdays))
        if key not in self.fits:
            votes = {span: sum(d in span for d in key) for span in self.by_span}
            best = max(votes.values(), default=0)
            self.fits[key] = (
                tuple(
                    sorted(n for span, v in votes.items() if v == best for n in self.by_span[span])
                )
                if best
                else tuple(range(len(self.groups)))
            )
        return self.fits[key]


def _undated_candidates(place: _Place, item: Dated) -> list[_Group]:
    """Rounds at the article's place that best fit the weekdays and ordinals it names.

    Each meeting-sentence weekday that falls inside a round's span is a vote
    for it (a story also names other days: when a delegation was announced,
    when a strike hit), so the round with most votes wins; ties fall to the
    round ordinal ("a second round") and to "a previous meeting" cues.
    """
    fitting: Sequence[int] = place.best_fits([m.weekday for m in item.mentions if m.meeting])
    ordinals = set(item.clues.ordinals)
    if len(fitting) > 1 and len(ordinals) == 1:
        nth = ordinals.pop()
        fitting = [n for n in fitting if n + 1 == nth]
    if len(fitting) > 1 and item.clues.previous_meeting:
        fitting = [n for n in fitting if n > 0]
    groups = [place.groups[n] for n in fitting]
    if len(groups) > 1:
        groups = _most_shared_people(groups, item)
    return groups


def _most_shared_people(groups: list[_Group], item: Dated) -> list[_Group]:
    """The one round whose stories name the most of the article's people, when one
    clearly does; otherwise all of them (a wrong round is worse than none)."""
    shared = [len(item.people & g.people) for g in groups]
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
    items = [i for i in items if i.forced_round or i.place or i.clues.talks]
    anchored = sorted((i for i in items if i.anchor), key=lambda i: (i.anchor, i.article.id))
    for item in anchored:
        item.days = meeting_days(item)
    for item in [i for i in anchored if i.forced_round]:
        group = forced.setdefault(
            str(item.forced_round), _Group(item.place, forced_id=item.forced_round)
        )
        group.add(item, item.days)
    groups.extend(forced.values())
    _found_rounds([i for i in anchored if not i.forced_round], groups)
    places: dict[str | None, _Place] = {}
    in_groups = {id(g) for g in groups}
    for item in sorted((i for i in items if not i.anchor), key=lambda i: i.article.id):
        if item.forced_round:
            group = forced.setdefault(
                item.forced_round, _Group(item.place, forced_id=item.forced_round)
            )
            if id(group) not in in_groups:
                groups.append(group)
                in_groups.add(id(group))
        else:
            if not item.place:
                continue
            if item.place not in places:
                places[item.place] = _Place.of(
                    [g for g in groups if g.place == item.place and g.start]
                )
            cands = _undated_candidates(places[item.place], item)
            if len(cands) != 1:
                continue
            group = cands[0]
        group.add(item)
        if group.start and group.end:
            day = relative_date(item, group.start, group.end)
            if day:
                relative[item.article.id] = day
    return _to_rounds(groups), relative


def _found_rounds(items: list[Dated], groups: list[_Group]) -> None:
    """Dated stories (in order of date) join the first round at their place that their
    days fit, or found one. A round whose end is too early for every story still to
    come can take no more, so it leaves the places searched: linear, not quadratic."""
    soonest: list[dt.date] = []  # the earliest meeting day of this story or any later one
    for item in reversed(items):
        day = min(item.days)
        soonest.append(min(day, soonest[-1]) if soonest else day)
    soonest.reverse()
    by_place: dict[str | None, list[_Group]] = {}  # only a group at its place can fit
    for item, earliest in zip(items, soonest, strict=True):
        open_ = by_place.setdefault(item.place, [])
        if any((earliest - g.end).days > JOIN_GAP_DAYS for g in open_ if g.end):
            open_[:] = [g for g in open_ if g.end and (earliest - g.end).days <= JOIN_GAP_DAYS]
        match = next((g for g in open_ if _fits(g, item)), None)
        if match is None:
            match = _Group(item.place)
            groups.append(match)
            open_.append(match)
        match.add(item, item.days)


def _wire_dates(items: list[Dated]) -> dict[str, dt.date]:
    """Anchor undated stories whose wire dateline gives month and day ("DOHA, March 10
    (Reuters)") in the year that puts them nearest the other stories' known dates."""
    known = sorted(i.anchor for i in items if i.anchor)
    per_year = list({d.year: d for d in known}.values())
    found: dict[str, dt.date] = {}
    for item in items:
        month_day = None if item.anchor else item.clues.wire_day
        if month_day is None or not known:
            continue
        day = nearest_year(month_day, _nearest_known(month_day, known, per_year))
        if day is not None:
            item.anchor = day
            found[item.article.id] = day
    return found


def _nearest_known(
    month_day: tuple[int, int], known: list[dt.date], per_year: list[dt.date]
) -> list[dt.date]:
    """The few known dates that give ``nearest_year`` the answer all of them would: a
    date of each year (the years it tries come from them) and the known dates on
    either side of each day it tries (the nearest known date is one of them)."""
    month, day = month_day
    out = list(per_year)
    for year in {d.year + step for d in per_year for step in (-1, 0, 1)}:
        try:
            tried = dt.date(year, month, day)
        except ValueError:
            continue
        at = bisect.bisect_left(known, tried)
        out += known[max(0, at - 1) : at + 1]
    return out


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
