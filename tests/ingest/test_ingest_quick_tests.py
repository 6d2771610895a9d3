"""The quick tests in front of the furniture patterns and quotation spans give the
same answers as running every pattern / visiting every character."""

from __future__ import annotations

import re
import re._parser as _parser

import pytest

from sitegen.ingest.furniture import _any, _endings, _patterns, classify
from sitegen.ingest.sentences import quote_spans

LINES = [
    "Source: Reuters",
    "(AFP)",
    "— AP",
    "Read more: Ceasefire talks resume in Doha",
    "KHARTOUM:",
    "By Nidal al-Mughrabi and Jean de la Tour",
    "12 comments",
    "Published 3 March 2024",
    "2024-03-01T10:00:00Z",
    "Talks resumed on Monday, officials said. / AA",
    "JEDDAH, May 6 (Reuters) - Army and RSF envoys met.",
    "Envoys arrive in Yerevan (Photo by Karen Minasyan/AFP)",
    "Negotiators in Doha [Handout / Qatar MFA]",
    "Mediators meet in Muscat. REUTERS/Amr Alfiky",
    "A Hamas delegation arrives via Getty Images",
    "The source: a senior official in Kinshasa",  # ':' but no agency: still text
    # patterns that read far into the line are outside the gate, behind their words
    "This site uses cookies; see our Cookie Policy",
    "COOKIE SETTINGS",
    "İvo Marten's talks: accept all cookies",  # a character lower() cannot fold
    "Ivo Marten in Port Elin contributed reporting to this story.",
    "Ivo Marten contributed to the talks in Port Elin.",
    "4 min read",
    # the endings test: a credit at the very end, in any case, before white space
    "Talks resumed in Port Elin — afp  ",
    "Talks resumed in Port Elin – AFP\n",
    "Talks resumed in Port Elin / Reuters. And went on",
    "Astoria Daily News -",
    "ADVERTISEMENT\n",
    "Envoys met in Belmar (Photo: Ivo Marten)  ",
    "Envoys met in Belmar — AFP İ",  # a character lower() cannot fold, never skipped
    "",
]


def _plain_any(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(text))), None)


@pytest.mark.parametrize("line", LINES)
def test_quick_tests_find_the_same_first_match(line: str) -> None:
    pats = _patterns()
    every = (pats.stop, pats.drop, pats.agency_line, pats.caption, pats.date_line)
    for tests in (*every, pats.agency_suffix, pats.agency_lede):
        fast, slow = _any(tests, line), _plain_any(tests.patterns, line)
        assert (fast and fast.span(), fast and fast.re) == (slow and slow.span(), slow and slow.re)


def test_agency_and_caption_lines_are_still_told_apart() -> None:
    assert classify("Source: Reuters").agency == "Reuters"
    assert classify("Envoys arrive in Yerevan (Photo by Karen Minasyan/AFP)").kind.value == (
        "caption"
    )
    assert classify("The source: a senior official in Kinshasa").kind.value == "text"


def _slow_quote_spans(text: str) -> list[tuple[int, int]]:
    """The character-by-character reading ``quote_spans`` replaced."""
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for i, ch in enumerate(text):
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "“" or (ch == '"' and double is None):
            double = i
        elif ch in '”"' and double is not None:
            spans.append((double, i))
            double = None
        elif ch in "’'" and single is not None and not after.isalnum() and not before.isspace():
            spans.append((single, i))
            single = None
        elif ch == "‘" or (
            ch == "'" and (before.isspace() or before in "\"“‘'([«") and after.isalpha()
        ):
            single = i
    return spans


@pytest.mark.parametrize(
    "text",
    [
        "“We will not sign,” he said. 'Never', she said, and the army's envoy left.",
        "He called it ‘a step’ and added: \"It is the rebels' choice.",
        "'Tis the season",
        "",
    ],
)
def test_quote_spans_visit_only_the_marks(text: str) -> None:
    assert quote_spans(text) == _slow_quote_spans(text)


def _ends(pattern: str, flags: int = 0) -> tuple[str, ...]:
    return _endings(_parser.parse(pattern, flags).data, flags)


def test_endings_are_the_fixed_strings_before_the_end() -> None:
    assert _ends(r"\s+/\s*(?P<a>AFP|Astoria Press)\s*$", re.I) == ("afp", "astoria press")
    assert _ends(r"^[^.]{1,9}\s[-|]$") == ("-", "|")
    assert _ends(r"\bNews$") == ("News",)
    assert _ends(r"(?:Belmar|Port Elin) (?:Post|Times)$") == (
        "Belmar Post",
        "Belmar Times",
        "Port Elin Post",
        "Port Elin Times",
    )
    assert _ends(r"(?:a+|Post)$") == ()  # one branch has no fixed ending
    assert _ends(r"Post\s$") == ()  # white space is stripped before the test
    assert _ends(r"Post") == ()  # need not end the text
    assert _ends(r"Post$", re.M) == ()  # "$" of every line
    assert _ends(r"(?i:Post)$") == ()  # case flags inside: not read
    assert _ends(r"Ünal$", re.I) == ()  # a letter lower() may not fold as re does
