"""The built site as a reader meets it, in headless Chromium (Debian's, through playwright).

The repo's seeds are built once per session and served from 127.0.0.1. The tests click
their way from home to a round, an actor and a cited sentence, search with pagefind,
run axe-core on the main page kinds, check that no page talks to another host, and
repeat the walk for a build served under a sub-path.

They skip when no Chromium is installed, except under CI (``$CI`` set), where a missing
browser is a failure.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.output import search as search_module
from sitegen.output.search import bundle_of
from tests.browser import (
    DESKTOP,
    SiteServer,
    build_site,
    format_violations,
    run_axe,
)

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


# ``chromium`` and ``browser`` (one for the session) are in tests/conftest.py: every
# browser test module shares them (playwright's sync API allows one at a time).


def _serve_build(tmp: Path, prefix: str, bundle_pages: int | None = None) -> Iterator[SiteServer]:
    out = tmp / "site"
    out.mkdir()
    server = SiteServer(out, prefix)
    with pytest.MonkeyPatch.context() as patch:
        if bundle_pages:  # split the seeds' small index the way a big site's is split
            patch.setattr(search_module, "BUNDLE_PAGES", bundle_pages)
        build_site(out, base_url=server.url)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[SiteServer]:
    """The repo's site, built for and served from the root of a local port."""
    yield from _serve_build(tmp_path_factory.mktemp("root"), "/")


@pytest.fixture(scope="session")
def briefing(site: SiteServer) -> dict[str, Any]:
    """The built site's own data, to know which rounds and actors to expect."""
    path = site.root / "data" / "briefing.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert data["rounds"], "the seeds make at least one round"
    assert data["actors"], "the seeds name actors"
    return data


