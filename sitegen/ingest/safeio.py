"""Reading and writing the files of a project that came from someone else.

A briefing project is a Git repository many editors push to, and CI builds
whatever was pushed. So nothing found in it is trusted to be what its name
says: a source may be a FIFO (reading it blocks for ever), a link to
``/dev/zero`` (reading it never ends), an editor's lock file, or a symbolic
link that leads a write or a delete out of the project. These helpers are the
one place where sitegen opens such files and checks such folders.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")
"""Editor backups and swap files, unfinished downloads."""
MAX_SOURCE_BYTES = 2_000_000
"""The most a note, sidecar, template or cache read is allowed to be (an article's cap too):
a larger file is no hand-written source, and a cap keeps a link to a huge file from
filling memory."""


class NotAFileError(OSError):
    """A path that is a FIFO, a device, a socket or a folder where a file was wanted."""


def is_scratch(name: str) -> bool:
    """Leftovers that are never sources, for the loader and the watcher alike: dotfiles
    (so also Emacs locks ``.#x``, AppleDouble ``._x`` and vim swap files ``.x.swp``),
    Emacs autosaves ``#x#``, ``x~`` backups, vim's ``4913`` probe, partial downloads."""
    return name.startswith((".", "#")) or name.endswith(SCRATCH_SUFFIXES) or name == "4913"


def undecodable(name: str) -> bool:
    """Whether a file name holds bytes the locale could not decode (Python keeps them as
    lone surrogates under a non-UTF-8 locale such as ``LC_ALL=C``): such a name cannot
    be written into a page, a hash or a message as it is."""
    return any("\udc80" <= c <= "\udcff" for c in name)


NAME_MESSAGE = (
    "the file name is not valid text in this locale; run sitegen with a UTF-8 locale "
    "(e.g. LC_ALL=C.UTF-8) or rename the file"
)


def read_regular(path: str | Path, limit: int = MAX_SOURCE_BYTES, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else an ``OSError``.

    Opened non-blocking, so a FIFO cannot stall the open; its type is checked on
    the open descriptor (no race with a swap of the path), so a FIFO, a device or
    a socket is refused before a byte is read. ``follow=False`` refuses a symbolic
    link as the last component (``ELOOP``). Raises ``NotAFileError`` for a file
    that is not regular and ``FileTooBigError`` for one over the limit."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(0, "not a regular file (a FIFO, device, socket or folder)")
        if info.st_size > limit:
            raise FileTooBigError(info.st_size, limit)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # grew while read
            raise FileTooBigError(len(data), limit)
        return data
    finally:
        os.close(fd)


class FileTooBigError(OSError):
    """A file over the size cap of what it claims to be."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(0, f"is {size:,} bytes, more than the {limit:,} allowed")
        self.size = size
        self.limit = limit


def link_in_path(root: Path, path: Path) -> Path | None:
    """The first component of ``path`` below ``root`` that is a symbolic link or not a
    folder (the last may be anything but a link), checked with ``lstat`` one component
    at a time; None when there is none. A missing component ends the check: what does
    not exist yet will be made as a real folder."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path
    here = root
    for i, part in enumerate(rel.parts):
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            return None
        except OSError:
            return here
        if stat.S_ISLNK(info.st_mode):
            return here
        if i < len(rel.parts) - 1 and not stat.S_ISDIR(info.st_mode):
            return here
    return None


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` afresh with ``data``: a link or file already there is removed
    first (unlinking a link never touches what it points to), and the new file is
    opened with ``O_EXCL | O_NOFOLLOW``, so the write cannot follow a planted link."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
    with os.fdopen(fd, "wb") as sink:
        sink.write(data)
