"""Rounds and dates over several stories (sitegen.brief.rounds and its helpers): each case
under tests/fixtures/rounds is a few invented stories and the rounds and dates expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.brief.clues import read_clues
from sitegen.brief.gather import _dated
from sitegen.brief.records import Gathered
from sitegen.brief.rounds import group_rounds
from sitegen.extract import extract
from sitegen.ingest.articles import parse_article
from tests.conftest import TESTS

CASES = sorted((TESTS / "fixtures" / "rounds").glob("*.yaml"))


def _run(spec: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    items = []
    for art in spec["articles"]:
        article = parse_article(art["text"], file=f"seeds/{art['id']}.txt", id=art["id"])
        items.append(_dated(Gathered(article, extract(article), read_clues(article)), None))
    rounds, relative = group_rounds(items)
    dates = {}
    for item in items:
        a = item.article
        day, basis = (relative[a.id], "relative") if a.id in relative else (a.date, a.date_basis)
        dates[a.id] = f"{day} {basis}" if day else "unknown"
    return [{"title": r.title, "articles": r.articles} for r in rounds], dates


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_round_case(case: Path) -> None:
    spec: dict[str, Any] = yaml.safe_load(case.read_text(encoding="utf-8"))
    rounds, dates = _run(spec)
    assert sorted(rounds, key=str) == sorted(spec["expect"]["rounds"], key=str)
    for aid, want in (spec["expect"].get("dates") or {}).items():
        assert dates[aid] == str(want), aid
