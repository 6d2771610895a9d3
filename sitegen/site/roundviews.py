"""What a round page shows: delegations, other people named, key quotes, what changed.

Kept apart from ``views`` (lookups over the whole briefing) because a round page
compares one round with the one before it; every list is sorted so the same
briefing gives the same page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.models import Actor, Article, Evidence, Membership, Party, Position, Quote, Round
from sitegen.site.views import SiteIndex

KEY_QUOTE_WORDS = 6
"""A quote this long or longer says something; shorter ones ("in the near future")
stay on actor and source pages."""


@dataclass(slots=True)
class Change:
    """One difference between a round and the one before it."""

    kind: str
    """'joined', 'left', 'new-issue', 'new-position' or 'shift'."""
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    """Actor ids, for 'joined' and 'left' (one line for all of them)."""
    party: str | None = None
    issue: str | None = None
    position: Position | None = None
    """The new position, for 'new-position' and 'shift'."""


def by_side(site: SiteIndex, actors: list[Actor]) -> list[tuple[Party | None, list[Actor]]]:
    """Actors grouped by side: negotiating parties first, then mediators, hosts, the rest;
    those with no side last."""
    groups: dict[str | None, list[Actor]] = defaultdict(list)
    for a in actors:
        groups[a.side].append(a)
    order = [p.id for p in site.parties_sorted]
    out: list[tuple[Party | None, list[Actor]]] = []
    for pid in order + sorted(k for k in groups if k and k not in order):
        if pid in groups:
            out.append((site.parties.get(pid), _by_name(groups[pid])))
    if None in groups:
        out.append((None, _by_name(groups[None])))
    return out


def _by_name(actors: list[Actor]) -> list[Actor]:
    return sorted(actors, key=lambda a: (a.name.casefold(), a.id))


def key_quotes(quotes: list[Quote], limit: int = 8, per_speaker: int = 2) -> list[Quote]:
    """Quotes with a known speaker that say something, a few per speaker.

    Short fragments are left out while longer quotes exist (they remain on the
    actor's and the source's pages).
    """
    spoken = [q for q in quotes if q.speaker]
    ranked = [q for q in spoken if len(q.text.split()) >= KEY_QUOTE_WORDS]
    if not ranked:
        ranked = [q for q in spoken if len(q.text.split()) >= 4]
    taken: Counter[str] = Counter()
    out = []
    for q in ranked:
        if taken[q.speaker or ""] < per_speaker:
            taken[q.speaker or ""] += 1
            out.append(q)
    return out[:limit]


class RoundView:
    """One round as its page shows it."""

    def __init__(self, site: SiteIndex, r: Round) -> None:
        self.site = site
        self.round = r

    def articles(self) -> list[Article]:
        return self.site.round_articles(self.round)

    def delegations(self) -> list[tuple[Party | None, list[Actor]]]:
        """The people reported taking part in the meeting, by side."""
        s = self.site
        groups = by_side(
            s, [s.actors[a] for a in sorted(set(self.round.participants)) if a in s.actors]
        )
        heads = {m.actor for m in self.round.delegations if m.head}
        return [
            (party, sorted(members, key=lambda a: a.id not in heads)) for party, members in groups
        ]

    def membership(self, actor_id: str) -> Membership | None:
        """How the reports put one delegate at the table: head or member, and where."""
        return next((m for m in self.round.delegations if m.actor == actor_id), None)

    def also_named(self) -> list[tuple[Party | None, list[Actor]]]:
        """Other people the round's reports name (leaders, spokespeople ...), by side."""
        mine = {art.id for art in self.articles()}
        taking_part = set(self.round.participants)
        ids = {a.id for art in mine for a in self.site.article_actors(art)} - taking_part
        return by_side(self.site, [self.site.actors[a] for a in sorted(ids)])

    def parties_by_role(self) -> dict[str, list[Party]]:
        """The round's parties grouped by their role in the talks."""
        groups: dict[str, list[Party]] = defaultdict(list)
        for party in self.site.parties_sorted:
            if party.id in self.round.parties:
                groups[party.role].append(party)
        return dict(groups)

    def lead_sentences(self) -> list[tuple[Article, Evidence]]:
        """The first body sentence of each of the round's articles."""
        leads = []
        for art in self.articles():
            body = [s for s in art.sentences if s.part == "body"] or art.sentences
            if body:
                leads.append((art, Evidence(art.id, body[0].index, body[0].text)))
        return leads

    def key_quotes(self, limit: int = 6) -> list[Quote]:
        r = self.round
        return key_quotes(self.site.round_quotes(r), limit)

    def positions(self) -> list[Position]:
        return self.site.round_positions(self.round)

    def changes(self) -> list[Change]:
        """What is new in this round against the round before it, each with citations."""
        s, r = self.site, self.round
        prev = s.previous_round(r)
        if prev is None:
            return []
        out: list[Change] = []
        now_actors, then_actors = set(r.participants), set(prev.participants)
        joined = sorted(a for a in now_actors - then_actors if a in s.actors)
        left = sorted(a for a in then_actors - now_actors if a in s.actors)
        if joined:
            out.append(
                Change("joined", "took part; not reported in the previous round", actors=joined)
            )
        if left:
            out.append(
                Change(
                    "left", "took part in the previous round; not reported in this one", actors=left
                )
            )
        now_pos, then_pos = s.round_positions(r), s.round_positions(prev)
        then_issues = {i.id for i in s.issues_sorted if s.issue_evidence_in(i.id, prev)}
        then_issues |= {p.issue for p in then_pos if p.issue}
        for i in s.issues_sorted:
            evs = s.issue_evidence_in(i.id, r)
            if evs and i.id not in then_issues:
                out.append(Change("new-issue", "raised for the first time", evs[:2], issue=i.id))
        before: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for p in then_pos:
            if p.issue:
                before[(p.party, p.issue)].append(p)
        seen: set[tuple[str, str, str]] = set()
        for p in now_pos:
            if not p.issue or (p.party, p.issue, p.stance) in seen:
                continue
            seen.add((p.party, p.issue, p.stance))
            earlier = before.get((p.party, p.issue))
            if not earlier:
                out.append(Change("new-position", "", [], party=p.party, issue=p.issue, position=p))
            elif p.stance not in {e.stance for e in earlier}:
                was = earlier[-1]
                out.append(
                    Change(
                        "shift",
                        f"now {p.stance} (before: {was.stance})",
                        [was.sentence, p.sentence],
                        party=p.party,
                        issue=p.issue,
                        position=p,
                    )
                )
        return out
