"""The stance lexicon: ``sitegen/data/stances.yaml`` compiled once into patterns.

Kept apart from the position finder so the rules read as rules and the words
stay data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sitegen.data import load
from sitegen.extract.literals import Guarded, Sieve
from sitegen.extract.match_starts import Starts
from sitegen.models import Stance


def _alt(items: list[Any]) -> str:
    """One alternation, longest first, with spaces matching any white space."""
    parts = sorted((str(i) for i in items), key=len, reverse=True)
    return "|".join(p.replace(" ", r"\s+") for p in parts)


def _words(items: list[Any]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alt(items)})(?![\w-])", re.IGNORECASE)


def _branches(items: list[Any]) -> tuple[str, ...]:
    """The branches of ``_alt(items)``, in its order."""
    return tuple(_alt([i]) for i in sorted((str(i) for i in items), key=len, reverse=True))


@lru_cache(maxsize=512)
def alternation(branches: tuple[str, ...]) -> re.Pattern[str]:
    """``_words`` of some branches of a cue list: the branches a sentence may match
    find what the whole list finds there (the others fail wherever they are tried),
    without trying the rest at every position."""
    return re.compile(rf"(?<![\w-])(?:{'|'.join(branches)})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CueGroup:
    """One stance's verbs (or nouns): the branches of its pattern, and where the first
    of them stands in the lexicon's ``cue_sieve``."""

    stance: Stance
    branches: tuple[str, ...]
    first: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled stance cues and the helper word lists around them."""

    verbs: tuple[tuple[re.Pattern[str], Stance], ...]
    nouns: tuple[tuple[re.Pattern[str], Stance], ...]
    needs_agent: frozenset[str]
    modal: re.Pattern[str]
    reporting: Guarded
    position_nouns: Guarded
    aux: frozenset[str]
    body: frozenset[str]
    influence: Guarded
    blocking: frozenset[str]
    negator: re.Pattern[str]
    hypothetical: frozenset[str]
    abandon: frozenset[str]
    anaphoric: re.Pattern[str]
    negotiation: re.Pattern[str]
    specific: frozenset[str]
    condition: Guarded
    noun_modifiers: frozenset[str]
    time: re.Pattern[str]
    open_verbs: re.Pattern[str]
    """Demand and rejection verbs that are a position whatever their object."""
    non_position: re.Pattern[str]
    """Objects that make even an open verb no position ("refused to comment")."""
    wish: re.Pattern[str]
    """Objects that make a proposal or a want only a wish for a deal."""
    refusal: re.Pattern[str]
    """A negated future or ability before a concession verb ("will not withdraw");
    group ``verb`` is where the refused action begins."""
    collective: Guarded
    """Subjects standing for every negotiating party ("both sides", "the two delegations")."""
    cue_sieve: Sieve
    """Each branch of the verbs and of the nouns, then the modal and refusal patterns,
    in that order, by the words they need: a sentence holds the words of only a few."""
    verb_groups: tuple[CueGroup, ...]
    noun_groups: tuple[CueGroup, ...]
    cue_starts: tuple[Starts, ...]
    """Where each pattern of ``cue_sieve`` can first match (``match_starts``)."""

    def is_aux(self, word: str) -> bool:
        """A word that may stand between a subject and its verb."""
        return word.lower() in self.aux

    def is_body(self, word: str) -> bool:
        """A noun for the people who speak for a side ("officials")."""
        return word.lower() in self.body


def _lower_set(items: list[Any]) -> frozenset[str]:
    return frozenset(str(i).lower() for i in items)


@cache
def lexicon() -> Lexicon:
    """Load and compile the stance lexicon once."""
    d = load("stances")
    verbs = tuple((_words(pats), stance) for stance, pats in d["verbs"].items())
    nouns = tuple((_words(pats), stance) for stance, pats in d["nouns"].items())
    body = _lower_set(d["body_nouns"])
    modal = _words(d["modals"])
    refusal = re.compile(
        rf"(?<![\w-])(?:{_alt(d['refusals']['modals'])})\s+(?:\w+ly\s+)?"
        rf"(?P<verb>(?:{_alt(d['refusals']['verbs'])}))(?![\w-])",
        re.IGNORECASE,
    )
    groups: list[CueGroup] = []
    for stance, pats in (*d["verbs"].items(), *d["nouns"].items()):
        first = sum(len(g.branches) for g in groups)
        groups.append(CueGroup(stance, _branches(pats), first))
    branches = [alternation((b,)) for g in groups for b in g.branches]
    cue_patterns = (*branches, modal, refusal)
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        needs_agent=_lower_set(d["noun_needs_agent"]),
        modal=modal,
        reporting=Guarded.of(_words(d["reporting_verbs"])),
        position_nouns=Guarded.of(_words(d["position_nouns"])),
        aux=_lower_set(d["aux_words"]),
        body=frozenset(w for b in body for w in b.split()),
        influence=Guarded.of(
            re.compile(rf"(?<![\w-])(?:{_alt(d['influence_verbs'])})\s*$", re.IGNORECASE)
        ),
        blocking=_lower_set(d["blocking_words"]),
        negator=_words(d["negators"]),
        hypothetical=_lower_set(d["hypothetical"]),
        abandon=_lower_set(d["abandon_verbs"]),
        anaphoric=re.compile(rf"^\s*(?:{_alt(d['anaphoric_objects'])})\b", re.IGNORECASE),
        negotiation=_words(d["negotiation_objects"]),
        specific=_lower_set(d["specific_determiners"]),
        condition=Guarded.of(_words(d["condition_words"])),
        noun_modifiers=_lower_set(d["noun_modifiers"]),
        time=_words(d["time_phrases"]),
        open_verbs=re.compile(rf"(?:{_alt(d['open_verbs'])})", re.IGNORECASE),
        non_position=re.compile(
            rf"^\s*(?:(?:late |early )?(?:{_alt(d['time_phrases'])}),? )?"
            rf"(?:{_alt(d['non_position_objects'])})\b",
            re.IGNORECASE,
        ),
        wish=re.compile(rf"^\s*(?:{_alt(d['wish_objects'])})", re.IGNORECASE),
        refusal=refusal,
        collective=Guarded.of(_words(d["collective_subjects"])),
        cue_sieve=Sieve.of(cue_patterns),
        verb_groups=tuple(groups[: len(verbs)]),
        noun_groups=tuple(groups[len(verbs) :]),
        cue_starts=tuple(Starts.of(p) for p in cue_patterns),
    )
