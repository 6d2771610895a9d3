"""Index a new tree's search bundles while the rest of it is still rendering.

In a build that renders every page, pagefind used to start once the last page was
written, so each of the two long stages left a core idle at its ends (rendering
waits for its slowest worker, the last bundles are indexed one beside the other,
nothing else running). Here the pages are rendered bundle by bundle (``order``); the
render workers write each searchable page's indexed part (``search.indexed_part``)
into a folder per bundle beside the new tree (``put``), and as soon as every page of a
bundle has been written (``ready``), pagefind indexes that folder into the new tree's
``pagefind/bNN`` on one thread, beside the rendering. ``finish`` checks that these
bundles are the ones ``search.index_site`` would make of the finished tree (the same
count, no searchable page made elsewhere), waits for the last runs and publishes them;
otherwise it says so (None) and the build indexes the usual way.

The folders of pages for pagefind go to memory (``/dev/shm``) where there is room:
creating a file on a busy ext4 disk cost about 1 ms of CPU here (the inode allocator
scans recently deleted inodes), 1.5 s for the pages of 1,000 articles, more than
pagefind saves by reading the short copies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sitegen.ingest.pool import cores
from sitegen.ingest.progress import Stage
from sitegen.models import Diagnostic
from sitegen.output.search import (
    BODY_MARK,
    TIMEOUT,
    bundle_count,
    bundle_of,
    exclude_selectors,
    failed,
    indexed_part,
    pagefind_command,
    pagefind_version,
    publish,
    read_manifest,
    timed_out,
)
from sitegen.output.write import TMP_MARK, alive, html_inodes, remove_later

ONE_THREAD = {"RAYON_NUM_THREADS": "1"}
"""pagefind's environment while pages still render: the render workers have the cores."""
MEMORY = Path("/dev/shm")
ROOM = 32 * 1024
"""Bytes of memory to want free per page before putting the pages for pagefind there
(they take about 5 kB a page, and what else runs needs room too)."""
FAILED = ".sitegen-search-failed"
"""Made in the new tree by a worker that could not write a page for pagefind."""


@dataclass(slots=True)
class Run:
    """One bundle's pagefind run."""

    proc: subprocess.Popen[bytes]
    log: IO[bytes]


