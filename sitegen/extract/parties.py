"""Countries and organisations (PROVISIONAL stub)."""

from __future__ import annotations

from sitegen.models import Article, PartyRef


def find_parties(article: Article) -> list[PartyRef]:
    """Find the parties named in an article."""
    return []
