"""The stance cache: an article's positions and issues are read again exactly when
what ``find_stances`` reads changed, also when the change came from another article
(a side shared across the briefing), and a damaged cache is never trusted.

Stance reading is counted by wrapping ``sitegen.brief.stancecache.find_stances``; the
exported briefing of a cached build must equal that of a cold one, byte for byte.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sitegen.brief.stancecache as stancecache
from sitegen.brief.cache import CacheShelf
from sitegen.brief.cachekey import seal
from sitegen.brief.gather import load_briefing
from sitegen.config import load_config
from sitegen.extract import extract
from sitegen.ingest.articles import parse_article
from sitegen.models import Article, ArticleFacts, PersonRef
from sitegen.output.export import dumps
from tests.conftest import REPO

SEEDS = ["000_920f42d0087abd68.txt", "001_fe726f2c45969e34.txt", "002_10677ec234a6b0ea.txt"]

MEETING = """\
Norway and Chile open fisheries talks in Geneva

GENEVA, March 3 (Reuters) - Norway and Chile opened talks on fishing rights in Geneva \
on Monday.

{marten} Foreign Minister Ivo Marten met {calder} envoy Lena Calder at the start of the talks.
"""
DEMAND = """\
Fisheries talks resume in Geneva

GENEVA, March 4 (Reuters) - Talks between Norway and Chile on fishing rights resumed \
in Geneva on Tuesday.

Ivo Marten demanded the return of the seized trawlers before any agreement.
"""
PATROL = """\
Norway offers joint patrols

GENEVA, March 5 (Reuters) - Norway proposed joint patrols of the fishing grounds, \
officials at the talks with Chile said on Wednesday.
"""


@pytest.fixture()
def talks(tmp_path: Path) -> Path:
    """Three invented articles: Marten's side is written only in ``a``, his demand only
    in ``b`` (so its party comes from ``a``), and ``c`` does not name him."""
    (tmp_path / "seeds").mkdir()
    write_meeting(tmp_path, "Norwegian", "Chilean")
    (tmp_path / "seeds" / "b.txt").write_text(DEMAND, encoding="utf-8")
    (tmp_path / "seeds" / "c.txt").write_text(PATROL, encoding="utf-8")
    return tmp_path


def write_meeting(project: Path, marten: str, calder: str) -> None:
    text = MEETING.format(marten=marten, calder=calder)
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    """A small project: three of the seeds."""
    (tmp_path / "seeds").mkdir()
    for name in SEEDS:
        shutil.copy(REPO / "seeds" / name, tmp_path / "seeds" / name)
    return tmp_path


@pytest.fixture()
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the articles whose stances were read afresh, in order."""
    calls: list[str] = []
    real = stancecache.find_stances

    def counting(article: Article, facts: ArticleFacts, *args: Any) -> None:
        calls.append(article.id)
        real(article, facts, *args)

    monkeypatch.setattr(stancecache, "find_stances", counting)
    return calls


def export(project: Path, **kwargs: Any) -> str:
    return dumps(load_briefing(load_config(project), **kwargs))


def demands(exported: str) -> list[tuple[str, str]]:
    """(article, party) of every demand in an export."""
    found = json.loads(exported)["positions"]
    return [(p["article"], p["party"]) for p in found if p["stance"] == "demands"]


def stance_file(project: Path) -> Path:
    (path,) = (project / ".cache" / "sitegen" / "stances").glob("*.json")
    return path


def entries(path: Path) -> dict[str, Any]:
    head, _, body = path.read_bytes().partition(b"\n")
    assert json.loads(head)["sha256"] == hashlib.sha256(body).hexdigest()
    lines = [line.partition(b" ") for line in body.split(b"\n")]
    return {key.decode(): json.loads(entry) for key, _, entry in lines}


def rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the entries and give the file the matching hash and seal, as only a forgery
    made with this user's key could."""
    raw = path.read_bytes()
    found = entries(path)
    change(found)
    body = b"\n".join(k.encode() + b" " + json.dumps(v).encode() for k, v in found.items())
    header = json.loads(raw.partition(b"\n")[0]) | {"sha256": hashlib.sha256(body).hexdigest()}
    header["hmac"] = seal(header["fingerprint"].encode(), body)
    path.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + body)


# ------------------------------------------------------------------ sides from elsewhere


