"""The HTML pieces built in Python (``sitegen.site.htmlbits``) write exactly what the Jinja
macros they replaced wrote, escape everything from the articles, and a project's
own ``macros.html`` can still redefine them."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from jinja2 import pass_context, pass_environment
from markupsafe import Markup

from sitegen.config import Config
from sitegen.models import Briefing, Evidence, Position
from sitegen.site.render import Renderer
from tests.conftest import REPO, TESTS
from tests.sitefixtures import make_briefing

OLD_MACROS = (TESTS / "templates_before" / "macros.html").read_text("utf-8")
"""The macros as they were in templates/macros.html before they moved to Python."""

HOSTILE = "<script>alert(1)</script> \"q\" & 'a'"


def hostile_briefing() -> Briefing:
    """The fixture briefing with markup, quotes and ampersands in every shown field,
    and facts pointing at things that do not exist."""
    b = make_briefing()
    for art in b.articles[:2]:
        art.title = f"{art.title} {HOSTILE}"
        art.outlet = HOSTILE
    b.actors[0].name = HOSTILE
    b.parties[1].name = "Azer<b>baijan</b> & co"
    b.sticking_points[0].label = f"<i>constitution</i> {HOSTILE}"
    b.rounds[0].title = HOSTILE
    b.quotes[0].text = HOSTILE
    b.quotes[1].speaker_kind = "party"
    b.quotes[1].speaker = "azerbaijan"
    b.quotes[2].speaker_kind = None
    b.quotes[2].speaker = None
    a1 = b.articles[0]
    odd = Evidence(a1.id, 4, f"Armenia rejects {HOSTILE}")
    b.positions += [
        Position(a1.id, "", "rejects", odd, f"by {HOSTILE}", "nobody<x>", "no-such-issue"),
        Position(a1.id, "no<such>party", "weird<stance>", odd, HOSTILE, "ararat-mirzoyan", None),
        Position(
            "missing-article",
            "armenia",
            "wants",
            dataclasses.replace(odd, article="gone"),
            "talks",
            None,
            "border",
        ),
    ]
    return b


def renderer(tmp_path: Path, briefing: Briefing, base_url: str = "/") -> Renderer:
    return Renderer(briefing, Config(root=tmp_path, base_url=base_url), cache=False)


def pairs(r: Renderer) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """(macro name, args, kwargs) for every fact of the briefing, and some ids that
    name nothing."""
    b, out = r.site.b, []
    ids = [None, "", "nobody", HOSTILE]
    for p in b.positions:
        out.append(("cite_link", (p.sentence,), {}))
        for kw in ({}, {"show_party": False}, {"show_issue": True}):
            out.append(("position", (p,), kw))
        out.append(("stance", (p.stance,), {}))
    for q in b.quotes:
        out += [("quote", (q,), {}), ("quote", (q,), {"show_speaker": False})]
    for aid in [a.id for a in b.actors] + ids:
        out.append(("actor_link", (aid,), {}))
    for pid in [p.id for p in b.parties] + ids:
        out.append(("party_link", (pid,), {}))
    for iid in [s.id for s in b.sticking_points] + ids:
        out.append(("issue_link", (iid,), {}))
    out += [("round_link", (x,), {}) for x in b.rounds]
    out += [("source_item", (a,), {}) for a in b.articles]
    return out


@pytest.mark.parametrize("base_url", ["/", "https://example.org/a&b'c/"])
@pytest.mark.parametrize("make", [make_briefing, hostile_briefing])
def test_python_pieces_write_what_the_macros_wrote(
    tmp_path: Path, base_url: str, make: Any
) -> None:
    r = renderer(tmp_path, make(), base_url)
    old = r.env.from_string(OLD_MACROS).make_module()
    html = r.env.globals["html"]
    checked = 0
    for name, args, kwargs in pairs(r):
        want = getattr(old, name)(*args, **kwargs)
        got = getattr(html, name)(*args, **kwargs)
        assert isinstance(got, Markup), name
        assert str(got) == str(want), (name, args, kwargs)
        checked += 1
    assert checked > 50


def test_every_value_from_the_articles_is_escaped(tmp_path: Path) -> None:
    r = renderer(tmp_path, hostile_briefing())
    html = r.env.globals["html"]
    shown = "".join(str(getattr(html, n)(*a, **k)) for n, a, k in pairs(r))
    assert "<script>" not in shown and "<b>" not in shown and "<i>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; &#39;a&#39;" in shown
    assert "stance-weird&lt;stance&gt;" in shown and "no&lt;such&gt;party" in shown


def test_excerpts_and_phrases_are_both_written(tmp_path: Path) -> None:
    r = renderer(tmp_path, hostile_briefing())
    html = r.env.globals["html"]
    rows = [str(html.position(p)) for p in r.site.b.positions]
    assert any('<span class="excerpt"' in row for row in rows)
    assert any('<span class="excerpt"' not in row for row in rows)
    # the report's words are never dressed as a quotation nor signed with a name
    assert not any("<q" in row or "“" in row or "— <a" in row for row in rows)


def test_sentences_mark_cited_ones_and_keep_the_text_between(tmp_path: Path) -> None:
    b = make_briefing()
    r = renderer(tmp_path, b)
    a1 = r.site.articles["a1-washington-talks"]
    got = str(r.env.globals["html"].sentences(r.site.segments(a1, 1)))
    first, second = a1.sentences[2].text, a1.sentences[3].text
    assert got.startswith(f'<span class="sentence cited" id="s3">{first[:20]}')
    assert (
        got.endswith("constitution.</span>")
        and '</span> <span class="sentence cited" id="s4">' in got
    )
    assert "&#34;closer than ever" in got and second.replace("'", "&#39;") in got


def test_a_project_macro_still_replaces_the_python_piece(tmp_path: Path) -> None:
    package = REPO / "sitegen" / "site" / "templates" / "macros.html"
    own = package.read_text(encoding="utf-8").replace(
        "{% set cite_link = html.cite_link %}",
        "{% macro cite_link(ev) %}[cite {{ ev.article }} {{ ev.sentence }}]{% endmacro %}",
    )
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "macros.html").write_text(own, encoding="utf-8")
    result = renderer(tmp_path, make_briefing()).render()
    html = result.files["actors/ararat-mirzoyan/index.html"].decode()
    assert "[cite a1-washington-talks 2]" in html
    assert 'class="cite"' in html  # positions and quotes keep their own citations


def test_templates_still_get_context_and_environment_when_they_ask(tmp_path: Path) -> None:
    r = renderer(tmp_path, make_briefing())

    @pass_context
    def who(ctx: Any, x: str) -> str:
        return f"{ctx['name']}:{x}"

    @pass_environment
    def env_of(env: Any) -> bool:
        return env is r.env

    def stops() -> str:
        raise StopIteration

    class Holder:
        @pass_context
        def marked(self, ctx: Any) -> str:
            return str(ctx["name"]) * 2

    r.env.globals.update(
        who=who, env_of=env_of, plain=lambda x, y=1: x * y, stops=stops, holder=Holder()
    )
    text = "{{ who('a') }} {{ env_of() }} {{ plain(2, y=3) }} [{{ stops() is undefined }}]"
    text += " {{ holder.marked() }} {{ {'k': 1}.get('k') }}"
    assert r.env.from_string(text).render(name="n") == "n:a True 6 [True] nn 1"
