"""Whether ``sitegen build`` has anything to do, decided before the pipeline is imported.

A build with nothing changed used to spend two thirds of its time importing
extraction, gathering and rendering only to find the stamp fresh
(``sitegen.output.stamp``). This module holds what that check and its report
need (the result and its summary, which problems refuse a build) and imports
nothing heavier than the stamp: the command line calls it first and imports
``sitegen.build`` only when a build is due.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.config import Config
from sitegen.ingest.progress import Reporter, fmt_seconds, plural
from sitegen.models import Diagnostic
from sitegen.output.stamp import inputs_digest, stamp_path, still_fresh

NO_ADDRESS = "sitemap.xml, feed.xml"
"""Where the notice that they were not written points (``output.extras.no_address``)."""
Refuse = Callable[[Diagnostic], bool]


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the summary line and for tests."""

    out: Path
    pages: int
    """HTML pages rendered."""
    written: int
    """Files whose bytes changed (or are new)."""
    unchanged: int
    """Files kept as they were in the previous output."""
    articles: int
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    search: bool = False
    """Whether a search index was built."""
    kept: int = 0
    """Pages not rendered because the page cache showed them unchanged."""
    files: set[str] | None = None
    """Every file in the output but the search index."""
    previous: Path | None = None
    """The output this build replaced, still to be removed (``keep_previous``)."""
    times: dict[str, float] = field(default_factory=dict)
    """Seconds per stage (read, extract, merge, render, write, search), in the order they ran."""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds per stage, workers and pagefind included (``Reporter.cpu``)."""

    def summary(self) -> str:
        """``built 1,124 pages from 991 articles in 16.4 s (extract 6.1, render 3.2, ...)``:
        where the time went, then what was written where."""
        problems = len(self.diagnostics)
        times = dict(self.times)
        if times and (other := self.seconds - sum(times.values())) >= 0.05:
            times["other"] = other  # gathering rounds and actors, extra files, the swap
        spent = ", ".join(f"{key} {value:.1f}" for key, value in times.items())
        return (
            f"built {plural(self.pages, 'page')} from {plural(self.articles, 'article')} "
            f"in {fmt_seconds(self.seconds)}"
            + (f" ({spent})" if spent else "")
            + f": {self.written:,} files written, {self.unchanged:,} unchanged"
            + (f", {problems} warning(s)" if problems else "")
            + ("" if self.search else ", no search index")
            + f", into {self.out}"
        )


def stops(strict: bool, diag: Diagnostic) -> bool:
    """Whether a problem stops a build: an error in what an editor wrote always does,
    any problem in the input does under ``--strict`` (a site without a full address
    is no fault of the input: it only goes without a sitemap and a feed)."""
    return (strict and diag.file != NO_ADDRESS) or diag.stops_build


def up_to_date(
    config: Config,
    out: Path,
    *,
    strict: bool = False,
    search: bool = True,
    refuse: Refuse | None = None,
    reporter: Reporter | None = None,
    started: float | None = None,
) -> tuple[str, BuildResult | None]:
    """The digest of the build's inputs, and the last build's result when nothing it
    read has changed and ``out`` is as it left it (said to ``reporter``): then the
    site is already right. Else None: the digest goes to ``build(inputs=...)``."""
    started = time.perf_counter() if started is None else started
    inputs = inputs_digest(config, strict=strict, search=search)
    fresh = still_fresh(stamp_path(config, out), inputs, out)
    refuses = refuse or functools.partial(stops, strict)
    if fresh is None or any(refuses(d) for d in fresh.diagnostics):
        return inputs, None
    result = BuildResult(
        out=out,
        pages=fresh.pages,
        written=0,
        unchanged=fresh.outputs,
        articles=fresh.articles,
        seconds=time.perf_counter() - started,
        diagnostics=fresh.diagnostics,
        search=fresh.search,
    )
    if reporter is not None:
        reporter.say("nothing changed since the last build")
        reporter.say(result.summary())
    return inputs, result
