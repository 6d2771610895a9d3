"""Conditions stated without a demand word: "unless" and "without"/"absent" clauses.

The guideline's test for a demand is that a party makes X a condition. News often
writes the condition as a clause of a threat or a refusal, with no "demand" or
"condition" in it: "A warned that unless B recommits to limits on X, A would
reimpose sanctions"; "A could act against B unless it shows steps on X";
"Without a firm commitment from B on X, we will not sign," A said. The holder is
the side that threatens (the speaker, or the main clause's subject); the condition
must fall on another side (named, or "it"/"they" after another side's name), so
an analyst's "unless there is a breakthrough" or a side's own plan is no demand.
"""

from __future__ import annotations

import re

from sitegen.extract.holders import (
    Holder,
    SentenceView,
    Span,
    clause_start,
    clause_subject,
    left_holder,
    speaker,
)
from sitegen.extract.stance_words import lexicon

_UNLESS = re.compile(r"\bunless\s+", re.IGNORECASE)
_OPENING = re.compile(r"^[\W_]*(?:without|absent)\s+", re.IGNORECASE)
"""A sentence (or a quotation) opening with the condition ("Without X, we will not")."""
_REFUSED = re.compile(
    r",\s*(?:[\w'’-]+\s+){1,6}?(?:will|would|can|could|shall)\s*(?:not|n't|never)\b"
    r"|,\s*(?:[\w'’-]+\s+){1,6}?(?:won't|cannot|can't)\b",
    re.IGNORECASE,
)
"""The main clause after the condition refuses: "..., we will not reach a result"."""
_RESTATED = re.compile(r"(?:these|those|this|that|such)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"(?:it|they)\s", re.IGNORECASE)


def _holder_at(view: SentenceView, pos: int) -> Holder | None:
    """Who states the condition: the sentence's speaker, else the subject of the clause
    or of the sentence ("A warned that unless ..."; "A may act against B unless ...")."""
    return (
        speaker(view, pos)
        or left_holder(view, pos)
        or clause_subject(view, clause_start(view.text, pos))
        or clause_subject(view, 0)
    )


def _other_after(view: SentenceView, start: int, holder: Holder) -> Span | None:
    """A side other than the holder's named as the subject right at ``start``."""
    for s in view.spans:
        if s.party and s.party != holder.party and start <= s.start <= start + 4:
            return s
    return None


def _unless(view: SentenceView, m: re.Match[str]) -> tuple[Holder, str] | None:
    text = view.text
    holder = _holder_at(view, m.start())
    if holder is None:
        return None
    at = m.end()
    subject = _other_after(view, at, holder)
    if subject is None:
        if not _PRONOUN_SUBJECT.match(text, at):
            return None
        named = [s for s in view.spans if s.end <= m.start() and s.party]
        if not named or named[-1].party == holder.party:
            return None  # "it" must stand for the other side, named just before
        body = at + len(_PRONOUN_SUBJECT.match(text, at).group(0))  # type: ignore[union-attr]
    else:
        body = subject.end
    comma = text.find(",", body)
    end = comma if comma != -1 else len(text)
    obj = " ".join(text[body:end].split()).strip(" .'")
    return (holder, obj) if obj else None


def _without(view: SentenceView, m: re.Match[str]) -> tuple[Holder, str] | None:
    text = view.text
    refused = None
    for r in _REFUSED.finditer(text, m.end()):
        refused = r
        break
    if refused is None:
        return None
    holder = view.quoted or speaker(view, refused.end())
    if holder is None:
        return None
    cond = text[m.end() : refused.start()]
    # the condition must be the other side's: "a commitment from B", or B named in it
    others = [s for s in view.spans if s.party and s.party != holder.party]
    mine = [s for s in view.spans if s.party == holder.party and s.end <= refused.start()]
    if mine and not others:
        return None
    obj = " ".join(cond.split()).strip(" .'")
    return (holder, obj) if obj else None


def conditions(view: SentenceView) -> list[tuple[Holder, str]]:
    """Each side making something a condition in this sentence, with the condition (one
    it names: "without these steps" restates a demand an earlier sentence made)."""
    text = view.text
    if "nless" not in text and "ithout" not in text and "bsent" not in text:
        return []  # most sentences: no lowering, a plain scan for the three words
    found: list[tuple[Holder, str]] = []
    for m in _UNLESS.finditer(view.text):
        got = _unless(view, m)
        if got:
            found.append(got)
    opening = _OPENING.match(view.text)
    if opening:
        got = _without(view, opening)
        if got:
            found.append(got)
    anaphoric = lexicon().anaphoric
    return [(h, o) for h, o in found if not (anaphoric.match(o) or _RESTATED.match(o))]
