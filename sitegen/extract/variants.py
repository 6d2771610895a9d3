"""Spelling variants of one name: transliterations the fixed rules do not cover.

"Karimov"/"Karimiov", "Tavakoli"/"Tavaqoli" are one person written by different
outlets. Close spelling alone is weak evidence ("Morozov" and "Morozenko" are two
people), so a variant joins only when the first names agree
(the same, or themselves close) or, for a lone surname, the sides agree. The
measure is difflib's ratio on the folded keys: the standard library does it well
enough for the few short pairs that pass the cheap filters here.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

_ARTICLE = re.compile(r"^(?:al|el|ul)(?=[a-z]{4})")
_CLOSE = 0.8
"""Least ratio for two surnames (or two first names) to be variants."""
_MAX_LENGTH_GAP = 2


@lru_cache(maxsize=16384)
def close_spelling(a: str, b: str) -> bool:
    """Whether two name keys are spelling variants ("karimov", "karimiov"); an article
    fused to the name ("alnurany", "nurany") is no difference."""
    if a == b:
        return True
    a, b = _ARTICLE.sub("", a), _ARTICLE.sub("", b)
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > _MAX_LENGTH_GAP:
        return False
    if min(len(a), len(b)) < 4:
        return False  # short keys are too alike by chance
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= _CLOSE and matcher.ratio() >= _CLOSE


def bucket_initial(key: str) -> str:
    """The letter variants of a key share: its first, past a fused article."""
    return _ARTICLE.sub("", key)[:1]


def firsts_agree(a: set[str], b: set[str]) -> bool:
    """Whether two sets of first-name keys share one name, an initial or a variant."""
    for x in a:
        for y in b:
            if x == y or close_spelling(x, y):
                return True
            if (len(x) == 1 or len(y) == 1) and x[0] == y[0]:
                return True
    return False
