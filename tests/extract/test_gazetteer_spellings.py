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


def test_a_capitalised_compass_word_makes_another_place_of_a_country_name() -> None:
    # news style capitalises a compass point only inside a proper name: "Northern
    # Ireland" is not Ireland, the South China Sea is not China, "North American" not
    # American; a listed compound ("North Korea") is still found whole, and a lower-case
    # direction ("northern Syria") still names the country
    text = (
        "The Northern Ireland Secretary, the North American envoys and the Irish minister "
        "spoke of the South China Sea, of North Korea and of northern Syria."
    )
    assert [(t.text, t.party) for t in find_terms(text)] == [
        ("Irish", "ireland"),
        ("North Korea", "north-korea"),
        ("Syria", "syria"),
    ]
