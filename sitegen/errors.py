"""The exception tree; the CLI turns each into a message and an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitegen.models import Diagnostic


class SitegenError(Exception):
    """Base of every error sitegen reports to the user (never a traceback)."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message


class ConfigError(SitegenError):
    """site.yaml is malformed or holds a bad value."""


class ContentError(SitegenError):
    """An article, sidecar or editor note cannot be used."""


class BuildError(SitegenError):
    """The site could not be written."""


class InputErrors(BuildError):
    """Problems in the input that stop a build before anything is written.

    ``refused`` are the problems that stopped it; ``current`` every problem the build
    found (the preview lists them all, the refused first)."""

    def __init__(self, refused: list[Diagnostic], current: list[Diagnostic], why: str):
        lines = "\n".join(str(d) for d in refused)
        self.summary = f"{len(refused)} problem(s) {why}"
        super().__init__(f"{lines}\n{self.summary}")
        self.refused = refused
        self.current = current
