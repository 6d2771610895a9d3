"""An article's distinctive words, for measuring how alike two stories are.

Grouping places a story that gives no day (or only a country) in the round
whose stories it resembles most; names and rarer nouns carry that resemblance,
function words and the vocabulary of every negotiation story do not.
"""

from __future__ import annotations

import re
from functools import cache

from sitegen.data import load
from sitegen.extract.literals import lowered
from sitegen.models import Article

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
MAX_TERMS = 400
"""More distinct words than this add little to a comparison and cost space in the cache."""


@cache
def _stop() -> frozenset[str]:
    return frozenset(str(w) for w in load("terms")["stop"])


def article_terms(article: Article) -> list[str]:
    """Distinct lower-case words of the title and body (no captions), minus stop words."""
    stop = _stop()
    seen: dict[str, None] = {}
    texts = [article.title, *(s.text for s in article.sentences if s.part != "caption")]
    for text in texts:
        low = lowered(text)  # the whole text at once: the same words, found in lower case
        words = (
            [w.lower().replace("’", "'") for w in WORD.findall(text)]
            if low is None
            else WORD.findall(low.replace("’", "'"))
        )
        for word in words:
            key = word.removesuffix("'s").strip("'-")
            if len(key) > 3 and key not in stop:
                seen.setdefault(key, None)
        if len(seen) >= MAX_TERMS:
            break
    return sorted(seen)[:MAX_TERMS]
