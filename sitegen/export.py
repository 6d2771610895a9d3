"""The briefing as JSON (schema ``sitegen.briefing/1``): what ``export`` prints
and the site serves at ``data/briefing.json``.

Key order and list order are fixed so two exports of the same input are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring
from typing import Any

from sitegen.models import Article, Briefing, Evidence

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


def briefing_to_dict(b: Briefing) -> dict[str, Any]:
    """The export document; every fact carries the sentence it came from."""
    return {
        "schema": SCHEMA,
        "title": b.title,
        "description": b.description,
        "articles": [_article(a) for a in b.articles],
        "rounds": [
            {
                "id": r.id,
                "title": r.title,
                "location": r.location,
                "start": _day(r.start),
                "end": _day(r.end),
                "ordinal": r.ordinal,
                "articles": r.articles,
                "participants": r.participants,
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
            {"id": s.id, "label": s.label, "evidence": [_cite(e) for e in s.evidence]}
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
    """The export as text, ending in a newline: ``json.dumps(..., ensure_ascii=False,
    indent=2)``, byte for byte, in about half the time (with ``indent``, the
    standard library leaves its C encoder aside; the export is tens of megabytes
    on a large corpus and written on every build)."""
    doc = briefing_to_dict(b)
    out: list[str] = []
    try:
        _encode(doc, "", out)
    except TypeError:  # a value this encoder leaves to the standard library
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    out.append("\n")
    return "".join(out)


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps`` with ``indent=2`` writes it at this depth; raise
    TypeError for anything but str keys and str, int, bool, None, list and dict values
    (exact types: a subclass may serialise otherwise). A plain value inside a list or
    dict is written with its key, in one piece: most of the export is short strings."""
    kind = type(value)
    if kind is dict:
        _encode_dict(value, indent, out)
    elif kind is list:
        _encode_list(value, indent, out)
    else:
        out.append(_scalar(value))


def _encode_dict(value: dict[Any, Any], indent: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = indent + "  "
    sep = ",\n" + inner
    head = "{\n" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise TypeError(key)
        lead = head + encode_basestring(key) + ": "
        kind = type(item)
        if kind is str:
            out.append(lead + encode_basestring(item))
        elif (kind is dict or kind is list) and item:
            out.append(lead)
            _encode(item, inner, out)
        else:
            out.append(lead + _scalar(item))
        head = sep
    out.append("\n" + indent + "}")


def _encode_list(value: list[Any], indent: str, out: list[str]) -> None:
    """``_encode_dict`` without keys. Kept as its own loop: one loop over (key, value)
    pairs from a generator made the whole export 20% slower."""
    if not value:
        out.append("[]")
        return
    inner = indent + "  "
    sep = ",\n" + inner
    head = "[\n" + inner
    for item in value:
        kind = type(item)
        if kind is str:
            out.append(head + encode_basestring(item))
        elif (kind is dict or kind is list) and item:
            out.append(head)
            _encode(item, inner, out)
        else:
            out.append(head + _scalar(item))
        head = sep
    out.append("\n" + indent + "]")


def _scalar(value: Any) -> str:
    """A str, int, bool or None as JSON; an empty list or dict as ``[]`` or ``{}``."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is list and not value:
        return "[]"
    if kind is dict and not value:
        return "{}"
    raise TypeError(kind)
