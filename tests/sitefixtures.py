"""A small hand-made ``Briefing`` for site tests, independent of extraction.

Two rounds of fictional-but-realistic talks between Armenia and Azerbaijan
mediated by the United States, three articles, a few actors, quotes,
positions, sticking points and notes. Sentence indexes below were counted by
hand against the paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re

from sitegen.models import (
    Actor,
    Article,
    Briefing,
    Evidence,
    Note,
    Party,
    Position,
    Quote,
    Round,
    Sentence,
    StickingPoint,
)


def make_article(id: str, title: str, paragraphs: list[str], **kw: object) -> Article:
    """An Article whose sentences split each paragraph on '. ' (fixture text is simple)."""
    sentences: list[Sentence] = []
    for p_i, para in enumerate(paragraphs):
        for text in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para):
            sentences.append(Sentence(index=len(sentences), paragraph=p_i, text=text))
    return Article(
        id=id,
        file=f"seeds/{id}.txt",
        title=title,
        paragraphs=paragraphs,
        sentences=sentences,
        **kw,  # type: ignore[arg-type]
    )


def ev(article: Article, index: int) -> Evidence:
    return Evidence(article.id, index, article.sentences[index].text)


A1 = make_article(
    "a1-washington-talks",
    "Armenia and Azerbaijan open talks in Washington",
    [
        "Foreign ministers of Armenia and Azerbaijan met in Washington on Monday. "
        "The talks are hosted by the United States.",
        'Armenian Foreign Minister Ararat Mirzoyan said the sides were "closer than ever '
        "to a lasting peace\". Azerbaijan demands changes to Armenia's constitution.",
        "Armenia rejects any extraterritorial corridor through its land. "
        "US Secretary of State Antony Blinken said Washington would keep pushing.",
    ],
    date=dt.date(2024, 5, 6),
    date_basis="dateline",
    round="washington-2024-05",
    agency="AFP",
)
A2 = make_article(
    "a2-washington-day-two",
    "Second day of Washington talks ends without a deal",
    [
        "Azerbaijani Foreign Minister Jeyhun Bayramov said the border commission had made "
        "progress. Azerbaijan wants a road link to Nakhchivan.",
        'Mirzoyan said Yerevan "will not give up an inch of sovereign territory" in the talks.',
    ],
    date=dt.date(2024, 5, 7),
    date_basis="text",
    round="washington-2024-05",
    agency="Reuters",
    note="Filed late; see the **AFP** report for the first day.",
)
A3 = make_article(
    "a3-almaty-round",
    'Talks move to Almaty <as> "host" & partner',
    [
        "The foreign ministers met again in Almaty on Friday. "
        "Armenia accepts border delimitation based on the 1991 Alma-Ata declaration.",
        "Bayramov said Azerbaijan still demands that the constitution be changed. "
        '"There is no alternative to peace," Bayramov said.',
    ],
    date=dt.date(2024, 5, 10),
    date_basis="dateline",
    round="almaty-2024-05",
)

ARTICLES = [A1, A2, A3]


def make_briefing() -> Briefing:
    """A fresh Briefing (callers may mutate it)."""
    articles = [make_article(a.id, a.title, list(a.paragraphs)) for a in ARTICLES]
    for fresh, orig in zip(articles, ARTICLES, strict=True):
        for name in ("date", "date_basis", "round", "agency", "note"):
            setattr(fresh, name, getattr(orig, name))
    a1, a2, a3 = articles
    parties = [
        Party(
            "armenia",
            "Armenia",
            ["Yerevan", "Armenian"],
            "negotiating-party",
            [a1.id, a2.id, a3.id],
        ),
        Party(
            "azerbaijan",
            "Azerbaijan",
            ["Baku", "Azerbaijani"],
            "negotiating-party",
            [a1.id, a2.id, a3.id],
        ),
        Party("united-states", "United States", ["Washington", "US"], "mediator", [a1.id]),
        Party("kazakhstan", "Kazakhstan", [], "host", [a3.id]),
    ]
    actors = [
        Actor(
            "ararat-mirzoyan",
            "Ararat Mirzoyan",
            ["Mirzoyan"],
            ["Armenian Foreign Minister"],
            "armenia",
            [a1.id, a2.id],
            [ev(a1, 2), ev(a2, 2)],
            ev(a1, 2),
        ),
        Actor(
            "jeyhun-bayramov",
            "Jeyhun Bayramov",
            ["Bayramov"],
            ["Azerbaijani Foreign Minister"],
            "azerbaijan",
            [a2.id, a3.id],
            [ev(a2, 0), ev(a3, 2)],
            ev(a2, 0),
            note="Leads Baku's delegation.",
        ),
        Actor(
            "antony-blinken",
            "Antony Blinken",
            ["Blinken"],
            ["US Secretary of State"],
            "united-states",
            [a1.id],
            [ev(a1, 5)],
            ev(a1, 5),
        ),
    ]
    quotes = [
        Quote(
            "a1-washington-talks-q1",
            a1.id,
            "closer than ever to a lasting peace",
            ev(a1, 2),
            "ararat-mirzoyan",
            "actor",
        ),
        Quote(
            "a2-washington-day-two-q1",
            a2.id,
            "will not give up an inch of sovereign territory",
            ev(a2, 2),
            "ararat-mirzoyan",
            "actor",
        ),
        Quote(
            "a3-almaty-round-q1",
            a3.id,
            "There is no alternative to peace,",
            ev(a3, 3),
            "jeyhun-bayramov",
            "actor",
        ),
    ]
    sticking = [
        StickingPoint("constitution", "Armenia's constitution", [ev(a1, 3), ev(a3, 2)]),
        StickingPoint("transit-corridor", "Transit corridor", [ev(a1, 4), ev(a2, 1)]),
        StickingPoint("border", "Border delimitation", [ev(a3, 1)]),
    ]
    positions = [
        Position(
            a1.id,
            "azerbaijan",
            "demands",
            ev(a1, 3),
            "changes to Armenia's constitution",
            None,
            "constitution",
        ),
        Position(
            a1.id,
            "armenia",
            "rejects",
            ev(a1, 4),
            "any extraterritorial corridor",
            None,
            "transit-corridor",
        ),
        Position(
            a2.id,
            "azerbaijan",
            "wants",
            ev(a2, 1),
            "a road link to Nakhchivan",
            "jeyhun-bayramov",
            "transit-corridor",
        ),
        Position(a3.id, "armenia", "accepts", ev(a3, 1), "border delimitation", None, "border"),
        Position(
            a3.id,
            "azerbaijan",
            "demands",
            ev(a3, 2),
            "that the constitution be changed",
            "jeyhun-bayramov",
            "constitution",
        ),
    ]
    rounds = [
        Round(
            "washington-2024-05",
            "Washington talks",
            "Washington",
            dt.date(2024, 5, 6),
            dt.date(2024, 5, 7),
            [a1.id, a2.id],
            ["ararat-mirzoyan", "jeyhun-bayramov", "antony-blinken"],
            ["armenia", "azerbaijan", "united-states"],
            1,
        ),
        Round(
            "almaty-2024-05",
            "Almaty talks",
            "Almaty",
            dt.date(2024, 5, 10),
            dt.date(2024, 5, 10),
            [a3.id],
            ["jeyhun-bayramov"],
            ["armenia", "azerbaijan", "kazakhstan"],
            2,
        ),
    ]
    notes = [
        Note(
            "content/rounds/almaty.md",
            "Why Almaty matters",
            "The venue moved to a neutral host; see [[actor:jeyhun-bayramov]] and "
            "[[party:kazakhstan]].\n\n| side | stance |\n|---|---|\n| Armenia | open |\n",
            5,
            "round:almaty-2024-05",
            dt.date(2024, 5, 11),
        ),
        Note(
            "content/actors/ararat-mirzoyan.md",
            "Profile note",
            "Armenia's chief diplomat since 2021.[^1]\n\n[^1]: Appointed in August.",
            4,
            "actor:ararat-mirzoyan",
            dt.date(2024, 5, 8),
        ),
        Note(
            "content/notes/overview.md",
            "Overview <b>bold</b>",
            "Standalone overview of [[round:washington-2024-05]] and [[issue:border]].",
            4,
            None,
            dt.date(2024, 5, 12),
        ),
        Note("content/notes/draft.md", "Draft", "Not shown.", 4, None, None, True),
    ]
    return Briefing(
        title="Armenia–Azerbaijan talks",
        description="A test briefing.",
        articles=articles,
        rounds=rounds,
        parties=parties,
        actors=actors,
        quotes=quotes,
        positions=positions,
        sticking_points=sticking,
        notes=notes,
    )
