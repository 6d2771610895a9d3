"""Unit tests for aggregation: parties' roles and who took part in a round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.brief.aggregate import merge_parties, office_holder, round_people
from sitegen.ingest.articles import parse_article
from sitegen.models import Actor, ArticleFacts, Mention, Party, PartyRef, PersonRef, Round


def person(key: str, sentence: int, text: str, roles: list[str], side: str) -> PersonRef:
    start = text.index(key)
    return PersonRef(
        key=key,
        name=key,
        roles=roles,
        side=side,
        mentions=[Mention(sentence, start, start + len(key), key)],
    )


def test_delegates_are_people_in_the_room_not_commentators() -> None:
    article = parse_article(
        "Talks in Doha\n\n"
        "Chief negotiator Amal Haddad met the other side in Doha on Monday. "
        "Colonel Omar Nasser is set to lead the delegation to the talks in Doha, Lina Saleh said. "
        "President Karim Aziz said the talks would be hard.",
        file="seeds/a.txt",
        id="a",
    )
    s = [x.text for x in article.sentences]
    facts = ArticleFacts(
        "a",
        people=[
            person("Amal Haddad", 0, s[0], ["Chief negotiator"], "ruritania"),
            person("Omar Nasser", 1, s[1], ["Colonel"], "ruritania"),
            person("Lina Saleh", 1, s[1], [], "ruritania"),
            person("Karim Aziz", 2, s[2], ["President"], "ruritania"),
        ],
    )
    actor_of = {("a", p.key): p.key.lower().replace(" ", "-") for p in facts.people}
    actors = [Actor(id=v, name=k[1], side="ruritania", articles=["a"]) for k, v in actor_of.items()]
    parties = [
        Party("ruritania", "Ruritania", role="negotiating-party", articles=["a"]),
        Party("elbonia", "Elbonia", role="other", articles=["a"]),
    ]
    rnd = Round("r", "Doha talks", "Doha", dt.date(2026, 1, 5), dt.date(2026, 1, 5), ["a"])
    round_people([rnd], actors, parties, [(article, facts)], actor_of)
    assert rnd.participants == ["amal-haddad", "omar-nasser"]
    assert rnd.parties == ["ruritania"]


def test_party_role_is_the_one_most_articles_give() -> None:
    a = parse_article("H\n\nText here.", file="seeds/a.txt", id="a")
    b = parse_article("H\n\nText here.", file="seeds/b.txt", id="b")
    c = parse_article("H\n\nText here.", file="seeds/c.txt", id="c")
    pairs = [
        (a, ArticleFacts("a", parties=[PartyRef("oman", "Oman", "mediator")])),
        (b, ArticleFacts("b", parties=[PartyRef("oman", "Oman", "mediator")])),
        (
            c,
            ArticleFacts(
                "c",
                parties=[
                    PartyRef("oman", "Oman", "host"),
                    PartyRef("iran", "Iran", "other", [Mention(0, 0, 6, "Tehran")]),
                ],
            ),
        ),
    ]
    parties = {p.id: p for p in merge_parties(pairs)}
    assert parties["oman"].role == "mediator" and parties["oman"].articles == ["a", "b", "c"]
    assert parties["iran"].role == "other" and parties["iran"].aliases == ["Tehran"]


def test_descriptions_are_no_aliases_even_opening_a_sentence() -> None:
    a = parse_article("H\n\nText here.", file="seeds/a.txt", id="a")
    mentions = [
        Mention(0, 0, 3, "ADU"),
        Mention(1, 0, 9, "The union"),
        Mention(2, 0, 15, "the White House"),
    ]
    pairs = [(a, ArticleFacts("a", parties=[PartyRef("adu", "Dock Union", "other", mentions)]))]
    assert merge_parties(pairs)[0].aliases == ["ADU", "the White House"]


def test_a_side_learnt_in_one_article_gives_positions_in_another(tmp_path: Path) -> None:
    from sitegen.brief.gather import load_briefing
    from sitegen.config import load_config

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        " date 2025-04-12 WORLD\nTalks open in Muscat\n\n"
        "Iran's Foreign Minister Abbas Araghchi said the talks in Muscat were constructive.\n"
    )
    (seeds / "b.txt").write_text(
        " date 2025-04-13 WORLD\nSecond day in Muscat\n\n"
        "Abbas Araghchi demanded that all sanctions be lifted before any deal.\n"
    )
    briefing = load_briefing(load_config(tmp_path), use_cache=False)
    (actor,) = [a for a in briefing.actors if a.name == "Abbas Araghchi"]
    assert actor.side == "iran"
    held = [(p.article, p.party, p.stance) for p in briefing.positions]
    assert ("b", "iran", "demands") in held


def test_an_office_goes_to_its_one_holder_on_that_side_else_nobody() -> None:
    """'the Astorian president said' in an article that never gives the title: the one
    Astorian actor whose role, in any article, is that office; a like office of
    another side or a former holder is none, and two holders give the party its words."""
    actors = [
        Actor(id="ivo-marten", name="Ivo Marten", roles=["Astorian President"], side="astoria"),
        Actor(id="lina-sorel", name="Lina Sorel", roles=["President"], side="calderia"),
        Actor(id="tomas-ruud", name="Tomas Ruud", roles=["Prime Minister"], side="belmar"),
        Actor(id="piet-oberg", name="Piet Oberg", roles=["former prime minister"], side="belmar"),
        Actor(id="ana-lind", name="Ana Lind", roles=["Foreign Minister"], side="astoria"),
        Actor(id="eva-holm", name="Eva Holm", roles=["Foreign Minister"], side="astoria"),
    ]
    assert office_holder(actors, "astoria", ("president",)) == "ivo-marten"
    assert office_holder(actors, "calderia", ("president",)) == "lina-sorel"
    assert office_holder(actors, "belmar", ("prime", "minister")) == "tomas-ruud"
    assert office_holder(actors, "astoria", ("prime", "minister")) is None
    assert office_holder(actors, "astoria", ("foreign", "minister")) is None
    assert office_holder(actors, "belmar", ("former", "prime", "minister")) == "piet-oberg"
