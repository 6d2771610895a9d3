"""Build this repo's site, serve it locally and write the README's screenshots.

    python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Writes home and the latest round at desktop (1280x900) and phone (390x844) widths:
``home-desktop.png``, ``home-phone.png``, ``round-desktop.png``, ``round-phone.png``.
Each shot is the top of the full page, cut at a height that keeps the file readable.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import (  # noqa: E402  (after the path set-up, on purpose)
    DESKTOP,
    PHONE,
    build_site,
    find_chromium,
    launch,
    serving,
)

MAX_HEIGHT = {"desktop": 2400, "phone": 3200}
"""Cut long pages here (CSS pixels): enough to show the design, small enough to view."""


def latest_round(site: Path) -> dict[str, Any]:
    """The latest round of the built briefing (by start date)."""
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    if not data["rounds"]:
        raise SystemExit("the built site has no round to show")
    return dict(max(data["rounds"], key=lambda r: (r["start"] or "", r["id"])))


def shoot(browser: Any, url: str, viewport: dict[str, int], max_height: int, path: Path) -> None:
    """One screenshot of the top of the page at ``url``."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    height = int(page.evaluate("() => document.documentElement.scrollHeight"))
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": min(height, max_height)}
    page.screenshot(path=str(path), full_page=True, clip=clip)
    context.close()
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", default=None, help="the Chromium binary to drive")
    args = parser.parse_args(argv)
    chromium = args.chromium or find_chromium()
    if chromium is None:
        print("no Chromium found; install Debian's 'chromium' or pass --chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp) / "site")
        round_ = latest_round(site)
        with serving(site) as server, sync_playwright() as pw:
            browser = launch(pw, chromium)
            pages = {"home": server.url, "round": f"{server.url}rounds/{round_['id']}/"}
            for name, url in pages.items():
                for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    target = args.out / f"{name}-{size}.png"
                    shoot(browser, url, viewport, MAX_HEIGHT[size], target)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
