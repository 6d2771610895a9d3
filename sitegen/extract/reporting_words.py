"""The reporting vocabulary (``sitegen/data/reporting.yaml``) as ready-made sets.

Shared by attribution (verbs, subjects) and the quotation finder (title cues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sitegen.data import load
from sitegen.extract.literals import Guarded, guarded, trie_alternation


@dataclass(frozen=True, slots=True)
class Vocab:
    """The word lists of ``reporting.yaml``, as sets and one verb pattern."""

    inverted: frozenset[str]
    speech: frozenset[str]
    participles: frozenset[str]
    conjunctions: frozenset[str]
    title_cues: tuple[str, ...]
    fillers: frozenset[str]
    institutions: frozenset[str]
    roles: frozenset[str]
    generic_speakers: frozenset[str]
    outlet_nouns: frozenset[str]
    vague_modifiers: frozenset[str]
    leader_nouns: frozenset[str]
    not_holding: frozenset[str]
    indefinite: frozenset[str]
    document_nouns: frozenset[str]
    post_modifiers: frozenset[str]
    prepositions: frozenset[str]
    finite: frozenset[str]
    determiners: frozenset[str]
    ambiguous: frozenset[str]
    pronouns: dict[Literal["person", "party"], tuple[str, ...]]
    verb_re: re.Pattern[str]
    according_re: Guarded


@cache
def vocab() -> Vocab:
    """Load the reporting vocabulary once."""
    data: dict[str, Any] = load("reporting")
    words = sorted(set(data["verbs"]) | set(data["participles"]), key=len, reverse=True)
    according = sorted(data["according_to"], key=len, reverse=True)
    return Vocab(
        inverted=frozenset(data["inverted"]),
        speech=frozenset(data["inverted"]) | frozenset(data["speech_verbs"]),
        participles=frozenset(data["participles"]),
        conjunctions=frozenset(data["conjunctions"]),
        title_cues=tuple(data["title_cues"]),
        fillers=frozenset(data["fillers"]),
        institutions=frozenset(data["institution_nouns"]),
        roles=frozenset(data["role_nouns"]),
        generic_speakers=frozenset(data["generic_speakers"]),
        outlet_nouns=frozenset(data["outlet_nouns"]),
        vague_modifiers=frozenset(data["vague_modifiers"]),
        leader_nouns=frozenset(data["leader_nouns"]),
        not_holding=frozenset(data["not_holding"]),
        indefinite=frozenset(data["indefinite"]),
        document_nouns=frozenset(data["document_nouns"]),
        post_modifiers=frozenset(data["post_modifiers"]),
        prepositions=frozenset(data["prepositions"]),
        finite=frozenset(data["finite_verbs"]),
        determiners=frozenset(data["determiners"]),
        ambiguous=frozenset(data["ambiguous"]),
        pronouns={k: tuple(ws) for k, ws in data["pronouns"].items()},
        # a trie: the same words, longest first, but not tried one by one at every place
        # (the look-behind after each first letter: re skips to the places a verb may start)
        verb_re=re.compile(
            r"(" + trie_alternation(words, r"[\w-]") + r")(?![\w-])"
            if all(words)
            else r"(?<![\w-])(" + trie_alternation(words) + r")(?![\w-])"
        ),
        according_re=guarded(
            r"(?<![\w-])(" + "|".join(map(re.escape, according)) + r")(?![\w-])", re.I
        ),
    )


def has_title_cue(text: str, pos: int) -> bool:
    """Whether the words right before ``pos`` name a title ('a report titled "..."')."""
    before = text[:pos].rstrip().lower()
    words = re.findall(r"[a-z-]+", before[-40:])
    if words and words[-1] in vocab().determiners:
        words = words[:-1]  # 'known as the "..."'
    tail = " ".join(words[-2:])
    return any(
        tail.endswith(cue) and (tail == cue or tail.endswith(" " + cue))
        for cue in vocab().title_cues
    )
