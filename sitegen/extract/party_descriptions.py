"""Descriptions that stand for one named party of an article ("the rebels", "the union").

A description counts only when it fits exactly one party the article names; the
gazetteer lists them for the bodies it knows, the head noun of a name gives them for
organisations the article names itself (``orgs.org_refs``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.extract.gazetteer import Term, party_refs
from sitegen.extract.literals import Needles, lowered, may_match, needles
from sitegen.extract.orgs import org_refs
from sitegen.models import Article, Mention

_Form = tuple[re.Pattern[str], Needles | None, str]  # pattern, its quick test, party id


def refs_of(pid: str, name: str) -> tuple[str, ...]:
    """The descriptions of one party: the gazetteer's, else its name's head noun's."""
    return party_refs(pid) or org_refs(pid, name)


def ref_owners(mentions: dict[str, list[Mention]], names: dict[str, str]) -> dict[str, str]:
    """Descriptions ("the rebels") that fit exactly one party the article names."""
    owners: dict[str, list[str]] = {}
    for pid in mentions:
        for ref in refs_of(pid, names.get(pid, pid)):
            owners.setdefault(ref.lower(), []).append(pid)
    return {ref: pids[0] for ref, pids in owners.items() if len(pids) == 1}


def description_forms(owners: dict[str, str]) -> list[_Form]:
    """Each description of one named party (a plural also bare: "rebels"), per article."""
    forms: dict[str, str] = {}
    for ref, pid in owners.items():
        forms[ref] = pid
        head = ref.removeprefix("the ")
        if head != ref and " " not in head and head.endswith("s"):
            forms[head] = pid
    return [(*words_pattern(form), pid) for form, pid in forms.items()]


def with_descriptions(text: str, terms: list[Term], forms: list[_Form]) -> list[Term]:
    """Party words plus descriptions of one named party, for cues ("rebels ... began talks")."""
    extra: list[Term] = []
    ends = {t.end for t in terms if t.party is not None}
    low = lowered(text)
    for rx, need, pid in forms:
        if not may_match(need, text, low):
            continue
        for m in rx.finditer(text):
            spans = [(t.start, t.end) for t in terms + extra]
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            named = re.sub(r"(?:['’]s?)?(?:\s*\([^()]*\))?\s*$", "", text[: m.start()])
            if len(named) not in ends:  # "ELN rebels": the noun of a name, not a new party word
                extra.append(Term(m.start(), m.end(), m.group(0), "alias", pid, None, None))
    return sorted(terms + extra, key=lambda t: t.start)


@lru_cache(maxsize=1024)
def words_pattern(form: str, tail: str = "") -> tuple[re.Pattern[str], Needles | None]:
    """A description as whole words in any case (then ``tail``), with the words the
    quick test looks for first (bounded; a pure function of its arguments)."""
    rx = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-]){tail}", re.IGNORECASE)
    return rx, needles(rx)


def add_descriptions(
    article: Article, mentions: dict[str, list[Mention]], names: dict[str, str]
) -> None:
    """Mentions of named organisations by description ("the rebels", "the army"), when
    the description fits exactly one party the article names."""
    for ref, pid in ref_owners(mentions, names).items():
        pids = [pid]
        rx, need = words_pattern(ref)
        by_sentence: dict[int, list[tuple[int, int]]] = {}  # one pass, not one per sentence
        for ms in mentions.values():
            for mention in ms:
                by_sentence.setdefault(mention.sentence, []).append((mention.start, mention.end))
        for s in article.sentences:
            if not may_match(need, s.text, lowered(s.text)):
                continue
            taken = by_sentence.get(s.index, [])
            for m in rx.finditer(s.text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    mentions[pids[0]].append(Mention(s.index, m.start(), m.end(), m.group(0)))
    for ms in mentions.values():
        ms.sort(key=lambda m: (m.sentence, m.start))
