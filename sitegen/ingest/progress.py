"""Progress on long stages, as Sphinx and pip show it: one live line on a terminal,
plain lines elsewhere (issue #19).

A cold build of a thousand articles used to go silent for tens of seconds per
stage, and a slow build could not be told from a hung one. Now each long stage
(reading, extracting, rendering, writing, indexing) is handed a ``Stage`` and
counts its items through it.

On a terminal the ``Console`` keeps one live line, rewritten in place (a
carriage return and "erase line"): the stage, done/total, the percentage and,
after a few seconds, the time left; it ends as the stage's summary line. Any
other line (a warning, an error, a summary) first erases the live line, is
printed, and the live line is drawn again below it: nothing is ever mixed into
it. Anywhere else (a pipe, CI, a log file) no control character is written:
only whole lines, one every 10% of a stage that runs longer than 2 s.

It lives in ``ingest`` beside ``pool.py`` for the same reason: reading is the
first stage that reports, and every later stage and command may import it. A
``Reporter`` is one command's run (or one rebuild of the preview); it is passed
down as a parameter, never kept in a global. Our own few lines rather than
``tqdm`` or ``rich.progress``: those draw one bar per loop, but here stages end
as our summary lines, share the line with warnings from other threads (the
preview) and need the plain 10% lines and the one-line rebuild status; ``rich``
would also bring pygments and several megabytes.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import TextIO

from sitegen.models import Diagnostic

ERASE = "\r\x1b[K"
"""Back to the start of the line and erase it (every terminal since the VT100)."""
REFRESH = 0.1
"""Seconds between two drawings of the live line."""
ESTIMATE_AFTER = 3.0
"""Seconds into a stage before the live line estimates the time left."""
PLAIN_AFTER = 2.0
"""Off a terminal, a stage that has run this long prints a line at every PLAIN_STEP %."""
PLAIN_STEP = 10
TERMINAL_SAFE = {
    c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t"
}
"""Control characters (ESC starts a terminal escape sequence) shown as ``\\x1b``: a file
name or title could otherwise move the cursor, recolour or retitle the user's terminal."""

Clock = Callable[[], float]


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of the children it has reaped
    (extraction and rendering workers, pagefind): what a stage cost the machine, which
    wall time on a shared machine does not tell."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError, OSError):
        return False


