"""Parties' positions: which side demands, rejects, proposes, accepts or wants what.

A position is a stance cue (a verb, a noun or an obligation modal from
``data/stances.yaml``), a holder (see ``holders``) and an object: the words
after the cue, up to the end of the clause, classified into the issue
taxonomy. Ordinary reporting is not a position: an object must name an issue,
or a specific negotiation document for a side to reject, accept or propose.
"""

from __future__ import annotations

from sitegen.extract.article_sides import (
    bystanders,
    contrast_subject,
    first_subject,
    negotiating,
    quoted_sides,
    spans,
)
from sitegen.extract.holders import Holder, SentenceView, Span
from sitegen.extract.issues import Taxonomy, load_taxonomy, mask, party_names
from sitegen.extract.joint_stances import joint_acceptances
from sitegen.extract.not_stances import CONDITIONS_PUT, PAST_OFFICE
from sitegen.extract.provisions import agreement_terms, plan_provisions
from sitegen.extract.stance_conditions import conditions
from sitegen.extract.stance_cues import Cue, find_cues
from sitegen.extract.stance_finder import Finder
from sitegen.extract.stance_words import Lexicon, lexicon
from sitegen.models import Article, PartyRef, PersonRef, PositionRef, QuoteRef, Sentence


def _read(article: Article, lex: Lexicon) -> list[tuple[str, list[Cue]]]:
    """Each sentence's masked text and stance cues, read once for both scans."""
    return [(t, find_cues(t, lex)) for t in (mask(s.text) for s in article.sentences)]


def _scan(
    sentences: list[Sentence],
    read: list[tuple[str, list[Cue]]],
    spans: dict[int, list[Span]],
    quoted: dict[int, Holder],
    taxonomy: Taxonomy,
    sides: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    names: frozenset[str] = frozenset(),
    plans: bool = False,
    mediators: tuple[str, ...] = (),
) -> list[PositionRef]:
    finder = Finder(taxonomy, sides, names)
    finder.mediators = mediators
    found: list[PositionRef] = []
    views: list[SentenceView] = []
    prev: Holder | None = None
    for sentence, (text, cues) in zip(sentences, read, strict=True):
        view = SentenceView(
            sentence.index,
            text,
            spans.get(sentence.index, []),
            prev,
            quoted.get(sentence.index),
        )
        positions, subject = finder.sentence(view, cues)
        found += positions
        stated = conditions(view)
        found += [
            PositionRef(
                party=h.party,
                stance="demands",
                sentence=view.index,
                object=obj,
                person=h.person,
                issue=finder.issue(obj, view.index),
            )
            for h, obj in stated
            if not any(p.party == h.party and p.stance == "demands" for p in positions)
        ]
        views.append(view)
        prev = contrast_subject(view) or subject or first_subject(view)
    if not plans:
        return found
    terms = agreement_terms(views, found, finder.issue, mediators, sides[0])
    terms += joint_acceptances(views, terms, finder.issue, sides[0], lexicon())
    return terms + plan_provisions(views, finder.issue)


def _proposals_end(read: list[tuple[str, list[Cue]]]) -> int:
    """How many sentences the bystanders' reading needs: up to the last with a cue that
    can make a proposal (a "proposes" word or a modal); past it, nothing is kept."""
    may = [any(c.stance == "proposes" or c.kind == "modal" for c in cues) for _, cues in read]
    return max((n + 1 for n, yes in enumerate(may) if yes), default=0)


def find_positions(
    article: Article,
    people: list[PersonRef],
    parties: list[PartyRef],
    taxonomy: Taxonomy | None = None,
    quotes: list[QuoteRef] | None = None,
    negotiators: frozenset[str] = frozenset(),
) -> list[PositionRef]:
    """Find sentences where a party demands, rejects, proposes, accepts or wants something.

    ``quotes`` (with their speakers) say who speaks a quoted "must" or "will not";
    ``negotiators``: the parties the whole briefing sees negotiating (who "both sides"
    are when this article alone does not say).
    """
    tax = taxonomy or load_taxonomy()
    quoted = quoted_sides(quotes or [], people, article.sentences)
    # once the article shows who negotiates, bystanders' stances are not the talks'
    # positions (a side the story keeps coming back to is no bystander, though) and
    # they are not read as anyone's subject; a proposal is a position whoever makes
    # it, as mediators often go unmarked, so a second reading looks for those
    passing = bystanders(parties)
    sides = [p for p in parties if p.id not in passing]
    read = _read(article, lexicon())
    both, marked = negotiating(parties, negotiators)
    both_all = both if marked else both[:2]
    names = party_names(parties)
    mediating = tuple(p.id for p in parties if p.role == "mediator")
    found = _scan(
        article.sentences,
        read,
        spans(people, sides),
        quoted,
        tax,
        (both_all, both_all),  # unmarked, only the two most named are sure to be at the table
        names,
        True,
        mediating,
    )
    end = _proposals_end(read) if passing else 0
    if end:
        found += [
            p
            for p in _scan(article.sentences[:end], read[:end], spans(people, parties), quoted, tax)
            if p.party in passing and p.stance == "proposes"
        ]
    out: list[PositionRef] = []
    seen: set[tuple[str, str, int, str | None]] = set()
    for p in sorted(found, key=lambda p: p.sentence):  # one per party, stance, issue, sentence
        if p.stance == "accepts" and PAST_OFFICE.search(article.sentences[p.sentence].text):
            continue  # "then President X and then leader Y signed": a signing of the past
        if p.stance == "proposes" and CONDITIONS_PUT.match(p.object):
            p.stance = "demands"  # "put forward unacceptable conditions": demands, no offer
        if (p.party, p.stance, p.sentence, p.issue) not in seen:
            seen.add((p.party, p.stance, p.sentence, p.issue))
            out.append(p)
    return out
