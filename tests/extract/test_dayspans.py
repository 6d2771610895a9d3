"""``extract.dayspans``: the days of a meeting written as a range."""

from __future__ import annotations

from sitegen.extract.dayspans import meeting_span
from sitegen.ingest.articles import parse_article


def _span(sentence: str) -> object:
    article = parse_article(f"Talks\n\n{sentence}", file="seeds/s.txt", id="s")
    return meeting_span(article)


def test_the_ways_news_writes_a_range_of_days() -> None:
    assert _span("The talks are scheduled on Aug. 22-26 in Lugano.") == ((8, 22), (8, 26))
    assert _span("The meeting was held from Nov. 25-Dec. 1 in Belmar.") == ((11, 25), (12, 1))
    assert _span("The second round was held on 6-9 October 2016.") == ((10, 6), (10, 9))
    assert _span("The session runs from 5 to 15 August in Port Elin.") == ((8, 5), (8, 15))
    assert _span("The talks run from 28 December-3 January.") == ((12, 28), (1, 3))


def test_what_is_not_the_range_of_a_meeting() -> None:
    # no meeting named in the sentence
    assert _span("Prices rose from Aug. 22-26 in Lugano.") is None
    # hours, not days
    assert _span("The talks lasted from 11 to 14:00 in Lugano on May 3.") is None
    # longer than a meeting: a season or a deadline
    assert _span("The talks may run from March 1 to April 30.") is None
    # the days of an attack the talks look back on
    assert _span("The talks follow the attack from May 3-5 on the port.") is None
