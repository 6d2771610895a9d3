"""The Jinja2 environment, its filters, and the static assets that go with the templates.

A project's ``templates/`` overrides the package's defaults file by file, for
pages and ``static/`` assets alike.
"""

from __future__ import annotations

import datetime as dt
import os
import types
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import internalcode

from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.models import Article
from sitegen.site.projecttemplates import ProjectLoader, has_overrides
from sitegen.site.views import MONTHS

SEARCH_KINDS = {
    "actor": "Actor",
    "party": "Party",
    "issue": "Issue",
    "round": "Round",
    "source": "Source",
    "note": "Note",
}
"""What a search result is, by its page's template: pagefind's ``kind`` meta."""
FAVICON_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>"
    "<rect width='32' height='32' rx='6' fill='#0b4f8a'/>"
    "<path d='M8 10h16M8 16h16M8 22h10' stroke='#fff' stroke-width='3' "
    "stroke-linecap='round'/></svg>"
)
FAVICON = "data:image/svg+xml," + quote(FAVICON_SVG, safe="/:=")
"""The icon inline: no request for a browser to make (nor to abort, nor to fail)."""


class MemoryTemplates(BytecodeCache):
    """Compiled templates kept in memory by a long-lived process (``serve``), so a rebuild
    does not compile every template again. Never on disk: Jinja loads its bytecode with
    ``marshal``, so a cache file that came with a project would run as code. Jinja checks
    each entry against its template's source, so an edited template is compiled afresh;
    sandboxed and plain environments compile differently and keep separate entries."""

    def __init__(self, code: dict[tuple[bool, str], bytes] | None = None) -> None:
        self._code: dict[tuple[bool, str], bytes] = dict(code or {})

    @property
    def code(self) -> dict[tuple[bool, str], bytes]:
        """Every entry: (sandboxed, key) -> compiled code (``precompile`` hands it on)."""
        return self._code

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.environment.sandboxed, bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.environment.sandboxed, bucket.key)] = bucket.bytecode_to_string()


class FastCallContext(Context):
    """A template context whose calls of plain functions and methods skip Jinja's
    checks for ``pass_context`` and the like.

    Pages call Python (links, lookups, URLs) a hundred thousand times on a large
    site, and ``Context.call`` looks for those markers through several attribute
    lookups (each a caught AttributeError) on every call. A Python function or
    method not marked by ``pass_context``/``pass_environment``/``pass_eval_context``
    (they set ``jinja_pass_arg`` on the function), or a built-in one (which cannot
    be marked), gets exactly what ``Context.call`` would give it; anything else
    (macros, marked functions, callable objects) goes through ``Context.call``.
    """

    @internalcode
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - as Jinja's
        fn = __obj.__func__ if type(__obj) is types.MethodType else __obj
        kind = type(fn)
        if kind is not types.BuiltinFunctionType and (
            kind is not types.FunctionType or "jinja_pass_arg" in fn.__dict__
        ):
            return Context.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def make_env(templates_dir: Path | None, compiled: MemoryTemplates | None = None) -> Environment:
    """Jinja2 environment: project templates override the package's, file by file.

    Compiled templates are never kept on disk: Jinja's bytecode cache is read with
    ``marshal``, so a cache file committed to a cloned project would run its code
    in every build. A project with templates of its own gets Jinja's sandbox (they
    come with the repository, like its articles), read only from regular files
    inside ``templates/`` (``sitegen.site.projecttemplates``). ``compiled``: templates
    compiled by earlier builds of this process."""
    loaders: list[Any] = []
    own = has_overrides(templates_dir)
    if templates_dir is not None and own:
        loaders.append(ProjectLoader(templates_dir))
    loaders.append(PackageLoader("sitegen.site", "templates"))
    env = (SandboxedEnvironment if own else Environment)(
        loader=ChoiceLoader(loaders),
        bytecode_cache=compiled,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no template changes under it
    )
    env.context_class = FastCallContext
    env.filters["day"] = format_day
    env.filters["days"] = format_days
    env.filters["plain"] = plain_text
    env.filters["source_label"] = source_label
    env.filters["cite_title"] = cite_title
    return env


CITE_TITLE = 80
"""Characters of the cited sentence a citation's tooltip shows: a round page holds
hundreds of citations, and the whole sentence on each was a third of its weight
(the link leads to the sentence itself, highlighted)."""


def cite_title(text: str, limit: int = CITE_TITLE) -> str:
    """The cited sentence, cut after a whole word near ``limit`` characters with '…'."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


PLAIN = str.maketrans({"<": "‹", ">": "›"})


def plain_text(value: object) -> str:
    """A value handed to pagefind (a filter), as text that stays text: pagefind's UI puts
    filter values into the page as HTML, so an editor's ``X<img onerror=...>`` would run
    in the reader's browser. The angle brackets become their look-alikes ‹ › (no tag can
    open without ``<``; entities then stay harmless text)."""
    return str(value).translate(PLAIN)


def format_day(value: dt.date | None) -> str:
    """'6 May 2024', the same on every machine (no locale)."""
    if value is None:
        return "date unknown"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def source_label(art: Article | None) -> str:
    """'AFP, 24 Jan 2026': who published a report and when, as a citation names it.

    It depends on the report alone, so it never changes when other reports are added
    (a running number did). Without an outlet or agency, the site of its address;
    without that, 'Report'."""
    if art is None:
        return "source gone"
    who = art.outlet or art.agency or _host(art.url) or "Report"
    day = art.date
    when = f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}" if day else "date unknown"
    return f"{who}, {when}"


def _host(url: str | None) -> str:
    """``example.org`` of ``https://www.example.org/x`` (None when there is none)."""
    if not url:
        return ""
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


def format_days(start: dt.date | None, end: dt.date | None = None) -> str:
    """A date range, shortened when the days share a month."""
    if start is None or end is None or start == end:
        return format_day(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"


def build_date() -> dt.datetime | None:
    """The build time, only when SOURCE_DATE_EPOCH fixes it (reproducible builds).

    As reproducible-builds.org asks, a malformed value fails the build rather
    than being ignored (a silently different date would defeat its purpose).
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        if not raw.isdecimal():
            raise ValueError(raw)
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BuildError(
            f"SOURCE_DATE_EPOCH={raw[:40]!r} is not a time: give whole seconds since "
            "1970-01-01 UTC (e.g. $(git log -1 --format=%ct)), or unset it"
        ) from None


def static_files(config: Config) -> dict[str, bytes]:
    """``static/`` assets: the package's, overridden file by file by the project's."""
    found: dict[str, bytes] = {}

    def walk(node: Traversable, rel: str) -> Iterator[tuple[str, Traversable]]:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            sub = f"{rel}{child.name}"
            if child.is_dir():
                yield from walk(child, sub + "/")
            elif not child.name.startswith("."):
                yield sub, child

    package = files("sitegen.site") / "templates" / "static"
    if package.is_dir():
        for rel, node in walk(package, ""):
            found[f"static/{rel}"] = node.read_bytes()
    own = config.templates_dir / "static"
    if own.is_dir() and not own.is_symlink():
        inside = own.resolve()
        for path in sorted(own.rglob("*")):
            if (
                path.is_file()
                and not path.is_symlink()
                and not path.name.startswith(".")
                and path.resolve().is_relative_to(inside)
            ):
                found[f"static/{path.relative_to(own).as_posix()}"] = path.read_bytes()
    return found
