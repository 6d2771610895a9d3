"""One line per party, stance and issue, and what changed between two rounds' lines.

A round's reports often state one demand several times, each in its own words; a
brief shows it once, in its clearest phrasing, with every sentence that supports it
cited and the other phrasings folded away. Two rounds are compared by the SET of
stances each party holds on each issue, so a party that still rejects what it
rejected before and now also proposes something is "now also proposes", never a
change from "rejects" to "proposes".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from sitegen.models import Evidence, Position
from sitegen.site.clauses import clause, clearest
from sitegen.site.phrasing import position_phrase

STANCE_ORDER = ("demands", "rejects", "proposes", "wants", "accepts")
ChangeKind = Literal["new", "added", "dropped"]


@dataclass(slots=True)
class Phrasing:
    """One way the reports put a stance: its clause, or (``excerpt``) the words of the
    cited sentence when no clause carries it; never shown in quotation marks."""

    text: str
    excerpt: bool
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    """Who the reports say stated it in these words."""


@dataclass(slots=True)
class StanceLine:
    """A party's stance on an issue in one round, shown once."""

    party: str
    issue: str
    stance: str
    main: Phrasing
    evidence: list[Evidence]
    """Every sentence that supports the stance, the main phrasing's first."""
    others: list[Phrasing]
    """The other ways the reports put it."""


def stance_lines(
    positions: Iterable[Position], namer: Callable[[str], Callable[[str], bool]]
) -> list[StanceLine]:
    """The positions with an issue as one line per (party, issue, stance), in the order
    each first appears. ``namer(issue)`` tells whether a phrase names that issue."""
    groups: dict[tuple[str, str, str], list[Position]] = {}
    for p in positions:
        if p.issue:
            groups.setdefault((p.party, p.issue, p.stance), []).append(p)
    return [_line(key, ps, namer(key[1])) for key, ps in groups.items()]


def _line(
    key: tuple[str, str, str], ps: list[Position], names: Callable[[str], bool]
) -> StanceLine:
    found: dict[tuple[str, bool], Phrasing] = {}
    for p in ps:
        text = clause(p, names)
        item = (text, False) if text else (position_phrase(p).text, True)
        ph = found.setdefault(item, Phrasing(item[0], item[1]))
        ph.evidence.append(p.sentence)
        if p.actor and p.actor not in ph.actors:
            ph.actors.append(p.actor)
    phrasings = list(found.values())
    clauses = [ph for ph in phrasings if not ph.excerpt] or phrasings
    main = clauses[clearest([ph.text for ph in clauses], names)]
    evidence = _unique(ev for ph in [main, *phrasings] for ev in ph.evidence)
    others = [ph for ph in phrasings if ph is not main]
    return StanceLine(*key, main=main, evidence=evidence, others=others)


def _unique(evs: Iterable[Evidence]) -> list[Evidence]:
    seen: dict[tuple[str, int], Evidence] = {}
    for ev in evs:
        seen.setdefault((ev.article, ev.sentence), ev)
    return list(seen.values())


@dataclass(slots=True)
class StanceChange:
    """One stance of one party on one issue that differs between two rounds."""

    party: str
    issue: str
    kind: ChangeKind
    """'new': the party's first stance on the issue since the last round; 'added': one
    more stance beside those it held; 'dropped': a stance no longer reported."""
    stance: str
    line: StanceLine
    """The changed stance's line: this round's (new, added) or the last round's (dropped)."""
    before: list[StanceLine]
    """What the party held on the issue in the previous round."""
    after: list[StanceLine]
    """What it holds in this round."""
    kept: bool
    """Whether some stance is held in both rounds ("now also ...")."""


def compare_sets(before: set[str], after: set[str]) -> list[tuple[ChangeKind, str]]:
    """The differences between two sets of stances, each as (kind, stance); none when
    the sets are equal, whatever order or how often each stance was reported."""
    if before == after:
        return []
    rank = {s: n for n, s in enumerate(STANCE_ORDER)}
    order = sorted(before | after, key=lambda s: (rank.get(s, len(rank)), s))
    if not before:
        return [("new", s) for s in order]
    return [("added", s) for s in order if s not in before] + [
        ("dropped", s) for s in order if s not in after
    ]


def changes(before: list[StanceLine], after: list[StanceLine]) -> list[StanceChange]:
    """Each party's changed stances per issue between two rounds' lines, in this round's
    order of lines (then the dropped issues in the last round's order)."""
    then: dict[tuple[str, str], dict[str, StanceLine]] = {}
    for ln in before:
        then.setdefault((ln.party, ln.issue), {})[ln.stance] = ln
    now: dict[tuple[str, str], dict[str, StanceLine]] = {}
    for ln in after:
        now.setdefault((ln.party, ln.issue), {})[ln.stance] = ln
    out: list[StanceChange] = []
    for key in list(now) + [k for k in then if k not in now]:
        b, a = then.get(key, {}), now.get(key, {})
        kept = bool(b.keys() & a.keys())
        for kind, stance in compare_sets(set(b), set(a)):
            line = b[stance] if kind == "dropped" else a[stance]
            out.append(
                StanceChange(*key, kind, stance, line, list(b.values()), list(a.values()), kept)
            )
    return out
