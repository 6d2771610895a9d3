"""Held-out evaluation: articles about other negotiations, scored like the unseen test set.

Each project under ``tests/eval/`` holds a few articles written in the style of
wire and online news about real talks (Gaza in Doha, Iran and the US in Muscat
and Rome, Armenia and Azerbaijan, Sudan in Jeddah, Congo and the M23, Colombia
and the ELN, Ethiopia and the TPLF in Pretoria and Nairobi, Serbia and Kosovo in
Brussels and Ohrid) and a
``gold.yaml`` answer key in the schema of the shared ``seeds-gold.yaml``,
written by reading the articles by hand. The project is exported with no
``site.yaml`` and no ``content/`` and scored by the shared scorer. The floors
sit about 0.05 under what the extraction achieved when they were set: a drop
below one is a regression, never a reason to lower it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from sitegen.brief.gather import load_briefing
from sitegen.config import load_config
from sitegen.output.export import briefing_to_dict
from tests.conftest import SHARED, require_shared

EVAL = Path(__file__).resolve().parent / "eval"

# The keys were realigned to ../shared/eval/GUIDELINE.md (issue 14: every issue on the
# table, positions on any matter, both sides agreeing = one accepts each, a denial of a
# fact no position); the floors the new keys moved were reset just under the figures
# then reached. Each added entry was checked by hand against the guideline.
FLOORS: dict[str, dict[str, float]] = {
    "armenia-azerbaijan": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.85,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.84,
        "positions.precision": 0.95,
        "positions.stance_accuracy": 0.95,
    },
    "colombia-eln": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.7,
        "positions.precision": 0.92,
        "positions.stance_accuracy": 0.83,
    },
    "drc-m23": {
        "actors.f1": 0.91,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.7,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.77,
        "positions.precision": 0.94,
        "positions.stance_accuracy": 0.85,
    },
    "ethiopia-tigray": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.8,
        "positions.recall": 0.91,
        "positions.precision": 0.95,
        "positions.stance_accuracy": 0.95,
    },
    "gaza-doha": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.95,
        "positions.precision": 0.95,
        "positions.stance_accuracy": 0.95,
    },
    "iran-oman": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.88,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "actors.merged_across_articles": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.85,
        "positions.precision": 0.95,
        "positions.stance_accuracy": 0.83,
    },
    "serbia-kosovo": {
        "actors.f1": 0.88,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "rounds.pair_f1": 0.95,
        "dates.exact": 0.95,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.64,
        "positions.precision": 0.82,
        "positions.stance_accuracy": 0.93,
    },
    "sudan-jeddah": {
        "actors.f1": 0.95,
        "actors.side_accuracy": 0.95,
        "quotes.recall": 0.95,
        "quotes.precision": 0.95,
        "quotes.attribution": 0.95,
        "dates.exact": 0.7,
        "sticking_points.recall": 0.95,
        "sticking_points.precision": 0.95,
        "positions.recall": 0.95,
        "positions.precision": 0.92,
        "positions.stance_accuracy": 0.95,
    },
}
"""Per-project minimum of each figure (set from the achieved figure minus ~0.05)."""

MAX_DUPLICATES = {
    "armenia-azerbaijan": 0,
    "colombia-eln": 0,
    "drc-m23": 0,
    "ethiopia-tigray": 0,
    "gaza-doha": 0,
    "iran-oman": 0,
    "serbia-kosovo": 0,
    "sudan-jeddah": 0,
}
MAX_STICKING_POINTS = 10
"""Every issue on the table is listed (the guideline), so a three-article project
names up to eight or so matters; more would mean labels that fail to merge."""


def _scorer() -> ModuleType:
    require_shared(SHARED / "eval" / "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export(project: Path) -> dict[str, Any]:
    briefing = load_briefing(load_config(project), use_cache=False)
    return json.loads(json.dumps(briefing_to_dict(briefing)))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, Any]]:
    score = _scorer().score
    out = {}
    for name in FLOORS:
        gold = yaml.safe_load((EVAL / name / "gold.yaml").read_text(encoding="utf-8"))
        out[name] = score(gold, _export(EVAL / name))
    return out


def test_every_project_has_floors() -> None:
    projects = {p.name for p in EVAL.iterdir() if (p / "gold.yaml").is_file()}
    assert projects == set(FLOORS)


@pytest.mark.parametrize("project", sorted(FLOORS))
def test_project_scores_stay_above_floors(project: str, scores: dict[str, Any]) -> None:
    got = scores[project]
    assert got["articles.found"] == 1.0
    below = {
        key: got.get(key)
        for key, floor in FLOORS[project].items()
        if got.get(key) is None or got[key] < floor
    }
    assert not below, f"{project}: below floor: {below}"
    assert got["actors.duplicates"] <= MAX_DUPLICATES[project]
    assert got["sticking_points.distinct"] <= MAX_STICKING_POINTS


@pytest.mark.parametrize("project", sorted(FLOORS))
def test_no_article_is_put_in_a_wrong_round(project: str, scores: dict[str, Any]) -> None:
    """Precision first: an article the rules cannot place stays out of every round."""
    assert scores[project]["rounds.pair_precision"] in (None, 1.0)


def test_a_market_report_among_the_seeds_gets_no_round_or_positions() -> None:
    data = _export(EVAL / "sudan-jeddah")
    oil = next(a for a in data["articles"] if a["id"] == "04_oil_prices")
    assert oil["date"] == "2023-10-30"
    assert oil["round"] is None
    assert not any("04_oil_prices" in r["articles"] for r in data["rounds"])
    assert not [p for p in data["positions"] if p["article"] == "04_oil_prices"]
    assert not [
        e for s in data["sticking_points"] for e in s["evidence"] if e["article"] == "04_oil_prices"
    ]
    sided = [a["name"] for a in data["actors"] if a["articles"] == ["04_oil_prices"] and a["side"]]
    assert sided == []


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in files.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return tmp_path


NO_PEOPLE = """ date 2024-03-04 WORLD
Ceasefire talks resume in Cairo as mediators push for Ramadan truce

