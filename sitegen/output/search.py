"""Static search: run pagefind over the finished output, before it is swapped in.

pagefind comes from PyPI (``pagefind[bin]``); without it the site is built
without search and the build says so once. Pages mark their body with
``data-pagefind-body`` and their round, actor and issue with
``data-pagefind-filter``. Source pages and notes are indexed in full; the pages
about an actor, a party, an issue or a round by their title and summary
(the facts at their top, and editor's notes) only (``SUMMARY_ONLY``): their
lists of quotes, positions and mentions repeat sentences of the source pages,
where a search finds them, and were 9 of the 15 MB of the index. Source pages leave out
their "what this report contributes" section (``FACTS_LEFT_OUT``): its people, quotes and
positions repeat the page's own text (a quarter of pagefind's work on them). While pagefind runs,
those pages stand cut to what it indexes of them (``sitegen.output.searchdocs``): the
same index, from a fifth of their bytes.

pagefind has no incremental mode, and indexing a whole site is most of a
rebuild's time after one article changed. So the pages are split by a stable
hash of their path into bundles of about ``BUNDLE_PAGES`` pages, each its own
pagefind index under ``pagefind/bNN/``; a build re-indexes only the bundles
holding a page that changed, hard-links the others from the previous output,
and the search page merges them (``mergeIndex``, listed in
``pagefind/bundles.json``). Results and filters are merged by pagefind's UI.
The preview's folder, updated in place, has its own in ``sitegen.serve.liveindex``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sitegen.ingest.pool import Tick, cores
from sitegen.ingest.progress import Stage
from sitegen.models import Diagnostic
from sitegen.output.searchdocs import search_document, summary_marks
from sitegen.output.write import html_inodes, link_or_copy
from sitegen.site.templating import SEARCH_KINDS

MISSING = (
    "pagefind is not installed, so the site has no search; "
    "install it with: pip install 'pagefind[bin]'"
)
BUNDLE_PAGES = 400
"""Pages per bundle to aim for in a built site: each bundle costs a reader's first
search a few more requests and a wasm instance (16 bundles at 1,500 pages: about
0.5 s more to the first result than 2, on a local server), and re-indexing one
after an edit takes about 0.3 s."""
PREVIEW_BUNDLE_PAGES = 50
"""Pages per bundle in ``serve``'s preview, where an edit's re-index is what the
editor waits for (about 0.1 s a bundle of 50 pages, twice that of 100) and the
reader is on the same machine (32 bundles at 1,500 pages: a first search about
0.2 s slower than with 16)."""
MAX_BUNDLES = 32
"""Each bundle costs the search page a few small requests and a wasm instance."""
MANIFEST = "bundles.json"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
"""Served from ``pagefind/`` itself (the search page loads them before the bundles)."""
BODY_MARK = b"data-pagefind-body"
WHOLE_PAGE = ".sitegen-whole"
"""Suffix of a page's name while its indexed part stands in its place (``cut_summaries``)."""
GLOB_SPECIAL = frozenset("*?[]{},\\!")
GLOB_LIMIT = 100_000
"""Characters of a glob, and the longest one argument may safely be (Linux: 128 KiB)."""
TIMEOUT = 600
SUMMARY_ONLY = ("actor", "party", "issue", "round")
"""Pages indexed by title and summary only: in their ``<main>``, every ``<section>`` (but
editor's notes) and the "on this page" ``<nav>`` are left out, by pagefind's
``--exclude-selectors`` (the same as ``data-pagefind-ignore`` on each, without touching
the templates, so a project's own templates get it too)."""
FACTS_LEFT_OUT = ("source",)
"""Pages indexed without their ``<section class="facts-from">`` (what the page's text
contributes to the briefing: names, quotes and positions taken from that text)."""


def exclude_selectors() -> list[str]:
    """pagefind's arguments leaving out the lists of ``SUMMARY_ONLY`` pages and the facts
    of ``FACTS_LEFT_OUT`` pages."""
    args = []
    for kind in SUMMARY_ONLY:
        main = f'main[data-pagefind-meta="kind:{SEARCH_KINDS[kind]}"]'
        args += ["--exclude-selectors", f"{main} section:not(.editor-notes)"]
        args += ["--exclude-selectors", f"{main} nav"]
    for kind in FACTS_LEFT_OUT:
        main = f'main[data-pagefind-meta="kind:{SEARCH_KINDS[kind]}"]'
        args += ["--exclude-selectors", f"{main} section.facts-from"]
    return args


@cache
def document_marks() -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """The marks of the pages ``search_document`` cuts: (summary pages, source pages)."""
    summaries = summary_marks(SEARCH_KINDS[kind] for kind in SUMMARY_ONLY)
    return summaries, summary_marks(SEARCH_KINDS[kind] for kind in FACTS_LEFT_OUT)


def indexed_part(html: bytes) -> bytes | None:
    """What pagefind reads instead of a page (``searchdocs.search_document``); None: the
    page itself."""
    return search_document(html, *document_marks())


