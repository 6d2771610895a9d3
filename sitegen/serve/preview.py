"""``sitegen serve``: build, serve, watch, rebuild, and tell the browsers (MkDocs 1.2 style).

Four threads, no event loop: the HTTP server answers requests (each in its own
thread), watchdog reports changes, a builder thread gathers a burst of changes
into one rebuild, and the main thread waits for Ctrl+C. Browsers hold a long
poll and reload only once a rebuild has finished and its files are in place; a
change that arrives during a build starts another build straight after, so the
last edit is always the one shown.

A rebuild that fails (site.yaml that does not parse, a template error) or that
brings a new error in the input (a note whose front matter does not parse, a
``[[link]]`` or ``about:`` naming no known id, an unreadable article) is not
written: the last good site stays, and every current problem is shown over every
page until the file is fixed (the check comes after rendering, so the notes'
links are among them). Errors already there at the first build do not block
(else nothing could be shown); they are displayed too.

The site is built into a temporary folder, as ``mkdocs serve`` does and like
Hugo's in-memory server: previewing never touches ``_site/`` or a deployment.
"""

from __future__ import annotations

import functools
import gc
import shutil
import signal
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import unquote

from sitegen.brief.cache import CacheShelf, Later
from sitegen.brief.gather import load_briefing
from sitegen.brief.memory import GatherMemory
from sitegen.build import build_briefing
from sitegen.config import load_config
from sitegen.errors import BuildError, InputErrors, SitegenError
from sitegen.ingest.progress import Console, Reporter, fmt_seconds, plural
from sitegen.models import Diagnostic
from sitegen.output.export import ExportParts
from sitegen.serve.devserver import DevHTTPServer, LiveState
from sitegen.serve.liveindex import LiveIndex
from sitegen.serve.servehost import is_loopback, make_private_folder
from sitegen.serve.watch import ProjectWatcher
from sitegen.site.templating import MemoryTemplates
from sitegen.site.textdigests import TextDigests
from sitegen.site.urls import Urls

Say = Callable[[str], None]
DEBOUNCE = 0.12
"""Seconds of quiet that end a burst of changes (an editor's save is several events)."""
MAX_GATHER = 1.0
"""Build at the latest this long after the first change of a burst, even if changes go on."""


def describe(exc: BaseException) -> str:
    """One line for the overlay: ``file:line: message`` when the error knows where."""
    if isinstance(exc, SitegenError):
        return str(exc)
    where = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if where and line:
        return f"{where}:{line}: {message}"
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" (at {frame[0].filename}:{frame[0].lineno})" if frame else ""
    return f"{type(exc).__name__}: {message}{at}"


def serving_prefix(base_url: str) -> str:
    """The decoded URL path the site is served under (``/briefing/``)."""
    return unquote(Urls(base_url).prefix)


class Rebuilder:
    """Gathers change notices into one build at a time, on its own thread."""

    def __init__(
        self, build: Callable[[], None], debounce: float = DEBOUNCE, max_gather: float = MAX_GATHER
    ) -> None:
        self._build = build
        self.debounce = debounce
        self.max_gather = max_gather
        self._cond = threading.Condition()
        self._dirty = False
        self._first = self._last = 0.0
        self._stopping = False
        self._building = False
        self._thread = threading.Thread(target=self._loop, name="sitegen-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Note a change; safe from any thread, never blocks on a build."""
        with self._cond:
            now = time.monotonic()
            if not self._dirty:
                self._first = now
            self._dirty, self._last = True, now
            self._cond.notify_all()

    def _next(self) -> bool:
        """Wait for a burst of changes to end; False when stopping."""
        with self._cond:
            self._cond.wait_for(lambda: self._dirty or self._stopping)
            while not self._stopping:
                now = time.monotonic()
                quiet_at = self._last + self.debounce
                if now >= quiet_at or now - self._first >= self.max_gather:
                    break
                self._cond.wait(quiet_at - now)
            self._dirty = False  # changes from here on start another build
            return not self._stopping

    def _loop(self) -> None:
        while self._next():
            self._building = True
            try:
                self._build()
            finally:
                self._building = False

    @property
    def idle(self) -> bool:
        """No change waiting and no build running (for tests and tools)."""
        with self._cond:
            return not self._dirty and not self._building

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=30)


