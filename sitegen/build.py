"""``sitegen build``: gather the briefing, render every page, then write (mkdocs style).

Nothing is written until every page has rendered, and the output is swapped
in whole, so a failed build leaves the last good site in place. The same
input gives the same bytes: everything is sorted and no clock is read for
the pages (only ``SOURCE_DATE_EPOCH`` may put a build date in them).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.briefing import load_briefing
from sitegen.cache import Later
from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.export import export_bytes
from sitegen.liveindex import LiveIndex
from sitegen.models import Briefing, Diagnostic
from sitegen.pagecache import (
    PageIndex,
    forget_index,
    index_path,
    load_index,
    save_index,
    unchanged,
)
from sitegen.render import Keep, Rendered, Renderer
from sitegen.safeio import link_in_path
from sitegen.search import PREVIEW_BUNDLE_PAGES, index_site, pagefind_command
from sitegen.stamp import (
    Stamp,
    forget,
    inputs_digest,
    output_manifest,
    stamp_path,
    still_fresh,
    write_stamp,
)
from sitegen.templating import MemoryTemplates, build_date, static_files
from sitegen.urls import Urls, output_file
from sitegen.write import (
    content_date,
    feed_xml,
    robots_txt,
    sitemap_xml,
    update_site,
    write_site,
)

Progress = Callable[[str], None]
EARLY_ARTICLES = 4
"""At most this many freshly extracted articles get their pages indexed early."""


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the summary line and for tests."""

    out: Path
    pages: int
    """HTML pages rendered."""
    written: int
    """Files whose bytes changed (or are new)."""
    unchanged: int
    """Files kept as they were in the previous output."""
    articles: int
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    search: bool = False
    """Whether a search index was built."""
    kept: int = 0
    """Pages not rendered because the page cache showed them unchanged."""
    files: set[str] | None = None
    """Every file in the output but the search index."""

    def summary(self) -> str:
        problems = len(self.diagnostics)
        return (
            f"built {self.pages} pages from {self.articles} articles into {self.out} "
            f"in {self.seconds:.2f}s: {self.written} files written, {self.unchanged} unchanged"
            + (f", {problems} warning(s)" if problems else "")
            + ("" if self.search else ", no search index")
        )


def _guard(config: Config, out: Path, *, follow_link: bool = False) -> None:
    """Never let the swap-in replace the project or its sources, nor (unless the user
    says so) follow a link in the project that leads the output out of it: a cloned
    repository's committed ``_site -> /some/folder`` would have it replaced."""
    root, target = config.root.resolve(), out.resolve()
    place = out.absolute()
    link = (
        link_in_path(config.root.absolute(), place) if place.is_relative_to(config.root) else None
    )
    if link is not None and not follow_link and not target.is_relative_to(root):
        raise BuildError(
            f"the output folder {out} goes through the symbolic link {link}, which leads out "
            f"of the project (to {target}); sitegen will not replace a folder a cloned "
            "project points it to: remove the link, or pass --follow-output-link if you "
            "made it yourself"
        )
    if target == root or root.is_relative_to(target):
        raise BuildError(f"the output folder {out} would replace the project; choose another")
    for source in (config.seeds_dir, config.content_dir, config.templates_dir):
        if target.is_relative_to(source.resolve()):
            raise BuildError(f"the output folder {out} is inside {source.name}/; choose another")


def extra_files(briefing: Briefing, config: Config, rendered: Rendered) -> dict[str, bytes]:
    """Every output file but the pages and the search index."""
    urls = Urls(config.base_url)
    files = dict(static_files(config))
    files["sitemap.xml"] = sitemap_xml(rendered.plan, urls)
    files["robots.txt"] = robots_txt(urls)
    files["feed.xml"] = feed_xml(
        briefing,
        rendered.plan,
        rendered.notes,
        urls,
        title=briefing.title or config.title,
        author=config.author,
        updated=content_date(briefing, rendered.notes, build_date()),
    )
    files["data/briefing.json"] = export_bytes(briefing)
    return files


def early_pages(renderer: Renderer, briefing: Briefing) -> list[str]:
    """The pages an edit most surely changed: those of the articles extracted afresh
    (none after a cold start or a checkout, when there are many)."""
    if len(briefing.extracted) > EARLY_ARTICLES:
        return []
    return [output_file(renderer.urls.path("source", aid)) for aid in briefing.extracted]


