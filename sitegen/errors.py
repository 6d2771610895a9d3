"""The exception tree; the CLI turns each into a message and an exit code."""

from __future__ import annotations


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
