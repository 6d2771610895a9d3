"""Named people in one article, with their role phrases and the side they speak for.

A person is a full name (first name and surname) found as a run of
capitalised words that are not places, organisations, titles or common words;
later surname-only mentions fold into it. A lone surname never given in full
counts only when a personal title stands before it ("President X") or it is
the subject of a reporting verb ("X said"). Sides come from role phrases
(``roles.py``); an office with no party written next to it takes the one
party the context names, and only when there is exactly one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.extract.gazetteer import Term, party_kind, party_refs, place_country
from sitegen.extract.names import (
    Token,
    blocked_spans,
    first_key,
    first_name_title,
    firsts_compatible,
    fold,
    is_non_name,
    is_org_noun,
    is_particle,
    is_place_prefix,
    looks_like_name,
    surname_key,
    tail_of,
    tokenize,
    verb_follows,
    verb_precedes,
    word_key,
)
from sitegen.extract.parties import sentence_terms, venue_terms
from sitegen.extract.roles import (
    RoleHit,
    SentenceView,
    is_local,
    is_state_office,
    roles_at,
    title_before,
)
from sitegen.models import Article, Mention, PartyRef, PersonRef

_MAX_NAME_WORDS = 5
_CREDIT_BEFORE = re.compile(r"(?:[Pp]hoto(?:graph)?s? by|[Cc]redit:?|[Ii]mage:?)\s*$")


@dataclass(slots=True)
class _Candidate:
    sentence: int
    start: int
    end: int
    text: str
    full: bool
    supported: bool
    """A title stands before it or it is the subject of a reporting verb."""
    by_first: bool = False
    """A lone word after an honorific that goes with a first name ("Sheikh Mohammed")."""


@dataclass(slots=True)
class _Person:
    name: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[RoleHit] = field(default_factory=list)
    role_sentences: list[int] = field(default_factory=list)
    side: str | None = None
    side_rank: int = 99
    side_evidence: int | None = None


def _sentence_start(text: str, tok: Token) -> bool:
    return not re.search(r"[\w,;]", text[: tok.start])


def _runs(text: str, toks: list[Token], blocked: list[tuple[int, int]]) -> list[list[Token]]:
    """Maximal runs of name-like words joined by single spaces."""
    runs: list[list[Token]] = []
    cur: list[Token] = []

    def close() -> None:
        if cur:
            runs.append(list(cur))
            cur.clear()

    for tok in toks:
        if any(a <= tok.start < b or a < tok.end <= b for a, b in blocked):
            close()
            continue
        ok = looks_like_name(tok.text) or (bool(cur) and is_particle(tok.text))
        if not ok:
            close()
            continue
        if cur and (text[cur[-1].end : tok.start] not in (" ", "\u00a0") or cur[-1].possessive):
            close()
        cur.append(tok)
    close()
    return runs


def _trim(text: str, run: list[Token], lower_words: set[str]) -> list[Token]:
    """Drop titles, common words and particles from the edges of a run; a run ending
    in an organisation noun ("Capital Markets") is that organisation."""
    if len(run) > 1 and is_org_noun(run[-1].text) and not run[-1].possessive:
        return []
    while run and (
        is_non_name(run[0].text)
        or is_particle(run[0].text)
        or (_sentence_start(text, run[0]) and run[0].text.lower() in lower_words)
    ):
        run = run[1:]
    while run and (is_non_name(run[-1].text) or is_particle(run[-1].text)):
        if run[-1].possessive:
            return []
        run = run[:-1]
    if any(is_non_name(t.text) for t in run):
        return []
    if len(run) > 1 and is_place_prefix(run[0].text):
        return []  # "Deir el-Balah", "Beit Hanoun": a place
    return run


def _candidates(article: Article, lower_words: set[str]) -> list[_Candidate]:
    out = []
    for s in article.sentences:
        text = s.text
        blocked = [(t.start, t.end) for t in sentence_terms(text)] + blocked_spans(text)
        toks = tokenize(text)
        for run in _runs(text, toks, blocked):
            run = _trim(text, run, lower_words)
            if not run:
                continue
            start, end = run[0].start, run[-1].end
            if text[end:].lstrip("'’s").startswith("/") or _CREDIT_BEFORE.search(text[:start]):
                continue
            words = [t for t in run if not is_particle(t.text)]
            if len(words) > _MAX_NAME_WORDS:
                continue
            full = len(words) >= 2
            view = SentenceView(text, toks, [], [])
            supported = (
                title_before(view, (start, end))
                or verb_follows(text, end)
                or verb_precedes(text, start)
            )
            by_first = not full and first_name_title(text, start)
            out.append(_Candidate(s.index, start, end, text[start:end], full, supported, by_first))
    return out


def _group(cands: list[_Candidate]) -> list[_Person]:
    """Full names first, then surname-only mentions folded into them."""
    people: list[_Person] = []
    for c in cands:
        if not c.full:
            continue
        match = next(
            (
                p
                for p in people
                if (
                    surname_key(p.name) == surname_key(c.text)
                    and firsts_compatible(first_key(p.name), first_key(c.text))
                )
                or tail_of(p.name, c.text)
            ),
            None,
        )
        if match is None:
            match = _Person(name=c.text)
            people.append(match)
        elif len(c.text) > len(match.name):
            match.name = c.text
        match.names.append(c.text)
        match.mentions.append(Mention(c.sentence, c.start, c.end, c.text))
    singles: dict[str, _Person] = {}
    for c in cands:
        if c.full:
            continue
        key = word_key(c.text)
        owners = [p for p in people if surname_key(p.name) == key]
        if not owners and c.by_first:
            # "Sheikh Hamad" after "Sheikh Hamad bin Jassim Al Thani"
            owners = [p for p in people if first_key(p.name) == key]
        if len(owners) > 1:
            continue
        if owners:
            owner = owners[0]
        elif key in singles:
            owner = singles[key]
        elif c.supported:
            owner = singles[key] = _Person(name=c.text)
        else:
            continue
        owner.names.append(c.text)
        owner.mentions.append(Mention(c.sentence, c.start, c.end, c.text))
    people.extend(singles.values())
    for p in people:
        p.mentions.sort(key=lambda m: (m.sentence, m.start))
    return people


def _descriptions(parties: list[PartyRef]) -> dict[str, str]:
    """Head words of the descriptions that stand for exactly one party of the article
    ("the army" -> army), so "army spokesman X" speaks for that party."""
    owners: dict[str, set[str]] = {}
    for party in parties:
        for ref in party_refs(party.id):
            words = ref.lower().split()
            if len(words) != 2 or words[0] != "the":
                continue
            for form in {words[1], words[1].removesuffix("s")}:
                owners.setdefault(form, set()).add(party.id)
    return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}


def _views(
    article: Article, people: list[_Person], parties: list[PartyRef]
) -> dict[int, SentenceView]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for p in people:
        for m in p.mentions:
            spans.setdefault(m.sentence, []).append((m.start, m.end))
    described = _descriptions(parties)
    return {
        s.index: SentenceView(
            s.text, tokenize(s.text), sentence_terms(s.text), spans.get(s.index, []), described
        )
        for s in article.sentences
    }


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


def _owner(people: list[_Person], sentence: int, span: tuple[int, int]) -> _Person | None:
    for p in people:
        if any(m.sentence == sentence and (m.start, m.end) == span for m in p.mentions):
            return p
    return None


def _first_person(people: list[_Person], sentence: int, before: int) -> _Person | None:
    """The first person named in a sentence before position ``before``."""
    best: tuple[int, _Person] | None = None
    for p in people:
        for m in p.mentions:
            if m.sentence == sentence and m.start < before and (best is None or m.start < best[0]):
                best = (m.start, p)
    return best[1] if best else None


def _parties(terms: list[Term], venues: list[Term], end: int | None = None) -> set[str]:
    return {
        t.party
        for t in terms
        if t.party is not None and t not in venues and (end is None or t.start < end)
    }


def _set_side(p: _Person, side: str | None, rank: int, sentence: int) -> None:
    if side is not None and rank < p.side_rank:
        p.side, p.side_rank, p.side_evidence = side, rank, sentence


def _resolve_sides(
    people: list[_Person], views: dict[int, SentenceView], parties: list[PartyRef]
) -> None:
    """Sides by evidence strength: a party in the role, then the person it hangs on,
    then "his" or the reporting person, then the one party the context names."""
    for p in people:
        for hit, s in zip(p.roles, p.role_sentences, strict=True):
            if hit.side_kind == "party":
                _set_side(p, hit.party, 0, s)
            elif hit.side_kind == "its":
                _set_side(p, _its_party(parties, s, hit.at), 2, s)
    for _ in range(3):
        for p in people:
            for hit, s in zip(p.roles, p.role_sentences, strict=True):
                m = next(m for m in p.mentions if m.sentence == s)
                if hit.side_kind == "person" and hit.anchor:
                    other = _owner(people, s, hit.anchor)
                    if other is not None and other is not p and other.side_rank < 99:
                        _set_side(p, other.side, 1, s)
                elif hit.side_kind == "pronoun":
                    other = _first_person(people, s, m.start) or _first_person(people, s - 1, 10**6)
                    if other is not None and other is not p and other.side_rank < 99:
                        _set_side(p, other.side, 2, s)
                elif hit.side_kind == "none":
                    _context_side(p, hit, s, m, people, views)


def _context_side(
    p: _Person,
    hit: RoleHit,
    s: int,
    m: Mention,
    people: list[_Person],
    views: dict[int, SentenceView],
) -> None:
    """An office with no party beside it: the one party the context names."""
    view = views[s]
    venues = venue_terms(view.text)
    if is_local(hit.text):
        # A mayor's side is the country of their city: named in the role, else in the sentence.
        own = [t for t in sentence_terms(hit.text) if t.place]
        places = own or [t for t in view.terms if t.place]
        countries = {place_country(t.text) for t in places} - {None}
        if len(countries) == 1:
            _set_side(p, countries.pop(), 3, s)
        return
    before = _parties(view.terms, venues, m.start)
    if len(before) > 1 and is_state_office(hit.text):
        # a prime minister speaks for a country, not for an armed group named beside it
        before = {pid for pid in before if party_kind(pid) == "country"}
    if len(before) == 1:
        _set_side(p, next(iter(before)), 3, s)
        return
    if before:
        return
    other = _first_person(people, s, m.start)
    if other is not None and other is not p and other.side_rank <= 1:
        _set_side(p, other.side, 4, s)
        return
    if s - 1 in views:
        prev = views[s - 1]
        parties = _parties(prev.terms, venue_terms(prev.text))
        if len(parties) == 1:
            _set_side(p, next(iter(parties)), 5, s - 1)


def office_sides(people: list[PersonRef]) -> set[str]:
    """Sides of the people holding an office only a state holds (president, minister)."""
    return {p.side for p in people if p.side and any(is_state_office(r) for r in p.roles)}


def find_people(article: Article, parties: list[PartyRef]) -> list[PersonRef]:
    """Find the people named in an article, with roles and sides."""
    lower_words = {w for s in article.sentences for w in re.findall(r"\b[a-z][a-z\-]+\b", s.text)}
    people = _group(_candidates(article, lower_words))
    views = _views(article, people, parties)
    for p in people:
        for m in p.mentions:
            for hit in roles_at(views[m.sentence], (m.start, m.end)):
                p.roles.append(hit)
                p.role_sentences.append(m.sentence)
    _resolve_sides(people, views, parties)
    refs = []
    for p in people:
        roles: list[str] = []
        for hit in p.roles:
            if fold(hit.text) not in {fold(r) for r in roles}:
                roles.append(hit.text)
        aliases = []
        for n in p.names:
            if n != p.name and n not in aliases:
                aliases.append(n)
        refs.append(
            PersonRef(
                key=p.name,
                name=p.name,
                aliases=aliases,
                roles=roles,
                side=p.side,
                side_evidence=p.side_evidence,
                mentions=p.mentions,
            )
        )
    refs.sort(key=lambda r: (r.mentions[0].sentence, r.mentions[0].start))
    return refs
