"""Property tests (hypothesis): on any input, sitegen raises only its own errors, and
every sentence it exports is its article's own text.

The strategies mix news-like words (names, reporting verbs, quotation marks of
every kind, datelines, abbreviations) with arbitrary characters and bytes, so
the examples look enough like articles to reach the extractors and are odd
enough to find the corners.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.brief.content import actor_override_from, note_from, parse_document, sidecar_from
from sitegen.brief.gather import load_briefing
from sitegen.config import load_config
from sitegen.errors import ConfigError, ContentError
from sitegen.extract import extract, find_stances
from sitegen.ingest.articles import parse_article, read_article
from sitegen.output.export import briefing_to_dict
from sitegen.serve.devserver import resolve
from sitegen.site.urls import Urls, note_slug, output_file, safe_segment

NEWS_WORDS = [
    "Ararat Mirzoyan", "Jeyhun Bayramov", "Mohammed bin Abdulrahman Al Thani", "Hamas",
    "Israel", "Sudan's army", "the RSF", "M23", "Kinshasa", "Tehran", "the IAEA",
    "said", "told reporters", "added", "according to", "he said", "she said", "officials said",
    "Foreign Minister", "spokesman", "the mediators", "demands", "rejects", "wants",
    "ceasefire", "hostages", "prisoners", "sanctions", "enrichment", "corridor", "border",
    "on Monday", "last week", "in Doha", "in Jeddah", "date 2024-05-06", "U.S.", "Mr.", "No.",
]  # fmt: skip
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "…", "...", "—", "–", "-"]
PUNCT = [".", ",", ";", ":", "?", "!", " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "(", ")"]

PEOPLE = ["Ararat Mirzoyan", "Jeyhun Bayramov", "Abbas Araghchi", "Foreign Minister Badr Abdelatty"]
PARTIES = ["Israel", "Hamas", "Armenia", "Azerbaijan", "Sudan's army", "the RSF", "Iran", "M23"]
words = st.lists(st.sampled_from(NEWS_WORDS + MARKS + PUNCT), min_size=1, max_size=12).map(" ".join)
open_close = st.sampled_from([('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ('"', ""), ("", "”")])
reported = st.builds(
    lambda who, say, q, body: st.sampled_from(
        [
            f"{who} {say} {q[0]}{body}.{q[1]}",
            f"{q[0]}{body},{q[1]} {who} {say}.",
            f"{q[0]}{body}{q[1]}, {say} {who}, adding that talks would go on.",
            f"{who} {say} the talks had failed.",
        ]
    ),
    st.sampled_from(PEOPLE + PARTIES + ["He", "She", "They"]),
    st.sampled_from(["said", "told reporters", "added", "insisted", "warned"]),
    open_close,
    words,
).flatmap(lambda s: s)
stance = st.builds(
    "{} {} {}.".format,
    st.sampled_from(PARTIES),
    st.sampled_from(["demands", "rejects", "wants", "proposes", "accepts", "refuses"]),
    words,
)
noise = st.lists(
    st.one_of(st.sampled_from(NEWS_WORDS + MARKS + PUNCT), st.text(max_size=4)), max_size=30
).map(" ".join)
sentence = st.one_of(reported, reported, stance, noise)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
news_text = st.lists(paragraph, max_size=5).map("\n\n".join)
"""Article-like text: reported speech and stances among odd marks and random characters."""

article_text = st.tuples(st.one_of(st.text(max_size=40), st.just("Talks resume")), news_text).map(
    lambda t: f"{t[0]}\n\n{t[1]}\n"
)

YAML_BITS = [
    "title:", "date:", "about:", "draft:", "round:", "name:", "aliases:", "side:", "url:",
    " ", "  ", "\n", "\n  ", "- ", "[", "]", "{", "}", ",", ": ", "? ", "&a ", "*a", "&b ",
    "!!python/object:os.system", "!!python/name:os.system", "!!str ", "!!binary ", "!x ",
    "<<: ", "'", '"', "\\u", "\\ud800", "\\0", "2024-13-45", "2024-05-06", "1e999", "0x1f",
    "|", ">", "#", "%YAML 1.1\n", "...", "---", "\t", "~", "null", "yes", "no", "true",
    "round:x", "actor:", "1" * 30, "é", "\ufeff", "\x85", "\u2028",
]  # fmt: skip
yaml_text = st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=3)), max_size=60).map(
    "".join
)


def fold(text: str) -> str:
    """White space folded, as the export contract allows."""
    return " ".join(text.split())


def own_words(quote: str, whole: str) -> int:
    """How many runs of the article's own text make up ``quote`` (0: a word is not
    the article's). A quotation continued in the next paragraph is two runs."""
    runs, current = 0, ""
    for word in fold(quote).split(" "):
        if not word or word not in whole:
            return 0
        if current and f"{current} {word}" in whole:
            current = f"{current} {word}"
        else:
            runs, current = runs + 1, word
    return runs


