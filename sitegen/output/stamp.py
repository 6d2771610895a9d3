"""Skip a build whose inputs, and whose output, are exactly as the last build left them.

A build is a pure function of the project's files, sitegen's own files and
versions, the base URL and a few switches. So ``sitegen build`` writes a stamp
beside the extraction cache: a hash of all of that, and the size, mtime and
inode of every file it left in the output. When the next build finds the same
hash and the output untouched, the site it would write is the one already
there, so it reports the last result instead of rendering every page again
(make and ninja decide the same way). Anything that differs, a byte of an
article, a template, a file deleted from the output, means a full build. A
stamp that cannot be read is no stamp.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sitegen
from sitegen.brief.cache import store_newest
from sitegen.config import Config
from sitegen.ingest.safeio import MAX_SOURCE_BYTES as MAX_ARTICLE_BYTES
from sitegen.ingest.safeio import read_regular
from sitegen.models import Diagnostic
from sitegen.output.write import scan_files

STAMP_SCHEMA = 1
KEEP_STAMPS = 8
"""Stamps kept per project: one per output folder, and ``check`` builds into a new
temporary folder each time, so the oldest beyond this many are dropped."""
PACKAGE_DIR = Path(sitegen.__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "pagefind")
"""Libraries whose version can change the bytes of a page or of the search index."""


def _files(folder: Path) -> list[tuple[str, str]]:
    """Every file below ``folder`` in a stable order, skipping caches of bytecode, as
    (path, path relative to ``folder`` with ``/``): strings, not ``Path`` objects, which
    cost a warm build of 1,000 articles 0.05 s to make."""
    if not folder.is_dir():
        return []
    root = str(folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel == "." else f"{rel}/"
        found += [(os.path.join(dirpath, name), prefix + name) for name in sorted(filenames)]
    return found


def _project_bytes(path: Path) -> bytes:
    """A project file's bytes; for a FIFO, a device or a file over the cap (which the
    build refuses anyway) only its type, size and time, so the digest never blocks
    on a FIFO nor reads ``/dev/zero`` for ever."""
    try:
        return read_regular(path, MAX_ARTICLE_BYTES)
    except OSError:
        try:
            info = os.stat(path)
        except OSError:
            return b"<unreadable>"
        return f"<{info.st_mode:o} {info.st_size} {info.st_mtime_ns}>".encode()


def _dist_key(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def _installed() -> dict[str, str]:
    """Installed distributions (normalised name -> version), read from the names of
    their ``*.dist-info`` folders along ``sys.path``, the first found winning as for
    an import: what ``importlib.metadata.version`` answers, without importing it
    (with the ``email`` package it needs: a fifth of a warm build's start-up)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            stem = folder.removesuffix(".dist-info")
            if stem != folder and stem.count("-") == 1:
                name, version = stem.split("-")
                found.setdefault(_dist_key(name), version)
    return found


def _version(name: str) -> str:
    return _installed().get(_dist_key(name), "-")


def inputs_digest(config: Config, *, strict: bool, search: bool) -> str:
    """Hash of everything a build reads: project files, settings, sitegen, libraries.

    Read afresh each time (a few megabytes even at 10,000 articles), never cached:
    an edit to a template or to sitegen itself between two builds must count.
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)

    add("schema", str(STAMP_SCHEMA).encode())
    add("python", sys.version.encode())
    for name in LIBRARIES:
        add(name, _version(name).encode())
    add("config", repr(config).encode())
    add("switches", f"strict={strict} search={search}".encode())
    add("epoch", os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for path, rel in _files(PACKAGE_DIR):
        with open(path, "rb") as source:
            add(f"pkg/{rel}", source.read())
    sources = [config.seeds_dir, config.content_dir, config.templates_dir]
    for folder in sources:
        under = folder.relative_to(config.root).as_posix()
        for path, rel in _files(folder):
            add(f"project/{under}/{rel}", _project_bytes(Path(path)))
    site = config.root / "site.yaml"
    if site.is_file():
        add("project/site.yaml", site.read_bytes())
    return digest.hexdigest()


def output_manifest(out: Path) -> dict[str, list[int]]:
    """Each output file's (size, mtime_ns, inode): a changed or missing one shows."""
    manifest: dict[str, list[int]] = {}
    for rel, entry in scan_files(out):
        info = entry.stat(follow_symlinks=False)
        manifest[rel] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return dict(sorted(manifest.items()))


@dataclass(slots=True)
class Stamp:
    """What the last build of one output folder read and left, and what it reported."""

    inputs: str
    files: dict[str, list[int]]
    pages: int
    outputs: int
    """Files the build reported (written or unchanged), not counting the search index."""
    articles: int
    search: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)


def stamp_path(config: Config, out: Path) -> Path:
    """One stamp per output folder, in the project's cache."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return config.cache_dir / "builds" / f"{name}.json"


def _diagnostic(raw: Any) -> Diagnostic:
    if not isinstance(raw, dict) or set(raw) != {"file", "line", "message", "level"}:
        raise ValueError("not a diagnostic")
    if raw["level"] not in ("warning", "error") or not isinstance(raw["message"], str):
        raise ValueError("not a diagnostic")
    line = raw["line"]
    if not isinstance(raw["file"], str) or not (line is None or type(line) is int):
        raise ValueError("not a diagnostic")
    return Diagnostic(raw["file"], line, raw["message"], raw["level"])


def read_stamp(path: Path) -> Stamp | None:
    """The stamp, or None when it is missing or not exactly what ``write_stamp`` wrote."""
    try:
        raw = json.loads(read_regular(path, follow=False))
        if not isinstance(raw, dict) or raw.get("schema") != STAMP_SCHEMA:
            return None
        files = raw["files"]
        if not isinstance(files, dict) or not all(
            isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v)
            for v in files.values()
        ):
            return None
        inputs, pages, outputs, articles, search = (
            raw["inputs"],
            raw["pages"],
            raw["outputs"],
            raw["articles"],
            raw["search"],
        )
        if not isinstance(inputs, str) or {type(pages), type(outputs), type(articles)} != {int}:
            return None
        if type(search) is not bool:
            return None
        diagnostics = [_diagnostic(d) for d in raw["diagnostics"]]
        return Stamp(inputs, files, pages, outputs, articles, search, diagnostics)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def write_stamp(path: Path, stamp: Stamp) -> None:
    """Write atomically; a read-only project simply never skips a build."""
    entry = {"schema": STAMP_SCHEMA, **asdict(stamp)}
    store_newest(path, json.dumps(entry, ensure_ascii=False), KEEP_STAMPS)


def forget(path: Path) -> None:
    """Drop the stamp before a build changes the output, so a build that dies half way
    can never be mistaken for a finished one."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def still_fresh(path: Path, inputs: str, out: Path) -> Stamp | None:
    """The last build's stamp when the same inputs built exactly the output now there."""
    stamp = read_stamp(path)
    if stamp is None or stamp.inputs != inputs or not out.is_dir():
        return None
    return stamp if output_manifest(out) == stamp.files else None
