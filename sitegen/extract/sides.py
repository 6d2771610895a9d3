"""The side each person in one article speaks for, from role phrases and context.

Evidence is ranked, strongest first: a party written in a current role
("Kremlin spokesman", "one of the African Union mediators"), the person a role
hangs on ("Netanyahu's envoy"), "its" or "his", then the context. A former
office ("former Kenyan president") tells where someone comes from, not whom
they speak for now, so it ranks below any current role. An office only a state
holds ("President X") never takes an armed group's side from a nearby mention;
in talks between a state and its own armed groups it is that state's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.extract.gazetteer import Term, party_home, party_kind, place_country
from sitegen.extract.parties import government_state, sentence_terms, venue_terms
from sitegen.extract.role_offices import is_local, is_state_office
from sitegen.extract.roles import RoleHit, SentenceView
from sitegen.models import Mention, PartyRef, PersonRef

_TRAVEL = re.compile(
    r"\b(?:(?:trip|travel\w*|journey|flight|visit|visits|flew|fly(?:ing)?|head(?:ed|ing|s)?|"
    r"arriv\w*|return\w*|came|come|went|go(?:es|ing)?|back)\s+(?:to|in|into)|arriv\w*|"
    r"visit(?:ed|ing|s)?|in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words before a place that is where something happens or where someone goes ("in
X", "the delegation's trip to X", "arrived in the Y capital")."""
_SAME_PLACE = re.compile(r"(?:\s+capital)?,\s+")
"""Between a place and the one it is in or names ("in X, Y"; "the Y capital, X")."""
_CAPITAL_AFTER = re.compile(r"['’]?s?\s+capital\b")
_TO_MEET = re.compile(r"[\w\s,]{0,30}?\bto\s+(?:meet|see|hold\s+talks)\b")
"""After a destination, "to meet X": X is there, so the place may be X's side."""


@lru_cache(maxsize=1024)
def _away_terms(text: str) -> tuple[Term, ...]:
    """The places a sentence names as where something happens or where someone goes
    (the venue of talks, a trip's end), with the country or capital that follows such a
    place ("in X, Y"): no side of anyone named near them."""
    venues = venue_terms(text)
    found: list[Term] = []
    for t in sentence_terms(text):
        if t in venues:
            found.append(t)
            continue
        if not (t.place or t.kind in ("name", "demonym")):
            continue
        if t.kind == "demonym" and not _CAPITAL_AFTER.match(text, t.end):
            continue  # "the Kenyan delegation" is a side; "the Kenyan capital" a place
        travel = _TRAVEL.search(text, max(0, t.start - 60), t.start)
        if (travel and not _TO_MEET.match(text, t.end)) or (
            found and _SAME_PLACE.fullmatch(text, found[-1].end, t.start) is not None
        ):
            found.append(t)
    return tuple(found)


_FORMER = re.compile(r"^(?:the\s+|a\s+)?(?:former|ex-|ex\s|one-time|onetime)", re.IGNORECASE)

# Evidence ranks: lower is stronger; a side is replaced only by stronger evidence.
_IN_ROLE = 0
_ANCHOR = 1
_POINTER = 2
_CONTEXT = 3
_NEIGHBOUR = 4
_PREVIOUS = 5
IN_ROLE, ANCHOR = _IN_ROLE, _ANCHOR
"""The ranks other modules give: a party the sentence ties to the person, a head's side."""


@dataclass(slots=True)
class Draft:
    """A person as the people finder builds them, before becoming a ``PersonRef``."""

    name: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[RoleHit] = field(default_factory=list)
    role_sentences: list[int] = field(default_factory=list)
    side: str | None = None
    side_rank: int = 99
    side_evidence: int | None = None


def is_former(role: str) -> bool:
    """Whether a role phrase is a past office ("former Kenyan president")."""
    return _FORMER.match(role) is not None


def _its_party(parties: list[PartyRef], sentence: int, before: int) -> str | None:
    """The party "its" points back to: the nearest one named before it in the sentence,
    else the one the previous sentence opens with."""
    here = [
        (m.start, party.id)
        for party in parties
        for m in party.mentions
        if m.sentence == sentence and m.end <= before
    ]
    if here:
        return max(here)[1]
    prev = [
        (m.start, party.id)
        for party in parties
        for m in party.mentions
        if m.sentence == sentence - 1
    ]
    return min(prev)[1] if prev else None


def _owner(people: list[Draft], sentence: int, span: tuple[int, int]) -> Draft | None:
    for p in people:
        if any(m.sentence == sentence and (m.start, m.end) == span for m in p.mentions):
            return p
    return None


def _first_person(people: list[Draft], sentence: int, before: int) -> Draft | None:
    """The first person named in a sentence before position ``before``."""
    best: tuple[int, Draft] | None = None
    for p in people:
        for m in p.mentions:
            if m.sentence == sentence and m.start < before and (best is None or m.start < best[0]):
                best = (m.start, p)
    return best[1] if best else None


def _parties(terms: list[Term], venues: Sequence[Term], end: int | None = None) -> set[str]:
    return {
        t.party
        for t in terms
        if t.party is not None and t not in venues and (end is None or t.start < end)
    }


def _set_side(p: Draft, side: str | None, rank: int, sentence: int) -> None:
    if side is not None and rank < p.side_rank:
        p.side, p.side_rank, p.side_evidence = side, rank, sentence


def home_state(parties: list[PartyRef]) -> str | None:
    """The state at the table when it negotiates with an armed group of its own
    (Colombia and the ELN): the state a bare "President X" governs in such a story."""
    state = government_state(parties)
    if state is None:
        return None
    groups = [p.id for p in parties if p.role == "negotiating-party" and p.id != state]
    # a group the article names itself (no gazetteer home) is taken to be the state's own
    own = [g for g in groups if party_home(g) == state or party_kind(g) is None]
    return state if own else None


