"""The stance finder: one sentence's cues kept as positions, with their holders.

``positions`` runs it over an article (twice when bystanders may propose); here is
what one sentence yields, so that the article-level reading stays short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract import stance_context as ctx
from sitegen.extract.group_holders import group_subject, signing_agents
from sitegen.extract.holders import (
    Holder,
    SentenceView,
    absolute_subject,
    agents_after,
    clause_start,
    clause_subject,
    holder_before_noun,
    left_holder,
    speaker,
    speakers,
)
from sitegen.extract.issues import TRADED, Taxonomy, open_label, vague
from sitegen.extract.not_stances import (
    AGREED_PASSIVE,
    ASKED,
    BY_THE_SIDES,
    CONTENT_OF,
    FACT_CLAUSE,
    MODAL_BE,
    NOUN_PREDICATE,
    PREDICATE,
    PROCESS_ONLY,
    READY,
    TALKS_ONLY,
    TOLD,
    greets,
)
from sitegen.extract.stance_cues import (
    AND_BEFORE,
    Cue,
    clause_object,
    is_relative,
    negated,
    next_coordinated,
)
from sitegen.extract.stance_words import lexicon
from sitegen.models import PositionRef, Stance

_LOOK_BACK = 400
"""How far before a cue its end-anchored checks look (a scan of the whole sentence
per cue made long sentences quadratic)."""
_ANAPHORA_WINDOW = 3


@dataclass(slots=True)
class _Found:
    holders: list[Holder]
    stance: Stance
    obj: str
    end: int


def _side_named_at(view: SentenceView, pos: int) -> bool:
    """Whether a side of the talks is named right after ``pos`` ("asked [the] Belmar")."""
    rest = view.text[pos:]
    at = pos + len(rest) - len(rest.lstrip())
    at += 4 if view.text.startswith("the ", at) else 0
    return any(s.start == at and s.party for s in view.spans)


class Finder:
    """Finds the positions of one article, sentence by sentence."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        sides: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.tax = taxonomy
        self.names = names
        self.lex = lexicon()
        self.recent: list[tuple[int, str]] = []
        self.sides, self.at_table = sides
        self.mediators: tuple[str, ...] = ()
        """The article's mediators: who "the mediators" are."""
        """The article's negotiating parties: who "both sides" are."""
        self.group: list[Holder] = []
        """The last plural subject ("the two sides"), for a "they" after it."""

    def issue(self, obj: str, index: int) -> str | None:
        traded = TRADED.sub(" ", obj) if " for " in obj else obj
        issue = (traded != obj and self.tax.classify(traded)) or self.tax.classify(obj)
        phrase = obj.split(",")[0]  # "the project, viewing it as ...": the phrase before the comma
        if issue is None and self.lex.anaphoric.match(obj) and len(phrase.split()) <= 4:
            back = [i for s, i in self.recent if index - s <= _ANAPHORA_WINDOW]
            issue = back[-1] if back else None
        if issue is None:  # an issue the taxonomy does not know, in the text's own words
            label = open_label(obj, vague(), self.names)
            issue = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") if label else None
        return issue

    def _keep(self, obj: str, stance: Stance) -> bool:
        """Any stated object is a position, whether or not the taxonomy knows its issue,
        unless it is only declining to comment; refusing to attend the talks is one
        (logistics a party rejects are on the table)."""
        if not obj:
            return False
        attend = stance == "rejects" and (  # refusing to take part is a stance
            obj.startswith(("to take part", "to participate", "to meet"))
            or self.tax.classify(obj) == "participation"
        )
        if self.lex.non_position.match(obj) and not attend:
            return False
        if stance in ("proposes", "wants") and self.lex.wish.match(obj):
            return False
        if stance != "rejects" and TALKS_ONLY.match(obj):
            return False
        return re.search(r"\b[a-z]{3,}\b", obj) is not None  # not a bare name: "The US,"

    def _aimed(self, view: SentenceView, holder: Holder, at: int) -> bool:
        """Whether what follows ``at`` names another side or a known issue."""
        obj, end = clause_object(view.text, at)
        other = any(s.party and s.party != holder.party for s in view.spans if at <= s.start < end)
        return other or self.tax.classify(obj) is not None

    def _noun(self, view: SentenceView, cue: Cue) -> _Found | None:
        word = view.text[cue.start : cue.end].lower()
        if word == "opposition" and not ctx.OPPOSED_TO.match(view.text, cue.end):
            return None  # "Venezuela's opposition and government": the party, no stance
        if cue.stance == "accepts" and ctx.PENDING.search(view.text, 0, cue.start):
            return None  # "the deal requires approval by X": X has not said yes
        agents, agent_end = agents_after(view, cue.end, word in self.lex.needs_agent)
        if agents:
            obj, end = clause_object(view.text, agent_end)
            if self.tax.classify(obj) is None:
                obj = " ".join(view.text[clause_start(view.text, cue.start) : cue.start].split())
            return _Found(agents, cue.stance, obj, end)
        # a noun-verb needs an agent, unless "an Astorian demand" (a noun, owned by a party)
        needs_agent = word in self.lex.needs_agent or (
            cue.also_verb and not ctx.DETERMINED.search(view.text, 0, cue.start)
        )
        holder = holder_before_noun(view, cue.start, needs_agent)
        if holder is None:
            return None
        if cue.stance == "proposes" and PREDICATE.search(
            view.text, max(0, cue.start - 60), cue.start
        ):
            return None  # "the draft was a Russian proposal": who wrote it, a claim of fact
        obj, end = clause_object(view.text, cue.end)
        said = NOUN_PREDICATE.search(obj) if " " in obj else None
        if said:  # "X's refusal to sign remains a sticking point": what is said of it
            obj = obj[: said.start()]
        return _Found([holder], cue.stance, obj, end)

    def _modal(self, view: SentenceView, cue: Cue) -> _Found | None:
        text = view.text
        holder = speaker(view, cue.start)
        if holder is None:
            pos = self.lex.position_nouns.search(text, 0, cue.start)
            holder = holder_before_noun(view, pos.start(), True) if pos else None
        if holder is None:
            return None
        if ctx.EMBEDDED.search(text, 0, cue.start) or ASKED.search(
            text, max(0, cue.start - _LOOK_BACK), cue.start
        ):
            return None  # "to define what X should want", "asked if X should": a question
        if ctx.WARNED_WILL.search(text, 0, cue.end) or TOLD.search(
            text, max(0, cue.start - _LOOK_BACK), cue.start
        ):
            return None  # "warned that X will have to", "has been told X should be": a forecast
        if "agree" in text[: cue.start] and ctx.AGREED_THAT.search(text, 0, cue.start):
            return None  # "the sides agreed that X should end": an agreement's content
        start = clause_start(text, cue.start)
        opener = [m.end() for m in re.finditer(r"\bthat\b", text[: cue.start])]
        opener += [m.end() for m in self.lex.reporting.finditer(text, 0, cue.start)]
        subject_from = max([start, *opener])
        subject = [s for s in view.spans if s.start >= subject_from and s.end <= cue.start]
        sides = {s.party for s in subject if s.party}
        if sides and holder.party not in sides:
            stance: Stance = "demands"
        elif not subject and not re.search(
            r"\b(?:it|we|they|he|she|I|you)\b", text[subject_from : cue.start], re.IGNORECASE
        ):  # "he should be worried": said of a person, no proposal
            stance = "proposes"
        else:
            return None
        obj, end = clause_object(text, subject_from)
        return _Found([holder], stance, obj, end)

    def _stated_by(self, view: SentenceView, pos: int) -> Holder | None:
        """The speaker of "any deal would require ...", when no side stands between."""
        text = view.text
        verbs = [m for m in self.lex.reporting.finditer(text, 0, pos)]
        if not verbs or any(s.start >= verbs[-1].end() and s.end <= pos for s in view.spans):
            return None
        return speaker(view, verbs[-1].start())

    def _verb(
        self, view: SentenceView, cue: Cue, cues: list[Cue], last: Holder | None
    ) -> _Found | None:
        text, lex = view.text, self.lex
        if text[cue.start].isupper() and ctx.NAME_END.search(
            text, max(0, cue.start - 30), cue.start
        ):
            return None  # "the United Nations Support Mission": a word of a name, no verb
        before = text[max(0, cue.start - _LOOK_BACK) : cue.start]  # end-anchored checks only
        if text.startswith("ask", cue.start) and not _side_named_at(view, cue.end):
            return None  # "asked SpaceX to help": asking a firm, no side of the talks
        agents, agent_end = signing_agents(view, cue.end, self.sides)
        if agents and ctx.PARTICIPLE.search(text[cue.start : cue.end].lower()):
            if text[cue.start : cue.end].lower().startswith("welcom"):
                return None  # "X was welcomed by officials": a greeting, not a stance
            if ctx.PERSON_BACKED.search(before):
                return None  # "X, who is backed by A and B": backing a person, no matter
            if MODAL_BE.search(before):
                return None  # "would have to be agreed by X": not yet X's stance
            np_from = clause_start(text, cue.start)
            obj = " ".join(text[np_from : cue.start].split()[-8:])
            if PROCESS_ONLY.match(obj):
                return None  # "the talks are backed by X": backing the process, no matter
            return _Found(agents, cue.stance, obj, agent_end)
        participle = text[cue.start : cue.end].lower().endswith(("ed", "sought"))
        by_all = BY_THE_SIDES.match(text, cue.end)
        if by_all and cue.stance == "accepts" and len(self.at_table) > 1:  # "by the parties"
            stance: Stance = (
                "rejects"
                if negated(text[clause_start(text, cue.start) : cue.end], lex)
                else "accepts"
            )
            obj = " ".join(text[clause_start(text, cue.start) : cue.start].split()[-8:])
            return _Found([Holder(p) for p in self.at_table], stance, obj, by_all.end())
        passive = AGREED_PASSIVE.search(text, max(0, cue.start - 60), cue.end)
        if (
            passive
            and len(self.at_table) > 1
            and not ctx.TIME_CLAUSE.search(text, 0, passive.start())
            and not re.match(r"\s+(?:upon\s+|on\s+)?(?:by|between|with)\b", text[cue.end :])
        ):
            # "a deal was reached on X", "X was agreed": every side's (no object after a comma)
            comma = text.startswith(",", cue.end) and not ctx.LISTED.match(text, cue.end)
            obj, end = clause_object(text, cue.end, cue.end if comma else None)
            return _Found([Holder(p) for p in self.at_table], "accepts", obj, end)
        if (participle and ctx.BE_BEFORE.search(before)) or ctx.TO_BEFORE.search(before):
            return None  # "to reach a deal", "help reach a deal": a wish, no stance
        if ctx.MAY.search(before) or ctx.EMBEDDED_MODAL.search(before):
            return None  # "X may seek Y", "what X should want": no stance stated
        if participle and re.match(r"\s+by\b", text[cue.end :]):
            return None  # "X, backed by an ally no side of the talks, ...": an aside
        joined = AND_BEFORE.search(before)
        # "... and mediators sought": a new subject after "and" is no shared one
        coordinated = (
            last is not None
            and joined is not None
            and all(lex.is_aux(w) for w in re.sub(r"^\W*\w+", "", joined.group(0)).split())
        )
        group = (
            []
            if coordinated
            else group_subject(view, cue.start, self.sides, self.group, self.mediators)
        )
        holder = last if coordinated else (group[0] if group else left_holder(view, cue.start))
        between = re.sub(r"^\W*\w+", "", joined.group(0)).split() if joined else []
        plain = all(lex.is_aux(w) or lex.is_body(w) or w.endswith("ly") for w in between)
        if joined is not None and last is None and holder is None and plain:
            # "Baku calls it X and wants Y"; not "... and saw protesters calling for Y"
            holder = clause_subject(view, clause_start(text, cue.start))
        if holder is None and text[cue.start : cue.end].split()[0].lower().endswith("ing"):
            holder = absolute_subject(view, cue.start)
        if holder is None and cue.stance == "demands":
            holder = self._stated_by(view, cue.start)
        if holder is None and (READY.match(text, cue.start) or ctx.THIS_IS.match(text, cue.start)):
            holder = speaker(view, cue.start)  # "the accord is ready for signing," X said
        if holder is None or CONTENT_OF.search(text, clause_start(text, cue.start), cue.start):
            return None
        word = text[cue.start : cue.end].lower()
        if word.startswith("requir") and not self._aimed(view, holder, cue.end):
            return None  # "requiring users to register": a rule at home, no demand on a side
        if word.startswith("insist") and FACT_CLAUSE.match(text[cue.end :]):
            return None  # "insisted the plan had been written by X": a claim of fact
        if word.startswith("welcom") and greets(view, cue.end):
            return None  # greeting a visitor is no stance
        gap_start = max(clause_start(text, cue.start), cue.start - 40)
        if " after " in text[gap_start : cue.start] or " because " in text[gap_start : cue.start]:
            # "ended with no deal after X refused ...": the "no" is the earlier clause's
            after = ctx.SUBORDINATE.match(text, gap_start, cue.start)
            gap_start = after.end() if after else gap_start
        stance = cue.stance
        if negated(text[gap_start : cue.end], lex):
            if stance != "accepts" or word.startswith("reach") or group and "agree" in word:
                return None  # "could not reach a deal", "A and B could not agree": a failure
            stance = "rejects"
        stop = next_coordinated(text, cues, cue.end)
        if re.search(r",\s*(?:which|who)\b[^,]*$", before) and "," in text[cue.end :]:
            # a stance inside "A, which demands X, ..." ends with the relative clause
            close = text.index(",", cue.end)
            stop = close if stop is None else min(stop, close)
        obj, end = clause_object(text, cue.end, stop)
        if not obj and ctx.DENIED_CHARGE.search(before):
            return None
        if not obj:
            # "..., a demand X has rejected": the thing is named before the verb
            commas = [m.start() for m in re.finditer(",", text[: cue.start])]
            obj = " ".join(text[commas[-2] + 1 if len(commas) > 1 else 0 : cue.start].split())
        if stance == "wants" and (  # "wants X to go" (not "intends to present X to ...")
            ctx.asks_to_act(view, holder.party, word, obj, cue.end, end)
            or lex.condition.search(text)
        ):
            stance = "demands"
        self.group = group or ([] if coordinated else self.group)
        return _Found(group or [holder], stance, obj, end)

    def _refusal(self, view: SentenceView, cue: Cue, last: Holder | None) -> _Found | None:
        """A side saying it will not make a concession ("Israel would not withdraw"),
        unless a speaker of another side says so of it (a claim, not its stance)."""
        text = view.text
        joined = AND_BEFORE.search(text[: cue.start])
        holder = last if last is not None and joined else left_holder(view, cue.start)
        said = [m for m in self.lex.reporting.finditer(text, 0, cue.start)]
        voice = speaker(view, said[-1].start()) if said else None
        if holder is None and joined and said:
            # "X said he had not signed anything and would never recognise ..."
            reported = text[said[-1].end() : cue.start]
            own = re.match(r"\s+(?:that\s+)?(?:he|she|it|they|we)\b", reported)
            others = [s for s in view.spans if said[-1].end() <= s.start < cue.start]
            holder = voice if own and not others else None
        if holder is None:
            return None
        if voice is not None and voice.party != holder.party:
            return None
        obj, end = clause_object(text, cue.object_start)
        return _Found([holder], "rejects", obj, end)

    def sentence(
        self, view: SentenceView, cues: list[Cue]
    ) -> tuple[list[PositionRef], Holder | None]:
        """The positions in one sentence (``cues``: its stance cues), and the side it is
        about (for the next one)."""
        found: list[PositionRef] = []
        last: Holder | None = None
        subject: Holder | None = None
        consumed = -1
        for cue in cues:
            result: _Found | None = None
            if cue.kind == "noun" and cue.start < consumed and not cue.also_verb:
                continue  # "agreed to the Calderian proposal": the object of a stance
            if cue.kind == "noun":
                result = self._noun(view, cue)
                if result is None and cue.also_verb:
                    cue = Cue(cue.stance, "verb", cue.start, cue.end)
            if cue.kind == "modal" and cue.start > consumed:
                result = self._modal(view, cue)
            elif cue.kind == "refusal" and cue.start > consumed:
                result = self._refusal(view, cue, last)
            elif cue.kind == "verb":
                back = view.text[max(0, cue.start - _LOOK_BACK) : cue.start]
                coordinated = AND_BEFORE.search(back) is not None
                passive = bool(agents_after(view, cue.end)[0])
                if cue.start < consumed and not (coordinated or passive or is_relative(view, cue)):
                    continue
                result = self._verb(view, cue, cues, last)
            if result is None:
                continue
            # a refusal, or a "must" aimed at the other side, is a stance whatever its object
            aimed = cue.kind == "modal" and result.stance == "demands"
            # "... until Belmar accepts its terms": a side's demands unnamed (issue null)
            aimed = aimed or (cue.kind == "noun" and result.stance == "demands" and not result.obj)
            if not (cue.kind == "refusal" or aimed or self._keep(result.obj, result.stance)):
                continue  # "had not signed anything and would never recognise ...": read on
            if cue.kind != "noun":
                consumed = max(consumed, result.end)
                last = result.holders[0]
            subject = subject or result.holders[0]
            issue = self.issue(result.obj, view.index)
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