class Recorder:
    """Every request a page makes, and every response that failed."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "response",
            lambda r: self.failures.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("requestfailed", lambda r: self.failures.append(f"failed {r.url}"))


@pytest.fixture()
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture()
def page(browser: Any, recorder: Recorder) -> Iterator[Any]:
    """A fresh desktop-sized page; requests to other hosts are recorded, then blocked."""
    context = browser.new_context(viewport=DESKTOP)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    p = context.new_page()
    p.set_default_timeout(10_000)
    recorder.attach(p)
    yield p
    context.close()


# -- helpers ---------------------------------------------------------------------------


def _prefix(server: SiteServer) -> str:
    return server.url[len(server.origin) :]


def _click_link_to(page: Any, href: str) -> None:
    """Click the first visible link in main to ``href`` and wait for that page."""
    link = page.locator(f'main a[href="{href}"]').filter(visible=True).first
    assert link.count() == 1, f"no visible link to {href} in <main> of {page.url}"
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + r"(#.*)?$"))
    page.wait_for_load_state("load")


def _h1(page: Any) -> str:
    return " ".join(page.locator("h1").first.inner_text().split())


def _hrefs(page: Any, selector: str) -> list[str]:
    return list(page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))"))


def _walk_home_round_actor(page: Any, server: SiteServer, data: dict[str, Any]) -> None:
    """Home -> a round page -> back -> an actor profile, each by clicking a link."""
    prefix = _prefix(server)
    response = page.goto(server.url)
    assert response is not None and response.status == 200
    rounds = {f"{prefix}rounds/{r['id']}/": r for r in data["rounds"]}
    round_href = next((h for h in _hrefs(page, "main a[href]") if h in rounds), None)
    assert round_href, f"home links to none of the rounds {sorted(rounds)}"
    _click_link_to(page, round_href)
    assert page.url == server.origin + round_href
    assert _h1(page) == rounds[round_href]["title"]

    page.go_back()
    page.wait_for_url(server.url)
    actors = {f"{prefix}actors/{a['id']}/": a for a in data["actors"]}
    actor_href = next((h for h in _hrefs(page, "main a[href]") if h in actors), None)
    assert actor_href, "home links to no actor profile"
    _click_link_to(page, actor_href)
    assert page.url == server.origin + actor_href
    assert _h1(page) == actors[actor_href]["name"]


# -- tests -----------------------------------------------------------------------------


def test_home_opens_with_landmarks_and_all_assets(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    response = page.goto(site.url)
    assert response is not None and response.status == 200
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Main").count() == 1
    skip = page.get_by_role("link", name=re.compile("skip", re.I)).first
    assert skip.get_attribute("href") == "#main"
    assert _h1(page)
    # The stylesheet really applied: the header is not the browser's default transparent.
    header_bg = page.eval_on_selector("header", "e => getComputedStyle(e).backgroundColor")
    assert header_bg not in ("rgba(0, 0, 0, 0)", "transparent")
    assert not recorder.failures, sorted(set(recorder.failures))


def test_click_from_home_to_a_round_and_an_actor(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    _walk_home_round_actor(page, site, briefing)
    assert not recorder.failures, sorted(set(recorder.failures))


def test_citation_jumps_to_its_highlighted_sentence(
    page: Any, site: SiteServer, briefing: dict[str, Any]
) -> None:
    prefix = _prefix(site)
    latest = max(briefing["rounds"], key=lambda r: (r["start"] or "", r["id"]))
    page.goto(f"{site.url}rounds/{latest['id']}/")
    cites = [
        h
        for h in _hrefs(page, f'main a[href^="{prefix}sources/"][href*="#s"]')
        if re.fullmatch(re.escape(prefix) + r"sources/[^/]+/#s\d+", h)
    ]
    assert cites, "the round page cites no sentence"
    # The deepest sentence, so the browser has to scroll to reach it.
    href = max(cites, key=lambda h: int(h.rsplit("#s", 1)[1]))
    link = page.locator(f'main a[href="{href}"]').filter(visible=True).first
    cited_text = link.get_attribute("title")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    anchor = href.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.count() == 1, f"no element with id {anchor} on {page.url}"
    assert target.evaluate("e => e.matches(':target')")
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=anchor,
        timeout=5_000,
    )
    if cited_text:
        sentence = " ".join(target.inner_text().split())
        # the tooltip is the sentence's start, cut after a word with "…"
        shown = " ".join(cited_text.removesuffix("…").split())
        assert sentence.startswith(shown) or sentence in shown
    colours = target.evaluate(
        """e => {
            const bg = el => getComputedStyle(el).backgroundColor;
            const clear = c => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';
            let page = 'rgb(255, 255, 255)';
            for (const el of [e.parentElement, document.body, document.documentElement]) {
                if (el && !clear(bg(el))) { page = bg(el); break; }
            }
            const other = [...document.querySelectorAll('[id^="s"]')]
                .find(x => x !== e && /^s\\d+$/.test(x.id));
            return {target: bg(e), page: page, other: other ? bg(other) : null};
        }"""
    )
    assert colours["target"] not in ("rgba(0, 0, 0, 0)", "transparent"), colours
    assert colours["target"] != colours["page"], colours
    assert colours["target"] != colours["other"], colours
    # Not hidden under a sticky header: the point in the middle of the sentence is its own.
    assert target.evaluate(
        """e => { const r = e.getClientRects()[0];
                  const hit = document.elementFromPoint(r.left + r.width / 2,
                                                         r.top + r.height / 2);
                  return hit !== null && (e === hit || e.contains(hit)); }"""
    ), "the cited sentence is covered by another element"


def _searchable_actor(data: dict[str, Any]) -> dict[str, Any]:
    """An actor with a full name (two words or more) that appears in most reports."""
    named = [a for a in data["actors"] if len(a["name"].split()) >= 2] or data["actors"]
    return max(named, key=lambda a: (len(set(a["articles"])), a["id"]))


def _search_and_open(page: Any, server: SiteServer, actor: dict[str, Any]) -> None:
    """Search from the header form and open the actor from pagefind's results."""
    href = f"{_prefix(server)}actors/{actor['id']}/"
    with urllib.request.urlopen(server.url + "search/") as response:
        static_html = response.read().decode("utf-8")
    assert f'href="{href}"' not in static_html, "the search page must not list results itself"
    page.goto(server.url)
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(actor["name"])
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(server.url) + r"search/\?q="))
    # If the page does not start the query from ?q=, type it into the search UI.
    field = page.locator("main input").first
    field.wait_for(state="visible")
    if not field.input_value():
        field.fill(actor["name"])
    result = page.locator(f'main a[href="{href}"]').first
    result.wait_for(state="visible", timeout=15_000)
    result.click()
    page.wait_for_url(server.origin + href)
    assert _h1(page) == actor["name"]


