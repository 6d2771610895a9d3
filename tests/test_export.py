"""The export encoder writes what ``json.dumps(..., indent=2)`` writes, for every shape."""

from __future__ import annotations

import json

import pytest

from sitegen.export import _encode


def _text(value: object) -> str:
    out: list[str] = []
    _encode(value, "", out)
    return "".join(out)


@pytest.mark.parametrize(
    "value",
    [
        {"a": [], "b": {}, "c": [[], {}, [1, [2, []]]], "d": {"e": {"f": {}}}},
        [True, False, None, 0, -7, "x", {"k": None}, [], {}],
        {"sentences": [{"index": 0, "part": "body", "text": 'He said "no".'}]},
        {"ünï": "東京\u2028\x1b", "": ""},
        [],
        {},
        "only a string",
    ],
)
def test_encoder_writes_what_json_dumps_writes(value: object) -> None:
    assert _text(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{"x": 1.5}, [(1, 2)], {1: "int key"}, {"s": {"a"}}])
def test_encoder_refuses_what_it_does_not_write_like_json(value: object) -> None:
    with pytest.raises(TypeError):
        _text(value)
