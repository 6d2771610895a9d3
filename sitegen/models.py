"""The briefing's data model: plain typed records, no I/O.

Two layers. Per-article records (``Article``, ``Sentence`` and the ``*Ref`` facts of
``ArticleFacts``) come out of ingestion and extraction and refer to sentences by index.
Briefing-level records (``Actor``, ``Party``, ``Quote``, ``Position``, ``StickingPoint``,
``Round``) come out of aggregation and refer to each other by stable slug ids; every
fact carries ``Evidence`` pointing at the sentence it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DateBasis = Literal["dateline", "text", "relative", "editor", "unknown"]
PartyRole = Literal["negotiating-party", "mediator", "host", "other"]
Stance = Literal["demands", "rejects", "proposes", "accepts", "wants"]
SentencePart = Literal["standfirst", "body", "caption"]


@dataclass(slots=True)
class Sentence:
    """One sentence of an article, verbatim from the source text."""

    index: int
    """Position in the article, from 0; the site anchor is ``s{index + 1}``."""
    paragraph: int
    """Index into ``Article.paragraphs`` of the paragraph holding it (into
    ``Article.captions`` for a caption sentence)."""
    text: str
    """The sentence exactly as written (a substring of its paragraph)."""
    part: SentencePart = "body"
    """Standfirst (summary under the headline), body, or a photo caption with its
    credit cut off. Caption sentences come last; they name people (delegation
    photos) but carry no quotes or positions."""

    @property
    def anchor(self) -> str:
        """The HTML id of this sentence on its source page."""
        return f"s{self.index + 1}"


@dataclass(slots=True)
class Article:
    """One raw scraped article after cleaning."""

    id: str
    """Stable id: the file's stem."""
    file: str
    """Path relative to the project folder, with forward slashes."""
    title: str
    """The headline."""
    paragraphs: list[str]
    """Cleaned paragraphs (standfirst first when there is one), furniture removed."""
    sentences: list[Sentence]
    """All sentences of ``paragraphs`` in reading order."""
    standfirst: str | None = None
    """The summary line(s) under the headline, when the article has them."""
    dateline: dt.date | None = None
    """The date from a ``date YYYY-MM-DD`` line at the top, when present."""
    captions: list[str] = field(default_factory=list)
    """Photo captions and credits removed from the text (kept as date evidence)."""
    agency: str | None = None
    """News agency from a credit line such as ``SOURCE:AFP`` or ``/ AA``."""
    outlet: str | None = None
    """Publishing outlet, from an editor sidecar."""
    url: str | None = None
    """Original address, from an editor sidecar."""
    date: dt.date | None = None
    """The day the article reports, once resolved."""
    date_basis: DateBasis = "unknown"
    """How ``date`` was found; never a guess."""
    round: str | None = None
    """Id of the negotiation round the article belongs to."""
    note: str = ""
    """The editor's Markdown note on this article (sidecar body)."""
    sha256: str = ""
    """Hash of the raw file, for the build cache."""


@dataclass(slots=True)
class Evidence:
    """A pointer to the sentence a fact came from."""

    article: str
    """Article id."""
    sentence: int
    """Sentence index within the article."""
    text: str
    """The sentence text, verbatim."""


# --------------------------------------------------------------- per-article facts


@dataclass(slots=True)
class Mention:
    """Where something is named: a span inside one sentence."""

    sentence: int
    """Sentence index within the article."""
    start: int
    """Character offset of the span within the sentence text."""
    end: int
    """End offset (exclusive) within the sentence text."""
    text: str
    """The span as written."""


@dataclass(slots=True)
class PersonRef:
    """A person named in one article, all their mentions in it folded together."""

    key: str
    """Article-local key: the fullest form of the name in this article."""
    name: str
    """Display name, the fullest form as written ("Jane Q. Roe")."""
    aliases: list[str] = field(default_factory=list)
    """Other forms used in the article ("Roe")."""
    roles: list[str] = field(default_factory=list)
    """Role phrases as written ("Ukraine's chief negotiator")."""
    side: str | None = None
    """Party id this person speaks for, when the text says so."""
    side_evidence: int | None = None
    """Sentence index that gave the side."""
    mentions: list[Mention] = field(default_factory=list)
    """Every place the person is named (including pronoun-free surname uses)."""
    companion_of: str | None = None
    """Key of the delegation head they came with ("accompanied by"): the head's side."""


@dataclass(slots=True)
class PartyRef:
    """A country or organisation named in one article."""

    id: str
    """Gazetteer id ("russia", "united-states")."""
    name: str
    """Canonical name ("United States")."""
    role: PartyRole = "other"
    """Role in the talks as this article shows it."""
    mentions: list[Mention] = field(default_factory=list)
    """Each naming, by name, metonym ("the Kremlin") or demonym ("Russian")."""


@dataclass(slots=True)
class QuoteRef:
    """A direct quotation in one article."""

    text: str
    """The words inside the quotation marks."""
    sentence: int
    """Index of the sentence holding the opening mark."""
    speaker: str | None = None
    """A ``PersonRef.key`` or a party id, or None when the text does not say."""
    speaker_kind: Literal["person", "party"] | None = None  # what ``speaker`` refers to
    title: tuple[str, ...] = ()  # a party's speaker named by office only: the office's words


@dataclass(slots=True)
class PositionRef:
    """A party's stance on something, as one sentence states it."""

    party: str
    """Party id."""
    stance: Stance
    """demands, rejects, proposes, accepts or wants."""
    sentence: int
    """Sentence index."""
    object: str
    """What is demanded, rejected, ... as written."""
    person: str | None = None
    """``PersonRef.key`` of the actor who states it, when one is named."""
    issue: str | None = None
    """Sticking-point id (taxonomy id) the object belongs to, when known."""


