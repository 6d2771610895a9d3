"""Who is speaking: the subject of a reporting verb, resolved to a person or party.

News copy attributes speech in a handful of shapes: ``X said``, ``X, the
minister, said``, ``"...," said X``, ``according to X``, ``he added`` (the
person last named as a subject), ``the foreign ministry of X said``. This module
reads those shapes in one sentence at a time, with quotations masked out, and
answers with a ``Ref`` or None; it never guesses past what the words say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sitegen.extract.reporting_words import vocab

MASK = "\x00"
"""Stands in for every character of a quotation, so verbs inside it are not read."""

_BOUNDARY = ",;:()—–" + MASK
_WORD = re.compile(r"[\w’'.-]+$")
_WORD_END = re.compile(r"([\w’'-]+)\s+$")
_POSSESSIVE_END = re.compile(r"[’']s?$")
_POSSESSIVE_NEXT = re.compile(r"[’']s?\b")
_NEXT_WORD = re.compile(r"\s+([a-z-]+)")
_PREFIX_WORDS = re.compile(r"[A-Za-z’'-]+")


@dataclass(frozen=True, slots=True)
class Ref:
    """A speaker: a person (``PersonRef.key``) or a party (party id)."""

    kind: Literal["person", "party"]
    key: str


@dataclass(frozen=True, slots=True)
class Named:
    """A span of a sentence that names a person or a party, or is a pronoun."""

    start: int
    end: int
    ref: Ref | None
    """None for a pronoun."""
    pronoun: Literal["person", "party"] | None = None


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb (or ``according to``) found outside quotations."""

    start: int
    end: int
    word: str
    kind: Literal["verb", "participle", "according"]


class NamesBySentence(Protocol):
    """Sentence index -> its names and pronouns (a list, or one found on demand)."""

    def __getitem__(self, s: int, /) -> list[Named]: ...


_INVERTED = "inverted"
_COORD = "coordinate"
_UNNAMED = "unnamed"
Outcome = Ref | str


