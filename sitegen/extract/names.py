"""What looks like a person's name in a sentence, and how name spellings compare.

A name is a run of capitalised words (with particles such as "al-" or "bin"
inside) that is not a country, place, organisation, outlet, title or common
capitalised word. Spellings compare through transliteration rules from
``data/names.yaml`` so "-yy", "-iy" and "-y" endings meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import NamedTuple

from sitegen.data import load
from sitegen.extract.literals import Guarded, Needles, trie_alternation

_TOKEN = re.compile(r"[^\W_][\w\-'’.]*[\w]|[^\W_]")
_TOKEN_ASCII = re.compile(_TOKEN.pattern, re.ASCII)
r"""``_TOKEN`` for an ASCII text: the same words (``\w`` is ``[a-zA-Z0-9_]`` there either
way), but ``re`` tests a table instead of Unicode's categories for each character."""
_PREFIX_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|ad|ibn|bin|abu|ben)-", re.I)
_CAP_END = re.compile(r"([A-Z][\w]*)\s+$")
_BODY_AFTER = re.compile(r"['’]s?\s+(\w+)(?=\s)")
_SPACE_AFTER = re.compile(r"['’]?s?\s")
_WORDS = re.compile(r"[\w']+")
_LAST_WORD = re.compile(r"[\w']+")
"""A word's characters, matched on a reversed text: the run that ends the text."""
_APOSTROPHES = ("'", "’")
_new_tuple = tuple.__new__
_LOWER_AFTER_HYPHEN = re.compile(r"-[a-z]{3,}")
_CONTRACTION = re.compile(r"\w['’]t\b")
_HYPHEN_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{2,5}")
_COMPOUND_TAILS = frozenset({"run", "led", "born", "made", "wide", "free", "like", "era", "type"})
"""English compounds a hyphenated given name is not ("Hamas-run", "Nation-wide")."""
_OWNER_OF = re.compile(r"['’]s?\s+(\w+)")
_INITIALS = re.compile(r"[A-Z]{2}")


class Token(NamedTuple):
    """A word of a sentence (a named tuple: a long sentence makes dozens, and building
    a frozen dataclass costs twice as much)."""

    start: int
    end: int
    """End of the word without any possessive ``'s``."""
    text: str
    possessive: bool = False


@dataclass(frozen=True, slots=True)
class NameWords:
    """Word lists from ``data/names.yaml`` and ``data/roles.yaml``, as sets."""

    common: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]
    phrases: Guarded
    """Outlets, institutions and events that look like names, behind the test that one
    of them stands in the sentence at all (in lower case: the pattern ignores case)."""
    verbs: frozenset[str]
    adverbs: frozenset[str]
    rules: tuple[tuple[re.Pattern[str], str], ...]
    place_prefixes: frozenset[str]
    bodies: frozenset[str]
    org_nouns: frozenset[str]
    first_name_titles: frozenset[str]
    honorifics: frozenset[str]
    descriptors: frozenset[str]
    surname_first: frozenset[str]
    month_surnames: frozenset[str]
    portfolio: frozenset[str]


