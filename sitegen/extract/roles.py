"""Role phrases around a person's name, and what they say about the person's side.

News writes roles in three places: before the name ("Kremlin spokesman X"),
before it as an appositive ("the president's envoy, X,"), or after it ("X, the head of
the delegation,"). A role phrase is a run of role nouns, role modifiers,
connectors, party words and capitalised institution words holding at least one
role noun; the words come from ``data/roles.yaml``. Its side is the party it
names, or the side of the person it hangs on ("Netanyahu's envoy"), or of the
person "his" points back to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from sitegen.data import load
from sitegen.extract.gazetteer import Term
from sitegen.extract.names import Token, is_non_name, is_portfolio, looks_like_name
from sitegen.extract.role_targets import after_and, ends_in_target, target_start

SideKind = Literal["party", "person", "pronoun", "its", "none"]
_CONNECTORS = frozenset({"of", "for", "and", "the", "a", "an", "to", "in", "on"})
_PRONOUNS = frozenset({"his", "her", "their", "its"})
_MAX_TOKENS = 16
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_JOINABLE = re.compile(r"(?:['’]s?)?[ \u00a0]*[()]?[ \u00a0]*[()]?[ \u00a0]*")
_AND_END = re.compile(r"\s+and\s+$")
_AND_SPLIT = re.compile(r"\s+and\s+(?:the\s+)?(?=(?:former|head|chief|deputy|top|senior)\b)")
_CLOSES = re.compile(r"(?:['’]s?)?\s*(?:[,.;:!?\"”)]|$)")
_COMMA_END = re.compile(r",\s*$")
_COMMA_NEXT = re.compile(r",\s+\S")
_AND_NEXT = re.compile(r",\s+(?:and|or)\s")
_TITLE_END = re.compile(r"([A-Z][\w.\-]*)\s+$")


@dataclass(frozen=True, slots=True)
class RoleHit:
    """A role phrase found next to one mention of a person."""

    text: str
    """The phrase as written."""
    side_kind: SideKind
    party: str | None = None
    """Party id, for ``side_kind == "party"``."""
    anchor: tuple[int, int] | None = None
    """Span of the person the role hangs on, for ``side_kind == "person"``."""
    at: int = 0
    """Where the phrase starts in the sentence (an "its" looks back from here)."""


@dataclass(frozen=True, slots=True)
class RoleWords:
    nouns: frozenset[str]
    modifiers: frozenset[str]
    titles: frozenset[str]
    personal_titles: frozenset[str]
    local: frozenset[str]
    honorifics: frozenset[str]
    collective: frozenset[str]
    state: frozenset[str]


@cache
def role_words() -> RoleWords:
    """The role word lists (cached, read-only)."""
    data = load("roles")
    nouns = {w.lower() for phrase in data["nouns"] for w in phrase.split()}
    return RoleWords(
        nouns=frozenset(nouns),
        modifiers=frozenset(w.lower() for w in data["modifiers"]),
        titles=frozenset(data["titles"]),
        personal_titles=frozenset(data["personal_titles"]),
        local=frozenset(data["local_roles"]),
        honorifics=frozenset(data["honorifics"]),
        collective=frozenset(w.lower() for w in data["collective_nouns"]),
        state=frozenset(w.lower() for w in data["state_offices"]),
    )


@dataclass(slots=True)
class SentenceView:
    """One sentence with its words classified for role scanning."""

    text: str
    tokens: list[Token]
    terms: list[Term]
    persons: list[tuple[int, int]]
    """Spans of every person mention in the sentence."""
    descriptions: dict[str, str] = field(default_factory=dict)
    """Description words that stand for one party of the article ("army", "rebels")."""

    def kind(self, i: int, target: tuple[int, int]) -> str | None:
        """What token ``i`` is: party, person, pron, noun, mod, cap, or None (stop)."""
        t = self.tokens[i]
        for term in self.terms:
            if term.start <= t.start < term.end:
                return "party" if term.party is not None else "place"
        for span in self.persons:
            if span != target and span[0] <= t.start < span[1]:
                return "person"
        low = t.text.lower()
        if low in self.descriptions and not self._named_before(i):
            return "party"
        if low in _PRONOUNS:
            return "pron"
        words = role_words()
        nouns = words.nouns  # ``is_role_noun`` written out: asked of every scanned word
        if low in nouns or (low[-1:] == "s" and low[:-1] in nouns):
            return "noun"
        if low in words.modifiers or t.text in words.titles or is_portfolio(t.text):
            return "mod"
        if is_non_name(t.text) and t.text not in words.titles:
            return None
        if looks_like_name(t.text) or _ACRONYM.fullmatch(t.text):
            return "cap"
        return None

    def _named_before(self, i: int) -> bool:
        """Whether a name stands before a description word ("Gaza's government"): then the
        description is that name's, not the one party it stands for alone."""
        if i == 0:
            return False
        prev = self.tokens[i - 1].text
        return prev[:1].isupper() and prev.lower() not in ("the", "a", "an", "its", "their")

    def gap(self, i: int) -> str:
        """The text between token ``i`` and the next one (an abbreviation's dot is the word's)."""
        nxt = self.tokens[i + 1].start if i + 1 < len(self.tokens) else len(self.text)
        gap = self.text[self.tokens[i].end : nxt]
        if "." in self.tokens[i].text and gap.startswith("."):
            gap = gap[1:]  # "U.S. President"
        return gap

    def party_at(self, i: int) -> str | None:
        """The party a token of kind "party" stands for."""
        tok = self.tokens[i]
        term = next((t for t in self.terms if t.start <= tok.start < t.end + 1), None)
        if term is not None:
            return term.party
        return self.descriptions.get(tok.text.lower())


