"""Look-ups over ``data/gazetteer.yaml``: which words name a country or organisation.

Built once per process from read-only data. Every extractor that needs to know
whether "Moscow" is a place, a metonym for Russia, or neither asks here, so the
answer is the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from sitegen.data import load
from sitegen.extract.literals import trie_alternation
from sitegen.extract.slugs import slugify

TermKind = Literal["name", "alias", "demonym", "capital", "seat", "city", "region"]

_POSSESSIVE = r"(?:['’]s?)?"


@dataclass(frozen=True, slots=True)
class Term:
    """One match of a gazetteer word in a text."""

    start: int
    end: int
    """End of the word itself, without a possessive ``'s``."""
    text: str
    kind: TermKind
    party: str | None
    """Party id when the word stands for a party (names, demonyms, capitals, seats)."""
    place: str | None
    """Canonical place name when the word is a place (capitals, cities, regions)."""
    country: str | None
    """Party id of the country a place lies in."""


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: TermKind
    party: str | None
    place: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Read-only tables built from the data file."""

    names: dict[str, str]
    """Party id -> canonical name."""
    kinds: dict[str, str]
    """Party id -> country or organisation."""
    entries: dict[str, _Entry]
    """Surface form -> what it stands for."""
    ambiguous: frozenset[str]
    """Surface forms that are also personal names ("Jordan")."""
    pattern: re.Pattern[str]
    prefixed: re.Pattern[str]
    """Ends with a region prefix and a space ("Northern "): a country's name or
    demonym right after it is part of another place's name."""


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _plurals(demonym: str) -> list[str]:
    """The demonym and its plural in -s ("Cypriots", "Afghans"); none for "-ese",
    "-ish", "-ch" or "-ss" forms ("the Chinese", "the Swiss")."""
    if demonym.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")):
        return [demonym]
    return [demonym, demonym + "s"]


def _spellings(form: str) -> list[str]:
    """A name as news also writes it: "Saint" as "St." or "St", "and" as "&"
    ("St. Vincent & the Grenadines", "St Kitts and Nevis"); the name itself first."""
    forms = [form]
    if form.startswith("Saint "):
        forms += [f"St. {form[6:]}", f"St {form[6:]}"]
    if " and " in form:
        forms += [f.replace(" and ", " & ") for f in forms]
    return forms


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer tables (cached; read-only)."""
    entries: dict[str, _Entry] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    ambiguous: set[str] = set()

    def put(form: str, entry: _Entry) -> None:
        # The first entry wins: a party's own name beats another's city.
        entries.setdefault(form, entry)

    for item in load("gazetteer")["parties"]:
        name = str(item["name"])
        pid = str(item.get("id") or slugify(name))
        names[pid] = name
        kinds[pid] = str(item.get("kind", "country"))
        country = pid if kinds[pid] == "country" else None
        put(name, _Entry("name", pid, name if country else None, country))
        for form in _spellings(name)[1:]:
            put(form, _Entry("alias", pid, None, country))
        if item.get("ambiguous"):
            ambiguous.add(name)
        for alias in _as_list(item.get("aliases")):
            put(alias, _Entry("alias", pid, None, country))
        for dem in _as_list(item.get("demonyms")):
            for form in _plurals(dem):
                put(form, _Entry("demonym", pid, None, country))
        capitals = _as_list(item.get("capital"))
        for cap in capitals:
            put(cap, _Entry("capital", pid, capitals[0], pid))
        for seat in _as_list(item.get("seats")):
            put(seat, _Entry("seat", pid, None, None))
        for city in _as_list(item.get("cities")):
            put(city, _Entry("city", None, city, country))
        for region in _as_list(item.get("regions")):
            put(region, _Entry("region", None, region, country))
    # longer forms win, as in "South Sudan"; not after a letter or a full stop
    alternation = trie_alternation(sorted(entries), not_after=r"[\w.]")
    pattern = re.compile(rf"({alternation}){_POSSESSIVE}(?![\w])")
    prefixes = "|".join(map(re.escape, _as_list(load("gazetteer").get("region_prefixes"))))
    prefixed = re.compile(rf"(?<![\w.])(?:{prefixes}) $" if prefixes else r"(?!)")
    return Gazetteer(names, kinds, entries, frozenset(ambiguous), pattern, prefixed)


def _fold_table() -> dict[int, int]:
    """Accented Latin letters to their plain letter, one character for one (so offsets
    hold): "Brasília", "Bogotá" and "Perú" are the gazetteer's Brasilia, Bogota, Peru."""
    table: dict[int, int] = {}
    for code in range(0xC0, 0x250):
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if len(plain) == 1 and plain.isascii() and plain.isalpha():
            table[code] = ord(plain)
    return table


