"""Sticking points (PROVISIONAL stub)."""

from __future__ import annotations

from sitegen.models import Article, IssueRef, PositionRef


def find_issues(article: Article, positions: list[PositionRef]) -> list[IssueRef]:
    """Find contested issues named in an article."""
    return []
