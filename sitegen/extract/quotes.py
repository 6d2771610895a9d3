"""Direct quotations (PROVISIONAL stub)."""

from __future__ import annotations

from sitegen.models import Article, PartyRef, PersonRef, QuoteRef


def find_quotes(
    article: Article, people: list[PersonRef], parties: list[PartyRef]
) -> list[QuoteRef]:
    """Find direct quotations and their speakers."""
    return []
