"""A search begun at the first leading word of a pattern finds what a search of the
whole text finds (``sitegen.extract.match_starts``)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.issues import _base_taxonomy, _cues, mask
from sitegen.extract.literals import lowered
from sitegen.extract.match_starts import Starts
from sitegen.extract.stance_words import lexicon
from tests.extract.test_extract_literals import TRICKY, real_texts


def _same(pattern: re.Pattern[str], text: str) -> int:
    starts, low = Starts.of(pattern), lowered(text)
    begin = starts.first(text, low)
    plain = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in pattern.finditer(text, begin)] == plain, (pattern.pattern, text)
    # a match tried only where a leading word stands: the same matches, groups too
    found = starts.finditer(pattern, text, low)
    assert [m.span() for m in found] == plain, (pattern.pattern, text)
    assert [m.groups() for m in found] == [m.groups() for m in pattern.finditer(text)]
    for pos in (1, len(text) // 2):
        m, whole = starts.search(pattern, text, low, pos), pattern.search(text, pos)
        assert (m and m.span()) == (whole and whole.span()), (pattern.pattern, text, pos)
    return len(plain)


def test_search_tries_each_place_of_a_leading_word() -> None:
    pattern = re.compile(r"(?<![\w-])(?:is|was)\s+(?:still\s+)?unresolved", re.IGNORECASE)
    text = "This is why it was hard: the border is still unresolved, and Was unresolved."
    assert [m.group() for m in Starts.of(pattern).finditer(pattern, text, lowered(text))] == [
        "is still unresolved",
        "Was unresolved",
    ]
    many = "is " * 20 + "is unresolved"  # more places than it tries one by one
    m = Starts.of(pattern).search(pattern, many, lowered(many))
    assert m is not None and m.start() == 60


def test_leading_words_of_simple_patterns() -> None:
    assert Starts.of(re.compile(r"(?<![\w-])(?:truce|cease-?fire)\b", re.I)).words == (
        "truce",
        "cease",
    )
    assert Starts.of(re.compile(r"\bStatus\s+of")).words == ("Status",)
    assert Starts.of(re.compile(r"(?:a|b)?c")).words is None  # may start with "c"
    assert Starts.of(re.compile(r"\w+ed")).words is None


def test_searches_from_the_first_leading_word_in_real_articles() -> None:
    patterns = [p for i in _base_taxonomy().issues for p in (*i.strong, *i.weak)]
    patterns += [c.pattern for c in _cues()[0]]
    patterns += list(lexicon().cue_sieve.patterns)
    assert sum(Starts.of(p).words is not None for p in patterns) > len(patterns) // 2
    found = 0
    for text in [*real_texts()[:150], *TRICKY]:
        for pattern in patterns:
            found += _same(pattern, mask(text))
    assert found > 100


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text("aAbK-", min_size=1, max_size=3), min_size=1, max_size=4),
    text=st.text("aAbK -\u212a", max_size=30),
    flags=st.sampled_from([0, re.IGNORECASE]),
)
def test_searches_from_the_first_leading_word_of_generated_patterns(
    words: list[str], text: str, flags: int
) -> None:
    alternation = "|".join(re.escape(w) for w in words)
    _same(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])", flags), text)
