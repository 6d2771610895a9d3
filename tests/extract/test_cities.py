"""The city list (data/cities.tsv.gz) as venue lookups read it."""

from __future__ import annotations

from sitegen.extract.cities import find_city, venue_country


def test_a_venue_folded_to_the_header_example_is_no_crash() -> None:
    # the file's header comment shows a city line's "|key|key|": never read as a city
    assert find_city(["Key"]) is None
    assert venue_country("Key") is None


def test_a_listed_city_is_found_with_its_word_count() -> None:
    assert find_city(["Lugano", "talks"]) == ("Lugano", 1)
