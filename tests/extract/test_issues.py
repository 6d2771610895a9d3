"""Issues: the taxonomy, cue phrases, opposed positions, and folding across articles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.brief.stickingpoints import fold_sticking_points, processes, split_by_process
from sitegen.config import IssueSpec
from sitegen.extract.issues import classify, find_issues, load_taxonomy
from sitegen.extract.positions import find_positions
from sitegen.ingest.articles import parse_article
from sitegen.models import ArticleFacts, IssueRef, PartyRef, PositionRef
from tests.conftest import TESTS
from tests.fixture_refs import build

CASES = sorted((TESTS / "fixtures" / "issues").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_issue_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    article, people, parties = build(case, path.stem)
    refs = find_issues(article, find_positions(article, people, parties))
    expect = case["expect"]
    assert sorted({r.issue for r in refs}) == sorted(expect["issues"]), refs
    if "labels" in expect:
        assert sorted({r.label for r in refs}) == sorted(expect["labels"])
    if "cues" in expect:
        assert {r.cue for r in refs} == set(expect["cues"])
    if "contested" in expect:  # issues some sentence of the case shows disputed
        assert sorted({r.issue for r in refs if r.contested}) == sorted(expect["contested"])


@pytest.mark.parametrize(
    ("phrase", "issue"),
    [
        (
            "that Kyiv cede land it still controls and the fate of the nuclear power plant",
            "territory",
        ),
        ("control of the Zaporizhzhia power plant", "nuclear"),
        ("the world to recognise Russian sovereignty over territory it has seized", "recognition"),
        ("full control of eastern Ukraine by force", "territory"),
        ("its right to enrich uranium on its own soil", "nuclear"),
        ("Armenia amend its constitution", "constitution"),
        ("the release of all remaining hostages", "prisoners"),
        ("a 60-day truce", "ceasefire"),
        ("Hamas to lay down its weapons", "demilitarisation"),
        ("an amnesty for fighters", "justice"),
        ("the return of displaced families", "refugees"),
        ("withdrew from the talks", None),
        ("stop kidnapping as a sign of goodwill", "prisoners"),
        ("fighters held in Congolese prisons", "prisoners"),
        ("recognise Kosovo", "recognition"),
        ("recognised the need for a deal", None),
        ("the presence of Eritrean troops", "peacekeepers"),
        ("a transport route across the southern province", "borders"),
        ("parts of the deal", None),
        ("the rebels would not withdraw", "territory"),
        ("a committee of independent technocrats", "governance"),
        ("a just and lasting peace", None),
    ],
)
def test_classify(phrase: str, issue: str | None) -> None:
    assert classify(phrase) == issue


def test_site_issue_renames_and_extends_an_existing_one() -> None:
    tax = load_taxonomy([IssueSpec(id="territory", label="land in the east", keywords=["Donbas"])])
    assert tax.label("territory") == "land in the east"
    assert tax.classify("the future of Donbas") == "territory"
    assert classify("the future of Donbas") is None  # the base taxonomy is untouched


def test_site_issue_adds_a_new_one_first() -> None:
    tax = load_taxonomy([IssueSpec(id="grain-exports", label="grain exports", keywords=["grain"])])
    assert tax.classify("safe passage for grain ships") == "grain-exports"
    assert tax.label("grain-exports") == "grain exports"


def _facts(text: str, name: str, parties: dict[str, list[str]]) -> tuple:
    article, people, refs = build({"text": text, "parties": parties}, name)
    positions = find_positions(article, people, refs)
    return article, ArticleFacts(name, people, refs, [], positions, find_issues(article, positions))


def test_fold_one_sticking_point_for_many_regions() -> None:
    tax = load_taxonomy()
    a1, f1 = _facts(
        "Talks\n\nA key sticking point is the fate of territory in the east.\n", "a1", {}
    )
    a2, f2 = _facts(
        "Talks\n\nRussia is demanding that Ukraine withdraw its forces from the region.\n",
        "a2",
        {"russia": ["Russia"], "ukraine": ["Ukraine"]},
    )
    points = fold_sticking_points([a1, a2], [f1, f2], tax)
    assert [p.id for p in points] == ["territory"]
    assert [(e.article, e.sentence) for e in points[0].evidence] == [("a1", 0), ("a2", 0)]
    assert points[0].label == "territory"
    assert points[0].evidence[1].text.startswith("Russia is demanding")


def test_fold_lists_uncontested_issues_and_marks_contested_ones() -> None:
    """Every issue on the table is listed (the guideline); one mediator's proposal is no
    contest, but a contest cue in another article makes the issue contested."""
    tax = load_taxonomy()
    text = "Talks\n\nThe mediator offered a deal on prisoners.\n"
    article = parse_article(text, file="x.txt", id="x")
    facts = ArticleFacts(
        "x",
        parties=[PartyRef("qatar", "Qatar", role="mediator")],
        positions=[PositionRef("qatar", "proposes", 0, "a deal on prisoners", issue="prisoners")],
    )
    facts.parties.append(PartyRef("israel", "Israel", role="negotiating-party"))
    (alone,) = fold_sticking_points([article], [facts], tax)
    assert (alone.id, alone.contested, len(alone.evidence)) == ("prisoners", False, 1)
    other = ArticleFacts("x", issues=[IssueRef("prisoners", "prisoners", 0, "dispute over")])
    (folded,) = fold_sticking_points([article], [facts, other], tax)
    assert (folded.id, folded.contested, len(folded.evidence)) == ("prisoners", True, 1)


def test_issue_in_two_processes_is_split_so_contest_stays_in_its_process() -> None:
    """A briefing covering two negotiations: a dispute over a ceasefire between Astoria and
    Belmar does not make the Calderia-Port Elin ceasefire contested."""
    tax = load_taxonomy()
    a1 = parse_article("Talks\n\nThe ceasefire remains unresolved.\n", file="a1.txt", id="a1")
    a2 = parse_article("Talks\n\nThe two sides discussed a ceasefire.\n", file="a2.txt", id="a2")
    a1.round, a2.round = "r1", "r2"

    def facts(aid: str, parties: list[str], contested: bool) -> ArticleFacts:
        return ArticleFacts(
            aid,
            parties=[PartyRef(p, p.title(), role="negotiating-party") for p in parties],
            issues=[IssueRef("ceasefire", "ceasefire", 0, "cue", contested=contested)],
        )

    f1 = facts("a1", ["astoria", "belmar"], True)
    f2 = facts("a2", ["calderia", "port-elin"], False)
    base = split_by_process([a1, a2], [f1, f2])
    points = {p.id: p for p in fold_sticking_points([a1, a2], [f1, f2], tax, base)}
    assert (points["ceasefire"].contested, points["ceasefire-2"].contested) == (True, False)
    # each label names its process's parties, so the two are told apart on the site
    assert points["ceasefire"].label == "ceasefire (Astoria, Belmar)"
    assert points["ceasefire-2"].label == "ceasefire (Calderia, Port-Elin)"
    assert [e.article for e in points["ceasefire-2"].evidence] == ["a2"]
    # the same parties in both rounds: one process, one issue
    f3 = facts("a1", ["astoria", "belmar"], True)
    f4 = facts("a2", ["belmar", "astoria"], False)
    base = split_by_process([a1, a2], [f3, f4])
    (one,) = fold_sticking_points([a1, a2], [f3, f4], tax, base)
    assert (one.id, one.contested, len(one.evidence)) == ("ceasefire", True, 2)


def test_round_naming_one_negotiator_joins_the_process_it_fits() -> None:
    """A round where only Astoria is marked as negotiating belongs to the Astoria-Belmar
    talks (the only process it fits), so their ceasefire is one issue there."""
    tax = load_taxonomy()
    texts = ["The ceasefire remains unresolved.", "Astoria discussed a ceasefire."]
    arts = [
        parse_article(f"Talks\n\n{t}\n", file=f"a{n}.txt", id=f"a{n}")
        for n, t in enumerate([*texts, "Calderia discussed a ceasefire."])
    ]
    for n, a in enumerate(arts):
        a.round = f"r{n}"
    sides = [["astoria", "belmar"], ["astoria"], ["calderia", "port-elin"]]
    facts = [
        ArticleFacts(
            a.id,
            parties=[PartyRef(p, p.title(), role="negotiating-party") for p in ps],
            issues=[IssueRef("ceasefire", "ceasefire", 0, "cue", contested=(n == 0))],
        )
        for n, (a, ps) in enumerate(zip(arts, sides, strict=True))
    ]
    process = processes(arts, facts)  # as gathering has it, before the split
    base = split_by_process(arts, facts)
    points = {p.id: p for p in fold_sticking_points(arts, facts, tax, base)}
    assert sorted(points) == ["ceasefire", "ceasefire-2"]
    assert fold_sticking_points(arts, facts, tax, base, process) == list(points.values())
    assert "(Astoria" in points["ceasefire"].label  # the processes told apart by name
    assert [e.article for e in points["ceasefire"].evidence] == ["a0", "a1"]
    assert (points["ceasefire"].contested, points["ceasefire-2"].contested) == (True, False)


def test_open_label_is_a_noun_phrase_never_a_clause_or_a_bare_name() -> None:
    from sitegen.extract.issues import open_label

    assert open_label("the fishing quotas", frozenset()) == "fishing quota"
    assert open_label("securing what it calls the Harbour Understandings", frozenset()) is None
    assert open_label("guaranteeing whatever the envoys settle", frozenset()) is None
    assert open_label("Astoria", frozenset()) is None


def test_matter_offered_back_for_a_demand_is_contested_not_demanded() -> None:
    case = {
        "text": (
            "Talks\n\nBelmarian negotiators demanded that in exchange for a truce, Astoria "
            "withdraw its troops from the valley.\n"
        ),
        "parties": {"belmar": ["Belmarian"], "astoria": ["Astoria"]},
    }
    article, people, parties = build(case)
    found = find_positions(article, people, parties)
    assert [(p.party, p.stance, p.issue) for p in found] == [("belmar", "demands", "territory")]
    refs = {(r.issue, r.contested) for r in find_issues(article, found)}
    assert ("ceasefire", True) in refs
