"""The briefing as JSON (schema ``sitegen.briefing/1``): what ``export`` prints
and the site serves at ``data/briefing.json``.

Key order and list order are fixed so two exports of the same input are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
from operator import attrgetter
from typing import Any

import orjson

from sitegen.models import Article, Briefing, Evidence, Sentence

SCHEMA = "sitegen.briefing/1"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _cite(ev: Evidence) -> dict[str, Any]:
    return {"article": ev.article, "sentence": ev.text, "sentence_index": ev.sentence}


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "file": a.file,
        "title": a.title,
        "date": _day(a.date),
        "date_basis": a.date_basis,
        "round": a.round,
        "agency": a.agency,
        "outlet": a.outlet,
        "url": a.url,
        "standfirst": a.standfirst,
        "sentences": [
            {"index": s.index, "paragraph": s.paragraph, "part": s.part, "text": s.text}
            for s in a.sentences
        ],
        "note": a.note or None,
    }


_ARTICLE_FIELDS = attrgetter(
    "id",
    "file",
    "title",
    "date",
    "date_basis",
    "round",
    "agency",
    "outlet",
    "url",
    "standfirst",
    "note",
)
"""What ``_article`` reads of an article but its sentences."""


class ExportParts:
    """Each article's part of the export as written, kept by a long-lived process
    (``serve``) between builds. Its gather memory hands an unchanged article back as the
    same object holding the same sentences, which no build writes into; the part made
    of them last time holds while the fields a build does set (title, date, round, note)
    are as they were. The articles are most of the export's megabytes."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Article, list[Sentence], tuple[object, ...], Any]] = {}

    def of(self, a: Article) -> Any:
        """The article's part as an ``orjson.Fragment`` at its depth in the export."""
        fields = _ARTICLE_FIELDS(a)
        kept = self._kept.get(a.id)
        if kept is not None and kept[0] is a and kept[1] is a.sentences and kept[2] == fields:
            return kept[3]
        text = orjson.dumps(_article(a), option=orjson.OPT_INDENT_2)
        part = orjson.Fragment(text.replace(b"\n", b"\n    "))  # no JSON string holds a raw newline
        self._kept[a.id] = (a, a.sentences, fields, part)
        return part

    def keep_only(self, ids: set[str]) -> None:
        """Forget the articles no longer in the briefing."""
        if self._kept.keys() - ids:
            self._kept = {k: v for k, v in self._kept.items() if k in ids}


def briefing_to_dict(b: Briefing, parts: ExportParts | None = None) -> dict[str, Any]:
    """The export document; every fact carries the sentence it came from. ``parts``:
    the articles' parts, as written, kept between builds (for ``export_bytes`` only)."""
    return {
        "schema": SCHEMA,
        "title": b.title,
        "description": b.description,
        "articles": [_article(a) for a in b.articles]
        if parts is None
        else [parts.of(a) for a in b.articles],
        "rounds": [
            {
                "id": r.id,
                "title": r.title,
                "location": r.location,
                "start": _day(r.start),
                "end": _day(r.end),
                "ordinal": r.ordinal,
                "process": r.process,
                "articles": r.articles,
                "participants": r.participants,
                "delegations": [
                    {
                        "actor": m.actor,
                        "side": m.side,
                        "head": m.head,
                        "evidence": [_cite(e) for e in m.evidence],
                    }
                    for m in r.delegations
                ],
                "parties": r.parties,
            }
            for r in b.rounds
        ],
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "aliases": p.aliases,
                "role": p.role,
                "articles": p.articles,
            }
            for p in b.parties
        ],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "aliases": a.aliases,
                "roles": a.roles,
                "side": a.side,
                "articles": a.articles,
                "evidence": [_cite(e) for e in a.evidence],
                "side_evidence": _cite(a.side_evidence) if a.side_evidence else None,
            }
            for a in b.actors
        ],
        "quotes": [
            {
                "id": q.id,
                "article": q.article,
                "speaker": q.speaker,
                "speaker_kind": q.speaker_kind,
                "text": q.text,
                "sentence": q.sentence.text,
                "sentence_index": q.sentence.sentence,
            }
            for q in b.quotes
        ],
        "sticking_points": [
            {
                "id": s.id,
                "label": s.label,
                "contested": s.contested,
                "rounds": [{"round": r, "contested": c} for r, c in s.rounds.items()],
                "evidence": [_cite(e) for e in s.evidence],
            }
            for s in b.sticking_points
        ],
        "positions": [
            {
                "article": p.article,
                "party": p.party,
                "actor": p.actor,
                "stance": p.stance,
                "issue": p.issue,
                "object": p.object,
                "sentence": p.sentence.text,
                "sentence_index": p.sentence.sentence,
            }
            for p in b.positions
        ],
        "notes": [
            {"path": n.path, "title": n.title, "about": n.about, "date": _day(n.date)}
            for n in b.notes
        ],
    }


def dumps(b: Briefing) -> str:
    """The export as text, ending in a newline (what ``sitegen export`` prints)."""
    return export_bytes(b).decode("utf-8")


def export_bytes(b: Briefing, parts: ExportParts | None = None) -> bytes:
    """The export as UTF-8, ending in a newline: ``json.dumps(..., ensure_ascii=False,
    indent=2)``, byte for byte, written by orjson (with ``indent`` the standard
    library leaves its C encoder aside, and the export is tens of megabytes on a large
    corpus, written on every build: orjson takes a seventh of the time). ``parts``: the
    articles' parts a long-lived process kept from its earlier builds."""
    if parts is not None:
        try:
            doc = briefing_to_dict(b, parts)
            return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:
            pass  # what only the standard library writes: below
        finally:
            parts.keep_only({a.id for a in b.articles})
    return encode(briefing_to_dict(b))


def encode(doc: Any) -> bytes:
    """``doc`` as ``json.dumps(doc, ensure_ascii=False, indent=2) + "\n"`` writes it.

    The export holds only str, int, bool, None, lists and dicts, which orjson writes
    exactly so; anything it refuses (an int past 64 bits) goes to the standard library."""
    try:
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