_FOLD = _fold_table()
_PARTY_WORDS = frozenset({"name", "alias", "demonym"})


def find_terms(text: str) -> list[Term]:
    """Every gazetteer word in ``text``, longest match first, left to right."""
    return list(_terms(text))


@lru_cache(maxsize=8192)
def _terms(text: str) -> tuple[Term, ...]:
    """``find_terms``, remembered: the extractors ask about each sentence several times,
    and the alternation of every gazetteer word is the costliest regex we run."""
    gz = gazetteer()
    entries = gz.entries
    out = []
    folded = text if text.isascii() else text.translate(_FOLD)
    for m in gz.pattern.finditer(folded):
        form = m.group(1)
        e = entries[form]
        at = m.start(1)
        if e.kind in _PARTY_WORDS and gz.prefixed.search(folded, max(0, at - 10), at):
            continue  # "Northern Ireland", "South China Sea": another place
        if folded is not text and text[m.start(1) : m.end(1)] in entries:
            form = text[m.start(1) : m.end(1)]  # a listed spelling keeps its accents ("Türkiye")
        out.append(Term(m.start(1), m.end(1), form, e.kind, e.party, e.place, e.country))
    return tuple(out)


def party_of(word: str) -> str | None:
    """Party id a word stands for ("Kremlin" -> "russia"), or None."""
    text = word.strip()
    text = re.sub(r"['’]s?$", "", text)
    entry = gazetteer().entries.get(text)
    if entry is None and text.lower().startswith("the "):
        entry = gazetteer().entries.get(text[4:])
    if entry is None and not text.lower().startswith("the "):
        entry = gazetteer().entries.get("the " + text)
    return entry.party if entry else None


def party_name(pid: str) -> str | None:
    """Canonical name of a party id, or None when unknown."""
    return gazetteer().names.get(pid)


def party_kind(pid: str) -> str | None:
    """ "country" or "organisation" for a known party id."""
    return gazetteer().kinds.get(pid)


@cache
def _refs() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for item in load("gazetteer")["parties"]:
        refs = tuple(_as_list(item.get("refs")))
        if refs:
            out[str(item.get("id") or slugify(str(item["name"])))] = refs
    return out


def party_refs(pid: str) -> tuple[str, ...]:
    """Descriptions that stand for a named organisation ("the rebels" for an armed group)."""
    return _refs().get(pid, ())


@cache
def _homes() -> dict[str, str]:
    gz = gazetteer()
    out: dict[str, str] = {}
    for item in load("gazetteer")["parties"]:
        home = item.get("home")
        entry = gz.entries.get(str(home)) if home else None
        if entry is not None and entry.party is not None:
            out[str(item.get("id") or slugify(str(item["name"])))] = entry.party
    return out


def party_home(pid: str) -> str | None:
    """The country an armed group or movement fights in and against ("eln" -> "colombia")."""
    return _homes().get(pid)


@cache
def government_refs() -> tuple[str, ...]:
    """Descriptions that stand for the one state in talks with non-state groups."""
    return tuple(_as_list(load("gazetteer").get("government_refs")))


def capital_of(pid: str) -> str | None:
    """The canonical capital of a country party ("qatar" -> "Doha"), or None."""
    for entry in gazetteer().entries.values():
        if entry.kind == "capital" and entry.party == pid:
            return entry.place
    return None


def is_place(text: str) -> bool:
    """Whether the text is a country, capital, city or region name."""
    entry = gazetteer().entries.get(text.strip())
    return entry is not None and (
        entry.place is not None or (entry.kind == "name" and entry.country is not None)
    )


def place_country(text: str) -> str | None:
    """Party id of the country a place lies in ("Abu Dhabi" -> "united-arab-emirates")."""
    entry = gazetteer().entries.get(text.strip())
    return entry.country if entry else None


def canonical_place(text: str) -> str | None:
    """The canonical spelling of a place ("Kiev" -> "Kyiv"), or None."""
    entry = gazetteer().entries.get(text.strip())
    return entry.place if entry else None


def is_ambiguous(text: str) -> bool:
    """Whether a party name is also a personal name ("Jordan", "Israel")."""
    return text in gazetteer().ambiguous


def place_is_country(text: str) -> bool:
    """Whether a place name is a whole country ("Norway"), not a city in it."""
    entry = gazetteer().entries.get(text.strip())
    return entry is not None and entry.kind == "name" and entry.country is not None