@cache
def pagefind_command() -> tuple[str, ...] | None:
    """How to run pagefind here, or None when it is not installed."""
    if importlib.util.find_spec("pagefind") and importlib.util.find_spec("pagefind_bin"):
        try:  # the binary itself: ``python -m pagefind`` would only start Python to exec it
            import pagefind_bin

            return (str(pagefind_bin.get_executable()),)
        except Exception:  # noqa: BLE001 - any failure: let the wrapper find it
            return (sys.executable, "-m", "pagefind")
    found = shutil.which("pagefind")
    return (found,) if found else None


@cache
def pagefind_version() -> str:
    """Part of each bundle's identity: another pagefind may write other files, and
    other arguments index other words (so both are in it)."""
    rules = zlib.crc32("\0".join(exclude_selectors()).encode("utf-8"))
    for dist in ("pagefind_bin", "pagefind-bin", "pagefind"):
        try:
            return f"{importlib.metadata.version(dist)}+{rules:08x}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return f"unknown+{rules:08x}"


def bundle_count(pages: int, per_bundle: int | None = None) -> int:
    """A power of two near ``pages / per_bundle`` (default ``BUNDLE_PAGES``), so the
    count (and with it every page's bundle) changes only when the site doubles or
    halves."""
    per = per_bundle or BUNDLE_PAGES
    count = 1
    while count < MAX_BUNDLES and count * per < pages:
        count *= 2
    return count


def bundle_name(number: int) -> str:
    return f"b{number:02d}"


def bundle_of(rel: str, count: int) -> str:
    """The bundle a page belongs to: a hash of its path, the same in every build."""
    return bundle_name(zlib.crc32(rel.encode("utf-8")) % count)


@dataclass(slots=True)
class Manifest:
    """What ``pagefind/bundles.json`` records: enough to tell whether a bundle of the
    previous output still fits this build's split."""

    count: int
    version: str
    bundles: list[str]
    """Bundles that hold an index, in order (the search page merges these)."""

    def to_json(self) -> str:
        data = {"count": self.count, "pagefind": self.version, "bundles": self.bundles}
        return json.dumps(data, sort_keys=True) + "\n"


def read_manifest(site: Path) -> Manifest | None:
    try:
        data = json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
        bundles = [str(b) for b in data["bundles"]]
        return Manifest(int(data["count"]), str(data["pagefind"]), bundles)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def changed_pages(new: Path, old: Path) -> tuple[dict[str, int], set[str]]:
    """The new tree's pages (path -> inode) and the paths that differ from the
    previous output: new, gone or other bytes. Pages carried over are hard links,
    so only those with a new inode are read."""
    new_pages = html_inodes(new)
    old_pages = html_inodes(old) if old.is_dir() else {}
    changed = new_pages.keys() ^ old_pages.keys()
    for rel in new_pages.keys() & old_pages.keys():
        if new_pages[rel] != old_pages[rel] and (
            (new / rel).read_bytes() != (old / rel).read_bytes()
        ):
            changed.add(rel)
    return new_pages, changed


