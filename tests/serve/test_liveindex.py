"""The preview's search index: updated in place, bundle by bundle, started early
(``sitegen.serve.liveindex``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.output.search import bundle_of, index_site
from sitegen.serve.liveindex import LiveIndex
from tests.searchsites import entries, index_text, make_site, needs_pagefind, page


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
    text = index_text(site)
    assert b"walrus" in text and b"word9 " not in text
    assert sorted(p.name for p in (site / "pagefind").iterdir() if p.name.startswith(".")) == []


# ------------------------------------------------------------ the early start


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
    assert b"walrus" in index_text(site)
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
    text = index_text(site)
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
    assert entries(site) == before and b"walrus" not in index_text(site)
    assert not list((site / "pagefind").glob(".*"))
    assert not site.with_name(".site.pagefind-stage").exists()


@needs_pagefind
def test_replaced_bundles_go_to_the_trash_for_later(indexed: Path, tmp_path: Path) -> None:
    """With a trash folder, a replaced bundle is moved there (one rename) instead of
    removed file by file while the browsers wait; the index works as without one."""
    trash = tmp_path / "trash"
    pages = _site_pages(indexed)
    (indexed / "pages" / "p004" / "index.html").write_text(page("Page 4", "walrus"), "utf-8")
    live = LiveIndex(indexed, pages, per_bundle=5, trash=trash)
    assert live.finish(pages, {"pages/p004/index.html"}) == []
    assert b"walrus" in index_text(indexed)
    old = [p.name for p in trash.iterdir()]
    assert len(old) == 1 and old[0].startswith(f".{bundle_of('pages/p004/index.html', 8)}-old-")
    assert not live.stage.exists()
