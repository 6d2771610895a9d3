"""Page-level incremental rendering: re-render only the pages whose view data changed.

Each page but the notes, search and 404 pages gets a key: a hash of what its
template reads, gathered by ``sitegen.site.pagereads`` from the ``SiteIndex`` the way
the template gathers it (the records it lists, the facts and articles it cites,
the names of the people it links to), plus a site-wide part (code, word lists,
templates, settings, the build date, the site's counts and the names and order
of every party, sticking point and round, which any page may link to or count).
A page whose key and output file are as the last build left them is kept as it
is; every other page is rendered. The hubs (home, lists, party and sticking
point pages) are keyed too: they show a little of everything, so most edits
change them, but an edit that adds no fact (a paragraph of background, a typo)
leaves them as they were, and rendering them is most of a small rebuild. Pages
with an editor's note are rendered every time (rendering one reports problems
in it), and so are the notes' own pages.

Gathering every page's reads is most of a small rebuild, and most edits change
only an article's text (``TEXT_FIELDS``), which few pages read. So the index also
keeps a digest of everything else pages read (``PageKeys.rest``) and one of each
article's text: when the former has not changed, pages that read no changed text
keep their last key without their reads being gathered.

The keys of the last build live in ``.cache/sitegen/pages/``, one file per
output folder, with each page file's size, mtime and inode: the previous bytes
are the output folder's own files (hard-linked into the new tree by
``write_site``), so a file edited or removed by hand is rendered again.
Projects with templates of their own get no page cache: what an overriding
template reads is not known here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from sitegen.brief.cache import (
    DATA_DIR,
    MAX_CACHE_BYTES,
    code_fingerprint,
    data_fingerprint,
    store_newest,
)
from sitegen.config import Config
from sitegen.ingest.safeio import read_regular
from sitegen.models import Article
from sitegen.site.pagereads import PageReads, plain, plain_list
from sitegen.site.textdigests import TextDigests
from sitegen.site.views import SiteIndex

PAGE_SCHEMA = 3
ENTITY_TEMPLATES = {
    "source.html": ("article", "article", "source"),
    "actor.html": ("actor", "actor", "actor"),
    "round.html": ("round", "round", "round"),
    "party.html": ("party", "party", "party"),
    "issue.html": ("issue", "issue", "issue"),
}
"""Detail pages: template -> (the kind editor notes use, the page's record in its
context, its ``PageReads`` method)."""
LIST_TEMPLATES = {
    "home.html": "home",
    "rounds.html": "rounds",
    "actors.html": "actors",
    "parties.html": "parties",
    "issues.html": "issues",
    "sources.html": "sources",
}
"""Pages over the whole briefing: template -> its ``PageReads`` method."""
HISTORY_TEMPLATE = "history.html"
"""The pages after the first of an actor's, party's or sticking point's earlier rounds."""
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
KEEP_INDEXES = 8
"""Page indexes kept per project (one per output folder), as for build stamps."""

Entry = tuple[str, int, int, int]
"""(key, size, mtime_ns, inode) of one page file as the last build left it."""
TEXT_FIELDS = ("paragraphs", "sentences", "standfirst", "captions", "sha256")
"""An article's text (and the hash of its file). Of all the pages, only the article's
own (its whole record) and its round's (each article's first sentence:
``RoundView.lead_sentences``) read it, besides the home page, a hub keyed every
time (see ``pagereads``). So when nothing
but some texts changed since the last build (a paragraph added, a typo fixed), every
other page keeps the key it had, without its reads being gathered again."""


@dataclass(slots=True)
class PageIndex:
    """The last build's page keys and what they were made of."""

    pages: dict[str, Entry] = field(default_factory=dict)
    rest: str = ""
    """Digest of everything a page may read but the articles' texts (``PageKeys.rest``)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Article id -> digest of its text."""


def digest(*parts: object) -> str:
    """A hash of plain records (dataclasses, lists, strings, dates...) by value.

    Pickled without its memo, so two equal records hash alike however their
    objects happen to be shared."""
    return Digester()(*parts)


