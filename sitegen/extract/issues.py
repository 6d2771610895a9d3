"""Contested issues: the taxonomy, classifying phrases into it, and issue cues.

An issue is contested when the article says so ("a key sticking point is
...", "deadlocked over ...") or when two sides take opposite stances on it.
The taxonomy lives in ``sitegen/data/issues.yaml``; ``site.yaml`` may add or
rename issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sitegen.data import load
from sitegen.extract.issue_background import BATTLE_NEWS, OFF_AGENDA, history
from sitegen.extract.issue_labels import mask, open_label
from sitegen.extract.literals import Sieve, lowered
from sitegen.extract.match_starts import Starts
from sitegen.models import Article, IssueRef, PartyRef, PositionRef

if TYPE_CHECKING:
    from sitegen.config import IssueSpec

_CLAUSE_END = re.compile(
    r";|\s[—–]\s|, (?:while|but|whereas|although|though)\b|\s\((?!\w+\))|[a-z]\.\s+(?=[A-Z])"
)
"""Where a cue's phrase ends; a full stop after a lower-case word is a sentence the
splitter missed (inside a quotation), never part of the phrase."""
_STOP_AFTER = re.compile(
    r",? (?:despite|after|before|since|as|because|according to|amid|said|says|back on track)\b"
    r"|,\s*(?=(?:[\w'-]+\s+){0,8}(?:said|says|told|added|reported)\b)"
)
_DETERMINER = re.compile(r"^(?:the|a|an|whether|how|what|that)\s+", re.IGNORECASE)
_SAYS_THAT = re.compile(r"\b(?:say|says|said|told \w+|that)\s")
_LABEL_CUT = re.compile(r",|\s(?:and|that|which|who|where|in|on|is|are|was|were)\s")
_LOWER = re.compile(r"[a-z]")
TRADED = re.compile(r"\bin (?:exchange|return) for\b[^,;]*,?", re.IGNORECASE)
"""What a side offers back ("in exchange for a ceasefire, X must withdraw"): not the
matter of its demand, which the rest of the object names, but a matter made a condition
the other has not met, so contested."""
_MAX_WORDS = 30
_OPENER = re.compile(r",\s*(?:when|where|which|once|after|before|because|if|unless)\s")
"""A subordinate clause opened after a comma: a passive cue's subject starts in it."""
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_TITLED = re.compile(r"[A-Z][a-z]+ (?:of (?:the )?)?[A-Z][a-z]+")
"""Two capitalised words in a row: a sentence that may name a body in Title Case."""


