"""Parties' positions: which side demands, rejects, proposes, accepts or wants what.

A position is a stance cue (a verb, a noun or an obligation modal from
``data/stances.yaml``), a holder (see ``holders``) and an object: the words
after the cue, up to the end of the clause, classified into the issue
taxonomy. Ordinary reporting is not a position: an object must name an issue,
or a specific negotiation document for a side to reject, accept or propose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.holders import (
    Holder,
    SentenceView,
    Span,
    agents_after,
    clause_start,
    holder_before_noun,
    left_holder,
    speaker,
    speakers,
)
from sitegen.extract.issues import Taxonomy, load_taxonomy, mask
from sitegen.extract.stance_words import Lexicon, lexicon
from sitegen.models import Article, PartyRef, PersonRef, PositionRef, Stance

_CLAUSE_END = re.compile(
    r";|\s[—–]\s|,\s(?:while|but|whereas|although|though|which|who|where|according)\b"
    r"|,\s(?:saying|adding|arguing|calling|describing|citing|noting|warning|insisting)\b"
    r"|\s(?:while|but|whereas)\s|,\s*(?=(?:[A-Z][\w'-]*\s+){0,6}(?:said|says|told|added)\b)"
)
_AND_BEFORE = re.compile(r"(?:,\s*)?\b(?:and|but)\s+(?:[a-z]+\s+){0,2}$")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")
_MAX_OBJECT_WORDS = 30
_ANAPHORA_WINDOW = 3
_PROMINENT_MENTIONS = 3
"""An article naming a party this often treats it as a side even when no cue says so."""


@dataclass(frozen=True, slots=True)
class _Cue:
    stance: Stance
    kind: str
    """verb, noun or modal."""
    start: int
    end: int
    also_verb: bool = False
    """A noun form that is also a verb form ("demands", "offers")."""


def _find_cues(text: str, lex: Lexicon) -> list[_Cue]:
    verbs = {
        (m.start(), m.end()): stance
        for pattern, stance in lex.verbs
        for m in pattern.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] != "-"
    }
    cues: list[_Cue] = []
    noun_at: set[int] = set()
    for pattern, stance in lex.nouns:
        for m in pattern.finditer(text):
            also = any(s == m.start() for s, _ in verbs)
            cues.append(_Cue(stance, "noun", m.start(), m.end(), also))
            noun_at.add(m.start())
    cues += [_Cue(st, "verb", s, e) for (s, e), st in verbs.items()]
    cues += [_Cue("demands", "modal", m.start(), m.end()) for m in lex.modal.finditer(text)]
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


def _object(text: str, start: int, stop: int | None = None) -> tuple[str, int]:
    """The words from ``start`` to the end of the clause (or ``stop``), and where they end."""
    end = len(text) if stop is None else stop
    m = _CLAUSE_END.search(text, start, end)
    if m:
        end = m.start()
    words = text[start:end].split()
    obj = " ".join(words[:_MAX_OBJECT_WORDS]).strip(" ,.'")
    return obj, end


def _next_coordinated(text: str, cues: list[_Cue], after: int) -> int | None:
    """Where a later verb joined by "and" starts (it ends the current object)."""
    for c in cues:
        if c.kind == "verb" and c.start > after and _AND_BEFORE.search(text[after : c.start]):
            m = _AND_BEFORE.search(text[after : c.start])
            return after + m.start() if m else None
    return None


_RELATIVE = re.compile(r",\s*(?:which|that|a|an|one|something)\b[^,]*$")


def _relative(view: SentenceView, cue: _Cue) -> bool:
    """Whether a verb opens its own aside ("..., a demand X rejected"; "..., which X refused")."""
    m = _RELATIVE.search(view.text[: cue.start])
    if m is None:
        return False
    return any(s.start >= m.start() and s.end <= cue.start for s in view.spans)


def _negated(gap: str, lex: Lexicon) -> bool:
    return bool(lex.negator.search(gap)) or "n't" in gap


def _is_specific(obj: str, lex: Lexicon) -> bool:
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


@dataclass(slots=True)
class _Found:
    holders: list[Holder]
    stance: Stance
    obj: str
    end: int


class _Finder:
    """Finds the positions of one article, sentence by sentence."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.tax = taxonomy
        self.lex = lexicon()
        self.recent: list[tuple[int, str]] = []

    def _issue(self, obj: str, index: int) -> str | None:
        issue = self.tax.classify(obj)
        if issue is None and self.lex.anaphoric.match(obj):
            back = [i for s, i in self.recent if index - s <= _ANAPHORA_WINDOW]
            issue = back[-1] if back else None
        return issue

    def _keep(
        self, stance: Stance, obj: str, issue: str | None, verb: str | None, holder: Holder
    ) -> bool:
        """An issue, a specific document, or, for a demand or rejection verb (or a side
        named as the subject of "wants", or a want of a negotiation object), any object
        that is not just declining to comment."""
        if issue:
            return True
        if stance in ("rejects", "accepts", "proposes") and _is_specific(obj, self.lex):
            return True
        if stance == "rejects" and self.lex.negotiation.match(re.sub(r"^(?:an?|any)\s+", "", obj)):
            return True  # "would not accept a deal that ..."
        if verb is None or not obj or self.lex.non_position.match(obj):
            return False
        if stance in ("demands", "rejects", "proposes"):
            return self.lex.open_verbs.match(verb) is not None
        if stance != "wants":
            return False
        if holder.person is None and re.match(r"wants?\b", verb, re.IGNORECASE):
            return True
        return self.lex.negotiation.search(" ".join(obj.split()[:8])) is not None

    def _noun(self, view: SentenceView, cue: _Cue) -> _Found | None:
        word = view.text[cue.start : cue.end].lower()
        agents, agent_end = agents_after(view, cue.end)
        if agents:
            obj, end = _object(view.text, agent_end)
            if self.tax.classify(obj) is None:
                obj = " ".join(view.text[clause_start(view.text, cue.start) : cue.start].split())
            return _Found(agents, cue.stance, obj, end)
        needs_agent = word in self.lex.needs_agent or cue.also_verb
        holder = holder_before_noun(view, cue.start, needs_agent)
        if holder is None:
            return None
        obj, end = _object(view.text, cue.end)
        return _Found([holder], cue.stance, obj, end)

    def _modal(self, view: SentenceView, cue: _Cue) -> _Found | None:
        text = view.text
        holder = speaker(view, cue.start)
        if holder is None:
            pos = self.lex.position_nouns.search(text, 0, cue.start)
            holder = holder_before_noun(view, pos.start(), True) if pos else None
        if holder is None:
            return None
        start = clause_start(text, cue.start)
        opener = [
            m.end() for m in re.finditer(r"\bthat\b|\b(?:said|says|say)\b", text[: cue.start])
        ]
        subject_from = max([start, *opener])
        subject = [s for s in view.spans if s.start >= subject_from and s.end <= cue.start]
        sides = {s.party for s in subject if s.party}
        if sides and holder.party not in sides:
            stance: Stance = "demands"
        elif not subject and not re.search(r"\b(?:it|we|they)\b", text[subject_from : cue.start]):
            stance = "proposes"
        else:
            return None
        obj, end = _object(text, subject_from)
        return _Found([holder], stance, obj, end)

    def _stated_by(self, view: SentenceView, pos: int) -> Holder | None:
        """The speaker of "any deal would require ...", when no side stands between."""
        text = view.text
        verbs = [m for m in self.lex.reporting.finditer(text, 0, pos)]
        if not verbs or any(s.start >= verbs[-1].end() and s.end <= pos for s in view.spans):
            return None
        return speaker(view, verbs[-1].start())

    def _verb(
        self, view: SentenceView, cue: _Cue, cues: list[_Cue], last: Holder | None
    ) -> _Found | None:
        text, lex = view.text, self.lex
        before = text[: cue.start]
        agents, agent_end = agents_after(view, cue.end)
        if agents and text[cue.start : cue.end].lower().endswith("ed"):
            np_from = clause_start(text, cue.start)
            obj = " ".join(text[np_from : cue.start].split()[-8:])
            return _Found(agents, cue.stance, obj, agent_end)
        participle = text[cue.start : cue.end].lower().endswith(("ed", "sought"))
        if (participle and _BE_BEFORE.search(before)) or re.search(r"\bto\s+$", before):
            return None
        joined = _AND_BEFORE.search(before)
        # "... and mediators sought": a new subject after "and" is no shared one
        coordinated = (
            last is not None
            and joined is not None
            and all(lex.is_aux(w) for w in re.sub(r"^\W*\w+", "", joined.group(0)).split())
        )
        holder = last if coordinated else left_holder(view, cue.start)
        if holder is None and cue.stance == "demands":
            holder = self._stated_by(view, cue.start)
        if holder is None:
            return None
        gap_start = max(clause_start(text, cue.start), cue.start - 40)
        stance = cue.stance
        if _negated(text[gap_start : cue.end], lex):
            if stance != "accepts":
                return None
            stance = "rejects"
        stop = _next_coordinated(text, cues, cue.end)
        obj, end = _object(text, cue.end, stop)
        if not obj:
            # "..., a demand X has rejected": the thing is named before the verb
            commas = [m.start() for m in re.finditer(",", text[: cue.start])]
            obj = " ".join(text[commas[-2] + 1 if len(commas) > 1 else 0 : cue.start].split())
        if stance == "wants" and (
            re.match(r"(?:[\w'-]+\s+){1,4}to\s+\w", obj) or lex.condition.search(text)
        ):
            stance = "demands"
        return _Found([holder], stance, obj, end)

    def sentence(self, view: SentenceView) -> tuple[list[PositionRef], Holder | None]:
        """The positions in one sentence, and the side it is about (for the next one)."""
        cues = _find_cues(view.text, self.lex)
        found: list[PositionRef] = []
        last: Holder | None = None
        subject: Holder | None = None
        consumed = -1
        for cue in cues:
            result: _Found | None = None
            if cue.kind == "noun":
                result = self._noun(view, cue)
                if result is None and cue.also_verb:
                    cue = _Cue(cue.stance, "verb", cue.start, cue.end)
            if cue.kind == "modal" and cue.start > consumed:
                result = self._modal(view, cue)
            elif cue.kind == "verb":
                coordinated = _AND_BEFORE.search(view.text[: cue.start]) is not None
                passive = bool(agents_after(view, cue.end)[0])
                if cue.start < consumed and not (coordinated or passive or _relative(view, cue)):
                    continue
                result = self._verb(view, cue, cues, last)
            if result is None:
                continue
            if cue.kind != "noun":
                consumed = max(consumed, result.end)
                last = result.holders[0]
            subject = subject or result.holders[0]
            issue = self._issue(result.obj, view.index)
            verb = view.text[cue.start : cue.end + 8] if cue.kind == "verb" else None
            if not self._keep(result.stance, result.obj, issue, verb, result.holders[0]):
                continue
            person = self._person(view, result.holders[0], cue.start)
            for h in result.holders:
                found.append(
                    PositionRef(
                        party=h.party,
                        stance=result.stance,
                        sentence=view.index,
                        object=result.obj,
                        person=h.person or (person if h == result.holders[0] else None),
                        issue=issue,
                    )
                )
            if issue:
                self.recent.append((view.index, issue))
        return found, subject

    def _person(self, view: SentenceView, holder: Holder, near: int) -> str | None:
        """The named person stating a party's position, when the sentence names one."""
        if holder.person:
            return holder.person
        said = [h for h in speakers(view, near) if h.person and h.party == holder.party]
        return said[0].person if said else None


