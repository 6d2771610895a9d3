"""The ``site.yaml`` schema: validate everything, collect every error, report once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node

from sitegen.errors import BuildError, ConfigError
from sitegen.ingest.safeio import link_in_path, read_regular
from sitegen.models import Diagnostic

CACHE_FOLDERS = ("gather", "stances", "pages", "builds", "facts", "templates")
"""The cache's folders (``facts``: an old layout; ``templates``: the compiled templates
that are no longer kept), each checked before use."""
KNOWN_KEYS = {"title", "description", "base_url", "language", "issues", "author"}


# ------------------------------------------------------------------ safe YAML

MAX_YAML_DEPTH = 40
"""Deeper nesting than this is refused (PyYAML's composer recurses per level)."""
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
"""NUL and lone surrogates: a YAML escape can make them, UTF-8 pages cannot hold them."""


class YamlProblem(ValueError):
    """A YAML text that sitegen refuses, with the 1-based line of the fault."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class StrictLoader(yaml.SafeLoader):
    """SafeLoader for files many editors write: plain data only.

    Refused with a line number, never expanded or silently resolved: aliases
    (``*name``, which can make a billion-laughs bomb that blows up whatever
    walks the result), duplicate keys (the last one would win unseen), tags
    naming Python objects, keys that are lists or mappings, nesting deeper than
    ``MAX_YAML_DEPTH``, and values that cannot be built (``2024-13-45``).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None,
                None,
                f"alias '*{event.anchor}' refused: anchors and aliases (&name, *name) are "
                "not allowed; write the value out in full",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"nested more than {MAX_YAML_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            data = super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise ConstructorError(None, None, f"bad value: {exc}", node.start_mark) from exc
        if isinstance(data, str) and _UNWRITABLE.search(data):
            raise ConstructorError(
                None, None, "text holds a NUL or a lone surrogate escape", node.start_mark
            )
        return data


def _line(mark: yaml.Mark) -> int:
    """The 1-based line of a mark as an editor counts lines: YAML also breaks lines
    at U+0085, U+2028 and U+2029, which no editor shows as a new line."""
    if isinstance(mark.buffer, str):
        return mark.buffer.count("\n", 0, mark.index) + 1
    return int(mark.line) + 1


def _unique_mapping(loader: StrictLoader, node: MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            first = seen.get(key)
        except TypeError:
            raise ConstructorError(
                None, None, "a key must be plain text, not a list or mapping", key_node.start_mark
            ) from None
        if first is not None:
            raise ConstructorError(
                None,
                None,
                f"duplicate key '{key}' on lines {first} and {_line(key_node.start_mark)}; "
                "keep one",
                key_node.start_mark,
            )
        seen[key] = _line(key_node.start_mark)
    return loader.construct_mapping(node)


def _refuse_tag(loader: StrictLoader, suffix: str, node: Node) -> Any:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise ConstructorError(
        None,
        None,
        f"the tag '{tag}' is not allowed: only plain YAML (text, numbers, dates, lists, "
        "mappings) is read",
        node.start_mark,
    )


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
StrictLoader.add_multi_constructor("", _refuse_tag)


def load_yaml(text: str, *, first_line: int = 1) -> Any:
    """Parse untrusted YAML with ``StrictLoader``; ``first_line`` is the file line
    ``text`` starts on. Any fault raises ``YamlProblem`` (never another exception)."""
    try:
        return yaml.load("\n" * (first_line - 1) + text, Loader=StrictLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        if context and "duplicate anchor" in context:
            problem = context.split(";")[0]
        raise YamlProblem(problem, _line(mark) if mark is not None else None) from None
    except RecursionError:
        raise YamlProblem("nested too deeply", None) from None


@dataclass(slots=True)
class IssueSpec:
    """A sticking-point kind added or renamed in ``site.yaml``."""

    id: str
    label: str
    keywords: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Config:
    """The project's settings, with defaults for a folder that has no site.yaml."""

    root: Path
    """The project folder."""
    title: str = "Negotiation briefing"
    description: str = "A briefing built from news articles by sitegen."
    base_url: str = "/"
    """Where the site is served: a full URL or a path; always ends with '/'."""
    language: str = "en"
    author: str = ""
    issues: list[IssueSpec] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def cache_dir(self) -> Path:
        """``.cache/sitegen``, once checked: a symbolic link on the way to it or to one of
        its folders (committed to a cloned project) would lead the cache's writes and
        pruning to files outside the project, so it stops the build instead."""
        folder = self.root / ".cache" / "sitegen"
        for sub in CACHE_FOLDERS:
            bad = link_in_path(self.root, folder / sub)
            if bad is not None and bad.is_symlink():  # a plain file there: only unwritable
                rel = bad.relative_to(self.root).as_posix()
                raise BuildError(
                    f"{rel} is a symbolic link; sitegen never writes or deletes "
                    f"through links in its cache: remove it (rm {rel}; the cache is made "
                    "afresh) and run again, and do not commit .cache/ to the repository"
                )
        return folder


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Line number of each top-level YAML key, for messages that point at it."""
    lines: dict[str, int] = {}
    for no, line in enumerate(text.splitlines(), first_line):
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip().strip("'\""), no)
    return lines


def normalise_base_url(value: str) -> str:
    """Give a base URL exactly one trailing slash ('' and None mean '/'), and its path no
    doubled slash: ``//evil.example/`` as a path would make every link protocol-relative,
    to another host."""
    value = (value or "/").strip()
    scheme, sep, rest = value.partition("://")
    if sep and "/" not in scheme:
        host, slash, path = rest.partition("/")
        value = f"{scheme}://{host}" + re.sub(r"/{2,}", "/", slash + path)
    else:
        value = re.sub(r"/{2,}", "/", value)
    return value if value.endswith("/") else value + "/"


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,6}")
"""A BCP 47 language tag as sites use them ("en", "fr-CA", "zh-Hant-TW"), at most 35
characters: the value goes into ``<html lang>`` and to pagefind, which failed on a long one."""


def load_config(root: Path, base_url: str | None = None) -> Config:
    """Read ``root/site.yaml`` (optional); raise one ConfigError listing every fault."""
    cfg = Config(root=root)
    path = root / "site.yaml"
    if not path.is_file():
        if base_url is not None:
            cfg.base_url = normalise_base_url(base_url)
        return cfg
    try:
        raw = read_regular(path)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", file="site.yaml") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            file="site.yaml",
        ) from None
    try:
        data: Any = load_yaml(text.lstrip("\ufeff"))
    except YamlProblem as exc:
        raise ConfigError(f"bad YAML: {exc.message}", file="site.yaml", line=exc.line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of keys to values", file="site.yaml", line=1)
    lines = key_lines(text)
    errors: list[str] = []

    def err(key: str, message: str) -> None:
        errors.append(f"site.yaml:{lines.get(key, 1)}: {key}: {message}")

    for key in ("title", "description", "base_url", "language", "author"):
        if key in data and data[key] is not None:
            if not isinstance(data[key], str):
                err(key, "must be text")
            else:
                setattr(cfg, key, data[key])
    if not (LANGUAGE_TAG.fullmatch(cfg.language) and len(cfg.language) <= 35):
        err("language", "must be a language tag such as 'en' or 'fr-CA'")
    issues = data.get("issues") or []
    if not isinstance(issues, list):
        err("issues", "must be a list of entries with 'id', 'label' and 'keywords'")
        issues = []
    for spec in issues:
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            err("issues", "each entry needs an 'id' (and a 'label', 'keywords')")
            continue
        keywords = spec.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            err("issues", f"{spec['id']}: keywords must be a list of words")
            continue
        cfg.issues.append(
            IssueSpec(id=spec["id"], label=str(spec.get("label") or spec["id"]), keywords=keywords)
        )
    for key in sorted(set(data) - KNOWN_KEYS, key=str):  # keys of mixed types (None, 1)
        cfg.warnings.append(
            Diagnostic("site.yaml", lines.get(str(key)), f"unknown key '{key}' is ignored")
        )
    if errors:
        raise ConfigError("\n".join(errors))
    cfg.base_url = normalise_base_url(base_url if base_url is not None else cfg.base_url)
    return cfg
