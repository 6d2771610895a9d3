"""Atomic, incremental writing of the output, and the sitemap, feed and robots files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.output.extras import content_date, feed_xml, robots_txt, sitemap_xml
from sitegen.output.outputguard import SITE_MARKER
from sitegen.output.write import recover, write_site
from sitegen.site.render import Renderer
from tests.conftest import REPO
from tests.sitefixtures import make_briefing

ATOM = "{http://www.w3.org/2005/Atom}"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != SITE_MARKER
    }


def test_writes_then_keeps_unchanged_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = write_site(out, {"index.html": b"a", "x/index.html": b"b"})
    assert (first.written, first.unchanged) == (2, 0)
    inode = (out / "index.html").stat().st_ino
    second = write_site(out, {"index.html": b"a", "x/index.html": b"c", "new.txt": b"n"})
    assert (second.written, second.unchanged) == (2, 1)
    assert (out / "index.html").stat().st_ino == inode  # unchanged file was not rewritten
    assert tree(out) == {"index.html": b"a", "x/index.html": b"c", "new.txt": b"n"}
    third = write_site(out, {"index.html": b"a"})
    assert tree(out) == {"index.html": b"a"} and third.removed == 1
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


def test_failed_build_leaves_previous_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, {"index.html": b"old", "a.html": b"old a"})

    def fail(new: Path, old: Path) -> None:
        raise RuntimeError("indexer crashed")

    with pytest.raises(RuntimeError):
        write_site(out, {"index.html": b"new"}, before_swap=fail)
    assert tree(out) == {"index.html": b"old", "a.html": b"old a"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_killed_build_leaves_previous_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, {"index.html": b"old"})
    flag = tmp_path / "flag"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from sitegen.output.write import write_site\n"
        "def hang(new, old):\n"
        f"    Path({str(flag)!r}).write_text('x')\n"
        "    time.sleep(60)\n"
        f"write_site(Path({str(out)!r}), {{'index.html': b'new', 'b.html': b'b'}},"
        " before_swap=hang)\n"
    )
    root = REPO
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=root, env={**os.environ, "PYTHONPATH": str(root)}
    )
    try:
        deadline = time.monotonic() + 30
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert tree(out) == {"index.html": b"old"}
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]
    assert leftovers  # the dead build's folder is still there ...
    write_site(out, {"index.html": b"newer"})
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []  # ... not now
    assert tree(out) == {"index.html": b"newer"}


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "site"
    backup = tmp_path / ".site.sitegen-old"
    backup.mkdir()
    (backup / "index.html").write_bytes(b"last good")
    recover(out)
    assert (out / "index.html").read_bytes() == b"last good" and not backup.exists()


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(BuildError, match="refusing to replace"):
        write_site(out, {"index.html": b"x"})
    assert (out / "thesis.tex").read_text() == "precious"


@pytest.mark.parametrize("bad", ["../escape.html", "/abs.html", "a/../../b.html"])
def test_refuses_paths_outside_the_output(tmp_path: Path, bad: str) -> None:
    with pytest.raises(BuildError, match="outside the output"):
        write_site(tmp_path / "site", {bad: b"x"})
    assert not (tmp_path / "escape.html").exists() and not (tmp_path / "site").exists()


def _extras(tmp_path: Path, base: str, epoch: str | None, monkeypatch: pytest.MonkeyPatch):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    from sitegen.site.templating import build_date

    b = make_briefing()
    r = Renderer(b, Config(root=tmp_path, base_url=base))
    rendered = r.render()
    feed = feed_xml(
        b,
        rendered.plan,
        rendered.notes,
        r.urls,
        title=b.title,
        author="",
        updated=content_date(b, rendered.notes, build_date()),
    )
    return r, rendered, feed


def test_sitemap_and_robots_with_a_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, rendered, _ = _extras(tmp_path, "https://example.org/briefing/", None, monkeypatch)
    root = ET.fromstring(sitemap_xml(rendered.plan, r.urls))
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/briefing/rounds/almaty-2024-05/" in locs
    assert "https://example.org/briefing/404.html" not in locs
    assert locs == sorted(locs, key=lambda u: u.replace("https://example.org/briefing/", ""))
    assert b"Sitemap: https://example.org/briefing/sitemap.xml" in robots_txt(r.urls)


def test_feed_lists_rounds_and_notes_newest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, feed = _extras(tmp_path, "/", None, monkeypatch)
    root = ET.fromstring(feed)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    # overview note 12 May, Almaty note 11 May, Almaty round 10 May, profile note 8 May, ...
    assert titles == [
        "Overview <b>bold</b>",
        "Why Almaty matters",
        "Almaty talks",
        "Profile note",
        "Washington talks",
    ]
    assert root.findtext(f"{ATOM}updated") == "2024-05-12T00:00:00Z"
    assert b"<b>" not in feed  # escaped in XML


def test_feed_updated_honours_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, feed = _extras(tmp_path, "/", "1700000000", monkeypatch)
    assert ET.fromstring(feed).findtext(f"{ATOM}updated") == "2023-11-14T22:13:20Z"


def test_update_in_place_replaces_changed_files_keeps_the_rest_and_drops_the_gone(
    tmp_path: Path,
) -> None:
    from sitegen.output.write import update_site

    out = tmp_path / "site"
    first = {
        "index.html": b"home",
        "a/index.html": b"page a",
        "b/c/index.html": b"page c",
        "data/briefing.json": b"{}",
    }
    write_site(out, first)
    (out / "pagefind").mkdir()
    (out / "pagefind" / "bundles.json").write_text("{}")  # the indexer's: left alone
    inode = {rel: (out / rel).stat().st_ino for rel in first}

    result = update_site(
        out, {"index.html": b"home", "a/index.html": b"page a, edited"}, keep=["data/briefing.json"]
    )
    assert (out / "a" / "index.html").read_bytes() == b"page a, edited"
    assert (out / "index.html").stat().st_ino == inode["index.html"]  # untouched
    assert (out / "data" / "briefing.json").stat().st_ino == inode["data/briefing.json"]
    assert not (out / "b").exists()  # the gone page and its empty folders
    assert (out / "pagefind" / "bundles.json").is_file()
    assert result.changed == {"a/index.html", "b/c/index.html"}
    assert (result.written, result.unchanged, result.removed) == (1, 2, 1)
    assert not [p for p in out.rglob("*") if ".sitegen-tmp-" in p.name]


def test_update_in_place_told_what_is_there_does_not_list_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview knows what its last update left: the next one removes what is no
    longer wanted from that, without walking the whole output again."""
    from sitegen.output import write

    out = tmp_path / "site"
    first = {"index.html": b"home", "a/index.html": b"a", "b/index.html": b"b"}
    write_site(out, first)
    listed = write.update_site(out, dict(first)).wanted
    assert listed == set(first)

    def no_listing(_root: Path) -> set[str]:
        raise AssertionError("the folder was listed")

    monkeypatch.setattr(write, "_site_files", no_listing)
    result = write.update_site(out, {"index.html": b"home", "a/index.html": b"a"}, present=listed)
    assert not (out / "b").exists() and result.changed == {"b/index.html"}
    assert result.wanted == {"index.html", "a/index.html"}


