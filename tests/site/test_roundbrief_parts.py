"""The smaller parts of a round's brief: one role per person per round and its history,
datelines cut from lead sentences, key quotes (two per side, stances first)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.models import Actor, Briefing, Evidence, Membership, Party, Quote, Round
from sitegen.site.leadlines import dateline_only, strip_dateline
from sitegen.site.roundroles import best_role, has_pronoun, is_plural, role_history, round_role
from sitegen.site.roundviews import RoundView, key_quotes, states_stance
from sitegen.site.views import SiteIndex
from tests.sitefixtures import make_article

# ------------------------------------------------------------------ roles


def test_best_role_is_singular_pronoun_free_and_most_specific() -> None:
    roles = [
        "Calderia's envoys",
        "head of his office",
        "Calderia's chief negotiator",
        "Secretary of Calderia's Security Council",
    ]
    assert best_role(roles) == "Secretary of Calderia's Security Council"
    assert is_plural("Calderia's envoys") and not is_plural("Minister of Foreign Affairs")
    assert has_pronoun("head of his office") and not has_pronoun("head of the office")
    # only a phrase with a pronoun: kept without it
    assert best_role(["head of his presidential office"]) == "head of presidential office"
    # two roles run together are no one role
    long = "head of the army intelligence service and head of the team in the security talks"
    assert best_role([long, "army intelligence head"]) == "army intelligence head"
    assert best_role([]) is None


def _two_rounds() -> tuple[SiteIndex, Actor]:
    a1 = make_article(
        "a1",
        "Talks open in Port Elin",
        ["Calderia's chief negotiator Ivo Marten arrived in Port Elin."],
        date=dt.date(2030, 3, 1),
        round="r1",
    )
    a2 = make_article(
        "a2",
        "Talks resume in Belmar",
        ["Ivo Marten, Secretary of Calderia's Security Council, met the mediators in Belmar."],
        date=dt.date(2030, 4, 1),
        round="r2",
    )
    a3 = make_article(
        "a3",
        "Third round in Belmar",
        ["Calderia's chief negotiator Ivo Marten said little."],
        date=dt.date(2030, 5, 1),
        round="r3",
    )
    roles = ["Calderia's chief negotiator", "Secretary of Calderia's Security Council"]
    marten = Actor("ivo-marten", "Ivo Marten", [], roles, "calderia", ["a1", "a2", "a3"])
    rounds = [
        Round(f"r{n}", f"Round {n}", "Belmar", dt.date(2030, n + 2, 1), None, [f"a{n}"])
        for n in (1, 2, 3)
    ]
    b = Briefing("t", "d", articles=[a1, a2, a3], rounds=rounds, actors=[marten])
    return SiteIndex(b), marten


def test_round_role_is_the_phrase_that_rounds_reports_use() -> None:
    site, marten = _two_rounds()
    assert round_role(site, marten, site.rounds["r1"]) == "Calderia's chief negotiator"
    assert round_role(site, marten, site.rounds["r2"]) == "Secretary of Calderia's Security Council"
    spans = [(s.role, s.first.id, s.last.id) for s in role_history(site, marten)]
    assert spans == [
        ("Calderia's chief negotiator", "r1", "r1"),
        ("Secretary of Calderia's Security Council", "r2", "r2"),
        ("Calderia's chief negotiator", "r3", "r3"),
    ]


def test_an_editors_roles_not_in_the_text_are_shown_in_every_round() -> None:
    site, marten = _two_rounds()
    marten.roles = ["lead negotiator"]  # the editor's roles replace the machine's
    assert round_role(site, marten, site.rounds["r2"]) == "lead negotiator"
    assert role_history(site, marten) == []


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("PORT ELIN, May 10, 2031 - Delegates from Calderia met again.", "Delegates"),
        ("BELMAR (Wire) - Delegates from Calderia met again on Friday.", "Delegates"),
        ("Port Elin, May 10, 2031 – delegates from Calderia met again.", "Delegates"),
        ("Jan 4 (AFP) — Delegates from Calderia met again on Friday.", "Delegates"),
        ("Belmar (Wire) -- Delegates from Calderia met again on Friday.", "Delegates"),
        ("BELMAR, Astoria — (Wire) — Delegates from Calderia met again.", "Delegates"),
    ],
)
def test_wire_datelines_are_cut_from_lead_sentences(sentence: str, want: str) -> None:
    assert strip_dateline(sentence).startswith(want + " from Calderia met again")


@pytest.mark.parametrize(
    "sentence",
    [
        "Calderia - and Belmar - agreed to meet again in Port Elin next month.",
        "Delegates from Calderia met again on Friday.",
        "Ivo Marten said: talks will go on.",
    ],
)
def test_a_sentence_without_a_dateline_is_kept(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence
    assert not dateline_only(sentence)


def test_a_sentence_that_is_only_a_dateline_is_no_lead() -> None:
    assert dateline_only("PORT ELIN, March 3. /WIRE/.")
    b = Briefing(
        "t",
        "d",
        articles=[
            make_article(
                "a1",
                "Talks resume",
                ["PORT ELIN, March 3. /WIRE/.", "Delegates from Calderia met again on Friday."],
                round="r1",
            )
        ],
        rounds=[Round("r1", "Round 1", "Port Elin", None, None, ["a1"])],
    )
    site = SiteIndex(b)
    leads = RoundView(site, site.rounds["r1"]).lead_sentences()
    assert [ev.text for _, ev in leads] == ["Delegates from Calderia met again on Friday."]


# ------------------------------------------------------------------ key quotes


def _q(n: int, speaker: str, text: str, kind: str = "actor") -> Quote:
    return Quote(f"q{n}", "a1", text, Evidence("a1", n, f"x {text}"), speaker, kind)  # type: ignore[arg-type]


def test_key_quotes_two_per_side_stances_first() -> None:
    sides = {"ivo-marten": "calderia", "ana-sol": "calderia", "per-lind": "belmar"}
    quotes = [
        _q(1, "ivo-marten", "the weather in Port Elin was fine all week"),
        _q(2, "ana-sol", "we had a long and useful day of talks here"),
        _q(3, "ivo-marten", "we reject any freeze along the present line"),
        _q(4, "per-lind", "our delegation will return home on Sunday evening"),
        _q(5, "ana-sol", "a full withdrawal is our condition for any deal", "actor"),
        _q(6, "stray-voice", "nobody knows where these talks will end up"),
    ]
    stated = {("a1", 5)}  # quote 5's sentence is a position's evidence
    got = key_quotes(
        quotes,
        side_of=lambda q: sides.get(q.speaker or "", f"actor:{q.speaker}"),
        states=lambda q: states_stance(q, stated),
    )
    # Calderia: the two stance quotes (3: "reject", 5: a position's sentence), not 1 or 2;
    # Belmar and the speaker of no known side each their own
    assert [q.id for q in got] == ["q3", "q5", "q4", "q6"]


def test_round_view_counts_a_person_for_their_party() -> None:
    site, marten = _two_rounds()
    site.parties["calderia"] = Party("calderia", "Calderia")
    quotes = [_q(n, "ivo-marten", f"we demand talks on point number {n} now") for n in (1, 2, 3)]
    quotes.append(_q(4, "calderia", "we demand a new round of talks soon", "party"))
    site.b.quotes = quotes
    site = SiteIndex(site.b)
    got = RoundView(site, site.rounds["r1"]).key_quotes()
    assert [q.id for q in got] == ["q1", "q2"]  # Marten and Calderia are one side


def test_a_head_of_delegation_shows_the_phrase_that_says_they_lead() -> None:
    site, marten = _two_rounds()
    r2 = site.rounds["r2"]
    r2.delegations = [Membership("ivo-marten", "calderia", True, [Evidence("a2", 0, "x")])]
    # round 2's report calls him Secretary (no lead word): the round shows that he led
    assert RoundView(site, r2).role("ivo-marten") == "head of delegation"
    marten.roles.append("head of the Calderian delegation")
    site.articles["a2"].paragraphs[0] += " He is head of the Calderian delegation."
    assert RoundView(site, r2).role("ivo-marten") == "head of the Calderian delegation"
    # not a head: the most specific phrase of the round
    r2.delegations[0].head = False
    assert RoundView(site, r2).role("ivo-marten") == "Secretary of Calderia's Security Council"
