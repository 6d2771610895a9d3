"""The small value types that attribution and its helpers share.

Kept apart so the described-speaker rules (``described.py``) and the verb
reader (``attribution.py``) can both name them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True, slots=True)
class Ref:
    """A speaker: a person (``PersonRef.key``) or a party (party id)."""

    kind: Literal["person", "party"]
    key: str
    title: tuple[str, ...] = field(default=(), compare=False)
    """A party named by an office only ("the Astorian president"): the office's words."""


NOBODY = Ref("party", "")
"""A speaker the text describes but gives no side ("an official told Reuters"):
resolved, so no rule looks further, yet written out as no speaker."""


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


def speaker_key(ref: Ref | None) -> Ref | None:
    """The speaker as written out: ``NOBODY`` becomes no speaker."""
    return None if ref is None or ref == NOBODY else ref
