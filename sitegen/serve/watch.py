"""Watch a project's sources with watchdog: ``seeds/``, ``content/``, ``templates/``, ``site.yaml``.

Only those are watched, each folder on its own and the project folder itself
without recursion, so the output, ``.cache/``, ``.git/`` and the like are never
seen (and cost no inotify watches). Events that do not change a file (opening,
reading, closing unwritten: a build reading the sources makes them) and editor
scratch files (``.x.swp``, ``x~``, vim's ``4913``) are dropped.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

WATCHED_DIRS = ("seeds", "content", "templates")
WATCHED_FILES = ("site.yaml",)
CHANGES = frozenset({"created", "deleted", "modified", "moved"})
"""Event types that mean a source changed."""
WANTED: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""What to ask inotify for: the kernel then does not even report the opening and
closing of every source a build reads (thousands of events a rebuild, each handled
on watchdog's threads while the build runs: a fifth of a rebuild's time)."""
SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")


def is_scratch(name: str) -> bool:
    """Editor and download leftovers that are never sources."""
    return name.startswith((".", "#")) or name.endswith(SCRATCH_SUFFIXES) or name == "4913"


def is_source(root: Path, path: Path, ignore: Iterable[Path] = ()) -> bool:
    """Whether a change at ``path`` can change the site."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return False
    if any(path == i or path.is_relative_to(i) for i in ignore):
        return False
    parts = rel.parts
    if not parts or any(is_scratch(p) for p in parts):
        return False
    if len(parts) == 1:
        return parts[0] in WATCHED_FILES or parts[0] in WATCHED_DIRS
    return parts[0] in WATCHED_DIRS


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: ProjectWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        self.watcher.saw([Path(str(p)) for p in paths if p])


class ProjectWatcher:
    """Calls ``on_change(path)`` from watchdog's thread for every change to a source."""

    def __init__(
        self,
        root: Path,
        on_change: Callable[[Path], None],
        ignore: Iterable[Path] = (),
    ) -> None:
        self.root = root.resolve()
        self.on_change = on_change
        self.ignore = [p.resolve() for p in ignore]
        self._handler = _Handler(self)
        self._lock = threading.Lock()
        self._dirs: dict[str, ObservedWatch] = {}
        self.observer: BaseObserver = Observer()

    def start(self) -> None:
        try:
            self._schedule()
            self.observer.start()
        except OSError:  # out of inotify watches or instances: poll instead
            self.observer = PollingObserver(timeout=0.5)
            self._dirs.clear()
            self._schedule()
            self.observer.start()

    def _schedule(self) -> None:
        self.observer.schedule(self._handler, str(self.root), event_filter=WANTED)
        self.refresh()

    def refresh(self, renew: Iterable[str] = ()) -> None:
        """Watch source folders created since the start; ``renew`` re-creates watches
        of folders that were deleted or moved and may be back."""
        with self._lock:
            for name in WATCHED_DIRS:
                folder = self.root / name
                watch = self._dirs.get(name)
                if watch is not None and (name in renew or not folder.is_dir()):
                    self.observer.unschedule(watch)
                    del self._dirs[name]
                    watch = None
                if watch is None and folder.is_dir():
                    self._dirs[name] = self.observer.schedule(
                        self._handler, str(folder), recursive=True, event_filter=WANTED
                    )

    def saw(self, paths: list[Path]) -> None:
        relevant = [p for p in paths if is_source(self.root, p, self.ignore)]
        top = {p.name for p in relevant if p.parent == self.root and p.name in WATCHED_DIRS}
        if top:
            with contextlib.suppress(OSError):  # the folder went again: the next event retries
                self.refresh(renew=top)
        if relevant:
            self.on_change(relevant[0])

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)
