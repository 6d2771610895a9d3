"""Templates compiled in a forked child while the briefing is gathered: the renderer
then compiles nothing itself, and renders the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from sitegen.config import Config
from sitegen.site.precompile import precompile
from sitegen.site.render import Renderer
from tests.sitefixtures import make_briefing


def test_the_renderer_uses_what_the_child_compiled_and_renders_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(root=tmp_path)
    plain = Renderer(make_briefing(), config, cache=False).render(workers=1)
    started = precompile(config.templates_dir)
    if started is None:  # no fork here: the renderer compiles, as above
        return
    compiled = started.result()
    assert compiled is not None and len(compiled.code) >= 19
    assert not started.path.exists()  # the file it came in is gone
    compiles: list[str] = []
    real = Environment.compile

    def counting(self: Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        compiles.append(name or "")
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(Environment, "compile", counting)
    again = Renderer(make_briefing(), config, cache=False, compiled=compiled).render(workers=1)
    assert compiles == []
    assert again.files == plain.files


def test_a_template_that_does_not_compile_is_left_to_the_renderer(tmp_path: Path) -> None:
    """The child fails quietly; the build compiles it itself and says what is wrong."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "home.html").write_text("{% if %}", encoding="utf-8")
    started = precompile(tmp_path / "templates")
    if started is None:
        return
    assert started.result() is None and started.result() is None
    assert not started.path.exists()
