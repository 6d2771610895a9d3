"""The pages of the plan that come in several: each long list's pages, and an actor's,
party's or sticking point's page with the pages of its earlier rounds.

Kept out of ``render.py`` so the plan's paging is read in one place: which lists
are paginated, in which order, and what each page's title says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sitegen.models import Actor, Party, StickingPoint
from sitegen.site.history import Histories, History
from sitegen.site.pages import Page
from sitegen.site.paging import Pager, Paging, paginate
from sitegen.site.phrasing import heading
from sitegen.site.urls import Urls
from sitegen.site.views import SiteIndex

LISTS = (
    ("rounds", "Rounds"),
    ("actors", "Actors"),
    ("parties", "Parties"),
    ("issues", "Issues on the table"),
    ("sources", "Sources"),
)
"""The paginated lists: (kind, title), in the order of the plan."""


def paged_title(title: str, pager: Pager[Any]) -> str:
    return title if pager.number == 1 else f"{title}, page {pager.number} of {pager.count}"


def list_items(site: SiteIndex, kind: str) -> Sequence[object]:
    """What a list shows, in its order: rounds and sources newest first (page 1 holds the
    latest), actors by name, parties by role, issues most reported first."""
    lists: dict[str, Sequence[object]] = {
        "rounds": site.rounds_sorted[::-1],
        "actors": site.actors_sorted,
        "parties": site.parties_sorted,
        "issues": site.issues_sorted,
        "sources": site.articles_sorted[::-1],
    }
    return lists[kind]


def list_pages(site: SiteIndex, urls: Urls, paging: Paging) -> list[Page]:
    """Every page of every long list."""
    pages = []
    for kind, title in LISTS:
        for pager in paginate(list_items(site, kind), urls.path(kind), paging.per_page):
            pages.append(
                Page(
                    pager.path(pager.number),
                    f"{kind}.html",
                    paged_title(title, pager),
                    {"pager": pager},
                )
            )
    return pages


def histories(site: SiteIndex, urls: Urls, paging: Paging) -> tuple[dict[str, History], Histories]:
    """Each actor's, party's and sticking point's history, by '<kind>:<id>'."""
    make = Histories(site, paging)
    out: dict[str, History] = {}
    for a in site.actors_sorted:
        facts = (site.actor_quotes(a), site.actor_positions(a), a.evidence, a.articles)
        out[f"actor:{a.id}"] = make.make(urls.path("actor", a.id), *facts)
    for p in site.parties_sorted:
        out[f"party:{p.id}"] = make.make(
            urls.path("party", p.id), site.party_quotes(p), site.party_positions(p), [], p.articles
        )
    for i in site.issues_sorted:
        out[f"issue:{i.id}"] = make.make(
            urls.path("issue", i.id), [], site.issue_positions(i), i.evidence, []
        )
    return out, make


def history_pages(
    kind: str, record: Actor | Party | StickingPoint, history: History, updated: dt.date | None
) -> list[Page]:
    """The pages after the first of a page's earlier rounds."""
    name = heading(record.label) if isinstance(record, StickingPoint) else record.name
    return [
        Page(
            pager.path(pager.number),
            "history.html",
            paged_title(f"{name}: earlier rounds", pager),
            {"entity": record, "section": kind, "name": name, "pager": pager},
            updated,
        )
        for pager in history.pages[1:]
    ]
