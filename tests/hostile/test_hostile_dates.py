"""Issue 13, high: a date at the ends of the calendar in one article crashed the whole
build (``OverflowError``, exit 70, no file named). Now a dateline or front-matter date
outside 1900–2100 is that file's error, and a date written in the text is not taken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.extract.dates import full_dates
from sitegen.ingest.dayrange import plausible
from tests.hostile.crafted import ARTICLE, sitegen


def _project(root: Path) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "early.txt").write_text("date 0001-01-01\n\n" + ARTICLE, encoding="utf-8")
    (seeds / "late.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "late.md").write_text("---\ndate: 9999-12-31\n---\n", encoding="utf-8")
    (seeds / "text.txt").write_text(
        ARTICLE + "\nThe truce runs until 31 December 9999, the envoy said.\n", encoding="utf-8"
    )
    (root / "content" / "notes").mkdir(parents=True)
    (root / "content" / "notes" / "old.md").write_text(
        "---\ntitle: Old\ndate: 0001-01-01\n---\nText.\n", encoding="utf-8"
    )
    return root


def test_high_dates_outside_1900_2100_are_a_per_file_error(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    done = sitegen("build", str(root))
    # what editors wrote (a sidecar, a note) stops the build, each file named; no crash
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "error: seeds/early.txt: dateline: the date 0001-01-01 is outside 1900–2100" in (
        done.stderr
    )
    assert "error: seeds/late.md:2: date: the date 9999-12-31 is outside 1900–2100" in done.stderr
    assert "error: content/notes/old.md:3: date: the date 0001-01-01" in done.stderr
    for command in ("check", "export"):
        assert sitegen(command, str(root)).returncode in (0, 1)
    # the editors' dates fixed: the article with the bad dateline is still its own error
    (root / "seeds" / "late.md").write_text("---\ndate: 2024-05-06\n---\n", encoding="utf-8")
    (root / "content" / "notes" / "old.md").write_text(
        "---\ntitle: Old\ndate: 2024-05-06\n---\nText.\n", encoding="utf-8"
    )
    done = sitegen("build", str(root))
    assert done.returncode == 0, done.stderr
    assert "error: seeds/early.txt: dateline: the date 0001-01-01" in done.stderr
    assert (root / "_site" / "sources" / "good" / "index.html").is_file()
    assert (root / "_site" / "sources" / "text" / "index.html").is_file()
    strict = sitegen("build", str(root), "--strict", "-o", str(tmp_path / "strict"))
    assert strict.returncode == 1 and "internal error" not in strict.stderr


@pytest.mark.parametrize("text", ["31 December 9999", "1 January 0001", "January 1, 1066"])
def test_high_a_date_in_the_text_outside_the_range_is_not_taken(text: str) -> None:
    assert full_dates(f"The talks ended on {text}, officials said.") == []
    assert full_dates("The talks ended on 6 May 2024, officials said.") == [dt.date(2024, 5, 6)]
    assert plausible(dt.date(1900, 1, 1)) and plausible(dt.date(2100, 12, 31))
