"""What each page shows: lookups and derived tables over one ``Briefing``.

Templates stay dumb: every grouping, ordering and comparison a page needs is
computed here, deterministically (everything sorted), from typed records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sitegen.models import (
    Actor,
    Article,
    Briefing,
    Evidence,
    Party,
    Position,
    Quote,
    Round,
    Sentence,
    StickingPoint,
)

_FAR = dt.date.max
ROLE_ORDER = {"negotiating-party": 0, "mediator": 1, "host": 2, "other": 3}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, independent of the machine's locale."""
NO_ISSUE = ""
"""Column key for positions that name no sticking point."""


@dataclass(slots=True)
class Segment:
    """A piece of a paragraph on a source page: a sentence or the text between."""

    text: str
    sentence: Sentence | None = None
    cited: bool = False


class SiteIndex:
    """Read-only lookups over a briefing; built once per build."""

    def __init__(self, briefing: Briefing) -> None:
        self.b = briefing
        self.articles = {a.id: a for a in briefing.articles}
        self.actors = {a.id: a for a in briefing.actors}
        self.parties = {p.id: p for p in briefing.parties}
        self.issues = {s.id: s for s in briefing.sticking_points}
        self.rounds_sorted = sorted(
            briefing.rounds, key=lambda r: (r.start or r.end or _FAR, r.ordinal or 0, r.id)
        )
        self.rounds = {r.id: r for r in self.rounds_sorted}
        self.articles_sorted = sorted(briefing.articles, key=lambda a: (a.date or _FAR, a.id))
        self.source_no = {a.id: n for n, a in enumerate(self.articles_sorted, 1)}
        self.article_round: dict[str, str] = {}
        for r in self.rounds_sorted:
            for art in r.articles:
                self.article_round.setdefault(art, r.id)
        for a in briefing.articles:
            if a.round and a.round in self.rounds:
                self.article_round[a.id] = a.round
        self.actors_sorted = sorted(briefing.actors, key=lambda a: (a.name.casefold(), a.id))
        self.parties_sorted = sorted(
            briefing.parties, key=lambda p: (ROLE_ORDER.get(p.role, 9), p.name.casefold(), p.id)
        )
        self.issues_sorted = sorted(
            briefing.sticking_points, key=lambda s: (-len(self._issue_articles(s)), s.label, s.id)
        )
        self.positions = sorted(briefing.positions, key=self._fact_key)
        self.quotes = sorted(briefing.quotes, key=lambda q: (*self._ev_key(q.sentence), q.id))
        self.cited: dict[str, set[int]] = defaultdict(set)
        for q in self.quotes:
            self.cited[q.article].add(q.sentence.sentence)
        for p in self.positions:
            self.cited[p.article].add(p.sentence.sentence)
        self._index()

    def _index(self) -> None:
        """Lookups by article, round, actor and party, made once, so that each page
        costs what it shows rather than a scan of the whole briefing (which, over
        every page, grew with the square of the articles)."""
        self._round_no = {r.id: n for n, r in enumerate(self.rounds_sorted)}
        self._process_rounds: dict[int, list[Round]] = defaultdict(list)
        for r in self.rounds_sorted:
            self._process_rounds[r.process].append(r)
        self._process_no = {
            r.id: n for rs in self._process_rounds.values() for n, r in enumerate(rs)
        }
        self._round_members: dict[str, list[str]] = defaultdict(list)
        for aid, rid in self.article_round.items():
            self._round_members[rid].append(aid)
        self._quotes_by_article: dict[str, list[Quote]] = defaultdict(list)
        self._quotes_by_round: dict[str, list[Quote]] = defaultdict(list)
        self._quotes_by_speaker: dict[tuple[str, str], list[Quote]] = defaultdict(list)
        for q in self.quotes:
            self._quotes_by_article[q.article].append(q)
            self._quotes_by_round[self.article_round.get(q.article, "")].append(q)
            self._quotes_by_speaker[(q.speaker_kind or "", q.speaker or "")].append(q)
        self._positions_by_article: dict[str, list[Position]] = defaultdict(list)
        self._positions_by_round: dict[str, list[Position]] = defaultdict(list)
        self._positions_by_actor: dict[str, list[Position]] = defaultdict(list)
        self._positions_by_issue: dict[str, list[Position]] = defaultdict(list)
        self._party_position_rounds: dict[str, set[str]] = defaultdict(set)
        self._positions_by_party: dict[str, list[Position]] = defaultdict(list)
        for p in self.positions:
            rid = self.article_round.get(p.article, "")
            self._positions_by_article[p.article].append(p)
            self._positions_by_round[rid].append(p)
            self._positions_by_actor[p.actor or ""].append(p)
            self._positions_by_issue[p.issue or ""].append(p)
            self._party_position_rounds[p.party or ""].add(rid)
            self._positions_by_party[p.party or ""].append(p)
        self._actors_by_article: dict[str, list[Actor]] = defaultdict(list)
        self._actors_by_party: dict[str, list[Actor]] = defaultdict(list)
        self._actor_evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        for a in self.actors_sorted:
            for aid in dict.fromkeys(a.articles):
                self._actors_by_article[aid].append(a)
            self._actors_by_party[a.side or ""].append(a)
            for e in a.evidence:
                self._actor_evidence[(a.id, e.article)].append(e)
        self._participant_rounds: dict[str, set[str]] = defaultdict(set)
        for r in self.rounds_sorted:
            for who in r.participants:
                self._participant_rounds[who].add(r.id)
        self._issue_evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        for i in self.issues_sorted:
            for e in i.evidence:
                self._issue_evidence[(i.id, self.article_round.get(e.article, ""))].append(e)

    def _sorted_rounds(self, ids: set[str]) -> list[Round]:
        return [
            self.rounds[rid]
            for rid in sorted(ids & self._round_no.keys(), key=lambda rid: self._round_no[rid])
        ]

    def issue_evidence_in(self, issue_id: str, r: Round) -> list[Evidence]:
        """The evidence for one sticking point that comes from a round's articles."""
        return list(self._issue_evidence.get((issue_id, r.id), []))

    # ----------------------------------------------------------------- ordering

    def _ev_key(self, ev: Evidence) -> tuple[dt.date, str, int]:
        art = self.articles.get(ev.article)
        return (art.date if art and art.date else _FAR, ev.article, ev.sentence)

    def _fact_key(self, p: Position) -> tuple[dt.date, str, int, str, str]:
        return (*self._ev_key(p.sentence), p.party, p.stance)

    def _issue_articles(self, s: StickingPoint) -> set[str]:
        return {e.article for e in s.evidence}

    # ----------------------------------------------------------------- lookups

    def round_of(self, article_id: str) -> Round | None:
        rid = self.article_round.get(article_id)
        return self.rounds.get(rid) if rid else None

    def round_index(self, r: Round) -> int:
        return self._round_no[r.id]

    def process_rounds(self, r: Round) -> list[Round]:
        """The rounds of ``r``'s negotiation, in order (a briefing may follow several)."""
        return self._process_rounds[r.process]

    def previous_round(self, r: Round) -> Round | None:
        """The round before ``r`` in its own negotiation: what changed is measured there."""
        own = self.process_rounds(r)
        i = self._process_no[r.id]
        return own[i - 1] if i > 0 else None

    def next_round(self, r: Round) -> Round | None:
        own = self.process_rounds(r)
        i = self._process_no[r.id]
        return own[i + 1] if i + 1 < len(own) else None

    def round_number(self, r: Round) -> tuple[int, int]:
        """(N, M) for "round N of M" within ``r``'s negotiation."""
        return self._process_no[r.id] + 1, len(self.process_rounds(r))

    def latest_round(self) -> Round | None:
        return self.rounds_sorted[-1] if self.rounds_sorted else None

    def articles_of(self, ids: list[str]) -> list[Article]:
        found = [self.articles[i] for i in set(ids) if i in self.articles]
        return sorted(found, key=lambda a: (a.date or _FAR, a.id))

    def speaker_name(self, q: Quote) -> str | None:
        if q.speaker_kind == "actor" and q.speaker in self.actors:
            return self.actors[q.speaker].name
        if q.speaker_kind == "party" and q.speaker in self.parties:
            return self.parties[q.speaker].name
        return None

    def party_name(self, pid: str | None) -> str:
        if pid and pid in self.parties:
            return self.parties[pid].name
        return pid or "Side not stated"

    # ----------------------------------------------------------------- rounds

    def round_articles(self, r: Round) -> list[Article]:
        return self.articles_of(self._round_members.get(r.id, []) + list(r.articles))

    def in_round(self, r: Round, article_id: str) -> bool:
        return self.article_round.get(article_id) == r.id

    def round_positions(self, r: Round | None) -> list[Position]:
        return list(self.positions) if r is None else self._positions_by_round.get(r.id, [])

    def matrix(
        self, positions: list[Position]
    ) -> tuple[list[Party], list[StickingPoint | None], dict[tuple[str, str], list[Position]]]:
        """Rows (parties), columns (sticking points) and cells of a positions table."""
        cells: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for p in positions:
            issue = p.issue if p.issue in self.issues else NO_ISSUE
            cells[(p.party, issue)].append(p)
        rows = [party for party in self.parties_sorted if any(k[0] == party.id for k in cells)]
        cols: list[StickingPoint | None] = [
            s for s in self.issues_sorted if any(k[1] == s.id for k in cells)
        ]
        if any(k[1] == NO_ISSUE for k in cells):
            cols.append(None)
        return rows, cols, dict(cells)

    # ----------------------------------------------------------------- people

    def article_actors(self, article_id: str) -> list[Actor]:
        """The actors an article names, by name."""
        return list(self._actors_by_article.get(article_id, []))

    def actor_evidence_in(self, a: Actor, article_id: str) -> list[Evidence]:
        """Where one article names the actor, in the actor's order (a source page's
        citation for each person it names, without a scan of all their mentions)."""
        return list(self._actor_evidence.get((a.id, article_id), []))

    def round_quotes(self, r: Round) -> list[Quote]:
        return list(self._quotes_by_round.get(r.id, []))

    def actor_quotes(self, a: Actor) -> list[Quote]:
        return list(self._quotes_by_speaker.get(("actor", a.id), []))

    def actor_positions(self, a: Actor) -> list[Position]:
        return list(self._positions_by_actor.get(a.id, []))

    def actor_rounds(self, a: Actor) -> list[Round]:
        ids = {self.article_round[x] for x in a.articles if x in self.article_round}
        return self._sorted_rounds(ids | self._participant_rounds.get(a.id, set()))

    def related(self, a: Actor, limit: int = 10) -> list[tuple[Actor, int]]:
        """Who appears in the same articles, most shared articles first."""
        counts: Counter[str] = Counter()
        for x in set(a.articles):
            counts.update(o.id for o in self._actors_by_article.get(x, []) if o.id != a.id)
        ranked = sorted(((n, aid) for aid, n in counts.items() if n), key=lambda x: (-x[0], x[1]))
        return [(self.actors[aid], n) for n, aid in ranked[:limit]]

    def key_actors(self, limit: int = 8) -> list[Actor]:
        """Delegation heads first, whatever their mention count, then the most reported."""
        said = Counter(q.speaker for q in self.quotes if q.speaker_kind == "actor")
        heads = {m.actor for r in self.rounds_sorted for m in r.delegations if m.head}
        ranked = sorted(
            self.actors_sorted,
            key=lambda a: (a.id not in heads, -len(set(a.articles)), -said[a.id], a.name, a.id),
        )
        return ranked[:limit]

    def party_actors(self, p: Party) -> list[Actor]:
        return list(self._actors_by_party.get(p.id, []))

    def party_quotes(self, p: Party) -> list[Quote]:
        return list(self._quotes_by_speaker.get(("party", p.id), []))

    def party_positions(self, p: Party) -> list[Position]:
        """The party's positions in briefing order (what party.html filters out of every
        position with ``selectattr``, a scan of the whole briefing per party page)."""
        return list(self._positions_by_party.get(p.id, []))

    def party_rounds(self, p: Party) -> list[Round]:
        ids = {r.id for r in self.rounds_sorted if p.id in r.parties}
        return self._sorted_rounds(ids | self._party_position_rounds.get(p.id, set()))

    # ----------------------------------------------------------------- issues

    def issue_positions(self, s: StickingPoint) -> list[Position]:
        return list(self._positions_by_issue.get(s.id, []))

    def round_issues(self, r: Round) -> list[tuple[StickingPoint, bool]]:
        """The issues a round's reports put on the table, each with whether they show the
        parties disagree on it in that round."""
        return [(s, s.rounds[r.id]) for s in self.issues_sorted if r.id in s.rounds]

    def stands(self, s: StickingPoint) -> list[tuple[Party, Position]]:
        """Each party's latest position on a sticking point."""
        latest: dict[str, Position] = {}
        for p in self.issue_positions(s):
            latest[p.party] = p
        return [(party, latest[party.id]) for party in self.parties_sorted if party.id in latest]

    def issue_by_round(
        self, s: StickingPoint
    ) -> tuple[list[Party], list[Round | None], dict[tuple[str, str], list[Position]]]:
        """Party x round table of positions on one sticking point."""
        cells: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for p in self.issue_positions(s):
            cells[(p.party, self.article_round.get(p.article, ""))].append(p)
        rows = [party for party in self.parties_sorted if any(k[0] == party.id for k in cells)]
        cols: list[Round | None] = [
            r for r in self.rounds_sorted if any(k[1] == r.id for k in cells)
        ]
        if any(k[1] == "" for k in cells):
            cols.append(None)
        return rows, cols, dict(cells)

    # ----------------------------------------------------------------- sources

    def segments(self, art: Article, paragraph: int, caption: bool = False) -> list[Segment]:
        """A paragraph (or photo caption) cut into its sentences, each to get an anchor,
        and the text between them."""
        if caption:
            text = art.captions[paragraph]
            mine = [s for s in art.sentences if s.part == "caption" and s.paragraph == paragraph]
        else:
            text = art.paragraphs[paragraph]
            mine = [s for s in art.sentences if s.part != "caption" and s.paragraph == paragraph]
        cited = self.cited.get(art.id, set())
        out: list[Segment] = []
        pos = 0
        for s in mine:
            at = text.find(s.text, pos)
            if at < 0:
                out.append(Segment(" "))
                out.append(Segment(s.text, s, s.index in cited))
                continue
            if at > pos:
                out.append(Segment(text[pos:at]))
            out.append(Segment(s.text, s, s.index in cited))
            pos = at + len(s.text)
        if pos < len(text):
            out.append(Segment(text[pos:]))
        return out

    def captions_with_sentences(self, art: Article) -> list[int]:
        """Indexes of the captions that hold sentences (so they need anchors)."""
        return sorted(
            {
                s.paragraph
                for s in art.sentences
                if s.part == "caption"
                if s.paragraph < len(art.captions)
            }
        )

    def article_facts(self, art: Article) -> tuple[list[Actor], list[Quote], list[Position]]:
        return (
            list(self._actors_by_article.get(art.id, [])),
            list(self._quotes_by_article.get(art.id, [])),
            list(self._positions_by_article.get(art.id, [])),
        )

    def dates(self) -> list[dt.date]:
        """Every date the briefing knows, sorted (for the timeline's axis)."""
        days = {a.date for a in self.b.articles if a.date}
        for r in self.b.rounds:
            days.update(d for d in (r.start, r.end) if d)
        return sorted(days)
