"""Named people in one article, with their role phrases and the side they speak for.

A person is a full name (first name and surname) found as a run of
capitalised words that are not places, organisations, titles or common words;
later surname-only mentions fold into it. A lone surname never given in full
counts only when a personal title stands before it ("President X") or it is
the subject of a reporting verb ("X said"). Role phrases come from ``roles.py``
and ``role_links.py``; sides from ``sides.py``.
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.data import load
from sitegen.extract.gazetteer import Term, government_refs
from sitegen.extract.name_joins import unglued
from sitegen.extract.name_runs import Candidate, find_candidates
from sitegen.extract.names import (
    first_key,
    firsts_compatible,
    fold,
    is_full,
    surname_key,
    tail_of,
    tokenize,
    word_key,
)
from sitegen.extract.orgs import learned_terms, with_orgs
from sitegen.extract.parties import government_state, sentence_terms
from sitegen.extract.party_descriptions import refs_of
from sitegen.extract.role_links import linked_roles
from sitegen.extract.roles import SentenceView, is_role_noun, roles_at
from sitegen.extract.side_cues import across_from, companions, members, run_by
from sitegen.extract.sides import ANCHOR, IN_ROLE, Draft, resolve_sides
from sitegen.models import Article, Mention, PartyRef, PersonRef

_GLUED = re.compile(r"[a-z]{2,5}")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
_LOWER_FORM = re.compile(r"[a-z][a-z\-]+")
_ROLE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_BARE_MODIFIERS = frozenset(
    {
        "chief",
        "deputy",
        "senior",
        "top",
        "head",
        "delegation",
        "defense",
        "defence",
        "former",
        "acting",
    }
)


class _LowerWords:
    """The words ``_LOWER_WORD`` finds in an article's text, asked about one at a time:
    only a sentence's first word is ever asked about (is "Talks" a common word?), so
    each is looked for with ``str.find`` rather than reading every word of the article.
    A place ``_LOWER_WORD`` matches at is one the search over the whole text tries too,
    unless a hyphen stands before it (it may go on a hyphenated word): then the whole
    text is read once, as before."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not _LOWER_FORM.fullmatch(word):
            return False
        if self.found is not None:
            return word in self.found
        text = self.text
        at = text.find(word)
        while at != -1:
            before = text[at - 1] if at else " "
            if before == "-":
                self.found = set(_LOWER_WORD.findall(text))
                return word in self.found
            if not (before.isalnum() or before == "_"):  # not inside a longer word
                m = _LOWER_WORD.match(text, at)
                if m is not None and m.end() == at + len(word):
                    return True
            at = text.find(word, at + 1)
        return False


def _group(cands: list[Candidate]) -> list[Draft]:
    """Full names first, then surname-only mentions folded into them."""
    people: list[Draft] = []
    # Only people with the candidate's surname can match (``tail_of`` compares the last
    # words too), and a person's surname never changes: a longer name that replaces it
    # matched it. Looking there only keeps long articles linear in their names.
    by_surname: dict[str, list[Draft]] = {}
    for c in cands:
        if not c.full:
            continue
        sk = surname_key(c.text)
        match = next(
            (
                p
                for p in by_surname.get(sk, [])
                if firsts_compatible(first_key(p.name), first_key(c.text))
                or tail_of(p.name, c.text)
            ),
            None,
        )
        if match is None:
            match = Draft(name=c.text)
            people.append(match)
            by_surname.setdefault(sk, []).append(match)
        elif len(c.text) > len(match.name):
            match.name = c.text
        match.names.append(c.text)
        match.mentions.append(Mention(c.sentence, c.start, c.end, c.text))
    singles: dict[str, Draft] = {}
    by_first: dict[str | None, list[Draft]] | None = None
    for c in cands:
        if c.full:
            continue
        key = surname_key(c.text)
        owners = list(by_surname.get(key, []))
        if not owners and (c.by_first or c.supported):
            # "Sheikh Hamad" after "Sheikh Hamad bin Jassim Al Thani"; "Dawit said"
            # after "Dawit Bekele" (a given name used alone, as Ethiopian copy does)
            if by_first is None:
                by_first = {}
                for p in people:
                    by_first.setdefault(first_key(p.name), []).append(p)
            owners = list(by_first.get(key, [])) or _by_middle(people, key)
        if len(owners) > 1:
            continue
        if owners:
            owner = owners[0]
        elif key in singles:
            owner = singles[key]
        elif c.supported:
            owner = singles[key] = Draft(name=c.text)
        else:
            continue
        owner.names.append(c.text)
        owner.mentions.append(Mention(c.sentence, c.start, c.end, c.text))
    people.extend(singles.values())
    people = _unglue(people)
    for p in people:
        p.mentions.sort(key=lambda m: (m.sentence, m.start))
    return people


def _by_middle(people: list[Draft], key: str) -> list[Draft]:
    """People of three names whose middle one is ``key``: "Marten" after "Ivo Marten
    Oberg", as copy shortens a name that ends in a father's or family name."""
    return [p for p in people if len(parts := p.name.split()) == 3 and word_key(parts[1]) == key]


def _unglue(people: list[Draft]) -> list[Draft]:
    """Fold a name fused with the next word by a scraper ("Ivo Martenand") into the
    person it begins with: same first name, the surname plus lower-case letters."""
    kept: list[Draft] = []
    for p in people:
        words = p.name.split()
        host = next(
            (
                q
                for q in people
                if q is not p
                and len(words) >= 2
                and q.name.split()[:-1] == words[:-1]
                and _GLUED.fullmatch(words[-1][len(q.name.split()[-1]) :])
                and words[-1].startswith(q.name.split()[-1])
            ),
            None,
        )
        if host is None:
            kept.append(p)
            continue
        host.names.extend(p.names)
        host.mentions.extend(p.mentions)
    return kept


