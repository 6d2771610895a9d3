"""Write the site atomically: build a full copy beside the output, then swap it in.

The new tree is assembled in a hidden sibling folder; files whose bytes did
not change are hard-linked from the previous output (cheap, and their
timestamps stay), the rest are written. The finished tree replaces the old one
in a single ``renameat2(RENAME_EXCHANGE)`` where the OS offers it, else in two
renames with a recoverable backup. A build that dies half way leaves the last
good site untouched. The files besides the pages are made in ``output.extras``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shlex
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sitegen.errors import BuildError
from sitegen.ingest.progress import Stage, plural
from sitegen.output.outputguard import (
    MARKER_TEXT,
    SITE_MARKER,
    looks_like_site,
    real_dir,
    remove_tree,
)

TMP_MARK = ".sitegen-tmp-"
OLD_MARK = ".sitegen-old"
TRASH_MARK = ".sitegen-trash-"


@dataclass(slots=True)
class WriteResult:
    """How many files the build wrote and how many it kept as they were."""

    written: int
    unchanged: int
    removed: int
    changed: set[str] = field(default_factory=set)
    """Site-relative paths written or removed (filled in by ``update_site`` only)."""
    wanted: set[str] | None = None
    """Every file now in the output but the search index."""
    previous: Path | None = None
    """The output this write replaced, left beside it for the caller to remove
    (``write_site`` with ``keep_previous``)."""


def _check_rel(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or ".." in path.parts or "\\" in rel:
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    return path


def _same(old: Path, data: bytes) -> bool:
    try:
        info = os.lstat(old)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return old.read_bytes() == data
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False when unsupported."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    res = func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if res == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise BuildError(f"cannot swap in the new site: {os.strerror(err)}")


def alive(pid: str) -> bool:
    """Whether the build that owns a temporary folder is still running."""
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def recover(out: Path) -> None:
    """Undo a swap that died half way and clear temporary folders of dead builds."""
    backup = out.with_name(f".{out.name}{OLD_MARK}")
    real = real_dir(backup)
    if real and not os.path.lexists(out):
        backup.rename(out)
    for stale in out.parent.glob(f".{out.name}{TMP_MARK}*"):
        if not alive(stale.name.rsplit("-", 1)[-1]):
            remove_tree(stale)
    for trash in out.parent.glob(f".{out.name}{TRASH_MARK}*"):  # a removal cut short
        if not alive(trash.name.rsplit("-", 1)[-1]):
            remove_tree(trash)
    remove_tree(backup)


def remove_later(previous: Path) -> None:
    """Remove the output a build replaced without waiting for it: renamed aside, then
    ``rm -rf`` in a session of its own that outlives this process (a folder per page:
    1.5 s at 1,000 articles on a busy disk, after the build is done and reported). The
    folder is renamed again to end in the pid of that ``rm``, so that ``recover`` leaves
    it alone while it runs and clears what it did not finish. In this process when no
    shell can be started."""
    # beside it, as ``recover`` looks for it (by the output's real folder, not a link's)
    trash = previous.with_name(f"{previous.name.removesuffix(OLD_MARK)}{TRASH_MARK}{os.getpid()}")
    try:
        previous.rename(trash)
    except OSError:
        remove_tree(previous)
        return
    remover = 'mv -- "$1" "$1-$$" && exec rm -rf -- "$1-$$"'  # $$: the pid rm then has
    # started in the background by a shell that exits at once: this process waits for
    # that shell only, and the remover, orphaned, is no child of ours to reap
    script = f'/bin/sh -c {shlex.quote(remover)} sh "$1" </dev/null >/dev/null 2>&1 &'
    try:
        subprocess.run(  # noqa: S603 - a fixed command on a path we made
            ["/bin/sh", "-c", script, "sh", str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        remove_tree(trash)


class Staging:
    """The new output tree, assembled in a hidden sibling folder of ``out`` and swapped in
    whole by ``write_site``: nothing in it is seen until then, and a build that fails
    removes it (``discard``). Render workers ``put`` their pages straight in (forked, they
    share this object; each page is its own file in a folder made with ``exist_ok``) and
    the main process ``record``s what they said, instead of the pages' bytes travelling
    back to it (16 MB at 1,000 articles)."""

    def __init__(self, out: Path) -> None:
        out = out.resolve() if out.is_symlink() else out.absolute()
        if not looks_like_site(out):
            raise BuildError(
                f"refusing to replace {out}: it is not empty and holds no {SITE_MARKER} file, "
                "so it is no earlier sitegen build; choose another folder with -o, or, if "
                f"everything in it may go, create the file {out / SITE_MARKER} and build again"
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        self.out = out
        self.tmp = out.with_name(f".{out.name}{TMP_MARK}{os.getpid()}")
        self.tmp.mkdir()
        self.pages: dict[str, bool] = {}
        """Files in the tree so far -> whether written (else linked from ``out``)."""
        self._made: set[str] = set()

    def path_for(self, rel: str) -> str:
        """The new file's path, its folder made once (a page is one folder per file)."""
        parts = _check_rel(rel).parts
        parent = os.path.join(self.tmp, *parts[:-1])
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return os.path.join(parent, parts[-1])

    def put(self, rel: str, data: bytes) -> bool:
        """Add a file: hard-linked from ``out`` when its bytes are the same there, else
        written. True when written. (In a worker: the caller ``record``s the answer.)"""
        target = self.path_for(rel)
        old = self.out.joinpath(rel)
        if _same(old, data):
            link_or_copy(old, Path(target))
            return False
        _write_file(target, data)
        return True

    def record(self, rel: str, written: bool) -> None:
        self.pages[rel] = written

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def write_site(
    out: Path,
    files: dict[str, bytes],
    *,
    before_swap: Callable[[Path, Path], None] | None = None,
    keep: Iterable[str] = (),
    step: Stage | None = None,
    keep_previous: bool = False,
    staging: Staging | None = None,
) -> WriteResult:
    """Replace ``out`` with exactly ``files``, the files ``keep`` names as they are in
    ``out`` now (pages known not to have changed) and what ``staging`` holds already
    (pages render workers wrote); ``before_swap(new, old)`` may add more (search).
    ``step`` counts the files and ends before ``before_swap``.
    ``keep_previous``: leave the replaced output beside the new one (``previous`` in the
    result), for the caller to remove once it has reported: the build is done when the
    new site is in place, and removing the old tree (a folder per page) is no part of
    making it. Whatever happens, the next write removes it."""
    stage = staging or Staging(out)
    out, tmp = stage.out, stage.tmp
    kept = sorted(set(keep) - files.keys() - stage.pages.keys())
    if step is not None:
        step.begin(len(files) + len(kept))
    try:
        for rel in sorted(files):
            if step is not None:
                step.advance()
            stage.record(rel, stage.put(rel, files[rel]))
        for rel in kept:
            if step is not None:
                step.advance()
            link_or_copy(out.joinpath(rel), Path(stage.path_for(rel)))
            stage.record(rel, False)
        _write_file(os.path.join(tmp, SITE_MARKER), MARKER_TEXT)
        written = sum(stage.pages.values())
        unchanged = len(stage.pages) - written
        if step is not None:
            step.finish(_wrote(written, unchanged))
        if before_swap is not None:
            before_swap(tmp, out)
        with step.reporter.timed(step.key) if step else contextlib.nullcontext():
            removed = _count_gone(out, stage.pages.keys())
            previous = _swap(tmp, out)
            if previous is not None and not keep_previous:
                shutil.rmtree(previous, ignore_errors=True)  # writing's time too
                previous = None
    except BaseException:
        stage.discard()
        raise
    wanted = set(stage.pages)
    return WriteResult(written, unchanged, removed, wanted=wanted, previous=previous)


