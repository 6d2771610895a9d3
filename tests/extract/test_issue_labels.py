"""Open-vocabulary issue labels: the noun phrase that names the matter.

Cases as invented phrases with the labels expected (``fixtures/labels``); the
development set's export is checked for the shapes a label must never have.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from sitegen.extract.issue_labels import open_label
from sitegen.extract.issues import vague
from tests.conftest import REPO

CASES = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "labels" / "open_labels.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["phrase"][:40] for c in CASES])
def test_open_label(case: dict[str, Any]) -> None:
    names = frozenset(case.get("names", []))
    assert open_label(case["phrase"], vague(), names) == case["label"]
