"""All articles' facts -> one ``Briefing``.

Merges what each article found: parties by id, people into actors (name
variants folded), quotes and positions re-pointed at actor ids, sticking
points folded into one list, and rounds with their participants. Editor
overrides join here and always win.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.brief.delegations import DelegateMemo, memberships
from sitegen.extract.reporting_words import vocab
from sitegen.models import (
    Actor,
    Article,
    ArticleFacts,
    Evidence,
    Party,
    PartyRole,
    Position,
    Quote,
    Round,
    StickingPoint,
)

ROLE_RANK: dict[str, int] = {"negotiating-party": 3, "mediator": 2, "host": 1, "other": 0}
"""When articles disagree on a party's role, the most specific one they agree on most wins."""


def evidence(article: Article, index: int) -> Evidence:
    """The citation of one sentence."""
    return Evidence(article.id, index, article.sentences[index].text)


def merge_parties(pairs: Iterable[tuple[Article, ArticleFacts]]) -> list[Party]:
    """One ``Party`` per id, its role the one most articles give (ties to the stronger)."""
    names: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for article, facts in pairs:
        for ref in facts.parties:
            names.setdefault(ref.id, ref.name)
            roles[ref.id][ref.role] += 1
            articles[ref.id].add(article.id)
            # Names only: a description such as "the rebels" is a mention, not an alias
            # (nor "The union" opening a sentence).
            aliases[ref.id].update(
                m.text for m in ref.mentions if not m.text.removeprefix("The ").islower()
            )
    parties = []
    for pid in sorted(names):
        counts = roles[pid]
        specific = {r: n for r, n in counts.items() if r != "other"}
        pool = specific or dict(counts)
        role = max(pool, key=lambda r: (pool[r], ROLE_RANK[r]))
        alias_list = sorted(a for a in aliases[pid] if a.casefold() != names[pid].casefold())
        parties.append(
            Party(
                id=pid,
                name=names[pid],
                aliases=alias_list,
                role=_role(role),
                articles=sorted(articles[pid]),
            )
        )
    return parties


def _role(value: str) -> PartyRole:
    if value == "negotiating-party":
        return "negotiating-party"
    if value == "mediator":
        return "mediator"
    if value == "host":
        return "host"
    return "other"


@dataclass(slots=True)
class Facts:
    """Quotes and positions of the whole briefing, pointing at actor ids."""

    quotes: list[Quote]
    positions: list[Position]


def link_facts(
    pairs: list[tuple[Article, ArticleFacts]],
    actor_of: dict[tuple[str, str], str],
    sticking: list[StickingPoint],
    actors: list[Actor],
) -> Facts:
    """Re-point per-article quotes and positions at briefing ids; a party's speaker
    named only by an office goes to the one actor holding it for that party."""
    issue_ids = {sp.id for sp in sticking}
    quotes: list[Quote] = []
    positions: list[Position] = []
    for article, facts in pairs:
        for n, q in enumerate(facts.quotes, 1):
            speaker: str | None = q.speaker
            kind: str | None = None
            if q.speaker_kind == "person" and q.speaker:
                speaker = actor_of.get((article.id, q.speaker))
                kind = "actor" if speaker else None
            elif q.speaker_kind == "party" and q.speaker:
                holder = office_holder(actors, q.speaker, q.title) if q.title else None
                speaker, kind = (holder, "actor") if holder else (q.speaker, "party")
            quotes.append(
                Quote(
                    id=f"{article.id}-q{n}",
                    article=article.id,
                    text=q.text,
                    sentence=evidence(article, q.sentence),
                    speaker=speaker,
                    speaker_kind="actor" if kind == "actor" else "party" if kind else None,
                )
            )
        for p in facts.positions:
            positions.append(
                Position(
                    article=article.id,
                    party=p.party,
                    stance=p.stance,
                    sentence=evidence(article, p.sentence),
                    object=p.object,
                    actor=actor_of.get((article.id, p.person)) if p.person else None,
                    issue=p.issue if p.issue in issue_ids else None,
                )
            )
    return Facts(quotes, positions)


def round_people(
    rounds: list[Round],
    actors: list[Actor],
    parties: list[Party],
    pairs: list[tuple[Article, ArticleFacts]],
    actor_of: dict[tuple[str, str], str],
    memo: DelegateMemo | None = None,
) -> None:
    """Fill each round's participants (delegates of the parties at the table) and
    parties (those taking part in, mediating or hosting it). ``memo``: what earlier
    builds of a long-lived process found of each person."""
    role_of = {p.id: p.role for p in parties}
    at_table = {
        a.id: a
        for a in actors
        if a.side and role_of.get(a.side) in ("negotiating-party", "mediator", "host")
    }
    by_id = {article.id: (article, facts) for article, facts in pairs}
    party_articles = {p.id: set(p.articles) for p in parties}  # once, not once per round
    for rnd in rounds:
        members = set(rnd.articles)
        rnd.delegations = memberships(rnd, by_id, actor_of, at_table, memo)
        rnd.participants = sorted(m.actor for m in rnd.delegations)
        rnd.parties = sorted(
            p.id for p in parties if members & party_articles[p.id] and p.role != "other"
        )


def office_holder(actors: list[Actor], party: str, office: tuple[str, ...]) -> str | None:
    """The one actor of ``party`` with a role holding every word of ``office``
    ("president"), as any article gives it; two holders or none: nobody."""
    wanted = {w.rstrip("s") for w in office}
    spare = vocab().not_holding - set(office)
    found: set[str] = set()
    for a in actors:
        for role in a.roles if a.side == party else []:
            words = re.findall(r"[a-z]+", role.lower())
            if wanted <= {w.rstrip("s") for w in words} and not spare & set(words):
                found.add(a.id)
    return found.pop() if len(found) == 1 else None
