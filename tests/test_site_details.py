"""The small things of issue 17 (item 7) that need no browser: citation labels that
name the outlet and the day and never move, the feed's round summaries, "on this
page" lists, search kinds, one search box, the inline favicon."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree as ET

from sitegen.build import build_briefing
from sitegen.config import Config
from sitegen.models import Article, Briefing
from sitegen.output.feedtext import round_summary
from sitegen.site.render import Renderer
from sitegen.site.templating import source_label
from tests.sitefixtures import make_article, make_briefing

ATOM = "{http://www.w3.org/2005/Atom}"


def _article(**kw: object) -> Article:
    return make_article("x", "Belmar and Astoria meet", ["They met."], **kw)  # type: ignore[arg-type]


def test_a_source_label_is_its_outlet_or_agency_or_site_and_its_day() -> None:
    day = dt.date(2025, 3, 9)
    assert source_label(_article(outlet="Port Elin Post", agency="AFP", date=day)) == (
        "Port Elin Post, 9 Mar 2025"
    )
    assert source_label(_article(agency="AFP", date=day)) == "AFP, 9 Mar 2025"
    assert source_label(_article(url="https://www.belmar-news.example/a/1", date=day)) == (
        "belmar-news.example, 9 Mar 2025"
    )
    assert source_label(_article(date=day)) == "Report, 9 Mar 2025"
    assert source_label(_article(agency="AFP")) == "AFP, date unknown"
    assert source_label(None) == "source gone"


def _cites(html: str) -> dict[str, str]:
    """Each citation's target and label."""
    return dict(re.findall(r'<a class="cite" href="([^"]+)"[^>]*>([^<]+)</a>', html))


def test_citation_labels_do_not_change_when_an_earlier_article_is_added(
    tmp_path: Path,
) -> None:
    before = Renderer(make_briefing(), Config(root=tmp_path), cache=False).render().files
    grown = make_briefing()
    grown.articles.append(
        make_article(
            "a0-first-contact",
            "Astoria and Belmar agree to talk",
            ["Envoys of Astoria and Belmar agreed to meet."],
            date=dt.date(2024, 4, 1),
            agency="AP",
        )
    )
    after = Renderer(grown, Config(root=tmp_path), cache=False).render().files
    page = "rounds/washington-2024-05/index.html"
    old, new = _cites(before[page].decode()), _cites(after[page].decode())
    assert old and old == new
    assert set(old.values()) == {"AFP, 6 May 2024", "Reuters, 7 May 2024"}
    assert "S1." not in before[page].decode() and "S2." not in after[page].decode()


def test_feed_entries_summarise_the_round(tmp_path: Path) -> None:
    b = make_briefing()
    by_id = {r.id: r for r in b.rounds}
    # Washington: Armenia rejects and Azerbaijan wants on the corridor (contested);
    # only Azerbaijan speaks to the constitution.
    assert round_summary(b, by_id["washington-2024-05"]) == (
        "Washington, 6–7 May 2024. At the table: Armenia, Azerbaijan and United States. "
        "Contested: Transit corridor. 2 reports."
    )
    # Almaty: each issue has one party's stance: raised, not contested.
    assert round_summary(b, by_id["almaty-2024-05"]) == (
        "Almaty, 10 May 2024. At the table: Armenia, Azerbaijan and Kazakhstan. "
        "Raised: Border delimitation and Armenia's constitution. 1 report."
    )
    config = Config(root=tmp_path, base_url="https://example.org/")
    build_briefing(b, config, tmp_path / "out", search=False)
    feed = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in feed.iter(f"{ATOM}entry")]
    assert "Washington, 6–7 May 2024. At the table:" in " ".join(summaries)
    assert not any("report(s)" in s for s in summaries)


def _pages(tmp_path: Path, briefing: Briefing | None = None) -> dict[str, str]:
    out = Renderer(briefing or make_briefing(), Config(root=tmp_path), cache=False).render()
    return {k: v.decode() for k, v in out.files.items() if k.endswith(".html")}


def _toc(html: str) -> list[str]:
    nav = re.search(r'<nav class="toc" aria-label="On this page">(.*?)</nav>', html, re.S)
    return re.findall(r'href="#([^"]+)"', nav[1]) if nav else []


def test_long_pages_list_their_sections_and_each_link_has_a_target(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    actor = pages["actors/ararat-mirzoyan/index.html"]
    assert _toc(actor) == ["quotes-h", "mentions-h", "related-h", "sources-h", "notes-h"]
    issue = pages["issues/transit-corridor/index.html"]
    assert _toc(issue) == ["stands-h", "over-h", "named-h"]
    assert _toc(pages["parties/armenia/index.html"])[:2] == ["actors-h", "positions-h"]
    for name, html in pages.items():
        ids = set(re.findall(r' id="([^"]+)"', html))
        assert set(_toc(html)) <= ids, name


def test_a_short_page_has_no_contents_list(tmp_path: Path) -> None:
    b = make_briefing()
    b.sticking_points[2].evidence = []  # border: where each side stands, over the rounds
    b.positions = [p for p in b.positions if p.issue != "border"]
    pages = _pages(tmp_path, b)
    assert _toc(pages["issues/border/index.html"]) == []


def test_search_kinds_and_one_search_box(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    kinds = {
        "actors/ararat-mirzoyan/index.html": "Actor",
        "parties/armenia/index.html": "Party",
        "issues/border/index.html": "Issue",
        "rounds/almaty-2024-05/index.html": "Round",
        "sources/a1-washington-talks/index.html": "Source",
        "notes/overview/index.html": "Note",
    }
    for page, kind in kinds.items():
        assert f'data-pagefind-body data-pagefind-meta="kind:{kind}"' in pages[page], page
    assert "data-pagefind-meta" not in pages["index.html"]  # lists are not indexed
    assert pages["index.html"].count('role="search"') == 1
    assert 'role="search"' not in pages["search/index.html"]  # pagefind's box is the one


def test_every_page_has_an_inline_favicon(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    for name, html in pages.items():
        (href,) = re.findall(r'<link rel="icon" href="([^"]+)">', html)
        assert href.startswith("data:image/svg+xml,"), name
    svg = urllib.parse.unquote(href.split(",", 1)[1].replace("&#39;", "'"))
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
