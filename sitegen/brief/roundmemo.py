"""``group_rounds`` in a long-lived process (``serve``): the last grouping again when
nothing it reads has changed.

Grouping reads of each article its id, its anchor day, the round an editor forced,
the surnames and parties it names, all its clues, which of its
sentences make the lead, and the weekday it writes beside a wire dateline's month and
day. ``RoundMemo`` keeps that per article (worked out once per article record: the
gather memory hands the same records again for an article that did not change) and
the last grouping, handed out as fresh copies (a build numbers rounds and fills in
their delegations afterwards).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitegen.brief.clues import Clues
from sitegen.brief.recordsigs import RecordSignatures, Signature
from sitegen.brief.rounds import group_rounds
from sitegen.brief.roundtypes import Dated, _lead
from sitegen.extract.datelines import written_weekday
from sitegen.models import Round


def _frozen(value: object) -> object:
    """A clue's value as something ``==`` compares and nothing can change."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(value))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


_CLUE_FIELDS = tuple(f.name for f in dataclasses.fields(Clues))
"""Every clue, so that a clue grouping comes to read is compared without a list to keep."""


def _record(item: Dated) -> Signature:
    """What grouping reads of an article's own record (not of this build's dating)."""
    c = item.clues
    weekday = written_weekday(item.article, c.wire_day) if c.wire_day else None
    return (
        item.article.id,
        *(_frozen(getattr(c, name)) for name in _CLUE_FIELDS),
        tuple(_lead(item)),
        weekday,
    )


@dataclasses.dataclass(slots=True)
class _Grouped:
    inputs: list[tuple[Signature, dt.date | None, str | None, frozenset[str], frozenset[str]]]
    rounds: list[Round]
    relative: dict[str, dt.date]


def _copy(r: Round) -> Round:
    return dataclasses.replace(
        r,
        articles=list(r.articles),
        participants=list(r.participants),
        parties=list(r.parties),
        delegations=list(r.delegations),
    )


class RoundMemo:
    """The last grouping and each article's signature, by article record."""

    def __init__(self) -> None:
        self._records = RecordSignatures()
        self._last: _Grouped | None = None

    def group(self, items: list[Dated]) -> tuple[list[Round], dict[str, dt.date]]:
        """``group_rounds(items)``, its last result when the same."""
        signatures = self._records.of(items, lambda i: (i.article, i.clues), _record)
        inputs = [
            (
                signature,
                i.anchor,
                i.forced_round,
                frozenset(i.people),
                frozenset(i.parties),
            )
            for signature, i in zip(signatures, items, strict=True)
        ]
        last = self._last
        if last is not None and last.inputs == inputs:
            return [_copy(r) for r in last.rounds], dict(last.relative)
        rounds, relative = group_rounds(items)
        self._last = _Grouped(inputs, [_copy(r) for r in rounds], dict(relative))
        return rounds, relative
