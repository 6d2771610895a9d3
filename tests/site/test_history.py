"""An actor's, party's or sticking point's history: the latest rounds in full, older
ones a line each, a report outside any round a line of its own."""

from __future__ import annotations

import datetime as dt

from sitegen.site.history import LONE, Histories
from sitegen.site.paging import Paging
from sitegen.site.views import SiteIndex
from tests.sitefixtures import make_article, make_briefing


def _site() -> SiteIndex:
    """The fixture's two rounds, and a third report of Bayramov's outside any round."""
    b = make_briefing()
    lone = make_article(
        "a4-interview",
        "Bayramov interview",
        ['"We will keep talking," Bayramov said in an interview in Baku.'],
        date=dt.date(2024, 4, 1),
    )
    b.articles.append(lone)
    bayramov = next(a for a in b.actors if a.id == "jeyhun-bayramov")
    bayramov.articles.append(lone.id)
    return SiteIndex(b)


def test_the_latest_round_in_full_and_each_older_one_a_line() -> None:
    site = _site()
    a = site.actors["jeyhun-bayramov"]
    make = Histories(site, Paging(per_page=1, full_facts=1, full_rounds=5))
    h = make.make("actors/jeyhun-bayramov/", site.actor_quotes(a), [], a.evidence, a.articles)
    # Almaty (10 May) is the latest: in full, whatever the budget (at least one round).
    assert [p.id for p in h.full] == ["almaty-2024-05"]
    assert [r.id for r in h.rounds()] == ["almaty-2024-05"]
    assert {q.article for q in h.quotes} == {"a3-almaty-round"}
    assert h.mentions and {e.article for e in h.mentions} == {"a3-almaty-round"}
    assert [x.id for x in h.reports] == ["a3-almaty-round"]
    # Washington, then the interview of 1 April: one line each, newest first, a page each.
    older = [p for pager in h.pages for p in pager.items]
    assert [p.id for p in older] == ["washington-2024-05", LONE + "a4-interview"]
    assert [pager.path(pager.number) for pager in h.pages] == [
        "actors/jeyhun-bayramov/",
        "actors/jeyhun-bayramov/page/2/",
    ]
    lone = older[1]
    assert lone.round is None and lone.article is not None and lone.place == ""
    assert lone.summary() == "1 report"
    assert h.older == 2


def test_a_generous_budget_shows_every_round_in_full() -> None:
    site = _site()
    a = site.actors["jeyhun-bayramov"]
    h = Histories(site, Paging()).make(
        "actors/jeyhun-bayramov/", site.actor_quotes(a), [], a.evidence, a.articles
    )
    assert h.older == 0 and len(h.full) == 3
    assert h.quotes == site.actor_quotes(a)  # in the page's own order
    assert h.mentions == a.evidence


def test_summary_counts_what_a_line_stands_for() -> None:
    site = _site()
    issue = site.issues["constitution"]
    make = Histories(site, Paging(full_facts=1))
    h = make.make("issues/constitution/", [], site.issue_positions(issue), issue.evidence, [])
    line = h.pages[0].items[0]
    assert line.id == "washington-2024-05"
    n_pos = sum(1 for p in site.issue_positions(issue) if p.article.startswith("a1"))
    n_ev = sum(1 for e in issue.evidence if e.article.startswith(("a1", "a2")))
    assert (line.positions, line.mentions) == (n_pos, n_ev)
    assert line.summary().endswith(f"in {len(line.reports)} report" + "s" * (len(line.reports) > 1))
    # the table of the positions shown in full has a column per round shown in full
    rows, cols, cells = make.matrix(h)
    assert [c.id for c in cols] == ["almaty-2024-05"]
    assert all(key[1] == "almaty-2024-05" for key in cells)
