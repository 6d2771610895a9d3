"""Static search: run pagefind over the finished output, before it is swapped in.

pagefind comes from PyPI (``pagefind[bin]``); without it the site is built
without search and the build says so once. Pages mark their body with
``data-pagefind-body`` and their round, actor and sticking point with
``data-pagefind-filter``, so the index needs no configuration.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from sitegen.models import Diagnostic
from sitegen.write import html_inodes

MISSING = (
    "pagefind is not installed, so the site has no search; "
    "install it with: pip install 'pagefind[bin]'"
)


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


def html_changed(new: Path, old: Path) -> bool:
    """Whether any page differs from the previous output (else its index still fits).
    Pages carried over are hard links, so only those with a new inode are read."""
    new_pages = html_inodes(new)
    old_pages = html_inodes(old) if old.is_dir() else {}
    if new_pages.keys() != old_pages.keys():
        return True
    return any(
        new_pages[rel] != old_pages[rel] and (new / rel).read_bytes() != (old / rel).read_bytes()
        for rel in sorted(new_pages)
    )


def reuse_index(new: Path, old: Path) -> bool:
    """Hard-link the previous build's index into the new tree when no page changed."""
    previous = old / "pagefind"
    if not previous.is_dir() or html_changed(new, old):
        return False
    for dirpath, _dirs, names in os.walk(previous):
        folder = Path(dirpath)
        target_dir = new / folder.relative_to(old)
        target_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            path = folder / name
            if path.is_symlink():
                continue
            try:
                (target_dir / name).hardlink_to(path)
            except OSError:
                shutil.copy2(path, target_dir / name)
    return True


def index_site(site: Path, previous: Path | None = None) -> list[Diagnostic]:
    """Build the search index into ``site/pagefind/``; problems come back as warnings."""
    command = pagefind_command()
    if command is None:
        return [Diagnostic("pagefind", None, MISSING)]
    if previous is not None and reuse_index(site, previous):
        return []
    try:
        proc = subprocess.run(
            [*command, "--site", str(site), "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Diagnostic("pagefind", None, f"search index not built: {exc}")]
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Diagnostic("pagefind", None, f"search index not built: {detail[0]}")]
    return []
