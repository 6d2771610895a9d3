"""Named people (PROVISIONAL stub)."""

from __future__ import annotations

from sitegen.models import Article, PartyRef, PersonRef


def find_people(article: Article, parties: list[PartyRef]) -> list[PersonRef]:
    """Find the people named in an article, with roles and sides."""
    return []
