"""Sticking points: the contested issues of the whole briefing, each listed once.

Per-article issue references and positions are folded by taxonomy id, so land
in three different regions is one "territory" sticking point. An issue is
only a sticking point when it is contested: an article calls it one (a cue
phrase), sides take opposed stances on it, or a negotiating party states a
position on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.extract.issues import Taxonomy
from sitegen.models import Article, ArticleFacts, Evidence, PositionRef, StickingPoint

_FOR = {"demands", "proposes", "wants", "accepts"}


@dataclass(slots=True)
class _Pile:
    label: str
    contested: bool = False
    evidence: dict[tuple[str, int], Evidence] = field(default_factory=dict)
    stances: set[tuple[str, str]] = field(default_factory=set)
    """(party, stance) pairs across the briefing."""


def _negotiators(facts: ArticleFacts) -> set[str]:
    """Parties that negotiate in this article; all parties with positions when none is marked."""
    marked = {p.id for p in facts.parties if p.role == "negotiating-party"}
    if marked:
        return marked
    return {p.party for p in facts.positions}


def _opposed(stances: set[tuple[str, str]]) -> bool:
    against = {party for party, stance in stances if stance == "rejects"}
    for_ = {party for party, stance in stances if stance in _FOR}
    return any(a != b for a in against for b in for_)


def fold_sticking_points(
    articles: list[Article], facts: list[ArticleFacts], taxonomy: Taxonomy
) -> list[StickingPoint]:
    """One list of contested issues for the whole briefing, with every sentence naming them."""
    by_id = {a.id: a for a in articles}
    piles: dict[str, _Pile] = {}

    def pile(issue: str, label: str | None) -> _Pile:
        if issue not in piles:
            piles[issue] = _Pile(taxonomy.label(issue) or label or issue.replace("-", " "))
        return piles[issue]

    def evidence(article: Article | None, index: int) -> Evidence | None:
        if article is None or not 0 <= index < len(article.sentences):
            return None
        return Evidence(article.id, index, article.sentences[index].text)

    for f in facts:
        article = by_id.get(f.article)
        negotiators = _negotiators(f)
        for ref in f.issues:
            p = pile(ref.issue, ref.label)
            p.contested = True
            ev = evidence(article, ref.sentence)
            if ev:
                p.evidence[(ev.article, ev.sentence)] = ev
        positions: list[PositionRef] = [x for x in f.positions if x.issue]
        for pos in positions:
            assert pos.issue is not None
            p = pile(pos.issue, None)
            p.stances.add((pos.party, pos.stance))
            p.contested = p.contested or pos.party in negotiators
            ev = evidence(article, pos.sentence)
            if ev:
                p.evidence[(ev.article, ev.sentence)] = ev
    points = [
        StickingPoint(id=issue, label=p.label, evidence=[p.evidence[k] for k in sorted(p.evidence)])
        for issue, p in piles.items()
        if (p.contested or _opposed(p.stances)) and p.evidence
    ]
    return sorted(points, key=lambda s: (-len(s.evidence), s.id))
