"""``GatherMemory``: what ``serve`` keeps between builds is what a fresh read would give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.brief.clues import read_clues
from sitegen.brief.memory import GatherMemory
from sitegen.brief.records import Gathered, decode, encode
from sitegen.extract import extract
from sitegen.ingest import seedfiles
from sitegen.ingest.articles import parse_raw
from sitegen.ingest.seedfiles import SETTLED_NS, RawArticle, read_raw, read_raws
from sitegen.models import PositionRef

TEXT = (
    "date 2026-03-02\nTalks resume in Port Elin\n\n"
    "Ivo Marten, Calderia's chief negotiator, met Belmar's envoy in Port Elin on Monday.\n"
)


def test_a_file_is_read_again_only_when_its_stat_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "b.txt").write_text(TEXT + "More.\n", encoding="utf-8")
    known = {}
    first = read_raws(tmp_path, known=known)
    assert known == {}  # just written: the clock may not have moved since
    monkeypatch.setattr(seedfiles, "SETTLED_NS", -SETTLED_NS)  # as if written long ago
    second = read_raws(tmp_path, known=known)
    assert len(known) == 2
    again = read_raws(tmp_path, known=known)
    assert all(x is y for x, y in zip(second, again, strict=True))  # not read again
    assert [r.data for r in again if isinstance(r, RawArticle)] == [
        r.data for r in first if isinstance(r, RawArticle)
    ]
    (seeds / "a.txt").write_text(TEXT.replace("Monday", "Friday"), encoding="utf-8")  # same size
    (seeds / "b.txt").unlink()
    after = read_raws(tmp_path, known=known)
    assert after == [read_raw(seeds / "a.txt", tmp_path)]
    assert b"Friday" in after[0].data  # type: ignore[union-attr]
    assert list(known) == [str(seeds / "a.txt")]  # b went


def gathered() -> Gathered:
    raw = TEXT.encode()
    article = parse_raw(RawArticle("seeds/a.txt", "a", raw, "0"))
    return decode(encode(Gathered(article, extract(article), read_clues(article))))


def test_what_a_build_writes_into_an_article_is_undone_before_the_next() -> None:
    memory = GatherMemory()
    memory.use("fp")
    item = gathered()
    pristine = encode(item)
    memory.keep("k", item)
    # what a build does to the records it was handed
    item.article.date, item.article.date_basis, item.article.round = dt.date(2020, 1, 1), "x", "r"
    item.article.title, item.article.note = "An editor's title", "A note"
    for person in item.facts.people:
        person.side = "belmar"
    item.facts.positions = [PositionRef("belmar", "demands", 0, "a port", None, None)]
    recalled = memory.recall("k")
    assert recalled is item and encode(recalled) == pristine
    assert memory.recall("other") is None
    memory.use("another fingerprint")
    assert memory.recall("k") is None


def test_articles_no_longer_gathered_are_forgotten() -> None:
    memory = GatherMemory()
    memory.use("fp")
    memory.keep("a", gathered())
    memory.keep("b", gathered())
    memory.keep_only({"b"})
    assert memory.recall("a") is None and memory.recall("b") is not None


def test_the_last_merge_of_actors_comes_again_only_for_the_same_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sitegen.brief.actormemo as actormemo

    calls: list[int] = []
    real = actormemo.merge_actors
    monkeypatch.setattr(
        actormemo,
        "merge_actors",
        lambda *a: calls.append(1) or real(*a),  # type: ignore[func-returns-value]
    )
    memo = actormemo.ActorMemo()
    item = gathered()
    items = [(item.article, item.facts.people)]
    first = memo.merge(items, [], set())
    assert first[0] and len(calls) == 1
    first[0][0].roles.append("changed by a later stage")  # handed out as copies
    again = memo.merge(items, [], set())
    assert len(calls) == 1 and again == real(items, [], set())
    same = gathered()  # another record with the same content
    assert memo.merge([(same.article, same.facts.people)], [], set()) == again
    assert len(calls) == 1
    same.article.date = dt.date(2026, 3, 9)  # what orders the articles
    memo.merge([(same.article, same.facts.people)], [], set())
    assert len(calls) == 2
    cited = min(m.sentence for p in same.facts.people for m in p.mentions)
    same.article.sentences[cited].text += " Later."  # the sentence a first mention cites
    memo.merge([(same.article, same.facts.people)], [], set())
    assert len(calls) == 2  # the same record: its signature is not worked out again
    other = gathered()
    other.article.date = same.article.date
    other.article.sentences[cited].text += " Later."
    memo.merge([(other.article, other.facts.people)], [], set())
    assert len(calls) == 3


def test_the_last_grouping_into_rounds_comes_again_only_for_the_same_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sitegen.brief.roundmemo as roundmemo
    from sitegen.brief.roundtypes import Dated

    calls: list[int] = []
    real = roundmemo.group_rounds
    monkeypatch.setattr(
        roundmemo,
        "group_rounds",
        lambda items: calls.append(1) or real(items),  # type: ignore[func-returns-value]
    )
    memo = roundmemo.RoundMemo()
    item = gathered()

    def dated(anchor: dt.date | None) -> list[Dated]:
        return [Dated(item.article, item.clues, anchor, forced_round="r", people={"marten"})]

    first, _ = memo.group(dated(dt.date(2026, 3, 2)))
    assert [r.articles for r in first] == [["a"]] and len(calls) == 1
    first[0].participants.append("ivo-marten")  # a later stage fills rounds in
    again, _ = memo.group(dated(dt.date(2026, 3, 2)))
    assert len(calls) == 1 and again == real(dated(dt.date(2026, 3, 2)))[0]
    moved, _ = memo.group(dated(dt.date(2026, 3, 20)))
    assert len(calls) == 2 and moved[0].start != again[0].start
    assert moved == real(dated(dt.date(2026, 3, 20)))[0]


def test_any_clue_or_party_change_groups_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo compares every clue (a clue added to grouping later is not forgotten)
    and the parties each story names (a year is borrowed from stories of the same
    negotiation)."""
    import dataclasses

    import sitegen.brief.roundmemo as roundmemo
    from sitegen.brief.roundtypes import Dated
    from sitegen.models import Round

    calls: list[int] = []
    real = roundmemo.group_rounds

    def counting(items: list[Dated]) -> tuple[list[Round], dict[str, dt.date]]:
        calls.append(1)
        return real(items)

    monkeypatch.setattr(roundmemo, "group_rounds", counting)
    memo = roundmemo.RoundMemo()
    item = gathered()
    day = dt.date(2026, 3, 2)
    memo.group([Dated(item.article, item.clues, day, parties={"astoria"})])
    memo.group([Dated(item.article, item.clues, day, parties={"astoria"})])
    assert len(calls) == 1
    memo.group([Dated(item.article, item.clues, day, parties={"astoria", "belmar"})])
    assert len(calls) == 2
    begun = dataclasses.replace(item.clues, begun=(3, 1))
    memo.group([Dated(item.article, begun, day, parties={"astoria", "belmar"})])
    assert len(calls) == 3


def test_record_signatures_are_made_once_per_record_and_forgotten_when_gone() -> None:
    """Both memos sign a record once while builds keep handing it out, sign it again
    when either of its objects is new, and drop records a build no longer hands out."""
    from sitegen.brief.recordsigs import RecordSignatures

    made: list[str] = []

    def make(item: tuple[object, list[str]]) -> tuple[object, ...]:
        made.append(item[1][0])
        return (item[1][0],)

    shelf = RecordSignatures()
    owner, a, b = object(), ["a"], ["b"]
    assert shelf.of([(owner, a), (owner, b)], lambda i: i, make) == [("a",), ("b",)]
    assert shelf.of([(owner, a), (owner, b)], lambda i: i, make) == [("a",), ("b",)]
    assert made == ["a", "b"]  # the second build signed nothing again
    assert shelf.of([(object(), a)], lambda i: i, make) == [("a",)]
    assert made == ["a", "b", "a"]  # a new owner object: signed afresh
    shelf.of([(owner, a)], lambda i: i, make)
    assert made == ["a", "b", "a", "a"]  # the first owner's record was forgotten
