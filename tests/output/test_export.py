"""The export is written as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it,
for every shape the export can hold, though orjson writes it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.output.export import ExportParts, encode, export_bytes
from tests.sitefixtures import make_briefing


def _std(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "value",
    [
        {"a": [], "b": {}, "c": [[], {}, [1, [2, []]]], "d": {"e": {"f": {}}}},
        [True, False, None, 0, -7, "x", {"k": None}, [], {}],
        {"sentences": [{"index": 0, "part": "body", "text": 'He said "no".'}]},
        {"ünï": "東京\u2028\x1b\x7f\t\\/", "": "", "emoji": "👍🏽"},
        [],
        {},
        "only a string",
        {"big": 2**70, "small": -(2**63)},  # past 64 bits: the standard library writes it
    ],
)
def test_encode_writes_what_json_dumps_writes(value: object) -> None:
    assert encode(value) == _std(value)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
SCALARS = st.none() | st.booleans() | st.integers(-(2**64), 2**64) | TEXT
DOCS = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4)
)


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_encode_writes_what_json_dumps_writes_for_any_export_shape(value: object) -> None:
    assert encode(value) == _std(value)


def test_kept_article_parts_write_what_a_fresh_export_writes() -> None:
    """The parts a long-lived process keeps between builds: the same bytes as a fresh
    export, whatever a build set on an article since (its round, date, title)."""
    b = make_briefing()
    parts = ExportParts()
    assert export_bytes(b, parts) == export_bytes(b)
    first = b.articles[0]
    kept = parts.of(first)
    assert parts.of(first) is kept  # handed back unchanged: the part made last time
    first.round, first.date, first.note = "geneva-2024", dt.date(2024, 5, 9), "Checked."
    assert parts.of(first) is not kept  # a field a build sets: made again
    b.articles[1].sentences = b.articles[1].sentences[:1]  # a new text: made again
    b.articles[2:] = []  # articles gone: forgotten
    assert export_bytes(b, parts) == export_bytes(b)
    assert sorted(parts._kept) == sorted(a.id for a in b.articles)
