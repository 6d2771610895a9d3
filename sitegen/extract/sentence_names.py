"""Names of people and parties in each sentence, as attribution reads them.

Attribution asks, sentence by sentence, who is named where outside the
quotations (and which pronouns stand there). Finding every name in every
sentence cost the square of an article's length, so the mentions are indexed
once per article and a sentence is read only when attribution first asks for it.
Split from ``quotes.py``, which lays out the quotations and picks the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sitegen.extract.attribution import MASK
from sitegen.extract.reporting_words import vocab
from sitegen.extract.speech_refs import Named, Ref
from sitegen.models import Mention, PartyRef, PersonRef


def at_word_start(text: str, head: str) -> bool:
    """Whether ``head`` stands where a name may begin (as ``_occurrences`` requires: not
    after a letter, digit, "_" or "-"), by ``find``: a few calls per name are cheaper
    than reading every word of the sentence."""
    at = text.find(head)
    while at != -1:
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before in "_-"):
            return True
        at = text.find(head, at + 1)
    return False


@dataclass(slots=True)
class NameIndex:
    """Who may be named in which sentence, gathered once per article: testing every
    person in every sentence made long articles cost the square of their length.
    People are (0, position in their list), parties (1, position): sorted, they come
    in the order the sentence scan always used."""

    spans: dict[tuple[int, int, int], list[tuple[int, int]]]
    """(kind, position, sentence) -> spans of the found mentions there."""
    mentioned: dict[int, set[tuple[int, int]]]
    """Sentence -> who has a found mention in it."""
    by_head: dict[str, set[tuple[int, int]]]
    """First two characters of a name -> whose name it may be."""


def name_index(people: list[PersonRef], parties: list[PartyRef]) -> NameIndex:
    index = NameIndex({}, {}, {})
    who: list[tuple[tuple[int, int], list[Mention], list[str]]] = [
        ((0, n), p.mentions, [p.key, p.name, *p.aliases]) for n, p in enumerate(people)
    ]
    who += [((1, n), p.mentions, [p.name]) for n, p in enumerate(parties)]
    for (kind, n), mentions, names in who:
        for m in mentions:
            index.spans.setdefault((kind, n, m.sentence), []).append((m.start, m.end))
            index.mentioned.setdefault(m.sentence, set()).add((kind, n))
        for name in names:
            if len(name) >= 2 and name[:1].isupper():
                index.by_head.setdefault(name[:2], set()).add((kind, n))
    return index


class SentenceNames:
    """Names of people and parties per sentence, found when attribution first asks for
    a sentence: most sentences are never asked about (no quotation nearby)."""

    def __init__(
        self, masked: list[str], people: list[PersonRef], parties: list[PartyRef], index: NameIndex
    ) -> None:
        self.masked = masked
        self.people = people
        self.parties = parties
        self.index = index
        self.found: dict[int, list[Named]] = {}

    def __getitem__(self, s: int) -> list[Named]:
        if s not in self.found:
            self.found[s] = _names(s, self.masked[s], self.people, self.parties, self.index)
        return self.found[s]


def _names(
    s: int, masked: str, people: list[PersonRef], parties: list[PartyRef], index: NameIndex
) -> list[Named]:
    """Names of people and parties in one sentence, outside quotations, plus pronouns
    (spans are kept as tuples until the longest are chosen: few become ``Named``)."""
    spans: list[tuple[int, int, Ref]] = []
    who = set(index.mentioned.get(s, ()))
    for head, whose in index.by_head.items():
        if at_word_start(masked, head):
            who |= whose
    size = len(masked)
    for group, pos in sorted(who):
        if group == 0:
            ref, names = Ref("person", people[pos].key), [people[pos].key, people[pos].name]
            names += people[pos].aliases
        else:
            ref, names = Ref("party", parties[pos].id), [parties[pos].name]
        for a, b in [*index.spans.get((group, pos, s), ()), *_occurrences(masked, names)]:
            if 0 <= a < b <= size and MASK not in masked[a:b]:
                spans.append((a, b, ref))
    found = [Named(a, b, ref) for a, b, ref in _longest(spans)]
    for kind, pattern in _pronoun_patterns():
        for m in pattern.finditer(masked):
            found.append(Named(m.start(), m.end(), None, pronoun=kind))
    return sorted(found, key=lambda n: (n.start, -n.end))


@cache
def _pronoun_patterns() -> tuple[tuple[Literal["person", "party"], re.Pattern[str]], ...]:
    """One pattern per kind of pronoun, compiled once (read-only)."""
    return tuple(
        (kind, re.compile(r"(" + _first_letters(words) + r")(?![\w’'-])"))
        for kind, words in vocab().pronouns.items()
    )


_NOT_AFTER = r"(?<![\w’'-][\s\S])"
r"""``(?<![\w’'-])`` before a word's first letter, tested right after it."""


def _first_letters(words: tuple[str, ...]) -> str:
    r"""``(?<![\w’'-])(?:A|B)`` with each word's look-behind after its first letter: the
    same matches, in the same order, but a pattern that opens with a letter lets ``re``
    skip to the places where a word can begin (words written as patterns: as before)."""
    if not all(words) or any(re.escape(w) != w for w in words):
        return r"(?<![\w’'-])(?:" + "|".join(words) + ")"
    return "|".join(re.escape(w[0]) + _NOT_AFTER + w[1:] for w in words)


def _occurrences(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where any of the names stands as whole words."""
    spans: list[tuple[int, int]] = []
    for name in {n for n in names if len(n) >= 2 and n[:1].isupper()}:
        if name not in text:  # a plain search first: most names are not in most sentences
            continue
        spans += whole_word_spans(text, name)
    return spans


def whole_word_spans(text: str, name: str) -> list[tuple[int, int]]:
    r"""Where ``name`` stands as whole words: the matches of
    ``(?<![\w-])NAME(?![\w-])``, found with ``str.find`` (compiling a pattern for
    each name of each article cost more than the searches)."""
    spans: list[tuple[int, int]] = []
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if before.isalnum() or before in "_-" or after.isalnum() or after in "_-":
            at = text.find(name, at + 1)
        else:
            spans.append((at, end))
            at = text.find(name, end)
    return spans


def _longest(found: list[tuple[int, int, Ref]]) -> list[tuple[int, int, Ref]]:
    """Of overlapping (start, end, ref) spans of the same kind, keep the longest."""
    keep: list[tuple[int, int, Ref]] = []
    for n in sorted(found, key=lambda n: (n[0] - n[1], n[0])):
        start, end, ref = n
        for k_start, k_end, k_ref in keep:
            if k_ref.kind == ref.kind and k_start < end and start < k_end:
                break
        else:
            keep.append(n)
    return keep
