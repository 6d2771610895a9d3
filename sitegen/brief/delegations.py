"""Who was at the table in each round, by side, each membership with its sentences.

A person counts as a delegate of a round when one of the round's reports gives
them a delegate's role ("chief negotiator", "head of the delegation"), names
them in a sentence that puts people in a delegation ("X led the delegation",
"was joined by", "will represent"), or names them where an attendance word
and the round's venue meet ("delegations ... attend the talks in X"). Only
people of a party at the table (negotiating, mediating or hosting) count; the
source of the sentence ("..., X said") does not. A head is one whose role or
sentence says they lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitegen.data import load
from sitegen.models import Actor, Article, ArticleFacts, Evidence, Membership, PersonRef, Round

_POSSESSIVE = re.compile(r"['’]s?\b")
_HEAD_REACH = 40
"""Characters between a name and a "led"/"heads" cue for the name to be the head."""


@dataclass(frozen=True, slots=True)
class _Cues:
    role: re.Pattern[str]
    attend: re.Pattern[str]
    member: re.Pattern[str]
    head: re.Pattern[str]
    source: re.Pattern[str]
    leads: re.Pattern[str]


_SUBJECT_GAP = re.compile(
    r"(?:\s*,[^,;]{1,80},)?\s*(?:(?:is|was|will|would|has|had|been|be|set|expected|due|to|also)\s+)*"
)
"""What may stand between a subject and its verb: one apposition and auxiliaries
("X, the head of military intelligence, is set to lead ...")."""


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@cache
def _cues() -> _Cues:
    """The word lists of ``data/delegation.yaml``, compiled once."""
    data = load("delegation")
    source = "|".join(map(re.escape, data["source_verbs"]))
    bodies = "|".join(map(re.escape, data["led_bodies"]))
    # "head of the (Ukrainian) delegation", not "head of military intelligence"
    head_of = r"\bhead\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:" + bodies + r")\b"
    return _Cues(
        role=_words(data["delegate_roles"]),
        attend=_words(data["attendance_cues"]),
        member=_words(data["membership_cues"]),
        head=re.compile(_words(data["head_cues"]).pattern + "|" + head_of, re.IGNORECASE),
        source=re.compile(r"\s*,?\s*(?:" + source + r")\b"),
        leads=re.compile(
            r"\b(?:"
            + "|".join(map(re.escape, data["lead_verbs"]))
            + r")\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Z][\w.-]*(?:['’]s)?\s+)?"
            + r"(?:[\w-]+\s+)?(?:"
            + bodies
            + r")\b"
        ),
    )


def delegate_role_cue() -> re.Pattern[str]:
    """What in a role makes its holder a delegate ("negotiator", "delegation", "envoy")."""
    return _cues().role


def head_cue() -> re.Pattern[str]:
    """What in a role or near a name says its holder leads ("led", "chief negotiator",
    "head of the Calderian delegation"; not "head of the presidential office")."""
    return _cues().head


def _leads(text: str, end: int, cues: _Cues) -> bool:
    """Whether the name ending at ``end`` is the subject of "leads ... delegation"."""
    lead = cues.leads.search(text, end)
    return lead is not None and _SUBJECT_GAP.fullmatch(text, end, lead.start()) is not None


def _text(article: Article, index: int) -> str:
    """The text of sentence ``index`` (where ``parse_article`` puts it, else searched)."""
    sentences = article.sentences
    if 0 <= index < len(sentences) and sentences[index].index == index:
        return sentences[index].text
    return next((s.text for s in sentences if s.index == index), "")


def _sentence(article: Article, index: int) -> Evidence:
    return Evidence(article.id, index, _text(article, index))


def _person_evidence(article: Article, person: PersonRef, location: str | None) -> Found:
    """The sentences of one article that put a person at the table, and whether any
    says they lead."""
    cues = _cues()
    found: dict[int, Evidence] = {}
    head = False
    delegate_roles = [r for r in person.roles if cues.role.search(r)]
    for m in person.mentions:
        text = _text(article, m.sentence)
        if not text or cues.source.match(text[m.end :]) or _POSSESSIVE.match(text, m.end):
            continue  # "..., X said": the source; "X's aide": someone else
        leads = _leads(text, m.end, cues)
        member = leads or cues.member.search(text)
        at_venue = location is not None and location in text and cues.attend.search(text)
        in_role = any(r in text for r in delegate_roles)
        if member or at_venue or in_role:
            found.setdefault(m.sentence, _sentence(article, m.sentence))
            near = text[max(0, m.start - _HEAD_REACH) : m.end + _HEAD_REACH]
            head = head or leads or (bool(member or in_role) and cues.head.search(near) is not None)
    if delegate_roles and not found:
        first = min(m.sentence for m in person.mentions)
        found[first] = _sentence(article, first)
    head = head or any(cues.head.search(r) for r in delegate_roles)
    return sorted(found.values(), key=lambda e: e.sentence), head


Found = tuple[list[Evidence], bool]
"""A person's sentences at the table in one article, and whether one says they lead."""


class DelegateMemo:
    """What ``_person_evidence`` found for each person of a long-lived process's articles
    (``serve``), by the record itself: a rebuild hands the same ``Article`` and
    ``PersonRef`` again for an article that did not change, and what it reads of them
    (sentences, roles, mentions) no build writes. Kept for one build after its last use."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[PersonRef, Article, str | None, Found]] = {}
        self._now: dict[int, tuple[PersonRef, Article, str | None, Found]] = {}

    def evidence(self, article: Article, person: PersonRef, location: str | None) -> Found:
        key = id(person)
        hit = self._now.get(key) or self._last.get(key)
        if hit is not None and hit[0] is person and hit[1] is article and hit[2] == location:
            self._now[key] = hit
            return hit[3]
        found = _person_evidence(article, person, location)
        self._now[key] = (person, article, location, found)
        return found

    def next_build(self) -> None:
        """Forget what the build before the last did not use."""
        self._last, self._now = self._now, {}


def memberships(
    rnd: Round,
    pairs: dict[str, tuple[Article, ArticleFacts]],
    actor_of: dict[tuple[str, str], str],
    at_table: dict[str, Actor],
    memo: DelegateMemo | None = None,
) -> list[Membership]:
    """The round's delegates, heads first within each side, each with its sentences;
    ``memo``: what earlier builds of this process found."""
    members: dict[str, Membership] = {}
    for article_id in dict.fromkeys(rnd.articles):
        if article_id not in pairs:
            continue
        article, facts = pairs[article_id]
        for person in facts.people:
            aid = actor_of.get((article.id, person.key))
            if aid is None or aid not in at_table:
                continue
            if memo is None:
                evidence, head = _person_evidence(article, person, rnd.location)
            else:
                evidence, head = memo.evidence(article, person, rnd.location)
            if not evidence:
                continue
            entry = members.setdefault(aid, Membership(aid, at_table[aid].side))
            entry.head = entry.head or head
            entry.evidence.extend(e for e in evidence if e not in entry.evidence)
    return sorted(members.values(), key=lambda m: (m.side or "", not m.head, m.actor))
