"""Page-level incremental rendering gives the bytes a cold build gives, and renders less.

Each case edits a generated project the way an editor would (a new paragraph with
a quotation, a changed date, an article removed or added) and compares the
incremental build with a cold build of the same project, file by file.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.ingest import pool
from sitegen.models import Actor, Briefing, Evidence, Quote, StickingPoint
from sitegen.site.pagecache import Digester, digest, index_path, load_index
from sitegen.site.pagereads import plain, plain_list
from sitegen.site.pages import Rendered
from sitegen.site.render import Renderer
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


def _add_background(project: Path) -> None:
    """A paragraph that states no fact: only its source page changes."""
    path = _seeds(project)[len(_seeds(project)) // 2]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nThe weather in the city was mild for the season.\n")


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
@pytest.fixture
def work(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project to edit, built with a fixed build date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    copy = tmp_path / "p"
    shutil.copytree(project, copy)
    return copy


@pytest.mark.parametrize(
    ("edit", "kept"),
    [
        (_add_quote, True),
        (_add_background, True),
        (_change_date, None),
        (_remove, False),
        (_add, False),
    ],
)
def test_incremental_build_equals_a_cold_build(
    work: Path, tmp_path: Path, edit: Callable[[Path], None], kept: bool | None
) -> None:
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
    if edit is _add_background:  # the hubs too are kept: only the edited source is rendered
        assert again.pages - again.kept == 3  # it, and the search and 404 pages


def test_a_page_changed_by_hand_is_rendered_again(work: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(load_config(work), out, search=False)
    index = load_index(index_path(load_config(work), out))
    page = next(name for name in sorted(index.pages) if name.startswith("sources/"))
    right = (out / page).read_bytes()
    (out / page).write_bytes(b"<p>edited by hand</p>")
    _add_quote(work)  # some input must change, or the stamp skips the build
    build(load_config(work), out, search=False)
    assert (out / page).read_bytes() == right


def test_no_page_is_kept_without_the_cache(work: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(load_config(work), out, search=False)
    _add_quote(work)
    assert build(load_config(work), out, search=False, use_cache=False).kept == 0


def test_own_templates_turn_the_page_cache_off(work: Path, tmp_path: Path) -> None:
    (work / "templates").mkdir()
    package = REPO / "sitegen" / "site" / "templates" / "source.html"
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


FORKED = """
import sys
import pytest
from sitegen.ingest import pool
pool.MIN_ITEMS_PER_WORKER = 2
pool.cores = lambda: 2
assert pool._fork_context() is not None, "a fresh process runs no other thread"
table = {i: f"page {i}" for i in range(50)}  # inherited by the workers, never pickled
assert pool.map_forked(lambda i: table[i], 50) == [table[i] for i in range(50)]
def fail(i):
    if i == 31:
        raise ValueError("bad page 31")
    return "ok"
with pytest.raises(ValueError, match="bad page 31"):
    pool.map_forked(fail, 50)
