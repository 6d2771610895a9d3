"""Issue 13, medium: the extraction cache was trusted. Editing a cached entry and fixing
its hash published a quotation no article contains. Now the cache file carries an HMAC
under a key kept in the user's cache folder, outside every project, and every cited
sentence and quotation is checked against its article before it is published."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

from sitegen.brief.cachekey import key_path, seal
from sitegen.brief.citecheck import drop_foreign, sentences_hold
from sitegen.brief.gather import load_briefing
from sitegen.config import load_config
from sitegen.extract import extract
from sitegen.ingest.articles import parse_article
from sitegen.models import QuoteRef
from sitegen.output.export import dumps
from tests.hostile.crafted import ARTICLE

QUOTE = "We will return next week,"
FORGED = "We surrender all of Belmar,"


def _project(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def _export(root: Path) -> str:
    return dumps(load_briefing(load_config(root)))


def _forge(root: Path, *, with_key: bool) -> None:
    """Swap the quotation in the cache file and fix its hash (and, with the user's key,
    its seal too: what only someone holding the key could do)."""
    (path,) = (root / ".cache" / "sitegen" / "gather").glob("*.json")
    head, _, body = path.read_bytes().partition(b"\n")
    assert QUOTE.encode() in body
    body = body.replace(QUOTE.encode(), FORGED.encode())
    header = json.loads(head) | {"sha256": hashlib.sha256(body).hexdigest()}
    if with_key:
        header["hmac"] = seal(header["fingerprint"].encode(), body)
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_medium_forged_cache_entry_with_fixed_hash_is_ignored(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    good = _export(root)
    assert QUOTE.rstrip(",") in good
    _forge(root, with_key=False)
    again = _export(root)
    assert FORGED.rstrip(",") not in again
    assert again == good


def test_medium_a_quote_not_in_the_article_is_never_published(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    good = _export(root)
    _forge(root, with_key=True)  # even a sealed entry must hold its article's words
    again = _export(root)
    assert FORGED.rstrip(",") not in again
    assert again == good


def test_medium_cited_text_is_rechecked_against_its_article() -> None:
    article = parse_article(ARTICLE, file="seeds/talks.txt", id="talks")
    facts = extract(article)
    assert sentences_hold(article)
    kept = list(facts.quotes)
    facts.quotes.append(QuoteRef(FORGED, 1))
    facts.quotes.append(QuoteRef(QUOTE, 99))  # a sentence the article does not have
    assert len(drop_foreign(article, facts)) == 2
    assert facts.quotes == kept
    article.sentences[0].text = "A sentence the article never had."
    assert not sentences_hold(article)


def test_medium_cache_key_is_kept_outside_the_project(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    _export(root)
    path = key_path()
    assert path is not None and path.is_file()
    assert not path.resolve().is_relative_to(root.resolve())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes()) == 32
    assert not list(root.rglob("*.key"))
