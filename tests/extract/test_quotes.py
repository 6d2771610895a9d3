"""Direct quotations and their speakers: fixture cases plus unit tests of the parts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.extract.quotemarks import find_mark_spans
from sitegen.extract.quotes import find_quotes
from sitegen.ingest.articles import parse_article
from sitegen.models import Article, Mention, PartyRef, PersonRef, QuoteRef
from tests.conftest import TESTS

FIXTURES = TESTS / "fixtures" / "quotes"
CASES = sorted(FIXTURES.glob("*.yaml"))


def _fold(text: str) -> str:
    """Compare quotation text without caring about mark or apostrophe styles."""
    text = text.translate(str.maketrans("’‘“”", "''\"\""))
    return " ".join(text.split()).casefold()


def _spans(article: Article, names: list[str]) -> list[Mention]:
    """Test-side stand-in for the people/parties modules: where each name occurs."""
    out = []
    for sent in article.sentences:
        for name in names:
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", sent.text):
                out.append(Mention(sent.index, m.start(), m.end(), m.group(0)))
    return out


def _refs(article: Article, case: dict[str, Any]) -> tuple[list[PersonRef], list[PartyRef]]:
    people = [
        PersonRef(
            key=p["key"],
            name=p["key"],
            aliases=p.get("aliases", []),
            roles=p.get("roles", []),
            side=p.get("side"),
            mentions=_spans(article, [p["key"], *p.get("aliases", [])]),
        )
        for p in case.get("people") or []
    ]
    parties = [
        PartyRef(id=p["id"], name=p["name"], mentions=_spans(article, p.get("mentions", [])))
        for p in case.get("parties") or []
    ]
    return people, parties


def _run(text: str, people: list[PersonRef] | None = None) -> list[QuoteRef]:
    article = parse_article(text, file="case.txt", id="case")
    return find_quotes(article, people or [], [])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = parse_article(case["text"], file=f"{path.stem}.txt", id=path.stem)
    people, parties = _refs(article, case)
    quotes = find_quotes(article, people, parties)
    expect = case["expect"]
    shown = [(q.text, q.speaker, q.sentence) for q in quotes]
    for want in expect.get("quotes") or []:
        hits = [q for q in quotes if _fold(q.text).startswith(_fold(want["text_starts"]))]
        assert hits, f"missing {want['text_starts']!r} in {shown}"
        q = hits[0]
        assert q.speaker == want["speaker"], f"{want['text_starts']!r}: {shown}"
        if want["speaker"] is not None:
            kind = "person" if any(p.key == want["speaker"] for p in people) else "party"
            assert q.speaker_kind == kind
        else:
            assert q.speaker_kind is None
        if "title" in want:
            assert list(q.title) == want["title"], f"{want['text_starts']!r}: {q.title}"
        if "sentence" in want:
            assert q.sentence == want["sentence"], shown
        if "contains" in want:
            assert _fold(want["contains"]) in _fold(q.text), shown
    for bad in expect.get("not_quotes") or []:
        assert not any(_fold(bad) in _fold(q.text) for q in quotes), f"{bad!r} in {shown}"
    if "count" in expect:
        assert len(quotes) == expect["count"], shown


def test_cases_cover_enough_patterns() -> None:
    assert len(CASES) >= 15


# ------------------------------------------------------------ quotation marks


def _inner(text: str) -> list[str]:
    return [text[slice(*s.inner)] for s in find_mark_spans(text)]


def test_marks_pair_straight_and_curly() -> None:
    text = '"One two," he said, “three four.”'
    assert _inner(text) == ["One two,", "three four."]


def test_marks_ignore_apostrophes() -> None:
    text = "Russia’s envoy didn’t say in the ’90s what the leaders’ aides' plans were."
    assert _inner(text) == []


def test_marks_single_quotes_need_a_closer() -> None:
    assert _inner("Talks ‘productive’, envoy says") == ["productive"]
    assert _inner("They ‘d rather not, the ‘old guard said") == []


def test_marks_single_inside_double_is_nested() -> None:
    text = "“He called it a ‘historic day’ for us,” she said."
    assert _inner(text) == ["He called it a ‘historic day’ for us,"]


def test_marks_unclosed_runs_to_paragraph_end() -> None:
    spans = find_mark_spans('She said "we will never accept this.')
    assert len(spans) == 1 and not spans[0].closed
    assert spans[0].end == len('She said "we will never accept this.')


def test_marks_new_opening_closes_an_unclosed_one() -> None:
    text = "“We are ready. “We have always been ready,” he said."
    assert _inner(text) == ["We are ready. ", "We have always been ready,"]


# ------------------------------------------------------------ find_quotes units


def test_text_is_verbatim_without_marks_or_trailing_comma() -> None:
    people = [PersonRef(key="Ali Bagheri", name="Ali Bagheri", aliases=["Bagheri"])]
    quotes = _run('Headline\n\n"We are not in a hurry at all," Bagheri said.', people)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We are not in a hurry at all", "Ali Bagheri")
    ]


def test_no_reporting_verb_means_no_speaker() -> None:
    text = 'Headline\n\nThe deal was meant to "end the war within a few weeks" of its signing.'
    quotes = _run(text)
    assert [(q.text, q.speaker) for q in quotes] == [("end the war within a few weeks", None)]


def test_pronoun_without_antecedent_gives_none() -> None:
    quotes = _run('Headline\n\n"There will be no deal without a full withdrawal," he said.')
    assert len(quotes) == 1 and quotes[0].speaker is None


def test_quote_only_paragraph_after_unattributed_text_gets_none() -> None:
    people = [PersonRef(key="Ali Bagheri", name="Ali Bagheri", aliases=["Bagheri"])]
    text = (
        "Headline\n\nAli Bagheri arrived in Vienna on Monday.\n\n"
        "Negotiators met for six hours.\n\n"
        '"The talks will continue until there is an agreement."'
    )
    quotes = _run(text, people)
    assert len(quotes) == 1 and quotes[0].speaker is None


def test_empty_article() -> None:
    assert _run("Only a headline") == []


_MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", " ", "a", "b", ".", ",", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_MARKS, st.sampled_from(["said", "he", "Kim", "word"])), max_size=60))
def test_any_marks_never_crash_or_cross_paragraphs(tokens: list[str]) -> None:
    body = " ".join(tokens)
    article = parse_article("Headline\n\n" + body, file="x.txt", id="x")
    people = [PersonRef(key="Kim", name="Kim", mentions=_spans(article, ["Kim"]))]
    longest = max((len(p) for p in article.paragraphs), default=0)
    for q in find_quotes(article, people, []):
        assert 0 <= q.sentence < len(article.sentences)
        if not any(p.lstrip()[:1] in '"“' for p in article.paragraphs[1:]):
            assert len(q.text) <= longest


def test_marks_nested_with_the_same_curly_marks() -> None:
    text = "“Both backed the “Port Elin Declaration for Peace,” in particular its terms,” it said."
    assert _inner(text) == [
        "Both backed the “Port Elin Declaration for Peace,” in particular its terms,"
    ]


def test_marks_unclosed_then_new_quotation_is_not_nested() -> None:
    text = "“We will not give up. “Second thing,” he said."
    assert _inner(text) == ["We will not give up. ", "Second thing,"]