def update_site(
    out: Path,
    files: dict[str, bytes],
    *,
    keep: Iterable[str] = (),
    present: set[str] | None = None,
    step: Stage | None = None,
) -> WriteResult:
    """Bring ``out`` to exactly ``files`` plus the kept pages, in place, each changed file
    replaced by one rename, and leave ``pagefind/`` to the indexer. ``present``: the
    files the last update left there (``WriteResult.wanted``), when nothing else writes
    to ``out``; else the folder is listed to find the files to remove.

    For the preview's private folder only: its readers reload once the build has
    finished, so a whole new tree (a ``mkdir`` per page, then removing the old
    tree: most of a small rebuild) buys nothing there. ``build`` keeps the swap."""
    out = out.resolve() if out.is_symlink() else out.absolute()
    wanted = set(files) | set(keep)
    written = removed = 0
    changed: set[str] = set()
    if step is not None:
        step.begin(len(files))
    for rel in sorted(files):
        if step is not None:
            step.advance()
        data = files[rel]
        path = out.joinpath(*_check_rel(rel).parts)
        if _same(path, data):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
        _write_file(str(fresh), data)
        os.replace(fresh, path)
        written += 1
        changed.add(rel)
    for rel in sorted((_site_files(out) if present is None else present) - wanted - {SITE_MARKER}):
        (out / rel).unlink(missing_ok=True)
        removed += 1
        changed.add(rel)
        folder = (out / rel).parent
        while folder != out and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    if step is not None:
        step.finish(_wrote(written, len(wanted) - written))
    return WriteResult(written, len(wanted) - written, removed, changed, wanted)


def _wrote(written: int, unchanged: int) -> str:
    return f"wrote {plural(written, 'file')} ({unchanged:,} unchanged)"


def _site_files(root: Path) -> set[str]:
    """Every file below ``root`` but the search index (site-relative paths)."""
    return {rel for rel, _entry in scan_files(root) if not rel.startswith("pagefind/")}


def scan_files(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file below ``root`` as (site-relative path, its directory entry).

    ``os.scandir`` gives each entry's type and inode with its name, so this is one
    pass over the folders (``Path.rglob`` and a ``stat`` per file cost several
    times more at 10,000 pages). An unreadable folder is skipped."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                yield prefix + entry.name, entry


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as sink:
        sink.write(data)


def link_or_copy(old: Path, target: Path) -> None:
    """Carry a file over from the previous output, or into a staging folder (a hard link
    is cheap and keeps its timestamps; a copy where links cannot be made)."""
    try:
        os.link(old, target)
    except OSError:
        try:
            shutil.copy2(old, target)
        except OSError as exc:
            raise BuildError(f"cannot link or copy {old} to {target}: {exc}") from exc


def html_inodes(root: Path) -> dict[str, int]:
    """Every ``*.html`` below ``root`` (as a site-relative path) with its inode (a
    hard-linked, unchanged page keeps its inode)."""
    return {rel: entry.inode() for rel, entry in scan_files(root) if rel.endswith(".html")}


def _count_gone(out: Path, files: Iterable[str]) -> int:
    if not out.is_dir():
        return 0
    keep = set(files)
    return sum(1 for rel in html_inodes(out) if rel not in keep)


def _swap(new: Path, out: Path) -> Path | None:
    """Put ``new`` in the place of ``out``; the old tree, if any, is left at the backup
    name (where ``recover`` removes it should nobody else) and returned."""
    if not out.exists():
        new.rename(out)
        return None
    backup = out.with_name(f".{out.name}{OLD_MARK}")
    if _exchange(new, out):
        new.rename(backup)
        return backup
    out.rename(backup)
    new.rename(out)
    return backup
