"""Unit tests for editor Markdown: front matter, sidecars, notes, actor overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.brief.content import load_content, parse_document
from sitegen.errors import ContentError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_body_and_lines() -> None:
    doc = parse_document("---\ntitle: A\nabout: round:x\n---\nBody line\n", "content/a.md")
    assert doc.meta == {"title": "A", "about": "round:x"}
    assert doc.body == "Body line\n"
    assert doc.body_line == 5
    assert doc.line_of("about") == 3


def test_no_front_matter_is_all_body() -> None:
    doc = parse_document("Just text\n", "content/a.md")
    assert doc.meta == {} and doc.body == "Just text\n" and doc.body_line == 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\ndate: [2026\n---\n", 3, "bad YAML"),
        ("---\ntitle: A\ntitle: B\n---\n", 3, "duplicate key 'title'"),
        ("---\ntitle: A\n", 1, "never closed"),
        ("---\n- a\n- b\n---\n", 2, "mapping"),
        ("---\nx: !!python/object:os.system {}\n---\n", 2, "bad YAML"),
    ],
)
def test_bad_front_matter_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_document(text, "seeds/a.md")
    assert info.value.file == "seeds/a.md"
    assert info.value.line == line
    assert words in info.value.message


def test_broken_sidecar_is_reported_as_file_and_line_from_top(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.md", "---\ndate: 2026-01-02\nround: [oops\n---\nNote\n")
    found = load_content(tmp_path)
    assert not found.sidecars
    assert [str(d) for d in found.diagnostics][0].startswith("seeds/a.md:3: bad YAML")


def test_sidecar_fields_and_note(tmp_path: Path) -> None:
    write(
        tmp_path / "seeds/a.md",
        "---\ndate: 2026-02-05\nround: r-1\ntitle: T\nurl: https://e.org/x\noutlet: E\n"
        "colour: red\noutlt: F\n---\nThe editor's note.\n",
    )
    found = load_content(tmp_path)
    car = found.sidecars["a"]
    assert (car.date, car.round, car.title, car.url, car.outlet, car.note) == (
        dt.date(2026, 2, 5),
        "r-1",
        "T",
        "https://e.org/x",
        "E",
        "The editor's note.",
    )
    assert [(str(d), d.level) for d in found.diagnostics] == [
        (
            "seeds/a.md:7: unknown front-matter key 'colour' "
            "(known: date, outlet, round, title, url)",
            "error",
        ),
        (
            "seeds/a.md:8: unknown front-matter key 'outlt' (did you mean 'outlet'?) "
            "(known: date, outlet, round, title, url)",
            "error",
        ),
    ]


def test_bad_date_in_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.md", "---\ntitle: T\ndate: next tuesday\n---\n")
    found = load_content(tmp_path)
    assert str(found.diagnostics[0]) == (
        "seeds/a.md:3: date: 'next tuesday' is not a date; write it as YYYY-MM-DD"
    )


def test_notes_and_actor_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / "content/rounds/first.md",
        "---\ntitle: First\nabout: round:2026-01-23-doha\ndate: 2026-01-25\n---\nText\n",
    )
    write(tmp_path / "content/draft.md", "---\ntitle: D\ndraft: true\n---\n")
    write(
        tmp_path / "content/actors/jane-roe.md",
        "---\nname: Jane Roe\naliases: [J. Roe, Roe]\nside: Ruritania\nroles: [envoy]\n---\n"
        "Chief envoy since 2024.\n",
    )
    found = load_content(tmp_path)
    assert not found.diagnostics
    notes = {n.path: n for n in found.notes}
    first = notes["content/rounds/first.md"]
    assert (first.title, first.about, first.date, first.body_line) == (
        "First",
        "round:2026-01-23-doha",
        dt.date(2026, 1, 25),
        6,
    )
    assert notes["content/draft.md"].draft is True
    (actor,) = found.actors
    assert (actor.slug, actor.name, actor.aliases, actor.side, actor.roles, actor.note) == (
        "jane-roe",
        "Jane Roe",
        ["J. Roe", "Roe"],
        "Ruritania",
        ["envoy"],
        "Chief envoy since 2024.",
    )


def test_bad_about_is_an_error_with_its_line(tmp_path: Path) -> None:
    write(tmp_path / "content/n.md", "---\ntitle: N\nabout: person-x\n---\n")
    (diag,) = load_content(tmp_path).diagnostics
    assert (diag.file, diag.line, diag.level) == ("content/n.md", 3, "error")
    assert "KIND:ID" in diag.message


def test_symlink_out_of_the_project_is_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside/secret.md", "---\ntitle: Secret\n---\nSecret text\n")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content/leak.md").symlink_to(outside)
    found = load_content(project)
    assert not found.notes
    assert "outside the project" in found.diagnostics[0].message
