"""One line per party, stance and issue (its clearest clause), and round-to-round changes
compared as sets of stances; small invented positions."""

from __future__ import annotations

from sitegen.models import Evidence, Position
from sitegen.site.clauses import best_cut, clause, clearest, cuts, issue_namer
from sitegen.site.stancelines import changes, compare_sets, stance_lines


def _pos(party: str, stance: str, obj: str, n: int, issue: str | None = "territory") -> Position:
    sentence = f"Calderia {stance} {obj}."
    return Position("a1", party, stance, Evidence("a1", n, sentence), obj, None, issue)  # type: ignore[arg-type]


def _territory(text: str) -> bool:
    return "land" in text or "troops" in text or "territory" in text


def test_cuts_end_at_commas_second_objects_and_relative_clauses() -> None:
    text = "that Belmar cede land it holds in the Orla valley and the fate of the dam, the largest"
    assert cuts(text) == [
        "that Belmar cede land it holds in the Orla valley",
        "that Belmar cede land it holds in the Orla valley and the fate of the dam",
        text,
    ]
    # a relative clause is cut; a leading "that" is no cut
    assert cuts("demands to pull troops from hill towns that its army failed to take") == [
        "demands to pull troops from hill towns",
        "demands to pull troops from hill towns that its army failed to take",
    ]


def test_a_cut_leaving_a_dangling_word_or_an_open_quotation_is_no_phrase() -> None:
    assert cuts("Belmar, the port of") == []
    # "there" points back at another sentence: the relative clause says what is meant
    assert cuts("possession of the land there that it has not taken") == [
        "possession of the land there that it has not taken"
    ]
    assert '"a fair' not in " ".join(cuts('a "fair deal, for all", the envoy'))


def test_best_cut_is_the_shortest_that_names_the_issue_else_the_whole() -> None:
    text = "a withdrawal of troops from Port Elin, including the old harbour, as a precondition"
    assert best_cut(text, _territory) == "a withdrawal of troops from Port Elin"
    # "Astoria, Belmar armed forces, must leave the land": the first cuts name no land
    whole = "Astoria, Belmar armed forces, must leave the land"
    assert best_cut(whole, _territory) == whole
    assert best_cut("a ceasefire, soon", _territory) == "a ceasefire, soon"


def test_clause_of_a_position_uses_the_taxonomy_and_none_for_an_unreadable_object() -> None:
    p = _pos(
        "calderia",
        "demands",
        "that Belmar cede land it still holds in the east and the fate of the Orla dam, "
        "the largest in the region",
        1,
    )
    assert clause(p, issue_namer("territory", "territory")) == (
        "that Belmar cede land it still holds in the east"
    )
    odd = _pos("calderia", "rejects", "for floating the idea of monitors", 2)
    assert clause(odd, issue_namer("territory")) is None


def test_clearest_prefers_the_shortest_naming_the_issue() -> None:
    options = ["a deal soon", "Belmar to pull its troops from the valley", "more land, now"]
    assert clearest(options, _territory) == 2
    assert clearest(["a deal soon", "talks"], _territory) == 1  # none names it: shortest


def test_one_line_per_party_issue_and_stance_with_every_citation() -> None:
    ps = [
        _pos("calderia", "demands", "Belmar to pull its troops from the whole valley", 1),
        _pos("calderia", "demands", "that Belmar withdraw all of its troops from the valley", 2),
        _pos("calderia", "demands", "Belmar to pull its troops from the whole valley", 3),
        _pos("calderia", "rejects", "any freeze of the front line", 4),
        _pos("belmar", "demands", "a ceasefire", 5, issue=None),  # no issue: no line
    ]
    lines = stance_lines(ps, lambda issue: _territory)
    assert [(ln.party, ln.issue, ln.stance) for ln in lines] == [
        ("calderia", "territory", "demands"),
        ("calderia", "territory", "rejects"),
    ]
    demand = lines[0]
    assert demand.main.text == "Belmar to pull its troops from the whole valley"
    assert [e.sentence for e in demand.evidence] == [1, 3, 2]
    assert [o.text for o in demand.others] == [
        "that Belmar withdraw all of its troops from the valley"
    ]


def test_compare_sets_never_reports_equal_stances() -> None:
    assert compare_sets({"rejects"}, {"rejects"}) == []
    assert compare_sets({"rejects", "demands"}, {"demands", "rejects"}) == []
    assert compare_sets({"rejects"}, {"rejects", "proposes"}) == [("added", "proposes")]
    assert compare_sets({"rejects", "proposes"}, {"proposes"}) == [("dropped", "rejects")]
    assert compare_sets(set(), {"accepts"}) == [("new", "accepts")]
    assert compare_sets({"demands"}, set()) == [("dropped", "demands")]
    assert compare_sets({"rejects"}, {"accepts"}) == [("added", "accepts"), ("dropped", "rejects")]


def test_changes_compare_each_party_and_issue_as_sets() -> None:
    namer = lambda issue: _territory  # noqa: E731
    before = stance_lines(
        [
            _pos("belmar", "rejects", "any pullback of its troops", 1),
            _pos("calderia", "demands", "all the land east of the river", 2),
        ],
        namer,
    )
    after = stance_lines(
        [
            _pos("belmar", "rejects", "any unilateral troop withdrawal", 3),  # still rejects
            _pos("belmar", "proposes", "freezing the troops where they stand", 4),
            _pos("calderia", "demands", "the land east of the river", 5),  # same stance
        ],
        namer,
    )
    got = [(c.party, c.kind, c.stance, c.kept) for c in changes(before, after)]
    assert got == [("belmar", "added", "proposes", True)]
    dropped = changes(after, before)
    assert [(c.party, c.kind, c.stance, c.line.evidence[0].sentence) for c in dropped] == [
        ("belmar", "dropped", "proposes", 4)
    ]
