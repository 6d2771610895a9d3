"""An actor's, party's or sticking point's facts round by round: the latest rounds in
full, each older round one line (date, place, how many facts, a link).

On a desk's archive the same dozen people and few issues are in nearly every
report, so their pages listed thousands of quotes, positions and mentions (one
sticking point's page weighed 3 MB). A page now shows in full the facts of its
latest rounds, up to a budget (``Paging.full_facts``, at least one round); every
older round is a line of a table paginated like any long list. A report outside
any round counts as a round of its own, linked to its source page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitegen.models import Article, Evidence, Party, Position, Quote, Round
from sitegen.site.paging import Pager, Paging, paginate
from sitegen.site.views import SiteIndex

LONE = "@"
"""Prefix of a period's id that is one report outside any round (never a round id's)."""


@dataclass(slots=True)
class Period:
    """One round of a page's history, or one report outside any round."""

    id: str
    round: Round | None
    article: Article | None
    day: dt.date | None
    place: str
    quotes: int = 0
    positions: int = 0
    mentions: int = 0
    reports: set[str] = field(default_factory=set)

    @property
    def facts(self) -> int:
        """Quotes, positions and mentions: what the summary line counts."""
        return self.quotes + self.positions + self.mentions

    def summary(self) -> str:
        """'3 quotes, 1 position, 4 mentions in 2 reports': what the line counts."""
        parts = [
            f"{n} {word}{'' if n == 1 else 's'}"
            for n, word in ((self.quotes, "quote"), (self.positions, "position"))
            if n
        ]
        if self.mentions:
            parts.append(f"{self.mentions} mention{'' if self.mentions == 1 else 's'}")
        n = len(self.reports)
        where = f"{n} report{'' if n == 1 else 's'}"
        return f"{', '.join(parts)} in {where}" if parts else where


@dataclass(slots=True)
class History:
    """What one page shows of its facts: those of the latest periods (in the order the
    page lists them), and a line per older period, newest first, on pages."""

    quotes: list[Quote]
    positions: list[Position]
    mentions: list[Evidence]
    reports: list[Article]
    full: list[Period]
    """Newest first."""
    pages: list[Pager[Period]]
    """The older periods, newest first, ``per_page`` a page."""
    cut: int = 0
    """Facts of the full periods left out (only when one round alone passes the budget)."""

    @property
    def older(self) -> int:
        return self.pages[0].total

    def rounds(self) -> list[Round]:
        """The rounds shown in full, oldest first."""
        return [p.round for p in reversed(self.full) if p.round is not None]


class Histories:
    """Makes the ``History`` of each page over one site."""

    def __init__(self, site: SiteIndex, paging: Paging) -> None:
        self.site = site
        self.paging = paging
        self._pids: dict[str, str] = {}
        """Each article's period id, worked out once for every page of the site."""

    def period_id(self, article_id: str) -> str:
        pid = self._pids.get(article_id)
        if pid is None:
            pid = self._pids[article_id] = (
                self.site.article_round.get(article_id) or LONE + article_id
            )
        return pid

    def _period(self, pid: str) -> Period:
        s = self.site
        if pid.startswith(LONE):
            art = s.articles.get(pid[len(LONE) :])
            return Period(pid, None, art, art.date if art else None, "")
        r = s.rounds[pid]
        return Period(pid, r, None, r.start or r.end, r.location or "")

    def _order(self, p: Period) -> tuple[dt.date, int, str]:
        no = self.site.round_index(p.round) if p.round is not None else -1
        return (p.day or dt.date.min, no, p.id)

    def make(
        self,
        base: str,
        quotes: list[Quote],
        positions: list[Position],
        mentions: list[Evidence],
        reports: Iterable[str],
    ) -> History:
        """The history of a page at ``base`` (its site-relative path) over these facts."""
        periods: dict[str, Period] = {}
        period_id = self.period_id

        def period(article_id: str) -> Period:
            pid = period_id(article_id)
            found = periods.get(pid)
            if found is None:
                found = periods[pid] = self._period(pid)
            found.reports.add(article_id)
            return found

        # counted per article first: a page's facts come from far fewer reports
        for aid, n in Counter(q.article for q in quotes).items():
            period(aid).quotes += n
        for aid, n in Counter(p.article for p in positions).items():
            period(aid).positions += n
        for aid, n in Counter(e.article for e in mentions).items():
            period(aid).mentions += n
        known = self.site.articles
        for a in reports:
            if a in known:
                period(a)
        newest = sorted(periods.values(), key=self._order, reverse=True)
        full: list[Period] = []
        spent = 0
        for one in newest:
            weight = one.facts + len(one.reports)
            if full and (
                spent + weight > self.paging.full_facts or len(full) >= self.paging.full_rounds
            ):
                break
            full.append(one)
            spent += weight
        # a fact is shown when its report is one of a full period's (each report is
        # in the reports of its own period only)
        shown = {a for p in full for a in p.reports}
        cap = self.paging.full_facts
        kept_q = [q for q in quotes if q.article in shown]
        kept_p = [p for p in positions if p.article in shown]
        kept_m = [e for e in mentions if e.article in shown]
        arts = self.site.articles_of([a for p in full for a in p.reports])
        cut = sum(max(0, len(x) - cap) for x in (kept_q, kept_p, kept_m))
        return History(
            kept_q[-cap:] if cap else [],
            kept_p[-cap:] if cap else [],
            kept_m[-cap:] if cap else [],
            arts[-cap:] if cap else [],
            full,
            paginate(newest[len(full) :], base, self.paging.per_page),
            cut,
        )

    def matrix(
        self, history: History
    ) -> tuple[list[Party], list[Period], dict[tuple[str, str], list[Position]]]:
        """The positions shown in full as a party x period table (oldest period first)."""
        cells: dict[tuple[str, str], list[Position]] = {}
        for p in history.positions:
            cells.setdefault((p.party, self.period_id(p.article)), []).append(p)
        rows = [party for party in self.site.parties_sorted if any(k[0] == party.id for k in cells)]
        cols = [p for p in reversed(history.full) if any(k[1] == p.id for k in cells)]
        return rows, cols, cells
