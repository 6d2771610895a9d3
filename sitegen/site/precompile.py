"""The site's templates compiled in a forked child while the briefing is gathered.

Compiling the templates (0.3-0.5 s of CPU) used to happen when rendering began, in the
build's own process before its render workers fork, with the second core idle. It
needs nothing of the briefing, so ``precompile`` forks a child at the start of a
build that compiles every template into a ``MemoryTemplates`` and leaves its code in a
private file; ``Precompiled.result`` hands it to the renderer. Jinja checks each entry
against its template's source, and any failure (a project's broken template, no fork)
means the renderer compiles as before and reports what is wrong itself.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from pathlib import Path

from jinja2 import PackageLoader

from sitegen.site.phrasing import heading
from sitegen.site.templating import MemoryTemplates, make_env


class Precompiled:
    """A child compiling the templates into a file."""

    def __init__(self, pid: int, path: Path) -> None:
        self.pid, self.path = pid, path
        self._done: MemoryTemplates | None = None
        self._waited = False

    def result(self) -> MemoryTemplates | None:
        """The compiled templates (waiting for the child), or None if it failed."""
        if not self._waited:
            self._waited = True
            _, status = os.waitpid(self.pid, 0)
            try:
                if os.waitstatus_to_exitcode(status) == 0:
                    with open(self.path, "rb") as source:
                        self._done = MemoryTemplates(pickle.load(source))  # noqa: S301 - ours
            except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
                self._done = None
            finally:
                self.path.unlink(missing_ok=True)
        return self._done


def _names(templates_dir: Path | None) -> list[str]:
    """The package's templates and a project's own (those the renderer may load)."""
    names = set(PackageLoader("sitegen.site", "templates").list_templates())
    if templates_dir is not None and templates_dir.is_dir():
        names.update(p.name for p in templates_dir.iterdir())
    return sorted(name for name in names if name.endswith(".html"))


def precompile(templates_dir: Path | None) -> Precompiled | None:
    """Start compiling every template in a forked child; None where forking is unsafe
    (other threads run) or impossible."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return None
    fd, name = tempfile.mkstemp(prefix="sitegen-templates-")
    pid = os.fork()
    if pid == 0:  # the child: compile, write, leave without running the parent's exit code
        code = 1
        try:
            compiled = MemoryTemplates()
            env = make_env(templates_dir, compiled)
            env.filters["heading"] = heading  # as the renderer's: compiling checks filters
            for template in _names(templates_dir):
                env.get_template(template)
            with os.fdopen(fd, "wb") as sink:
                pickle.dump(compiled.code, sink)
            code = 0
        finally:
            os._exit(code)
    os.close(fd)
    return Precompiled(pid, Path(name))