def _spans(people: list[PersonRef], parties: list[PartyRef]) -> dict[int, list[Span]]:
    by_sentence: dict[int, list[Span]] = {}
    for party in parties:
        for m in party.mentions:
            by_sentence.setdefault(m.sentence, []).append(Span(m.start, m.end, party.id))
    for person in people:
        for m in person.mentions:
            span = Span(m.start, m.end, person.side, person.key)
            by_sentence.setdefault(m.sentence, []).append(span)
    return {k: sorted(v, key=lambda s: (s.start, s.end)) for k, v in by_sentence.items()}


def _first_subject(view: SentenceView) -> Holder | None:
    """The side a sentence opens with, when it is the subject."""
    for span in view.spans:
        if span.start > 40 or re.search(
            r"\b(?:of|to|from|with|on|in|by|for)\s+$", view.text[: span.start]
        ):
            break
        if span.party:
            return Holder(span.party, span.person)
    return None


def find_positions(
    article: Article,
    people: list[PersonRef],
    parties: list[PartyRef],
    taxonomy: Taxonomy | None = None,
) -> list[PositionRef]:
    """Find sentences where a party demands, rejects, proposes, accepts or wants something."""
    finder = _Finder(taxonomy or load_taxonomy())
    # once the article shows who negotiates, bystanders' stances are not the talks'
    # positions; a side the story keeps coming back to is no bystander, though
    if any(p.role == "negotiating-party" for p in parties):
        parties = [
            p for p in parties if p.role != "other" or len(p.mentions) >= _PROMINENT_MENTIONS
        ]
    spans = _spans(people, parties)
    found: list[PositionRef] = []
    seen: set[tuple[str, str, int]] = set()
    prev: Holder | None = None
    for sentence in article.sentences:
        view = SentenceView(
            sentence.index, mask(sentence.text), spans.get(sentence.index, []), prev
        )
        positions, subject = finder.sentence(view)
        for p in positions:
            if (p.party, p.stance, p.sentence) not in seen:
                seen.add((p.party, p.stance, p.sentence))
                found.append(p)
        prev = subject or _first_subject(view)
    return found
