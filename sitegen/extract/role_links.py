"""Role phrases tied to a name through a clause rather than written beside it.

News often sets a role apart from the name it belongs to: in a relative clause
("X, who led the government delegation,"), a partitive ("X, one of the African
Union mediators,"), a passive ("the Ukrainian delegation is led by X"), or as
the head of a list ("a panel of African Union mediators: X, Y and Z", "the
heads of Israel's Mossad and Shin Bet, X and Y,"). Each finder here returns
the role with its side, or nothing when the clause does not read that way.
"""

from __future__ import annotations

import dataclasses
import re

from sitegen.extract.roles import (
    RoleHit,
    SentenceView,
    is_role_noun,
    phrase_after,
    phrase_before,
    role_words,
    token_at,
)

_ONE_OF = re.compile(r",\s+(?:one|each|both|all|two|three) of\s+(?=\S)")
_WHO = re.compile(
    r",\s+who\s+(?:also\s+|now\s+)?"
    r"(?P<verb>(?:led|leads|heads|headed|chairs|chaired|represents|represented|"
    r"(?:is|was)\s+(?:leading|heading|representing))\s+|(?:is|was)\s+(?=the\b|a\b|an\b))"
)
_LED_BY = re.compile(
    r"(?:(?:,\s*)|\s+(?:(?:is|was|are|were|be|been|being|will|has|had|have)\s+)+)"
    r"(?:led|headed|chaired)\s+by\s+$"
)
_BODIES = re.compile(r"\b(?:delegations?|teams?|sides?|negotiators|missions?|panels?)\b", re.I)
_LIST_SEP = re.compile(r"(?:,\s+and|,|\s+and)\s+$")
_HEAD_SEP = re.compile(r"(?:\s*:|\s+[—–])\s+")
_SEP_MARKS = frozenset(":—–")


def _list_sep(before: str) -> re.Match[str] | None:
    """``_LIST_SEP`` ending ``before``, searched only when ``before`` ends in a space after
    a comma or "and", as every match does: ``re`` tries it at every position."""
    if not before[-1:].isspace() or not before.rstrip().endswith((",", "and")):
        return None
    return _LIST_SEP.search(before)


def linked_roles(view: SentenceView, target: tuple[int, int]) -> list[RoleHit]:
    """Role phrases tied to the person mention at ``target`` through a clause."""
    hits = [
        _after_clause(view, target),
        _led_by(view, target),
        _list_head(view, target),
        _of_party(view, target),
        _owned_by(view, target),
        _titled_after_comma(view, target),
    ]
    return [h for h in hits if h is not None]


