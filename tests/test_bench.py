"""The benchmark corpus, and the process pool that makes cold builds use every core.

No timings here: they belong to ``bench/run.py``. These check that the corpus
is what the benchmark claims (the same articles for all three generators, no
seed person's name, rounds sitegen can find) and that the pool changes nothing
but the time.
"""

from __future__ import annotations

import gc
import json
import os
import random
import sys
import threading
from pathlib import Path

import pytest

from sitegen.brief.gather import load_briefing
from sitegen.build import build
from sitegen.config import load_config
from sitegen.ingest import pool
from sitegen.output.export import dumps
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import dense  # noqa: E402
import make_corpus  # noqa: E402

SEED_PEOPLE = ["Umerov", "Peskov", "Witkoff", "Kushner", "Zelensk", "Putin", "Trump", "Musk"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_corpus_has_the_same_articles_for_every_generator(tmp_path: Path) -> None:
    make_corpus.write_corpus(20, tmp_path)
    raw = sorted((tmp_path / "sitegen" / "seeds").glob("*.txt"))
    pelican = sorted((tmp_path / "pelican" / "content").glob("*.md"))
    hugo = sorted((tmp_path / "hugo" / "content" / "posts").glob("*.md"))
    assert len(raw) == len(pelican) == len(hugo) == 20
    assert [p.stem for p in raw] == [p.stem for p in pelican] == [p.stem for p in hugo]
    assert (tmp_path / "pelican" / "pelicanconf.py").is_file()
    assert (tmp_path / "hugo" / "hugo.toml").is_file()
    assert {"single.html", "list.html"} <= {
        p.name for p in (tmp_path / "hugo" / "layouts").iterdir()
    }
    # The same headline opens the raw article, titles the Pelican one and the Hugo one.
    headline = raw[3].read_text(encoding="utf-8").splitlines()
    headline = [line for line in headline if not line.startswith(" date ")]
    assert f"Title: {headline[0]}\n" in pelican[3].read_text(encoding="utf-8")
    assert f'title: "{headline[0]}"\n' in hugo[3].read_text(encoding="utf-8")
    # Tags and taxonomies carry the actors and the round.
    assert "actors: [" in hugo[3].read_text(encoding="utf-8")
    assert "rounds: [" in hugo[3].read_text(encoding="utf-8")


def test_corpus_is_deterministic_and_free_of_seed_names(tmp_path: Path) -> None:
    make_corpus.write_corpus(30, tmp_path / "a")
    make_corpus.write_corpus(30, tmp_path / "b")
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    text = b"\n".join(first.values()).decode("utf-8").lower()
    assert not [name for name in SEED_PEOPLE if name.lower() in text]


def test_corpus_rounds_and_dates_follow_the_plan() -> None:
    stories = make_corpus.stories(50)
    rounds = {s.round for s in stories}
    assert len(rounds) == 10  # about N/5
    by_round: dict[str, list[make_corpus.Story]] = {}
    for s in stories:
        by_round.setdefault(s.round, []).append(s)
    # Five articles a round, on consecutive days: preview, two days of talks, close, reaction.
    for members in by_round.values():
        days = sorted(s.date for s in members)
        assert len(members) == 5
        assert (days[-1] - days[0]).days == 4


def test_sitegen_builds_the_corpus(tmp_path: Path) -> None:
    make_corpus.write_corpus(20, tmp_path)
    project = tmp_path / "sitegen"
    result = build(load_config(project), tmp_path / "out", search=False)
    assert result.articles == 20
    for story in make_corpus.stories(20):  # one page per article, as Pelican and Hugo make
        page = tmp_path / "out" / "sources" / story.id / "index.html"
        assert story.headline in page.read_text(encoding="utf-8")
    briefing = load_briefing(load_config(project), use_cache=False)
    invented = {name for s in make_corpus.stories(20) for name in s.actors}
    found = {a.name for a in briefing.actors}
    assert found and found <= invented
    assert len(briefing.rounds) == 4


def test_dense_corpus_is_deterministic_and_names_the_same_people_everywhere(
    tmp_path: Path,
) -> None:
    make_corpus.write_corpus(30, tmp_path / "a", dense=True)
    make_corpus.write_corpus(30, tmp_path / "b", dense=True)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    make_corpus.write_corpus(30, tmp_path / "c")
    assert first != _tree(tmp_path / "c")  # not the five processes' corpus
    text = b"\n".join(first.values()).decode("utf-8").lower()
    assert not [name for name in SEED_PEOPLE if name.lower() in text]
    stories = dense.dense_stories(30)
    dozen = {p.name for p in dense.cast(random.Random(1))}
    assert len(dozen) == 12
    for story in stories:  # a desk's archive: everyone, every issue, in every article
        body = "\n".join(story.paragraphs)
        assert all(name in body for name in dozen)
        assert all(issue in body for issue in dense.ISSUES)
        assert 600 <= len(make_corpus.raw_text(story).split()) <= 800
        quoted = [p for p in story.paragraphs if '"' in p]
        assert len(quoted) >= len(story.paragraphs) // 3
    # Rounds of ten articles over five consecutive days, one venue each.
    by_round: dict[str, list[make_corpus.Story]] = {}
    for s in stories:
        by_round.setdefault(s.round, []).append(s)
    assert [len(m) for m in by_round.values()] == [10, 10, 10]
    for members in by_round.values():
        assert (max(s.date for s in members) - min(s.date for s in members)).days == 4


def test_sitegen_finds_the_dozen_and_the_few_issues_of_the_dense_corpus(tmp_path: Path) -> None:
    make_corpus.write_corpus(30, tmp_path, dense=True)
    briefing = load_briefing(load_config(tmp_path / "sitegen"), use_cache=False)
    dozen = {p.name for p in dense.cast(random.Random(1))}
    assert {a.name for a in briefing.actors} == dozen
    # The five issues of the generator, as the taxonomy names them.
    found = {s.id for s in briefing.sticking_points}
    assert found == {"ceasefire", "prisoners", "borders", "sanctions", "humanitarian"}
    assert len(briefing.rounds) == 3
    # Quotations and stances in most paragraphs: many of each per article.
    assert len(briefing.quotes) >= 4 * 30 and len(briefing.positions) >= 4 * 30


# ------------------------------------------------------------------ the pool


def _square(n: int) -> int:
    return n * n


def test_map_ordered_keeps_the_order_over_processes() -> None:
    items = list(range(300))
    assert pool.workers_for(len(items), 2) == 2
    assert pool.map_ordered(_square, items, workers=2) == [n * n for n in items]


def _collecting(_n: int) -> bool:
    return gc.isenabled()


@pytest.mark.parametrize("threaded", [False, True])
@pytest.mark.parametrize("on", [True, False])
def test_pool_workers_collect_as_the_caller_did(on: bool, threaded: bool) -> None:
    """The caller receives results with the collector off (they make no cycles), the
    workers run as the caller had it, forked or not (another thread running: a fork
    server), and afterwards all is as it was, nothing frozen."""
    was = gc.isenabled()
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    if threaded:
        other.start()
    (gc.enable if on else gc.disable)()
    try:
        assert pool.map_ordered(_collecting, list(range(120)), workers=2) == [on] * 120
        assert gc.isenabled() is on
        assert gc.get_freeze_count() == 0
    finally:
        (gc.enable if was else gc.disable)()
        done.set()
        if threaded:
            other.join()


def test_pool_does_not_fork_while_other_threads_run() -> None:
    """``serve`` runs a server and a watcher thread: forking then could deadlock."""
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    try:
        assert pool._context().get_start_method() != "fork"
        assert pool.map_ordered(_square, list(range(100)), workers=2) == [n * n for n in range(100)]
    finally:
        done.set()
        other.join()
    assert pool._context().get_start_method() in ("fork", "forkserver", "spawn")


def test_small_batches_stay_in_this_process() -> None:
    here = os.getpid()
    # A lambda cannot be pickled: this only passes because no pool is started.
    assert pool.map_ordered(lambda _n: os.getpid(), [1, 2, 3], workers=2) == [here] * 3
    assert pool.workers_for(3, 2) == 1
    assert pool.workers_for(10_000, 1) == 1


@pytest.mark.parametrize("use_cache", [False, True])
def test_pool_export_is_byte_identical_to_serial(tmp_path: Path, use_cache: bool) -> None:
    make_corpus.write_corpus(100, tmp_path)
    config = load_config(tmp_path / "sitegen")
    assert pool.workers_for(100, 2) == 2  # so workers=2 below really takes the pool path
    serial = dumps(load_briefing(config, use_cache=False, workers=1))
    pooled = dumps(load_briefing(config, use_cache=use_cache, workers=2))
    assert pooled == serial
    if use_cache:  # and what the pool put in the cache reads back the same
        assert dumps(load_briefing(config, use_cache=True, workers=1)) == serial


# ------------------------------------------------------------------ the serve row


class _FakeBench:
    """What ``run.Serving`` uses of a ``Bench``: no Pelican or Hugo needed."""

    def __init__(self, root: Path) -> None:
        make_corpus.write_corpus(20, root)
        self.project = root / "sitegen"
        self.code = REPO
        self.env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.log = root / "log.txt"
        self.edits = 0

    def edit(self) -> None:
        self.edits += 1
        path = sorted((self.project / "seeds").glob("*.txt"))[10]
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\nEditor's update {self.edits}: talks would resume next week.\n")


def test_the_serve_row_times_the_rebuild_a_running_server_makes(tmp_path: Path) -> None:
    import run  # bench/run.py

    fake = _FakeBench(tmp_path)
    serving = run.Serving(fake)  # type: ignore[arg-type]
    try:
        first = serving.one_changed()
        second = serving.one_changed()
    finally:
        serving.stop()
    assert serving.proc.returncode is not None  # stopped
    assert 0 < first.seconds < 60 and 0 < second.seconds < 60
    assert second.peak_mb > 10  # read from the server's /proc status
    logged = fake.log.read_text().splitlines()
    assert len(logged) == 2 and all(line.startswith("serve: rebuilding: ") for line in logged)


FAKE_CORPUS = """
import argparse, json, pathlib, sys
parser = argparse.ArgumentParser()
parser.add_argument("n", type=int)
parser.add_argument("out", type=pathlib.Path)
{extra}
args = parser.parse_args()
args.out.mkdir(parents=True, exist_ok=True)
(args.out / "argv.json").write_text(json.dumps(sys.argv[1:]))
"""


def test_run_passes_dense_to_make_corpus_and_fails_clearly_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import run  # bench/run.py

    monkeypatch.setattr(run, "HERE", tmp_path)
    script = tmp_path / "make_corpus.py"
    script.write_text(FAKE_CORPUS.format(extra=""), encoding="utf-8")
    run.write_corpus(3, tmp_path / "plain", dense=False)
    assert (tmp_path / "plain" / "argv.json").read_text() == f'["3", "{tmp_path / "plain"}"]'
    with pytest.raises(SystemExit, match="does not accept --dense"):
        run.write_corpus(3, tmp_path / "dense", dense=True)
    extra = 'parser.add_argument("--dense", action="store_true")'
    script.write_text(FAKE_CORPUS.format(extra=extra), encoding="utf-8")
    run.write_corpus(3, tmp_path / "dense", dense=True)
    assert "--dense" in (tmp_path / "dense" / "argv.json").read_text()


def test_the_table_states_every_target_of_issue_18_as_a_ratio(tmp_path: Path) -> None:
    import run  # bench/run.py

    timings = {"read": 0.1, "extract": 2.0, "merge": 1.0, "render": 1.0, "write": 0.5}
    line = run.TIMINGS + json.dumps({"cpu": timings, "cpu_total": 6.0})
    cpu = run.timings(f"warning: something\n{line}\n")
    assert cpu == {**timings, "total": 6.0}
    seconds = {
        "sitegen cold": 3.0,
        "sitegen warm": 0.2,
        "sitegen 1 changed": 1.6,
        "sitegen serve 1 changed": 0.25,
        "Pelican": 4.0,
        "Pelican + pagefind": 6.0,
        "Hugo": 0.5,
        "Hugo + pagefind": 1.5,
    }
    results = {
        name: [run.Run(s, 50.0, cpu if name == "sitegen cold" else None)]
        for name, s in seconds.items()
    }
    text = run.table(results, 1000)
    assert "- sitegen cold / Hugo + pagefind: 2.00 (target <= 2.0): met" in text
    assert "- sitegen cold / Pelican + pagefind: 0.50 (target <= 0.6): met" in text
    assert "- sitegen warm / Hugo: 0.40 (target <= 0.3): **not met**" in text
    assert "- sitegen 1 changed / Hugo + pagefind: 1.07 (target <= 1.0): **not met**" in text
    assert "- sitegen serve 1 changed: 0.25 s (target <= 0.3 s): met" in text
    assert "| extraction (parse, extract) | 2.00 |" in text
    assert "| index (pagefind) | 0.00 |" in text
    assert "| start-up, imports, the rest | 1.40 |" in text
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_bytes(b"x" * 1024)
    (site / "a" / "index.html").write_bytes(b"x" * 3072)
    assert run.largest_page(site).startswith("largest page: /a/index.html (3 KB); 2 pages")
