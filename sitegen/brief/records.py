"""One gathered article as plain JSON data, and back: the gather cache's entry format.

An entry is nested lists of strings, numbers, booleans and None, each record
its fields in ``models.py`` order (dates as day ordinals, sets sorted), so
that decoding is positional and fast: a warm rebuild decodes every article of
the project. A record of the wrong length raises ``ValueError`` or
``TypeError``; the values themselves are not checked one by one (that would
cost as much as extracting): the cache checks a hash of its file before
decoding anything, so what is decoded is what ``encode`` wrote, unless someone
forged the file, and then JSON can at worst make wrong facts, never run code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from sitegen.brief.clues import Clues
from sitegen.extract.dates import WeekdayMention
from sitegen.models import (
    Article,
    ArticleFacts,
    IssueRef,
    Mention,
    PartyRef,
    PersonRef,
    PositionRef,
    QuoteRef,
    Sentence,
)

Plain = Any
"""A JSON value: lists, strings, numbers, booleans and None."""


@dataclass(slots=True)
class Gathered:
    """All that the gather phase learns from one article on its own."""

    article: Article
    facts: ArticleFacts
    clues: Clues


_ATOMS = frozenset({str, int, float, bool, type(None)})
"""Types stored as they are (exact types: a subclass takes the general way)."""


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A record class's field names in order, or None for a class that is no record."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


@functools.cache
def _getter(kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """A record class's fields read in one call (``attrgetter``), or None for a class
    that is no record."""
    names = _field_names(kind)
    if names is None:
        return None
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return attrgetter(*names) if names else lambda value: ()


def _plain(value: Any) -> Plain:
    """A record or value as JSON data: records and tuples become lists of their parts.

    The common types are told by their exact type first (a warm path: every
    sentence and mention of every article passes here), and an atom inside a
    record or list is kept without a call; the rest as before."""
    kind: type = type(value)
    if kind in _ATOMS:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _ATOMS else _plain(v) for v in value]
    get = _getter(kind)
    if get is not None:
        return [v if type(v) in _ATOMS else _plain(v) for v in get(value)]
    return _other(value)


def _other(value: Any) -> Plain:
    """``_plain`` for the less common values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return [[k, _plain(v)] for k, v in sorted(value.items())]
    if isinstance(value, dt.date):
        return value.toordinal()
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")  # a programming error


def encode(item: Gathered) -> Plain:
    """``item`` as JSON data (``decode`` reverses it)."""
    return [_plain(item.article), _plain(item.facts), _plain(item.clues)]


def _day(value: int | None) -> dt.date | None:
    return None if value is None else dt.date.fromordinal(value)


def _article(v: Plain) -> Article:
    (ident, file, title, paragraphs, sentences, standfirst, dateline, captions) = v[:8]
    (agency, outlet, url, date, basis, round_, note, sha256) = v[8:]
    return Article(
        ident,
        file,
        title,
        list(paragraphs),
        [Sentence(i, p, text, part) for i, p, text, part in sentences],
        standfirst,
        _day(dateline),
        list(captions),
        agency,
        outlet,
        url,
        _day(date),
        basis,
        round_,
        note,
        sha256,
    )


def _mentions(v: Plain) -> list[Mention]:
    return [Mention(at, start, end, text) for at, start, end, text in v]


def _facts(v: Plain) -> ArticleFacts:
    article, people, parties, quotes, positions, issues = v
    return ArticleFacts(
        article,
        [
            PersonRef(
                key, name, list(aliases), list(roles), side, side_ev, _mentions(mentions), head
            )
            for key, name, aliases, roles, side, side_ev, mentions, head in people
        ],
        [
            PartyRef(ident, name, role, _mentions(mentions))
            for ident, name, role, mentions in parties
        ],
        [QuoteRef(text, at, who, kind, tuple(t)) for text, at, who, kind, t in quotes],
        [
            PositionRef(party, stance, at, what, person, issue)
            for party, stance, at, what, person, issue in positions
        ],
        [IssueRef(issue, label, at, cue) for issue, label, at, cue in issues],
    )


def _clues(v: Plain) -> Clues:
    place, venues, mentions, text_date, talks, wire_day, ordinals, previous = v[:8]
    continuing, today, unset, last, terms, begun, span = v[8:]
    return Clues(
        place,
        {index: set(names) for index, names in venues},
        [
            WeekdayMention(day, at, future, meeting, ordinal)
            for day, at, future, meeting, ordinal in mentions
        ],
        _day(text_date),
        talks,
        None if wire_day is None else (wire_day[0], wire_day[1]),
        list(ordinals),
        previous,
        continuing,
        today,
        unset,
        last,
        list(terms),
        None if begun is None else (begun[0], begun[1]),
        None if span is None else ((span[0][0], span[0][1]), (span[1][0], span[1][1])),
    )


def decode(value: Plain) -> Gathered:
    """Rebuild what ``encode`` wrote; raise ``ValueError`` or ``TypeError`` on other data.

    Nothing of ``value`` is shared with the result (lists are copied), so the builds of
    a long-lived process may decode one parsed entry again and again."""
    article, facts, clues = value
    return Gathered(_article(article), _facts(facts), _clues(clues))
