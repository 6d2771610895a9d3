"""Progress as a user sees it (issue #19): ``sitegen build`` on a pseudo-terminal and off
one, ``-q``, the summary's per-stage times and the preview's one-line rebuild status.

The build under a pseudo-terminal runs in this process with its stderr on the pty and
the live line redrawn on every item (``REFRESH`` 0), so that a five-article project
shows every percentage without any timing in the test.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

import sitegen.ingest.progress as progress
from sitegen.build import BuildResult
from sitegen.cli import main
from sitegen.output.search import pagefind_command
from sitegen.serve.preview import DevServer
from tests.conftest import run_cli
from tests.terminal import screen

BROKEN = "zz_broken.txt"
BROKEN_ERROR = f"error: seeds/{BROKEN}: has a headline but no body text"
STAGES = ("reading", "extracting", "rendering", "writing") + (
    ("indexing",) if pagefind_command() else ()
)
SUMMARIES = ("read ", "extracted facts from ", "rendered ", "wrote ") + (
    ("indexed the pages for search",) if pagefind_command() else ()
)

BASE_URL = ["--base-url", "https://example.org/briefing/"]
"""A full address, so that no warning about the sitemap and the feed (issue 17) is
among the lines these tests count."""


def on_a_pty(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the CLI with its stderr on a pseudo-terminal 200 columns wide; what it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    chunks: list[bytes] = []

    def drain() -> None:  # read as it comes, or a full pty would block the build
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other end closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stream = open(slave, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "REFRESH", 0.0)
    try:
        code = main(argv)
    finally:
        stream.close()
        reader.join(timeout=30)
        os.close(master)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def percents(raw: str, stage: str) -> list[int]:
    return [int(p) for p in re.findall(rf"\x1b\[K{stage} \[ *(\d+)%\]", raw)]


def test_a_build_on_a_terminal_shows_live_progress_and_a_line_per_stage(
    seeds_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seeds_project / "seeds" / BROKEN).write_text("A headline alone\n", encoding="utf-8")
    code, raw = on_a_pty(["build", str(seeds_project), "--no-cache", *BASE_URL], monkeypatch)
    assert code == 0
    for stage in STAGES:
        seen = percents(raw, stage)
        assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100, (stage, seen)
        total = int(re.findall(rf"{stage} \[ *\d+%\] \d+/(\d+)", raw)[-1])
        assert total <= 100 and len(set(seen)) == total + 1, (stage, seen)  # every step
    shown = screen(raw)
    # what stays on the screen: one summary line per stage, the input's error on a line
    # of its own as soon as it is known (above the rendering's live line), the summary
    assert len(shown) == len(SUMMARIES) + 2, shown
    assert [line.startswith(s) for line, s in zip(shown, SUMMARIES[:2], strict=False)] == [
        True,
        True,
    ]
    assert shown[2].startswith(BROKEN_ERROR)
    for line, start in zip(shown[3:], SUMMARIES[2:], strict=False):
        assert line.startswith(start) and re.search(r" in \d+\.\d+ s$", line), line
    assert shown[-1].startswith("built ")
    assert not any("%]" in line for line in shown)
    # the error was written on a clean line: erased live line before it, never mixed in
    assert re.search(rf"(\x1b\[K|\n){re.escape(BROKEN_ERROR)}", raw)


def test_a_build_off_a_terminal_writes_no_control_characters(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(["build", str(seeds_project), "--no-cache", *BASE_URL], capsys)
    assert code == 0
    assert "\r" not in err and "\x1b" not in err
    tenths = re.compile(r"(reading|extracting|rendering|writing|indexing): \d+% \(\d+/\d+ \w+")
    # a stage that ran over 2 s on a busy machine may say its tenths; all else is summaries
    lines = [line for line in err.splitlines() if not tenths.match(line)]
    assert [any(line.startswith(s) for s in SUMMARIES) for line in lines[:-1]] == [True] * len(
        SUMMARIES
    ), lines
    assert lines[-1].startswith("built ")


def test_quiet_prints_no_progress_only_the_problems(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds_project / "seeds" / BROKEN).write_text("A headline alone\n", encoding="utf-8")
    code, _out, err = run_cli(["build", str(seeds_project), "-q", *BASE_URL], capsys)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(BROKEN_ERROR), lines


def test_the_summary_says_where_the_time_went(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(["build", str(seeds_project), "--no-cache", *BASE_URL], capsys)
    assert code == 0
    last = err.splitlines()[-1]
    search = r", search \d+\.\d" if pagefind_command() else ""
    assert re.match(
        r"built \d+ pages from 5 articles in (\d+\.\d) s \(read \d+\.\d, extract \d+\.\d, "
        rf"merge \d+\.\d, render \d+\.\d, write \d+\.\d{search}(, other \d+\.\d)?\): ",
        last,
    ), last


def test_the_summary_line_reads_as_the_issue_asks() -> None:
    result = BuildResult(
        out=Path("_site"),
        pages=1124,
        written=1130,
        unchanged=0,
        articles=991,
        seconds=16.4,
        search=True,
        times={"extract": 6.1, "render": 3.2, "write": 1.1, "search": 5.8},
    )
    assert result.summary() == (
        "built 1,124 pages from 991 articles in 16.4 s "
        "(extract 6.1, render 3.2, write 1.1, search 5.8, other 0.2): "
        "1,130 files written, 0 unchanged, into _site"
    )


def test_serve_shows_a_rebuild_as_one_status_line(seeds_project: Path) -> None:
    lines: list[str] = []
    server = DevServer(seeds_project, port=0, search=False, say=lines.append, debounce=0.05)
    server.start()
    try:
        assert lines[0].startswith("read 5 articles in ")  # the first build: every stage
        assert lines[-1].startswith("built ")
        first = len(lines)
        seed = sorted((seeds_project / "seeds").glob("*.txt"))[0]
        seed.write_text(seed.read_text("utf-8") + "\nThe talks resume in Port Elin.\n", "utf-8")
        deadline = time.monotonic() + 60
        while len(lines) == first or not server.rebuilder.idle:
            assert time.monotonic() < deadline, "no rebuild after an edit"
            time.sleep(0.02)
    finally:
        server.stop()
    assert len(lines) == first + 1, lines[first:]
    assert re.fullmatch(
        r"rebuilding: extracting 1 article, rendering \d+ pages? \.\.\. "
        r"done in \d+\.\d+ s, \d+ files? written",
        lines[-1],
    ), lines[-1]


def test_each_stage_records_the_cpu_seconds_it_cost_children_included() -> None:
    """``Reporter.cpu``: what a stage cost the machine (on a shared machine its wall time
    does not say), counting the worker processes it waited for."""
    import subprocess

    reporter = progress.Reporter()
    busy = reporter.stage("busy", "working", "item")
    until = time.process_time() + 0.05
    while time.process_time() < until:
        pass
    busy.finish()
    with reporter.timed("idle"):
        time.sleep(0.05)
    with reporter.timed("child"):
        burn = "import time\nt = time.process_time() + 0.05\nwhile time.process_time() < t: pass"
        subprocess.run([sys.executable, "-c", burn], check=True)
    assert reporter.cpu["busy"] >= 0.04
    assert reporter.cpu["idle"] < 0.04 <= reporter.times["idle"]
    assert reporter.cpu["child"] >= 0.04


def test_build_timings_prints_each_stage_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import shutil

    from tests.conftest import REPO

    (tmp_path / "seeds").mkdir()
    shutil.copy(REPO / "seeds" / "000_920f42d0087abd68.txt", tmp_path / "seeds")
    out = tmp_path / "site"
    code, _, err = run_cli(["build", str(tmp_path), "-o", str(out), "-q", "--timings"], capsys)
    assert code == 0
    [line] = [x for x in err.splitlines() if x.startswith("sitegen-timings: ")]
    data = json.loads(line.split(": ", 1)[1])
    for stage in ("read", "extract", "merge", "render", "write"):
        assert stage in data["wall"] and stage in data["cpu"]
    assert data["cpu_total"] >= sum(data["cpu"].values()) > 0
