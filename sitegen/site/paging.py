"""Long lists cut into pages of about fifty, with the links between them.

A list of a thousand rounds or sources is one page no reader scrolls and every
browser downloads whole: the rounds, sources, actors, parties and sticking
points lists, and the earlier rounds of an actor's, party's or sticking point's
page (``history.py``), are shown ``per_page`` at a time. Page 1 keeps the
list's URL; page ``n`` is at ``<url>page/<n>/`` (``urls.page_path``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sitegen.site.urls import page_path

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Paging:
    """How long lists are cut (a parameter of the renderer, so tests can make small
    sites paginate)."""

    per_page: int = 50
    """Items on one page of a list."""
    full_facts: int = 80
    """Facts (quotes, positions, mentions, reports) of the latest rounds an actor's,
    party's or sticking point's page shows in full; older rounds get a line each."""
    full_rounds: int = 5
    """At most this many rounds shown in full."""


@dataclass(slots=True)
class Pager(Generic[T]):
    """One page of a list: its items and where the other pages are."""

    base: str
    """Site-relative path of page 1."""
    number: int
    count: int
    items: list[T] = field(default_factory=list)
    total: int = 0
    first: int = 1
    """Position (from 1) of this page's first item in the whole list."""

    def path(self, number: int) -> str:
        """Site-relative path of page ``number`` of this list."""
        return page_path(self.base, number)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those near this one; None
        where some are left out (shown as an ellipsis)."""
        near = {1, self.count, *range(self.number - around, self.number + around + 1)}
        shown = sorted(n for n in near if 1 <= n <= self.count)
        out: list[int | None] = []
        for n in shown:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def paginate(items: Sequence[T], base: str, per_page: int) -> list[Pager[T]]:
    """The pages of a list (always at least one, maybe empty), each item on exactly one."""
    size = max(1, per_page)
    count = max(1, -(-len(items) // size))
    return [
        Pager(base, n + 1, count, list(items[n * size : (n + 1) * size]), len(items), n * size + 1)
        for n in range(count)
    ]
