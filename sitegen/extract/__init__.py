"""Extraction: one module per kind of fact, each ``Article -> facts``.

The order matters: parties first (people's sides and places need them), then
people, then quotes and positions (which need speakers and parties), then the
sticking points (which read the positions).
"""

from __future__ import annotations

import dataclasses

from sitegen.extract.issues import Taxonomy, find_issues
from sitegen.extract.parties import find_parties, resolve_government
from sitegen.extract.people import find_people
from sitegen.extract.positions import find_positions
from sitegen.extract.quotes import find_quotes
from sitegen.extract.scope import in_scope
from sitegen.extract.sides import office_sides
from sitegen.models import Article, ArticleFacts


def text_only(article: Article) -> Article:
    """The article without its caption sentences (they come last, so indices hold).

    A photo caption names who was in the room but says nothing anyone said or
    wants, so only the people finder reads it.
    """
    kept = [s for s in article.sentences if s.part != "caption"]
    if len(kept) == len(article.sentences):
        return article
    return dataclasses.replace(article, sentences=kept)


def extract(article: Article, taxonomy: Taxonomy | None = None) -> ArticleFacts:
    """Run every extractor over one article; ``taxonomy`` carries site.yaml's issues."""
    article = in_scope(article)
    parties = find_parties(article)
    people = find_people(article, parties)
    resolve_government(article, parties, office_sides(people))
    text = text_only(article)
    quotes = find_quotes(text, people, parties)
    positions = find_positions(text, people, parties, taxonomy, quotes)
    issues = find_issues(text, positions, taxonomy)
    return ArticleFacts(
        article=article.id,
        people=people,
        parties=parties,
        quotes=quotes,
        positions=positions,
        issues=issues,
    )


def restate(article: Article, facts: ArticleFacts, taxonomy: Taxonomy | None = None) -> None:
    """Find positions and issues again after people's sides changed.

    Sides learnt from other articles (a person sided in one story, unsided in
    the next) arrive only after merging; what people demand depends on them.
    """
    text = text_only(in_scope(article))
    facts.positions = find_positions(text, facts.people, facts.parties, taxonomy, facts.quotes)
    facts.issues = find_issues(text, facts.positions, taxonomy)
