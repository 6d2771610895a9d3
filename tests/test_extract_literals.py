"""Speed-ups of the extractors must not change what they find.

``sitegen.extract.literals`` skips a regex search when the text lacks a word
every match needs, and writes big word alternations as tries. Both are only
correct if they never skip a real match and never pick a different word, so
these tests compare them with the plain searches, on the real articles of the
seeds and of the held-out corpus and on generated text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.issues import _base_taxonomy, _cues, mask
from sitegen.extract.literals import (
    Sieve,
    lowered,
    may_match,
    needles,
    trie_alternation,
)
from sitegen.extract.names import _possessive
from sitegen.extract.parties import _cue_sieve as party_cue_sieve
from sitegen.extract.quotes import _at_word_start
from sitegen.extract.stance_words import lexicon
from sitegen.ingest import read_articles

ROOT = Path(__file__).resolve().parent.parent


@cache
def real_texts() -> tuple[str, ...]:
    """Every sentence of the seeds and the held-out articles, plain and masked."""
    roots = [ROOT, *sorted((ROOT / "tests" / "eval").iterdir())]
    out: list[str] = []
    for root in roots:
        articles, _ = read_articles(root, workers=1)
        for a in articles:
            out += [a.title, *(s.text for s in a.sentences)]
    return tuple(dict.fromkeys(out + [mask(t) for t in out]))


TRICKY = [
    "",
    "The sticking point remains the status of the land.",
    "THE STICKING POINT IS TERRITORY",  # upper case: the needles are matched folded
    "İstanbul talks stalled over terrıtory and ſecurity guarantees",  # folding traps
    "Withdrawal of troops from the front line",
    "Kyiv rejected the proposal; Moscow demanded a withdrawal.",
    "negotiators from \x011\x02 and \x012\x02 met",
]


def all_patterns() -> list[re.Pattern[str]]:
    """The patterns the extractors gate: taxonomy, issue cues, stance cues, role cues."""
    tax = _base_taxonomy()
    out = [p for issue in tax.issues for p in (*issue.strong, *issue.weak)]
    out += [c.pattern for c in _cues()[0]]
    out += list(lexicon().cue_sieve.patterns)
    out += list(party_cue_sieve()[0].patterns)
    return out


def test_needles_never_skip_a_match_in_real_articles() -> None:
    patterns = [(p, needles(p)) for p in all_patterns()]
    checked = 0
    for text in [*real_texts(), *TRICKY]:
        low = lowered(text)
        for pattern, found in patterns:
            if pattern.search(text):
                checked += 1
                assert may_match(found, text, low), (pattern.pattern, text)
    assert checked > 100  # the check saw real matches, not only misses


def test_sieve_candidates_hold_every_matching_pattern() -> None:
    sieves = [
        _base_taxonomy().sieve,
        lexicon().cue_sieve,
        party_cue_sieve()[0],
        Sieve.of(tuple(c.pattern for c in _cues()[0])),
    ]
    skipped = 0
    for text in [*real_texts(), *TRICKY]:
        for sieve in sieves:
            candidates = sieve.candidates(text)
            assert candidates == sorted(set(candidates))
            matching = [n for n, p in enumerate(sieve.patterns) if p.search(text)]
            assert set(matching) <= set(candidates), text
            skipped += len(sieve.patterns) - len(candidates)
    assert skipped > 0  # the sieve does skip patterns


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (re.compile(r"(?<![\w-])(?:contact\s+lines?)(?![\w])", re.I), ("contact",)),
        (re.compile(r"(?:is|are) (?:issues?|questions?)", re.I), ("issue", "question")),
        (re.compile(r"Sticking"), ("Sticking",)),  # case kept when the pattern keeps it
        (re.compile(r"x(?:ab)+y"), ("ab",)),  # a repeat of at least one counts
    ],
)
def test_needles_of_simple_patterns(pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
    found = needles(pattern)
    assert found is not None
    assert found.words == words
    assert found.folded == bool(pattern.flags & re.I)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:a|the)?\s*x",  # nothing of two letters is certain
        r"(?:talks|)\s+\w+",  # an empty branch: the word may be missing
        r"(?:ab)*",  # a repeat that may be absent
    ],
)
def test_no_needles_when_no_word_is_certain(pattern: str) -> None:
    assert needles(re.compile(pattern)) is None


def test_a_flag_scoped_to_a_group_keeps_only_words_outside_it() -> None:
    found = needles(re.compile(r"(?i:talks) held"))
    assert found is not None
    assert found.words == (" held",)
    assert not found.folded


def test_fold_traps_are_all_the_non_ascii_letters_ignorecase_matches() -> None:
    chars = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    traps = set(re.findall(r"[a-z]", chars, re.IGNORECASE))
    assert traps == {"\u0130", "\u0131", "\u017f", "\u212a"}
    for trap in traps:
        assert lowered(f"the {trap} text") is None
    assert lowered("Ce n’est pas «ça»") == "ce n’est pas «ça»"


WORDS = st.lists(st.text("abS -", min_size=1, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text("abS -.x", max_size=40))
def test_trie_matches_like_the_longest_first_alternation(words: list[str], text: str) -> None:
    plain = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    old = re.compile(rf"(?<![\w.])({plain})(?:['’]s?)?(?![\w])")
    new = re.compile(rf"(?<![\w.])({trie_alternation(sorted(set(words)))})(?:['’]s?)?(?![\w])")
    assert [(m.span(), m.group(1)) for m in old.finditer(text)] == [
        (m.span(), m.group(1)) for m in new.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text("abS -.x", max_size=40))
def test_sieve_matches_plain_in_tests(words: list[str], text: str) -> None:
    patterns = tuple(re.compile(re.escape(w)) for w in words)
    sieve = Sieve.of(patterns)
    matching = {n for n, p in enumerate(patterns) if p.search(text)}
    assert matching <= set(sieve.candidates(text))


@given(st.text("ab'’s", min_size=1, max_size=6))
def test_possessive_ending_as_the_regex_finds_it(word: str) -> None:
    m = re.search(r"['’]s?$", word)
    assert _possessive(word) == (m.group(0) if m else "")


@given(st.text("Ab-_1 é", max_size=12), st.sampled_from(["Ab", "b-", "é ", "1A"]))
def test_word_start_as_the_lookbehind_has_it(text: str, head: str) -> None:
    starts = {
        text[m.start() : m.start() + 2] for m in re.finditer(r"(?<![\w-])(?=.{2})", text, re.S)
    }
    assert _at_word_start(text, head) == (head in starts)
