"""Helpers for driving the built site in headless Chromium: a local server and the browser.

Shared by ``tests/test_browser.py`` and ``scripts/screenshots.py``. The browser is
Debian's ``chromium`` through playwright's ``executable_path`` (no browser download);
the site is served from 127.0.0.1 by ``http.server`` in a thread, optionally under a
sub-path, so a build for ``--base-url http://127.0.0.1:PORT/briefing/`` can be
tested as it would be deployed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def find_chromium() -> str | None:
    """The Chromium binary to drive: ``$CHROMIUM``, else Debian's, else one on PATH."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for path in CHROMIUM_CANDIDATES:
        if Path(path).is_file():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """Debian's Chromium for a browser test: skip when it (or playwright) is missing,
    except under CI, where a missing browser is a failure."""
    import pytest

    path = find_chromium()
    missing = "no Chromium found" if path is None else ""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; the browser tests are required under CI")
        pytest.skip(f"{missing}; install Debian's 'chromium' and playwright to run them")
    assert path is not None
    return path


def launch(playwright: Any, executable: str) -> Any:
    """Start one headless Chromium (a playwright ``Browser``)."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only; anything else is a 404, like a real host."""

    prefix = "/"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
    }

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".no-such-file-outside-prefix")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a 404 with the site's own 404 page when it has one (as static hosts do)."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


class SiteServer:
    """A static server on a free 127.0.0.1 port; bound before the build so the URL is known.

    ``prefix`` is the URL path the site lives under (``/`` or ``/briefing/``).
    """

    def __init__(self, root: Path, prefix: str = "/") -> None:
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        self.root = root
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        factory = functools.partial(handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + prefix
        self._thread: threading.Thread | None = None

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextlib.contextmanager
def serving(root: Path, prefix: str = "/") -> Iterator[SiteServer]:
    """Serve ``root`` under ``prefix`` for the length of the block."""
    server = SiteServer(root, prefix).start()
    try:
        yield server
    finally:
        server.stop()


def build_site(out: Path, base_url: str | None = None, project: Path = REPO) -> Path:
    """Build ``project`` into ``out`` through the CLI, as a user would; fail loudly."""
    from sitegen.cli import main

    argv = ["build", str(project), "-o", str(out), "-q"]
    if base_url:
        argv += ["--base-url", base_url]
    code = main(argv)
    if code != 0:
        raise RuntimeError(f"sitegen {' '.join(argv)} exited {code}")
    if not (out / "index.html").is_file():
        raise RuntimeError(f"the build wrote no {out / 'index.html'}")
    return out


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject the vendored axe-core into ``page`` and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary})),
            }));
        }"""
    )
    return list(result)


def format_violations(violations: list[dict[str, Any]]) -> str:
    """Readable lines for a failing assertion: rule, impact, help, and each offending node."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}: {node['html'][:200]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      ")[:400])
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)
