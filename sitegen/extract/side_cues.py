"""Sides the sentence shape gives, beyond role phrases: who came with whom, who runs what.

- "X is accompanied by A, B and C", "X, joined by A": the companions belong to
  X's side, not to the last country named near them (often the host's). When
  this article gives X no side, the link is kept (``companion_of``) so the side
  learnt in another article reaches them after merging. So do the members of
  a roster: "X led the delegation composed of A, B and C".
- "A, spokesman for the <Group>-run civil defence": a body run, led or controlled
  by a party belongs to it, and so do the people speaking for it.
- "<Party>, led by A" / "<Party> under A": A heads that party; so do "the <Party>
  delegation was headed by A", "A, chairman of ..., led the <Party> delegation" and
  "<Party> was represented by A".
- "A and his <Party> counterpart B": A is across the table from that party; when the
  talks have one other side, A is on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.extract.roles import SentenceView
from sitegen.models import Mention, PartyRef

_COMPANIONS = re.compile(
    r"\b(?:accompanied(?:\s+\w+){0,3}?\s+by|joined(?:\s+\w+){0,2}?\s+by|along\s+with|"
    r"together\s+with)\b"
)
_MEMBERS = re.compile(
    r"\b(?:delegation|team|negotiators)\s+(?:also\s+)?(?:included|includes|comprised|comprises|"
    r"consisted\s+of|consists\s+of|(?:was|is)\s+made\s+up\s+of)\b"
)
_ROSTER = re.compile(
    r"\b(?:led|leads|headed|heads)\s+(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:delegation|negotiating\s+team|panel)\b"
    r"(?:,?\s+(?:with\s+the\s+(?:panel|team)|which\s+was|that\s+was))?,?\s+"
    r"(?:composed\s+of|comprising|consisting\s+of|made\s+up\s+of|which\s+included|"
    r"that\s+included|including)\s"
)
"""A head's roster: "A led the delegation composed of B, C and D" (also "..., with the
panel composed of B"): the members came with A."""
_ROSTER_WORDS = ("compos", "compris", "consist", "made up", "includ")
_COMPANION_WORDS = ("accompanied", "joined", "along", "together")
_MEMBER_WORDS = ("delegation", "team", "negotiators")
"""The words each match of ``_COMPANIONS`` / ``_MEMBERS`` opens with: a sentence holding
none is not searched (``re`` would try the pattern at each of its positions)."""
_RUN_BY = re.compile(r"^(?:[\w.’'-]+\s+){0,6}?[\w’'.-]*?-(?:run|led|controlled)\b")
_LED_BY = re.compile(r"(?:,\s*|\s+)(?:led\s+by|under|headed\s+by)\s+(?:[a-z][\w’'-]*\s+){0,6}$")
_DELEGATION_BY = re.compile(
    r"\s+(?:(?:delegation|team|negotiating\s+team)\s+(?:was|is|will\s+be|has\s+been)\s+"
    r"(?:led|headed)|(?:was|is|were|will\s+be)\s+represented)\s+by\s+"
    r"(?:[A-Za-z][\w’'.-]*\s+){0,6}$"
)
"""The passive "<Party> delegation was headed by [role words] A", "<Party> was
represented by A"."""
_LEADS = re.compile(
    r"(?:,[^,;:\"“”]{1,150},)?\s+(?:also\s+|will\s+|would\s+|is\s+to\s+)?"
    r"(?:led|leads|lead|leading|headed|heads|head|heading)\s+(?:the\s+|a\s+)?"
)
"""After a name (and its appositive): "A, chairman of X, led the <Party> delegation"."""
_DELEGATION_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:delegation|negotiating\s+team)\b"
)
_LED_WINDOW = 90
"""Characters before a name that may hold "led by" and the role words after it."""
_ACRONYM_END = re.compile(r"\s*\([A-Z]{2,6}\)$")
_HEAD_PRONOUN = re.compile(r"^\s*(?:He|She)\b")
_APPOSITIVE_END = re.compile(r"[,;:(]")

SetSide = Callable[[str, str | None, int, str | None], None]
"""(person name, party id or None, sentence, head's name) -> record the side."""


def _by_sentence(people: dict[str, list[Mention]]) -> dict[int, list[tuple[int, int, str]]]:
    """Each sentence's person mentions in order, gathered once (not once per sentence)."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for name, ms in people.items():
        for m in ms:
            out.setdefault(m.sentence, []).append((m.start, m.end, name))
    for spans in out.values():
        spans.sort()
    return out


def companions(
    people: dict[str, list[Mention]],
    sides: dict[str, str | None],
    views: dict[int, SentenceView],
    set_side: SetSide,
) -> None:
    """People who came with a delegation head take the head's side."""
    named = _by_sentence(people)
    for s, view in views.items():
        text = view.text
        if s not in named:
            continue
        cue = _COMPANIONS.search(text) if any(w in text for w in _COMPANION_WORDS) else None
        roster = cue is None and ("led " in text or "head" in text)
        if roster and any(w in text for w in _ROSTER_WORDS):
            cue = _ROSTER.search(text)
        if cue is None:
            continue
        here = named[s]
        heads = [name for start, _, name in here if start < cue.start()]
        if not heads and _HEAD_PRONOUN.match(view.text) and s - 1 in views:
            heads = [name for _, _, name in named.get(s - 1, [])]
        if not heads:
            continue
        head = heads[0]
        for start, _, name in here:
            if start > cue.end() and name != head:
                set_side(name, sides.get(head), s, head)


