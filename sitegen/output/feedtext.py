"""What the Atom feed says of a round: a summary a reader can act on from the feed.

"3 report(s)." told nothing; the entry now says where and when the round met,
who was at the table and what was contested there.
"""

from __future__ import annotations

from sitegen.models import Briefing, Round
from sitegen.site.templating import format_days


def round_summary(briefing: Briefing, r: Round) -> str:
    """A feed entry's summary of a round: where and when, who was at the table, what
    was contested (issues the parties took different stances on), how many reports."""
    parties = {p.id: p.name for p in briefing.parties}
    issues = {i.id: i.label for i in briefing.sticking_points}
    members = set(r.articles)
    stances: dict[str, dict[str, set[str]]] = {}
    for p in briefing.positions:
        if p.article in members and p.issue in issues:
            stances.setdefault(p.issue, {}).setdefault(p.party, set()).add(p.stance)
    contested = [
        issues[i]
        for i, by_party in sorted(stances.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(by_party) > 1 and len({frozenset(v) for v in by_party.values()}) > 1
    ]
    raised = [issues[i] for i in sorted(stances) if issues[i] not in contested]
    days = format_days(r.start, r.end) if r.start or r.end else ""
    where = ", ".join(x for x in (r.location or "", days) if x)
    parts = [f"{where}." if where else ""]
    at_table = [parties[p] for p in r.parties if p in parties]
    if at_table:
        parts.append(f"At the table: {_and(at_table)}.")
    if contested:
        parts.append(f"Contested: {_and(contested)}.")
    elif raised:
        parts.append(f"Raised: {_and(raised)}.")
    n = len(r.articles)
    parts.append(f"{n} report{'' if n == 1 else 's'}.")
    return " ".join(p for p in parts if p)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
