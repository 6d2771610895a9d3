"""The home page's timeline: rounds as bars and reports as dots on a day axis.

Laid out here in SVG user units so the template only draws; no script needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitegen.site.views import MONTHS, SiteIndex

TICK_GAP = 56
"""Room (SVG units) one month label needs ("Sep 2026" at 11px)."""
LATEST_ROUNDS = 12
"""Rounds the home page's timeline shows, the latest (the rounds page lists them all):
a page that drew every round and report would grow with the briefing."""
DOT_GAP = 4.0
"""Reports closer than this (SVG units) on the axis share one dot: the figure draws at
most ``width / DOT_GAP`` of them, however many reports a day or a round has."""


@dataclass(slots=True)
class Mark:
    """One thing drawn on the timeline."""

    kind: str
    """'round' (a bar over its days) or 'report' (a dot for an article's day)."""
    id: str
    label: str
    start: dt.date
    end: dt.date
    x: float
    width: float
    short: str = ""
    """The label drawn in the graphic ("R2"); the full one is in the list beside it."""
    y: float = 0.0
    count: int = 1
    """Reports one dot stands for (those dated within ``DOT_GAP`` of each other)."""


@dataclass(slots=True)
class Timeline:
    """Positions (in SVG user units) of rounds, reports and month ticks."""

    width: int
    height: int
    axis: float
    marks: list[Mark]
    ticks: list[tuple[float, str]]
    skipped: int = 0
    """Earlier rounds left out (the first shown is round ``skipped + 1``)."""


def timeline(
    site: SiteIndex, width: int = 720, pad: int = 24, latest: int = LATEST_ROUNDS
) -> Timeline | None:
    """Lay the latest rounds and the reports dated since the first of them out on a day
    axis; None when nothing is dated.

    Rounds that would overlap (bar or label) go to separate lanes.
    """
    skipped = max(len(site.rounds_sorted) - latest, 0)
    shown = site.rounds_sorted[skipped:]
    since = min((d for r in shown for d in (r.start, r.end) if d), default=None)
    days = site.dates()
    if skipped and since is not None:
        days = [d for d in days if d >= since]
    if not days:
        return None
    first, last = days[0] - dt.timedelta(days=1), days[-1] + dt.timedelta(days=2)
    span = max((last - first).days, 1)
    scale = (width - 2 * pad) / span

    def x(day: dt.date) -> float:
        return round(pad + (day - first).days * scale, 1)

    bars: list[Mark] = []
    lanes: list[float] = []
    for n, r in enumerate(shown, skipped + 1):
        start, end = r.start or r.end, r.end or r.start
        if not (start and end):
            continue
        left = x(start)
        bar = max(round(x(end + dt.timedelta(days=1)) - left, 1), 6.0)
        short = f"R{n}"
        right = left + max(bar, 9 * len(short)) + 6
        lane = next((i for i, used in enumerate(lanes) if used <= left), len(lanes))
        if lane == len(lanes):
            lanes.append(right)
        lanes[lane] = right
        bars.append(Mark("round", r.id, r.title, start, end, left, bar, short, 22 + lane * 28))
    axis = 22 + max(len(lanes), 1) * 28 + 8
    dots: list[Mark] = []
    for a in site.articles_sorted:
        if not (a.date and first <= a.date <= last):
            continue
        at = round(x(a.date) + scale / 2, 1)
        if dots and at - dots[-1].x < DOT_GAP and dots[-1].start <= a.date:
            dot = dots[-1]
            dot.count += 1
            dot.end = max(dot.end, a.date)
        else:
            dots.append(Mark("report", a.id, a.title, a.date, a.date, at, 0.0, y=axis))
    ticks: list[tuple[float, str]] = []
    month = dt.date(first.year, first.month, 1)
    start_label = f"{MONTHS[month.month - 1][:3]} {month.year}"
    while month <= last:
        at = x(max(month, first))
        if ticks == [(x(first), start_label)] and month > first and at - x(first) < TICK_GAP:
            ticks.pop()  # a month's own tick beats the label at the axis's start
        # a label needs about TICK_GAP units; crowded or clipped ticks are left out
        if (not ticks or at - ticks[-1][0] >= TICK_GAP) and at <= width - TICK_GAP + 8:
            ticks.append((at, f"{MONTHS[month.month - 1][:3]} {month.year}"))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return Timeline(width, int(axis + 30), axis, bars + dots, ticks, skipped)
