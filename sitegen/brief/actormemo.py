"""``merge_actors`` in a long-lived process (``serve``): the last merge again when
nothing it reads has changed.

An edit to one article seldom changes who is named in it, yet merging every
article's people into actors is a tenth of a rebuild. What the merge reads of an
article is its id, its date (or dateline), its people as extraction left them
(sides not yet shared), and the sentences their first mentions and sides are cited
from; with the editor's actor files and the parties, that is all. ``ActorMemo``
keeps a signature of those per article (worked out once per article record: the
gather memory hands the same record again for an article that did not change) and
the last merge's result, handed out as copies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitegen.brief.actors import merge_actors
from sitegen.brief.recordsigs import RecordSignatures, Signature
from sitegen.models import Actor, ActorOverride, Article, PersonRef


def _text(article: Article, index: int | None) -> str | None:
    sentences = article.sentences
    if index is None:
        return None
    if 0 <= index < len(sentences) and sentences[index].index == index:
        return sentences[index].text
    return next((s.text for s in sentences if s.index == index), None)


def _signature(article: Article, people: list[PersonRef]) -> Signature:
    """Everything ``merge_actors`` reads of an article but its date."""
    rows: list[object] = [article.id]
    for p in people:
        first = min((m.sentence for m in p.mentions), default=None)
        rows.append(
            (
                p.key,
                p.name,
                tuple(p.aliases),
                tuple(p.roles),
                p.side,
                p.side_evidence,
                tuple((m.sentence, m.start, m.end, m.text) for m in p.mentions),
                p.companion_of,
                _text(article, first),
                _text(article, p.side_evidence),
            )
        )
    return tuple(rows)


@dataclasses.dataclass(slots=True)
class _Merged:
    inputs: list[tuple[Signature, dt.date | None, dt.date | None]]
    overrides: list[ActorOverride]
    party_ids: set[str]
    actors: list[Actor]
    mapping: dict[tuple[str, str], str]


def _copy(actor: Actor) -> Actor:
    return dataclasses.replace(
        actor,
        aliases=list(actor.aliases),
        roles=list(actor.roles),
        articles=list(actor.articles),
        evidence=list(actor.evidence),
    )


class ActorMemo:
    """The last merge and each article's signature, by article record."""

    def __init__(self) -> None:
        self._signatures = RecordSignatures()
        self._last: _Merged | None = None

    def merge(
        self,
        items: list[tuple[Article, list[PersonRef]]],
        overrides: list[ActorOverride],
        party_ids: set[str],
    ) -> tuple[list[Actor], dict[tuple[str, str], str]]:
        """``merge_actors(items, overrides, party_ids)``, its last result when the same.

        Call it while the people's sides are as extraction left them (before the build
        shares sides), as ``merge_actors`` is called."""
        signatures = self._signatures.of(items, lambda item: item, lambda item: _signature(*item))
        inputs = [(sig, a.date, a.dateline) for sig, (a, _) in zip(signatures, items, strict=True)]
        last = self._last
        if (
            last is not None
            and last.inputs == inputs
            and last.overrides == overrides
            and last.party_ids == party_ids
        ):
            return [_copy(a) for a in last.actors], dict(last.mapping)
        actors, mapping = merge_actors(items, overrides, party_ids)
        kept = [dataclasses.replace(o) for o in overrides]
        self._last = _Merged(inputs, kept, set(party_ids), [_copy(a) for a in actors], mapping)
        return actors, dict(mapping)
