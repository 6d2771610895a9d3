"""What each cacheable page's template reads, gathered from the ``SiteIndex`` the way
the template gathers it, as plain values for ``pagecache`` to hash.

A page may be kept from the last build only when everything it shows is in its
key, so each function here follows its template line by line: the records the
page lists (by value: every field), and for each thing it links to or cites,
what the link shows (a person's name, a source's number, title and date). Names
and order of parties, sticking points and rounds, the counts in the footer and
the settings are in every key already (``PageKeys.common``).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sitegen.models import Actor, Article, Party, Position, Quote, Round, StickingPoint
from sitegen.site.roundroles import role_history
from sitegen.site.roundviews import RoundView
from sitegen.site.views import SiteIndex

if TYPE_CHECKING:  # only annotations: the pages' history and paging are made in render
    from sitegen.site.history import History, Period
    from sitegen.site.paging import Pager

Reads = list[object]
Stands = Callable[[object], bytes]
"""A record -> what stands for it in a key (a hash of its fields, by value: ``plain``)."""


@functools.cache
def _fields(cls: Any) -> Callable[[Any], tuple[object, ...]]:
    """Every field of a dataclass as one tuple, read in C (``attrgetter``)."""
    names = [f.name for f in dataclasses.fields(cls)]
    if len(names) == 1:
        return lambda obj: (getattr(obj, names[0]),)
    return operator.attrgetter(*names)


def plain(obj: Any) -> tuple[object, ...]:
    """A dataclass by value as plain data: its type's name and every field, a field
    holding dataclasses (a list of sentences, a citation) as their fields in turn.

    Far cheaper to pickle than the objects (a slotted dataclass pickles through a
    Python ``__getstate__``). Anything deeper is left as it is: pickled by value too."""
    kind: Any = type(obj)
    values: list[Any] = list(_fields(kind)(obj))
    for n, v in enumerate(values):
        t: Any = type(v)
        if t in _ATOMS:
            continue
        if t is list:
            if v and _is_record(v[0].__class__):
                values[n] = plain_list(v)
        elif _is_record(t):
            values[n] = plain(v)
    return (kind.__name__, *values)


def plain_list(items: list[Any]) -> object:
    """A list of dataclasses of one type as (its name, each one's fields); a list of
    mixed types is left as it is (pickled by value)."""
    if not items:
        return []
    kinds = set(map(type, items))
    if len(kinds) != 1:
        return items
    kind: Any = kinds.pop()
    return (kind.__name__, list(map(_fields(kind), items)))


_ATOMS = frozenset({str, int, bool, float, type(None)})


@functools.cache
def _is_record(kind: Any) -> bool:
    return dataclasses.is_dataclass(kind)


class PageReads:
    """The view data of one page, per template."""

    def __init__(self, site: SiteIndex, rec: Stands) -> None:
        """``rec``: what stands for a briefing record in the reads (``Digester.record``)."""
        self.site = site
        self.rec = rec
        self._labels: dict[str, tuple[object, ...]] = {}

    # ------------------------------------------------------------ shared pieces

    def label(self, article_id: str) -> tuple[object, ...]:
        """What a citation or a source line shows of an article (made once per article;
        the date as a number, cheaper to hash than a date)."""
        found = self._labels.get(article_id)
        if found is None:
            a = self.site.articles.get(article_id)
            day = a.date.toordinal() if a and a.date else None
            info = (a.title, day, a.agency, a.outlet, a.url) if a else ()
            found = (article_id, *info)
            self._labels[article_id] = found
        return found

    def labels(self, ids: Iterable[str]) -> list[tuple[object, ...]]:
        return [self.label(i) for i in sorted(set(ids))]

    def names(self, ids: Iterable[str | None]) -> list[tuple[str, str | None]]:
        """Names of the people a page links to."""
        actors = self.site.actors
        return [(i, actors[i].name if i in actors else None) for i in sorted({i for i in ids if i})]

    def facts(self, quotes: list[Quote], positions: list[Position]) -> Reads:
        """Quotes and positions, with the articles they cite and the people they name."""
        cited = [q.article for q in quotes] + [q.sentence.article for q in quotes]
        cited += [p.article for p in positions] + [p.sentence.article for p in positions]
        people = [q.speaker for q in quotes if q.speaker_kind == "actor"]
        people += [p.actor for p in positions]
        rec = self.rec
        return [
            list(map(rec, quotes)),
            list(map(rec, positions)),
            self.labels(cited),
            self.names(people),
        ]

    def rounds_of(self, positions: list[Position]) -> list[str | None]:
        """The round each position's article belongs to (shown beside it or as its column)."""
        return [self.site.article_round.get(p.article) for p in positions]

    def stands(self, issues: list[StickingPoint] | None = None) -> Reads:
        """Each sticking point's (every one's, by default) latest position per party, or
        its first mention, and whether it is contested (the list tags it)."""
        s = self.site
        out: Reads = []
        for i in s.issues_sorted if issues is None else issues:
            stands = [p for _, p in s.stands(i)]
            first = i.evidence[:1]
            count = len({e.article for e in i.evidence})
            out.append((i.id, i.contested, count, plain_list(first), self.facts([], stands)))
            out.append(self.labels(e.article for e in first))
        return out

    def round_row(self, r: Round) -> tuple[object, ...]:
        """A round as a list of rounds shows it."""
        return (
            r.id,
            r.title,
            r.start,
            r.end,
            r.location,
            r.parties,
            len(self.site.round_articles(r)),
        )

    # ------------------------------------------------------------ detail pages

    def source(self, art: Article) -> Reads:
        s = self.site
        actors, quotes, positions = s.article_facts(art)
        r = s.round_of(art.id)
        named = [(a.id, a.name, plain_list(s.actor_evidence_in(a, art.id))) for a in actors]
        return [
            self.rec(art),
            self.label(art.id),
            r.id if r else None,
            named,
            sorted(s.cited.get(art.id, ())),
            *self.facts(quotes, positions),
        ]

    def actor(self, a: Actor) -> Reads:
        s = self.site
        cited = [e.article for e in a.evidence] + list(a.articles)
        if a.side_evidence:
            cited.append(a.side_evidence.article)
        return [
            self.rec(a),
            [r.id for r in s.actor_rounds(a)],
            [(o.id, o.name, n) for o, n in s.related(a)],
            [(x.role, x.first.id, x.last.id) for x in role_history(s, a)],  # read from texts
            self.labels(cited),
            *self.facts(s.actor_quotes(a), s.actor_positions(a)),
        ]

    def round(self, r: Round) -> Reads:
        s = self.site
        prev, nxt = s.previous_round(r), s.next_round(r)
        articles = s.round_articles(r)
        shown = set(r.participants) | {x.id for art in articles for x in s.article_actors(art.id)}
        people = [
            (i, s.actors[i].name, s.actors[i].roles[:1], s.actors[i].side)
            for i in sorted(shown & s.actors.keys())
        ]
        issues: Reads = [(i.id, plain_list(s.issue_evidence_in(i.id, r))) for i in s.issues_sorted]
        issues.append([(i.id, contested) for i, contested in s.round_issues(r)])  # on the table
        rv = RoundView(s, r)
        before: Reads = []
        if prev is not None:
            before = [
                prev.id,
                self.names(prev.participants),  # who left is named
                plain_list(prev.delegations),  # and cited
                [(a, plain_list(e)) for a, e in sorted(rv.at_table(prev).items())],
                list(map(self.rec, s.round_positions(prev))),
                [(i.id, plain_list(s.issue_evidence_in(i.id, prev))) for i in s.issues_sorted],
                self.labels(a.id for a in s.round_articles(prev)),
            ]
        roles = [(i, rv.role(i)) for i in sorted(shown & s.actors.keys())]  # read from texts
        return [
            self.rec(r),
            roles,
            [(a, plain_list(e)) for a, e in sorted(rv.at_table(r).items())],  # cited
            s.round_index(r),
            s.round_number(r),  # "round N of M" in its negotiation
            nxt.id if nxt else None,
            plain_list([ev for _, ev in rv.lead_sentences()]),
            [self.label(a.id) for a in articles],
            people,
            issues,
            before,
            *self.facts(s.round_quotes(r), s.round_positions(r)),
        ]

    def party(self, p: Party) -> Reads:
        s = self.site
        actors = s.party_actors(p)
        sides = [a.side_evidence for a in actors if a.side_evidence]
        positions = s.party_positions(p)
        side = [(a.id, a.name, a.roles[:1], a.side_evidence) for a in actors]
        return [
            self.rec(p),
            [r.id for r in s.party_rounds(p)],
            [(i, name, role, plain(ev) if ev else None) for i, name, role, ev in side],
            self.labels([e.article for e in sides] + list(p.articles)),
            self.rounds_of(positions),
            *self.facts(s.party_quotes(p), positions),
        ]

    def issue(self, i: StickingPoint) -> Reads:
        positions = self.site.issue_positions(i)
        return [
            self.rec(i),
            self.rounds_of(positions),
            self.labels(e.article for e in i.evidence),
            *self.facts([], positions),
        ]

    # ------------------------------------------------------------ earlier rounds

    def pager(self, pager: Pager[Any] | None) -> tuple[object, ...]:
        """Which page of how many (the links between pages)."""
        return (pager.number, pager.count, pager.total) if pager is not None else ()

    def periods(self, pager: Pager[Period]) -> Reads:
        """The lines of a page of earlier rounds (``macros.earlier_rounds``)."""
        rows: Reads = [self.pager(pager)]
        for p in pager.items:
            title = p.round.title if p.round else p.article.title if p.article else None
            rows.append((p.id, p.day, p.place, p.summary(), title))
        return rows

    def history(self, h: History) -> Reads:
        """What an actor's, party's or sticking point's first page shows of its history
        besides the facts (whose reads hold every fact of the record): the rounds in
        full, what was left out, and the first page of earlier rounds."""
        return [[p.id for p in h.full], h.cut, h.older, *self.periods(h.pages[0])]

    def history_page(
        self, kind: str, record: Actor | Party | StickingPoint, pager: Pager[Period]
    ) -> Reads:
        """A page of earlier rounds after the first (``history.html``)."""
        name = record.label if isinstance(record, StickingPoint) else record.name
        return [kind, record.id, name, *self.periods(pager)]

    # ------------------------------------------------------------ hubs and lists

    def home(self) -> Reads:
        s = self.site
        latest = s.latest_round()
        counts = [len(s.rounds_sorted), len(s.actors_sorted), len(s.articles_sorted)]
        out: Reads = [counts, [self.round_row(r) for r in s.rounds_sorted]]
        if latest is not None:  # the latest round's brief: what its page reads
            out.append(self.round(latest))
        return out

    def rounds(self, pager: Pager[Round]) -> Reads:
        return [self.pager(pager), *(self.round_row(r) for r in pager.items)]

    def actors(self, pager: Pager[Actor]) -> Reads:
        return [
            self.pager(pager),
            *((a.id, a.name, a.side, a.roles[:1], len(set(a.articles))) for a in pager.items),
        ]

    def parties(self, pager: Pager[Party]) -> Reads:
        s = self.site
        return [
            self.pager(pager),
            *(
                (p.id, len(s.party_actors(p)), len(s.party_positions(p)), len(set(p.articles)))
                for p in pager.items
            ),
        ]

    def issues(self, pager: Pager[StickingPoint]) -> Reads:
        return [self.pager(pager), *self.stands(pager.items)]

    def sources(self, pager: Pager[Article]) -> Reads:
        return [self.pager(pager), *(self.label(a.id) for a in pager.items)]
