"""Where a problem is, as ``file:line`` its author can open, and what it says.

A template is code: an error in one fails the build with ``templates/x.html:LINE``
and one line of explanation, never a Python traceback. A note's problems point at
the line of the note that has them.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound

from sitegen.models import Note


def template_location(exc: BaseException, fallback: str, own: Path) -> str:
    """``templates/x.html:LINE`` of the innermost template frame of an error."""
    where, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt")):
            where, line = name, tb.tb_lineno
        elif tb.tb_frame.f_code.co_name == "get_source":  # the loader failed to read it
            where, line = tb.tb_frame.f_locals.get("filename") or where, None
        tb = tb.tb_next
    if not where:
        return fallback
    path = Path(where)
    if path.is_relative_to(own):
        where = f"templates/{path.relative_to(own).as_posix()}"
    elif "templates" in path.parts:
        inside = path.parts[path.parts.index("templates") + 1 :]
        where = "sitegen/site/templates/" + "/".join(inside)
    return f"{where}:{line}" if line else where


def describe(exc: Exception) -> str:
    """A template error as one line a template author can act on."""
    if isinstance(exc, TemplateNotFound):
        return f"template '{exc.name}' not found (in templates/ or sitegen's own)"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start}); save the template as UTF-8"
    text = str(exc).strip().splitlines()
    if isinstance(exc, TemplateError) and text:
        return text[0]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def about_line(root: Path, note: Note) -> int:
    """The line of the ``about:`` key in a note's front matter (1 if not found)."""
    try:
        lines = (root / note.path).read_text(encoding="utf-8").splitlines()[: note.body_line]
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith("about:")), 1)


def entity_note_source(root: Path, kind: str, id: str) -> tuple[str, int]:
    """Where a record's own note was written (actor override, article sidecar), for messages."""
    file = f"seeds/{id}.md" if kind == "article" else f"content/{kind}s/{id}.md"
    try:
        lines = (root / file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return f"{kind}:{id}", 1
    if lines and lines[0].strip() == "---":
        closing = next((n for n, line in enumerate(lines[1:], 2) if line.strip() == "---"), 0)
        body = closing + 1
        while body <= len(lines) and not lines[body - 1].strip():
            body += 1
        return file, body
    return file, 1