@dataclass(slots=True)
class Attributor:
    """Resolves reporting verbs to speakers over one article's masked sentences."""

    masked: list[str]
    """Each sentence's text with quotations replaced by ``MASK``."""
    named: NamesBySentence
    """Names and pronouns per sentence, outside quotations."""
    roles: dict[str, list[str]]
    """Person key -> role phrases, lower-cased (for "the spokesman said")."""
    skip: set[int]
    """Sentences that are headings: never an antecedent."""
    _verbs: dict[int, list[tuple[Verb, Ref | None]]] = field(default_factory=dict)
    _focus: dict[int, Ref | None] = field(default_factory=dict)

    # ------------------------------------------------------------ verbs
    def verbs(self, s: int) -> list[tuple[Verb, Ref | None]]:
        """The reporting verbs of sentence ``s`` with their speakers, in order."""
        if s in self._verbs:
            return self._verbs[s]
        v = vocab()
        text = self.masked[s]
        found: list[Verb] = []
        for m in v.verb_re.finditer(text):
            if _noun_use(text, m.start()):
                continue
            kind: Literal["verb", "participle"] = (
                "participle" if m.group(1) in v.participles else "verb"
            )
            found.append(Verb(m.start(), m.end(), m.group(1), kind))
        for m in v.according_re.finditer(text):
            found.append(Verb(m.start(), m.end(), m.group(1).lower(), "according"))
        found.sort(key=lambda x: x.start)
        out: list[tuple[Verb, Ref | None]] = []
        self._verbs[s] = out  # filled as we go: a later 'he' may mean an earlier speaker
        for verb in found:
            out.append((verb, self._speaker_of(s, verb, out)))
        return out

    def _speaker_of(self, s: int, verb: Verb, earlier: list[tuple[Verb, Ref | None]]) -> Ref | None:
        """The speaker of one verb, given the verbs before it in the sentence."""
        if verb.kind == "according":
            return _as_ref(self._subject_after(s, verb.end))
        if verb.kind == "participle":
            return earlier[-1][1] if earlier else self._quoted_as(s, verb.start)
        outcome = self._subject_before(s, verb.start)
        if outcome == _INVERTED:
            if verb.word not in vocab().inverted:
                return None
            outcome = self._subject_after(s, verb.end)
        if outcome == _COORD:
            return earlier[-1][1] if earlier else None
        return _as_ref(outcome)

    # ------------------------------------------------------------ subjects
    def _subject_before(self, s: int, pos: int) -> Outcome:
        """The subject that ends right before a verb at ``pos``."""
        text = self.masked[s]
        before = text[: _skip_fillers_back(text, pos)].rstrip()
        if not before or before.endswith(MASK):
            return _INVERTED
        if not before.endswith(","):
            return self._noun_phrase(s, len(before))
        inner = before[:-1].rstrip()
        if not inner or inner.endswith(MASK):
            return _INVERTED
        cut = max(inner.rfind(c) for c in _BOUNDARY)
        appositive = self._named_ending(s, len(inner), after=cut)
        if (
            appositive is not None
            and appositive.ref is not None
            and appositive.ref.kind == "person"
        ):
            return appositive.ref  # "the head of X, Name Surname, said"
        if cut >= 0 and inner[cut] in ",—–(":
            return self._noun_phrase(s, cut)
        return self._noun_phrase(s, len(inner))

    def _subject_after(self, s: int, pos: int) -> Outcome:
        """The subject that follows a verb ('"...," said X') or 'according to'."""
        text = self.masked[s]
        start = pos + len(text[pos:]) - len(text[pos:].lstrip())
        stop = len(text)
        for c in _BOUNDARY + ".!?":
            i = text.find(c, start)
            if i != -1:
                stop = min(stop, i)
        inside = [n for n in self.named[s] if start <= n.start and n.end <= stop]
        people = [n for n in inside if n.ref is not None and n.ref.kind == "person"]
        if people:
            return people[0].ref or _UNNAMED
        if inside and inside[0].start == start and inside[0].pronoun == "person":
            return self._resolve(s, inside[0])
        phrase = text[start:stop].strip()
        parties = [n for n in inside if n.ref is not None]
        if parties and parties[0].start == start and parties[0].end - start == len(phrase):
            return parties[0].ref or _UNNAMED
        return self._by_head(s, phrase, inside)

    def _noun_phrase(self, s: int, end: int) -> Outcome:
        """Whatever noun phrase ends at ``end``: a name, a pronoun or a description."""
        text = self.masked[s]
        end = len(text[:end].rstrip())
        hit = self._named_ending(s, end)
        if hit is not None:
            joint = re.search(r"\s(?:and|&)\s+(?:the\s+)?$", text[: hit.start])
            if joint and self._named_ending(s, joint.start()) is not None:
                return _UNNAMED  # "X and Y said": no single speaker
            return self._resolve(s, hit)
        start = max((text.rfind(c, 0, end) for c in _BOUNDARY + '.!?"“”'), default=-1) + 1
        phrase = text[start:end].strip()
        words = phrase.split()
        if not words:
            return _UNNAMED
        if words[-1].lower() in vocab().conjunctions:
            return _COORD
        if phrase.lower() == "who" and text[:start].rstrip().endswith(","):
            return self._noun_phrase(s, len(text[:start].rstrip()) - 1)  # "X, who said"
        inside = [n for n in self.named[s] if start <= n.start and n.end <= end]
        return self._by_head(s, " ".join(words[-7:]), inside)

    def _quoted_as(self, s: int, pos: int) -> Ref | None:
        """'A quoted X as saying', 'X was quoted as saying': the speaker is X."""
        text = self.masked[s]
        before = text[:pos].rstrip()
        if not before.endswith(" as"):
            return None
        head = before[:-3].rstrip()
        passive = re.search(r"\b(?:was|were|is|been)\s+quoted$", head)
        if passive is not None:
            for n in self.named[s]:
                if n.ref is not None and n.ref.kind == "person" and n.end <= passive.start():
                    return n.ref if self._is_subject(s, n) else None
            return None
        hit = self._named_ending(s, len(head))
        if hit is None or not re.search(r"\bquoted\s+(?:[\w’'-]+\s+){0,5}$", text[: hit.start]):
            return None
        return _as_ref(self._resolve(s, hit))

    def _by_head(self, s: int, phrase: str, inside: list[Named]) -> Outcome:
        """A described speaker: an institution of one party, or the one holder of a role."""
        v = vocab()
        words = [w.strip(".,;:’'").lower() for w in phrase.split()]
        words = [re.sub(r"[’']s$", "", w) for w in words if w]
        if not words:
            return _UNNAMED
        raw = [w.strip(".,;:’'") for w in phrase.split()]
        head_at = len(words)
        for i, w in enumerate(words):
            if w in v.prepositions and 0 < i < len(words) - 1:
                if all(r[:1].isupper() for r in raw[i + 1 :]):
                    head_at = i  # "the Ministry of Foreign Affairs": the head precedes "of"
                break
        head = words[head_at - 1]
        if head_at == len(words) and raw[-1][:1].isupper() and head not in v.institutions:
            return _UNNAMED  # ends in a name nobody listed: someone we cannot resolve
        if head in v.institutions:
            ids = {n.ref for n in inside if n.ref is not None and n.ref.kind == "party"}
            people = [n for n in inside if n.ref is not None and n.ref.kind == "person"]
            if len(ids) == 1 and not people:
                return next(iter(ids))
            return _UNNAMED
        if head.rstrip("s") in v.roles or head in v.roles:
            if words[0] != "the" or len(words) > 5:
                return _UNNAMED
            noun = head if head in v.roles else head.rstrip("s")
            holders = [k for k, rs in self.roles.items() if any(noun in r.split() for r in rs)]
            if len(holders) == 1:
                return Ref("person", holders[0])
        return _UNNAMED

    def _named_ending(self, s: int, end: int, after: int = -1) -> Named | None:
        """The name or pronoun whose span ends at ``end`` (starting after ``after``)."""
        best: Named | None = None
        for n in self.named[s]:
            if n.end != end or n.start <= after:
                continue
            if best is None or (_rank(n), n.start) < (_rank(best), best.start):
                best = n
        return best

    # ------------------------------------------------------------ pronouns
    def _resolve(self, s: int, n: Named) -> Outcome:
        """A name as itself; a pronoun through the sentences before it."""
        if n.ref is not None:
            return n.ref
        if n.pronoun == "party":
            return self._party_subject(s, n.start) or _UNNAMED
        for verb, ref in self._verbs.get(s, []):
            if verb.start < n.start and ref is not None and ref.kind == "person":
                return ref
        seen = 0
        t = s - 1
        while t >= 0 and seen < 3:
            if t not in self.skip:
                seen += 1
                f = self.focus(t)
                if f is not None:
                    return f
            t -= 1
        return _UNNAMED

    def _party_subject(self, s: int, before: int) -> Ref | None:
        """'it' means the party heading this sentence, or else the sentence before."""
        for t, limit in ((s, before), (s - 1, None)):
            if t < 0 or t in self.skip:
                return None
            for n in self.named[t]:
                if (
                    n.ref is not None
                    and n.ref.kind == "party"
                    and (limit is None or n.end <= limit)
                ):
                    if self._is_subject(t, n) and not self._pronoun_before(t, n.start):
                        return n.ref
                    break
            if t == s and self.masked[s][:before].strip():
                return None  # 'it' after other words of its own sentence: no look back
        return None

    def _pronoun_before(self, s: int, pos: int) -> bool:
        return any(n.ref is None and n.start < pos for n in self.named[s])

    def focus(self, s: int) -> Ref | None:
        """The person a following 'he' or 'she' would mean: this sentence's speaker or subject."""
        if s in self._focus:
            return self._focus[s]
        self._focus[s] = None  # guards against re-entry while resolving
        result: Ref | None = None
        for _verb, ref in self.verbs(s):
            if ref is not None and ref.kind == "person":
                result = ref
                break
        if result is None:
            for n in self.named[s]:
                if n.ref is not None and n.ref.kind == "person" and self._is_subject(s, n):
                    result = n.ref
                    break
        self._focus[s] = result
        return result

    def _is_subject(self, s: int, n: Named) -> bool:
        """A name heads a clause when nothing verb-like or prepositional comes before it."""
        v = vocab()
        text = self.masked[s]
        rest = text[n.end :]
        if _POSSESSIVE_NEXT.match(rest):
            return False
        nxt = _NEXT_WORD.match(rest)
        if nxt and (nxt.group(1) in v.roles or nxt.group(1) in v.institutions):
            return False
        prefix = text[: n.start]
        if MASK in prefix:
            return False
        prefix = prefix.rsplit(",", 1)[-1]
        for w in _PREFIX_WORDS.findall(prefix):
            if w in v.prepositions or w in v.finite or (w.islower() and w.endswith("ed")):
                return False
        return not v.verb_re.search(prefix)


def _is_person(n: Named) -> bool:
    return n.ref is not None and n.ref.kind == "person"


def _rank(n: Named) -> int:
    """Prefer a person's name over a party's over a pronoun when spans end together."""
    if n.ref is not None:
        return 0 if n.ref.kind == "person" else 1
    return 2


def _noun_use(text: str, pos: int) -> bool:
    """'the demands', "Russia's claims": a verb-like word used as a noun."""
    m = _WORD_END.search(text[:pos])
    if not m:
        return False
    prev = m.group(1)
    return prev.lower() in vocab().determiners or bool(_POSSESSIVE_END.search(prev))


def _as_ref(outcome: Outcome) -> Ref | None:
    return outcome if isinstance(outcome, Ref) else None


def _skip_fillers_back(text: str, pos: int) -> int:
    """Step back over adverbs and dates between a subject and its verb."""
    fillers = vocab().fillers
    p = pos
    while True:
        m = _WORD.search(text[:p].rstrip())
        if not m:
            return p
        w = m.group(0).rstrip(".")
        if w in fillers or w.isdigit():
            p = m.start()
            continue
        return p
