"""The build stamp: a build may be skipped only when nothing it reads or wrote has changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import sitegen.build
from sitegen.build import BuildResult, build
from sitegen.config import load_config
from sitegen.models import Diagnostic
from sitegen.output.stamp import (
    KEEP_STAMPS,
    Stamp,
    forget,
    inputs_digest,
    output_manifest,
    read_stamp,
    still_fresh,
    write_stamp,
)
from tests.conftest import REPO


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "seeds" / "000_920f42d0087abd68.txt", root / "seeds")
    (root / "site.yaml").write_text("title: Talks\n", encoding="utf-8")
    return root


def digest(root: Path, **switches: bool) -> str:
    return inputs_digest(
        load_config(root),
        strict=switches.get("strict", False),
        search=switches.get("search", True),
    )


def test_digest_is_stable_and_follows_every_input(project: Path) -> None:
    first = digest(project)
    assert digest(project) == first
    seed = next((project / "seeds").glob("*.txt"))
    seed.write_bytes(seed.read_bytes() + b" ")
    after_seed = digest(project)
    assert after_seed != first
    (project / "templates").mkdir()
    (project / "templates" / "base.html").write_text("{{ x }}", encoding="utf-8")
    after_template = digest(project)
    assert after_template != after_seed
    (project / "content" / "notes").mkdir(parents=True)
    (project / "content" / "notes" / "a.md").write_text("# A\n", encoding="utf-8")
    after_note = digest(project)
    assert after_note != after_template
    (project / "site.yaml").write_text("title: Other talks\n", encoding="utf-8")
    assert digest(project) != after_note
    assert digest(project, strict=True) != digest(project)
    assert digest(project, search=False) != digest(project)


def test_digest_follows_the_base_url(project: Path) -> None:
    a = inputs_digest(load_config(project), strict=False, search=True)
    b = inputs_digest(load_config(project, base_url="/briefing/"), strict=False, search=True)
    assert a != b


def _stamp(inputs: str, out: Path) -> Stamp:
    return Stamp(
        inputs=inputs,
        files=output_manifest(out),
        pages=3,
        outputs=2,
        articles=1,
        search=False,
        diagnostics=[Diagnostic("seeds/x.txt", 4, "odd line"), Diagnostic("a.md", None, "bad")],
    )


def test_stamp_round_trips_and_fresh_only_while_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    (out / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    path = tmp_path / "cache" / "builds" / "x.json"
    stamp = _stamp("abc", out)
    write_stamp(path, stamp)
    assert read_stamp(path) == stamp
    assert still_fresh(path, "abc", out) == stamp
    assert still_fresh(path, "abd", out) is None  # other inputs
    (out / "a" / "index.html").write_text("<p>b</p>", encoding="utf-8")  # edited by hand
    assert still_fresh(path, "abc", out) is None
    write_stamp(path, _stamp("abc", out))
    (out / "a" / "index.html").unlink()  # deleted by hand
    assert still_fresh(path, "abc", out) is None
    write_stamp(path, _stamp("abc", out))
    (out / "extra.html").write_text("", encoding="utf-8")  # added by hand
    assert still_fresh(path, "abc", out) is None
    forget(path)
    assert read_stamp(path) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"schema": 1}',
        '{"schema": 1, "inputs": "a", "files": {"x": [1, 2]}, "pages": 1, "outputs": 1, '
        '"articles": 1, "search": false, "diagnostics": []}',
        '{"schema": 1, "inputs": "a", "files": {}, "pages": "1", "outputs": 1, '
        '"articles": 1, "search": false, "diagnostics": []}',
        '{"schema": 1, "inputs": "a", "files": {}, "pages": 1, "outputs": 1, '
        '"articles": 1, "search": false, "diagnostics": [{"file": "x", "line": 1, "message": "m", '
        '"level": "fatal"}]}',
    ],
)
def test_a_damaged_stamp_is_no_stamp(tmp_path: Path, text: str) -> None:
    path = tmp_path / "stamp.json"
    path.write_text(text, encoding="utf-8")
    assert read_stamp(path) is None
    assert still_fresh(path, "a", tmp_path) is None


def test_old_stamps_are_dropped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    folder = tmp_path / "builds"
    for n in range(KEEP_STAMPS + 3):
        path = folder / f"{n:02d}.json"
        write_stamp(path, _stamp("abc", out))
        os.utime(path, ns=(n * 10**9, n * 10**9))
    write_stamp(folder / "last.json", _stamp("abc", out))
    kept = sorted(p.name for p in folder.glob("*.json"))
    assert len(kept) == KEEP_STAMPS
    assert "last.json" in kept and "00.json" not in kept


def _build(project: Path, out: Path, **kwargs: bool) -> BuildResult:
    return build(load_config(project), out, search=False, **kwargs)


def test_build_skips_when_nothing_changed_and_rebuilds_on_any_change(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    first = _build(project, out)
    assert first.written > 0
    calls: list[str] = []
    real = sitegen.build.load_briefing

    def counting(*args: object, **kwargs: object) -> object:
        calls.append("load")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.build, "load_briefing", counting)
    again = _build(project, out)
    assert calls == []  # skipped: nothing was read or rendered
    assert (again.pages, again.articles, again.written) == (first.pages, first.articles, 0)
    assert again.unchanged == first.written + first.unchanged
    # a file removed from the output by hand comes back
    (out / "index.html").unlink()
    _build(project, out)
    assert calls == ["load"] and (out / "index.html").is_file()
    # an edited article is rebuilt
    seed = next((project / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _build(project, out)
    assert calls == ["load", "load"]
    # --no-cache always builds
    _build(project, out, use_cache=False)
    assert calls == ["load", "load", "load"]


def test_library_versions_are_read_as_importlib_metadata_reads_them() -> None:
    """The stamp reads versions from the names of ``*.dist-info`` folders (importing
    ``importlib.metadata`` cost a warm build a fifth of its start-up)."""
    import importlib.metadata

    from sitegen.output.stamp import LIBRARIES, _version

    for name in (*LIBRARIES, "pagefind_bin", "no-such-library-here"):
        try:
            expected = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            expected = "-"
        assert _version(name) == expected, name


WARM = """
import sys
from sitegen.cli import main
code = main(["build", sys.argv[1], "-o", sys.argv[2], "-q"])
print(code, " ".join(sorted(sys.modules)))
"""


def test_a_warm_build_checks_the_stamp_before_importing_the_pipeline(
    project: Path, tmp_path: Path
) -> None:
    """Nothing changed: the command answers from the stamp without importing
    extraction, gathering, rendering or Jinja (most of a warm build's time)."""
    import subprocess
    import sys

    out = tmp_path / "site"
    argv = [sys.executable, "-c", WARM, str(project), str(out)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cold = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    assert cold.stdout.split()[0] == "0" and "sitegen.build" in cold.stdout.split()
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    code, *modules = warm.stdout.split()
    assert code == "0"
    heavy = ("sitegen.build", "sitegen.extract", "sitegen.brief.gather", "sitegen.site", "jinja2")
    assert not [m for m in modules if m.startswith(heavy)]
    assert "sitegen.output.uptodate" in modules


def test_the_old_output_is_removed_only_after_the_summary(project: Path, tmp_path: Path) -> None:
    """The build is done, and says so, once the new site is in place; the tree it
    replaced goes after that (and never before: a failed build leaves it whole)."""
    out = tmp_path / "site"
    _build(project, out)
    (project / "site.yaml").write_text("title: Talks, again\n", encoding="utf-8")
    backup = tmp_path / ".site.sitegen-old"
    seen: list[tuple[str, bool]] = []

    def line(text: str) -> None:
        seen.append((text.split()[0], backup.is_dir()))

    build(load_config(project), out, search=False, progress=line)
    assert ("built", True) in seen  # the summary came while the old tree was still there
    assert not backup.exists()
    assert "Talks, again" in (out / "index.html").read_text(encoding="utf-8")
