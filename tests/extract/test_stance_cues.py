"""Stance cues found branch by branch must be the cues the whole word lists find.

``find_cues`` searches only the branches of a stance's verb (or noun) list whose
words the sentence holds; these tests compare it with the plain search of each
whole list, on the real articles of the seeds and the held-out corpus.
"""

from __future__ import annotations

import re

from sitegen.extract import holders, not_stances, stance_context, stance_cues, stance_finder
from sitegen.extract.issues import mask
from sitegen.extract.literals import Guarded
from sitegen.extract.stance_cues import Cue, find_cues
from sitegen.extract.stance_words import Lexicon, alternation, lexicon
from tests.extract.test_extract_literals import TRICKY, real_texts


def _plain_cues(text: str, lex: Lexicon) -> list[Cue]:
    """``find_cues`` as first written: every whole list searched, no sieve."""
    verbs = {
        (m.start(), m.end()): stance
        for pattern, stance in lex.verbs
        for m in pattern.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] != "-"
        and not stance_cues._determined(text, m.start())
    }
    cues: list[Cue] = []
    for pattern, stance in lex.nouns:
        for m in pattern.finditer(text):
            also = any(s == m.start() for s, _ in verbs)
            cues.append(Cue(stance, "noun", m.start(), m.end(), also))
    cues += [Cue(st, "verb", s, e) for (s, e), st in verbs.items()]
    cues += [Cue("demands", "modal", m.start(), m.end()) for m in lex.modal.finditer(text)]
    cues += [
        Cue("rejects", "refusal", m.start(), m.end(), object_start=m.start("verb"))
        for m in lex.refusal.finditer(text)
    ]
    cues = [
        c
        for c in cues
        if not any(
            o is not c
            and o.kind == c.kind
            and o.start <= c.start
            and o.end >= c.end
            and (o.end - o.start) > (c.end - c.start)
            for o in cues
        )
    ]
    return sorted(cues, key=lambda c: (c.start, c.kind))


def test_every_branch_together_is_the_whole_list() -> None:
    lex = lexicon()
    groups = (*lex.verb_groups, *lex.noun_groups)
    for (pattern, stance), group in zip((*lex.verbs, *lex.nouns), groups, strict=True):
        assert alternation(group.branches).pattern == pattern.pattern
        assert group.stance == stance


def test_cues_as_the_whole_lists_find_them_in_real_articles() -> None:
    lex = lexicon()
    invented = [
        "Astoria demanded and insisted on a withdrawal, but Belmar refused to budge.",
        "The Calderian proposal was rejected; Port Elin will not withdraw its troops.",
        "With support from Belmar, the two sides agreed to a truce and signed on to it.",
        "Ivo Marten said Astoria must accept the offer, a demand Belmar turned down.",
    ]
    found = 0
    for text in [*real_texts(), *TRICKY, *invented]:
        masked = mask(text)
        cues = find_cues(masked, lex)
        assert cues == _plain_cues(masked, lex), text
        found += len(cues)
    assert found > 100


def _stance_guards() -> list[Guarded]:
    """Every pattern of the stance modules searched behind ``Guarded``."""
    modules = (stance_cues, stance_finder, stance_context, not_stances, holders)
    lex = lexicon()
    words = [getattr(lex, f) for f in lex.__slots__ if isinstance(getattr(lex, f), Guarded)]
    return [*words, *(v for m in modules for v in vars(m).values() if isinstance(v, Guarded))]


def test_guarded_stance_patterns_find_what_the_plain_ones_find() -> None:
    guards = _stance_guards()
    assert len(guards) >= 20
    found = 0
    for text in [mask(t) for t in real_texts()[:400]]:
        cuts = [m.start() for m in re.finditer(r"\s", text)][::3]  # most are end-anchored
        for quick in guards:
            for before in (text, *(text[:at] for at in cuts)):
                plain = quick.regex.search(before)
                got = quick.search(before)
                assert (got and got.span()) == (plain and plain.span()), (quick.pattern, before)
                found += plain is not None
    assert found > 100  # real matches were compared, not only misses
