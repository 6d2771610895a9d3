"""Editor Markdown -> safe HTML, with ``[[kind:id]]`` links resolved and checked.

Notes come from many editors, so raw HTML is escaped (never passed through),
``javascript:`` and similar links are dropped by markdown-it's link validator,
and images from other hosts are refused (pages make no requests elsewhere).
Every problem is reported with the note's file and the absolute line number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin

from sitegen.brief.suggest import known_ids
from sitegen.models import Diagnostic

REF_KINDS = ("actor", "round", "party", "issue", "article")
"""The kinds an editor may link to with ``[[kind:id]]``."""

_WIKILINK = re.compile(r"\[\[([a-z]+):([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a ``[[kind:id]]`` link points and the text it shows by default."""

    url: str
    label: str


@dataclass(slots=True)
class RenderedNote:
    """A note's HTML and the problems found while rendering it."""

    html: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


Targets = Mapping[str, Mapping[str, Target]]
"""kind -> id -> target; built from the briefing by the page plan."""


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: turn ``[[kind:id]]`` / ``[[kind:id|label]]`` into one token."""
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = match[0]
        token.meta = {"kind": match[1], "id": match[2].strip(), "label": match[3]}
    state.pos = match.end()
    return True


def _walk(tokens: Sequence[Token], line: int) -> list[tuple[Token, int]]:
    """Every inline child with the (0-based, note-relative) line it sits on."""
    found: list[tuple[Token, int]] = []
    for token in tokens:
        start = token.map[0] if token.map else line
        line = start
        if token.children:
            offset = 0
            for child in token.children:
                found.append((child, start + offset))
                if child.type in ("softbreak", "hardbreak"):
                    offset += 1
                elif child.type == "code_inline":
                    offset += child.content.count("\n")
    return found


def _check_rule(state: StateCore) -> None:
    """Core rule: resolve links, refuse remote images, demote headings."""
    env = state.env
    report = env["report"]
    targets: Targets = env["targets"]
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    for child, line in _walk(state.tokens, 0):
        if child.type == "wikilink":
            kind, ref = child.meta["kind"], child.meta["id"]
            if kind not in REF_KINDS:
                report(
                    line,
                    f"unknown link kind '{kind}' in {child.content} (use one of: "
                    f"{', '.join(REF_KINDS)})",
                )
                continue
            known = targets.get(kind, {})
            target = known.get(ref)
            if target is None:
                report(line, f"unknown {kind} '{ref}' (known: {known_ids(ref, known)})")
                continue
            child.meta["target"] = target
        elif child.type == "image" and _REMOTE.match(str(child.attrGet("src") or "")):
            report(line, f"image from another host dropped: {child.attrGet('src')}")
            child.type = "text"
            child.tag = ""
            child.attrs = {}
            child.content = child.content or "image"
            child.children = None


def _render_wikilink(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    target: Target | None = token.meta.get("target")
    if target is None:
        return f'<span class="ref-missing">{escape(token.content)}</span>'
    label = token.meta["label"] or target.label
    return (
        f'<a class="ref ref-{escape(token.meta["kind"])}" href="{escape(target.url)}">'
        f"{escape(label)}</a>"
    )


def make_parser() -> MarkdownIt:
    """A CommonMark parser with tables and footnotes and no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.core.ruler.push("sitegen_check", _check_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    return md


def render_markdown(
    source: str,
    *,
    file: str,
    body_line: int,
    targets: Targets,
    doc_id: str = "",
    md: MarkdownIt | None = None,
) -> RenderedNote:
    """Render one note body; ``body_line`` is the 1-based file line where it starts."""
    diagnostics: list[Diagnostic] = []

    def report(line: int, message: str) -> None:
        diagnostics.append(Diagnostic(file, body_line + line, message, "error"))

    env: dict[str, Any] = {"targets": targets, "report": report}
    if doc_id:
        env["docId"] = re.sub(r"[^A-Za-z0-9_-]+", "-", doc_id)
    parser = md or make_parser()
    html = parser.render(source, env)
    diagnostics.sort(key=lambda d: (d.line or 0, d.message))
    return RenderedNote(html=html, diagnostics=diagnostics)


def find_refs(source: str) -> list[tuple[int, str, str]]:
    """``(line offset, kind, id)`` of each ``[[kind:id]]`` written in a source text."""
    refs = []
    for no, line in enumerate(source.splitlines()):
        for match in _WIKILINK.finditer(line):
            refs.append((no, match[1], match[2].strip()))
    return refs
