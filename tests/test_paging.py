"""Long lists and long histories cut into pages: each item on exactly one page, every
link between pages working under a sub-path, no page over the size limit.

A generated desk's archive (``bench/make_corpus.py --dense``) is rendered with the
thresholds forced low, so that forty articles paginate every list and every
actor's, party's and sticking point's earlier rounds.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.brief.gather import load_briefing
from sitegen.check import check_links, check_xml
from sitegen.config import Config, load_config
from sitegen.models import Briefing
from sitegen.output.extras import extra_files
from sitegen.site.history import LONE
from sitegen.site.pages import Rendered
from sitegen.site.paging import Pager, Paging, paginate
from sitegen.site.render import Renderer
from sitegen.site.timeline import DOT_GAP, LATEST_ROUNDS
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import make_corpus  # noqa: E402

BASE = "https://example.org/desk/"
LIMIT = 200_000
SMALL = Paging(per_page=2, full_facts=30, full_rounds=1)


def test_paginate_puts_each_item_on_one_page_and_keeps_page_one_at_the_list() -> None:
    pages = paginate(list(range(7)), "rounds/", 3)
    assert [p.items for p in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [p.path(p.number) for p in pages] == ["rounds/", "rounds/page/2/", "rounds/page/3/"]
    assert [(p.previous, p.next) for p in pages] == [(None, 2), (1, 3), (2, None)]
    assert [p.first for p in pages] == [1, 4, 7] and {p.total for p in pages} == {7}
    assert [p.items for p in paginate([], "x/", 50)] == [[]]  # an empty list: one page


def test_page_links_show_the_ends_and_the_neighbours() -> None:
    pager: Pager[int] = Pager("sources/", 10, 20)
    assert pager.window() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert Pager("x/", 1, 3).window() == [1, 2, 3]
    assert Pager("x/", 2, 5).window() == [1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Config, Path]:
    root = tmp_path_factory.mktemp("archive")
    make_corpus.write_corpus(40, root, dense=True)
    config = load_config(root / "sitegen", base_url=BASE)
    return load_briefing(config, use_cache=False), config, root


@pytest.fixture(scope="module")
def small(archive: tuple[Briefing, Config, Path]) -> Rendered:
    briefing, config, _ = archive
    return Renderer(briefing, config, cache=False, paging=SMALL).render()


def _html(rendered: Rendered, prefix: str) -> dict[str, str]:
    """Page 1 of a list or history and the pages after it, by file."""
    later = re.compile(rf"{re.escape(prefix)}page/\d+/index\.html")
    return {
        f: b.decode()
        for f, b in rendered.files.items()
        if f == f"{prefix}index.html" or later.fullmatch(f)
    }


def _hrefs(html: str, pattern: str) -> list[str]:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.findall(pattern, main)


def test_every_list_item_is_on_exactly_one_page(
    archive: tuple[Briefing, Config, Path], small: Rendered
) -> None:
    briefing = archive[0]
    row = r'<th scope="row"><a class="{}" href="/desk/{}/([^/"]+)/"'
    lists = {
        "rounds/": (row.format("round", "rounds"), {r.id for r in briefing.rounds}),
        "actors/": (row.format("actor", "actors"), {a.id for a in briefing.actors}),
        "parties/": (row.format("party", "parties"), {p.id for p in briefing.parties}),
        "issues/": (
            r'<h2 id="i-\d+"><a class="issue" href="/desk/issues/([^/"]+)/"',
            {s.id for s in briefing.sticking_points},
        ),
        "sources/": (r'<li><a href="/desk/sources/([^/"]+)/"', {a.id for a in briefing.articles}),
    }
    for prefix, (pattern, expected) in lists.items():
        pages = _html(small, prefix)
        assert len(pages) == -(-len(expected) // SMALL.per_page), prefix
        seen = Counter(x for html in pages.values() for x in _hrefs(html, pattern))
        assert set(seen) == expected, prefix
        assert set(seen.values()) == {1}, prefix
    # newest first: the latest round is on the first page of the rounds list
    latest = max(briefing.rounds, key=lambda r: r.start or r.end)
    assert f"/desk/rounds/{latest.id}/" in small.files["rounds/index.html"].decode()


def _full_rounds(kind: str, first: str) -> set[str]:
    """The rounds a page shows in full: its 'Rounds' line (actor, party) or the columns of
    its table of positions (sticking point)."""
    if kind == "issues":
        part = first.split(">Positions over the rounds</h2>", 1)[1].split("</thead>", 1)[0]
    else:
        part = re.split(r"<dt>Rounds</dt>\s*<dd>", first, maxsplit=1)[1].split("</dd>", 1)[0]
    return set(re.findall(r'<a class="round" href="/desk/rounds/([^/"]+)/"', part))


def test_each_round_is_in_full_or_on_one_page_of_earlier_rounds(
    archive: tuple[Briefing, Config, Path], small: Rendered
) -> None:
    briefing = archive[0]
    rounds = {r.id for r in briefing.rounds}
    assert len(rounds) == 4
    earlier = r'<tr><td>[^<]*</td>\s*<th scope="row"><a class="round" href="/desk/rounds/([^/"]+)/"'
    for kind, records in (
        ("actors", briefing.actors),
        ("parties", [p for p in briefing.parties if p.articles]),
        ("issues", briefing.sticking_points),
    ):
        for record in records:
            pages = _html(small, f"{kind}/{record.id}/")
            first = pages.pop(f"{kind}/{record.id}/index.html")
            full = _full_rounds(kind, first)
            rows = Counter(_hrefs(first, earlier))
            for html in pages.values():
                rows.update(_hrefs(html, earlier))
            where = f"{kind}/{record.id}"
            assert set(rows.values()) <= {1}, where  # no round on two pages
            assert full and not full & set(rows), where  # in full, or one line: not both
            if kind == "actors":  # the dozen: in every round
                assert full | set(rows) == rounds, where
                assert len(full) == SMALL.full_rounds, where
                assert 1 + len(pages) == -(-(len(rounds) - 1) // SMALL.per_page), where


def test_small_paging_has_no_broken_link_under_a_sub_path(
    archive: tuple[Briefing, Config, Path], small: Rendered, tmp_path: Path
) -> None:
    briefing, config, _ = archive
    files = {**small.files, **extra_files(briefing, config, small)}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    assert check_links(tmp_path, BASE) == []
    assert check_xml(tmp_path) == []
    sitemap = files["sitemap.xml"].decode()
    paged = [f for f in small.files if "/page/" in f]
    assert paged and all(f"{BASE}{f[: -len('index.html')]}</loc>" in sitemap for f in paged)
    # a page after the first links back to the first and to its neighbour
    second = small.files["sources/page/2/index.html"].decode()
    assert 'href="/desk/sources/page/20/">20</a>' in second  # the last page, 40 / 2
    assert 'rel="prev" href="/desk/sources/"' in second
    assert 'rel="next" href="/desk/sources/page/3/"' in second


def test_no_page_passes_the_limit_with_the_real_thresholds(
    archive: tuple[Briefing, Config, Path],
) -> None:
    briefing, config, _ = archive
    rendered = Renderer(briefing, config, cache=False).render()
    sizes = {f: len(b) for f, b in rendered.files.items() if f.endswith(".html")}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda x: x[1])
    # forty articles fit on one page of each list
    assert not [f for f in sizes if f.startswith(("rounds/page/", "sources/page/"))]
    assert LONE not in "".join(sizes)


def _drop_oldest_quote(b: Briefing) -> None:
    """One fewer quote in the oldest round: its line on the speaker's last page changes."""
    dates = {a.id: a.date for a in b.articles}
    oldest = min(b.quotes, key=lambda q: (dates[q.article] or dt.date.max, q.id))
    b.quotes.remove(oldest)


