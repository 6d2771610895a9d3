"""Place names as news spells them: the gazetteer finds "St. Vincent & the Grenadines"
and "Brasília" as well as the names it lists."""

from __future__ import annotations

from sitegen.extract.gazetteer import find_terms


def test_saint_and_and_are_also_written_st_and_ampersand() -> None:
    terms = find_terms("The leaders met in St. Vincent & the Grenadines and in St Lucia.")
    assert [(t.text, t.party) for t in terms] == [
        ("St. Vincent & the Grenadines", "saint-vincent-and-the-grenadines"),
        ("St Lucia", "saint-lucia"),
    ]


def test_accented_letters_match_the_plain_spelling_at_the_same_place() -> None:
    text = "Ministers met in Brasília; Bogotá sent an envoy."
    terms = find_terms(text)
    assert [(t.text, t.party, text[t.start : t.end]) for t in terms] == [
        ("Brasilia", "brazil", "Brasília"),
        ("Bogota", "colombia", "Bogotá"),
    ]
