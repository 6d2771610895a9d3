"""What a round page shows: delegations, other people named, key quotes, what changed.

Kept apart from ``views`` (lookups over the whole briefing) because a round page
compares one round with the one before it; every list is sorted so the same
briefing gives the same page.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from sitegen.brief.delegations import delegate_role_cue, head_cue
from sitegen.data import load
from sitegen.models import (
    Actor,
    Article,
    Evidence,
    Membership,
    Party,
    Position,
    Quote,
    Round,
    StickingPoint,
)
from sitegen.site.clauses import issue_namer
from sitegen.site.leadlines import dateline_only, strip_dateline
from sitegen.site.roundroles import best_role, round_role, used_roles
from sitegen.site.stancelines import STANCE_ORDER, StanceChange, StanceLine, changes, stance_lines
from sitegen.site.views import SiteIndex

KEY_QUOTE_WORDS = 6
"""A quote this long or longer says something; shorter ones ("in the near future")
stay on actor and source pages."""
QUOTES_PER_SIDE = 2


@dataclass(slots=True)
class Change:
    """One difference between a round and the one before it, with its citations."""

    kind: str
    """'joined', 'left', 'new-issue' or 'stance' (then ``stance`` says what)."""
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[tuple[str, list[Evidence]]] = field(default_factory=list)
    """Actor ids with the sentences that put them at the table, for 'joined' and 'left'."""
    party: str | None = None
    issue: str | None = None
    stance: StanceChange | None = None


@dataclass(slots=True)
class IssueBlock:
    """One issue on a round's table: contested or not, each party's stances on it."""

    issue: StickingPoint
    contested: bool
    lines: list[StanceLine]
    evidence: list[Evidence]
    """Sentences that name it in this round (for an issue no side's stance is cited on)."""


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


@cache
def _stance_words() -> re.Pattern[str]:
    """Every stance verb and noun of ``data/stances.yaml``, as one pattern."""
    data = load("stances")
    forms = [f for group in ("verbs", "nouns") for fs in data[group].values() for f in fs]
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)


def states_stance(q: Quote, position_sentences: set[tuple[str, int]]) -> bool:
    """Whether a quote says where its side stands: the sentence holding it is the evidence
    of a position, or its words hold a stance verb or noun."""
    where = (q.sentence.article, q.sentence.sentence)
    return where in position_sentences or _stance_words().search(q.text) is not None


def key_quotes(
    quotes: list[Quote],
    limit: int = 8,
    per_side: int = QUOTES_PER_SIDE,
    side_of: Callable[[Quote], str] | None = None,
    states: Callable[[Quote], bool] | None = None,
) -> list[Quote]:
    """Quotes with a known speaker that say something, at most ``per_side`` per side
    (``side_of``: a person's party; by default the speaker), those that state a stance
    (``states``) first, then in the order given (source order).

    Short fragments are left out while longer quotes exist (they remain on the
    actor's and the source's pages)."""
    spoken = [q for q in quotes if q.speaker]
    ranked = [q for q in spoken if len(q.text.split()) >= KEY_QUOTE_WORDS]
    if not ranked:
        ranked = [q for q in spoken if len(q.text.split()) >= 4]
    if states is not None:
        ranked = sorted(ranked, key=lambda q: not states(q))  # stable: source order kept
    group = side_of or (lambda q: q.speaker or "")
    taken: Counter[str] = Counter()
    out = []
    for q in ranked:
        g = group(q)
        if taken[g] < per_side:
            taken[g] += 1
            out.append(q)
    return out[:limit]