class Digester:
    """``digest`` for many pages of one build. A record many pages show (a quote on its
    source, speaker, round and party pages) is hashed once, from its plain form
    (``pagereads.plain``: every field, by value), and the pages' reads hold that hash
    (``record``); whatever else they hold is pickled by value."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[object, bytes]] = {}
        self.buf = io.BytesIO()
        self.pickler = pickle.Pickler(self.buf, protocol=5)
        self.pickler.fast = True  # no memo: equal values give equal bytes

    def record(self, obj: object) -> bytes:
        """The hash of one record by value (kept with the record, so its id stays its own)."""
        entry = self.seen.get(id(obj))
        if entry is None:
            entry = self.seen[id(obj)] = (obj, self._hash(plain(obj)).digest())
        return entry[1]

    def __call__(self, *parts: object) -> str:
        return self._hash(parts).hexdigest()

    def _hash(self, value: object) -> Any:
        buf = self.buf
        buf.seek(0)
        buf.truncate()
        self.pickler.dump(value)
        return hashlib.blake2b(buf.getvalue(), digest_size=20)


_REST_OF_ARTICLE = attrgetter(
    *[f.name for f in dataclasses.fields(Article) if f.name not in TEXT_FIELDS]
)


def _rest_of_article(a: Article) -> tuple[object, ...]:
    return _REST_OF_ARTICLE(a)


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
        home: Iterable[object] = (),
        *,
        metas: Iterable[object] = (),
        previous: PageIndex | None = None,
        texts: TextDigests | None = None,
    ) -> None:
        """``home``: what the home page shows besides the briefing's records (the
        timelines, the latest editor notes), as the renderer computed it. ``metas``:
        every page's own part of its key (path, title, date, filters...), in order.
        ``previous``: the last build's index, whose keys hold where only texts changed.
        ``texts``: the text digests of a long-lived process's earlier builds."""
        self.site = site
        self.has_notes = has_notes
        self.digest = Digester()
        self.reads = PageReads(site, self.digest.record)
        self.home = list(home)
        s = site
        self.common = digest(
            PAGE_SCHEMA,
            code_fingerprint(),
            data_fingerprint(DATA_DIR),
            _templates_digest(),
            *site_wide,
            len(s.b.articles),
            [(p.id, p.name, p.role) for p in s.parties_sorted],
            [(i.id, i.label) for i in s.issues_sorted],
            [(r.id, r.title) for r in s.rounds_sorted],
        )
        if texts is None:
            self.texts = {a.id: self._text(a) for a in s.b.articles}
        else:
            self.texts = {a.id: texts.of(a, self._text) for a in s.b.articles}
            texts.keep_only(self.texts)
        self.rest = self._rest(metas)
        self.reuse: dict[str, Entry] = {}
        self.retexted: set[str] = set()
        """Articles whose text changed since ``previous``; their pages and rounds' are keyed."""
        self.rounds_retexted: set[str] = set()
        if previous is not None and previous.rest == self.rest:
            self.reuse = previous.pages
            self.retexted = {a for a, t in self.texts.items() if previous.texts.get(a) != t}
            self.rounds_retexted = {
                r.id
                for r in s.rounds_sorted
                if any(a.id in self.retexted for a in s.round_articles(r))
            }

    def _text(self, a: Article) -> str:
        return self.digest(
            a.paragraphs, plain_list(a.sentences), a.standfirst, a.captions, a.sha256
        )

    def _rest(self, metas: Iterable[object]) -> str:
        """A digest of everything a page may read but the articles' texts: the site-wide
        part, every page's title, date and filters, each article's other fields and
        every other record of the briefing (editor notes included)."""
        b = self.site.b
        records: list[list[Any]] = [
            b.rounds,
            b.parties,
            b.actors,
            b.quotes,
            b.positions,
            b.sticking_points,
            b.notes,
        ]
        return self.digest(  # one pickle: a hash per record costs more
            self.common,
            list(metas),
            list(map(_rest_of_article, b.articles)),
            [list(map(plain, group)) for group in records],
        )

    def key(
        self,
        template: str,
        context: dict[str, Any],
        meta: tuple[object, ...],
        file: str | None = None,
    ) -> str | None:
        """The page's key, or None when it must be rendered every time. ``file``: the
        page's file, to look up the key the last build gave it."""
        if file is not None and (entry := self.reuse.get(file)) is not None:
            kept = self._reused(template, context)
            if kept is not False:
                return entry[0] if kept else None
        reads = self._reads(template, context)
        return None if reads is None else self.digest(self.common, meta, template, *reads)

    def _reused(self, template: str, context: dict[str, Any]) -> bool | None:
        """Whether the page's last key still holds (only texts changed, none it reads);
        None when the page has notes now (rendered every time)."""
        entity = ENTITY_TEMPLATES.get(template)
        if entity is None:  # the hubs read a little of everything: keyed every time
            return False
        kind, name, _method = entity
        record = context[name]
        if self.has_notes(kind, record.id, record.note):
            return None
        if template == "source.html":
            return record.id not in self.retexted
        if template == "round.html":
            return record.id not in self.rounds_retexted
        return True

    def _reads(self, template: str, context: dict[str, Any]) -> list[object] | None:
        r = self.reads
        lists = LIST_TEMPLATES.get(template)
        if lists is not None:
            pager = context.get("pager")  # each page of a long list reads its own items
            reads = getattr(r, lists)(pager) if pager is not None else getattr(r, lists)()
            return [*reads, *(self.home if template == "home.html" else ())]
        if template == HISTORY_TEMPLATE:
            return r.history_page(context["section"], context["entity"], context["pager"])
        entity = ENTITY_TEMPLATES.get(template)
        if entity is None:
            return None
        kind, name, method = entity
        record = context[name]
        if self.has_notes(kind, record.id, record.note):  # its notes are rendered each time
            return None
        history = context.get("history")
        return [*getattr(r, method)(record), *(r.history(history) if history else ())]


