"""The site's promise, checked before anything is published: every cited sentence is
a substring of its article, and every quotation's words are in it.

The gather cache is keyed to this machine (``sitegen.brief.cachekey``), so an entry
edited by hand or committed to a repository is never used. This check stands
behind that key: whatever a cache entry or an extractor bug hands over, a quote
no article contains is never published as "the sentence it came from".
"""

from __future__ import annotations

import re

from sitegen.models import Article, ArticleFacts

_MARKS = re.compile(r"[\s\"“”‘’'«»]+")


def _squeezed(text: str) -> str:
    """Text without quotation marks and with white space removed: a quotation over two
    paragraphs is written with its parts joined by one space and no reopening mark."""
    return _MARKS.sub("", text)


def sentences_hold(article: Article) -> bool:
    """Whether every sentence is a substring of the paragraph (or caption) it names,
    in order of index."""
    for n, sentence in enumerate(article.sentences):
        source = article.captions if sentence.part == "caption" else article.paragraphs
        if sentence.index != n or not 0 <= sentence.paragraph < len(source):
            return False
        if sentence.text not in source[sentence.paragraph]:
            return False
    return True


class _Words:
    """An article's words, asked whether they hold a cited text. A citation found as it
    stands is in them squeezed too (squeezing drops characters one by one), so the
    whole article is squeezed only for one that is not: most articles never."""

    def __init__(self, article: Article) -> None:
        self.text = " ".join(article.paragraphs + article.captions)
        self._squeezed: str | None = None

    def hold(self, cited: str) -> bool:
        """Whether ``cited``, squeezed, is in the article squeezed."""
        if cited in self.text:
            return True
        if self._squeezed is None:
            self._squeezed = _squeezed(self.text)
        return _squeezed(cited) in self._squeezed


def foreign_citations(article: Article, facts: ArticleFacts) -> list[str]:
    """What the facts cite that the article does not hold: sentence indices out of range,
    quotations and position objects not in the article's words."""
    count = len(article.sentences)
    words = _Words(article)
    problems = []
    for quote in facts.quotes:
        if not 0 <= quote.sentence < count or not words.hold(quote.text):
            problems.append(f"quotation {quote.text[:60]!r}")
    for position in facts.positions:
        if not 0 <= position.sentence < count or not words.hold(position.object):
            problems.append(f"position {position.object[:60]!r}")
    for issue in facts.issues:
        if not 0 <= issue.sentence < count:
            problems.append(f"issue {issue.label[:60]!r}")
    return problems


def drop_foreign(article: Article, facts: ArticleFacts) -> list[str]:
    """Leave out of ``facts`` what ``foreign_citations`` finds; return what went."""
    problems = foreign_citations(article, facts)
    if problems:
        count = len(article.sentences)
        words = _Words(article)
        facts.quotes = [q for q in facts.quotes if 0 <= q.sentence < count and words.hold(q.text)]
        facts.positions = [
            p for p in facts.positions if 0 <= p.sentence < count and words.hold(p.object)
        ]
        facts.issues = [i for i in facts.issues if 0 <= i.sentence < count]
    return problems