class EarlySearch:
    """The search index of a new tree, bundle by bundle as its pages are rendered.
    ``put`` runs in the render workers; the rest in the build's process."""

    def __init__(
        self,
        out: Path,
        site: Path,
        pages: Sequence[str],
        command: tuple[str, ...],
        per_bundle: int | None = None,
    ) -> None:
        """``out``: the output folder; ``site``: the new tree (``write.Staging.tmp``);
        ``pages``: the files this build renders, every one of them; ``per_bundle`` as
        for ``index_site``."""
        self.site = site
        self.docs = scratch(out, len(pages))
        """In memory, else beside the new tree, as its hidden folders are (there
        ``write.recover`` clears it)."""
        self.command = command
        files = [rel for rel in pages if rel.endswith(".html")]
        self.per_bundle = per_bundle
        self.count = bundle_count(len(files), per_bundle)
        self.bundle = {rel: bundle_of(rel, self.count) for rel in files}
        self.left: dict[str, int] = {}
        for name in self.bundle.values():
            self.left[name] = self.left.get(name, 0) + 1
        self.queued: list[str] = []
        self.running: dict[str, Run] = {}
        self.problems: list[Diagnostic] = []
        self.ended: list[str] = []
        """Bundles whose run ended well."""

    def order(self, rel: str) -> str:
        """Render pages in this order: bundle by bundle."""
        return self.bundle.get(rel, "")

    def put(self, rel: str, data: bytes) -> None:
        """Write what pagefind is to read of a page (in the worker that rendered it)."""
        name = self.bundle.get(rel)
        if name is None or BODY_MARK not in data:
            return
        target = self.docs / name / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(indexed_part(data) or data)
        except OSError:  # no room: this index would miss the page; finish says so
            (self.site / FAILED).touch()

    def ready(self, files: Iterable[str]) -> None:
        """These pages are written: index each bundle they complete."""
        for rel in files:
            name = self.bundle.get(rel)
            if name is not None:
                self.left[name] -= 1
                if self.left[name] == 0:
                    self.queued.append(name)
        # the last bundle ends the rendering: the cores are pagefind's from then on
        self._pump(ONE_THREAD if any(self.left.values()) else {})

    def _pump(self, env: dict[str, str]) -> None:
        """Reap ended runs; start queued bundles while fewer runs than cores go on."""
        for name, run in list(self.running.items()):
            if run.proc.poll() is not None:
                self._end(name, run)
        while self.queued and len(self.running) < max(1, cores()):
            self._start(self.queued.pop(0), env)

    def _start(self, name: str, env: dict[str, str]) -> None:
        folder = self.docs / name
        if not folder.is_dir():  # no searchable page in this bundle: no index
            return
        args = [*self.command, "--site", str(folder), *exclude_selectors()]
        args += ["--output-path", str(self.site / "pagefind" / name), "--silent"]
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _end or close
        try:
            proc = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env}
            )
        except OSError as exc:
            log.close()
            self.problems.append(Diagnostic("pagefind", None, f"search index not built: {exc}"))
            return
        self.running[name] = Run(proc, log)

    def _end(self, name: str, run: Run, timeout: float | None = None) -> None:
        try:
            run.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            run.proc.kill()
            run.proc.wait()
            self.problems.append(timed_out())
        else:
            run.log.seek(0)
            found = failed(name, run.proc.returncode, run.log.read())
            self.problems += found
            if not found:
                self.ended.append(name)
        run.log.close()
        del self.running[name]

    def finish(self, step: Stage | None = None) -> list[Diagnostic] | None:
        """Once the tree is complete: the bundles made here, published (problems as
        warnings), or None when they are not those of the finished tree."""
        html = html_inodes(self.site)
        if (
            (self.site / FAILED).exists()
            or any(self.left.values())
            or bundle_count(len(html), self.per_bundle) != self.count
            or any(
                BODY_MARK in (self.site / rel).read_bytes()
                for rel in html.keys() - self.bundle.keys()
            )
        ):
            self.close()
            shutil.rmtree(self.site / "pagefind", ignore_errors=True)
            (self.site / FAILED).unlink(missing_ok=True)
            return None
        if step is not None:
            step.begin(len(self.queued) + len(self.running) + len(self.ended))
            step.advance(len(self.ended))
        self._pump({})
        while self.running:
            name = next(iter(self.running))
            self._end(name, self.running[name], timeout=TIMEOUT)
            if step is not None:
                step.advance()
            self._pump({})
        target = self.site / "pagefind"
        if self.problems:
            shutil.rmtree(target, ignore_errors=True)
        else:
            publish(target, self.count, sorted(self.ended))
        self.close()
        return self.problems

    def close(self) -> None:
        """Stop what still runs and have the pages written for pagefind removed, in the
        background (any time; an index left half made in the new tree is removed now)."""
        for run in self.running.values():
            run.proc.kill()
            run.proc.wait()
            run.log.close()
        if self.running:
            shutil.rmtree(self.site / "pagefind", ignore_errors=True)
        self.running.clear()
        self.queued.clear()
        (self.site / FAILED).unlink(missing_ok=True)
        if not self.docs.is_dir():
            return
        if self.docs.is_relative_to(MEMORY):
            shutil.rmtree(self.docs, ignore_errors=True)
        else:  # a folder per page: removing it takes seconds on a busy disk
            remove_later(self.docs)


def scratch(out: Path, pages: int) -> Path:
    """A new folder for the pages pagefind reads: in memory when there is room (those a
    build that was killed left there are removed first)."""
    try:
        for stale in MEMORY.glob("sitegen-search-*-*"):
            if not alive(stale.name.split("-")[2]):
                shutil.rmtree(stale, ignore_errors=True)
        if shutil.disk_usage(MEMORY).free > ROOM * max(pages, 1000):
            return Path(tempfile.mkdtemp(prefix=f"sitegen-search-{os.getpid()}-", dir=MEMORY))
    except OSError:
        pass
    folder = out.with_name(f".{out.name}{TMP_MARK}search-{os.getpid()}")
    folder.mkdir()
    return folder


def early_search(
    out: Path, site: Path, pages: Sequence[str], per_bundle: int | None = None
) -> EarlySearch | None:
    """An early index for a build that will render ``pages`` into ``site``, when the
    output holds no search index a build could keep bundles of (then each bundle with a
    changed page is indexed after all, by ``index_site``)."""
    command = pagefind_command()
    if command is None:
        return None
    count = bundle_count(sum(rel.endswith(".html") for rel in pages), per_bundle)
    last = read_manifest(out)
    if last is not None and (last.version, last.count) == (pagefind_version(), count):
        return None
    return EarlySearch(out, site, pages, command, per_bundle)