def _joinable(gap: str) -> bool:
    """Words are one phrase when only spaces, a possessive or a bracket lie between
    (most often one space: said without the pattern)."""
    return gap == " " or _JOINABLE.fullmatch(gap) is not None


def _scan_back(view: SentenceView, last: int, target: tuple[int, int]) -> list[int]:
    """Token indices of a role phrase ending at token ``last``, right to left."""
    picked: list[int] = []
    i = last
    while i >= 0 and len(picked) < _MAX_TOKENS:
        if picked and not _joinable(view.gap(i)):
            break
        kind = view.kind(i, target)
        if kind is None:
            break
        if kind == "place":
            if view.kind(i + 1, target) == "noun":
                picked.append(i)
            break
        if kind == "person":
            tok = view.tokens[i]
            if view.tokens[i + 1].text == "of" and "and" in (view.tokens[j].text for j in picked):
                return after_and(view, picked)  # "President X of Y and President Z"
            follows = view.tokens[i + 1] if i + 1 < len(view.tokens) else None
            if tok.possessive or (follows and view.kind(i + 1, target) == "noun"):
                picked.append(i)
            break
        picked.append(i)
        i -= 1
    return sorted(picked)


def _scan_forward(view: SentenceView, first: int, target: tuple[int, int]) -> list[int] | None:
    """Token indices of a role phrase starting at ``first``, closed by a comma or the end."""
    picked: list[int] = []
    after_connector = False  # whether a picked word is "of", "for" or "to"
    i = first
    while i < len(view.tokens) and len(picked) < _MAX_TOKENS:
        kind = view.kind(i, target)
        if kind is None or (kind in ("person", "place") and not after_connector):
            return None
        if kind == "person":
            # "X, the envoy of President-elect Y,": the phrase hangs on Y
            span = next(s for s in view.persons if s[0] <= view.tokens[i].start < s[1])
            while i + 1 < len(view.tokens) and view.tokens[i + 1].start < span[1]:
                picked.append(i)
                after_connector = after_connector or _is_connector(view.tokens[i].text)
                i += 1
        picked.append(i)
        after_connector = after_connector or _is_connector(view.tokens[i].text)
        gap = view.gap(i)
        if not _joinable(gap):
            closing = gap.strip(" \u00a0").removeprefix(")")  # "... Front (PF), said"
            return picked if closing[:1] in (",", ".", ";", ":", "–", "—", "") else None
        i += 1
    return None


def _is_connector(word: str) -> bool:
    return word.lower() in ("of", "for", "to")


