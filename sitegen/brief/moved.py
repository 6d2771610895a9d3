"""Ids that moved: an old round or actor id a note or an earlier build used, and its new id.

A round's id is its start day and place ("2026-02-04-abu-dhabi"), an actor's the
slug of their name; both change when what they are made of changes (a new story
shows the talks began a day earlier; an editor's ``name:`` or override file names
the person). Notes that point at the old id keep working, with a warning naming
the new one; the old page becomes a small redirect (``sitegen.output.redirects``),
so links from elsewhere keep working too.
"""

from __future__ import annotations

import datetime as dt
import re

from sitegen.extract.slugs import slugify
from sitegen.models import Actor, Briefing, Diagnostic, Round

ROUND_ID = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})-(?P<place>.+)$")
MOVED_DAYS = 7
"""A round whose days lie this close to an old id's start day is the same meeting."""


def _round_for(old: str, rounds: list[Round]) -> Round | None:
    """The one round an old round id stands for: the same place, its days near the old
    start day (or, for an id without a day, the one round at that place)."""
    m = ROUND_ID.match(old)
    place = m.group("place") if m else old
    try:
        day = dt.date.fromisoformat(m.group("day")) if m else None
    except ValueError:
        day = None
    here = [r for r in rounds if slugify(r.location or "talks") == place]
    if day is not None:
        here = [
            r
            for r in here
            if r.start is None
            or r.end is None
            or (r.start - dt.timedelta(days=MOVED_DAYS))
            <= day
            <= (r.end + dt.timedelta(days=MOVED_DAYS))
        ]
    dated = [r for r in here if r.start is not None]
    if day is not None and len(dated) > 1:
        assert day is not None
        here = sorted(dated, key=lambda r: abs(((r.start or day) - day).days))[:1]
    return here[0] if len(here) == 1 else None


def actor_for(old: str, actors: list[Actor]) -> Actor | None:
    """The one actor whose name or another name written for them slugs to the old id."""
    hits = [a for a in actors if old in {slugify(n) for n in [a.name, *a.aliases]}]
    return hits[0] if len(hits) == 1 else None


def resolve_notes(briefing: Briefing) -> list[Diagnostic]:
    """Point notes about a moved round or actor at its new id, each with a warning that
    names it (at the note's ``about:`` line); remember every move for a redirect page."""
    rounds = {r.id for r in briefing.rounds}
    actors = {a.id for a in briefing.actors}
    out: list[Diagnostic] = []
    for note in briefing.notes:
        kind, _, old = (note.about or "").partition(":")
        new: str | None = None
        if kind == "round" and old not in rounds:
            found = _round_for(old, briefing.rounds)
            new = found.id if found else None
        elif kind == "actor" and old not in actors:
            person = actor_for(old, briefing.actors)
            new = person.id if person else None
        if new is None:
            continue
        note.about = f"{kind}:{new}"
        briefing.moved[f"{kind}:{old}"] = new
        out.append(
            Diagnostic(
                note.path,
                note.about_line,
                f"about: {kind} '{old}' is now '{new}'; write 'about: {kind}:{new}'",
            )
        )
    return out
