"""Gather everything into a ``Briefing``: read, extract, date, group, merge.

This is the "gather" half of a build (mkdocs style): nothing is written
here, every problem becomes a diagnostic, and ``strict`` turns any of them
into a failure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from sitegen.actors import merge_actors
from sitegen.aggregate import link_facts, merge_parties, round_people
from sitegen.cache import CacheStats, ExtractionCache, extract_cached, fingerprint
from sitegen.config import Config
from sitegen.content import EditorContent, Sidecar, load_content
from sitegen.errors import BuildError
from sitegen.extract import extract, restate
from sitegen.extract.dates import text_date, weekday_mentions
from sitegen.extract.issues import Taxonomy, load_taxonomy
from sitegen.extract.names import surname_key
from sitegen.extract.parties import find_places
from sitegen.ingest import read_articles
from sitegen.models import Actor, Article, ArticleFacts, Briefing, Diagnostic
from sitegen.rounds import Dated, group_rounds, meeting_place, venues_by_sentence
from sitegen.stickingpoints import fold_sticking_points

Progress = Callable[[str], None]


def _apply_sidecar(article: Article, car: Sidecar) -> None:
    """The editor's word wins over what was inferred."""
    if car.title:
        article.title = car.title
    if car.url:
        article.url = car.url
    if car.outlet:
        article.outlet = car.outlet
    article.note = car.note


def _dated(article: Article, car: Sidecar | None, facts: ArticleFacts) -> Dated:
    """Fix the article's own date where the editor, a dateline or the text gives one;
    the people it names help place it in a round when it has no date."""
    if car and car.date:
        article.date, article.date_basis = car.date, "editor"
    elif article.dateline:
        article.date, article.date_basis = article.dateline, "dateline"
    else:
        found = text_date(article)
        if found:
            article.date, article.date_basis = found, "text"
    places = find_places(article)
    return Dated(
        article=article,
        place=meeting_place(article, places),
        venues=venues_by_sentence(article, places),
        anchor=article.date,
        mentions=weekday_mentions(article),
        forced_round=car.round if car else None,
        people={surname_key(p.name) for p in facts.people} - {""},
    )


def _check_sidecars(content: EditorContent, articles: list[Article]) -> list[Diagnostic]:
    ids = {a.id for a in articles}
    return [
        Diagnostic(
            car.path,
            1,
            f"no article seeds/{stem}.txt for this sidecar; rename it to match an article",
        )
        for stem, car in sorted(content.sidecars.items())
        if stem not in ids
    ]


def _check_notes(briefing: Briefing) -> list[Diagnostic]:
    """Each note's ``about`` must name something in the briefing."""
    known = {
        "round": {r.id for r in briefing.rounds},
        "actor": {a.id for a in briefing.actors},
        "party": {p.id for p in briefing.parties},
        "issue": {s.id for s in briefing.sticking_points},
        "article": {a.id for a in briefing.articles},
    }
    out = []
    for note in briefing.notes:
        if not note.about:
            continue
        kind, _, ident = note.about.partition(":")
        if ident not in known[kind]:
            choices = ", ".join(sorted(known[kind])[:8]) or "none yet"
            out.append(
                Diagnostic(
                    note.path, 2, f"about: unknown {kind} '{ident}' (known: {choices})", "error"
                )
            )
    return out


def _extract_all(
    articles: list[Article],
    taxonomy: Taxonomy,
    config: Config,
    use_cache: bool,
    workers: int | None,
) -> tuple[list[ArticleFacts], CacheStats]:
    """Each article's facts, re-extracting only those the on-disk cache does not hold
    (on every core when there are many: a partial of a module function pickles)."""
    cache = ExtractionCache(config.cache_dir, fingerprint(config.issues)) if use_cache else None
    run = functools.partial(extract, taxonomy=taxonomy)
    return extract_cached(articles, run, cache, workers=workers)


