"""Unit tests for dates written in articles (sitegen.extract.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.extract.datelines import meeting_month_day, report_dates, text_date
from sitegen.extract.dates import (
    full_dates,
    mentions_previous_meeting,
    resolve_weekday,
    round_ordinals,
    weekday_mentions,
)
from sitegen.ingest.articles import parse_article


def art(body: str):
    return parse_article("Headline of the story\n\n" + body, file="seeds/x.txt", id="x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 4, 2026, amid the invasion", [dt.date(2026, 2, 4)]),
        ("signed on 24 January 2026 in Doha", [dt.date(2026, 1, 24)]),
        ("the 3rd of March, 2025 accord", [dt.date(2025, 3, 3)]),
        ("published 2026-01-23", [dt.date(2026, 1, 23)]),
        ("Sept. 9, 2024 was a Monday", [dt.date(2024, 9, 9)]),
        ("February 30, 2026 is no day", []),
        ("on February 4 the talks resumed", []),  # no year: never guessed
        ("in May 2025 talks stalled", []),
    ],
)
def test_full_dates(text: str, expected: list[dt.date]) -> None:
    assert full_dates(text) == expected


def test_resolve_weekday_same_day_past_and_future() -> None:
    saturday = dt.date(2026, 1, 24)
    assert resolve_weekday(5, saturday, future=False) == saturday
    assert resolve_weekday(4, saturday, future=False) == dt.date(2026, 1, 23)  # "began on Friday"
    assert resolve_weekday(0, saturday, future=True) == dt.date(2026, 1, 26)  # "will meet Monday"
    assert resolve_weekday(0, saturday, future=False) == dt.date(2026, 1, 19)


def test_weekday_mentions_know_tense_meeting_and_day_ordinal() -> None:
    article = art(
        "Talks started a second day in Geneva on Thursday. "
        "The envoys are set to reconvene Friday. "
        "A market was hit on Monday."
    )
    found = {(m.weekday, m.future, m.meeting, m.day_ordinal) for m in weekday_mentions(article)}
    assert (3, False, True, 2) in found
    assert (4, True, True, None) in found
    assert (0, False, False, None) in found


def test_weekday_after_following_is_past_in_a_sentence_looking_ahead() -> None:
    # "Following progress at Monday's meeting, a second meeting will be held ...": the
    # sentence looks ahead, but to another meeting; Monday's is past. Without the
    # "following", the weekday looks ahead with its sentence.
    article = art(
        "Following progress at Monday's meeting, a second round of talks will be held "
        "in Port Elin in September. The envoys will meet again on Thursday."
    )
    found = {(m.weekday, m.future) for m in weekday_mentions(article)}
    assert (0, False) in found
    assert (3, True) in found


def test_a_date_before_the_talks_is_background() -> None:
    # "Ahead of the talks, X called Y on 10 May 2025": not the day the story reports
    assert (
        report_dates(
            "Ahead of the talks, the Calderian president called both leaders on 10 May 2025."
        )
        == []
    )
    assert report_dates("The talks in Port Elin ended on 12 May 2025.") == [
        (dt.date(2025, 5, 12), True)
    ]


def test_a_meeting_told_in_the_past_perfect_dates_no_story() -> None:
    # "They had met on June 6": an earlier meeting than the one the story reports on
    earlier = art(
        "The envoys met again in Port Elin. They had met on June 6 and had agreed to talk."
    )
    assert meeting_month_day(earlier) is None
    held = art("The talks held in Port Elin on June 6 ended without a deal.")
    assert meeting_month_day(held) == (6, 6)


def test_a_photo_line_in_the_text_gives_no_date() -> None:
    # a wire caption kept as a text line ("... is seen in the background, in X, April
    # 3, 2025."): the picture's day, not the story's
    photo = art(
        "Traders walk past the harbour, as the old fort is seen in the background, in "
        "Port Elin, Calderia, April 3, 2025.\n\nThe envoys met in Port Elin on Friday."
    )
    assert text_date(photo) is None
    story = art("The envoys met in Port Elin on April 3, 2025.")
    assert text_date(story) == dt.date(2025, 4, 3)


def test_text_date_prefers_captions_then_latest_body_date() -> None:
    article = art("The war began on February 24, 2022. Talks resumed on March 2, 2026.")
    assert text_date(article) == dt.date(2026, 3, 2)
    article.captions.append("Delegates arrive in Doha, on March 1, 2026 (Photo by A / AFP)")
    assert text_date(article) == dt.date(2026, 3, 1)
    assert text_date(art("No date at all here.")) is None


def test_round_ordinals_and_previous_meeting_cues() -> None:
    article = art("A second round of talks began in Doha. A previous meeting was held last month.")
    assert round_ordinals(article) == [2]
    assert mentions_previous_meeting(article)
    assert not mentions_previous_meeting(art("The talks began in Doha on Monday."))


def test_wire_day_and_nearest_year() -> None:
    import datetime as dt

    from sitegen.extract.datelines import wire_day
    from sitegen.extract.dates import nearest_year

    wire = "Goma calm\n\nGOMA, Congo, July 20 (Reuters) - Residents said on Sunday they waited."
    assert wire_day(parse_article(wire, file="seeds/w.txt", id="w")) == (7, 20)
    pooled = "Talks\n\nLUGANO, July 8 (XYZ-AGENCIES) — Talks will resume, officials said."
    assert wire_day(parse_article(pooled, file="seeds/x.txt", id="x")) == (7, 8)
    plain = "Talks\n\nNegotiators met on March 10 (local time) in Doha."
    assert wire_day(parse_article(plain, file="seeds/p.txt", id="p")) is None
    assert nearest_year((7, 20), [dt.date(2025, 6, 27)]) == dt.date(2025, 7, 20)
    assert nearest_year((1, 2), [dt.date(2024, 12, 30)]) == dt.date(2025, 1, 2)
    assert nearest_year((7, 20), [dt.date(2020, 1, 1)]) is None  # too far from anything known


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the announcement of the result is the day reported
        ("The two delegations announced on August 24 that they have reached a deal.", (8, 24)),
        ("The talks concluded Nov. 21 in Lugano without a deal.", (11, 21)),
        # the day the talks began, or a day ahead, is not the day reported
        ("The talks began on August 20 in Lugano.", None),
        ("The mediator announced on August 24 that talks will resume next month.", None),
    ],
)
def test_meeting_month_day(text: str, expected: tuple[int, int] | None) -> None:
    from sitegen.extract.datelines import meeting_month_day

    article = parse_article(f"Headline\n\n{text}", file="seeds/m.txt", id="m")
    assert meeting_month_day(article) == expected


@pytest.mark.parametrize(
    ("lead", "going_on"),
    [
        ("Talks on the harbour continue in Lugano for a second day.", True),
        ("The delegation arrived in Lugano to continue the talks on the harbour.", True),
        ("Both sides agreed to continue the talks on the harbour.", False),
        ("After the meeting, the ministers said the talks should continue.", False),
        ("Talks on the harbour will continue next month.", False),
    ],
)
def test_talks_continue_is_not_a_wish_or_a_plan(lead: str, going_on: bool) -> None:
    from sitegen.extract.datelines import talks_continue

    article = parse_article(f"Harbour\n\n{lead}", file="seeds/c.txt", id="c")
    assert talks_continue(article) is going_on


def test_agency_dateline_after_a_standfirst_and_the_day_talks_began() -> None:
    from sitegen.extract.datelines import meeting_start_day, wire_day

    raw = (
        "Delegation arrives in Lugano for harbour talks\n"
        "A new round of talks between Calderia and Dunmore kicked off in Lugano on July 8\n"
        "LUGANO, July 15. /XYZ/. The Calderian delegation arrived to take part in the talks.\n"
        "The delegates met for three hours on Monday.\n"
    )
    article = parse_article(raw, file="seeds/s.txt", id="s")
    assert wire_day(article) == (7, 15)  # the dateline opens the paragraph after the summary
    assert meeting_start_day(article) == (7, 8)
    plan = parse_article(
        "Talks\n\nThe talks will begin on July 20 in Lugano.", file="seeds/p.txt", id="p"
    )
    assert meeting_start_day(plan) is None  # a day ahead is no day the meeting began
    war = parse_article(
        "Talks\n\nThe talks in Lugano aim to end a war that began on March 3.",
        file="seeds/w.txt",
        id="w",
    )
    assert meeting_start_day(war) is None  # began on that day, but not the meeting


def test_a_full_date_in_the_headline_dates_the_story() -> None:
    """A picture caption stored as the first line (so read as the headline) often
    carries the day; a date in a real headline is as good."""
    raw = (
        "Delegates wait for the start of the harbour talks in Lugano, Switzerland "
        "November 29, 2021\n\n"
        "LUGANO, Nov 29 (XYZ) - Calderia and Dunmore held talks on Monday."
    )
    article = parse_article(raw, file="seeds/h.txt", id="h")
    assert text_date(article) == dt.date(2021, 11, 29)


def test_a_date_of_a_document_or_of_what_came_before_is_not_the_story_day() -> None:
    """ "the accord dated 2 May 1994" and "the plan that was agreed after the summit on
    3 March 2024" name the day of something the story looks back on."""
    from sitegen.extract.datelines import report_dates

    assert report_dates("They cited the Lugano Accord dated 2 May 1994 at the talks.") == []
    assert (
        report_dates("The talks follow the plan that was agreed after the summit on 3 March 2024.")
        == []
    )
    assert [d for d, _ in report_dates("The talks were held on 3 March 2024 in Lugano.")] == [
        dt.date(2024, 3, 3)
    ]