def test_a_side_shared_from_another_article_re_reads_the_stances(
    talks: Path, read: list[str]
) -> None:
    first = export(talks)
    assert sorted(read) == ["a", "b", "c"]
    assert demands(first) == [("b", "norway")]  # Marten's side, learnt in a
    read.clear()
    assert export(talks) == first and read == []  # nothing changed: all from the cache

    write_meeting(talks, "Chilean", "Norwegian")  # only a changes; b's text does not
    read.clear()
    after = export(talks)
    assert sorted(read) == ["a", "b"]  # b: a side shared into it changed; c: untouched
    assert demands(after) == [("b", "chile")]
    assert after == export(talks, use_cache=False)
    read.clear()
    assert export(talks) == after and read == []


def test_the_same_edit_in_a_serve_session(talks: Path, read: list[str]) -> None:
    """serve keeps the cache open between rebuilds; the shared side is seen there too."""
    shelf, config = CacheShelf(), load_config(talks)
    first = dumps(load_briefing(config, shelf=shelf))
    read.clear()
    assert dumps(load_briefing(config, shelf=shelf)) == first and read == []
    write_meeting(talks, "Chilean", "Norwegian")
    after = dumps(load_briefing(config, shelf=shelf))
    assert sorted(read) == ["a", "b"]
    assert demands(after) == [("b", "chile")]
    assert after == export(talks, use_cache=False)


