"""Same input, same bytes: builds in other folders, hash seeds, time zones and locales
agree, and ``SOURCE_DATE_EPOCH`` is the only clock a page ever shows.

pagefind's index (``pagefind/``) is left out of the byte comparison: pagefind
itself writes some index files (filters, metadata, the entry hash) in an order
that changes from run to run and has no switch to fix it (upstream issue
Pagefind/pagefind#638; fragments are stable since 1.3). See docs/reliability.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def copy_project(dest: Path) -> Path:
    for name in ("seeds", "content", "templates"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "site.yaml", dest / "site.yaml")
    return dest


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITEGEN_DEBUG")}
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen.cli", *args],
        cwd=cwd,
        env={**base, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def tree(folder: Path, *, skip: str = "pagefind/") -> dict[str, bytes]:
    return {
        rel: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (rel := p.relative_to(folder).as_posix()).startswith(skip)
    }


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's project built twice, as differently as we can manage."""
    base = tmp_path_factory.mktemp("twins")
    one = copy_project(base / "one")
    two = copy_project(base / "elsewhere" / "deeper" / "two")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = run(
        "build", str(one), "-q", "--no-cache", "--base-url", "https://example.org/b/",
        cwd=one,
        env={**epoch, "PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    )  # fmt: skip
    second = run(
        "build", "deeper/two", "-q", "--base-url", "https://example.org/b/",
        cwd=base / "elsewhere",
        env={**epoch, "PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"},
    )  # fmt: skip
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    return one / "_site", two / "_site"


def test_two_builds_give_identical_bytes(twin_builds: tuple[Path, Path]) -> None:
    a, b = twin_builds
    left, right = tree(a), tree(b)
    assert len(left) > 30 and "index.html" in left and "data/briefing.json" in left
    assert sorted(left) == sorted(right)
    differ = [name for name in left if left[name] != right[name]]
    assert differ == []
    assert b"/elsewhere/" not in b"".join(right.values())  # no build folder leaks into a page


def test_pagefind_ran_in_both_builds(twin_builds: tuple[Path, Path]) -> None:
    from sitegen.output.search import pagefind_command

    if pagefind_command() is None:
        pytest.skip("pagefind is not installed")
    for out in twin_builds:
        assert (out / "pagefind" / "bundles.json").is_file()
        assert (out / "pagefind" / "b00" / "pagefind.js").is_file()


def test_a_rebuild_from_the_cache_gives_the_same_bytes(
    twin_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    one = twin_builds[0].parent
    other = tmp_path / "again"
    proc = run(
        "build", str(one), "-o", str(other), "-q", "--base-url", "https://example.org/b/",
        cwd=tmp_path,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "99"},
    )  # fmt: skip
    assert proc.returncode == 0
    assert tree(other) == tree(twin_builds[0])


def test_export_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    outs = {
        run("export", str(REPO), cwd=tmp_path, env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "7", "123456")
    }
    assert len(outs) == 1 and '"schema": "sitegen.briefing/1"' in outs.pop()


# ------------------------------------------------------------------ SOURCE_DATE_EPOCH


def test_source_date_epoch_is_the_date_shown(twin_builds: tuple[Path, Path]) -> None:
    out = twin_builds[0]
    for page in ("index.html", "rounds/index.html", "404.html"):
        assert "Built 14 November 2023." in (out / page).read_text(encoding="utf-8")
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}updated") == "2023-11-14T22:13:20Z"


def test_sitemap_lastmod_is_a_content_date_never_the_clock(
    twin_builds: tuple[Path, Path],
) -> None:
    import json

    out = twin_builds[0]
    briefing = json.loads((out / "data" / "briefing.json").read_text(encoding="utf-8"))
    days = {a["date"] for a in briefing["articles"]} | {
        d for r in briefing["rounds"] for d in (r["start"], r["end"])
    }
    root = ET.parse(out / "sitemap.xml").getroot()
    lastmods = [e.text for e in root.iter(f"{SITEMAP}lastmod")]
    assert lastmods and set(lastmods) <= days
    assert "2023-11-14" not in lastmods


def test_changing_source_date_epoch_changes_the_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    stamps = {}
    for epoch in ("1700000000", "1800000000"):  # same output folder, nothing else changed
        proc = run(
            "build", str(project), "-q", "--base-url", "https://example.org/",
            cwd=tmp_path, env={"SOURCE_DATE_EPOCH": epoch},
        )  # fmt: skip
        assert proc.returncode == 0
        stamps[epoch] = (
            ET.parse(project / "_site" / "feed.xml").getroot().findtext(f"{ATOM}updated")
        )
        assert re.search(r"Built \d", (project / "_site" / "index.html").read_text("utf-8"))
    assert stamps == {"1700000000": "2023-11-14T22:13:20Z", "1800000000": "2027-01-15T08:00:00Z"}
    assert "Built 15 January 2027." in (project / "_site" / "index.html").read_text()


def test_without_source_date_epoch_no_clock_reaches_the_output(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    full = ("--base-url", "https://example.org/")
    assert run("build", str(project), "-q", *full, cwd=tmp_path).returncode == 0
    out = project / "_site"
    today = dt.datetime.now(dt.UTC).date()
    from sitegen.site.templating import format_day

    text = b"".join(tree(out).values()).decode("utf-8")
    for shown in {today.isoformat(), format_day(today), str(today.year) + "-" + f"{today:%m}"}:
        if shown not in "".join(p.read_text() for p in (project / "seeds").glob("*.txt")):
            assert shown not in text, shown
    assert not re.search(r"Built \d", (out / "index.html").read_text(encoding="utf-8"))
    updated = ET.parse(out / "feed.xml").getroot().findtext(f"{ATOM}updated") or ""
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", updated)  # the newest content date


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5e9", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_an_error(tmp_path: Path, value: str) -> None:
    project = copy_project(tmp_path / "p")
    proc = run("build", str(project), "-q", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": value})
    assert proc.returncode == 1
    assert "error: SOURCE_DATE_EPOCH=" in proc.stderr and "seconds since" in proc.stderr
    assert not (project / "_site").exists()
