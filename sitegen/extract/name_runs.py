"""Runs of capitalised words that may be people's names, sentence by sentence.

A run is trimmed of titles, portfolios, common words and particles at its edges
(a title inside it ends a department's name: "Finance Secretary X"); outlets,
credits, organisations and places are set aside. Split from ``people.py``, which
groups the candidates into people and gives them roles and sides.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

from sitegen.extract.gazetteer import Term
from sitegen.extract.name_joins import suffix_end, unglued, with_initials, with_nicknames
from sitegen.extract.names import (
    Token,
    blocked_spans,
    descriptor_before,
    first_name_title,
    is_hyphen_given,
    is_initials,
    is_non_name,
    is_org_noun,
    is_particle,
    is_place_prefix,
    is_title,
    looks_like_name,
    month_surname,
    opens_surname_first,
    possessive_of_role,
    tokenize,
    verb_follows,
    verb_precedes,
)
from sitegen.extract.names import words as name_words
from sitegen.extract.parties import sentence_terms
from sitegen.extract.roles import SentenceView, is_role_noun, title_before
from sitegen.models import Article

_MAX_NAME_WORDS = 5
_CREDIT_BEFORE = re.compile(r"(?:photo(?:graph)?s? by|credit:?|image:?|photo\s*/)\s*$", re.I)
_OUTLET_AFTER = re.compile(
    r"\s+(?:website|newspaper|daily|weekly|news\s+(?:agency|website|portal|outlet)|"
    r"broadcaster|tabloid|magazine|TV|television|radio)\b"
)
_ADMINISTRATION = re.compile(r"\s+administration\b")
_ADJECTIVE_ENDINGS = ("al", "ary", "ive", "ic", "ian", "ese", "ish", "ist", "ory")
"""'the Transitional administration', 'the Federal administration': no surname."""
_BRACKET_GAP = (") ", "] ")
"""An editor's insertion closes right before the surname: "(Joe) X", "[President Joe] X"."""
_GAPS = (" ", "\u00a0", *_BRACKET_GAP)
"""What may stand between two words of one name."""
_NOUN_ENDINGS = ("ions", "ments", "ities", "nesses", "ings", "ances", "ences")
"""Endings of plural common nouns that open sentences ("Tensions rose"), never names."""
_WORD_OR_COMMA = re.compile(r"[\w,;]")
_BACK = 60
"""Characters before a run that the end-anchored patterns below need to read."""
_COUNTED = re.compile(r"\b(?:two|three|four|both)\s+$", re.IGNORECASE)
"""A lone word after a number is a plural ("the two Koreas"), not a surname."""
_DATELINE_DASH = re.compile(r"\s*(?:--|[—–])\s*[A-Z]")
"""A place opening the body before a dash and the lede ("Port Elin — The talks")."""
_INSIDE_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+(?:of|for)\s+(?:the\s+)?$")
"""A run right after "Line of", "Committee for the" goes on a longer name of a thing."""
_INSIDE_NAME_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_WHERE = re.compile(r"\b(?:[Ii]n|at)\s+(?:the\s+)?[“\"‘']?$")
"""Where something happens is a place or a building ("held at the X", "in the 'Y'")."""
_TRAVELLED_TO = re.compile(
    r"\b(?:visit|visits|trip|travel(?:led|ed|s)?|journey|flight|flew|arriv(?:ed|es|ing|al)|"
    r"return(?:ed|s|ing)?)\s+(?:to|in)\s+$",
    re.IGNORECASE,
)
"""Where someone goes is a place ("the visit to X by the minister", "arrived in Y")."""


@dataclass(slots=True)
class Candidate:
    sentence: int
    start: int
    end: int
    text: str
    full: bool
    supported: bool
    """A title stands before it or it is the subject of a reporting verb."""
    by_first: bool = False
    """A lone word after an honorific that goes with a first name ("Sheikh Mohammed")."""


def _credit_before(before: str) -> bool:
    """``_CREDIT_BEFORE.search(before)``, searched only when ``before`` ends (spaces aside)
    as every match does, in "by", ":", "/", "credit" or "image": the pattern is tried at
    every position of the text. A tail beyond ASCII is searched (``re.IGNORECASE`` matches
    "i" to a dotless one, which ``lower`` does not)."""
    tail = before.rstrip()[-6:]
    if tail.isascii() and not tail.lower().endswith(("by", ":", "/", "credit", "image")):
        return False
    return _CREDIT_BEFORE.search(before) is not None


def _sentence_start(text: str, tok: Token) -> bool:
    return not _WORD_OR_COMMA.search(text, 0, tok.start)


