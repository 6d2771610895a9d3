"""Countries and organisations named in an article, and their role in the talks.

Parties are found through the gazetteer (names, abbreviations, demonyms, and
capitals or seats of power used as metonyms). The role comes from how news
describes talks: "US-brokered", "mediated by Qatar" (mediator); "talks between
Armenia and Azerbaijan", "Russian and Ukrainian negotiators" (negotiating
party); the country of the city the talks are held in (host). The cue patterns stay in code because
they are grammar, not vocabulary: only the party words vary, and those come
from the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from sitegen.extract.gazetteer import (
    Term,
    canonical_place,
    capital_of,
    find_terms,
    government_refs,
    is_ambiguous,
    is_place,
    party_kind,
    party_name,
    party_of,
    place_country,
)
from sitegen.extract.literals import Sieve, guarded, lowered, may_match
from sitegen.extract.orgs import find_orgs, with_orgs
from sitegen.extract.party_descriptions import (
    add_descriptions,
    description_forms,
    ref_owners,
    with_descriptions,
    words_pattern,
)
from sitegen.models import Article, Mention, PartyRef, PartyRole

__all__ = [
    "find_parties",
    "find_places",
    "government_state",
    "party_of",
    "is_place",
    "place_country",
    "resolve_government",
]

_words_pattern = words_pattern  # the name the literal tests know

_TALKS = (
    r"talks|negotiations|meeting|meetings|summit|round|discussions|consultations|"
    r"meet|met|meets|negotiate|negotiated|dialogue|discuss|discussed|working group|trilateral|"
    r"delegations?|negotiators"
)
_P = "\x00P\x00"
"""Placeholder standing for any party word in a cue pattern."""

_MEDIATOR_CUES = [
    rf"{_P}[-‑](?:brokered|mediated|led mediation|sponsored talks)",
    rf"{_P}[-‑]led (?:peace )?(?:talks|negotiations|process|mediation|dialogue)",
    rf"(?:brokered|mediated|facilitated|hosted and mediated) by (?:the )?{_P}"
    rf"(?:(?:,| and|, and) (?:the )?{_P})*",
    rf"{_P}[-‑](?:backed|sponsored) (?:peace )?(?:plan|proposal|initiative|talks|negotiations)",
    rf"(?:mediation|mediators?|good offices) (?:of|by|from) (?:the )?{_P}",
    rf"{_P}(?:'s|’s)?(?:,? (?:and )?(?:the )?{_P})* (?:mediation|mediators?|mediating)",
    rf"{_P}(?:,| and (?:the )?{_P}|, (?:the )?{_P})*(?:(?:'s|’s) {_P})?(?: bloc)? "
    rf"(?:which|who|that)? ?"
    rf"(?:is|are|has been|have been|were|was) "
    rf"(?:mediating|brokering|facilitating)",
    rf"mediators? {_P}",
    rf"under the (?:auspices|mediation|sponsorship) of (?:the )?{_P}"
    rf"(?:(?:,| and|, and) (?:the )?{_P})*",
    rf"under (?:a |the )?{_P} (?:peace )?(?:plan|proposal|framework)",
    rf"(?:plan|proposal|initiative) (?:being )?(?:pushed|brokered|put forward) by "
    rf"(?:\w+ ){{0,3}}{_P}",
]
_NEGOTIATOR_CUES = [
    rf"(?:talks|negotiations|war|conflict|deal|agreement|dialogue|truce|ceasefire)"
    rf"(?: [\w\x01\x02]+){{0,3}} between "
    rf"(?:the )?{_P}(?:'s|’s)?(?: \([\w\x01\x02]+\))?(?: \w+){{0,2}},? and "
    rf"(?:the )?(?:(?:[a-z-]+ ){{0,2}}[a-z-]+, (?:the )?)?{_P}",
    rf"{_P}(?:'s|’s)? (?:(?:federal|central|national|transitional) )?government and "
    rf"(?:[\w’'-]+ ){{1,10}}?(?:opened|began|held|resumed|started|launched|hold|begin|open|"
    rf"resume|start|concluded|ended|end) (?:peace |formal |direct )?(?:talks|negotiations)\b",
    rf"{_P}(?:(?:'s|’s) (?:government|authorities|army|military))? and (?:the )?{_P}"
    rf"(?: \([\w\x01\x02]+\))?(?: from (?:the )?(?:[\w-]+ ){{0,3}}[\w-]+)?"
    rf" (?:(?!host|mediat|broker|facilitat|sponsor)\w+ ){{0,5}}(?:talks|negotiations)\b",
    rf"{_P}(?: and|,) {_P}(?:,? and {_P})? (?:negotiators|delegations|officials|representatives|"
    rf"sides|delegates|envoys|teams|leaders)",
    rf"(?:negotiators|delegations|officials|representatives|negotiating panels) (?:from|of) "
    rf"(?:the )?{_P}(?: government)?(?:,? (?:and )?(?:the )?{_P})*",
    rf"{_P}[-‑–]{_P}(?:[-‑–]{_P})? (?:peace )?(?:talks|negotiations|meeting|summit|dialogue)",
    rf"{_P}(?:'s|’s)? (?:chief |lead |top |head )?(?:negotiators?|delegation|negotiating team)",
    rf"(?:peace )?(?:talks|negotiations) with (?:the )?{_P}"
    rf"(?![-‑]| (?:facilitated|mediated|brokered|led|sponsored|backed|hosted)\b)",
    rf"head of the {_P} delegation",
    rf"{_P} (?:sent|sends|will send|is sending|dispatched) (?:a |its |an? \w+ )?"
    rf"(?:delegation|negotiators|negotiating team)",
    rf"{_P}(?:'s|’s)?(?: \([\w\x01\x02]+\))?(?: [a-z][\w-]*){{0,3}} and (?:the )?"
    rf"(?:[a-z][\w-]* ){{0,2}}{_P}(?: \([\w\x01\x02]+\))?(?:, (?:which|who) [^,]{{1,80}},)?"
    rf"(?: [a-z][\w-]*){{0,3}} (?:have |has |had )?(?:tentatively )?"
    rf"(?:agreed|agree|signed|sign|initialled|initialed|reached|struck)\b",
    rf"(?:handed|gave|presented|submitted|sent) {_P} and (?:the )?{_P} (?:a|the|their)\b",
]
_HOST_CUES = [
    rf"(?:hosted|convened) by (?:the )?{_P}",
    rf"{_P} (?:hosted|will host|is hosting|hosts|to host)",
]
_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_TOKEN = re.compile(r"\x01\d+\x02")
_TALKS_RE = guarded(rf"\b(?:{_TALKS})\b", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"[A-Z][a-z]+\s+$")
_TALKS_AFTER = re.compile(rf"['’]?s?\s+(?:{_TALKS})\b", re.IGNORECASE)


@cache
def _cue_sieve() -> tuple[Sieve, tuple[PartyRole, ...]]:
    """Every role cue, compiled once and indexed by the words it needs (most sentences
    hold none of a cue's words), with the role each one gives."""
    lists: list[tuple[PartyRole, list[str]]] = [
        ("mediator", _MEDIATOR_CUES),
        ("negotiating-party", _NEGOTIATOR_CUES),
        ("host", _HOST_CUES),
    ]
    patterns = [
        re.compile(c.replace(_P, r"(\x01\d+\x02)"), re.IGNORECASE)
        for _, cues in lists
        for c in cues
    ]
    roles = tuple(role for role, cues in lists for _ in cues)
    return Sieve.of(tuple(patterns)), roles


def _masked(text: str, terms: list[Term]) -> tuple[str, dict[str, str]]:
    """Replace party words with numbered tokens so cues can match any party."""
    out, last, ids = [], 0, {}
    for i, t in enumerate(terms):
        if t.party is None:
            continue
        out.append(text[last : t.start])
        out.append(f"\x01{i}\x02")
        ids[f"\x01{i}\x02"] = t.party
        last = t.end
    out.append(text[last:])
    return "".join(out), ids


def _cue_parties(masked: str, ids: dict[str, str]) -> dict[PartyRole, set[str]]:
    """The parties each role cue of a masked sentence names."""
    found: dict[PartyRole, set[str]] = {}
    if not ids:  # every party a cue finds is one of the tokens
        return found
    sieve, roles = _cue_sieve()
    for n in sieve.candidates(masked):
        for m in sieve.patterns[n].finditer(masked):
            found.setdefault(roles[n], set()).update(ids[t] for t in _TOKEN.findall(m.group(0)))
    return found


_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?:al|el|Al|El)-$")


