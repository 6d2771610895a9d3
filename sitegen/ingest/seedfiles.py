"""The files of ``seeds/`` -> their bytes (``RawArticle``), never parsed here.

Only regular files inside the project are read, with a size cap and without
blocking (``sitegen.ingest.safeio``); editors' scratch files are skipped. A file
that cannot be read becomes a ``ContentError`` (one call) or an error diagnostic in
its place (the whole folder), each saying what to do.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
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
SETTLED_NS = 2_000_000_000
"""A file changed less than this long before it is read may change again within the
same timestamp tick (a file system's clock is coarse): it is read again next time."""


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


def read_raws(
    root: Path, step: Stage | None = None, known: Known | None = None
) -> list[RawArticle | Diagnostic]:
    """Every ``root/seeds/*.txt`` file's bytes, by name (``seed_paths``); a file that
    cannot be read becomes an error diagnostic in its place. ``step`` counts the files.

    Lean on purpose, as a warm rebuild reads every file: one listing of the folder,
    and a file is resolved only when it is a symbolic link (or the folder is one
    that leads out of the project). ``known``: the files a long-lived process read
    before (updated here), each read again only when its ``stat`` changed."""
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
    seen: Known = {}
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
            if known is None:
                out.append(_read_bytes(entry.path, file, stem, inside))
            else:
                out.append(_recalled(entry.path, file, stem, inside, known, seen))
        except OSError as exc:
            out.append(Diagnostic(file, None, _unreadable(exc, file).message, "error"))
        except ContentError as exc:
            out.append(Diagnostic(exc.file or file, None, exc.message, "error"))
        finally:
            if step is not None:
                step.advance()
    if known is not None:
        known.clear()
        known.update(seen)
    return out


Signature = tuple[int, int, int, int, int]
"""What ``stat`` says of a file's content: device, inode, size, mtime and ctime (ns)."""
Known = dict[str, tuple[Signature, RawArticle]]
"""Seeds files read before, by path, with their signature when read."""


def _recalled(
    path: str, file: str, ident: str, inside: bool, known: Known, seen: Known
) -> RawArticle:
    """The file's bytes as read before when its signature is unchanged, else read now
    (and remembered once it has settled)."""
    try:
        st = os.stat(path) if inside else None
    except OSError:
        st = None
    if st is None or not stat.S_ISREG(st.st_mode):
        return _read_bytes(path, file, ident, inside)  # says what is wrong with it
    signature = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    found = known.get(path)
    if found is not None and found[0] == signature and found[1].file == file:
        seen[path] = found
        return found[1]
    raw = _read_bytes(path, file, ident, inside)
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS:
        seen[path] = (signature, raw)
    return raw


def seed_paths(root: Path) -> list[Path]:
    """The project's ``seeds/*.txt`` files, by name."""
    found = (root / "seeds").glob("*.txt")
    return sorted((p for p in found if not is_scratch(p.name)), key=lambda p: p.name)
