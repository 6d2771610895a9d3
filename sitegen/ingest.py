"""Raw scraped article text -> ``Article`` (PROVISIONAL stub, to be replaced)."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.models import Article, Sentence


def parse_article(raw: str, *, file: str, id: str) -> Article:
    """Parse the text of one article (stub: blank-line paragraphs, naive sentences)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    title = blocks[0] if blocks else ""
    paragraphs = blocks[1:]
    sentences: list[Sentence] = []
    for p_i, para in enumerate(paragraphs):
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para):
            sentences.append(Sentence(index=len(sentences), paragraph=p_i, text=s))
    return Article(id=id, file=file, title=title, paragraphs=paragraphs, sentences=sentences)


def read_article(path: Path, root: Path) -> Article:
    """Read and parse one ``seeds/*.txt`` file."""
    raw = path.read_text(encoding="utf-8")
    return parse_article(raw, file=path.relative_to(root).as_posix(), id=path.stem)
