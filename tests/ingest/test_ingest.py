"""Ingestion: dateline, headline, standfirst, furniture removal, sentences, bad files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen import data
from sitegen.errors import ContentError
from sitegen.ingest.articles import parse_article, parse_raw, read_article, read_articles
from sitegen.ingest.seedfiles import RawArticle, read_raws, seed_paths
from sitegen.ingest.sentences import MAX_SENTENCE_CHARS, quote_spans, split_sentences
from sitegen.models import Article, Diagnostic, Sentence
from tests.conftest import REPO, TESTS

ROOT = REPO
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = sorted((TESTS / "fixtures" / "ingest").glob("*.yaml"))

FURNITURE = [
    "Read:",
    "Read more:",
    "Load Next Story",
    "Source link",
    "Related Posts",
    "You Missed",
    "Comments 0",
    "Leave a Reply",
    "Your email address",
    "Required fields",
    "Photo by",
    "SOURCE",
    "/ AA",
    "W460",
    "Google to double",
    "KYIV:",
    "January 24, 2026",
    "[Roman Plipey/AFP]",
    "Employees walk past",
    "Members of the U.S., Russian and Ukrainian delegations",
    "Israeli strikes kill 20",
    "trade deal with India",
    "Fallout",
    "Xi",
]
CROSSHEADS = [
    "Donbass dispute",
    "'God willing'",
    "Trump's pressure to find a compromise",
    "Negotiations must ‘genuinely move towards peace’",
    "Unresolved issues ‘diminishing’",
]


def seed(stem_prefix: str) -> Article:
    (path,) = [p for p in SEEDS if p.name.startswith(stem_prefix)]
    return read_article(path, ROOT)


def body(article: Article) -> list[Sentence]:
    """The sentences of the text, without the photo captions that follow them."""
    return [s for s in article.sentences if s.part != "caption"]


def load_case(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return case


# ------------------------------------------------------------------ the five seeds


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_has_no_furniture_in_sentences(path: Path) -> None:
    article = read_article(path, ROOT)
    assert len(article.sentences) >= 15
    for sentence in article.sentences:
        if sentence.part == "caption":
            continue  # checked below: captions are kept apart, without their credits
        for junk in FURNITURE + CROSSHEADS:
            assert junk not in sentence.text, (junk, sentence.text)


def test_captions_come_last_without_their_credits() -> None:
    article = seed("001")
    parts = [s.part for s in article.sentences]
    assert parts[-1] == "caption" and "caption" not in parts[: parts.index("caption")] + [
        p for p in parts[parts.index("caption") :] if p != "caption"
    ]
    (caption,) = [s for s in article.sentences if s.part == "caption"]
    assert caption.text.startswith("Members of the U.S., Russian and Ukrainian delegations")
    assert caption.text.endswith("in Abu Dhabi, United Arab Emirates.")
    assert caption.text in article.captions[caption.paragraph]
    credits = [
        s.text
        for a in map(seed, ("000", "001", "003"))
        for s in a.sentences
        if s.part == "caption" and re.search(r"SOURCE|Photo by|\[|AFP|REUTERS", s.text)
    ]
    assert credits == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_sentences_are_verbatim_and_ordered(path: Path) -> None:
    article = read_article(path, ROOT)
    raw = path.read_text(encoding="utf-8")
    for i, sentence in enumerate(article.sentences):
        assert sentence.index == i
        if sentence.part == "caption":
            assert sentence.text in article.captions[sentence.paragraph]
            continue
        assert sentence.text in article.paragraphs[sentence.paragraph]
        assert sentence.text == sentence.text.strip()
        # Each seed paragraph is one line of the file, so sentences are file text too.
        assert sentence.text in raw
    for paragraph in article.paragraphs:
        assert paragraph not in CROSSHEADS


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_sentences_never_end_inside_a_word_or_start_with_a_closing_mark(path: Path) -> None:
    for sentence in read_article(path, ROOT).sentences:
        assert sentence.text[0] not in "”’,;:)", sentence.text
        assert sentence.text[-1] in '.!?"”’' or sentence.part != "body", sentence.text


def test_seed_000_dateline_headline_standfirst_agency() -> None:
    article = seed("000")
    assert article.dateline == dt.date(2026, 1, 24)
    assert (
        article.title
        == "Russian and Ukrainian negotiators enter second day of peace talks under US plan"
    )
    assert article.standfirst == (
        "The talks centred on setting parameters to end the war, with territory and Donbass "
        "shaping the agenda ahead of further negotiations. Further talks will test whether "
        "diplomacy can move beyond statements."
    )
    # The final "SOURCE:AFP" line wins over the "/ AA" credit on the standfirst line.
    assert article.agency == "AFP"
    assert "January 24, 2026" in article.captions
    assert [s.part for s in article.sentences[:3]] == ["standfirst", "standfirst", "body"]
    assert article.paragraphs[1].startswith(
        "Negotiators from Russia, Ukraine and the United States"
    )
    assert article.sentences[-1].text == (
        "\"I believe they're at a point now where they can come together and get a deal done. "
        "And if they don't, they're stupid — that goes for both of them,\" he said."
    )


def test_seed_000_ellipsis_inside_quotation_does_not_split() -> None:
    texts = [s.text for s in seed("000").sentences]
    assert (
        'But he added: "Until that happens, Russia will continue to achieve its objectives... '
        'on the battlefield."'
    ) in texts


def test_seed_001_standfirst_caption_and_links() -> None:
    article = seed("001")
    assert article.dateline is None
    assert article.title == "Ukraine and Russia resume US-brokered peace talks in Abu Dhabi"
    assert article.standfirst == (
        "Second day of negotiations follows what both sides described as productive "
        "discussions on ending the war"
    )
    assert len(article.captions) == 1
    assert article.captions[0].startswith("Members of the U.S., Russian and Ukrainian delegations")
    # A photo credit is not the story's agency.
    assert article.agency is None
    assert article.sentences[1].text.startswith("Ukraine and Russia started a second day")
    assert body(article)[-1].text == (
        "Kyiv's mayor said two people were injured in a drone strike overnight in the capital."
    )


def test_seed_002_dateline_runs_on_into_text() -> None:
    article = seed("002")
    assert article.dateline == dt.date(2026, 1, 23)
    assert article.standfirst is None
    assert article.paragraphs[0].startswith("The Kremlin said the “territorial issue” remains")
    assert article.title.startswith("The Kremlin said the “territorial issue” remains unresolved")
    assert len(article.title) <= 101
    assert "date" not in article.paragraphs[0][:10]
    texts = [s.text for s in article.sentences]
    assert (
        "“The question of Donbas is key,” Ukrainian President Volodymyr Zelenskiy told "
        "reporters in an audio message on Friday." in texts
    )


def test_seed_003_headline_suffix_caption_date_and_tail() -> None:
    article = seed("003")
    assert article.title == "Ukraine says first day of peace talks with Russia ‘productive’"
    assert (
        article.standfirst == "Zelenskyy expects talks to soon lead to another prisoner exchange."
    )
    assert any("on February 4, 2026" in c for c in article.captions)
    assert any(c.endswith("[Roman Plipey/AFP]") for c in article.captions)
    assert article.agency is None
    assert body(article)[-1].text.startswith("Total wartime casualties")


def test_seed_004_image_junk_and_comments() -> None:
    article = seed("004")
    assert article.title == "Ukraine-Russia-US talks begin in Abu Dhabi"
    assert article.standfirst is None
    assert article.sentences[0].text.startswith("A second round of peace negotiations")
    texts = [s.text for s in article.sentences]
    assert texts[-2:] == [
        '"Looks like the steps we took to stop the unauthorized use of Starlink by Russia have '
        'worked," Musk said Sunday on X.',
        '"Let us know if more needs to be done."',
    ]


def test_read_articles_loads_all_seeds_sorted() -> None:
    articles, problems = read_articles(ROOT)
    assert problems == []
    assert [a.id for a in articles] == [p.stem for p in SEEDS]
    assert all(a.file == f"seeds/{a.id}.txt" for a in articles)
    raw = SEEDS[0].read_bytes()
    assert articles[0].sha256 == hashlib.sha256(raw).hexdigest()


# ------------------------------------------------------------------ fixture cases


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_case(path: Path) -> None:
    case = load_case(path)
    article = parse_article(case["text"], file=f"seeds/{path.stem}.txt", id=path.stem)
    expect = case["expect"]
    texts = [s.text for s in article.sentences if s.part == "body"]
    if "sentences" in expect:
        assert texts == expect["sentences"]
    for key in ("title", "standfirst", "dateline", "agency", "captions", "paragraphs"):
        if key in expect:
            assert getattr(article, key) == expect[key], key
    if "parts" in expect:
        parts = [next(s.part for s in article.sentences if s.paragraph == i) for i in range(2)]
        assert parts == expect["parts"]
    if "title_startswith" in expect:
        assert article.title.startswith(expect["title_startswith"])
        assert article.title.endswith(expect["title_endswith"])
        assert len(article.title) <= expect["title_max"]
    for sentence in article.sentences:
        if sentence.part == "caption":
            assert sentence.text in article.captions[sentence.paragraph]
            continue
        assert sentence.text in article.paragraphs[sentence.paragraph]


def test_fixture_cases_exist() -> None:
    names = {p.stem for p in FIXTURES}
    assert {"split_titles", "split_initials", "parse_furniture"} <= names


# ------------------------------------------------------------------ sentence splitter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rose 1.5% in 2024. Analysts said so.", ["It rose 1.5% in 2024.", "Analysts said so."]),
        ("Talks with the U.S. The envoy left.", ["Talks with the U.S.", "The envoy left."]),
        ("The U.S. President spoke.", ["The U.S. President spoke."]),
        ("Art. 5 of the treaty. It applies.", ["Art. 5 of the treaty.", "It applies."]),
        ('"No." He left.', ['"No."', "He left."]),
        ("He said no. The end.", ["He said no.", "The end."]),
        ("Wait… What now?", ["Wait…", "What now?"]),
        # a range's second month: "Dec." before a day ends no sentence
        (
            "Held from Nov. 25-Dec. 1 in Belmar. It ended.",
            ["Held from Nov. 25-Dec. 1 in Belmar.", "It ended."],
        ),
    ],
)
def test_split_sentences_small_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_quote_spans_ignore_apostrophes_and_open_quotes() -> None:
    text = 'Russia’s envoy said “yes” and ‘maybe’ but "no'
    spans = quote_spans(text)
    assert [text[a : b + 1] for a, b in spans] == ["“yes”", "‘maybe’"]


def test_split_survives_odd_input() -> None:
    assert split_sentences("") == []
    assert split_sentences("   ") == []
    assert split_sentences('"""“”’’‘‘..."') == ['"""“”’’‘‘..."']
    long = ("word " * 2000).strip() + "."
    pieces = split_sentences(long)  # capped (sentences.MAX_SENTENCE_CHARS), cut at spaces
    assert " ".join(pieces) == long and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    many = "A b. " * 3000
    assert len(split_sentences(many)) == 3000