def build_briefing(
    briefing: Briefing,
    config: Config,
    out: Path,
    *,
    strict: bool = False,
    search: bool = True,
    progress: Progress | None = None,
    use_cache: bool = True,
    in_place: bool = False,
    later: Later | None = None,
    present: set[str] | None = None,
    follow_link: bool = False,
    compiled: MemoryTemplates | None = None,
) -> BuildResult:
    """Render and write an already gathered briefing (tests use it with hand-made ones).

    With ``use_cache``, pages whose view data did not change since the last build
    into ``out`` are kept as they are there (``sitegen.pagecache``). ``in_place``
    is for the preview's private folder: an existing output is updated file by file
    instead of a new tree being swapped in (``write.update_site``), and its search
    index in the preview's smaller bundles, the edited articles' pages first
    (``sitegen.liveindex``). ``later``: where to put saving the page index instead of
    doing it now. ``present``: the files the last in-place update left (its result's
    ``files``), so that the folder need not be listed. ``compiled``: templates compiled
    by this process's earlier builds (``serve``)."""
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    _guard(config, out, follow_link=follow_link)
    use_search = search and pagefind_command() is not None
    index_file = index_path(config, out)
    keep: Keep | None = None
    last: PageIndex | None = None
    if use_cache:
        last = load_index(index_file)
        target = out.resolve() if out.is_symlink() else out.absolute()
        keep = functools.partial(unchanged, target, index=last)
    forget_index(index_file)
    renderer = Renderer(briefing, config, search=use_search, cache=use_cache, compiled=compiled)
    preview = in_place and (out / "index.html").is_file()
    live = None
    if preview and search:
        live = LiveIndex(out, [p.file for p in renderer.plan()], PREVIEW_BUNDLE_PAGES)
    try:
        early: dict[str, bytes] = {}
        if live is not None:
            early = renderer.render_first(early_pages(renderer, briefing))
            live.start(early)
        rendered = renderer.render(keep, done=early, previous=last)
        files = {**rendered.files, **extra_files(briefing, config, rendered)}
        pages, problems = len(rendered.plan), rendered.diagnostics
        if strict and problems:
            lines = "\n".join(str(d) for d in problems)
            raise BuildError(f"{lines}\n{len(problems)} problem(s) in the notes (--strict)")
        say(f"rendered {pages} pages")
        diagnostics = list(briefing.diagnostics)
        seen = {str(d) for d in diagnostics}
        diagnostics += [d for d in problems if str(d) not in seen]

        def add_search(site: Path, old: Path | None = None) -> None:
            found = index_site(site, old, per_bundle=PREVIEW_BUNDLE_PAGES if in_place else None)
            if strict and found:  # before the swap: the last good site stays
                lines = "\n".join(str(d) for d in found)
                raise BuildError(f"{lines}\nthe search index failed to build (--strict)")
            diagnostics.extend(found)
            if not found:
                say("indexed the pages for search")

        if preview:
            result = update_site(out, files, keep=rendered.kept, present=present)
            if live is not None:
                diagnostics += live.finish(files.keys() | set(rendered.kept), result.changed)
        else:
            result = write_site(
                out, files, before_swap=add_search if search else None, keep=rendered.kept
            )
    finally:
        if live is not None:
            live.close()
    if use_cache:
        save = functools.partial(
            save_index, index_file, out, rendered.keys, rendered.rest, rendered.texts
        )
        if later is None:
            save()
        else:
            later.append(save)
    kept = f" ({len(rendered.kept)} pages kept without rendering)" if rendered.kept else ""
    say(f"wrote {result.written} files, {result.unchanged} unchanged{kept}")
    return BuildResult(
        out=out,
        pages=pages,
        written=result.written,
        unchanged=result.unchanged,
        articles=len(briefing.articles),
        seconds=time.perf_counter() - started,
        diagnostics=diagnostics,
        search=use_search and not any(d.file == "pagefind" for d in diagnostics),
        kept=len(rendered.kept),
        files=result.wanted,
    )


def build(
    config: Config,
    out: Path,
    *,
    strict: bool = False,
    use_cache: bool = True,
    progress: Progress | None = None,
    search: bool = True,
    follow_link: bool = False,
) -> BuildResult:
    """Build the project's site into ``out``; progress lines and a summary go to ``progress``.
    ``follow_link``: build through a link in the project that leads out of it.

    When nothing the build reads has changed since the last build into ``out``, and
    ``out`` is as that build left it, the site is already right: say so and stop
    (``sitegen.stamp``). ``use_cache=False`` always builds.
    """
    started = time.perf_counter()
    stamp_file = stamp_path(config, out)
    inputs = inputs_digest(config, strict=strict, search=search)
    fresh = still_fresh(stamp_file, inputs, out) if use_cache else None
    if fresh is not None:
        result = BuildResult(
            out=out,
            pages=fresh.pages,
            written=0,
            unchanged=fresh.outputs,
            articles=fresh.articles,
            seconds=time.perf_counter() - started,
            diagnostics=fresh.diagnostics,
            search=fresh.search,
        )
        if progress:
            progress("nothing changed since the last build")
            progress(result.summary())
        return result
    forget(stamp_file)
    briefing = load_briefing(config, strict=strict, progress=progress, use_cache=use_cache)
    result = build_briefing(
        briefing,
        config,
        out,
        strict=strict,
        search=search,
        progress=progress,
        use_cache=use_cache,
        follow_link=follow_link,
    )
    result.seconds = time.perf_counter() - started
    stamp = Stamp(
        inputs=inputs,
        files=output_manifest(out),
        pages=result.pages,
        outputs=result.written + result.unchanged,
        articles=result.articles,
        search=result.search,
        diagnostics=result.diagnostics,
    )
    write_stamp(stamp_file, stamp)
    if progress:
        progress(result.summary())
    return result