def _usable(text: str, t: Term) -> bool:
    """A party word counts unless an ambiguous name is part of a personal name, or an
    Arabic article glues it into a surname ("Faisal Omar al-Iraqi")."""
    if _ARTICLE_BEFORE.search(text, max(0, t.start - 4), t.start):
        return False
    if not is_ambiguous(t.text):
        return True
    before, after = text[: t.start], text[t.end :]
    return not (_NAME_AFTER.match(after) or _NAME_BEFORE.search(before))


def sentence_terms(text: str) -> list[Term]:
    """Gazetteer words of one sentence, without personal names like "Israel Katz"."""
    return list(_sentence_terms(text))


@lru_cache(maxsize=4096)
def _sentence_terms(text: str) -> tuple[Term, ...]:
    """``sentence_terms``, remembered: parties, people and roles each ask for every
    sentence (bounded; a pure function of the text)."""
    return tuple(t for t in find_terms(text) if _usable(text, t))


def venue_terms(text: str) -> list[Term]:
    """Places in a sentence that are where something happens ("in Abu Dhabi")."""
    return [
        t
        for t in sentence_terms(text)
        if (t.place or t.kind == "name") and _VENUE.search(text[: t.start])
    ]


def find_parties(article: Article) -> list[PartyRef]:
    """Every country or organisation named in the article, with its role in the talks."""
    mentions: dict[str, list[Mention]] = {}
    texts = [article.title] + [s.text for s in article.sentences]
    mediators: set[str] = set()
    negotiators: set[str] = set()
    hosts_named: set[str] = set()
    venues: Counter[str] = Counter()
    venue_mentions: dict[str, list[Mention]] = {}
    orgs = find_orgs(article)  # the article's own organisations, beside the gazetteer's
    all_terms = [with_orgs(sentence_terms(text), orgs.terms(text)) for text in texts]
    for n, terms in enumerate(all_terms):
        if n > 0:
            for t in terms:
                if t.party is not None:
                    m = Mention(n - 1, t.start, t.end, t.text)
                    mentions.setdefault(t.party, []).append(m)
    names = {pid: party_name(pid) or orgs.name(pid) or pid for pid in mentions}
    forms = description_forms(ref_owners(mentions, names))
    for n, (text, terms) in enumerate(zip(texts, all_terms, strict=True)):
        masked, ids = _masked(text, with_descriptions(text, terms, forms))
        named = _cue_parties(masked, ids)
        mediators |= named.get("mediator", set())
        negotiators |= named.get("negotiating-party", set())
        hosts_named |= named.get("host", set())
        for country, term in _talk_venues(text, terms):
            venues[country] += 1
            if n > 0:
                venue_mentions.setdefault(country, []).append(
                    Mention(n - 1, term.start, term.end, term.text)
                )
    host = _host(venues, hosts_named)
    if host is not None and host not in mentions and host in venue_mentions:
        # A host named only through its city ("talks in Istanbul") is still a party.
        mentions[host] = venue_mentions[host]
    add_descriptions(article, mentions, names)
    refs = []
    for pid, ms in mentions.items():
        role: PartyRole = "other"
        if pid in mediators:
            role = "mediator"
        elif pid in negotiators:
            role = "negotiating-party"
        elif pid == host:
            role = "host"
        name = names.get(pid) or party_name(pid) or pid
        refs.append(PartyRef(id=pid, name=name, role=role, mentions=ms))
    refs.sort(key=lambda r: (r.mentions[0].sentence, r.mentions[0].start))
    return refs


