"""Positions: fixture cases from news about several negotiations, and the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.issues import find_issues
from sitegen.extract.positions import find_positions
from sitegen.models import PositionRef
from tests.conftest import TESTS
from tests.fixture_refs import build

CASES = sorted((TESTS / "fixtures" / "positions").glob("*.yaml"))


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


def _with_quotes(text: str, parties: dict[str, list[str]], people: list[dict[str, Any]]) -> Any:
    from sitegen.extract.quotes import find_quotes

    article, found_people, found_parties = build(
        {"text": text, "parties": parties, "people": people}
    )
    quotes = find_quotes(article, found_people, found_parties)
    return article, find_positions(article, found_people, found_parties, quotes=quotes)


def test_a_quoted_must_is_the_quote_speakers_demand() -> None:
    """The speaker of "X must ...", said inside a quotation, comes from the quote finder
    when the sentence before does not open with them."""
    text = (
        "Aliyev hails deal\n\n"
        "Speaking to reporters after the ceremony, Azerbaijani President Ilham Aliyev "
        "said his country had shown goodwill.\n\n"
        "\u201cArmenia must change its constitution. This is a reality,\u201d he said.\n"
    )
    people = [{"name": "Ilham Aliyev", "aliases": ["Aliyev"], "side": "azerbaijan"}]
    parties = {"azerbaijan": ["Azerbaijani"], "armenia": ["Armenia"]}
    article, found = _with_quotes(text, parties, people)
    got = [(p.party, p.stance, p.issue, p.person) for p in found]
    assert ("azerbaijan", "demands", "constitution", "Ilham Aliyev") in got
    assert not [g for g in got if g[0] == "armenia"]


def test_he_inside_a_quotation_is_not_its_speaker() -> None:
    """A speaker says "I": "he wants a deal" in their own quote is someone else's want."""
    text = (
        "Envoy meets leader\n\n"
        "Steve Witkoff met the Russian leader in Moscow on Tuesday.\n\n"
        "\u201cHe came and said he wants to make a deal,\u201d US President Donald Trump "
        "told reporters.\n"
    )
    people = [
        {"name": "Steve Witkoff", "aliases": ["Witkoff"], "side": "us"},
        {"name": "Donald Trump", "aliases": ["Trump"], "side": "us"},
    ]
    article, found = _with_quotes(text, {"us": ["US"], "russia": ["Russian"]}, people)
    assert [p for p in found if p.stance == "wants"] == []


def test_a_bystanders_proposal_counts_but_not_its_other_stances() -> None:
    """A mediator the article does not mark as one still proposes; its other stances
    are not the talks' positions."""
    from sitegen.ingest.articles import parse_article
    from sitegen.models import Mention, PartyRef

    text = (
        "Gaza talks\n\n"
        "Israel and Hamas resumed talks in Doha on Monday.\n\n"
        "Egypt has proposed that a committee of independent technocrats run Gaza after the war.\n\n"
        "Egypt rejected any displacement of Palestinians into Sinai.\n"
    )
    article = parse_article(text, file="a.txt", id="a")

    def ref(pid: str, word: str, role: Any) -> PartyRef:
        ms = [
            Mention(s.index, s.text.index(word), s.text.index(word) + len(word), word)
            for s in article.sentences
            if word in s.text
        ]
        return PartyRef(id=pid, name=word, role=role, mentions=ms)

    parties = [
        ref("israel", "Israel", "negotiating-party"),
        ref("hamas", "Hamas", "negotiating-party"),
        ref("egypt", "Egypt", "other"),
    ]
    found = find_positions(article, [], parties)
    assert [(p.party, p.stance, p.issue) for p in found] == [("egypt", "proposes", "governance")]


