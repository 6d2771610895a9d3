"""What kind of office a role names: one only a state holds (prime minister,
ambassador), which gives its holder a state's side, or a local one (mayor,
governor), which does not make its holder a party's voice. Split from ``roles``."""

from __future__ import annotations

import re
from functools import cache

from sitegen.extract.roles import role_words


@cache
def _any_word(words: frozenset[str]) -> re.Pattern[str]:
    """Any of the words, whole: one search instead of one per word (an alternation
    tries every branch at each place, so it matches where any single word would)."""
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in sorted(words))})\b")


def is_state_office(role: str) -> bool:
    """Whether a role is an office only a state holds (prime minister, ambassador)."""
    words = role_words().state
    return bool(words) and _any_word(words).search(role.lower()) is not None


def is_local(role: str) -> bool:
    """Whether a role is a local office (mayor, governor)."""
    words = role_words().local
    return bool(words) and _any_word(words).search(role.lower()) is not None
