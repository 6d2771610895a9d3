"""Editor corrections always win and never surprise (issue 17, item 5).

``content/actors/<id>.md`` corrects the actor with that id, with or without
``name:``; the editor's name, roles and side replace the machine's. A problem
in what an editor wrote is an error: ``file:line: message`` with the closest
known ids, the last good site kept, exit 1, strict or not. Problems in scraped
articles stay warnings unless ``--strict``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.brief.actors import merge_actors
from sitegen.models import ActorOverride, Article, Mention, PersonRef
from sitegen.serve.preview import DevServer
from tests.conftest import run_cli
from tests.stubs import stub_article


def _article(aid: str, day: int) -> Article:
    return stub_article(aid, day, n=2, month=3)


def _ref(name: str, roles: list[str], side: str | None = None) -> PersonRef:
    return PersonRef(
        key=name,
        name=name,
        roles=roles,
        side=side,
        side_evidence=0 if side else None,
        mentions=[Mention(0, 0, len(name), name)],
    )


def _items() -> list[tuple[Article, list[PersonRef]]]:
    a, b = _article("a", 1), _article("b", 2)
    return [
        (a, [_ref("Ivo Marten", ["Astorian envoy"], side="astoria")]),
        (b, [_ref("Ivo Marten", ["envoy"]), _ref("Lena Calder", ["mediator"])]),
    ]


def test_a_file_without_name_corrects_the_actor_its_name_is_the_id_of() -> None:
    ov = ActorOverride(
        slug="ivo-marten",
        file="content/actors/ivo-marten.md",
        roles=["chief negotiator of Belmar"],
        side="belmar",
        note="Changed sides in 2024.",
    )
    actors, mapping = merge_actors(_items(), [ov], {"astoria", "belmar"})
    assert [a.id for a in actors] == ["ivo-marten", "lena-calder"]  # no blank, no -2
    ivo = actors[0]
    assert (ivo.name, ivo.roles, ivo.side, ivo.note) == (
        "Ivo Marten",
        ["chief negotiator of Belmar"],
        "belmar",
        "Changed sides in 2024.",
    )
    assert ivo.articles == ["a", "b"]
    assert mapping[("b", "Ivo Marten")] == "ivo-marten"


def test_the_editors_name_roles_and_side_replace_the_machines() -> None:
    ov = ActorOverride(
        slug="marten",
        file="content/actors/marten.md",
        name="Ivo K. Marten",
        aliases=["Ivo Marten"],
        roles=["foreign minister"],
        side="belmar",
    )
    actors, _ = merge_actors(_items(), [ov], {"astoria", "belmar"})
    ivo = next(a for a in actors if a.id == "marten")
    assert (ivo.name, ivo.roles, ivo.side) == ("Ivo K. Marten", ["foreign minister"], "belmar")
    assert ivo.side_evidence is None  # the editor's word, not a sentence's
    assert "ivo-marten" not in {a.id for a in actors}


def test_without_roles_the_machines_stay() -> None:
    ov = ActorOverride(slug="ivo-marten", file="content/actors/ivo-marten.md", side="belmar")
    actors, _ = merge_actors(_items(), [ov], {"astoria", "belmar"})
    assert actors[0].roles == ["Astorian envoy", "envoy"]


def test_a_nameless_file_that_matches_nobody_makes_no_actor() -> None:
    ov = ActorOverride(slug="ivo-martin", file="content/actors/ivo-martin.md", side="belmar")
    actors, _ = merge_actors(_items(), [ov], {"astoria", "belmar"})
    assert [a.id for a in actors] == ["ivo-marten", "lena-calder"]
    assert all(a.name for a in actors)


# ------------------------------------------------------------------ through the command line


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build(project: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str]:
    code, _, err = run_cli(["build", str(project), "-q", "--no-cache", *flags], capsys)
    return code, err


def test_a_nameless_actor_file_through_export(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        seeds_project / "content" / "actors" / "rustem-umerov.md",
        "---\nroles: [head of the delegation]\nside: ukraine\n---\nA note.\n",
    )
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert code == 0, err
    actors = {a["id"]: a for a in json.loads(out)["actors"]}
    assert "rustem-umerov-2" not in actors and all(a["name"] for a in actors.values())
    umerov = actors["rustem-umerov"]
    assert (umerov["name"], umerov["roles"], umerov["side"]) == (
        "Rustem Umerov",
        ["head of the delegation"],
        "ukraine",
    )
    assert umerov["articles"]


def test_an_actor_file_that_names_nobody_is_an_error_with_the_closest_ids(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(seeds_project / "content" / "actors" / "rustem-umerow.md", "---\nside: ukraine\n---\n")
    code, out, err = run_cli(["export", str(seeds_project)], capsys)
    assert (code, out) == (1, "")
    assert "error: content/actors/rustem-umerow.md:1: no actor 'rustem-umerow'" in err
    assert "(closest ids: rustem-umerov," in err


@pytest.mark.parametrize("strict", [False, True])
def test_an_unknown_about_id_fails_the_build_and_keeps_the_last_good_site(
    seeds_project: Path, capsys: pytest.CaptureFixture[str], strict: bool
) -> None:
    flags = ("--strict",) if strict else ()
    assert _build(seeds_project, capsys, *flags)[0] == 0
    home = seeds_project / "_site" / "index.html"
    before = home.read_bytes()
    _write(
        seeds_project / "content" / "rounds" / "r.md",
        "---\ntitle: A round\nabout: round:2026-01-23-abu-dabi\n---\nText.\n",
    )
    code, err = _build(seeds_project, capsys, *flags)
    assert code == 1
    assert (
        "error: content/rounds/r.md:3: about: unknown round '2026-01-23-abu-dabi' "
        "(known: 2026-01-23-abu-dhabi, 2026-02-04-abu-dhabi)" in err
    )
    assert home.read_bytes() == before
    assert not (seeds_project / "_site" / "notes" / "rounds" / "r").exists()


@pytest.mark.parametrize("strict", [False, True])
def test_an_unknown_link_id_fails_the_build_strict_or_not(
    seeds_project: Path, capsys: pytest.CaptureFixture[str], strict: bool
) -> None:
    _write(
        seeds_project / "content" / "n.md",
        "---\ntitle: N\n---\nFirst line.\n\nSee [[actor:steve-witkof]].\n",
    )
    code, err = _build(seeds_project, capsys, *(("--strict",) if strict else ()))
    assert code == 1
    assert "error: content/n.md:6: unknown actor 'steve-witkof' (known: steve-witkoff," in err
    assert not (seeds_project / "_site").exists()


def test_bad_front_matter_and_an_unknown_key_fail_the_build(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(seeds_project / "content" / "a.md", "---\ntitle: [unclosed\n---\nText.\n")
    _write(seeds_project / "content" / "b.md", "---\ntitle: B\naboot: round:x\n---\nText.\n")
    code, err = _build(seeds_project, capsys)
    assert code == 1
    assert "error: content/a.md:2: bad YAML front matter" in err
    assert "error: content/b.md:3: unknown front-matter key 'aboot' (did you mean 'about'?)" in err
    assert err.strip().endswith(
        "2 problem(s) in what editors wrote; nothing was written (the last good site stays)"
    )


def test_a_broken_article_only_warns_unless_strict(
    seeds_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds_project / "seeds" / "empty.txt").write_bytes(b"")
    code, err = _build(seeds_project, capsys)
    assert code == 0 and "seeds/empty.txt: the file is empty" in err
    assert (seeds_project / "_site" / "index.html").is_file()
    code, err = _build(seeds_project, capsys, "--strict")
    assert code == 1 and "seeds/empty.txt: the file is empty" in err


def test_the_preview_lists_every_current_problem(seeds_project: Path) -> None:
    server = DevServer(seeds_project, port=0, search=False)
    try:
        server.rebuild()
        assert server.state.snapshot().errors == ()
        _write(seeds_project / "content" / "a.md", "---\ntitle: [unclosed\n---\nText.\n")
        _write(seeds_project / "content" / "b.md", "---\ntitle: B\n---\nSee [[party:rusia]].\n")
        _write(seeds_project / "content" / "c.md", "---\nabout: issue:nope\n---\nText.\n")
        server.rebuild()
        status = server.state.snapshot()
        assert status.failed
        shown = "\n".join(status.errors)
        assert len(status.errors) == 3, shown
        assert "content/a.md:2: bad YAML front matter" in shown
        assert "content/b.md:4: unknown party 'rusia' (known: russia," in shown
        assert "content/c.md:2: about: unknown issue 'nope'" in shown
        assert not (server.out / "notes" / "b" / "index.html").exists()  # the last good site
    finally:
        server.stop()
