"""What rendering hands on: the plan's pages, editor notes ready to show, the result.

``output`` writes these (feed, sitemap, the site) without needing the renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from sitegen.models import Diagnostic, Note
from sitegen.site.urls import output_file


@dataclass(slots=True)
class Page:
    """One HTML page of the plan."""

    path: str
    """Site-relative URL path ('' for home, 'rounds/x/' ...)."""
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    updated: dt.date | None = None
    """Content date, for the sitemap's lastmod."""
    in_sitemap: bool = True
    filters: dict[str, list[str]] = field(default_factory=dict)
    """Search filters (round, actor, sticking point) for pagefind."""

    @property
    def file(self) -> str:
        return output_file(self.path)


@dataclass(slots=True)
class NoteView:
    """An editor note ready to show."""

    note: Note
    html: Markup
    url: str
    about_kind: str | None = None
    about_id: str | None = None
    about_label: str = ""


@dataclass(slots=True)
class Rendered:
    """Rendered pages (path -> bytes) and what went wrong along the way."""

    plan: list[Page]
    files: dict[str, bytes]
    notes: list[NoteView]
    diagnostics: list[Diagnostic]
    kept: list[str] = field(default_factory=list)
    """Page files not rendered: the previous output's file is still right (``pagecache``)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Page file -> its key, for the pages the page cache can keep."""
    rest: str = ""
    """What the keys were made of, for the next build (``pagecache.PageIndex``)."""
    texts: dict[str, str] = field(default_factory=dict)
    staged: dict[str, bool] = field(default_factory=dict)
    """Pages the render workers wrote themselves (``Renderer.render(sink=...)``), not in
    ``files``: page file -> whether its bytes changed."""


Keep = Callable[[str, str], bool]
"""(page file, key) -> whether the previous output's file is still that page."""