print("forked ok")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers are used on Linux only")
def test_map_forked_keeps_the_order_and_raises_errors() -> None:
    """In a fresh process: this one may run other tests' threads, and then the pool
    (rightly) does not fork."""
    proc = subprocess.run(
        [sys.executable, "-c", FORKED],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "forked ok"


def test_map_forked_leaves_small_batches_to_the_caller() -> None:
    assert pool.map_forked(lambda i: i, 3) is None
    assert pool.map_forked(lambda i: i, 500, workers=1) is None


def test_party_positions_are_the_partys_share_of_all_positions(project: Path) -> None:
    from sitegen.brief.gather import load_briefing
    from sitegen.site.views import SiteIndex

    site = SiteIndex(load_briefing(load_config(project), use_cache=False))
    assert any(site.party_positions(p) for p in site.parties_sorted)
    for party in site.parties_sorted:
        assert site.party_positions(party) == [x for x in site.positions if x.party == party.id]


# ------------------------------------------------------------------ keys cover what pages show


def _first_participant(b: Briefing) -> Actor:
    """Someone who took part in a round that has a round after it (named on both pages)."""
    ids = {a for r in b.rounds[:-1] for a in r.participants}
    return next(a for a in b.actors if a.id in ids)


def _rename_participant(b: Briefing) -> None:
    _first_participant(b).name = "Idris Vantero"


def _new_role(b: Briefing) -> None:
    _first_participant(b).roles.insert(0, "special envoy")


def _new_side(b: Briefing) -> None:
    actor = next(a for a in b.actors if a.side)
    actor.side = next(p.id for p in b.parties if p.id != actor.side)


def _shift_stance(b: Briefing) -> None:
    pos = b.positions[len(b.positions) // 2]
    pos.stance = "accepts" if pos.stance != "accepts" else "rejects"


def _drop_position(b: Briefing) -> None:
    del b.positions[0]


def _reword_quote(b: Briefing) -> None:
    b.quotes[-1].text = "We will return to the table only with guarantees"


def _retitle_article(b: Briefing) -> None:
    b.articles[len(b.articles) // 2].title = "Talks stall over monitoring"


def _redate_article(b: Briefing) -> None:
    art = next(a for a in b.articles if a.date)
    art.date = art.date + dt.timedelta(days=1) if art.date else None


def _rename_round_place(b: Briefing) -> None:
    b.rounds[1].location = "Doha"


def _rename_party(b: Briefing) -> None:
    b.parties[0].name = "The Republic"


def _relabel_issue(b: Briefing) -> None:
    b.sticking_points[0].label = "prisoner exchanges"


def _reword_issue_evidence(b: Briefing) -> None:
    point = next(s for s in b.sticking_points if s.evidence)
    point.evidence[0].text = point.evidence[0].text + " (updated)"


def _drop_participant(b: Briefing) -> None:
    r = next(r for r in b.rounds[1:] if r.participants)
    r.participants.pop()


@pytest.fixture(scope="module")
def corpus_briefing(project: Path) -> Briefing:
    from sitegen.brief.gather import load_briefing

    return load_briefing(load_config(project), use_cache=False)


# Party and sticking point names are in every page's key (any page may link to them).
@pytest.mark.parametrize(
    ("edit", "local"),
    [
        (_rename_participant, True),
        (_new_role, True),
        (_new_side, True),
        (_shift_stance, True),
        (_drop_position, True),
        (_reword_quote, True),
        (_retitle_article, True),
        (_redate_article, True),
        (_rename_round_place, True),
        (_rename_party, False),
        (_relabel_issue, False),
        (_reword_issue_evidence, True),
        (_drop_participant, True),
    ],
)
def test_a_page_whose_key_is_unchanged_renders_the_same(
    corpus_briefing: Briefing, tmp_path: Path, edit: Callable[[Briefing], None], local: bool
) -> None:
    """What a key leaves out would leave a stale page in the site: after each edit of
    the briefing, every page with the key of before must have the bytes of before."""
    config = Config(root=tmp_path)

    def render(b: Briefing) -> Rendered:
        return Renderer(b, config).render(lambda _file, _key: False, workers=1)

    before = render(corpus_briefing)
    changed = copy.deepcopy(corpus_briefing)
    edit(changed)
    after = render(changed)
    same_key = [f for f, key in after.keys.items() if before.keys.get(f) == key]
    assert [f for f in same_key if after.files[f] != before.files[f]] == []
    assert any(after.files[f] != before.files[f] for f in after.keys)  # the edit shows
    if local:  # and most pages are still known unchanged
        assert len(same_key) > len(after.keys) // 3


def test_hub_pages_have_keys(corpus_briefing: Briefing, tmp_path: Path) -> None:
    keys = Renderer(corpus_briefing, Config(root=tmp_path)).render(lambda _f, _k: False).keys
    for page in ("index.html", "parties/index.html", "issues/index.html", "sources/index.html"):
        assert page in keys
    assert any(page.startswith("parties/") and page != "parties/index.html" for page in keys)
    assert "search/index.html" not in keys  # rendered every time


# ------------------------------------------------------------------ records by value


def _quote() -> Quote:
    cite = Evidence("gaza-doha-03", 4, "Mediators said the truce would hold, officials said.")
    return Quote("q-1", "gaza-doha-03", "The truce will hold", cite, "mediator-a", "actor")


def test_a_record_hashes_by_every_field_including_its_citation() -> None:
    """A kept page is right only if each field of each record it shows is in its key."""
    digester = Digester()
    first = digester.record(_quote())
    assert Digester().record(_quote()) == first  # equal values, other objects
    changes: list[Callable[[Quote], None]] = [
        lambda q: setattr(q, "text", "The truce will not hold"),
        lambda q: setattr(q, "speaker", None),
        lambda q: setattr(q, "speaker_kind", "party"),
        lambda q: setattr(q.sentence, "sentence", 5),
        lambda q: setattr(q.sentence, "article", "gaza-doha-04"),
    ]
    for change in changes:
        q = _quote()
        change(q)
        assert Digester().record(q) != first


def test_plain_keeps_lists_of_citations_and_their_order() -> None:
    a = Evidence("sudan-jeddah-01", 2, "Both sides agreed to a ceasefire.")
    b = Evidence("sudan-jeddah-02", 0, "The army rejected the proposal.")
    issue = StickingPoint("ceasefire", "ceasefire", [a, b])
    swapped = StickingPoint("ceasefire", "ceasefire", [b, a])
    assert plain(issue) == (
        "StickingPoint",
        "ceasefire",
        "ceasefire",
        ("Evidence", [tuple(vars_of(a)), tuple(vars_of(b))]),
        "",
        False,  # contested
        {},  # contested round by round
    )
    assert plain(issue) != plain(swapped)
    assert plain_list([a, "not a citation"]) == [a, "not a citation"]  # left to pickle


def vars_of(ev: Evidence) -> list[object]:
    return [ev.article, ev.sentence, ev.text]