def test_update_in_place_refuses_paths_outside_the_output(tmp_path: Path) -> None:
    from sitegen.output.write import update_site

    out = tmp_path / "site"
    write_site(out, {"index.html": b"home"})
    with pytest.raises(BuildError, match="outside the output folder"):
        update_site(out, {"../escape.html": b"x"})
    assert not (tmp_path / "escape.html").exists()


def test_render_workers_write_their_own_pages_into_the_new_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked render workers put their pages straight into the staging tree: the pages
    are the bytes a plain render gives, none comes back to this process, an unchanged
    page is a hard link to the previous output's file, and nothing is seen in the
    output before the swap. (This process renders and puts the first page of each
    template itself, before forking, so the workers share what it compiled.)"""
    from sitegen.ingest import pool
    from sitegen.output.write import Staging

    monkeypatch.setattr(pool, "MIN_ITEMS_PER_WORKER", 1)  # fork for a handful of pages

    renderer = Renderer(make_briefing(), Config(root=tmp_path))
    plain = renderer.render()
    pages = sorted(plain.files)
    out = tmp_path / "site"
    write_site(out, {**plain.files, "stale.html": b"gone"})
    before = {rel: (out / rel).stat().st_ino for rel in pages}
    changed = pages[0]
    (out / changed).write_bytes(b"an older edition")  # this one's bytes differ now
    staging = Staging(out)
    (tmp_path / "pids").mkdir()

    def put(rel: str, data: bytes) -> bool:
        with (tmp_path / "pids" / str(os.getpid())).open("a", encoding="utf-8") as log:
            log.write(rel + "\n")
        return staging.put(rel, data)

    renderer = Renderer(make_briefing(), Config(root=tmp_path))
    staged = renderer.render(workers=2, sink=put)
    writers = {int(p.name): p.read_text().split() for p in (tmp_path / "pids").iterdir()}
    here = writers.pop(os.getpid())
    templates = {p.template for p in renderer.plan()}
    assert len(writers) == 2 and len(here) == len(templates)  # the workers wrote the rest
    assert sorted(here + [rel for made in writers.values() for rel in made]) == pages
    assert staged.files == {} and set(staged.staged) == set(pages)
    assert [p for p, written in staged.staged.items() if written] == [changed]
    assert (out / changed).read_bytes() == b"an older edition"  # not swapped in yet
    for rel, written in staged.staged.items():
        staging.record(rel, written)
    result = write_site(out, {}, staging=staging)
    assert tree(out) == plain.files
    assert (result.written, result.unchanged, result.removed) == (1, len(pages) - 1, 1)
    kept = [rel for rel in pages if (out / rel).stat().st_ino == before[rel]]
    assert kept == [rel for rel in pages if rel != changed]


def test_a_failed_build_discards_the_pages_its_workers_wrote(tmp_path: Path) -> None:
    from sitegen.output.write import Staging

    out = tmp_path / "site"
    write_site(out, {"index.html": b"last good"})
    staging = Staging(out)
    assert staging.put("index.html", b"half a build") is True
    staging.discard()
    assert tree(out) == {"index.html": b"last good"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_replaced_output_is_left_beside_the_new_one_when_asked(tmp_path: Path) -> None:
    """``keep_previous``: the caller removes the old tree once it has reported; should
    it never do so, the next write clears it."""
    out = tmp_path / "site"
    write_site(out, {"index.html": b"first"})
    result = write_site(out, {"index.html": b"second"}, keep_previous=True)
    assert result.previous is not None and result.previous.parent == tmp_path
    assert tree(result.previous) == {"index.html": b"first"}
    assert tree(out) == {"index.html": b"second"}
    write_site(out, {"index.html": b"third"})
    assert not result.previous.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_replaced_output_is_removed_without_waiting(tmp_path: Path) -> None:
    """``remove_later``: renamed aside and removed by a process of its own, which
    ``recover`` leaves alone while it runs (its pid ends the folder's name)."""
    from sitegen.output.write import remove_later

    out = tmp_path / "site"
    write_site(out, {"index.html": b"first", "a/index.html": b"a"})
    result = write_site(out, {"index.html": b"second"}, keep_previous=True)
    assert result.previous is not None
    remove_later(result.previous)
    assert tree(out) == {"index.html": b"second"}
    deadline = time.monotonic() + 20
    while len(list(tmp_path.iterdir())) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # a removal still running is left to it; one cut short is finished by the next write
    remover = subprocess.Popen(["sleep", "30"])
    busy = tmp_path / f".site.sitegen-trash-1-{remover.pid}"
    (busy / "x").mkdir(parents=True)
    recover(out)
    assert busy.is_dir()
    remover.kill()
    remover.wait()
    recover(out)
    assert not busy.exists()
