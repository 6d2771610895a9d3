"""Round and actor ids that stay put, and what happens when they do move (issue 16):
on a copy of the repository's seeds, edited the way an editor would."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.brief.gather import load_briefing
from sitegen.build import build
from sitegen.config import load_config
from sitegen.models import Briefing

REPO = Path(__file__).resolve().parent.parent


def project(tmp_path: Path) -> Path:
    """A copy of the repository's project: seeds, editor content and settings."""
    for part in ("seeds", "content"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copy(REPO / "site.yaml", tmp_path / "site.yaml")
    return tmp_path


def briefing_of(root: Path) -> Briefing:
    return load_briefing(load_config(root), use_cache=False)


def rounds_of(b: Briefing) -> list[tuple[str, str, list[str]]]:
    return [(r.id, r.title, r.articles) for r in b.rounds]


def test_a_sidecar_restating_inferred_dates_changes_no_round(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = briefing_of(root)
    inferred = {a.id: a.date for a in before.articles if a.date_basis != "editor"}
    assert inferred and all(inferred.values())
    for aid, day in inferred.items():
        (root / "seeds" / f"{aid}.md").write_text(f"---\ndate: {day}\n---\n", encoding="utf-8")
    after = briefing_of(root)
    assert rounds_of(after) == rounds_of(before)
    assert {a.id: a.round for a in after.articles} == {a.id: a.round for a in before.articles}
    assert {a.id: (a.date, a.date_basis) for a in after.articles} == {
        aid: (day, "editor") for aid, day in inferred.items()
    }
    assert not [d for d in after.diagnostics if "is now" in d.message]


def test_a_story_saying_the_next_round_is_not_set_adds_no_round(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = rounds_of(briefing_of(root))
    (root / "seeds" / "005_no_date_yet.txt").write_text(
        " date 2026-02-12 WORLD\n"
        "No date yet for a third round\n\n"
        "A date for a third round of talks in Abu Dhabi has not been set, a spokesman "
        "for the mediators said, adding that both delegations had reported to their leaders.\n",
        encoding="utf-8",
    )
    after = briefing_of(root)
    assert rounds_of(after) == before
    assert next(a for a in after.articles if a.id == "005_no_date_yet").round is None


def test_a_note_on_a_round_whose_start_moved_resolves_and_its_old_page_redirects(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    out = tmp_path / "site"
    build(load_config(root), out, search=False)
    old = "2026-01-23-abu-dhabi"
    assert (out / "rounds" / old / "index.html").read_text(encoding="utf-8").count("<html") == 1
    # a new story shows the first round began a day earlier
    (root / "seeds" / "005_first_day.txt").write_text(
        " date 2026-01-22 WORLD\n"
        "Envoys gather for talks\n\n"
        "Negotiators began talks in Abu Dhabi on Thursday, officials said.\n\n"
        "The talks in Abu Dhabi were held behind closed doors on Thursday.\n",
        encoding="utf-8",
    )
    result = build(load_config(root), out, search=False)
    new = "2026-01-22-abu-dhabi"
    warnings = [str(d) for d in result.diagnostics if "is now" in d.message]
    assert warnings == [
        f"content/rounds/first-round.md:3: about: round '{old}' is now '{new}'; "
        f"write 'about: round:{new}'"
    ]
    page = (out / "rounds" / old / "index.html").read_text(encoding="utf-8")
    assert f'http-equiv="refresh" content="0; url=/rounds/{new}/"' in page
    assert (out / "rounds" / new / "index.html").is_file()
    b = briefing_of(root)
    (note,) = [n for n in b.notes if n.path == "content/rounds/first-round.md"]
    assert note.about == f"round:{new}"
    # the project remembers the move: a fresh build elsewhere makes the same redirect
    cold = tmp_path / "cold"
    build(load_config(root), cold, search=False, use_cache=False)
    assert (cold / "rounds" / old / "index.html").read_bytes() == page.encode("utf-8")


def test_a_note_on_an_actor_renamed_by_an_editor_resolves(tmp_path: Path) -> None:
    root = project(tmp_path)
    # the editor files the person under a shorter name: the actor's id becomes "umerov"
    (root / "content" / "actors" / "rustem-umerov.md").rename(
        root / "content" / "actors" / "umerov.md"
    )
    (root / "content" / "note-on-umerov.md").write_text(
        "---\ntitle: On the delegation head\nabout: actor:rustem-umerov\n---\nA note.\n",
        encoding="utf-8",
    )
    b = briefing_of(root)
    (note,) = [n for n in b.notes if n.path == "content/note-on-umerov.md"]
    assert note.about == "actor:umerov"
    assert [d.message for d in b.diagnostics if "is now" in d.message] == [
        "about: actor 'rustem-umerov' is now 'umerov'; write 'about: actor:umerov'"
    ]
