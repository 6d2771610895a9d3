"""A build that renders every page indexes each search bundle as soon as its pages are
written, and ends with the index the finished tree would get."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.build import build_briefing
from sitegen.config import Config
from sitegen.output import earlysearch, search
from sitegen.output.earlysearch import EarlySearch, early_search
from sitegen.output.search import index_site, pagefind_command
from tests.searchsites import needs_pagefind, page
from tests.sitefixtures import make_briefing


def _names(site: Path) -> dict[str, list[str]]:
    """Each bundle's page records (fragments, named by a hash of their content) and how
    many word-index files it has (they number the pages in the order pagefind found the
    files, which depends on the file system)."""
    return {
        b.name: [
            *sorted(p.name for p in (b / "fragment").iterdir()),
            str(len(list((b / "index").iterdir()))),
        ]
        for b in (site / "pagefind").glob("b[0-9]*")
    }


def _copy_pages(site: Path, into: Path) -> None:
    for path in site.rglob("*.html"):
        rel = path.relative_to(site)
        if rel.parts[0] != "pagefind":
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            (into / rel).hardlink_to(path)


@needs_pagefind
def test_bundles_indexed_while_rendering_are_those_of_the_finished_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BUNDLE_PAGES", 4)
    started: list[int] = []  # pages still to render when each run started
    start = EarlySearch._start

    def spy(self: EarlySearch, name: str, env: dict[str, str]) -> None:
        started.append(sum(self.left.values()))
        start(self, name, env)

    monkeypatch.setattr(EarlySearch, "_start", spy)
    out = tmp_path / "site"
    result = build_briefing(make_briefing(), Config(root=tmp_path), out)
    assert result.search and not [d for d in result.diagnostics if d.file == "pagefind"]
    assert len(started) == 8 and started[0] > 0  # the first while pages still rendered
    again = tmp_path / "again"
    _copy_pages(out, again)
    assert index_site(again) == []
    manifest = (out / "pagefind" / "bundles.json").read_bytes()
    assert manifest == (again / "pagefind" / "bundles.json").read_bytes()
    assert _names(out) == _names(again) and len(_names(out)) == manifest.count(b'"b0')
    assert not list(earlysearch.MEMORY.glob(f"sitegen-search-{os.getpid()}-*"))
    assert not list(tmp_path.glob(".*sitegen-tmp*"))


@needs_pagefind
def test_a_searchable_page_made_after_rendering_means_the_usual_index(tmp_path: Path) -> None:
    command = pagefind_command()
    assert command is not None
    out, site = tmp_path / "out", tmp_path / ".out-new"
    site.mkdir()
    early = EarlySearch(out, site, ["a/index.html"], command)
    html = page("Port Elin", "harbour talks").encode()
    (site / "a").mkdir()
    (site / "a" / "index.html").write_bytes(html)
    early.put("a/index.html", html)
    early.ready(["a/index.html"])
    (site / "b").mkdir()  # a page the render did not make (a project's extra), searchable
    (site / "b" / "index.html").write_text(page("Belmar", "ferry"), encoding="utf-8")
    assert early.finish() is None
    assert not (site / "pagefind").exists()  # index_site starts from nothing
    assert index_site(site) == []


@needs_pagefind
def test_an_output_with_a_reusable_index_is_indexed_bundle_by_bundle_as_before(
    tmp_path: Path,
) -> None:
    """After one edit most bundles are kept from the last build: nothing to do early."""
    out = tmp_path / "site"
    build_briefing(make_briefing(), Config(root=tmp_path), out)
    pages = [str(p.relative_to(out)) for p in out.rglob("*.html") if "pagefind" not in p.parts]
    assert early_search(out, tmp_path / "new", pages) is None
    fresh = early_search(tmp_path / "empty", tmp_path / "new2", pages)
    assert fresh is not None
    fresh.close()
    assert not fresh.docs.exists()


def test_pages_render_bundle_by_bundle_and_only_searchable_ones_reach_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(earlysearch, "cores", lambda: 0)  # never start a run here
    files = [f"p{i}/index.html" for i in range(20)] + ["404.html"]
    early = EarlySearch(tmp_path / "out", tmp_path / "new", files, ("pagefind",), 4)
    assert early.count == 8
    ordered = sorted(files, key=early.order)
    assert [early.bundle[f] for f in ordered] == sorted(early.bundle[f] for f in files)
    early.put("404.html", page("Lost", "nothing", searchable=False).encode())
    early.put("p1/index.html", page("One", "Calderia").encode())
    assert [p.name for p in early.docs.rglob("*.html")] == ["index.html"]
    early.close()
    assert not early.docs.exists()


def test_without_room_in_memory_the_pages_for_pagefind_go_beside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(earlysearch, "MEMORY", tmp_path / "no-such-folder")
    folder = earlysearch.scratch(tmp_path / "out", 10)
    assert folder.parent == tmp_path and folder.name.startswith(".out.sitegen-tmp-search-")
    monkeypatch.setattr(earlysearch, "MEMORY", tmp_path)  # a folder with room
    killed = tmp_path / "sitegen-search-4194305-x1"  # above any pid: that build is gone
    (killed / "b00").mkdir(parents=True)
    assert earlysearch.scratch(tmp_path / "out", 10).name.startswith("sitegen-search-")
    assert not killed.exists()


def test_a_page_pagefind_could_not_get_means_the_usual_index(tmp_path: Path) -> None:
    site = tmp_path / ".out-new"
    site.mkdir()
    early = EarlySearch(tmp_path / "out", site, ["a/index.html"], ("pagefind",))
    (early.docs / early.bundle["a/index.html"]).write_text("")  # no folder can be made there
    early.put("a/index.html", page("Port Elin", "harbour talks").encode())
    early.ready([])  # nothing done: no run
    assert early.finish() is None and not (site / earlysearch.FAILED).exists()
