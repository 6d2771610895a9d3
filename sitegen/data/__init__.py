"""Word lists and gazetteers kept as data, so rules stay generic."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Load ``sitegen/data/NAME.yaml`` once; the data is read-only by convention."""
    text = (files(__package__) / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
