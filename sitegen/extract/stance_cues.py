"""Stance cues in a sentence and the object each one governs.

Kept apart from the position finder (``positions``): this module only reads
words (verbs, nouns, modals and refusals from ``data/stances.yaml``) and cuts
clauses; deciding who holds a stance is the finder's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.holders import SentenceView
from sitegen.extract.literals import guarded, lowered
from sitegen.extract.stance_words import CueGroup, Lexicon, alternation
from sitegen.models import Stance

CLAUSE_END = re.compile(
    r";|\s[—–]\s|,\s(?:while|but|whereas|although|though|which|who|where|according)\b"
    r"|,\s(?:saying|adding|arguing|calling|describing|citing|noting|warning|insisting)\b"
    r"|\s(?:while|but|whereas)\s|,\s*(?=(?:[A-Z][\w'-]*\s+){0,6}(?:said|says|told|added)\b)"
)
_DETERMINED = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)
AND_BEFORE = guarded(r"(?:,\s*)?\b(?:and|but)\s+(?:[a-z]+\s+){0,2}$")
_MAX_OBJECT_WORDS = 30


@dataclass(frozen=True, slots=True)
class Cue:
    """One stance word in a sentence."""

    stance: Stance
    kind: str
    """verb, noun, modal or refusal."""
    start: int
    end: int
    also_verb: bool = False
    """A noun form that is also a verb form ("demands", "offers")."""
    object_start: int = -1
    """For a refusal, where the refused action begins ("withdraw" in "will not withdraw")."""


def _determined(text: str, start: int) -> bool:
    """``_DETERMINED`` right before ``start``. Its words are tested first: searching the
    sentence up to every verb for the pattern was the costliest part of finding cues."""
    before = text[:start]
    if not before or not before[-1].isspace():
        return False  # the pattern ends in white space
    last = lowered(before.rstrip()[-4:])
    if last is not None and not last.endswith(("with", "the")):
        return False
    return _DETERMINED.search(text, 0, start) is not None


def find_cues(text: str, lex: Lexicon) -> list[Cue]:
    """Every stance cue of a sentence, in reading order."""
    # the sieve's order: each verb, each noun, the modal pattern, the refusal pattern
    low = lowered(text)
    may = lex.cue_sieve.candidates_low(text, low)
    verbs = {
        (start, end): group.stance
        for group in lex.verb_groups
        for start, end in _group_spans(group, may, text, low, lex)
        if text[max(0, start - 1) : start] != "-"
        and not _determined(text, start)  # "with support from": a noun, no stance
    }
    cues: list[Cue] = []
    for group in lex.noun_groups:
        for start, end in _group_spans(group, may, text, low, lex):
            also = any(s == start for s, _ in verbs)
            cues.append(Cue(group.stance, "noun", start, end, also))
    cues += [Cue(st, "verb", s, e) for (s, e), st in verbs.items()]
    n_branches = len(lex.cue_sieve.patterns) - 2
    if n_branches in may:
        cues += [Cue("demands", "modal", m.start(), m.end()) for m in lex.modal.finditer(text)]
    if n_branches + 1 in may:
        cues += [
            Cue("rejects", "refusal", m.start(), m.end(), object_start=m.start("verb"))
            for m in lex.refusal.finditer(text)
        ]
    # a shorter verb inside a longer one ("agree" in "agree to") is the same cue
    cues = [
        c
        for c in cues
        if not any(
            o is not c
            and o.kind == c.kind
            and o.start <= c.start
            and o.end >= c.end
            and (o.end - o.start) > (c.end - c.start)
            for o in cues
        )
    ]
    return sorted(cues, key=lambda c: (c.start, c.kind))


def _group_spans(
    group: CueGroup, may: list[int], text: str, low: str | None, lex: Lexicon
) -> list[tuple[int, int]]:
    """The matches of a group's whole pattern, from the branches the sieve lets through
    (``may``) only: the others fail wherever they are tried. As ``finditer`` of the
    alternation: at the leftmost place one matches, the first in order that does
    (``low``: ``lowered(text)``)."""
    end = group.first + len(group.branches)
    if not may or may[-1] < group.first or may[0] >= end:
        return []  # ``may`` is in order: no branch of this group in it
    kept = [n for n in may if group.first <= n < end]
    if not kept:
        return []
    patterns = [lex.cue_sieve.patterns[n] for n in kept]
    begin = [lex.cue_starts[n] for n in kept]
    if len(patterns) < 2:
        return [m.span() for m in begin[0].finditer(patterns[0], text, low)]
    ahead = [at.search(p, text, low) for p, at in zip(patterns, begin, strict=True)]
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for i, m in enumerate(ahead):
            if m is not None and m.start() < pos:
                m = ahead[i] = begin[i].search(patterns[i], text, low, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        if best.end() == best.start():  # an empty match: let ``re`` step past it
            branches = tuple(group.branches[n - group.first] for n in kept)
            return [m.span() for m in alternation(branches).finditer(text)]
        out.append(best.span())
        pos = best.end()


def clause_object(text: str, start: int, stop: int | None = None) -> tuple[str, int]:
    """The words from ``start`` to the end of the clause (or ``stop``), and where they end."""
    end = len(text) if stop is None else stop
    m = CLAUSE_END.search(text, start, end)
    if m:
        end = m.start()
    words = text[start:end].split()
    obj = " ".join(words[:_MAX_OBJECT_WORDS]).strip(" ,.'")
    return obj, end


def next_coordinated(text: str, cues: list[Cue], after: int) -> int | None:
    """Where a later verb joined by "and" starts (it ends the current object)."""
    for c in cues:
        if c.kind == "verb" and c.start > after and AND_BEFORE.search(text[after : c.start]):
            m = AND_BEFORE.search(text[after : c.start])
            return after + m.start() if m else None
    return None


_RELATIVE = re.compile(
    r",\s*(?:which|that|a|an|one|something)\b[^,]*$"
    r"|\b(?:terms|demands?|proposals?|plans?|offers?|conditions?|deal|draft|idea|calls?)"
    r"\s+(?:that|which)\b[^,]*$"
)


def is_relative(view: SentenceView, cue: Cue) -> bool:
    """Whether a verb opens its own aside ("..., a demand X rejected"; "..., which X refused";
    "terms that X sees as capitulation")."""
    m = _RELATIVE.search(view.text[: cue.start])
    if m is None:
        return False
    return any(s.start >= m.start() and s.end <= cue.start for s in view.spans)


def negated(gap: str, lex: Lexicon) -> bool:
    """Whether a negator stands in ``gap`` (before a verb)."""
    return bool(lex.negator.search(gap)) or "n't" in gap


def is_specific(obj: str, lex: Lexicon) -> bool:
    """Whether an object names a specific negotiation document ("the plan", "such terms")."""
    words = obj.split()[:8]
    for i, w in enumerate(words):
        if lex.negotiation.fullmatch(w.strip(",.;:")):
            prev = words[i - 1].lower() if i else ""
            return (
                prev in lex.specific
                or prev.endswith(("'s", "'"))
                or (i > 1 and words[i - 2].lower() in lex.specific)
            )
    return False


_JOINED = re.compile(r"^\s*(?:['’]s?\s+)?(?:[\w-]+\s+){0,2}(?:,\s*)?(?:and|&)\s+(?:the\s+)?$")


def joint_subject(view: SentenceView, start: int, pos: int) -> bool:
    """Whether two sides joined by "and" are the subject ("Israel and Hamas have agreed"):
    what they agree together is a deal, not one side's position."""
    spans = [s for s in view.spans if s.party and s.start >= start and s.end <= pos]
    for a, b in zip(spans, spans[1:], strict=False):
        if a.party != b.party and _JOINED.match(view.text[a.end : b.start]):
            return True
    return False
