"""Raw scraped article text -> ``Article``: dateline, headline, standfirst, clean sentences.

Scraped files are loose: an optional ``date YYYY-MM-DD`` line that may run on
into the story, a headline, sometimes summary lines, then paragraphs mixed
with page furniture (links, captions, comment forms). ``parse_article`` is pure
and never raises; ``read_article`` adds the checks a file needs and turns every
problem into a ``ContentError`` that says what to do.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import data
from sitegen.errors import ContentError
from sitegen.ingest.dayrange import out_of_range, plausible
from sitegen.ingest.furniture import (
    Kind,
    caption_text,
    classify,
    clean_headline,
    ends_sentence,
    is_crosshead,
    is_margin,
)
from sitegen.ingest.pool import map_ordered
from sitegen.ingest.seedfiles import RawArticle, read_raw, seed_paths
from sitegen.ingest.sentences import split_spans
from sitegen.models import Article, Diagnostic, Sentence, SentencePart

_DATELINE = re.compile(r"^\s*date\s+(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])[ \t]*(.*)$", re.I)
_BLANK = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_DOUBLE_QUOTES = re.compile(r"[\"“”]")
_PLACELINE = re.compile(
    r"^[A-Z]{2}[A-Z'.-]+(?:[ ,]+[A-Za-z'.-]+){0,3}\s*(?:\([^()]{1,30}\))?\s*[-—–:]\s"
)
TITLE_MAX = 100
"""A title made from the first sentence is cut to about this many characters."""
HEADLINE_MAX_WORDS = 30
"""A first line longer than this that ends like a sentence is a paragraph, not a headline."""
LEDE_MIN_WORDS = 18
"""A first line at least this long, with a clause comma and a full stop, is a lede."""
STANDFIRST_MAX_WORDS = 20
"""A one-sentence block under the headline up to this long is a summary, not the lede."""


@dataclass(slots=True)
class _Draft:
    """What parsing has found so far, in reading order."""

    headline: str | None = None
    standfirst: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    described: list[tuple[int, str]] = field(default_factory=list)
    """(index into captions, caption text without its credit) of picture captions."""
    agencies: list[tuple[int, int, str]] = field(default_factory=list)
    """(strength, order, name): a whole credit line beats a trailing '/ AA'."""

    def credit(self, strength: int, name: str) -> None:
        self.agencies.append((strength, len(self.agencies), name))


def _blocks(text: str) -> list[list[str]]:
    """Blocks of non-blank lines, as separated by blank lines."""
    blocks = []
    for chunk in _BLANK.split(text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def _dateline(line: str) -> tuple[bool, dt.date | None, str]:
    """(is a dateline, its date if valid, the rest of the line)."""
    match = _DATELINE.match(line)
    if not match:
        return False, None, line
    year, month, day, rest = match.groups()
    try:
        day_ = dt.date(int(year), int(month), int(day))
    except ValueError:
        day_ = None
    return True, day_, rest.strip()


def _strip_section(rest: str) -> str:
    """Drop a section name ("WORLD") that follows the date on a dateline."""
    sections: list[str] = data.load("furniture")["sections"]
    if rest in sections or (len(rest.split()) <= 3 and not ends_sentence(rest) and rest.isupper()):
        return ""
    for name in sorted(sections, key=len, reverse=True):
        if name.isupper() and rest.startswith(name + " ") and rest[len(name) + 1 :][:1].isupper():
            return rest[len(name) + 1 :].lstrip()
    return rest


def _is_paragraph(text: str) -> bool:
    """A first line that is really the lede (long, ends like a sentence); headlines
    (style guides: no full stop) never end in one, so a sentence-long first line that
    does is the lede of a page stored without its headline."""
    words = len(text.split())
    if words > HEADLINE_MAX_WORDS:
        return ends_sentence(text)
    return words >= LEDE_MIN_WORDS and ends_sentence(text) and "," in text


def _is_standfirst(text: str) -> bool:
    """Whether the first block under the headline is a summary rather than the lede."""
    words = len(text.split())
    if words < 3:
        return False
    if not ends_sentence(text):
        return True
    if _PLACELINE.match(text):
        return False  # "JEDDAH (Reuters) - ..." opens a news story
    if words > STANDFIRST_MAX_WORDS:  # before splitting: the block may be a whole long story
        return False
    return len(split_spans(text)) == 1 and not _DOUBLE_QUOTES.search(text)


def _paragraphs(lines: list[str]) -> list[str]:
    """Body lines of one block -> paragraphs; a hard-wrapped line is joined to the next."""
    out: list[str] = []
    for line in lines:
        if out and not ends_sentence(out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return [p for p in out if not is_crosshead(p)]


def _title_from(paragraph: str) -> str:
    """A title from the first sentence, when the file has no headline."""
    spans = split_spans(paragraph)
    first = paragraph[spans[0][0] : spans[0][1]] if spans else paragraph
    first = " ".join(first.split())
    if len(first) <= TITLE_MAX:
        return first
    cut = first[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return cut + "…"


def _settle(draft: _Draft, stage: str, kept: list[str]) -> str:
    """File the text lines of one run under the stage reached; the next stage."""
    if stage == "headline-block" and len(kept) > 2:
        # a page stored without blank lines: its headline's block holds the whole story,
        # a line per paragraph (a standfirst is a line or two, never the story)
        first, rest = (kept[:1], kept[1:]) if _is_standfirst(kept[0]) else ([], kept)
        draft.standfirst = first
        draft.body.extend(_paragraphs(rest))
        return "body"
    if stage == "headline-block":
        draft.standfirst = kept
        return "body" if kept else "first-block"
    if stage == "first-block" and kept:
        if _is_standfirst(" ".join(kept)):
            draft.standfirst = kept
        else:
            draft.body.extend(_paragraphs(kept))
        return "body"
    if stage == "body":
        draft.body.extend(_paragraphs(kept))
    return stage


def _scan(blocks: list[list[str]], draft: _Draft, has_headline: bool) -> None:
    """Walk the blocks once: headline, standfirst, body; furniture set aside.

    A furniture line between text lines (a date stamp, a caption) ends a run as a
    blank line would: text glued across a removed line is not the article's own."""
    stage = "headline" if has_headline else "body"
    for block in blocks:
        kept: list[str] = []
        stopped = False
        for raw_line in block:
            line = classify(raw_line)
            if line.kind is Kind.STOP:
                stopped = True
                break
            if line.kind is not Kind.TEXT and kept:
                stage, kept = _settle(draft, stage, kept), []
            if line.kind is Kind.AGENCY and line.agency:
                draft.credit(2, line.agency)
            if line.kind is Kind.CAPTION:
                draft.described.append((len(draft.captions), caption_text(line.text)))
            if line.kind in (Kind.CAPTION, Kind.DATE):
                draft.captions.append(line.text)
            if line.kind is Kind.DROP and stage == "first-block":
                stage = "body"  # a standfirst sits right under the headline, not after links
            if line.kind is not Kind.TEXT:
                continue
            if line.agency:
                draft.credit(1, line.agency)
            if stage == "headline" and not _is_paragraph(line.text):
                draft.headline = clean_headline(line.text)
                stage = "headline-block"
                continue
            if stage == "headline":
                stage = "body"
            if is_margin(line.text):
                draft.captions.append(line.text)  # kept as date and place evidence
                if kept:
                    stage, kept = _settle(draft, stage, kept), []
                continue
            kept.append(line.text)
            if line.agency and line.text != raw_line.strip():
                stage, kept = _settle(draft, stage, kept), []  # "... / AA" ends the run too
        stage = _settle(draft, stage, kept)
        if stopped:
            break


