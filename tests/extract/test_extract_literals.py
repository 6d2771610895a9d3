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

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.brief import clues
from sitegen.data import load
from sitegen.extract import datelines, issue_background, parties, provisions
from sitegen.extract.dates import _folded_trie, calendar
from sitegen.extract.gazetteer import _refs, government_refs
from sitegen.extract.issues import _base_taxonomy, _cues, mask
from sitegen.extract.literals import (
    Guarded,
    Sieve,
    all_needles,
    guarded,
    lowered,
    may_match,
    needles,
    search_tail,
    trie_alternation,
)
from sitegen.extract.names import _TOKEN, Token, looks_like_name, tokenize
from sitegen.extract.parties import _cue_sieve as party_cue_sieve
from sitegen.extract.parties import _words_pattern
from sitegen.extract.reporting_words import vocab
from sitegen.extract.sentence_names import at_word_start, whole_word_spans
from sitegen.extract.stance_words import lexicon
from sitegen.ingest.articles import read_articles
from tests.conftest import REPO

ROOT = REPO


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


def test_every_needle_set_holds_in_real_matches() -> None:
    """Each set ``all_needles`` gives is a necessary condition, not only the first."""
    patterns = [(p, all_needles(p)) for p in all_patterns()]
    checked = 0
    for text in [*real_texts(), *TRICKY]:
        low = lowered(text)
        for pattern, sets in patterns:
            if pattern.search(text):
                checked += len(sets)
                assert all(may_match(x, text, low) for x in sets), (pattern.pattern, text)
    assert checked > 200
    assert any(len(sets) > 1 for _, sets in patterns)  # some patterns have several


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
@given(words=WORDS, text=st.text("abS -.x\n_", max_size=40))
def test_trie_not_after_matches_like_a_look_behind_in_front(words: list[str], text: str) -> None:
    """The look-behind moved after each word's first character (so that ``re`` can skip
    to where a word may begin) finds the same words at the same places."""
    trie = trie_alternation(sorted(set(words)))
    old = re.compile(rf"(?<![\w.])({trie})(?:['’]s?)?(?![\w])")
    moved = trie_alternation(sorted(set(words)), not_after=r"[\w.]")
    new = re.compile(rf"({moved})(?:['’]s?)?(?![\w])")
    assert [(m.span(), m.group(1)) for m in old.finditer(text)] == [
        (m.span(), m.group(1)) for m in new.finditer(text)
    ]


TAIL_PATTERNS = [r"([\w']+)$", r"([\w’'-]+)\s+$", r"[\w’'.-]+$"]


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab '-.\n\t_", max_size=200), which=st.integers(0, len(TAIL_PATTERNS) - 1))
def test_search_tail_finds_what_a_whole_search_finds(text: str, which: int) -> None:
    pattern = re.compile(TAIL_PATTERNS[which])
    fast, slow = search_tail(pattern, text), pattern.search(text)
    assert (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups()))


def test_search_tail_with_a_long_word_or_white_space_at_the_window() -> None:
    pattern = re.compile(r"([\w’'-]+)\s+$")
    long_word = "Calderia" * 20
    for text in (f"talks in {long_word} ", "Ivo Marten said" + " " * 100, "x" + " " * 100):
        fast, slow = search_tail(pattern, text), pattern.search(text)
        assert (fast and fast.span()) == (slow and slow.span())


def test_trie_not_after_in_an_invented_sentence() -> None:
    trie = trie_alternation(["Port Elin", "Port", "Elin"], not_after=r"[\w.]")
    pattern = re.compile(f"({trie})")
    text = "Talks in Port Elin, not in xPort or .Elin; Elin."
    assert [m.group(1) for m in pattern.finditer(text)] == ["Port Elin", "Elin"]


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text("abS -.x", max_size=40))
def test_sieve_matches_plain_in_tests(words: list[str], text: str) -> None:
    patterns = tuple(re.compile(re.escape(w)) for w in words)
    sieve = Sieve.of(patterns)
    matching = {n for n, p in enumerate(patterns) if p.search(text)}
    assert matching <= set(sieve.candidates(text))


