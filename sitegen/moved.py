"""Ids that moved: an old round or actor id a note or an earlier build used, and its new id.

A round's id is its start day and place ("2026-02-04-abu-dhabi"), an actor's the
slug of their name; both change when what they are made of changes (a new story
shows the talks began a day earlier; an editor's ``name:`` or override file names
the person). Notes that point at the old id keep working, with a warning naming
the new one, and the old page becomes a small redirect, so links from elsewhere
keep working too.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from sitegen.cache import store_newest
from sitegen.models import Actor, Briefing, Diagnostic, Round
from sitegen.slugs import slugify

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


def _actor_for(old: str, actors: list[Actor]) -> Actor | None:
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
            person = _actor_for(old, briefing.actors)
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


def moves_since(previous: Path, briefing: Briefing) -> dict[str, str]:
    """Rounds and actors of the build that left ``previous`` (its ``data/briefing.json``)
    whose ids are gone, mapped to the current round holding most of the same articles,
    or the actor of the same name."""
    try:
        data = json.loads(previous.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    moves: dict[str, str] = {}
    now = {r.id for r in briefing.rounds}
    for old in data.get("rounds", []):
        if not isinstance(old, dict) or old.get("id") in now or not isinstance(old.get("id"), str):
            continue
        had = set(old.get("articles") or [])
        shared = [(len(had & set(r.articles)), r.id) for r in briefing.rounds]
        best = max(shared, default=(0, ""))
        if best[0] and [n for n, _ in shared].count(best[0]) == 1:
            moves[f"round:{old['id']}"] = best[1]
    people = {a.id for a in briefing.actors}
    for old in data.get("actors", []):
        if (
            not isinstance(old, dict)
            or old.get("id") in people
            or not isinstance(old.get("id"), str)
        ):
            continue
        person = _actor_for(slugify(str(old.get("name") or "")), briefing.actors)
        if person is not None:
            moves[f"actor:{old['id']}"] = person.id
    return moves


def redirect_page(target: str) -> bytes:
    """A page that sends the reader (and search engines) on to ``target``."""
    href = html.escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>Moved</title><link rel="canonical" href="{href}">'
        f'<meta http-equiv="refresh" content="0; url={href}"></head>'
        f'<body><p>This page has moved to <a href="{href}">{href}</a>.</p></body></html>\n'
    ).encode()


def _read_moves(path: Path) -> dict[str, str]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}


def carried_moves(site: Path, ledger: Path, briefing: Briefing) -> dict[str, str]:
    """Every move a page must redirect for: those the project has recorded (``ledger``,
    so that any build of it, into any folder, makes the same redirects), those the last
    build into ``site`` kept or its export shows, and this build's own; each to an id
    that exists now (a move of a move is followed), else dropped. The ledger is
    brought up to date."""
    moves = _read_moves(ledger)
    recorded = dict(moves)
    moves.update(_read_moves(site / "data" / "moved.json"))
    moves.update(moves_since(site / "data" / "briefing.json", briefing))
    moves.update(briefing.moved)
    live = {f"round:{r.id}" for r in briefing.rounds} | {f"actor:{a.id}" for a in briefing.actors}
    out: dict[str, str] = {}
    for old, new in moves.items():
        kind = old.partition(":")[0]
        seen = {old}
        while (
            f"{kind}:{new}" not in live and f"{kind}:{new}" in moves and f"{kind}:{new}" not in seen
        ):
            seen.add(f"{kind}:{new}")
            new = moves[f"{kind}:{new}"]
        if f"{kind}:{new}" in live and old not in live:
            out[old] = new
    if {**recorded, **out} != recorded:
        store_newest(ledger, json.dumps({**recorded, **out}, indent=1, sort_keys=True), keep=1)
    return dict(sorted(out.items()))