def parse_article(raw: str, *, file: str, id: str) -> Article:
    """Parse the text of one scraped article; pure, never raises."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    blocks = _blocks(text)
    dateline: dt.date | None = None
    has_headline = True
    if blocks:
        found, dateline, rest = _dateline(blocks[0][0])
        if found:
            rest = _strip_section(rest)
            blocks[0] = ([rest] if rest else []) + blocks[0][1:]
            if rest and (ends_sentence(rest) or len(rest.split()) > HEADLINE_MAX_WORDS):
                has_headline = False  # the dateline runs on into the first paragraph
    draft = _Draft()
    _scan(blocks, draft, has_headline)
    standfirst = " ".join(draft.standfirst) or None
    if standfirst and not draft.body:
        draft.body, standfirst = [standfirst], None  # a lone summary is the story itself
    paragraphs = ([standfirst] if standfirst else []) + draft.body
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        part: SentencePart = "standfirst" if standfirst and p_index == 0 else "body"
        for start, end in split_spans(paragraph):
            sentences.append(Sentence(len(sentences), p_index, paragraph[start:end], part))
    for c_index, caption in draft.described:
        for start, end in split_spans(caption):
            sentences.append(Sentence(len(sentences), c_index, caption[start:end], "caption"))
    title = draft.headline or (_title_from(paragraphs[0]) if paragraphs else "") or id
    agency = max(draft.agencies)[2] if draft.agencies else None
    return Article(
        id=id,
        file=file,
        title=title,
        paragraphs=paragraphs,
        sentences=sentences,
        standfirst=standfirst,
        dateline=dateline,
        captions=draft.captions,
        agency=agency,
    )


def _decode(raw: bytes, file: str) -> str:
    """Bytes -> text, or a ContentError saying what is wrong with the file."""
    if not raw.lstrip(b"\xef\xbb\xbf").strip():
        raise ContentError("the file is empty; put the article text in it or delete it", file)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ContentError(
            f"looks like a binary file (it contains NUL bytes, first at offset {nul}); "
            "an article must be plain UTF-8 text",
            file,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
            file,
        ) from None


def parse_raw(raw: RawArticle) -> Article:
    """Parse a file's bytes; bytes that are no article raise ``ContentError``."""
    text = _decode(raw.data, raw.file).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    article = parse_article(text, file=raw.file, id=raw.id)
    if not article.paragraphs:
        raise ContentError(
            "has a headline but no body text (after removing page furniture); add the "
            "article's paragraphs below the headline, separated by blank lines",
            raw.file,
        )
    if article.dateline is not None and not plausible(article.dateline):
        raise ContentError(f"dateline: {out_of_range(article.dateline)}", raw.file)
    article.sha256 = raw.sha256
    return article


def read_article(path: Path, root: Path) -> Article:
    """Read and parse one ``seeds/*.txt`` file; a bad file raises ``ContentError``."""
    return parse_raw(read_raw(path, root))


def _read_or_report(path: Path, root: Path) -> Article | Diagnostic:
    try:
        return read_article(path, root)
    except ContentError as exc:
        return Diagnostic(exc.file or path.name, None, exc.message, "error")


def read_articles(
    root: Path, *, workers: int | None = None
) -> tuple[list[Article], list[Diagnostic]]:
    """Every ``root/seeds/*.txt`` by name; a bad file becomes an error diagnostic.

    Parsing is per file and pure, so a large corpus is parsed on every core
    (``sitegen.ingest.pool``; ``workers=1`` keeps it here)."""
    read = functools.partial(_read_or_report, root=root)
    found = map_ordered(read, seed_paths(root), workers=workers)
    articles = [a for a in found if isinstance(a, Article)]
    problems = [d for d in found if isinstance(d, Diagnostic)]
    return articles, problems
