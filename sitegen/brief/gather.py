"""Gather everything into a ``Briefing``: read, extract, date, group, merge.

This is the "gather" half of a build (mkdocs style): nothing is written
here, every problem becomes a diagnostic, and ``strict`` turns any of them
into a failure.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator

from sitegen.brief.actors import merge_actors
from sitegen.brief.aggregate import link_facts, merge_parties, round_people
from sitegen.brief.cache import (
    CacheShelf,
    CacheStats,
    GatherCache,
    Later,
    entry_key,
    fingerprint,
    run_or_defer,
)
from sitegen.brief.citecheck import drop_foreign, foreign_citations, sentences_hold
from sitegen.brief.clues import read_clues
from sitegen.brief.content import EditorContent, Sidecar, load_content
from sitegen.brief.editorchecks import check_notes, check_overrides
from sitegen.brief.memory import GatherMemory
from sitegen.brief.moved import resolve_notes
from sitegen.brief.records import Gathered, Plain, decode, encode
from sitegen.brief.rounds import Dated, group_rounds, number_by_process
from sitegen.brief.stancecache import Pair, StanceCache, read_stances
from sitegen.brief.stickingpoints import fold_sticking_points, processes, split_by_process
from sitegen.brief.suggest import known_ids
from sitegen.config import Config
from sitegen.errors import BuildError, ContentError
from sitegen.extract import extract
from sitegen.extract.issues import Taxonomy, load_taxonomy
from sitegen.extract.names import surname_key
from sitegen.extract.scope import in_scope
from sitegen.ingest.articles import parse_raw
from sitegen.ingest.pool import map_ordered
from sitegen.ingest.progress import Reporter, plural, reporter_for
from sitegen.ingest.seedfiles import RawArticle, read_raws
from sitegen.models import Actor, Article, ArticleFacts, Briefing, Diagnostic

Stances = Callable[[list[Pair], frozenset[str]], None]
"""Fills in the stances of every (article, facts) once sides are final, given the
briefing's negotiating parties (``sitegen.brief.stancecache.read_stances``)."""
Progress = Reporter | Callable[[str], object]
"""A reporter, or a callback for plain progress lines (``sitegen.ingest.progress``)."""
LONG_EXTRACTION = 50
"""From this many articles to extract (in worker processes, or here), extraction runs
with the garbage collector on; a handful do not need it, and switching it on in the
middle of gathering costs a walk over every object made so far."""


def _apply_sidecar(article: Article, car: Sidecar) -> None:
    """The editor's word wins over what was inferred."""
    if car.title:
        article.title = car.title
    if car.url:
        article.url = car.url
    if car.outlet:
        article.outlet = car.outlet
    article.note = car.note


def _dated(item: Gathered, car: Sidecar | None, keys: dict[str, str] | None = None) -> Dated:
    """Fix the article's own date where the editor, a dateline or the text gives one;
    the people it names help place it in a round when it has no date. ``keys``: each
    name's surname key, kept across the articles of one build (the same people recur)."""
    article = item.article
    if car and car.date:
        article.date, article.date_basis = car.date, "editor"
    elif article.dateline:
        article.date, article.date_basis = article.dateline, "dateline"
    elif item.clues.text_date:
        article.date, article.date_basis = item.clues.text_date, "text"
    return Dated(
        article=article,
        clues=item.clues,
        anchor=article.date,
        forced_round=car.round if car else None,
        people={_surname(p.name, keys) for p in item.facts.people} - {""},
        parties={p.id for p in item.facts.parties},
    )


def _surname(name: str, keys: dict[str, str] | None) -> str:
    if keys is None:
        return surname_key(name)
    key = keys.get(name)
    if key is None:
        key = keys[name] = surname_key(name)
    return key


def _check_sidecars(content: EditorContent, articles: list[Article]) -> list[Diagnostic]:
    ids = {a.id for a in articles}
    return [
        Diagnostic(
            car.path,
            1,
            f"no article seeds/{stem}.txt for this sidecar; rename it to match an article "
            f"(closest: {known_ids(stem, ids)})",
            "error",
        )
        for stem, car in sorted(content.sidecars.items())
        if stem not in ids
    ]


def _gather_one(job: tuple[RawArticle, Sidecar | None]) -> Plain | Diagnostic:
    """Parse one file, apply its sidecar, extract its facts and read its clues, as cache
    data (in a worker process when there are many). No taxonomy goes along: extraction
    does not read it (stances do, later), and unpickling one recompiles every issue
    pattern, 70 ms for each chunk of articles a worker receives."""
    raw, car = job
    try:
        article = parse_raw(raw)
    except ContentError as exc:
        return Diagnostic(exc.file or raw.file, None, exc.message, "error")
    if car:
        _apply_sidecar(article, car)
    facts = extract(article)
    return encode(Gathered(article, facts, read_clues(in_scope(article))))


