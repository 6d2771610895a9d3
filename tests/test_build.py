"""Whole builds: progress, summary, byte-identical output, guards, and the real seeds."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.build import build_briefing
from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.models import Note
from sitegen.output.search import pagefind_command
from sitegen.serve.liveindex import LiveIndex
from tests.sitefixtures import make_briefing

ROOT = Path(__file__).resolve().parents[1]


needs_pagefind = pytest.mark.skipif(pagefind_command() is None, reason="pagefind is not installed")


def tree(folder: Path, skip: str = "pagefind/") -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)
    }


def test_build_reports_progress_and_summary(tmp_path: Path) -> None:
    lines: list[str] = []
    result = build_briefing(
        make_briefing(),
        Config(root=tmp_path),
        tmp_path / "out",
        search=False,
        progress=lines.append,
    )
    assert result.pages == 27  # 8 fixed + notes index + 2 rounds, 3 actors, 4 parties, 3 issues,
    # 3 sources, 3 notes (drafts left out): counted by hand from the fixture
    # a slow machine may add "still rendering" lines first: the summary line is what counts
    assert [x for x in lines if x.startswith("rendered ")][0].startswith("rendered 27 pages in ")
    assert lines[-1].startswith(f"wrote {result.written} files (0 unchanged) in ")
    assert result.articles == 3 and result.unchanged == 0
    data = json.loads((tmp_path / "out" / "data" / "briefing.json").read_text())
    assert data["schema"] == "sitegen.briefing/1"
    assert {"robots.txt", "404.html", "static/style.css", "static/print.css"} <= set(
        tree(tmp_path / "out")
    )
    # no sitemap or feed without a full address; a warning says how to give one
    assert not {"sitemap.xml", "feed.xml"} & set(tree(tmp_path / "out"))
    (warning,) = [d for d in result.diagnostics if "sitemap.xml" in d.file]
    assert "add base_url: https://" in warning.message and "--base-url" in warning.message
    home = (tmp_path / "out" / "index.html").read_text()
    assert "feed.xml" not in home


def test_a_full_base_url_brings_the_sitemap_and_the_feed(tmp_path: Path) -> None:
    config = Config(root=tmp_path, base_url="https://example.org/b/")
    result = build_briefing(make_briefing(), config, tmp_path / "out", search=False)
    assert {"sitemap.xml", "feed.xml"} <= set(tree(tmp_path / "out"))
    assert not [d for d in result.diagnostics if "sitemap.xml" in d.file]
    home = (tmp_path / "out" / "index.html").read_text()
    assert 'type="application/atom+xml"' in home and ">Atom feed</a>" in home


def test_rebuild_writes_nothing_when_nothing_changed(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    first = build_briefing(make_briefing(), config, tmp_path / "out", search=False)
    second = build_briefing(make_briefing(), config, tmp_path / "out", search=False)
    assert second.written == 0 and second.unchanged == first.written
    changed = make_briefing()
    changed.actors[0].roles.append("Chief negotiator")
    third = build_briefing(changed, config, tmp_path / "out", search=False)
    assert 0 < third.written < first.written


def test_same_input_same_bytes_in_other_processes(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from sitegen.build import build_briefing\nfrom sitegen.config import Config\n"
        "from tests.sitefixtures import make_briefing\n"
        "build_briefing(make_briefing(), Config(root=Path(sys.argv[1]),"
        " base_url='https://example.org/b/'), Path(sys.argv[2]), search=False)\n"
    )
    outs = []
    for seed, folder in (("1", "one"), ("987", "two")):
        work = tmp_path / folder
        work.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [sys.executable, "-c", script, str(work), str(work / "site")],
            cwd=ROOT,
            env=env,
            check=True,
        )
        outs.append(tree(work / "site"))
    assert outs[0] == outs[1]


def test_source_date_epoch_shows_as_build_date(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01
    build_briefing(make_briefing(), Config(root=tmp_path), tmp_path / "out", search=False)
    assert "Built 1 January 2020." in (tmp_path / "out" / "index.html").read_text()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build_briefing(make_briefing(), Config(root=tmp_path), tmp_path / "out", search=False)
    assert "Built 1 " not in (tmp_path / "out" / "index.html").read_text()


@pytest.mark.parametrize("where", [".", "seeds/site", ".."])
def test_refuses_to_overwrite_the_project(tmp_path: Path, where: str) -> None:
    project = tmp_path / "p"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "a.txt").write_text("keep")
    with pytest.raises(BuildError, match="choose another"):
        build_briefing(make_briefing(), Config(root=project), project / where, search=False)
    assert (project / "seeds" / "a.txt").read_text() == "keep"


@pytest.mark.parametrize("strict", [True, False])
def test_a_bad_note_fails_strict_or_not_and_keeps_the_old_site(
    tmp_path: Path, strict: bool
) -> None:
    out = tmp_path / "out"
    build_briefing(make_briefing(), Config(root=tmp_path), out, search=False)
    before = tree(out)
    bad = make_briefing()
    bad.notes.append(Note("content/notes/bad.md", "Bad", "See [[actor:nobody]].", 5))
    with pytest.raises(BuildError, match=r"content/notes/bad.md:5: unknown actor 'nobody'"):
        build_briefing(bad, Config(root=tmp_path), out, strict=strict, search=False)
    assert tree(out) == before
    never = build_briefing(bad, Config(root=tmp_path), out, search=False, refuse=lambda _d: False)
    assert any("unknown actor 'nobody'" in str(d) for d in never.diagnostics)  # as previewed


@needs_pagefind
def test_search_index_is_built_and_reused(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    first = build_briefing(make_briefing(), config, tmp_path / "out")
    assert first.search and (tmp_path / "out" / "pagefind" / "pagefind-ui.js").is_file()
    entry = tmp_path / "out" / "pagefind" / "b00" / "pagefind-entry.json"
    inode = entry.stat().st_ino
    second = build_briefing(make_briefing(), config, tmp_path / "out")
    assert second.written == 0 and entry.stat().st_ino == inode  # index kept as it was
    search = (tmp_path / "out" / "search" / "index.html").read_text()
    assert '<script src="/pagefind/pagefind-ui.js"></script>' in search


def test_without_pagefind_the_site_builds_and_says_so(tmp_path: Path, monkeypatch) -> None:
    import sitegen.build as build_mod
    import sitegen.output.search as search_mod

    monkeypatch.setattr(build_mod, "pagefind_command", lambda: None)
    monkeypatch.setattr(search_mod, "pagefind_command", lambda: None)
    result = build_briefing(make_briefing(), Config(root=tmp_path), tmp_path / "out")
    assert not result.search
    assert [d.message for d in result.diagnostics if d.file == "pagefind"] == [search_mod.MISSING]
    assert not (tmp_path / "out" / "pagefind").exists()
    assert "pagefind-ui.js" not in (tmp_path / "out" / "search" / "index.html").read_text()


# ------------------------------------------------------------------ the repo's own seeds


def _seed_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("seeds", "content"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name)
    if (ROOT / "site.yaml").is_file():
        shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    return project


def test_repo_builds_a_page_for_everything(tmp_path: Path) -> None:
    from sitegen.brief.gather import load_briefing
    from sitegen.build import build
    from sitegen.config import load_config

    project = _seed_project(tmp_path)
    config = load_config(project)
    briefing = load_briefing(config)
    lines: list[str] = []
    result = build(config, tmp_path / "site", progress=lines.append, search=False)
    site = tmp_path / "site"
    assert len(briefing.rounds) >= 2 and len(briefing.articles) == 5
    for kind, items in (
        ("rounds", briefing.rounds),
        ("actors", briefing.actors),
        ("parties", briefing.parties),
        ("issues", briefing.sticking_points),
        ("sources", briefing.articles),
    ):
        for item in items:
            assert (site / kind / item.id / "index.html").is_file(), (kind, item.id)
    assert lines[0].startswith("read 5 articles in ")
    assert lines[-1].startswith(f"built {result.pages} pages from 5 articles")


@needs_pagefind
def test_an_update_in_place_gives_the_site_a_fresh_build_gives(tmp_path: Path) -> None:
    """The preview updates its folder file by file; the result must be the same site."""
    config = Config(root=tmp_path)
    out = tmp_path / "preview"
    # in place, with the live search index: as sitegen serve builds
    build_briefing(make_briefing(), config, out, in_place=True, live_search=LiveIndex)
    edited = make_briefing()
    gone = edited.articles.pop()  # a source page disappears
    edited.notes.append(Note("content/notes/new.md", "A new note", "Fresh words.", 1))
    result = build_briefing(edited, config, out, in_place=True, live_search=LiveIndex)
    fresh = tmp_path / "fresh"
    build_briefing(edited, config, fresh)
    assert tree(out) == tree(fresh)
    assert not (out / "sources" / gone.id).exists()
    assert result.written >= 1 and result.search
    manifest = json.loads((out / "pagefind" / "bundles.json").read_text())
    bundles = [out / "pagefind" / name for name in manifest["bundles"]]
    assert bundles and all((b / "pagefind-entry.json").is_file() for b in bundles)


@needs_pagefind
def test_the_preview_indexes_an_edited_article_early_and_ends_as_a_fresh_build(
    tmp_path: Path, pagefind_runs: list[list[str]]
) -> None:
    """An article extracted afresh has its page rendered and indexed for search before
    the other pages' keys are worked out; the outcome is the site a fresh build makes."""
    from sitegen.models import Sentence

    config = Config(root=tmp_path)
    out = tmp_path / "preview"
    build_briefing(make_briefing(), config, out, in_place=True, live_search=LiveIndex)
    edited = make_briefing()
    art = edited.articles[0]
    art.paragraphs.append("The walrus clause was added late.")
    art.sentences.append(Sentence(len(art.sentences), len(art.paragraphs) - 1, art.paragraphs[-1]))
    edited.extracted = [art.id]
    result = build_briefing(edited, config, out, in_place=True, live_search=LiveIndex)
    assert result.search and pagefind_runs == [[]]  # the early run was the one kept
    fresh = tmp_path / "fresh"
    build_briefing(edited, config, fresh)
    assert tree(out) == tree(fresh)
    text = b"".join(gzip.decompress(f.read_bytes()) for f in out.glob("pagefind/b*/fragment/*"))
    assert b"walrus" in text


