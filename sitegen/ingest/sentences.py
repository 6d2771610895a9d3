"""Split a paragraph into sentences, verbatim, without breaking names or quotations.

Every sentence is a slice of its paragraph (only its outer white space is
trimmed), so a fact can always point back at the exact words it came from.
The rules are about how English news is written: abbreviations and initials
before names, full stops inside quotations, short attributions after a
quotation ("..." he said.).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from sitegen import data

OPENERS = "\"“‘'([«"
CLOSERS = "\"”’')]»"
MAX_QUOTE_SPAN = 600
"""A quotation longer than this may be split inside (keeps sentences readable)."""
MAX_SENTENCE_CHARS = 1_500
"""A longer run without a sentence end is cut at a space before this length. The
longest sentence of the seeds and the development set is 1,385 characters (the next
553): 250 words and more is no sentence a reporter writes but a list or a table
scraped without full stops. Extraction's work on a sentence grows faster than its
length (tokens against mentions), so the cap is what keeps a 200 KB "sentence" from
taking minutes."""

_END = re.compile(r"[.!?…]+[\"”’')\]»]*(?=\s)")
"""A run of final stops (an ellipsis of dots or "…" too), closing marks, then a space:
a pattern that opens with one class, so ``re`` skips to the places where one stands."""
_ALNUM = re.compile(r"\w")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_WORD = re.compile(r"[\w’'-]+")
_TAIL_END = re.compile(r"[.!?:;“\"‘(]")
_QUOTE_MARK = re.compile(r"[\"“”‘’']")


@dataclass(frozen=True, slots=True)
class _Rules:
    titles: frozenset[str]
    before_number: frozenset[str]
    starters: frozenset[str]
    verbs: frozenset[str]


@cache
def _rules() -> _Rules:
    """The splitter's word lists, from ``data/sentences.yaml``."""
    raw = data.load("sentences")
    return _Rules(
        titles=frozenset(raw["titles"]),
        before_number=frozenset(raw["before_number"]),
        starters=frozenset(raw["sentence_starters"]),
        verbs=frozenset(raw["attribution_verbs"]),
    )


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations that close within ``text``.

    Straight quotes toggle; a single quote or ’ inside a word is an apostrophe.
    A quotation left open (it runs on into the next paragraph) gives no span.
    Only the quotation marks are visited (a regex finds them), not every character.
    """
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    n = len(text)
    for mark in _QUOTE_MARK.finditer(text):
        i = mark.start()
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch == "“" or (ch == '"' and double is None):
            double = i
        elif ch in '”"' and double is not None:
            spans.append((double, i))
            double = None
        elif ch in "’'" and single is not None and not after.isalnum() and not before.isspace():
            spans.append((single, i))
            single = None
        elif ch == "‘" or (
            ch == "'" and (before.isspace() or before in OPENERS) and after.isalpha()
        ):
            single = i
    return spans


def _readable_quotes(text: str) -> list[tuple[int, int]]:
    """The closed quotations of readable length, as (first inner offset, close offset)."""
    if not _QUOTE_MARK.search(text):
        return []
    return [(o + 1, c) for o, c in quote_spans(text) if c - o <= MAX_QUOTE_SPAN]


class _Quotes:
    """Closed quotations as (first inner offset, close offset), for ``holds`` in log time:
    a scan of every quotation per sentence end made a long paragraph quadratic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.firsts = [first for first, _close in ordered]
        self.reach: list[int] = []
        """The furthest close of the quotations opened so far, in order of opening."""
        furthest = -1
        for _first, close in ordered:
            furthest = max(furthest, close)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.firsts)

    def holds(self, pos: int) -> bool:
        at = bisect.bisect_right(self.firsts, pos)
        return at > 0 and self.reach[at - 1] > pos