@dataclass(slots=True)
class IssueRef:
    """An issue on the table named in one sentence; ``contested`` is False when the cue
    only says it is on the table ("talks on X")."""

    issue: str
    """Taxonomy id ("territory"), or a slug of the phrase for a new issue."""
    label: str
    """Plain-words label for a new issue; the taxonomy's label otherwise."""
    sentence: int
    """Sentence index."""
    cue: str
    """Why it was taken: the cue phrase or "opposed-positions"."""
    contested: bool = True


@dataclass(slots=True)
class ArticleFacts:
    """Everything extraction found in one article."""

    article: str
    """Article id."""
    people: list[PersonRef] = field(default_factory=list)
    parties: list[PartyRef] = field(default_factory=list)
    quotes: list[QuoteRef] = field(default_factory=list)
    positions: list[PositionRef] = field(default_factory=list)
    issues: list[IssueRef] = field(default_factory=list)


# --------------------------------------------------------------- briefing level


@dataclass(slots=True)
class Party:
    """A country or organisation taking part, across the briefing."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    """Other names seen: metonyms, abbreviations, demonyms."""
    role: PartyRole = "other"
    articles: list[str] = field(default_factory=list)
    note: str = ""
    """Editor's Markdown note."""


@dataclass(slots=True)
class Actor:
    """One real person, name variants merged across articles."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    side: str | None = None
    """Party id, or None when no article says."""
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    """Sentences that name the person (first mention per article at least)."""
    side_evidence: Evidence | None = None
    """The sentence that gave the side."""
    note: str = ""
    """Editor's Markdown note."""


@dataclass(slots=True)
class Quote:
    """A direct quotation with its speaker."""

    id: str
    article: str
    text: str
    sentence: Evidence
    speaker: str | None = None
    """Actor id or party id, or None."""
    speaker_kind: Literal["actor", "party"] | None = None


@dataclass(slots=True)
class Position:
    """A party's stance on an issue, with the sentence that says so."""

    article: str
    party: str
    stance: Stance
    sentence: Evidence
    object: str
    actor: str | None = None
    issue: str | None = None
    """Sticking-point id."""


@dataclass(slots=True)
class StickingPoint:
    """An issue on the table, once for the whole briefing: ``contested`` when any article
    shows the parties disagree on it; ``rounds``: round id -> contested in that round's
    articles, for each round that names it."""

    id: str
    label: str
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""
    contested: bool = False
    rounds: dict[str, bool] = field(default_factory=dict)


@dataclass(slots=True)
class Membership:
    """One person (``actor``, an actor id) at the table in one round, with its sentences."""

    actor: str
    side: str | None
    """The actor's party id."""
    head: bool = False
    """Reported leading their side's delegation."""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Round:
    """One negotiation meeting at one place, possibly over several days."""

    id: str
    title: str
    location: str | None
    start: dt.date | None
    end: dt.date | None
    articles: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # actor ids
    parties: list[str] = field(default_factory=list)  # party ids
    ordinal: int | None = None
    """1 for the first round of its process, 2 for the next, ..."""
    process: int = 0
    """Which negotiation of the briefing (0, 1, ...): rounds whose parties recur."""
    note: str = ""
    delegations: list[Membership] = field(default_factory=list)
    """Who was at the table, with the sentences that say it (ids in ``participants``)."""


@dataclass(slots=True)
class Note:
    """An editor's Markdown note from ``content/``."""

    path: str
    """Path relative to the project folder."""
    title: str
    body: str
    """Markdown source without front matter."""
    body_line: int
    """Line number in the file where ``body`` starts (for error messages)."""
    about: str | None = None
    """``kind:id`` of what the note is about (``round:...``, ``actor:...``)."""
    date: dt.date | None = None
    draft: bool = False
    about_line: int = 1
    """Line of the ``about`` key in the file (for error messages)."""


@dataclass(slots=True)
class Diagnostic:
    """A problem found in the input: file, line and what to do."""

    file: str
    line: int | None
    message: str
    level: Literal["warning", "error"] = "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    @property
    def stops_build(self) -> bool:
        """An error in what an editor wrote (a note, a sidecar, an actor file, site.yaml,
        a template) fails every build, strict or not: the editor's word must never be
        dropped quietly. Problems in scraped articles only warn (unless --strict)."""
        file = self.file
        by_editor = file.startswith(("content/", "templates/", "site.yaml")) or (
            file.startswith("seeds/") and file.endswith(".md")
        )
        return self.level == "error" and by_editor


@dataclass(slots=True)
class Briefing:
    """The whole structured briefing: what export prints and the site shows."""

    title: str
    description: str
    articles: list[Article] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    sticking_points: list[StickingPoint] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    """Articles this build extracted afresh (not from the cache): after an edit, the
    ones whose pages most surely change."""
    moved: dict[str, str] = field(default_factory=dict)
    """Old ``kind:id`` -> new id of rounds and actors whose ids moved (``sitegen.brief.moved``)."""


@dataclass(slots=True)
class ActorOverride:
    """An editor's word on one actor, from ``content/actors/<slug>.md``."""

    slug: str  # the file's stem; becomes the actor's id
    file: str  # path of the note, for messages
    name: str | None = None  # display name; also a name to match
    aliases: list[str] = field(default_factory=list)
    """Other names that are this same person (merges them)."""
    side: str | None = None  # party id or name; the editor's word wins
    roles: list[str] = field(default_factory=list)
    """Roles to show instead of the machine's (when given)."""
    not_aliases: list[str] = field(default_factory=list)
    """Names the machine merged into this actor that are someone else (splits them)."""
    note: str = ""  # the note's Markdown body
    key_lines: dict[str, int] = field(default_factory=dict)
    """Line of each front-matter key in the file, for messages."""
