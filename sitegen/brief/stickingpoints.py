"""Sticking points: the issues on the table across the whole briefing, each listed once.

Per-article issue references and positions are folded by issue id (a taxonomy
id, or the slug of the text's own label), so land in three regions is one
"territory" and "the exchange of prisoners" in two articles one issue. Every
matter demanded, offered, discussed or agreed is on the table; it is
``contested`` where an article shows the parties disagree: a cue says so
("remains unresolved", "a sticking point"), a side rejects something on it,
or a negotiating party makes a demand on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.extract.issues import Taxonomy
from sitegen.models import Article, ArticleFacts, Evidence, StickingPoint


@dataclass(slots=True)
class _Pile:
    label: str
    evidence: dict[tuple[str, int], Evidence] = field(default_factory=dict)
    rounds: dict[str, bool] = field(default_factory=dict)
    contested: bool = False


def _negotiators(facts: ArticleFacts) -> set[str]:
    """Parties that negotiate in this article; all parties with positions when none is marked."""
    marked = {p.id for p in facts.parties if p.role == "negotiating-party"}
    return marked or {p.party for p in facts.positions}


def _article_flags(facts: ArticleFacts) -> dict[str, bool]:
    """Issue id -> whether this article shows disagreement on it."""
    negotiators = _negotiators(facts)
    flags: dict[str, bool] = {}
    for ref in facts.issues:
        flags[ref.issue] = flags.get(ref.issue, False) or ref.contested
    for pos in facts.positions:
        if pos.issue is None:
            continue
        disputed = pos.stance == "rejects" or (pos.stance == "demands" and pos.party in negotiators)
        flags[pos.issue] = flags.get(pos.issue, False) or disputed
    return flags


def fold_sticking_points(
    articles: list[Article], facts: list[ArticleFacts], taxonomy: Taxonomy
) -> list[StickingPoint]:
    """One list of the issues on the table for the whole briefing, with every sentence
    naming them, contested overall and round by round."""
    by_id = {a.id: a for a in articles}
    piles: dict[str, _Pile] = {}
    labels: dict[str, str] = {}

    for f in facts:
        article = by_id.get(f.article)
        if article is None:
            continue
        for ref in f.issues:
            labels.setdefault(ref.issue, ref.label)
        sentences = [(r.issue, r.sentence) for r in f.issues]
        sentences += [(p.issue, p.sentence) for p in f.positions if p.issue]
        for issue, disputed in _article_flags(f).items():
            label = taxonomy.label(issue) or labels.get(issue) or issue.replace("-", " ")
            pile = piles.setdefault(issue, _Pile(label))
            pile.contested = pile.contested or disputed
            if article.round:
                pile.rounds[article.round] = pile.rounds.get(article.round, False) or disputed
        for issue, index in sentences:
            if 0 <= index < len(article.sentences):
                ev = Evidence(article.id, index, article.sentences[index].text)
                piles[issue].evidence[(ev.article, ev.sentence)] = ev
    points = [
        StickingPoint(
            id=issue,
            label=p.label,
            evidence=[p.evidence[k] for k in sorted(p.evidence)],
            contested=p.contested,
            rounds=dict(sorted(p.rounds.items())),
        )
        for issue, p in piles.items()
        if p.evidence
    ]
    return sorted(points, key=lambda s: (-len(s.evidence), s.id))
