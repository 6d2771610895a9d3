"""Labels for issues the taxonomy does not know: the text's own noun phrase.

A stance's object or an agenda item is a clause of news copy ("all parties to
agree to X's peace plan", "a pledge for Y not to seek membership of Z"); the
label is the noun phrase in it that names the matter: its head and modifiers,
without the addressee, the verb, determiners, possessors or party names, and a
generic head ("pledge", "date") gives way to its complement.
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.data import load

_QUOTES = str.maketrans({"“": " ", "”": " ", '"': " ", "‘": " ", "’": "'", "«": " ", "»": " "})


def mask(text: str) -> str:
    """Blank out quotation marks (same length) so patterns see plain words."""
    return text.translate(_QUOTES)


_LEAD = re.compile(
    r"^(?:(?:the|a|an|any|all|its|their|his|her|our|this|these|those|such|both|each|other|"
    r"further|possible|potential|so-called|new|several|some|to|on|of|over|about|for|also|"
    r"still|only|even|then|now|already|mainly|mostly|largely|"
    r"including|include|includes|as|well|namely)\s+|[\w.-]+['’]s?\s+)+",
    re.IGNORECASE,
)
_TAIL_CUT = re.compile(
    r",|;|:|\s(?:that|which|who|where|in|at|by|with|between|from|into|under|within|if|"
    r"before|after|while|since|until|as|is|are|was|were|will|would|has|have|had|and then|"
    r"must|should|could|can|may|might|be|been|being|over|through|without|via|"
    r"drew|faced|sparked|prompted|triggered|received|met|won|got|"
    r"to be|during|amid|for|and|or|but|nor|told|said|says|say|added|"
    r"to [a-z]+ (?:the|a|an|its|their|all|this|these|those|that))\s",
    re.IGNORECASE,
)
_VERB_CUT = re.compile(
    r"\s(?:[a-z]+ed|began|begun|came|went|made|took|held|left|met)\s"
    r"(?:on|in|at|by|with|without|to|from|that|after|before|during|over|since)\s",
    re.IGNORECASE,
)
"""A past verb followed by a preposition ends the noun phrase ("the talks ended
without ..."; "the format arranged by ..."): what follows is the clause."""
_GERUND = re.compile(r"^[a-z]+ing\s+(?=(?:the|a|an|its|their|all|his|her)\s)")
_PLURAL_ONLY = frozenset(
    ["talks", "arms", "means", "news", "series", "relations", "hostilities", "affairs", "goods"]
)
_WORDY = re.compile(r"[a-z][a-z'-]+")
_DOCUMENTS = re.compile(
    r"^(?:(?:draft|final|peace|framework|comprehensive|interim|preliminary|joint|text of the|"
    r"new|latest|revised|proposed|formal|bridging)\s+)*(?:deal|agreement|accord|plan|"
    r"proposals?|draft|treaty|text|document|framework|memorandum|declaration|terms|offer|talks|"
    r"negotiations|process|peace|it|them|this|that)$"
)


def open_label(
    phrase: str, vague: frozenset[str], names: frozenset[str] = frozenset()
) -> str | None:
    """The text's own noun phrase for an issue the taxonomy does not know: determiners,
    possessives and party names dropped, cut at the clause, the last word singular;
    None for vague words, a bare proper name and the deal as a whole."""
    plain = re.sub(r"^\s*to\s+", "", mask(phrase).strip(" .'"))
    cut = _TAIL_CUT.split(" " + plain + " ")[0].strip()
    cut = _VERB_CUT.split(" " + cut + " ")[0].strip()
    words = [w for w in cut.split() if re.sub(r"['’]s?$", "", w.lower().strip(".,")) not in names]
    label = _LEAD.sub("", " ".join(words)).strip(" .,'’").lower()
    label = _LEAD.sub("", _GERUND.sub("", label))  # "ensuring the safety of ..."
    words = label.split()[:5]
    if not words or not all(_WORDY.fullmatch(w) for w in words):
        return None
    if _CLAUSE_WORDS & set(words):
        return None  # "what it calls X": a clause, no noun phrase
    last = words[-1]
    written = re.search(rf"\b{re.escape(last)}\b", plain, re.IGNORECASE)
    proper = written is not None and written.group(0)[:1].isupper()
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is", "ies"))
    plural = plural and last not in _PLURAL_ONLY
    if len(last) > 4 and not proper and plural:
        words[-1] = last[:-1]
    label = " ".join(words)
    if len(words) == 1 and proper:
        return None  # a bare place or group name ("the question of Astoria") is no matter
    if label in vague or _DOCUMENTS.match(label) or len(label) < 4:
        return None
    first, head = _label_stops()
    last = words[-1]
    singular = {last, last[:-1], last[:-3] + "y"} if last.endswith("s") else {last}
    if words[0] in first or singular & head:
        return None
    return label


_CLAUSE_WORDS = frozenset({"what", "which", "who", "whom", "whose", "whatever"})
"""Words that open a clause: a phrase holding one names no matter of its own."""


@cache
def _label_stops() -> tuple[frozenset[str], frozenset[str]]:
    """Words that make a phrase no issue label: as its first word (a time, a pronoun,
    a verb: the phrase is a clause), or as its head (a generic or document noun)."""
    stops = load("issues")["label_stops"]
    return (
        frozenset(str(w).lower() for w in stops["first"]),
        frozenset(str(w).lower() for w in stops["head"]),
    )
