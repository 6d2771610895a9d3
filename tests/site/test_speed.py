"""The render phase's shortcuts give what the long way gives: the compiled-template
cache, the export writer and the lookups the templates use instead of scans."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.models import Quote
from sitegen.output.export import briefing_to_dict, dumps
from sitegen.site.filters import round_filters
from sitegen.site.htmltidy import BLOCK_END, tidy
from sitegen.site.render import Renderer
from sitegen.site.templating import make_env
from sitegen.site.views import SiteIndex
from tests.sitefixtures import ev, make_briefing

# ------------------------------------------------------------------ compiled templates


def test_compiled_templates_are_kept_in_the_project_cache(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    first = Renderer(make_briefing(), config).render()
    kept = list((config.cache_dir / "templates").rglob("*.cache"))
    assert kept  # one file per template, in a folder named after jinja2 and the code
    again = Renderer(make_briefing(), config).render()
    assert again.files == first.files


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    (tmp_path / "templates").mkdir()
    own = tmp_path / "templates" / "404.html"
    own.write_text("lost: {{ page.title }}\n")
    assert Renderer(make_briefing(), config).render().files["404.html"] == b"lost: Page not found\n"
    own.write_text("gone: {{ page.title }}\n")
    assert Renderer(make_briefing(), config).render().files["404.html"] == b"gone: Page not found\n"


def test_a_damaged_or_read_only_cache_only_means_compiling(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    right = Renderer(make_briefing(), config).render().files
    for entry in (config.cache_dir / "templates").rglob("*.cache"):
        entry.write_bytes(b"not bytecode")
    assert Renderer(make_briefing(), config).render().files == right
    folder = next((config.cache_dir / "templates").iterdir())
    shutil.rmtree(folder)
    folder.write_bytes(b"")  # unwritable even for root: the cache folder is a file
    assert Renderer(make_briefing(), config).render().files == right
    assert folder.is_file() and folder.read_bytes() == b""


def test_other_versions_cache_folders_are_removed(tmp_path: Path) -> None:
    old = tmp_path / "cache" / "templates" / "jinja0.0-old"
    old.mkdir(parents=True)
    (old / "__jinja2_x.cache").write_bytes(b"stale")
    env = make_env(None, tmp_path / "cache")
    env.get_template("404.html")
    assert not old.exists()
    assert list((tmp_path / "cache" / "templates").iterdir())


def test_without_a_cache_nothing_is_written(tmp_path: Path) -> None:
    Renderer(make_briefing(), Config(root=tmp_path), cache=False).render()
    assert not (tmp_path / ".cache").exists()


# ------------------------------------------------------------------ the export


def test_export_is_json_dumps_with_indent_byte_for_byte() -> None:
    b = make_briefing()
    art = b.articles[0]
    odd = 'Tab\there, "quotes", back\\slash, \x1b escape, café, 東京, \u2028 and 🙂'
    b.quotes.append(Quote("q-odd", art.id, odd, ev(art, 0), None, None))
    b.title = odd
    text = dumps(b)
    assert text == json.dumps(briefing_to_dict(b), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["quotes"][-1]["text"] == odd
    assert '"speaker": null' in text and "[]" in text  # empty lists and nulls as json writes them


def test_export_leaves_unusual_values_to_the_json_module() -> None:
    b = make_briefing()
    b.rounds[0].ordinal = 2.5  # type: ignore[assignment]  # a float where an int belongs
    assert dumps(b) == json.dumps(briefing_to_dict(b), ensure_ascii=False, indent=2) + "\n"
    assert '"ordinal": 2.5' in dumps(b)


# ------------------------------------------------------------------ lookups instead of scans


def test_round_filters_name_everyone_the_rounds_reports_name() -> None:
    site = SiteIndex(make_briefing())
    for r in site.rounds_sorted:
        named = {a.id for a in site.actors_sorted if set(r.articles) & set(a.articles)}
        expected = sorted({site.actors[a].name for a in named | set(r.participants)})
        assert round_filters(site, r)["actor"] == expected
    assert any(round_filters(site, r)["actor"] for r in site.rounds_sorted)


def test_actor_evidence_in_one_article_keeps_the_actors_order() -> None:
    site = SiteIndex(make_briefing())
    found = 0
    for a in site.actors_sorted:
        for art in site.articles_sorted:
            expected = [e for e in a.evidence if e.article == art.id]
            assert site.actor_evidence_in(a, art.id) == expected
            found += len(expected)
    assert found


# ------------------------------------------------------------------ page tidying


def _tidy_by_regex(html: str) -> str:
    """How pages were tidied before: one regular expression per step, on the text."""
    html = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f]", "", html)
    return BLOCK_END.sub("\\1\n", re.sub(r"\n\s*\n+", "\n", html))


@pytest.mark.parametrize(
    "html",
    [
        "<p>plain</p><p>text</p>",
        "a\n\x01\n<li>x</li>\x1b<p>y\x7f</p>\n\xa0\n<dt>\x0b</dt>\x0c<dd>café 🙂</dd>",
        "<td>\x1c\x1d\x1e\x1f</td>\n\t\n\r\n<th>東京\x08</th><tr>",
        "\x00<h2>Tab\there</h2>\n \n\n<h3>x</h3>",
    ],
)
def test_tidy_gives_what_the_regular_expressions_gave(html: str) -> None:
    assert tidy(html) == _tidy_by_regex(html)
