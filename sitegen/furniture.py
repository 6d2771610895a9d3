"""Recognise page furniture in a scraped article, line by line.

A scraper keeps what surrounds a story: links to other stories, comment forms,
photo captions and credits, date stamps, crossheads. None of it may reach a
sentence. The patterns are data (``data/furniture.yaml``); this module only
compiles them and says what kind of line it is looking at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from sitegen import data

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_PARTICLE = r"(?:al|el|bin|ibn|de|del|della|da|dos|du|la|le|van|von|der|den)"
_NAME_WORD = rf"(?:{_PARTICLE}-)?[A-Z][\w.'’-]*|{_PARTICLE}"
_NAME = rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,4}}"
"""One personal name, for bylines ("Nidal al-Mughrabi", "Jean de la Tour")."""
_BULLET = re.compile(r"^[•·*▪►–-]\s+")
_FINAL = re.compile(r"[.!?…][\"”’')\]]*$")
CROSSHEAD_MAX_WORDS = 12
"""A line this short without final punctuation, between paragraphs, is a crosshead."""


class Kind(Enum):
    """What a line of a scraped article is."""

    TEXT = "text"
    STOP = "stop"
    DROP = "drop"
    AGENCY = "agency"
    CAPTION = "caption"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Line:
    """One classified line: its kind, the cleaned text, and an agency credit if any."""

    kind: Kind
    text: str
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class _Patterns:
    agencies: dict[str, str]
    stop: tuple[re.Pattern[str], ...]
    drop: tuple[re.Pattern[str], ...]
    agency_line: tuple[re.Pattern[str], ...]
    agency_suffix: tuple[re.Pattern[str], ...]
    agency_lede: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    date_line: tuple[re.Pattern[str], ...]
    headline_suffix: tuple[re.Pattern[str], ...]


@cache
def _patterns() -> _Patterns:
    """Compile ``data/furniture.yaml`` once, filling in {agency} and {month}."""
    raw = data.load("furniture")
    names = sorted(raw["agencies"], key=len, reverse=True)
    agency = "(?:" + "|".join(re.escape(n) for n in names) + ")"

    def fill(pattern: str) -> str:
        return (
            pattern.replace("{agency}", agency).replace("{month}", _MONTHS).replace("{name}", _NAME)
        )

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(fill(p)) for p in raw[key])

    return _Patterns(
        agencies={n.casefold(): n for n in names},
        stop=compile_all("stop"),
        drop=compile_all("drop"),
        agency_line=compile_all("agency_line"),
        agency_suffix=compile_all("agency_suffix"),
        agency_lede=compile_all("agency_lede"),
        caption=compile_all("caption"),
        date_line=compile_all("date_line"),
        headline_suffix=compile_all("headline_suffix"),
    )


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def _agency_name(match: re.Match[str]) -> str:
    found = match.group("agency")
    return _patterns().agencies.get(found.casefold(), found)


def classify(line: str) -> Line:
    """Say what one line is; for text, cut a trailing agency credit ("... / AA")."""
    text = line.strip()
    bare = _BULLET.sub("", text)
    pats = _patterns()
    if not bare:
        return Line(Kind.DROP, text)
    if _any(pats.stop, bare):
        return Line(Kind.STOP, text)
    if _any(pats.drop, bare):
        return Line(Kind.DROP, text)
    match = _any(pats.agency_line, bare)
    if match:
        return Line(Kind.AGENCY, text, _agency_name(match))
    if _any(pats.date_line, bare):
        return Line(Kind.DATE, text)
    if _any(pats.caption, bare):
        return Line(Kind.CAPTION, text)
    match = _any(pats.agency_suffix, text)
    if match and match.start() > 0:
        return Line(Kind.TEXT, text[: match.start()].rstrip(), _agency_name(match))
    match = _any(pats.agency_lede, text)
    return Line(Kind.TEXT, text, _agency_name(match) if match else None)


def caption_text(line: str) -> str:
    """A caption without its photo credit: the words that describe the picture."""
    text = line.strip()
    match = _any(_patterns().caption, _BULLET.sub("", text))
    if match is None:
        return text
    cut = len(text) - len(_BULLET.sub("", text)) + match.start()
    return text[:cut].rstrip(" ,;:|/-–—")


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (full stop, maybe inside a quotation)."""
    return bool(_FINAL.search(text.rstrip()))


def is_crosshead(text: str) -> bool:
    """A short line without final punctuation between paragraphs: a heading, not a sentence."""
    return not ends_sentence(text) and len(text.split()) <= CROSSHEAD_MAX_WORDS


def clean_headline(text: str) -> str:
    """Cut the outlet or section name scrapers leave after a headline."""
    text = text.strip()
    for pattern in _patterns().headline_suffix:
        match = pattern.search(text)
        if match and len(text[: match.start()].split()) >= 3:
            text = text[: match.start()].rstrip()
    return text
