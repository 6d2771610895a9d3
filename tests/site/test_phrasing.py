"""How positions and labels read on the page (sitegen.site.phrasing)."""

from __future__ import annotations

import pytest

from sitegen.models import Evidence, Position
from sitegen.site.phrasing import excerpt, heading, position_phrase, tidy_object


def pos(stance: str, obj: str, sentence: str) -> Position:
    return Position("a", "x", stance, Evidence("a", 0, sentence), obj)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        # clean noun phrases and clauses are kept as written
        ("any extraterritorial corridor", "any extraterritorial corridor"),
        (
            "that Israel withdraw from the Philadelphi corridor",
            "that Israel withdraw from the Philadelphi corridor",
        ),
        ("a phased ceasefire in El Fasher", "a phased ceasefire in El Fasher"),
        # a trailing attribution is cut off
        (
            "M23 to leave Goma, a spokesman for the Congolese government said",
            "M23 to leave Goma",
        ),
        # a second stance of the same holder ends the object
        (
            "the front line frozen where it is and rejects any pullback",
            "the front line frozen where it is",
        ),
        # cut at the wrong place: no phrase of its own
        ("for floating the idea of foreign peacekeepers", None),
        ("have suggested a demilitarised zone under UN administration", None),
        ("on Iran's enrichment programme", None),
        ("which the mediators put forward in Doha", None),
        # an unbalanced quotation mark
        ("a “complete withdrawal from the Strip", None),
        ("", None),
    ],
)
def test_tidy_object(obj: str, expected: str | None) -> None:
    assert tidy_object(obj) == expected


def test_objects_that_follow_to_read_as_verb_phrases() -> None:
    sentence = "Hamas intends to keep its weapons until a Palestinian state is created."
    assert position_phrase(pos("wants", "keep its weapons", sentence)).text == (
        "to keep its weapons"
    )
    # "rejects to ..." is no English: quote the sentence instead
    refused = "Baku refused to sign the text drafted in Washington."
    phrase = position_phrase(pos("rejects", "sign the text drafted in Washington", refused))
    assert phrase.excerpt and phrase.text == refused
    # "agreed to a ceasefire": a noun phrase after "to" stays as it is
    agreed = "Kinshasa agreed to a ceasefire in North Kivu."
    assert position_phrase(pos("accepts", "a ceasefire in North Kivu", agreed)).text == (
        "a ceasefire in North Kivu"
    )


def test_a_garbled_object_is_shown_as_the_clause_of_its_sentence() -> None:
    sentence = (
        "An initial draft drew heavy criticism in Yerevan and western capitals for leaning "
        "too closely to Baku's line, while later versions prompted pushback from Azerbaijan "
        "for floating the idea of international monitors."
    )
    phrase = position_phrase(
        pos("rejects", "for floating the idea of international monitors", sentence)
    )
    assert phrase.excerpt
    # starts after the comma before it, ends with the sentence
    assert phrase.text == (
        "… while later versions prompted pushback from Azerbaijan for floating the idea of "
        "international monitors."
    )


def test_an_excerpt_never_starts_inside_a_quotation() -> None:
    sentence = (
        "There is “no hope of reaching a lasting settlement” to the war until the rebels’ "
        "demands for territory in the east are met, the movement’s political spokesman, "
        "a former minister, said in a recording posted on Telegram early on Friday morning."
    )
    text = excerpt(sentence, "for territory in the east are met")
    assert text.count("“") == text.count("”")
    assert "for territory in the east are met" in text


def test_heading_capitalises_only_the_first_letter() -> None:
    assert heading("territory") == "Territory"
    assert heading("nuclear facilities") == "Nuclear facilities"
    assert heading("Armenia's constitution") == "Armenia's constitution"
    assert heading("eU sanctions") == "EU sanctions"
    assert heading("") == ""


def test_an_object_cut_with_the_to_of_its_noun_reads_without_it() -> None:
    said = "Ivo Marten restated his opposition to a Calderian state on Monday."
    assert position_phrase(pos("rejects", "to a Calderian state", said)).text == (
        "a Calderian state"
    )
    agreed = "Both sides agreed to the return of displaced families to Port Elin."
    assert position_phrase(pos("accepts", "to the return of displaced families", agreed)).text == (
        "the return of displaced families"
    )


def test_a_verb_after_to_reads_only_after_stances_that_take_to() -> None:
    refused = "Astoria refused to participate in the talks in Belmar."
    phrase = position_phrase(pos("rejects", "to participate in the talks", refused))
    assert phrase.excerpt  # "rejects to participate" is no English: the sentence is quoted
    assert "refused to participate" in phrase.text
    wanted = "Belmar wants to hold talks in Port Elin."
    assert position_phrase(pos("wants", "to hold talks in Port Elin", wanted)).text == (
        "to hold talks in Port Elin"
    )
