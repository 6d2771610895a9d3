"""Issue 13, medium and low: every output well-formed, whatever the project holds.

Control characters in a title made ``feed.xml`` malformed and ``check`` said all was
well; a doubled slash in ``base_url`` made links protocol-relative; a long
``language`` broke the search index and ``--strict`` still passed; file names reached
the terminal raw; ``con`` and ``nul`` became folder names Windows cannot hold."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

import sitegen.build as build_module
from sitegen.build import build
from sitegen.check import check_xml
from sitegen.config import load_config, normalise_base_url
from sitegen.errors import BuildError, ConfigError
from sitegen.models import Diagnostic
from sitegen.output import earlysearch
from sitegen.site.urls import safe_segment
from tests.hostile.crafted import ARTICLE, sitegen


def _project(root: Path, site: str = "") -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "notes").mkdir(parents=True)
    if site:
        (root / "site.yaml").write_text(site, encoding="utf-8")
    return root


def test_medium_control_characters_leave_feed_and_sitemap_well_formed(tmp_path: Path) -> None:
    site = 'title: "Belmar\\x0b talks\\x1b[31m"\nbase_url: "https://example.org/"\n'
    root = _project(tmp_path / "p", site)  # a full address: the feed and sitemap are written
    (root / "content" / "notes" / "bell.md").write_text(
        '---\ntitle: "Ring\\a the \\x1b[2Jbell\\x0c"\ndate: 2024-05-06\n---\nText.\n',
        encoding="utf-8",
    )
    (root / "content" / "notes" / "esc\x1b[31m.md").write_text(
        "---\ntitle: Escaped name\n---\nText.\n", encoding="utf-8"
    )
    done = sitegen("build", str(root))
    assert done.returncode == 0, done.stderr
    for name in ("feed.xml", "sitemap.xml"):
        ElementTree.fromstring((root / "_site" / name).read_bytes())  # raises if malformed
    feed = (root / "_site" / "feed.xml").read_text(encoding="utf-8")
    assert "Ring the [2Jbell" in feed and "\x1b" not in feed and "\x07" not in feed
    assert sitegen("check", str(root)).returncode == 0


def test_medium_check_parses_feed_and_sitemap(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(b"<feed><title>a\x0bb</title></feed>")
    (tmp_path / "sitemap.xml").write_bytes(b"<urlset></urlset>")
    problems = check_xml(tmp_path)
    assert [(d.file, d.line) for d in problems] == [("feed.xml", 1)]
    assert "not well-formed XML" in problems[0].message


def test_low_terminal_output_escapes_control_characters(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "seeds" / "evil\x1b]0;owned\x07\x1b[2J.txt").write_bytes(b"")
    done = sitegen("build", str(root))
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "seeds/evil\\x1b]0;owned\\x07\\x1b[2J.txt: the file is empty" in done.stderr


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("//evil.example/", "/evil.example/"),
        ("/briefing//", "/briefing/"),
        ("https://example.org//briefing", "https://example.org/briefing/"),
        ("https://example.org", "https://example.org/"),
    ],
)
def test_low_base_url_has_no_doubled_slash(given: str, normal: str) -> None:
    assert normalise_base_url(given) == normal


def test_low_base_url_doubled_slash_links_stay_on_the_site(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", 'base_url: "//evil.example/"\n')
    assert sitegen("build", str(root)).returncode == 0
    home = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'href="//' not in home and 'src="//' not in home


@pytest.mark.parametrize("language", ["x" * 200, "en_US!", "<script>", "e", "en-"])
def test_low_language_must_be_a_language_tag(tmp_path: Path, language: str) -> None:
    root = _project(tmp_path / "p", f"language: '{language}'\n")
    with pytest.raises(ConfigError, match="must be a language tag"):
        load_config(root)


@pytest.mark.parametrize("language", ["en", "fr-CA", "zh-Hant-TW", "sr-Latn"])
def test_low_language_tags_are_accepted(tmp_path: Path, language: str) -> None:
    root = _project(tmp_path / "p", f"language: '{language}'\n")
    assert load_config(root).language == language


@pytest.mark.parametrize("early", [False, True])
def test_low_search_failure_is_an_error_under_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    """Whether the bundles are indexed after rendering (``index_site``) or while it goes
    on (``earlysearch``, a build into an empty folder)."""
    root = _project(tmp_path / "p")
    if early:  # a pagefind that fails on every bundle
        false = shutil.which("false")
        assert false
        monkeypatch.setattr(earlysearch, "pagefind_command", lambda: (false,))
    else:
        failed = [Diagnostic("pagefind", None, "pagefind exited 1: bad language", "error")]
        monkeypatch.setattr(build_module, "index_site", lambda *_a, **_k: list(failed))
        monkeypatch.setattr(build_module, "early_search", lambda *_a, **_k: None)
    monkeypatch.setattr(build_module, "pagefind_command", lambda: ("pagefind",))
    config = load_config(root)
    with pytest.raises(BuildError, match="search index failed to build"):
        build(config, root / "_site", strict=True)
    assert not (root / "_site").exists()  # nothing swapped in
    result = build(config, root / "_site")
    assert not result.search and result.diagnostics[-1].file == "pagefind"


@pytest.mark.parametrize("name", ["con", "NUL", "aux", "com1", "lpt9", "prn", "nul.txt"])
def test_low_no_windows_reserved_slug_names(name: str) -> None:
    segment = safe_segment(name.lower())
    assert segment.split(".", 1)[0] not in {"con", "nul", "aux", "com1", "lpt9", "prn"}
    assert safe_segment("console") == "console"


def test_low_windows_reserved_article_name_gets_another_folder(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "seeds" / "con.txt").write_text(ARTICLE, encoding="utf-8")
    assert sitegen("build", str(root)).returncode == 0
    folders = {p.name for p in (root / "_site" / "sources").iterdir()}
    assert "con" not in folders and any(f.startswith("con-") for f in folders)


def test_low_non_utf8_locale_with_non_ascii_file_name_is_a_file_error(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = _project(tmp_path / "p")
    (root / "seeds" / "Ünïcode talks.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "notes" / "Né.md").write_text("---\ntitle: Né\n---\nText.\n")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env["PYTHONCOERCECLOCALE"] = "0"  # the locale stays ASCII, as on a bare server

    def build() -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "sitegen.cli", "build", str(root)],
            capture_output=True,
            env=env,
            timeout=120,
        )
        return done.returncode, done.stderr.decode("utf-8", "replace")

    code, err = build()
    assert code == 1, err  # the note's name is in what editors wrote: it stops
    assert "internal error" not in err
    assert err.count("the file name is not valid text in this locale") == 2
    (root / "content" / "notes" / "Né.md").unlink()
    code, err = build()
    assert code == 0, err  # an article's name is that file's error only
    assert err.count("the file name is not valid text in this locale") == 1
    assert (root / "_site" / "sources" / "talks" / "index.html").is_file()


def test_low_duplicate_actor_files_are_named_as_such(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    actors = root / "content" / "actors"
    actors.mkdir(parents=True)
    (actors / "ivo-marten.md").write_text("---\nname: Ivo Marten\n---\nOne.\n")
    (actors / "marten.md").write_text("---\nname: ivo marten\n---\nTwo.\n")
    done = sitegen("build", str(root))
    assert done.returncode == 0, done.stderr
    assert (
        "content/actors/marten.md:2: ivo marten is already described by "
        "content/actors/ivo-marten.md" in done.stderr
    )
    assert "no person named" not in done.stderr


def test_low_a_crafted_slug_collision_names_the_files(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "seeds" / "Talks.txt").write_text(ARTICLE, encoding="utf-8")
    crafted = safe_segment("Talks")  # "talks-" and a digest: a name anyone can compute
    (root / "seeds" / f"{crafted}.txt").write_text(ARTICLE, encoding="utf-8")
    done = sitegen("build", str(root))
    assert done.returncode == 1
    assert "'seeds/Talks.txt' and " in done.stderr or "and 'seeds/Talks.txt'" in done.stderr
    assert f"seeds/{crafted}.txt" in done.stderr and "Talks in Belmar" not in done.stderr
