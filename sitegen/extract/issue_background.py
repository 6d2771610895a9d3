"""Sentences that name a matter without putting it on the table.

The guideline's issues are matters being negotiated; a sentence that says a matter
is off the agenda, tells how the fighting began, or goes back decades names it as
background. Kept apart from ``issues`` (the taxonomy and its passes) by concern.
"""

from __future__ import annotations

import re

from sitegen.extract.literals import guarded
from sitegen.models import Sentence

OFF_AGENDA = guarded(r"\bnot\s+(?:\w+\s+)?(?:on the (?:agenda|table)|(?:be(?:en)?\s+)?discussed)\b")
BATTLE_NEWS = guarded(
    r"\b(?:fighting|clashes|hostilities)\b[^.;]{0,80}?\b(?:began|erupted|broke out|flared)\b",
    re.IGNORECASE,
)
"""A sentence telling how the fighting began names a border or a town as a place of
battle, not as a matter of the talks (the guideline's "battle news")."""
_HISTORY = re.compile(
    r"\bin the (?:early |mid-?|late )?(?:\d{4}s|\d{1,2}(?:st|nd|rd|th) century)\b"
    r"|\b(?:have|has|had) a (?:long )?history of\b",
    re.IGNORECASE,
)
"""A background sentence on decades or a century past ("the conflict started in the 1960s
as an uprising for land rights"; "the two have a history of border disputes"): what it
names is the conflict's history, not a matter of these talks."""


def history(sentences: list[Sentence], masked: list[str]) -> set[int]:
    """The indices of the background sentences on the past (a plain substring test
    first: most sentences hold none of the words)."""
    return {
        s.index
        for s, text in zip(sentences, masked, strict=True)
        if ("0s" in text or "entury" in text or "istory" in text) and _HISTORY.search(text)
    }
