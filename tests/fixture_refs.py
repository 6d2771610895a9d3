"""Hand-made parties and people for extraction fixtures, found by string search.

Position and issue tests must not depend on the party and people finders, so
a fixture names its sides (``parties: {id: [surface, ...]}``) and people
(``people: [{name, aliases, side}]``) and this helper marks every mention.
"""

from __future__ import annotations

import re
from typing import Any

from sitegen.ingest.articles import parse_article
from sitegen.models import Article, Mention, PartyRef, PersonRef


def _mentions(article: Article, surfaces: list[str], taken: set[tuple[int, int]]) -> list[Mention]:
    """Every naming of one of ``surfaces`` not already taken (longest surface first)."""
    found = []
    for s in article.sentences:
        for surface in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", s.text):
                cells = {(s.index, i) for i in range(m.start(), m.end())}
                if cells & taken:
                    continue
                taken |= cells
                found.append(Mention(s.index, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda m: (m.sentence, m.start))


def build(
    case: dict[str, Any], name: str = "case"
) -> tuple[Article, list[PersonRef], list[PartyRef]]:
    """The article of a fixture case, with its people and parties marked by hand."""
    article = parse_article(case["text"], file=f"{name}.txt", id=name)
    taken: set[tuple[int, int]] = set()
    people = []
    for p in case.get("people") or []:
        ref = PersonRef(
            key=p["name"], name=p["name"], aliases=p.get("aliases", []), side=p.get("side")
        )
        ref.mentions = _mentions(article, [p["name"], *p.get("aliases", [])], taken)
        people.append(ref)
    roles = case.get("roles") or {}  # every party negotiates unless the case says
    parties = [
        PartyRef(
            id=pid,
            name=surfaces[0],
            role=roles.get(pid, "negotiating-party"),
            mentions=_mentions(article, surfaces, taken),
        )
        for pid, surfaces in (case.get("parties") or {}).items()
    ]
    return article, people, parties