def test_bystanders_reading_stops_after_the_last_cue_that_can_propose() -> None:
    """The second reading (for bystanders' proposals) needs every sentence up to the last
    one with a "proposes" cue or a modal, and none after it."""
    from sitegen.extract.positions import _proposals_end
    from sitegen.extract.stance_cues import Cue

    demand, propose = Cue("demands", "verb", 0, 5), Cue("proposes", "verb", 0, 8)
    modal, refusal = Cue("demands", "modal", 0, 4), Cue("rejects", "refusal", 0, 9)
    assert _proposals_end([("", [demand]), ("", [propose]), ("", [refusal]), ("", [])]) == 2
    assert _proposals_end([("", [propose]), ("", []), ("", [demand, modal])]) == 3
    assert _proposals_end([("", [demand]), ("", [refusal])]) == 0
    assert _proposals_end([]) == 0


def test_warring_parties_unmarked_are_the_two_most_named() -> None:
    """When the article marks no side as negotiating, "the warring parties" are the two
    sides it names most that the briefing knows as negotiating, not a third one the
    briefing knows from other talks ("Calderia-backed")."""
    case = {
        "text": "Talks\n\nAstoria and the Belmar rebels met in Port Elin. Astoria said the "
        "Calderia-backed rebels had come. Belmar leaders arrived late.\n\nThe envoy said the "
        "warring parties had reached an agreement on the exchange of prisoners.\n",
        "parties": {"astoria": ["Astoria"], "belmar": ["Belmar"], "calderia": ["Calderia"]},
        "roles": {"astoria": "other", "belmar": "other", "calderia": "other"},
    }
    article, people, parties = build(case)
    found = find_positions(
        article, people, parties, negotiators=frozenset({"astoria", "belmar", "calderia"})
    )
    assert sorted((p.party, p.stance) for p in found if p.sentence == 3) == [
        ("astoria", "accepts"),
        ("belmar", "accepts"),
    ]


def test_warnings_questions_and_wishes_leave_only_the_reported_agreement() -> None:
    """In the fixture of warnings, embedded questions, wishes and logistics, every position
    found is in its last sentence (the reported agreement)."""
    path = TESTS / "fixtures" / "positions" / "warnings_questions_and_reported_agreement.yaml"
    article, people, parties = build(yaml.safe_load(path.read_text(encoding="utf-8")))
    found = find_positions(article, people, parties)
    assert found and {p.sentence for p in found} == {len(article.sentences) - 1}


def test_a_quotation_over_sentences_is_its_speakers_throughout() -> None:
    """The sentences after the first of one quotation are its speaker's words too."""
    from sitegen.models import QuoteRef

    case = {
        "text": (
            "Talks\n\nMarten said, \u201cWe have made some progress on tariffs. "
            "Absent a rebalancing of tariffs, we will not reach a result.\n"
        ),
        "parties": {"astoria": ["Astoria"], "belmar": ["Belmar"]},
        "people": [{"name": "Ivo Marten", "aliases": ["Marten"], "side": "astoria"}],
    }
    article, people, parties = build(case)
    words = (
        "We have made some progress on tariffs. "
        "Absent a rebalancing of tariffs, we will not reach a result."
    )
    quote = QuoteRef(words, 0, speaker="Ivo Marten", speaker_kind="person")
    found = find_positions(article, people, parties, quotes=[quote])
    assert any(p.party == "astoria" and p.stance == "demands" and p.sentence == 1 for p in found)
    alone = find_positions(article, people, parties, quotes=[])
    assert not any(p.stance == "demands" and p.sentence == 1 for p in alone)


def test_every_signing_is_both_sides_and_a_past_office_none() -> None:
    """Each signing sentence of the fixture gives both sides; the last (offices held
    "then") gives none."""
    path = TESTS / "fixtures" / "positions" / "signatories_with_titles_and_asides.yaml"
    article, people, parties = build(yaml.safe_load(path.read_text(encoding="utf-8")))
    found = {(p.sentence, p.party) for p in find_positions(article, people, parties)}
    assert found == {(s, side) for s in range(4) for side in ("astoria", "belmar")}
