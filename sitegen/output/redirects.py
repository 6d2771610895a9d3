"""Redirect pages for ids that moved: every old round or actor URL a reader may hold
(recorded by the project, by the last build into the folder, or found by this build's
``sitegen.brief.moved``) becomes a small page that sends them on to the new one."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import orjson

from sitegen.brief.cache import store_newest
from sitegen.brief.moved import actor_for
from sitegen.extract.slugs import slugify
from sitegen.models import Briefing


def moves_since(previous: Path, briefing: Briefing) -> dict[str, str]:
    """Rounds and actors of the build that left ``previous`` (its ``data/briefing.json``)
    whose ids are gone, mapped to the current round holding most of the same articles,
    or the actor of the same name."""
    try:
        raw = previous.read_bytes()
        data = _sections(raw, ("rounds", "actors"))
        if data is None:
            data = _loads(raw)
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
        person = actor_for(slugify(str(old.get("name") or "")), briefing.actors)
        if person is not None:
            moves[f"actor:{old['id']}"] = person.id
    return moves


TOP_KEY = b'\n  "'
"""How a top-level key starts a line in an export (``indent=2``): deeper keys are
indented further, and no JSON string holds a raw newline."""


def _sections(raw: bytes, names: tuple[str, ...]) -> dict[str, Any] | None:
    """Only these top-level members of an export laid out as ``export_bytes`` writes it
    (its articles are most of its megabytes and say nothing of moves), or None when the
    text is not laid out so or a member does not parse alone (then the whole is read)."""
    if not raw.startswith(b'{\n  "') or not raw.rstrip().endswith(b"\n}"):
        return None
    found: dict[str, Any] = {}
    for name in names:
        mark = TOP_KEY + name.encode() + b'": '
        start = raw.find(mark)
        if start < 0:
            continue
        start += len(mark)
        end = raw.find(TOP_KEY, start)
        if end < 0:
            end = raw.rindex(b"\n}")
        member = raw[start:end].rstrip()
        try:
            found[name] = orjson.loads(member[:-1] if member.endswith(b",") else member)
        except orjson.JSONDecodeError:
            return None
    return found


def _loads(raw: bytes) -> Any:
    """JSON by orjson (the last export is megabytes, read on every build: a quarter of
    the time), or by the standard library for what orjson refuses (an int past 64 bits,
    NaN), which reads some such files."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8"))


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
