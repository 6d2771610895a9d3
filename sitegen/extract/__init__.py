"""Extraction: one module per kind of fact, each ``Article -> facts``.

The order matters: parties first (people's sides and places need them), then
people, then quotes and positions (which need speakers and parties), then the
sticking points (which read the positions).
"""

from __future__ import annotations

from sitegen.models import Article, ArticleFacts


def extract(article: Article) -> ArticleFacts:
    """Run every extractor over one article."""
    from sitegen.extract.issues import find_issues
    from sitegen.extract.parties import find_parties
    from sitegen.extract.people import find_people
    from sitegen.extract.positions import find_positions
    from sitegen.extract.quotes import find_quotes

    parties = find_parties(article)
    people = find_people(article, parties)
    quotes = find_quotes(article, people, parties)
    positions = find_positions(article, people, parties)
    issues = find_issues(article, positions)
    return ArticleFacts(
        article=article.id,
        people=people,
        parties=parties,
        quotes=quotes,
        positions=positions,
        issues=issues,
    )
