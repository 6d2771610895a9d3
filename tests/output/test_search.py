"""The search index is split into bundles; a build re-indexes only bundles with a changed page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitegen.output import search
from sitegen.output.search import bundle_count, bundle_of, index_site
from tests.searchsites import (
    carry_over,
    entries,
    gunzip,
    index_text,
    make_site,
    needs_pagefind,
    page,
)


def test_bundle_count_doubles_with_the_site_and_is_capped() -> None:
    assert bundle_count(0) == 1
    assert bundle_count(search.BUNDLE_PAGES) == 1
    assert bundle_count(search.BUNDLE_PAGES + 1) == 2
    assert bundle_count(search.BUNDLE_PAGES * 5) == 8
    assert bundle_count(10**9) == search.MAX_BUNDLES


def test_a_page_keeps_its_bundle_whatever_else_the_site_holds() -> None:
    names = {bundle_of(f"actors/p{i}/index.html", 8) for i in range(200)}
    assert len(names) == 8  # the hash spreads pages over every bundle
    assert bundle_of("actors/p7/index.html", 8) == bundle_of("actors/p7/index.html", 8)
    assert all(n.startswith("b") and 0 <= int(n[1:]) < 8 for n in names)


@needs_pagefind
def test_only_the_bundle_of_a_changed_page_is_indexed_again(
    tmp_path: Path, small_bundles: None
) -> None:
    old = make_site(tmp_path / "old", 30)
    assert index_site(old) == []
    manifest = json.loads((old / "pagefind" / "bundles.json").read_text())
    assert manifest["count"] == 8 and manifest["bundles"] == [f"b{i:02d}" for i in range(8)]
    assert (old / "pagefind" / "pagefind-ui.js").is_file()
    before = entries(old)
    assert len(before) == 8

    new = tmp_path / "new"
    carry_over(old, new)
    changed = new / "pages" / "p017" / "index.html"
    changed.unlink()
    changed.write_text(page("Page 17", "zebra crossing"), encoding="utf-8")
    assert index_site(new, old) == []
    after = entries(new)
    dirty = bundle_of("pages/p017/index.html", 8)
    assert after.keys() == before.keys()
    assert after[dirty] != before[dirty]  # written again
    assert {k: v for k, v in after.items() if k != dirty} == {
        k: v for k, v in before.items() if k != dirty
    }  # hard links of the previous output's bundles
    fragments = (new / "pagefind" / dirty / "fragment").iterdir()
    assert any(b"zebra" in gunzip(f.read_bytes()) for f in fragments)


@needs_pagefind
def test_nothing_changed_keeps_every_bundle_and_growth_reindexes_all(
    tmp_path: Path, small_bundles: None
) -> None:
    old = make_site(tmp_path / "old", 12)  # 4 bundles
    assert index_site(old) == []
    same = tmp_path / "same"
    carry_over(old, same)
    assert index_site(same, old) == []
    assert entries(same) == entries(old)

    grown = tmp_path / "grown"
    carry_over(old, grown)
    for i in range(12, 30):  # now 8 bundles: every page may move, so all are new
        path = grown / "pages" / f"p{i:03d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(f"Page {i}", "more"), encoding="utf-8")
    assert index_site(grown, old) == []
    new_entries = entries(grown)
    assert len(new_entries) == 8
    assert not set(new_entries.values()) & set(entries(old).values())


@needs_pagefind
def test_the_search_page_is_left_out_of_every_bundle(tmp_path: Path, small_bundles: None) -> None:
    site = make_site(tmp_path / "site", 12)
    assert index_site(site) == []
    text = index_text(site)
    assert b"word3" in text and b"never indexed" not in text
    assert not (site / ".pagefind-stage").exists()


@needs_pagefind
def test_a_failing_indexer_is_a_warning_and_leaves_no_half_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", 3)
    false = shutil.which("false")
    assert false
    monkeypatch.setattr(search, "pagefind_command", lambda: (false,))
    found = index_site(site)
    assert [d.file for d in found] == ["pagefind"]
    assert "search index not built" in found[0].message
    assert not (site / "pagefind").exists()


@needs_pagefind
def test_pages_a_glob_cannot_name_plainly_are_indexed_too(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", 2)
    odd = site / "notes" / "talks, {round} [two]" / "index.html"
    odd.parent.mkdir(parents=True)
    odd.write_text(page("Odd note", "pelican"), encoding="utf-8")
    assert index_site(site) == []
    text = index_text(site)
    assert b"pelican" in text and b"word1" in text
    assert b"notes/talks" in text  # its URL, from its own path in the staged copy
    assert not (site / ".pagefind-stage").exists()


def _kind_page(kind: str, title: str, sections: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        f"<main data-pagefind-body data-pagefind-meta='kind:{kind}'><h1>{title}</h1>"
        "<dl class='facts'><dt>Role</dt><dd>chief envoy of Belmar</dd></dl>"
        "<nav class='toc'><a href='#q'>Quotes</a></nav>"
        f"{sections}<div hidden><span data-pagefind-filter='actor'>{title}</span></div>"
        "</main></body></html>"
    )


@needs_pagefind
def test_actor_party_issue_and_round_pages_are_indexed_by_title_and_summary(
    tmp_path: Path,
) -> None:
    """Their lists repeat the source pages' sentences: left out of the index, while
    the title, the facts at the top and the editor's notes stay, and source pages and
    notes are indexed whole."""
    lists = (
        "<section aria-labelledby='q'><h2 id='q'>Quotes</h2>"
        "<blockquote>we will not cede the harbour of Port Elin</blockquote></section>"
        "<section class='editor-notes'><p>Marten trained as a hydrologist</p></section>"
    )
    site = tmp_path / "site"
    pages = {
        "actors/ivo-marten/index.html": _kind_page("Actor", "Ivo Marten", lists),
        "issues/harbour/index.html": _kind_page("Issue", "Harbour", lists),
        "sources/a1/index.html": _kind_page("Source", "Talks in Astoria", lists),
        "notes/n1/index.html": _kind_page("Note", "Background", lists),
    }
    for rel, html in pages.items():
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_text(html, encoding="utf-8")
    assert index_site(site) == []
    fragments = [json.loads(record) for record in _fragments(site)]
    text = {f["url"].strip("/").split("/")[0]: f["content"] for f in fragments}
    for summary_only in ("actors", "issues"):
        assert "chief envoy of Belmar" in text[summary_only]
        assert "hydrologist" in text[summary_only]
        assert "Port Elin" not in text[summary_only]
        assert "Quotes" not in text[summary_only]
    for whole in ("sources", "notes"):
        assert "Port Elin" in text[whole] and "hydrologist" in text[whole]
    assert all(f["filters"] == {"actor": [f["meta"]["title"]]} for f in fragments)


def _fragments(site: Path) -> list[bytes]:
    """Each page's record in the index (gzipped, after pagefind's signature)."""
    signature = b"pagefind_dcd"
    texts = [gunzip(f.read_bytes()) for f in site.glob("pagefind/b*/fragment/*")]
    return [t[len(signature) :] if t.startswith(signature) else t for t in texts]