def _move_oldest_round(b: Briefing) -> None:
    """The oldest round renamed and moved: its line on every page of earlier rounds."""
    r = min(b.rounds, key=lambda r: r.start or dt.date.max)
    r.location = "Port Elin"


@pytest.mark.parametrize("edit", [_drop_oldest_quote, _move_oldest_round])
def test_the_page_cache_knows_every_page_of_a_list_and_of_earlier_rounds(
    archive: tuple[Briefing, Config, Path], edit: Callable[[Briefing], None]
) -> None:
    """Pages after the first have keys, and a page whose key is unchanged after an edit
    of the briefing renders the same (its key holds what it shows)."""
    briefing, config, _ = archive

    def render(b: Briefing) -> Rendered:
        return Renderer(b, config, paging=SMALL).render(lambda _f, _k: False, workers=1)

    before = render(briefing)
    paged = [f for f in before.files if "/page/" in f]
    assert paged and set(paged) <= set(before.keys)
    assert any(f.startswith("actors/") for f in paged)
    assert any(f.startswith("sources/") for f in paged)
    changed = copy.deepcopy(briefing)
    edit(changed)
    after = render(changed)
    same = [f for f, key in after.keys.items() if before.keys.get(f) == key]
    assert [f for f in same if after.files[f] != before.files[f]] == []
    assert [f for f in paged if after.files[f] != before.files[f]]  # the edit shows on one
    assert len(same) > len(after.keys) // 3  # and most pages are known unchanged


def test_pages_after_the_first_are_not_indexed_for_search(
    archive: tuple[Briefing, Config, Path], small: Rendered
) -> None:
    """A page of earlier rounds or of a list repeats what the rounds' and sources' own
    pages hold; pagefind indexes the pages that mark a body."""
    paged = [f for f in small.files if "/page/" in f]
    assert paged
    for f in paged:
        assert b"data-pagefind-body" not in small.files[f], f
    actor = archive[0].actors[0].id
    assert f"actors/{actor}/page/2/index.html" in paged
    assert b"data-pagefind-body" in small.files[f"actors/{actor}/index.html"]


