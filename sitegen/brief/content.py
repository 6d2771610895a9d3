"""Editor Markdown with YAML front matter: notes, article sidecars, actor overrides.

Errors carry the file and the line counted from the top of the file, so an
editor can jump straight to the fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.brief.suggest import did_you_mean
from sitegen.config import YamlProblem, key_lines, load_yaml
from sitegen.errors import ContentError
from sitegen.models import ActorOverride, Diagnostic, Note

FRONT = "---"
NOTE_KEYS = {"title", "about", "date", "draft"}
SIDECAR_KEYS = {"date", "round", "title", "url", "outlet"}
ACTOR_KEYS = {"name", "aliases", "side", "roles", "not_aliases", "title"}
ABOUT_KINDS = ("round", "actor", "party", "issue", "article")


@dataclass(slots=True)
class Document:
    """A Markdown file split into front matter and body."""

    path: str
    """Path relative to the project, for messages."""
    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line of the file where the body starts."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each front-matter key."""

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or the first line when it is absent."""
        return self.key_lines.get(key, 1)


def parse_document(text: str, path: str) -> Document:
    """Split ``---`` front matter from the body and load it safely."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT:
        return Document(path, {}, text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in (FRONT, "...")), None)
    if end is None:
        raise ContentError(
            "front matter opened with '---' is never closed; add a '---' line", file=path, line=1
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        meta = load_yaml(yaml_text, first_line=2)
    except YamlProblem as exc:
        raise ContentError(
            f"bad YAML front matter: {exc.message}", file=path, line=exc.line or 2
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError("front matter must be a mapping of keys to values", file=path, line=2)
    body = "\n".join(lines[end + 1 :])
    return Document(path, meta, body, end + 2, key_lines(yaml_text, first_line=2))


def read_document(path: Path, root: Path) -> Document:
    """Read and split one Markdown file; unreadable files raise ContentError."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            f"not UTF-8 text (byte {exc.start}); save it as UTF-8", file=rel
        ) from exc
    except OSError as exc:
        raise ContentError(f"cannot read: {exc.strerror}", file=rel) from exc
    return parse_document(text, rel)


def _date(doc: Document, key: str) -> dt.date | None:
    value = doc.meta.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ContentError(
            f"{key}: '{value}' is not a date; write it as YYYY-MM-DD",
            file=doc.path,
            line=doc.line_of(key),
        ) from exc


def _text(doc: Document, key: str) -> str | None:
    value = doc.meta.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise ContentError(
            f"{key}: must be text, not a list or mapping", file=doc.path, line=doc.line_of(key)
        )
    return str(value)


def _text_list(doc: Document, key: str) -> list[str]:
    value = doc.meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ContentError(f"{key}: must be a list of names", file=doc.path, line=doc.line_of(key))
    return [str(v) for v in value]


def _unknown_keys(doc: Document, known: set[str]) -> list[Diagnostic]:
    """A key sitegen does not know is an error: a misspelt ``rols:`` would otherwise
    drop the editor's correction without a word."""
    return [
        Diagnostic(
            doc.path,
            doc.line_of(k),
            f"unknown front-matter key '{k}'{did_you_mean(k, known)} "
            f"(known: {', '.join(sorted(known))})",
            "error",
        )
        for k in sorted(map(str, doc.meta))
        if k not in known
    ]


@dataclass(slots=True)
class Sidecar:
    """An editor's corrections to one article (``seeds/<stem>.md``)."""

    path: str
    date: dt.date | None = None
    round: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    note: str = ""


def sidecar_from(doc: Document) -> tuple[Sidecar, list[Diagnostic]]:
    """Read a sidecar's front matter; the editor's word overrides the machine's."""
    car = Sidecar(
        path=doc.path,
        date=_date(doc, "date"),
        round=_text(doc, "round"),
        title=_text(doc, "title"),
        url=_text(doc, "url"),
        outlet=_text(doc, "outlet"),
        note=doc.body.strip(),
    )
    return car, _unknown_keys(doc, SIDECAR_KEYS)


def note_from(doc: Document) -> tuple[Note, list[Diagnostic]]:
    """Read a ``content/**/*.md`` note."""
    about = _text(doc, "about")
    if about is not None:
        kind, sep, ident = about.partition(":")
        if not sep or kind not in ABOUT_KINDS or not ident.strip():
            raise ContentError(
                f"about: '{about}' should be KIND:ID with KIND one of {', '.join(ABOUT_KINDS)}"
                " (e.g. 'round:2026-01-23-abu-dhabi')",
                file=doc.path,
                line=doc.line_of("about"),
            )
        about = f"{kind}:{ident.strip()}"
    draft = doc.meta.get("draft", False)
    if not isinstance(draft, bool):
        raise ContentError("draft: must be true or false", file=doc.path, line=doc.line_of("draft"))
    title = _text(doc, "title") or Path(doc.path).stem.replace("-", " ").capitalize()
    note = Note(
        path=doc.path,
        title=title,
        body=doc.body,
        body_line=doc.body_line,
        about=about,
        date=_date(doc, "date"),
        draft=draft,
        about_line=doc.line_of("about"),
    )
    return note, _unknown_keys(doc, NOTE_KEYS)


def actor_override_from(doc: Document) -> tuple[ActorOverride, list[Diagnostic]]:
    """Read ``content/actors/<slug>.md``: the editor names, merges, splits or sides an actor."""
    slug = Path(doc.path).stem
    override = ActorOverride(
        slug=slug,
        file=doc.path,
        name=_text(doc, "name"),
        aliases=_text_list(doc, "aliases"),
        side=_text(doc, "side"),
        roles=_text_list(doc, "roles"),
        not_aliases=_text_list(doc, "not_aliases"),
        note=doc.body.strip(),
        key_lines=dict(doc.key_lines),
    )
    return override, _unknown_keys(doc, ACTOR_KEYS | NOTE_KEYS)


@dataclass(slots=True)
class EditorContent:
    """Everything editors wrote, gathered before aggregation."""

    notes: list[Note] = field(default_factory=list)
    sidecars: dict[str, Sidecar] = field(default_factory=dict)
    """By article id (the seed file's stem)."""
    actors: list[ActorOverride] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` resolves inside ``root`` (symlinks out are not followed)."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def load_content(root: Path) -> EditorContent:
    """Gather sidecars, notes and actor overrides; each bad file is one diagnostic."""
    found = EditorContent()

    def take(path: Path, kind: str) -> None:
        rel = path.relative_to(root).as_posix()
        if not _inside(path, root):
            found.diagnostics.append(
                Diagnostic(
                    rel,
                    None,
                    "points outside the project; symlinked content is not followed",
                    "error",
                )
            )
            return
        try:
            doc = read_document(path, root)
            if kind == "sidecar":
                car, diags = sidecar_from(doc)
                found.sidecars[path.stem] = car
            elif kind == "actor":
                override, diags = actor_override_from(doc)
                found.actors.append(override)
            else:
                note, diags = note_from(doc)
                found.notes.append(note)
            found.diagnostics.extend(diags)
        except ContentError as exc:
            found.diagnostics.append(Diagnostic(exc.file or rel, exc.line, exc.message, "error"))

    seeds = root / "seeds"
    if seeds.is_dir():
        for path in sorted(seeds.glob("*.md")):
            take(path, "sidecar")
    content = root / "content"
    if content.is_dir():
        for path in sorted(content.rglob("*.md")):
            rel_parts = path.relative_to(content).parts
            if rel_parts[0] == "actors" and len(rel_parts) == 2:
                take(path, "actor")
            elif path.name.lower() != "readme.md":
                take(path, "note")
    return found
