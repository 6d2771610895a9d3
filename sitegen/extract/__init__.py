"""Extraction: one module per kind of fact, each ``Article -> facts``.

The order matters: parties first (people's sides and places need them), then
people, then quotes (which need speakers and parties). Positions and issues
need people's sides, which only the briefing knows once people are merged
across articles, so ``find_stances`` runs once, after that, never before.
"""

from __future__ import annotations

import dataclasses

from sitegen.extract.issues import Taxonomy, find_issues, party_names
from sitegen.extract.local_parties import add_local_parties
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
    """Run the per-article extractors (people, parties, quotes) over one article.

    ``taxonomy`` (site.yaml's issues) is accepted for callers that pass it; the
    stances that use it come later (``find_stances``)."""
    article = in_scope(article)
    parties = find_parties(article)
    add_local_parties(article, parties)
    people = find_people(article, parties)
    resolve_government(article, parties, office_sides(people))
    text = text_only(article)
    quotes = find_quotes(text, people, parties)
    return ArticleFacts(article=article.id, people=people, parties=parties, quotes=quotes)


def find_stances(
    article: Article,
    facts: ArticleFacts,
    taxonomy: Taxonomy | None = None,
    negotiators: frozenset[str] = frozenset(),
) -> None:
    """Fill in an article's positions and issues on the table, once its people's sides
    are final (sides learnt from other articles arrive only after merging, and what
    people demand depends on them); ``negotiators``: the briefing's negotiating parties."""
    text = text_only(in_scope(article))
    facts.positions = find_positions(
        text, facts.people, facts.parties, taxonomy, facts.quotes, negotiators
    )
    facts.issues = find_issues(text, facts.positions, taxonomy, party_names(facts.parties))
