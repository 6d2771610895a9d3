"""The page plan (URL -> template + context) and Jinja2 rendering.

Templates are looked up in the project's ``templates/`` first, then in the
package's defaults, file by file. Autoescaping is on and undefined names are
errors, so a template typo fails the build instead of shipping a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from markupsafe import Markup

from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.ingest.progress import Stage
from sitegen.models import Briefing, Diagnostic
from sitegen.site.filters import actor_filters, round_filters, source_filters
from sitegen.site.htmlbits import HtmlBits
from sitegen.site.htmltidy import tidy
from sitegen.site.locations import about_line, describe, entity_note_source, template_location
from sitegen.site.markup import Target, Targets, make_parser, render_markdown
from sitegen.site.pagecache import PageIndex, PageKeys, own_templates
from sitegen.site.pagedplan import histories, history_pages, list_pages
from sitegen.site.pages import Keep, NoteView, Page, Rendered
from sitegen.site.paging import Paging
from sitegen.site.phrasing import heading, position_phrase
from sitegen.site.renderpool import Ready, Sink, render_all
from sitegen.site.roundroles import best_role, role_history
from sitegen.site.roundviews import RoundView, key_quotes
from sitegen.site.templating import FAVICON, SEARCH_KINDS, MemoryTemplates, build_date, make_env
from sitegen.site.textdigests import TextDigests
from sitegen.site.timeline import timeline
from sitegen.site.urls import Urls
from sitegen.site.views import SiteIndex

STANCE_LABELS = {
    "demands": "demands",
    "rejects": "rejects",
    "proposes": "proposes",
    "accepts": "accepts",
    "wants": "wants",
}
ABOUT_KINDS = {"round", "actor", "party", "issue", "article"}


def link_targets(site: SiteIndex, urls: Urls) -> Targets:
    """What ``[[kind:id]]`` may point at."""
    return {
        "actor": {a.id: Target(urls.href("actor", a.id), a.name) for a in site.b.actors},
        "round": {r.id: Target(urls.href("round", r.id), r.title) for r in site.b.rounds},
        "party": {p.id: Target(urls.href("party", p.id), p.name) for p in site.b.parties},
        "issue": {s.id: Target(urls.href("issue", s.id), s.label) for s in site.b.sticking_points},
        "article": {a.id: Target(urls.href("source", a.id), a.title) for a in site.b.articles},
    }


class Renderer:
    """Renders one briefing with one config; holds no state between builds."""

    def __init__(
        self,
        briefing: Briefing,
        config: Config,
        *,
        search: bool = False,
        cache: bool = True,
        compiled: MemoryTemplates | None = None,
        paging: Paging | None = None,
        texts: TextDigests | None = None,
    ) -> None:
        """``cache``: whether the caller uses the page cache. ``compiled``: templates
        compiled by earlier builds of a long-lived process (never kept on disk).
        ``paging``: how long lists are cut (default: about fifty items a page).
        ``texts``: the articles' text digests kept by a long-lived process."""
        self.config = config
        self._texts = texts
        self.site = SiteIndex(briefing)
        self.urls = Urls(config.base_url)
        self._paging = paging or Paging()
        self.histories, histories_of = histories(self.site, self.urls, self._paging)
        self.targets = link_targets(self.site, self.urls)
        self.env = make_env(config.templates_dir, compiled)
        self.md = make_parser()
        self.diagnostics: list[Diagnostic] = []
        self._plan: list[Page] | None = None
        self.notes = self._notes()
        self.env.globals.update(
            url=self.urls.href,
            rel=self.urls.rel,
            cite=self.urls.cite,
            asset=self.urls.asset,
            site=self.site,
            config=config,
            site_title=briefing.title or config.title,
            site_description=briefing.description or config.description,
            urls=self.urls,
            stance_label=STANCE_LABELS,
            notes_about=self.notes_about,
            entity_note=self.entity_note,
            built=build_date(),
            timeline=timeline(self.site),
            timeline_narrow=timeline(self.site, width=360, pad=14),
            site_has_notes=bool(self.notes),
            has_feed=bool(self.urls.origin),
            search_kinds=SEARCH_KINDS,
            favicon=FAVICON,
            notes=self.notes,
            recent_notes=recent_notes(self.notes),
            search_enabled=search,
            round_view=lambda r: RoundView(self.site, r),
            role_history=lambda a: role_history(self.site, a),
            best_role=best_role,
            key_quotes=key_quotes,
            phrase=position_phrase,
            html=HtmlBits(self.site, self.urls, STANCE_LABELS),
            history_matrix=histories_of.matrix,
        )
        self.env.filters["heading"] = heading

    # ------------------------------------------------------------ notes

    def markdown(self, text: str, file: str, line: int, doc_id: str) -> Markup:
        out = render_markdown(
            text, file=file, body_line=line, targets=self.targets, doc_id=doc_id, md=self.md
        )
        self.diagnostics.extend(out.diagnostics)
        return Markup(out.html)

    def _notes(self) -> list[NoteView]:
        views: list[NoteView] = []
        for note in sorted(self.site.b.notes, key=lambda n: n.path):
            if note.draft:
                continue
            kind, _, ref = (note.about or "").partition(":")
            target = self.targets.get(kind, {}).get(ref)
            if note.about and target is None and not self._reported(note.path, "about:"):
                self.diagnostics.append(
                    Diagnostic(
                        note.path,
                        about_line(self.config.root, note),
                        f"about: nothing known as '{note.about}' (use round:, actor:, party:, "
                        "issue: or article: and a known id)",
                        "error",
                    )
                )
            html = self.markdown(note.body, note.path, note.body_line, f"n-{note.path}")
            views.append(
                NoteView(
                    note,
                    html,
                    self.urls.href("note", note.path),
                    kind if target else None,
                    ref if target else None,
                    target.label if target else "",
                )
            )
        return views

    def _reported(self, file: str, text: str) -> bool:
        """Whether gathering the briefing already reported this problem."""
        return any(d.file == file and text in d.message for d in self.site.b.diagnostics)

    def notes_about(self, kind: str | None, id: str | None) -> list[NoteView]:
        return [n for n in self.notes if n.about_kind == kind and n.about_id == id]

    def entity_note(self, kind: str, id: str, text: str) -> Markup:
        """An editor note stored on the record itself (actor override, article sidecar)."""
        if not text.strip():
            return Markup("")
        file, line = entity_note_source(self.config.root, kind, id)
        return self.markdown(text, file, line, f"{kind}-{id}")

    # ------------------------------------------------------------ plan

    def plan(self) -> list[Page]:
        """Every page of the site, in order (made once per renderer)."""
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def _make_plan(self) -> list[Page]:
        s, u = self.site, self.urls
        pages = [
            Page(
                u.path("home"),
                "home.html",
                self.site.b.title or self.config.title,
                {},
                max(s.dates(), default=None),
            ),
            *list_pages(s, u, self._paging),
            Page(u.path("search"), "search.html", "Search", in_sitemap=False),
            Page(u.path("404"), "404.html", "Page not found", in_sitemap=False),
        ]
        if self.notes:
            pages.append(Page(u.path("notes"), "notes.html", "Editor notes"))

        def one(
            kind: str,
            ident: str,
            title: str,
            context: dict[str, Any],
            updated: dt.date | None,
            filters: dict[str, list[str]] | None = None,
        ) -> Page:
            """The page of one round, actor, party, sticking point, source or note."""
            path = u.path(kind, ident)
            return Page(path, f"{kind}.html", title, context, updated, filters=filters or {})

        pages += [
            one(
                "round",
                r.id,
                r.title,
                {"round": r, "rv": RoundView(s, r)},
                r.end or r.start,
                round_filters(s, r),
            )
            for r in s.rounds_sorted
        ]
        h = self.histories
        for a in s.actors_sorted:
            ha, day = h[f"actor:{a.id}"], self._latest(a.articles)
            context = {"actor": a, "history": ha, "pager": ha.pages[0]}
            filters = actor_filters(s, a, ha.rounds() if ha.older else None)
            pages.append(one("actor", a.id, a.name, context, day, filters))
            pages += history_pages("actor", a, ha, day)
        for p in s.parties_sorted:
            hp, day = h[f"party:{p.id}"], self._latest(p.articles)
            pages.append(
                one("party", p.id, p.name, {"party": p, "history": hp, "pager": hp.pages[0]}, day)
            )
            pages += history_pages("party", p, hp, day)
        for i in s.issues_sorted:
            hi, day = h[f"issue:{i.id}"], self._latest([e.article for e in i.evidence])
            context = {"issue": i, "history": hi, "pager": hi.pages[0]}
            filters = {"issue": [heading(i.label)]}
            pages.append(one("issue", i.id, heading(i.label), context, day, filters))
            pages += history_pages("issue", i, hi, day)
        pages += [
            one("source", art.id, art.title, {"article": art}, art.date, source_filters(s, art))
            for art in s.articles_sorted
        ]
        pages += [
            one("note", n.note.path, n.note.title, {"nv": n}, n.note.date) for n in self.notes
        ]
        self._check_unique(pages)
        return pages

    def _check_unique(self, pages: list[Page]) -> None:
        """Two things claiming one URL is an error naming both."""
        owners: dict[str, str] = {}
        for page in pages:
            who = page.context["nv"].note.path if "nv" in page.context else page.title
            if "article" in page.context:  # name the file: a crafted stem can mimic another
                who = page.context["article"].file
            if page.path in owners:
                raise BuildError(f"'{owners[page.path]}' and '{who}' both claim /{page.path}")
            owners[page.path] = who

    def _latest(self, article_ids: list[str]) -> dt.date | None:
        days = [self.site.articles[a].date for a in article_ids if a in self.site.articles]
        return max((d for d in days if d), default=None)

    # ------------------------------------------------------------ render

    def render_first(self, files: Iterable[str]) -> dict[str, bytes]:
        """These pages (by file) rendered now, ahead of the rest: the preview starts
        indexing them for search while ``render(done=...)`` works out the others."""
        wanted = set(files)
        return {p.file: self._render_page(p) for p in self.plan() if p.file in wanted}

    def render(
        self,
        keep: Keep | None = None,
        *,
        workers: int | None = None,
        done: dict[str, bytes] | None = None,
        previous: PageIndex | None = None,
        step: Stage | None = None,
        sink: Sink | None = None,
        order: Callable[[str], str] | None = None,
        ready: Ready | None = None,
    ) -> Rendered:
        """Render the plan; with ``keep``, pages whose key says they did not change are
        left out (listed in ``kept``). Pages in ``done`` (from ``render_first``) are
        neither rendered again nor kept: their bytes are in the result. ``previous``: the
        last build's page index (its keys hold for pages whose reads did not change).
        Many pages are rendered on every core; ``step`` counts them. ``sink``: where the
        process that renders a page puts it (the new output tree); those pages are in
        ``staged``, not ``files``. ``order``: a sort key of page files to render them by;
        ``ready``: told of the pages rendered as they are (``renderpool``)."""
        plan = self.plan()
        done = done or {}
        keys: dict[str, str] = {}
        todo: list[Page] = []
        kept: list[str] = []
        metas = [(p.path, p.template, p.title, p.updated, p.in_sitemap, p.filters) for p in plan]
        page_keys = self._page_keys(metas, previous) if keep is not None else None
        for page, meta in zip(plan, metas, strict=True):
            key, file = None, page.file
            if page_keys is not None:
                key = page_keys.key(page.template, page.context, meta, file)
            if key is not None:
                keys[file] = key
                if keep is not None and file not in done and keep(file, key):
                    kept.append(file)
                    continue
            if file not in done:
                todo.append(page)
        ordered = sorted(todo, key=lambda p: order(p.file)) if order else todo
        made = render_all(self._render_page, self.diagnostics, ordered, workers, step, sink, ready)
        by_file = {page.file: result for page, result in zip(ordered, made, strict=True)}
        out: dict[str, bytes] = {}
        staged: dict[str, bool] = {}
        for page in todo:
            result = by_file[page.file]
            if isinstance(result, bytes):
                out[page.file] = result
            else:
                staged[page.file] = result
        out.update((p.file, done[p.file]) for p in plan if p.file in done)
        return Rendered(
            plan,
            out,
            self.notes,
            sorted(self.diagnostics, key=lambda d: (d.file, d.line or 0, d.message)),
            kept,
            keys,
            page_keys.rest if page_keys else "",
            page_keys.texts if page_keys else {},
            staged,
        )

    def _page_keys(
        self, metas: Sequence[tuple[object, ...]], previous: PageIndex | None
    ) -> PageKeys | None:
        if own_templates(self.config):
            return None
        g = self.env.globals
        site_wide: tuple[object, ...] = (repr(self.config), g["built"], g["search_enabled"])
        site_wide += (bool(self.notes), self.site.b.title, self.site.b.description)
        latest = [
            (n.url, n.note.title, n.note.date, n.about_kind, n.about_id, n.about_label)
            for n in recent_notes(self.notes)[:8]
        ]
        home = (g["timeline"], g["timeline_narrow"], latest)
        return PageKeys(
            self.site,
            site_wide,
            self._has_notes,
            home,
            metas=metas,
            previous=previous,
            texts=self._texts,
        )

    def _has_notes(self, kind: str, id: str, text: str) -> bool:
        return bool(text.strip()) or bool(self.notes_about(kind, id))

    def _render_page(self, page: Page) -> bytes:
        try:
            template = self.env.get_template(page.template)
            html = template.render(page=page, **page.context)
        except Exception as exc:  # noqa: BLE001 - a template is code: any error is its fault
            loc = template_location(exc, page.template, self.config.templates_dir)
            raise BuildError(f"{loc}: while rendering /{page.path}: {describe(exc)}") from exc
        return tidy(html).encode("utf-8")


def recent_notes(notes: list[NoteView]) -> list[NoteView]:
    """Notes newest first (undated ones last, by path), for the home page."""
    dated = sorted((n for n in notes if n.note.date), key=lambda n: n.note.path)
    dated.sort(key=lambda n: n.note.date or dt.date.min, reverse=True)
    return dated + sorted((n for n in notes if not n.note.date), key=lambda n: n.note.path)
