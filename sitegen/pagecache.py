"""Page-level incremental rendering: re-render only the pages whose view data changed.

Each detail page (a source, an actor, a round) gets a key: a hash of what its
template reads, gathered here from the ``SiteIndex`` the way the template
gathers it (the record itself, the facts and articles it lists, the names of
the people it links to), plus a site-wide part (code, templates, settings, the
build date, the site's counts and the names and order of every party, sticking
point and round, which any page may link to or count). A page whose key and
output file are as the last build left them is kept as it is; every other page
is rendered. Pages that show the whole briefing (home, lists), few pages
(parties, sticking points, notes) and pages with an editor's note (rendering
one reports problems in it) are rendered every time.

The keys of the last build live in ``.cache/sitegen/pages/``, one file per
output folder, with each page file's size, mtime and inode: the previous bytes
are the output folder's own files (hard-linked into the new tree by
``write_site``), so a file edited or removed by hand is rendered again.
Projects with templates of their own get no page cache: what an overriding
template reads is not known here.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitegen.cache import code_fingerprint, store_newest
from sitegen.config import Config
from sitegen.models import Actor, Article, Position, Quote, Round
from sitegen.views import SiteIndex

PAGE_SCHEMA = 1
CACHED_TEMPLATES = frozenset({"source.html", "actor.html", "round.html"})
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
KEEP_INDEXES = 8
"""Page indexes kept per project (one per output folder), as for build stamps."""

Entry = tuple[str, int, int, int]
"""(key, size, mtime_ns, inode) of one page file as the last build left it."""


def digest(*parts: object) -> str:
    """A hash of plain records (dataclasses, lists, strings, dates...) by value.

    Pickled without its memo, so two equal records hash alike however their
    objects happen to be shared."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=5)
    pickler.fast = True  # no memo: equal values give equal bytes
    pickler.dump(parts)
    return hashlib.blake2b(buf.getvalue(), digest_size=20).hexdigest()


def own_templates(config: Config) -> bool:
    """Whether the project overrides any page template (then nothing is cached)."""
    folder = config.templates_dir
    return folder.is_dir() and any(
        p.is_file() and "static" not in p.relative_to(folder).parts for p in folder.rglob("*")
    )


