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

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

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


def processes(articles: list[Article], facts: list[ArticleFacts]) -> dict[str, int]:
    """Article id -> negotiation process: rounds whose negotiating parties share two or
    more members are one process (mediators differ and one side recurs across conflicts)."""
    by_id = {a.id: a for a in articles}
    keys: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for f in facts:
        article = by_id.get(f.article)
        key = article.round if article and article.round else f.article
        keys[f.article] = key
        members.setdefault(key, set()).update(_negotiators(f))
    order = sorted(members)
    parent = {k: k for k in order}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]  # halve the path: the partition stays the same
            k = parent[k]
        return k

    having: dict[str, list[str]] = {}  # party -> keys naming it, in order
    after: dict[tuple[str, str], int] = {}  # (party, key) -> where the later keys start
    for k in order:
        for party in members[k]:
            keys_of = having.setdefault(party, [])
            keys_of.append(k)
            after[party, k] = len(keys_of)
    for a in order:  # only keys sharing a party with ``a`` can share two (not every pair)
        shared = Counter(chain.from_iterable(having[p][after[p, a] :] for p in members[a]))
        home = root(a)  # stays a root: only other roots are hung under it
        for b, n in shared.items():
            if n >= 2 and (other := root(b)) != home:
                parent[other] = home
    for a in order:  # a round naming one negotiator joins the one process it fits, if only one
        if len(members[a]) == 1:
            (party,) = members[a]  # a key it fits names that party and another
            fits = {root(b) for b in having[party] if len(members[b]) > 1}
            if len(fits) == 1:
                parent[root(a)] = fits.pop()
    index: dict[str, int] = {}
    for k in order:
        index.setdefault(root(k), len(index))
    return {aid: index[root(key)] for aid, key in keys.items()}


def split_by_process(
    articles: list[Article], facts: list[ArticleFacts], process: dict[str, int] | None = None
) -> dict[str, str]:
    """Give an issue named in several negotiation processes of one briefing an id per
    process (``ceasefire``, ``ceasefire-2``), so one process's dispute does not mark it
    contested in another. Renames the facts' issue ids; returns new id -> shared id.
    ``process``: ``processes(articles, facts)`` when the caller has it already."""
    process = process if process is not None else processes(articles, facts)
    seen: dict[str, list[int]] = {}
    for f in facts:
        for issue in {r.issue for r in f.issues} | {p.issue for p in f.positions if p.issue}:
            ps = seen.setdefault(issue, [])
            if process[f.article] not in ps:
                ps.append(process[f.article])
    base: dict[str, str] = {}
    renames: dict[int, dict[str, str]] = {}  # process -> its renamed ids (one pass each)
    for n in dict.fromkeys(process.values()):
        renames[n] = {}
        for issue, ps in seen.items():
            rank = sorted(ps).index(n) if n in ps else 0
            if rank:
                renames[n][issue] = f"{issue}-{rank + 1}"
    for f in facts:
        renamed = renames[process[f.article]]
        for issue, new_id in renamed.items():
            base[new_id] = issue
        for ref in f.issues:
            ref.issue = renamed.get(ref.issue, ref.issue)
        for pos in f.positions:
            if pos.issue:
                pos.issue = renamed.get(pos.issue, pos.issue)
    return base


def fold_sticking_points(
    articles: list[Article],
    facts: list[ArticleFacts],
    taxonomy: Taxonomy,
    base: dict[str, str] | None = None,
    process: dict[str, int] | None = None,
) -> list[StickingPoint]:
    """One list of the issues on the table for the whole briefing, with every sentence
    naming them, contested overall and round by round. ``process``: ``processes(articles,
    facts)`` when the caller has it already (``split_by_process`` renames issues only,
    which it does not read)."""
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
            shared = (base or {}).get(issue, issue)
            label = taxonomy.label(shared) or labels.get(issue) or shared.replace("-", " ")
            pile = piles.setdefault(issue, _Pile(label))
            pile.contested = pile.contested or disputed
            if article.round:
                pile.rounds[article.round] = pile.rounds.get(article.round, False) or disputed
        for issue, index in sentences:
            if 0 <= index < len(article.sentences):
                ev = Evidence(article.id, index, article.sentences[index].text)
                piles[issue].evidence[(ev.article, ev.sentence)] = ev
    where = _where(articles, facts, base, process) if base else {}
    points = [
        StickingPoint(
            id=issue,
            label=f"{p.label} ({where[issue]})" if where.get(issue) else p.label,
            evidence=[p.evidence[k] for k in sorted(p.evidence)],
            contested=p.contested,
            rounds=dict(sorted(p.rounds.items())),
        )
        for issue, p in piles.items()
        if p.evidence
    ]
    return sorted(points, key=lambda s: (-len(s.evidence), s.id))


def _where(
    articles: list[Article],
    facts: list[ArticleFacts],
    base: dict[str, str],
    process: dict[str, int] | None = None,
) -> dict[str, str]:
    """Issue id -> the negotiating parties of its process ("Astoria, Belmar"), for an
    issue on the table in several processes: ``ceasefire`` and ``ceasefire-2`` would
    otherwise show the same label twice."""
    process = process if process is not None else processes(articles, facts)
    names = {p.id: p.name for f in facts for p in f.parties}
    shared = set(base.values())
    parties: dict[int, set[str]] = {}
    ids: dict[str, int] = {}
    for f in facts:
        n = process[f.article]
        parties.setdefault(n, set()).update(_negotiators(f))
        for issue in {r.issue for r in f.issues} | {p.issue for p in f.positions if p.issue}:
            if base.get(issue, issue) in shared:
                ids[issue] = n
    return {
        issue: ", ".join(sorted(names.get(p, p) for p in parties[n])[:MAX_WHERE])
        for issue, n in ids.items()
    }


MAX_WHERE = 3
"""At most this many party names tell two processes' issues apart."""
