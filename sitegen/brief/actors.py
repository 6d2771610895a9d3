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

from sitegen.brief.contained import contained_pairs
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
from sitegen.extract.variants import bucket_initial, close_spelling, firsts_agree
from sitegen.models import Actor, ActorOverride, Article, Evidence, PersonRef, Sentence


@dataclass(slots=True)
class _Ref:
    order: int
    """Position of the article in reading order (date, then input order)."""
    article: Article
    person: PersonRef
    full: bool
    """Whether the person's name is a full name (``is_full``)."""
    surname: str
    """``surname_key`` of the name."""
    first: str | None
    """``first_key`` of a full name, else None."""


def _name_keys(name: str) -> tuple[bool, str, str | None]:
    """(full?, surname key, first-name key) of a name: worked out once per name."""
    full = is_full(name)
    return full, surname_key(name), first_key(name) if full else None


@dataclass(slots=True)
class _Cluster:
    refs: list[_Ref] = field(default_factory=list)
    override: ActorOverride | None = None

    def full_names(self) -> list[str]:
        return [r.person.name for r in self.refs if r.full]


def _names(ref: _Ref) -> list[str]:
    return [ref.person.name, *ref.person.aliases]


def _cluster(refs: list[_Ref]) -> list[_Cluster]:
    """Full names first: each joins the earliest cluster whose full names all share its
    surname and have a compatible first name. Clusters are indexed by surname key (the
    only ones that can fit), and each keeps its distinct first names once, so this is
    linear in the refs, not quadratic."""
    clusters: list[_Cluster] = []
    by_surname: dict[str, list[tuple[_Cluster, dict[str | None, None]]]] = {}
    for ref in refs:
        full, key, first = ref.full, ref.surname, ref.first
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
        full, key = ref.full, ref.surname
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


_Traits = tuple[set[str], set[str], set[str]]
"""A cluster's surname keys, first-name keys and sides."""


def _traits(cluster: _Cluster) -> _Traits:
    surnames = {r.surname for r in cluster.refs if r.surname}
    firsts = {r.first for r in cluster.refs if r.full and r.first}
    return surnames, firsts, {r.person.side for r in cluster.refs if r.person.side}


def _variants(a: _Traits, b: _Traits) -> bool:
    """Two clusters are one person written two ways: close surnames, and the same first
    name (or close first names on the same side), or a lone surname on the same side."""
    (sa, fa, da), (sb, fb, db) = a, b
    if da and db and not da & db:
        return False
    if not any(close_spelling(x, y) for x in sa for y in sb):
        return False
    if fa and fb:
        return bool(fa & fb) or (firsts_agree(fa, fb) and bool(da & db))
    return bool(da & db)