@cache
def words() -> NameWords:
    """The word lists (cached, read-only)."""
    names = load("names")
    roles = load("roles")
    common = set(names["common_words"]) | set(names["months"]) | set(names["weekdays"])
    listed = [str(p) for p in names["phrases"]]
    phrases = trie_alternation(listed)  # longest first
    needles = Needles(tuple(dict.fromkeys(p.lower() for p in listed)), folded=True)
    # ASCII only: a letter beyond it may match, ignoring case, one its lower case is not
    sure = bool(listed) and all(p.isascii() for p in listed)
    return NameWords(
        common=frozenset(common),
        particles=frozenset(names["particles"]),
        titles=frozenset(roles["titles"]),
        phrases=Guarded(
            re.compile(rf"(?<!\w)(?:{phrases})(?!\w)", re.IGNORECASE), (needles,) if sure else ()
        ),
        verbs=frozenset(names["reporting_verbs"]),
        adverbs=frozenset(names["verb_adverbs"]),
        rules=tuple((re.compile(a), b) for a, b in names["transliteration"]),
        place_prefixes=frozenset(names["place_prefixes"]),
        bodies=frozenset(names["speaking_bodies"]),
        org_nouns=frozenset(names["org_nouns"]),
        first_name_titles=frozenset(names["first_name_titles"]),
        honorifics=frozenset(names["honorifics"]),
        descriptors=frozenset(names["descriptors"]),
        surname_first=frozenset(names["surname_first_words"]),
        month_surnames=frozenset(names["month_surnames"]),
        portfolio=frozenset(names["portfolio_words"]),
    )


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; a trailing ``'s`` is noted, not kept."""
    return list(_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    """``tokenize``, remembered: people and their roles tokenize each sentence twice.

    A word of ``_TOKEN`` ends in a word character, so only a possessive ``'s`` is
    cut off; the tuples are built with ``tuple.__new__``, as ``Token(...)`` runs the
    named tuple's Python ``__new__`` for each of a sentence's dozens of words. The words
    come from ``findall`` (no match object each) and their places from ``str.find``
    after the last word's end: a word of the text there is where ``re`` matched it."""
    out: list[Token] = []
    add = out.append
    find = text.find
    end = 0
    for word in (_TOKEN_ASCII if text.isascii() else _TOKEN).findall(text):
        start = find(word, end)
        end = start + len(word)
        if word[-1] == "s" and len(word) > 2 and word[-2] in _APOSTROPHES:
            add(_new_tuple(Token, (start, end - 2, word[:-2], True)))
        else:
            add(_new_tuple(Token, (start, end, word, False)))
    return tuple(out)


def is_particle(word: str) -> bool:
    """Whether a word is a name particle ("al", "bin", "van")."""
    return word in words().particles


@lru_cache(maxsize=16384)
def looks_like_name(word: str) -> bool:
    """A capitalised word with lower-case letters and no digits ("Umarov", "al-Hayya");
    remembered, as the same words come back in every sentence."""
    # a particle prefix ends in a hyphen within the first five characters
    core = _PREFIX_PARTICLE.sub("", word) if "-" in word[:5] else word
    if not core or not core[0].isupper() or any(c.isdigit() for c in word):
        return False
    if _LOWER_AFTER_HYPHEN.search(core) or _CONTRACTION.search(core):
        return False  # "State-affiliated", "Iran-backed", "Gov't": no name words
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and any(c.islower() for c in letters)


@lru_cache(maxsize=4096)
def is_hyphen_given(word: str) -> bool:
    """A two-syllable given name joined by a hyphen, the second part in lower case, as
    style guides romanise Korean names after the surname ("Yoon Soo-min", "Park
    Ji-hoon"): a name word there, though "Iran-backed" is none."""
    if not _HYPHEN_GIVEN.fullmatch(word):
        return False
    tail = word.split("-", 1)[1]
    return tail not in _COMPOUND_TAILS and not tail.endswith(("ed", "ing", "ly"))


@lru_cache(maxsize=16384)
def is_non_name(word: str) -> bool:
    """Common capitalised words, months, weekdays, and titles are never names (remembered:
    each word of each run is asked about several times)."""
    w = words()
    return word in w.common or word in w.portfolio or is_title(word)


def is_portfolio(word: str) -> bool:
    """A minister's portfolio word ("Irrigation"): part of a role, never of a name."""
    return word in words().portfolio


@lru_cache(maxsize=4096)
def is_title(word: str) -> bool:
    """A personal title, also hyphenated into a compound ("Under-Secretary-General"),
    which ends in a title: "Sheikh-Ali" is a surname that begins with one."""
    titles = words().titles
    return word in titles or ("-" in word and word.rsplit("-", 1)[1] in titles)


def month_surname(word: str) -> bool:
    """A month name that is also a surname ("May")."""
    return word in words().month_surnames


def opens_surname_first(word: str) -> bool:
    """A surname written first that is also an English word ("He" of "He X")."""
    return word in words().surname_first


def is_place_prefix(word: str) -> bool:
    """A word that opens a place name ("Deir el-Balah", "Beit Hanoun", "Kafr Aqab")."""
    return word in words().place_prefixes


def is_org_noun(word: str) -> bool:
    """A word that ends an organisation's, place's or product's name ("Markets")."""
    return word in words().org_nouns


def first_name_title(text: str, start: int) -> bool:
    """Whether an honorific that goes with a first name ("Sheikh", "Prince") stands
    right before ``start``."""
    m = _CAP_END.search(text[:start])
    return m is not None and m.group(1) in words().first_name_titles


def tail_of(full: str, short: str) -> bool:
    """Whether a two-word name is the end of a longer one ("Garcia Lopez" of
    "Maria Garcia Lopez"): a double surname written without the first name."""
    a, b = name_parts(full), name_parts(short)
    if len(a) < len(b):
        a, b = b, a
    if len(b) < 2 or len(a) <= len(b):
        return False
    return [word_key(w) for w in a[-len(b) :]] == [word_key(w) for w in b]


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of outlets, institutions and events that look like names."""
    return [m.span() for m in words().phrases.finditer(text)]


def fold(text: str) -> str:
    """Lower case without accents, with straight apostrophes."""
    text = text.replace("’", "'")
    if text.isascii():
        return text.casefold()  # NFKD leaves ASCII as it is: no accent to take off
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=16384)
def word_key(word: str) -> str:
    """A spelling-independent key for one name word ("Mikhailov" -> "mihailov")."""
    key = re.sub(r"[^a-z]", "", _PREFIX_PARTICLE.sub("", fold(word)))
    for rx, repl in words().rules:
        key = rx.sub(repl, key)
    return key


def name_parts(name: str) -> list[str]:
    """The name's words, without particles ("Mohammed bin Salman" -> Mohammed, Salman) or
    leading honorifics ("Seyed Abbas X" -> Abbas, X)."""
    parts = [w for w in name.replace(".", ". ").split() if w and not is_particle(w)]
    honorifics = words().honorifics
    while len(parts) > 1 and parts[0].rstrip(".") in honorifics:
        parts = parts[1:]
    return parts


def surname_key(name: str) -> str:
    """Key of the last name word; of a hyphenated one, its last part, as copy writes the
    same double surname with and without the hyphen ("Marten-Osei", "Marten Osei")."""
    parts = name_parts(name)
    return word_key(parts[-1].rsplit("-", 1)[-1]) if parts else ""


def first_key(name: str) -> str | None:
    """Key of the first name word, or None for a lone surname."""
    parts = name_parts(name)
    if len(parts) < 2:
        return None
    return word_key(re.split(r"[-.]", parts[0])[0]) or None


def firsts_compatible(a: str | None, b: str | None) -> bool:
    """Same first name, one an initial of the other, or one missing."""
    if a is None or b is None:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def same_name(a: str, b: str) -> bool:
    """Whether two written names can be the same person by spelling alone."""
    if surname_key(a) != surname_key(b) or not surname_key(a):
        return False
    return firsts_compatible(first_key(a), first_key(b))


def is_full(name: str) -> bool:
    """A name with a first name and a surname."""
    return len(name_parts(name)) >= 2


def verb_follows(text: str, end: int) -> bool:
    """Whether a reporting verb follows position ``end`` ("X said", "X also told",
    "X's office said")."""
    w = words()
    rest = text[end:]
    body = _BODY_AFTER.match(rest)
    if body and body.group(1) in w.bodies:
        rest = rest[body.end() :]
    if rest.startswith(", "):
        rest = rest[1:]  # "the chief negotiator, X, stated"
    if not _SPACE_AFTER.match(rest) and rest:
        return False
    for word in (m.group() for m in islice(_WORDS.finditer(rest), 4)):
        if word in w.verbs:
            return True
        if word not in w.adverbs:
            return False
    return False


def is_initials(word: str) -> bool:
    """Two capital letters that are a person's initials when a name follows ("JD X")."""
    # the length first: this is asked of every word of every sentence
    return len(word) == 2 and bool(_INITIALS.fullmatch(word)) and word not in words().common


def descriptor_before(text: str, start: int) -> bool:
    """Whether a describing noun stands right before ("dictator X", "X's aide" aside)."""
    if not text[:start].endswith(" "):
        return False
    last = _last_word(text[:start].rstrip())
    return bool(last) and last in words().descriptors


def possessive_of_role(text: str, end: int) -> bool:
    """Whether the name is the possessor of a role ("X's aide", "X's spokesman")."""
    m = _OWNER_OF.match(text, end)
    return m is not None and m.group(1) in words().descriptors


def verb_precedes(text: str, start: int) -> bool:
    """Whether a reporting verb stands just before ("..., said X." / "according to X")."""
    before = text[:start].rstrip()
    if before.endswith("according to"):
        return True
    last = _last_word(before)
    return bool(last) and last in words().verbs


def _last_word(text: str) -> str:
    r"""The run of word characters and apostrophes that ends ``text`` (what ``([\w']+)$``
    finds), or "": read from the end of the reversed text, where ``re`` would try the
    pattern at every position of it."""
    m = _LAST_WORD.match(text[::-1])
    return m.group()[::-1] if m else ""
