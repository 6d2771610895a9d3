"""A month and day written with its weekday ("Tuesday (September 2)") takes a year
in which that day is that weekday, never a year borrowed from another story."""

from __future__ import annotations

import datetime as dt

from sitegen.brief.clues import read_clues
from sitegen.brief.rounds import group_rounds
from sitegen.extract.datelines import written_weekday
from sitegen.extract.dates import weekday_year
from sitegen.ingest.articles import parse_article
from tests.brief.test_rounds import dated

OTHER_TALKS = "Delegates of Calderia and Dunmore held talks in Belmar on Friday."


def _weekday(body: str) -> int | None:
    article = parse_article("Headline\n\n" + body, file="seeds/w.txt", id="w")
    return written_weekday(article, (9, 2))


def test_weekday_written_next_to_the_month_and_day_is_read() -> None:
    assert _weekday("Ivo Marten met Astoria's envoy on Tuesday (September 2) for talks.") == 1
    assert _weekday("The talks opened in Port Elin on Tuesday, September 2.") == 1
    assert _weekday("The talks opened in Port Elin on September 2.") is None
    # another day's weekday is not this one's
    assert _weekday("Talks began Monday, September 1, and ended on September 2.") is None


def test_two_weekdays_for_one_day_disagree_and_say_nothing() -> None:
    body = "Talks opened Tuesday (September 2). The Monday, September 2 session was short."
    assert _weekday(body) is None


def test_year_is_the_only_one_near_the_known_dates_where_the_weekday_fits() -> None:
    # 2 September is a Tuesday in 2014, 2025, 2031: only 2025 lies within three years
    assert weekday_year((9, 2), 1, [dt.date(2023, 10, 20)]) == dt.date(2025, 9, 2)
    # a wide span of known years holds two such Tuesdays: no year is certain
    assert weekday_year((9, 2), 1, [dt.date(2024, 1, 1), dt.date(2030, 1, 1)]) is None
    assert weekday_year((9, 2), 1, [dt.date(2018, 1, 1)]) is None
    assert weekday_year((9, 2), 1, []) is None


def test_undated_story_does_not_borrow_a_year_its_weekday_denies() -> None:
    items = [
        dated("a", OTHER_TALKS, "Belmar", dt.date(2023, 10, 20)),
        dated(
            "b",
            "Leaders of Astoria and Belmar met for talks in Port Elin on Tuesday (September 2).",
            "Port Elin",
        ),
    ]
    _, relative = group_rounds(items)
    # 2 September 2023, nearest the other story, was a Saturday
    assert relative["b"] == dt.date(2025, 9, 2)


def test_weekday_that_agrees_keeps_the_nearest_year() -> None:
    items = [
        dated("a", OTHER_TALKS, "Belmar", dt.date(2023, 10, 20)),
        dated(
            "b",
            "Leaders of Astoria and Belmar met for talks in Port Elin on Saturday (September 2).",
            "Port Elin",
        ),
    ]
    _, relative = group_rounds(items)
    assert relative["b"] == dt.date(2023, 9, 2)


def test_day_of_a_meeting_at_another_venue_is_not_the_storys() -> None:
    body = (
        "The third round of talks between Astoria and Belmar opened in Oslo on Monday. "
        "On 13 May, talks between two Calderian councils were held in Lisbon."
    )
    article = parse_article("Headline\n\n" + body, file="seeds/v.txt", id="v")
    clues = read_clues(article)
    assert clues.place == "Oslo"
    # 13 May is the Lisbon meeting's day: the Oslo story has no month and day
    assert clues.wire_day is None
    same_place = body.replace("held in Lisbon", "held in Oslo")
    article = parse_article("Headline\n\n" + same_place, file="seeds/v.txt", id="v")
    assert read_clues(article).wire_day == (5, 13)
