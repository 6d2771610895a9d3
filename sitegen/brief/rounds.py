"""Group articles into negotiation rounds and date the undated ones.

A round is one meeting at one place, possibly over several days. Articles
with a known day (editor, dateline, or a full date in the text) found the
rounds; only days tied to the meeting give each round its span. Undated
articles then join the round they fit (``roundplacing``) and take their own
date from it ("relative"). Nothing here guesses: an article that fits
several rounds stays out; one that fits none may, with others alike at its
venue, make an undated round; a story that only says a meeting's day is not
set founds none.
"""

from __future__ import annotations

import bisect
import datetime as dt

from sitegen.brief.roundmatch import Vocabulary, finer, place_key, same_venue
from sitegen.brief.roundplacing import after_earlier_round, placed_candidates, undated_rounds
from sitegen.brief.roundtypes import (
    CONTINUING_DAYS,
    JOIN_GAP_DAYS,
    MIN_SHARED_PEOPLE,
    Dated,
    _Group,
    _lead,
    _Place,
)
from sitegen.extract.datelines import written_weekday
from sitegen.extract.dates import nearest_year, resolve_weekday, weekday_year
from sitegen.extract.dayspans import LONGEST_DAYS
from sitegen.extract.slugs import slugify, unique_slug
from sitegen.models import Round

SPAN_AFTER_DAYS = 3
"""A story told "held from Nov. 25-Dec. 1" may be written a few days after the last."""


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
    if item.clues.begun:
        # "talks kicked off on July 8", in a story of the 15th: the meeting runs from then
        begun = nearest_year(item.clues.begun, [item.anchor], within=CONTINUING_DAYS)
        if begun is not None and begun <= item.anchor:
            days |= {begun, item.anchor}
    if item.clues.span:
        days |= _span_days(item.clues.span, item.anchor)
    if not days and item.clues.wire_day:
        # "the talks on January 10 in X", in a story dated the 11th: the meeting's day
        told = nearest_year(item.clues.wire_day, [item.anchor], within=6)
        if told is not None and told <= item.anchor:
            days.add(told)
    return days or {item.anchor}


def _span_days(span: tuple[tuple[int, int], tuple[int, int]], anchor: dt.date) -> set[dt.date]:
    """First and last day of a range the story writes ("talks scheduled on Aug. 22-26"),
    in the year that puts the story's day within it or a few days after its end (a range
    that misses the story's day is another meeting: "the next round, Oct. 6-9")."""
    first = nearest_year(span[0], [anchor], within=LONGEST_DAYS)
    if first is None:
        return set()
    last = nearest_year(span[1], [first], within=LONGEST_DAYS)
    if last is None or not first <= anchor <= last + dt.timedelta(days=SPAN_AFTER_DAYS):
        return set()
    return {first, last}


def _fits(group: _Group, item: Dated) -> bool:
    """An anchored article belongs to a group at the same place within the gap."""
    if not same_venue(group.place, item.place) or group.start is None or group.end is None:
        return False
    lo = min(item.days)
    hi = max(item.days)
    if item.clues.continuing and 0 <= (lo - group.start).days <= CONTINUING_DAYS:
        return True  # "talks continuing this week": a later day of the same meeting
    return (lo - group.end).days <= JOIN_GAP_DAYS and (group.start - hi).days <= JOIN_GAP_DAYS


def relative_date(item: Dated, start: dt.date, end: dt.date) -> dt.date | None:
    """The reporting day of an undated story in a round of ``start``-``end``.

    A lead that first looks ahead to a day of the meeting ("talks are set to
    continue on Tuesday") is written for that day; otherwise the first weekday
    of the lead that is not ahead gives it; a lead naming no weekday at all
    reports the day of a one-day meeting.
    """
    body = _lead(item)
    in_lead = [m for m in item.mentions if m.sentence in body]
    window = [start + dt.timedelta(days=i) for i in range(-3, (end - start).days + 4)]
    first = next((m for m in in_lead if m.meeting), None)
    if first is not None and first.future:
        inside = [d for d in window if d.weekday() == first.weekday and start <= d <= end]
        if inside:
            return inside[0]  # the first such day of the meeting: what a preview is for
    lead = [m for m in in_lead if not m.future]
    if not lead:
        return start if not in_lead and start == end else None
    weekday = lead[0].weekday
    inside = [d for d in window if d.weekday() == weekday and start <= d <= end]
    near = inside or [d for d in window if d.weekday() == weekday]
    return near[0] if len(near) == 1 else None


