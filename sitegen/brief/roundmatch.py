"""How well an undated story fits a round: place, people and words.

A story that gives no day of its own (or only a country, or no place at all)
joins the round whose stories it resembles most, and only when one round
clearly does: a wrong round is worse than none. Stories that fit no dated
round but resemble each other at one place form a round of their own, undated.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sitegen.extract.cities import venue_country
from sitegen.extract.gazetteer import place_is_country

MIN_SIMILARITY = 0.12
"""Below this cosine (over idf-weighted words) a story is not clearly like a round's
stories: the top tenth of all pairs of the development set starts at 0.105."""
SAME_VENUE_SIMILARITY = 0.08
"""Enough for two undated stories at one venue to be one meeting: about twice the median
cosine between unrelated stories of the real development set (0.044; stories of one
meeting there ran 0.10-0.35)."""
MARGIN = 1.25
"""The best round must beat the next by this factor to be chosen."""


@lru_cache(maxsize=4096)
def place_key(place: str | None) -> str | None:
    """What places must share to be one venue: the country a place lies in (so
    "talks in Norway" and "Bergen" meet), or its spelling key when its country is unknown.
    Remembered: grouping asks it of every (story, round) pair, of a few hundred places."""
    if place is None:
        return None
    return venue_country(place) or _spelling_key(place)


def _spelling_key(place: str) -> str:
    """A town no list knows, by its first letter and consonants: transliterations of
    one name differ in their vowels ("Naqoura", "Naqura")."""
    letters = [c for c in place.lower() if c.isalpha()]
    return "".join(letters[:1] + [c for c in letters[1:] if c not in "aeiouy"])


def same_venue(a: str | None, b: str | None) -> bool:
    """Two named venues agree: the same place, a city and the country it lies in, or
    two spellings of a town no list knows."""
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    ka, kb = place_key(a), place_key(b)
    if ka != kb:
        return False
    return place_is_country(a) or place_is_country(b) or venue_country(a) is None


def finer(a: str | None, b: str | None) -> str | None:
    """Of two agreeing venues, the more precise (the city over its country)."""
    if a is None or (b is not None and place_is_country(a) and not place_is_country(b)):
        return b
    return a


class Vocabulary:
    """Inverse document frequencies over the stories being grouped."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        counts: Counter[str] = Counter()
        n = 0
        for doc in documents:
            n += 1
            counts.update(set(doc))
        # smoothed (+1): with few stories every word still counts, rare ones more
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1 for w, c in counts.items()}

    def vector(self, terms: Iterable[str]) -> dict[str, float]:
        """Term weights of a story or a round (words every story has weigh least)."""
        idf = self.idf
        return {w: idf[w] for w in terms if w in idf}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two weight vectors."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def clear_best(scores: Sequence[float], least: float = MIN_SIMILARITY) -> int | None:
    """Index of the one score that is high enough and clearly ahead of the rest."""
    if not scores:
        return None
    ranked = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    best = ranked[0]
    if scores[best] < least:
        return None
    if len(ranked) > 1 and scores[best] < MARGIN * scores[ranked[1]]:
        return None
    return best