def _edits(car: Sidecar | None) -> tuple[str | None, ...] | None:
    """What a sidecar changes before extraction, so what a cache entry depends on."""
    return (car.title, car.url, car.outlet, car.note) if car else None


def _gather(
    config: Config,
    sidecars: dict[str, Sidecar],
    use_cache: bool,
    workers: int | None,
    later: Later | None = None,
    shelf: CacheShelf | None = None,
    reporter: Reporter | None = None,
    memory: GatherMemory | None = None,
) -> tuple[list[Gathered], list[str], list[Diagnostic], CacheStats]:
    """Every seeds file gathered, in name order, each one's cache key, and the files that
    are no article.

    Each file is read and hashed; what the on-disk cache holds for it is decoded,
    the rest is gathered afresh (on every core when there are many). The reading and
    the extracting are the ``reporter``'s stages ``read`` and ``extract``. ``memory``:
    the files and articles a long-lived process gathered before (with the cache only)."""
    reporter = reporter or Reporter()
    cache = None
    if use_cache:
        fp = fingerprint(config.issues)
        cache = shelf.open(config.cache_dir, fp) if shelf else GatherCache(config.cache_dir, fp)
        if memory is not None:
            memory.use(fp)
    else:
        memory = None
    slots: list[Gathered | Diagnostic | None] = []
    raws: dict[int, RawArticle] = {}
    keys: dict[int, str] = {}
    reading = reporter.stage("read", "reading", "file", in_status=False)
    known = memory.raws if memory is not None else None
    for n, raw in enumerate(read_raws(config.root, reading, known)):
        if isinstance(raw, Diagnostic):
            slots.append(raw)
            continue
        raws[n] = raw
        keys[n] = entry_key(raw.sha256, raw.file, raw.id, _edits(sidecars.get(raw.id)))
        got = memory.recall(keys[n]) if memory is not None else None
        if got is None:
            got = _decoded(cache.get(keys[n]) if cache else None, keys[n], cache)
            if got is not None and memory is not None:
                memory.keep(keys[n], got)
        slots.append(got)
    reading.finish(f"read {plural(len(raws), 'article')}")
    missing = [n for n in raws if slots[n] is None]
    jobs = [(raws[n], sidecars.get(raws[n].id)) for n in missing]
    extracting = reporter.stage("extract", "extracting", "article").begin(len(jobs))
    with _collecting(len(jobs) >= LONG_EXTRACTION):
        fresh = map_ordered(
            _gather_one,
            jobs,
            workers=workers,
            tick=extracting.advance,
        )
    for n, result in zip(missing, fresh, strict=True):
        if isinstance(result, Diagnostic):
            slots[n] = result
            continue
        slots[n] = got = decode(result)
        for problem in drop_foreign(got.article, got.facts):
            slots.append(
                Diagnostic(got.article.file, None, f"{problem} is not in the article; left out")
            )
        if cache:
            cache.put(keys[n], result)
        if memory is not None:
            memory.keep(keys[n], got)
    gathered = [g for g in slots if isinstance(g, Gathered)]
    stats = cache.stats if cache else CacheStats()
    stats.hits += len(raws) - len(missing)
    stats.misses += len(missing)
    stats.extracted += [raws[n].id for n in missing if isinstance(slots[n], Gathered)]
    cached = f" ({stats.hits:,} from the cache)" if stats.hits else ""
    extracting.finish(f"extracted facts from {plural(len(gathered), 'article')}{cached}")
    kept = [keys[n] for n in raws if isinstance(slots[n], Gathered)]
    if memory is not None:
        memory.keep_only(set(kept))
    if cache:
        save = functools.partial(cache.save, kept)
        run_or_defer(save, later)
    return gathered, kept, [d for d in slots if isinstance(d, Diagnostic)], stats


@contextlib.contextmanager
def _collecting(on: bool) -> Iterator[None]:
    """Turn the cyclic garbage collector on or off for a while, then back as it was.

    Gathering makes millions of small objects and hardly a cycle among them, yet
    every full collection walks all that are alive: more than half of a warm
    rebuild's gathering, and a share that grows with the corpus.
    """
    was = gc.isenabled()
    if on:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def _decoded(plain: Plain, key: str, cache: GatherCache | None) -> Gathered | None:
    """A cache entry decoded, or None (an entry that does not decode is dropped)."""
    if plain is None or cache is None:
        return None
    try:
        found = decode(plain)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError):
        cache.drop(key)
        return None
    if not sentences_hold(found.article) or foreign_citations(found.article, found.facts):
        cache.drop(key)  # not what extraction wrote: gathered afresh
        return None
    return found


def _share_sides(
    pairs: list[tuple[Article, ArticleFacts]],
    actors: list[Actor],
    actor_of: dict[tuple[str, str], str],
) -> None:
    """Give each unsided person the side their actor has across the briefing (or
    the one an editor set)."""
    side_of = {a.id: a.side for a in actors}
    for article, facts in pairs:
        for person in facts.people:
            side = side_of.get(actor_of.get((article.id, person.key), ""))
            if side and person.side is None:
                person.side = side