def _whole_scan(sieve: Sieve, text: str) -> set[int]:
    """The patterns a sieve lets through when its needles are searched in one scan of
    the whole text (as first written, before the word-by-word scan)."""
    found: set[int] = set()
    for folded, finder in ((True, sieve.folded), (False, sieve.exact)):
        within = lowered(text) if folded else text
        if finder is not None and within is not None:
            for m in finder.finditer(within):
                found.update(sieve.owners[folded, m.group(1)])
    return found


def _by_words(sieve: Sieve, text: str) -> set[int]:
    found: set[int] = set()
    low = lowered(text)
    if sieve.folded is not None and low is not None:
        sieve._words(True, low, found)
    if sieve.exact is not None:
        sieve._words(False, text, found)
    return found


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text("aAb -\n", min_size=1, max_size=4), min_size=1, max_size=6),
    text=st.text("aAb -\n\xa0\t", max_size=40),
    flags=st.sampled_from([0, re.IGNORECASE]),
)
def test_sieve_word_by_word_finds_what_one_scan_finds(
    words: list[str], text: str, flags: int
) -> None:
    sieve = Sieve.of(tuple(re.compile(re.escape(w), flags) for w in words))
    assert _by_words(sieve, text) == _whole_scan(sieve, text)


def test_sieve_word_by_word_in_real_articles() -> None:
    sieves = [
        _base_taxonomy().sieve,
        lexicon().cue_sieve,
        party_cue_sieve()[0],
        Sieve.of(tuple(c.pattern for c in _cues()[0])),
    ]
    assert any(s.spaced for s in sieves)  # needles crossing words are tested too
    for text in [*real_texts(), *TRICKY]:
        for sieve in sieves:
            assert _by_words(sieve, text) == _whole_scan(sieve, text), text


def _plain_tokens(text: str) -> list[Token]:
    """Tokens as first written: the possessive ending found by a regex."""
    out = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(0), m.end()
        if word.endswith("."):
            word, end = word[:-1], end - 1
        poss = re.search(r"['’]s?$", word)
        if poss and len(word) > 2:
            cut = len(poss.group(0))
            out.append(Token(m.start(), end - cut, word[:-cut], True))
        else:
            out.append(Token(m.start(), end, word, False))
    return out


@given(st.text("ab'’s. -_Aé1", max_size=30))
def test_tokens_as_the_regex_finds_them(text: str) -> None:
    assert tokenize(text) == _plain_tokens(text)


def test_tokens_of_real_sentences_as_the_regex_finds_them() -> None:
    texts = real_texts()
    assert any(t.possessive for text in texts for t in tokenize(text))
    assert [tokenize(t) for t in texts] == [_plain_tokens(t) for t in texts]


@given(st.text("Ab-_1 é", max_size=12), st.sampled_from(["Ab", "b-", "é ", "1A"]))
def test_word_start_as_the_lookbehind_has_it(text: str, head: str) -> None:
    starts = {
        text[m.start() : m.start() + 2] for m in re.finditer(r"(?<![\w-])(?=.{2})", text, re.S)
    }
    assert at_word_start(text, head) == (head in starts)


@given(st.text("Ab-_1 é", max_size=16), st.sampled_from(["Ab", "AbA", "b-A", "é A", "A1"]))
def test_whole_word_spans_as_the_regex_finds_them(text: str, name: str) -> None:
    pattern = r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"
    assert whole_word_spans(text, name) == [m.span() for m in re.finditer(pattern, text)]


def test_whole_word_spans_of_real_names() -> None:
    text = "Al-Sharif met Sharif; Sharif_ and Sharif's aide, not Sharifi, saw Sharif"
    assert [text[a:b] for a, b in whole_word_spans(text, "Sharif")] == ["Sharif"] * 3
    assert whole_word_spans(text, "Sharif")[0] == (14, 20)


def _plain_looks_like_name(word: str) -> bool:
    """``looks_like_name`` as first written: the particle prefix always cut by the regex."""
    core = re.sub(r"^(?:al|el|ad|as|ash|at|az|ar|an|ad|ibn|bin|abu|ben)-", "", word, flags=re.I)
    if not core or any(c.isdigit() for c in word) or not core[0].isupper():
        return False
    if re.search(r"-[a-z]{3,}", core) or re.search(r"\w['’]t\b", core):
        return False  # "State-affiliated", "Gov't": no name words
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and any(c.islower() for c in letters)


