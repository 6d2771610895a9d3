"""Cross-article actor merging and editor overrides."""

from __future__ import annotations

from sitegen.brief.actors import merge_actors
from sitegen.models import ActorOverride, Article, Mention, PersonRef
from tests.stubs import stub_article


def _article(aid: str, day: int, n: int = 3) -> Article:
    return stub_article(aid, day, n)


def _ref(
    name: str,
    aliases: list[str] | None = None,
    side: str | None = None,
    roles: list[str] | None = None,
    sentence: int = 0,
) -> PersonRef:
    return PersonRef(
        key=name,
        name=name,
        aliases=aliases or [],
        roles=roles or [],
        side=side,
        side_evidence=sentence if side else None,
        mentions=[Mention(sentence, 0, len(name), name)],
    )


def test_transliteration_variants_merge_into_one_actor() -> None:
    a, b, c = _article("a", 1), _article("b", 2), _article("c", 3)
    items = [
        (a, [_ref("Volodymyr Zelenskyy", ["Zelenskyy"], "ukraine", ["Ukrainian President"])]),
        (b, [_ref("Volodymyr Zelenskiy", ["Zelenskiy"], "ukraine")]),
        (c, [_ref("Volodymyr Zelenskyy", side=None, sentence=2)]),
    ]
    actors, mapping = merge_actors(items, [], {"ukraine"})
    assert len(actors) == 1
    actor = actors[0]
    assert actor.id == "volodymyr-zelenskyy"
    assert actor.name == "Volodymyr Zelenskyy"
    assert "Volodymyr Zelenskiy" in actor.aliases and "Zelenskiy" in actor.aliases
    assert actor.side == "ukraine"
    assert actor.articles == ["a", "b", "c"]
    assert [(e.article, e.sentence) for e in actor.evidence] == [("a", 0), ("b", 0), ("c", 2)]
    assert actor.side_evidence is not None and actor.side_evidence.article == "a"
    assert mapping[("b", "Volodymyr Zelenskiy")] == "volodymyr-zelenskyy"


def test_same_surname_different_first_names_stay_apart() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [
        (a, [_ref("Ali Khamenei", side="iran"), _ref("Mojtaba Khamenei")]),
        (b, [_ref("Ali Khamenei", side="iran")]),
    ]
    actors, _ = merge_actors(items, [], {"iran"})
    assert sorted(x.id for x in actors) == ["ali-khamenei", "mojtaba-khamenei"]
    ali = next(x for x in actors if x.id == "ali-khamenei")
    assert ali.articles == ["a", "b"]


def test_lone_surname_joins_the_unique_full_name() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [(a, [_ref("Nikol Pashinyan", side="armenia")]), (b, [_ref("Pashinyan")])]
    actors, mapping = merge_actors(items, [], {"armenia"})
    assert [x.id for x in actors] == ["nikol-pashinyan"]
    assert mapping[("b", "Pashinyan")] == "nikol-pashinyan"
    assert "Pashinyan" in actors[0].aliases


def test_lone_surname_with_two_candidates_is_not_guessed() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [(a, [_ref("Ali Khamenei"), _ref("Mojtaba Khamenei")]), (b, [_ref("Khamenei")])]
    actors, mapping = merge_actors(items, [], set())
    assert mapping[("b", "Khamenei")] == "khamenei"
    assert len(actors) == 3


def test_initial_merges_with_full_first_name() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [(a, [_ref("Badr Albusaidi")]), (b, [_ref("B. Albusaidi")])]
    actors, _ = merge_actors(items, [], set())
    assert len(actors) == 1 and actors[0].name == "Badr Albusaidi"


def test_canonical_name_is_most_frequent_then_earliest() -> None:
    arts = [_article(x, d) for x, d in (("a", 3), ("b", 1), ("c", 2))]
    items = [
        (arts[0], [_ref("Volodymyr Zelensky")]),
        (arts[1], [_ref("Volodymyr Zelenskiy")]),
        (arts[2], [_ref("Volodymyr Zelensky")]),
    ]
    actors, _ = merge_actors(items, [], set())
    assert actors[0].name == "Volodymyr Zelensky"
    tie = merge_actors(items[:2], [], set())[0][0]
    # b (1 January) comes before a (3 January): its spelling wins the tie.
    assert tie.name == "Volodymyr Zelenskiy"


