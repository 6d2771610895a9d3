"""The progress reporter (``sitegen.ingest.progress``) on a fake terminal and a fake clock.

Every test drives time by hand, so nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import io
import re
import time
import warnings

from sitegen.ingest.pool import map_forked, map_ordered
from sitegen.ingest.progress import ERASE, Console, Reporter, fmt_seconds
from sitegen.models import Diagnostic
from tests.terminal import screen


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def terminal(width: int = 200) -> tuple[Console, list[str]]:
    out: list[str] = []
    return Console(lambda t: out.append(t + "\n"), live=out.append, width=lambda: width), out


def test_on_a_terminal_one_line_is_replaced_in_place_and_ends_as_the_summary() -> None:
    console, out = terminal()
    clock = Clock()
    reporter = Reporter(console, clock=clock, refresh=0.1)
    stage = reporter.stage("extract", "extracting", "article").begin(10)
    for _ in range(10):
        clock.now += 0.5
        stage.advance()
    stage.finish("extracted facts from 10 articles")
    raw = "".join(out)
    frames = [f for f in raw.split(ERASE) if f.startswith("extracting")]
    percents = [int(m) for f in frames for m in re.findall(r"\[ *(\d+)%\]", f)]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 100
    assert len(set(percents)) == 11
    assert "extracting [ 10%] 1/10 articles" in frames
    # the time left shows only once the stage has run 3 s (the 6th item, at 3.0 s)
    assert "left" not in "".join(frames[:6]) and "about 2 s left" in frames[6]
    assert screen(raw) == ["extracted facts from 10 articles in 5.0 s"]
    assert reporter.times == {"extract": 5.0}


def test_the_live_line_is_drawn_at_most_every_refresh() -> None:
    console, out = terminal()
    clock = Clock()
    stage = Reporter(console, clock=clock, refresh=0.1).stage("render", "rendering", "page")
    stage.begin(1000)
    for _ in range(1000):
        clock.now += 0.001
        stage.advance()
    frames = "".join(out).count(ERASE)
    assert 9 <= frames <= 13  # 1 s of work: the first, one per 0.1 s and the last


def test_a_warning_goes_above_the_live_line_never_into_it() -> None:
    console, out = terminal()
    clock = Clock()
    reporter = Reporter(console, clock=clock, refresh=0)
    stage = reporter.stage("render", "rendering", "page").begin(4)
    stage.advance()
    reporter.diagnostic(Diagnostic("content/a.md", 3, "about: unknown round 'x'"))
    assert screen("".join(out)) == [
        "warning: content/a.md:3: about: unknown round 'x'",
        "rendering [ 25%] 1/4 pages",
    ]
    stage.advance(3)
    stage.finish("rendered 4 pages")
    assert screen("".join(out)) == [
        "warning: content/a.md:3: about: unknown round 'x'",
        "rendered 4 pages in 0 s",
    ]


def test_python_warnings_go_above_the_live_line_too() -> None:
    console, out = terminal()
    stage = Reporter(console, refresh=0).stage("render", "rendering", "page").begin(2)
    stage.advance()
    with console.python_warnings():
        warnings.simplefilter("always")
        warnings.warn("an old template filter", DeprecationWarning, stacklevel=1)
    shown = screen("".join(out))
    assert "DeprecationWarning: an old template filter" in shown[0]  # then its source line
    assert shown[-1] == "rendering [ 50%] 1/2 pages" and len(shown) == 3


def test_the_live_line_never_wraps() -> None:
    console, out = terminal(width=30)
    Reporter(console, refresh=0).stage("extract", "extracting", "article").begin(123_456)
    assert all(len(line) < 30 for line in screen("".join(out)))


def test_off_a_terminal_plain_lines_every_ten_percent_of_a_long_stage() -> None:
    lines: list[str] = []
    clock = Clock()
    reporter = Reporter(Console(lines.append), clock=clock)
    quick = reporter.stage("read", "reading", "file").begin(50)
    for _ in range(50):
        clock.now += 0.01
        quick.advance()
    quick.finish("read 50 articles")
    slow = reporter.stage("extract", "extracting", "article").begin(40)
    for _ in range(40):
        clock.now += 0.25
        slow.advance()
    slow.finish("extracted facts from 40 articles")
    # the quick stage (0.5 s) says only its summary; the slow one (10 s) its tenths
    # once it has run 2 s (from the 8th article on), then its summary
    assert lines == [
        "read 50 articles in 0.5 s",
        "extracting: 20% (8/40 articles)",
        "extracting: 30% (12/40 articles)",
        "extracting: 40% (16/40 articles)",
        "extracting: 50% (20/40 articles)",
        "extracting: 60% (24/40 articles)",
        "extracting: 70% (28/40 articles)",
        "extracting: 80% (32/40 articles)",
        "extracting: 90% (36/40 articles)",
        "extracted facts from 40 articles in 10.0 s",
    ]
    assert not any(c in "".join(lines) for c in "\r\x1b")


def test_a_console_on_a_file_writes_no_control_characters() -> None:
    stream = io.StringIO()  # not a terminal
    console = Console.of(stream)
    reporter = Reporter(console, refresh=0)
    stage = reporter.stage("write", "writing", "file").begin(3)
    stage.advance(3)
    reporter.problem("warning: x")
    stage.finish("wrote 3 files")
    assert not console.terminal
    assert stream.getvalue().startswith("warning: x\nwrote 3 files in ")
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_quiet_shows_problems_only_and_each_once() -> None:
    lines: list[str] = []
    reporter = Reporter(Console(lines.append), quiet=True, refresh=0, plain_after=0)
    stage = reporter.stage("extract", "extracting", "article").begin(10)
    stage.advance(10)
    reporter.say("built 3 pages")
    reporter.problem("error: seeds/a.txt: empty")
    reporter.problem("error: seeds/a.txt: empty")
    stage.finish("extracted facts from 10 articles")
    assert lines == ["error: seeds/a.txt: empty"]
    assert set(reporter.times) == {"extract"}  # timed all the same


def test_the_preview_status_is_one_line() -> None:
    console, out = terminal()
    clock = Clock()
    reporter = Reporter(console, status="rebuilding", clock=clock, refresh=0)
    reporter.stage("read", "reading", "file", in_status=False).begin(30).finish("read 30")
    extracting = reporter.stage("extract", "extracting", "article").begin(1)
    assert screen("".join(out)) == ["rebuilding: extracting [  0%] 0/1 article"]
    extracting.advance()
    extracting.finish("extracted facts from 1 article")
    reporter.stage("render", "rendering", "page").begin(3).finish("rendered 3 pages")
    reporter.stage("search", "indexing", "search bundle").begin(0).finish("indexed")
    clock.now += 0.4
    reporter.end_status("done in 0.4 s, 2 files written")
    assert screen("".join(out)) == [
        "rebuilding: extracting 1 article, rendering 3 pages ... done in 0.4 s, 2 files written"
    ]


def test_the_status_off_a_terminal_is_only_the_final_line() -> None:
    lines: list[str] = []
    reporter = Reporter(Console(lines.append), status="rebuilding", refresh=0, plain_after=0)
    stage = reporter.stage("extract", "extracting", "article").begin(20)
    stage.advance(20)
    stage.finish("extracted facts from 20 articles")
    reporter.end_status("done in 0.4 s")
    assert lines == ["rebuilding: extracting 20 articles ... done in 0.4 s"]


def _square(n: int) -> int:
    return n * n


def _slow_square(n: int) -> int:
    time.sleep(0.005)  # long enough for a worker to send its results in several batches
    return n * n


def test_the_pools_tell_progress_and_keep_the_order() -> None:
    ticks: list[int] = []
    assert map_ordered(_square, list(range(7)), workers=1, tick=ticks.append) == [
        n * n for n in range(7)
    ]
    assert ticks == [1] * 7
    ticks.clear()
    done = map_forked(_square, 200, workers=3, tick=ticks.append)
    if done is not None:  # None where fork is unsafe or missing: the caller loops
        assert done == [n * n for n in range(200)] and sum(ticks) == 200
    ticks.clear()
    done = map_forked(_slow_square, 120, workers=2, tick=ticks.append)
    if done is not None:  # batches put back in item order, however they arrive
        assert done == [n * n for n in range(120)] and sum(ticks) == 120


def test_forked_workers_tell_how_many_leading_items_are_done() -> None:
    """The build indexes pages for search as soon as every page before them is done:
    ``upto`` is told only when that count grows, and ends at the count."""
    told: list[int] = []

    def slow(n: int) -> int:
        time.sleep(0.005)
        return n

    done = map_forked(slow, 120, workers=2, upto=told.append)
    if done is None:  # fork unsafe or missing here: the caller loops
        return
    assert done == list(range(120))
    assert told == sorted(set(told)) and told[-1] == 120 and len(told) > 1 and told[0] > 0


def test_quick_times_keep_two_figures_never_zero() -> None:
    """A preview rebuild of one article takes a few ms: "0.0 s" told the reader (and the
    bench's serve row) nothing."""
    assert fmt_seconds(0.0412) == "0.041 s"
    assert fmt_seconds(0.0046) == "0.0046 s"
    assert fmt_seconds(0.25) == "0.2 s"
    assert fmt_seconds(12.0) == "12.0 s"
