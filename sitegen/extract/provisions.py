"""A plan's provisions as its author's proposals (the guideline, section 6).

News describes a plan twice: once naming who wrote it ("the US-backed plan",
"Calderia's draft", "a plan drafted by Calderia"), then clause by clause with
the document as the subject ("The plan also includes ...", "The draft suggests
...", "Controversial provisions include ..."). Each such clause is a proposal of
the author last named; with no author named, there is no position. A signed
agreement's provisions ("The agreement also calls for ...") are its
signatories' to accept (``agreement_terms``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sitegen.extract.holders import SentenceView, agents_after
from sitegen.extract.literals import guarded
from sitegen.extract.stance_cues import clause_object
from sitegen.models import PositionRef

_DOC = r"(?:plan|draft|proposals?|framework|initiative|memorandum|document|roadmap|road\s+map)"
_DOC_WORD = guarded(rf"\b{_DOC}\b", re.IGNORECASE)
_WRITTEN_BY = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:drafted|authored|written|drawn\s+up|put\s+forward|proposed|"
    r"presented|tabled|floated|prepared)(?=\s+by\b)",
    re.IGNORECASE,
)
_OWNER_GAP = re.compile(
    r"(?:['’]s?)?(?:-(?:backed|drafted|brokered|sponsored|proposed|led|authored|written))?"
    r"\s+(?:[\w-]+\s+){0,2}"
)
_PROVISION = re.compile(
    rf"^\s*(?:[A-Z][\w-]*\s+)?(?:the\s+|this\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?:{_DOC}|provisions?)(?:\s*,[^,]{{0,160}},)?\s+(?:\w+ly\s+)?(?:also\s+)?"
    r"(?:includes?|stipulates?|proposes?|suggests?|envisages?|calls\s+for|says|states|"
    r"would\s+see|provides\s+for|sets\s+out|foresees|outlines?|assumes|offers)\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(
    r"^\s*(?:It|The\s+(?:text|document))\s+(?:also\s+)?(?:assumes|means|envisions|envisages|"
    r"says|states|stipulates|includes|suggests|guarantees|provides\s+for)\b"
)
"""A clause going on about the plan the sentence before described ("It also says ...")."""


def _owner(view: SentenceView, noun_start: int) -> str | None:
    """The side named right before a plan noun ("the US plan", "Calderia's draft",
    "a US-backed plan", also in "the content of the Calderian plan")."""
    before = [s for s in view.spans if s.party and s.end <= noun_start]
    if not before:
        return None
    span = max(before, key=lambda s: s.end)
    if not _OWNER_GAP.fullmatch(view.text[span.end : noun_start]):
        return None
    return span.party


def _author_in(view: SentenceView) -> str | None:
    """The author this sentence names for a plan, if any (the last one named)."""
    found: str | None = None
    for m in _DOC_WORD.finditer(view.text):
        owner = _owner(view, m.start())
        written = _WRITTEN_BY.match(view.text, m.end())
        if written:
            agents, _end = agents_after(view, written.end())
            after = view.text[_end : _end + 3] if agents else ""
            if agents and not re.match(r"['’]s", after):  # "by Kyiv's allies": not Kyiv
                owner = agents[0].party
        found = owner or found
    return found


def plan_provisions(
    views: Iterable[SentenceView], issue_of: Callable[[str, int], str | None]
) -> list[PositionRef]:
    """The proposals a plan's described clauses make for its author; ``issue_of``
    names the issue of an object (as the position finder does)."""
    found: list[PositionRef] = []
    author: str | None = None
    last_provision = -2
    for view in views:
        author = _author_in(view) or author
        clause = _PROVISION.match(view.text)
        going_on = clause is None and last_provision == view.index - 1
        if going_on:
            clause = _GOES_ON.match(view.text)
        if clause and author is not None:
            obj, _end = clause_object(view.text, clause.end())
            if obj:
                found.append(
                    PositionRef(
                        party=author,
                        stance="proposes",
                        sentence=view.index,
                        object=obj,
                        issue=issue_of(obj, view.index),
                    )
                )
                last_provision = view.index
    return found


_SIGNED = re.compile(r"\bsign(?:s|ed|ing)?\b", re.IGNORECASE)
_TERM_VERB = (
    r"(?:(?:re)?affirm(?:s|ed)?|call(?:s|ed)?\s+for|stipulat(?:es|ed)|includ(?:es|ed)|"
    r"commit(?:s|ted)|provid(?:es|ed)\s+for|stat(?:es|ed)|says|said|envisag(?:es|ed)|"
    r"requir(?:es|ed)|oblig(?:es|ed)|sets\s+out|set\s+out|outlin(?:es|ed))\b"
)
_TERM = re.compile(
    r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}?(?:agreement|declaration|deal|accord|truce|"
    rf"ceasefire|cease-fire|treaty|pact)\s+(?:also\s+)?{_TERM_VERB}"
)
_TERM_GOES_ON = re.compile(rf"^\s*It\s+also\s+{_TERM_VERB}")
"""A clause going on about the agreement the sentence before described ("It also ...")."""


def agreement_terms(
    views: list[SentenceView],
    found: list[PositionRef],
    issue_of: Callable[[str, int], str | None],
    mediators: tuple[str, ...] = (),
    sides: tuple[str, ...] = (),
) -> list[PositionRef]:
    """``found`` with a signed agreement's described terms as each signatory's acceptance:
    the sides that signed it in an earlier sentence accept what "the agreement" or "it"
    then says (a mediator or a place named is no signatory); other holders read into
    such a clause ("It also called for": the deal, not a side) are dropped."""
    signed: dict[int, list[str]] = {}
    for p in found:
        if p.party in mediators or (sides and p.party not in sides):
            continue
        if p.stance == "accepts" and _SIGNED.search(views[p.sentence].text):
            signed.setdefault(p.sentence, [])
            if p.party not in signed[p.sentence]:
                signed[p.sentence].append(p.party)
    if not signed:
        return found
    terms: dict[int, tuple[list[str], str]] = {}
    last_term = -2
    for view in views:
        earlier = [i for i in signed if i < view.index]
        clause = _TERM.match(view.text)
        if clause is None and last_term == view.index - 1:
            clause = _TERM_GOES_ON.match(view.text)
        if clause is None or not earlier:
            continue
        obj, _end = clause_object(view.text, clause.end())
        if obj:
            terms[view.index] = (signed[max(earlier)], obj)
            last_term = view.index
    kept = [p for p in found if p.sentence not in terms]
    for index, (parties, obj) in sorted(terms.items()):
        issue = issue_of(obj, index)
        kept += [PositionRef(party, "accepts", index, obj, issue=issue) for party in parties]
    return kept
