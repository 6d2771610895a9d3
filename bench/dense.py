"""A desk's archive for the benchmark: one process followed for years.

    python bench/make_corpus.py N OUT --dense

The five processes of ``make_corpus.stories`` spread their people over many
casts, so each person's or issue's page holds a few dozen facts. A desk that
follows one negotiation has the same dozen people and the same few issues in
nearly every article, with quotations and stances in most paragraphs: the
pages about them grow with the archive. Here every article (about 700 words)
names all twelve people of one process and its five issues; sentences are
templates filled with a seeded random generator, so the same N (and seed)
always gives the same bytes. Rounds of ten articles (two outlets' reports of
each of five days) follow each other every week or two at four venues.
"""

from __future__ import annotations

import datetime as dt
import random

from make_corpus import ADJECTIVES, FURNITURE, ORDINALS, STAGES, Person, Story, _people

SIDES = ("Armenia", "Azerbaijan")
MEDIATOR = "the United States"
VENUES = ("Geneva", "Vienna", "Oslo", "Montreux")
ISSUES = (
    "a ceasefire",
    "prisoner exchanges",
    "border demarcation",
    "sanctions relief",
    "humanitarian access",
)
"""The few issues every article weighs."""
ROLES = (
    "chief negotiator",
    "foreign minister",
    "deputy foreign minister",
    "defence minister",
    "special envoy",
)
OUTLETS = ("AFP", "Reuters")
PER_ROUND = 10
"""Articles per round: two outlets' reports of each of the five stages."""


def cast(rng: random.Random) -> list[Person]:
    """The dozen: five people for each side and two for the mediator, each in one role."""
    names = _people(rng, 12)
    people = [Person(names[i], SIDES[0], ROLES[i]) for i in range(5)]
    people += [Person(names[5 + i], SIDES[1], ROLES[i]) for i in range(5)]
    people += [
        Person(names[10], MEDIATOR, "special envoy"),
        Person(names[11], MEDIATOR, "deputy secretary of state"),
    ]
    return people


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _quote(rng: random.Random, issue: str) -> str:
    return rng.choice(
        (
            f"We will not sign anything that leaves {issue} to chance",
            f"Our position on {issue} has not changed since the first round",
            f"There can be no lasting settlement without {issue}",
            f"We are ready to discuss {issue}, but not under pressure",
            f"The other side knows exactly what we expect on {issue}",
            f"Nobody should expect a breakthrough on {issue} this week",
            f"We came here to talk about {issue}, and we talked about it for hours",
        )
    )


def _paragraph(rng: random.Random, kind: int, who: Person, issue: str, venue: str) -> str:
    """One paragraph of about forty words; most hold a quotation or a stance."""
    other = SIDES[1] if who.party == SIDES[0] else SIDES[0]
    adj = rng.choice(ADJECTIVES)
    party = who.party
    if kind == 0:
        return (
            f"{who.name}, {party}'s {who.role}, said {party} demanded {issue} before any "
            f"wider agreement could be signed, and that the talks in {venue} had been "
            f'"{adj}" but had not yet moved the other side.'
        )
    if kind == 1:
        return (
            f'"{_quote(rng, issue)}," {who.name}, the {who.role} of {party}, told '
            f"reporters outside the venue in {venue} after a session that lasted late into "
            "the evening."
        )
    if kind == 2:
        return (
            f"{_cap(party)} rejected the latest proposal on {issue}, {who.name} said, "
            f'calling it "{adj} but not enough" and accusing {other} of trying to settle '
            "the question before the rest of the agenda."
        )
    if kind == 3:
        return (
            f"{who.name} said {party} was ready to accept {issue} if {other} made the same "
            f"commitment in writing, a step the {who.role} described as the minimum the two "
            "delegations needed to move forward."
        )
    if kind == 4:
        return (
            f'"{_quote(rng, issue)}," {who.name} said, adding that the delegation would '
            f"report to the capital before the next session and that the mediators from "
            f"{MEDIATOR} had been told as much."
        )
    if kind == 5:
        return (
            f"{_cap(party)} has called for {issue} since the talks began, and {who.name}, "
            f"its {who.role}, repeated the call on the second day, saying the issue had "
            "been on the table for too long without an answer."
        )
    if kind == 6:
        return (
            f"Asked whether {issue} could be agreed this week, {who.name} said: "
            f'"{_quote(rng, issue)}. We will see what the other side brings to the table '
            'tomorrow."'
        )
    return (
        f"Diplomats in {venue} said the two delegations had spent most of the day on "
        f"{issue}, with {who.name} of {party} leading the discussion for one side and "
        f"officials from {MEDIATOR} shuttling between the two rooms."
    )


def _story(
    rng: random.Random, index: int, people: list[Person], number: int, start: dt.date
) -> Story:
    stage, outlet = divmod(index % PER_ROUND, len(OUTLETS))
    venue = VENUES[number % len(VENUES)]
    date = start + dt.timedelta(stage)
    nth = ORDINALS[number % len(ORDINALS)]
    a, b = SIDES
    lead_issue, other_issue = rng.sample(ISSUES, 2)
    headline = {
        "preview": f"{a} and {b} to hold new round of talks in {venue}",
        "opening": f"{a} and {b} open {nth} round of talks in {venue}",
        "second day": f"Talks between {a} and {b} enter second day in {venue}",
        "close": f"{venue} talks end with no deal on {lead_issue}",
        "reaction": f"{a} says {venue} talks were {rng.choice(ADJECTIVES)}",
    }[STAGES[stage]]
    if outlet:
        headline = f"{headline}: {OUTLETS[outlet]} report"
    heads = f"{people[0].name} and {people[5].name}"
    paragraphs = [
        f"Negotiators from {a} and {b} met in {venue} on {date.strftime('%A')} for talks "
        f"mediated by {MEDIATOR}, with {heads} leading the two delegations, officials said.",
    ]
    order = list(range(len(people)))
    rng.shuffle(order)
    issues = list(ISSUES)
    for n, who in enumerate(order + order[:5]):  # 17 paragraphs: everyone named at least once
        issue = issues[n % len(issues)]
        paragraphs.append(_paragraph(rng, rng.randrange(8), people[who], issue, venue))
    paragraphs.append(
        f"A further round could follow within weeks if the two sides narrow their "
        f"differences on {other_issue}, diplomats in {venue} said."
    )
    return Story(
        id=f"d{index:05d}",
        date=date,
        headline=headline,
        standfirst=f"Negotiators remain divided over {lead_issue} and {other_issue}.",
        paragraphs=paragraphs,
        furniture=rng.sample(FURNITURE, k=rng.randrange(0, 3)),
        dateline=True,  # an archive dates every report
        actors=sorted(p.name for p in people),
        round=f"{venue} talks {start.isoformat()}",
        track=f"{a} and {b}",
    )


def dense_stories(n: int, seed: int = 1) -> list[Story]:
    """The archive, deterministic for (n, seed): rounds of ten articles, a week or two
    apart, over at least three years."""
    rng = random.Random(seed)
    people = cast(rng)
    rounds = max(1, -(-n // PER_ROUND))
    gap = max(8, 365 * 3 // rounds)
    first = dt.date(2004, 1, 5)
    starts = [first + dt.timedelta(k * gap + rng.randrange(0, 2)) for k in range(rounds)]
    return [_story(rng, i, people, i // PER_ROUND, starts[i // PER_ROUND]) for i in range(n)]
