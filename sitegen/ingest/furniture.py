"""Recognise page furniture in a scraped article, line by line.

A scraper keeps what surrounds a story: links to other stories, comment forms,
photo captions and credits, date stamps, crossheads. None of it may reach a
sentence. The patterns are data (``data/furniture.yaml``); this module only
compiles them and says what kind of line it is looking at.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the parser's op codes: no public API parses patterns
import re._parser as _parser
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, NamedTuple

from sitegen import data
from sitegen.ingest.guarded import holds_all, needle_sets
from sitegen.ingest.literals import Needles, lowered

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_PARTICLE = r"(?:al|el|bin|ibn|de|del|della|da|dos|du|la|le|van|von|der|den)"
_NAME_WORD = rf"(?:{_PARTICLE}-)?[A-Z][\w.'’-]*|{_PARTICLE}"
_NAME = rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,4}}"
"""One personal name, for bylines ("Nidal al-Mughrabi", "Jean de la Tour")."""
_IGNORECASE = re.IGNORECASE.value
"""The flag as a plain int: ``flags & re.IGNORECASE`` runs ``enum.Flag.__and__`` in
Python, 3 µs, for a test ``_any`` makes on every line."""
_BULLET = re.compile(r"^[•·*▪►–-]\s+")
_CLOSERS = "\"”’')]"
_STOPS = frozenset(".!?…")
r"""A sentence ends in a stop, then maybe closing marks (``[.!?…]["”’')\]]*$``)."""
CROSSHEAD_MAX_WORDS = 12
"""A line this short without final punctuation, between paragraphs, is a crosshead."""


class Kind(Enum):
    """What a line of a scraped article is."""

    TEXT = "text"
    STOP = "stop"
    DROP = "drop"
    AGENCY = "agency"
    CAPTION = "caption"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Line:
    """One classified line: its kind, the cleaned text, and an agency credit if any."""

    kind: Kind
    text: str
    agency: str | None = None


class _Check(NamedTuple):
    """One pattern with its quick tests."""

    pattern: re.Pattern[str]
    marks: str
    """Punctuation marks every match contains."""
    sets: tuple[Needles, ...]
    """Strings every match holds one of each of (``literals.all_needles``)."""
    ends: tuple[str, ...] = ()
    """Strings one of which the text, white space stripped, ends with when the pattern
    matches (lower case when ``sets`` are folded or the pattern ignores case); () when
    the pattern need not end the text with a string known in advance."""


@dataclass(frozen=True, slots=True)
class _Tests:
    """Patterns in order, with what lets most of them be skipped on a given line."""

    patterns: tuple[re.Pattern[str], ...]
    marks: tuple[str, ...]
    """Per pattern, the marks every match of it contains."""
    anchored: tuple[bool, ...]
    """Per pattern, whether it can match only at the start of the line."""
    gate: re.Pattern[str] | None
    """The anchored patterns as one alternation: when it does not match at the start,
    none of them matches (None: no such patterns, or they cannot be joined). One that
    reads far into the line before its words ("^.{0,80}\\bcookie ...") is left out:
    costly to try on every line, while the quick test of its words skips almost all."""
    every: tuple[_Check, ...]
    """All patterns, in order: what a line the gate opens is tested by."""
    loose: tuple[_Check, ...]
    """The patterns outside the gate, in order: all that can match a line the gate
    does not open (most lines), without looping over the others."""


@dataclass(frozen=True, slots=True)
class _Patterns:
    agencies: dict[str, str]
    stop: _Tests
    drop: _Tests
    agency_line: _Tests
    agency_suffix: _Tests
    agency_lede: _Tests
    caption: _Tests
    date_line: _Tests
    headline_suffix: _Tests


@cache
def _patterns() -> _Patterns:
    """Compile ``data/furniture.yaml`` once, filling in {agency} and {month}."""
    raw = data.load("furniture")
    names = sorted(raw["agencies"], key=len, reverse=True)
    agency = "(?:" + "|".join(re.escape(n) for n in names) + ")"

    def fill(pattern: str) -> str:
        return (
            pattern.replace("{agency}", agency).replace("{month}", _MONTHS).replace("{name}", _NAME)
        )

    def compile_all(key: str) -> _Tests:
        return _tests([re.compile(fill(p)) for p in raw[key]])

    return _Patterns(
        agencies={n.casefold(): n for n in names},
        stop=compile_all("stop"),
        drop=compile_all("drop"),
        agency_line=compile_all("agency_line"),
        agency_suffix=compile_all("agency_suffix"),
        agency_lede=compile_all("agency_lede"),
        caption=compile_all("caption"),
        date_line=compile_all("date_line"),
        headline_suffix=compile_all("headline_suffix"),
    )


def _required(items: Any) -> set[str]:
    """Punctuation marks every match of the parsed sequence ``items`` contains: a
    pattern whose marks are not all in a line cannot match it (case never matters
    for a mark), so most patterns are skipped without running them."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            char = chr(av)
            if char.isascii() and char.isprintable() and not char.isalnum() and char != " ":
                found.add(char)
        elif op is _sre.SUBPATTERN:
            found |= _required(av[3])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found |= _required(av[2])
        elif op is _sre.ATOMIC_GROUP:
            found |= _required(av)
    return found


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|(?<!\\)\(\?\(")


def _tests(patterns: list[re.Pattern[str]]) -> _Tests:
    """The quick tests of ``patterns``: their marks, and one gate for the anchored ones."""
    marks: list[str] = []
    anchored: list[bool] = []
    checks: list[_Check] = []
    for pattern in patterns:
        try:
            parsed = _parser.parse(pattern.pattern, pattern.flags).data
        except Exception:  # an unexpected pattern only loses the quick tests
            parsed = []
        marks.append("".join(sorted(_required(parsed))))
        sets = needle_sets(pattern, parsed) if parsed else ()  # read once for both
        ends = _endings(parsed, pattern.flags)
        checks.append(_Check(pattern, marks[-1], sets, ends))
        anchored.append(
            bool(parsed)
            and parsed[0] == (_sre.AT, _sre.AT_BEGINNING)
            and not pattern.flags & re.MULTILINE
            and not ((sets or ends) and _reads_on(parsed[1:]))
        )
    gate = _gate([p.pattern for p, a in zip(patterns, anchored, strict=True) if a])
    if gate is None:
        anchored = [False] * len(patterns)
    loose = tuple(c for c, a in zip(checks, anchored, strict=True) if not a)
    return _Tests(tuple(patterns), tuple(marks), tuple(anchored), gate, tuple(checks), loose)


_SPACE = [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_SPACE)])]


def _endings(parsed: Any, flags: int) -> tuple[str, ...]:
    """The strings a pattern that ends at the end of the text ("... / AFP$") leaves
    there, before any white space (``\\s*$``): a text that ends in none of them is not
    searched. () when unknown: no ``$``, multi-line, or no fixed strings before it."""
    items = list(parsed)
    if not items or items[-1] != (_sre.AT, _sre.AT_END) or flags & re.MULTILINE:
        return ()
    items.pop()
    while items and items[-1][0] is _sre.MAX_REPEAT and items[-1][1][0] == 0:
        if list(items[-1][1][2]) != _SPACE:  # only "\\s*" before the end
            break
        items.pop()
    got = _tails(items)
    if got is None or any(not e or e[-1].isspace() for e in got[0]):
        return ()  # an ending of white space would be stripped from the text
    found = got[0]
    if flags & re.IGNORECASE:  # compared with ``lowered(text)``: no case trap in them
        if not all(c.isascii() or c.lower() == c.upper() for e in found for c in e):
            return ()
        found = {e.lower() for e in found}
    return tuple(sorted(found))


def _tails(items: Any) -> tuple[set[str], bool] | None:
    """(strings one of which every match of the parsed sequence ``items`` ends with,
    whether they are all it can match), or None when unknown (or too many)."""
    done = {""}
    for item in reversed(items):
        whole = _whole(item)
        if whole is None:
            if done != {""}:
                return done, False
            op, av = item
            inner = [_tails(av[3])] if op is _sre.SUBPATTERN and not (av[1] or av[2]) else []
            inner = [_tails(b) for b in av[1]] if op is _sre.BRANCH else inner
            if not inner or any(i is None for i in inner):
                return None
            return {e for i in inner if i for e in i[0]}, False
        done = {w + d for w in whole for d in done}
        if len(done) > 64:
            return None
    return done, True


def _whole(item: Any) -> set[str] | None:
    """Every string the parsed item can match, when it can match only a few fixed ones."""
    op, av = item
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}
    inner = [_tails(av[3])] if op is _sre.SUBPATTERN and not (av[1] or av[2]) else []
    inner = [_tails(b) for b in av[1]] if op is _sre.BRANCH else inner
    if not inner or not all(i and i[1] for i in inner):
        return None
    return {e for i in inner if i for e in i[0]}


def _reads_on(items: Any) -> bool:
    """Whether a pattern's first step after the start is a repeat ("^.{0,80}"): it is
    tried at many lengths on every line, the quick test of its words is cheaper."""
    return bool(items) and items[0][0] in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and items[0][1][1] > 1


def _gate(sources: list[str]) -> re.Pattern[str] | None:
    """One alternation of ``sources`` (a leading ``(?i)`` scoped, group names dropped),
    or None when they cannot be joined without changing what they match."""
    if not sources or any(_BACKREF.search(s) for s in sources):
        return None
    parts = []
    for source in (_NAMED_GROUP.sub("(", s) for s in sources):
        flags = _GLOBAL_FLAGS.match(source)
        if flags:
            parts.append(f"(?{flags.group(1)}:{source[flags.end() :]})")
        else:
            parts.append(f"(?:{source})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _any(tests: _Tests, text: str, low: str | None = None) -> re.Match[str] | None:
    """The match of the first pattern that matches ``text``, in order (``low``: its
    ``lowered`` form, "" when it has none, for a caller asking of one line many times)."""
    gate = tests.gate
    checks = tests.every if gate is not None and gate.match(text) is not None else tests.loose
    for pattern, marks, sets, ends in checks:
        skip = False
        for mark in marks:  # written out: this runs for every line and pattern
            if mark not in text:
                skip = True
                break
        if skip:
            continue
        if ends:  # first: one test, where the needles may be many ``in`` scans
            if pattern.flags & _IGNORECASE:
                if low is None:
                    low = lowered(text) or ""
                seen = low or None
            else:
                seen = text
            if seen is not None and not seen.rstrip().endswith(ends):
                continue
        if sets:
            if sets[0].folded:
                if low is None:
                    low = lowered(text) or ""  # "": a text lower() cannot fold, never skipped
                seen = low or None
            else:
                seen = text
            if seen is not None and not holds_all(sets, seen):
                continue
        match = pattern.search(text)
        if match:
            return match
    return None


def _agency_name(match: re.Match[str]) -> str:
    found = match.group("agency")
    return _patterns().agencies.get(found.casefold(), found)


def classify(line: str) -> Line:
    """Say what one line is; for text, cut a trailing agency credit ("... / AA")."""
    text = line.strip()
    bare = _BULLET.sub("", text)
    pats = _patterns()
    if not bare:
        return Line(Kind.DROP, text)
    low = lowered(bare) or ""  # lowered once for the five tests of the bare line
    if _any(pats.stop, bare, low):
        return Line(Kind.STOP, text)
    if _any(pats.drop, bare, low):
        return Line(Kind.DROP, text)
    match = _any(pats.agency_line, bare, low)
    if match:
        return Line(Kind.AGENCY, text, _agency_name(match))
    if _any(pats.date_line, bare, low):
        return Line(Kind.DATE, text)
    if _any(pats.caption, bare, low):
        return Line(Kind.CAPTION, text)
    low = low if bare == text else lowered(text) or ""
    match = _any(pats.agency_suffix, text, low)
    if match and match.start() > 0:
        return Line(Kind.TEXT, text[: match.start()].rstrip(), _agency_name(match))
    match = _any(pats.agency_lede, text, low)
    return Line(Kind.TEXT, text, _agency_name(match) if match else None)


def caption_text(line: str) -> str:
    """A caption without its photo credit: the words that describe the picture."""
    text = line.strip()
    match = _any(_patterns().caption, _BULLET.sub("", text))
    if match is None:
        return text
    cut = len(text) - len(_BULLET.sub("", text)) + match.start()
    return text[:cut].rstrip(" ,;:|/-–—")


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (full stop, maybe inside a quotation): what
    read from the end: closing marks stripped, then one stop."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _STOPS


_MARGIN_STAMP = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
MARGIN_MAX_WORDS = 12
"""A dateline place or a byline stamp set on its own line is at most this long."""


def is_margin(text: str) -> bool:
    """A place set alone in capitals ("BERGEN") or a byline with a date stamp
    ("Ann Lee | 19.08.2024 - Update"): no text, but evidence of where and when."""
    words = text.split()
    if not words or len(words) > MARGIN_MAX_WORDS or ends_sentence(text):
        return False
    letters = text.replace(" ", "").replace("-", "")
    return (len(words) <= 4 and letters.isalpha() and text.isupper()) or bool(
        _MARGIN_STAMP.search(text)
    )


def is_crosshead(text: str) -> bool:
    """A short line without final punctuation between paragraphs: a heading, not a sentence."""
    return not ends_sentence(text) and len(text.split()) <= CROSSHEAD_MAX_WORDS


def clean_headline(text: str) -> str:
    """Cut the outlet or section name scrapers leave after a headline."""
    text = text.strip()
    for pattern in _patterns().headline_suffix.patterns:
        match = pattern.search(text)
        if match and len(text[: match.start()].split()) >= 3:
            text = text[: match.start()].rstrip()
    return text
