"""Gather everything into a ``Briefing``: read, extract, date, group, merge.

This is the "gather" half of a build (mkdocs style): nothing is written
here, every problem becomes a diagnostic, and ``strict`` turns any of them
into a failure.
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.actors import merge_actors
from sitegen.aggregate import link_facts, merge_parties, round_people
from sitegen.config import Config
from sitegen.content import EditorContent, Sidecar, load_content
from sitegen.errors import BuildError
from sitegen.extract import extract
from sitegen.extract.dates import text_date, weekday_mentions
from sitegen.extract.issues import load_taxonomy
from sitegen.extract.parties import find_places
from sitegen.ingest import read_articles
from sitegen.models import Article, ArticleFacts, Briefing, Diagnostic
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


def _dated(article: Article, car: Sidecar | None) -> Dated:
    """Fix the article's own date where the editor, a dateline or the text gives one."""
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


def load_briefing(
    config: Config, *, strict: bool = False, progress: Progress | None = None
) -> Briefing:
    """Read the project and return its briefing; raise BuildError under ``strict``
    when anything was wrong with the input."""
    say = progress or (lambda _msg: None)
    articles, diagnostics = read_articles(config.root)
    diagnostics = list(config.warnings) + diagnostics
    say(f"read {len(articles)} articles")
    content = load_content(config.root)
    diagnostics += content.diagnostics + _check_sidecars(content, articles)

    taxonomy = load_taxonomy(config.issues)
    pairs: list[tuple[Article, ArticleFacts]] = []
    dated: list[Dated] = []
    for article in articles:
        car = content.sidecars.get(article.id)
        if car:
            _apply_sidecar(article, car)
        pairs.append((article, extract(article, taxonomy)))
        dated.append(_dated(article, car))
    say(f"extracted facts from {len(articles)} articles")

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
    diagnostics += _check_notes(briefing)
    briefing.diagnostics = diagnostics
    if strict and diagnostics:
        lines = "\n".join(str(d) for d in diagnostics)
        raise BuildError(f"{lines}\n{len(diagnostics)} problem(s) in the input (--strict)")
    return briefing
