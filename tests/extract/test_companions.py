"""A companion of a delegation head with no side in their article takes the side the
head's actor has, learnt in another article."""

from __future__ import annotations

from sitegen.brief.actors import merge_actors
from sitegen.models import Article, Mention, PersonRef
from tests.stubs import stub_article


def _article(aid: str, day: int) -> Article:
    return stub_article(aid, day, n=1)


def _ref(name: str, side: str | None = None, head: str | None = None) -> PersonRef:
    mention = Mention(0, 0, len(name), name)
    return PersonRef(key=name, name=name, side=side, mentions=[mention], companion_of=head)


def test_companion_takes_the_heads_side_from_another_article() -> None:
    items = [
        (_article("a", 1), [_ref("Reza Kamali", "astoria")]),
        (_article("b", 2), [_ref("Kamali"), _ref("Dara Sohrabi", head="Kamali")]),
    ]
    actors, _ = merge_actors(items, [], {"astoria"})
    sides = {a.name: a.side for a in actors}
    assert sides == {"Reza Kamali": "astoria", "Dara Sohrabi": "astoria"}


def test_a_companion_with_a_side_of_their_own_keeps_it() -> None:
    items = [
        (_article("a", 1), [_ref("Reza Kamali", "astoria")]),
        (_article("b", 2), [_ref("Kamali"), _ref("Dara Sohrabi", "belmar", head="Kamali")]),
    ]
    actors, _ = merge_actors(items, [], {"astoria", "belmar"})
    assert {a.name: a.side for a in actors}["Dara Sohrabi"] == "belmar"


def _people(text: str) -> dict[str, PersonRef]:
    from sitegen.extract.parties import find_parties
    from sitegen.extract.people import find_people
    from sitegen.ingest.articles import parse_article

    article = parse_article(text, file="case.txt", id="case")
    return {p.name: p for p in find_people(article, find_parties(article))}


ROSTER = """Second round held in Oslo

Secretary Ivo Marten, adviser on the peace process, led the government delegation, with the \
panel composed of Secretary Lena Varga, panel chair, and panel members Mr. Tomas Brel and \
Atty. Rosa Kell.

The talks were facilitated by Norway.
"""


def test_a_roster_links_its_members_to_the_head() -> None:
    people = _people(ROSTER)
    for name in ("Lena Varga", "Tomas Brel", "Rosa Kell"):
        assert people[name].companion_of == "Ivo Marten", name
        assert people[name].side is None, name  # not the facilitator's
    assert people["Ivo Marten"].companion_of is None


def test_a_roster_takes_the_heads_side_in_its_article() -> None:
    text = ROSTER.replace("Secretary Ivo Marten", "Belgian envoy Ivo Marten")
    people = _people(text)
    assert people["Ivo Marten"].side == "belgium"
    assert {people[n].side for n in ("Lena Varga", "Tomas Brel", "Rosa Kell")} == {"belgium"}
