"""Names that runs of capitalised words split: a given name and a surname around
middle initials ("Ana K. Lind") or a nickname in quotation marks ('Ivo "Red" Marten'),
a generational suffix ("III", "Jr."), and a city glued by a hyphen into a surname
("de Lima-Soren") that the gazetteer would otherwise take for a place. Split from
``name_runs``, which asks these before trimming its runs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.extract.gazetteer import Term
from sitegen.extract.names import Token
from sitegen.extract.names import words as name_words

_MIDDLE_INITIALS = re.compile(r" (?:[A-Z]\.){1,3} ")
_GLUED_AFTER = re.compile(r"-[A-Z][a-z]")
_SUFFIX = re.compile(r" (?:II|III|IV|Jr\.|Sr\.)(?![\w.])")
_NICK_MARKS = "\"“”'‘’"


def unglued(text: str, terms: Sequence[Term]) -> list[Term]:
    """The terms that are not the first half of a hyphenated surname ("de Lima-Soren"):
    a city glued by a hyphen to a capitalised word that is no place or party itself is
    part of a person's name ("Astoria-Belmar talks", "Franco-German" keep theirs)."""
    if "-" not in text:
        return list(terms)
    starts = {t.start for t in terms}
    return [t for t in terms if not _glued(text, t, starts)]


def _glued(text: str, t: Term, starts: set[int]) -> bool:
    if t.kind not in ("capital", "city") or not _GLUED_AFTER.match(text, t.end):
        return False
    return t.end + 1 not in starts and (t.start == 0 or text[t.start - 1] == " ")


def with_initials(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """Join a given name and a surname across middle initials ("Ana K. Lind", "Tomas
    S.A. Belko", AP and Philippine style): the initials stay in the name's text."""
    if ". " not in text:
        return runs
    out: list[list[Token]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev[-1].possessive
            and len(prev[-1].text) > 2
            and _initials_gap(text[prev[-1].end : run[0].start])
        ):
            out[-1] = prev + run
        else:
            out.append(run)
    return out


def with_nicknames(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """Join a name around a nickname in quotation marks ('Ivo "Red" Marten'), which the
    full name keeps as written."""
    if not any(c in text for c in _NICK_MARKS):
        return runs
    out: list[list[Token]] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if i + 2 < len(runs) and len(runs[i + 1]) <= 2 and not run[-1].possessive:
            nick, rest = runs[i + 1], runs[i + 2]
            opens = text[run[-1].end : nick[0].start]
            closes = text[nick[-1].end : rest[0].start]
            if (
                len(opens) == 2
                and opens[0] == " "
                and opens[1] in _NICK_MARKS
                and (len(closes) == 2 and closes[1] == " " and closes[0] in _NICK_MARKS)
            ):
                out.append(run + nick + rest)
                i += 3
                continue
        out.append(run)
        i += 1
    return out


def _initials_gap(gap: str) -> bool:
    """' K. ' or ' S.A. ', also before a particle (' S. de ')."""
    m = _MIDDLE_INITIALS.match(gap)
    if m is None:
        return False
    rest = gap[m.end() :]
    return not rest or (rest.endswith(" ") and rest[:-1] in name_words().particles)


def suffix_end(text: str, end: int) -> int:
    """Where a name ends with its generational suffix ("Tomas Belko III", "Jr."), which
    the full name keeps (the suffix is no name word, so runs stop before it)."""
    if text[end : end + 1] != " ":
        return end
    m = _SUFFIX.match(text, end)
    return m.end() if m else end
