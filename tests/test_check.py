"""``sitegen check``: broken links and anchors, bad notes, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.check import check, check_links
from sitegen.cli import main
from tests.test_links import crawl, serve

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html><html><body>
<main id="main">
<a href="/b/">home</a>
<a href="/b/x/#s2">ok anchor</a>
<a href="/b/x/#s9">bad anchor</a>
<a href="/b/missing/">gone</a>
<a href="/elsewhere/">outside</a>
<a href="https://example.org/b/x/">same origin, absolute</a>
<a href="https://example.org/b/nope/">same origin, broken</a>
<a href="https://other.example/">external</a>
<a href="#main">self</a><a href="#nowhere">self, broken</a>
<span id="dup"></span><span id="dup"></span>
</main></body></html>
"""


def make_site(folder: Path) -> None:
    (folder / "x").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE)
    (folder / "x" / "index.html").write_text('<p id="s1">a</p><p id="s2">b</p>')


def test_check_links_finds_each_kind_of_problem(tmp_path: Path) -> None:
    make_site(tmp_path)
    problems = check_links(tmp_path, "https://example.org/b/")
    got = sorted((d.file, d.line, d.message) for d in problems)
    assert got == [
        ("index.html", 5, "no element with id 's9' on the target page: /b/x/#s9"),
        ("index.html", 6, "broken link (no such page or file): /b/missing/"),
        ("index.html", 7, "points outside the site's base path /b/: /elsewhere/"),
        ("index.html", 9, "broken link (no such page or file): https://example.org/b/nope/"),
        ("index.html", 11, "no element with id 'nowhere' on the target page: #nowhere"),
        ("index.html", 12, "id 'dup' is used twice"),
    ]


def test_crawler_sees_broken_links_too(tmp_path: Path) -> None:
    make_site(tmp_path / "b")
    with serve(tmp_path) as origin:
        _, problems = crawl(origin + "/b/")
    assert any("/b/missing/: HTTP 404" in p for p in problems)
    assert any("no id 's9'" in p for p in problems)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the repo's project files (seeds, content, site.yaml)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site.yaml", root / "site.yaml")
    return root


def test_check_reports_note_pointing_at_unknown_actor(project: Path, capsys) -> None:
    baseline = {str(d) for d in check(project)}
    note = project / "content" / "notes" / "bad.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("---\ntitle: Bad link\n---\n\nIntro line.\n\nSee [[actor:no-such-person]].\n")
    problems = [d for d in check(project) if str(d) not in baseline]
    assert [(d.file, d.line) for d in problems] == [("content/notes/bad.md", 7)]
    assert "unknown actor 'no-such-person' (known: " in problems[0].message
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/notes/bad.md:7: unknown actor 'no-such-person'" in err


def test_check_passes_on_a_clean_project(project: Path) -> None:
    for path in (project / "content").rglob("*.md"):
        path.unlink()  # editor notes are the lead's; the pipeline itself must be clean
    assert [str(d) for d in check(project)] == []
    assert main(["check", str(project)]) == 0
