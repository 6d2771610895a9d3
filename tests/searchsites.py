"""Small static sites for the search index's tests (``output`` and ``serve``)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sitegen.output.search import pagefind_command

needs_pagefind = pytest.mark.skipif(pagefind_command() is None, reason="pagefind is not installed")


def page(title: str, body: str, searchable: bool = True) -> str:
    mark = " data-pagefind-body" if searchable else ""
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
        f"<body><main{mark}><h1>{title}</h1><p>{body}</p></main></body></html>"
    )


def make_site(root: Path, pages: int) -> Path:
    for i in range(pages):
        path = root / "pages" / f"p{i:03d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(f"Page {i}", f"word{i} talks ceasefire"), encoding="utf-8")
    (root / "search").mkdir()
    (root / "search" / "index.html").write_text(page("Search", "never indexed", False))
    return root


def carry_over(old: Path, new: Path) -> None:
    """What write_site does: every page hard-linked from the previous output."""
    for path in old.rglob("*.html"):
        rel = path.relative_to(old)
        if rel.parts[0] == "pagefind":
            continue
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).hardlink_to(path)


def entries(site: Path) -> dict[str, tuple[int, int]]:
    """Each bundle's entry file's identity (an inode alone may be reused once freed)."""
    return {
        p.parent.name: (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.glob("pagefind/b*/pagefind-entry.json")
    }


def gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except OSError:
        return data


def index_text(site: Path) -> bytes:
    """Every page's text as the index holds it (fragments are gzipped)."""
    return b"".join(gunzip(f.read_bytes()) for f in site.glob("pagefind/b*/fragment/*"))
