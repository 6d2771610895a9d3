"""Bodies the gazetteer does not know, spelt out once with an acronym in brackets."""

from __future__ import annotations

from sitegen.extract import extract
from sitegen.ingest.articles import parse_article
from sitegen.models import ArticleFacts


def _facts(text: str) -> ArticleFacts:
    return extract(parse_article(text, file="case.txt", id="case"))


TALKS = """Second round of talks held in Oslo

Talks between the Government of the Republic of Belize (GRB) and the National Democratic \
Front of Belize (NDFB) resumed in Oslo on Monday.

Secretary Ivo Marten led the GRB delegation, with the panel composed of Lena Varga and \
Tomas Brel.

NDFB chairman Piet Oberg led the NDFB delegation composed of panel members Rosa Kell and \
Anna Holt.

The talks were facilitated by Amb. Karl Veit of the Royal Norwegian Government (RNG).
"""


def test_a_spelt_out_body_is_a_party_named_by_its_acronym() -> None:
    facts = _facts(TALKS)
    body = next(p for p in facts.parties if p.name == "National Democratic Front of Belize")
    assert body.id == "national-democratic-front-of-belize"
    assert sum(m.text == "NDFB" for m in body.mentions) == 3
    sides = {p.name: p.side for p in facts.people}
    assert sides["Piet Oberg"] == body.id
    assert sides["Rosa Kell"] == sides["Anna Holt"] == body.id


def test_a_states_government_spelt_out_is_that_state() -> None:
    facts = _facts(TALKS)
    belize = next(p for p in facts.parties if p.id == "belize")
    texts = [m.text for m in belize.mentions]
    assert "GRB" in texts and "Belize" not in texts  # the country inside each name is theirs
    sides = {p.name: p.side for p in facts.people}
    assert sides["Ivo Marten"] == "belize"
    norway = next(p for p in facts.parties if p.id == "norway")
    assert "RNG" in [m.text for m in norway.mentions]


def test_no_party_without_a_body_word_or_for_a_known_partys_body() -> None:
    text = """Border talks end

Commanders met at the Line of Actual Control (LAC) on Monday, with officers of the Kenyan \
National Defence Force (KNDF) and the African Union Commission (AUC) present.
"""
    ids = {p.id for p in _facts(text).parties}
    assert ids == {"kenya", "african-union"}


def test_a_role_closed_by_the_bodys_acronym_gives_its_side() -> None:
    text = """Delegation arrives

Separately, Ivo Marten, head of the Legal Committee of the Popular Movement of Belize (PMB), \
confirmed to reporters that the talks would open on Monday.
"""
    person = next(p for p in _facts(text).people if p.name == "Ivo Marten")
    assert person.side == "popular-movement-of-belize"
    assert person.roles == ["head of the Legal Committee of the Popular Movement of Belize (PMB)"]
