"""Where a story that gives no day of its own goes: the dated round at its place
(or, naming no place, among those sharing its people) that its weekdays, ordinals,
words and people fit, one clearly or none; stories that fit no dated round but
resemble each other at one venue make an undated round; a follow-up naming "last
Wednesday" is dated from the round that ended then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitegen.brief.roundmatch import (
    MIN_SIMILARITY,
    SAME_VENUE_SIMILARITY,
    Vocabulary,
    clear_best,
    cosine,
    finer,
    place_key,
    same_venue,
)
from sitegen.brief.roundtypes import (
    JOIN_GAP_DAYS,
    MIN_SHARED_PEOPLE,
    Dated,
    _Group,
    _lead,
    _Place,
)


def placed_candidates(
    item: Dated, groups: list[_Group], places: dict[str | None, _Place], vocab: Vocabulary
) -> list[_Group]:
    """The dated rounds an undated story may join: those at its place (a city in the
    country it names counts), or for a story naming no place, the rounds whose stories
    share its people."""
    key = place_key(item.place)
    if key is None:
        near = [g for g in groups if g.start and len(item.people & g.people) >= MIN_SHARED_PEOPLE]
        return _undated_candidates(_Place.of(near), item, vocab) if near else []
    if key not in places:
        places[key] = _Place.of([g for g in groups if g.start and place_key(g.place) == key])
    place = places[key]
    fitting = [g for g in place.groups if same_venue(g.place, item.place)]
    if len(fitting) != len(place.groups):
        place = _Place.of(fitting)
    return _undated_candidates(place, item, vocab)


def _undated_candidates(place: _Place, item: Dated, vocab: Vocabulary) -> list[_Group]:
    """Rounds at the article's place that best fit the weekdays and ordinals it names.

    Each meeting-sentence weekday that falls inside a round's span is a vote
    for it (a story also names other days: when a delegation was announced,
    when a strike hit), so the round with most votes wins; ties fall to the
    round ordinal ("a second round"), to "a previous meeting" cues, then to the
    round whose stories the article resembles most (words, then people). A round
    its weekdays do not fall in (it names none, or only days next to the round's)
    must be one it clearly resembles.
    """
    weekdays = [m.weekday for m in item.mentions if m.meeting]
    fitting: Sequence[int] = place.best_fits(weekdays)
    # a round its days do not place it in must be one it resembles
    days_fit = bool(fitting and weekdays)
    least = MIN_SIMILARITY
    lead = set(_lead(item))
    near = {m.weekday for m in item.mentions if m.meeting and not m.future and m.sentence in lead}
    if not fitting and near:
        fitting = [n for n, g in enumerate(place.groups) if _next_to(g, near)]
        least = SAME_VENUE_SIMILARITY  # a day next to the round's is some evidence
    elif not fitting and not any(m.meeting and not m.future for m in item.mentions):
        fitting = range(len(place.groups))  # only days ahead ("takes effect on Sunday")
    ordinals = set(item.clues.ordinals)
    if len(fitting) > 1 and len(ordinals) == 1:
        nth = ordinals.pop()
        fitting = [n for n in fitting if n + 1 == nth]
    if len(fitting) > 1 and item.clues.previous_meeting:
        fitting = [n for n in fitting if n > 0]
    groups = [place.groups[n] for n in fitting]
    if len(groups) > 1:
        groups = _most_alike(groups, item, vocab)
    if len(groups) == 1 and not days_fit and _likeness(groups[0], item, vocab) < least:
        return []  # the one round there, but nothing special in common: another meeting
    return groups


def _next_to(group: _Group, weekdays: set[int]) -> bool:
    """A weekday falls in the few days before or after the round's known days: the
    stories that dated it may have been filed after the talks began, or before they
    ended."""
    assert group.start is not None and group.end is not None
    return any(
        (day + dt.timedelta(days=k)).weekday() in weekdays
        for day, sign in ((group.start, -1), (group.end, 1))
        for k in range(sign, sign * (JOIN_GAP_DAYS + 1), sign)
    )


def _likeness(group: _Group, item: Dated, vocab: Vocabulary) -> float:
    """How much the story resembles the round: its cosine with the most alike member
    (a round's pooled words would dilute a short story's likeness to any one report)."""
    mine = vocab.vector(item.clues.terms)
    return max((cosine(mine, vocab.vector(m.clues.terms)) for m in group.members), default=0.0)


def _most_alike(groups: list[_Group], item: Dated, vocab: Vocabulary) -> list[_Group]:
    """The one round whose stories the article's words resemble clearly most, else
    the one naming clearly most of its people; otherwise all of them (a wrong round
    is worse than none)."""
    best = clear_best([_likeness(g, item, vocab) for g in groups])
    if best is not None:
        return [groups[best]]
    return _most_shared_people(groups, item)


def _most_shared_people(groups: list[_Group], item: Dated) -> list[_Group]:
    """The one round whose stories name the most of the article's people, when one
    clearly does; otherwise all of them (a wrong round is worse than none)."""
    shared = [len(item.people & g.people) for g in groups]
    best = max(shared, default=0)
    if best < MIN_SHARED_PEOPLE or shared.count(best) != 1:
        return groups
    return [groups[shared.index(best)]]


def undated_rounds(items: list[Dated], vocab: Vocabulary, dated: list[_Group]) -> list[_Group]:
    """Rounds of stories that fit no dated round (a meeting known only from undated
    stories): those at one venue that resemble each other make one round without days.
    Where dated rounds are, a lone story that fits none of them might still be one of
    them or another meeting: no guess; but two or more alike are one meeting, whichever
    it is. A story naming no place, or only speculating about a meeting whose day is
    not set, makes none. A story like several rounds there joins none; one like none
    of them founds its own (a story about another meeting in the same country must not
    keep a meeting's reports apart)."""
    held = {place_key(g.place) for g in dated}
    out: list[_Group] = []
    for item in items:
        if item.place is None or item.clues.unset:
            continue
        same = [g for g in out if same_venue(g.place, item.place)]
        scores = [_likeness(g, item, vocab) for g in same]
        best = clear_best(scores, SAME_VENUE_SIMILARITY)
        if best is None and any(x >= SAME_VENUE_SIMILARITY for x in scores):
            continue  # like several of those already there: no guess
        group = same[best] if best is not None else _Group(item.place)
        if best is None:
            out.append(group)
        group.add(item)
        group.place = finer(group.place, item.place)
    return [g for g in out if len(g.members) > 1 or place_key(g.place) not in held]


def after_earlier_round(item: Dated, groups: list[_Group], vocab: Vocabulary) -> dt.date | None:
    """The day of a follow-up story that names its own weekday ("said on Monday") and
    an earlier round's by "last Wednesday, the two sides signed ...": counted on from
    the last day of the one round of its process (the one it clearly resembles) that
    ended on that weekday."""
    last = item.clues.last_weekday
    lead = set(_lead(item))
    own = next((m.weekday for m in item.mentions if m.sentence in lead and not m.future), None)
    if last is None or own is None or own == last:
        return None
    ended = [g for g in groups if g.end and g.end.weekday() == last]
    best = clear_best([_likeness(g, item, vocab) for g in ended])
    if best is None:
        return None
    end = ended[best].end
    assert end is not None
    return end + dt.timedelta(days=(own - last) % 7)
