"""Party extraction: fixture cases under fixtures/parties/ and the gazetteer look-ups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.extract.parties import find_parties, find_places, is_place, party_of, place_country
from sitegen.ingest.articles import parse_article
from tests.conftest import TESTS

CASES = sorted((TESTS / "fixtures" / "parties").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_parties_case(path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = parse_article(case["text"], file="case.txt", id="case")
    parties = {p.id: p for p in find_parties(article)}
    expect = case["expect"]
    for want in expect.get("parties", []):
        assert want["id"] in parties, f"{want['id']} not in {sorted(parties)}"
        assert parties[want["id"]].role == want["role"], (want["id"], parties[want["id"]].role)
    for pid in expect.get("not_parties", []):
        assert pid not in parties
    for pid, forms in expect.get("mentions", {}).items():
        written = {m.text.removeprefix("the ").removeprefix("The ") for m in parties[pid].mentions}
        assert set(forms) <= written, (pid, written)
    if "places" in expect:
        places = {name for name, _ in find_places(article)}
        assert places == set(expect["places"])


def test_mentions_point_into_sentences() -> None:
    article = parse_article("T\n\nThe Kremlin said Kiev must withdraw.\n", file="c", id="c")
    for party in find_parties(article):
        for m in party.mentions:
            assert article.sentences[m.sentence].text[m.start : m.end] == m.text
    ids = {p.id for p in find_parties(article)}
    assert ids == {"russia", "ukraine"}


def test_lookups() -> None:
    assert party_of("the Kremlin") == "russia"
    assert party_of("Kremlin") == "russia"
    assert party_of("Emirati") == "united-arab-emirates"
    assert party_of("Kyiv's") == "ukraine"
    assert party_of("Abu Dhabi") == "united-arab-emirates"
    assert party_of("Istanbul") is None
    assert party_of("Sharm el-Sheikh") is None
    assert is_place("Abu Dhabi") and is_place("Geneva") and not is_place("Hamas")
    assert place_country("Jeddah") == "saudi-arabia"
    assert place_country("Davos") == "switzerland"
    assert place_country("Nowhere") is None


def test_find_places_uses_canonical_spelling() -> None:
    article = parse_article("T\n\nStrikes hit Kiev and Kharkov.\n", file="c", id="c")
    assert [name for name, _ in find_places(article)] == ["Kyiv", "Kharkiv"] or [
        name for name, _ in find_places(article)
    ] == ["Kyiv", "Kharkov"]


def test_descriptions_stand_for_the_one_named_organisation_they_fit() -> None:
    from sitegen.extract.parties import find_parties
    from sitegen.ingest.articles import parse_article

    text = (
        "Congo and M23 sign declaration\n\n"
        "Congo and the M23 signed a declaration in Doha. "
        "The rebels have rejected calls to leave Goma."
    )
    parties = {p.id: p for p in find_parties(parse_article(text, file="seeds/a.txt", id="a"))}
    assert "The rebels" in [m.text for m in parties["m23"].mentions]
    # not named: "the rebels" stands for nobody
    alone = "Fighting in the east\n\nThe rebels have rejected calls to leave Goma."
    assert "m23" not in {p.id for p in find_parties(parse_article(alone, file="s/b.txt", id="b"))}
    # two named groups that both fit "the group": it stands for neither
    both = "Talks\n\nHamas and Hezbollah met in Beirut. The group said it would fight on."
    refs = find_parties(parse_article(both, file="seeds/c.txt", id="c"))
    assert all("The group" not in [m.text for m in p.mentions] for p in refs)


def _government_mentions(text: str) -> dict[str, list[str]]:
    from sitegen.extract import extract

    article = parse_article(text, file="case.txt", id="case")
    facts = extract(article)
    return {p.id: [m.text for m in p.mentions] for p in facts.parties}


def test_the_government_is_the_one_state_a_president_speaks_for() -> None:
    text = (
        "Goma residents wary of Doha deal\n\n"
        "The government and M23 rebels signed a declaration of principles in Doha.\n\n"
        "Congolese President Felix Tshisekedi said the rebels had to withdraw.\n\n"
        "The government rejects these demands as a pretext.\n"
    )
    mentions = _government_mentions(text)
    assert mentions["democratic-republic-of-the-congo"].count("The government") == 2


def test_the_government_is_the_state_facing_an_armed_group() -> None:
    text = (
        "Truce talks resume\n\n"
        "Talks between Israel and Hamas resumed in Doha on Monday.\n\n"
        "The government said it would send a delegation.\n"
    )
    assert "The government" in _government_mentions(text)["israel"]


def test_the_government_stays_unresolved_between_two_states() -> None:
    text = (
        "Talks in Muscat\n\n"
        "Talks between Iran and the United States resumed in Muscat on Saturday.\n\n"
        "Iranian President Masoud Pezeshkian and US President Donald Trump spoke.\n\n"
        "The government said it would study the proposal. The government of Oman hosted.\n"
    )
    mentions = _government_mentions(text)
    assert not any("The government" in ms for ms in mentions.values())
