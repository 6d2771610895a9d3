"""The gather cache: a rebuild extracts only what changed, and a bad cache never hurts.

Extraction is counted by wrapping ``sitegen.brief.gather.extract``; the exported
briefing of a cached build must equal that of a cold one, byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sitegen
import sitegen.brief.cache
import sitegen.brief.gather
from sitegen.brief.cache import GatherCache, fingerprint
from sitegen.brief.cachekey import seal
from sitegen.brief.clues import read_clues
from sitegen.brief.gather import load_briefing
from sitegen.brief.records import Gathered, decode, encode
from sitegen.config import load_config
from sitegen.extract import extract
from sitegen.ingest.articles import parse_article
from sitegen.models import Article, ArticleFacts
from sitegen.output.export import dumps
from tests.conftest import REPO

SEEDS = ["000_920f42d0087abd68.txt", "001_fe726f2c45969e34.txt", "002_10677ec234a6b0ea.txt"]

OTHER_TALKS = """\
Armenia and Azerbaijan agree text of peace deal, foreign ministry says

Armenia and Azerbaijan have agreed the text of a peace treaty, Armenia's foreign ministry \
said on Thursday. "The negotiations on the text of the agreement have been concluded," \
Foreign Minister Ararat Mirzoyan told reporters in Yerevan.

Azerbaijan demands that Armenia change its constitution before any signing.
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A small project: three of the seeds, no notes."""
    (tmp_path / "seeds").mkdir()
    for name in SEEDS:
        shutil.copy(REPO / "seeds" / name, tmp_path / "seeds" / name)
    return tmp_path


@pytest.fixture()
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the articles extracted afresh, in order."""
    calls: list[str] = []

    def counting(article: Article, taxonomy: object = None) -> ArticleFacts:
        calls.append(article.id)
        return extract(article, taxonomy)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.brief.gather, "extract", counting)
    return calls


def export(project: Path, **kwargs: bool) -> str:
    return dumps(load_briefing(load_config(project), **kwargs))


def cache_files(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "sitegen" / "gather").glob("*.json"))


def entries(project: Path) -> dict[str, Any]:
    """The entries of the project's one cache file (none when there is no file)."""
    files = cache_files(project)
    assert len(files) <= 1
    return _entries(files[0].read_bytes()) if files else {}


def _entries(raw: bytes) -> dict[str, Any]:
    head, _, body = raw.partition(b"\n")
    assert json.loads(head)["sha256"] == hashlib.sha256(body).hexdigest()
    lines = [line.partition(b" ") for line in body.split(b"\n")]
    return {key.decode(): json.loads(entry) for key, _, entry in lines}


def rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change a cache file's entries and give it the matching hash and seal, as only a
    forgery made with this user's key (``sitegen.brief.cachekey``) could."""
    raw = path.read_bytes()
    found = _entries(raw)
    change(found)
    body = b"\n".join(k.encode() + b" " + json.dumps(v).encode() for k, v in found.items())
    header = json.loads(raw.partition(b"\n")[0]) | {"sha256": hashlib.sha256(body).hexdigest()}
    header["hmac"] = seal(header["fingerprint"].encode(), body)
    path.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + body)


def test_second_build_extracts_only_the_changed_article(
    project: Path, extracted: list[str]
) -> None:
    cold = export(project, use_cache=False)
    assert sorted(extracted) == [Path(n).stem for n in SEEDS]
    assert cache_files(project) == []  # use_cache=False leaves the cache alone

    extracted.clear()
    first = export(project)
    assert len(extracted) == 3 and len(entries(project)) == 3
    extracted.clear()
    warm = export(project)
    assert extracted == []
    assert warm == first == cold  # cached facts are the facts

    changed = project / "seeds" / SEEDS[1]
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\nThe talks will resume next week, officials said.\n",
        encoding="utf-8",
    )
    extracted.clear()
    after = export(project)
    assert extracted == [Path(SEEDS[1]).stem]
    assert after == export(project, use_cache=False)
    assert len(entries(project)) == 3  # the stale entry was pruned


def test_progress_reports_cache_hits(project: Path) -> None:
    export(project)
    lines: list[str] = []
    load_briefing(load_config(project), progress=lines.append)
    assert any(
        line.startswith("extracted facts from 3 articles (3 from the cache) in ") for line in lines
    )


def test_sidecar_edit_re_extracts_that_article(project: Path, extracted: list[str]) -> None:
    export(project)
    sidecar = project / "seeds" / (Path(SEEDS[0]).stem + ".md")
    sidecar.write_text("---\ntitle: A headline the editor chose\n---\n", encoding="utf-8")
    extracted.clear()
    export(project)
    assert extracted == [Path(SEEDS[0]).stem]


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda _raw: b"\x00\xff not json at all",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda _raw: b"",
    "no header": lambda raw: raw.partition(b"\n")[2],
    "a list": lambda _raw: b"[1, 2, 3]",
    "changed entry": lambda raw: raw.replace(b"[[", b"[[7,", 1),
    "header of another schema": lambda raw: raw.replace(b'"schema": 4', b'"schema": 3', 1),
    "deep nesting": lambda _raw: b"[" * 100_000 + b"]" * 100_000,
    "deep nesting after the header": lambda raw: (
        raw.partition(b"\n")[0] + b"\n" + b"[" * 100_000 + b"]" * 100_000
    ),
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_corrupt_cache_file_is_ignored_and_rewritten(
    project: Path, extracted: list[str], how: str
) -> None:
    good = export(project)
    (victim,) = cache_files(project)
    before = entries(project)
    victim.write_bytes(CORRUPTIONS[how](victim.read_bytes()))
    extracted.clear()
    assert export(project) == good
    assert len(extracted) == 3  # nothing in a damaged file is trusted
    assert entries(project) == before  # rewritten whole
    extracted.clear()
    export(project)
    assert extracted == []


