"""Speakers the text describes instead of naming: institutions, unnamed officials, titles.

News names a speaker by description in a few ways: an institution of one party
("the foreign ministry of X said"), an unnamed official of a party ("a senior
Belmar official told ..." speaks for Belmar), a title of a party ("Astoria's
prime minister said": its one holder in the article, else Astoria), and a
definite reference back ("the official", "the minister", "the source"): the
person or described speaker of the sentences just before, never someone far
off who happens to hold a like title. Outlets never speak; a joint statement or
officials of two parties together have no single speaker (``NOBODY``).
"""

from __future__ import annotations

import re

from sitegen.extract.reporting_words import Vocab, vocab
from sitegen.extract.speech_refs import NOBODY, Named, NamesBySentence, Ref, Verb

UNNAMED = "unnamed"
"""The outcome for a phrase that names nobody we can resolve."""

_LOOK_BACK = 3
_POSSESSIVE = re.compile(r"[’']s?$")
_OWNS = re.compile(
    r"(?:['’]s?)?\s+(?:(?!\S*-(?:backed|brokered|mediated))[\w-]+\s+){0,2}?([a-z]+)\b"
)
"""A name, then up to two words, then the noun it may own ("X's 20-point plan")."""
_BODY_GAP = re.compile(r"(?:['’]s?)?\s+(?:[A-Z][\w-]*\s+){0,3}")
_BACKED = re.compile(r"\w-(?:backed|brokered|mediated|sponsored)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b")


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_human(word: str, v: Vocab) -> bool:
    """A noun for a person who may speak: a role ("minister") or a generic one ("source")."""
    return word in v.roles or _singular(word) in v.roles or word in v.generic_speakers


