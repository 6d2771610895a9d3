"""The word at a position of a sentence, as the role scanner finds it."""

from __future__ import annotations

from sitegen.extract.names import tokenize
from sitegen.extract.roles import SentenceView, _token_at


def _view(text: str) -> SentenceView:
    return SentenceView(text, tokenize(text), [], [])


def test_the_word_holding_a_position() -> None:
    view = _view("Astoria's envoy Ivo Marten met them.")
    words = [t.text for t in view.tokens]
    assert words == ["Astoria", "envoy", "Ivo", "Marten", "met", "them"]
    assert _token_at(view, 0) == 0
    assert _token_at(view, 6) == 0  # the last letter of "Astoria"
    assert _token_at(view, view.text.index("Marten") + 5) == 3
    assert _token_at(view, view.text.index("them")) == 5


def test_no_word_between_words_nor_outside_the_text() -> None:
    view = _view("Astoria's envoy Ivo Marten met them.")
    assert _token_at(view, view.text.index("'s")) is None  # the possessive is not kept
    assert _token_at(view, view.text.index(" envoy")) is None
    assert _token_at(view, len(view.text) - 1) is None  # the full stop
    assert _token_at(view, len(view.text) + 5) is None
    assert _token_at(_view(""), 0) is None
