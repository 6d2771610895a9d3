"""Labels for issues the taxonomy does not know: the text's own noun phrase.

A stance's object or an agenda item is a clause of news copy ("all parties to
agree to X's peace plan", "a pledge for Y not to seek membership of Z"); the
label is the noun phrase in it that names the matter: its head and modifiers,
without the addressee, the verb, determiners, possessors or party names, and a
generic head ("pledge", "date") gives way to its complement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load

_QUOTES = (("“", " "), ("”", " "), ('"', " "), ("‘", " "), ("’", "'"), ("«", " "), ("»", " "))


def mask(text: str) -> str:
    """Blank out quotation marks (same length) so patterns see plain words.

    One ``str.replace`` per mark: ``str.translate`` with a table of them cost twenty
    times as much, and every sentence is masked."""
    if text.isascii():
        return text.replace('"', " ")
    for mark, blank in _QUOTES:
        text = text.replace(mark, blank)
    return text


_LEAD = re.compile(
    r"^(?:(?:the|a|an|any|all|its|their|his|her|our|this|these|those|such|both|each|other|"
    r"further|possible|potential|so-called|new|several|some|to|on|of|over|about|for|also|"
    r"still|only|even|then|now|already|mainly|mostly|largely|"
    r"including|include|includes|as|well|namely)\s+|[\w.-]+['’]s?\s+)+",
    re.IGNORECASE,
)
_TAIL_CUT = re.compile(
    r",|;|:|\s(?:that|which|who|where|in|at|by|with|between|from|into|under|within|if|"
    r"before|after|while|since|until|as|is|are|was|were|will|would|has|have|had|and then|"
    r"must|should|could|can|may|might|be|been|being|over|through|without|via|"
    r"drew|faced|sparked|prompted|triggered|received|met|won|got|"
    r"to be|during|amid|for|and|or|but|nor|told|said|says|say|added|"
    r"to [a-z]+ (?:the|a|an|its|their|all|this|these|those|that))\s",
    re.IGNORECASE,
)
_VERB_CUT = re.compile(
    r"\s(?:[a-z]+ed|began|begun|came|went|made|took|held|left|met)\s"
    r"(?:on|in|at|by|with|without|to|from|that|after|before|during|over|since)\s",
    re.IGNORECASE,
)
"""A past verb followed by a preposition ends the noun phrase ("the talks ended
without ..."; "the format arranged by ..."): what follows is the clause."""
_GERUND_OWNER = re.compile(r"^[a-z]+ing\s+(?=[A-Z][\w.-]*['’]s?\s)")
_GERUND = re.compile(r"^[a-z]+ing\s+(?=(?:the|a|an|its|their|all|his|her)\s)")
_PLURAL_ONLY = frozenset(
    [
        "talks",
        "arms",
        "means",
        "news",
        "series",
        "relations",
        "hostilities",
        "affairs",
        "goods",
        "services",
    ]
)
_WORDY = re.compile(r"[a-z][a-z'-]+")
_DOCUMENTS = re.compile(
    r"^(?:(?:draft|final|peace|framework|comprehensive|interim|preliminary|joint|text of the|"
    r"new|latest|revised|proposed|formal|bridging)\s+)*(?:deal|agreement|accord|plan|"
    r"proposals?|draft|treaty|text|document|framework|memorandum|declaration|terms|offer|talks|"
    r"negotiations|process|peace|it|them|this|that)$"
)


def open_label(
    phrase: str, vague: frozenset[str], names: frozenset[str] = frozenset()
) -> str | None:
    """The text's own noun phrase for an issue the taxonomy does not know: determiners,
    possessives and party names dropped, cut at the clause, the last word singular;
    None for vague words, a bare proper name and the deal as a whole.

    What a verb or a generic noun governs is the matter: "all parties to agree to X"
    and "a pledge for Y not to seek Z" are about X and Z. When that object gives no
    label, the phrase as written is read instead."""
    plain = mask(phrase).strip(" .'")
    words = _object(plain.split(), names)
    if words:
        # "to agree to X's plan": the deal as a whole; "to allow all civilians to
        # leave", "to pressure X regarding Y": the object names no matter, and the
        # verb phrase around it is none either
        return _written(_label(" ".join(words), vague, names), plain)
    return _written(_label(plain, vague, names), plain)


def _written(label: str | None, plain: str) -> str | None:
    """The label with the text's capitals on proper names kept ("Harbour Alliance",
    not "harbour alliance"); a capital that only opens the phrase is not kept."""
    if label is None:
        return None
    spelt = {m.group(0).lower(): m.group(0) for m in _SPELT.finditer(plain) if m.start()}
    return " ".join(spelt.get(w, w) for w in label.split())


def _object(words: list[str], names: frozenset[str]) -> list[str]:
    """The words after the verb or generic noun that governs them, or [] when the
    phrase opens with neither: "(the parties) to agree to X" -> X, "a pledge for Y
    not to seek Z" -> Z, "a specific date for X" -> X."""
    lex = _label_words()
    low = [_bare(w) for w in words]
    at = 0
    while at < len(low) and low[at] in _DETERMINERS:
        at += 1
    for k in range(at, min(at + 3, len(low) - 1)):  # "a (specific) date for ..."
        if low[k] in lex.generic and low[k + 1] in _COMPLEMENT:
            rest = words[k + 2 :]  # its complement is the matter
            return _object(rest, names) or rest
        if not _WORDY.fullmatch(low[k]) or low[k] in _TRAILING:
            break
    if at == 0 and low and low[0] in lex.verbs and low[1:2] != ["of"]:
        return _after_verb(words, low, 1, names)
    for n, word in enumerate(low[:6]):  # "(all) parties to ...", "Y not to ...": an addressee
        if word != "to":
            continue
        before = [(w, low[i]) for i, w in enumerate(words[:n]) if low[i] != "not"]
        if all(_addressee(w, b, names) for w, b in before):
            verb = low[n + 1] if n + 1 < len(low) else ""
            if verb and verb not in _DETERMINERS and _WORDY.fullmatch(verb):
                return _after_verb(words, low, n + 2, names)
        break
    return []


def _addressee(word: str, low: str, names: frozenset[str]) -> bool:
    """A word of whom a demand is made: a party, a name, or "(all) parties"."""
    return (
        low in names
        or low in _DETERMINERS
        or word[:1].isupper()
        or _singular(low) in _label_words().addressees
    )


def _after_verb(words: list[str], low: list[str], at: int, names: frozenset[str]) -> list[str]:
    """The object after a verb: particles, gerunds ("stop supporting") and the party it
    is aimed at ("pressure X regarding Y") skipped."""
    while at < len(low) and (
        low[at] in _PARTICLES or low[at] in names or (low[at].endswith("ing") and len(low[at]) > 5)
    ):
        at += 1
    rest = words[at:]
    return _object(rest, names) or rest


def _bare(word: str) -> str:
    """A word in lower case without surrounding punctuation or a possessive ending."""
    return _POSSESSIVE.sub("", word.lower().strip(".,;:"))


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


_POSSESSIVE = re.compile(r"['’]s?$")
_SPELT = re.compile(r"\b[A-Z][\w-]*[A-Za-z]")
"""A word written with a capital: a proper name, or a word opening the phrase."""
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "all",
        "any",
        "both",
        "each",
        "every",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "these",
        "those",
        "such",
        "some",
    ]
)
_PARTICLES = frozenset(
    [
        "to",
        "not",
        "on",
        "with",
        "for",
        "up",
        "out",
        "off",
        "about",
        "from",
        "away",
        "down",
        "back",
        "regarding",
        "over",
        "into",
        "towards",
        "toward",
        "against",
        "by",
    ]
)
_PAIRED = re.compile(r"(.+\bof\s+[a-z-]+)\s+and\s+([a-z]+)", re.IGNORECASE)
"""A pair after "of" ("of law and order"): one matter, not two."""
_OF_DOCUMENT = re.compile(
    r"(.+?) of (?:the )?(?:deal|agreement|accord|plan|treaty|declaration|framework|memorandum)"
)
_COMPLEMENT = frozenset({"of", "for", "to", "on", "over", "about"})
_TRAILING = _PARTICLES | _DETERMINERS | frozenset({"of", "in", "at", "and", "or", "between"})
"""Words a noun phrase does not end with: a cut that leaves one took too little."""


