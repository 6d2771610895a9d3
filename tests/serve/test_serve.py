"""``sitegen serve``: safe serving, debounced rebuilds, and live reload seen in a browser.

The end-to-end tests run the real server on a copy of the repository's project in
``tmp_path`` (``sitegen serve`` as a subprocess for the crawl under a sub-path, a
``DevServer`` in this process for the browser) and wait with deadlines, never
with fixed sleeps. The browser tests skip when no Chromium is installed, except
under CI (``$CI`` set), where that is a failure.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from sitegen.serve.devserver import CLIENT_JS, DevHTTPServer, LiveState, inject, resolve
from sitegen.serve.preview import DevServer, Rebuilder
from sitegen.serve.watch import is_source
from tests.browser import launch, require_chromium
from tests.conftest import REPO

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser test then skips (or fails under CI)
    sync_playwright = None  # type: ignore[assignment]
    PlaywrightError = Exception  # type: ignore[assignment,misc]

NOTE = "content/rounds/first-round.md"
NOTE_PAGE = "notes/rounds/first-round/"
TRAVERSALS = [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2f..%2fetc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/.%2e/.%2e/etc/passwd",
    "//etc/passwd",
    "/static/%00/print.css",
    "/%c0%ae%c0%ae/etc/passwd",
]


def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def copy_project(dest: Path) -> Path:
    for name in ("seeds", "content", "templates"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "site.yaml", dest / "site.yaml")
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def raw_get(port: int, path: str) -> tuple[int, str, bytes]:
    """GET exactly ``path`` (no client-side normalisation): status, content type, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type") or "", resp.read()
    finally:
        conn.close()


