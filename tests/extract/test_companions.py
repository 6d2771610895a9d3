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
