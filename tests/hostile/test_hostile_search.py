"""Issue 13, high: an editor's actor name or issue label holding HTML runs no script on
the published search page. The page source was always escaped; the harm appeared only
in a browser, where pagefind's UI puts filter values into the page as HTML. So this test
searches in Chromium (Debian's, through playwright), opens every filter group and
checks that no handler ran and no element was injected."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.browser import build_site, launch, require_chromium, serving

pytestmark = pytest.mark.browser

HANDLER = 'onerror="window.__pwned=(window.__pwned||0)+1"'
ACTOR = f"Ivo Marten<img src=x {HANDLER}>"
ISSUE = f"Territory<img src=y {HANDLER}>"
SEEDS_ACTOR = "dmitry-peskov"


def _hostile_project(root: Path) -> Path:
    (root / "content" / "actors").mkdir(parents=True)
    # named after an actor of the seeds: a file that matches nobody stops the build
    (root / "content" / "actors" / f"{SEEDS_ACTOR}.md").write_text(
        f"---\nname: '{ACTOR}'\n---\nAstoria's foreign minister.\n", encoding="utf-8"
    )
    (root / "site.yaml").write_text(
        f"issues:\n  - id: territory\n    label: '{ISSUE}'\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("query", ["Marten", "Territory"])
def test_high_search_filter_html_runs_no_script(
    seeds_project: Path, tmp_path: Path, query: str
) -> None:
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    project = _hostile_project(seeds_project)
    out = build_site(tmp_path / "site", project=project)
    assert "&lt;img" in (out / "actors" / SEEDS_ACTOR / "index.html").read_text()
    with serving(out) as server, sync_playwright() as pw:
        browser = launch(pw, chromium)
        try:
            page = browser.new_page()
            page.goto(f"{server.url}search/?q={query}")
            page.locator("main .pagefind-ui__result").first.wait_for(timeout=15_000)
            page.locator("main details summary").first.wait_for(timeout=15_000)
            # pagefind draws its filter groups one by one after the first result: open
            # each as it appears until the hostile value is on screen (or time runs out)
            expected = f"{query}‹img"
            text = ""
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                closed = page.locator("main details:not([open]) summary")
                for _ in range(closed.count()):
                    closed.nth(0).click()
                text = page.locator("main").inner_text().replace("Ivo Marten", "Marten")
                if expected in text:
                    break
                time.sleep(0.25)
            time.sleep(0.5)
            assert page.evaluate("() => window.__pwned") is None
            injected = page.locator("main img[onerror], main img[src='x'], main img[src='y']")
            assert injected.count() == 0
            assert expected in text  # shown, as text
        finally:
            browser.close()
