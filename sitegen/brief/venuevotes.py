"""Which place a story's talks were held at, once its mentions are counted
(``clues.meeting_place`` counts them): headline venues the body never names, and
the choice between cities and countries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sitegen.brief.roundmatch import place_key
from sitegen.extract.cities import find_city
from sitegen.extract.gazetteer import canonical_place, place_is_country

CONFLICT_IN = re.compile(
    r"\b(?:war|wars|fighting|conflict|hostilities|violence|crisis|humanitarian|situation"
    r"|aggression|occupation|invasion)\s+(?:in|on)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
"""A place named as where a war or crisis is ("the fighting in X"), not a venue (a truce
"in X" may be where it was signed)."""
TITLE_IN = re.compile(r"\b(?:in|at)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})")
"""A capitalised place after "in" or "at" in a headline."""


def city_name(text: str) -> str | None:
    """The canonical name of a city named in a dateline, in any case."""
    words = text.split()
    title = " ".join(w.capitalize() for w in words)
    known = canonical_place(text) or canonical_place(title)
    if known:
        return known
    found = find_city(words)
    return found[0] if found and found[1] == len(words) else None


def pick_venue(votes: Counter[str]) -> str | None:
    """The venue the votes give: the most voted city, or country when no city has any."""
    cities = {k: v for k, v in votes.items() if not place_is_country(k)}
    if not cities:
        return _clear_winner(votes)
    # a city wins over its country, and over other countries unless one of them is
    # named as the venue at least twice as often as any city ("talks in Barbados"
    # again and again against one "met in Oslo" of an earlier round: an island state)
    held = {place_key(c) for c in cities}
    top = max(cities.values())
    strong = {
        k: v
        for k, v in votes.items()
        if k not in cities and v >= 2 * top and place_key(k) not in held
    }
    return _clear_winner(strong or cities)


def _clear_winner(votes: Mapping[Any, int]) -> Any:
    """The most voted, unless tied with the next (one pass: every story asks, and
    ``Counter.most_common`` built a heap for it)."""
    best, top, tied = None, 0, False
    for key, count in votes.items():
        if best is None or count > top:
            best, top, tied = key, count, False
        elif count == top:
            tied = True
    return None if tied else best


def title_venues(title: str, known: set[str]) -> list[str]:
    """Places a headline names after "in" or "at" that the body never names."""
    found = []
    for m in TITLE_IN.finditer(title):
        if CONFLICT_IN.search(title[max(0, m.start(1) - 40) : m.start(1)]):
            continue  # "talks to end the war in X": where the war is, not the talks
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # "Doha Resume": the longest known prefix
            name = city_name(" ".join(words[:n]))
            if name and place_is_country(name):
                break  # a country in a headline is too often the subject of the talks
            if name:
                if name not in known:
                    found.append(name)
                break
    return found
