"""A project's own templates (``templates/*.html``), read as untrusted input.

They come with the repository, like its articles, from any editor with push
access; CI renders them. So they run in Jinja's ``SandboxedEnvironment`` (no
``__class__``/``__globals__`` walks to Python's internals, no unsafe calls) and
are read only from regular files inside ``templates/``: a symbolic link, a FIFO
or a device is refused with a message, never followed or read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from jinja2 import BaseLoader, Environment, TemplateError, TemplateNotFound

from sitegen.ingest.safeio import is_scratch, link_in_path, read_regular


def has_overrides(folder: Path | None) -> bool:
    """Whether the project has a ``templates/`` folder with any page template in it."""
    if folder is None or not folder.is_dir() or folder.is_symlink():
        return False
    for _dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != "static" and not is_scratch(d)]
        if any(not is_scratch(name) for name in filenames):
            return True
    return False


class ProjectLoader(BaseLoader):
    """Templates from ``folder``: regular files only, no link anywhere on the way."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = PurePosixPath(template).parts
        if not parts or any(p in ("..", ".") or "\\" in p for p in parts) or template[:1] == "/":
            raise TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        filename = str(path)  # sitegen.site.locations names the template from this local
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise TemplateNotFound(template) from None
        bad = link_in_path(self.folder.parent, path)
        if bad is not None:
            raise TemplateError(
                f"{bad.name} is a symbolic link or not a folder; project templates are "
                "read only from regular files inside templates/"
            )
        try:
            data = read_regular(path, follow=False)
        except OSError as exc:
            raise TemplateError(f"{exc.strerror}; a template must be a regular file") from None
        return data.decode("utf-8"), filename, lambda: False