# ------------------------------------------------------------------ paths and pages


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (site / "static" / "print.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return site


@pytest.mark.parametrize("path", TRAVERSALS)
def test_resolve_refuses_every_way_out(out: Path, path: str) -> None:
    assert resolve(out, "/", path) is None


def test_resolve_refuses_symlinks_out(out: Path) -> None:
    (out / "leak.txt").symlink_to(out.parent / "secret.txt")
    (out / "up").symlink_to(out.parent)
    assert resolve(out, "/", "/leak.txt") is None
    assert resolve(out, "/", "/up/secret.txt") is None


def test_resolve_finds_files_folders_and_prefix(out: Path) -> None:
    assert resolve(out, "/", "/") == out / "index.html"
    assert resolve(out, "/", "/static/print.css") == out / "static" / "print.css"
    assert resolve(out, "/", "/static") == "/static/"  # a folder: redirect to its slash form
    assert resolve(out, "/b/", "/b/static/print.css") == out / "static" / "print.css"
    assert resolve(out, "/b/", "/static/print.css") is None  # outside the sub-path
    assert resolve(out, "/", "/nope.html") is None


def test_inject_puts_the_script_before_the_last_body_end() -> None:
    status = LiveState().publish(
        site_changed=True, errors=['notes/x.md:3: bad "YAML" <here>'], failed=True
    )
    page = inject(b"<html><body><p>a</body></p></BODY ></html>", status)
    text = page.decode()
    assert text.index(CLIENT_JS) < text.index("</BODY >")
    assert text.count("<script") == 1
    assert "<here>" not in text and "&lt;here&gt;" in text  # the errors are escaped
    assert 'data-failed="1"' in text and 'data-epoch="1"' in text


def test_only_sources_are_watched(tmp_path: Path) -> None:
    root = tmp_path
    out = root / "_site"
    yes = ["seeds/a.txt", "seeds/a.md", "content/notes/x.md", "templates/base.html", "site.yaml"]
    no = [
        ".cache/sitegen/facts/x.json",
        "_site/index.html",
        ".git/index",
        "seeds/.a.txt.swp",
        "content/x.md~",
        "content/4913",
        "other.yaml",
        "README.md",
    ]
    for rel in yes:
        assert is_source(root, root / rel, [out]), rel
    for rel in no:
        assert not is_source(root, root / rel, [out]), rel
    assert not is_source(root, tmp_path.parent / "elsewhere.txt")


def test_reading_the_sources_does_not_reach_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reads every source: inotify must not even report those reads (handling
    thousands of events on watchdog's threads slowed each rebuild by a fifth), while
    a write still is one."""
    from sitegen.serve import watch

    seen: list[str] = []
    real = watch._Handler.on_any_event

    def spy(self: Any, event: Any) -> None:
        seen.append(event.event_type)
        real(self, event)

    monkeypatch.setattr(watch._Handler, "on_any_event", spy)
    (tmp_path / "seeds").mkdir()
    files = [tmp_path / "seeds" / f"a{i}.txt" for i in range(20)]
    for f in files:
        f.write_text("text", encoding="utf-8")
    changed: list[Path] = []
    watcher = watch.ProjectWatcher(tmp_path, changed.append)
    watcher.start()
    try:
        time.sleep(0.2)
        for _ in range(5):
            for f in files:
                f.read_bytes()
        time.sleep(0.5)
        assert seen == [] and changed == []
        files[3].write_text("edited", encoding="utf-8")
        wait_until(lambda: changed, 5, "the edit to be seen")
    finally:
        watcher.stop()
    assert changed[0] == files[3] and set(seen) <= watch.CHANGES


def test_server_content_types_and_404(out: Path) -> None:
    kinds = {
        "a.html": "text/html",
        "a.css": "text/css",
        "a.js": "text/javascript",
        "a.json": "application/json",
        "a.xml": "application/xml",
        "a.svg": "image/svg+xml",
        "a.png": "image/png",
        "a.wasm": "application/wasm",
        "a.pf_fragment": "application/octet-stream",
    }
    for name in kinds:
        (out / name).write_bytes(b"<html><body>x</body></html>")
    (out / "404.html").write_text("<html><body>our own 404</body></html>", encoding="utf-8")
    server = DevHTTPServer(("127.0.0.1", 0), out, LiveState())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = int(server.server_address[1])
        for name, kind in kinds.items():
            code, got, _ = raw_get(port, "/" + name)
            assert code == 200 and got.split(";")[0] == kind, name
        for path in TRAVERSALS:
            code, _, body = raw_get(port, path)
            assert code in (403, 404), path
            assert b"secret" not in body
        code, kind, body = raw_get(port, "/missing/")
        assert code == 404 and kind.startswith("text/html")
        assert b"our own 404" in body and CLIENT_JS.encode() in body
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ rebuilds


def test_a_burst_of_changes_is_one_build() -> None:
    builds: list[float] = []
    rebuilder = Rebuilder(lambda: builds.append(time.monotonic()), debounce=0.3)
    rebuilder.start()
    try:
        for _ in range(20):
            rebuilder.poke()
        wait_until(lambda: builds, 5, "the build")
        time.sleep(0.5)  # room for a wrong second build to show up
        assert len(builds) == 1
    finally:
        rebuilder.stop()


def test_a_change_during_a_build_starts_another() -> None:
    release = threading.Event()
    started: list[int] = []

    def slow_build() -> None:
        started.append(len(started))
        if len(started) == 1:
            release.wait(5)

    rebuilder = Rebuilder(slow_build, debounce=0.01)
    rebuilder.start()
    try:
        rebuilder.poke()
        wait_until(lambda: started, 5, "the first build")
        rebuilder.poke()  # while the first build runs
        rebuilder.poke()
        release.set()
        wait_until(lambda: len(started) == 2, 5, "the second build")
        time.sleep(0.2)
        assert len(started) == 2  # the two pokes made one more build, not two
    finally:
        rebuilder.stop()


def test_binds_to_localhost_by_default(tmp_path: Path) -> None:
    server = DevServer(copy_project(tmp_path), port=0)
    try:
        assert server.httpd.server_address[0] == "127.0.0.1"
    finally:
        server.stop()


def test_only_source_changes_rebuild(tmp_path: Path) -> None:
    """Its own reads, the cache, an output folder and editor scratch files start no build."""
    project = copy_project(tmp_path)
    server = DevServer(project, port=0, debounce=0.05).start()
    try:
        assert server.state.snapshot().epoch == 1
        (project / "_site").mkdir()
        (project / "_site" / "index.html").write_text("x", encoding="utf-8")
        (project / ".cache" / "sitegen" / "other.json").write_text("{}", encoding="utf-8")
        (project / "seeds" / ".draft.txt.swp").write_text("x", encoding="utf-8")
        (project / "notes.txt").write_text("x", encoding="utf-8")
        time.sleep(0.6)  # several debounce periods: a wrong build would have started
        assert server.state.snapshot().epoch == 1 and server.rebuilder.idle
        seed = next((project / "seeds").glob("*.txt"))
        seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
        wait_until(lambda: server.state.snapshot().epoch == 2, 10, "a rebuild")
        time.sleep(0.3)
        assert server.state.snapshot().epoch == 2  # the rebuild's reads start no other
    finally:
        server.stop()
    assert not server.out.exists()  # the temporary output is gone


# ------------------------------------------------------------------ the CLI, over HTTP


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@pytest.fixture()
def cli_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """``sitegen serve`` as a user runs it, under ``/briefing/``; yields (site URL, port)."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/briefing/"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen.cli", "serve", str(project), "--port", str(port)]
        + ["--base-url", base],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                pytest.fail("sitegen serve exited:\n" + "".join(lines))
            lines.append(line)
            if line.startswith("serving "):
                break
        assert f"serving {base}" in "".join(lines)
        yield base, port
    finally:
        proc.terminate()
        code = proc.wait(timeout=15)
        rest = proc.stdout.read() if proc.stdout else ""
        assert code == 0, "".join(lines) + rest


def test_served_site_under_a_sub_path_has_no_broken_link(cli_server: tuple[str, int]) -> None:
    base, port = cli_server
    origin = f"http://127.0.0.1:{port}"
    seen: set[str] = set()
    todo = [base]
    broken: list[str] = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                kind = resp.headers.get("Content-Type", "")
                body = resp.read()
        except urllib.error.HTTPError as exc:
            broken.append(f"{url}: {exc.code}")
            continue
        if not kind.startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link).split("#", 1)[0]
            if target.startswith(origin) and "/__sitegen__/" not in target:
                assert target.startswith(base), f"{url} links outside the sub-path: {link}"
                todo.append(target)
    assert not broken, "\n".join(broken)
    assert len([u for u in seen if u.endswith("/")]) > 20  # it really crawled the site


def test_cli_server_is_safe_and_typed(cli_server: tuple[str, int]) -> None:
    base, port = cli_server
    prefix = urlsplit(base).path
    for path in TRAVERSALS + [prefix + p.lstrip("/") for p in TRAVERSALS]:
        code, _, body = raw_get(port, path)
        assert code in (403, 404), path
        assert b"root:" not in body
    expected = {
        "": "text/html",
        "static/print.css": "text/css",
        "data/briefing.json": "application/json",
        "feed.xml": "application/xml",
        "sitemap.xml": "application/xml",
        "robots.txt": "text/plain",
    }
    for rel, kind in expected.items():
        code, got, _ = raw_get(port, prefix + rel)
        assert code == 200 and got.split(";")[0] == kind, rel
    code, got, body = raw_get(port, prefix + "no/such/page/")
    assert code == 404 and got.startswith("text/html")
    assert b'<link rel="stylesheet"' in body or b"<html" in body  # the site's own 404 page
    code, _, _ = raw_get(port, "/")
    assert code == 302  # the root sends the reader to the sub-path


# ------------------------------------------------------------------ the browser


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's Chromium; its absence skips the browser test, except under CI."""
    return require_chromium()


def in_own_thread(scenario: Callable[[], None], timeout: float = 120) -> None:
    """Run ``scenario`` on a fresh thread and re-raise what it raised there.

    playwright's sync API allows one running instance per thread, and
    ``test_browser.py`` keeps a session-long one open on the main thread.
    """
    raised: list[BaseException] = []

    def run() -> None:
        try:
            scenario()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            raised.append(exc)

    thread = threading.Thread(target=run, name="browser-scenario", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"the browser scenario did not finish in {timeout}s")
    if raised:
        raise raised[0]


def body_text(page: Any) -> str:
    try:
        return str(page.locator("body").inner_text(timeout=1000))
    except PlaywrightError:  # between two documents during a reload
        return ""


def overlay_text(page: Any) -> str:
    try:
        box = page.locator("#sitegen-errors")
        return str(box.inner_text(timeout=200)) if box.count() else ""
    except PlaywrightError:
        return ""


def write_note(project: Path, body: str, front: str | None = None) -> None:
    """Replace the note's body (and front matter, when given) in one write."""
    path = project / NOTE
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("---", 3) + 3]
    if front is not None:
        head = f"---\n{front}\n---"
    tmp = path.with_name(".first-round.md.tmp")
    tmp.write_text(f"{head}\n{body}\n", encoding="utf-8")
    tmp.replace(path)  # as editors save: whole, never half-written


