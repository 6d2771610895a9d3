"""Plural holders: every side a group subject stands for.

"Both sides", "the two delegations", "the mediators", "Armenia and Azerbaijan"
and a "they" right after one are one position per side they count; kept apart
from ``holders`` (one holder per stance) because a group is a list, not a side.
"""

from __future__ import annotations

import re

from sitegen.extract.holders import (
    ASIDE_OPEN,
    MEDIATORS,
    SUPPORTERS,
    Holder,
    SentenceView,
    Span,
    agents_after,
    clause_start,
    gap_ok,
    governed,
)
from sitegen.extract.stance_words import lexicon

_CHAINED = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?(?:['’]s?\s+)?(?:[\w-]+\s+){0,2}(?:,\s*)?(?:and|&|,)\s+"
    r"(?:the\s+(?:[a-z][\w-]*\s+){0,2})?"
)
_THEY = re.compile(r"\b(?:they|They)\b")
_THAT = re.compile(r"\bthat\s+$")
_SIGNING = re.compile(r"(?:signed|inked|endorsed|agreed)\b")
"""Past signings only: a present "X and Y sign the truce" is a caption or a headline."""
_OUTSIDE = re.compile(
    r"\b(?:presence of|with|alongside|before|backed by|supported by|hosted by|mediated by)\s+"
    r"(?:the\s+)?(?:[\w'’.-]+\s+){0,4}$",
    re.IGNORECASE,
)
"""Who stands beside the signatories, not among them ("in the presence of X")."""
_FORMER = re.compile(
    r"\b(?:[Tt]hen|[Ff]ormer|[Ll]ate)[- ](?:[A-Z]\w*\s+)?(?:[A-Z]\w*|leader|president)\b"
)
_SAID = re.compile(r"\b(?:said|says|told|announced|stated)\b")
_TITLED = re.compile(
    r"\s*(?:,\s*)?(?:and|&)\s+(?:(?:his|her|their|its)\s+)?(?:[a-z][\w-]*\s+){1,3}"
)
"""Before a person, "and" may take a lower-case title ("A and rebel leader B signed",
"A and his counterpart B"): the two people's sides are the subject."""


def _chain(view: SentenceView, spans: list[Span], pos: int) -> list[Holder]:
    """The sides joined by "and" that end just before ``pos`` ("Armenia and Azerbaijan
    signed"), when there are at least two of them."""
    lex = lexicon()
    text = view.text
    # the nearest side whose gap to ``pos`` holds no other words (the latest end; of
    # equal ends the first): tried nearest first, so the gaps of the farther are not read
    nearest = next(
        (
            s
            for s in sorted(spans, key=lambda s: -s.end)
            if s.party
            and s.end <= pos
            and gap_ok(text[s.end : pos], lex)
            and not (ASIDE_OPEN.search(text, 0, s.start) and "," in text[s.end : pos])
        ),
        None,
    )
    if nearest is None:
        return []
    chain = [nearest]
    for span in sorted((s for s in spans if s.end <= chain[0].start), key=lambda s: -s.end):
        junction = text[span.end : chain[-1].start]
        if span.party == chain[-1].party and re.fullmatch(r"[\s(]*", junction):
            chain[-1] = span  # "the paramilitary Rapid Support Forces (RSF)": one side
            continue
        titled = chain[-1].person is not None and _TITLED.fullmatch(junction)
        if not span.party or not (_CHAINED.fullmatch(junction) or titled):
            break
        if len(chain) == 1 and not re.search(r"\band\b|&", junction):
            break  # "In Port Elin, Astoria offered": a list ends with "and"
        chain.append(span)
    # "..., with A, B and C signing a statement": the list is the -ing verb's subject
    absolute = text[pos:].split()[:1] and text[pos:].split()[0].endswith("ing")
    while len(chain) > 1 and governed(text[: chain[-1].start], lex):
        if absolute and re.search(r"\bwith\s+$", text[: chain[-1].start]):
            break
        chain.pop()  # "talks with A and B, C offered": A and B follow a preposition
    if SUPPORTERS.search(text[: chain[-1].start]):
        return []  # "X, backed by Y and Z, offered": the supporters are an aside
    holders = [Holder(s.party, s.person) for s in reversed(chain) if s.party]
    return holders if len({h.party for h in holders}) > 1 else []


def _counted(phrase: str, sides: tuple[str, ...]) -> tuple[str, ...]:
    """The sides a collective subject counts: "both" and "the two" are two (the most
    named, first in ``sides``), "the parties" every one."""
    return sides[:2] if re.search(r"\b(?:both|two)\b", phrase, re.IGNORECASE) else sides


def group_subject(
    view: SentenceView,
    pos: int,
    sides: tuple[str, ...],
    prev_group: list[Holder],
    mediators: tuple[str, ...] = (),
) -> list[Holder]:
    """Every side a plural subject of a verb at ``pos`` stands for: "both sides" and
    "the two delegations" (each negotiating party), "the mediators" (each mediator),
    "Armenia and Azerbaijan" (each), "they" right after such a subject. Empty when the
    subject is no group."""
    lex = lexicon()
    text = view.text
    start = clause_start(text, pos)
    if re.search(r",\s*$", text[start:pos]) and text[pos:].split()[0].endswith("ing"):
        return _opening_group(view, sides)  # "Both sides stressed ..., agreeing to ..."
    for m in MEDIATORS.finditer(text, start, pos):
        if len(mediators) > 1 and gap_ok(text[m.end() : pos], lex):
            return [Holder(s) for s in mediators]
    for m in lex.collective.finditer(text, start, pos):
        free = not re.match(r"\s+of\b", text[m.end() :])
        if free and len(sides) > 1 and gap_ok(text[m.end() : pos], lex):
            return [Holder(s) for s in _counted(m.group(0), sides)]
    chained = _chain(view, [s for s in view.spans if s.start >= start], pos)
    if chained:
        return chained
    signing = signatories(view, start, pos, sides) if _SIGNING.match(text, pos) else []
    if signing:
        return signing
    they = [m for m in _THEY.finditer(text, start, pos) if gap_ok(text[m.end() : pos], lex)]
    if they and any(s.party and s.end <= they[0].start() for s in view.spans):
        # "A and B announced that they have reached ...": the group the sentence opens with
        opening = _opening_group(view, sides) if _THAT.search(text, 0, they[0].start()) else []
        named = {s.party for s in view.spans if s.party and s.end <= they[0].start()}
        if opening and named <= {h.party for h in opening}:
            return opening
        return []  # "X led Kyiv's delegation and said they proposed": a nearer antecedent
    return list(prev_group) if they else []


def _opening_group(view: SentenceView, sides: tuple[str, ...]) -> list[Holder]:
    """The group a sentence opens with ("The two sides ...", "Israel and Hamas ..."): the
    subject of a participle clause later in it."""
    m = lexicon().collective.match(view.text.lstrip())
    if m and len(sides) > 1:
        return [Holder(s) for s in _counted(m.group(0), sides)]
    spans = [s for s in view.spans if s.party]
    if not spans or spans[0].start > 12:
        return []
    chain = [spans[0]]
    for span in spans[1:]:
        if not _CHAINED.fullmatch(view.text[chain[-1].end : span.start]):
            break
        chain.append(span)
    holders = [Holder(s.party, s.person) for s in chain if s.party]
    return holders if len({h.party for h in holders}) > 1 else []


def signatories(view: SentenceView, start: int, end: int, sides: tuple[str, ...]) -> list[Holder]:
    """Every side named in a long signing subject or agent, titles and asides between
    ("A's envoy X, adviser to Y, and B's commander Z signed ..."; "signed by the head of
    A's delegation, X, and B's chief, Z"): at least two sides of the talks, and no one
    outside them (a guest "in the presence of" a leader does not sign)."""
    text = view.text
    if " and " not in text[start:end] or _SAID.search(text, start, end):
        return []
    named = [
        s.party
        for s in view.spans
        if s.party
        and start <= s.start
        and s.end <= end
        and not _OUTSIDE.search(text, start, s.start)
    ]
    parties = list(dict.fromkeys(p for p in named if p))
    if len(parties) < 2 or any(p not in sides for p in parties):
        return []
    return [Holder(p) for p in parties]


_SIGNED = re.compile(r"(?:signed|inked|endorsed)$")
_AGENTS_END = re.compile(r"[.;]|,\s*(?:followed|with|in the presence|before|after|while|as|who)\b")


def signing_agents(
    view: SentenceView, pos: int, sides: tuple[str, ...]
) -> tuple[list[Holder], int]:
    """``agents_after``, and for a signing in the passive the sides of a long agent
    ("signed by the head of A's delegation, X, and B's second commander, Z")."""
    agents, end = agents_after(view, pos)
    by = re.match(r"\s+by\s+", view.text[pos:]) if len(agents) < 2 else None
    if by is None or not _SIGNED.search(view.text, 0, pos):
        return agents, end
    at = pos + by.end()
    stop = _AGENTS_END.search(view.text, at)
    until = stop.start() if stop else len(view.text)
    found = signatories(view, at, until, sides)
    return (found, until) if found else (agents, end)