def members(
    people: dict[str, list[Mention]],
    parties: list[PartyRef],
    views: dict[int, SentenceView],
    set_side: SetSide,
) -> None:
    """ "The Astorian delegation included A, B and C": each member is of that party."""
    named = _by_sentence(people)
    for s, view in views.items():
        may = s in named and any(w in view.text for w in _MEMBER_WORDS)
        cue = _MEMBERS.search(view.text) if may else None
        if cue is None:
            continue
        owners = [
            party.id
            for party in parties
            for m in party.mentions
            if m.sentence == s and view.text[m.end : cue.start()].strip() in ("", "'s", "’s")
        ]
        if not owners:
            continue
        party = owners[0]
        for start, _, name in named[s]:
            if start > cue.end():
                set_side(name, party, s, None)


def run_by(
    people: dict[str, list[Mention]], parties: list[PartyRef], views: dict[int, SentenceView]
) -> list[tuple[str, str, int]]:
    """(person, party, sentence) for "A, spokesman for the <Group>-run ministry," and
    "<Party>, led by A"."""
    found: list[tuple[str, str, int]] = []
    for s, here in _by_sentence(people).items():
        if s not in views:
            continue
        text = views[s].text
        for start, end, name in here:
            rest = text[end:]
            if rest.startswith(","):
                stop = _APPOSITIVE_END.search(rest, 1)
                appositive = rest[1 : stop.start() if stop else len(rest)].strip()
                # every match holds "-run", "-led" or "-controlled": most appositives none
                m = _RUN_BY.match(appositive) if "-" in appositive else None
                if m is not None:
                    party = _party_ending(
                        parties, s, end + rest.index(m.group(0)) + len(m.group(0))
                    )
                    if party is not None:
                        found.append((name, party, s))
                        continue
            led = _led_by(parties, s, text, start) or _leads_delegation(parties, s, text, end)
            if led is not None:
                found.append((name, led, s))
    return found


def _leads_delegation(parties: list[PartyRef], s: int, text: str, end: int) -> str | None:
    """ "A, chairman of the X committee, led the <Party> delegation": the party named
    before "delegation"."""
    cue = _LEADS.match(text, end)
    if cue is None:
        return None
    for party in parties:
        for m in party.mentions:
            if m.sentence == s and m.start == cue.end() and _DELEGATION_AFTER.match(text, m.end):
                return party.id
    return None


def _party_ending(parties: list[PartyRef], s: int, pos: int) -> str | None:
    """The party whose mention ends right before "-run" at ``pos``."""
    for party in parties:
        for m in party.mentions:
            if m.sentence == s and m.end < pos <= m.end + len("-controlled") + 1:
                return party.id
    return None


def _led_by(parties: list[PartyRef], s: int, text: str, start: int) -> str | None:
    """ "<Party> (ACR), led by [his former deputy] A": the party right before the cue."""
    window = max(0, start - _LED_WINDOW)
    if " by " not in text[window:start] and " under " not in text[window:start]:
        return None  # most names have no "led by" before them: skip the pattern
    cue = _LED_BY.search(text, window, start) or _DELEGATION_BY.search(text, window, start)
    if cue is None:
        return None
    lead = text[: cue.start()].rstrip()
    ends = {len(lead), len(_ACRONYM_END.sub("", lead).rstrip())}
    hits = [
        party.id
        for party in parties
        for m in party.mentions
        if m.sentence == s and (m.end in ends or m.end + 1 in ends)
    ]
    return hits[-1] if hits else None


_COUNTERPART = re.compile(r"\b(?:his|her)\s+$")
_COUNTERPART_AFTER = re.compile(r"['’]?s?\s+counterpart\b(?!s)")


def across_from(
    people: dict[str, list[Mention]], parties: list[PartyRef], views: dict[int, SentenceView]
) -> list[tuple[str, str, int]]:
    """(person, party, sentence) for "A and his <Party> counterpart B": A's side is the
    one other party at the table (the one other named, when no cue says who negotiates)."""
    sides = [p.id for p in parties if p.role == "negotiating-party"] or [
        p.id for p in parties if p.role == "other"
    ]  # a host or mediator sits at no side
    found: list[tuple[str, str, int]] = []
    for s, here in _by_sentence(people).items():
        view = views.get(s)
        if view is None or "counterpart" not in view.text:
            continue
        for t in view.terms:
            if t.party is None or not _COUNTERPART_AFTER.match(view.text, t.end):
                continue
            if not _COUNTERPART.search(view.text, max(0, t.start - 5), t.start):
                continue
            others = [pid for pid in sides if pid != t.party]
            owners = [name for start, _, name in here if start < t.start]
            if t.party in sides and len(others) == 1 and owners:
                found.append((owners[0], others[0], s))
    return found
