"""The house by stage stays true: imports only run downward, no cycles, short modules.

``docs/architecture.md`` describes the stages; these tests read every module's
imports (with ``ast``, nothing is imported) so that a shortcut from one stage to a
later one, an import cycle or a grab-bag module fails the suite instead of
creeping in unseen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "sitegen"
STAGES = ("ingest", "extract", "brief", "site", "output", "serve")
"""In pipeline order: a stage may import the ones before it, never one after."""
SHARED = {"sitegen", "sitegen.models", "sitegen.errors", "sitegen.config", "sitegen.data"}
"""What every stage may import (``sitegen`` itself only holds the version)."""
COMMANDS = ("sitegen.cli", "sitegen.build", "sitegen.check")
TOP_LEVEL = {"__init__.py", "models.py", "errors.py", "config.py", "cli.py", "build.py", "check.py"}
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(module: str, path: Path) -> Iterator[str]:
    """Every sitegen module ``module`` imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # ``from pkg import mod`` imports the module ``pkg.mod`` when there is one.
            found = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        yield from (name for name in found if name == "sitegen" or name.startswith("sitegen."))


GRAPH = {module: set(_targets(module, path)) - {module} for module, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def _allowed(module: str, target: str) -> bool:
    """Whether ``module`` may import ``target`` under the stage rules."""
    stage, other = _stage(module), _stage(target)
    if module in SHARED:
        return target in SHARED
    if stage == "ingest":
        return other == "ingest" or target in {"sitegen.models", "sitegen.errors", "sitegen.data"}
    if target in SHARED:
        return True
    if stage is not None:
        if stage == "serve":
            return target != "sitegen.cli"
        return other is not None and STAGES.index(other) <= STAGES.index(stage)
    if module == "sitegen.cli":
        return True
    # build and check drive the stages but never the preview; check checks a build.
    if target == "sitegen.build":
        return module == "sitegen.check"
    return other is not None and other != "serve"


def test_the_rules_see_the_whole_package() -> None:
    """A guard for the guard: the parser finds the imports the pipeline is known to have."""
    assert "sitegen.ingest.articles" in GRAPH["sitegen.brief.gather"]
    assert "sitegen.site.urls" in GRAPH["sitegen.build"]
    assert all(_stage(m) is not None or m in SHARED or m in COMMANDS for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_only_downward(module: str) -> None:
    wrong = sorted(t for t in GRAPH[module] if not _allowed(module, t))
    assert not wrong, f"{module} imports a later stage (see docs/architecture.md): {wrong}"


def test_the_rules_refuse_an_import_upward() -> None:
    assert not _allowed("sitegen.ingest.articles", "sitegen.config")
    assert not _allowed("sitegen.extract.people", "sitegen.brief.actors")
    assert not _allowed("sitegen.site.render", "sitegen.output.write")
    assert not _allowed("sitegen.build", "sitegen.serve.liveindex")
    assert not _allowed("sitegen.models", "sitegen.site.urls")
    assert _allowed("sitegen.serve.preview", "sitegen.build")
    assert _allowed("sitegen.output.write", "sitegen.site.pages")


def test_no_import_cycle() -> None:
    """Depth-first search over the module graph; a back edge is a cycle."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state:
            cycle = visit(module)
            assert cycle is None, " -> ".join(cycle)


def test_no_module_is_over_the_limit() -> None:
    lines = {m: len(p.read_text("utf-8").splitlines()) for m, p in MODULES.items()}
    long = {m: n for m, n in lines.items() if n > MAX_LINES}
    assert not long, f"split these by concern (at most {MAX_LINES} lines): {long}"


def test_the_top_holds_only_shared_modules_and_commands() -> None:
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL, f"put these in their stage's package: {sorted(top - TOP_LEVEL)}"
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {*STAGES, "data"}


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_comes_in_and_goes_out(stage: str) -> None:
    """Its ``__init__.py`` opens with what comes in ``->`` what goes out."""
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
    assert doc and "->" in doc.splitlines()[0], stage
