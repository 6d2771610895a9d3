"""One person's shorter full name inside another article's longer one.

Outlets drop a first or a last given name: "Ivo Marten" in one story is "Jon Ivo
Marten" in the next, "Salva Kiir" is "Salva Kiir Mayardit". The surname or the
first name then differs, so the spelling rules of ``actors`` keep them apart. A
shorter full name (two or more name words) written word for word inside exactly
one longer name, with no side against it, is the same person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.extract.names import fold, is_particle

_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def _core(words: tuple[str, ...]) -> int:
    return sum(1 for w in words if not is_particle(w))


def contained_pairs(
    names: Sequence[Sequence[str]], sides: Sequence[set[str]]
) -> list[tuple[int, int]]:
    """Pairs (longer, shorter) of groups to join: group j's full name lies inside a full
    name of exactly one other group i, and their sides do not disagree."""
    inside: dict[tuple[str, ...], set[int]] = {}
    for i, group in enumerate(names):
        for name in group:
            w = _words(name)
            for size in range(2, len(w)):
                for at in range(len(w) - size + 1):
                    inside.setdefault(w[at : at + size], set()).add(i)
    pairs: list[tuple[int, int]] = []
    for j, group in enumerate(names):
        owners: set[int] = set()
        for name in group:
            w = _words(name)
            if len(w) >= 2 and _core(w) >= 2:
                owners |= inside.get(w, set()) - {j}
        if len(owners) != 1:
            continue
        i = owners.pop()
        if sides[i] and sides[j] and not sides[i] & sides[j]:
            continue
        pairs.append((i, j))
    return pairs
