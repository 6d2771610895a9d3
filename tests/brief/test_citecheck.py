"""The citation check's words: a cited text found as it stands, or only once quotation
marks and white space are squeezed out (a quotation over two paragraphs)."""

from __future__ import annotations

from sitegen.brief.citecheck import _Words
from sitegen.models import Article


def _article(*paragraphs: str, captions: tuple[str, ...] = ()) -> Article:
    return Article(
        id="a",
        file="seeds/a.txt",
        title="T",
        paragraphs=list(paragraphs),
        sentences=[],
        captions=list(captions),
    )


def test_a_citation_as_it_stands_is_held() -> None:
    words = _Words(_article("Ivo Marten said: “We will return to Port Elin next week.”"))
    assert words.hold("We will return to Port Elin")


def test_a_quotation_over_two_paragraphs_is_held_once_squeezed() -> None:
    # the second paragraph reopens the quotation: joined, the cited text is not there as it stands
    words = _Words(_article("“Astoria will sign once the border", "“is drawn by both sides.”"))
    assert "sign once the border is drawn" not in words.text
    assert words.hold("Astoria will sign once the border is drawn by both sides.")


def test_words_the_article_lacks_are_not_held() -> None:
    words = _Words(_article("Belmar and Calderia met in Port Elin."))
    assert not words.hold("Belmar surrenders")
    assert not words.hold("Calderia met in Astoria")


def test_captions_count_as_the_article_words() -> None:
    assert _Words(_article("Talks resumed.", captions=("Delegates in Belmar",))).hold("in Belmar")
