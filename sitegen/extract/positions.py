"""Parties' positions (PROVISIONAL stub)."""

from __future__ import annotations

from sitegen.models import Article, PartyRef, PersonRef, PositionRef


def find_positions(
    article: Article, people: list[PersonRef], parties: list[PartyRef]
) -> list[PositionRef]:
    """Find sentences where a party demands, rejects, proposes, accepts or wants."""
    return []
