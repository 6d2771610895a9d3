"""The preview's search index: updated in place, bundle by bundle, and started early.

``sitegen serve`` rewrites its private output file by file (``write.update_site``),
and the search index follows: each bundle (``sitegen.output.search``) holding a page that
changed is indexed again and swapped in with one rename. pagefind takes most of
such a rebuild, and most of what comes before it (every page's key, to learn which
pages changed) cannot tell it anything about the page that changed most surely:
the edited article's own. So the build renders that page first and ``start``s
pagefind on its bundle (the page's new bytes, the bundle's other pages as they
are) on the other core, while it works out the rest. ``finish`` keeps such an
early index only when no other page of its bundle changed after all, and indexes
every other bundle with a changed page then, as it would have without a start.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sitegen.ingest.pool import cores
from sitegen.models import Diagnostic
from sitegen.output.search import (
    BODY_MARK,
    MISSING,
    PREVIEW_BUNDLE_PAGES,
    TIMEOUT,
    Job,
    bundle_count,
    bundle_of,
    exclude_selectors,
    failed,
    pagefind_args,
    pagefind_command,
    pagefind_version,
    publish,
    read_manifest,
    run_all,
    searchable,
    split,
    timed_out,
)
from sitegen.output.write import link_or_copy

ONE_THREAD = {"RAYON_NUM_THREADS": "1"}
"""pagefind's environment for an early run, over ours: one thread, leaving the other
core to the build it runs beside."""


@dataclass(slots=True)
class Early:
    """A pagefind run started before the build knew every changed page."""

    pages: frozenset[str]
    """The pages it indexed with their new bytes."""
    proc: subprocess.Popen[bytes]
    output: Path
    log: IO[bytes]


class LiveIndex:
    """The search index of one in-place update: ``start`` (any number of times), then
    ``finish`` once the pages are written; ``close`` in any case."""

    def __init__(
        self,
        site: Path,
        pages: Iterable[str],
        per_bundle: int = PREVIEW_BUNDLE_PAGES,
        trash: Path | None = None,
    ) -> None:
        """``pages``: the site's page files as this build will leave them. ``trash``: where
        the replaced bundles go (one rename each) for the caller to remove once the
        browsers have the new site; without one they are removed here."""
        self.site = site
        self.trash = trash
        self.target = site / "pagefind"
        self.stage = site.with_name(f".{site.name}.pagefind-stage")
        """Beside the site, not in it: the build writes the site while pagefind reads this."""
        self.per_bundle = per_bundle
        self.command = pagefind_command()
        self.early: dict[str, Early] = {}
        self._layout(pages)

    def _layout(self, pages: Iterable[str]) -> None:
        self.pages = frozenset(rel for rel in pages if rel.endswith(".html"))
        self.count = bundle_count(len(self.pages), self.per_bundle)
        last = read_manifest(self.site)
        self.reusable = (
            last is not None and last.count == self.count and last.version == pagefind_version()
        )
        self.members = split(self.pages, self.count)

    def start(self, fresh: dict[str, bytes]) -> None:
        """Index the bundles of these pages now, each as it will be if nothing else in it
        changes: these pages with their new bytes (the build must write exactly these),
        its other pages as they are. At most one run per core; the rest wait for
        ``finish``."""
        if self.command is None or not self.reusable:
            return
        chosen: dict[str, list[str]] = {}
        for rel in sorted(fresh.keys() & self.pages):
            chosen.setdefault(bundle_of(rel, self.count), []).append(rel)
        for name, rels in sorted(chosen.items()):
            if len(self.early) >= cores():
                break
            stage = self.stage / name
            if not self._stage(name, fresh, stage):
                continue
            output = self.target / f".{name}-early"
            shutil.rmtree(output, ignore_errors=True)
            args = [*self.command, "--site", str(stage), *exclude_selectors()]
            args += ["--output-path", str(output), "--silent"]
            log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _wait or _drop
            try:
                proc = subprocess.Popen(
                    args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **ONE_THREAD}
                )
            except OSError:
                log.close()
                continue  # finish indexes it the ordinary way, and says what failed
            self.early[name] = Early(frozenset(rels), proc, output, log)

    def _stage(self, name: str, fresh: dict[str, bytes], stage: Path) -> bool:
        """A folder with the bundle's searchable pages at their own paths; False if none."""
        shutil.rmtree(stage, ignore_errors=True)
        staged = False
        for rel in self.members[name]:
            data = fresh.get(rel)
            source = self.site / rel
            if data is None:
                try:  # a page not there yet is new: the bundle is indexed again anyway
                    data = source.read_bytes()
                except OSError:
                    continue
            if BODY_MARK not in data:
                continue
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in fresh:
                target.write_bytes(data)
            else:
                link_or_copy(source, target)
            staged = True
        return staged

    def finish(self, pages: Iterable[str], changed: set[str]) -> list[Diagnostic]:
        """Bring the index in line with the site as now written: ``pages`` are its page
        files, ``changed`` the files this build wrote or removed. An early bundle is
        kept when every page of it that changed was indexed early with the bytes now
        written; every other bundle with a changed page is indexed again. On a failure
        the last index stays (a little stale beats none) and the problem is returned."""
        if self.command is None:
            return [Diagnostic("pagefind", None, MISSING)]
        final = frozenset(rel for rel in pages if rel.endswith(".html"))
        if final != self.pages:  # another split: nothing started early fits
            self.close()
            self._layout(final)
        touched = {rel for rel in changed if rel.endswith(".html")}
        if self.reusable:
            dirty = {bundle_of(rel, self.count) for rel in touched}
            dirty |= {
                n for n in self.members if not (self.target / n / "pagefind-entry.json").exists()
            }
        else:  # another split or another pagefind: every bundle is new
            dirty = set(self.members)
        dirty &= self.members.keys()  # a bundle whose last page went is just dropped
        early: dict[str, Early] = {}
        for name, run in self.early.items():
            if name in dirty and touched.intersection(self.members[name]) <= run.pages:
                early[name] = run
            else:
                _drop(run)
        self.early = {}
        jobs: list[Job] = []
        try:
            for name in sorted(dirty - early.keys()):
                if found := searchable(self.site, self.members[name]):
                    output = self.target / f".{name}-new"
                    shutil.rmtree(output, ignore_errors=True)
                    jobs.append((name, pagefind_args(self.site, found, self.stage / name), output))
            problems = run_all(jobs, self.command)
            problems += [p for name, run in sorted(early.items()) for p in _wait(name, run)]
        except BaseException:
            for run in early.values():
                _drop(run)
            raise
        finally:
            discard(self.stage, self.trash)
        done = [(name, output) for name, _args, output in jobs]
        done += [(name, run.output) for name, run in early.items()]
        if problems:
            for _name, output in done:
                shutil.rmtree(output, ignore_errors=True)
            return problems
        kept = [n for n in self.members if n not in dirty]
        bundles = sorted(kept + [name for name, _output in done])
        _settle(self.target, done, bundles, self.trash)
        publish(self.target, self.count, bundles)
        return []

    def close(self) -> None:
        """Stop whatever was started early and remove its traces."""
        for run in self.early.values():
            _drop(run)
        self.early = {}
        shutil.rmtree(self.stage, ignore_errors=True)


