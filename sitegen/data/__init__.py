"""Word lists and gazetteers kept as data, so rules stay generic."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it: eight times faster, and these
files are ours (an editor's YAML goes through ``config.load_yaml`` instead)."""


@cache
def load(name: str) -> Any:
    """Load ``sitegen/data/NAME.yaml`` once; the data is read-only by convention."""
    text = (files(__package__) / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