def _title(place: str | None, start: dt.date | None, end: dt.date | None, ordinal: int) -> str:
    """ "Bergen talks, 9–10 June 2025" (the country when no city is known); a round
    whose place no story gives is "Round N", never "talks" of nowhere."""
    where = f"{place} talks" if place else f"Round {ordinal}"
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
    vocab = Vocabulary(i.clues.terms for i in items)
    places: dict[str | None, _Place] = {}
    in_groups = {id(g) for g in groups}
    left: list[Dated] = []
    for item in sorted((i for i in items if not i.anchor), key=lambda i: i.article.id):
        if item.forced_round:
            group = forced.setdefault(
                item.forced_round, _Group(item.place, forced_id=item.forced_round)
            )
            if id(group) not in in_groups:
                groups.append(group)
                in_groups.add(id(group))
        else:
            cands = placed_candidates(item, groups, places, vocab)
            if len(cands) != 1:
                if not cands:
                    left.append(item)  # fits no dated round: may found an undated one
                continue
            group = cands[0]
        group.add(item)
        group.place = finer(group.place, item.place)
        if group.start and group.end:
            day = relative_date(item, group.start, group.end)
            if day:
                relative[item.article.id] = day
    dated_groups = [g for g in groups if g.end]
    groups.extend(undated_rounds(left, vocab, [g for g in groups if g.start]))
    for item in items:
        if not item.anchor and item.article.id not in relative:
            day = after_earlier_round(item, dated_groups, vocab)
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
        open_ = by_place.setdefault(place_key(item.place), [])
        if any(_closed(g, earliest) for g in open_):
            open_[:] = [g for g in open_ if not _closed(g, earliest)]
        match = next((g for g in open_ if _fits(g, item)), None)
        if match is None and _only_announces(item):
            continue  # "a third round has not been set": no meeting to found a round on
        if match is None:
            match = _Group(item.place)
            groups.append(match)
            open_.append(match)
        match.add(item, item.days)
        match.place = finer(match.place, item.place)


def _closed(group: _Group, earliest: dt.date) -> bool:
    """No story from ``earliest`` on can join the round any more."""
    if group.start is None or group.end is None:
        return True
    return (earliest - group.end).days > JOIN_GAP_DAYS and (
        earliest - group.start
    ).days > CONTINUING_DAYS


def _only_announces(item: Dated) -> bool:
    """A dated story that says a meeting's day is not set and names no day of talks."""
    return (
        item.clues.unset
        and item.clues.wire_day is None
        and not any(m.meeting and not m.future for m in item.mentions)
    )


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
        kin = _kin_dates(item, items)
        day = nearest_year(month_day, kin) if kin else None
        if day is None and not kin and _kin_people(item, items):
            day = nearest_year(month_day, _nearest_known(month_day, known, per_year))
        weekday = written_weekday(item.article, month_day)
        if weekday is not None and (day is None or day.weekday() != weekday):
            # "Monday (July 28)": the year must make it a Monday, never one borrowed
            day = weekday_year(month_day, weekday, known)
        if day is not None:
            item.anchor = day
            found[item.article.id] = day
    return found


def _kin_dates(item: Dated, items: list[Dated]) -> list[dt.date]:
    """Known dates of the stories at the same venue as ``item``: a year is better
    taken from them than from an unrelated story that happens to be nearer."""
    key = place_key(item.place)
    if key is None:
        return []
    return [i.anchor for i in items if i.anchor and place_key(i.place) == key]


def _kin_people(item: Dated, items: list[Dated]) -> bool:
    """A dated story names people of this one, or mostly the same parties: the folder
    follows its negotiation, so a year near the folder's dates is likely its year. A
    folder following several negotiations gives no year to a story none of them shares
    people or most parties with (two stories naming the United States and Russia may
    be about two negotiations)."""
    return any(
        len(item.people & i.people) >= MIN_SHARED_PEOPLE or _same_parties(item, i)
        for i in items
        if i.anchor and i is not item
    )


def _same_parties(a: Dated, b: Dated) -> bool:
    shared = len(a.parties & b.parties)
    return shared >= 2 and 2 * shared >= len(a.parties | b.parties)


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
                title=_title(g.place, g.start, g.end, n),
                location=g.place,
                start=g.start,
                end=g.end,
                articles=sorted(m.article.id for m in g.members),
                ordinal=n,
            )
        )
    return rounds


def number_by_process(rounds: list[Round], process_of: dict[str, int]) -> None:
    """Number each round within its negotiation (``process_of``: article id -> process):
    a briefing that follows two negotiations has a round 1 of each, and a round's
    "previous round" is its own negotiation's. A round whose place no story gives is
    titled by that number, so its title changes with it."""
    counts: dict[int, int] = {}
    for r in rounds:  # sorted by start, as group_rounds returns them
        process = min((process_of[a] for a in r.articles if a in process_of), default=0)
        counts[process] = counts.get(process, 0) + 1
        r.process, n = process, counts[process]
        if r.location is None and r.ordinal != n:
            r.title = _title(None, r.start, r.end, n)
        r.ordinal = n
