"""How facts read on the page: positions as English, labels as headings.

Extraction keeps an object exactly as it was cut from its sentence. Most read
well after the party and the stance ("Armenia rejects any extraterritorial
corridor"); some do not ("rejects for floating the idea ..."), and a wrong-
looking fact is worse than a quoted one, so those are shown as an excerpt of the
cited sentence instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.models import Position

LEAD_WORDS = 8
"""Words shown before an object in an excerpt: enough to see who does what."""
TO_STANCES = frozenset({"wants", "proposes", "demands"})
"""Stances that read well before "to" and a verb ("wants to hold talks")."""
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(slots=True, frozen=True)
class Phrase:
    """What follows the stance badge of a position."""

    text: str
    excerpt: bool = False
    """True when ``text`` is words of the sentence to show in quotation marks
    (the object did not read as a phrase of its own)."""


@cache
def _rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], int]:
    data = load("display")
    stances = load("stances")
    verbs = "|".join(v for forms in stances["verbs"].values() for v in forms)
    joiners = "|".join(re.escape(j) for j in data["joiners"])
    second = re.compile(rf",?\s+(?:{joiners})\s+(?:{verbs})\b.*$", re.IGNORECASE)
    reporting = "|".join(re.escape(v) for v in load("reporting")["verbs"])
    n = int(data["attribution_words"])
    attribution = re.compile(rf",(?:\s+[^\s,]+(?:,)?){{1,{n}}}\s+(?:{reporting})\.?$")
    return frozenset(data["bad_starts"]), second, attribution, int(data["excerpt_words"])


def heading(label: str) -> str:
    """A label shown as a heading or a card title: first letter capitalised."""
    return label[:1].upper() + label[1:] if label[:1].islower() else label


def tidy_object(text: str) -> str | None:
    """The object cut down to the phrase it names, or None when it does not read as one."""
    bad_starts, second, attribution, _ = _rules()
    text = attribution.sub("", text.strip()).strip()
    text = second.sub("", text).strip().rstrip(",;:")
    words = text.split()
    if not words or words[0].casefold() in bad_starts:
        return None
    flat = text.translate(_APOSTROPHES)
    if flat.count('"') % 2 or flat.count("(") != flat.count(")"):
        return None
    return text


def excerpt(sentence: str, part: str) -> str:
    """The clause of ``sentence`` that holds ``part``: from a few words before it (after a
    comma there, when there is one) to its end, '…' where cut, at most a few dozen words."""
    _, _, _, limit = _rules()
    words = sentence.split()
    flat = sentence.translate(_APOSTROPHES)
    at = flat.find(part.translate(_APOSTROPHES)) if part else -1
    if at < 0:
        return sentence.strip() if len(words) <= limit else " ".join(words[:limit]) + " …"
    first = len(flat[:at].split())
    last = max(first + len(part.split()), first + 1)
    start = max(0, first - LEAD_WORDS)
    commas = [n + 1 for n in range(start, first) if words[n].endswith((",", ";", ":"))]
    if commas:
        start = commas[-1]
    start = min(start, first) if last - start <= limit else max(start, last - limit)
    end = min(len(words), max(last, start + 1))
    if end < len(words) and len(words) - start <= limit:
        end = len(words)
    while start > 0 and _open_quote(" ".join(words[start:end])):
        start -= 1  # never cut a quotation in half, however long it makes the excerpt
    out = " ".join(words[start:end])
    return ("… " if start else "") + out + (" …" if end < len(words) else "")


def _open_quote(text: str) -> bool:
    """Whether ``text`` starts inside a quotation (a closing mark lacks its opening one)."""
    return text.count("“") < text.count("”") or text.count('"') % 2 == 1


def _after_to(sentence: str, part: str) -> bool:
    """Whether ``part`` is a verb phrase after "to" ("intends to get ..."), not a noun
    phrase ("agreed to a ceasefire", "agreed to Qatar's plan")."""
    flat, part = sentence.translate(_APOSTROPHES), part.translate(_APOSTROPHES)
    at = flat.find(part) if part else -1
    first = part.split()[0] if part.split() else ""
    return (
        at > 0
        and re.search(r"\bto\s+$", flat[:at]) is not None
        and first.islower()
        and first not in _determiners()
    )


@cache
def _determiners() -> frozenset[str]:
    return frozenset(str(w) for w in load("display")["determiners"])


def _without_to(text: str, stance: str) -> str | None:
    """An object cut with the "to" of its noun ("opposition to a state", "agreed to the
    return of ..."): a noun phrase after it reads without it ("rejects a state"); a verb
    after it reads only after the stances that take "to" ("wants to hold talks"), and
    "rejects to take part" is no English, so that one is quoted instead."""
    rest = text[3:].lstrip()
    first = rest.split()[0] if rest.split() else ""
    if first.casefold() in _determiners() or first[:1].isupper() or first[:1].isdigit():
        return rest
    return text if stance in TO_STANCES else None


def position_phrase(p: Position) -> Phrase:
    """The object of a position as it should follow the stance, or an excerpt to quote."""
    tidy = tidy_object(p.object)
    if tidy and _after_to(p.sentence.text, p.object):
        # "wants to get ...", "proposes to hold ..."; "rejects to" is no English
        tidy = f"to {tidy}" if p.stance in TO_STANCES else None
    elif tidy and tidy.startswith("to "):
        tidy = _without_to(tidy, p.stance)
    if tidy:
        return Phrase(tidy)
    return Phrase(excerpt(p.sentence.text, p.object), excerpt=True)