def test_a_key_without_the_sides_would_serve_a_stale_stance(
    talks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mutation the test above guards against: with sides left out of the key, b's
    demand keeps the party of a's old text."""
    real = stancecache.stance_key

    def sideless(gather_key: str, facts: ArticleFacts, negotiators: frozenset[str]) -> str:
        bare = dataclasses.replace(
            facts, people=[dataclasses.replace(p, side=None) for p in facts.people]
        )
        return real(gather_key, bare, negotiators)

    monkeypatch.setattr(stancecache, "stance_key", sideless)
    export(talks)
    write_meeting(talks, "Chilean", "Norwegian")
    assert demands(export(talks)) == [("b", "norway")] != demands(export(talks, use_cache=False))


def person(side: str | None) -> PersonRef:
    return PersonRef("Ivo Marten", "Ivo Marten", side=side)


def test_the_key_follows_sides_negotiators_and_the_article() -> None:
    facts = ArticleFacts("b", people=[person(None)])
    key = stancecache.stance_key("k", facts, frozenset({"norway", "chile"}))
    assert key == stancecache.stance_key("k", facts, frozenset({"chile", "norway"}))
    assert key != stancecache.stance_key("other", facts, frozenset({"norway", "chile"}))
    assert key != stancecache.stance_key("k", facts, frozenset({"norway"}))
    sided = ArticleFacts("b", people=[person("chile")])
    assert key != stancecache.stance_key("k", sided, frozenset({"norway", "chile"}))


def test_find_stances_is_given_nothing_the_key_leaves_out(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key trusts that, for one gather key, what ``find_stances`` is given differs from
    what extraction made only in the people's sides (and the negotiating parties it is
    passed): an article's other facts, and its text, are the extraction's."""
    (seeds / "seeds" / (Path(SEEDS[0]).stem + ".md")).write_text(
        "---\ntitle: A headline the editor chose\ndate: 2024-05-02\n---\n", encoding="utf-8"
    )
    given: list[tuple[Article, ArticleFacts]] = []
    real = stancecache.find_stances

    given_args: dict[str, tuple[Any, ...]] = {}
    briefing_facts: list[ArticleFacts] = []

    def keeping(article: Article, facts: ArticleFacts, *args: Any) -> None:
        given.append((article, dataclasses.replace(facts)))
        given_args[article.id] = args
        real(article, facts, *args)
        briefing_facts.append(copy.deepcopy(facts))  # the briefing renames issues later

    monkeypatch.setattr(stancecache, "find_stances", keeping)
    briefing = load_briefing(load_config(seeds), use_cache=False)
    assert len(given) == 3
    for article, facts in given:
        raw = (seeds / article.file).read_text(encoding="utf-8")
        alone = parse_article(raw, file=article.file, id=article.id)
        alone.title = article.title  # the sidecar's, set before extraction as well
        fresh = extract(alone)
        unsided = [dataclasses.replace(p, side=None) for p in facts.people]
        assert unsided == [dataclasses.replace(p, side=None) for p in fresh.people]
        assert [p.side for p in fresh.people if p.side] == [
            p.side for p, f in zip(facts.people, fresh.people, strict=True) if f.side
        ]  # sides are only ever added
        assert (facts.parties, facts.quotes) == (fresh.parties, fresh.quotes)
        assert article.sentences == alone.sentences and article.title == alone.title
        # what gathering sets on the article itself afterwards is not read
        undated = dataclasses.replace(article, date=None, date_basis="unknown", round=None)
        again = dataclasses.replace(facts, positions=[], issues=[])
        real(undated, again, *given_args[article.id])
        found = next(f for f in briefing_facts if f.article == article.id)
        assert (again.positions, again.issues) == (found.positions, found.issues)
    assert any(p.side for p in briefing.actors)  # sides were there to share
    assert all(f.positions for f in briefing_facts)  # and stances to compare


# ------------------------------------------------------------------ warm equals cold


def test_a_warm_build_is_the_cold_one_byte_for_byte(seeds: Path, read: list[str]) -> None:
    cold = export(seeds, use_cache=False)
    assert len(read) == 3
    assert not (seeds / ".cache").exists()  # use_cache=False leaves the cache alone
    read.clear()
    assert export(seeds) == cold and len(read) == 3
    assert len(entries(stance_file(seeds))) == 3
    read.clear()
    assert export(seeds) == cold and read == []
    changed = seeds / "seeds" / SEEDS[1]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\nThe talks will resume next week, officials said.\n", "utf-8")
    read.clear()
    after = export(seeds)
    assert Path(SEEDS[1]).stem in read
    assert after == export(seeds, use_cache=False)
    assert len(entries(stance_file(seeds))) == 3  # the stale entry was pruned


# ------------------------------------------------------------------ a damaged cache


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda _raw: b"\x00\xff not json at all",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda _raw: b"",
    "no header": lambda raw: raw.partition(b"\n")[2],
    "changed entry": lambda raw: raw.replace(b"[[[", b"[[[7,", 1),
    "header of another schema": lambda raw: raw.replace(b'"schema": 4', b'"schema": 3', 1),
    "deep nesting after the header": lambda raw: (
        raw.partition(b"\n")[0] + b"\n" + b"[" * 100_000 + b"]" * 100_000
    ),
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_damaged_stance_cache_is_ignored_and_rewritten(
    seeds: Path, read: list[str], how: str
) -> None:
    good = export(seeds)
    victim = stance_file(seeds)
    before = entries(victim)
    victim.write_bytes(CORRUPTIONS[how](victim.read_bytes()))
    read.clear()
    assert export(seeds) == good
    assert len(read) == 3  # nothing in a damaged file is trusted
    assert entries(victim) == before  # rewritten whole
    read.clear()
    assert export(seeds) == good and read == []


FORGERIES: dict[str, Callable[[Any], None]] = {
    "not a pair": lambda entry: entry.append([]),
    "a position cut short": lambda entry: entry[0][0].pop(),
    "a field too many": lambda entry: entry[0][0].append(1),
    "a sentence the article lacks": lambda entry: entry[0][0].__setitem__(2, 10_000),
    "a sentence that is no number": lambda entry: entry[0][0].__setitem__(2, "3"),
}


@pytest.mark.parametrize("how", sorted(FORGERIES))
def test_a_forged_entry_is_dropped_and_read_again(seeds: Path, read: list[str], how: str) -> None:
    good = export(seeds)
    victim = stance_file(seeds)
    before = entries(victim)
    key = next(k for k, (positions, _) in sorted(before.items()) if positions)
    rewrite(victim, lambda found: FORGERIES[how](found[key]))
    read.clear()
    assert export(seeds) == good
    assert len(read) == 1
    assert entries(victim) == before


def test_an_unwritable_cache_is_only_slower(seeds: Path, read: list[str]) -> None:
    (seeds / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    good = export(seeds)
    assert export(seeds) == good
    assert len(read) == 6


def test_stances_read_on_forked_workers_are_those_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build of many articles reads their stances on every core: the same
    positions and issues, in the same order, as reading them one by one here."""
    (tmp_path / "seeds").mkdir()
    for n in range(30):  # 90 articles: enough for two workers
        write_meeting(tmp_path, "Norwegian", "Chilean")
        (tmp_path / "seeds" / "a.txt").rename(tmp_path / "seeds" / f"a{n:02d}.txt")
        (tmp_path / "seeds" / f"b{n:02d}.txt").write_text(DEMAND, encoding="utf-8")
        (tmp_path / "seeds" / f"c{n:02d}.txt").write_text(PATROL, encoding="utf-8")
    real, used = stancecache.map_forked, []

    def spying(*args: Any, **kwargs: Any) -> Any:
        done = real(*args, **kwargs)
        used.append(done is not None)
        return done

    monkeypatch.setattr(stancecache, "map_forked", spying)
    forked = export(tmp_path, use_cache=False)
    assert used == [True]  # else fork is unsafe here: then nothing is compared
    monkeypatch.setattr(stancecache, "map_forked", lambda *_a, **_k: None)
    assert export(tmp_path, use_cache=False) == forked
    assert len(demands(forked)) >= 30