@pytest.mark.browser
def test_live_reload_in_a_browser(chromium: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    server = DevServer(project, port=0).start()
    try:
        in_own_thread(lambda: live_reload_scenario(chromium, server, project))
    finally:
        server.stop()


def live_reload_scenario(chromium: str, server: DevServer, project: Path) -> None:
    with sync_playwright() as pw:
        browser = launch(pw, chromium)
        try:
            follow_edits(browser.new_page(), server, project)
        finally:
            browser.close()


def follow_edits(page: Any, server: DevServer, project: Path) -> None:
    """Open the note's page, then edit the note while watching the page."""
    page.goto(server.url + NOTE_PAGE)
    assert "first direct contact" in body_text(page)
    page.evaluate("() => { window.sitegenMarker = 1; }")

    # one edit: shown by a reload nobody asked for (how fast is bench/run.py's to say,
    # not a timed test's: a busy machine would fail it)
    write_note(project, "Edited paragraph ALPHA-ONE.")
    wait_until(lambda: "ALPHA-ONE" in body_text(page), 5, "the first edit")
    assert page.evaluate("() => window.sitegenMarker") is None  # the page did reload

    # three quick edits: the last one wins, and stays
    for word in ("BRAVO-1", "BRAVO-2", "BRAVO-3"):
        write_note(project, f"Edited paragraph {word}.")
        time.sleep(0.03)
    wait_until(lambda: "BRAVO-3" in body_text(page), 5, "the last of three edits")
    wait_until(lambda: server.rebuilder.idle, 5, "the builds to settle")
    time.sleep(0.3)
    text = body_text(page)
    assert "BRAVO-3" in text and "BRAVO-1" not in text and "BRAVO-2" not in text

    # broken front matter: the error over the last good page
    write_note(project, "Never shown CHARLIE.", front="title: [unclosed\nabout: x")
    shown = wait_until(lambda: overlay_text(page), 5, "the error overlay")
    assert re.search(r"content/rounds/first-round\.md:\d+: bad YAML", shown), shown
    assert "BRAVO-3" in body_text(page) and "CHARLIE" not in body_text(page)

    # the fix recovers by itself
    write_note(
        project,
        "Fixed paragraph DELTA.",
        front="title: The first trilateral round\nabout: round:2026-01-23-abu-dhabi",
    )
    wait_until(lambda: "DELTA" in body_text(page), 5, "the fixed page")
    wait_until(lambda: not overlay_text(page), 5, "the overlay to go")
    assert json.loads(page.evaluate("() => JSON.stringify(location.pathname)")).endswith(NOTE_PAGE)


def test_a_rebuild_runs_without_the_collector_and_collects_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collections during a rebuild walk all the data still alive; one after is enough."""
    import gc

    server = DevServer(copy_project(tmp_path), port=0)
    seen: list[bool] = []
    collected: list[int] = []
    monkeypatch.setattr(server, "_build", lambda _started, _later: seen.append(gc.isenabled()))
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    try:
        assert gc.isenabled()
        server.rebuild()
        assert seen == [False] and collected == [1] and gc.isenabled()
        monkeypatch.setattr(server, "_build", lambda _started: 1 / 0)  # a failed build too
        server.rebuild()
        assert gc.isenabled() and collected == [1, 1]
    finally:
        server.stop()


def test_the_caches_are_saved_after_the_browsers_are_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving the page index and the extraction cache is for the next build: it waits
    until the reload has been sent, and is done before the next build starts."""
    import sitegen.brief.cache
    import sitegen.build

    project = copy_project(tmp_path)
    server = DevServer(project, port=0, search=False)
    order: list[str] = []
    real_publish, real_index = server.state.publish, sitegen.build.save_index
    real_cache = sitegen.brief.cache.GatherCache.save
    monkeypatch.setattr(
        server.state, "publish", lambda **kw: order.append("publish") or real_publish(**kw)
    )
    monkeypatch.setattr(
        sitegen.build, "save_index", lambda *a: order.append("page index") or real_index(*a)
    )

    def save_cache(self: sitegen.brief.cache.GatherCache, keep: Any) -> None:
        order.append(f"{self.FOLDER} cache")  # the gather cache, then the stances'
        real_cache(self, keep)

    monkeypatch.setattr(sitegen.brief.cache.GatherCache, "save", save_cache)
    try:
        server.rebuild()
        seed = sorted((project / "seeds").glob("*.txt"))[0]
        seed.write_text(seed.read_text(encoding="utf-8") + "\nA late line.\n", encoding="utf-8")
        order.clear()
        server.rebuild()
    finally:
        server.stop()
    assert order == ["publish", "gather cache", "stances cache", "page index"]


def test_after_a_failed_build_the_next_one_lists_the_output_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the last update left is known only while every update succeeds: a build that
    fails part way may have written some files."""
    import sitegen.serve.preview

    server = DevServer(copy_project(tmp_path), port=0, search=False)
    seen: list[object] = []
    real = sitegen.serve.preview.build_briefing

    def spy(*args: Any, **kw: Any) -> Any:
        seen.append(kw["present"])
        if len(seen) == 3:
            raise RuntimeError("a template broke")
        return real(*args, **kw)

    monkeypatch.setattr(sitegen.serve.preview, "build_briefing", spy)
    try:
        for _ in range(4):
            server.rebuild()
    finally:
        server.stop()
    assert seen[0] is None and seen[3] is None  # the first build, and the one after the failure
    assert isinstance(seen[1], set) and "index.html" in seen[1] and seen[2] == seen[1]
