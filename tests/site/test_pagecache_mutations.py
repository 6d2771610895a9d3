"""The page cache never keeps a stale page: for random one-field edits of a briefing,
every page whose key did not change must render to the same bytes.

A harness like this found two stale cases during the performance work (round pages
missing people who left since the previous round; word lists missing from keys), so
it runs here on the fixture briefing, with a fixed seed: a failure names the field.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any

from sitegen.config import Config
from sitegen.models import Briefing
from sitegen.site.pagecache import TEXT_FIELDS, PageIndex, PageKeys
from sitegen.site.pages import Rendered
from sitegen.site.render import Renderer
from tests.sitefixtures import make_briefing

COLLECTIONS = ["articles", "actors", "parties", "quotes", "positions", "sticking_points", "rounds"]
EDITS = 100


def render(briefing: Briefing, root: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    rendered = Renderer(briefing, Config(root=root), cache=False).render(
        lambda _file, _key: False, workers=1
    )
    return rendered.files, rendered.keys


def fields(briefing: Briefing) -> list[tuple[Any, str, str]]:
    """Every (record, field name, path) in the briefing, nested records included."""
    found: list[tuple[Any, str, str]] = []

    def visit(obj: Any, path: str) -> None:
        for f in dataclasses.fields(obj):
            found.append((obj, f.name, f"{path}.{f.name}"))
            value = getattr(obj, f.name)
            if dataclasses.is_dataclass(value):
                visit(value, f"{path}.{f.name}")
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if dataclasses.is_dataclass(item):
                        visit(item, f"{path}.{f.name}[{i}]")

    for name in COLLECTIONS:
        for i, record in enumerate(getattr(briefing, name)):
            visit(record, f"{name}[{i}]")
    return found


def mutate(obj: Any, name: str, briefing: Briefing, rnd: random.Random) -> bool:
    """Change one field to another plausible value (often one the same field has
    elsewhere, so that links still resolve); False when there is nothing to change to."""
    value = getattr(obj, name)
    others = [getattr(o, f) for o, f, _ in fields(briefing) if type(o) is type(obj) and f == name]
    others = [v for v in others if v != value]
    if isinstance(value, bool):
        new: Any = not value
    elif isinstance(value, int):
        new = value + rnd.choice([1, -1])
    elif isinstance(value, str):
        new = rnd.choice(others) if others and rnd.random() < 0.6 else value + " z"
    elif isinstance(value, dt.date):
        new = value + dt.timedelta(days=rnd.choice([1, 40, -3]))
    elif value is None:
        if not others:
            return False
        new = copy.deepcopy(rnd.choice(others))
    elif isinstance(value, list):
        new = list(value)
        pool = [x for other in others if isinstance(other, list) for x in other]
        roll = rnd.random()
        if new and roll < 0.35:
            new.pop(rnd.randrange(len(new)))
        elif len(new) > 1 and roll < 0.5:
            new.reverse()
        elif pool:
            new.insert(rnd.randrange(len(new) + 1), copy.deepcopy(rnd.choice(pool)))
        else:
            return False
    elif dataclasses.is_dataclass(value) and others:
        new = copy.deepcopy(rnd.choice(others))
    else:
        return False
    setattr(obj, name, new)
    return True


def test_an_unchanged_key_always_means_unchanged_bytes(tmp_path: Path) -> None:
    base = make_briefing()
    before, keys_before = render(base, tmp_path)
    assert len(keys_before) > 10  # most pages are keyed
    rnd = random.Random(20261122)
    stale: list[str] = []
    edits = kept = 0
    for _ in range(EDITS):
        briefing = copy.deepcopy(base)
        candidates = fields(briefing)
        obj, name, path = candidates[rnd.randrange(len(candidates))]
        if not mutate(obj, name, briefing, rnd):
            continue
        try:
            after, keys_after = render(briefing, tmp_path)
        except Exception:  # noqa: BLE001 - an edit the renderer refuses is no stale page
            continue
        edits += 1
        for page, key in keys_after.items():
            if keys_before.get(page) == key:
                kept += 1
                if after.get(page) != before.get(page):
                    stale.append(f"{path} -> {page}")
    assert edits > EDITS // 2, "too few edits could be made: the test would prove little"
    assert kept > 0, "no page was ever kept: the test would prove nothing"
    assert not stale, "pages kept although their bytes changed:\n" + "\n".join(stale[:20])


def keys_of(
    briefing: Briefing, root: Path, previous: PageIndex | None = None
) -> tuple[dict[str, str], Rendered, int]:
    """Every page's key, the rendering, and how many pages had their reads gathered."""
    calls = 0
    real = PageKeys._reads

    def counting(self: PageKeys, template: str, context: dict[str, Any]) -> Any:
        nonlocal calls
        calls += 1
        return real(self, template, context)

    PageKeys._reads = counting  # type: ignore[method-assign]
    try:
        rendered = Renderer(briefing, Config(root=root)).render(
            lambda _file, _key: True, workers=1, previous=previous
        )
    finally:
        PageKeys._reads = real  # type: ignore[method-assign]
    return rendered.keys, rendered, calls


def text_field(briefing: Briefing, rnd: random.Random) -> tuple[Any, str, str]:
    """A field of an article's text: a paragraph list, its sentences, a sentence's words."""
    art = rnd.choice(briefing.articles)
    picks: list[tuple[Any, str, str]] = [(art, f, f"{art.id}.{f}") for f in TEXT_FIELDS]
    picks += [(s, "text", f"{art.id}.sentences[{s.index}].text") for s in art.sentences]
    return rnd.choice(picks)


def test_keys_kept_from_the_last_build_are_the_keys_a_full_pass_gives(tmp_path: Path) -> None:
    """When only articles' texts changed, pages that do not read them keep their last
    key without their reads being gathered: for any edit, text or not, every key must
    be the one gathering every page's reads gives."""
    base = make_briefing()
    _keys, first, _calls = keys_of(base, tmp_path)
    previous = PageIndex({f: (k, 0, 0, 0) for f, k in first.keys.items()}, first.rest, first.texts)
    rnd = random.Random(20261123)
    wrong: list[str] = []
    saved = edits = 0
    for n in range(EDITS + 60):
        briefing = copy.deepcopy(base)
        if n < 60:
            obj, name, path = text_field(briefing, rnd)
        else:
            candidates = fields(briefing)
            obj, name, path = candidates[rnd.randrange(len(candidates))]
        if not mutate(obj, name, briefing, rnd):
            continue
        try:
            full, _r, gathered_all = keys_of(briefing, tmp_path)
        except Exception:  # noqa: BLE001 - an edit the renderer refuses proves nothing here
            continue
        reused, _r, gathered = keys_of(briefing, tmp_path, previous)
        edits += 1
        saved += gathered < gathered_all
        wrong += [
            f"{path} -> {page}"
            for page in full.keys() | reused.keys()
            if full.get(page) != reused.get(page)
        ]
    assert edits > EDITS // 2, "too few edits could be made: the test would prove little"
    assert saved > 20, "keys were hardly ever kept: the test would prove little"
    assert not wrong, (
        "keys kept from the last build that a full pass disagrees with:\n" + "\n".join(wrong[:20])
    )
