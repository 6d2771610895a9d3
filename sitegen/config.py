"""The ``site.yaml`` schema: validate everything, collect every error, report once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import ConfigError
from sitegen.models import Diagnostic

KNOWN_KEYS = {"title", "description", "base_url", "language", "issues", "author"}


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
        return self.root / ".cache" / "sitegen"


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Line number of each top-level YAML key, for messages that point at it."""
    lines: dict[str, int] = {}
    for no, line in enumerate(text.splitlines(), first_line):
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip().strip("'\""), no)
    return lines


def normalise_base_url(value: str) -> str:
    """Give a base URL exactly one trailing slash ('' and None mean '/')."""
    value = (value or "/").strip()
    return value if value.endswith("/") else value + "/"


def load_config(root: Path, base_url: str | None = None) -> Config:
    """Read ``root/site.yaml`` (optional); raise one ConfigError listing every fault."""
    cfg = Config(root=root)
    path = root / "site.yaml"
    if not path.is_file():
        if base_url is not None:
            cfg.base_url = normalise_base_url(base_url)
        return cfg
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file="site.yaml") from exc
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{problem}; fix the YAML syntax", file="site.yaml", line=line) from exc
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
    for spec in data.get("issues") or []:
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
    for key in sorted(set(data) - KNOWN_KEYS):
        cfg.warnings.append(
            Diagnostic("site.yaml", lines.get(str(key)), f"unknown key '{key}' is ignored")
        )
    if errors:
        raise ConfigError("\n".join(errors))
    cfg.base_url = normalise_base_url(base_url if base_url is not None else cfg.base_url)
    return cfg