class Console:
    """Where the lines go: whole lines through ``line``; on a terminal (``live`` given) also
    one live line drawn with raw writes. Safe from several threads (the preview's)."""

    def __init__(
        self,
        line: Callable[[str], object],
        *,
        live: Callable[[str], object] | None = None,
        width: Callable[[], int] | None = None,
    ) -> None:
        self._line = line
        self._raw = live
        self._width = width or (lambda: 80)
        self._lock = threading.RLock()
        self._shown = ""
        """The live line on the screen now ("" when none)."""

    @classmethod
    def of(cls, stream: TextIO) -> Console:
        """A console on ``stream`` (stderr): live only when it is a terminal."""

        def write(text: str) -> None:
            stream.write(text)
            stream.flush()

        def width() -> int:
            try:  # the terminal we draw on, which need not be stdout's
                columns = os.get_terminal_size(stream.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = shutil.get_terminal_size((80, 24)).columns
            return columns or 80  # a pty nobody sized says 0

        live = write if _is_terminal(stream) else None
        return cls(lambda text: write(text + "\n"), live=live, width=width)

    @property
    def terminal(self) -> bool:
        return self._raw is not None

    def print(self, text: str) -> None:
        """A line of its own, above the live line (drawn again below it)."""
        with self._lock:
            if self._shown and self._raw:
                self._raw(ERASE)
            self._line(text.translate(TERMINAL_SAFE))
            if self._shown and self._raw:
                self._raw(self._shown)

    def show(self, text: str) -> None:
        """Set the live line (on a terminal; elsewhere nothing), cut to the width so that
        it never wraps (a wrapped line cannot be replaced in place)."""
        if self._raw is None:
            return
        text = text.translate(TERMINAL_SAFE)[: max(20, self._width() - 1)]
        with self._lock:
            if text != self._shown:
                self._raw(ERASE + text)
                self._shown = text

    @contextlib.contextmanager
    def python_warnings(self) -> Iterator[None]:
        """Python's own warnings (a library's deprecation) printed above the live line
        too, for the while (from the main thread: ``warnings`` is process-wide)."""

        def show(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            self.print(warnings.formatwarning(message, category, filename, lineno, line).rstrip())

        with warnings.catch_warnings():
            warnings.showwarning = show
            yield

    def settle(self, text: str | None = None) -> None:
        """End the live line: erased, and ``text`` (if any) printed in its place."""
        with self._lock:
            if self._shown and self._raw:
                self._raw(ERASE)
            self._shown = ""
            if text is not None:
                self._line(text.translate(TERMINAL_SAFE))


def plural(count: int, noun: str) -> str:
    """``1 article``, ``1,124 pages``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def fmt_seconds(value: float) -> str:
    """Two significant figures under 0.1 s: a quick preview rebuild read "0.0 s", which told
    the reader nothing and gave the bench's serve row (it parses this line) a zero."""
    if value < 0.1:
        return f"{value:.2g} s"
    return f"{value:.1f} s"


class Reporter:
    """One command's (or one rebuild's) progress: its stages, their times, ``-q``.

    ``status``: the preview's one-line mode. Stages print no lines of their own; the live
    line reads ``rebuilding: extracting 1 article ...`` and ``end_status`` turns it into
    the one line that stays. Without a console nothing is shown, but stages are timed."""

    def __init__(
        self,
        console: Console | None = None,
        *,
        quiet: bool = False,
        status: str | None = None,
        clock: Clock = time.monotonic,
        refresh: float | None = None,
        plain_after: float | None = None,
    ) -> None:
        self.console = console
        self.quiet = quiet
        self.status = status
        self.clock = clock
        self.refresh = REFRESH if refresh is None else refresh
        self.plain_after = PLAIN_AFTER if plain_after is None else plain_after
        self.times: dict[str, float] = {}
        """Seconds per stage key (``extract``, ``render``...), in the order they ran."""
        self.cpu: dict[str, float] = {}
        """CPU seconds per stage key (``cpu_seconds``: workers count once reaped)."""
        self.did: list[str] = []
        """What the stages did, for the status line (``extracting 1 article``)."""
        self._problems: set[str] = set()

    @classmethod
    def lines(cls, say: Callable[[str], object]) -> Reporter:
        """Every line to ``say`` (no live line): for tests and callers that log."""
        return cls(Console(say))

    @property
    def shown(self) -> bool:
        """Whether progress and summaries are shown (not silenced by ``-q``)."""
        return self.console is not None and not self.quiet

    def stage(self, key: str, doing: str, noun: str, *, in_status: bool = True) -> Stage:
        """A stage starting now; ``key`` names its time in the summary, ``doing`` and
        ``noun`` its live line (``extracting [ 42%] 412/991 articles``). ``in_status``:
        whether the preview's status line mentions it."""
        return Stage(self, key, doing, noun, in_status)

    @contextlib.contextmanager
    def timed(self, key: str) -> Iterator[None]:
        """Time work that shows no progress of its own under ``key`` (added to what
        ``key`` has already), so that the summary can say where the time went."""
        started, cpu = self.clock(), cpu_seconds()
        try:
            yield
        finally:
            self.times[key] = self.times.get(key, 0.0) + self.clock() - started
            self.cpu[key] = self.cpu.get(key, 0.0) + cpu_seconds() - cpu

    def say(self, text: str) -> None:
        """A line of information (silenced by ``-q`` and in the status mode)."""
        if self.shown and self.status is None and self.console:
            self.console.print(text)

    def problem(self, text: str) -> None:
        """A warning or an error: always printed (``-q`` too), above the live line, and
        once per run however many times it is reported."""
        if self.console is not None and text not in self._problems:
            self._problems.add(text)
            self.console.print(text)

    def diagnostic(self, diag: Diagnostic) -> None:
        self.problem(f"warning: {diag}" if diag.level == "warning" else f"error: {diag}")

    def live(self, text: str) -> None:
        if self.shown and self.console:
            self.console.show(f"{self.status}: {text}" if self.status else text)

    def end_status(self, tail: str) -> None:
        """The preview's one line: ``rebuilding: extracting 1 article ... done in 0.4 s``."""
        if self.shown and self.console:
            did = ", ".join(self.did) or "nothing to redo"
            self.console.settle(f"{self.status or 'building'}: {did} ... {tail}")


class Stage:
    """One long stage: ``begin(total)``, ``advance()`` per item, ``finish(summary)``.

    The loop that does the work calls ``begin`` and ``advance``; whoever knows the
    summary calls ``finish`` (once; a second call is ignored)."""

    def __init__(self, reporter: Reporter, key: str, doing: str, noun: str, in_status: bool):
        self.reporter = reporter
        self.key, self.doing, self.noun = key, doing, noun
        self.in_status = in_status
        self.total = self.done = 0
        self.started = reporter.clock()
        self.cpu_started = cpu_seconds()
        self._drawn = float("-inf")
        self._next_step = PLAIN_STEP
        self._finished = False

    def begin(self, total: int) -> Stage:
        self.total, self.done = total, 0
        if total and self.in_status and self.reporter.status is not None:
            self.reporter.did.append(f"{self.doing} {plural(total, self.noun)}")
        self._draw(self.reporter.clock())
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.reporter.clock()
        if now - self._drawn >= self.reporter.refresh or self.done >= self.total:
            self._draw(now)
        self._plain(now)

    def line(self, now: float) -> str:
        """The live line: ``extracting [ 42%] 412/991 articles, about 8 s left``."""
        if self.reporter.status is not None and not self.total:
            return f"{self.doing} ..."
        percent = self.done * 100 // self.total if self.total else 100
        text = f"{self.doing} [{percent:3d}%] {self.done:,}/{plural(self.total, self.noun)}"
        elapsed = now - self.started
        if elapsed >= ESTIMATE_AFTER and 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            text += f", about {_duration(left)} left"
        return text

    def _draw(self, now: float) -> None:
        self._drawn = now
        if self.total or self.reporter.status is not None:
            self.reporter.live(self.line(now))

    def _plain(self, now: float) -> None:
        """Off a terminal: a line at every 10% once the stage has run long enough."""
        reporter = self.reporter
        console = reporter.console
        if not self.total or console is None or console.terminal or not reporter.shown:
            return
        percent = self.done * 100 // self.total
        if percent < self._next_step:
            return
        self._next_step = (percent // PLAIN_STEP + 1) * PLAIN_STEP
        if percent < 100 and now - self.started >= reporter.plain_after and reporter.status is None:
            console.print(
                f"{self.doing}: {percent}% ({self.done:,}/{plural(self.total, self.noun)})"
            )

    def finish(self, summary: str | None = None) -> float:
        """End the stage: its time is recorded and the live line becomes ``summary`` with
        the time it took (``extracted facts from 991 articles in 6.2 s``)."""
        elapsed = self.reporter.clock() - self.started
        if self._finished:
            return elapsed
        self._finished = True
        reporter = self.reporter
        reporter.times[self.key] = reporter.times.get(self.key, 0.0) + elapsed
        cpu = cpu_seconds() - self.cpu_started
        reporter.cpu[self.key] = reporter.cpu.get(self.key, 0.0) + cpu
        if reporter.console is None or not reporter.shown or reporter.status is not None:
            return elapsed
        reporter.console.settle(f"{summary} in {fmt_seconds(elapsed)}" if summary else None)
        return elapsed


def _duration(value: float) -> str:
    if value < 60:
        return f"{max(1, round(value))} s"
    minutes, secs = divmod(round(value), 60)
    return f"{minutes} min {secs:02d} s"


def reporter_for(progress: Reporter | Callable[[str], object] | None) -> Reporter:
    """What the build functions take: a reporter, a plain line callback (``lines.append``)
    or nothing (timed but silent)."""
    if isinstance(progress, Reporter):
        return progress
    return Reporter.lines(progress) if progress is not None else Reporter()
