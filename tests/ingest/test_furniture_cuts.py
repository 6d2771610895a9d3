"""A furniture line inside a block (a date stamp, a caption) cuts the text there:
the lines either side are never glued into one sentence, so every sentence stays
a slice of the raw article (the export contract; found by tests/test_properties.py)."""

from __future__ import annotations

from sitegen.ingest.articles import parse_article, parse_raw
from sitegen.ingest.seedfiles import RawArticle


def fold(text: str) -> str:
    return " ".join(text.split())


def _own(text: str) -> list[str]:
    article = parse_article(text, file="seeds/x.txt", id="x")
    for sentence in article.sentences:
        assert fold(sentence.text) in fold(text), sentence
    return [s.text for s in article.sentences]


def test_a_date_line_inside_an_open_quotation_is_not_glued_across() -> None:
    text = (
        "Talks resume in Port Elin\n\n"
        "Ivo Marten said “the truce with Belmar\n"
        "date 2024-05-06\n"
        "will hold.” Envoys left Astoria.\n"
    )
    article = parse_article(text, file="seeds/x.txt", id="x")
    assert "date 2024-05-06" in article.captions
    sentences = _own(text)
    assert "will hold.”" in sentences and "Envoys left Astoria." in sentences
    assert not any("truce with Belmar will hold" in s for s in sentences)


def test_a_date_stamp_between_hard_wrapped_lines_ends_the_paragraph() -> None:
    text = (
        "Calderia talks\n\nThe envoys of Calderia met\nMay 6, 2024\nagain on Monday. They left.\n"
    )
    article = parse_article(text, file="seeds/x.txt", id="x")
    assert article.captions == ["May 6, 2024"]
    assert all("met again" not in p for p in article.paragraphs)
    _own(text)


def test_a_date_stamp_inside_the_standfirst_is_not_glued_across() -> None:
    raw = RawArticle("seeds/x.txt", "x", b"\x01\n\x01\x01\n0000-00-00\n\x01", "")
    article = parse_raw(raw)
    assert "\x01\x01 \x01" not in [s.text for s in article.sentences]
    for sentence in article.sentences:
        assert fold(sentence.text) in fold(raw.data.decode())


def test_a_date_stamp_under_the_headline_still_leaves_the_standfirst() -> None:
    text = (
        "Belmar and Calderia resume talks\n"
        "May 6, 2024\n"
        "Envoys meet again after a month\n\n"
        "The talks in Port Elin resumed on Monday, the mediators said.\n"
    )
    article = parse_article(text, file="seeds/x.txt", id="x")
    assert article.standfirst == "Envoys meet again after a month"
    assert article.captions == ["May 6, 2024"]


def test_a_line_cut_at_its_agency_credit_is_not_glued_to_the_next() -> None:
    text = "Talks resume\n\nThe envoys of Belmar said / AA\nthey would return to Port Elin.\n"
    article = parse_article(text, file="seeds/x.txt", id="x")
    assert article.agency == "AA"
    sentences = _own(text)
    assert "The envoys of Belmar said" in sentences
    assert "they would return to Port Elin." in sentences
