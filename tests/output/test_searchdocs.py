"""Pages indexed by title and summary reach pagefind cut to what it indexes of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.output.search import (
    exclude_selectors,
    index_site,
    pagefind_args,
    pagefind_command,
    run_all,
    searchable,
)
from sitegen.output.searchdocs import facts_document, summary_document, summary_marks
from tests.searchsites import gunzip, needs_pagefind

MARKS = summary_marks(["Actor", "Round"])
HEAD = '<!doctype html>\n<html lang="en">\n<head>\n<title>Ivo Marten · Briefing</title>\n</head>\n'


def _page(kind: str, main: str, outside: str = "") -> str:
    return (
        f'{HEAD}<body class="page-x">\n<header><nav class="site-nav"><a href="/">Home</a></nav>'
        f"</header>{outside}\n"
        f'<main id="main" data-pagefind-body data-pagefind-meta="kind:{kind}">\n{main}\n</main>\n'
        "<footer><p>Built by sitegen</p></footer>\n</body>\n</html>\n"
    )


SUMMARY = (
    '<nav class="breadcrumbs"><ol><li><a href="/">Home</a></li></ol></nav>\n'
    '<h1>Ivo Marten</h1>\n<dl class="facts"><dt>Role</dt><dd>envoy of Belmar</dd></dl>\n'
    '<nav class="toc"><ul><li><a href="#q">Quotes</a></li></ul></nav>\n'
    '<section aria-labelledby="q"><h2 id="q">Quotes</h2>\n'
    "<section><h3>Port Elin</h3><p>we keep the harbour</p></section>\n"
    '<section class="editor-notes"><p>nested note, left out with its section</p></section>\n'
    "<p>the lists of quotes</p></section>\n"
    '<section class="wide editor-notes" aria-labelledby="n"><h2 id="n">Editor’s notes</h2>\n'
    '<p>Marten trained as a hydrologist</p><nav class="more"><a href="/x/">more</a></nav>\n'
    "<section><p>a list inside the notes</p></section></section>\n"
    '<section aria-labelledby="s"><h2 id="s">Sources</h2><p>Astoria Daily</p></section>\n'
    '<div hidden><span data-pagefind-filter="actor">Ivo Marten</span></div>'
)


FACTS = (
    '<section class="facts-from" aria-labelledby="f"><h2 id="f">What this report contributes'
    "</h2><section><h3>Quotes</h3><p>we keep the harbour</p></section></section>\n"
)


def test_a_source_page_leaves_out_only_what_it_contributes() -> None:
    """Its people, quotes and positions repeat its own text, which is kept whole, with
    the editor's notes and the filters."""
    html = _page("Source", "<h1>Talks resume</h1><p>Marten spoke in Port Elin.</p>" + FACTS)
    html = html.replace("</main>", '<section class="editor-notes"><p>a note</p></section></main>')
    doc = facts_document(html.encode(), summary_marks(["Source"]))
    assert doc is not None
    text = doc.decode()
    assert "Marten spoke in Port Elin." in text and "a note" in text and "Talks resume" in text
    assert "contributes" not in text and "we keep the harbour" not in text
    assert "site-nav" not in text and "Built by sitegen" not in text
    assert facts_document(html.encode(), MARKS) is None  # not a source page: given whole


def test_a_summary_page_keeps_its_head_title_facts_and_notes_only() -> None:
    doc = summary_document(_page("Actor", SUMMARY).encode(), MARKS)
    assert doc is not None
    text = doc.decode()
    assert text.startswith(HEAD) and text.endswith("</main>\n</body>\n</html>\n")
    for kept in (
        "<h1>Ivo Marten</h1>",
        "envoy of Belmar",
        "hydrologist",
        'data-pagefind-filter="actor"',
    ):
        assert kept in text
    for cut in (
        "Home",
        "Quotes",
        "Port Elin",
        "nested note",
        "more",
        "inside the notes",
        "Astoria",
    ):
        assert cut not in text, cut
    assert "<footer" not in text and "<header" not in text


