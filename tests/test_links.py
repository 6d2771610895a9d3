"""Follow every internal link and #anchor of a built site over HTTP: at the root and
under a sub-path (``--base-url http://localhost:8000/briefing/``), served from that path."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from sitegen.build import build_briefing
from sitegen.check import parse_page
from sitegen.config import Config
from sitegen.models import Briefing
from tests.sitefixtures import make_briefing

ROOT = Path(__file__).resolve().parents[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the origin."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read(), resp.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Visit every page reachable from ``start`` on its origin; return (visited, problems)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    todo, seen, problems = [start], {start}, []
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    while todo:
        url = todo.pop()
        status, body, ctype = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if ctype != "text/html":
            continue
        found = parse_page(body.decode("utf-8"))
        ids[url] = set(found.ids)
        for link, line in found.links:
            target = urljoin(url, link)
            if not target.startswith(origin + "/"):
                inline_image = link.startswith("data:image/")  # the favicon: no request
                assert urlsplit(target).scheme in ("http", "https") or inline_image, (url, link)
                continue
            page, fragment = urldefrag(target)
            page = page.split("?")[0]
            if fragment:
                anchors.append((f"{url}:{line}", page, fragment))
            if page not in seen:
                seen.add(page)
                todo.append(page)
    for where, page, fragment in anchors:
        if page in ids and fragment not in ids[page]:
            problems.append(f"{where}: no id '{fragment}' on {page}")
    return seen, problems


def build_and_crawl(briefing: Briefing, tmp_path: Path, base_url: str, mount: str) -> set[str]:
    serve_root = tmp_path / "www"
    out = serve_root / mount.strip("/") if mount.strip("/") else serve_root
    serve_root.mkdir(exist_ok=True)
    build_briefing(briefing, Config(root=tmp_path, base_url=base_url), out)
    with serve(serve_root) as origin:
        start = origin + mount
        seen, problems = crawl(start)
        # and every URL in the sitemap, moved to the test server's origin (a sitemap
        # and a feed are written only for a full base URL: they need absolute ones)
        absolute = base_url.startswith("http")
        assert fetch(start + "sitemap.xml")[0] == (200 if absolute else 404)
        assert fetch(start + "feed.xml")[0] == (200 if absolute else 404)
        if absolute:
            sitemap = ET.fromstring(fetch(start + "sitemap.xml")[1])
            for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
                path = urlsplit(loc.text or "").path
                status = fetch(origin + path)[0]
                if status != 200:
                    problems.append(f"sitemap {loc.text}: HTTP {status}")
        assert fetch(start + "data/briefing.json")[0] == 200
    assert problems == []
    return {urlsplit(u).path for u in seen}


@pytest.mark.parametrize(
    ("base_url", "mount"),
    [("/", "/"), ("http://localhost:8000/briefing/", "/briefing/")],
)
def test_every_link_and_anchor_resolves(tmp_path: Path, base_url: str, mount: str) -> None:
    briefing = make_briefing()
    seen = build_and_crawl(briefing, tmp_path, base_url, mount)
    # the crawl reached every page of the fixture from the home page
    for a in briefing.articles:
        assert f"{mount}sources/{a.id}/" in seen
    for r in briefing.rounds:
        assert f"{mount}rounds/{r.id}/" in seen
    assert f"{mount}static/print.css" in seen
    assert len([u for u in seen if u.endswith("/")]) >= 25


def test_sub_path_site_has_no_link_outside_its_path(tmp_path: Path) -> None:
    seen = build_and_crawl(
        make_briefing(), tmp_path, "http://localhost:8000/briefing/", "/briefing/"
    )
    assert all(u.startswith("/briefing/") for u in seen)


@pytest.mark.parametrize(
    ("base_url", "mount"),
    [("/", "/"), ("http://localhost:8000/briefing/", "/briefing/")],
)
def test_repo_site_links(tmp_path: Path, base_url: str, mount: str) -> None:
    from sitegen.brief.gather import load_briefing
    from sitegen.config import load_config

    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    if (ROOT / "content").is_dir():
        shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    briefing = load_briefing(load_config(project, base_url=base_url))
    seen = build_and_crawl(briefing, tmp_path, base_url, mount)
    for a in briefing.actors:
        assert f"{mount}actors/{a.id}/" in seen
