"""Issue 13, medium: FIFOs, device links and editors' leftover files.

A FIFO anywhere in the sources hung the build for ever (the input hash read every
file); ``seeds/x.bin -> /dev/zero`` read until memory ran out; an Emacs lock failed
the build, dotfile notes were published, AppleDouble files failed ``--strict``. Now
only regular files are read (opened non-blocking, a size cap), and the loader skips
exactly what the watcher skips."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sitegen.ingest.safeio import NotAFileError, is_scratch, read_regular
from sitegen.serve.watch import is_scratch as watcher_skips
from tests.hostile.crafted import ARTICLE, sitegen

NOTE = "---\ntitle: {title}\n---\nText of {title}.\n"


def _project(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "notes").mkdir(parents=True)
    (root / "content" / "notes" / "plan.md").write_text(NOTE.format(title="Plan"))
    return root


def test_medium_fifo_and_device_links_never_hang(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    for rel in (
        "seeds/pipe.txt",
        "seeds/pipe.bin",
        "content/notes/pipe.md",
        "content/pipe.bin",
        ".cache/sitegen/gather/pipe.json",
        "templates/source.html",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / rel)
    os.symlink("/dev/zero", root / "seeds" / "zero.bin")
    os.symlink("/dev/zero", root / "content" / "zero.md")
    start = time.monotonic()
    done = sitegen("build", str(root), timeout=60)
    assert time.monotonic() - start < 60
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "templates/source.html" in done.stderr and done.returncode == 1  # a template: stop
    (root / "templates" / "source.html").unlink()
    done = sitegen("build", str(root), timeout=60)
    assert done.returncode == 1, done.stderr  # in what editors wrote: stops, each file named
    assert "seeds/pipe.txt: cannot read it: not a regular file" in done.stderr
    assert "content/notes/pipe.md: cannot read" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    (root / "content" / "notes" / "pipe.md").unlink()
    (root / "content" / "zero.md").unlink()
    done = sitegen("build", str(root), timeout=60)
    assert done.returncode == 0, done.stderr  # the seeds' bad files are their own errors
    assert "seeds/pipe.txt: cannot read it: not a regular file" in done.stderr
    assert (root / "_site" / "notes" / "plan" / "index.html").is_file()
    assert sitegen("check", str(root), timeout=60).returncode == 1
    assert sitegen("export", str(root), timeout=60).returncode == 0


def test_medium_read_regular_refuses_fifo_devices_and_big_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotAFileError):
        read_regular(tmp_path / "pipe")  # returns at once: opened non-blocking
    with pytest.raises(NotAFileError):
        read_regular("/dev/zero")
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(OSError, match="more than the 100 allowed"):
        read_regular(tmp_path / "big", 100)
    os.symlink(tmp_path / "big", tmp_path / "link")
    with pytest.raises(OSError):
        read_regular(tmp_path / "link", follow=False)
    assert read_regular(tmp_path / "link", 200) == b"x" * 101


LEFTOVERS = {
    "emacs-lock": ".#plan.md",
    "emacs-autosave": "#plan.md#",
    "dotfile-note": ".draft.md",
    "appledouble-note": "._plan.md",
    "backup": "plan.md~",
    "vim-swap": ".plan.md.swp",
}


@pytest.mark.parametrize("case", sorted(LEFTOVERS))
def test_medium_editor_leftovers_are_skipped_like_the_watcher(tmp_path: Path, case: str) -> None:
    root = _project(tmp_path / "p")
    name = LEFTOVERS[case]
    notes = root / "content" / "notes"
    if case == "emacs-lock":
        os.symlink("ivo@belmar.12345:1700000000", notes / name)  # dangling, as Emacs makes it
    else:
        (notes / name).write_text(NOTE.format(title="Leftover"))
    (root / "seeds" / "._talks.txt").write_bytes(b"\x00\x05\x16\x07AppleDouble")
    assert is_scratch(name) and watcher_skips(name) and is_scratch("._talks.txt")
    done = sitegen("build", str(root), "--strict")
    assert done.returncode == 0, done.stderr
    site = root / "_site"
    assert "Leftover" not in "".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    assert sitegen("check", str(root)).returncode == 0


def test_medium_loader_and_watcher_share_one_rule() -> None:
    for name in ("plan.md", "talks.txt", "a.b.md", *LEFTOVERS.values(), "._x.txt", "4913"):
        assert is_scratch(name) == watcher_skips(name)
    assert not is_scratch("plan.md") and not is_scratch("talks.txt")
