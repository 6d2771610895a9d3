"""Unit tests for grouping articles into rounds and relative dates (sitegen.brief.rounds)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitegen.brief.clues import meeting_place, read_clues
from sitegen.brief.rounds import Dated, group_rounds, number_by_process
from sitegen.ingest.articles import parse_article
from sitegen.models import Briefing, Mention, Round
from sitegen.site.views import SiteIndex


def dated(
    aid: str, body: str, place: str | None, anchor: dt.date | None = None, forced: str | None = None
) -> Dated:
    article = parse_article("Headline\n\n" + body, file=f"seeds/{aid}.txt", id=aid)
    # the place is the test's word, and no sentence names a venue elsewhere
    clues = dataclasses.replace(read_clues(article), place=place, venues={})
    return Dated(article, clues, anchor, forced_round=forced)


MARCH_10, APRIL_6 = dt.date(2026, 3, 10), dt.date(2026, 4, 6)


def test_two_meetings_at_one_place_weeks_apart_are_two_rounds() -> None:
    items = [
        dated(
            "a", "Negotiators met in Geneva on Tuesday for talks.", "Geneva", dt.date(2026, 3, 10)
        ),
        dated("b", "Talks in Geneva will continue on Wednesday.", "Geneva", dt.date(2026, 3, 10)),
        dated(
            "c", "A new round of talks opened in Geneva on Monday.", "Geneva", dt.date(2026, 4, 6)
        ),
    ]
    rounds, relative = group_rounds(items)
    assert [(r.id, r.start, r.end, r.articles) for r in rounds] == [
        ("2026-03-10-geneva", dt.date(2026, 3, 10), dt.date(2026, 3, 11), ["a", "b"]),
        ("2026-04-06-geneva", dt.date(2026, 4, 6), dt.date(2026, 4, 6), ["c"]),
    ]
    assert relative == {}
    assert [r.ordinal for r in rounds] == [1, 2]


def test_same_days_at_another_place_is_another_round() -> None:
    items = [
        dated("a", "Talks in Doha began on Monday.", "Doha", dt.date(2026, 5, 4)),
        dated("b", "Talks in Cairo began on Monday.", "Cairo", dt.date(2026, 5, 4)),
    ]
    rounds, _ = group_rounds(items)
    assert sorted(r.articles[0] for r in rounds) == ["a", "b"]
    assert len(rounds) == 2


def test_undated_article_joins_the_round_whose_weekdays_fit_and_takes_its_date() -> None:
    # Round 1: Friday-Saturday 23-24 January; round 2: Wednesday-Thursday 4-5 February.
    items = [
        dated(
            "r1",
            "Talks in Doha began on Friday and will continue on Saturday.",
            "Doha",
            dt.date(2026, 1, 23),
        ),
        dated(
            "r2",
            "The first day of talks in Doha ended on Wednesday. "
            "They are set to reconvene Thursday.",
            "Doha",
            dt.date(2026, 2, 4),
        ),
        dated("u", "The sides started a second day of talks in Doha on Thursday.", "Doha"),
    ]
    rounds, relative = group_rounds(items)
    by_article = {a: r.id for r in rounds for a in r.articles}
    assert by_article["u"] == by_article["r2"] == "2026-02-04-doha"
    assert by_article["r1"] == "2026-01-23-doha"
    assert relative == {"u": dt.date(2026, 2, 5)}


def test_ordinal_cue_decides_between_rounds_with_the_same_weekdays() -> None:
    items = [
        dated("r1", "Talks in Doha were held on Monday.", "Doha", dt.date(2026, 1, 5)),
        dated("r2", "Talks in Doha were held on Monday.", "Doha", dt.date(2026, 2, 2)),
        dated("u", "A second round of talks opened in Doha on Monday.", "Doha"),
    ]
    rounds, relative = group_rounds(items)
    second = next(r for r in rounds if "u" in r.articles)
    assert second.start == dt.date(2026, 2, 2)
    assert relative == {"u": dt.date(2026, 2, 2)}


def test_undated_article_that_fits_no_round_is_not_guessed() -> None:
    items = [
        dated("r1", "Talks in Doha were held on Monday.", "Doha", dt.date(2026, 1, 5)),
        dated("r2", "Talks in Doha were held on Monday.", "Doha", dt.date(2026, 2, 2)),
        dated("u", "Talks in Doha were held on Monday.", "Doha"),
        dated("v", "Talks in Oslo went on.", "Oslo"),
    ]
    rounds, relative = group_rounds(items)
    grouped = {a for r in rounds for a in r.articles}
    assert "u" not in grouped  # two rounds fit: no guess
    # the Oslo story fits no dated round: it makes a round of its own, without days
    (oslo,) = [r for r in rounds if "v" in r.articles]
    assert (oslo.id, oslo.title, oslo.start, oslo.articles) == ("oslo", "Oslo talks", None, ["v"])
    assert relative == {}


def test_editor_round_wins() -> None:
    items = [
        dated("a", "Talks in Doha were held on Monday.", "Doha", dt.date(2026, 1, 5)),
        dated(
            "b",
            "Talks in Doha were held on Monday.",
            "Doha",
            dt.date(2026, 1, 5),
            forced="doha-special",
        ),
    ]
    rounds, _ = group_rounds(items)
    assert {r.id: r.articles for r in rounds} == {"2026-01-05-doha": ["a"], "doha-special": ["b"]}


def test_meeting_place_counts_venues_not_metonyms() -> None:
    article = parse_article(
        "Talks begin in Doha\n\n"
        "Moscow said the talks would fail. Moscow rejected the plan at the talks. "
        "Delegates met in Cairo on Monday for talks.",
        file="seeds/p.txt",
        id="p",
    )
    sentences = article.sentences

    def at(word: str, index: int) -> tuple[str, Mention]:
        start = sentences[index].text.index(word)
        return word, Mention(index, start, start + len(word), word)

    places = [at("Moscow", 0), at("Moscow", 1), at("Cairo", 2)]
    untitled = dataclasses.replace(article, title="Talks begin")
    assert meeting_place(untitled, places) == "Cairo"
    # the headline names Doha as the venue: it outweighs one sentence, whether or not
    # the body names it too
    assert meeting_place(article, places) == "Doha"
    places.append(("Doha", Mention(0, 0, 0, "Doha")))
    assert meeting_place(article, places) == "Doha"


def test_headline_venue_and_a_country_named_again_and_again() -> None:
    assert (
        _places_vote(
            "Talks got under way in Qatar on Wednesday.", title="New round of talks in Doha"
        )
        == "Doha"
    )
    # a headline's war is not the venue
    assert (
        _places_vote(
            "Negotiators met in Geneva on Monday for talks.",
            title="Talks on the conflict in Mali open",
        )
        == "Geneva"
    )
    # filed from one capital about talks in a country named as the venue again and
    # again (an island state, whose capital stories rarely name)
    text = (
        "OSLO, May 3 (Reuters) - The delegations will meet in Malta on Monday for talks. "
        "The talks in Malta are the third round."
    )
    assert _clue_place(text) == "Malta"
    assert _clue_place("OSLO, May 3 (Reuters) - The delegations met on Monday.") == "Oslo"


def _clue_place(text: str) -> str | None:
    article = parse_article(f"Headline\n\n{text}", file="seeds/v.txt", id="v")
    return read_clues(article).place


def test_wire_dateline_without_year_takes_the_year_of_the_other_stories() -> None:
    items = [
        dated(
            "a", "Talks in Doha began on Monday, January 13, 2025.", "Doha", dt.date(2025, 1, 14)
        ),
        dated(
            "b",
            "DOHA, March 10 (Reuters) - Israel sent a delegation to Doha on Monday for talks.",
            "Doha",
        ),
    ]
    rounds, relative = group_rounds(items)
    assert relative == {"b": dt.date(2025, 3, 10)}
    assert sorted(r.articles for r in rounds) == [["a"], ["b"]]


def test_a_story_about_something_else_founds_no_round() -> None:
    market = "Oil prices fell on Monday as investors weighed weak demand in China."
    items = [
        dated("a", "Talks in Jeddah resumed on Sunday.", "Jeddah", dt.date(2023, 10, 29)),
        dated("oil", market, None, dt.date(2023, 10, 30)),
    ]
    rounds, _ = group_rounds(items)
    assert [r.articles for r in rounds] == [["a"]]


def _places_vote(text: str, title: str = "Headline") -> str | None:
    from sitegen.extract.parties import find_places

    article = parse_article(f"{title}\n\n{text}", file="seeds/v.txt", id="v")
    return meeting_place(article, find_places(article))


def test_venue_written_as_the_city_of_or_the_capital() -> None:
    assert (
        _places_vote(
            "Envoys met in the Saudi city of Jeddah on Sunday for talks, "
            "as fighting raged in Khartoum."
        )
        == "Jeddah"
    )
    assert _places_vote("The talks followed weeks of negotiations in the Qatari capital.") == "Doha"
    assert _places_vote("The leaders signed a declaration at the White House.") == "Washington"
    # a seat as a metonym is no venue
    assert _places_vote("The White House said the talks were constructive.") is None


def _with_people(item: Dated, *keys: str) -> Dated:
    item.people = set(keys)
    return item


def test_undated_article_joins_the_one_round_that_shares_its_people() -> None:
    # Two rounds in Doha on Mondays; the undated story names the people of the first.
    items = [
        _with_people(
            dated("r1", "Talks in Doha were held on Monday.", "Doha", dt.date(2025, 1, 13)),
            "altani",
            "biden",
            "netanyahu",
        ),
        _with_people(
            dated("r2", "Talks in Doha were held on Monday.", "Doha", dt.date(2025, 3, 10)),
            "boehler",
            "saar",
        ),
        _with_people(
            dated(
                "u",
                "The agreement is due to take effect on Sunday. Talks in Doha ended on Wednesday.",
                "Doha",
            ),
            "altani",
            "biden",
            "hayya",
        ),
    ]
    rounds, relative = group_rounds(items)
    first = next(r for r in rounds if "u" in r.articles)
    assert first.articles == ["r1", "u"]
    # a future weekday ("due to take effect on Sunday") is no reporting day
    assert relative == {"u": dt.date(2025, 1, 15)}


def test_people_do_not_place_an_article_on_a_tie_or_a_single_shared_name() -> None:
    items = [
        _with_people(
            dated("r1", "Talks in Doha were held on Monday.", "Doha", dt.date(2025, 1, 13)),
            "trump",
            "altani",
        ),
        _with_people(
            dated("r2", "Talks in Doha were held on Monday.", "Doha", dt.date(2025, 3, 10)),
            "trump",
            "altani",
        ),
        _with_people(dated("u", "Talks in Doha went on.", "Doha"), "trump", "altani"),
        _with_people(dated("v", "Talks in Doha went on.", "Doha"), "trump"),
    ]
    rounds, _ = group_rounds(items)
    grouped = {a for r in rounds for a in r.articles}
    assert "u" not in grouped and "v" not in grouped


def test_wire_dateline_city_is_a_venue_even_when_the_gazetteer_lacks_it() -> None:
    article = parse_article(
        "Neighbours reach deal\n\n"
        "OHRID, North Macedonia, March 18 (Reuters) - The two leaders agreed on a plan on "
        "Saturday, the mediator said.",
        file="seeds/w.txt",
        id="w",
    )
    assert meeting_place(article, []) == "Ohrid"
    not_wire = parse_article("Deal\n\nBREAKING NEWS from the talks today.", file="s/x.txt", id="x")
    assert meeting_place(not_wire, []) is None


def test_talks_expected_to_last_a_week_are_one_round_with_their_closing_story() -> None:
    items = [
        dated(
            "open",
            "Peace talks began in Pretoria on Tuesday. The talks are expected to end on Sunday.",
            "Pretoria",
            dt.date(2022, 10, 25),
        ),
        dated(
            "deal",
            "The sides agreed to stop fighting, the mediator said on Wednesday.",
            "Pretoria",
            dt.date(2022, 11, 2),
        ),
    ]
    rounds, _ = group_rounds(items)
    assert [(r.articles, r.start, r.end) for r in rounds] == [
        (["deal", "open"], dt.date(2022, 10, 25), dt.date(2022, 11, 2))
    ]


def _round(rid: str, day: int, articles: list[str], place: str | None = "Belmar") -> Round:
    start = dt.date(2026, 3, day)
    return Round(rid, "", place, start, start, articles=articles, ordinal=day)


def test_each_negotiation_numbers_its_own_rounds() -> None:
    """Two negotiations in one folder: each has its round 1, and a round with no place is
    titled by its own negotiation's number, not by its rank among all rounds."""
    rounds = [
        _round("a1", 1, ["x1"]),
        _round("b1", 2, ["y1"]),
        _round("a2", 3, ["x2"], place=None),
        _round("b2", 4, ["y2", "y3"]),
    ]
    number_by_process(rounds, {"x1": 0, "x2": 0, "y1": 1, "y2": 1, "y3": 1})
    assert [(r.id, r.process, r.ordinal) for r in rounds] == [
        ("a1", 0, 1),
        ("b1", 1, 1),
        ("a2", 0, 2),
        ("b2", 1, 2),
    ]
    assert rounds[2].title == "Round 2, 3 March 2026"