def government_state(parties: list[PartyRef]) -> str | None:
    """The only state at the table when the other sides are armed groups or movements:
    the one "the government" can mean without more context."""
    talking = [p.id for p in parties if p.role == "negotiating-party"]
    states = [pid for pid in talking if party_kind(pid) == "country"]
    groups = [pid for pid in talking if party_kind(pid) != "country"]  # learned ones too
    return states[0] if len(states) == 1 and groups else None


def resolve_government(article: Article, parties: list[PartyRef], office_sides: set[str]) -> None:
    """Add "the government" to the mentions of the one state it can mean: the only
    state at the table when the other sides are armed groups or movements, else the
    only state whose head or ministers the article names (``office_sides``). With
    two candidates it stays unresolved."""
    by_id = {p.id: p for p in parties}
    state_at_table = government_state(parties)
    states = [state_at_table] if state_at_table else []
    if not states:
        states = [pid for pid in office_sides if pid in by_id and party_kind(pid) == "country"]
    if len(states) != 1:
        return
    state = by_id[states[0]]
    taken = {(m.sentence, m.start) for p in parties for m in p.mentions}
    for ref in government_refs():
        rx, need = words_pattern(ref, r"(?!\s+of\b)")
        for s in article.sentences:
            if not may_match(need, s.text, lowered(s.text)):
                continue
            for m in rx.finditer(s.text):
                if (s.index, m.start()) not in taken:
                    state.mentions.append(Mention(s.index, m.start(), m.end(), m.group(0)))
    state.mentions.sort(key=lambda m: (m.sentence, m.start))