def test_only_pages_about_one_thing_are_searchable(tmp_path: Path) -> None:
    """Home and list pages repeat what their entries' own pages say: in the search index
    they would only crowd the results (and cost indexing time)."""
    build_briefing(make_briefing(), Config(root=tmp_path), tmp_path / "out", search=False)
    out = tmp_path / "out"
    lists = ["index.html", "sources/index.html", "actors/index.html", "rounds/index.html"]
    lists += ["parties/index.html", "issues/index.html", "notes/index.html"]
    lists += ["search/index.html", "404.html"]
    for rel in lists:
        assert "data-pagefind-body" not in (out / rel).read_text(encoding="utf-8"), rel
    single = [
        p
        for kind in ("actors", "rounds", "sources", "issues", "parties")
        for p in (out / kind).glob("*/index.html")
    ]
    assert len(single) >= 5
    for path in single:
        assert "data-pagefind-body" in path.read_text(encoding="utf-8"), path


@needs_pagefind
def test_the_preview_splits_its_index_finer_than_a_built_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader's first search pays for each bundle; an editor's rebuild for the size
    of the bundle an edit touches: the preview (in place) favours the editor."""
    from sitegen.output import search

    monkeypatch.setattr(search, "BUNDLE_PAGES", 1000)
    monkeypatch.setattr(search, "PREVIEW_BUNDLE_PAGES", 4)
    monkeypatch.setattr(sys.modules["sitegen.build"], "PREVIEW_BUNDLE_PAGES", 4)
    config = Config(root=tmp_path)

    def bundles(out: Path) -> int:
        return json.loads((out / "pagefind" / "bundles.json").read_text())["count"]

    build_briefing(make_briefing(), config, tmp_path / "site")
    assert bundles(tmp_path / "site") == 1
    build_briefing(make_briefing(), config, tmp_path / "preview", in_place=True)
    assert bundles(tmp_path / "preview") == 8  # 27 pages, 4 a bundle: the next power of two