def _trim(view: SentenceView, idx: list[int], target: tuple[int, int]) -> list[int]:
    """Drop leading connectors, and any "X of" / "X and" whose X holds no role word."""
    while idx and view.tokens[idx[0]].text.lower() in _CONNECTORS:
        idx = idx[1:]
    for n, i in enumerate(idx):
        if view.tokens[i].text.lower() in ("of", "and", "on", "in"):
            left = idx[:n]
            if left and not any(
                is_role_noun(view.tokens[j].text.lower())
                or view.kind(j, target) == "party"
                or view.tokens[j].text[:1].isupper()
                for j in left
            ):
                return _trim(view, idx[n + 1 :], target)
    while idx and view.tokens[idx[-1]].text.lower() in _CONNECTORS | _PRONOUNS:
        idx = idx[:-1]
    return idx


def _honorifics_off(view: SentenceView, idx: list[int], target: tuple[int, int]) -> list[int]:
    """Drop honorifics and ranks just before the name ("Prime Minister Sheikh X",
    "army spokesman Brigadier General X"): they are the person's title, not the role."""
    words = role_words()
    while (
        len(idx) > 1
        and idx[-1] + 1 < len(view.tokens)
        and view.tokens[idx[-1]].text in words.honorifics
        and not view.tokens[idx[-1]].possessive
        and any(view.kind(j, target) == "noun" for j in idx[:-1])
    ):
        idx = idx[:-1]
    return idx


def _own_part(view: SentenceView, idx: list[int], target: tuple[int, int]) -> list[int]:
    """ "an envoy of army chief X": X is the army chief; the envoy is someone else."""
    words = role_words()
    for n in range(len(idx) - 1, 0, -1):
        if view.tokens[idx[n]].text.lower() not in ("of", "to"):
            continue
        tail = idx[n + 1 :]
        last = view.tokens[tail[-1]].text.lower() if tail else ""
        if (
            tail
            and view.kind(tail[-1], target) == "noun"
            and last not in words.collective
            and view.kind(idx[n - 1], target) == "noun"
        ):
            return tail
        return idx
    return idx


def _hit(
    view: SentenceView, idx: list[int], target: tuple[int, int], before: bool = False
) -> RoleHit | None:
    idx = _trim(view, idx, target)
    if before and idx:
        idx = _own_part(view, _honorifics_off(view, idx, target), target)
    if not idx:
        return None
    kinds = [view.kind(i, target) for i in idx]
    if "noun" not in kinds and not any(
        k == "party" and is_role_noun(view.tokens[i].text.lower())
        for i, k in zip(idx, kinds, strict=True)
    ):
        return None  # "UN Secretary-General X": an office the gazetteer names as its body
    start, end = view.tokens[idx[0]].start, view.tokens[idx[-1]].end
    if view.tokens[idx[-1]].possessive:
        end = view.tokens[idx[-1]].end
    text = view.text[start:end].strip()
    if text.count("(") != text.count(")"):
        text = text.rstrip("(").strip()
        if text.count("(") > text.count(")"):
            text += ")"
    counterpart = target_start(view, idx, kinds)  # "envoy to X" alone: no side of theirs
    for n, (i, kind) in enumerate(zip(idx, kinds, strict=True)):
        if kind == "party" and view.party_at(i) is not None:
            own = counterpart is None or n < counterpart
            return RoleHit(text, "party", party=view.party_at(i) if own else None, at=start)
    for i, kind in zip(idx, kinds, strict=True):
        if kind == "person":
            tok = view.tokens[i]
            span = next(s for s in view.persons if s[0] <= tok.start < s[1])
            return RoleHit(text, "person", anchor=span, at=start)
    if any(view.tokens[i].text.lower() == "its" for i in idx):
        return RoleHit(text, "its", at=start)
    if "pron" in kinds:
        return RoleHit(text, "pronoun", at=start)
    return RoleHit(text, "none", at=start)


def _token_at(view: SentenceView, pos: int) -> int | None:
    """The index of the word at ``pos``: the last starting at or before it (the words
    are in order and apart: a named tuple sorts by its start), if it reaches ``pos``."""
    i = bisect_right(view.tokens, (pos, _AFTER_ALL)) - 1
    if i >= 0:
        t = view.tokens[i]
        if pos < max(t.end, t.start + 1):
            return i
    return None


