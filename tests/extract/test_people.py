"""People extraction: fixture cases under fixtures/people/ plus a few unit checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.extract.names import same_name, word_key
from sitegen.extract.parties import find_parties
from sitegen.extract.people import _LOWER_WORD, _LowerWords, find_people
from sitegen.ingest.articles import parse_article
from sitegen.models import PersonRef
from tests.conftest import TESTS

CASES = sorted((TESTS / "fixtures" / "people").glob("*.yaml"))


def _people(text: str) -> list[PersonRef]:
    article = parse_article(text, file="case.txt", id="case")
    return find_people(article, find_parties(article))


def _find(people: list[PersonRef], name: str) -> PersonRef | None:
    return next((p for p in people if p.name == name or name in p.aliases), None)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_people_case(path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = _people(case["text"])
    expect = case["expect"]
    found = {p.name for p in people}
    for want in expect.get("people", []):
        person = _find(people, want["name"])
        assert person is not None, f"{want['name']} not found in {sorted(found)}"
        for role in want.get("roles", []):
            assert any(role.lower() in r.lower() for r in person.roles), (role, person.roles)
        for role in want.get("exact_roles", []):
            assert role in person.roles, (role, person.roles)
        for role in want.get("not_roles", []):
            assert role not in person.roles, (role, person.roles)
        if "side" in want:
            assert person.side == want["side"], (want["name"], person.side)
    for name in expect.get("not_people", []):
        for p in people:
            assert name not in [p.name, *p.aliases], f"{name} taken as a person"
    if expect.get("only"):
        assert len(people) == len(expect.get("people", [])), sorted(found)


def test_surname_mentions_fold_into_full_name() -> None:
    text = "Talks\n\nKremlin aide Sergei Ivanov spoke first.\n\nIvanov said talks would go on.\n"
    people = _people(text)
    assert [p.name for p in people] == ["Sergei Ivanov"]
    assert people[0].aliases == ["Ivanov"]
    assert [m.sentence for m in people[0].mentions] == [0, 1]
    assert people[0].side == "russia"
    assert people[0].side_evidence == 0


def test_mention_spans_point_into_the_sentence() -> None:
    text = "Talks\n\nOn Friday, Kremlin aide Sergei Ivanov spoke.\n"
    article = parse_article(text, file="c.txt", id="c")
    person = find_people(article, find_parties(article))[0]
    m = person.mentions[0]
    assert article.sentences[m.sentence].text[m.start : m.end] == "Sergei Ivanov"


def test_transliteration_keys_meet() -> None:
    assert word_key("Zelenskyy") == word_key("Zelensky") == word_key("Zelenskiy")
    assert word_key("Mikhail") == word_key("Mihail")
    assert same_name("Volodymyr Zelenskyy", "Zelensky")
    assert not same_name("Ali Khamenei", "Mojtaba Khamenei")
    assert same_name("K. Dmitriev", "Kirill Dmitriev")


def test_middle_name_alone_is_the_three_name_person() -> None:
    # copy shortens "Ivo Marten Oberg" (a name ending in a father's or family name) to
    # its middle word, also before "reportedly urged"
    text = (
        "Talks\n\nThe team met Chilean President Ivo Marten Oberg in Santiago, where Marten "
        "reportedly urged it to seek a fair settlement.\n"
    )
    people = _people(text)
    assert [(p.name, p.aliases) for p in people] == [("Ivo Marten Oberg", ["Marten"])]


@pytest.mark.parametrize(
    "text",
    [
        "Talks in Port Elin resumed.\nThe talks were well-known to pro-Belmar envoys.",
        "Ab-cd cd- ab x_ab ab_ ab2 2ab\n--ab- ab- a-b-c b-c c",
        "Envoys met.\nNo envoys-in-waiting came; ex-envoys did.",
    ],
)
def test_lower_words_answer_as_the_whole_search(text: str) -> None:
    """Asked one word at a time, the lower-case words are those the search over the
    whole text finds, hyphenated words and words inside longer ones included."""
    found = set(_LOWER_WORD.findall(text))
    asked = {w.lower().strip("-") for w in text.replace("\n", " ").split()} | found
    asked |= {"in", "envoys", "waiting", "cd", "ab", "b-c", "talks", "ex", "c"}
    for word in asked:
        assert (word in _LowerWords(text)) == (word in found), word
