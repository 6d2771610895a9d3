"""``sitegen build``: gather the briefing, render every page, write and index (mkdocs style).

The pipeline in order: ``brief`` gathers the ``Briefing`` from the articles and
the editor's content, ``site`` renders it to pages, ``output`` writes them with
the other files and runs the search index before the new tree is swapped in
(``docs/architecture.md``). The preview's in-place updates come through here too;
its live search index is handed in (``LiveSearch``), so a build imports nothing of
``serve``.

Pages are written into a hidden new tree as they render (by the render
workers themselves), and that tree is swapped in whole once everything is
ready, so a failed build leaves the last good site in place. The same
input gives the same bytes: everything is sorted and no clock is read for
the pages (only ``SOURCE_DATE_EPOCH`` may put a build date in them).
"""

from __future__ import annotations

import functools
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sitegen.brief.cache import Later, run_or_defer
from sitegen.brief.gather import load_briefing
from sitegen.config import Config
from sitegen.errors import BuildError, InputErrors
from sitegen.ingest.progress import Reporter, plural, reporter_for
from sitegen.ingest.safeio import link_in_path
from sitegen.models import Briefing, Diagnostic
from sitegen.output.earlysearch import EarlySearch, early_search
from sitegen.output.export import ExportParts
from sitegen.output.extras import extra_files, no_address
from sitegen.output.search import PREVIEW_BUNDLE_PAGES, index_site, pagefind_command
from sitegen.output.stamp import (
    Stamp,
    forget,
    inputs_digest,
    output_manifest,
    stamp_path,
    write_stamp,
)
from sitegen.output.uptodate import BuildResult, Refuse, stops, up_to_date
from sitegen.output.write import Staging, update_site, write_site
from sitegen.site.pagecache import (
    PageIndex,
    forget_index,
    index_path,
    load_index,
    save_index,
    unchanged,
)
from sitegen.site.pages import Keep
from sitegen.site.precompile import precompile
from sitegen.site.render import Renderer
from sitegen.site.templating import MemoryTemplates
from sitegen.site.textdigests import TextDigests
from sitegen.site.urls import output_file

Progress = Reporter | Callable[[str], object]
"""Where progress goes: a reporter (``sitegen.ingest.progress``), or a callback for plain
lines (tests use ``lines.append``)."""
STOPPED = "in what editors wrote; nothing was written (the last good site stays)"
STOPPED_STRICT = "in the input (--strict); nothing was written (the last good site stays)"
EARLY_ARTICLES = 4
"""At most this many freshly extracted articles get their pages indexed early."""


class LiveSearch(Protocol):
    """A search index kept in step with an in-place update (the preview's,
    ``sitegen.serve.liveindex.LiveIndex``): ``start`` on the pages rendered first,
    ``finish`` once every page is written, ``close`` in any case."""

    def start(self, fresh: dict[str, bytes]) -> None: ...

    def finish(self, pages: Iterable[str], changed: set[str]) -> list[Diagnostic]: ...

    def close(self) -> None: ...


LiveSearchFor = Callable[[Path, list[str]], LiveSearch]
"""(the output folder, this build's page files) -> the live search index of the update."""


