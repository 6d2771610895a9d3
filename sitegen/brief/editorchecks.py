"""What editors wrote that matches nothing in the briefing -> error diagnostics.

A note about an unknown id, an actor file that names nobody in the articles, or two
files for one person is probably a typo: each comes back with where it is and the
closest known ids (``sitegen.brief.suggest``).
"""

from __future__ import annotations

from sitegen.brief.content import EditorContent
from sitegen.brief.suggest import known_ids
from sitegen.extract.slugs import slugify
from sitegen.models import Briefing, Diagnostic


def check_notes(briefing: Briefing) -> list[Diagnostic]:
    """Each note's ``about`` must name something in the briefing."""
    known = {
        "round": {r.id for r in briefing.rounds},
        "actor": {a.id for a in briefing.actors},
        "party": {p.id for p in briefing.parties},
        "issue": {s.id for s in briefing.sticking_points},
        "article": {a.id for a in briefing.articles},
    }
    out = []
    for note in briefing.notes:
        if not note.about:
            continue
        kind, _, ident = note.about.partition(":")
        if ident not in known[kind]:
            out.append(
                Diagnostic(
                    note.path,
                    note.about_line,
                    f"about: unknown {kind} '{ident}' (known: {known_ids(ident, known[kind])})",
                    "error",
                )
            )
    return out


def check_overrides(content: EditorContent, briefing: Briefing) -> list[Diagnostic]:
    """An editor's actor file that matches nobody, or names an unknown side, is
    probably a typo: an error, with where and the closest known ids."""
    actors = {a.id: a for a in briefing.actors}
    machine = {a.id for a in briefing.actors if a.articles}
    parties = {p.id for p in briefing.parties}
    out = []
    claimed: dict[str, str] = {}
    for o in content.actors:
        actor = actors.get(o.slug)
        folded = [n.casefold() for n in [o.name, *o.aliases] if n]
        earlier = next((claimed[n] for n in folded if n in claimed), None)
        for n in folded:
            claimed.setdefault(n, o.file)
        if earlier is not None:  # the real problem, not "no person named ..."
            message = (
                f"{o.name or o.slug} is already described by {earlier}; keep one file per "
                "person (move this one's aliases and note there)"
            )
            out.append(Diagnostic(o.file, o.key_lines.get("name", 1), message))
        elif actor is None or not actor.articles:
            names = ", ".join([n for n in [o.name, *o.aliases] if n])
            who = f"no person named {names}" if names else f"no actor '{o.slug}'"
            near = slugify(o.name) if o.name else o.slug
            message = (
                f"{who} is in the articles; name the file after an actor's id or add the "
                f"name used there to aliases (closest ids: {known_ids(near, machine)})"
            )
            out.append(Diagnostic(o.file, o.key_lines.get("name", 1), message, "error"))
        if o.side and actor is not None and actor.side not in parties:
            closest = known_ids(actor.side or o.side, parties)
            message = f"side: unknown party '{o.side}' (known: {closest})"
            out.append(Diagnostic(o.file, o.key_lines.get("side", 1), message, "error"))
    return out
