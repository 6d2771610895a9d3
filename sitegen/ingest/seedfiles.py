"""The files of ``seeds/`` -> their bytes (``RawArticle``), never parsed here.

Only regular files inside the project are read, with a size cap and without
blocking (``sitegen.ingest.safeio``); editors' scratch files are skipped. A file
that cannot be read becomes a ``ContentError`` (one call) or an error diagnostic in
its place (the whole folder), each saying what to do.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import ContentError
from sitegen.ingest.progress import Stage
from sitegen.ingest.safeio import (
    NAME_MESSAGE,
    FileTooBigError,
    NotAFileError,
    is_scratch,
    read_regular,
    undecodable,
)
from sitegen.models import Diagnostic

MAX_ARTICLE_BYTES = 2_000_000
"""A news article is a few kilobytes; anything this big is a dump, not a story."""


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One seeds file as read, before parsing: what the gather cache keys on."""

    file: str
    """Path relative to the project folder, with forward slashes."""
    id: str
    """The file's stem."""
    data: bytes
    sha256: str
    """Hash of ``data``."""


def read_raw(path: Path, root: Path) -> RawArticle:
    """Read one ``seeds/*.txt`` file's bytes; a file that cannot be one raises ``ContentError``."""
    try:
        file = path.relative_to(root).as_posix()
    except ValueError:
        file = path.as_posix()
    try:
        inside = _inside(path, root)
    except OSError as exc:
        raise _unreadable(exc, file) from None
    return _read_bytes(str(path), file, path.stem, inside)


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` really lies in ``root`` (a link in a loop counts as inside: the
    read then fails and says so)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _unreadable(exc: OSError, file: str) -> ContentError:
    reason = exc.strerror or exc.__class__.__name__
    return ContentError(
        f"cannot read the file ({reason}); make it a readable text file or remove it", file
    )


def _read_bytes(path: str, file: str, ident: str, inside: bool) -> RawArticle:
    if not inside:
        raise ContentError(
            "points outside the project; copy the article into seeds/ instead of linking it",
            file,
        )
    try:
        raw = read_regular(path, MAX_ARTICLE_BYTES)
    except FileTooBigError as exc:
        raise ContentError(
            f"is {exc.size / 1e6:.0f} MB; an article is at most "
            f"{MAX_ARTICLE_BYTES // 10**6} MB of text, so this is not one scraped "
            "article: split or remove it",
            file,
        ) from None
    except NotAFileError:
        raise ContentError(
            "cannot read it: not a regular file (a folder, FIFO, device or socket); "
            "an article is a plain text file: remove it",
            file,
        ) from None
    except OSError as exc:
        raise _unreadable(exc, file) from None
    return RawArticle(file, ident, raw, hashlib.sha256(raw).hexdigest())


def read_raws(root: Path, step: Stage | None = None) -> list[RawArticle | Diagnostic]:
    """Every ``root/seeds/*.txt`` file's bytes, by name (``seed_paths``); a file that
    cannot be read becomes an error diagnostic in its place. ``step`` counts the files.

    Lean on purpose, as a warm rebuild reads every file: one listing of the folder,
    and a file is resolved only when it is a symbolic link (or the folder is one
    that leads out of the project)."""
    seeds = root / "seeds"
    try:
        with os.scandir(seeds) as listing:
            found = sorted(
                (e for e in listing if e.name.endswith(".txt") and not is_scratch(e.name)),
                key=lambda e: e.name,
            )
        folder_inside = _inside(seeds, root)
    except OSError:
        return []
    out: list[RawArticle | Diagnostic] = []
    if step is not None:
        step.begin(len(found))
    for entry in found:
        file = f"seeds/{entry.name}"
        if undecodable(entry.name):
            shown = file.encode("utf-8", "backslashreplace").decode()
            out.append(Diagnostic(shown, None, NAME_MESSAGE, "error"))
            continue
        try:
            inside = folder_inside and not entry.is_symlink() or _inside(Path(entry.path), root)
            stem = entry.name[:-4] if len(entry.name) > 4 else entry.name  # as Path.stem
            out.append(_read_bytes(entry.path, file, stem, inside))
        except OSError as exc:
            out.append(Diagnostic(file, None, _unreadable(exc, file).message, "error"))
        except ContentError as exc:
            out.append(Diagnostic(exc.file or file, None, exc.message, "error"))
        finally:
            if step is not None:
                step.advance()
    return out


def seed_paths(root: Path) -> list[Path]:
    """The project's ``seeds/*.txt`` files, by name."""
    found = (root / "seeds").glob("*.txt")
    return sorted((p for p in found if not is_scratch(p.name)), key=lambda p: p.name)
