"""The page plan, URLs and templates, on a hand-made briefing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from markupsafe import escape

from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.models import Evidence, Membership, Note, Quote
from sitegen.site.htmltidy import tidy as _tidy
from sitegen.site.render import Renderer, recent_notes
from sitegen.site.roundviews import RoundView, key_quotes
from sitegen.site.templating import CITE_TITLE, cite_title
from sitegen.site.timeline import TICK_GAP, timeline
from sitegen.site.urls import Urls, note_slug, safe_segment
from sitegen.site.views import SiteIndex
from tests.sitefixtures import ev, make_briefing


def render(tmp_path: Path, base_url: str = "/", briefing=None):
    config = Config(root=tmp_path, base_url=base_url)
    return Renderer(briefing or make_briefing(), config).render()


def page(result, path: str) -> str:
    return result.files[path].decode("utf-8")


# ------------------------------------------------------------------ urls


@pytest.mark.parametrize(
    ("base", "prefix", "origin"),
    [
        ("/", "/", ""),
        ("https://example.org/briefing/", "/briefing/", "https://example.org"),
        ("http://localhost:8000/briefing", "/briefing/", "http://localhost:8000"),
        ("/sub/path/", "/sub/path/", ""),
    ],
)
def test_urls_follow_base_path(base: str, prefix: str, origin: str) -> None:
    urls = Urls(base)
    assert urls.prefix == prefix and urls.origin == origin
    assert urls.href("round", "r1") == f"{prefix}rounds/r1/"
    assert urls.href("home") == prefix
    assert urls.cite(Evidence("a1", 11, "x")) == f"{prefix}sources/a1/#s12"
    assert urls.absolute("feed.xml") == (f"{origin}{prefix}feed.xml" if origin else None)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "<script>", "a/b", ".hidden", "", "ÉLYSÉE"])
def test_safe_segment_never_leaves_its_folder(bad: str) -> None:
    seg = safe_segment(bad)
    assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", seg) and ".." not in seg


def test_safe_segment_keeps_good_slugs_and_separates_lookalikes() -> None:
    assert safe_segment("abu-dhabi-r1") == "abu-dhabi-r1"
    assert safe_segment("A B") != safe_segment("a-b")


def test_note_slugs() -> None:
    assert note_slug("content/notes/overview.md") == "overview"
    assert note_slug("content/rounds/first-round.md") == "rounds/first-round"


# ------------------------------------------------------------------ pages


def test_plan_has_a_page_per_thing(tmp_path: Path) -> None:
    result = render(tmp_path)
    b = make_briefing()
    expected = (
        [f"rounds/{r.id}/index.html" for r in b.rounds]
        + [f"actors/{a.id}/index.html" for a in b.actors]
        + [f"parties/{p.id}/index.html" for p in b.parties]
        + [f"issues/{s.id}/index.html" for s in b.sticking_points]
        + [f"sources/{a.id}/index.html" for a in b.articles]
        + ["index.html", "404.html", "search/index.html", "notes/overview/index.html"]
    )
    for path in expected:
        assert path in result.files, path
    assert "notes/draft/index.html" not in result.files


def test_every_sentence_has_its_anchor_on_the_source_page(tmp_path: Path) -> None:
    result = render(tmp_path)
    for art in make_briefing().articles:
        html = page(result, f"sources/{art.id}/index.html")
        for s in art.sentences:
            escaped = str(escape(s.text))
            assert f'id="{s.anchor}">{escaped}</span>' in html, (art.id, s.index)


def test_citations_point_at_the_sentence_they_quote(tmp_path: Path) -> None:
    result = render(tmp_path, "https://example.org/briefing/")
    html = page(result, "rounds/washington-2024-05/index.html")
    # Azerbaijan's demand in the matrix cites sentence index 3 of a1 -> #s4
    assert (
        'href="/briefing/sources/a1-washington-talks/#s4" title="Azerbaijan demands changes' in html
    )
    cites = re.findall(
        r'class="cite" href="/briefing/sources/([^/]+)/#s(\d+)" title="([^"]*)"', html
    )
    assert cites
    briefing = make_briefing()
    arts = {a.id: a for a in briefing.articles}
    for art, n, title in cites:
        sentence = arts[art].sentences[int(n) - 1].text
        # the tooltip is the sentence's start, cut after a word (a round page holds
        # hundreds of citations)
        assert title == str(escape(cite_title(sentence)))
        assert len(title) <= len(str(escape(sentence[:CITE_TITLE]))) + 1


def test_round_page_sections(tmp_path: Path) -> None:
    html = page(render(tmp_path), "rounds/almaty-2024-05/index.html")
    for heading in (
        "Summary",
        "At the table",
        "Issues on the table",
        "Key quotes",
        "What changed since the previous round",
        "Sources",
        "Editor’s notes",
    ):
        assert f">{heading}</h2>" in html, heading
    assert "Why Almaty matters" in html  # the note about this round shows here
    assert '<a class="ref ref-actor" href="/actors/jeyhun-bayramov/">Jeyhun Bayramov</a>' in html
    assert 'hosted by <a class="party" href="/parties/kazakhstan/">Kazakhstan</a>' in html


ANY_LEFT = "at the table last round; not reported there now"


def test_changes_since_previous_round(tmp_path: Path) -> None:
    site = SiteIndex(make_briefing())
    changes = RoundView(site, site.rounds["almaty-2024-05"]).changes()
    got = {(c.kind, tuple(a for a, _ in c.actors) or c.party, c.issue, c.text) for c in changes}
    # checked by hand against the fixture: two people not reported again (one line for
    # both), border is new, Armenia's acceptance on the border is new; Azerbaijan's
    # constitution demand is held in both rounds (no line); neither side's stance on the
    # corridor is reported in Almaty (each is no longer reported)
    assert got == {
        ("left", ("antony-blinken", "ararat-mirzoyan"), None, ANY_LEFT),
        ("new-issue", None, "border", "raised for the first time"),
        ("stance", "armenia", "border", "new"),
        ("stance", "armenia", "transit-corridor", "dropped"),
        ("stance", "azerbaijan", "transit-corridor", "dropped"),
    }
    assert all(c.evidence or all(evs for _, evs in c.actors) for c in changes)
    assert RoundView(site, site.rounds["washington-2024-05"]).changes() == []
    html = page(render(tmp_path), "rounds/almaty-2024-05/index.html")
    line = re.search(r'<li class="change change-left">(.*?)</li>', html, re.S)
    assert line is not None
    text = re.sub(r"<[^>]+>", "", line.group(1))
    assert text.strip().startswith("Antony Blinken AFP, 6 May 2024 and Ararat Mirzoyan")
    assert "Ararat Mirzoyan" in text and "at the table last round" in text


def test_delegations_are_the_participants_and_others_named_are_apart(tmp_path: Path) -> None:
    b = make_briefing()
    # washington: only Armenia's minister reported at the table
    b.rounds[0].participants = ["ararat-mirzoyan"]
    site = SiteIndex(b)
    rv = RoundView(site, site.rounds["washington-2024-05"])
    assert [(p.id if p else None, [a.id for a in m]) for p, m in rv.delegations()] == [
        ("armenia", ["ararat-mirzoyan"])
    ]
    # both other actors are named in a1/a2, the round's reports
    assert [(p.id if p else None, [a.id for a in m]) for p, m in rv.also_named()] == [
        ("azerbaijan", ["jeyhun-bayramov"]),
        ("united-states", ["antony-blinken"]),
    ]
    html = page(render(tmp_path, briefing=b), "rounds/washington-2024-05/index.html")
    delegations, others = html.split('<h2 id="others-h">Also in the reports</h2>')
    assert 'href="/actors/ararat-mirzoyan/"' in delegations.split('id="delegations-h"')[1]
    assert 'href="/actors/antony-blinken/"' not in delegations.split('id="delegations-h"')[1]
    others = others.split("</section>")[0]
    assert 'href="/actors/antony-blinken/"' in others
    assert 'href="/actors/jeyhun-bayramov/"' in others


def test_each_delegate_on_the_round_page_cites_its_sentence(tmp_path: Path) -> None:
    b = make_briefing()
    a1 = b.articles[0]
    b.rounds[0].participants = ["ararat-mirzoyan"]
    b.rounds[0].delegations = [Membership("ararat-mirzoyan", "armenia", True, [ev(a1, 1)])]
    html = page(render(tmp_path, briefing=b), "rounds/washington-2024-05/index.html")
    cards = html.split('id="delegations-h"')[1].split('<h2 id="others-h">')[0]
    item = re.search(
        r'<li class="delegate"><a class="actor" href="/actors/ararat-mirzoyan/">.*?</li>',
        cards,
        re.S,
    )
    assert item is not None
    assert "head of delegation" in item.group(0)
    assert f'href="/sources/{a1.id}/#s2"' in item.group(0)


def test_key_quotes_prefer_substantive_ones() -> None:
    b = make_briefing()
    a1 = b.articles[0]
    short = Quote("short", a1.id, "in the near future", ev(a1, 2), "antony-blinken", "actor")
    b.quotes.append(short)
    site = SiteIndex(b)
    got = RoundView(site, site.rounds["washington-2024-05"]).key_quotes()
    assert [q.text for q in got] == [
        "closer than ever to a lasting peace",
        "will not give up an inch of sovereign territory",
    ]
    # with nothing longer to show, a four-word quote still makes it
    only_short = [q for q in b.quotes if q.id == "short"]
    assert key_quotes(only_short) == only_short
    assert key_quotes([Quote("x", a1.id, "yes", ev(a1, 2), "antony-blinken", "actor")]) == []


def test_related_actors_share_articles() -> None:
    site = SiteIndex(make_briefing())
    related = site.related(site.actors["ararat-mirzoyan"])
    assert [(a.id, n) for a, n in related] == [("antony-blinken", 1), ("jeyhun-bayramov", 1)]


def test_text_is_escaped(tmp_path: Path) -> None:
    html = page(render(tmp_path), "sources/a3-almaty-round/index.html")
    assert "<h1>Talks move to Almaty &lt;as&gt; &#34;host&#34; &amp; partner</h1>" in html
    notes = page(render(tmp_path), "notes/overview/index.html")
    assert "Overview &lt;b&gt;bold&lt;/b&gt;" in notes and "<b>bold</b>" not in notes


def test_pages_make_no_requests_elsewhere_and_need_no_script(tmp_path: Path) -> None:
    result = render(tmp_path, "https://example.org/briefing/")
    for path, data in result.files.items():
        html = data.decode()
        assert not re.search(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="(?:https?:)?//', html)
        if path != "search/index.html":
            assert "<script" not in html, path


def test_search_filters_are_marked(tmp_path: Path) -> None:
    html = page(render(tmp_path), "rounds/washington-2024-05/index.html")
    assert '<span data-pagefind-filter="round">Washington talks</span>' in html
    assert '<span data-pagefind-filter="actor">Antony Blinken</span>' in html
    assert '<span data-pagefind-filter="issue">Transit corridor</span>' in html


def test_home_has_timeline_and_stands(tmp_path: Path) -> None:
    html = page(render(tmp_path), "index.html")
    assert "<svg" in html and 'href="/rounds/almaty-2024-05/"' in html
    assert 'Latest round: <a class="round" href="/rounds/almaty-2024-05/">' in html
    # the latest round's brief: what changed since the round before, cited
    assert 'stance-accepts">accepts</span> <span class="clause">border delimitation' in html
    assert "Timeline" in html


def test_note_about_unknown_thing_is_reported(tmp_path: Path) -> None:
    b = make_briefing()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text("---\ntitle: X\n\nabout: actor:nobody\n---\nHi\n")
    b.notes.append(Note("content/bad.md", "X", "Hi", 6, "actor:nobody"))
    result = render(tmp_path, briefing=b)
    bad = [d for d in result.diagnostics if d.file == "content/bad.md"]
    assert [(d.line, "actor:nobody" in d.message) for d in bad] == [(4, True)]


def test_project_templates_override_package_ones(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text("custom {{ page.title }}\n")
    result = render(tmp_path)
    assert page(result, "404.html") == "custom Page not found\n"
    assert "<!doctype html>" in page(result, "index.html")


def test_undefined_names_fail_the_build_with_the_template_name(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text("{{ no_such_thing }}\n")
    with pytest.raises(BuildError, match=r"^templates/404.html:1: while rendering /404.html"):
        render(tmp_path)


def test_two_notes_claiming_one_url_is_an_error(tmp_path: Path) -> None:
    b = make_briefing()
    b.notes.append(Note("content/overview.md", "Again", "x", 4))
    with pytest.raises(BuildError, match="content/notes/overview.md.*content/overview.md"):
        render(tmp_path, briefing=b)


def test_sticking_point_labels_show_capitalised_and_keep_their_ids(tmp_path: Path) -> None:
    b = make_briefing()
    b.sticking_points[2].label = "border delimitation"
    result = render(tmp_path, briefing=b)
    issue = page(result, "issues/border/index.html")
    assert "<h1>Border delimitation</h1>" in issue
    home = page(result, "index.html")
    assert '<a class="issue" href="/issues/border/">Border delimitation</a>' in home
    assert "<title>Border delimitation · " in issue


def test_breadcrumbs_have_no_trailing_separator(tmp_path: Path) -> None:
    html = page(render(tmp_path), "rounds/almaty-2024-05/index.html")
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs is not None
    items = re.findall(r"<li>(.*?)</li>", crumbs.group(1), re.S)
    assert items == ['<a href="/">Home</a>', '<a href="/rounds/">Rounds</a>']
    assert "/" not in re.sub(r"<[^>]+>", "", crumbs.group(1)).replace("\n", "")


def test_adjacent_blocks_never_run_their_words_together() -> None:
    out = _tidy("<dl><dt>Also named</dt><dd>Roe</dd><dt>Roles</dt><dd>x</dd></dl>\n\n<p>a</p>")
    want = "<dl><dt>Also named</dt>\n<dd>Roe</dd>\n<dt>Roles</dt>\n<dd>x</dd>\n</dl>\n<p>a</p>"
    assert out == want
    # inline elements are left alone: no space may appear inside a word
    assert _tidy("<p><a>Ro</a><b>e</b></p>") == "<p><a>Ro</a><b>e</b></p>"


def test_home_lists_editor_notes_newest_first_with_what_they_are_about(tmp_path: Path) -> None:
    result = render(tmp_path)
    html = page(result, "index.html")
    section = html.split('id="enotes-h"')[1].split("</section>")[0]
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)
    # fixture dates: overview 12 May, almaty 11 May, profile 8 May; the draft never shows
    assert titles == ["Overview &lt;b&gt;bold&lt;/b&gt;", "Why Almaty matters", "Profile note"]
    assert 'about <a href="/rounds/almaty-2024-05/">Almaty talks</a>' in section
    assert [n.note.path for n in recent_notes(result.notes)][0] == "content/notes/overview.md"


def test_timeline_graphic_is_hidden_from_assistive_tech_and_the_list_has_the_links(
    tmp_path: Path,
) -> None:
    html = page(render(tmp_path), "index.html")
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2  # wide and narrow layouts
    for svg in svgs:
        assert 'aria-hidden="true"' in svg.split(">")[0]
        links = re.findall(r"<a [^>]*>", svg)
        assert links and all('tabindex="-1"' in a and "aria-label" not in a for a in links)
    listing = html.split('class="timeline-list"')[1].split("</ol>")[0]
    assert 'href="/rounds/washington-2024-05/"' in listing
    assert 'href="/rounds/almaty-2024-05/"' in listing


@pytest.mark.parametrize("width", [360, 720])
def test_timeline_month_labels_never_crowd_or_overflow(width: int) -> None:
    b = make_briefing()
    b.rounds[0].start = b.rounds[0].end = dt.date(2023, 1, 30)  # a year and a half of talks
    b.rounds[1].start = b.rounds[1].end = dt.date(2024, 6, 2)
    tl = timeline(SiteIndex(b), width=width, pad=14)
    assert tl is not None
    xs = [x for x, _ in tl.ticks]
    assert len(xs) >= 3
    assert all(b - a >= TICK_GAP for a, b in zip(xs, xs[1:], strict=False))
    assert all(x <= width - TICK_GAP + 8 for x in xs)
    # the axis starts on 29 January 2023, two days before February: February's own tick
    # wins over a crowded "Jan 2023" label at the start
    assert tl.ticks[0][1] == "Feb 2023"


def test_round_page_marks_the_contested_issues_on_the_table(tmp_path: Path) -> None:
    b = make_briefing()
    constitution, corridor, border = b.sticking_points
    constitution.contested, constitution.rounds = True, {"almaty-2024-05": True}
    border.rounds = {"almaty-2024-05": False}
    corridor.rounds = {"washington-2024-05": False}
    result = render(tmp_path, briefing=b)
    html = page(result, "rounds/almaty-2024-05/index.html")
    table = html.split(">Issues on the table</h2>", 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li class="issue-block.*?</h3>', table, re.S)
    assert len(items) == 2  # the corridor is on another round's table
    assert "/issues/constitution/" in items[0] and "contested</span>" in items[0]
    assert "not contested" not in items[0]
    assert "/issues/border/" in items[1] and "not contested</span>" in items[1]


def test_issue_page_says_whether_contested_and_marks_its_rounds(tmp_path: Path) -> None:
    b = make_briefing()
    constitution = b.sticking_points[0]
    constitution.contested, constitution.rounds = True, {"almaty-2024-05": True}
    result = render(tmp_path, briefing=b)
    html = page(result, "issues/constitution/index.html")
    head = html.split("</h1>", 1)[1].split("</p>", 1)[0]
    assert '<span class="tag contested">contested</span>' in head
    table = html.split(">Positions over the rounds</h2>", 1)[1].split("</section>", 1)[0]
    # both rounds have a position on it (fixture: a1 in Washington, a3 in Almaty); only
    # the Almaty column is marked contested
    heads = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
    marked = [h for h in heads if 'class="tag contested"' in h]
    assert len(marked) == 1 and "/rounds/almaty-2024-05/" in marked[0]
    assert any("/rounds/washington-2024-05/" in h for h in heads)
    border = page(result, "issues/border/index.html")
    assert '<span class="tag settled">not contested</span>' in border
    # read as text (a search excerpt, a screen reader) the tag and the sentence after it
    # stay apart: "not contested: The reports show ...", not "not contested The reports"
    text = re.sub(r"<[^>]+>", "", border.split("</h1>", 1)[1].split("</p>", 1)[0])
    assert "not contested: The reports show" in text
    assert "contested: The reports show the parties disagree" in re.sub(r"<[^>]+>", "", head)


def test_actor_page_shows_the_role_history_by_round(tmp_path: Path) -> None:
    html = page(render(tmp_path), "actors/ararat-mirzoyan/index.html")
    dd = html.split("<dt>Role by round</dt>", 1)[1].split("</dd>", 1)[0]
    # a1 (Washington) writes "Armenian Foreign Minister Ararat Mirzoyan"; no other round does
    assert re.sub(r"<[^>]+>", "", dd).strip() == "Armenian Foreign Minister (Washington talks)"
    assert 'href="/rounds/washington-2024-05/"' in dd


def test_a_citation_tooltip_is_the_sentence_cut_after_a_word() -> None:
    short = "Calderia rejects the plan."
    assert cite_title(short) == short
    long = "Ivo Marten said on Tuesday in Port Elin that the ceasefire would hold " * 3
    cut = cite_title(long)
    assert cut.endswith("…") and len(cut) <= CITE_TITLE + 1
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "  # a whole word
    assert cite_title("x" * 200).startswith("x" * CITE_TITLE)
