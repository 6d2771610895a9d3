"""The on-disk gather cache: every article's parse, facts and clues in one file.

Gathering an article (parsing, extraction, the clues grouping reads) depends
only on its raw bytes and name, what its sidecar sets before extraction, the
code and word lists of sitegen, and the issue taxonomy from ``site.yaml``. So
the entries live in ``PROJECT_DIR/.cache/sitegen/gather/<fingerprint>.json``:
the fingerprint covers the code, the data files and the taxonomy (change any
and the whole file is stale), each entry's key covers its article.

One file, not one per article: a warm rebuild reads every entry, and one read
is far cheaper than thousands. JSON, not pickle, so that a cache folder that
came with someone else's project can never run code. The file's first line
holds the schema, the fingerprint and a hash of the rest, so a truncated or
damaged file is seen as such before anything in it is used: it is ignored
(everything is gathered afresh and the file rewritten), never trusted and
never fatal. It also holds an HMAC of the rest under the user's own key
(``sitegen.brief.cachekey``), so a file edited by hand, with its hash fixed, or one
committed to a cloned project, is ignored the same way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sitegen
from sitegen.brief.cachekey import seal, sealed
from sitegen.ingest.safeio import read_regular, write_new

SCHEMA = 4
"""Bump when the layout of the file or of an entry changes."""
Later = list[Callable[[], None]]
"""Cache writes a caller may run once the site is shown (``serve`` does, after the
browsers were told to reload): they change nothing the next build could get wrong,
only what it would find ready."""


def run_or_defer(job: Callable[[], None], later: Later | None) -> None:
    """Run ``job`` now, or put it on ``later`` for a caller that shows the site first."""
    if later is None:
        job()
    else:
        later.append(job)


PACKAGE_DIR = Path(sitegen.__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
MAX_CACHE_BYTES = 1 << 31
"""A cache file larger than this is not ours (10,000 articles make about 60 MB)."""


class CacheEntryError(ValueError):
    """A cache file that is not what we wrote; everything is gathered afresh."""


# ------------------------------------------------------------------ fingerprints


@functools.cache
def code_fingerprint() -> str:
    """Hash of the sitegen sources that are running (read once: the code cannot change)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def data_fingerprint(folder: Path) -> str:
    """Hash of the word lists, read once per process like ``sitegen.data.load`` reads
    them: a file edited while ``serve`` runs is not what its extraction uses."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def fingerprint(taxonomy: object) -> str:
    """What every entry depends on besides its article: version, code, data, taxonomy.

    ``taxonomy`` is anything with a stable ``repr`` that stands for the issues of
    ``site.yaml`` (the list of ``IssueSpec``).
    """
    parts = [
        f"schema={SCHEMA}",
        f"version={sitegen.__version__}",
        f"code={code_fingerprint()}",
        f"data={data_fingerprint(DATA_DIR)}",
        f"taxonomy={taxonomy!r}",
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def entry_key(*parts: object) -> str:
    """Hash of everything an entry depends on besides the fingerprint (``repr``-stable
    values: the raw file's hash and name, the sidecar's edits)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ the store


@dataclass(slots=True)
class CacheStats:
    """What one build got from the cache (for progress lines, tests and the benchmark)."""

    hits: int = 0
    misses: int = 0
    """Articles gathered afresh (not found, stale or corrupt)."""
    corrupt: int = 0
    """Files or entries found but unreadable; what they held was gathered afresh."""
    stored: int = 0
    extracted: list[str] = field(default_factory=list)
    """Ids of the articles extracted afresh, in order."""


