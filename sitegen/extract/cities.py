"""Cities of the world (GeoNames, CC BY 4.0) for venues the gazetteer lacks.

``data/gazetteer.yaml`` knows the countries, capitals and seats of power that
stand for parties; talks are also held in resorts and towns it does not list
(a lakeside resort, a border town). ``data/cities.tsv.gz`` (written by
``scripts/build_cities.py``) lists every city of 15,000 people or more with its
country; it is read only when a venue phrase names no gazetteer place, once
per process. A city lies in its country, so a round "in Finland" and one at a
city in Finland can be the same meeting.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from sitegen.extract.gazetteer import canonical_place, party_of, place_country, place_is_country

_SEPARATORS = re.compile(r"[\s\-‐‑–'’.]+")


def fold(text: str) -> str:
    """A spelling-independent key: no case, accents, hyphens or apostrophes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, slots=True)
class City:
    name: str
    """GeoNames' spelling."""
    country: str | None
    """Party id of its country in the gazetteer, when known."""


@cache
def _text() -> str:
    """The decompressed list; looked up by search, not indexed: a story asks about a
    few names, and indexing every city would cost more than all those searches."""
    raw = (files("sitegen.data") / "cities.tsv.gz").read_bytes()
    return gzip.decompress(raw).decode("utf-8")


@cache
def _body() -> int:
    """Where the city lines start: the header's comment shows a line's "|key|key|" too,
    and a venue folded to "key" must not be read from it."""
    text = _text()
    at = 0
    while text.startswith(("#", "="), at):
        at = text.index("\n", at) + 1
    return at


@cache
def _countries() -> dict[str, str | None]:
    """ISO code -> party id of the country in the gazetteer."""
    out: dict[str, str | None] = {}
    for line in _text().split("\n"):
        if line.startswith("=\t"):
            _, iso, name = line.split("\t")
            out[iso] = party_of(name)
        elif line and line[0] != "#":
            break
    return out


@lru_cache(maxsize=4096)
def _city(key: str) -> City | None:
    """The most populous city with that folded name (the file lists them by population)."""
    if not key or "|" in key:
        return None
    text = _text()
    at = text.find(f"|{key}|", _body())
    if at < 0:
        return None
    line = text[text.rfind("\n", 0, at) + 1 : at]
    name, iso, _ = line.split("\t")
    return City(name, _countries().get(iso))


MAX_WORDS = 4
"""The longest city name looked up ("Rio de Janeiro" is three words)."""


def find_city(words: list[str]) -> tuple[str, int] | None:
    """The longest run of ``words`` from the first that names a city: (its name, how
    many words), or None."""
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        city = _city(fold(" ".join(words[:n])))
        if city is not None:
            return city.name, n
    return None


def venue_country(place: str) -> str | None:
    """Party id of the country a venue lies in (itself when it is a country)."""
    known = place_country(place)
    if known or canonical_place(place) or place_is_country(place):
        return known
    city = _city(fold(place))
    return city.country if city else None
