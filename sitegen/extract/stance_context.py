"""The patterns the stance finder reads around a cue: what stands before it (a copula,
a modal, an embedded question, a charge being denied) and what marks its holder (an
article before a side's name, a passive before "by").

Kept apart from ``stance_finder`` by size: the finder's logic reads these by name.
"""

from __future__ import annotations

import re

from sitegen.extract.holders import SentenceView
from sitegen.extract.literals import guarded

BE_BEFORE = guarded(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")
DENIED_CHARGE = guarded(
    r"\b(?:accusations?|charges?|allegations?|claims?|reports?)\s+(?:that\s+|which\s+)?"
    r"(?:[\w'-]+\s+){1,4}$",
    re.IGNORECASE,
)
PERSON_BACKED = guarded(r"\bwho\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?$")
TO_BEFORE = guarded(r"\b(?:to|help|helps|helped|helping)\s+$")
EMBEDDED = guarded(r"\b(?:what|how|whether)\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
"""A modal in an embedded question ("define what Belmar should want")."""
EMBEDDED_MODAL = guarded(
    r"\b(?:what|how|whether)\s+(?:[\w'’-]+\s+){1,3}(?:should|would|could|must|might)\s+$",
    re.IGNORECASE,
)
WARNED_WILL = guarded(r"\bwarn(?:s|ed|ing)?\b[^.;]*\b(?:will|would) have to$", re.IGNORECASE)
OPPOSED_TO = re.compile(r"\s+(?:to|against|from|by|of)\b")
DETERMINED = re.compile(
    r"\b(?:an?|the|(?:refus|reject|accept|dismiss)(?:ed|es|e|s)?|met|meet)\s+(?:[A-Z][\w-]*\s+){1,2}$"
)
"""An article, or a verb taking it as object ("refused Belmarian demands"), before a
side's name: the cue after them is a noun owned by that side."""
PARTICIPLE = re.compile(r"(?:ed|^put forward)$")
"""A cue in the passive before "by X": "proposed by", "put forward by"."""
SUBORDINATE = re.compile(r".*\b(?:after|because)\s", re.DOTALL)
"""Up to the last "after"/"because" before a verb: a negator before it is not the verb's."""
AGREED_THAT = re.compile(r"\bagree[sd]?\s+that\b[^.;]*$", re.IGNORECASE)
NAME_END = re.compile(r"[A-Z][\w.'’-]*\s+$")
MAY = guarded(r"\b(?:may|might|could)\s+(?:\w+ly\s+|also\s+|still\s+|yet\s+)?$", re.I)
THIS_IS = re.compile(r"this\s+(?:is|remains)\b", re.IGNORECASE)
"""A cue opening with "this is" ("This is a key condition," X said): the speaker's."""

_ACT_TO = re.compile(r"(?:[\w'-]+\s+){1,4}to\s+\w")
_SIDE_TO_ACT = re.compile(
    r"(?:[\w'-]+\s+){1,4}to\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those)\b)\w"
)
"""A noun object "X to go": a side and a verb; "access to the sea" names a matter."""


def asks_to_act(view: SentenceView, party: str, word: str, obj: str, at: int, end: int) -> bool:
    """Whether a want is aimed at another side ("wants X to go": a demand on X; an appeal,
    "urged X to", "called on X to", stays a want). An aim of
    one's own ("seeking to ensure access to the sea") is a want, unless it binds another
    side named in it ("sought to bind B to a treaty")."""
    act = _ACT_TO if obj.startswith("to ") else _SIDE_TO_ACT
    if word.endswith(" to") or word.startswith(("urg", "call")) or not act.match(obj):
        return False  # "urged X to", "called on X to": an appeal, no condition
    if not obj.startswith("to "):
        return True
    return any(s.party and s.party != party for s in view.spans if at <= s.start < end)


TIME_CLAUSE = guarded(r"\b(?:what|which|that|as|(?:after|once|until)(?:\s+the)?)\s+$", re.I)
"""Before a passive agreement, a clause that only refers to it ("what was agreed", "after
the deal was reached, X thanked Y"): the sentence's news is elsewhere."""
LISTED = re.compile(r",\s*(?:such as|including|namely|notably|among them)\b", re.I)
"""After a comma, what introduces the matters themselves ("the issues were agreed, such
as X"), unlike a new clause ("a deal was reached, X said")."""
PENDING = guarded(
    r"\b(?:requires?|required|needs?|needed|awaits?|awaited|awaiting|pending|subject\s+to)"
    r"\s+(?:(?:the|an?|final|formal|further)\s+)*$",
    re.I,
)
"""Before an acceptance noun, what makes it a step still to come ("requires approval by
X", "pending ratification by Y"), not a side's yes."""