# ------------------------------------------------------------------ odd texts


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\t\n",
        "\ufeff",
        "Headline only",
        "\n\n\n",
        "x" * 10_000,
        " date 2026-99-99",
        "”" * 50,
    ],
)
def test_parse_article_odd_texts_do_not_raise(raw: str) -> None:
    article = parse_article(raw, file="seeds/x.txt", id="x")
    assert article.id == "x"
    assert article.title  # never empty: falls back to the id
    for sentence in article.sentences:
        if sentence.part == "caption":
            assert sentence.text in article.captions[sentence.paragraph]
            continue
        assert sentence.text in article.paragraphs[sentence.paragraph]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab AB.?!…,:;\"'“”‘’()[]/|-—\n\r\t0123456789", "U.S.", "Mr.", " date 2026-01-02 "]
        ),
        max_size=300,
    ).map("".join)
)
@example("a[a/aa]")  # a lone caption line: its sentence indexes the captions
def test_parse_article_never_raises_and_sentences_are_substrings(raw: str) -> None:
    article = parse_article(raw, file="seeds/h.txt", id="h")
    for i, sentence in enumerate(article.sentences):
        assert sentence.index == i
        assert sentence.text
        # a caption sentence indexes the captions, any other the paragraphs (models.Sentence):
        # a text that is one caption line has a caption sentence and no paragraph at all
        source = article.captions if sentence.part == "caption" else article.paragraphs
        assert 0 <= sentence.paragraph < len(source)
        assert sentence.text in source[sentence.paragraph]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_article_on_any_unicode(raw: str) -> None:
    article = parse_article(raw, file="seeds/h.txt", id="h")
    for sentence in article.sentences:
        if sentence.part == "caption":
            assert sentence.text in article.captions[sentence.paragraph]
            continue
        assert sentence.text in article.paragraphs[sentence.paragraph]


