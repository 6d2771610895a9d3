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
from typing import Literal

from sitegen.extract import speaker_shapes as shapes
from sitegen.extract import speech_text
from sitegen.extract.described import UNNAMED as _UNNAMED
from sitegen.extract.described import DescribedSpeakers
from sitegen.extract.reporting_words import vocab
from sitegen.extract.speech_refs import NOBODY, Named, NamesBySentence, Ref, Verb
from sitegen.extract.speech_text import BOUNDARY, MASK

_POSSESSIVE_NEXT = re.compile(r"[’']s?\b")
_NEXT_WORD = re.compile(r"\s+([a-z-]+)")
_PREFIX_WORDS = re.compile(r"[A-Za-z’'-]+")
_JOINT = re.compile(r"\s(?:and|&)\s+(?:the\s+)?$")
_TITLE = re.compile(r"(?:['’]s)?(?:\s+[A-Z][\w-]*)*\s+")


_INVERTED = "inverted"
_COORD = "coordinate"
Outcome = Ref | str


@dataclass(slots=True)
class Attributor(DescribedSpeakers):
    """Resolves reporting verbs to speakers over one article's masked sentences."""

    masked: list[str]
    """Each sentence's text with quotations replaced by ``MASK``."""
    named: NamesBySentence
    """Names and pronouns per sentence, outside quotations."""
    roles: dict[str, list[str]]
    """Person key -> role phrases, lower-cased (for "the spokesman said")."""
    skip: set[int]
    """Sentences that are headings: never an antecedent."""
    sides: dict[str, str | None] = field(default_factory=dict)
    """Person key -> party id (for "Astoria's prime minister said")."""
    _verbs: dict[int, list[tuple[Verb, Ref | None]]] = field(default_factory=dict)
    _described: dict[int, list[tuple[str, Ref]]] = field(default_factory=dict)
    _bodies: dict[int, list[tuple[str, Ref]]] = field(default_factory=dict)
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
            if speech_text.noun_use(text, m.start()):
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
            text = self.masked[s]
            own = shapes.with_subject(text, self._named_ending(s, len(text[: verb.start].rstrip())))
            if own is not None or earlier:
                return own or earlier[-1][1]
            return self._quoted_as(s, verb.start) or self.clause_subject(s, verb.start)
        outcome = self._subject_before(s, verb.start)
        if not isinstance(outcome, Ref) and outcome not in (_INVERTED, _COORD):
            outcome = shapes.title_run(self.masked[s], self.named[s], verb.start) or outcome
        if outcome == _INVERTED:
            if verb.word not in vocab().inverted:
                return None
            outcome = self._subject_after(s, verb.end)
        if outcome == _COORD:
            return earlier[-1][1] if earlier else self.clause_subject(s, verb.start)
        return _as_ref(outcome)

    def clause_subject(self, s: int, pos: int) -> Ref | None:
        """The subject heading the sentence, for a verb that carries it on ("X struck a
        positive tone, saying ...", "X did not comment, but told ...")."""
        named = [n for n in self.named[s] if n.end <= pos]
        for i, n in enumerate(named):
            title = self.masked[s][n.end : named[i + 1].start] if i + 1 < len(named) else "-"
            if _is_person(named[i + 1] if i + 1 < len(named) else n) and _TITLE.fullmatch(title):
                continue  # "Astorian Prime Minister Ivo Marten": the person, not the party
            if n.ref is None and n.pronoun is not None:
                return (
                    _as_ref(self._resolve(s, n)) if not self.masked[s][: n.start].strip() else None
                )
            if _is_person(named[i + 1] if i + 1 < len(named) else n) and shapes.owner(
                n, self.masked[s]
            ):
                continue  # "Astoria's envoy, Ivo Marten, ...": the person, not the party
            if n.ref is not None and self._is_subject(s, n):
                return n.ref
            return None
        return None

    # ------------------------------------------------------------ subjects
    def _subject_before(self, s: int, pos: int) -> Outcome:
        """The subject that ends right before a verb at ``pos``."""
        text = self.masked[s]
        before = text[: speech_text.skip_fillers_back(text, pos)].rstrip()
        if not before or before.endswith(MASK):
            return _INVERTED
        if not before.endswith(","):
            outcome = self._noun_phrase(s, len(before))
            if isinstance(outcome, Ref):
                return outcome
            return self._title_after_name(s, len(before)) or outcome
        inner = before[:-1].rstrip()
        if not inner or inner.endswith(MASK):
            return _INVERTED
        cut = max(inner.rfind(c) for c in BOUNDARY)
        appositive = self._named_ending(s, len(inner), after=cut)
        if (
            appositive is not None
            and appositive.ref is not None
            and appositive.ref.kind == "person"
        ):
            return appositive.ref  # "the head of X, Name Surname, said"
        if cut >= 0 and inner[cut] in ",—–(":
            outcome = self._noun_phrase(s, cut)
            if isinstance(outcome, Ref):
                return outcome
            whole = self._noun_phrase(s, len(inner))  # "However, a senior official, said"
            return whole if isinstance(whole, Ref) else outcome
        return self._noun_phrase(s, len(inner))

    def _title_after_name(self, s: int, end: int) -> Ref | None:
        """'Name, National Security Adviser to the PM said' (no comma before the verb):
        the person whose title runs up to the verb."""
        text = self.masked[s]
        comma = text.rfind(",", 0, end)
        title = text[comma + 1 : end].strip()
        if comma < 0 or not title[:1].isupper() or any(c in title for c in BOUNDARY):
            return None
        if vocab().verb_re.search(title):
            return None
        hit = self._named_ending(s, len(text[:comma].rstrip()))
        if hit is None or not _is_person(hit):
            return None
        if text[: hit.start].split(MASK)[-1].strip(" ,"):
            return None  # the name must open the clause, or follow the quotation
        return hit.ref

    def _subject_after(self, s: int, pos: int) -> Outcome:
        """The subject that follows a verb ('"...," said X') or 'according to'."""
        text = self.masked[s]
        start = pos + len(text[pos:]) - len(text[pos:].lstrip())
        stop = len(text)
        for c in BOUNDARY + ".!?":
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
        found = self._by_head(s, phrase, inside)
        if not isinstance(found, Ref) and text[stop : stop + 1] == "," and " " not in phrase:
            return self._appositive_body(s, stop + 1) or found  # "X, the Astorian ministry"
        return found

    def _appositive_body(self, s: int, start: int) -> Ref | None:
        """The party of a body set beside a one-word name after a verb ('"...," reported
        Vardhall, the Astorian Ministry for Foreign Affairs')."""
        text = self.masked[s]
        stop = shapes.phrase_end(text, start)
        inside = [n for n in self.named[s] if start <= n.start and n.end <= stop]
        found = self._by_head(s, text[start:stop].strip(), inside)
        return found if isinstance(found, Ref) and found.kind == "party" else None

    def _noun_phrase(self, s: int, end: int) -> Outcome:
        """Whatever noun phrase ends at ``end``: a name, a pronoun or a description."""
        text = self.masked[s]
        end = len(text[:end].rstrip())
        hit = self._named_ending(s, end)
        if hit is not None and speech_text.role_of(text[max(0, hit.start - 40) : hit.start]):
            hit = None  # "the head of the White House": the role speaks, not what it heads
        if hit is not None:
            joint = _joint_before(text[: hit.start])
            if joint and self._named_ending(s, joint.start()) is not None:
                return _UNNAMED  # "X and Y said": no single speaker
            return self._resolve(s, hit)
        start = speech_text.phrase_start(text, end)
        phrase = text[start:end].strip()
        words = phrase.split()
        if not words:
            return _UNNAMED
        if words[-1].lower() in vocab().conjunctions:
            return _COORD
        if phrase.lower() == "who" and text[:start].rstrip().endswith(","):
            return self._who(s, len(text[:start].rstrip()) - 1)  # "X, who said"
        inside = [n for n in self.named[s] if start <= n.start and n.end <= end]
        return self._by_head(s, " ".join(words[-10:]), inside)

    def _who(self, s: int, comma: int) -> Outcome:
        """'X, the envoy for Y, who said': the person the relative clause hangs on, also
        past one appositive that ends in a place or party."""
        outcome = self._noun_phrase(s, comma)
        if isinstance(outcome, Ref) and outcome.kind == "person":
            return outcome
        text = self.masked[s]
        people = [
            n
            for n in self.named[s]
            if _is_person(n) and n.end <= comma and text.count(",", n.end, comma) <= 1
        ]
        return people[-1].ref or outcome if people else outcome

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
                    opens = not speech_text.words_before(text, n.start)  # '"...," X was quoted'
                    return n.ref if opens or self._is_subject(s, n) else None
            return None
        hit = self._named_ending(s, len(head))
        if hit is None or not re.search(r"\bquoted\s+(?:[\w’'-]+\s+){0,5}$", text[: hit.start]):
            return None
        return _as_ref(self._resolve(s, hit))

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
        """'it' means the party heading this sentence, or else the sentence before; an
        'It' opening a sentence after one that heads no party ("The statement made no
        mention ...") is the party that last spoke, a few sentences back."""
        found = self._party_heading(s, before)
        if found is not None or speech_text.words_before(self.masked[s], before):
            return found
        for t in range(s - 1, max(-1, s - 4), -1):
            if t in self.skip:
                return None
            spoken = [r for _, r in self.verbs(t) if r is not None and r.kind == "party"]
            if spoken and spoken[-1] != NOBODY:
                return spoken[-1]
        return None

    def _party_heading(self, s: int, before: int) -> Ref | None:
        for t, limit in ((s, before), (s - 1, None)):
            if t < 0 or t in self.skip:
                return None
            for n in self.named[t]:
                if (
                    n.ref is not None
                    and n.ref.kind == "party"
                    and (limit is None or n.end <= limit)
                ):
                    if self._is_subject(t, n, True) and not self._pronoun_before(t, n.start):
                        return n.ref
                    break
            if t == s and speech_text.words_before(self.masked[s], before):
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
        spoken = self.verbs(s)  # first: it notes the sentence's described speakers
        humans = {r for _, r in self._described.get(s, [])}
        for _verb, ref in spoken:
            if ref is not None and (ref.kind == "person" or ref in humans):
                result = ref  # a person, or a described one ("a Belmar official said")
                break
        if result is None:
            for n in self.named[s]:
                if n.ref is not None and n.ref.kind == "person" and self._is_subject(s, n):
                    result = n.ref
                    break
        self._focus[s] = result
        return result

    def _is_subject(self, s: int, n: Named, body: bool = False) -> bool:
        """A name heads a clause when nothing verb-like or prepositional comes before it
        (with ``body``, also as the owner of the body heading it: "The X government")."""
        v = vocab()
        text = self.masked[s]
        rest = text[n.end :]
        if _POSSESSIVE_NEXT.match(rest):
            return False
        nxt = _NEXT_WORD.match(rest)
        if nxt and (nxt.group(1) in v.roles or (nxt.group(1) in v.institutions and not body)):
            return False
        prefix = text[: n.start].rsplit(",", 1)[-1]  # "In light of the '...' talks, X"
        if n.ref is not None and n.ref.kind == "person":
            prefix = shapes.without_role(prefix, self.roles.get(n.ref.key, ()))
        if MASK in prefix:
            return False
        for w in _PREFIX_WORDS.findall(prefix):
            if w in v.prepositions or w in v.finite or (w.islower() and w.endswith("ed")):
                return False
        return not v.verb_re.search(prefix)


def _joint_before(before: str) -> re.Match[str] | None:
    """ "X and" ending ``before`` (``_JOINT``), searched only when ``before`` ends in a
    space after "and", "&" or "the": the pattern is tried at every position of it."""
    if not before[-1:].isspace() or not before.rstrip().endswith(("and", "&", "the")):
        return None
    return _JOINT.search(before)


def _is_person(n: Named) -> bool:
    return n.ref is not None and n.ref.kind == "person"


def _rank(n: Named) -> int:
    """Prefer a person's name over a party's over a pronoun when spans end together."""
    if n.ref is not None:
        return 0 if n.ref.kind == "person" else 1
    return 2


def _as_ref(outcome: Outcome) -> Ref | None:
    return outcome if isinstance(outcome, Ref) else None