@given(st.text("alAL-bnHzy1ſ", min_size=1, max_size=8))
def test_name_test_as_first_written(word: str) -> None:
    assert looks_like_name.__wrapped__(word) == _plain_looks_like_name(word)


def test_name_test_on_particles() -> None:
    assert looks_like_name("al-Hayya") and looks_like_name("Abu-Zeid")
    assert not looks_like_name("al-") and not looks_like_name("bin-x")
    texts = real_texts()
    words = {t.text for text in texts for t in tokenize(text)}
    assert all(looks_like_name.__wrapped__(w) == _plain_looks_like_name(w) for w in words)


def test_description_quick_test_never_skips_a_match() -> None:
    forms = {r for refs in _refs().values() for r in refs} | set(government_refs())
    forms |= {f.removeprefix("the ") for f in forms}
    hits = 0
    for form in sorted(forms):
        for tail in ("", r"(?!\s+of\b)"):
            rx, need = _words_pattern(form, tail)
            for text in real_texts():
                if rx.search(text):
                    hits += 1
                    assert may_match(need, text, lowered(text)), (form, text)
    assert hits > 0
    rx, need = _words_pattern("the rebels")
    assert need is not None and not may_match(need, "The army said", lowered("The army said"))
    assert may_match(need, "THE REBELS said", lowered("THE REBELS said"))


def test_reporting_verbs_as_the_plain_alternation_finds_them() -> None:
    data = load("reporting")
    words = sorted(set(data["verbs"]) | set(data["participles"]), key=len, reverse=True)
    plain = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    texts = real_texts()
    found = [[(m.span(), m.group(1)) for m in plain.finditer(t)] for t in texts]
    assert any(found)
    assert found == [[(m.span(), m.group(1)) for m in vocab().verb_re.finditer(t)] for t in texts]


def guarded_patterns() -> list[Guarded]:
    """Every pattern the extractors search behind ``Guarded``."""
    cal = calendar()
    return [
        *(v for v in (getattr(cal, f) for f in cal.__slots__) if isinstance(v, Guarded)),
        datelines._unset(),
        datelines._continuing(),
        provisions._DOC_WORD,
        clues.NAMED_MEETING,
        parties._TALKS_RE,
        issue_background.OFF_AGENDA,
    ]


def test_guarded_patterns_match_as_the_plain_ones_in_real_articles() -> None:
    found = 0
    for text in [*real_texts(), *TRICKY, "ON THURSDAY THE TALKS RESUME", "İn the Ankara talks"]:
        for quick in guarded_patterns():
            plain = [m.span() for m in quick.regex.finditer(text)]
            assert [m.span() for m in quick.finditer(text)] == plain, (quick.pattern, text)
            assert quick.findall(text) == quick.regex.findall(text)
            first = quick.regex.search(text)
            assert (quick.search(text) or None) == first or quick.search(
                text
            ).span() == first.span()
            found += len(plain)
    assert found > 100  # real matches were compared, not only misses


def test_guarded_skips_a_text_without_its_words() -> None:
    quick = guarded(r"\b(?:talks|negotiations)\b", re.IGNORECASE)
    assert quick.sets and not quick.may("The minister flew home.")
    assert quick.search("The TALKS resumed.") is not None
    assert quick.may("İ talks")  # a folding trap: searched without the quick test


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text("abSAB -.x", max_size=40))
def test_folded_trie_matches_like_the_longest_first_alternation(
    words: list[str], text: str
) -> None:
    plain = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    old = re.compile(rf"\b(?:{plain})\b", re.IGNORECASE)
    new = re.compile(rf"\b(?:{_folded_trie(words)})\b", re.IGNORECASE)
    assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]


def test_sieve_scans_many_words_at_once_each_on_its_own() -> None:
    """One search over the words joined: each word's needles, none reaching across."""
    sieve = Sieve.of(tuple(map(re.compile, ["mediat", "led mediation", "Elin", "Port Elin"])))
    assert sieve.exact is not None
    hits = sieve._scan(sieve.exact, False, ["co-mediated", "led", "mediation", "Port", "Elin"])
    mediat, spaced, elin, port_elin = 0, 1, 2, 3
    assert hits == {0: {mediat}, 2: {mediat}, 4: {elin}}
    assert spaced not in set().union(*hits.values())
    assert port_elin not in set().union(*hits.values())