def _link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (a bundle kept from the previous output)."""
    for dirpath, _dirs, names in os.walk(source):
        folder = Path(dirpath)
        into = target / folder.relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            path = folder / name
            if path.is_symlink():
                continue
            link_or_copy(path, into / name)


def searchable(site: Path, pages: Iterable[str]) -> list[str]:
    """The pages pagefind should index: those marking a body (not the search page or
    404, which it would index whole when nothing else in its run has a body)."""
    return [rel for rel in sorted(pages) if BODY_MARK in (site / rel).read_bytes()]


def cut_summaries(site: Path, pages: list[str], swapped: list[tuple[Path, Path]]) -> list[str]:
    """``pages`` (from ``searchable``), each page indexed by title and summary replaced,
    for the time of indexing, by the part of it that is indexed
    (``searchdocs.summary_document``): the page itself is renamed aside and listed in
    ``swapped`` as (aside, page), for ``put_back``. Only in a new tree that nobody reads
    yet."""
    for rel in pages:
        path = site / rel
        doc = indexed_part(path.read_bytes())
        if doc is not None:
            aside = path.with_name(f".{path.name}{WHOLE_PAGE}")
            os.rename(path, aside)
            swapped.append((aside, path))
            path.write_bytes(doc)
    return pages


def put_back(swapped: list[tuple[Path, Path]]) -> None:
    """The whole pages where ``cut_summaries`` put their indexed parts."""
    for aside, path in swapped:
        os.replace(aside, path)


def pagefind_args(site: Path, pages: list[str], stage: Path) -> list[str]:
    """pagefind's arguments to index just ``pages``: a glob naming them, or, for paths
    a glob cannot name plainly (or too many for one argument), a folder of hard
    links to them at their own paths (so the URLs stay right)."""
    glob = "{" + ",".join(pages) + "}"
    if len(glob) < GLOB_LIMIT and not any(c in GLOB_SPECIAL for rel in pages for c in rel):
        return ["--site", str(site), "--glob", glob]
    for rel in pages:
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site / rel, target)
    return ["--site", str(stage)]


Job = tuple[str, list[str], Path]
"""A pagefind run: (bundle, what to index as pagefind's arguments, output folder)."""


def timed_out() -> Diagnostic:
    return Diagnostic("pagefind", None, "search index not built: timed out")


def failed(name: str, returncode: int, said: bytes) -> list[Diagnostic]:
    """A pagefind run's outcome as warnings: none, or its last line of output."""
    if returncode == 0:
        return []
    lines = said.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
    return [Diagnostic("pagefind", None, f"search index not built ({name}): {lines[0]}")]


def run_all(
    jobs: Iterable[Job], command: tuple[str, ...], tick: Tick | None = None
) -> list[Diagnostic]:
    """Run pagefind for each (bundle, what to index, output), as many at once as there
    are cores; a failure becomes a warning naming the bundle. ``tick``: told of each
    run that ends. Each job is taken from ``jobs`` when a run can start, so a generator
    may prepare the next bundle while the first ones are indexed."""
    problems: list[Diagnostic] = []
    waiting = iter(jobs)
    more = True
    running: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        while more or running:
            while more and len(running) < max(1, cores()):
                job = next(waiting, None)
                if job is None:
                    more = False
                    break
                name, where, output = job
                args = [*command, *where, *exclude_selectors(), "--output-path", str(output)]
                args.append("--silent")
                try:
                    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                except OSError as exc:
                    problems.append(Diagnostic("pagefind", None, f"search index not built: {exc}"))
                    continue
                running.append((name, proc))
            if not running:
                continue
            name, proc = running.pop(0)
            try:
                said, _ = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                problems.append(timed_out())
                continue
            finally:
                if tick is not None:
                    tick(1)
            problems += failed(name, proc.returncode, said)
    finally:
        for _name, proc in running:
            proc.kill()
            proc.wait()
    return problems


def index_site(
    site: Path,
    previous: Path | None = None,
    *,
    per_bundle: int | None = None,
    step: Stage | None = None,
) -> list[Diagnostic]:
    """Build the search index into ``site/pagefind/`` of a new tree, re-indexing only
    the bundles with a page that differs from ``previous`` (the last output) and
    hard-linking the others from there. ``per_bundle``: pages per bundle to aim for
    (default ``BUNDLE_PAGES``). Problems come back as warnings; ``step`` counts the
    bundles indexed. (The preview's folder, updated in place, has
    ``sitegen.serve.liveindex``.)"""
    command = pagefind_command()
    if command is None:
        return [Diagnostic("pagefind", None, MISSING)]
    old = previous if previous is not None and previous.is_dir() else None
    pages, touched = changed_pages(site, old) if old is not None else (html_inodes(site), set())
    count = bundle_count(len(pages), per_bundle)
    last = read_manifest(old) if old else None
    reusable = last is not None and last.count == count and last.version == pagefind_version()
    members = split(pages, count)
    dirty = {bundle_of(rel, count) for rel in touched} if reusable else set(members)
    target = site / "pagefind"
    stage_root = site / ".pagefind-stage"
    todo: list[tuple[str, list[str]]] = []
    kept: list[str] = []
    swapped: list[tuple[Path, Path]] = []

    def jobs() -> Iterator[Job]:
        """Each bundle's job, its summary pages cut as it is about to start (the cutting
        of the next bundles overlaps the first runs)."""
        for name, found in todo:
            cut = cut_summaries(site, found, swapped)
            yield name, pagefind_args(site, cut, stage_root / name), target / name

    try:
        for name in sorted(members):
            before = old / "pagefind" / name if old is not None else None
            if name not in dirty and before and (before / "pagefind-entry.json").is_file():
                _link_tree(before, target / name)
                kept.append(name)
            elif found := searchable(site, members[name]):
                todo.append((name, found))
        if step is not None:
            step.begin(len(todo))
        problems = run_all(jobs(), command, step.advance if step is not None else None)
    finally:
        put_back(swapped)
        shutil.rmtree(stage_root, ignore_errors=True)
    if problems:
        shutil.rmtree(target, ignore_errors=True)
        return problems
    publish(target, count, sorted(kept + [name for name, _found in todo]))
    return []


def split(pages: Iterable[str], count: int) -> dict[str, list[str]]:
    """Bundle name -> its pages, in order."""
    members: dict[str, list[str]] = {}
    for rel in sorted(pages):
        members.setdefault(bundle_of(rel, count), []).append(rel)
    return members


def publish(target: Path, count: int, bundles: list[str]) -> None:
    """Point the search page at these bundles: the UI files and ``bundles.json``."""
    if not bundles:
        return
    for name in UI_FILES:
        source, link = target / bundles[0] / name, target / name
        if source.is_file():
            link.unlink(missing_ok=True)
            link.hardlink_to(source)
    manifest = target / MANIFEST
    fresh = manifest.with_name(f".{MANIFEST}-new")
    fresh.write_text(Manifest(count, pagefind_version(), bundles).to_json(), encoding="utf-8")
    fresh.replace(manifest)