def load_briefing(
    config: Config,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    later: Later | None = None,
    shelf: CacheShelf | None = None,
    memory: GatherMemory | None = None,
) -> Briefing:
    """Read the project and return its briefing; raise BuildError under ``strict``
    when anything was wrong with the input. ``use_cache=False`` extracts every
    article afresh (and leaves the cache alone). ``workers`` caps the processes
    extraction may use (default: every core, when there are enough articles; 1:
    none but this one). ``later``: where to put the cache's saving instead of doing it
    now. ``shelf`` and ``memory``: where a long-lived process keeps the cache open and
    what it gathered, between builds."""
    with _collecting(False):
        return _load_briefing(config, strict, progress, use_cache, workers, later, shelf, memory)


def _load_briefing(
    config: Config,
    strict: bool,
    progress: Progress | None,
    use_cache: bool,
    workers: int | None,
    later: Later | None,
    shelf: CacheShelf | None,
    memory: GatherMemory | None = None,
) -> Briefing:
    content = load_content(config.root)
    taxonomy = load_taxonomy(config.issues)
    reporter = reporter_for(progress)
    gathered, keys, problems, stats = _gather(
        config, content.sidecars, use_cache, workers, later, shelf, reporter, memory
    )
    cache = None
    if use_cache:
        fp = fingerprint(config.issues)
        cache = (
            shelf.open(config.cache_dir, fp, StanceCache)
            if shelf
            else StanceCache(config.cache_dir, fp)
        )
    stances = functools.partial(
        read_stances, taxonomy=taxonomy, cache=cache, keys=keys, later=later
    )
    kept = memory if use_cache else None
    with reporter.timed("merge"):  # dates, rounds, actors, sides, sticking points
        return _assemble(
            config, strict, content, taxonomy, stances, gathered, problems, stats, kept
        )


def _assemble(
    config: Config,
    strict: bool,
    content: EditorContent,
    taxonomy: Taxonomy,
    stances: Stances,
    gathered: list[Gathered],
    problems: list[Diagnostic],
    stats: CacheStats,
    memory: GatherMemory | None = None,
) -> Briefing:
    """The briefing from every article's facts and the editor's content; ``stances``
    fills in positions and issues once sides are final; ``memory``: what earlier builds
    of this process worked out (the actors, the delegates), handed again where the same."""
    articles = [g.article for g in gathered]
    diagnostics = list(config.warnings) + problems
    diagnostics += content.diagnostics + _check_sidecars(content, articles)
    for article in articles:
        car = content.sidecars.get(article.id)
        if car:
            _apply_sidecar(article, car)
    pairs = [(g.article, g.facts) for g in gathered]
    surnames: dict[str, str] = {}
    dated = [_dated(g, content.sidecars.get(g.article.id), surnames) for g in gathered]

    rounds, relative = (memory.rounds.group if memory is not None else group_rounds)(dated)
    round_of = {aid: r.id for r in rounds for aid in r.articles}
    for article in articles:
        article.round = round_of.get(article.id)
        if article.date is None and article.id in relative:
            article.date, article.date_basis = relative[article.id], "relative"

    parties = merge_parties(pairs)
    merge = memory.actors.merge if memory is not None else merge_actors
    actors, actor_of = merge(
        [(a, f.people) for a, f in pairs], content.actors, {p.id for p in parties}
    )
    _share_sides(pairs, actors, actor_of)
    negotiators = frozenset(p.id for p in parties if p.role == "negotiating-party")
    stances(pairs, negotiators)  # sides are final: stances are read once, now
    process_of = processes(articles, [f for _, f in pairs])
    number_by_process(rounds, process_of)
    base = split_by_process(articles, [f for _, f in pairs], process_of)
    sticking = fold_sticking_points(articles, [f for _, f in pairs], taxonomy, base, process_of)
    facts = link_facts(pairs, actor_of, sticking, actors)
    delegates = memory.delegates if memory is not None else None
    round_people(rounds, actors, parties, pairs, actor_of, delegates)

    briefing = Briefing(
        title=config.title,
        description=config.description,
        articles=articles,
        rounds=rounds,
        parties=parties,
        actors=actors,
        quotes=facts.quotes,
        positions=facts.positions,
        sticking_points=sticking,
        notes=[n for n in content.notes if not n.draft],
    )
    diagnostics += resolve_notes(briefing)
    diagnostics += check_notes(briefing) + check_overrides(content, briefing)
    briefing.diagnostics = diagnostics
    briefing.extracted = list(stats.extracted)
    if strict and diagnostics:
        lines = "\n".join(str(d) for d in diagnostics)
        raise BuildError(f"{lines}\n{len(diagnostics)} problem(s) in the input (--strict)")
    return briefing
