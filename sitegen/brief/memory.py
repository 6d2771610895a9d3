"""What a long-lived process (``serve``) keeps in memory between its builds' gathers.

A rebuild after one edit would otherwise read and hash every seeds file and decode
(and re-check) every cache entry, for one article that changed. ``GatherMemory``
remembers each file's bytes by its ``stat`` (``ingest.seedfiles.read_raws``) and each
article's decoded ``Gathered`` by its gather-cache key, which covers everything the
entry depends on, so a remembered entry is right whenever its key comes up again.

A build writes into the gathered records (dates, rounds, people's sides, stances,
a sidecar's fields): the memory notes those fields as gathering left them and puts
them back before the record is handed out again, so each build starts from what a
fresh decode would give. The server owns one; nothing is global.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.brief.actormemo import ActorMemo
from sitegen.brief.delegations import DelegateMemo
from sitegen.brief.records import Gathered
from sitegen.brief.roundmemo import RoundMemo
from sitegen.ingest.seedfiles import Known
from sitegen.models import IssueRef, PositionRef


@dataclass(slots=True)
class _Kept:
    item: Gathered
    article: tuple[object, ...]
    """The article's fields a build sets, as gathered (``_ARTICLE_FIELDS``)."""
    sides: list[str | None]
    """Each person's side as gathered (the build shares sides across articles)."""
    positions: list[PositionRef]
    issues: list[IssueRef]


_ARTICLE_FIELDS = ("title", "url", "outlet", "note", "date", "date_basis", "round")
"""What ``brief.gather`` writes into an article: its sidecar's fields, date and round."""


class GatherMemory:
    """Seeds files by ``stat`` and gathered articles by cache key, for one fingerprint
    (the code, the word lists and the taxonomy: another one forgets everything)."""

    def __init__(self) -> None:
        self.fingerprint = ""
        self.raws: Known = {}
        """The seeds files read so far, for ``read_raws``."""
        self._kept: dict[str, _Kept] = {}
        self.delegates = DelegateMemo()
        """Who each remembered article puts at the table (``brief.delegations``)."""
        self.actors = ActorMemo()
        """The last merge of people into actors (``brief.actormemo``)."""
        self.rounds = RoundMemo()
        """The last grouping of articles into rounds (``brief.roundmemo``)."""

    def use(self, fingerprint: str) -> None:
        """Start a build under ``fingerprint``."""
        if fingerprint != self.fingerprint:
            self.fingerprint, self._kept = fingerprint, {}
            self.raws, self.delegates = {}, DelegateMemo()
            self.actors, self.rounds = ActorMemo(), RoundMemo()
        self.delegates.next_build()

    def recall(self, key: str) -> Gathered | None:
        """The article gathered under ``key``, as gathering left it, or None."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        item = kept.item
        article = item.article
        (
            article.title,
            article.url,
            article.outlet,
            article.note,
            article.date,
            article.date_basis,
            article.round,
        ) = kept.article  # type: ignore[assignment]
        for person, side in zip(item.facts.people, kept.sides, strict=True):
            person.side = side
        item.facts.positions = list(kept.positions)
        item.facts.issues = list(kept.issues)
        return item

    def keep(self, key: str, item: Gathered) -> None:
        """Remember ``item`` (just gathered or decoded, before the build writes into it)."""
        facts = item.facts
        self._kept[key] = _Kept(
            item,
            tuple(getattr(item.article, name) for name in _ARTICLE_FIELDS),
            [p.side for p in facts.people],
            list(facts.positions),
            list(facts.issues),
        )

    def keep_only(self, keys: set[str]) -> None:
        """Forget the articles no longer in the project (or no longer in that form)."""
        if self._kept.keys() - keys:
            self._kept = {k: v for k, v in self._kept.items() if k in keys}
