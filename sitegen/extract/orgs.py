"""Organisations an article names itself: armed groups, unions, employers, blocs, NGOs.

The gazetteer knows states and a few bodies; news about any other process names its
non-state sides in its own words: a run of capitalised words ending in a head noun
("the Astorian Dockworkers' Union (ADU)", "the Belmar Liberation Front"), or a head noun
followed by "of" ("the Alliance of Coastal States", "the Group of 20"), then often the
acronym alone. Each such name is a party of the article; its id is the acronym (written
in brackets, or the initials of the name when the article uses them alone), so the same
body named in several articles is one party. The table is built per article and handed
down, never kept: the words come from ``data/orgs.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.extract.gazetteer import Term, find_terms, party_kind, party_name, party_of
from sitegen.extract.names import Token, tokenize
from sitegen.extract.slugs import slugify
from sitegen.models import Article, PartyRef

_CONNECTORS = frozenset({"and", "&"})
"""Words inside a name before its head ("the X and Y Association")."""
_TAIL_JOINS = frozenset({"and", "&"})
_TAIL_WORDS = frozenset({"and", "&", "of", "the", "for"})
_ACRONYM_AFTER = re.compile(r"['’]?s?\s*\(\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*")
_MAX_WORDS = 8
_BASED = re.compile(r"-[a-z]")


@dataclass(frozen=True, slots=True)
class _Words:
    heads: frozenset[str]
    of_heads: frozenset[str]
    weak_heads: frozenset[str]
    agency_heads: frozenset[str]
    state_heads: frozenset[str]
    generic: frozenset[str]
    not_first: frozenset[str]
    not_after: frozenset[str]
    head_refs: dict[str, tuple[str, ...]]
    heads_re: re.Pattern[str]
    firm_after: re.Pattern[str]
    firm_before: re.Pattern[str]


@cache
def _words() -> _Words:
    data = load("orgs")
    kinds = "|".join(re.escape(k) for k in sorted(data["not_party_kinds"], key=len, reverse=True))

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in data[key])

    return _Words(
        fs("heads"),
        fs("of_heads"),
        fs("weak_heads"),
        fs("agency_heads"),
        fs("state_heads"),
        fs("generic"),
        fs("not_first"),
        frozenset(w.lower() for w in fs("not_after")),
        {str(k): tuple(str(r) for r in v) for k, v in data["head_refs"].items()},
        re.compile(rf"\b(?:{'|'.join(sorted(fs('heads')))})\b"),
        re.compile(rf"(?:\s*\([^()]*\))?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{kinds})\b"),
        re.compile(rf"\b(?:{kinds})\s+(?:the\s+)?$"),
    )


@dataclass(frozen=True, slots=True)
class Org:
    """One organisation the article names, with every form it is written in."""

    id: str
    name: str
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgTable:
    """The organisations of one article (or briefing) and the regex over their forms."""

    orgs: tuple[Org, ...]
    pattern: re.Pattern[str] | None

    def terms(self, text: str) -> list[Term]:
        """Every form of a learned organisation in ``text``, as party words."""
        if self.pattern is None:
            return []
        owner = {f: o.id for o in self.orgs for f in o.forms}
        return [
            Term(m.start(1), m.end(1), m.group(1), "name", owner[m.group(1)], None, None)
            for m in self.pattern.finditer(text)
        ]

    def name(self, pid: str) -> str | None:
        """The full name of a learned organisation."""
        return next((o.name for o in self.orgs if o.id == pid), None)


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _joined(text: str, a: Token, b: Token) -> bool:
    """Whether two tokens are neighbours in one name: a space, maybe after a possessive."""
    gap = text[a.end : b.start]
    return gap in (" ", "' ", "’ ", "'s ", "’s ") or (gap == ". " and "." in a.text)


def _walk_back(text: str, toks: list[Token], h: int) -> int:
    """Index of the name's first word, for the head at ``h`` (``h`` when none)."""
    w = _words()
    i = h
    while i > 0 and h - i < _MAX_WORDS:
        prev = toks[i - 1]
        if not _joined(text, prev, toks[i]) or (prev.possessive and party_of(prev.text)):
            break  # "Astoria's Liberation Army": the owner is no part of the name
        if prev.text in _CONNECTORS and i - 2 >= 0 and i != h:
            before = toks[i - 2]
            if _capital(before) and before.text not in w.not_first:
                i -= 1
                continue
            break
        if not _capital(prev) or prev.text in w.not_first or _BASED.search(prev.text):
            break  # "the Astoria-based X Alliance": the place is no part of the name
        i -= 1
    while i < h and toks[i].text in _CONNECTORS:
        i += 1
    return i


