"""One actor per real person: merge the articles' name variants, apply editor overrides.

Merging is by rule, never by a similarity score: two full names are one
person when their surnames meet under the transliteration rules and their
first names agree (same, an initial, or missing); a lone surname joins the
only full-name actor with that surname. Different first names stay apart.
Editor overrides from ``content/actors/`` win over all of it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sitegen.extract.gazetteer import find_terms, party_of
from sitegen.extract.names import (
    first_key,
    firsts_compatible,
    fold,
    is_full,
    same_name,
    surname_key,
)
from sitegen.extract.slugs import slugify, unique_slug
from sitegen.models import Actor, ActorOverride, Article, Evidence, PersonRef, Sentence


@dataclass(slots=True)
class _Ref:
    order: int
    """Position of the article in reading order (date, then input order)."""
    article: Article
    person: PersonRef


@dataclass(slots=True)
class _Cluster:
    refs: list[_Ref] = field(default_factory=list)
    override: ActorOverride | None = None

    def full_names(self) -> list[str]:
        return [r.person.name for r in self.refs if is_full(r.person.name)]


def _names(ref: _Ref) -> list[str]:
    return [ref.person.name, *ref.person.aliases]


def _cluster(refs: list[_Ref]) -> list[_Cluster]:
    """Full names first: each joins the earliest cluster whose full names all share its
    surname and have a compatible first name. Clusters are indexed by surname key (the
    only ones that can fit), and each keeps its distinct first names once, so this is
    linear in the refs, not quadratic."""
    keys: dict[str, tuple[bool, str, str | None]] = {}  # name -> (full?, surname, first)

    def keys_of(name: str) -> tuple[bool, str, str | None]:
        if name not in keys:
            full = is_full(name)
            keys[name] = (full, surname_key(name), first_key(name) if full else None)
        return keys[name]

    clusters: list[_Cluster] = []
    by_surname: dict[str, list[tuple[_Cluster, dict[str | None, None]]]] = {}
    for ref in refs:
        full, key, first = keys_of(ref.person.name)
        if not full:
            continue
        candidates = by_surname.setdefault(key, [])
        home = next(
            (
                (c, firsts)
                for c, firsts in candidates
                if key and all(firsts_compatible(first, f) for f in firsts)
            ),
            None,
        )
        if home is None:
            home = (_Cluster(), {})
            clusters.append(home[0])
            candidates.append(home)
        home[0].refs.append(ref)
        home[1][first] = None
    singles: dict[str, _Cluster] = {}
    for ref in refs:
        full, key, _ = keys_of(ref.person.name)
        if full:
            continue
        owners = [c for c, _ in by_surname.get(key, [])]
        if len(owners) > 1 and ref.person.side:
            sided = [c for c in owners if ref.person.side in {r.person.side for r in c.refs}]
            owners = sided if len(sided) == 1 else owners
        if len(owners) == 1:
            owners[0].refs.append(ref)
            continue
        singles.setdefault(key, _Cluster()).refs.append(ref)
    return clusters + list(singles.values())


def _matches(name: str, cluster: _Cluster) -> bool:
    """An editor's name matches a machine cluster by the same spelling rules."""
    for ref in cluster.refs:
        for n in _names(ref):
            if fold(n) == fold(name):
                return True
            if is_full(name) and is_full(n) and same_name(name, n):
                return True
    return False


def _written_as(ref: _Ref, name: str) -> bool:
    """Whether a ref's own name is this name (a full name by spelling rules)."""
    own = ref.person.name
    return fold(own) == fold(name) or (is_full(own) and is_full(name) and same_name(own, name))


def _apply_overrides(clusters: list[_Cluster], overrides: list[ActorOverride]) -> list[_Cluster]:
    for ov in sorted(overrides, key=lambda o: o.slug):
        wanted = [n for n in [ov.name, *ov.aliases] if n]
        hit = [c for c in clusters if c.override is None and any(_matches(n, c) for n in wanted)]
        merged = _Cluster(override=ov)
        for c in hit:
            clusters.remove(c)
            merged.refs.extend(c.refs)
        split = [r for r in merged.refs if any(_written_as(r, x) for x in ov.not_aliases)]
        merged.refs = [r for r in merged.refs if r not in split]
        clusters.append(merged)
        if split:
            clusters.extend(_cluster(split))
    return clusters


def _side_id(side: str, party_ids: set[str]) -> str:
    if side in party_ids:
        return side
    if slugify(side) in party_ids:
        return slugify(side)
    return party_of(side) or slugify(side)


def _first_mention(ref: _Ref) -> Evidence | None:
    if not ref.person.mentions:
        return None
    return _evidence(ref, min(m.sentence for m in ref.person.mentions))


