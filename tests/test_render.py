"""The page plan, URLs and templates, on a hand-made briefing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.models import Evidence, Note
from sitegen.render import Renderer
from sitegen.urls import Urls, note_slug, safe_segment
from sitegen.views import SiteIndex
from tests.sitefixtures import make_briefing


def render(tmp_path: Path, base_url: str = "/", briefing=None):
    config = Config(root=tmp_path, base_url=base_url)
    return Renderer(briefing or make_briefing(), config).render()


def page(result, path: str) -> str:
    return result.files[path].decode("utf-8")


# ------------------------------------------------------------------ urls


@pytest.mark.parametrize(
    ("base", "prefix", "origin"),
    [
        ("/", "/", ""),
        ("https://example.org/briefing/", "/briefing/", "https://example.org"),
        ("http://localhost:8000/briefing", "/briefing/", "http://localhost:8000"),
        ("/sub/path/", "/sub/path/", ""),
    ],
)
def test_urls_follow_base_path(base: str, prefix: str, origin: str) -> None:
    urls = Urls(base)
    assert urls.prefix == prefix and urls.origin == origin
    assert urls.href("round", "r1") == f"{prefix}rounds/r1/"
    assert urls.href("home") == prefix
    assert urls.cite(Evidence("a1", 11, "x")) == f"{prefix}sources/a1/#s12"
    assert urls.absolute("feed.xml") == (f"{origin}{prefix}feed.xml" if origin else None)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "<script>", "a/b", ".hidden", "", "ÉLYSÉE"])
def test_safe_segment_never_leaves_its_folder(bad: str) -> None:
    seg = safe_segment(bad)
    assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", seg) and ".." not in seg


def test_safe_segment_keeps_good_slugs_and_separates_lookalikes() -> None:
    assert safe_segment("abu-dhabi-r1") == "abu-dhabi-r1"
    assert safe_segment("A B") != safe_segment("a-b")


def test_note_slugs() -> None:
    assert note_slug("content/notes/overview.md") == "overview"
    assert note_slug("content/rounds/first-round.md") == "rounds/first-round"


# ------------------------------------------------------------------ pages


def test_plan_has_a_page_per_thing(tmp_path: Path) -> None:
    result = render(tmp_path)
    b = make_briefing()
    expected = (
        [f"rounds/{r.id}/index.html" for r in b.rounds]
        + [f"actors/{a.id}/index.html" for a in b.actors]
        + [f"parties/{p.id}/index.html" for p in b.parties]
        + [f"issues/{s.id}/index.html" for s in b.sticking_points]
        + [f"sources/{a.id}/index.html" for a in b.articles]
        + ["index.html", "404.html", "search/index.html", "notes/overview/index.html"]
    )
    for path in expected:
        assert path in result.files, path
    assert "notes/draft/index.html" not in result.files


def test_every_sentence_has_its_anchor_on_the_source_page(tmp_path: Path) -> None:
    result = render(tmp_path)
    for art in make_briefing().articles:
        html = page(result, f"sources/{art.id}/index.html")
        for s in art.sentences:
            escaped = str(escape(s.text))
            assert f'id="{s.anchor}">{escaped}</span>' in html, (art.id, s.index)


def test_citations_point_at_the_sentence_they_quote(tmp_path: Path) -> None:
    result = render(tmp_path, "https://example.org/briefing/")
    html = page(result, "rounds/washington-2024-05/index.html")
    # Azerbaijan's demand in the matrix cites sentence index 3 of a1 -> #s4
    assert (
        'href="/briefing/sources/a1-washington-talks/#s4" title="Azerbaijan demands changes' in html
    )
    cites = re.findall(
        r'class="cite" href="/briefing/sources/([^/]+)/#s(\d+)" title="([^"]*)"', html
    )
    assert cites
    briefing = make_briefing()
    arts = {a.id: a for a in briefing.articles}
    for art, n, title in cites:
        sentence = arts[art].sentences[int(n) - 1].text
        assert title == str(escape(sentence))


def test_round_page_sections(tmp_path: Path) -> None:
    html = page(render(tmp_path), "rounds/almaty-2024-05/index.html")
    for heading in (
        "Summary",
        "Delegations",
        "Key quotes",
        "Positions",
        "What changed since the previous round",
        "Sources",
        "Editor’s notes",
    ):
        assert f">{heading}</h2>" in html, heading
    assert "Why Almaty matters" in html  # the note about this round shows here
    assert '<a class="ref ref-actor" href="/actors/jeyhun-bayramov/">Jeyhun Bayramov</a>' in html
    assert 'hosted by <a class="party" href="/parties/kazakhstan/">Kazakhstan</a>' in html


def test_changes_since_previous_round(tmp_path: Path) -> None:
    site = SiteIndex(make_briefing())
    changes = site.changes(site.rounds["almaty-2024-05"])
    got = {(c.kind, c.actor or c.party, c.issue) for c in changes}
    # checked by hand against the fixture: two people not reported again, border is new,
    # Armenia's acceptance on the border is new; Azerbaijan's constitution demand is not new
    assert got == {
        ("left", "antony-blinken", None),
        ("left", "ararat-mirzoyan", None),
        ("new-issue", None, "border"),
        ("new-position", "armenia", "border"),
    }
    assert site.changes(site.rounds["washington-2024-05"]) == []


def test_related_actors_share_articles() -> None:
    site = SiteIndex(make_briefing())
    related = site.related(site.actors["ararat-mirzoyan"])
    assert [(a.id, n) for a, n in related] == [("antony-blinken", 1), ("jeyhun-bayramov", 1)]


def test_text_is_escaped(tmp_path: Path) -> None:
    html = page(render(tmp_path), "sources/a3-almaty-round/index.html")
    assert "<h1>Talks move to Almaty &lt;as&gt; &#34;host&#34; &amp; partner</h1>" in html
    notes = page(render(tmp_path), "notes/overview/index.html")
    assert "Overview &lt;b&gt;bold&lt;/b&gt;" in notes and "<b>bold</b>" not in notes


def test_pages_make_no_requests_elsewhere_and_need_no_script(tmp_path: Path) -> None:
    result = render(tmp_path, "https://example.org/briefing/")
    for path, data in result.files.items():
        html = data.decode()
        assert not re.search(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="(?:https?:)?//', html)
        if path != "search/index.html":
            assert "<script" not in html, path


def test_search_filters_are_marked(tmp_path: Path) -> None:
    html = page(render(tmp_path), "rounds/washington-2024-05/index.html")
    assert '<span data-pagefind-filter="round">Washington talks</span>' in html
    assert '<span data-pagefind-filter="actor">Antony Blinken</span>' in html
    assert '<span data-pagefind-filter="sticking point">Transit corridor</span>' in html


def test_home_has_timeline_and_stands(tmp_path: Path) -> None:
    html = page(render(tmp_path), "index.html")
    assert "<svg" in html and 'href="/rounds/almaty-2024-05/"' in html
    assert 'Latest round: <a class="round" href="/rounds/almaty-2024-05/">' in html
    assert 'stance-accepts">accepts</span> border delimitation' in html


def test_note_about_unknown_thing_is_reported(tmp_path: Path) -> None:
    b = make_briefing()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text("---\ntitle: X\n\nabout: actor:nobody\n---\nHi\n")
    b.notes.append(Note("content/bad.md", "X", "Hi", 6, "actor:nobody"))
    result = render(tmp_path, briefing=b)
    bad = [d for d in result.diagnostics if d.file == "content/bad.md"]
    assert [(d.line, "actor:nobody" in d.message) for d in bad] == [(4, True)]


def test_project_templates_override_package_ones(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text("custom {{ page.title }}\n")
    result = render(tmp_path)
    assert page(result, "404.html") == "custom Page not found\n"
    assert "<!doctype html>" in page(result, "index.html")


def test_undefined_names_fail_the_build_with_the_template_name(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text("{{ no_such_thing }}\n")
    with pytest.raises(BuildError, match=r"^templates/404.html:1: while rendering /404.html"):
        render(tmp_path)


def test_two_notes_claiming_one_url_is_an_error(tmp_path: Path) -> None:
    b = make_briefing()
    b.notes.append(Note("content/overview.md", "Again", "x", 4))
    with pytest.raises(BuildError, match="content/notes/overview.md.*content/overview.md"):
        render(tmp_path, briefing=b)
