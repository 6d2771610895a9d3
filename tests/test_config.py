"""Unit tests for site.yaml (sitegen.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.errors import ConfigError


def test_no_site_yaml_gives_defaults(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert cfg.title and cfg.base_url == "/" and cfg.issues == []


def test_values_and_base_url_override(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "title: T\ndescription: D\nbase_url: https://e.org/b\n"
        "issues:\n  - {id: water, label: Water rights, keywords: [water, river]}\n"
    )
    cfg = load_config(tmp_path)
    assert (cfg.title, cfg.description, cfg.base_url) == ("T", "D", "https://e.org/b/")
    assert cfg.issues[0].label == "Water rights" and cfg.issues[0].keywords == ["water", "river"]
    assert load_config(tmp_path, base_url="/x").base_url == "/x/"


def test_errors_are_collected_and_reported_once_with_lines(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: [1, 2]\n\ndescription: 3\ncolour: red\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).splitlines() == [
        "site.yaml:1: title: must be text",
        "site.yaml:3: description: must be text",
    ]


def test_unknown_key_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: T\ncolour: red\n")
    cfg = load_config(tmp_path)
    assert [str(w) for w in cfg.warnings] == ["site.yaml:2: unknown key 'colour' is ignored"]


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: T\ndescription: [a\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith("site.yaml:3:")


def test_unknown_keys_of_mixed_types_are_each_reported(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("null: 1\ntitle: T\n2: x\n", encoding="utf-8")
    cfg = load_config(tmp_path)  # sorting None beside 2 used to raise TypeError
    assert sorted(w.message for w in cfg.warnings) == [
        "unknown key '2' is ignored",
        "unknown key 'None' is ignored",
    ]
