"""The real development set (../shared/eval/real/) scored against floors.

The articles are third-party news texts that must never be copied into this
repository, so they are read from ../shared at test time. Each floor sits just
under what the extraction reaches today: a drop below one is a regression, never
a reason to lower it. Raise a floor when the extraction improves.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from sitegen.brief.gather import load_briefing
from sitegen.config import load_config
from sitegen.data import load
from sitegen.output.export import briefing_to_dict
from tests.conftest import SHARED, require_shared

REAL = SHARED / "eval" / "real"

require_shared(REAL / "gold.yaml")

FLOORS: dict[str, float] = {
    "articles.found": 1.0,
    "actors.f1": 0.975,
    "actors.side_accuracy": 0.955,
    "actors.merged_across_articles": 0.96,
    "quotes.recall": 0.95,
    "quotes.precision": 0.99,
    "quotes.attribution": 0.965,
    "rounds.pair_f1": 0.99,
    "dates.exact": 0.94,
    "sticking_points.recall": 0.83,
    "sticking_points.precision": 0.95,
    "sticking_points.contested_accuracy": 0.834,
    "positions.recall": 0.69,
    "positions.precision": 0.925,
    "positions.stance_accuracy": 0.92,
}
"""Metric -> the lowest value accepted on the development set."""

MAX_DUPLICATES = 0
"""Actors found twice under two names."""


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of the development set built with no site.yaml and no content/."""
    project: Path = tmp_path_factory.mktemp("real")
    (project / "seeds").mkdir()
    for article in sorted((REAL / "articles").glob("*.txt")):
        shutil.copy(article, project / "seeds" / article.name)
    briefing = load_briefing(load_config(project), use_cache=False)
    return json.loads(json.dumps(briefing_to_dict(briefing)))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def real_scores(real_export: dict[str, Any]) -> dict[str, Any]:
    """The scores of that export."""
    gold = yaml.safe_load((REAL / "gold.yaml").read_text(encoding="utf-8"))
    return _scorer().score(gold, real_export)  # type: ignore[no-any-return]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_real_development_set_stays_above_its_floor(
    metric: str, real_scores: dict[str, Any]
) -> None:
    got = real_scores.get(metric)
    assert got is not None and got >= FLOORS[metric], f"{metric}: {got} < {FLOORS[metric]}"


def test_real_development_set_has_few_duplicate_actors(real_scores: dict[str, Any]) -> None:
    assert real_scores["actors.duplicates"] <= MAX_DUPLICATES


_ENDS_BADLY = {"of", "on", "in", "at", "to", "for", "by", "with", "from", "about", "over", "and"}
"""Prepositions and conjunctions: a label ending with one was cut mid-phrase."""


def test_real_development_set_issue_labels_are_noun_phrases(real_export: dict[str, Any]) -> None:
    """No label is a lone generic noun ("pledge"), holds a possessive's stray "s" ("to X s"),
    or ends with a preposition or a verb of the label word lists."""
    data = load("issues")["label_words"]
    generic = {str(w) for w in data["generic"]}
    verbs = {str(w) for w in data["verbs"]}
    labels = [sp["label"] for sp in real_export["sticking_points"]]
    assert len(labels) > 20  # the development set names many issues
    for label in labels:
        words = label.lower().split()
        assert not (len(words) == 1 and words[0] in generic), label
        assert "s" not in words and not label.endswith(("'s", "’s")), label
        assert words[-1] not in _ENDS_BADLY | verbs, label
