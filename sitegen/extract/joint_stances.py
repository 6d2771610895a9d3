"""Acceptances both sides share, written without either side as the subject.

News reports what the two sides agreed in shapes the holder finder does not read as
a side's stance: a joint text as the subject that commits both ("a joint declaration
committing the two nations to X", "The second clause commits both countries to X")
and a plural pronoun for the two delegations ("they had agreed to disengage", after
"the meeting between the commanders"). Each is one ``accepts`` per negotiating side,
as the guideline's "both sides agreed to X".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.extract.holders import SentenceView
from sitegen.extract.stance_cues import clause_object
from sitegen.extract.stance_words import Lexicon
from sitegen.models import PositionRef

_COMMITS = re.compile(
    r"\b(?:declaration|agreement|accord|deal|treaty|pact|statement|communiqu[eé]|clause|"
    r"document|text)\b[^.;]{0,80}?\bcommit(?:s|ted|ting)\s+(?:the\s+two|both)\s+"
    r"(?:[\w-]+\s+)?(?:countries|nations|sides|parties|governments|states|neighbou?rs)\s+to\s+",
    re.IGNORECASE,
)
"""A joint text that commits both sides to the matter after "to"."""
_THEY_AGREED = re.compile(
    r"(?:^|\b(?:where|when|after|and|as|but)\s+|[;,]\s*)[Tt]hey\s+(?:(?:had|have|also|then|"
    r"both|all)\s+)*(?:met\b[^.;]{0,40}?\band\s+(?:had\s+)?)?agreed\s+(?:to|on|upon)\s+"
)
"""The two delegations as "they", who agreed to the matter after the verb (not after
a reporting verb: "Belmar said they agreed" is Belmar's to read)."""


def joint_acceptances(
    views: list[SentenceView],
    found: list[PositionRef],
    issue_of: Callable[[str, int], str | None],
    sides: tuple[str, ...],
    lex: Lexicon,
) -> list[PositionRef]:
    """One ``accepts`` per side of the two at the table for each such sentence in which
    the holder finder found no acceptance; a logistics object (meeting again) is none."""
    if len(sides) != 2:
        return []
    accepted = {p.sentence for p in found if p.stance == "accepts"}
    out: list[PositionRef] = []
    for view in views:
        if view.index in accepted:
            continue
        text = view.text  # most sentences hold neither word: a substring test first
        m = ("ommit" in text and _COMMITS.search(text)) or (
            "agreed" in text and _THEY_AGREED.search(text)
        )
        if not m:
            continue
        obj, _end = clause_object(view.text, m.end())
        if not obj or lex.non_position.match(obj):
            continue
        issue = issue_of(obj, view.index)
        if issue is None:
            continue
        out += [PositionRef(side, "accepts", view.index, obj, issue=issue) for side in sides]
    return out
