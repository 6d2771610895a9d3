"""The closest known ids for an unknown one, for messages an editor acts on.

A typo in an id ("ivo-martin") should come back with the id it meant
("ivo-marten") first, not the alphabet's first eight.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def known_ids(ref: str, known: Iterable[str], limit: int = 8) -> str:
    """The closest known ids first (difflib), then the rest, at most ``limit`` of them."""
    ids = sorted(set(known))
    if not ids:
        return "none"
    close = difflib.get_close_matches(ref, ids, n=limit, cutoff=0.5)
    names = close + [k for k in ids if k not in close]
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def did_you_mean(ref: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one known word is close, else ''."""
    close = difflib.get_close_matches(ref, sorted(set(known)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