def build(
    config: Config,
    out: Path,
    *,
    strict: bool = False,
    use_cache: bool = True,
    progress: Progress | None = None,
    search: bool = True,
    refuse: Refuse | None = None,
    follow_link: bool = False,
    inputs: str | None = None,
    keep_previous: bool = False,
) -> BuildResult:
    """Build the project's site into ``out``; progress, the input's problems as soon as
    they are known, and a summary go to ``progress``. ``follow_link``: build through a
    link in the project that leads out of it.

    When nothing the build reads has changed since the last build into ``out``, and
    ``out`` is as that build left it, the site is already right: say so and stop
    (``sitegen.output.uptodate``). ``use_cache=False`` always builds. ``inputs``: the
    digest of the inputs when the caller has just found the stamp stale (the command
    line checks it before importing this module). ``keep_previous``: the output this
    build replaced is left for the caller (``previous`` in the result; the command line
    has it removed without waiting, ``output.write.remove_later``); else it is removed
    here, once the summary is out.
    """
    started = time.perf_counter()
    reporter = reporter_for(progress)
    stamp_file = stamp_path(config, out)
    refuses = refuse or functools.partial(stops, strict)
    if inputs is None and use_cache:
        inputs, fresh = up_to_date(
            config,
            out,
            strict=strict,
            search=search,
            refuse=refuses,
            reporter=reporter,
            started=started,
        )
        if fresh is not None:
            return fresh
    if inputs is None:
        inputs = inputs_digest(config, strict=strict, search=search)
    forget(stamp_file)
    templates = precompile(config.templates_dir)  # on the other core, while gathering
    try:
        briefing = load_briefing(config, strict=strict, progress=reporter, use_cache=use_cache)
        for diag in briefing.diagnostics:  # shown now, above the next stages' progress
            reporter.diagnostic(diag)
        if not briefing.articles:
            raise BuildError(no_articles(config, briefing.diagnostics))
        # render, write, index:
        result = build_briefing(
            briefing,
            config,
            out,
            strict=strict,
            search=search,
            progress=reporter,
            use_cache=use_cache,
            refuse=refuses,
            follow_link=follow_link,
            keep_previous=True,
            compiled=templates.result() if templates is not None else None,
        )
    finally:
        if templates is not None:
            templates.result()  # the child reaped in any case
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
    result.seconds = time.perf_counter() - started
    result.times, result.cpu = dict(reporter.times), dict(reporter.cpu)
    reporter.say(result.summary())
    if result.previous is not None and not keep_previous:  # in place and said: the old goes
        shutil.rmtree(result.previous, ignore_errors=True)
        result.previous = None
    return result


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
    live_search: LiveSearchFor | None = None,
    refuse: Refuse | None = None,
    follow_link: bool = False,
    compiled: MemoryTemplates | None = None,
    keep_previous: bool = False,
    texts: TextDigests | None = None,
    parts: ExportParts | None = None,
) -> BuildResult:
    """Render and write an already gathered briefing (tests use it with hand-made ones).

    With ``use_cache``, pages whose view data did not change since the last build
    into ``out`` are kept as they are there (``sitegen.site.pagecache``). ``in_place``
    is for the preview's private folder: an existing output is updated file by file
    instead of a new tree being swapped in (``write.update_site``), and its search
    index in the preview's smaller bundles, by ``live_search`` when one is given (the
    edited articles' pages first). ``later``: where to put saving the page index instead of
    doing it now. ``present``: the files the last in-place update left (its result's
    ``files``), so that the folder need not be listed. ``progress``: the stages render,
    write and search are its ``render``, ``write`` and ``search``. ``refuse``: which
    problems stop the build before anything is written (default: ``stops``).
    ``compiled``: templates compiled by this process's earlier builds (``serve``), and
    ``texts`` the articles' text digests they made (``site.textdigests``) and
    ``parts`` their parts of the export (``export.ExportParts``).
    ``keep_previous``: the output this build replaces is left beside it (``previous`` in
    the result) for the caller to remove once it has reported."""
    reporter = reporter_for(progress)
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
    rendering = reporter.stage("render", "rendering", "page")
    renderer = Renderer(
        briefing, config, search=use_search, cache=use_cache, compiled=compiled, texts=texts
    )
    preview = in_place and (out / "index.html").is_file()
    live = None
    if preview and search and live_search is not None:
        live = live_search(out, [p.file for p in renderer.plan()])
    staging: Staging | None = None
    indexing: EarlySearch | None = None
    try:  # render (the pages an edit surely changed first, for the live index)
        early: dict[str, bytes] = {}
        if live is not None:
            early = renderer.render_first(early_pages(renderer, briefing))
            live.start(early)
        if not preview:  # a new tree: the render workers write their pages into it
            staging = Staging(out)
            if search and use_search:  # and index its bundles as they are done
                finer = PREVIEW_BUNDLE_PAGES if in_place else None
                plan = [p.file for p in renderer.plan()]
                indexing = early_search(staging.out, staging.tmp, plan, finer)
        sink = staging.put if staging is not None else None
        if indexing is not None and staging is not None:
            sink = functools.partial(_put_both, staging, indexing)
        rendered = renderer.render(
            keep,
            done=early,
            previous=last,
            step=rendering,
            sink=sink,
            order=indexing.order if indexing is not None else None,
            ready=indexing.ready if indexing is not None else None,
        )
        if staging is not None:
            for file, written in rendered.staged.items():
                staging.record(file, written)
        files = {**rendered.files, **extra_files(briefing, config, rendered, out, parts)}
        pages, problems = len(rendered.plan), rendered.diagnostics
        kept = f" ({len(rendered.kept):,} kept without rendering)" if rendered.kept else ""
        rendering.finish(f"rendered {plural(pages - len(rendered.kept), 'page')}{kept}")
        diagnostics = list(briefing.diagnostics)
        seen = {str(d) for d in diagnostics}
        diagnostics += [d for d in problems if str(d) not in seen] + no_address(config)
        refuses = refuse or functools.partial(stops, strict)
        refused = [d for d in diagnostics if refuses(d)]
        if refused:
            raise InputErrors(refused, diagnostics, STOPPED_STRICT if strict else STOPPED)
        forget_index(index_file)  # the output changes from here: its page index is stale

        def add_search(site: Path, old: Path | None = None) -> None:
            searching = reporter.stage("search", "indexing", "search bundle")
            per_bundle = PREVIEW_BUNDLE_PAGES if in_place else None
            found = indexing.finish(searching) if indexing is not None else None
            if found is None:  # not indexed while rendering: the usual way
                found = index_site(site, old, per_bundle=per_bundle, step=searching)
            if strict and found:  # before the swap: the last good site stays
                lines = "\n".join(str(d) for d in found)
                raise BuildError(f"{lines}\nthe search index failed to build (--strict)")
            diagnostics.extend(found)
            searching.finish(
                f"indexed the pages for search ({plural(searching.total, 'bundle')} rebuilt)"
                if not found
                else "search index not built"
            )

        # write, and index: a new tree is indexed before it is swapped in
        writing = reporter.stage("write", "writing", "file", in_status=False)
        if preview:
            result = update_site(out, files, keep=rendered.kept, present=present, step=writing)
            if live is not None:
                diagnostics += live.finish(files.keys() | set(rendered.kept), result.changed)
        else:
            result = write_site(
                out,
                files,
                before_swap=add_search if search else None,
                keep=rendered.kept,
                step=writing,
                keep_previous=keep_previous,
                staging=staging,
            )
    except BaseException:
        if indexing is not None:  # first: its pagefind runs write into the new tree
            indexing.close()
        if staging is not None:  # nothing of this build is seen: the last good site stays
            staging.discard()
        raise
    finally:
        if live is not None:
            live.close()
        if indexing is not None:
            indexing.close()
    if use_cache:
        save = functools.partial(
            save_index, index_file, out, rendered.keys, rendered.rest, rendered.texts
        )
        run_or_defer(save, later)
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
        previous=result.previous,
        times=dict(reporter.times),
        cpu=dict(reporter.cpu),
    )


def _put_both(staging: Staging, indexing: EarlySearch, rel: str, data: bytes) -> bool:
    """A page into the new tree, and what pagefind reads of it into the early index's
    folder (in the render worker)."""
    indexing.put(rel, data)
    return staging.put(rel, data)


def no_articles(config: Config, problems: list[Diagnostic]) -> str:
    """What to do when there is nothing to build a briefing from."""
    seeds = config.seeds_dir
    unread = "".join(f"{d}\n" for d in problems if d.file.startswith("seeds/"))
    if unread:
        return f"{unread}no article in {seeds}/ could be read; fix the files above"
    return (
        f"no articles in {seeds}/: put the news articles there, one plain-text .txt file "
        "each (UTF-8, as scraped), then build again"
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


def early_pages(renderer: Renderer, briefing: Briefing) -> list[str]:
    """The pages an edit most surely changed: those of the articles extracted afresh
    (none after a cold start or a checkout, when there are many)."""
    if len(briefing.extracted) > EARLY_ARTICLES:
        return []
    return [output_file(renderer.urls.path("source", aid)) for aid in briefing.extracted]