def _descriptions(parties: list[PartyRef]) -> dict[str, str]:
    """Head words of the descriptions that stand for exactly one party of the article
    ("the army" -> army), so "army spokesman X" speaks for that party; "the
    government" is the one state at the table with armed groups."""
    owners: dict[str, set[str]] = {}
    state = government_state(parties)
    for party in parties:
        refs = refs_of(party.id, party.name) + (government_refs() if party.id == state else ())
        for ref in refs:
            words = ref.lower().split()
            if len(words) != 2 or words[0] != "the":
                continue
            for form in {words[1], words[1].removesuffix("s")}:
                owners.setdefault(form, set()).add(party.id)
    return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}


def _views(
    article: Article,
    people: list[Draft],
    parties: list[PartyRef],
    learned: dict[int, list[Term]],
) -> dict[int, SentenceView]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for p in people:
        for m in p.mentions:
            spans.setdefault(m.sentence, []).append((m.start, m.end))
    described = _descriptions(parties)
    return {
        s.index: SentenceView(
            s.text,
            tokenize(s.text),
            with_orgs(unglued(s.text, sentence_terms(s.text)), learned.get(s.index, [])),
            spans.get(s.index, []),
            described,
        )
        for s in article.sentences
    }


@cache
def _body_heads() -> frozenset[str]:
    return frozenset(load("roles")["body_heads"])


def _institution(name: str, roles: list[str]) -> bool:
    """A one-word name whose every role is headed by a body's noun ("the Astorian
    Ministry for X") is that body's metonym, not a person."""
    if " " in name or not roles:
        return False
    for role in roles:
        words = role.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if words and words[0][:1].isupper() and words[0].lower() not in _body_heads():
            words = words[1:]  # "Astorian", "Belmar's"
        if not words or words[0].lower() not in _body_heads():
            return False
    return True


def _clean_role(role: str, others: list[str]) -> str | None:
    """The role phrase fit to show, or None: no pronoun ("his spokesperson" is
    "spokesperson"), no plural ("US envoys" is "US envoy"), no stray bracket, no
    reporting words, no neighbour's name glued on ("Special Envoy X" as another
    person's role), no bare modifier ("chief")."""
    words = role.split()
    if words and words[0].lower() in _ROLE_PRONOUNS:
        words = words[1:]
    if not words or "according" in (w.lower() for w in words):
        return None
    role = " ".join(words)
    if role.count("(") != role.count(")") or role.count("[") != role.count("]"):
        return None
    last = words[-1].lower()
    if last.endswith("s") and not last.endswith("ss") and is_role_noun(last[:-1]):
        words[-1] = words[-1][:-1]  # a plural shared with others: each holds the singular
        role = " ".join(words)
    if len(words) == 1 and (
        last in _BARE_MODIFIERS or not (is_role_noun(last) or role[:1].isupper())
    ):
        return None
    for name in others:
        if role.endswith(name) and not {w.lower() for w in role[: -len(name)].split()} & {
            "to",
            "of",
        }:
            return None  # "adviser to President X" is a role; "Envoy X" is X's
    return role


def _shaped_sides(
    people: list[Draft], views: dict[int, SentenceView], parties: list[PartyRef]
) -> dict[str, str]:
    """Sides from the sentence's shape (``side_cues``); returns companion -> head."""
    by_name = {p.name: p for p in people}
    mentions = {p.name: p.mentions for p in people}
    for name, party, s in run_by(mentions, parties, views):
        p = by_name[name]
        if p.side_rank > IN_ROLE:
            p.side, p.side_rank, p.side_evidence = party, IN_ROLE, s
    heads: dict[str, str] = {}

    def set_side(name: str, side: str | None, s: int, head: str | None) -> None:
        p = by_name[name]
        if p.side is not None and p.side_rank <= ANCHOR:
            return  # their own role names their party
        p.side, p.side_rank, p.side_evidence = side, ANCHOR, s if side else None
        if head is not None:
            heads[name] = head

    companions(mentions, {p.name: p.side for p in people}, views, set_side)
    members(mentions, parties, views, set_side)
    for name, party, s in across_from(mentions, parties, views):
        p = by_name[name]
        if p.side is None and name not in heads:
            p.side, p.side_evidence = party, s  # the weakest clue: only where none other
    return heads


def find_people(article: Article, parties: list[PartyRef]) -> list[PersonRef]:
    """Find the people named in an article, with roles and sides."""
    # one search over the sentences joined by line breaks (a break is a boundary, as the
    # ends of each sentence were): the same words as a search per sentence
    lower_words = _LowerWords("\n".join(s.text for s in article.sentences))
    learned = learned_terms(parties)
    people = _group(find_candidates(article, lower_words, learned))
    views = _views(article, people, parties, learned)
    for p in people:
        for m in p.mentions:
            view = views[m.sentence]
            target = (m.start, m.end)
            for hit in roles_at(view, target) + linked_roles(view, target):
                p.roles.append(hit)
                p.role_sentences.append(m.sentence)
    resolve_sides(people, views, parties)
    heads = _shaped_sides(people, views, parties)
    refs = []
    for p in people:
        roles: list[str] = []
        others = [q.name for q in people if q is not p and is_full(q.name)]
        for hit in p.roles:
            clean = _clean_role(hit.text, others) if hit.text else None
            if clean and fold(clean) not in {fold(r) for r in roles}:
                roles.append(clean)
        if _institution(p.name, roles):
            continue  # "Itamaraty, the Astorian Ministry for Foreign Affairs": a body
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
                companion_of=heads.get(p.name),
            )
        )
    refs.sort(key=lambda r: (r.mentions[0].sentence, r.mentions[0].start))
    return refs
