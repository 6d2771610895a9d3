"""Each article's stances (positions, issues on the table), remembered between builds.

``find_stances`` reads an article's people with their sides, and sides are final
only once people are merged across the whole briefing: an edit to one article can
give a person in another a side. So stances are read after merging, and on every
build; at 1,000 articles that was most of a rebuild after one edit.

What ``find_stances`` reads is fixed by the article's gather-cache key (its text,
name, sidecar edits; the code, word lists and taxonomy are the file's fingerprint)
except what gathering writes into the facts after extraction: people's sides
(``_share_sides``; ``merge_actors`` and ``merge_parties`` write into their own
records, not the facts) and the briefing's negotiating parties. An entry's key
covers those too, so a side shared from another article is a miss, never a stale
hit. The entries live beside the gather cache (``.cache/sitegen/stances/``) in the
same kind of file: schema, fingerprint, hash and HMAC, a damaged file ignored.
Entries are kept as JSON and decoded afresh each build, because the briefing goes
on to rename the issues it is given (``split_by_process``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from sitegen.brief.cache import GatherCache, Later, entry_key, run_or_defer
from sitegen.extract import find_stances
from sitegen.extract.issues import Taxonomy
from sitegen.ingest.pool import map_forked
from sitegen.models import Article, ArticleFacts, IssueRef, PositionRef

Pair = tuple[Article, ArticleFacts]
Stances = list[list[list[Any]]]
"""An entry: ``[positions, issues]``, each record its fields in ``models.py`` order."""
_ATOMS = (str, int, bool, type(None))
R = TypeVar("R", PositionRef, IssueRef)


class StanceCache(GatherCache):
    """The stance entries of one fingerprint: a ``GatherCache`` in its own folder."""

    FOLDER = "stances"


POSITION_FIELDS = tuple(f.name for f in dataclasses.fields(PositionRef))
ISSUE_FIELDS = tuple(f.name for f in dataclasses.fields(IssueRef))


def _rows(records: Sequence[object], names: tuple[str, ...]) -> list[list[Any]]:
    rows = []
    for record in records:
        row = [getattr(record, name) for name in names]
        if not all(type(v) in _ATOMS for v in row):
            raise TypeError(f"a {type(record).__name__} field is no JSON atom")  # a bug
        rows.append(row)
    return rows


def encode_stances(facts: ArticleFacts) -> Stances:
    """An article's positions and issues as JSON data (``fill`` reverses it)."""
    return [_rows(facts.positions, POSITION_FIELDS), _rows(facts.issues, ISSUE_FIELDS)]


def _made(kind: type[R], names: tuple[str, ...], row: Any) -> R:
    """One record from its row; every field given (a default would hide a cut-short row)."""
    if type(row) is not list or len(row) != len(names):
        raise ValueError(f"not a {kind.__name__}")
    return kind(*row)


def _records(entry: Any) -> tuple[list[PositionRef], list[IssueRef]]:
    """The records of an entry; ``TypeError`` or ``ValueError`` for one of another shape."""
    positions, issues = entry
    return (
        [_made(PositionRef, POSITION_FIELDS, r) for r in positions],
        [_made(IssueRef, ISSUE_FIELDS, r) for r in issues],
    )


def fill(article: Article, facts: ArticleFacts, entry: Any) -> bool:
    """Put a cache entry's stances into ``facts``; False (and nothing put) for one of
    another shape or citing a sentence the article does not have."""
    try:
        found = _records(entry)
    except (TypeError, ValueError):
        return False
    count = len(article.sentences)
    cited = [p.sentence for p in found[0]] + [i.sentence for i in found[1]]
    if not all(type(at) is int and 0 <= at < count for at in cited):
        return False
    facts.positions, facts.issues = found
    return True


def stance_key(gather_key: str, facts: ArticleFacts, negotiators: frozenset[str]) -> str:
    """What an article's stances depend on beyond its gather key: its people's sides as
    the briefing left them, and the briefing's negotiating parties."""
    sides = [(p.key, p.side) for p in facts.people]
    return entry_key("stances", gather_key, sides, sorted(negotiators))


def _stances(pair: Pair, taxonomy: Taxonomy, negotiators: frozenset[str]) -> Stances:
    """One article's stances as an entry (in a forked worker: they travel back as data)."""
    article, facts = pair
    find_stances(article, facts, taxonomy, negotiators)
    return encode_stances(facts)


def read_stances(
    pairs: list[Pair],
    negotiators: frozenset[str],
    *,
    taxonomy: Taxonomy,
    cache: GatherCache | None = None,
    keys: Sequence[str] = (),
    later: Later | None = None,
) -> None:
    """Fill in every article's positions and issues, once sides are final: from ``cache``
    where an entry's key matches (``keys``: each pair's gather-cache key), the rest
    found afresh, on forked workers when there are many (a cold build: the only step
    between extraction and rendering that is long, 1.2 s at 1,000 articles, and it left
    a core idle; the workers cost about a fifth more CPU, and less wall time on a machine
    that has the second core to give)."""
    stance_keys = (
        [stance_key(k, f, negotiators) for k, (_, f) in zip(keys, pairs, strict=True)]
        if cache
        else []
    )
    todo = []
    for n, (article, facts) in enumerate(pairs):
        entry = cache.get(stance_keys[n]) if cache else None
        if entry is None or not fill(article, facts, entry):
            if entry is not None and cache:
                cache.drop(stance_keys[n])
            todo.append(n)
    found = map_forked(lambda k: _stances(pairs[todo[k]], taxonomy, negotiators), len(todo))
    for k, at in enumerate(todo):
        article, facts = pairs[at]
        if found is None or not fill(article, facts, found[k]):
            find_stances(article, facts, taxonomy, negotiators)
        if cache:
            cache.put(stance_keys[at], encode_stances(facts))
    if cache:
        save = functools.partial(cache.save, stance_keys)
        run_or_defer(save, later)