def test_the_previous_round_is_the_same_negotiations() -> None:
    rounds = [
        _round("a1", 1, ["x1"]),
        _round("b1", 2, ["y1"]),
        _round("a2", 3, ["x2"]),
    ]
    number_by_process(rounds, {"x1": 0, "x2": 0, "y1": 1})
    site = SiteIndex(Briefing(title="t", description="", rounds=rounds))
    a1, b1, a2 = rounds
    assert site.previous_round(a2) is a1  # not b1, the other negotiation's, though later
    assert site.next_round(a1) is a2
    assert site.previous_round(b1) is None and site.next_round(b1) is None
    assert site.round_number(a2) == (2, 2) and site.round_number(b1) == (1, 1)


def test_a_year_comes_only_from_stories_of_the_same_negotiation() -> None:
    """A wire day with no year takes it from dated stories at its venue or naming its
    people; a folder following several negotiations lends no year from another one."""
    other = _with_people(
        dated(
            "a", "Talks in Doha began on Monday, January 13, 2025.", "Doha", dt.date(2025, 1, 14)
        ),
        "marten",
        "oduya",
    )
    wire = "LUGANO, March 10 (Reuters) - Calderian and Dunmorese envoys held talks on Monday."
    alone = _with_people(dated("b", wire, "Lugano"), "vale", "sorn")
    _, relative = group_rounds([other, alone])
    assert relative == {}  # no story of its negotiation is dated: no year borrowed
    kin = _with_people(dated("b", wire, "Lugano"), "marten", "oduya")
    _, relative = group_rounds([other, kin])
    assert relative == {"b": dt.date(2025, 3, 10)}
    # or mostly the same parties (a reaction from the ground names no negotiator)
    other.parties = {"calderia", "dunmore", "astoria"}
    alone.parties = {"calderia", "dunmore"}
    _, relative = group_rounds([other, alone])
    assert relative == {"b": dt.date(2025, 3, 10)}
    alone.parties = {"calderia", "belmar", "esterra", "varnia"}  # one party shared
    _, relative = group_rounds([other, alone])
    assert relative == {}


