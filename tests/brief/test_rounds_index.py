"""The indexes that keep grouping linear give the answers a plain scan of every round gives.

Each property compares the indexed code of ``sitegen.brief.rounds`` with the simple,
quadratic form it replaced, on random inputs.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.brief.clues import Clues
from sitegen.brief.rounds import _fits, _found_rounds, _nearest_known
from sitegen.brief.roundtypes import Dated, _Group, _Place, _span_weekdays
from sitegen.extract.dates import nearest_year
from sitegen.ingest.articles import parse_article

ARTICLE = parse_article("Headline\n\nTalks went on.", file="seeds/x.txt", id="x")
DAY0 = dt.date(2024, 1, 1)

days = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    known=st.lists(days, min_size=1, max_size=30),
    month=st.integers(1, 12),
    day=st.integers(1, 31),
)
def test_nearest_known_gives_nearest_year_the_same_answer(
    known: list[dt.date], month: int, day: int
) -> None:
    ordered = sorted(known)
    per_year = list({d.year: d for d in ordered}.values())
    few = _nearest_known((month, day), ordered, per_year)
    assert nearest_year((month, day), few) == nearest_year((month, day), known)


def _item(n: int, place: str, offsets: list[int]) -> Dated:
    clues = Clues(place, {}, [], None, True, None, [], False)
    item = Dated(ARTICLE, clues, DAY0 + dt.timedelta(days=min(offsets)))
    item.days = {DAY0 + dt.timedelta(days=o) for o in offsets}
    item.people = {f"p{n % 3}"}
    return item


def _scan_every_round(items: list[Dated]) -> list[_Group]:
    """The form before the index: every round at the place is tried."""
    groups: list[_Group] = []
    for item in items:
        match = next((g for g in groups if _fits(g, item)), None)
        if match is None:
            match = _Group(item.place)
            groups.append(match)
        match.add(item, item.days)
    return groups


stories = st.lists(
    st.tuples(
        st.sampled_from(["Doha", "Geneva"]),
        st.integers(0, 120),
        st.lists(st.integers(-9, 6), min_size=1, max_size=3),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(stories=stories)
def test_retiring_old_rounds_changes_no_grouping(stories: list[tuple[str, int, list[int]]]) -> None:
    # an anchor, and meeting days around it (a "fourth day" reaches back further)
    items = [
        _item(n, place, [anchor + o for o in offsets])
        for n, (place, anchor, offsets) in enumerate(stories)
    ]
    items.sort(key=lambda i: i.anchor or DAY0)
    indexed: list[_Group] = []
    _found_rounds(items, indexed)
    plain = _scan_every_round(items)
    assert [[id(m) for m in g.members] for g in indexed] == [
        [id(m) for m in g.members] for g in plain
    ]


spans = st.lists(st.tuples(st.integers(0, 400), st.integers(0, 9)), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None)
@given(spans=spans, weekdays=st.lists(st.integers(0, 6), max_size=4))
def test_best_fits_counts_votes_like_a_scan(
    spans: list[tuple[int, int]], weekdays: list[int]
) -> None:
    groups = []
    for start, length in spans:
        g = _Group("Doha")
        first = DAY0 + dt.timedelta(days=start)
        g.add(_item(0, "Doha", [start]), {first, first + dt.timedelta(days=length)})
        groups.append(g)
    place = _Place.of(groups)
    votes = [sum(d in _span_weekdays(g) for d in weekdays) for g in place.groups]
    best = max(votes)
    # weekdays that no round holds fit none; no weekday at all leaves every round
    expected = (
        [n for n, v in enumerate(votes) if v == best]
        if best
        else ([] if weekdays else list(range(len(votes))))
    )
    assert list(place.best_fits(weekdays)) == expected
    assert list(place.best_fits(list(reversed(weekdays)))) == expected  # remembered by key
