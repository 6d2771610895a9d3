"""``sitegen init``: a new negotiation from nothing to a built site (issue 17, item 6)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitegen.config import KNOWN_KEYS, load_config, load_yaml
from tests.conftest import REPO, run_cli


def test_init_then_articles_then_build_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "talks"
    code, out, _ = run_cli(["init", str(project)], capsys)
    assert code == 0
    for name in ("site.yaml", "content/about.md", ".gitignore"):
        assert (project / name).is_file() and name in out
    assert (project / "seeds").is_dir() and not list((project / "seeds").iterdir())
    assert f"sitegen build {project}" in out and f"sitegen serve {project}" in out
    assert (project / ".gitignore").read_text().split("\n")[1:3] == ["_site/", ".cache/"]

    code, _, err = run_cli(["build", str(project), "-q"], capsys)  # no article yet
    assert code == 1
    assert f"no articles in {project}/seeds/: put the news articles there" in err
    assert not (project / "_site").exists()

    for seed in sorted((REPO / "seeds").glob("*.txt")):
        shutil.copy(seed, project / "seeds" / seed.name)
    code, _, err = run_cli(["build", str(project), "-q"], capsys)
    assert code == 0, err
    assert (project / "_site" / "index.html").is_file()
    note = (project / "_site" / "notes" / "about" / "index.html").read_text(encoding="utf-8")
    assert "About this briefing" in note and "<code>[[actor:ID]]</code>" in note
    config = load_config(project)
    assert (config.title, config.base_url, config.language, config.issues) == (
        "Negotiation briefing",
        "/",
        "en",
        [],
    )
    assert config.warnings == []


def test_site_yaml_has_every_key_each_with_its_comment(tmp_path: Path) -> None:
    run_init(tmp_path)
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    keys = [n for n, line in enumerate(lines) if re.match(r"[a-z_]+:", line)]
    assert {lines[n].split(":")[0] for n in keys} == KNOWN_KEYS
    assert all(lines[n - 1].startswith("#") for n in keys)  # each explained just above


def test_the_commented_issues_example_is_valid_when_uncommented(tmp_path: Path) -> None:
    run_init(tmp_path)
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    example = text.split("For example:\n")[1].split("\nissues: []")[0]
    uncommented = "\n".join(line[4:] for line in example.splitlines())
    (tmp_path / "site.yaml").write_text(
        text.replace("issues: []", uncommented.strip()), encoding="utf-8"
    )
    (spec,) = load_config(tmp_path).issues
    assert (spec.id, spec.label, spec.keywords[:2]) == (
        "water-rights",
        "water rights",
        [
            "water",
            "river",
        ],
    )
    assert isinstance(load_yaml(uncommented), dict)


def test_init_never_overwrites_and_writes_nothing_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site.yaml").write_text("title: Mine\n", encoding="utf-8")
    code, out, err = run_cli(["init", str(tmp_path)], capsys)
    assert (code, out) == (1, "")
    assert "already has site.yaml; sitegen init never overwrites a file" in err
    assert (tmp_path / "site.yaml").read_text() == "title: Mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.yaml"]


def test_init_in_the_current_folder_keeps_its_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(["init"], capsys)
    assert code == 0 and "seeds/" not in out.split("next:")[0]  # not made: it was there
    assert "  3. sitegen build      writes" in out
    assert (tmp_path / "seeds" / "a.txt").read_text() == "Headline\n\nBody.\n"


def test_init_help_is_like_the_other_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(["init", "--help"], capsys)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "DIR" in out and "Never overwrites a file" in out
    with pytest.raises(SystemExit):
        run_cli(["--help"], capsys)
    assert "init" in capsys.readouterr().out


def test_the_readme_documents_every_site_yaml_key() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `site.yaml`")[1].split("\n### ")[0]
    for key in KNOWN_KEYS:
        assert f"| `{key}` |" in section, key
    example = section.split("```yaml\n")[1].split("```")[0]
    assert set(load_yaml(example)) == KNOWN_KEYS


def run_init(folder: Path) -> None:
    from sitegen.ingest.scaffold import init_project

    init_project(folder)
