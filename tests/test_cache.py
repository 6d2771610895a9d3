"""The extraction cache: a rebuild extracts only what changed, and a bad cache never hurts.

Extraction is counted by wrapping ``sitegen.briefing.extract``; the exported
briefing of a cached build must equal that of a cold one, byte for byte.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import sitegen
import sitegen.briefing
import sitegen.cache
from sitegen.briefing import load_briefing
from sitegen.cache import (
    CacheEntryError,
    ExtractionCache,
    facts_from_json,
    facts_to_json,
    fingerprint,
)
from sitegen.config import load_config
from sitegen.export import dumps
from sitegen.extract import extract
from sitegen.ingest import parse_article
from sitegen.models import Article, ArticleFacts
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

    monkeypatch.setattr(sitegen.briefing, "extract", counting)
    return calls


def export(project: Path, **kwargs: bool) -> str:
    return dumps(load_briefing(load_config(project), **kwargs))


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "sitegen" / "facts").glob("*/*.json"))


def test_second_build_extracts_only_the_changed_article(
    project: Path, extracted: list[str]
) -> None:
    cold = export(project, use_cache=False)
    assert sorted(extracted) == [Path(n).stem for n in SEEDS]
    assert entries(project) == []  # use_cache=False leaves the cache alone

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
    assert "extracted facts from 3 articles (3 from the cache)" in lines


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
    "a list": lambda _raw: b"[1, 2, 3]",
    "wrong key": lambda raw: raw.replace(b'"key":"', b'"key":"0', 1),
    "wrong types": lambda raw: raw.replace(b'"people":[', b'"people":[7,', 1),
    "extra field": lambda raw: raw.replace(b'"facts":{', b'"facts":{"evil":1,', 1),
    "deep nesting": lambda _raw: b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_corrupt_entry_is_ignored_and_rewritten(
    project: Path, extracted: list[str], how: str
) -> None:
    good = export(project)
    victim = entries(project)[0]
    victim.write_bytes(CORRUPTIONS[how](victim.read_bytes()))
    extracted.clear()
    assert export(project) == good
    assert len(extracted) == 1
    entry = json.loads(victim.read_bytes())  # rewritten whole
    assert entry["key"] == victim.stem
    extracted.clear()
    export(project)
    assert extracted == []


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
    for path in sitegen.cache.DATA_DIR.glob("*.yaml"):
        shutil.copy(path, data / path.name)
    monkeypatch.setattr(sitegen.cache, "DATA_DIR", data)
    export(project)
    extracted.clear()
    export(project)
    assert extracted == []
    with (data / "roles.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    export(project)
    assert extracted == []  # this process still runs on the lists it loaded
    sitegen.cache.data_fingerprint.cache_clear()  # as a new process would
    export(project)
    assert len(extracted) == 3
    assert len(list((project / ".cache" / "sitegen" / "facts").iterdir())) == 1  # old one pruned


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
    monkeypatch.setattr(sitegen.cache, "DATA_DIR", tmp_path)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = fingerprint([])
    assert fingerprint([]) == before
    assert fingerprint(["other"]) != before
    (tmp_path / "a.yaml").write_text("x: 2\n", encoding="utf-8")
    sitegen.cache.data_fingerprint.cache_clear()
    assert fingerprint([]) != before


def test_facts_survive_json() -> None:
    article = parse_article(OTHER_TALKS, file="seeds/a.txt", id="a")
    facts = extract(article)
    assert facts.quotes and facts.parties  # something to carry
    again = facts_from_json(json.loads(json.dumps(facts_to_json(facts))))
    assert again == facts


def test_decoder_refuses_wrong_literals() -> None:
    article = parse_article(OTHER_TALKS, file="seeds/a.txt", id="a")
    raw = facts_to_json(extract(article))
    raw["parties"][0]["role"] = "emperor"
    with pytest.raises(CacheEntryError):
        facts_from_json(raw)


def test_cache_misses_for_another_fingerprint(tmp_path: Path) -> None:
    article = parse_article(OTHER_TALKS, file="seeds/a.txt", id="a")
    facts = extract(article)
    ExtractionCache(tmp_path, "f" * 64).put("k", facts)
    assert ExtractionCache(tmp_path, "f" * 64).get("k") == facts
    assert ExtractionCache(tmp_path, "e" * 64).get("k") is None


def test_build_no_cache_extracts_everything(project: Path, extracted: list[str]) -> None:
    from sitegen.cli import main

    assert main(["build", str(project), "-o", str(project / "_site"), "-q"]) == 0
    extracted.clear()
    assert main(["build", str(project), "-o", str(project / "_site"), "-q"]) == 0
    assert extracted == []
    assert main(["build", str(project), "-o", str(project / "_site"), "-q", "--no-cache"]) == 0
    assert len(extracted) == 3