def _evidence(ref: _Ref, index: int) -> Evidence:
    sentences = ref.article.sentences
    if 0 <= index < len(sentences) and sentences[index].index == index:
        sentence: Sentence | None = sentences[index]  # where ``parse_article`` puts it
    else:
        sentence = next((s for s in sentences if s.index == index), None)
    return Evidence(ref.article.id, index, sentence.text if sentence else "")


def _stated(ref: _Ref) -> bool:
    """Whether the article writes the person's side in one of their roles ("Kenyan
    president"), rather than inferring it from the sentences around them."""
    side = ref.person.side
    return any(t.party == side for role in ref.person.roles for t in find_terms(role))


def _majority_side(refs: list[_Ref]) -> str | None:
    """The side most articles give a person, counting sides written in a role first,
    then the earliest; an article that gives no side does not vote."""
    sided = [r for r in refs if r.person.side]
    if not sided:
        return None
    stated = Counter(r.person.side for r in sided if _stated(r))
    votes = Counter(r.person.side for r in sided)
    first = {s: min(r.order for r in sided if r.person.side == s) for s in votes}
    return max(votes, key=lambda s: (stated[s], votes[s], -first[s]))


def _distinct(texts: list[str], skip: set[str] | None = None) -> list[str]:
    """The first of each spelling (accents and case aside), leaving out ``skip``'s."""
    seen = set(skip or ())
    out: list[str] = []
    for text in dict.fromkeys(texts):  # fold each distinct text once
        key = fold(text)
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


def _build(cluster: _Cluster, party_ids: set[str], taken: set[str]) -> Actor:
    refs = sorted(cluster.refs, key=lambda r: r.order)
    fulls = Counter(r.person.name for r in refs if is_full(r.person.name))
    first_seen: dict[str, int] = {}
    for r in refs:
        first_seen.setdefault(r.person.name, r.order)
    if fulls:
        canonical = max(fulls, key=lambda n: (fulls[n], -first_seen[n]))
    else:
        canonical = refs[0].person.name if refs else ""
    ov = cluster.override
    name = (ov.name if ov and ov.name else None) or canonical
    aliases = _distinct(
        [*(ov.aliases if ov else []), *(n for r in refs for n in _names(r))], {fold(name)}
    )
    roles = _distinct([*(ov.roles if ov else []), *(x for r in refs for x in r.person.roles)])
    side = _majority_side(refs)
    side_ev = None
    if side:
        winner = next(r for r in refs if r.person.side == side)
        if winner.person.side_evidence is not None:
            side_ev = _evidence(winner, winner.person.side_evidence)
    if ov and ov.side:
        side, side_ev = _side_id(ov.side, party_ids), None
    articles: list[str] = []
    evidence: list[Evidence] = []
    for r in refs:
        if r.article.id not in articles:
            articles.append(r.article.id)
            ev = _first_mention(r)
            if ev:
                evidence.append(ev)
    slug = ov.slug if ov else unique_slug(slugify(name, "actor"), taken)
    taken.add(slug)
    return Actor(
        id=slug,
        name=name,
        aliases=aliases,
        roles=roles,
        side=side,
        articles=articles,
        evidence=evidence,
        side_evidence=side_ev,
        note=ov.note if ov else "",
    )


def _reading_order(items: list[tuple[Article, list[PersonRef]]]) -> list[_Ref]:
    def when(pair: tuple[int, Article]) -> tuple[dt.date, int]:
        art = pair[1]
        return (art.date or art.dateline or dt.date.max, pair[0])

    ordered = sorted(enumerate(a for a, _ in items), key=when)
    rank = {id(a): n for n, (_, a) in enumerate(ordered)}
    return [_Ref(rank[id(a)], a, p) for a, people in items for p in people]


def merge_actors(
    items: list[tuple[Article, list[PersonRef]]],
    overrides: list[ActorOverride],
    party_ids: set[str],
) -> tuple[list[Actor], dict[tuple[str, str], str]]:
    """Merge people across articles into actors; map (article id, person key) -> actor id."""
    refs = sorted(_reading_order(items), key=lambda r: r.order)
    clusters = _apply_overrides(_cluster(refs), overrides)
    # Override slugs are the editor's ids: reserve them before machine slugs.
    taken = {c.override.slug for c in clusters if c.override}
    clusters.sort(key=lambda c: (c.override is None, min((r.order for r in c.refs), default=-1)))
    actors: list[Actor] = []
    mapping: dict[tuple[str, str], str] = {}
    for c in clusters:
        actor = _build(c, party_ids, taken)
        actors.append(actor)
        for r in c.refs:
            mapping[(r.article.id, r.person.key)] = actor.id
    actors.sort(key=lambda a: a.id)
    return actors, mapping