class DescribedSpeakers:
    """Resolution of described speakers; mixed into ``Attributor``, which holds the state."""

    masked: list[str]
    named: NamesBySentence
    roles: dict[str, list[str]]
    sides: dict[str, str | None]
    skip: set[int]
    _verbs: dict[int, list[tuple[Verb, Ref | None]]]
    _described: dict[int, list[tuple[str, Ref]]]
    _bodies: dict[int, list[tuple[str, Ref]]]

    def verbs(self, s: int) -> list[tuple[Verb, Ref | None]]:
        raise NotImplementedError

    def _by_head(self, s: int, phrase: str, inside: list[Named]) -> Ref | str:
        """A described speaker: an institution of one party, an unnamed official, a title."""
        v = vocab()
        raw = [w.strip(".,;:’'") for w in phrase.split()]
        raw = [w for w in raw if w]
        words = [_POSSESSIVE.sub("", w.lower()) if "’" in w or "'" in w else w.lower() for w in raw]
        if not words:
            return UNNAMED
        head_at = len(words)
        for i, w in enumerate(words):
            if w in v.prepositions and 0 < i < len(words) - 1:
                # "the Ministry of Foreign Affairs", "an official from X", "the Office of
                # the Belmar Prime Minister" (the owner's title after "of the")
                if _is_human(words[i - 1], v) or all(
                    r[:1].isupper() for r in raw[i + 1 :] if r.lower() != "the"
                ):
                    head_at = i
                break
        head = words[head_at - 1]
        if not _is_human(head, v):
            # "a source close to the talks", "people familiar with the matter"; "a source
            # close to the Belmar army" is a source (the later "the source" means it)
            human = [i for i, w in enumerate(words[: head_at - 1]) if _is_human(w, v)]
            if human and words[human[0] + 1] in v.post_modifiers:
                head_at = human[0] + 1
                head = words[head_at - 1]
        if (
            head_at == len(words)
            and raw[-1][:1].isupper()
            and head not in v.institutions
            and not (head in v.roles and words[0] == "the")
        ):
            return UNNAMED  # ends in a name nobody listed ("the Astorian Chancellor" is a title)
        if not _is_human(head, v) and any(w in v.outlet_nouns for w in words[:head_at]):
            return UNNAMED  # an outlet's own words: outlets never speak
        ids = list(
            dict.fromkeys(n.ref for n in inside if n.ref is not None and n.ref.kind == "party")
        )
        people = [n for n in inside if n.ref is not None and n.ref.kind == "person"]
        if head in v.document_nouns and words[0] in ("the", "this", "that"):
            return self._author(s, head, inside) or UNNAMED
        if head in v.institutions:
            if "joint" in words:
                return NOBODY  # a joint statement speaks for no single party
            if len(ids) == 1 and not people:
                self._bodies.setdefault(s, []).append((head, ids[0]))
                return ids[0]
            if not ids and not people and words[0] == "the":
                return self._body_back(s, head) or UNNAMED
            return UNNAMED
        if not _is_human(head, v):
            return UNNAMED
        return self._person_described(s, raw, words, head_at, ids, people)

    def _person_described(
        self,
        s: int,
        raw: list[str],
        words: list[str],
        head_at: int,
        ids: list[Ref],
        people: list[Named],
    ) -> Ref | str:
        v = vocab()
        head = words[head_at - 1]
        noun = head if head in v.roles or head in v.generic_speakers else _singular(head)
        plural = noun != head
        possessive = any(
            _POSSESSIVE.search(w) and ("’" in w or "'" in w) for w in phrase_words(raw)
        )
        definite = words[0] == "the" or possessive
        mods = [
            w
            for w, r in zip(words[: head_at - 1], raw[: head_at - 1], strict=True)
            if r.islower() and w.isalpha() and w not in v.determiners and w not in v.vague_modifiers
        ]
        wanted = [*mods, noun]
        if len(ids) > 1:
            return self._note(s, noun, NOBODY)  # officials of two parties together
        if ids:
            party = ids[0]
            if definite and not plural:
                holders = [
                    k
                    for k in self.roles
                    if self.sides.get(k) == party.key and self._holds(k, wanted)
                ]
                if not holders and noun not in v.generic_speakers:
                    # "the EU top diplomat": the one person of that side just named whose
                    # roles hold no other title of that kind ("prime minister" is no
                    # "defence minister")
                    holders = [
                        k
                        for k in self._recent_people(s)
                        if self.sides.get(k) == party.key
                        and (noun in v.leader_nouns or not self._holds(k, [noun]))
                    ]
                if len(set(holders)) == 1:
                    return Ref("person", holders[0])
                if noun not in v.generic_speakers:
                    # no one holder here: the briefing may know one ("the Astorian
                    # president" in an article that never gives them that title)
                    party = Ref("party", party.key, tuple(wanted))
            return self._note(s, noun, party)
        if possessive and not plural:
            # "Mr X's spokesman", "the Prime Minister's spokesman": someone else speaking
            # for the owner's side, never a reference back to the last speaker
            return self._note(s, noun, self._owners_side(raw[: head_at - 1], people))
        if people:
            return UNNAMED
        if words[0] in v.indefinite or (plural and not definite):
            return self._note(s, noun, NOBODY)  # "an official told reporters", "sources said"
        if not definite:
            return UNNAMED
        back = self._refers_back(s, noun, wanted)
        # noted again here, so that a chain of "the source said" runs past the window
        return self._note(s, noun, back) if back is not None else UNNAMED

    def _owners_side(self, before: list[str], people: list[Named]) -> Ref:
        """The party of a possessive's owner: the named person's side, else the side of
        the one person holding the owner's title ("the Prime Minister's"); else nobody."""
        if people:
            ref = people[-1].ref
            side = self.sides.get(ref.key) if ref is not None else None
            return Ref("party", side) if side else NOBODY
        owner = next((i for i, w in enumerate(before) if _POSSESSIVE.search(w)), None)
        title = [w.lower() for w in before[: (owner or 0) + 1] if w[:1].isupper()]
        title = [_POSSESSIVE.sub("", w) for w in title if w != "the"]
        sides = {self.sides.get(k) for k in self.roles if title and self._holds(k, title)}
        found = [side for side in sides if side]
        return Ref("party", found[0]) if len(found) == 1 and len(sides) == 1 else NOBODY

    def _body_back(self, s: int, noun: str) -> Ref | None:
        """'the ministry said' after 'Astoria's foreign ministry said': the same body,
        named in the few sentences before; or the one party speaking in a sentence
        that names the noun ("Belmar said in a statement ... The statement added")."""
        for t in range(s, max(-1, s - _LOOK_BACK - 1), -1):
            if t in self.skip:
                continue
            spoken = self._verbs.get(t, []) if t == s else self.verbs(t)
            same = [r for n, r in self._bodies.get(t, []) if n == noun]
            if same:
                return same[-1]
            named = re.search(rf"\b{noun}\b", self.masked[t], re.IGNORECASE) if t < s else None
            if named is not None:
                # the nearest sentence naming it decides, a joint one included
                parties = {r for _, r in spoken if r is not None and r.kind == "party"} - {NOBODY}
                if parties:
                    return parties.pop() if len(parties) == 1 else None
                return self._owned_body(t, named.start())
        return None

    def _owned_body(self, t: int, at: int) -> Ref | None:
        """The party named right before a body noun ("a Calderian Foreign Ministry
        statement"): only capitalised words stand between them."""
        text = self.masked[t]
        for n in self.named[t]:
            party = n.ref is not None and n.ref.kind == "party" and n.end <= at
            if party and _BODY_GAP.fullmatch(text[n.end : at]):
                return n.ref
        return None
        return None

    def _author(self, s: int, noun: str, inside: list[Named]) -> Ref | None:
        """'the plan stipulates': the party whose plan it is, as the text said earlier
        ("the Astorian plan", "Marten's proposal"); a plan only backed or brokered by
        someone has no author here."""
        own = [n for n in inside if n.ref is not None]
        if own:
            return self._owner(own[0].ref)
        v = vocab()
        for t in range(s, -1, -1):
            if t in self.skip:
                continue
            text = self.masked[t]
            for n in sorted(self.named[t], key=lambda n: -n.start):
                if n.ref is None:
                    continue
                m = _OWNS.match(text, n.end)
                if m and m.group(1).lower() in v.document_nouns:
                    return self._owner(n.ref)
            if any(m.group(1) == noun for m in _BACKED.finditer(text)):
                return None  # "a Calderia-backed proposal": its author is not said
        return None

    def _owner(self, ref: Ref | None) -> Ref | None:
        if ref is None or ref.kind == "party":
            return ref
        side = self.sides.get(ref.key)
        return Ref("party", side) if side else None

    def _refers_back(self, s: int, noun: str, wanted: list[str]) -> Ref | None:
        """'the minister', 'the official': the nearest fitting person or described speaker."""
        v = vocab()
        generic = noun in v.generic_speakers
        if not generic:
            for key in self._recent_people(s):
                if self._holds(key, wanted):
                    return Ref("person", key)
        window = [
            t for t in range(s, max(-1, s - _LOOK_BACK - 1), -1) if t == s or t not in self.skip
        ]
        spoken = {t: self._verbs.get(t, []) if t == s else self.verbs(t) for t in window}
        for t in window:
            same = [r for n, r in self._described.get(t, []) if n == noun]
            if same:
                return same[-1]
        for t in window:
            humans = {r for _, r in self._described.get(t, [])}
            for _verb, ref in reversed(spoken[t]):
                if ref is not None and (ref.kind == "person" or (generic and ref in humans)):
                    return ref
        if not generic:
            holders = [k for k in self.roles if self._holds(k, [noun])]
            if len(holders) == 1:
                return Ref("person", holders[0])
        return None

    def _recent_people(self, s: int) -> list[str]:
        """People named in this and the few sentences before, the nearest first."""
        out: list[str] = []
        for t in range(s, max(-1, s - _LOOK_BACK - 1), -1):
            for n in reversed(self.named[t]):
                if n.ref is not None and n.ref.kind == "person" and n.ref.key not in out:
                    out.append(n.ref.key)
        return out

    def _holds(self, key: str, wanted: list[str]) -> bool:
        """Whether one of a person's roles has every wanted word ("prime", "minister")."""
        for role in self.roles.get(key, []):
            have = {_singular(w) for w in re.findall(r"[a-z]+", role)}
            if all(_singular(w) in have for w in wanted):
                return True
        return False

    def _note(self, s: int, noun: str, ref: Ref) -> Ref:
        """Remember a described speaker, for 'the official' and 'he' later."""
        self._described.setdefault(s, []).append((noun, ref))
        return ref


def phrase_words(raw: list[str]) -> list[str]:
    """The phrase's words but the last (a possessive there is the head's own)."""
    return raw[:-1]
