"""Delegations: who was at the table in a round, by side, each with its sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitegen.brief.delegations import memberships
from sitegen.extract.parties import find_parties
from sitegen.extract.people import find_people
from sitegen.ingest.articles import parse_article
from sitegen.models import Actor, Article, ArticleFacts, Membership, Round
from sitegen.site.views import SiteIndex
from tests.sitefixtures import make_briefing

TEXT = """Talks open in Geneva

The Russian delegation was led by Sergei Volkov, who met the American team on Monday.

Volkov was joined by Anton Belov, a deputy foreign minister.

Pavel Orlov's aide Ivan Sokol said the talks had been long, Orlov told reporters in Moscow.

The US delegation included envoy Mark Hale.
"""


def _read() -> tuple[Article, ArticleFacts, dict[tuple[str, str], str], dict[str, Actor]]:
    """TEXT extracted, with each person an actor and those with a side at the table."""
    article = parse_article(TEXT, file="seeds/a.txt", id="a")
    parties = find_parties(article)
    people = find_people(article, parties)
    facts = ArticleFacts(article="a", people=people, parties=parties)
    actor_of = {("a", p.key): p.key for p in people}
    at_table = {p.key: Actor(id=p.key, name=p.name, side=p.side) for p in people if p.side}
    return article, facts, actor_of, at_table


def _round() -> tuple[list, Round]:
    article, facts, actor_of, at_table = _read()
    rnd = Round(
        id="r1",
        title="Geneva talks",
        location="Geneva",
        start=dt.date(2025, 1, 6),
        end=dt.date(2025, 1, 6),
        articles=["a"],
    )
    return memberships(rnd, {"a": (article, facts)}, actor_of, at_table), rnd


def test_members_by_side_with_their_sentences() -> None:
    found, _ = _round()
    by_actor = {m.actor: m for m in found}
    assert set(by_actor) == {"Sergei Volkov", "Anton Belov", "Mark Hale"}
    assert by_actor["Sergei Volkov"].head and not by_actor["Anton Belov"].head
    assert by_actor["Sergei Volkov"].side == by_actor["Anton Belov"].side == "russia"
    assert by_actor["Mark Hale"].side == "united-states"
    for m in found:
        assert m.evidence, m
        for ev in m.evidence:
            assert m.actor.split()[-1] in ev.text  # every membership cites its sentence
    assert [e.sentence for e in by_actor["Anton Belov"].evidence] == [1]


def test_owners_of_an_aide_and_sources_are_no_members() -> None:
    found, _ = _round()
    assert not {m.actor for m in found} & {"Pavel Orlov", "Orlov", "Ivan Sokol"}


def test_heads_come_first_within_a_side() -> None:
    found, _ = _round()
    russians = [m.actor for m in found if m.side == "russia"]
    assert russians[0] == "Sergei Volkov"


def test_the_export_cites_every_delegate_of_every_round(seeds_export: dict[str, Any]) -> None:
    rounds = seeds_export["rounds"]
    assert any(r["delegations"] for r in rounds)
    for r in rounds:
        assert sorted(m["actor"] for m in r["delegations"]) == sorted(r["participants"])
        for m in r["delegations"]:
            assert m["evidence"], m
            for ev in m["evidence"]:
                assert ev["article"] in r["articles"] and ev["sentence"], ev


def test_a_delegation_head_is_a_key_actor_whatever_their_mentions() -> None:
    b = make_briefing()
    quiet = min(b.actors, key=lambda a: (len(set(a.articles)), a.id))
    site = SiteIndex(b)
    assert site.key_actors(limit=1) != [site.actors[quiet.id]]
    b.rounds[0].delegations = [Membership(quiet.id, quiet.side, True, [])]
    assert SiteIndex(b).key_actors(limit=1)[0].id == quiet.id


LEAD_TEXT = """Talks resume in Port Elin

Ivo Marten, the head of Calderia's border police, is set to lead Calderia's delegation \
to the working group in Port Elin, a spokesman said.

Anna Berg met with Ivo Marten in Belmar last week, before the talks.
"""


def test_the_subject_of_lead_a_delegation_is_its_head_whoever_owns_it() -> None:
    article = parse_article(LEAD_TEXT, file="seeds/b.txt", id="b")
    parties = find_parties(article)
    people = find_people(article, parties)
    facts = ArticleFacts(article="b", people=people, parties=parties)
    actor_of = {("b", p.key): p.key for p in people}
    at_table = {p.key: Actor(id=p.key, name=p.name, side=p.side or "x") for p in people}
    rnd = Round(
        id="r1",
        title="Port Elin talks",
        location="Port Elin",
        start=dt.date(2025, 3, 3),
        end=dt.date(2025, 3, 3),
        articles=["b"],
    )
    found = {m.actor: m for m in memberships(rnd, {"b": (article, facts)}, actor_of, at_table)}
    assert found["Ivo Marten"].head
    assert [e.sentence for e in found["Ivo Marten"].evidence] == [0]  # first body sentence
    # "the head of <not a delegation>" makes no head; meeting someone elsewhere is no seat
    assert "Anna Berg" not in found


def test_head_of_a_delegation_is_a_head_cue_head_of_an_office_is_not() -> None:
    from sitegen.brief.delegations import _cues

    head = _cues().head
    assert head.search("the head of the Calderian delegation, Ivo Marten, said")
    assert head.search("head of Belmar's negotiating team")
    assert not head.search("Ivo Marten, head of the presidential office, said")
    assert not head.search("Ivo Marten, who heads the border police")


def test_a_memo_gives_what_a_fresh_reading_gives_and_rereads_what_changed(
    monkeypatch: Any,
) -> None:
    """``serve``'s memo of each person's evidence: the same records give the same
    delegations without reading again; another location or another record is read."""
    import sitegen.brief.delegations as delegations

    article, facts, actor_of, at_table = _read()
    day = dt.date(2025, 1, 6)
    rnd = Round("r1", "Geneva talks", location="Geneva", start=day, end=day, articles=["a"])
    plain = memberships(rnd, {"a": (article, facts)}, actor_of, at_table)
    reads: list[str] = []
    real = delegations._person_evidence

    def counted(art: Any, person: Any, location: Any) -> Any:
        reads.append(person.key)
        return real(art, person, location)

    monkeypatch.setattr(delegations, "_person_evidence", counted)
    memo = delegations.DelegateMemo()
    assert memberships(rnd, {"a": (article, facts)}, actor_of, at_table, memo) == plain
    first = len(reads)
    memo.next_build()
    assert memberships(rnd, {"a": (article, facts)}, actor_of, at_table, memo) == plain
    assert len(reads) == first  # nothing read again
    rnd.location = "Astoria"
    memberships(rnd, {"a": (article, facts)}, actor_of, at_table, memo)
    assert len(reads) == 2 * first  # another venue: read again
    again = parse_article(TEXT, file="seeds/a.txt", id="a")
    memo.next_build()
    memberships(rnd, {"a": (again, facts)}, actor_of, at_table, memo)
    assert len(reads) == 3 * first  # another article record: read again
