"""Less common attribution shapes, as plain functions of one masked sentence.

Kept apart from ``attribution`` (which calls them) by size: each reads one way
wire copy names a speaker away from the verb ("with X warning", a long title
with its own commas between name and verb, a title before a name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.extract import speech_text
from sitegen.extract.reporting_words import vocab
from sitegen.extract.speech_refs import Named, Ref
from sitegen.extract.speech_text import MASK

_POSSESSIVE_NEXT = re.compile(r"[’']s?\b")
_WITH_BEFORE = re.compile(r"(?:^|[\s,])(?i:with)\s+(?:[\w’'.-]+\s+){0,6}$")
_TITLE_RUN = re.compile(r",\s+(?:the\s+)?[A-Z][^;:()—–\x00]*,")
_TITLE_WORDS = 16


def with_subject(text: str, hit: Named | None) -> Ref | None:
    """'..., with Belmar's envoy Ivo Marten warning, "..."': the absolute phrase's own
    subject (``hit``, the person ending right before the participle), not the clause's."""
    if hit is None or hit.ref is None or hit.ref.kind != "person":
        return None
    return hit.ref if _WITH_BEFORE.search(text[: hit.start]) else None


def title_run(text: str, named: Sequence[Named], pos: int) -> Ref | None:
    """'Name, Commissioner for Water, Soil and Coast, wrote': a person opening the clause,
    then a capitalised title whose own commas list portfolios, then the verb at ``pos``."""
    end = len(text[: speech_text.skip_fillers_back(text, pos)].rstrip())
    if not text[:end].endswith(","):
        return None
    opening = text.rfind(MASK, 0, end) + 1
    for n in named:
        if n.start < opening or n.ref is None or n.ref.kind != "person" or n.end >= end:
            continue
        if text[opening : n.start].strip(" ,") or not _TITLE_RUN.fullmatch(text, n.end, end):
            return None
        title = text[n.end : end]
        if vocab().verb_re.search(title) or len(title.split()) > _TITLE_WORDS:
            return None
        return n.ref
    return None


def owner(n: Named, text: str) -> bool:
    """A party in the possessive ("Astoria's"): it owns a title, it is no subject."""
    return n.ref is not None and n.ref.kind == "party" and bool(_POSSESSIVE_NEXT.match(text, n.end))


def without_role(prefix: str, roles: Sequence[str]) -> str:
    """The words before a name less the person's own title ("Minister of Foreign Affairs
    Ivo Marten"): the title's "of" is no preposition governing the name."""
    head = prefix.rstrip()
    low = head.lower()
    for role in roles:
        cut = len(low) - len(role)
        if role and low.endswith(role) and (cut == 0 or not low[cut - 1].isalnum()):
            return head[:cut]
    return prefix


def phrase_end(text: str, start: int) -> int:
    """Where a phrase from ``start`` ends: the next clause mark or full stop."""
    stop = len(text)
    for c in speech_text.BOUNDARY + ".!?":
        i = text.find(c, start)
        if i != -1:
            stop = min(stop, i)
    return stop
