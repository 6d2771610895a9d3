"""The files a site has besides its pages: sitemap, Atom feed, robots.txt, the
briefing as JSON and the static assets. Made from the rendered plan, written with it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sitegen.config import Config
from sitegen.models import Briefing, Diagnostic
from sitegen.output.export import ExportParts, export_bytes
from sitegen.output.feedtext import round_summary
from sitegen.output.redirects import carried_moves, redirect_page
from sitegen.output.uptodate import NO_ADDRESS
from sitegen.site.htmltidy import xml_bytes
from sitegen.site.pages import NoteView, Page, Rendered
from sitegen.site.templating import build_date, static_files
from sitegen.site.urls import Urls, output_file


def extra_files(
    briefing: Briefing,
    config: Config,
    rendered: Rendered,
    site: Path | None = None,
    parts: ExportParts | None = None,
) -> dict[str, bytes]:
    """Every output file but the pages and the search index; with ``site`` (the output
    of the last build), a redirect page for each round or actor whose id moved. The
    sitemap and the feed only with a full base URL: their readers need absolute
    addresses. ``parts``: the export's article parts a long-lived process kept."""
    urls = Urls(config.base_url)
    files = dict(static_files(config))
    ledger = config.cache_dir / "moved" / "moved.json"
    moves = carried_moves(site, ledger, briefing) if site is not None else dict(briefing.moved)
    for old, new in moves.items():
        kind, _, ident = old.partition(":")
        page = output_file(urls.path(kind, ident))
        if page not in rendered.files and page not in rendered.kept and page not in rendered.staged:
            files[page] = redirect_page(urls.href(kind, new))
    if moves:
        files["data/moved.json"] = (json.dumps(moves, indent=1) + "\n").encode()
    if urls.origin:
        files["sitemap.xml"] = sitemap_xml(rendered.plan, urls)
        files["feed.xml"] = feed_xml(
            briefing,
            rendered.plan,
            rendered.notes,
            urls,
            title=briefing.title or config.title,
            author=config.author,
            updated=content_date(briefing, rendered.notes, build_date()),
        )
    files["robots.txt"] = robots_txt(urls)
    files["data/briefing.json"] = export_bytes(briefing, parts)
    return files


def no_address(config: Config) -> list[Diagnostic]:
    """Say how to get the sitemap and the feed when the base URL names no host."""
    if Urls(config.base_url).origin:
        return []
    message = (
        "not written: they need the site's full address; add "
        "base_url: https://example.org/briefing/ to site.yaml, or build with "
        "--base-url https://example.org/briefing/"
    )
    return [Diagnostic(NO_ADDRESS, None, message)]


def content_date(briefing: Briefing, notes: list[NoteView], fixed: dt.datetime | None) -> str:
    """The feed's 'updated': SOURCE_DATE_EPOCH when set, else the newest content date."""
    if fixed is not None:
        return fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    days = [a.date for a in briefing.articles if a.date]
    days += [d for r in briefing.rounds for d in (r.start, r.end) if d]
    days += [n.note.date for n in notes if n.note.date]
    return f"{max(days, default=dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def sitemap_xml(plan: list[Page], urls: Urls) -> bytes:
    """sitemap.xml; full URLs when the base URL names a host, else paths."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for page in sorted(plan, key=lambda p: p.path):
        if not page.in_sitemap:
            continue
        loc = urls.absolute(page.path) or urls.rel(page.path)
        lastmod = f"<lastmod>{page.updated.isoformat()}</lastmod>" if page.updated else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return xml_bytes("\n".join(lines) + "\n")


def robots_txt(urls: Urls) -> bytes:
    sitemap = urls.absolute("sitemap.xml")
    text = "User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap else "")
    return text.encode("utf-8")


def feed_xml(
    briefing: Briefing,
    plan: list[Page],
    notes: list[NoteView],
    urls: Urls,
    *,
    title: str,
    author: str,
    updated: str,
) -> bytes:
    """An Atom feed with one entry per round and per editor note, newest first."""

    def link(path: str) -> str:
        return urls.absolute(path) or urls.rel(path)

    def ident(path: str) -> str:
        return urls.absolute(path) or f"urn:sitegen:{path.strip('/') or 'home'}"

    entries: list[tuple[str, str, str, str, str]] = []
    by_path = {p.path: p for p in plan}
    for r in briefing.rounds:
        path = urls.path("round", r.id)
        last = r.end or r.start
        summary = round_summary(briefing, r)
        entries.append((last.isoformat() if last else "", path, r.title, summary, "round"))
    for n in notes:
        path = urls.path("note", n.note.path)
        if path in by_path:
            entries.append(
                (
                    n.note.date.isoformat() if n.note.date else "",
                    path,
                    n.note.title,
                    f"Editor note{': ' + n.about_label if n.about_label else ''}.",
                    "note",
                )
            )
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    base = urls.absolute("")
    xml_base = f" xml:base={quoteattr(base)}" if base else ""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{xml_base}>',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(ident(''))}</id>",
        f'<link rel="self" href={quoteattr(link("feed.xml"))}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(link(""))}/>',
        f"<updated>{updated}</updated>",
        f"<author><name>{escape(author or title)}</name></author>",
        '<generator uri="https://pypi.org/project/sitegen/">sitegen</generator>',
    ]
    body = []
    for day, path, name, summary, kind in entries:
        stamp = f"{day}T00:00:00Z" if day else updated
        body += [
            "<entry>",
            f"<title>{escape(name)}</title>",
            f"<id>{escape(ident(path))}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link(path))}/>',
            f"<updated>{stamp}</updated>",
            f'<category term="{kind}"/>',
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    return xml_bytes("\n".join([*head, *body, "</feed>"]) + "\n")
