"""Page-level incremental rendering gives the bytes a cold build gives, and renders less.

Each case edits a generated project the way an editor would (a new paragraph with
a quotation, a changed date, an article removed or added) and compares the
incremental build with a cold build of the same project, file by file.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen import pool
from sitegen.build import build
from sitegen.config import load_config
from sitegen.pagecache import digest, index_path, load_index
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import make_corpus  # noqa: E402


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _seeds(project: Path) -> list[Path]:
    return sorted((project / "seeds").glob("*.txt"))


def _add_quote(project: Path) -> None:
    path = _seeds(project)[7]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    extra = '"We will not sign anything that leaves our people without security," he said.'
    path.write_text(f"{text}\n\nOfficials said talks would resume next week.\n\n{extra}\n")


def _change_date(project: Path) -> None:
    path = next(p for p in _seeds(project) if p.read_text().startswith(" date "))
    lines = path.read_text(encoding="utf-8").split("\n")
    year = int(lines[0].split()[1][:4])
    lines[0] = lines[0].replace(str(year), str(year - 1), 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _remove(project: Path) -> None:
    _seeds(project)[3].unlink()


def _add(project: Path) -> None:
    source = _seeds(project)[11]
    text = source.read_text(encoding="utf-8").replace("said", "told reporters", 1)
    (project / "seeds" / "zz-new-report.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("corpus")
    make_corpus.write_corpus(45, base)
    return base / "sitegen"


# A report added or removed changes every page's footer ("Built from N news reports").
@pytest.mark.parametrize(
    ("edit", "kept"), [(_add_quote, True), (_change_date, None), (_remove, False), (_add, False)]
)
def test_incremental_build_equals_a_cold_build(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path], None],
    kept: bool | None,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    work = tmp_path / "p"
    shutil.copytree(project, work)
    out = tmp_path / "out"
    first = build(load_config(work), out, search=False)
    assert first.kept == 0 and first.pages > 45
    edit(work)
    again = build(load_config(work), out, search=False)
    cold_out = tmp_path / "cold"
    cold = build(load_config(work), cold_out, search=False, use_cache=False)
    assert again.pages == cold.pages
    if kept:
        assert again.pages / 2 < again.kept < again.pages  # most pages kept, some rendered
    elif kept is False:
        assert again.kept == 0
    incremental, fresh = _tree(out), _tree(cold_out)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if incremental[name] != fresh[name]] == []


def test_a_page_changed_by_hand_is_rendered_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    work = tmp_path / "p"
    shutil.copytree(project, work)
    out = tmp_path / "out"
    build(load_config(work), out, search=False)
    index = load_index(index_path(load_config(work), out))
    page = next(name for name in sorted(index) if name.startswith("sources/"))
    right = (out / page).read_bytes()
    (out / page).write_bytes(b"<p>edited by hand</p>")
    _add_quote(work)  # some input must change, or the stamp skips the build
    build(load_config(work), out, search=False)
    assert (out / page).read_bytes() == right


def test_no_page_is_kept_without_the_cache(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    work = tmp_path / "p"
    shutil.copytree(project, work)
    out = tmp_path / "out"
    build(load_config(work), out, search=False)
    _add_quote(work)
    assert build(load_config(work), out, search=False, use_cache=False).kept == 0


def test_own_templates_turn_the_page_cache_off(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    work = tmp_path / "p"
    shutil.copytree(project, work)
    (work / "templates").mkdir()
    package = REPO / "sitegen" / "templates" / "source.html"
    (work / "templates" / "source.html").write_text(package.read_text().replace("Source S", "S"))
    out = tmp_path / "out"
    build(load_config(work), out, search=False)
    _add_quote(work)
    assert build(load_config(work), out, search=False).kept == 0


def test_digest_depends_on_values_not_on_shared_objects() -> None:
    word = "".join(["cease", "fire"])
    shared = [word, word]
    separate = [word, "".join(["cease", "fire"])]
    assert digest(shared) == digest(separate)
    assert digest(["ceasefire"]) != digest(["ceasefire "])


# ------------------------------------------------------------------ forked workers


def test_map_forked_keeps_the_order_and_raises_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_ITEMS_PER_WORKER", 2)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    if pool._fork_context() is None:
        pytest.skip("fork is not available or other threads run here")
    table = {i: f"page {i}" for i in range(50)}  # inherited by the workers, never pickled
    assert pool.map_forked(lambda i: table[i], 50) == [table[i] for i in range(50)]

    def fail(i: int) -> str:
        if i == 31:
            raise ValueError("bad page 31")
        return "ok"

    with pytest.raises(ValueError, match="bad page 31"):
        pool.map_forked(fail, 50)


def test_map_forked_leaves_small_batches_to_the_caller() -> None:
    assert pool.map_forked(lambda i: i, 3) is None
    assert pool.map_forked(lambda i: i, 500, workers=1) is None


def test_party_positions_are_the_partys_share_of_all_positions(project: Path) -> None:
    from sitegen.briefing import load_briefing
    from sitegen.views import SiteIndex

    site = SiteIndex(load_briefing(load_config(project), use_cache=False))
    assert any(site.party_positions(p) for p in site.parties_sorted)
    for party in site.parties_sorted:
        assert site.party_positions(party) == [x for x in site.positions if x.party == party.id]