# ------------------------------------------------------------------ the store


def index_path(config: Config, out: Path) -> Path:
    """One page index per output folder, in the project's cache."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return config.cache_dir / "pages" / f"{name}.json"


def load_index(path: Path) -> PageIndex:
    """The last build's page keys; anything unreadable is an empty index."""
    try:
        raw = json.loads(read_regular(path, MAX_CACHE_BYTES, follow=False))
    except (OSError, ValueError, RecursionError):
        return PageIndex()
    if not isinstance(raw, dict) or raw.get("schema") != PAGE_SCHEMA:
        return PageIndex()
    pages, rest, texts = raw.get("pages"), raw.get("rest"), raw.get("texts")
    if not isinstance(pages, dict) or not isinstance(rest, str) or not isinstance(texts, dict):
        return PageIndex()
    out: dict[str, Entry] = {}
    for file, entry in pages.items():
        if (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and all(type(x) is int for x in entry[1:])
        ):
            out[str(file)] = (entry[0], entry[1], entry[2], entry[3])
    known = {str(k): v for k, v in texts.items() if isinstance(v, str)}
    return PageIndex(out, rest, known)


def unchanged(out: Path, file: str, key: str, index: PageIndex) -> bool:
    """Whether ``out/file`` is the page the last build rendered under this key."""
    entry = index.pages.get(file)
    if entry is None or entry[0] != key:
        return False
    try:
        info = os.lstat(f"{out}/{file}")  # a str: a Path per page costs more than the lstat
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns, info.st_ino) == entry[1:]


def save_index(
    path: Path,
    out: Path,
    keys: dict[str, str],
    rest: str = "",
    texts: dict[str, str] | None = None,
) -> None:
    """Record each page's key with its file as now in ``out``, and what the keys were
    made of (``PageKeys.rest`` and ``texts``); a read-only cache just misses."""
    pages: dict[str, list[object]] = {}
    for file, key in sorted(keys.items()):
        try:
            info = os.lstat(out / file)
        except OSError:
            continue
        pages[file] = [key, info.st_size, info.st_mtime_ns, info.st_ino]
    data = {"schema": PAGE_SCHEMA, "pages": pages, "rest": rest, "texts": texts or {}}
    store_newest(path, json.dumps(data, separators=(",", ":")), KEEP_INDEXES)


def forget_index(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
