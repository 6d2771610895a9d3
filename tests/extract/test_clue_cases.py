"""Dating and venue clues of one article (sitegen.brief.clues, sitegen.extract.datelines):
each case under tests/fixtures/clues is an invented text and the clues expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.brief.clues import read_clues
from sitegen.extract.datelines import text_date
from sitegen.ingest.articles import parse_article
from tests.conftest import TESTS

CASES = sorted((TESTS / "fixtures" / "clues").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_clue_case(case: Path) -> None:
    spec: dict[str, Any] = yaml.safe_load(case.read_text(encoding="utf-8"))
    article = parse_article(spec["text"], file=f"seeds/{case.stem}.txt", id=case.stem)
    clues = read_clues(article)
    got: dict[str, Any] = {
        "place": clues.place,
        "wire_day": list(clues.wire_day) if clues.wire_day else None,
        "text_date": text_date(article),
        "captions": article.captions,
        "continuing": clues.continuing,
        "today": clues.today,
        "unset": clues.unset,
        "last_weekday": clues.last_weekday,
        "meeting_weekdays": sorted({m.weekday for m in clues.mentions if m.meeting}),
        "other_weekdays": sorted({m.weekday for m in clues.mentions if not m.meeting}),
    }
    for key, want in spec["expect"].items():
        if key == "text_date" and want is not None:
            want = dt.date.fromisoformat(str(want))
        assert got[key] == want, f"{case.stem}: {key}"


def test_every_case_checks_something() -> None:
    assert CASES
    for case in CASES:
        assert yaml.safe_load(case.read_text(encoding="utf-8"))["expect"]