def test_other_pages_and_pages_the_scan_cannot_vouch_for_are_given_whole() -> None:
    for html in (
        _page("Source", SUMMARY),  # indexed in full
        _page("Actor", SUMMARY, outside='<p data-pagefind-meta="image:/a.png">x</p>'),
        _page("Actor", SUMMARY.replace("<section>", "<SECTION>", 1)),
        _page("Actor", SUMMARY + "<!-- <section> -->"),
        _page("Actor", SUMMARY + "<script>let s = '<nav>'</script>"),
        _page("Actor", SUMMARY + "<section><p>never closed</p>"),
        _page("Actor", SUMMARY).replace(
            'data-pagefind-meta="kind:Actor"', "data-pagefind-meta='kind:Actor'"
        ),
        _page("Actor", SUMMARY).replace("</main>", "</main><main>x</main>"),
    ):
        assert summary_document(html.encode(), MARKS) is None


def _fragments(folder: Path) -> dict[str, dict[str, object]]:
    """Each page's record in a pagefind output, by URL."""
    found = {}
    for path in folder.rglob("fragment/*"):
        raw = gunzip(path.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        found[record["url"]] = record
    return found


@needs_pagefind
def test_the_index_is_the_one_pagefind_makes_of_the_whole_pages(tmp_path: Path) -> None:
    """The cut pages index exactly as the whole pages with the exclusion selectors do:
    the same records (text, word count, filters, title, anchors) and the same words."""
    site = tmp_path / "site"
    pages = {
        "actors/ivo-marten/index.html": _page("Actor", SUMMARY),
        "rounds/astoria/index.html": _page("Round", SUMMARY.replace("Ivo Marten", "Astoria talks")),
        "sources/a1/index.html": _page("Source", SUMMARY.replace("Marten", "Calder") + FACTS),
        "parties/belmar/index.html": _page("Party", SUMMARY),  # not in MARKS: given whole
    }
    for rel, html in pages.items():
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_text(html, encoding="utf-8")
    assert summary_document(pages["actors/ivo-marten/index.html"].encode(), MARKS) is not None
    assert index_site(site) == []
    whole = tmp_path / "whole"
    command = pagefind_command()
    assert command is not None
    found = searchable(site, pages)
    jobs = [("b00", pagefind_args(site, found, tmp_path / "stage"), whole)]
    assert run_all(jobs, command) == []
    ours, theirs = _fragments(site / "pagefind"), _fragments(whole)
    assert len(ours) == 4 and ours == theirs
    assert "hydrologist" in str(ours["/actors/ivo-marten/"]["content"])
    assert "Port Elin" not in str(ours["/actors/ivo-marten/"]["content"])
    assert "Port Elin" in str(ours["/sources/a1/"]["content"])
    assert "contributes" not in str(ours["/sources/a1/"]["content"])
    words = sorted(p.name for p in (site / "pagefind" / "b00" / "index").iterdir())
    assert words == sorted(p.name for p in (whole / "index").iterdir())
    assert exclude_selectors()  # the whole pages were cut by these


@pytest.mark.parametrize("kind", ["Actor", "Party", "Issue", "Round"])
def test_every_summary_kind_of_the_search_module_is_cut(kind: str) -> None:
    from sitegen.output.search import SUMMARY_ONLY
    from sitegen.site.templating import SEARCH_KINDS

    marks = summary_marks(SEARCH_KINDS[k] for k in SUMMARY_ONLY)
    assert summary_document(_page(kind, SUMMARY).encode(), marks) is not None


@needs_pagefind
def test_the_whole_pages_are_back_after_indexing_and_linked_ones_never_touched(
    tmp_path: Path,
) -> None:
    """The cut copies stand in the new tree only while pagefind runs; a page carried
    over from the last output as a hard link is renamed aside, never written to."""
    last, site = tmp_path / "last", tmp_path / "site"
    whole = _page("Actor", SUMMARY)
    carried = last / "actors" / "ivo-marten" / "index.html"
    carried.parent.mkdir(parents=True)
    carried.write_text(whole, encoding="utf-8")
    fresh = site / "rounds" / "astoria" / "index.html"
    fresh.parent.mkdir(parents=True)
    fresh.write_text(_page("Round", SUMMARY), encoding="utf-8")
    (site / "actors" / "ivo-marten").mkdir(parents=True)
    (site / "actors" / "ivo-marten" / "index.html").hardlink_to(carried)
    assert index_site(site) == []
    assert carried.read_text(encoding="utf-8") == whole
    linked = site / "actors" / "ivo-marten" / "index.html"
    assert linked.stat().st_ino == carried.stat().st_ino
    assert fresh.read_text(encoding="utf-8") == _page("Round", SUMMARY)
    leftovers = [p for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts]
    assert sorted(leftovers) == sorted([linked, fresh])
