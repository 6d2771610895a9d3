"""Who holds a stance: the side named as subject, possessive, agent or speaker.

News names the holder of a stance in a few fixed ways: as the subject left
of the verb ("Kiev, which ..., has rejected"), as a possessive or demonym
before a noun ("Moscow's demands", "US proposals"), as the agent after it
("pushback from Russia"), through a pronoun ("it", "its") or as the speaker
of what must happen ("..., Kremlin spokesman X said"). Every finder here
returns None rather than guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.extract.literals import guarded
from sitegen.extract.stance_words import Lexicon, lexicon

_CLAUSE = re.compile(
    r";|:\s|\s[—–]\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b|\bmeanwhile\b"
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_TALKS_SUBJECT = re.compile(
    r"\s*(?:the|this|these)\s+(?:[\w-]+\s+)?(?:talks|negotiations|initiative|process|"
    r"meeting|dialogue|mediation|discussions)\s*,[^,]+,\s*(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""The talks as the subject, an aside naming sides between it and the verb."""
_WHEN_DONE = re.compile(r"\bwhen\s+(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)
_PAST_VERB = re.compile(r"[a-z]+ed\b")
"""'when' before a verb in the past tells when something was done, no condition."""
_PRONOUN = re.compile(r"\b(?:it|they|It|They|he|she|He|She)\b|^(?:That|This)\b")
_ASIDE_AGENT = guarded(
    r",\s*(?:(?:[\w-]+\s+)?[\w-]+ed\s+by|with\s+(?:the\s+)?(?:support|backing|help)\s+"
    r"(?:of|from)|along\s+with|alongside|together\s+with)\s+(?:[\w'’-]+\s+){0,3}$"
)
_IN_RELATIVE = re.compile(r"(?:,|\s[-—–])\s*(?:which|who)\b[^,—–]*$")
_ASIDE_SHUT = re.compile(r",|\s[-—–]\s")
_FIRST_PERSON = re.compile(r"\b(?:we|We|I)\b")
ASIDE_OPEN = guarded(
    r",\s*(?:in|at|with|without|under|after|before|during|despite|alongside|accompanied|"
    r"flanked|watched|backed|supported|joined|hosted|brokered|mediated)\b[^,]*$",
    re.IGNORECASE,
)
"""An aside opened by a preposition or participle: the sides in it are no subject
("A and B, in the presence of C, signed")."""
MEDIATORS = re.compile(
    r"\b(?:the\s+)?(?:mediators|mediating\s+(?:countries|states|parties))\b", re.I
)
_WITH_SUPPORT = re.compile(
    r"^\s*(?:with\s+(?:the\s+)?(?:support|backing|help)\s+(?:of|from)|along\s+with|"
    r"together\s+with|alongside)\s+(?:(?:the\s+)?[A-Z][\w'’.-]*\s*(?:,|and|&)?\s*)+"
)
"""Supporters between a side and its verb ("X with support from Y and Z presented")."""
_LIST_HEAD = re.compile(r"(?:\b[A-Z][\w'’.-]*\s+){1,3}(?:and|&|,)\s+$")
"""The earlier items of a list ending before a side ("Egypt and " before "Qatar")."""
_RELATIVE_OPEN = guarded(r",\s*(?:which|who)\b[^,]*$")
_CLAUSE_GAP = re.compile(
    r"\b(?:I|we|you|he|she|it|they|that|would|will|could|should|must|can|is|are|was|were|"
    r"has|have|had|not)\b",
    re.IGNORECASE,
)
"""Words that make what follows a reporting verb a clause ("said we would oppose a
Calderian state"): a side named in it is inside what was said, not the speaker after
an inverted verb ("said Belmar's envoy")."""
_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_SUBORDINATE = guarded(r"\b(?:until|unless|if|once)\s+(?:the\s+)?$", re.IGNORECASE)


SUPPORTERS = guarded(
    r"\b(?:(?:backed|supported|joined|accompanied|flanked|aided|assisted)\s+by|"
    r"with\s+(?:the\s+)?(?:support|backing|help)\s+(?:of|from)|along\s+with|alongside|"
    r"together\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words that make the sides after them an aside, not the subject."""


@dataclass(frozen=True, slots=True)
class Span:
    """A naming of a side in one sentence: a party, or a person with their side."""

    start: int
    end: int
    party: str | None
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Holder:
    """The side holding a stance, and the person stating it when named."""

    party: str
    person: str | None = None


@dataclass(slots=True)
class SentenceView:
    """One sentence as the position finder sees it."""

    index: int
    text: str
    """The sentence with quotation marks blanked out (offsets unchanged)."""
    spans: list[Span]
    prev_subject: Holder | None = None
    """The side the previous sentence was about, for "It ..." and "That ..."."""
    quoted: Holder | None = None
    """The side of the speaker of a quotation in this sentence, as the quote finder
    attributed it: who says what a quoted "must" or "will not" states."""
    said: dict[bool, list[tuple[int, Holder]]] = field(default_factory=dict, compare=False)
    """``speakers``' reading of the sentence, by ``first_person``: each reporting verb's
    start and subject (asked for every cue, the same each time)."""


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins."""
    ends = _clause_ends(text)
    return ends[bisect_right(ends, pos) - 1]


@lru_cache(maxsize=256)
def _clause_ends(text: str) -> tuple[int, ...]:
    """Where each clause of a sentence begins (0 first), found once per sentence: every
    cue asks, and a scan per cue made long sentences quadratic."""
    return (0, *(m.end() for m in _CLAUSE.finditer(text)))


def _holder(span: Span) -> Holder | None:
    return Holder(span.party, span.person) if span.party else None


_PLACE_AFTER = re.compile(
    r"^\s*in\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:country|region|[A-Z][\w-]*)(?=\s)"
)


def gap_ok(gap: str, lex: Lexicon) -> bool:
    """Whether only auxiliaries, body nouns, times or asides stand in ``gap``."""
    return _lexicon_gap_ok(gap) if lex is lexicon() else _gap_ok(gap, lex)


@lru_cache(maxsize=4096)
def _lexicon_gap_ok(gap: str) -> bool:
    """``gap_ok`` with the stance lexicon, remembered: every verb asks it of the gaps
    after each side before it, and the same few gaps (" ", " has ") recur."""
    return _gap_ok(gap, lexicon())


def _gap_ok(gap: str, lex: Lexicon) -> bool:
    g = lex.time.sub(" ", gap)
    g = _PLACE_AFTER.sub(" ", g)  # "the warring parties in the north agreed"
    g = re.sub(r"^\s*'s?\b", " ", g)
    g = re.sub(r",[^,]*,", " ", g)
    g = re.sub(r"\([^)]*\)", " ", g)
    if re.search(r"[.?!]", g):
        return False
    return all(lex.is_aux(w) or lex.is_body(w) for w in _WORD.findall(g))


def governed(before: str, lex: Lexicon) -> bool:
    """Whether a side after ``before`` is a preposition's object, not a subject
    ("the leaders of A and B agreed" is A's and B's: "of" after a body noun is no bar)."""
    words = [w for w in _WORD.findall(before) if w.lower() not in ("the", "a", "an")][-2:]
    if len(words) == 2 and words[1].lower() == "of" and lex.is_body(words[0]):
        return False
    return _blocked(before, lex)


def _blocked(before: str, lex: Lexicon) -> bool:
    words = [w for w in _WORD.findall(before) if w.lower() not in ("the", "a", "an")]
    return bool(words) and words[-1].lower() in lex.blocking


def resolve_pronoun(view: SentenceView, pos: int, word: str) -> Holder | None:
    """The side a pronoun at ``pos`` stands for: the last free side before it, else the last
    sentence's subject."""
    lex = lexicon()
    if word in ("That", "This") or pos == 0:
        return view.prev_subject
    if word.lower() in ("his", "her", "he", "she"):
        people = [s for s in view.spans if s.end <= pos and s.person]
        if not people:
            prev = view.prev_subject
            if view.quoted is not None and _in_opening_quote(view, pos):
                return None  # a speaker says "I": "he" in their quote is someone else
            return prev if prev and prev.person else None
        sides = {s.party for s in people}
        return _holder(people[-1]) if len(sides) == 1 else None
    if word in ("we", "We", "I", "our", "Our", "my", "My"):
        said = speakers(view, pos, first_person=False)
        return said[0] if said else None
    start = clause_start(view.text, pos)
    for span in sorted(view.spans, key=lambda s: s.end, reverse=True):
        free = span.start >= start or not _blocked(view.text[: span.start], lex)
        if _SUBORDINATE.search(view.text[: span.start]) and span.end <= pos:
            continue  # "X will fight on until Y agrees to its demands": "its" is X's
        if _IN_RELATIVE.search(view.text, 0, span.start) and _ASIDE_SHUT.search(
            view.text, span.end, pos
        ):
            continue  # "A - which backs B - signalled its support": the aside's B is no antecedent
        if _VENUE.search(view.text[max(0, span.start - 9) : span.start]):
            continue  # "the meeting in Port Elin ... since they agreed": a place, no agent
        if span.end <= pos and span.party and free:
            return _holder(span)
    return view.prev_subject


def left_holder(view: SentenceView, pos: int, first_person: bool = True) -> Holder | None:
    """The subject of a verb at ``pos``: the nearest side to its left in the same clause.

    ``first_person`` lets "we" and "I" stand for the sentence's speaker.
    """
    lex = lexicon()
    text = view.text
    start = clause_start(text, pos)
    if _TALKS_SUBJECT.match(text, start, pos):
        return None  # "The talks, mediated by X at Y's request, aim to ...": the talks' aim
    cands: list[tuple[int, int, Span | None, str]] = [
        (s.start, s.end, s, "") for s in view.spans if s.start >= start and s.end <= pos
    ]
    for m in _PRONOUN.finditer(text, start, pos):
        if m.group(0) in ("That", "This") and m.start() != 0:
            continue
        cands.append((m.start(), m.end(), None, m.group(0)))
    if first_person:
        cands += [
            (m.start(), m.end(), None, m.group(0)) for m in _FIRST_PERSON.finditer(text, start, pos)
        ]
    for c_start, c_end, span, word in sorted(cands, key=lambda c: c[1], reverse=True):
        if _RELATIVE_OPEN.search(text, 0, c_start) and "," in text[c_end:pos]:
            continue  # "A, which wants B to go, refused": B is inside A's relative clause
        before = text[start:c_start]
        if SUPPORTERS.search(_LIST_HEAD.sub("", before)):
            continue  # "The US with support from Egypt and Qatar presented": the US
        if not gap_ok(_WITH_SUPPORT.sub(" ", text[c_end:pos]), lex):
            return None
        if _ASIDE_AGENT.search(before):
            continue  # "Serbia, backed by its ally Russia, does not": the ally is an aside
        if lex.influence.search(before):
            return None
        if any(w.lower() in lex.hypothetical for w in _WORD.findall(before)[-3:]) and not (
            _WHEN_DONE.search(before) and _PAST_VERB.match(text, pos)
        ):
            return None  # "if X agrees": no stance yet; "when X signed": an act told
        if _blocked(before, lex):
            continue
        if span is None:
            return resolve_pronoun(view, c_start, word)
        return _holder(span)
    return None


def agents_after(view: SentenceView, pos: int, places: bool = False) -> tuple[list[Holder], int]:
    """Sides named after "by" or "from" at ``pos`` ("proposed by X and Y"), and where they
    end; ``places``: also after "in" ("criticism in Kyiv": the capital stands for its side)."""
    text = view.text
    m = re.match(r"\s+(?:from|by|in)\s+" if places else r"\s+(?:from|by)\s+", text[pos:])
    if not m:
        return [], pos
    at, found, end = pos + m.end(), [], pos
    closed = False
    while True:
        span = next(
            (
                s
                for s in view.spans
                if s.start >= at and text[at : s.start].strip().lower() in ("", "the")
            ),
            None,
        )
        holder = _holder(span) if span else None
        if span is None or holder is None:
            break
        found.append(holder)
        end = span.end
        more = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", text[span.end :])
        if not more or closed:
            break
        closed = "and" in more.group(0)
        at = span.end + more.end()
    return found, end


_COORDINATED = re.compile(r"\s(?:and|or)\s")


def holder_before_noun(view: SentenceView, pos: int, needs_agent: bool) -> Holder | None:
    """The possessive or demonym owning a noun at ``pos`` ("Moscow's", "its", "US")."""
    lex = lexicon()
    text = view.text
    before = text[:pos]
    pron = re.search(r"\b(its|their|his|her|our)\s+((?:[a-z][\w-]*\s+){0,2})$", before, re.I)
    if pron:
        if _abandoned(text[: pron.start()], lex):
            return None
        return resolve_pronoun(view, pron.start(), pron.group(1))
    spans = [s for s in view.spans if s.end <= pos]
    if not spans:
        return None
    span = max(spans, key=lambda s: s.end)
    if span.start and text[span.start - 1] == "-":
        return None  # "the Franco-German proposal": two authors, not the last one named
    gap = text[span.end : pos]
    if _abandoned(text[: span.start], lex):
        return None
    if re.fullmatch(r"'s?\s+(?:[a-z][\w-]*\s+){0,2}", gap) and not _COORDINATED.search(gap):
        return _holder(span)  # not "X's government and opposition": the owner of another noun
    if needs_agent:
        return None
    between = _WORD.findall(gap)
    if re.fullmatch(r"\s+(?:[\w-]+\s+)*", gap) and all(
        w.lower() in lex.noun_modifiers for w in between
    ):
        return _holder(span)
    return None


def _abandoned(before: str, lex: Lexicon) -> bool:
    """Whether the words before a demand say it was dropped (and not "not dropped")."""
    words = [w.lower() for w in _WORD.findall(before)[-4:]]
    hit = [i for i, w in enumerate(words) if w in lex.abandon]
    if not hit:
        return False
    return not any(lex.negator.fullmatch(w) or w.endswith("n't") for w in words[: hit[0]])


def speaker(view: SentenceView, near: int) -> Holder | None:
    """The side speaking in the sentence: subject of a reporting verb, nearest to ``near``,
    else the attributed speaker of a quotation in it."""
    found = speakers(view, near, first_person=False)
    return found[0] if found else view.quoted


def _in_opening_quote(view: SentenceView, pos: int) -> bool:
    """Whether ``pos`` lies in a quotation that opens the sentence, before its reporting verb
    (the marks are blanked, so the masked sentence starts with white space)."""
    if not view.text[:1].isspace():
        return False
    said = list(lexicon().reporting.finditer(view.text))
    return not said or pos < said[-1].start()


def clause_subject(view: SentenceView, start: int) -> Holder | None:
    """The side opening a clause as its subject ("Baku calls it X and wants Y"), for a
    verb coordinated by "and" with one that is no stance cue."""
    for span in view.spans:
        if span.start < start:
            continue
        opening = view.text[start : span.start]
        if re.fullmatch(r"\s*(?:(?:the|The)\s+)?(?:[A-Z][\w-]*\s+){0,3}", opening):
            return _holder(span)
        return None
    return None


def absolute_subject(view: SentenceView, pos: int) -> Holder | None:
    """The side before an -ing verb in "with X refusing ...", "with the group insisting ...":
    the subject of an absolute phrase, which a preposition would otherwise hide."""
    lex = lexicon()
    for span in sorted(view.spans, key=lambda s: s.end, reverse=True):
        if span.end > pos:
            continue
        if not span.party or not gap_ok(view.text[span.end : pos], lex):
            return None
        before = view.text[: span.start]
        if re.search(r"\bwith\s+(?:the\s+)?$", before, re.IGNORECASE):
            return _holder(span)
        return None
    return None


def speakers(view: SentenceView, near: int, first_person: bool = True) -> list[Holder]:
    """Every subject of a reporting verb in the sentence, nearest to ``near`` first."""
    said = view.said.get(first_person)
    if said is None:
        said = view.said[first_person] = _said(view, first_person)
    return [h for _, h in sorted(((abs(at - near), h) for at, h in said), key=lambda f: f[0])]


def _said(view: SentenceView, first_person: bool) -> list[tuple[int, Holder]]:
    """Where each reporting verb of the sentence starts, with its subject."""
    lex = lexicon()
    text = view.text
    found: list[tuple[int, Holder]] = []
    for m in lex.reporting.finditer(text):
        holder = left_holder(view, m.start(), first_person)
        if holder is None and re.search(r"\band\s+$", text[: m.start()]):
            holder = clause_subject(view, clause_start(text, m.start()))
        if holder is None:
            after = [s for s in view.spans if s.start >= m.end()]
            nxt = min(after, key=lambda s: s.start) if after else None
            gap = text[m.end() : nxt.start] if nxt else ""
            # "said Belmar's envoy", not "said we would oppose a Calderian state"
            if nxt and re.fullmatch(r"\s+(?:[A-Za-z.'-]+\s+){0,5}", gap):
                holder = None if _CLAUSE_GAP.search(gap) else _holder(nxt)
        if holder:
            found.append((m.start(), holder))
    return found
