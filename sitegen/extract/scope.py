"""How much of one article extraction reads.

Extraction compares mentions with mentions across an article, so its work grows
faster than the article's length. A scraped news story is a few thousand
characters (the longest of the seeds and the development set is 6,800); a
"story" of megabytes is a dump or an attack, and extracting all of it would
stall a build (and the preview) for minutes. So extraction reads the sentences
within the first MAX_EXTRACTED_CHARS characters; the whole text is still parsed,
shown on the article's page and searchable.
"""

from __future__ import annotations

import dataclasses

from sitegen.models import Article

MAX_EXTRACTED_CHARS = 20_000
"""Three times the longest article of the development set, about 3,300 words: a long
feature is read whole."""


def in_scope(article: Article) -> Article:
    """``article`` itself, or a copy holding only the sentences within the limit (the
    sentences keep their indices, so evidence still points into the whole article)."""
    total = 0
    for i, sentence in enumerate(article.sentences):
        total += len(sentence.text) + 1
        if total > MAX_EXTRACTED_CHARS:
            return dataclasses.replace(article, sentences=article.sentences[:i])
    return article
