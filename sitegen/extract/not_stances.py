"""What looks like a stance but is none (the guideline's "not positions").

Patterns the position finder checks before it keeps a stance: a verb inside the
content of someone else's demand or plan, a claim of fact after "insisted", a
stance still to come ("would have to be agreed by"), backing the process itself,
and greeting a visitor.
"""

from __future__ import annotations

import re

from sitegen.extract.holders import SentenceView
from sitegen.extract.literals import guarded

PROCESS_ONLY = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+)?(?:talks|negotiations|dialogue|process|mediation)\b"
    r"(?:\s+(?:in|at)\s+[A-Z][\w-]*)?\s+(?:is|are|was|were|has been|have been)",
    re.IGNORECASE,
)
TALKS_ONLY = re.compile(
    r"(?:the |this |these )?(?:[\w-]+ )?(?:talks|negotiations|dialogue|meeting|discussions)\s*$",
    re.IGNORECASE,
)
"""Welcoming, backing or seeking the talks themselves: a wish for progress, no matter
(refusing them is a stance on participation, kept)."""
READY = re.compile(r"(?:is|are)\s+(?:\w+\s+)?ready\s+(?:for\s+signing|to\s+be\s+signed)")
_GUESTS = re.compile(
    r"\s+(?:the\s+)?(?:visiting\s+)?(?:delegations?|delegates|guests|visitors|envoys?)\b"
)
AGREED_PASSIVE = guarded(
    r"(?:(?<!\bno\s)(?<!\bany\s)\b(?:agreement|deal|accord|understanding|consensus)\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?!not\b|never\b)(?:\w+\s+)?reached|"
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?!not\b|never\b)(?:\w+\s+)?"
    r"agreed)(?!\s+(?:by|with|between)\b)$",
    re.IGNORECASE,
)
"""An agreement reported in the passive with no agent ("an agreement was reached on
X"): every negotiating side's acceptance (not itself a "not stance"; it lives here
with the other whole-clause patterns)."""
BY_THE_SIDES = re.compile(
    r"\s+by\s+(?:the\s+(?:two\s+)?(?:parties|sides|delegations)|either\s+(?:party|side)|"
    r"both\s+(?:sides|parties))\b",
    re.IGNORECASE,
)
"""A passive whose agent is every side ("accepted by the parties", "by either party")."""
MODAL_BE = guarded(
    r"\b(?:would|will|must|should|could|may|might|to)\s+(?:\w+\s+)?be\s+(?:\w+ly\s+)?$"
)
CONTENT_OF = guarded(
    r"\b(?:(?:demands?|demanded|demanding|requests?|requested|requires?|required|insists?|"
    r"insisted|insisting|proposes?|proposed|proposal|calls?|called|calling)\s+that|"
    r"includes?|included|including|(?:would|will)\s+see|sees|envisages?|envisaged|"
    r"stipulates?|stipulated|provides?\s+for)\s+(?:[\w'’.-]+\s+){1,5}$",
    re.IGNORECASE,
)
"""A stance verb after these is the content of someone's demand or plan ("demands that
Hamas agree to ...", "provisions include Ukraine agreeing to ..."), not its subject's."""
FACT_CLAUSE = re.compile(r"^\s*(?:that\s+)?(?:[\w'’.-]+\s+){1,6}?(?:had|was|were|has been|did)\b")
"""An "insisted that" clause in the past states a fact, no demand."""

TOLD = re.compile(
    r"\b(?:(?:has|have|had)\s+been|was|were)\s+told\b[^.;:]*$"
    r"|\bexpect(?:s|ed)?\s+(?:that\s+)?[^.;:]*$",
    re.IGNORECASE,
)
"""What a side was told or expects will happen ("says he has been told the first phase
should be completed this week"): a forecast, no proposal or demand."""
NOUN_PREDICATE = re.compile(r"\s(?:remains?|remained|is|was|are|were|has been)\s+(?:an?|the|one)\s")
PAST_OFFICE = re.compile(
    r"(?:(?:^|[,;(]\s*)[Tt]hen\s+|\b[Tt]hen-)(?:[A-Z][\w'’-]*\s+){0,3}(?:[Pp]resident|"
    r"[Pp]rime\s+[Mm]inister|[Ll]eader|[Mm]inister|[Cc]hancellor|[Ss]ecretary|[Pp]remier)\b"
)
"""A holder named by an office held then ("Then President X and then leader Y signed the
declaration"): the act is history, no stance in these talks (news style's "then-")."""
CONDITIONS_PUT = re.compile(
    r"(?:(?:an?|the|its|their|his|her|several|some|new|fresh|further|a number of|a list of|"
    r"a host of|a series of|a set of)\s+)*(?:[\w-]+\s+)?"
    r"(?:demands|conditions|preconditions|ultimatums?)\b",
    re.IGNORECASE,
)
"""A proposal whose object is demands or conditions ("put forward unacceptable
conditions", "presented a list of demands"): the side demands, it offers nothing."""
ASKED = re.compile(r"\b(?:asked|asking|wondered)\s+(?:if|whether)\b[^,.;:]*$", re.IGNORECASE)
PREDICATE = re.compile(r"\b(?:is|was|are|were|be|been)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$")


def greets(view: SentenceView, at: int) -> bool:
    """Whether the words right after ``at`` name a person or a delegation (a welcome's
    guests)."""
    if _GUESTS.match(view.text[at:]):
        return True
    m = re.match(r"\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){0,4}", view.text[at:])
    end = at + (m.end() if m else 0)
    return any(s.person and at <= s.start <= end for s in view.spans)
