"""``sitegen check``: notes, references, and every internal link and anchor of a fresh build.

The site is built into a temporary folder (the real output is not touched),
then every page is parsed: each ``href``/``src`` that stays on the site must
name a file that exists, and each ``#anchor`` an id on the target page.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from sitegen.build import build
from sitegen.config import load_config
from sitegen.models import Diagnostic
from sitegen.site.urls import Urls

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "form": "action",
}
INPUT_FILES = ("site.yaml", "content/", "templates/")
"""Warnings about these files (and article sidecars) are problems an editor should fix."""


@dataclass(slots=True)
class PageLinks:
    """The ids a page defines and the links it makes (with line numbers)."""

    ids: dict[str, int] = field(default_factory=dict)
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        ident = values.get("id") or (values.get("name") if tag == "a" else None)
        if ident:
            if ident in self.found.ids and values.get("id"):
                self.found.duplicate_ids.append((ident, line))
            self.found.ids.setdefault(ident, line)
        attr = LINK_ATTRS.get(tag)
        value = values.get(attr) if attr else None
        if value is not None:
            self.found.links.append((value, line))


def parse_page(html: str) -> PageLinks:
    """Ids and links of one HTML page."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def _target(site: Path, prefix: str, path: str) -> Path | None:
    """The file a URL path serves, or None when it leaves the site's base path."""
    if not path.startswith(prefix):
        return None
    rel = PurePosixPath(unquote(path[len(prefix) :]))
    if ".." in rel.parts:
        return None
    file = site.joinpath(*rel.parts) if rel.parts else site
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file


def check_links(site: Path, base_url: str) -> list[Diagnostic]:
    """Every internal link and anchor of the built site in ``site``."""
    urls = Urls(base_url)
    pages: dict[Path, PageLinks] = {}
    for file in sorted(site.rglob("*.html")):
        pages[file] = parse_page(file.read_text(encoding="utf-8"))
    problems: list[Diagnostic] = []
    for file, found in pages.items():
        rel = file.relative_to(site).as_posix()
        own = urls.prefix + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for ident, line in found.duplicate_ids:
            problems.append(Diagnostic(rel, line, f"id '{ident}' is used twice", "error"))
        for link, line in found.links:
            problem = _check_one(site, urls, pages, own, link)
            if problem:
                problems.append(Diagnostic(rel, line, f"{problem}: {link}", "error"))
    return problems


def _check_one(site: Path, urls: Urls, pages: dict[Path, PageLinks], own: str, link: str) -> str:
    """'' when the link is fine (or leaves the site), else what is wrong with it."""
    if not link.strip():
        return "empty link"
    split = urlsplit(link)
    if split.scheme in ("http", "https") or split.netloc:
        origin = f"{split.scheme}://{split.netloc}"
        if not urls.origin or origin != urls.origin:
            return ""
        link = (
            split.path
            + (f"?{split.query}" if split.query else "")
            + (f"#{split.fragment}" if split.fragment else "")
        )
    elif split.scheme:
        if split.scheme in ("mailto", "tel") or link.startswith("data:image/"):
            return ""  # an inline image (the favicon) makes no request
        return f"link with scheme '{split.scheme}:'"
    resolved = urlsplit(urljoin(own, link))
    file = _target(site, urls.prefix, resolved.path)
    if file is None:
        return f"points outside the site's base path {urls.prefix}"
    if not file.is_file():
        return "broken link (no such page or file)"
    if resolved.fragment:
        target = pages.get(file)
        anchor = unquote(resolved.fragment)
        if target is None or anchor not in target.ids:
            return f"no element with id '{anchor}' on the target page"
    return ""


def _is_problem(diag: Diagnostic) -> bool:
    sidecar = diag.file.startswith("seeds/") and diag.file.endswith(".md")
    return diag.level == "error" or sidecar or diag.file.startswith(INPUT_FILES)


def check(root: Path) -> list[Diagnostic]:
    """Build the project into a temporary folder and return every problem found."""
    config = load_config(root)
    with tempfile.TemporaryDirectory(prefix="sitegen-check-") as tmp:
        out = Path(tmp) / "site"
        result = build(config, out, refuse=lambda _diag: False)  # report, never refuse
        problems = [d for d in result.diagnostics if _is_problem(d)]
        for diag in check_links(out, config.base_url):
            diag.file = f"(built site)/{diag.file}"
            problems.append(diag)
    return problems
