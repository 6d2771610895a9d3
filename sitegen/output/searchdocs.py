"""What pagefind reads of a page: the page itself, or for a page indexed by title and
summary only, a short copy holding just what the index keeps of it.

pagefind parses every byte of the pages it is given, including the lists it is then
told to leave out (``search.exclude_selectors``): the actor, party, sticking-point and
round pages are a third of a site's HTML, and parsing their lists was half of
pagefind's time on them. ``summary_document`` cuts those lists out in advance, so
pagefind reads about a fifth of those bytes and writes the same index: the page's head
(title, language) and its ``<main>`` without the ``<section>`` (but editor's notes) and
``<nav>`` elements the selectors leave out. Nothing outside ``<main>`` is indexed once
a page marks its body, unless it carries a ``data-pagefind-`` attribute, and such
pages (a project's own templates may make them) are given whole, as is any page whose
shape this plain scan is not sure of (scripts, comments, templates, unbalanced tags).
Source pages lose only their "what this report contributes" section (``facts_document``):
its people, quotes and positions repeat the page's own text, which stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MAIN_START = re.compile(rb"<main\b[^>]*>")
_CUT = re.compile(rb"<(/?)(section|nav)(?=[\s>/])[^>]*>")
_CLASS = re.compile(rb"""\sclass=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_UNSURE = re.compile(rb"<(?:script|template|!--|textarea|!\[cdata\[)", re.IGNORECASE)
"""Where a tag-like text need not be a tag: such a page is given to pagefind whole."""
_TAGS = re.compile(rb"</?(?:main|section|nav|body)(?![\w-])", re.IGNORECASE)
MARK = b"data-pagefind"
KEPT_CLASS = b"editor-notes"
FACTS_CLASS = b"facts-from"


def summary_marks(kinds: Iterable[str]) -> tuple[bytes, ...]:
    """The ``data-pagefind-meta`` attributes (as written by the templates) of the pages
    indexed by title and summary, e.g. ``data-pagefind-meta="kind:Actor"``."""
    return tuple(f' data-pagefind-meta="kind:{kind}"'.encode() for kind in kinds)


def summary_document(html: bytes, marks: tuple[bytes, ...]) -> bytes | None:
    """The part of a page pagefind indexes when its ``<main>`` carries one of ``marks``,
    as a page of its own: the head, then ``<main>`` without its ``<section>`` elements
    (but those of class ``editor-notes``) and ``<nav>`` elements. None when the page is
    to be given whole: not such a page, or one this scan cannot vouch for."""
    return _document(html, marks, summary=True)


def facts_document(html: bytes, marks: tuple[bytes, ...]) -> bytes | None:
    """The same for a page whose ``<main>`` carries one of ``marks`` (source pages):
    the head, then ``<main>`` without its ``<section>`` elements of class ``facts-from``."""
    return _document(html, marks, summary=False)


def search_document(
    html: bytes, summaries: tuple[bytes, ...], facts: tuple[bytes, ...]
) -> bytes | None:
    """What pagefind should read of a page: ``summary_document`` for the pages marked as
    in ``summaries``, ``facts_document`` for those marked as in ``facts``; None: the
    page itself."""
    doc = summary_document(html, summaries)
    return doc if doc is not None else facts_document(html, facts)


def _document(html: bytes, marks: tuple[bytes, ...], *, summary: bool) -> bytes | None:
    start = _MAIN_START.search(html)
    if start is None or not any(mark in start.group(0) for mark in marks):
        return None
    tags = _TAGS.findall(html)
    if any(tag != tag.lower() for tag in tags) or tags.count(b"<main") != 1:
        return None  # a tag in capitals, which this scan would not see
    body, end = html.find(b"<body"), html.find(b"</main>")
    if not 0 <= body < start.start() or end < 0 or tags.count(b"</main") != 1:
        return None
    end += len(b"</main>")
    # outside <main>, only a data-pagefind- attribute would be read: then give it whole
    if MARK in html[: start.start()] or MARK in html[end:] or _UNSURE.search(html):
        return None
    kept = _cut_lists(html[start.start() : end], summary=summary)
    if kept is None:
        return None
    return b"".join((html[:body], b"<body>\n", kept, b"\n</body>\n</html>\n"))


def _cut_lists(main: bytes, *, summary: bool = True) -> bytes | None:
    """``main`` without the elements pagefind is told to leave out (``summary``: every
    section but editor's notes, and every nav; else the sections of facts found); None
    when a tag is left open."""
    parts: list[bytes] = []
    done = 0
    skipping: bytes | None = None
    depth = 0
    for tag in _CUT.finditer(main):
        closing, name = tag.group(1) == b"/", tag.group(2)
        if skipping is None:
            if closing or _spared(name, tag.group(0), summary=summary):
                continue
            parts.append(main[done : tag.start()])
            skipping, depth = name, 1
        elif name == skipping:
            depth += -1 if closing else 1
            if depth == 0:
                done, skipping = tag.end(), None
    if skipping is not None:
        return None
    parts.append(main[done:])
    return b"".join(parts)


def _spared(name: bytes, start_tag: bytes, *, summary: bool) -> bool:
    """Whether an element the scan meets at the top stays: in a summary page, sections of
    class ``editor-notes``; in a source page, everything but sections of ``facts-from``."""
    if summary:
        return name == b"section" and _has_class(start_tag, KEPT_CLASS)
    return name != b"section" or not _has_class(start_tag, FACTS_CLASS)


def _has_class(start_tag: bytes, wanted: bytes) -> bool:
    """Whether a start tag has the class ``wanted``."""
    found = _CLASS.search(start_tag)
    if found is None:
        return False
    value = found.group(1) or found.group(2) or found.group(3) or b""
    return wanted in value.split()