def _runs(text: str, toks: list[Token], blocked: list[tuple[int, int]]) -> list[list[Token]]:
    """Maximal runs of name-like words joined by single spaces (loops written out:
    this reads every word of every sentence)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    particles = name_words().particles
    for i, tok in enumerate(toks):
        word = tok.text
        if not word[0].isupper() and "-" not in word[:5] and word not in particles:
            # a lower-case word without a particle prefix ("al-") is no name word, no
            # initials and no given name: most words of a sentence end here
            if cur:
                runs.append(cur)
                cur = []
            continue
        # most words are not name-like: test that before the blocked spans (either closes)
        ok = (
            looks_like_name(word)
            or (bool(cur) and word in particles)
            or (len(word) == 2 and is_initials(word) and _name_follows(text, toks, i))  # "JD X"
            or (bool(cur) and "-" in word and is_hyphen_given(word))  # "Park Ji-hoon"
        )
        if ok and blocked:
            start, end = tok.start, tok.end
            for a, b in blocked:
                if a <= start < b or a < end <= b:
                    ok = False
                    break
        if not ok:
            if cur:
                runs.append(cur)
                cur = []
            continue
        if cur:
            last = cur[-1]
            if last.possessive or text[last.end : tok.start] not in _GAPS:
                runs.append(cur)
                cur = []
        cur.append(tok)
    if cur:
        runs.append(cur)
    return runs


def _leader_of_administration(text: str, start: int, end: int) -> bool:
    """'the Marlow administration' (US style): a surname naming the president whose
    government it is; a demonym or place there is a term, so never reaches this."""
    if _ADMINISTRATION.match(text, end) is None or not text[:start].endswith("the "):
        return False
    return " " not in text[start:end] and not text[start:end].endswith(_ADJECTIVE_ENDINGS)


def _name_follows(text: str, toks: list[Token], i: int) -> bool:
    """Whether a name word follows word ``i`` after a single space."""
    if i + 1 >= len(toks) or text[toks[i].end : toks[i + 1].start] != " ":
        return False
    nxt = toks[i + 1].text
    return looks_like_name(nxt) and not is_non_name(nxt)


def _trim(text: str, run: list[Token], lower_words: Container[str]) -> list[Token]:
    """Drop titles, common words and particles from the edges of a run; a run ending
    in an organisation noun ("Capital Markets") is that organisation."""
    if len(run) > 1 and is_org_noun(run[-1].text) and not run[-1].possessive:
        return []
    if len(run) > 1 and any(
        is_org_noun(t.text) and is_particle(run[i + 1].text) for i, t in enumerate(run[:-1])
    ):
        return []  # "Meeting Point at X": a place's name goes on after its noun
    titled = _after_inner_title(run)
    if titled is not run:
        run = titled  # "Finance Secretary X Y": the department word before the title
    after_title = False
    while run and (
        is_non_name(run[0].text)
        or is_particle(run[0].text)
        or (len(run) > 1 and is_role_noun(run[0].text.lower()))  # "Envoys X and Y"
        or (_sentence_start(text, run[0]) and run[0].text.lower() in lower_words)
    ):
        if _surname_first(text, run, after_title) or _given_after(run):
            break
        after_title = is_title(run[0].text)
        run = run[1:]
    while run and (is_non_name(run[-1].text) or is_particle(run[-1].text)):
        if _month_surname(text, run):
            break
        if run[-1].possessive:
            return []
        run = run[:-1]
    if (
        (len(run) > 2 and any(is_non_name(t.text) for t in run[1:-1]))
        or (len(run) > 1 and is_non_name(run[-1].text) and not _month_surname(text, run))
        or (
            run
            and is_non_name(run[0].text)
            and not opens_surname_first(run[0].text)
            and not _given_after(run)
        )
    ):
        return []
    if len(run) > 1 and is_place_prefix(run[0].text):
        return []  # "Deir el-Balah", "Beit Hanoun": a place
    return run


def _given_after(run: list[Token]) -> bool:
    """A surname that is also a common word before a hyphenated given name ("Moon
    Ji-hoon", "Rain Soo-ah"): a name written surname first, not a word to trim."""
    return len(run) == 2 and is_hyphen_given(run[1].text) and not is_title(run[0].text)


def _after_inner_title(run: list[Token]) -> list[Token]:
    """The words after a title inside a run ("Treasury Secretary X Y" -> "X Y"), when
    the run goes on with at least one name word; else the run itself (a run of one or
    two words always: its title would be first or last; most runs are that short)."""
    if len(run) < 3:
        return run
    common = name_words().common
    for last in range(len(run) - 1, 0, -1):  # the last title, read from the end
        word = run[last].text
        if is_title(word) and word not in common:
            break
    else:
        return run  # no title after the first word
    if last == len(run) - 1 or run[last].possessive:
        return run
    return run[last + 1 :]


def _month_surname(text: str, run: list[Token]) -> bool:
    """Whether the run ends in a month that is a surname after a given name ("Theresa
    May"), not a date ("May 12")."""
    if len(run) < 2 or not month_surname(run[-1].text) or is_non_name(run[-2].text):
        return False
    return not re.match(r"\s*\d", text[run[-1].end :])


def _surname_first(text: str, run: list[Token], after_title: bool) -> bool:
    """Whether the run's first word is a surname written first that is also an English
    word ("Vice Premier He X", "negotiator He X"): it needs a title or role noun right
    before it and a name word after it, else it is the pronoun."""
    if len(run) < 2 or not opens_surname_first(run[0].text) or _sentence_start(text, run[0]):
        return False
    if is_non_name(run[1].text) or not looks_like_name(run[1].text):
        return False
    if after_title:
        return True
    before = text[: run[0].start].split()
    return bool(before) and is_role_noun(before[-1].lower())


def _thing_name(text: str, run: list[Token], opens: int) -> bool:
    """Whether the run is part of the name of a place or body, not a person: right after
    "Line of" or "Committee for the" with nothing trimmed before it ("Secretary of
    State X" trims "State"), where someone travels to ("the visit to X"), a lone word
    before "of Y" ("Horn of Y"), a lone word after a number, or a place before the dash
    that opens the lede."""
    start, end = run[0].start, run[-1].end
    if start == opens and (
        _place_word_before(text, start)
        or (not run[-1].possessive and _WHERE.search(text, max(0, start - _BACK), start))
    ):
        return True
    if len(run) == 1 and (
        _INSIDE_NAME_AFTER.match(text, end) or _COUNTED.search(text, max(0, start - _BACK), start)
    ):
        return True
    return _sentence_start(text, run[0]) and _DATELINE_DASH.match(text, end) is not None


def _place_word_before(text: str, start: int) -> bool:
    """``_INSIDE_NAME_BEFORE`` or ``_TRAVELLED_TO`` ending at ``start``, searched only when
    a space after "of", "for", "the", "to" or "in" stands there, as every match ends: ``re``
    tries them at every position (ignoring case beyond ASCII, "in" may meet a dotless i)."""
    if not text[start - 1 : start].isspace():
        return False
    tail = text[:start].rstrip()[-3:]
    if tail.isascii() and not tail.lower().endswith(("of", "for", "the", "to", "in")):
        return False
    return bool(
        _INSIDE_NAME_BEFORE.search(text, max(0, start - _BACK), start)
        or _TRAVELLED_TO.search(text, max(0, start - _BACK), start)
    )


def find_candidates(
    article: Article,
    lower_words: Container[str],
    names: Mapping[int, list[Term]] | None = None,
) -> list[Candidate]:
    """Every run of capitalised words in the article that may be a person's name;
    ``names``: the article's own organisation names per sentence, no part of a person."""
    out = []
    firms: set[str] = set()
    # the quick test of the outlets' and bodies' words, once for the whole article: most
    # articles hold none of them, and then no sentence does (nor is searched)
    phrases = name_words().phrases.may("\n".join(s.text for s in article.sentences))
    for s in article.sentences:
        text = s.text
        blocked = [(t.start, t.end) for t in unglued(text, sentence_terms(text))]
        if names and s.index in names:
            blocked += [(t.start, t.end) for t in names[s.index]]
        if phrases:
            blocked += blocked_spans(text)
        toks = tokenize(text)
        for run in with_nicknames(text, with_initials(text, _runs(text, toks, blocked))):
            if len(run) == 2 and is_org_noun(run[1].text) and not run[1].possessive:
                firms.add(run[0].text)  # "Halvor Trucks": a later "Halvor said" is the firm
            opens = run[0].start
            run = _trim(text, run, lower_words)
            if not run:
                continue
            start, end = run[0].start, suffix_end(text, run[-1].end)
            if _thing_name(text, run, opens):
                continue
            if text[end:].lstrip("'’s").startswith("/") or _credit_before(text[:start]):
                continue
            if _OUTLET_AFTER.match(text, end):
                continue  # "the X website", "X news agency": an outlet
            words = [t for t in run if not is_particle(t.text)]
            if len(words) > _MAX_NAME_WORDS:
                continue
            full = len(words) >= 2
            if not full and _sentence_start(text, run[0]) and run[0].text.endswith(_NOUN_ENDINGS):
                continue
            if not full and run[0].text[-1] == "s" and is_role_noun(run[0].text.lower()):
                continue  # "Delegates said", "Mediators say": a group, not a surname
            view = SentenceView(text, toks, [], [])
            supported = (
                title_before(view, (start, end))
                or verb_follows(text, end)
                or verb_precedes(text, start)
                or descriptor_before(text, start)
                or possessive_of_role(text, end)
                or _leader_of_administration(text, start, end)
            )
            by_first = not full and first_name_title(text, start)
            if any(g in text[start:end] for g in _BRACKET_GAP):
                name = " ".join(t.text for t in run)
            else:
                name = text[start:end]
            out.append(Candidate(s.index, start, end, name, full, supported, by_first))
    firms -= {c.text.split()[-1] for c in out if c.full}  # "Marten Motors", yet Ivo Marten
    return [c for c in out if c.full or c.text not in firms]
