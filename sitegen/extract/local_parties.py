"""Organisations the gazetteer does not know, spelt out once with their acronym.

News introduces a body by its full name and an acronym in brackets ("the Popular
Front for Calderia (PFC)") and then uses either. Such a body is a party of its
article when its name holds an organisation's head word (``data/bodies.yaml``);
a country named inside the name ("... of Calderia") is part of it, not a mention
of that country.
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.data import load
from sitegen.extract.gazetteer import Term, find_terms, party_kind, party_name
from sitegen.extract.slugs import slugify
from sitegen.models import Article, Mention, PartyRef

_DEFINED = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w’'-]*\s+)(?:(?:of|for|and|the|of\s+the|for\s+the)\s+|"
    r"[A-Z][\w’'-]*\s+){0,8}?[A-Z][\w’'-]*)\s+\(([A-Z]{2,6})\)"
)
"""A capitalised name and its acronym in brackets: "the Popular Front for Calderia (PFC)"."""


_OF_BEFORE = re.compile(r"\s(?:of|for)\s+(?:the\s+)?$")
_STATE_HEADS = frozenset({"Government", "Authority"})
"""Heads of a state's own body: its acronym names that state ("the Government of the
Republic of Astoria (GRA)" is Astoria), as the gazetteer's capitals and seats do."""


@cache
def _heads() -> frozenset[str]:
    return frozenset(load("bodies")["heads"])


def _defined(article: Article) -> dict[str, tuple[str, str]]:
    """Acronym -> (party id, full name) for each unknown body the article spells out."""
    found: dict[str, tuple[str, str]] = {}
    for s in article.sentences:
        if "(" not in s.text:
            continue
        for m in _DEFINED.finditer(s.text):
            acronym = m.group(2)
            words = _spelt_out(re.sub(r"^The\s+", "", m.group(1)).split(), acronym)
            name = " ".join(words)
            start = next((i for i, w in enumerate(words) if w in _heads()), None)
            if start is None or acronym in found:
                continue
            if any(t.party for t in find_terms(acronym)) or any(
                t.party and t.end == len(name) and t.start == 0 for t in find_terms(name)
            ):
                continue  # a body the gazetteer knows ("the African Union (AU)")
            named = [t for t in find_terms(name) if t.party]
            states = {t.party for t in named if t.party and party_kind(t.party) == "country"}
            if words[start] in _STATE_HEADS:
                if len(states) == 1:  # "the Royal Astorian Government (RAG)"
                    found[acronym] = (states.pop(), name)
            elif all(_OF_BEFORE.search(name, 0, t.start) or _country_first(t) for t in named):
                # "Popular Front of Calderia", "Calderia Maritime Alliance": a body of its
                # own; "Calderian National Army", "Calderian Union Commission" (a demonym,
                # a known body): that party's own body, left to it
                found[acronym] = (slugify(name), name)
    return found


def _country_first(t: Term) -> bool:
    """A country's name opening a body's name ("Calderia Maritime Alliance")."""
    return t.start == 0 and t.kind == "name" and party_kind(t.party or "") == "country"


def _spelt_out(words: list[str], acronym: str) -> list[str]:
    """The words the acronym spells out, from the last that opens with its first letter
    ("Envoy X of the Royal Astorian Government (RAG)": Royal Astorian Government); none
    when no run of capitalised words fits it letter for letter (an acronym of another
    language's word order names no body here rather than a cut one)."""
    for k in range(len(words) - 1, -1, -1):
        if words[k][0] != acronym[0]:
            continue
        initials = "".join(w[0] for w in words[k:] if w[0].isupper())
        if initials == acronym:
            return words[k:]
    return []


def add_local_parties(article: Article, parties: list[PartyRef]) -> None:
    """Add each unknown body the article spells out (by full name and acronym) to
    ``parties``, and drop the mentions of a party named inside the body's name."""
    defined = _defined(article)
    if not defined:
        return
    for acronym, (pid, name) in defined.items():
        state = party_name(pid) is not None
        forms = re.compile(rf"(?<![\w-])(?:{re.escape(name)}|{re.escape(acronym)})(?![\w-])")
        mentions = [
            Mention(s.index, m.start(), m.end(), m.group(0))
            for s in article.sentences
            for m in forms.finditer(s.text)
        ]
        if not mentions:
            continue
        spans = {(m.sentence, m.start, m.end) for m in mentions}
        for p in parties:
            p.mentions = [
                m
                for m in p.mentions
                if not any(s == m.sentence and a <= m.start and m.end <= b for s, a, b in spans)
            ]
        own = next((p for p in parties if p.id == pid), None)
        if own is None:
            own = PartyRef(id=pid, name=party_name(pid) or name, role="other")
            parties.append(own)
        own.mentions = sorted(
            [*own.mentions, *mentions] if state else mentions,
            key=lambda m: (m.sentence, m.start),
        )
    parties[:] = [p for p in parties if p.mentions]


def local_terms(parties: list[PartyRef], sentence: int, terms: list[Term]) -> list[Term]:
    """``terms`` of one sentence with the spelt-out bodies and their acronyms as party
    words (a gazetteer word inside such a name is dropped)."""
    local = [
        Term(m.start, m.end, m.text, "name", p.id, None, None)
        for p in parties
        for m in p.mentions
        if m.sentence == sentence and _body_form(m.text)
    ]
    local = [x for x in local if not any(t.start == x.start and t.end == x.end for t in terms)]
    if not local:
        return terms
    kept = [t for t in terms if not any(x.start <= t.start and t.end <= x.end for x in local)]
    return sorted(kept + local, key=lambda t: t.start)


_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _body_form(text: str) -> bool:
    """Whether a mention is an acronym or a spelt-out body ("Popular Front for X")."""
    return _ACRONYM.fullmatch(text) is not None or any(w in _heads() for w in text.split())