def _held(quotes: _Quotes, pos: int) -> bool:
    """Whether a closed quotation of ``quotes`` holds offset ``pos`` (its marks excluded)."""
    return quotes.holds(pos)


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether a sentence can begin at ``pos``: a capital or digit, maybe after openers."""
    while pos < len(text) and text[pos] in OPENERS + "—–-":
        pos += 1
    return pos < len(text) and (text[pos].isupper() or text[pos].isdigit())


def _next_word(text: str, pos: int) -> str:
    match = _WORD.search(text, pos)
    return match.group(0) if match else ""


def _previous_word(text: str, pos: int) -> str:
    match = re.search(r"([\w’'-]+)\W*$", text[max(0, pos - 60) : pos])
    return match.group(1) if match else ""


def _is_attribution(text: str, pos: int) -> bool:
    """Whether ``text[pos:]`` opens with a short tail like "Smith said." or "he told reporters."."""
    stop = _TAIL_END.search(text, pos)
    end = stop.start() if stop else len(text)
    if stop and stop.group(0) not in ".!?":
        return False  # "He added: ..." introduces a new quotation
    tail = text[pos:end]
    words = _WORD.findall(tail)
    verbs = _rules().verbs
    for k, word in enumerate(words):
        if word in verbs:
            return k <= 5 and len(words) - k - 1 <= 3
    return False


def _last_part(word: str) -> str:
    """The word after its last hyphen or dash ("Dec" of "25-Dec")."""
    for dash in "-–—":
        word = word.rpartition(dash)[2]
    return word


def _is_boundary(text: str, match: re.Match[str], nxt: int, quotes: _Quotes) -> bool:
    """Whether the terminal punctuation in ``match`` ends a sentence before ``nxt``."""
    if not _starts_sentence(text, nxt):
        return False
    rules = _rules()
    punct = match.group(0)
    closed_quote = any(ch in "\"”’'" for ch in punct)
    if quotes and _held(quotes, match.start()) and _held(quotes, match.end() - 1):
        return False  # inside a quotation that closes later in the paragraph
    if closed_quote and _is_attribution(text, nxt):
        return False
    if "…" in punct or ".." in punct:
        return True
    if punct[0] != ".":
        return True
    start = match.start()
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:start].lstrip(OPENERS)
    if word in rules.titles:
        return False
    if text[nxt].isdigit() and _last_part(word) in rules.before_number:
        return False  # "Feb. 4", and "Nov. 25-Dec. 1" (a range's second month)
    if _DOTTED.match(word):
        if text[nxt] in OPENERS:
            return True  # a name never starts with a quotation mark
        if len(word) == 1 and not _previous_word(text, word_start)[:1].isupper():
            return True  # "on X." is no initial: initials follow a capitalised name
        return _next_word(text, nxt) in rules.starters
    return True


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; outer white space excluded."""
    quotes = _Quotes(_readable_quotes(text))
    cuts = [0]
    for match in _END.finditer(text):
        nxt = match.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text) and _is_boundary(text, match, nxt, quotes):
            cuts.append(match.end())
    cuts.append(len(text))
    pieces: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        if pieces and not _ALNUM.search(text, a, b):
            pieces[-1] = (pieces[-1][0], b)  # a stray mark belongs to the sentence before
        else:
            pieces.append((a, b))
    if len(pieces) > 1 and not _ALNUM.search(text, *pieces[0]):
        pieces[:2] = [(pieces[0][0], pieces[1][1])]
    if any(b - a > MAX_SENTENCE_CHARS for a, b in pieces):
        return [cut for a, b in pieces for cut in _capped(text, a, b)]
    return pieces


def _capped(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` in pieces of at most MAX_SENTENCE_CHARS, each cut at its last space
    (anywhere when there is none), outer white space excluded."""
    out: list[tuple[int, int]] = []
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        space = text.rfind(" ", a + 1, limit)
        end = space if space > a else limit
        out.append((a, end))
        a = end
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        out.append((a, b))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each a verbatim slice of it."""
    return [text[a:b] for a, b in split_spans(text)]