FORGERIES: dict[str, Callable[[Any], None]] = {
    "a field too many": lambda entry: entry[1].append(1),
    "a record cut short": lambda entry: entry[0][4][0].pop(),
    "not a list": lambda entry: entry.clear(),
    "a number for a list": lambda entry: entry[2].__setitem__(1, 7),
}


@pytest.mark.parametrize("how", sorted(FORGERIES))
def test_an_entry_of_the_wrong_shape_is_dropped_and_gathered_again(
    project: Path, extracted: list[str], how: str
) -> None:
    good = export(project)
    (victim,) = cache_files(project)
    before = entries(project)
    key = sorted(before)[0]
    rewrite(victim, lambda found: FORGERIES[how](found[key]))
    extracted.clear()
    assert export(project) == good
    assert len(extracted) == 1
    assert entries(project) == before
    extracted.clear()
    export(project)
    assert extracted == []


def test_an_entry_that_is_not_json_is_dropped_and_gathered_again(
    project: Path, extracted: list[str]
) -> None:
    good = export(project)
    (victim,) = cache_files(project)
    before = entries(project)
    head, _, body = victim.read_bytes().partition(b"\n")
    lines = body.split(b"\n")
    lines[1] = lines[1][:-5]  # cut short, under a hash that matches
    body = b"\n".join(lines)
    header = json.loads(head) | {"sha256": hashlib.sha256(body).hexdigest()}
    header["hmac"] = seal(header["fingerprint"].encode(), body)
    victim.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + body)
    extracted.clear()
    assert export(project) == good
    assert len(extracted) == 1
    assert entries(project) == before


def test_the_one_file_per_article_layout_is_removed(project: Path) -> None:
    old = project / ".cache" / "sitegen" / "facts" / ("0" * 32)
    old.mkdir(parents=True)
    (old / "key.json").write_text("{}", encoding="utf-8")
    export(project)
    assert not (project / ".cache" / "sitegen" / "facts").exists()
    assert len(entries(project)) == 3