def _compile(pattern: str) -> re.Pattern[str]:
    # " ?" in the data is an optional space (as after an optional word), not "\s+?"
    spaced = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{spaced})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IssueDef:
    """One issue of the taxonomy, with the patterns that name it."""

    id: str
    label: str
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...] = ()
    logistics: bool = False
    """Date, venue, format or attendance: an issue only when a cue or a stance makes it
    one, never by being named (news names the format of every meeting it reports)."""


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The issues a negotiation can be stuck on, read-only."""

    issues: tuple[IssueDef, ...]
    sieve: Sieve = field(init=False, repr=False, compare=False)
    """Every pattern of every issue, by the words it needs: most phrases name no
    issue, and one scan for those words says so much faster than 171 searches."""
    owners: tuple[tuple[str, bool], ...] = field(init=False, repr=False, compare=False)
    """(issue id, weak) of each pattern of the sieve."""
    logistics: frozenset[str] = field(init=False, repr=False, compare=False)
    """The ids of the logistics issues (asked for every sentence)."""
    starts: tuple[Starts, ...] = field(init=False, repr=False, compare=False)
    """Where each pattern of the sieve can first match (``match_starts``)."""

    def __post_init__(self) -> None:
        patterns: list[re.Pattern[str]] = []
        owners: list[tuple[str, bool]] = []
        for issue in self.issues:
            for weak, group in ((False, issue.strong), (True, issue.weak)):
                patterns += group
                owners += [(issue.id, weak)] * len(group)
        object.__setattr__(self, "sieve", Sieve.of(tuple(patterns)))
        object.__setattr__(self, "owners", tuple(owners))
        object.__setattr__(self, "starts", tuple(Starts.of(p) for p in patterns))
        object.__setattr__(self, "logistics", frozenset(i.id for i in self.issues if i.logistics))

    def label(self, issue_id: str) -> str | None:
        """The plain label of an issue id, or None when it is not in the taxonomy."""
        return next((i.label for i in self.issues if i.id == issue_id), None)

    def _hits(self, text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(first start, issue id) of the issues whose strong, and weak, patterns match."""
        first: tuple[dict[str, int], dict[str, int]] = ({}, {})
        patterns, begin, low = self.sieve.patterns, self.starts, lowered(text)
        for n in self.sieve.candidates_low(text, low):
            m = begin[n].search(patterns[n], text, low)
            if m:
                issue_id, weak = self.owners[n]
                starts = first[weak]
                if issue_id not in starts or m.start() < starts[issue_id]:
                    starts[issue_id] = m.start()
        strong, weak_hits = ([(at, i) for i, at in d.items()] for d in first)
        return sorted(strong), sorted(weak_hits)

    def classify(self, text: str) -> str | None:
        """The issue a phrase is about: the first strong match, else the first weak one."""
        strong, weak = self._hits(mask(text))
        best = strong or weak
        return best[0][1] if best else None

    def named(self, text: str) -> list[str]:
        """The issues a sentence names outright (strong patterns), logistics left out, nor
        those named only inside an institution's name ("the Transitional Government of
        National Unity" is a body, no talk of a unity government)."""
        logistics = self.logistics
        hits = [issue for _, issue in self._hits(text)[0] if issue not in logistics]
        if not hits or not _TITLED.search(text, 1):
            return hits
        plain: set[str] = set()
        low = lowered(text)
        for n in self.sieve.candidates(text):
            issue, weak = self.owners[n]
            if weak or issue in plain or issue not in hits:
                continue
            for m in self.sieve.patterns[n].finditer(text, self.starts[n].first(text, low)):
                words = m.group(0).split()
                if m.start() == 0 or len(words) < 2 or not all(w[:1].isupper() for w in words):
                    plain.add(issue)  # named outside a Title Case name
                    break
        return [issue for issue in hits if issue in plain]

    def classify_all(self, text: str) -> list[str]:
        """Every issue a phrase names, in order (weak ones only when no strong one)."""
        strong, weak = self._hits(mask(text))
        return [issue for _, issue in (strong or weak)]


def _issue_from_data(entry: dict[str, Any]) -> IssueDef:
    return IssueDef(
        id=str(entry["id"]),
        label=str(entry.get("label") or entry["id"]),
        strong=tuple(_compile(p) for p in entry.get("strong", [])),
        weak=tuple(_compile(p) for p in entry.get("weak", [])),
        logistics=bool(entry.get("logistics", False)),
    )


@cache
def _base_taxonomy() -> Taxonomy:
    return Taxonomy(tuple(_issue_from_data(e) for e in load("issues")["issues"]))


def load_taxonomy(extra: list[IssueSpec] | None = None) -> Taxonomy:
    """The data taxonomy, with ``site.yaml`` issues added (same id: renamed and extended)."""
    base = _base_taxonomy()
    if not extra:
        return base
    issues = list(base.issues)
    for spec in extra:
        words = tuple(_compile(re.escape(k)) for k in spec.keywords if k.strip())
        at = next((n for n, i in enumerate(issues) if i.id == spec.id), None)
        if at is None:
            issues.insert(0, IssueDef(spec.id, spec.label or spec.id, words))
        else:
            old = issues[at]
            issues[at] = IssueDef(old.id, spec.label or old.label, words + old.strong, old.weak)
    return Taxonomy(tuple(issues))


def classify(text: str, taxonomy: Taxonomy | None = None) -> str | None:
    """The taxonomy id a phrase is about, or None."""
    return (taxonomy or _base_taxonomy()).classify(text)


# ------------------------------------------------------------------ issue cues


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    side: str
    strong: bool
    contested: bool = True
    """False for an agenda cue: the matter is on the table, not said to be disputed."""


@cache
def _cues() -> tuple[tuple[_Cue, ...], frozenset[str]]:
    data = load("issues")
    cues = tuple(
        _Cue(_compile(c["pattern"]), str(c["side"]), bool(c.get("strong")), key == "cues")
        for key in ("cues", "agenda")
        for c in data[key]
    )
    return cues, frozenset(str(v).lower() for v in data.get("vague", []))


@cache
def _cue_sieve() -> Sieve:
    """The cues by the words they need: most sentences hold none of them."""
    return Sieve.of(tuple(c.pattern for c in _cues()[0]))