class GatherCache:
    """JSON entries by key for one fingerprint; every I/O failure is a miss.

    The file holds one entry a line (``KEY JSON``) after the header, and each stays
    the text it was read as until it is used: saving after one article changed
    encodes that one entry afresh, not all of them.
    """

    FOLDER = "gather"
    """Where in the cache folder the file is (a subclass keeps other entries apart)."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.path = root / self.FOLDER / f"{fingerprint[:32]}.json"
        self.stats = CacheStats()
        self._lines: dict[str, str] = {}
        self._parsed: dict[str, Any] = {}
        """Entries parsed so far: a cache kept open between builds parses each once."""
        self._changed = False
        self._load()

    def _load(self) -> None:
        try:
            raw = read_regular(self.path, MAX_CACHE_BYTES, follow=False)
        except OSError:
            return
        head, _, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            if (
                type(header) is not dict
                or header.get("schema") != SCHEMA
                or header.get("fingerprint") != self.fingerprint
                or header.get("sha256") != hashlib.sha256(body).hexdigest()
                or not sealed(header.get("hmac"), self.fingerprint.encode(), body)
            ):
                raise CacheEntryError("not our file")
            lines: dict[str, str] = {}
            for line in body.decode("utf-8").split("\n") if body else []:
                key, space, entry = line.partition(" ")
                if not space:
                    raise CacheEntryError("not our file")
                lines[key] = entry
        except (ValueError, RecursionError):
            self.stats.corrupt += 1
            return
        self._lines = lines

    def get(self, key: str) -> Any:
        """The entry stored under ``key``, or None (an entry that is not JSON is dropped)."""
        found = self._parsed.get(key)
        if found is not None:
            return found
        line = self._lines.get(key)
        if line is None:
            return None
        try:
            found = self._parsed[key] = json.loads(line)
        except (ValueError, RecursionError):
            self.drop(key)
            return None
        return found

    def drop(self, key: str) -> None:
        """Forget an entry that turned out unusable (it is rewritten when gathered)."""
        self._parsed.pop(key, None)
        if self._lines.pop(key, None) is not None:
            self.stats.corrupt += 1
            self._changed = True

    def put(self, key: str, entry: Any) -> None:
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: such text is not worth remembering
            return
        self._lines[key] = line
        self._parsed.pop(key, None)
        self.stats.stored += 1
        self._changed = True

    def save(self, keep: Iterable[str]) -> None:
        """Write the entries of ``keep`` (the articles of this build) if anything changed,
        atomically; other fingerprints' files and the old one-file-per-article layout go."""
        wanted = set(keep)
        if set(self._lines) - wanted:
            self._lines = {k: v for k, v in self._lines.items() if k in wanted}
            self._parsed = {k: v for k, v in self._parsed.items() if k in wanted}
            self._changed = True
        if not self._changed:
            return
        body = "\n".join(f"{key} {line}" for key, line in self._lines.items()).encode("utf-8")
        header = {
            "schema": SCHEMA,
            "fingerprint": self.fingerprint,
            "sha256": hashlib.sha256(body).hexdigest(),
            "hmac": seal(self.fingerprint.encode(), body),
        }
        store_newest(self.path, json.dumps(header).encode("ascii") + b"\n" + body, keep=1)
        shutil.rmtree(self.root / "facts", ignore_errors=True)  # the layout of schema 1
        self._changed = False


class CacheShelf:
    """The gather cache kept open between the builds of a long-lived process (``serve``):
    its file is read, and each entry parsed, once rather than on every rebuild. The
    entries are keyed by content, so one kept open stays right whatever happens to
    the file meanwhile; another fingerprint or cache folder opens another. One cache
    of each kind (``GatherCache`` or a subclass with its own folder) is kept."""

    def __init__(self) -> None:
        self._open: dict[type[GatherCache], GatherCache] = {}

    def open(
        self, root: Path, fingerprint: str, kind: type[GatherCache] | None = None
    ) -> GatherCache:
        cls = kind or GatherCache
        cache = self._open.get(cls)
        if cache is None or cache.root != root or cache.fingerprint != fingerprint:
            cache = self._open[cls] = cls(root, fingerprint)
        else:
            cache.stats = CacheStats()  # counted per build
        return cache


def store_newest(path: Path, text: str | bytes, keep: int) -> None:
    """Write ``text`` to ``path`` atomically, then keep only the ``keep`` newest JSON
    files beside it (``check`` builds into a new folder each time); a read-only
    cache folder just means nothing is remembered."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(tmp, text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):
        found = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in found[keep:]:
            old.unlink(missing_ok=True)