def test_search_finds_an_actor_by_name(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    _search_and_open(page, site, _searchable_actor(briefing))
    assert not recorder.failures, sorted(set(recorder.failures))


@pytest.mark.parametrize("kind", ["home", "round", "actor", "issue", "search"])
def test_axe_finds_no_serious_violation(
    page: Any, site: SiteServer, briefing: dict[str, Any], kind: str
) -> None:
    if kind == "home":
        url = site.url
    elif kind == "round":
        url = f"{site.url}rounds/{briefing['rounds'][0]['id']}/"
    elif kind == "issue":
        url = f"{site.url}issues/{briefing['sticking_points'][0]['id']}/"
    elif kind == "search":
        url = f"{site.url}search/?q={urllib.parse.quote(_searchable_actor(briefing)['name'])}"
    else:
        url = f"{site.url}actors/{_searchable_actor(briefing)['id']}/"
    response = page.goto(url)
    assert response is not None and response.status == 200
    if kind == "search":  # pagefind's UI draws itself and its results after load
        page.locator("main .pagefind-ui__result").first.wait_for(timeout=15_000)
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {url}:\n{format_violations(blocking)}"
    # moderate ones too, where this theme had them: two landmarks of one name
    unique = [v for v in violations if v["id"] == "landmark-unique"]
    assert not unique, f"axe on {url}:\n{format_violations(unique)}"


def test_pages_make_no_request_to_other_hosts(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    actor = _searchable_actor(briefing)
    urls = [
        site.url,
        f"{site.url}rounds/{briefing['rounds'][0]['id']}/",
        f"{site.url}actors/{actor['id']}/",
        f"{site.url}sources/{briefing['articles'][0]['id']}/",
        f"{site.url}search/?q={actor['name'].split()[-1]}",
        f"{site.url}no-such-page/",
    ]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert len(recorder.requests) > len(urls), "pages should load at least their stylesheet"
    foreign = [u for u in recorder.requests if not u.startswith(site.origin + "/")]
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture(scope="session")
def sub_site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[SiteServer]:
    """The repo's site built for, and served only from, ``/briefing/``, with its search
    index split into several bundles as a big site's is."""
    yield from _serve_build(tmp_path_factory.mktemp("sub"), "/briefing/", bundle_pages=8)


def test_site_works_under_a_sub_path(
    page: Any, sub_site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    assert sub_site.url.endswith("/briefing/")
    _walk_home_round_actor(page, sub_site, briefing)
    hrefs = _hrefs(page, "a[href^='/']")
    assert hrefs and all(h.startswith("/briefing/") for h in hrefs), hrefs
    _search_and_open(page, sub_site, _searchable_actor(briefing))
    assert not recorder.failures, f"broken under /briefing/: {sorted(set(recorder.failures))}"


def test_search_merges_every_bundle_of_a_split_index(
    page: Any, sub_site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    """Pages indexed in bundles other than the first are found, through the sub-path."""
    manifest = json.loads((sub_site.root / "pagefind" / "bundles.json").read_text())
    assert len(manifest["bundles"]) >= 3, manifest
    first = manifest["bundles"][0]
    elsewhere: dict[str, dict[str, Any]] = {}
    for actor in briefing["actors"]:
        where = bundle_of(f"actors/{actor['id']}/index.html", manifest["count"])
        if where != first and len(actor["name"].split()) >= 2:
            elsewhere.setdefault(where, actor)
    picks = [elsewhere[b] for b in sorted(elsewhere)][:2]
    assert len(picks) == 2, "the seeds' actors should sit in several bundles"
    for actor in picks:
        _search_and_open(page, sub_site, actor)
    assert not recorder.failures, sorted(set(recorder.failures))


# -- issue 17's small things: phone navigation, search kinds, favicon -------------------

NARROW_PHONE = {"width": 375, "height": 812}
KINDS = ("Actor", "Party", "Issue", "Round", "Source", "Note")


@pytest.mark.parametrize("path", ["", "issues/territory/", "search/"])
def test_phone_navigation_wraps_with_every_link_on_screen(
    browser: Any, site: SiteServer, path: str
) -> None:
    context = browser.new_context(viewport=NARROW_PHONE)
    try:
        page = context.new_page()
        page.goto(site.url + path)
        links = page.locator("nav[aria-label=Main] a")
        assert links.count() == 5
        for n in range(links.count()):
            box = links.nth(n).bounding_box()
            assert box is not None and links.nth(n).is_visible()
            assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW_PHONE["width"], (
                links.nth(n).inner_text(),
                box,
            )
        assert "Sources" in page.locator("nav[aria-label=Main]").inner_text()
        widths = page.evaluate(
            """() => { const ul = document.querySelector('nav[aria-label=Main] ul');
                       return [ul.scrollWidth, ul.clientWidth,
                               document.documentElement.scrollWidth]; }"""
        )
        assert widths[0] <= widths[1] and widths[2] <= NARROW_PHONE["width"], widths
    finally:
        context.close()


def test_search_results_say_what_each_hit_is_with_one_search_box(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    actor = _searchable_actor(briefing)
    page.goto(f"{site.url}search/?q={urllib.parse.quote(actor['name'])}")
    page.locator("main .pagefind-ui__result").first.wait_for(timeout=15_000)
    assert page.locator("input[type=search], input[type=text]").count() == 1
    titles = [
        " ".join(t.split())
        for t in page.locator(
            "main .pagefind-ui__result-inner > .pagefind-ui__result-title"
        ).all_inner_texts()
    ]
    assert titles and all(t.startswith(tuple(f"{k} · " for k in KINDS)) for t in titles), titles
    assert f"Actor · {actor['name']}" in titles
    assert not page.locator("main .pagefind-ui__result-tag").filter(has_text="Kind").count()
    assert not recorder.failures, sorted(set(recorder.failures))


def test_the_favicon_is_inline_and_no_navigation_leaves_a_failed_request(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    urls = [
        site.url,
        f"{site.url}rounds/{briefing['rounds'][0]['id']}/",
        f"{site.url}actors/{_searchable_actor(briefing)['id']}/",
        f"{site.url}sources/{briefing['articles'][0]['id']}/",
        site.url,
    ]
    for url in urls:  # on to the next page as soon as one has loaded: a lazy favicon
        page.goto(url)  # fetch would be aborted here, and counted as a failed request
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href and href.startswith("data:image/svg+xml,")
    width = page.evaluate(
        """async href => { const img = new Image(); img.src = href; await img.decode();
                           return img.naturalWidth; }""",
        href,
    )
    assert width > 0
    page.wait_for_timeout(500)  # time for a lazy favicon fetch, were there one
    assert not [u for u in recorder.requests if "favicon" in u], recorder.requests
    assert not recorder.failures, sorted(set(recorder.failures))


# -- issue 18: actor, party, issue and round pages indexed by title and summary only --------

PAGEFIND_QUERY = """async ([base, query]) => {
    const root = base + 'pagefind/';
    const bundles = (await (await fetch(root + 'bundles.json')).json()).bundles;
    const pagefind = await import(root + bundles[0] + '/pagefind.js');
    await pagefind.options({basePath: root + bundles[0] + '/'});
    for (const b of bundles.slice(1)) await pagefind.mergeIndex(root + b + '/');
    const found = await pagefind.search(query);
    const pages = await Promise.all(found.results.map(r => r.data()));
    return pages.map(p => p.url);
}"""


def _found(page: Any, server: SiteServer, query: str) -> list[str]:
    """The URLs pagefind's own API returns for ``query`` (every bundle merged)."""
    page.goto(server.url)  # any page of the site: the API is imported from its origin
    urls: list[str] = page.evaluate(PAGEFIND_QUERY, [server.url, query])
    return urls


def test_search_still_finds_a_name_an_issue_label_and_a_quoted_phrase(
    page: Any, site: SiteServer, briefing: dict[str, Any], recorder: Recorder
) -> None:
    """The lists on actor and issue pages are left out of the index: a reader's
    searches still find the person's page, the sticking point's page and the report
    that holds a quotation (and the person's page no longer by a line of a quote)."""
    prefix = _prefix(site)
    actor = _searchable_actor(briefing)
    assert f"{prefix}actors/{actor['id']}/" in _found(page, site, actor["name"])
    issue = max(briefing["sticking_points"], key=lambda s: (len(s["evidence"]), s["id"]))
    assert f"{prefix}issues/{issue['id']}/" in _found(page, site, issue["label"])
    quote = max(briefing["quotes"], key=lambda q: (len(q["text"].split()), q["id"]))
    phrase = " ".join(re.findall(r"[A-Za-z]+", quote["text"])[:6])
    found = _found(page, site, f'"{phrase}"')
    assert f"{prefix}sources/{quote['article']}/" in found, (phrase, found)
    if quote["speaker_kind"] == "actor":  # the quote is on the speaker's page, not indexed
        assert f"{prefix}actors/{quote['speaker']}/" not in found, (phrase, found)
    assert not recorder.failures, sorted(set(recorder.failures))