def _label(plain: str, vague: frozenset[str], names: frozenset[str]) -> str | None:
    plain = re.sub(r"^\s*to\s+", "", plain)
    pair = _PAIRED.fullmatch(plain)
    if pair:  # "restoration of law and order": the clause cut would part the pair
        found = _label(pair.group(1), vague, names)
        tail = f" and {pair.group(2).lower()}"
        return (
            found + tail if found and found.endswith(pair.group(1).split()[-1].lower()) else found
        )
    cut = _TAIL_CUT.split(" " + plain + " ")[0].strip()
    cut = _VERB_CUT.split(" " + cut + " ")[0].strip()
    cut = _GERUND_OWNER.sub("", cut)  # "outlining Nicosia's positions": the positions
    kept = [w for w in cut.split() if _bare(w) not in names]
    owner = max((n for n, w in enumerate(kept[:-1]) if _POSSESSIVE.search(w)), default=-1)
    if all(_addressee(w, _bare(w), names) for w in kept[:owner]):
        kept = kept[owner + 1 :]  # "the X's peace plan": what is owned, not the owner
    label = _LEAD.sub("", " ".join(kept)).strip(" .,'’").lower()
    label = _LEAD.sub("", _GERUND.sub("", label))  # "ensuring the safety of ..."
    words = [_POSSESSIVE.sub("", w) for w in label.split()[:5]]
    while words and (words[-1] in _TRAILING or _loose_end(words)):
        words.pop()  # "annex of agreement on": five words cut mid-phrase
    if not words or not all(_WORDY.fullmatch(w) for w in words):
        return None
    owned = _OF_DOCUMENT.fullmatch(" ".join(words))
    if owned:  # "the implementation annex of the accord": the annex, not the accord
        words = owned.group(1).split()
    if _CLAUSE_WORDS & set(words) or _no_noun(words):
        return None  # "what it calls X", "hoping", "the seriously wounded": no noun phrase
    last = words[-1]
    written = re.search(rf"\b{re.escape(last)}\b", plain, re.IGNORECASE)
    proper = written is not None and written.group(0)[:1].isupper()
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is", "ies"))
    plural = plural and last not in _PLURAL_ONLY
    if len(last) > 4 and not proper and plural:
        words[-1] = last[:-1]
    label = " ".join(words)
    capitals = [w for w in plain.split() if w[:1].isupper()]
    named = len(words) > 1 and all(w.title() in capitals or w.upper() in capitals for w in words)
    if (len(words) == 1 and proper) or (named and not owned):  # an annex of the deal is one
        return None  # a bare place or group name ("the question of Astoria") is no matter
    if label in vague or _DOCUMENTS.match(label) or len(label) < 4:
        return None
    if len(words) == 1 and label in _label_words().generic:
        return _modified(cut, label, names)  # "a Belmarian state", not "state"
    first, head = _label_stops()
    last = words[-1]
    singular = {last, last[:-1], last[:-3] + "y"} if last.endswith("s") else {last}
    if words[0] in first or singular & head:
        return None
    return label