def test_side_is_the_majority_of_articles() -> None:
    arts = [_article(x, d) for x, d in (("a", 1), ("b", 2), ("c", 3))]
    items = [
        (arts[0], [_ref("Badr Abdelatty", side="qatar")]),
        (arts[1], [_ref("Badr Abdelatty", side="egypt")]),
        (arts[2], [_ref("Badr Abdelatty", side="egypt")]),
    ]
    actors, _ = merge_actors(items, [], {"egypt", "qatar"})
    assert actors[0].side == "egypt"
    assert actors[0].side_evidence is not None and actors[0].side_evidence.article == "b"


def test_ids_are_unique() -> None:
    a = _article("a", 1)
    items = [(a, [_ref("Ali Khamenei"), _ref("Mojtaba Khamenei"), _ref("Khamenei")])]
    actors, _ = merge_actors(items, [], set())
    ids = [x.id for x in actors]
    assert len(ids) == len(set(ids))


def test_override_merges_names_and_sets_side_and_note() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [(a, [_ref("Mohamed Hamdan Dagalo", side="sudan")]), (b, [_ref("Hemedti")])]
    ov = ActorOverride(
        slug="hemedti",
        file="content/actors/hemedti.md",
        name="Mohamed Hamdan Dagalo",
        aliases=["Hemedti"],
        side="Rapid Support Forces",
        roles=["RSF commander"],
        note="Leads the RSF.",
    )
    actors, mapping = merge_actors(items, [ov], {"sudan", "rapid-support-forces"})
    assert [x.id for x in actors] == ["hemedti"]
    actor = actors[0]
    assert actor.side == "rapid-support-forces"
    assert actor.roles[0] == "RSF commander"
    assert actor.note == "Leads the RSF."
    assert actor.articles == ["a", "b"]
    assert mapping[("b", "Hemedti")] == "hemedti"


def test_override_not_aliases_split_a_name_out() -> None:
    a, b = _article("a", 1), _article("b", 2)
    items = [(a, [_ref("Ali Khamenei")]), (b, [_ref("Khamenei")])]
    ov = ActorOverride(
        slug="ali-khamenei", file="x.md", name="Ali Khamenei", not_aliases=["Khamenei"]
    )
    actors, mapping = merge_actors(items, [ov], set())
    assert mapping[("a", "Ali Khamenei")] == "ali-khamenei"
    assert mapping[("b", "Khamenei")] != "ali-khamenei"
    assert len(actors) == 2


def test_override_matching_nothing_still_creates_the_actor() -> None:
    ov = ActorOverride(slug="jane-doe", file="x.md", name="Jane Doe", side="united-states")
    actors, mapping = merge_actors([], [ov], {"united-states"})
    assert [(x.id, x.name, x.side, x.articles) for x in actors] == [
        ("jane-doe", "Jane Doe", "united-states", [])
    ]
    assert mapping == {}


def test_a_side_written_in_a_role_beats_one_inferred_from_context() -> None:
    # Pretoria 2022: the first story only places the adviser next to a South
    # African spokesman; the second writes his side in the role.
    a, b, c = _article("a", 1), _article("b", 2), _article("c", 3)
    items = [
        (a, [_ref("Redwan Hussien", side="south-africa", roles=["national security adviser"])]),
        (b, [_ref("Redwan Hussien", side="ethiopia", roles=["Ethiopian security adviser"])]),
        (c, [_ref("Redwan Hussien", side=None)]),
    ]
    actors, _ = merge_actors(items, [], {"ethiopia", "south-africa"})
    assert [a.side for a in actors] == ["ethiopia"]
    assert actors[0].side_evidence is not None and actors[0].side_evidence.article == "b"


def test_with_no_side_written_the_most_articles_win_then_the_earliest() -> None:
    a, b, c, d = (_article(x, n) for n, x in enumerate("abcd", start=1))
    items = [
        (a, [_ref("Getachew Reda", side="eritrea", roles=["spokesman"])]),
        (b, [_ref("Getachew Reda", side="tigray-peoples-liberation-front", roles=["spokesman"])]),
        (c, [_ref("Getachew Reda", side="tigray-peoples-liberation-front")]),
        (d, [_ref("Getachew Reda", side=None)]),
    ]
    actors, _ = merge_actors(items, [], {"eritrea", "tigray-peoples-liberation-front"})
    assert [a.side for a in actors] == ["tigray-peoples-liberation-front"]
    tie = [(a, [_ref("Abiy Ahmed", side="ethiopia")]), (b, [_ref("Abiy Ahmed", side="kenya")])]
    actors, _ = merge_actors(tie, [], {"ethiopia", "kenya"})
    assert [a.side for a in actors] == ["ethiopia"]