def _check_overrides(content: EditorContent, briefing: Briefing) -> list[Diagnostic]:
    """An editor's actor file that matches nobody, or names an unknown side, is
    probably a typo: say so, and where."""
    actors = {a.id: a for a in briefing.actors}
    parties = {p.id for p in briefing.parties}
    out = []
    for o in content.actors:
        actor = actors.get(o.slug)
        if actor is not None and not actor.articles:
            names = ", ".join([n for n in [o.name, *o.aliases] if n]) or o.slug
            message = (
                f"no person named {names} is in the articles; "
                "check the spelling, or add the name used there to aliases"
            )
            out.append(Diagnostic(o.file, o.key_lines.get("name", 1), message))
        if o.side and actor is not None and actor.side not in parties:
            known = ", ".join(sorted(parties)) or "none yet"
            message = f"side: unknown party '{o.side}' (known: {known})"
            out.append(Diagnostic(o.file, o.key_lines.get("side", 1), message))
    return out


def _share_sides(
    pairs: list[tuple[Article, ArticleFacts]],
    actors: list[Actor],
    actor_of: dict[tuple[str, str], str],
    taxonomy: Taxonomy,
) -> None:
    """Give each unsided person the side their actor has across the briefing (or
    the one an editor set), and find those articles' positions again."""
    side_of = {a.id: a.side for a in actors}
    for article, facts in pairs:
        changed = False
        for person in facts.people:
            side = side_of.get(actor_of.get((article.id, person.key), ""))
            if side and person.side is None:
                person.side = side
                changed = True
        if changed:
            restate(article, facts, taxonomy)


def load_briefing(
    config: Config,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    use_cache: bool = True,
    workers: int | None = None,
) -> Briefing:
    """Read the project and return its briefing; raise BuildError under ``strict``
    when anything was wrong with the input. ``use_cache=False`` extracts every
    article afresh (and leaves the cache alone). ``workers`` caps the processes
    extraction may use (default: every core, when there are enough articles; 1:
    none but this one)."""
    say = progress or (lambda _msg: None)
    articles, diagnostics = read_articles(config.root)
    diagnostics = list(config.warnings) + diagnostics
    say(f"read {len(articles)} articles")
    content = load_content(config.root)
    diagnostics += content.diagnostics + _check_sidecars(content, articles)

    taxonomy = load_taxonomy(config.issues)
    for article in articles:
        car = content.sidecars.get(article.id)
        if car:
            _apply_sidecar(article, car)
    all_facts, stats = _extract_all(articles, taxonomy, config, use_cache, workers)
    pairs = list(zip(articles, all_facts, strict=True))
    dated = [_dated(article, content.sidecars.get(article.id), facts) for article, facts in pairs]
    cached = f" ({stats.hits} from the cache)" if stats.hits else ""
    say(f"extracted facts from {len(articles)} articles{cached}")

    rounds, relative = group_rounds(dated)
    round_of = {aid: r.id for r in rounds for aid in r.articles}
    for article in articles:
        article.round = round_of.get(article.id)
        if article.date is None and article.id in relative:
            article.date, article.date_basis = relative[article.id], "relative"

    parties = merge_parties(pairs)
    actors, actor_of = merge_actors(
        [(a, f.people) for a, f in pairs], content.actors, {p.id for p in parties}
    )
    _share_sides(pairs, actors, actor_of, taxonomy)
    sticking = fold_sticking_points(articles, [f for _, f in pairs], taxonomy)
    facts = link_facts(pairs, actor_of, sticking)
    round_people(rounds, actors, parties, pairs, actor_of)

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
    diagnostics += _check_notes(briefing) + _check_overrides(content, briefing)
    briefing.diagnostics = diagnostics
    if strict and diagnostics:
        lines = "\n".join(str(d) for d in diagnostics)
        raise BuildError(f"{lines}\n{len(diagnostics)} problem(s) in the input (--strict)")
    return briefing
