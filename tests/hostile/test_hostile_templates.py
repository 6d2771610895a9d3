"""Issue 13, low: a project's template overrides ran as unsandboxed Jinja and followed
symbolic links out of the project. Now they run in Jinja's ``SandboxedEnvironment``
and are read only from regular files inside ``templates/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.crafted import ARTICLE, crafted_clone, sitegen, snapshot

ESCAPES = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals-os": "{{ cycler.__init__.__globals__.os.system('touch {ran}') }}",
    "self-module": "{{ self._TemplateReference__context.environment.__class__ }}",
}


@pytest.mark.parametrize("how", sorted(ESCAPES))
def test_low_project_templates_run_sandboxed(tmp_path: Path, how: str) -> None:
    ran = tmp_path / "command-ran"
    page = "{% extends 'base.html' %}{% block content %}" + ESCAPES[how] + "{% endblock %}\n"
    clone = crafted_clone(
        tmp_path,
        {"seeds/talks.txt": ARTICLE, "templates/404.html": page.replace("{ran}", str(ran))},
        {},
    )
    done = sitegen("build", str(clone))
    assert done.returncode == 1
    assert "error: templates/404.html" in done.stderr and "unsafe" in done.stderr
    assert "Traceback" not in done.stderr
    assert not ran.exists()


def test_low_a_symlinked_template_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("TOP-SECRET {{ page.title }}\n")
    clone = crafted_clone(
        tmp_path, {"seeds/talks.txt": ARTICLE}, {"templates/404.html": str(secret)}
    )
    outside = snapshot(tmp_path, skip=lambda p: p == clone)
    done = sitegen("build", str(clone))
    assert done.returncode == 1
    assert "templates/404.html" in done.stderr and "symbolic link" in done.stderr
    assert not (clone / "_site").exists()
    assert snapshot(tmp_path, skip=lambda p: p == clone) == outside


def test_low_an_ordinary_override_still_renders(tmp_path: Path) -> None:
    page = (
        "{% extends 'base.html' %}{% block content %}<p>Lost: {{ page.title }}</p>{% endblock %}\n"
    )
    clone = crafted_clone(tmp_path, {"seeds/talks.txt": ARTICLE, "templates/404.html": page}, {})
    done = sitegen("build", str(clone))
    assert done.returncode == 0, done.stderr
    assert "<p>Lost: Page not found</p>" in (clone / "_site" / "404.html").read_text()
