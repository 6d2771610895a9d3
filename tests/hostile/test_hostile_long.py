"""Issue 13, medium: a long sentence hung the build (extraction quadratic in sentence
length: 27 s for 100 KB, 106 s for 200 KB). Now sentences are capped, the sentence
splitter's quotation lookup is logarithmic, and extraction reads a bounded prefix of
an article, so the two inputs of the issue build in under 5 s of CPU each."""

from __future__ import annotations

import resource
import time
from pathlib import Path

from sitegen.extract.scope import MAX_EXTRACTED_CHARS, in_scope
from sitegen.ingest.articles import parse_article
from sitegen.ingest.sentences import MAX_SENTENCE_CHARS, split_spans
from tests.hostile.crafted import sitegen

SENTENCE = '"We will return," said Ivo Marten, the envoy of Astoria, as talks in Belmar resumed. '
WORDS = "the envoy of Astoria and the minister of Calderia met in Belmar with Ivo Marten "


def _timed_build(root: Path) -> tuple[float, float, str]:
    """(CPU seconds of the build process and its children, wall seconds, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = sitegen("build", str(root), "--no-cache", timeout=300)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert done.returncode == 0, done.stderr
    return cpu, wall, done.stderr


def _project(root: Path, text: str) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "long.txt").write_text(text, encoding="utf-8")
    return root


def test_medium_a_2_mb_one_line_article_builds_in_seconds_not_minutes(tmp_path: Path) -> None:
    body = SENTENCE * (1_990_000 // len(SENTENCE))
    root = _project(tmp_path / "p", "Talks in Belmar\n\n" + body + "\n")
    assert 1_900_000 < (root / "seeds" / "long.txt").stat().st_size < 2_000_000
    cpu, wall, _err = _timed_build(root)
    # about 3 s of CPU on a quiet machine, 5 at load 10; anything quadratic takes minutes
    assert cpu < 15, f"{cpu:.1f} s of CPU ({wall:.1f} s wall)"
    assert (root / "_site" / "sources" / "long" / "index.html").stat().st_size > 1_900_000


def test_medium_a_200_kb_single_sentence_builds_in_under_5_s(tmp_path: Path) -> None:
    body = WORDS * (200_000 // len(WORDS)) + "today."
    root = _project(tmp_path / "p", "Talks in Belmar\n\n" + body + "\n")
    cpu, wall, _err = _timed_build(root)
    # about 3 s of CPU on a quiet machine, 5 at load 10; anything quadratic takes minutes
    assert cpu < 15, f"{cpu:.1f} s of CPU ({wall:.1f} s wall)"


def test_medium_a_long_run_is_cut_into_capped_substrings() -> None:
    text = WORDS * (200_000 // len(WORDS)) + "today."
    spans = split_spans(text)
    assert len(spans) > 100
    assert all(0 < b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans) == text  # every word kept, cut at spaces
    glued = "x" * (3 * MAX_SENTENCE_CHARS)  # no space at all: cut anywhere
    assert [b - a for a, b in split_spans(glued)] == [MAX_SENTENCE_CHARS] * 3


def test_medium_a_sentence_under_the_cap_is_not_cut() -> None:
    sentence = "Ivo Marten said " + "the talks would go on and " * 50 + "end in May."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert split_spans(sentence) == [(0, len(sentence))]


def test_medium_many_quotations_split_in_linear_time() -> None:
    text = 'A "b." C. ' * 20_000  # the old quotation lookup took minutes here
    start = time.process_time()  # CPU, not wall: a busy machine must not fail it
    spans = split_spans(text)
    assert time.process_time() - start < 3  # linear: under 1 s; the quadratic took minutes
    assert all(text[a:b].strip() == text[a:b] for a, b in spans)


def test_medium_extraction_reads_a_bounded_prefix() -> None:
    article = parse_article("Talks\n\n" + SENTENCE * 2_000, file="seeds/x.txt", id="x")
    scoped = in_scope(article)
    assert sum(len(s.text) + 1 for s in scoped.sentences) <= MAX_EXTRACTED_CHARS
    assert scoped.sentences == article.sentences[: len(scoped.sentences)]
    short = parse_article("Talks\n\n" + SENTENCE * 10, file="seeds/y.txt", id="y")
    assert in_scope(short) is short
