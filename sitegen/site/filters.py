"""Search filters (round, actor, sticking point) each page carries for pagefind.

Values are what a reader sees on the site (names, titles, capitalised labels),
since pagefind shows them as they are.
"""

from __future__ import annotations

from sitegen.models import Actor, Article, Round
from sitegen.site.phrasing import heading
from sitegen.site.views import SiteIndex

Filters = dict[str, list[str]]


def _issue_labels(site: SiteIndex, ids: set[str | None]) -> list[str]:
    return sorted({heading(site.issues[i].label) for i in ids if i and i in site.issues})


def round_filters(site: SiteIndex, r: Round) -> Filters:
    """Everyone the round's reports name or who took part, and the points argued over."""
    named = {a.id for x in set(r.articles) for a in site.article_actors(x)}
    actors = sorted({site.actors[a].name for a in named | set(r.participants) if a in site.actors})
    issues = _issue_labels(site, {p.issue for p in site.round_positions(r)})
    return {"round": [r.title], "actor": actors, "issue": issues}


def actor_filters(site: SiteIndex, a: Actor, rounds: list[Round] | None = None) -> Filters:
    """``rounds``: those the page shows (its latest), when not all of the actor's: a
    person in every report of a long process would carry a thousand round titles."""
    issues = _issue_labels(site, {p.issue for p in site.actor_positions(a)})
    return {
        "actor": [a.name],
        "round": [r.title for r in (site.actor_rounds(a) if rounds is None else rounds)],
        "issue": issues,
    }


def source_filters(site: SiteIndex, art: Article) -> Filters:
    r = site.round_of(art.id)
    actors, _, positions = site.article_facts(art)
    return {
        "round": [r.title] if r else [],
        "actor": [a.name for a in actors],
        "issue": _issue_labels(site, {p.issue for p in positions}),
    }