def _talk_venues(text: str, terms: list[Term]) -> list[tuple[str, Term]]:
    """Countries whose place is named as the venue of talks in this sentence (the places
    first: most sentences name none, and then the talks need no search)."""
    places = [
        (t.country, t)
        for t in terms
        if (t.place or t.kind == "name") and t.country is not None and t.kind != "region"
    ]
    if not places or not _TALKS_RE.search(text):
        return []
    found = []
    for country, t in places:
        before = text[: t.start]
        after = text[t.end : t.end + 40]
        if _VENUE.search(before) or _TALKS_AFTER.match(after):
            found.append((country, t))
    return found


def _host(venues: Counter[str], named: set[str]) -> str | None:
    """The one clear venue country (or the one a text says hosts the talks)."""
    if len(named) == 1:
        return next(iter(named))
    ranked = venues.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_SEAT_VENUE = re.compile(r"\bat\s+$", re.IGNORECASE)
_CAPITAL_NOUN = re.compile(r"\s+capital\b(?!,?\s+(?:city\s+)?[A-Z])")


def _capital_of(text: str, t: Term) -> str | None:
    """The capital a seat or a bare "the Qatari capital" stands for, as a venue."""
    if t.party is None:
        return None
    if t.kind == "seat" and _SEAT_VENUE.search(text[: t.start]):
        return capital_of(t.party)  # "at the White House": the meeting is in Washington
    tail = text[t.end :]
    if t.kind in ("name", "demonym") and _CAPITAL_NOUN.match(re.sub(r"^['’]s?", "", tail)):
        return capital_of(t.party)  # "in the Qatari capital", "in Qatar's capital"
    return None


def find_places(article: Article) -> list[tuple[str, Mention]]:
    """Cities and capitals named in the article, in canonical spelling, in reading order.

    A capital also stands behind a seat of power named as a venue ("at the White
    House") and behind "the Qatari capital" when the city's name is not written.
    """
    found = []
    for s in article.sentences:
        for t in sentence_terms(s.text):
            if t.place and t.kind in ("capital", "city"):
                found.append((t.place, Mention(s.index, t.start, t.end, t.text)))
            else:
                capital = _capital_of(s.text, t)
                if capital:
                    found.append((capital, Mention(s.index, t.start, t.end, t.text)))
    return found


def places_named(text: str) -> list[str]:
    """Canonical names of cities, capitals and regions in one text."""
    return [canonical_place(t.text) or t.text for t in sentence_terms(text) if t.place]