def _no_noun(words: list[str]) -> bool:
    """Whether the words are a verb form, not a noun phrase naming a matter: a lone
    gerund ("ensuring"), a gerund with its infinitive ("aiming to ease ..."), a
    participle after an adverb ("seriously wounded") or a plural subject with its
    verb ("the militias withdraw")."""
    first, last = words[0], words[-1]
    if first.endswith("ing") and (len(words) == 1 or words[1] == "to"):
        return True
    if len(words) == 2 and first.endswith("ly") and last.endswith("ed"):
        return True
    return len(words) > 1 and last in _label_words().verbs and words[-2].endswith("s")


def _loose_end(words: list[str]) -> bool:
    """The last word is an adverb or a participle after a noun ("compromises presented",
    "obligations expediently"), not the head ("the seriously wounded" keeps its own)."""
    last = words[-1]
    if len(words) < 2 or len(last) < 5:
        return False
    before = words[-2]
    return last.endswith("ly") or (
        last.endswith("ed") and not before.endswith("ly") and before not in _TRAILING
    )


def _modified(cut: str, head: str, names: frozenset[str]) -> str | None:
    """A generic noun with the party word that qualifies it ("a Belmarian state"), or
    None: alone, it names no matter."""
    words = [_bare(w) for w in cut.split()]
    for n, word in enumerate(words[1:], start=1):
        if _singular(word) == head or word == head:
            modifier = words[n - 1]
            if modifier in names and modifier not in _DETERMINERS and _WORDY.fullmatch(modifier):
                return f"{modifier} {head}"
            break
    return None


@dataclass(frozen=True, slots=True)
class _LabelWords:
    verbs: frozenset[str]
    """Verbs whose object is the matter ("agree to X", "stop X")."""
    generic: frozenset[str]
    """Nouns that name no matter alone ("a pledge", "the date"): their complement does."""
    addressees: frozenset[str]
    """Who a demand is made of ("all parties to ..."), singular."""


@cache
def _label_words() -> _LabelWords:
    data = load("issues")["label_words"]
    return _LabelWords(
        *(frozenset(str(w).lower() for w in data[k]) for k in ("verbs", "generic", "addressees"))
    )


_CLAUSE_WORDS = frozenset({"what", "which", "who", "whom", "whose", "whatever"})
"""Words that open a clause: a phrase holding one names no matter of its own."""


@cache
def _label_stops() -> tuple[frozenset[str], frozenset[str]]:
    """Words that make a phrase no issue label: as its first word (a time, a pronoun,
    a verb: the phrase is a clause), or as its head (a generic or document noun)."""
    stops = load("issues")["label_stops"]
    return (
        frozenset(str(w).lower() for w in stops["first"]),
        frozenset(str(w).lower() for w in stops["head"]),
    )
