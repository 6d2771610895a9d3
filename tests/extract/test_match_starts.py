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
    begin = Starts.of(pattern).first(text, lowered(text))
    plain = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in pattern.finditer(text, begin)] == plain, (pattern.pattern, text)
    return len(plain)


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