def _after_clause(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """ "X, one of the mediators," and "X, who led the government delegation,"."""
    after = view.text[target[1] :]
    m = _ONE_OF.match(after) or _WHO.match(after)
    if m is None:
        return None
    first = token_at(view, target[1] + m.end())
    hit = phrase_after(view, first, target) if first is not None else None
    if hit is None:
        return None
    verb = m.groupdict().get("verb") or ""
    if verb and not verb.lstrip().startswith(("is", "was")):
        start = target[1] + m.start("verb")
        end = hit.at + len(hit.text)
        hit = dataclasses.replace(hit, text=view.text[start:end])
    return hit


def _led_by(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """ "The government delegation is led by adviser X": the delegation's side."""
    if "by" not in view.text[: target[0]]:
        return None  # what ``_LED_BY`` needs: no role phrase to read first
    first = token_at(view, target[0])
    if first is None:
        return None
    start = target[0]
    if first > 0:
        own = phrase_before(view, first - 1, target)
        if own is not None and view.text[own.at + len(own.text) : target[0]].strip() == "":
            start = own.at
    m = _LED_BY.search(view.text[:start])
    if m is None:
        return None
    last = token_at(view, len(view.text[: m.start()].rstrip()) - 1)
    hit = phrase_before(view, last, target) if last is not None else None
    if hit is None or hit.side_kind != "party" or not _BODIES.search(hit.text):
        return None
    return dataclasses.replace(hit, text="")  # the body's side; no role phrase of the person


def _person_span(view: SentenceView, end: int) -> tuple[int, int] | None:
    return next((sp for sp in view.persons if sp[1] == end), None)


def _list_head(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """The plural role heading a list of names that holds the mention at ``target``."""
    text = view.text
    before = text[: target[0]]
    # each separator holds a colon or a dash: a text with none is not searched
    colon = list(_HEAD_SEP.finditer(before)) if _SEP_MARKS.intersection(before) else []
    if colon:
        head_end = colon[-1].start()
        if not _listish(view, colon[-1].end(), target[0], target):
            return None
    else:
        # names only, joined by commas and "and", after "<plural role>, "
        at = target[0]
        count = 1
        while True:
            sep = _list_sep(text[:at])
            if sep is None:
                return None
            prev = _person_span(view, sep.start())
            if prev is None:
                break
            at, count = prev[0], count + 1
        if not sep.group(0).startswith(",") or "and" in sep.group(0):
            return None
        if count == 1 and not _list_follows(view, target):
            return None
        head_end = sep.start()
    last = token_at(view, len(text[:head_end].rstrip()) - 1)
    hit = phrase_before(view, last, target) if last is not None else None
    if hit is None or hit.side_kind != "party":
        return None
    words = [w.lower() for w in re.findall(r"[\w-]+", hit.text)]
    if not any(w.endswith("s") and is_role_noun(w) and is_role_noun(w[:-1]) for w in words):
        return None  # a singular role before a colon heads no list of people
    return hit


def _list_follows(view: SentenceView, target: tuple[int, int]) -> bool:
    """Whether more names follow the first one of a list ("X and Y", "X, Y and Z")."""
    m = re.match(r"(?:,\s+and|,|\s+and)\s+", view.text[target[1] :])
    if m is None:
        return False
    return any(sp[0] == target[1] + m.end() for sp in view.persons)


def _listish(view: SentenceView, start: int, end: int, target: tuple[int, int]) -> bool:
    """Whether only names, role words and list commas stand between ``start`` and ``end``."""
    if re.search(r"[;.!?()]", view.text[start:end]):
        return False
    for i, tok in enumerate(view.tokens):
        if tok.start >= start and tok.end <= end and view.kind(i, target) is None:
            return False
    return True


_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_PHRASE_ENDS = re.compile(r"(?:\s*\([A-Z]{2,6}\))?(?:\s*(?:[,.;:)]|$)|\s+(?:and\s|[a-z]))")


def _of_party(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """ "President X of Astoria", "Ambassador Y of Belmar": a title before the name and
    the party after it (wire style); the title takes that party's side, not one named
    earlier in the sentence."""
    m = _OF.match(view.text, target[1])
    first = token_at(view, target[0])
    if m is None or not first or not view.text[: target[0]].endswith(" "):
        return None
    term = next((t for t in view.terms if t.start == m.end() and t.party is not None), None)
    if term is None or not _PHRASE_ENDS.match(view.text, term.end):
        return None
    title = phrase_before(view, first - 1, target)
    if title is None or title.side_kind != "none":
        return None
    if view.text[title.at + len(title.text) : target[0]].strip():
        return None
    return dataclasses.replace(title, side_kind="party", party=term.party)


_POSSESSIVE_GAP = re.compile(r"['’]s?\s+")


def _owned_by(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """ "Astoria's Ivo Marten": a party in the possessive right before the name, with no
    role word between, is the person's side (no role phrase of their own)."""
    first = token_at(view, target[0])
    if not first:
        return None
    prev = view.tokens[first - 1]
    if not prev.possessive or not _POSSESSIVE_GAP.fullmatch(view.text, prev.end, target[0]):
        return None
    if view.kind(first - 1, target) != "party" or view.party_at(first - 1) is None:
        return None
    return RoleHit("", "party", party=view.party_at(first - 1), at=prev.start)


_TITLE_GAP = re.compile(r"\.?\s+")
_CLOSED = re.compile(r"(?:['’]s?)?\s*(?:[,.;:!?\"”)]|$)")


def _titled_after_comma(view: SentenceView, target: tuple[int, int]) -> RoleHit | None:
    """ "the Assistant Secretary-General of the United Nations, Mr. X,": the role stands
    before a comma and a courtesy title ("Mr.", "Dr.") before the name."""
    if ", " not in view.text[max(0, target[0] - 14) : target[0]]:
        return None  # most names have no comma just before them: skip the token look-up
    first = token_at(view, target[0])
    if not first or first < 3 or not _CLOSED.match(view.text, target[1]):
        return None
    honorifics = role_words().honorifics
    title = first - 1
    tok = view.tokens[title]
    if tok.text not in honorifics or not _TITLE_GAP.fullmatch(view.text, tok.end, target[0]):
        return None
    if view.text[view.tokens[title - 1].end : tok.start].strip() != ",":
        return None
    return phrase_before(view, title - 1, target)