def _walk_of(text: str, toks: list[Token], h: int) -> int:
    """Index of the last word of an "of" tail ("Group of 20", "Alliance of X States");
    "and" joins words of the tail, never a second name ("... States and the Y Group")."""
    if h + 1 >= len(toks) or toks[h + 1].text not in ("of", "for"):
        return h
    k = h + 2
    if k < len(toks) and toks[k].text == "the":
        k += 1
    last = h
    heads = _words().heads
    while k < len(toks) and _joined(text, toks[k - 1], toks[k]):
        tok = toks[k]
        if tok.text[:1].isupper() or tok.text.isdigit():
            joined = toks[k - 1].text in _TAIL_JOINS
            if joined and party_kind(party_of(tok.text) or "") == "country":
                break  # "Group of 20 and Astoria": the country is named on its own
            last = k
            if tok.text in heads:
                break
        elif tok.text not in _TAIL_JOINS or k + 1 >= len(toks) or toks[k + 1].text == "the":
            break
        k += 1
    return last


def _state_organ(words: list[str], head: str, first: str | None, acronym: bool) -> bool:
    """ "the <Demonym> Army", "<Country> National Defence Forces": a state's own organ;
    "<IGO> Interim Forces": a known body's own organ."""
    w = _words()
    if first is None:
        return False
    if party_kind(first) != "country":
        # "the UN <X> Programme (UNXP)" acts on its own; "the <IGO> Commission" is the IGO
        return not (acronym and head in w.agency_heads)
    return head in w.state_heads and all(x in w.generic or x in _CONNECTORS for x in words[1:-1])


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z][\w'’.-]*", name) if w[0].isupper() or w[0].isdigit()
    )


def _candidates(text: str) -> list[tuple[int, int, str | None]]:
    """Spans of organisation names in one sentence, with the bracketed acronym."""
    w = _words()
    toks = tokenize(text)
    found: list[tuple[int, int, str | None]] = []
    terms = find_terms(text)
    gaz = [(t.start, t.end) for t in terms if t.party is not None]
    for h, tok in enumerate(toks):
        if tok.text not in w.heads:
            continue
        first = _walk_back(text, toks, h)
        last = _walk_of(text, toks, h) if tok.text in w.of_heads else h
        if first == h and last == h:
            continue
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if (
            nxt is not None
            and _joined(text, toks[last], nxt)
            and (nxt.text in w.heads or nxt.text.lower() in w.not_after)
        ):
            continue  # a longer name, or "the X Party congress"
        words = [t.text for t in toks[first : last + 1]]
        if all(x in w.generic or x in _TAIL_WORDS or x == tok.text for x in words):
            continue  # "the National Security Council", "the Democratic Party"
        start, end = toks[first].start, toks[last].end
        owner = next((t.party for t in terms if t.start == start and t.party), None)
        if any(a < tok.end and tok.start < b for a, b in gaz):
            continue  # the gazetteer knows it ("the European Union")
        if w.firm_after.match(text, end) or w.firm_before.search(text, 0, start):
            continue  # "X Group, a consultancy": a firm or think tank is no party
        m = _ACRONYM_AFTER.match(text, end)
        acronym = m.group(1) if m and _ACRONYM.fullmatch(m.group(1)) else None
        if _state_organ(words, tok.text, owner or party_of(words[0]), acronym is not None):
            continue
        found.append((start, end, acronym))
    return found


def _key(name: str) -> str:
    """A learned party's id: the initials of its name with a state's abbreviation written
    out ("U.S. X Alliance" and "United States X Alliance" are one), so one body named in
    several articles is one party; the whole name when that is a gazetteer id."""
    written = name
    for t in reversed(find_terms(name)):
        full = party_name(t.party) if t.party and t.kind == "alias" else None
        if full:
            written = written[: t.start] + full + written[t.end :]
    initials = _initials(written)
    key = slugify(initials) if len(initials) >= 2 else slugify(name)
    return slugify(name) if party_name(key) is not None else key


def _standalone(word: str, body: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body) is not None