def _templates_digest() -> str:
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(PACKAGE_TEMPLATES.rglob("*.html")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class PageKeys:
    """Each cacheable page's key, from the view data its template renders."""

    def __init__(
        self,
        site: SiteIndex,
        site_wide: Iterable[object],
        has_notes: Callable[[str, str, str], bool],
    ) -> None:
        self.site = site
        self.has_notes = has_notes
        s = site
        self.common = digest(
            PAGE_SCHEMA,
            code_fingerprint(),
            _templates_digest(),
            *site_wide,
            len(s.b.articles),
            [(p.id, p.name, p.role) for p in s.parties_sorted],
            [(i.id, i.label) for i in s.issues_sorted],
            [(r.id, r.title) for r in s.rounds_sorted],
        )

    def key(self, template: str, context: dict[str, Any], meta: tuple[object, ...]) -> str | None:
        """The page's key, or None when it must be rendered every time."""
        if template == "source.html":
            art: Article = context["article"]
            if self.has_notes("article", art.id, art.note):
                return None
            return digest(self.common, meta, *self._source(art))
        if template == "actor.html":
            actor: Actor = context["actor"]
            if self.has_notes("actor", actor.id, actor.note):
                return None
            return digest(self.common, meta, *self._actor(actor))
        if template == "round.html":
            r: Round = context["round"]
            if self.has_notes("round", r.id, r.note):
                return None
            return digest(self.common, meta, *self._round(r))
        return None

    # ------------------------------------------------------------ what pages read

    def _label(self, article_id: str) -> tuple[object, ...]:
        """What a citation or a source line shows of an article."""
        a = self.site.articles.get(article_id)
        info = (a.title, a.date, a.agency, a.outlet) if a else ()
        return (article_id, self.site.source_no.get(article_id), *info)

    def _labels(self, ids: Iterable[str]) -> list[tuple[object, ...]]:
        return [self._label(i) for i in sorted(set(ids))]

    def _names(self, ids: Iterable[str | None]) -> list[tuple[str, str | None]]:
        """Names of the people a page links to."""
        actors = self.site.actors
        return [(i, actors[i].name if i in actors else None) for i in sorted({i for i in ids if i})]

    def _facts(self, quotes: list[Quote], positions: list[Position]) -> list[object]:
        """Quotes and positions, with the articles they cite and the people they name."""
        cited = [q.article for q in quotes] + [q.sentence.article for q in quotes]
        cited += [p.article for p in positions] + [p.sentence.article for p in positions]
        people = [q.speaker for q in quotes if q.speaker_kind == "actor"]
        people += [p.actor for p in positions]
        return [quotes, positions, self._labels(cited), self._names(people)]

    def _source(self, art: Article) -> list[object]:
        s = self.site
        actors, quotes, positions = s.article_facts(art)
        r = s.round_of(art.id)
        named = [(a.id, a.name, [e for e in a.evidence if e.article == art.id]) for a in actors]
        return [
            art,
            self._label(art.id),
            r.id if r else None,
            named,
            sorted(s.cited.get(art.id, ())),
            *self._facts(quotes, positions),
        ]

    def _actor(self, a: Actor) -> list[object]:
        s = self.site
        cited = [e.article for e in a.evidence] + list(a.articles)
        if a.side_evidence:
            cited.append(a.side_evidence.article)
        return [
            a,
            [r.id for r in s.actor_rounds(a)],
            [(o.id, o.name, n) for o, n in s.related(a)],
            self._labels(cited),
            *self._facts(s.actor_quotes(a), s.actor_positions(a)),
        ]

    def _round(self, r: Round) -> list[object]:
        s = self.site
        prev, nxt = s.previous_round(r), s.next_round(r)
        articles = s.round_articles(r)
        shown = set(r.participants) | {x.id for art in articles for x in s.article_actors(art.id)}
        people = [
            (i, s.actors[i].name, s.actors[i].roles[:1], s.actors[i].side)
            for i in sorted(shown & s.actors.keys())
        ]
        issues = [(i.id, s.issue_evidence_in(i.id, r)) for i in s.issues_sorted]
        before: list[object] = []
        if prev is not None:
            before = [
                prev.id,
                sorted(prev.participants),
                s.round_positions(prev),
                [(i.id, s.issue_evidence_in(i.id, prev)) for i in s.issues_sorted],
                self._labels(a.id for a in s.round_articles(prev)),
            ]
        return [
            r,
            s.round_index(r),
            nxt.id if nxt else None,
            articles,
            [self._label(a.id) for a in articles],
            people,
            issues,
            before,
            *self._facts(s.round_quotes(r), s.round_positions(r)),
        ]


# ------------------------------------------------------------------ the store


def index_path(config: Config, out: Path) -> Path:
    """One page index per output folder, in the project's cache."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return config.cache_dir / "pages" / f"{name}.json"


def load_index(path: Path) -> dict[str, Entry]:
    """The last build's page keys; anything unreadable is an empty index."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(raw, dict) or raw.get("schema") != PAGE_SCHEMA:
        return {}
    pages = raw.get("pages")
    if not isinstance(pages, dict):
        return {}
    out: dict[str, Entry] = {}
    for file, entry in pages.items():
        if (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and all(type(x) is int for x in entry[1:])
        ):
            out[str(file)] = (entry[0], entry[1], entry[2], entry[3])
    return out


def unchanged(out: Path, file: str, key: str, index: dict[str, Entry]) -> bool:
    """Whether ``out/file`` is the page the last build rendered under this key."""
    entry = index.get(file)
    if entry is None or entry[0] != key:
        return False
    try:
        info = os.lstat(out / file)
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns, info.st_ino) == entry[1:]


def save_index(path: Path, out: Path, keys: dict[str, str]) -> None:
    """Record each page's key with its file as now in ``out``; a read-only cache just misses."""
    pages: dict[str, list[object]] = {}
    for file, key in sorted(keys.items()):
        try:
            info = os.lstat(out / file)
        except OSError:
            continue
        pages[file] = [key, info.st_size, info.st_mtime_ns, info.st_ino]
    data = json.dumps({"schema": PAGE_SCHEMA, "pages": pages}, separators=(",", ":"))
    store_newest(path, data, KEEP_INDEXES)


def forget_index(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