def _wait(name: str, run: Early) -> list[Diagnostic]:
    try:
        run.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _drop(run)
        return [timed_out()]
    run.log.seek(0)
    said = run.log.read()
    run.log.close()
    return failed(name, run.proc.returncode, said)


def _drop(run: Early) -> None:
    if run.proc.poll() is None:
        run.proc.kill()
    run.proc.wait()
    run.log.close()
    shutil.rmtree(run.output, ignore_errors=True)


def discard(path: Path, trash: Path | None) -> None:
    """Remove ``path``: now, or with ``trash`` by moving it there (one rename, where
    removing a bundle's hundreds of files takes a tenth of a second)."""
    if trash is not None:
        try:
            trash.mkdir(exist_ok=True)
            path.rename(trash / f"{path.name}-{secrets.token_hex(6)}")
            return
        except FileNotFoundError:
            if not trash.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            return
        except OSError:
            pass  # another file system, say: removed now
    shutil.rmtree(path, ignore_errors=True)


def _settle(
    target: Path, done: list[tuple[str, Path]], bundles: list[str], trash: Path | None = None
) -> None:
    """Put freshly indexed bundles in place of their old selves, and drop bundles this
    split no longer has (each move is one rename; a search in between still works)."""
    for name, output in done:
        final, old = target / name, target / f".{name}-old"
        if final.exists():
            final.rename(old)
        output.rename(final)
        discard(old, trash)
    if target.is_dir():
        for folder in target.iterdir():
            if folder.is_dir() and folder.name not in bundles:
                shutil.rmtree(folder, ignore_errors=True)
