"""The search index is split into bundles; a build re-indexes only bundles with a changed page."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from sitegen import search
from sitegen.liveindex import LiveIndex
from sitegen.search import bundle_count, bundle_of, index_site, pagefind_command

needs_pagefind = pytest.mark.skipif(pagefind_command() is None, reason="pagefind is not installed")


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


def page(title: str, body: str, searchable: bool = True) -> str:
    mark = " data-pagefind-body" if searchable else ""
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
        f"<body><main{mark}><h1>{title}</h1><p>{body}</p></main></body></html>"
    )


def make_site(root: Path, pages: int) -> Path:
    for i in range(pages):
        path = root / "pages" / f"p{i:03d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(f"Page {i}", f"word{i} talks ceasefire"), encoding="utf-8")
    (root / "search").mkdir()
    (root / "search" / "index.html").write_text(page("Search", "never indexed", False))
    return root


def carry_over(old: Path, new: Path) -> None:
    """What write_site does: every page hard-linked from the previous output."""
    for path in old.rglob("*.html"):
        rel = path.relative_to(old)
        if rel.parts[0] == "pagefind":
            continue
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).hardlink_to(path)


def entries(site: Path) -> dict[str, tuple[int, int]]:
    """Each bundle's entry file's identity (an inode alone may be reused once freed)."""
    return {
        p.parent.name: (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.glob("pagefind/b*/pagefind-entry.json")
    }


def _gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except OSError:
        return data


def _index_text(site: Path) -> bytes:
    """Every page's text as the index holds it (fragments are gzipped)."""
    return b"".join(_gunzip(f.read_bytes()) for f in site.glob("pagefind/b*/fragment/*"))


@pytest.fixture
def small_bundles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "BUNDLE_PAGES", 5)


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
    assert any(b"zebra" in _gunzip(f.read_bytes()) for f in fragments)


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
    text = _index_text(site)
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
def test_an_index_updated_in_place_swaps_only_the_changed_bundle(
    tmp_path: Path, small_bundles: None
) -> None:
    site = make_site(tmp_path / "site", 30)
    assert index_site(site) == []
    before = entries(site)
    page_file = site / "pages" / "p004" / "index.html"
    page_file.write_text(page("Page 4", "walrus"), encoding="utf-8")
    gone = site / "pages" / "p009" / "index.html"
    gone.unlink()
    changed = {"pages/p004/index.html", "pages/p009/index.html"}
    pages = [f"pages/p{i:03d}/index.html" for i in range(30) if i != 9] + ["search/index.html"]
    assert LiveIndex(site, pages, per_bundle=5).finish(pages, changed) == []
    after = entries(site)
    dirty = {bundle_of(rel, 8) for rel in changed}
    left = {bundle_of(f"pages/p{i:03d}/index.html", 8) for i in range(30) if i != 9}
    assert after.keys() == left  # a bundle whose only page went is gone
    assert {k for k in after if after[k] != before[k]} == dirty & left
    assert bundle_of("pages/p004/index.html", 8) in dirty & left
    text = _index_text(site)
    assert b"walrus" in text and b"word9 " not in text
    assert sorted(p.name for p in (site / "pagefind").iterdir() if p.name.startswith(".")) == []


@needs_pagefind
def test_pages_a_glob_cannot_name_plainly_are_indexed_too(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", 2)
    odd = site / "notes" / "talks, {round} [two]" / "index.html"
    odd.parent.mkdir(parents=True)
    odd.write_text(page("Odd note", "pelican"), encoding="utf-8")
    assert index_site(site) == []
    text = _index_text(site)
    assert b"pelican" in text and b"word1" in text
    assert b"notes/talks" in text  # its URL, from its own path in the staged copy
    assert not (site / ".pagefind-stage").exists()


# ------------------------------------------------------------ the preview's early start


def _site_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("pagefind")
    )


@pytest.fixture
def indexed(tmp_path: Path, small_bundles: None) -> Path:
    """A site of 30 pages indexed in 8 bundles of about 5."""
    site = make_site(tmp_path / "site", 30)
    assert index_site(site, per_bundle=5) == []
    return site


@needs_pagefind
def test_an_early_index_of_the_edited_page_is_the_one_kept(
    indexed: Path, pagefind_runs: list[list[str]]
) -> None:
    site = indexed
    before = entries(site)
    rel = "pages/p004/index.html"
    new = page("Page 4", "walrus").encode()
    live = LiveIndex(site, _site_pages(site), per_bundle=5)
    live.start({rel: new})
    assert (site / rel).read_text().count("walrus") == 0  # the site itself is not touched yet
    (site / rel).write_bytes(new)
    assert live.finish(_site_pages(site), {rel, "data/briefing.json"}) == []
    live.close()
    assert pagefind_runs == [[]]  # nothing indexed again: the early run was kept
    after = entries(site)
    assert {k for k in after if after[k] != before[k]} == {bundle_of(rel, 8)}
    assert b"walrus" in _index_text(site)
    assert not list((site / "pagefind").glob(".*"))
    assert not site.with_name(".site.pagefind-stage").exists()


@needs_pagefind
def test_an_early_index_is_redone_when_another_page_of_its_bundle_changed(
    indexed: Path, pagefind_runs: list[list[str]]
) -> None:
    site = indexed
    rel = "pages/p004/index.html"
    dirty = bundle_of(rel, 8)
    other = next(
        f"pages/p{i:03d}/index.html"
        for i in range(30)
        if i != 4 and bundle_of(f"pages/p{i:03d}/index.html", 8) == dirty
    )
    live = LiveIndex(site, _site_pages(site), per_bundle=5)
    live.start({rel: page("Page 4", "walrus").encode()})
    (site / rel).write_text(page("Page 4", "walrus"), encoding="utf-8")
    (site / other).write_text(page("Other", "narwhal"), encoding="utf-8")  # found out later
    assert live.finish(_site_pages(site), {rel, other}) == []
    live.close()
    assert pagefind_runs == [[dirty]]
    text = _index_text(site)
    assert b"walrus" in text and b"narwhal" in text


@needs_pagefind
def test_an_early_index_of_a_page_that_did_not_change_is_dropped(
    indexed: Path, pagefind_runs: list[list[str]]
) -> None:
    site = indexed
    before = entries(site)
    rel = "pages/p004/index.html"
    live = LiveIndex(site, _site_pages(site), per_bundle=5)
    live.start({rel: (site / rel).read_bytes()})
    assert live.finish(_site_pages(site), set()) == []
    live.close()
    assert pagefind_runs == [[]] and entries(site) == before
    assert not list((site / "pagefind").glob(".*"))


@needs_pagefind
def test_a_build_that_fails_after_an_early_start_leaves_the_index_as_it_was(
    indexed: Path,
) -> None:
    site = indexed
    before = entries(site)
    live = LiveIndex(site, _site_pages(site), per_bundle=5)
    live.start({"pages/p004/index.html": page("Page 4", "walrus").encode()})
    assert live.early  # running
    live.close()  # what build_briefing does when rendering fails
    assert entries(site) == before and b"walrus" not in _index_text(site)
    assert not list((site / "pagefind").glob(".*"))
    assert not site.with_name(".site.pagefind-stage").exists()
