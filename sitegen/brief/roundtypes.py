"""The records grouping works on: an article as grouping sees it, a round in the
making, and the dated rounds at one place as undated stories see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sitegen.brief.clues import Clues
from sitegen.extract.dates import WeekdayMention
from sitegen.models import Article

JOIN_GAP_DAYS = 3
"""Meetings at one place less than this many days apart are one round."""


LEAD_SENTENCES = 3
"""How far into the body the reporting day of a story is looked for."""


MIN_SHARED_PEOPLE = 2
"""People an undated story must share with a round to be placed in it by its cast alone."""


CONTINUING_DAYS = 10
"""A story saying the talks go on joins a round at its place begun up to this many days before."""


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
    parties: set[str] = field(default_factory=set)
    """Ids of the parties the article names."""

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
        all of them when no weekday is given, none when weekdays are given and no
        round holds any (a meeting on a Friday is no Saturday's round)."""
        key = tuple(sorted(weekdays))
        if key not in self.fits:
            votes = {span: sum(d in span for d in key) for span in self.by_span}
            best = max(votes.values(), default=0)
            self.fits[key] = (
                tuple(
                    sorted(n for span, v in votes.items() if v == best for n in self.by_span[span])
                )
                if best
                else ()
                if key
                else tuple(range(len(self.groups)))
            )
        return self.fits[key]


def _span_weekdays(group: _Group) -> set[int]:
    assert group.start is not None and group.end is not None
    span = (group.end - group.start).days
    return {(group.start + dt.timedelta(days=i)).weekday() for i in range(min(span, 6) + 1)}


def _lead(item: Dated) -> list[int]:
    """Indices of the sentences that open the story's body."""
    return [s.index for s in item.article.sentences if s.part == "body"][:LEAD_SENTENCES]
