"""Issue 13's two critical cases, each on a fresh ``git clone`` of a crafted repository:
no code from a committed cache runs, and nothing outside the clone is written or deleted."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

import sitegen
from sitegen.brief.cache import code_fingerprint
from tests.hostile.crafted import ARTICLE, crafted_clone, snapshot, victim
from tests.hostile.crafted import sitegen as run

PACKAGE_TEMPLATES = Path(sitegen.__file__).resolve().parent / "templates"


class _Touch:
    """Unpickling this runs ``touch PATH``: what a planted cache file would do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def _planted_cache(clone: Path, ran: Path) -> dict[str, bytes]:
    """A bytecode-cache file for every template, under the names and folder the old
    ``TemplateCache`` looked for, each running a command when loaded."""
    folder = f".cache/sitegen/templates/jinja{jinja2.__version__}-{code_fingerprint()[:20]}"
    payload = bc_magic + pickle.dumps(_Touch(ran))
    planted: dict[str, bytes] = {}
    sources = [
        (p.relative_to(PACKAGE_TEMPLATES).as_posix(), p) for p in PACKAGE_TEMPLATES.rglob("*")
    ]
    sources += [("404.html", clone / "templates" / "404.html")]
    for name, filename in sources:
        key = hashlib.sha1(f"{name}".encode())  # noqa: S324 - Jinja's own cache key
        key.update(f"|{filename}".encode())
        planted[f"{folder}/__jinja2_{key.hexdigest()}.cache"] = payload
    return planted


def test_critical_template_bytecode_cache_runs_no_code(tmp_path: Path) -> None:
    ran = tmp_path / "command-ran"
    clone_at = tmp_path / "clone"
    files: dict[str, str | bytes] = {
        "seeds/talks.txt": ARTICLE,
        "templates/404.html": "{% extends 'base.html' %}{% block content %}lost{% endblock %}\n",
    }
    files.update(_planted_cache(clone_at, ran))
    clone = crafted_clone(tmp_path, files, {}, clone=clone_at)
    outside = snapshot(tmp_path, skip=lambda p: p == clone)
    for args in (["build", str(clone)], ["check", str(clone)], ["export", str(clone)]):
        done = run(*args)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert not ran.exists(), f"sitegen {args[0]} ran a command from the cache"
    assert (clone / "_site" / "index.html").is_file()
    assert snapshot(tmp_path, skip=lambda p: p == clone) == outside
    cache = clone / ".cache" / "sitegen" / "templates"
    assert sorted(p.name for p in cache.rglob("*.cache")) == sorted(
        Path(k).name for k in _planted_cache(clone_at, ran)
    )  # read by nobody and left as committed


LINKS = {
    "cache-templates": ".cache/sitegen/templates",
    "cache-gather": ".cache/sitegen/gather",
    "cache-pages": ".cache/sitegen/pages",
    "cache-builds": ".cache/sitegen/builds",
    "cache-folder": ".cache/sitegen",
    "cache-root": ".cache",
}


@pytest.mark.parametrize("where", sorted(LINKS))
def test_critical_symlink_in_cache_deletes_nothing_outside(tmp_path: Path, where: str) -> None:
    target = victim(tmp_path / "victim")
    clone = crafted_clone(tmp_path, {"seeds/talks.txt": ARTICLE}, {LINKS[where]: str(target)})
    outside = snapshot(tmp_path, skip=lambda p: p == clone)
    for args in (["build", str(clone)], ["check", str(clone)], ["export", str(clone)]):
        done = run(*args)
        assert done.returncode == 1, done.stderr
        assert "is a symbolic link; sitegen never writes" in done.stderr
        assert "Traceback" not in done.stderr
    assert snapshot(tmp_path, skip=lambda p: p == clone) == outside


def test_critical_symlinked_output_is_not_replaced(tmp_path: Path) -> None:
    target = victim(tmp_path / "victim")
    clone = crafted_clone(tmp_path, {"seeds/talks.txt": ARTICLE}, {"_site": str(target)})
    outside = snapshot(tmp_path, skip=lambda p: p == clone)
    done = run("build", str(clone))
    assert done.returncode == 1
    assert "leads out of the project" in done.stderr and "--follow-output-link" in done.stderr
    done = run("build", str(clone), "-o", str(clone / "_site"))
    assert done.returncode == 1
    assert snapshot(tmp_path, skip=lambda p: p == clone) == outside


def test_critical_planted_leftover_links_are_unlinked_not_followed(tmp_path: Path) -> None:
    target = victim(tmp_path / "victim")
    links = {"._site.sitegen-old": str(target), "._site.sitegen-tmp-999999999": str(target)}
    clone = crafted_clone(tmp_path, {"seeds/talks.txt": ARTICLE}, links)
    outside = snapshot(tmp_path, skip=lambda p: p == clone)
    done = run("build", str(clone))
    assert done.returncode == 0, done.stderr
    assert (clone / "_site" / "index.html").is_file()
    assert snapshot(tmp_path, skip=lambda p: p == clone) == outside


def test_critical_output_without_marker_is_not_replaced(tmp_path: Path) -> None:
    clone = crafted_clone(
        tmp_path,
        {
            "seeds/talks.txt": ARTICLE,
            "docs/index.html": "<p>hand-written</p>\n",
            "docs/guide.md": "# Our guide\n",
        },
        {},
    )
    cache = clone / ".cache"
    before = snapshot(tmp_path, skip=lambda p: p == cache)
    done = run("build", str(clone), "-o", str(clone / "docs"))
    assert done.returncode == 1
    assert ".sitegen-output" in done.stderr and "refusing to replace" in done.stderr
    assert snapshot(tmp_path, skip=lambda p: p == cache) == before
    # an empty folder is built into, and then carries the marker that lets it be replaced
    done = run("build", str(clone), "-o", str(tmp_path / "empty"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "empty" / ".sitegen-output").is_file()
    assert run("build", str(clone), "-o", str(tmp_path / "empty"), "--no-cache").returncode == 0


def test_critical_follow_output_link_is_an_explicit_choice(tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    out.mkdir()
    clone = crafted_clone(tmp_path, {"seeds/talks.txt": ARTICLE}, {"_site": str(out)})
    done = run("build", str(clone), "--follow-output-link")
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file() and (out / ".sitegen-output").is_file()
