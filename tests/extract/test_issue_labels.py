"""Open-vocabulary issue labels: the noun phrase that names the matter.

Cases as invented phrases with the labels expected (``fixtures/labels``); the
development set's export is checked for the shapes a label must never have.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.issue_labels import mask, open_label
from sitegen.extract.issues import vague
from tests.conftest import REPO

CASES = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "labels" / "open_labels.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["phrase"][:40] for c in CASES])
def test_open_label(case: dict[str, Any]) -> None:
    names = frozenset(case.get("names", []))
    assert open_label(case["phrase"], vague(), names) == case["label"]


_MARKS_AS_FIRST_WRITTEN = str.maketrans(
    {"“": " ", "”": " ", '"': " ", "‘": " ", "’": "'", "«": " ", "»": " "}
)


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab “”\"‘’«»'é"))
def test_mask_blanks_the_marks_as_the_translation_table_did(text: str) -> None:
    assert mask(text) == text.translate(_MARKS_AS_FIRST_WRITTEN)


def test_mask_keeps_offsets() -> None:
    text = "“We will not sign,” said Ivo Marten of Astoria’s «delegation»."
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked == " We will not sign,  said Ivo Marten of Astoria's  delegation ."
