"""What a terminal shows: enough of one to check progress lines drawn in place."""

from __future__ import annotations

import re


def screen(raw: str) -> list[str]:
    """What a terminal shows after ``raw``: carriage return, erase-line and newline obeyed."""
    lines: list[str] = []
    current, cursor = "", 0
    for token in re.split(r"(\r|\n|\x1b\[K)", raw):
        if token == "\r":
            cursor = 0
        elif token == "\x1b[K":
            current = current[:cursor]
        elif token == "\n":
            lines.append(current)
            current, cursor = "", 0
        elif token:
            current = current[:cursor] + token + current[cursor + len(token) :]
            cursor += len(token)
    return lines + ([current] if current else [])
