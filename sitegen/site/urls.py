"""Every URL of the site, from one place, honouring the base URL's path.

Links are emitted root-relative with the base URL's path as prefix
(``/briefing/rounds/x/``), so the same output works at any host under the
configured path; absolute URLs (sitemap, feed) are made only when the base URL
names a host. Ids become path segments through ``safe_segment`` so that no id
can leave the output folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, urlsplit

from sitegen.models import Evidence

SECTIONS = {
    "round": "rounds",
    "actor": "actors",
    "party": "parties",
    "issue": "issues",
    "article": "sources",
    "source": "sources",
    "note": "notes",
}
"""Kind of thing -> URL folder."""

INDEXES = {
    "home": "",
    "rounds": "rounds/",
    "actors": "actors/",
    "parties": "parties/",
    "issues": "issues/",
    "sources": "sources/",
    "notes": "notes/",
    "search": "search/",
    "feed": "feed.xml",
    "sitemap": "sitemap.xml",
    "data": "data/briefing.json",
    "404": "404.html",
}

_SAFE = re.compile(r"[a-z0-9][a-z0-9._-]*")


WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
"""Names Windows will not give a file or folder, with any extension (``nul.txt``): a site
checked out or unpacked there would lose those pages."""


def safe_segment(value: str) -> str:
    """A slug usable as one path segment: lower-case ASCII, no dots at the start, no
    name Windows reserves."""
    if (
        _SAFE.fullmatch(value)
        and ".." not in value
        and len(value) <= 120
        and value.split(".", 1)[0] not in WINDOWS_RESERVED
    ):
        return value
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80]
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"x-{digest}"


def note_slug(path: str) -> str:
    """``content/notes/a b.md`` -> ``a-b...``; ``content/rounds/x.md`` -> ``rounds/x``."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if parts and parts[0] == "content":
        parts = parts[1:]
    if parts:
        parts[-1] = re.sub(r"\.(md|markdown)$", "", parts[-1])
    if len(parts) > 1 and parts[0] == "notes":
        parts = parts[1:]
    return "/".join(safe_segment(p) for p in parts) or "note"


class Urls:
    """Builds hrefs (with the base path) and site-relative paths (without)."""

    def __init__(self, base_url: str) -> None:
        split = urlsplit(base_url or "/")
        path = split.path or "/"
        if not path.startswith("/"):
            path = "/" + path
        if not path.endswith("/"):
            path += "/"
        self.prefix = quote(path, safe="/%:@!$&'()*+,;=-._~")
        self.origin = f"{split.scheme}://{split.netloc}" if split.scheme and split.netloc else ""

    def path(self, kind: str, id: str | None = None) -> str:
        """Site-relative path of a page (``rounds/x/``), '' for home."""
        if id is None:
            return INDEXES[kind]
        if kind == "note":
            return f"notes/{note_slug(id)}/"
        return f"{SECTIONS[kind]}/{safe_segment(id)}/"

    def href(self, kind: str, id: str | None = None) -> str:
        """The link to put in a page."""
        return self.prefix + self.path(kind, id)

    def rel(self, path: str) -> str:
        """The link for a site-relative path."""
        return self.prefix + path

    def asset(self, name: str) -> str:
        return self.prefix + "static/" + name

    def cite(self, ev: Evidence) -> str:
        """The link to the exact sentence on its source page."""
        return f"{self.href('source', ev.article)}#s{ev.sentence + 1}"

    def absolute(self, path: str) -> str | None:
        """A full URL for the sitemap and feed, or None when the base URL has no host."""
        return f"{self.origin}{self.prefix}{path}" if self.origin else None


def page_path(path: str, number: int) -> str:
    """Page ``number`` of a paginated page at ``path``: page 1 keeps the path, the
    others are ``<path>page/<n>/`` (as Hugo and Pelican name them)."""
    return path if number <= 1 else f"{path}page/{number}/"


def output_file(path: str) -> str:
    """The file that serves a site-relative path (folders get ``index.html``)."""
    return path + "index.html" if path == "" or path.endswith("/") else path
