"""What the last build's export says of its rounds and actors is read without parsing
its articles, and reads as the whole export does."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.output.export import encode
from sitegen.output.redirects import _loads, _sections

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
SCALARS = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | TEXT
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3)
)
NAMES = ("rounds", "actors")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["articles", *NAMES, "quotes", "notes"]), VALUES))
def test_the_members_read_alone_are_the_members_of_the_whole(doc: dict[str, object]) -> None:
    raw = encode(doc)
    found = _sections(raw, NAMES)
    whole = _loads(raw)
    if not doc:  # "{}": no member to find, the whole is read
        assert found is None
        return
    assert found == {k: whole[k] for k in NAMES if k in whole}


def test_a_member_whose_text_looks_like_a_top_level_key_is_read_whole() -> None:
    doc = {
        "articles": [{"text": 'a line\n  "rounds": [] ends here', "id": "a"}],
        "rounds": [{"id": "geneva", "articles": ["a"]}],
        "actors": [],
    }
    raw = encode(doc)
    assert _sections(raw, NAMES) == {"rounds": doc["rounds"], "actors": []}


def test_another_layout_is_read_whole() -> None:
    doc = {"rounds": [{"id": "r"}], "actors": [{"id": "x", "name": "Ivo Marten"}]}
    compact = json.dumps(doc).encode()
    assert _sections(compact, NAMES) is None
    broken = encode(doc).replace(b'"id": "r"', b'"id": ')
    assert _sections(broken, NAMES) is None
