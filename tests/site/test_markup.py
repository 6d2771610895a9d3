"""Editor Markdown: safe HTML, resolved [[kind:id]] links, absolute line numbers."""

from __future__ import annotations

import pytest

from sitegen.site.markup import Target, render_markdown

TARGETS = {
    "actor": {
        "jeyhun-bayramov": Target("/b/actors/jeyhun-bayramov/", "Jeyhun Bayramov"),
        "ararat-mirzoyan": Target("/b/actors/ararat-mirzoyan/", "Ararat Mirzoyan"),
    },
    "round": {"almaty-2024-05": Target("/b/rounds/almaty-2024-05/", "Almaty talks")},
}


def render(text: str, body_line: int = 1):
    return render_markdown(text, file="content/x.md", body_line=body_line, targets=TARGETS)


def test_wikilinks_resolve_to_url_and_label() -> None:
    out = render("Met [[actor:jeyhun-bayramov]] at [[round:almaty-2024-05|the Almaty round]].")
    assert (
        '<a class="ref ref-actor" href="/b/actors/jeyhun-bayramov/">Jeyhun Bayramov</a>' in out.html
    )
    assert 'href="/b/rounds/almaty-2024-05/">the Almaty round</a>' in out.html
    assert out.diagnostics == []


def test_unknown_id_reports_absolute_line_and_known_ids() -> None:
    # the body starts on line 6 of the file; the bad link is on its third line
    out = render("First line.\n\nSee [[actor:jeyhun-bayramow]] here.", body_line=6)
    assert len(out.diagnostics) == 1
    diag = out.diagnostics[0]
    assert str(diag).startswith("content/x.md:8: unknown actor 'jeyhun-bayramow' (known: ")
    # the closest id comes first
    assert "(known: jeyhun-bayramov, ararat-mirzoyan)" in diag.message
    assert 'class="ref-missing"' in out.html


def test_line_numbers_in_paragraph_continuation_table_and_footnote() -> None:
    text = (
        "line one\n"  # +0
        "line two [[actor:nobody]]\n"  # +1
        "\n"
        "| a | b |\n"  # +3
        "|---|---|\n"
        "| [[round:nope]] | x |\n"  # +5
        "\n"
        "Text[^1].\n"
        "\n"
        "[^1]: In a footnote [[actor:ghost]].\n"  # +9
    )
    out = render(text, body_line=10)
    assert [(d.line, d.message.split(" (")[0]) for d in out.diagnostics] == [
        (11, "unknown actor 'nobody'"),
        (15, "unknown round 'nope'"),
        (19, "unknown actor 'ghost'"),
    ]


def test_unknown_kind_is_reported() -> None:
    out = render("[[person:someone]]")
    assert "unknown link kind 'person'" in out.diagnostics[0].message


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example/"></iframe>',
    ],
)
def test_raw_html_is_escaped(evil: str) -> None:
    out = render(f"Before\n\n{evil}\n\nafter {evil}")
    assert "<script" not in out.html
    assert "<img" not in out.html
    assert "<iframe" not in out.html
    assert '<a href="javascript' not in out.html
    assert "&lt;" in out.html


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
    ],
)
def test_script_links_are_dropped(link: str) -> None:
    out = render(link)
    assert "href" not in out.html.lower()


def test_ordinary_links_survive() -> None:
    out = render("[AP](https://apnews.com/x) and [local](/b/sources/a/)")
    assert '<a href="https://apnews.com/x">AP</a>' in out.html
    assert '<a href="/b/sources/a/">local</a>' in out.html


def test_remote_images_are_dropped_local_kept() -> None:
    out = render("![map](https://tiles.example/map.png)\n\n![logo](/b/static/logo.png)")
    assert "tiles.example" not in out.html
    assert '<img src="/b/static/logo.png" alt="logo"' in out.html
    assert "image from another host dropped" in out.diagnostics[0].message


def test_tables_and_footnotes_render() -> None:
    out = render_markdown(
        "| side | stance |\n|---|---|\n| A | B |\n\nClaim[^n].\n\n[^n]: Source.",
        file="content/x.md",
        body_line=1,
        targets=TARGETS,
        doc_id="note one",
    )
    assert "<table>" in out.html and "<td>A</td>" in out.html
    assert 'id="fn-note-one-1"' in out.html  # ids prefixed so two notes on a page differ


def test_links_in_code_are_left_alone() -> None:
    out = render("Write `[[actor:nobody]]` to link.\n\n    [[actor:ghost]]\n")
    assert out.diagnostics == []
    assert "[[actor:nobody]]" in out.html


def test_headings_are_demoted_below_the_page_heading() -> None:
    out = render("# Title\n\n## Sub")
    assert "<h3>Title</h3>" in out.html and "<h4>Sub</h4>" in out.html
