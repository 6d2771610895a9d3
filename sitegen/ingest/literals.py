"""Faster regular expressions for the extractors and the page furniture, same matches.

Most of the extractors' patterns start with a look-behind (``(?<![\\w-])``), so
Python's ``re`` tries them at every position of a sentence. The taxonomy alone
is 171 patterns and most never match a given phrase. ``needles`` reads a pattern
for the words each of its matches must contain ("contact" in
``contact\\s+lines?``) and a ``Sieve`` looks for all of a list's words in one
scan, so only the patterns that could match are searched: the same result, far
faster. ``trie_alternation`` writes a long list of words (the gazetteer) so that
``re`` does not try them one by one.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the parser's op codes: no public API parses patterns
import re._parser as _parser
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

_MIN_USEFUL = 2
MAX_SETS = 4
"""At most this many sets of needles are tested for one pattern (the first is the
sieve's): each further one costs a few ``in`` tests on every candidate."""
"""A needle shorter than this is in almost every sentence: not worth testing."""

_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter
(dotted and dotless i, long s, Kelvin sign): ``str.lower`` does not turn them into that
letter, so a text holding one is searched without the quick test."""


@dataclass(frozen=True, slots=True)
class Needles:
    """Strings of which every match of a pattern contains at least one."""

    words: tuple[str, ...]
    folded: bool
    """Lower case, to look for in ``lowered(text)`` (the pattern ignores case)."""


@lru_cache(maxsize=64)
def lowered(text: str) -> str | None:
    """The text in lower case for case-insensitive needles, or None when a character
    could make ``re.IGNORECASE`` match where a lower-case ``in`` test does not.

    Remembered for the last few texts: every guarded pattern and sieve asks it of the
    sentence it is about to search, three in four times one lowered just before."""
    if not text.isascii() and _FOLD_TRAPS.search(text):
        return None
    return text.lower()


def _literal(code: int, folded: bool) -> str | None:
    char = chr(code)
    if not char.isascii() or not char.isprintable():
        return None
    return char.lower() if folded else char


def _best(options: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The most selective set: longest shortest word, then fewest words."""
    useful = [o for o in options if o and min(map(len, o)) >= _MIN_USEFUL]
    if not useful:
        return None
    return max(useful, key=lambda o: (min(map(len, o)), -len(o)))


def _minimal(words: list[str]) -> tuple[str, ...]:
    """The words without those that contain another ("issue" finds "issues" too)."""
    unique = list(dict.fromkeys(words))
    return tuple(w for w in unique if not any(o != w and o in w for o in unique))


def _required(items: Any, folded: bool) -> tuple[str, ...] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains."""
    return _best(_options(items, folded))


def _options(items: Any, folded: bool) -> list[tuple[str, ...]]:
    """Every set of strings of which each match of ``items`` contains one (a match
    holds one of each set: they are the parts of one sequence)."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            char = _literal(av, folded)
            if char is not None:
                run.append(char)
                continue
            close()
            continue
        close()
        found: tuple[str, ...] | None = None
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                found = _required(sub, folded)
        elif op is _sre.ATOMIC_GROUP:
            found = _required(av, folded)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                found = _required(sub, folded)
        elif op is _sre.BRANCH:
            branches = [_required(b, folded) for b in av[1]]
            if all(b is not None for b in branches):
                found = _minimal([w for b in branches if b for w in b])
        if found:
            options.append(found)
    close()
    return options


def all_needles(pattern: re.Pattern[str], parsed: Any = None) -> list[Needles]:
    """Every useful set of strings a match of ``pattern`` must hold one of, most
    selective first (``needles`` is the first); [] when none is certain. ``parsed``:
    the pattern as ``re._parser.parse`` reads it, for a caller that has it already."""
    folded = bool(pattern.flags & re.IGNORECASE)
    if parsed is None:
        try:
            parsed = _parser.parse(pattern.pattern, pattern.flags).data
        except Exception:  # an unexpected pattern only loses the quick tests
            return []
    options = _options(parsed, folded)
    out: list[Needles] = []
    while True:
        best = _best(options)
        if best is None:
            return out
        out.append(Needles(best, folded))
        options = [o for o in options if o != best]


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """What every match of ``pattern`` contains, or None when no useful word is certain."""
    folded = bool(pattern.flags & re.IGNORECASE)
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unexpected pattern only loses the quick test
        return None
    words = _required(parsed.data, folded)
    return Needles(words, folded) if words else None


def may_match(found: Needles | None, text: str, folded: str | None) -> bool:
    """False only when the pattern cannot match ``text`` (``folded`` is ``lowered(text)``)."""
    if found is None:
        return True
    if found.folded:
        if folded is None:
            return True
        return any(w in folded for w in found.words)
    return any(w in text for w in found.words)


@dataclass(frozen=True, slots=True, eq=False)
class Sieve:
    """Many patterns behind one scan for their needles: which of them could match a text.

    One search for any needle (a trie of them all, longest first) finds every place
    a needle starts; the needles that are prefixes of the one found there start there
    too. So a text costs one quick scan, not one search per pattern."""

    patterns: tuple[re.Pattern[str], ...]
    folded: re.Pattern[str] | None
    """Any case-insensitive needle, lower case, to find in ``lowered(text)`` (a
    look-ahead: ``finditer`` visits every place one starts, as a search from each
    found place plus one would, without a call per place)."""
    exact: re.Pattern[str] | None
    """Any case-sensitive needle (a look-ahead too)."""
    owners: dict[tuple[bool, str], frozenset[int]]
    """(folded, needle found) -> the patterns that need it or one of its prefixes."""
    always: tuple[int, ...]
    """Patterns without needles: every text may match them."""
    any_folded: tuple[int, ...]
    """Patterns with case-insensitive needles, for a text ``lowered`` cannot fold."""
    also: dict[int, tuple[Needles, ...]] = field(default_factory=dict)
    """Pattern -> its other sets of needles: a text must hold one of each set too (the
    best set of "handed|gave ... and" is a word of every sentence, the others are not)."""
    spaced: tuple[tuple[bool, str], ...] = ()
    """(folded, needle) of the needles holding white space: the only ones that can
    cross from one word of a text into the next."""
    memo: tuple[WordMemo, WordMemo] = field(default_factory=lambda: (WordMemo(), WordMemo()))
    """What each word lets through, case-sensitive needles first, then folded ones."""

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> Sieve:
        """Index the patterns by their needles."""
        by_word: dict[tuple[bool, str], set[int]] = {}
        always = []
        also: dict[int, tuple[Needles, ...]] = {}
        for n, pattern in enumerate(patterns):
            sets = all_needles(pattern)
            if not sets:
                always.append(n)
                continue
            found = sets[0]
            if len(sets) > 1:
                also[n] = tuple(sets[1:MAX_SETS])
            for word in found.words:
                by_word.setdefault((found.folded, word), set()).add(n)
        owners = {
            (folded, word): frozenset(
                n
                for (f, w), ns in by_word.items()
                if f == folded and word.startswith(w)
                for n in ns
            )
            for folded, word in by_word
        }
        scans = [
            re.compile(f"(?=({trie_alternation(sorted(w for f, w in by_word if f == folded))}))")
            if any(f == folded for f, _ in by_word)
            else None
            for folded in (True, False)
        ]
        any_folded = sorted({n for (f, _), ns in by_word.items() if f for n in ns})
        spaced = tuple(k for k in by_word if any(c.isspace() for c in k[1]))
        return cls(
            patterns, scans[0], scans[1], owners, tuple(always), tuple(any_folded), also, spaced
        )

    def candidates(self, text: str) -> list[int]:
        """Indexes, in order, of the patterns that may match ``text``."""
        return self.candidates_low(text, lowered(text))

    def candidates_low(self, text: str, low: str | None) -> list[int]:
        """``candidates`` for a caller that has ``lowered(text)`` already."""
        found = set(self.always)
        if self.folded is not None:
            if low is None:
                found.update(self.any_folded)
            else:
                self._words(True, low, found)
        if self.exact is not None:
            self._words(False, text, found)
        also = self.also
        out = []
        for n in sorted(found):
            sets = also.get(n)
            if sets is None or _may_all(sets, text, low):
                out.append(n)
        return out

    def _words(self, folded: bool, text: str, found: set[int]) -> None:
        """The needles of the whole text, word by word: a needle without white space lies
        inside one word, and the words of news repeat, so each is scanned only once
        (set operations then find the few that let a pattern through)."""
        memo = self.memo[folded]
        words = _word_set(text)
        new = words.difference(memo.owners)
        if new:
            if len(memo.owners) > _MEMO_WORDS:  # a bound, not a change of results
                memo.owners.clear()
                memo.hitting.clear()
                new = words
            finder = self.folded if folded else self.exact
            order = list(new)
            hits = self._scan(finder, folded, order) if finder is not None else {}
            for n, word in enumerate(order):
                hit = hits.get(n)
                memo.owners[word] = frozenset(hit) if hit else _NO_PATTERNS
                if hit:
                    memo.hitting.add(word)
        for word in words.intersection(memo.hitting):
            found.update(memo.owners[word])
        for key in self.spaced:
            if key[0] == folded and key[1] in text:
                found.update(self.owners[key])

    def _scan(self, finder: re.Pattern[str], folded: bool, words: list[str]) -> dict[int, set[int]]:
        """word index -> the patterns its needles let through, for the words that have
        any. One search over the words joined by line breaks, not one per word: a
        needle is printable (``_literal``), so none reaches from one word into the next,
        and the longest found at a place is the longest that word holds there."""
        owners = self.owners
        starts = [0, *accumulate(len(word) + 1 for word in words[:-1])]
        hits: dict[int, set[int]] = {}
        for m in finder.finditer("\n".join(words)):
            n = bisect_right(starts, m.start()) - 1
            hits.setdefault(n, set()).update(owners[folded, m.group(1)])
        return hits


_NO_PATTERNS: frozenset[int] = frozenset()


def _may_all(sets: tuple[Needles, ...], text: str, folded: str | None) -> bool:
    """``may_match`` of every set, written out (``folded`` is ``lowered(text)``)."""
    for found in sets:
        if found.folded:
            if folded is None:
                continue
            seen = folded
        else:
            seen = text
        for word in found.words:
            if word in seen:
                break
        else:
            return False
    return True


@lru_cache(maxsize=256)
def _word_set(text: str) -> frozenset[str]:
    """The words of a text, split once for every sieve that reads it (the stance cues,
    the issue cues and the taxonomy all read each masked sentence)."""
    return frozenset(text.split())


_MEMO_WORDS = 50_000
"""How many words a sieve remembers before it starts again (a long-running server
reads new words for ever)."""


@dataclass(frozen=True, slots=True, eq=False)
class WordMemo:
    """The patterns each word seen so far lets through: a cache, whose content never
    changes what a sieve answers, only how fast."""

    owners: dict[str, frozenset[int]] = field(default_factory=dict)
    hitting: set[str] = field(default_factory=set)
    """The words that let some pattern through (few)."""


def trie_alternation(words: list[str], not_after: str = "") -> str:
    """A regex matching the same words as ``"|".join(map(re.escape, longest_first))``,
    shared prefixes factored out ("Sudan|South Sudan|Spain" -> "S(?:udan|outh Sudan|pain)").

    ``re`` tries the branches of a plain alternation one by one at every position;
    with a thousand place names that is the costliest search of all. Along any
    path the longer words are still tried first, so the first match that the rest
    of a pattern accepts is the same word. Case-sensitive patterns only: under
    ``re.IGNORECASE`` two branches differing in case could both match.

    ``not_after`` (a one-character class such as ``[\\w.]``): what may not stand right
    before a word, tested after the word's first character (``(?<!C[\\s\\S])``):
    the same matches as ``(?<!C)`` in front, but a pattern that opens with a
    look-behind is tried at every position, while one that opens with a choice of
    first characters lets ``re`` skip to the places where a word can begin.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not not_after or "" in trie:
        return _trie_regex(trie)
    behind = f"(?<!{not_after}[\\s\\S])"
    branches = [re.escape(char) + behind + _trie_regex(sub) for char, sub in sorted(trie.items())]
    return f"(?:{'|'.join(branches)})"


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_regex(sub) for char, sub in sorted(node.items()) if char]
    if "" in node:  # a word ends here: the longer words first, then this one
        return f"(?:{'|'.join(branches)})?" if branches else ""
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"
