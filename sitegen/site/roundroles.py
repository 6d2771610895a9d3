"""One role per person per round, and a person's roles over the rounds.

Extraction keeps every role phrase written next to a person ("Ukraine's chief
negotiator", "head of his presidential office", "envoys"); a page about one round
shows one: a phrase this round's reports use for them, the most specific (most
words) of those that name one person (singular) without a pronoun. An editor's
``roles:`` replace the machine's on the actor, so they are what is chosen from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.models import Actor, Article, Round
from sitegen.site.views import SiteIndex

MAX_WORDS = 10
"""A longer phrase is two roles run together ("head of X and head of Y's team")."""
_WORD = re.compile(r"[\w’'-]+")


@cache
def _pronouns() -> frozenset[str]:
    return frozenset(str(w) for w in load("display")["pronouns"])


@cache
def _role_nouns() -> frozenset[str]:
    return frozenset(str(n).casefold() for n in load("roles")["nouns"])


def _head_noun(role: str) -> str:
    """The word a role phrase is about: the one before "of", else the last."""
    words = _WORD.findall(role.split(" of ")[0])
    return words[-1].casefold() if words else ""


def is_plural(role: str) -> bool:
    """Whether a role names several people ("envoys", "Ukrainian officials")."""
    head = _head_noun(role)
    nouns = _role_nouns()
    return head.endswith("s") and (head[:-1] in nouns or head[:-3] + "y" in nouns)


def has_pronoun(role: str) -> bool:
    return any(w.casefold() in _pronouns() for w in _WORD.findall(role))


def best_role(roles: list[str]) -> str | None:
    """The most specific of a person's role phrases: the most words among those that are
    singular, pronoun-free and not two roles run together; a phrase with a pronoun only
    when nothing else is left, its pronoun dropped ("head of presidential office")."""
    fit = [r for r in roles if not is_plural(r) and len(r.split()) <= MAX_WORDS]
    clean = [r for r in fit if not has_pronoun(r)]
    if not clean:
        clean = [" ".join(w for w in r.split() if w.casefold() not in _pronouns()) for r in fit]
    if not clean:
        return None
    return max(enumerate(clean), key=lambda nr: (len(nr[1].split()), -nr[0]))[1]


def used_roles(a: Actor, articles: list[Article]) -> list[str]:
    """The person's role phrases that these reports write (captions included)."""
    return [
        role
        for role in a.roles
        if any(role in p for art in articles for p in [*art.paragraphs, *art.captions])
    ]


def _used(a: Actor, articles: list[Article]) -> str | None:
    """The best of the person's role phrases that these reports use."""
    return best_role(used_roles(a, articles))


def round_role(
    site: SiteIndex, a: Actor, r: Round, naming: list[Article] | None = None
) -> str | None:
    """The person's role in one round: the best of their role phrases that the round's
    reports naming them (``naming``, when the caller has them) use, else the best of all
    their roles. Reads only the round's reports (a person named in thousands of reports
    costs no more per round)."""
    if naming is None:
        naming = [
            art
            for art in site.round_articles(r)
            if any(x.id == a.id for x in site.article_actors(art.id))
        ]
    return _used(a, naming) or best_role(a.roles)


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role a person held over consecutive rounds."""

    role: str
    first: Round
    last: Round


def role_history(site: SiteIndex, a: Actor) -> list[RoleSpan]:
    """The person's role round by round (the phrases each round's reports use), a run of
    rounds with one role as one span; one pass over the person's reports."""
    by_round: dict[str, list[Article]] = {}
    for x in dict.fromkeys(a.articles):
        rid = site.article_round.get(x)
        if rid and x in site.articles:
            by_round.setdefault(rid, []).append(site.articles[x])
    spans: list[RoleSpan] = []
    for r in site.actor_rounds(a):
        role = _used(a, by_round.get(r.id, []))
        if role is None:
            continue
        if spans and spans[-1].role == role:
            spans[-1] = RoleSpan(role, spans[-1].first, r)
        else:
            spans.append(RoleSpan(role, r, r))
    return spans
