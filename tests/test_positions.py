"""Positions: fixture cases from news about several negotiations, and the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fixture_refs import build
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.issues import find_issues
from sitegen.extract.positions import find_positions
from sitegen.models import PositionRef

CASES = sorted((Path(__file__).parent / "fixtures" / "positions").glob("*.yaml"))


def _matches(p: PositionRef, want: dict[str, Any]) -> bool:
    keys = {"party": p.party, "stance": p.stance, "issue": p.issue, "person": p.person}
    return all(keys[k] == v for k, v in want.items())


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_position_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    article, people, parties = build(case, path.stem)
    found = find_positions(article, people, parties)
    expect = case["expect"]
    shown = [
        (p.party, p.stance, p.issue, p.person, article.sentences[p.sentence].text) for p in found
    ]
    for want in expect.get("positions", []):
        assert any(_matches(p, want) for p in found), f"missing {want}; found {shown}"
    for unwanted in expect.get("not_positions", []):
        assert not any(_matches(p, unwanted) for p in found), f"unwanted {unwanted}: {shown}"
    # precision: every position found is one the case expects
    wanted = {(w["party"], w["stance"]) for w in expect.get("positions", [])}
    extra = [s for s in shown if (s[0], s[1]) not in wanted]
    assert not extra, f"unexpected positions {extra}"


def test_position_points_at_its_sentence() -> None:
    case = {
        "text": "Talks\n\nThe talks resumed on Monday.\n\nHamas rejected the ceasefire plan.\n",
        "parties": {"hamas": ["Hamas"]},
    }
    article, people, parties = build(case)
    (pos,) = find_positions(article, people, parties)
    assert "Hamas rejected" in article.sentences[pos.sentence].text
    assert pos.object.startswith("the ceasefire plan")


def test_pronoun_it_takes_the_previous_subject() -> None:
    case = {
        "text": (
            "Talks\n\nMoscow is demanding that Kyiv withdraw its forces from the region. "
            "It also wants the world to recognise Russian sovereignty over land it has seized.\n"
        ),
        "parties": {"russia": ["Moscow", "Russian"], "ukraine": ["Kyiv"]},
    }
    article, people, parties = build(case)
    found = {
        (p.sentence, p.party, p.stance, p.issue) for p in find_positions(article, people, parties)
    }
    assert found == {(0, "russia", "demands", "territory"), (1, "russia", "demands", "recognition")}


def test_no_parties_no_positions() -> None:
    case = {"text": "Talks\n\nThe government rejected the ceasefire proposal.\n"}
    article, people, parties = build(case)
    assert find_positions(article, people, parties) == []


_WORDS = [
    "Hamas",
    "Israel",
    "rejects",
    "demands",
    "its",
    "it",
    "that",
    "the",
    "must",
    "withdraw",
    "from",
    "territory",
    "ceasefire",
    ",",
    "and",
    "said",
    "by",
    "proposed",
    "We",
    "he",
    "to",
    "which",
    "a",
    "demand",
    "not",
    "accept",
    "'s",
    "\u201c",
    "\u201d",
    "until",
    "wants",
    ";",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_never_raises_and_points_at_real_sentences(words: list[str]) -> None:
    body = " ".join(words).replace(" 's", "'s") + "."
    case = {"text": f"Talks\n\n{body}\n", "parties": {"hamas": ["Hamas"], "israel": ["Israel"]}}
    article, people, parties = build(case)
    positions = find_positions(article, people, parties)
    for p in positions:
        assert 0 <= p.sentence < len(article.sentences)
        assert p.party in {"hamas", "israel"}
    for ref in find_issues(article, positions):
        assert 0 <= ref.sentence < len(article.sentences)
