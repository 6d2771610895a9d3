"""Static search: run pagefind over the finished output, before it is swapped in.

pagefind comes from PyPI (``pagefind[bin]``); without it the site is built
without search and the build says so once. Pages mark their body with
``data-pagefind-body`` and their round, actor and sticking point with
``data-pagefind-filter``, so the index needs no configuration.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from sitegen.models import Diagnostic

MISSING = (
    "pagefind is not installed, so the site has no search; "
    "install it with: pip install 'pagefind[bin]'"
)


@cache
def pagefind_command() -> tuple[str, ...] | None:
    """How to run pagefind here, or None when it is not installed."""
    if importlib.util.find_spec("pagefind") and importlib.util.find_spec("pagefind_bin"):
        return (sys.executable, "-m", "pagefind")
    found = shutil.which("pagefind")
    return (found,) if found else None


def html_changed(new: Path, old: Path) -> bool:
    """Whether any page differs from the previous output (else its index still fits)."""
    new_pages = {p.relative_to(new).as_posix() for p in new.rglob("*.html")}
    old_pages = (
        {p.relative_to(old).as_posix() for p in old.rglob("*.html")} if old.is_dir() else set()
    )
    if new_pages != old_pages:
        return True
    return any(
        (new / rel).stat().st_ino != (old / rel).stat().st_ino
        and (new / rel).read_bytes() != (old / rel).read_bytes()
        for rel in sorted(new_pages)
    )


def reuse_index(new: Path, old: Path) -> bool:
    """Hard-link the previous build's index into the new tree when no page changed."""
    previous = old / "pagefind"
    if not previous.is_dir() or html_changed(new, old):
        return False
    for path in sorted(previous.rglob("*")):
        target = new / path.relative_to(old)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.is_file() and not path.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.hardlink_to(path)
            except OSError:
                shutil.copy2(path, target)
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
