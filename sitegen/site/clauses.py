"""A position's clearest phrasing: the shortest single clause that names its issue.

News often writes one demand with a tail: an apposition (", Europe's largest"), an
example (", including ..."), a second object ("and the fate of ..."). A brief wants
the demand itself, so an object is cut at each such break and the shortest cut that
still names the issue (or, when none does, that still reads as a phrase) is kept.
A position whose object does not read as a phrase at all has no clause: the page
then shows the words of its cited sentence, never in quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from sitegen.data import load
from sitegen.extract.issues import load_taxonomy
from sitegen.models import Position
from sitegen.site.phrasing import position_phrase

MIN_WORDS = 3
"""A cut shorter than this says too little to stand for the position."""
_BREAK = re.compile(
    r",\s|;\s|\s[—–]\s|\s-\s|\s(?:and|as well as|along with|plus)\s+"
    r"(?=(?:the|a|an|its|their|his|her|our|any|all|other)\b)|\s(?=(?:that|which|who)\s)",
    re.IGNORECASE,
)
"""Where a clause may end: a comma, semicolon or dash, an "and" before a second noun
phrase ("... region and the fate of the plant"), or a relative clause ("areas of X
that its army failed to take"); a leading "that" is no cut (too few words before it)."""


def cuts(text: str) -> list[str]:
    """``text`` and each of its leading parts that ends at a clause break, shortest first,
    keeping only parts that read as a phrase (enough words, nothing left dangling,
    quotation marks and brackets closed)."""
    out = [text[: m.start()].rstrip() for m in _BREAK.finditer(text)] + [text.rstrip()]
    return [c for c in dict.fromkeys(out) if _whole(c)]


def _whole(part: str) -> bool:
    words = part.split()
    if len(words) < MIN_WORDS or words[-1].casefold() in _dangling():
        return False
    flat = part.replace("“", '"').replace("”", '"')
    return flat.count('"') % 2 == 0 and part.count("(") == part.count(")")


@cache
def _dangling() -> frozenset[str]:
    """Last words after which a cut is no phrase (``display.yaml``)."""
    return frozenset(str(w) for w in load("display")["clause_dangling"])


@cache
def _names_issue(text: str, issue: str) -> bool:
    """Whether a phrase names the issue by the taxonomy's own patterns."""
    return issue in load_taxonomy().classify_all(text)


def best_cut(text: str, names: Callable[[str], bool]) -> str:
    """The shortest cut of ``text`` that ``names`` its issue, else the whole text."""
    options = cuts(text)
    naming = [c for c in options if names(c)]
    if naming:
        return naming[0]
    return text


def issue_namer(issue: str | None, label: str = "") -> Callable[[str], bool]:
    """A test of whether a phrase names one issue: its label written out, or one of the
    taxonomy's patterns for it."""
    label_cf = label.casefold()

    def names(text: str) -> bool:
        if not issue:
            return False
        return (bool(label_cf) and label_cf in text.casefold()) or _names_issue(text, issue)

    return names


def clause(p: Position, names: Callable[[str], bool]) -> str | None:
    """The position's clause as it follows the stance, or None when its object does not
    read as a phrase (the page shows the cited sentence's words instead)."""
    phrase = position_phrase(p)
    return None if phrase.excerpt else best_cut(phrase.text, names)


def clearest(phrasings: list[str], names: Callable[[str], bool]) -> int:
    """Index of the clearest of several phrasings of one stance: the shortest that names
    the issue, else the shortest (by words, then characters, then first seen)."""
    if not phrasings:
        raise ValueError("no phrasing to choose from")
    naming = [n for n, t in enumerate(phrasings) if names(t)]
    pool = naming or list(range(len(phrasings)))
    return min(pool, key=lambda n: (len(phrasings[n].split()), len(phrasings[n]), n))