@cache
def _cue_starts() -> tuple[Starts, ...]:
    return tuple(Starts.of(c.pattern) for c in _cues()[0])


def _cue_object(text: str, match: re.Match[str], side: str) -> str:
    """The phrase a cue says is contested, cut at the clause around it."""
    if side == "inside":
        return match.group(0)
    if side == "after":
        rest = text[match.end() :]
        if rest.lstrip()[:1] in (",", ";", "."):
            return ""  # "matters that were agreed upon, and ...": the verb's object came first
        cut = [m.start() for m in (_CLAUSE_END.search(rest), _STOP_AFTER.search(rest)) if m]
        rest = rest[: min(cut)] if cut else rest
        words = rest.split()
        if len(words) > _MAX_WORDS:  # the list runs on: its last item, cut short, is dropped
            kept = " ".join(words[:_MAX_WORDS])
            return kept[: max(kept.rfind(","), kept.rfind(";"), 0)]
        return " ".join(words)
    head = text[: match.start()]
    starts = [m.end() for m in _CLAUSE_END.finditer(head)]
    starts += [m.end() for m in _SAYS_THAT.finditer(head)]
    if ", " in head:  # "..., when the annex will be discussed": the clause's own subject
        starts += [m.end() for m in _OPENER.finditer(head)]
    head = head[max(starts, default=0) :]
    return " ".join(head.split()[-30:])


def vague() -> frozenset[str]:
    """Objects too vague to be an issue of their own ("key points")."""
    return _cues()[1]


def party_names(parties: list[PartyRef]) -> frozenset[str]:
    """Every word naming one of the article's parties, lower case: no part of a label."""
    found = {p.name.lower() for p in parties}
    found |= {m.text.lower() for p in parties for m in p.mentions}
    return frozenset(w for n in found for w in [n, *_POSSESSIVE_END.sub("", n).split()])


_POSSESSIVE_END = re.compile(r"['’]s?$")


def _items(phrase: str) -> list[str]:
    """The items of a listed agenda ("A, B and C"; "A; B; C")."""
    parts = _ITEM_BREAK.split(phrase)
    items: list[str] = []
    for n in range(0, len(parts), 2):
        part = parts[n].strip()
        joined = n and parts[n - 1] == " and " and items and " of " in items[-1]
        joined = joined and " and " not in items[-1]
        if joined and re.fullmatch(r"[a-z]+", part):  # "restoration of law and order"
            items[-1] = f"{items[-1]} and {part}"
        elif part:
            items.append(part)
    return items[:6]


_QUESTION = re.compile(r"^(?:whether (?:or not )?(?:to )?|how (?:to |far to |much to )?)", re.I)
"""A disputed question ("whether to cap X", "how to fund Y"): its matter follows."""
_MARKS = " \"“”‘’'"
_ITEM_BREAK = re.compile(r"(;|,\s*(?:and\s+|as well as\s+)?|\s(?:and|as well as)\s)")


def _slug(text: str) -> str:
    return _NON_SLUG.sub("-", text.lower()).strip("-")


_OPPOSED = {"demands", "proposes", "wants", "accepts"}


def _opposed(
    positions: list[PositionRef], taxonomy: Taxonomy, spelt: dict[str, str]
) -> list[IssueRef]:
    """Issues on which one side rejects what another demands, proposes, wants or accepts."""
    found: list[IssueRef] = []
    for issue in sorted({p.issue for p in positions if p.issue}):
        on = [p for p in positions if p.issue == issue]
        against = [p for p in on if p.stance == "rejects"]
        for_ = [p for p in on if p.stance in _OPPOSED]
        pairs = [(a, b) for a in against for b in for_ if a.party != b.party]
        involved = {p.sentence for pair in pairs for p in pair}
        label = taxonomy.label(issue) or spelt.get(issue) or issue.replace("-", " ")
        found += [IssueRef(issue, label, s, "opposed-positions") for s in sorted(involved)]
    return found


def _stance_labels(
    positions: list[PositionRef], tax: Taxonomy, vague: frozenset[str], names: frozenset[str]
) -> dict[str, str]:
    """Issue id -> the text's own label (proper names' capitals kept) of the issues the
    taxonomy does not know that stances name; their ids are slugs of these labels."""
    spelt: dict[str, str] = {}
    for pos in positions:
        if pos.issue and pos.issue not in spelt and tax.label(pos.issue) is None:
            label = open_label(pos.object, vague, names)
            if label and _slug(label) == pos.issue:
                spelt[pos.issue] = label
    return spelt


