"""An actor's, party's or sticking point's history: the latest rounds in full, older
ones a line each, a report outside any round a line of its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitegen.config import Config
from sitegen.models import Position
from sitegen.site.history import LONE, Histories
from sitegen.site.paging import Paging
from sitegen.site.render import Renderer
from sitegen.site.views import SiteIndex
from tests.sitefixtures import ev, make_article, make_briefing


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


def test_a_report_outside_any_round_is_a_column_of_its_own(tmp_path: Path) -> None:
    """On a sticking point's page, a position from a report outside any round heads its
    column with the report's day, linked to it (no round to link)."""
    b = make_briefing()
    lone = make_article(
        "a4-interview",
        "Bayramov interview",
        ["Azerbaijan demands changes to the constitution, Bayramov said in Baku."],
        date=dt.date(2024, 4, 1),
    )
    b.articles.append(lone)
    b.positions.append(
        Position(lone.id, "azerbaijan", "demands", ev(lone, 0), "changes", None, "constitution")
    )
    html = Renderer(b, Config(root=tmp_path), cache=False).render().files
    page = html["issues/constitution/index.html"].decode()
    table = page.split(">Positions over the rounds</h2>", 1)[1].split("</table>", 1)[0]
    heads = re.findall(r'<th scope="col">(.*?)</th>', table, re.S)
    assert heads[1] == '<a href="/sources/a4-interview/">Report of 1 April 2024</a>'
    assert "/rounds/washington-2024-05/" in heads[2] and "/rounds/almaty-2024-05/" in heads[3]
