"""The on-disk extraction cache: one JSON file per article's facts, keyed by content.

Extraction is the slow part of a build and depends only on the article (its raw
bytes plus what its sidecar sets before extraction), the code and word lists of
sitegen, and the issue taxonomy from ``site.yaml``. So each ``ArticleFacts`` is
stored under ``PROJECT_DIR/.cache/sitegen/facts/<fingerprint>/<key>.json``: the
fingerprint covers the code, the data files and the taxonomy (change any and the
whole folder is stale), the key covers the article. JSON, not pickle, so that a
cache folder that came with someone else's project can never run code; an entry
that does not decode to exactly the expected shape is treated as missing and
rewritten, never trusted and never fatal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import shutil
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sitegen
from sitegen.models import Article, ArticleFacts
from sitegen.pool import map_ordered

SCHEMA = 1
"""Bump when the layout of an entry changes."""
PACKAGE_DIR = Path(sitegen.__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
AFTER_EXTRACTION = frozenset({"date", "date_basis", "round"})
"""Article fields set after extraction, so not part of what extraction saw."""


class CacheEntryError(ValueError):
    """A cache entry that is not what we wrote; the caller re-extracts."""


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


def article_key(article: Article) -> str:
    """Hash of everything extraction can read from ``article`` (sidecar edits included)."""
    seen = [
        (f.name, getattr(article, f.name))
        for f in dataclasses.fields(article)
        if f.name not in AFTER_EXTRACTION
    ]
    return hashlib.sha256(repr(seen).encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ JSON <-> facts

Decoder = Callable[[Any], Any]


def _scalar(kind: type) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not kind:
            raise CacheEntryError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return decode


def _decoder(hint: Any) -> Decoder:
    """A strict decoder for one annotated type of ``models.py``."""
    origin = typing.get_origin(hint)
    if hint is str or hint is int or hint is bool:
        return _scalar(hint)
    if hint is type(None):
        return _scalar(type(None))
    if origin is typing.Literal:
        allowed = set(typing.get_args(hint))

        def literal(value: Any) -> Any:
            if not isinstance(value, str) or value not in allowed:
                raise CacheEntryError(f"unexpected value {value!r}")
            return value

        return literal
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(arg) for arg in typing.get_args(hint)]

        def union(value: Any) -> Any:
            for option in options:
                try:
                    return option(value)
                except CacheEntryError:
                    continue
            raise CacheEntryError(f"unexpected value {value!r}")

        return union
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        item = _decoder(item_hint)

        def listing(value: Any) -> Any:
            if type(value) is not list:
                raise CacheEntryError("expected a list")
            return [item(v) for v in value]

        return listing
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    raise TypeError(f"no cache decoder for {hint!r}")  # a programming error, found by tests


@functools.cache
def _record_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    plan = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
    names = {name for name, _ in plan}

    def record(value: Any) -> Any:
        if type(value) is not dict or set(value) != names:
            raise CacheEntryError(f"not a {cls.__name__}")
        return cls(**{name: decode(value[name]) for name, decode in plan})

    return record


def facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    return dataclasses.asdict(facts)


def facts_from_json(value: Any) -> ArticleFacts:
    """Rebuild ``ArticleFacts``; raise ``CacheEntryError`` on anything unexpected."""
    facts = _record_decoder(ArticleFacts)(value)
    assert isinstance(facts, ArticleFacts)
    return facts


# ------------------------------------------------------------------ the store


@dataclass(slots=True)
class CacheStats:
    """What one build got from the cache (for progress lines, tests and the benchmark)."""

    hits: int = 0
    misses: int = 0
    """Articles extracted afresh (not found, stale or corrupt)."""
    corrupt: int = 0
    """Entries found but unreadable; they were re-extracted and rewritten."""
    stored: int = 0
    extracted: list[str] = field(default_factory=list)
    """Ids of the articles extracted afresh, in order."""


class ExtractionCache:
    """Facts by article key in one fingerprint's folder; every I/O failure is a miss."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.folder = root / "facts" / fingerprint[:32]
        self.stats = CacheStats()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> ArticleFacts | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            if (
                type(entry) is not dict
                or entry.get("schema") != SCHEMA
                or entry.get("key") != key
                or entry.get("fingerprint") != self.fingerprint
            ):
                raise CacheEntryError("not our entry")
            return facts_from_json(entry.get("facts"))
        except (ValueError, TypeError, RecursionError):
            self.stats.corrupt += 1
            return None

    def put(self, key: str, facts: ArticleFacts) -> None:
        """Write atomically (a temporary file renamed in); a read-only project just misses."""
        entry = {
            "schema": SCHEMA,
            "key": key,
            "fingerprint": self.fingerprint,
            "facts": facts_to_json(facts),
        }
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
            self.stats.stored += 1
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)

    def prune(self, keep: Iterable[str]) -> None:
        """Drop other fingerprints' folders and entries of articles no longer in the build."""
        wanted = {f"{key}.json" for key in keep}
        try:
            for other in (self.root / "facts").iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            for entry in self.folder.iterdir():
                if entry.name not in wanted and not entry.name.endswith(".tmp"):
                    entry.unlink(missing_ok=True)
        except OSError:
            return


def extract_cached(
    articles: list[Article],
    run: Callable[[Article], ArticleFacts],
    cache: ExtractionCache | None,
    *,
    workers: int | None = None,
) -> tuple[list[ArticleFacts], CacheStats]:
    """Facts for every article, in order: from ``cache`` when it has them, else ``run``.

    The misses are gathered first and extracted together, over a process pool
    when there are enough of them (``sitegen.pool``; ``workers=1`` keeps them
    here), so ``run`` must pickle: a module-level function or a partial of one.
    """
    if cache is None:
        stats = CacheStats(misses=len(articles), extracted=[a.id for a in articles])
        return map_ordered(run, articles, workers=workers), stats
    keys = [article_key(a) for a in articles]
    found = [cache.get(key) for key in keys]
    missing = [i for i, facts in enumerate(found) if facts is None]
    fresh = map_ordered(run, [articles[i] for i in missing], workers=workers)
    for i, facts in zip(missing, fresh, strict=True):
        cache.put(keys[i], facts)
        found[i] = facts
    cache.stats.hits += len(articles) - len(missing)
    cache.stats.misses += len(missing)
    cache.stats.extracted += [articles[i].id for i in missing]
    cache.prune(keys)
    return [f for f in found if f is not None], cache.stats


def store_newest(path: Path, text: str, keep: int) -> None:
    """Write ``text`` to ``path`` atomically, then keep only the ``keep`` newest JSON
    files beside it (``check`` builds into a new folder each time); a read-only
    cache folder just means nothing is remembered."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):
        found = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in found[keep:]:
            old.unlink(missing_ok=True)