class DevServer:
    """The whole preview: ``start()``, then ``url``; ``stop()`` removes the temporary output."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        base_url: str | None = None,
        use_cache: bool = True,
        search: bool = True,
        say: Say | None = None,
        debounce: float = DEBOUNCE,
        console: Console | None = None,
    ) -> None:
        """``console``: where progress and messages go (a live line on a terminal);
        else whole lines to ``say``."""
        self.root = root.resolve()
        self.base_url = base_url
        self.use_cache = use_cache
        self.search = search
        self.console = console or Console(say or (lambda _msg: None))
        self.say: Say = self.console.print
        self._tmp = make_private_folder()  # stale ones of killed previews go first
        self.out = self._tmp / "site"
        self._trash = self._tmp / "trash"
        """What a rebuild replaced, removed once the browsers have been told."""
        self.state = LiveState(serving_prefix(base_url or "/"))
        self._baseline: set[str] | None = None
        """Errors of the last site written; None before the first."""
        self._files = -1
        self._present: set[str] | None = None
        """The files the last update left in the output (None: list the folder)."""
        self._shelf = CacheShelf()
        self._memory = GatherMemory()
        self._compiled = MemoryTemplates()
        self._texts = TextDigests()
        self._parts = ExportParts()
        try:
            self.httpd = DevHTTPServer((host, port), self.out, self.state)
        except OSError as exc:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise BuildError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                "choose another --port (0 picks a free one)"
            ) from exc
        self.host = host
        self.port = int(self.httpd.server_address[1])
        self.rebuilder = Rebuilder(self.rebuild, debounce=debounce)
        self.watcher = ProjectWatcher(
            self.root, lambda _path: self.rebuilder.poke(), ignore=[self._tmp]
        )
        self._http_thread = threading.Thread(
            target=self.httpd.serve_forever, name="sitegen-http", daemon=True
        )

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.state.snapshot().prefix}"

    def start(self) -> DevServer:
        """Watch first (no edit made during the first build is lost), build, then serve."""
        self.watcher.start()
        self.rebuild()
        self.rebuilder.start()
        self._http_thread.start()
        return self

    def stop(self) -> None:
        """Stop whatever was started, close the socket and remove the temporary output."""
        if self.watcher.observer.is_alive():
            self.watcher.stop()
        self.rebuilder.stop()
        self.state.close()
        if self._http_thread.is_alive():
            self.httpd.shutdown()
            self._http_thread.join(timeout=5)
        self.httpd.server_close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _refuses(self, diag: Diagnostic) -> bool:
        """A new error (not there when the last good site was written) keeps that site;
        errors of the first build do not block, else there would be nothing to show."""
        baseline = self._baseline
        return diag.level == "error" and baseline is not None and str(diag) not in baseline

    def rebuild(self) -> None:
        """Build once and publish the outcome; never raises (the server must survive).

        The cyclic garbage collector is paused during the build and run once after the
        browsers have been told: a build makes millions of objects and almost no cycles,
        and with the last build's data still alive each full collection walks all of
        it (over a third of a rebuild at 10,000 articles). Saving the caches waits
        until then too: the next build needs them, the browsers do not."""
        started = time.perf_counter()
        collecting = gc.isenabled()
        gc.disable()
        later: Later = []
        try:
            self._build(started, later)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the last site stays
            problem = describe(exc)
            if not isinstance(exc, SitegenError):
                self.say("".join(traceback.format_exception(exc)).rstrip())
            self.say(f"build failed, still serving the last good site: {problem}")
            self.state.publish(site_changed=False, errors=[problem], failed=True)
        finally:
            self.console.settle()  # a rebuild cut short leaves no status behind
            for work in later:  # the caches, once the browsers have the new site
                try:
                    work()
                except Exception as exc:  # noqa: BLE001 - a cache not saved is a slower next build
                    self.say(f"could not save the build cache: {describe(exc)}")
            shutil.rmtree(self._trash, ignore_errors=True)
            if collecting:
                gc.enable()
                gc.collect()

    def _build(self, started: float, later: Later) -> None:
        """The first build shows each stage as ``sitegen build`` does; a rebuild, one
        status line (``rebuilding: extracting 1 article ... done in 0.4 s``)."""
        first = self._baseline is None
        reporter = Reporter(self.console, status=None if first else "rebuilding")
        config = load_config(self.root, base_url=self.base_url)
        briefing = load_briefing(
            config,
            use_cache=self.use_cache,
            later=later,
            shelf=self._shelf,
            memory=self._memory,
            progress=reporter,
        )
        present, self._present = self._present, None  # unknown should this build fail
        try:
            result = build_briefing(
                briefing,
                config,
                self.out,
                search=self.search,
                in_place=True,
                later=later,
                present=present,
                live_search=functools.partial(LiveIndex, trash=self._trash),
                progress=reporter,
                refuse=self._refuses,
                compiled=self._compiled,
                texts=self._texts,
                parts=self._parts,
            )
        except InputErrors as exc:
            for diag in exc.refused:
                self.say(f"error: {diag}")
            self.say("not rebuilt, still serving the last good site; fix the file and save")
            refused = [str(d) for d in exc.refused]
            others = [str(d) for d in exc.current if d.level == "error"]
            shown = refused + [e for e in others if e not in refused]
            self.state.publish(site_changed=False, errors=shown, failed=True)
            return
        self._present = result.files
        problems = [str(d) for d in result.diagnostics if d.level == "error"]
        for diag in result.diagnostics:
            if self._baseline is None or str(diag) not in self._baseline:
                self.say(f"{diag.level}: {diag}")
        self._baseline = {str(d) for d in result.diagnostics}
        files = result.written + result.unchanged
        changed = result.written > 0 or files != self._files
        self._files = files
        self.state.publish(
            site_changed=changed,
            errors=problems,
            failed=False,
            prefix=serving_prefix(config.base_url),
        )
        self.watcher.refresh()
        seconds = time.perf_counter() - started
        written = f"{plural(result.written, 'file')} written" + ("" if changed else " (no change)")
        if first:
            self.say(f"built {plural(result.pages, 'page')} in {fmt_seconds(seconds)}: {written}")
        else:
            reporter.end_status(f"done in {fmt_seconds(seconds)}, {written}")


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    base_url: str | None = None,
    use_cache: bool = True,
    say: Say | None = None,
    console: Console | None = None,
) -> int:
    """Run the preview until Ctrl+C or SIGTERM; the exit code for the CLI. Messages go
    to ``console`` (progress on a terminal), else as lines to ``say``."""
    console = console or Console(say or print)
    tell: Say = console.print
    if not is_loopback(host):
        tell(
            f"warning: --host {host} shows the unpublished preview to every machine that "
            "can reach this one; use 127.0.0.1 unless that is what you want"
        )
    server = DevServer(
        root, host=host, port=port, base_url=base_url, use_cache=use_cache, console=console
    )
    stop = threading.Event()

    def on_term(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_term) if in_main else None
    hangup = signal.signal(signal.SIGHUP, on_term) if in_main else None  # terminal closed
    try:
        server.start()
        tell(f"serving {server.url} (Ctrl+C to stop); watching {root} for changes")
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        tell("stopping")
        server.stop()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
            signal.signal(signal.SIGHUP, hangup)
    return 0
