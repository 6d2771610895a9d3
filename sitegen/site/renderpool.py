"""Rendering many pages on every core, each worker putting its own pages where they go.

The renderer's plan and templates are set up in this process; forked workers inherit
them, so only what a worker says of each page comes back (its bytes, or with a sink
whether it was written). ``ready`` hears which pages are done as they are, in order,
so that the build can index finished pages for search while the rest render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sitegen.ingest.pool import map_forked
from sitegen.ingest.progress import Stage
from sitegen.models import Diagnostic
from sitegen.site.pages import Page

Sink = Callable[[str, bytes], bool]
"""(page file, its bytes) -> whether it was written (else it was as before): called in the
process that rendered the page (``output.write.Staging.put``)."""
Ready = Callable[[Iterable[str]], object]
"""Told, in this process, of page files rendered (and put by the sink) since last told."""


def render_all(
    render_page: Callable[[Page], bytes],
    diagnostics: list[Diagnostic],
    pages: list[Page],
    workers: int | None,
    step: Stage | None = None,
    sink: Sink | None = None,
    ready: Ready | None = None,
) -> list[bytes | bool]:
    """Each page's bytes, in order, or with a ``sink`` what it said of the page it
    was given: on forked workers when there are many (each puts its own pages).
    ``diagnostics``: where ``render_page`` adds the problems it finds (a worker's come
    back with its pages)."""

    def one(i: int) -> tuple[bytes | bool, list[Diagnostic]]:
        before = len(diagnostics)
        html = render_page(pages[i])
        made = html if sink is None else sink(pages[i].file, html)
        return made, diagnostics[before:]

    if step is not None:
        step.begin(len(pages))
    tick = step.advance if step is not None else None

    def here(i: int) -> tuple[bytes | bool, list[Diagnostic]]:
        made = one(i)
        if tick:
            tick(1)
        if ready is not None:
            ready([pages[i].file])
        return made

    # each template's first page here before forking: what it imports is made once
    firsts = sorted({p.template: i for i, p in reversed(list(enumerate(pages)))}.values())
    made = {i: here(i)[0] for i in firsts}
    rest = [i for i in range(len(pages)) if i not in made]
    told = 0

    def upto(count: int) -> None:
        nonlocal told
        if ready is not None and count > told:
            ready([pages[i].file for i in rest[told:count]])
            told = count

    done = map_forked(
        lambda k: one(rest[k]), len(rest), workers=workers, tick=tick, upto=upto if ready else None
    )
    for i, (result, found) in zip(rest, done or [here(i) for i in rest], strict=True):
        made[i] = result
        if done is not None:  # else already in diagnostics
            diagnostics.extend(found)
    return [made[i] for i in range(len(pages))]
