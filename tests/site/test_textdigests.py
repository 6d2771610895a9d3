"""The text digests a long-lived process keeps between builds: the one made last time
for the same article holding the same text, a new one for anything else."""

from __future__ import annotations

import copy

from sitegen.models import Article
from sitegen.site.pagecache import Digester
from sitegen.site.pagereads import plain_list
from sitegen.site.textdigests import TextDigests
from tests.sitefixtures import make_article


def _text(a: Article) -> str:
    return Digester()(a.paragraphs, plain_list(a.sentences), a.standfirst, a.captions, a.sha256)


def test_an_article_handed_back_unchanged_keeps_its_digest() -> None:
    made: list[str] = []

    def make(a: Article) -> str:
        made.append(a.id)
        return _text(a)

    memo = TextDigests()
    a = make_article("a1", "Talks in Astoria", ["Ivo Marten arrived in Port Elin."])
    first = memo.of(a, make)
    a.title, a.round = "Talks resume in Astoria", "astoria-1"  # fields a build writes
    assert memo.of(a, make) == first and made == ["a1"]


def test_a_new_text_or_a_new_object_is_hashed_again() -> None:
    memo = TextDigests()
    a = make_article("a1", "Talks", ["Ivo Marten arrived in Port Elin."])
    first = memo.of(a, _text)
    b = make_article("a1", "Talks", ["Ivo Marten left Port Elin."])  # read afresh
    assert memo.of(b, _text) == _text(b) != first
    same_text = copy.deepcopy(b)  # equal but other objects: hashed, and alike
    assert memo.of(same_text, _text) == _text(b)
    same_text.sentences = same_text.sentences[:0]  # a field replaced on the same article
    assert memo.of(same_text, _text) == _text(same_text) != _text(b)


def test_articles_gone_are_forgotten() -> None:
    memo = TextDigests()
    for n in range(3):
        memo.of(make_article(f"a{n}", "Talks", ["Belmar waited."]), _text)
    memo.keep_only(["a1"])
    assert list(memo._kept) == ["a1"]
