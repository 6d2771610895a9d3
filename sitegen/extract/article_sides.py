"""The sides of one article as the position finder sees them: where each is named,
who speaks its quotations, which sides negotiate ("both sides") and which only
pass through."""

from __future__ import annotations

import re

from sitegen.extract.holders import Holder, SentenceView, Span
from sitegen.models import PartyRef, PersonRef, QuoteRef, Sentence

_PROMINENT_MENTIONS = 3
"""An article naming a party this often treats it as a side even when no cue says so."""
_PREPOSITION_END = re.compile(r"\b(?:of|to|from|with|on|in|by|for)\s+$")


def spans(people: list[PersonRef], parties: list[PartyRef]) -> dict[int, list[Span]]:
    """Where each side is named, sentence by sentence (a person stands for their side)."""
    by_sentence: dict[int, list[Span]] = {}
    for party in parties:
        for m in party.mentions:
            by_sentence.setdefault(m.sentence, []).append(Span(m.start, m.end, party.id))
    for person in people:
        for m in person.mentions:
            span = Span(m.start, m.end, person.side, person.key)
            by_sentence.setdefault(m.sentence, []).append(span)
    return {k: sorted(v, key=lambda s: (s.start, s.end)) for k, v in by_sentence.items()}


def first_subject(view: SentenceView) -> Holder | None:
    """The side a sentence opens with, when it is the subject."""
    for span in view.spans:
        if span.start > 40 or _PREPOSITION_END.search(view.text[: span.start]):
            break
        if span.party:
            return Holder(span.party, span.person)
    return None


_CONTRAST = re.compile(r"(?:[,;]\s*however,|[,;]\s*but|[,;]\s*while|[,;]\s*whereas)\s+(?:the\s+)?")


def contrast_subject(view: SentenceView) -> Holder | None:
    """The side heading the sentence's last contrasting clause ("A sought X; however, B
    has maintained Y"): what an "It" opening the next sentence stands for."""
    if not view.spans:
        return None  # no side to head a clause (the common case: read nothing)
    starts = [m.end() for m in _CONTRAST.finditer(view.text)]
    if not starts:
        return None
    span = next((s for s in view.spans if s.start == starts[-1] and s.party), None)
    return Holder(span.party, span.person) if span is not None and span.party else None


def quoted_sides(
    quotes: list[QuoteRef], people: list[PersonRef], sentences: list[Sentence] | None = None
) -> dict[int, Holder]:
    """The side of each sentence's attributed quotation (a person's side, or a party).

    With ``sentences``, a quotation running over several sentences gives its side to
    each of them ("... progress. Absent X, we will not sign," Y said: both are Y's).
    """
    sides = {p.key: p.side for p in people}
    out: dict[int, Holder] = {}
    for q in quotes:
        if q.speaker_kind == "person" and q.speaker and sides.get(q.speaker):
            holder = Holder(str(sides[q.speaker]), q.speaker)
        elif q.speaker_kind == "party" and q.speaker:
            holder = Holder(q.speaker)
        else:
            continue
        out.setdefault(q.sentence, holder)
        for s in (sentences or [])[q.sentence + 1 :]:
            inner = s.text.strip(" \"“”'‘’")
            if not inner or inner not in q.text:
                break
            out.setdefault(s.index, holder)
    return out


def bystanders(parties: list[PartyRef]) -> set[str]:
    """Parties only passing through an article about talks between others."""
    if not any(p.role == "negotiating-party" for p in parties):
        return set()
    return {p.id for p in parties if p.role == "other" and len(p.mentions) < _PROMINENT_MENTIONS}


def negotiating(
    parties: list[PartyRef], negotiators: frozenset[str]
) -> tuple[tuple[str, ...], bool]:
    """The sides "both sides" stands for: the article's negotiating parties, else those
    the briefing knows as negotiating that this article does not call mediator or host;
    the most named first ("both" and "the two" are the first two). The flag: whether
    they are the article's own (else only the first two are sure to be at the table)."""
    ranked = sorted(parties, key=lambda p: -len(p.mentions))  # most named first: "both"
    own = tuple(p.id for p in ranked if p.role == "negotiating-party")
    if len(own) > 1:
        return own, True
    also = [p.id for p in ranked if p.id in negotiators and p.role not in ("mediator", "host")]
    return tuple(dict.fromkeys([*own, *also])), False
