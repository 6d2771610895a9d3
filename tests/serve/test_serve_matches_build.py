"""After any edit, the preview's output is what a cold build of the same project makes.

``sitegen serve`` keeps what it read, decoded and worked out in memory between
rebuilds and redoes only what an edit touched; whatever it reuses, every file it
serves must be byte for byte the file ``sitegen build --no-cache`` writes (the search
index aside: the preview splits it in smaller bundles). Each step edits the project
the way an editor does (a new person with a side, a date moved, an article gone, one
added, a sidecar changed, an edit undone) and compares the two folders.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import load_config
from sitegen.serve.preview import DevServer
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import make_corpus  # noqa: E402

SKIPPED = ("pagefind/", ".sitegen-output")
"""The search index (bundled differently in the preview) and the output marker."""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder but the search index, by relative path."""
    found = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(SKIPPED):
            found[rel] = path.read_bytes()
    return found


def cold(project: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build(load_config(project), out, use_cache=False, progress=lambda _line: None)
    return tree(out)


def same(served: dict[str, bytes], built: dict[str, bytes]) -> list[str]:
    """What differs, by file (empty when the folders are equal)."""
    return sorted(rel for rel in served.keys() | built.keys() if served.get(rel) != built.get(rel))


def seed(project: Path, n: int) -> Path:
    return sorted((project / "seeds").glob("*.txt"))[n]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", "utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The repository's project (seeds, editor content, templates) and 24 generated
    articles of several rounds, so merging people and rounds has work to do."""
    root = tmp_path / "project"
    for name in ("seeds", "content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    make_corpus.write_corpus(24, tmp_path / "gen")
    for path in sorted((tmp_path / "gen" / "sitegen" / "seeds").glob("*.txt")):
        shutil.copy(path, root / "seeds" / f"gen-{path.name}")
    return root


def test_every_rebuild_equals_a_cold_build(project: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.txt"
    first_gen = seed(project, 0)
    steps: list[tuple[str, Callable[[], None]]] = [
        (
            "a new person with a side and a quote",
            lambda: append(
                first_gen,
                "Ivo Marten, the chief negotiator of Calderia, said on Tuesday: "
                '"We will not sign a deal that gives up Port Elin."',
            ),
        ),
        ("the same article again, its text the same", lambda: append(first_gen, "")),
        (
            "a word after a name changed (the name's sentence is cited, its place is not)",
            lambda: replace(first_gen, "on Tuesday", "on Monday"),
        ),
        ("the edit undone", lambda: shutil.copy(backup, first_gen)),
        (
            "a date moved",
            lambda: replace(seed(project, 2), "date 2026-01-23", "date 2026-02-13"),
        ),
        ("an article removed", lambda: seed(project, 5).unlink()),
        (
            "an article added",
            lambda: (project / "seeds" / "zz-new.txt").write_text(
                seed(project, 6).read_text(encoding="utf-8")
                + "\n\nBelmar's envoy Ana Ruiz joined the talks in Astoria.\n",
                encoding="utf-8",
            ),
        ),
        (
            "a sidecar changed",
            lambda: append(project / "content" / "articles" / "003-caption-date.md", "More."),
        ),
        ("an editor's actor file changed", lambda: _touch_actor(project)),
    ]
    shutil.copy(first_gen, backup)
    server = DevServer(project, port=0, say=lambda _line: None)
    try:
        server.rebuild()
        assert same(tree(server.out), cold(project, tmp_path / "cold")) == []
        for what, step in steps:
            step()
            server.rebuild()
            assert server.state.snapshot().failed is False, what
            assert not server._trash.exists()  # what the update replaced is gone
            diff = same(tree(server.out), cold(project, tmp_path / "cold"))
            assert diff == [], f"after {what}: {diff[:10]}"
    finally:
        server.stop()


def _touch_actor(project: Path) -> None:
    actor = next((project / "content" / "actors").glob("*.md"))
    append(actor, "A line the editor added.")