def resolve_sides(
    people: list[Draft], views: dict[int, SentenceView], parties: list[PartyRef]
) -> None:
    """Sides by evidence strength: a party in the role, then the person it hangs on,
    then "his" or the reporting person, then the one party the context names."""
    for p in people:
        for hit, s in zip(p.roles, p.role_sentences, strict=True):
            if _OPPOSITION.search(hit.text) and party_kind(hit.party or "") == "country":
                continue  # "Astorian opposition leader": not the state's side
            if hit.side_kind == "party":
                _set_side(p, hit.party, _CONTEXT if is_former(hit.text) else _IN_ROLE, s)
            elif hit.side_kind == "its":
                _set_side(p, _its_party(parties, s, hit.at), _POINTER, s)
    home = home_state(parties)
    for _ in range(3):
        for p in people:
            for hit, s in zip(p.roles, p.role_sentences, strict=True):
                m = next(m for m in p.mentions if m.sentence == s)
                if hit.side_kind == "person" and hit.anchor:
                    other = _owner(people, s, hit.anchor)
                    if other is not None and other is not p and other.side_rank < 99:
                        _set_side(p, other.side, _ANCHOR, s)
                elif hit.side_kind == "pronoun":
                    other = _first_person(people, s, m.start) or _first_person(people, s - 1, 10**6)
                    if other is not None and other is not p and other.side_rank < 99:
                        _set_side(p, other.side, _POINTER, s)
                elif hit.side_kind == "none":
                    _context_side(p, hit, s, m, people, views, home)


_OPPOSITION = re.compile(r"\bopposition\b(?!\s*(?:and|&|,)\s)", re.IGNORECASE)
"""A role of the opposition ("opposition leader"): the country it names or the context
gives is the state it opposes, not the side it speaks for."""
_UNKNOWN_BODY = re.compile(r"\b[A-Z]{2,}\b")
"""An acronym in a role with no party in it names the person's own body ("XYZ Director-
General"): the context's party is not theirs."""


def _countries(pids: set[str]) -> set[str]:
    return {pid for pid in pids if party_kind(pid) == "country"}


def _context_side(
    p: Draft,
    hit: RoleHit,
    s: int,
    m: Mention,
    people: list[Draft],
    views: dict[int, SentenceView],
    home: str | None,
) -> None:
    """An office with no party beside it: the one party the context names."""
    if any(_OPPOSITION.search(r.text) for r in p.roles):
        return  # an opposition leader speaks against the state the context names
    view = views[s]
    venues = _away_terms(view.text)
    if is_local(hit.text):
        # A mayor's side is the country of their city: named in the role, else in the sentence.
        own = [t for t in sentence_terms(hit.text) if t.place]
        places = own or [t for t in view.terms if t.place]
        countries = {place_country(t.text) for t in places} - {None}
        if len(countries) == 1:
            _set_side(p, countries.pop(), _CONTEXT, s)
        return
    if _UNKNOWN_BODY.search(hit.text):
        return  # "XYZ Director-General": the office of a body no party of the article
    state_office = is_state_office(hit.text)
    if state_office and is_former(hit.text):
        return  # a former president speaks for nobody at the table by office alone
    if state_office and home is not None:
        _set_side(p, home, _CONTEXT, s)
        return
    named = _parties(view.terms, venues, m.start)
    # a president speaks for a country, never for an armed group named beside them
    before = _countries(named) if state_office else named
    if len(before) == 1 and _faces(view.terms, before, m.start, view.text):
        return  # "X of Astoria held talks with negotiator Y": Y sits across the table
    if len(before) == 1:
        _set_side(p, next(iter(before)), _CONTEXT, s)
        return
    if before or (named and not state_office):
        return  # a president's side is no union or armed group named beside them
    other = _first_person(people, s, m.start)
    if other is not None and _across(other, s, m.start, view.text):
        return  # "X held talks with negotiator Y": Y sits across the table from X
    if other is not None and other is not p and other.side_rank <= _ANCHOR:
        if not state_office or (other.side and party_kind(other.side) == "country"):
            _set_side(p, other.side, _NEIGHBOUR, s)
        return
    if s - 1 in views:
        prev = views[s - 1]
        found = _parties(prev.terms, _away_terms(prev.text))
        if state_office:
            found = _countries(found) if len(found) == 1 else set()
        if len(found) == 1:
            _set_side(p, next(iter(found)), _PREVIOUS, s - 1)


_ACROSS = re.compile(
    r"\b(?:talks|negotiations|negotiate[sd]?|negotiating)\s+with\b|\b(?:against|versus)\b"
)
"""Words between a party (or person) and a name that put the two across the table ("X held
talks with Y"; "meet with" does not: a delegation meets its own president)."""


def _faces(terms: list[Term], pids: set[str], before: int, text: str) -> bool:
    """Whether a word of meeting or facing stands between the party's last mention and
    ``before``."""
    ends = [t.end for t in terms if t.party in pids and t.end <= before]
    return bool(ends) and _ACROSS.search(text, max(ends), before) is not None


def _across(other: Draft, s: int, before: int, text: str) -> bool:
    """Whether a word of meeting or facing stands between ``other``'s mention and ``before``."""
    ends = [m.end for m in other.mentions if m.sentence == s and m.end <= before]
    return bool(ends) and _ACROSS.search(text, max(ends), before) is not None


def office_sides(people: list[PersonRef]) -> set[str]:
    """Sides of the people holding an office only a state holds (president, minister)."""
    return {p.side for p in people if p.side and any(is_state_office(r) for r in p.roles)}
