"""Organisations an article names itself (extract/orgs.py) and how they flow on:
parties, people's sides, speakers, and one party across articles."""

from __future__ import annotations

from sitegen.brief.aggregate import merge_parties
from sitegen.extract import extract, find_stances
from sitegen.extract.orgs import find_orgs, org_refs
from sitegen.ingest.articles import parse_article
from sitegen.models import Article


def _article(body: str, id: str = "a") -> Article:
    return parse_article(f"Headline\n\n{body}\n", file=f"{id}.txt", id=id)


def _orgs(body: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {o.id: (o.name, o.forms) for o in find_orgs(_article(body)).orgs}


def test_name_with_head_noun_and_bracketed_acronym() -> None:
    found = _orgs(
        "The Astorian Dockworkers' Union (ADU) walked out on Monday. The ADU said it would "
        "strike again."
    )
    assert found == {"adu": ("Astorian Dockworkers' Union", ("ADU", "Astorian Dockworkers' Union"))}


def test_initials_used_alone_are_the_same_body() -> None:
    found = _orgs(
        "The Belmar Liberation Front attacked a convoy. BLF fighters later withdrew to the hills."
    )
    assert found == {"blf": ("Belmar Liberation Front", ("BLF", "Belmar Liberation Front"))}


def test_of_forms_and_a_number() -> None:
    found = _orgs(
        "The Alliance of Coastal Island States and the Group of 33 met on Friday. "
        "The Northern Group of Negotiators stayed away."
    )
    assert set(found) == {"acis", "group-of-33", "ngn"}
    assert found["acis"][0] == "Alliance of Coastal Island States"
    assert found["ngn"][0] == "Northern Group of Negotiators"


def test_state_bodies_known_bodies_and_generic_names_are_no_new_party() -> None:
    found = _orgs(
        "The National Security Council met. The Norwegian Armed Forces stood by. "
        "The European Union sent an envoy. The Democratic Party objected. "
        "UN Interim Forces patrolled the line. The Security Council will vote."
    )
    assert found == {}


def test_a_party_congress_or_treaty_is_no_body_of_its_own() -> None:
    found = _orgs(
        "Delegates gathered at the Astorian Workers Party congress. "
        "The Coastal Forces Treaty expired."
    )
    assert found == {}


def test_a_possessive_country_is_no_part_of_the_name() -> None:
    found = _orgs("Norway's Calderan Liberation Army (CLA) rejected the offer.")
    assert found == {"cla": ("Calderan Liberation Army", ("CLA", "Calderan Liberation Army"))}


def test_a_government_acronym_is_that_state() -> None:
    found = _orgs(
        "The Government of the Republic of Kenya (GRX) sent a panel. "
        "The GRX panel met on Monday."
    )
    assert found == {"kenya": ("Kenya", ("GRX",))}


def test_descriptions_by_head_noun() -> None:
    assert "the union" in org_refs("adu", "Astorian Dockworkers' Union")
    assert "the rebels" in org_refs("cla", "Calderan Liberation Army")
    assert org_refs("european-union", "European Union") == ()


def test_organisation_speaks_and_its_people_take_its_side() -> None:
    article = _article(
        "Talks between Norway's government and the Calderan Liberation Army (CLA) opened on "
        "Tuesday in Oslo.\n\n"
        '"We will not lay down our arms before a deal," the CLA said in a statement.\n\n'
        "CLA commander Jon Farrow said the talks were useful."
    )
    facts = extract(article)
    parties = {p.id: p for p in facts.parties}
    assert parties["cla"].role == "negotiating-party"
    assert parties["cla"].name == "Calderan Liberation Army"
    assert [q.speaker for q in facts.quotes] == ["cla"]
    people = {p.name: p for p in facts.people}
    assert set(people) == {"Jon Farrow"}
    assert people["Jon Farrow"].side == "cla"


def test_one_party_across_articles_by_acronym() -> None:
    first = _article("The Astorian Dockworkers' Union (ADU) and port owners resumed talks.", "a")
    second = _article("The Astorian Dockworkers' Union walked out. ADU leaders met.", "b")
    pairs = [(a, extract(a)) for a in (first, second)]
    merged = {p.id: p for p in merge_parties(pairs)}
    assert merged["adu"].articles == ["a", "b"]
    assert merged["adu"].name == "Astorian Dockworkers' Union"
    assert "ADU" in merged["adu"].aliases


def test_a_firm_or_think_tank_is_no_party() -> None:
    found = _orgs(
        "Ivo Marten, director at Halvor Crisis Group, a Belmar-based think tank, spoke. "
        "Analysts at the consultancy Dunmore Risk Group agreed."
    )
    assert found == {}


def test_stances_of_a_union_and_an_employers_alliance() -> None:
    article = _article(
        "The Astorian Dockworkers' Union (ADU) and the Port Elin Shipping Alliance (PESA) "
        "failed to agree on wages on Monday.\n\n"
        '"We will not return to work until the cranes are gone," the union said.\n\n'
        "Mara Velden, the union's chief negotiator, said the ADU wants a 20% raise.\n\n"
        "The alliance rejected the union's demand for a ban on automated cranes.\n\n"
        "PESA spokesman Jon Farrow said the employers had offered a 10% raise."
    )
    facts = extract(article)
    assert {p.id: p.role for p in facts.parties} == {
        "adu": "negotiating-party",
        "pesa": "negotiating-party",
    }
    assert {p.name: p.side for p in facts.people} == {"Mara Velden": "adu", "Jon Farrow": "pesa"}
    assert [q.speaker for q in facts.quotes] == ["adu"]
    find_stances(article, facts)
    stances = {(p.party, p.stance, p.sentence) for p in facts.positions}
    assert ("adu", "wants", 2) in stances
    assert ("pesa", "rejects", 3) in stances


def test_for_forms_without_the_place_before_them() -> None:
    found = _orgs("The Belmar-based Center for Coastal Law (CCL) filed a brief. CCL lawyers spoke.")
    assert found == {"ccl": ("Center for Coastal Law", ("CCL", "Center for Coastal Law"))}


def test_outlets_state_bodies_and_a_known_bodys_organs_are_no_new_party() -> None:
    found = _orgs(
        "The Norway News Agency (NNA) reported it. The African Union Commission (AUC) met. "
        "The Committee for the Peaceful Reunification of Belmar spoke. "
        "The High Council for National Reconciliation met."
    )
    assert found == {}


def test_a_known_bodys_agency_with_its_acronym_is_a_body_of_its_own() -> None:
    found = _orgs("The UN Coastal Relief Fund (UNCRF) sent aid. UNCRF staff stayed.")
    assert set(found) == {"uncrf"}


def test_a_states_abbreviation_in_a_name_is_written_out_for_the_id() -> None:
    first = _article("The United States Harbour Alliance (USHX) offered a raise.", "a")
    second = _article("The U.S. Harbour Alliance offered a raise.", "b")
    ids = [[o.id for o in find_orgs(a).orgs] for a in (first, second)]
    assert ids == [["usha"], ["usha"]]
