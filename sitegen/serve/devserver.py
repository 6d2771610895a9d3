"""The HTTP half of ``sitegen serve``: serve one output folder safely, and say when it changed.

Standard library only (``ThreadingHTTPServer``): each request, including a
browser's long poll for the next build, has its own thread, so a rebuild never
blocks serving. Paths are decoded once and any ``.``/``..`` segment, backslash
or NUL is refused, then the resolved file must still lie inside the output
folder (symlinks included), so nothing else on the disk can be read. Every HTML
page gets the live-reload script; nothing is cached by the browser.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import secrets
import socket
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sitegen.serve.reload_client import SCRIPT

HOOK = "/__sitegen__/"
"""Where the dev server's own endpoints live (outside any site path)."""
CLIENT_JS = HOOK + "livereload.js"
EVENTS = HOOK + "events"
POLL_SECONDS = 20.0
"""How long a browser's poll waits for a build before it is answered 'nothing new'."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
}
"""By suffix; anything else (pagefind's index files too) is application/octet-stream."""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Status:
    """What the browsers are told: which build is current and what went wrong."""

    server: str
    """Random per run: a page from an earlier run of the server reloads."""
    epoch: int = 0
    """Counts finished build attempts, good or bad."""
    site: int = 0
    """Counts builds that changed the files served; a page reloads when it moves."""
    errors: tuple[str, ...] = ()
    """Problems to show over the page, each ``file:line: message``."""
    failed: bool = False
    """The last build was refused: the files served are the last good site."""
    prefix: str = "/"
    """The URL path the site lives under (the base URL's path), decoded."""


class LiveState:
    """The current ``Status``, shared by the builder thread and the request threads."""

    def __init__(self, prefix: str = "/") -> None:
        self._cond = threading.Condition()
        self._status = Status(server=secrets.token_hex(6), prefix=prefix)
        self._closed = False

    def snapshot(self) -> Status:
        with self._cond:
            return self._status

    def publish(
        self, *, site_changed: bool, errors: list[str], failed: bool, prefix: str | None = None
    ) -> Status:
        """Announce a finished build (call only once its files are in place)."""
        with self._cond:
            now = self._status
            self._status = replace(
                now,
                epoch=now.epoch + 1,
                site=now.site + 1 if site_changed else now.site,
                errors=tuple(errors),
                failed=failed,
                prefix=prefix or now.prefix,
            )
            self._cond.notify_all()
            return self._status

    def wait(self, server: str, epoch: int, timeout: float) -> Status | None:
        """The status once it differs from what the page has; None when shutting down."""
        with self._cond:
            self._cond.wait_for(
                lambda: (
                    self._closed or self._status.server != server or self._status.epoch != epoch
                ),
                timeout,
            )
            return None if self._closed else self._status

    def close(self) -> None:
        """Release every waiting poll (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def resolve(out: Path, prefix: str, raw_path: str) -> Path | str | None:
    """The file for a request path, a redirect target (str), or None for a 404.

    ``raw_path`` is the path as sent (still percent-encoded); it is decoded
    exactly once, so ``%252e%252e`` stays a harmless literal name.
    """
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in path or "\0" in path or not path.startswith(prefix):
        return None
    parts = path[len(prefix) :].split("/")
    if any(p in (".", "..") for p in parts) or any(p == "" for p in parts[:-1]):
        return None
    root = os.path.realpath(out)
    target = os.path.realpath(os.path.join(root, *parts))
    if target != root and not target.startswith(root + os.sep):
        return None
    if os.path.isdir(target):
        if parts[-1] != "":
            return raw_path + "/"
        target = os.path.join(target, "index.html")
    return Path(target) if os.path.isfile(target) else None


def inject(page: bytes, status: Status) -> bytes:
    """Add the live-reload script (with the status it was served at) before ``</body>``."""
    attrs = {
        "src": CLIENT_JS,
        "data-events": EVENTS,
        "data-server": status.server,
        "data-epoch": str(status.epoch),
        "data-site": str(status.site),
        "data-errors": json.dumps(list(status.errors)),
        "data-failed": "1" if status.failed else "0",
    }
    tag = "<script " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items()) + "></script>"
    data = tag.encode("utf-8")
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + data
    at = ends[-1].start()
    return page[:at] + data + page[at:]


FALLBACK_404 = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>sitegen serve has no page at this address.</p></body></html>
"""


class DevHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD only; paths are checked by ``resolve``."""

    server: DevHTTPServer
    server_version = "sitegen-serve"

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server naming
        self._answer()

    def do_GET(self) -> None:  # noqa: N802
        self._answer()

    def _answer(self) -> None:
        split = urlsplit(self.path)
        if split.path == EVENTS:
            self._events(split.query)
            return
        if split.path == CLIENT_JS:
            self._send(200, SCRIPT.encode("utf-8"), CONTENT_TYPES[".js"])
            return
        status = self.server.state.snapshot()
        if status.prefix != "/" and split.path in ("", "/", status.prefix.rstrip("/")):
            self._redirect(status.prefix)
            return
        found = resolve(self.server.out, status.prefix, split.path)
        if isinstance(found, str):
            self._redirect(found + (f"?{split.query}" if split.query else ""))
        elif found is None:
            self._not_found(status)
        else:
            try:
                body = found.read_bytes()
            except OSError:  # swapped away mid-request; the browser will reload anyway
                self._not_found(status)
                return
            kind = CONTENT_TYPES.get(found.suffix.lower(), "application/octet-stream")
            if kind.startswith("text/html"):
                body = inject(body, status)
            self._send(200, body, kind)

    def _not_found(self, status: Status) -> None:
        page = self.server.out / "404.html"
        try:
            body = page.read_bytes()
        except OSError:
            body = FALLBACK_404
        self._send(404, inject(body, status), CONTENT_TYPES[".html"])

    def _events(self, query: str) -> None:
        params = parse_qs(query)
        server = params.get("server", [""])[0]
        try:
            epoch = int(params.get("epoch", ["-1"])[0])
        except ValueError:
            epoch = -1
        status = self.server.state.wait(server, epoch, self.server.poll_seconds)
        if status is None:
            self._send(503, b'{"closing": true}', CONTENT_TYPES[".json"])
            return
        body = {
            "server": status.server,
            "epoch": status.epoch,
            "site": status.site,
            "errors": list(status.errors),
            "failed": status.failed,
        }
        self._send(200, json.dumps(body).encode("utf-8"), CONTENT_TYPES[".json"])

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send(self, code: int, body: bytes, kind: str) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser went away (a reload); nothing to do

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Requests are not logged: the terminal is for builds and problems."""


class DevHTTPServer(http.server.ThreadingHTTPServer):
    """A threading server that knows the output folder and the live state."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        address: tuple[str, int],
        out: Path,
        state: LiveState,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.out = out
        self.state = state
        self.poll_seconds = poll_seconds
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, DevHandler)