def _merge_latest_rounds(b: Briefing, k: int) -> tuple[Briefing, str]:
    """The latest ``k`` rounds made one: a round with k times the reports (as a long
    meeting of a desk's archive has), everything else the same."""
    b = copy.deepcopy(b)
    rounds = sorted(b.rounds, key=lambda r: (r.start or dt.date.max, r.id))
    last = rounds[-1]
    for r in rounds[-k:-1]:
        last.articles = r.articles + last.articles
        last.participants += [a for a in r.participants if a not in last.participants]
        last.parties += [p for p in r.parties if p not in last.parties]
        held = {m.actor: m for m in last.delegations}
        for m in r.delegations:  # one membership a person, as extraction gives
            if m.actor in held:
                held[m.actor].evidence = m.evidence + held[m.actor].evidence
            else:
                last.delegations.append(m)
        last.start = min(d for d in (last.start, r.start) if d)
        b.rounds.remove(r)
    return b, last.id


FULL_CITE = re.compile(r'<a class="cite" href="([^"]+)" title=')
ANY_CITE = re.compile(r'<a class="cite" href="([^"]+)"')


def _lines(html: str) -> list[str]:
    """Each delegate's and stance line's own part: up to its folded phrasings."""
    parts = re.split(r'<li class="(?:delegate|stance-line)"', html)[1:]
    return [p.split("</li>")[0].split('<details class="phrasings"')[0] for p in parts]


def test_home_and_round_pages_stay_capped_as_a_round_gains_reports(
    archive: tuple[Briefing, Config, Path],
) -> None:
    """A line shows its first three citations in full and folds the rest (the home page
    links to the round page for them); the summary shows twelve leads, the sources
    every report. Three times the reports in a round: the home page stays about the same
    and the round page grows far slower than its reports, every citation still there."""
    briefing, config, _ = archive
    pages = {}
    for k in (1, 3):
        b, rid = _merge_latest_rounds(briefing, k)
        out = Renderer(b, config, cache=False).render()
        pages[k] = (
            out.files["index.html"].decode(),
            out.files[f"rounds/{rid}/index.html"].decode(),
        )
        home, rnd = pages[k]
        assert _lines(home) and _lines(rnd)
        for line in _lines(home) + _lines(rnd):
            assert len(FULL_CITE.findall(line)) <= 3, line
        assert '<details class="more-cites"' not in home
        # every citation is reachable: the home page's on the round page, the round
        # page's every delegate's table evidence among its links
        assert set(ANY_CITE.findall(home)) <= set(ANY_CITE.findall(rnd))
        latest = next(r for r in b.rounds if r.id == rid)
        want = {
            f"/desk/sources/{e.article}/#s{e.sentence + 1}"
            for m in latest.delegations
            for e in m.evidence
        }
        assert want <= set(ANY_CITE.findall(rnd))
        summary = rnd.split('id="summary-h"')[1].split("</ul>")[0]
        sources = rnd.split('id="sources-h"')[1].split("</ul>")[0]
        assert summary.count("<li>") == min(len(latest.articles), 12)
        assert sources.count("<li>") == len(latest.articles)
    (home1, round1), (home3, round3) = pages[1], pages[3]
    assert re.search(r'class="more-cites" href="/desk/rounds/[^"]+/">and \d+ more on the', home3)
    assert len(home3) < 1.3 * len(home1), (len(home1), len(home3))
    assert len(round3) < 1.6 * len(round1), (len(round1), len(round3))
    # a dense round of ten reports is about 130 KB, of thirty about 165 KB
    assert len(home3) < LIMIT * 0.75 and len(round3) < LIMIT


def test_the_home_timeline_draws_the_latest_rounds_only(
    archive: tuple[Briefing, Config, Path],
) -> None:
    """Each round cut in five (twenty rounds, more than the timeline's twelve): the home
    page lists and draws the latest twelve, links to all, and draws no more dots than
    its width holds."""
    b = copy.deepcopy(archive[0])
    dates = {a.id: a.date for a in b.articles}
    split = []
    for r in b.rounds:
        arts = sorted(r.articles, key=lambda a: (dates[a] or dt.date.max, a))
        for i in range(5):
            part = copy.deepcopy(r)
            part.id, part.title = f"{r.id}-{i}", f"{r.title} part {i + 1}"
            part.articles = arts[i * 2 : i * 2 + 2]
            days = [d for d in (dates[a] for a in part.articles) if d]
            part.start, part.end = min(days), max(days)
            split.append(part)
    b.rounds = split
    home = Renderer(b, config=archive[1], cache=False).render().files["index.html"].decode()
    listing = home.split('class="timeline-list"')[1].split("</ol>")[0]
    assert listing.count("<li>") == LATEST_ROUNDS
    assert f"All {len(split)} rounds</a> ({len(split) - LATEST_ROUNDS} earlier" in home
    for svg in re.findall(r"<svg.*?</svg>", home, re.S):
        assert svg.count('class="round-bar"') == LATEST_ROUNDS
        width = int(re.search(r'width="(\d+)"', svg).group(1))  # type: ignore[union-attr]
        assert 0 < svg.count('class="report-dot"') <= width / DOT_GAP
