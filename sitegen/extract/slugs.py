"""Stable, safe ids for URLs: one rule for rounds, actors, parties and issues."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def slugify(text: str, fallback: str = "item") -> str:
    """ASCII lower-case words joined by '-'; never empty, never a path.

    Accents fold to their base letter so "Jose" and "José" agree,
    and anything else (quotes, slashes, dots) becomes a separator, so a slug
    can never climb out of the output folder.
    """
    text = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLIT))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80].strip("-") or fallback


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken yet; records it."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