def test_a_town_no_list_knows_in_a_venue_phrase_and_its_spellings() -> None:
    from sitegen.brief.roundmatch import place_key, same_venue

    text = "The leaders met for talks in the Alpine mountain resort of Vellamont-Sur on Monday."
    assert _clue_place(text) == "Vellamont-Sur"  # the phrase says it is a place
    assert _clue_place("The leaders met for talks in Vellamont-Sur on Monday.") is None
    # transliterations of one town differ in their vowels; other towns do not agree
    assert same_venue("Naqoura", "Naqura") and place_key("Naqoura") == place_key("Naqura")
    assert not same_venue("Naqoura", "Nikaria")
    assert not same_venue("Lugano", "Lagona")  # a town the list knows keeps its name


def test_a_capitalised_word_opening_a_headline_is_no_dateline() -> None:
    title = "UN announces prisoner swap as talks begin in Lugano"
    article = parse_article(
        f"{title}\n\nNegotiators of Calderia and Dunmore met on Monday.", file="seeds/u.txt", id="u"
    )
    assert read_clues(article).place == "Lugano"
    from sitegen.brief.clues import _wire_city

    assert _wire_city(article) is None
    wire = parse_article("Talks\n\nLUGANO, May 3 (XYZ) - Talks began.", file="seeds/w.txt", id="w")
    assert _wire_city(wire) == "Lugano"
