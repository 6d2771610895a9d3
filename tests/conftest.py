"""Shared test helpers: the repository's paths and a cached export of the seeds."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.cli import main

TESTS = Path(__file__).resolve().parent
"""The tests' folder: shared fixtures (``fixtures/``, ``badinput/``) live here."""
REPO = TESTS.parent
SHARED = REPO.parent / "shared"


def require_shared(path: Path) -> None:
    """Skip the calling test (or module) when ``path`` under ../shared is missing.

    The answer keys and the real development set live beside the checkout, never in
    it; a clone without them still runs every other test. Under CI they must be
    there, so a missing one fails instead of hiding a gap.
    """
    if path.exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError(
            f"CI is set but {path} is missing: ../shared must sit beside the checkout"
        )
    pytest.skip(
        f"{path} is not beside this checkout; the scored tests run wherever ../shared is "
        "present and always under CI",
        allow_module_level=True,
    )


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="session")
def seeds_export() -> dict[str, Any]:
    """The export of this repository, made once per test session."""
    from sitegen.brief.gather import load_briefing
    from sitegen.config import load_config
    from sitegen.output.export import briefing_to_dict

    return json.loads(json.dumps(briefing_to_dict(load_briefing(load_config(REPO)))))


@pytest.fixture()
def seeds_project(tmp_path: Path) -> Path:
    """A fresh project holding only a copy of the repository's seeds."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("*.md"))
    return tmp_path


@pytest.fixture()
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The bundles each ordinary (not early) pagefind run of the preview's index update
    indexed, run by run: an empty run means every early index was kept."""
    import sitegen.serve.liveindex as live

    runs: list[list[str]] = []
    real = live.run_all

    def spy(jobs: list[Any], command: tuple[str, ...]) -> Any:
        runs.append([name for name, _args, _out in jobs])
        return real(jobs, command)

    monkeypatch.setattr(live, "run_all", spy)
    return runs


@pytest.fixture(scope="session", autouse=True)
def _user_cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The user's cache folder (where the gather cache's key is kept, ``sitegen.brief.cachekey``)
    in a temporary folder: tests never write to the real home, and subprocesses inherit it."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture()
def small_bundles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search bundles of 5 pages, so that a site of 30 pages has 8 of them."""
    from sitegen.output import search

    monkeypatch.setattr(search, "BUNDLE_PAGES", 5)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; its absence skips the browser tests, except under CI."""
    from tests.browser import require_chromium

    return require_chromium()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One browser for the whole session (starting Chromium is the slow part), shared by
    every browser test module: playwright's sync API runs one at a time."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as pw:
        b = launch(pw, chromium)
        yield b
        b.close()