def _join_variants(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join clusters that are transliteration variants of one person. Only clusters
    whose surnames share an initial (and, when both have one, whose first names
    share an initial) are compared, so the pairs stay few."""
    traits = [_traits(c) for c in clusters]
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, (surnames, firsts, _) in enumerate(traits):
        for s in surnames:
            for f in {f[0] for f in firsts} or {""}:
                buckets.setdefault((bucket_initial(s), f), []).append(i)
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (initial, first), members in buckets.items():
        others = (
            members if first else [i for (s, _), m in buckets.items() if s == initial for i in m]
        )
        for i in members:
            for j in others:
                if i != j and root(i) != root(j) and _variants(traits[i], traits[j]):
                    parent[root(j)] = root(i)
    joined: dict[int, _Cluster] = {}
    for i, c in enumerate(clusters):
        home = joined.setdefault(root(i), _Cluster())
        home.refs.extend(c.refs)
    return list(joined.values())


def _join_contained(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join a shorter full name to the one longer name it lies inside ("Ivo Marten",
    "Jon Ivo Marten"): see ``contained``."""
    traits = [_traits(c) for c in clusters]
    pairs = contained_pairs([c.full_names() for c in clusters], [t[2] for t in traits])
    gone: set[int] = set()
    for i, j in pairs:
        if i not in gone and j not in gone:
            clusters[i].refs.extend(clusters[j].refs)
            gone.add(j)
    return [c for k, c in enumerate(clusters) if k not in gone]


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


def _machine_ids(clusters: list[_Cluster]) -> dict[int, str]:
    """The id each cluster gets when no editor file is about it (by ``id()`` of the
    cluster): the id an editor sees in the site's addresses, and so names a file by."""
    taken: set[str] = set()
    ids: dict[int, str] = {}
    for c in sorted(clusters, key=lambda c: min((r.order for r in c.refs), default=-1)):
        ids[id(c)] = unique_slug(slugify(_canonical(c.refs), "actor"), taken)
        taken.add(ids[id(c)])
    return ids


def _apply_overrides(clusters: list[_Cluster], overrides: list[ActorOverride]) -> list[_Cluster]:
    """Each editor file takes the actor its file name is the id of, and every actor one
    of its names or aliases matches; a file that takes nobody and gives no name makes
    no actor (the build reports it)."""
    machine = _machine_ids(clusters)
    for ov in sorted(overrides, key=lambda o: o.slug):
        wanted = [n for n in [ov.name, *ov.aliases] if n]
        hit = [
            c
            for c in clusters
            if c.override is None
            and (machine.get(id(c)) == ov.slug or any(_matches(n, c) for n in wanted))
        ]
        if not hit and not ov.name:
            continue
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


def _canonical(refs: list[_Ref]) -> str:
    """The full name most articles use, then the earliest; else the first name seen."""
    refs = sorted(refs, key=lambda r: r.order)
    fulls = Counter(r.person.name for r in refs if r.full)
    first_seen: dict[str, int] = {}
    for r in refs:
        first_seen.setdefault(r.person.name, r.order)
    if fulls:
        return max(fulls, key=lambda n: (fulls[n], -first_seen[n]))
    return refs[0].person.name if refs else ""


def _build(cluster: _Cluster, party_ids: set[str], taken: set[str]) -> Actor:
    refs = sorted(cluster.refs, key=lambda r: r.order)
    ov = cluster.override
    name = (ov.name if ov and ov.name else None) or _canonical(refs)
    aliases = _distinct(
        [*(ov.aliases if ov else []), *(n for r in refs for n in _names(r))], {fold(name)}
    )
    # The editor's roles replace the machine's: a correction, not one more opinion.
    roles = _distinct(ov.roles if ov and ov.roles else [x for r in refs for x in r.person.roles])
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
    keys: dict[str, tuple[bool, str, str | None]] = {}
    for _, people in items:
        for p in people:
            if p.name not in keys:
                keys[p.name] = _name_keys(p.name)
    return [_Ref(rank[id(a)], a, p, *keys[p.name]) for a, people in items for p in people]


def merge_actors(
    items: list[tuple[Article, list[PersonRef]]],
    overrides: list[ActorOverride],
    party_ids: set[str],
) -> tuple[list[Actor], dict[tuple[str, str], str]]:
    """Merge people across articles into actors; map (article id, person key) -> actor id."""
    refs = sorted(_reading_order(items), key=lambda r: r.order)
    clusters = _apply_overrides(_join_contained(_join_variants(_cluster(refs))), overrides)
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
    _companions_take_sides(items, actors, mapping)
    actors.sort(key=lambda a: a.id)
    return actors, mapping


def _companions_take_sides(
    items: list[tuple[Article, list[PersonRef]]],
    actors: list[Actor],
    mapping: dict[tuple[str, str], str],
) -> None:
    """Who came with a delegation head and has no side of their own takes the head's,
    learnt in whichever article gave it."""
    by_id = {a.id: a for a in actors}
    for article, people in items:
        for p in people:
            if p.companion_of is None:
                continue
            own = by_id.get(mapping.get((article.id, p.key), ""))
            head = by_id.get(mapping.get((article.id, p.companion_of), ""))
            if own is not None and head is not None and own.side is None and head.side:
                own.side = head.side