class RoundView:
    """One round as its page (and the home page) shows it."""

    def __init__(self, site: SiteIndex, r: Round) -> None:
        self.site = site
        self.round = r
        self._lines: list[StanceLine] | None = None
        self._naming: dict[str, list[Article]] | None = None
        self._table: dict[str, list[Evidence]] | None = None

    def articles(self) -> list[Article]:
        return self.site.round_articles(self.round)

    def delegations(self) -> list[tuple[Party | None, list[Actor]]]:
        """The people reported taking part in the meeting, by side, heads first."""
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

    def role(self, actor_id: str) -> str | None:
        """The one role shown for a person in this round (``roundroles``). A head of
        delegation's is the best of the phrases that say they lead, else that they led
        the delegation."""
        a = self.site.actors.get(actor_id)
        if a is None:
            return None
        if self._naming is None:  # who each of the round's reports names, once per round
            self._naming = defaultdict(list)
            for art in self.articles():
                for x in self.site.article_actors(art.id):
                    self._naming[x.id].append(art)
        naming = self._naming.get(actor_id, [])
        m = self.membership(actor_id)
        if m is not None and m.head:
            leads = [r for r in used_roles(a, naming) or a.roles if head_cue().search(r)]
            table = [r for r in leads if delegate_role_cue().search(r)]  # "head of the delegation"
            return best_role(table) or best_role(leads) or "head of delegation"
        return round_role(self.site, a, self.round, naming)

    def table_evidence(self, actor_id: str) -> list[Evidence]:
        """The sentences that put a person at this round's table."""
        if self._table is None:
            self._table = self.at_table(self.round)
        return self._table.get(actor_id, [])

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
        """The first body sentence of each of the round's reports, in date order, its wire
        dateline cut off (the citation still points at the whole sentence); a sentence
        that is only a dateline is no lead."""
        leads = []
        for art in self.articles():
            body = [s for s in art.sentences if s.part == "body"] or art.sentences
            body = [s for s in body if not dateline_only(s.text)]
            if body:
                text = strip_dateline(body[0].text)
                leads.append((art, Evidence(art.id, body[0].index, text)))
        return leads

    def key_quotes(self, limit: int = 8) -> list[Quote]:
        """At most two quotes per side (a person speaks for their party; a person or
        party of no known side is a side of their own), those stating a stance first."""
        s = self.site
        cited = {(p.sentence.article, p.sentence.sentence) for p in self.positions()}

        def side_of(q: Quote) -> str:
            if q.speaker_kind == "actor" and q.speaker in s.actors:
                return s.actors[q.speaker].side or f"actor:{q.speaker}"
            return q.speaker or ""

        return key_quotes(
            s.round_quotes(self.round),
            limit,
            side_of=side_of,
            states=lambda q: states_stance(q, cited),
        )

    def positions(self) -> list[Position]:
        return self.site.round_positions(self.round)

    def stance_lines(self) -> list[StanceLine]:
        """This round's positions as one line per party, issue and stance."""
        if self._lines is None:
            self._lines = _lines_of(self.site, self.positions())
        return self._lines

    def issues(self, contested_only: bool = False) -> list[IssueBlock]:
        """The issues on the table, contested first, each with its parties' stance lines
        (parties in the site's order, then stances in ``STANCE_ORDER``)."""
        s, r = self.site, self.round
        by_issue: dict[str, list[StanceLine]] = defaultdict(list)
        for ln in self.stance_lines():
            by_issue[ln.issue].append(ln)
        party_rank = {p.id: n for n, p in enumerate(s.parties_sorted)}
        stance_rank = {st: n for n, st in enumerate(STANCE_ORDER)}
        blocks = []
        on_table = s.round_issues(r)
        named = {i.id for i, _ in on_table}
        for i in s.issues_sorted:  # stances on an issue the round's cues did not name
            if i.id in by_issue and i.id not in named:
                on_table.append((i, len({ln.party for ln in by_issue[i.id]}) > 1))
        for issue, contested in on_table:
            if contested_only and not contested:
                continue
            lines = sorted(
                by_issue.get(issue.id, []),
                key=lambda ln: (
                    party_rank.get(ln.party, len(party_rank)),
                    ln.party,
                    stance_rank.get(ln.stance, 9),
                ),
            )
            blocks.append(IssueBlock(issue, contested, lines, s.issue_evidence_in(issue.id, r)))
        return sorted(blocks, key=lambda b: not b.contested)

    def at_table(self, r: Round) -> dict[str, list[Evidence]]:
        """Who took part in a round, each with the sentences that say so: their delegation
        membership's, else where the round's reports name them."""
        s = self.site
        out = {m.actor: list(m.evidence) for m in r.delegations if m.actor in s.actors}
        arts = [a.id for a in s.round_articles(r)]
        for aid in r.participants:
            if aid in s.actors and not out.get(aid):
                a = s.actors[aid]
                out[aid] = [e for art in arts for e in s.actor_evidence_in(a, art)]
        return out

    def changes(self) -> list[Change]:
        """What differs from the round before, each line cited: who joined or left the
        table, issues raised for the first time, and each party's stances per issue
        compared as sets (``stancelines.changes``)."""
        s, r = self.site, self.round
        prev = s.previous_round(r)
        if prev is None:
            return []
        out: list[Change] = []
        now_at, then_at = self.at_table(r), self.at_table(prev)
        joined = [(a, now_at[a]) for a in sorted(now_at) if a not in then_at and now_at[a]]
        left = [(a, then_at[a]) for a in sorted(then_at) if a not in now_at and then_at[a]]
        if joined:
            out.append(
                Change("joined", "at the table; not reported there last round", actors=joined)
            )
        if left:
            out.append(
                Change("left", "at the table last round; not reported there now", actors=left)
            )
        then_issues = {i.id for i, _ in s.round_issues(prev)}
        then_issues |= {i.id for i in s.issues_sorted if s.issue_evidence_in(i.id, prev)}
        then_issues |= {p.issue for p in s.round_positions(prev) if p.issue}
        for i in s.issues_sorted:
            evs = s.issue_evidence_in(i.id, r)
            if evs and i.id not in then_issues:
                out.append(Change("new-issue", "raised for the first time", evs[:2], issue=i.id))
        before = _lines_of(s, s.round_positions(prev))
        for c in changes(before, self.stance_lines()):
            evidence = c.line.evidence[:1] + [e for ln in c.before for e in ln.evidence[:1]]
            out.append(Change("stance", c.kind, evidence, party=c.party, issue=c.issue, stance=c))
        return out


def _lines_of(site: SiteIndex, positions: list[Position]) -> list[StanceLine]:
    """Stance lines, each issue recognised by its label as well as the taxonomy's patterns."""

    def namer(issue: str) -> Callable[[str], bool]:
        found = site.issues.get(issue)
        return issue_namer(issue, found.label if found else "")

    return stance_lines(positions, namer)
