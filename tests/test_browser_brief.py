"""The round brief as a reader sees it in headless Chromium, on the repo's seeds.

Each round page shows at most one line per party, stance and issue; every delegate and
every "what changed" line carries a citation; no change line has equal stances before
and after; and every text the site shows as a quotation (in quotation marks, a <q> or a
<blockquote>) on any page stood inside quotation marks in the article it cites, as
read from ``seeds/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import DESKTOP, REPO, SiteServer, build_site

pytestmark = pytest.mark.browser

SOURCE = re.compile(r"/sources/([^/#]+)/")
_FLAT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})

SHOWN_QUOTES = """() => {
  const main = document.querySelector('main');
  // an editor's note is the editor's own writing, and a source page's text is the
  // article itself, shown whole: neither is a quotation the site makes
  const seen = el => el.checkVisibility() && !el.closest('.editor-notes, .note, .source-text');
  const cites = el => {
    for (let a = el; a && a !== main.parentElement; a = a.parentElement) {
      const found = a.querySelectorAll('a.cite, a[href*="/sources/"]');
      if (found.length) return [...found].map(c => c.getAttribute('href'));
    }
    return [];
  };
  const out = [];
  for (const el of main.querySelectorAll('q, blockquote')) {
    if (seen(el)) out.push({text: el.innerText, whole: true, cites: cites(el)});
  }
  const blocks = 'li, p, dd, td, th, summary, h1, h2, h3, h4, figcaption';
  for (const el of main.querySelectorAll(blocks)) {
    if (seen(el) && /[“"]/.test(el.innerText)) {
      out.push({text: el.innerText, whole: false, cites: cites(el)});
    }
  }
  return out;
}"""


def _flat(text: str) -> str:
    return " ".join(text.translate(_FLAT).split())


def quotations(text: str) -> list[str]:
    """Every stretch of ``text`` inside quotation marks, paragraph by paragraph (a
    quotation left open runs to its paragraph's end, as news continues them)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        flat = para.translate(_FLAT)
        parts = flat.split('"')
        out += [" ".join(p.split()) for p in parts[1::2]]
    return [q for q in out if q]


def marked(text: str) -> list[str]:
    """What a page's text shows between paired quotation marks (a mark left unpaired, as
    where an excerpt is cut with '…', shows no quotation)."""
    flat = text.translate(_FLAT)
    return [" ".join(p.split()) for p in re.findall(r'"([^"]+)"', flat)]


@pytest.fixture(scope="module")
def seeds_site(
    tmp_path_factory: pytest.TempPathFactory, chromium: str
) -> Iterator[tuple[SiteServer, Path]]:
    out = tmp_path_factory.mktemp("brief") / "site"
    out.mkdir()
    server = SiteServer(out, "/")
    build_site(out, base_url=server.url)
    server.start()
    try:
        yield server, out
    finally:
        server.stop()


@pytest.fixture(scope="module")
def page(seeds_site: tuple[SiteServer, Path], browser: Any) -> Iterator[Any]:
    """One page of the session's browser (tests/conftest.py) for this module."""
    pg = browser.new_page(viewport=DESKTOP)
    yield pg
    pg.close()


def _round_paths(out: Path) -> list[str]:
    paths = sorted(p.parent.name for p in (out / "rounds").glob("*/index.html"))
    assert paths, "the seeds make no round page"
    return [f"rounds/{name}/" for name in paths]


def test_each_round_shows_one_line_per_party_stance_and_issue(
    page: Any, seeds_site: tuple[SiteServer, Path]
) -> None:
    server, out = seeds_site
    lines = 0
    for path in _round_paths(out):
        page.goto(server.url + path)
        keys = page.eval_on_selector_all(
            "li.stance-line",
            """els => els.filter(e => e.checkVisibility())
                .map(e => [e.dataset.party, e.dataset.issue, e.dataset.stance])""",
        )
        tuples = [tuple(k) for k in keys]
        assert len(tuples) == len(set(tuples)), (path, tuples)
        lines += len(tuples)
        # the other phrasings are folded away until asked for
        hidden = page.eval_on_selector_all(
            "details.phrasings li", "els => els.filter(e => e.checkVisibility()).length"
        )
        assert hidden == 0, path
    assert lines > 0, "no stance line on any round page: the test would prove nothing"


def test_every_delegate_and_change_line_is_cited(
    page: Any, seeds_site: tuple[SiteServer, Path]
) -> None:
    server, out = seeds_site
    delegates = changes = 0
    for path in _round_paths(out) + [""]:  # the home page is the latest round's brief
        page.goto(server.url + path)
        for sel in ("li.delegate", "ul.changes > li"):
            uncited = page.eval_on_selector_all(
                sel, "els => els.filter(e => !e.querySelector('a.cite')).map(e => e.innerText)"
            )
            assert not uncited, (path, sel, uncited)
        delegates += page.locator("li.delegate").count()
        changes += page.locator("ul.changes > li").count()
    assert delegates and changes, "nothing checked"


def test_no_change_line_has_equal_stances_before_and_after(
    page: Any, seeds_site: tuple[SiteServer, Path]
) -> None:
    server, out = seeds_site
    checked = 0
    for path in _round_paths(out):
        page.goto(server.url + path)
        rows = page.eval_on_selector_all(
            "li.change-stance",
            "els => els.map(e => [e.dataset.before, e.dataset.after, e.innerText])",
        )
        for before, after, text in rows:
            assert before != after, (path, text)
            checked += 1
    assert checked, "no stance change on the seeds: the test would prove nothing"


def _seed_quotations() -> dict[str, list[str]]:
    return {
        f.stem: [_flat(q) for q in quotations(f.read_text("utf-8"))]
        for f in sorted((REPO / "seeds").glob("*.txt"))
    }


def test_every_text_shown_as_a_quotation_stood_in_quotation_marks(
    page: Any, seeds_site: tuple[SiteServer, Path]
) -> None:
    server, out = seeds_site
    said = _seed_quotations()
    pages = sorted(
        str(p.parent.relative_to(out)) + "/"
        for p in out.rglob("index.html")
        if not {"search", "pagefind", "notes"} & set(p.relative_to(out).parts)
    )
    checked, wrong = 0, []
    for path in pages:
        page.goto(server.url + ("" if path == "./" else path))
        own = SOURCE.search("/" + path)
        for shown in page.evaluate(SHOWN_QUOTES):
            articles = {m.group(1) for c in shown["cites"] for m in [SOURCE.search(c)] if m}
            if own:
                articles.add(own.group(1))
            pool = [q for a in articles for q in said.get(a, [])]
            texts = marked(shown["text"])
            if shown["whole"]:
                texts = [_flat(shown["text"]).strip(' "')]
            for text in texts:
                text = text.strip(" ,.;:")
                if len(text) < 2:
                    continue
                checked += 1
                if not any(text in q for q in pool):
                    wrong.append((path, text, sorted(articles)))
    assert checked, "no quotation shown anywhere: the test would prove nothing"
    assert not wrong, wrong[:10]


def test_quotation_helpers() -> None:
    text = 'He said "we will stay" and left.\n\n“Never,” she said. “Not\nin a hundred years'
    assert quotations(text) == ["we will stay", "Never,", "Not"]
    assert marked('Belmar rejects : … "no deal" until “the end …') == ["no deal"]