def test_an_unwritable_cache_is_only_slower(project: Path, extracted: list[str]) -> None:
    (project / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    good = export(project)
    assert export(project) == good
    assert len(extracted) == 6


def test_changed_data_file_invalidates(
    project: Path,
    extracted: list[str],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path_factory.mktemp("data")
    for path in sitegen.brief.cache.DATA_DIR.glob("*.yaml"):
        shutil.copy(path, data / path.name)
    monkeypatch.setattr(sitegen.brief.cache, "DATA_DIR", data)
    export(project)
    extracted.clear()
    export(project)
    assert extracted == []
    with (data / "roles.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    export(project)
    assert extracted == []  # this process still runs on the lists it loaded
    sitegen.brief.cache.data_fingerprint.cache_clear()  # as a new process would
    export(project)
    assert len(extracted) == 3
    assert len(cache_files(project)) == 1  # the old fingerprint's file was removed


def test_changed_version_invalidates(
    project: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    export(project)
    monkeypatch.setattr(sitegen, "__version__", sitegen.__version__ + ".post1")
    extracted.clear()
    export(project)
    assert len(extracted) == 3


def test_site_yaml_issues_invalidate_but_other_keys_do_not(
    project: Path, extracted: list[str]
) -> None:
    export(project)
    (project / "site.yaml").write_text("title: Another title\n", encoding="utf-8")
    extracted.clear()
    export(project)
    assert extracted == []  # the title is not read by extraction
    (project / "site.yaml").write_text(
        "issues:\n  - id: constitution\n    label: Constitution\n    keywords: [constitution]\n",
        encoding="utf-8",
    )
    export(project)
    assert len(extracted) == 3


def test_fingerprint_follows_taxonomy_and_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitegen.brief.cache, "DATA_DIR", tmp_path)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = fingerprint([])
    assert fingerprint([]) == before
    assert fingerprint(["other"]) != before
    (tmp_path / "a.yaml").write_text("x: 2\n", encoding="utf-8")
    sitegen.brief.cache.data_fingerprint.cache_clear()
    assert fingerprint([]) != before


def gathered(text: str = OTHER_TALKS) -> Gathered:
    article = parse_article(text, file="seeds/a.txt", id="a")
    return Gathered(article, extract(article), read_clues(article))


def test_a_gathered_article_survives_json() -> None:
    item = gathered()
    assert item.facts.quotes and item.facts.parties and item.clues.mentions  # something to carry
    again = decode(json.loads(json.dumps(encode(item))))
    assert again == item
    assert again.clues.venues == item.clues.venues
    assert again.clues.wire_day is None


def test_every_field_is_carried() -> None:
    """A field added to a record without being encoded would be lost on the way."""
    item = gathered()
    article = dataclasses.replace(
        item.article, date=item.article.dateline, outlet="Outlet", url="https://x.test/a"
    )
    clues = dataclasses.replace(item.clues, wire_day=(3, 10), ordinals=[2], text_date=None)
    again = decode(json.loads(json.dumps(encode(Gathered(article, item.facts, clues)))))
    assert again.article == article and again.clues == clues
    assert len(encode(item)[0]) == len(dataclasses.fields(Article))
    assert len(encode(item)[1]) == len(dataclasses.fields(ArticleFacts))


def test_decode_refuses_another_shape() -> None:
    plain = encode(gathered())
    with pytest.raises((ValueError, TypeError)):
        decode(plain[:2])
    plain[1][1][0] = plain[1][1][0][:-1]  # a person record without its mentions
    with pytest.raises((ValueError, TypeError)):
        decode(plain)


def test_cache_misses_for_another_fingerprint(tmp_path: Path) -> None:
    plain = encode(gathered())
    cache = GatherCache(tmp_path, "f" * 64)
    cache.put("k", plain)
    cache.save(["k"])
    assert GatherCache(tmp_path, "f" * 64).get("k") == json.loads(json.dumps(plain))
    assert GatherCache(tmp_path, "e" * 64).get("k") is None


def test_save_keeps_only_the_builds_entries(tmp_path: Path) -> None:
    cache = GatherCache(tmp_path, "f" * 64)
    cache.put("k", [1])
    cache.put("gone", [2])
    cache.save(["k"])
    again = GatherCache(tmp_path, "f" * 64)
    assert again.get("k") == [1] and again.get("gone") is None


def test_build_no_cache_extracts_everything(project: Path, extracted: list[str]) -> None:
    from sitegen.cli import main

    assert main(["build", str(project), "-o", str(project / "_site"), "-q"]) == 0
    extracted.clear()
    assert main(["build", str(project), "-o", str(project / "_site"), "-q"]) == 0
    assert extracted == []
    assert main(["build", str(project), "-o", str(project / "_site"), "-q", "--no-cache"]) == 0
    assert len(extracted) == 3


def _containers(value: Any, found: set[int]) -> set[int]:
    """The ids of every list, dict and set in a value, records' fields included."""
    if isinstance(value, list | dict | set):
        found.add(id(value))
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            _containers(item, found)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _containers(getattr(value, f.name), found)
    elif isinstance(value, tuple):
        for item in value:
            _containers(item, found)
    return found


def test_decode_shares_nothing_with_the_entry() -> None:
    """A long-lived process decodes one parsed entry on every build, and the build then
    changes what it decoded (sides, dates, rounds): no list may be the entry's own."""
    item = gathered()
    item.article.captions.append("A caption.")
    item.clues.ordinals.append(2)
    plain = json.loads(json.dumps(encode(item)))
    before = json.dumps(plain)
    once = decode(plain)
    assert not _containers(once, set()) & _containers(plain, set())
    for person in once.facts.people:  # what a build does to what it decoded, and more
        person.roles.append("changed")
        person.aliases.clear()
    once.article.paragraphs.clear()
    once.article.captions.clear()
    once.clues.ordinals.clear()
    assert json.dumps(plain) == before and decode(plain) == item


def test_a_shelf_keeps_the_cache_open_between_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch, extracted: list[str]
) -> None:
    """serve's rebuilds read the cache file, and parse each entry, once; what they give
    is what a cold build gives, also after an article changed."""
    shelf = sitegen.brief.cache.CacheShelf()
    config = load_config(project)
    first = dumps(load_briefing(config, shelf=shelf))
    parsed: list[str] = []
    real = json.loads
    monkeypatch.setattr(sitegen.brief.cache.json, "loads", lambda s: parsed.append(s) or real(s))
    opened: list[Path] = []
    real_load = GatherCache._load
    monkeypatch.setattr(
        GatherCache, "_load", lambda self: opened.append(self.path) or real_load(self)
    )
    extracted.clear()
    assert dumps(load_briefing(config, shelf=shelf)) == first
    assert extracted == [] and opened == []
    assert len(parsed) == 6  # each entry parsed once, then kept: 3 gathered, 3 stances
    parsed.clear()
    again = load_briefing(config, shelf=shelf)
    assert parsed == [] and dumps(again) == first
    changed = project / "seeds" / SEEDS[1]
    text = changed.read_text(encoding="utf-8")
    at = text.index("\n\n", len(text) // 2)  # a paragraph in the body
    late = "\n\nThe talks will resume next week in Geneva, officials said."
    changed.write_text(text[:at] + late + text[at:], "utf-8")
    after = dumps(load_briefing(config, shelf=shelf))
    assert extracted == [Path(SEEDS[1]).stem]
    assert after == dumps(load_briefing(config, use_cache=False)) != first
