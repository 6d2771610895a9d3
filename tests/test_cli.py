"""The command line as a user meets it: help, export, bad input, --strict."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


def test_help_explains_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(["--help"], capsys)
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("export", "build", "check"):
        assert command in out
    for command, option in (
        ("export", "--strict"),
        ("build", "--base-url"),
        ("check", "PROJECT_DIR"),
    ):
        with pytest.raises(SystemExit):
            run_cli([command, "--help"], capsys)
        assert option in capsys.readouterr().out


def test_missing_project_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(["export", "/no/such/folder"], capsys)
    assert info.value.code == 2
    assert "is not a folder" in capsys.readouterr().err


def test_export_prints_json_and_is_byte_identical(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, first, _ = run_cli(["export", str(seeds_project)], capsys)
    assert code == 0
    code, second, _ = run_cli(["export", str(seeds_project)], capsys)
    assert first == second
    data = json.loads(first)
    assert data["schema"] == "sitegen.briefing/1"
    assert len(data["articles"]) == 5
    for key in ("rounds", "parties", "actors", "quotes", "sticking_points", "positions"):
        assert isinstance(data[key], list)


def test_project_dir_defaults_to_the_current_folder(
    seeds_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds_project)
    code, out, _ = run_cli(["export"], capsys)
    assert code == 0 and len(json.loads(out)["articles"]) == 5


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
    "latin1.txt": ("Titre\n\nLes négociations reprennent à Genève.\n".encode("latin-1"), "UTF-8"),
    "headline.txt": (b"Just a headline\n", "no body"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_article_warns_names_the_file_and_keeps_the_rest(
    name: str, seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, reason = BAD_INPUTS[name]
    (seeds_project / "seeds" / name).write_bytes(raw)
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert code == 0
    assert len(json.loads(out)["articles"]) == 5
    lines = [line for line in err.splitlines() if f"seeds/{name}" in line]
    assert len(lines) == 1 and reason.lower() in lines[0].lower()
    code, out, err = run_cli(["export", "--strict", str(seeds_project)], capsys)
    assert code == 1 and f"seeds/{name}" in err


def test_unreadable_article_warns(seeds_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seeds_project / "seeds" / "folder.txt").mkdir()  # unreadable as a file, even for root
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert code == 0 and len(json.loads(out)["articles"]) == 5
    assert "seeds/folder.txt" in err


def test_broken_sidecar_yaml_names_file_and_line(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds_project / "seeds" / "000_920f42d0087abd68.md").write_text(
        "---\ntitle: Fine\noutlet: AFP\ndate: [2026-01-24\n---\nNote.\n"
    )
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert (code, out) == (1, "")  # an editor's file is never dropped quietly
    assert "error: seeds/000_920f42d0087abd68.md:4: bad YAML front matter" in err
    code, _, _ = run_cli(["export", "--strict", str(seeds_project)], capsys)
    assert code == 1


def test_sidecar_overrides_date_title_and_round(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds_project / "seeds" / "004_8b205884d8133520.md").write_text(
        "---\ndate: 2026-02-06\ntitle: Edited headline\nround: my-round\n"
        "url: https://example.org/s\noutlet: Example\n---\nThe editor's note.\n"
    )
    code, out, _ = run_cli(["export", str(seeds_project)], capsys)
    art = next(a for a in json.loads(out)["articles"] if a["id"] == "004_8b205884d8133520")
    assert (art["date"], art["date_basis"], art["title"], art["round"]) == (
        "2026-02-06",
        "editor",
        "Edited headline",
        "my-round",
    )
    assert (art["url"], art["outlet"], art["note"]) == (
        "https://example.org/s",
        "Example",
        "The editor's note.",
    )


def test_folder_without_site_yaml_or_content(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not (seeds_project / "site.yaml").exists()
    assert not (seeds_project / "content").exists()
    code, out, _ = run_cli(["export", str(seeds_project)], capsys)
    assert code == 0 and json.loads(out)["title"]


def test_empty_folder_exports_an_empty_briefing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["export", str(tmp_path)], capsys)
    assert code == 0 and json.loads(out)["articles"] == []


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    blocks = readme.split("```sh\n")[1:3]
    commands = [b.split("\n```")[0].strip() for b in blocks]
    assert "sitegen build" in commands[0]
    assert commands[1] in ci
    assert os.access(REPO / ".ci" / "run", os.X_OK)


def test_actor_override_wins_and_a_typo_is_reported_with_its_line(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = seeds_project / "content" / "actors"
    actors.mkdir(parents=True)
    (actors / "elon-musk.md").write_text(
        "---\nname: Elon Musk\nside: United States\nroles: [SpaceX chief]\n---\nBusinessman.\n"
    )
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    musk = next(a for a in json.loads(out)["actors"] if a["id"] == "elon-musk")
    assert (musk["side"], musk["roles"]) == ("united-states", ["SpaceX chief"])
    (actors / "typo.md").write_text("---\nname: Rustam Umarov\nside: Atlantis\n---\n")
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert (code, out) == (1, "")
    assert "error: content/actors/typo.md:2: no person named Rustam Umarov" in err
    assert "closest ids: rustem-umerov" in err
    assert "error: content/actors/typo.md:3: side: unknown party 'Atlantis'" in err