# ------------------------------------------------------------------ reading files


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    path = seeds / name
    path.write_bytes(content)
    return path


GOOD = b"Talks resume in Doha\n\nMediators met both delegations on Monday, officials said.\n"


def test_read_article_strips_bom_and_crlf(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n")
    article = read_article(write(tmp_path, "a.txt", raw), tmp_path)
    assert article.title == "Talks resume in Doha"
    assert article.paragraphs == ["Mediators met both delegations on Monday, officials said."]
    assert article.file == "seeds/a.txt"
    assert article.id == "a"
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\xef\xbb\xbf\n", "empty"),
        (b"Talks\x00\x01\x02resume", "NUL"),
        (b"Talks resume\n\nMediators met in Doh\xe1 on Monday.", "offset 34"),
        (b"Talks resume in Doha\n", "no body"),
        (b"Talks resume in Doha\n\nRead more: other story\n\nComments 0\n", "no body"),
    ],
    ids=["zero-bytes", "whitespace", "bom-only", "binary", "latin-1", "headline", "furniture"],
)
def test_read_article_bad_files(tmp_path: Path, content: bytes, words: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(ContentError) as info:
        read_article(path, tmp_path)
    assert words in info.value.message
    assert info.value.file == "seeds/bad.txt"
    assert info.value.line is None


def test_read_article_non_utf8_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", b"Talks\n\nIn Doh\xe1 today.")
    with pytest.raises(ContentError, match=r"0xe1 at offset 13.*UTF-8"):
        read_article(path, tmp_path)


def test_read_article_unreadable(tmp_path: Path) -> None:
    # A directory named like an article cannot be read, even by root.
    (tmp_path / "seeds" / "dir.txt").mkdir(parents=True)
    with pytest.raises(ContentError, match="cannot read") as info:
        read_article(tmp_path / "seeds" / "dir.txt", tmp_path)
    assert info.value.file == "seeds/dir.txt"


def test_read_articles_reports_bad_files_and_loads_the_rest(tmp_path: Path) -> None:
    write(tmp_path, "b_good.txt", GOOD)
    write(tmp_path, "a_empty.txt", b"")
    write(tmp_path, "c_binary.txt", b"\x00\x00")
    (tmp_path / "seeds" / "d_dir.txt").mkdir()
    write(tmp_path, "e_notes.md", b"not an article")
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["b_good"]
    assert [p.file for p in problems] == [
        "seeds/a_empty.txt",
        "seeds/c_binary.txt",
        "seeds/d_dir.txt",
    ]
    assert all(p.level == "error" and p.line is None for p in problems)


def test_read_articles_without_seeds_folder(tmp_path: Path) -> None:
    assert read_articles(tmp_path) == ([], [])


# ------------------------------------------------------------------ data files


@pytest.mark.parametrize("name", ["furniture", "sentences"])
def test_data_lists_hold_only_strings(name: str) -> None:
    # YAML reads bare No/On/Yes as booleans; every entry must stay a string.
    for key, values in data.load(name).items():
        assert all(isinstance(v, str) for v in values), key


def test_trailing_credit_alone_gives_the_agency() -> None:
    raw = (
        "Sudan talks stall\n"
        "Mediators see little hope of a truce before Ramadan. / AA\n\n"
        "The army and the RSF did not meet in Jeddah on Monday, mediators said.\n"
    )
    article = parse_article(raw, file="seeds/x.txt", id="x")
    assert article.agency == "AA"
    assert article.standfirst == "Mediators see little hope of a truce before Ramadan."


def test_pathological_long_inputs_are_fast() -> None:
    """A guard against catastrophic regex backtracking, not a speed goal: CPU time (not
    wall time, which a loaded machine stretches) stays far below what a backtracking
    pattern would take on these inputs."""
    for raw in ['A "b." C. ' * 3000, "x" * 100_000, "Mr. " * 5000, "The U.S. said. " * 5000]:
        start = time.process_time()
        parse_article(raw, file="seeds/x.txt", id="x")
        assert time.process_time() - start < 5, raw[:20]


# ------------------------------------------------------------------ read_raws


def test_read_raws_refuses_a_seed_linked_from_outside(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write(project, "a_good.txt", GOOD)
    (tmp_path / "secret.txt").write_bytes(GOOD)
    (project / "seeds" / "b_link.txt").symlink_to(tmp_path / "secret.txt")
    (project / "seeds" / "c_inside.txt").symlink_to(project / "seeds" / "a_good.txt")
    found = read_raws(project)
    assert [type(x).__name__ for x in found] == ["RawArticle", "Diagnostic", "RawArticle"]
    assert isinstance(found[1], Diagnostic) and "outside the project" in found[1].message
    assert isinstance(found[2], RawArticle) and found[2].data == GOOD
    assert found[2].sha256 == hashlib.sha256(GOOD).hexdigest()


def test_read_raws_refuses_a_seeds_folder_linked_from_outside(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(elsewhere, "a.txt", GOOD)
    project = tmp_path / "project"
    project.mkdir()
    (project / "seeds").symlink_to(elsewhere / "seeds")
    found = read_raws(project)
    assert len(found) == 1 and isinstance(found[0], Diagnostic)
    assert found[0].file == "seeds/a.txt" and "outside the project" in found[0].message


def test_read_raws_then_parse_raw_is_read_article(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", GOOD)
    (raw,) = read_raws(tmp_path)
    assert isinstance(raw, RawArticle)
    assert parse_raw(raw) == read_article(path, tmp_path)


def test_read_raws_lists_what_seed_paths_lists(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", ".hidden.txt", "C.TXT", "notes.md", "a.b.txt", ".txt", "..txt"]:
        write(tmp_path, name, GOOD)
    (tmp_path / "seeds" / "dir.txt").mkdir()
    (tmp_path / "seeds" / "loop.txt").symlink_to(tmp_path / "seeds" / "loop.txt")
    found = read_raws(tmp_path)
    assert [x.file for x in found] == [
        p.relative_to(tmp_path).as_posix() for p in seed_paths(tmp_path)
    ]
    ids = [x.id for x in found if isinstance(x, RawArticle)]
    assert ids == [p.stem for p in seed_paths(tmp_path) if p.is_file()]
    assert ids == ["a.b", "a", "b"]  # dotfiles (".txt", "._x.txt", ".#x.txt") are no articles
    problems = [x for x in found if isinstance(x, Diagnostic)]
    assert [p.file for p in problems] == ["seeds/dir.txt", "seeds/loop.txt"]
    assert all("cannot read" in p.message for p in problems)


def test_read_raws_without_seeds_folder(tmp_path: Path) -> None:
    assert read_raws(tmp_path) == []


def test_a_lone_caption_line_is_a_caption_sentence_of_the_captions() -> None:
    # found by the property test above: the whole text is one caption-like line
    article = parse_article("a[a/aa]", file="seeds/h.txt", id="h")
    assert article.paragraphs == [] and article.captions == ["a[a/aa]"]
    (sentence,) = article.sentences
    assert sentence.part == "caption" and sentence.paragraph == 0
    assert sentence.text in article.captions[sentence.paragraph]
