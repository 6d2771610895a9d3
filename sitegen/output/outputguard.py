"""Where a build may write: the checks that keep a cloned project's links and folders
from turning the output swap into a delete elsewhere.

The output folder is replaced whole, so it must be sitegen's own: empty, or
holding the marker file every build leaves there. Leftovers of a killed build
are removed only when they are real folders; a link of that name is unlinked,
never followed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

SITE_MARKER = ".sitegen-output"
"""The file every build leaves in its output: only a folder holding it (or an empty one)
is ever replaced. An ``index.html`` proves nothing (``-o docs/`` over a folder of
hand-written pages would wipe them)."""
MARKER_TEXT = b"This folder was built by sitegen; each build replaces all of it.\n"


def looks_like_site(folder: Path) -> bool:
    """True for a missing or empty folder, or one holding sitegen's marker file (a
    regular file, not a link: checked with ``lstat``)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    if not stat.S_ISDIR(info.st_mode):
        return False
    try:
        marker = os.lstat(folder / SITE_MARKER)
    except FileNotFoundError:
        return not any(folder.iterdir())
    return stat.S_ISREG(marker.st_mode)


def real_dir(path: Path) -> bool:
    """A folder, not a link to one (``lstat``)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_tree(path: Path) -> None:
    """Remove a leftover of ours; a planted link of that name is only unlinked (never
    followed: what it points to stays as it is)."""
    if real_dir(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        with contextlib.suppress(OSError):
            os.unlink(path)
