"""Crafted repositories for the hostile-project tests: commit a project as an attacker
would (links, cache files, odd names), clone it afresh, run sitegen on the clone, and
compare every file outside the clone before and after."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ARTICLE = (
    "Talks resume in Belmar\n\n"
    "BELMAR - Negotiators from Astoria and Calderia met on Monday to discuss a ceasefire, "
    "officials said.\n\n"
    '"We will return next week," said Ivo Marten, the Astorian envoy.\n'
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Mallory",
    "GIT_AUTHOR_EMAIL": "mallory@example.invalid",
    "GIT_COMMITTER_NAME": "Mallory",
    "GIT_COMMITTER_EMAIL": "mallory@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def crafted_clone(
    tmp: Path, files: dict[str, str | bytes], links: dict[str, str], clone: Path | None = None
) -> Path:
    """Commit ``files`` and symbolic ``links`` (path -> target) to a repository, and
    return a fresh ``git clone`` of it (at ``clone``, default ``tmp/clone``)."""
    origin = tmp / "origin"
    origin.mkdir()
    git("init", "-q", "-b", "main", cwd=origin)
    for rel, data in files.items():
        path = origin / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    for rel, target in links.items():
        path = origin / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    git("add", "-A", "-f", cwd=origin)
    git("commit", "-q", "-m", "a project", cwd=origin)
    clone = clone or tmp / "clone"
    git("clone", "-q", str(origin), str(clone), cwd=tmp)
    return clone


def snapshot(folder: Path, skip: Callable[[Path], bool] = lambda _p: False) -> dict[str, object]:
    """Every entry below ``folder``: a file's bytes, a link's target, a folder's mark."""
    seen: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not skip(here / d)]
        for name in dirnames + filenames:
            path = here / name
            if skip(path):
                continue
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                seen[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[rel] = "dir"
            else:
                seen[rel] = path.read_bytes()
    return seen


def victim(folder: Path) -> Path:
    """A folder outside the project that a crafted link points to, with files in it."""
    folder.mkdir(parents=True)
    (folder / "precious.txt").write_text("do not delete\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.json").write_text("{}\n")
    return folder


def sitegen(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the command line in a new process, as CI would."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SITEGEN_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "sitegen.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
