"""Small hand-made records shared by the unit tests of actor merging and editor overrides."""

from __future__ import annotations

import datetime as dt

from sitegen.models import Article, Sentence


def stub_article(aid: str, day: int, n: int = 3, month: int = 1) -> Article:
    """An article of ``n`` one-line sentences dated ``day`` of ``month`` 2025: enough for
    facts that cite a sentence and a day, with no text to extract from."""
    sentences = [Sentence(index=i, paragraph=0, text=f"{aid} sentence {i}.") for i in range(n)]
    return Article(
        id=aid,
        file=f"seeds/{aid}.txt",
        title=aid,
        paragraphs=[" ".join(s.text for s in sentences)],
        sentences=sentences,
        date=dt.date(2025, month, day),
    )
