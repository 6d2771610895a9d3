"""Text tests the attributor makes around a verb or a name: what stands before it, where
its phrase starts, whether a word is used as a noun. Plain functions of the text,
kept apart from the ``Attributor``'s state by size and concern.
"""

from __future__ import annotations

import re

from sitegen.extract.reporting_words import vocab

MASK = "\x00"
"""Stands in for every character of a quotation, so verbs inside it are not read."""
BOUNDARY = ",;:()—–" + MASK
_ROLE_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:the\s+)?$")
_WORD_END = re.compile(r"\s+([\w’'-]+)")
r"""``([\w’'-]+)\s+$`` reversed: matched at the start of a reversed text."""
_POSSESSIVE_END = re.compile(r"[’']s?$")
_STOP = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])\.(?=\s|$)")
_WORD = re.compile(r"[\w’'.-]+")
r"""``[\w’'.-]+$`` reversed: matched at the start of a reversed text."""


def words_before(masked: str, before: int) -> bool:
    """Whether words stand before ``before``: a quotation alone ('"...," it added')
    is none, so "it" still looks back to the party that spoke before."""
    return bool(masked[:before].strip(MASK + " \t\n,.;:'\"‘’“”—–-"))


def role_of(before: str) -> bool:
    """Whether a role noun and "of" end ``before`` ("the head of (the) ...")."""
    m = _ROLE_OF.search(before) if " of " in before else None
    return m is not None and m.group(1).lower() in vocab().roles


def noun_use(text: str, pos: int) -> bool:
    """'the demands', "Russia's claims": a verb-like word used as a noun."""
    # read backwards from ``pos``: ``re`` would try the pattern at every position before it
    m = _WORD_END.match(text[pos - 1 :: -1]) if pos > 0 else None
    if not m:
        return False
    prev = m.group(1)[::-1]
    return prev.lower() in vocab().determiners or bool(_POSSESSIVE_END.search(prev))


def phrase_start(text: str, end: int) -> int:
    """Where the phrase ending at ``end`` starts: after the last clause mark, or the last
    full stop that is not an initial's ("a U.S. official said")."""
    start = max((text.rfind(c, 0, end) for c in BOUNDARY + '!?"“”'), default=-1)
    for m in _STOP.finditer(text, start + 1, end):
        start = max(start, m.start())
    return start + 1


def skip_fillers_back(text: str, pos: int) -> int:
    """Step back over adverbs and dates between a subject and its verb."""
    fillers = vocab().fillers
    p = pos
    while True:
        before = text[:p].rstrip()
        m = _WORD.match(before[::-1])  # the word ending ``before``, read backwards
        if not m:
            return p
        w = m.group(0)[::-1].rstrip(".")
        if w in fillers or w.isdigit():
            p = len(before) - m.end()
            continue
        return p