Delegations from Hamas, Qatar and the United States arrived in Cairo on Sunday for a
new round of talks on a truce in Gaza.

Israel did not send a delegation, Egyptian state media reported.

The talks are expected to continue on Monday.
"""

COUNTRY_ONLY = """ date 2024-03-05 WORLD
Qatar says Gaza truce talks continue in Cairo

Qatar said on Tuesday that talks on a truce in Gaza were continuing in Cairo.

"We remain optimistic that an agreement can be reached before Ramadan," the Qatari
foreign ministry said in a statement.

Hamas rejects any deal that does not include a permanent ceasefire.
"""


def test_an_article_with_no_people_makes_no_actor(tmp_path: Path) -> None:
    data = _export(_project(tmp_path, {"a.txt": NO_PEOPLE}))
    assert data["actors"] == []
    assert data["quotes"] == []
    assert [r["location"] for r in data["rounds"]] == ["Cairo"]


def test_a_country_speaking_is_a_party_speaker_not_a_person(tmp_path: Path) -> None:
    data = _export(_project(tmp_path, {"a.txt": NO_PEOPLE, "b.txt": COUNTRY_ONLY}))
    assert data["actors"] == []
    quote = next(q for q in data["quotes"] if q["text"].startswith("We remain optimistic"))
    assert quote["speaker"] == "qatar"
    hamas = [p for p in data["positions"] if p["party"] == "hamas"]
    assert [(p["stance"], p["issue"]) for p in hamas] == [("rejects", "ceasefire")]
    # one meeting in Cairo on consecutive days: one round
    assert [r["articles"] for r in data["rounds"]] == [["a", "b"]]
