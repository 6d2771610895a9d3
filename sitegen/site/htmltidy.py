"""The last step of every page: white space and characters no page should carry.

Runs over every byte of the site (megabytes on a large corpus), so each step is
one pass of C code: a byte deletion and two regular expressions.
"""

from __future__ import annotations

import re

BLOCK_END = re.compile(
    r"(</(?:dt|dd|li|th|td|tr|h[1-6]|p|figcaption|blockquote|caption|summary)>)(?=<)"
)
"""A block's end tag directly followed by another tag: text extractors (the search
index, reader modes) would run the two blocks' words together without whitespace."""


_CONTROL = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
"""C0 controls a scrape may carry (ESC, BEL, VT...): not allowed in HTML text. As
bytes: UTF-8 never uses these inside a longer character, and deleting bytes is
many times faster than a regular expression over the page's text."""
_BLANK_LINES = re.compile(r"\n\s*\n+")


def _end_line(match: re.Match[str]) -> str:
    return match.group(1) + "\n"


def tidy(html: str) -> str:
    """Drop blank lines left by template logic (smaller, stable output), put a
    newline between adjacent blocks so their text never runs together, and drop
    control characters that have no place in an HTML page."""
    html = html.encode("utf-8").translate(None, _CONTROL).decode("utf-8")
    return BLOCK_END.sub(_end_line, _BLANK_LINES.sub("\n", html))