def _labels(
    phrase: str, strong: bool, tax: Taxonomy, vague: frozenset[str], names: frozenset[str]
) -> list[tuple[str, str]]:
    """(id, label) of each issue a cue's phrase names: the taxonomy's, else (for a cue
    that names issues by itself) the phrase's own words, item by item."""
    ids = tax.classify_all(phrase)
    if ids or not strong:
        return [(i, tax.label(i) or i) for i in ids]
    items = (_QUESTION.sub("", item.strip(_MARKS)) for item in _items(phrase))
    plain = [open_label(item, vague, names) for item in items]
    return [(_slug(p), p) for p in dict.fromkeys(plain) if p]


def find_issues(
    article: Article,
    positions: list[PositionRef],
    taxonomy: Taxonomy | None = None,
    names: frozenset[str] = frozenset(),
) -> list[IssueRef]:
    """Find the issues on the table: named by an agenda or contest cue, or fought over by
    opposed positions. ``names``: the article's party names (never part of a label)."""
    tax = taxonomy or _base_taxonomy()
    cues, vague = _cues()
    found: list[IssueRef] = []
    seen: set[tuple[str, int]] = set()
    sieve = _cue_sieve()
    masked = [mask(s.text) for s in article.sentences]  # read by both passes
    starts = _cue_starts()
    # "have a history of border disputes": background, not these talks (both passes)
    past = history(article.sentences, masked)
    for sentence, text in zip(article.sentences, masked, strict=True):
        if sentence.index in past:
            continue
        low = lowered(text)
        disputed: list[tuple[int, int]] = []  # where a contest cue's phrase lies
        for n in sieve.candidates_low(text, low):
            cue = cues[n]
            for match in starts[n].finditer(cue.pattern, text, low):
                if not cue.contested and match.group(0)[:1].isupper() and match.start() > 2:
                    continue  # "the Agreement on the Path to X": a document's title, its aim
                phrase = _cue_object(text, match, cue.side)
                if cue.contested and cue.side == "after":
                    disputed.append((match.end(), match.end() + len(phrase) + 1))
                # "at odds over issues such as X": listed inside a contest, so contested
                contested = cue.contested or any(a <= match.start() < b for a, b in disputed)
                for issue, label in _labels(phrase, cue.strong, tax, vague, names):
                    if (issue, sentence.index) not in seen:
                        seen.add((issue, sentence.index))
                        ref = IssueRef(issue, label, sentence.index, match.group(0), contested)
                        found.append(ref)
    spelt = _stance_labels(positions, tax, vague, names)
    for ref in _opposed(positions, tax, spelt):
        if (ref.issue, ref.sentence) not in seen:
            seen.add((ref.issue, ref.sentence))
            found.append(ref)
    for pos in positions:  # "demanded that in exchange for a ceasefire, X withdraw"
        traded = (
            TRADED.search(pos.object) if pos.stance == "demands" and " for " in pos.object else None
        )
        given = tax.classify(traded.group(0)) if traded else None
        if given and given != pos.issue and (given, pos.sentence) not in seen:
            seen.add((given, pos.sentence))
            found.append(IssueRef(given, tax.label(given) or given, pos.sentence, "traded"))
    for pos in positions:  # an issue only a stance names: labelled as the text writes it
        if pos.issue in spelt and (pos.issue, pos.sentence) not in seen:
            seen.add((pos.issue, pos.sentence))
            demanded = pos.stance == "demands"  # a condition not yet met: disputed
            found.append(IssueRef(pos.issue, spelt[pos.issue], pos.sentence, "stance", demanded))
    demands = {(p.issue, p.sentence) for p in positions if p.stance == "demands"}
    for sentence, text in zip(article.sentences, masked, strict=True):  # named outright
        if sentence.index in past:
            continue
        if OFF_AGENDA.search(sentence.text) or BATTLE_NEWS.search(sentence.text):
            continue  # "a ceasefire was not on the agenda": named, but not on the table
        for issue in tax.named(text):
            if (issue, sentence.index) not in seen:
                seen.add((issue, sentence.index))
                label = tax.label(issue) or issue
                contest = (issue, sentence.index) in demands
                found.append(IssueRef(issue, label, sentence.index, "named", contest))
    return sorted(found, key=lambda r: (r.sentence, r.issue))