_AFTER_ALL = float("inf")
"""Sorts after any word's end: ``(pos, _AFTER_ALL)`` after every word starting at ``pos``."""


def roles_at(view: SentenceView, target: tuple[int, int]) -> list[RoleHit]:
    """Role phrases written next to the person mention at ``target``."""
    first = _token_at(view, target[0])
    last = _token_at(view, target[1] - 1)
    if first is None or last is None:
        return []
    hits: list[RoleHit] = []
    before = view.text[: target[0]]
    # "Kremlin spokesman X": the phrase touches the name.
    if first > 0 and _joinable(view.gap(first - 1)):
        hit = _hit(view, _scan_back(view, first - 1, target), target, before=True)
        if hit:
            hits.append(hit)
    # ``_AND_END`` is tried at every position of ``before``: searched where it can end
    if not hits and before.rstrip().endswith("and") and _AND_END.search(before):
        hits.extend(_shared_role(view, before, target))
    after = view.text[target[1] :]
    closes = bool(_CLOSES.match(after))
    # "Netanyahu's envoy, X, said": the phrase stands before a comma.
    if not hits and first > 0 and _COMMA_END.search(before) and closes:
        idx = _scan_back(view, first - 1, target)
        kinds = [view.kind(i, target) for i in idx]
        if idx and (kinds[-1] in ("noun", "mod", "cap") or ends_in_target(view, idx, kinds)):
            hit = _hit(view, idx, target)
            if hit:
                hits.append(hit)
    # "X, the head of the delegation, said": the phrase follows a comma.
    # (", and the head of Y, B": the phrase is the next listed person's)
    if _COMMA_NEXT.match(after) and last + 1 < len(view.tokens) and not _AND_NEXT.match(after):
        idx_f = _scan_forward(view, last + 1, target)
        if idx_f:
            hit = _hit(view, idx_f, target)
            if hit:
                hits.extend(_split_and(hit))
    return hits


def _shared_role(view: SentenceView, before: str, target: tuple[int, int]) -> list[RoleHit]:
    """ "US envoys A and B": B shares A's role when its noun is plural."""
    start = len(re.sub(r"\s+and\s+$", "", before))
    span = next((sp for sp in view.persons if sp[1] == start), None)
    if span is None:
        return []
    hits = [h for h in roles_at(view, span) if re.search(r"s$", h.text)]
    last_word = hits[0].text.split()[-1].lower() if hits else ""
    if not hits or not is_role_noun(last_word):
        return []
    return hits[:1]


def _split_and(hit: RoleHit) -> list[RoleHit]:
    """ "head of X and the former Y chief" is two roles with one side."""
    parts = _AND_SPLIT.split(hit.text) if "and" in hit.text else [hit.text]
    return [RoleHit(p, hit.side_kind, hit.party, hit.anchor, hit.at) for p in parts if p]


def is_role_noun(word: str) -> bool:
    """Whether a lower-case word heads a role, in the singular or the plural ("mediators")."""
    nouns = role_words().nouns
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def phrase_before(view: SentenceView, last: int, target: tuple[int, int]) -> RoleHit | None:
    """The role phrase ending at token ``last`` (for phrases set apart from the name)."""
    return _hit(view, _scan_back(view, last, target), target)


def phrase_after(view: SentenceView, first: int, target: tuple[int, int]) -> RoleHit | None:
    """The role phrase starting at token ``first`` and closed by a comma or the end."""
    idx = _scan_forward(view, first, target)
    return _hit(view, idx, target) if idx else None


def token_at(view: SentenceView, pos: int) -> int | None:
    """Index of the token covering character ``pos``, or None."""
    return _token_at(view, pos)


def title_before(view: SentenceView, target: tuple[int, int]) -> bool:
    """Whether a personal title ("President", "Mayor") stands right before the mention."""
    m = _TITLE_END.search(view.text[: target[0]])
    return m is not None and m.group(1) in role_words().personal_titles