def cited(node: Any) -> list[dict[str, Any]]:
    """Every record in the export that cites an article's sentence."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("article"), str) and isinstance(node.get("sentence"), str):
            found.append(node)
        for value in node.values():
            found += cited(value)
    elif isinstance(node, list):
        for value in node:
            found += cited(value)
    return found


# ------------------------------------------------------------------ ingestion


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.one_of(st.binary(max_size=400), article_text.map(lambda t: t.encode("utf-8"))))
@example(raw=b"\xef\xbb\xbfHeadline\r\n\r\nBody text here.\r\n")
@example(raw=b"\xff\xfeH\x00i\x00")
def test_read_article_raises_only_content_errors(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "seeds" / "x.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    try:
        article = read_article(path, tmp_path)
    except ContentError as exc:
        assert exc.file == "seeds/x.txt" and exc.message
        return
    text = fold(raw.decode("utf-8").removeprefix("\ufeff"))
    assert article.paragraphs and article.title
    for sentence in article.sentences:
        assert fold(sentence.text) in text


# ------------------------------------------------------------------ quotation finding


@settings(max_examples=150, deadline=None)
@given(text=article_text)
@example(text='Talks\n\nHe said "we will never. And then “it closed” ‘ and «never»\n\n"\n')
def test_quotes_and_facts_are_substrings_of_their_article(text: str) -> None:
    article = parse_article(text, file="seeds/x.txt", id="x")
    facts = extract(article)
    find_stances(article, facts)
    whole = fold(text.replace("\r", "\n").replace("\x00", ""))  # parse_article drops NULs
    for quote in facts.quotes:
        assert 0 <= quote.sentence < len(article.sentences)
        assert 1 <= own_words(quote.text, whole) <= len(article.paragraphs), quote
    for position in facts.positions:
        assert 0 <= position.sentence < len(article.sentences)


# ------------------------------------------------------------------ the whole export


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(article_text, min_size=1, max_size=3))
@example(texts=['Talks resume\n\nIvo Marten said "\n date 2024-05-06 \n the truce."\n'])
def test_every_sentence_in_the_export_is_its_articles_own(tmp_path: Path, texts: list[str]) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for old in seeds.iterdir():
        old.unlink()
    raw_by_id = {}
    for n, text in enumerate(texts):
        (seeds / f"a{n}.txt").write_text(text, encoding="utf-8", newline="")
        raw_by_id[f"a{n}"] = fold(text)
    briefing = load_briefing(load_config(tmp_path), use_cache=False)
    data = briefing_to_dict(briefing)
    sentences = {a["id"]: a["sentences"] for a in data["articles"]}
    for a in data["articles"]:
        for s in a["sentences"]:
            assert fold(s["text"]) in raw_by_id[a["id"]]
    for record in cited(data):
        assert fold(record["sentence"]) in raw_by_id[record["article"]], record
        if isinstance(record.get("sentence_index"), int):
            listed = sentences[record["article"]][record["sentence_index"]]["text"]
            assert fold(listed) == fold(record["sentence"])
    for quote in data["quotes"]:
        assert own_words(quote["text"], raw_by_id[quote["article"]]) >= 1, quote


# ------------------------------------------------------------------ front matter and site.yaml


@settings(max_examples=400, deadline=None)
@given(front=st.one_of(yaml_text, st.text(max_size=80)), body=st.text(max_size=30))
@example(front="a: &a [1]\nb: [*a, *a]", body="")
@example(front="? [a]\n: 1", body="")
@example(front="title: [" * 60, body="")
@example(front='title: "\\ud800"', body="")
def test_front_matter_raises_only_content_errors(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    for read in (note_from, sidecar_from, actor_override_from):
        try:
            doc = parse_document(text, "content/actors/x.md")
            read(doc)
        except ContentError as exc:
            assert exc.file == "content/actors/x.md" and exc.message
            assert exc.line is None or 1 <= exc.line <= text.count("\n") + 2


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(yaml_text, st.text(max_size=80)))
def test_site_yaml_raises_only_config_errors(tmp_path: Path, text: str) -> None:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        config = load_config(tmp_path)
    except ConfigError as exc:
        assert "site.yaml" in str(exc)
        return
    assert config.base_url.endswith("/")
    assert isinstance(config.title, str) and isinstance(config.description, str)


# ------------------------------------------------------------------ paths


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=40))
@example(value="..")
@example(value="../../etc/passwd")
@example(value="<script>")
def test_any_id_is_one_safe_path_segment(value: str) -> None:
    segment = safe_segment(value)
    assert segment and "/" not in segment and "\\" not in segment
    assert not segment.startswith(".") and segment.isascii()
    for kind in ("round", "actor", "party", "issue", "source"):
        path = Urls("/").path(kind, value)
        file = output_file(path)
        assert ".." not in file.split("/") and not file.startswith("/")


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.text(max_size=12), min_size=1, max_size=4))
@example(parts=["content", "..", "..", "x.md"])
@example(parts=["notes", ".", "index.md"])
def test_any_note_path_stays_under_notes(parts: list[str]) -> None:
    slug = note_slug("/".join(parts))
    file = output_file(Urls("/").path("note", "/".join(parts)))
    assert file.startswith("notes/") and file.endswith("/index.html")
    assert all(seg not in ("", ".", "..") for seg in slug.split("/"))
    assert all(unicodedata.category(c)[0] != "C" for c in file)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.lists(
        st.sampled_from(
            ["/", "..", ".", "%2e", "%2E", "%2f", "%5c", "%25", "%00", "static", "index.html",
             "secret.txt", "%252e", "%c0%ae", "\\", "//", "a", "%"]
        ),
        max_size=10,
    ).map(lambda p: "/" + "".join(p))
)  # fmt: skip
def test_the_dev_server_never_resolves_outside_the_output(tmp_path: Path, path: str) -> None:
    out = tmp_path / "site"
    if not out.exists():
        (out / "static").mkdir(parents=True)
        (out / "index.html").write_text("home")
        (out / "static" / "index.html").write_text("static")
        (tmp_path / "secret.txt").write_text("secret")
    found = resolve(out, "/", path)
    if isinstance(found, Path):
        assert os.path.realpath(found).startswith(os.path.realpath(out) + os.sep)
        assert found.is_file()