def find_orgs(article: Article) -> OrgTable:
    """The organisations the article's body names, each once, with its forms."""
    texts = [s.text for s in article.sentences if s.part != "caption"]
    names: dict[str, str | None] = {}
    body = "\n".join(texts)
    heads = _words().heads_re
    if heads.search(body) is None and "Government of" not in body:
        return OrgTable((), None)  # most articles name no body of their own
    for text in texts:
        if heads.search(text) is None:
            continue
        for start, end, acronym in _candidates(text):
            name = text[start:end]
            if acronym or name not in names:
                names[name] = acronym or names.get(name)
    if not names and "Government of" not in body:
        return OrgTable((), None)
    orgs: dict[str, tuple[str, set[str]]] = {}
    for name, acronym in sorted(names.items(), key=lambda kv: -len(kv[0])):
        short = acronym
        if short is None:
            initials = _initials(name)
            if len(initials) >= 2 and _standalone(initials, body):
                short = initials
        if short is None and _head(name) in _words().weak_heads:
            continue  # "the Standing Council of X": a body of a state or region
        if short is not None and party_of(short) is not None:
            continue  # a gazetteer body's abbreviation
        key = _key(name)
        full, forms = orgs.setdefault(key, (name, set()))
        forms.add(name)
        if short:
            forms.add(short)
        own = _initials(name.split(" of ")[0])  # "the X Front of Astoria" is also "the XF"
        if len(own) >= 2 and own != short and party_of(own) is None and _standalone(own, body):
            forms.add(own)
    table = tuple(Org(key, full, tuple(sorted(forms))) for key, (full, forms) in orgs.items())
    table += _government_acronyms(body)
    if not table:
        return OrgTable((), None)
    every = sorted({f for o in table for f in o.forms}, key=len, reverse=True)
    alternation = "|".join(re.escape(f) for f in every)
    pattern = re.compile(rf"(?<![\w.'’-])({alternation})(?=['’]s\b|['’]|(?![\w-]))")
    return OrgTable(table, pattern)


_GOVERNMENT_OF = re.compile(
    r"\bGovernment of (?:the )?(?:(?:Republic|Federal Republic|Kingdom|State) of (?:the )?)?"
    r"([A-Z][\w .'’-]{2,40}?)\s*\(([A-Z]{2,6})\)"
)
"""The formal name of a state's government with its acronym ("the Government of the
Republic of Astoria (GRA)"), used alone afterwards as that state ("the GRA panel")."""


def _government_acronyms(body: str) -> tuple[Org, ...]:
    """The acronyms a text gives a state's government: forms of that (gazetteer) state."""
    found: dict[str, set[str]] = {}
    for m in _GOVERNMENT_OF.finditer(body):
        pid = party_of(m.group(1))
        if pid is not None and party_kind(pid) == "country" and party_of(m.group(2)) is None:
            found.setdefault(pid, set()).add(m.group(2))
    return tuple(Org(pid, party_name(pid) or pid, tuple(sorted(f))) for pid, f in found.items())


def with_orgs(terms: list[Term], orgs: list[Term]) -> list[Term]:
    """Gazetteer words and learned names of one sentence; a name wins over a word inside it
    ("the <Country> Maritime Alliance" is the alliance, not the country)."""
    if not orgs:
        return terms
    kept = [t for t in terms if not any(o.start < t.end and t.start < o.end for o in orgs)]
    return sorted(kept + orgs, key=lambda t: t.start)


def learned_terms(parties: list[PartyRef]) -> dict[int, list[Term]]:
    """The mentions of parties the gazetteer does not know, per sentence, as party words:
    how the people and stance finders see the article's own organisations."""
    out: dict[int, list[Term]] = {}
    for p in parties:
        known = party_name(p.id) is not None
        for m in p.mentions:
            if known and not (_ACRONYM.fullmatch(m.text) and party_of(m.text) is None):
                continue  # a gazetteer word; only an acronym the text gave is learned
            out.setdefault(m.sentence, []).append(
                Term(m.start, m.end, m.text, "name", p.id, None, None)
            )
    return out


def _head(name: str) -> str | None:
    """The head noun of an organisation's name ("Union" of "the X Union of Y")."""
    words = re.split(r" (?:of|for) ", name)[0].split()
    return words[-1] if words and words[-1] in _words().heads else None


def org_refs(pid: str, name: str) -> tuple[str, ...]:
    """Descriptions of an organisation the article names itself, from its head noun
    ("the union" for "the X Dockworkers' Union"); none for a gazetteer party."""
    if party_name(pid) is not None:
        return ()
    w = _words()
    head = _head(name)
    if head is None:
        return ()
    own = f"the {head.lower()}"
    extra = w.head_refs.get(head, ())
    return (own, *(r for r in extra if r != own))
