"""Small HTML pieces every page repeats: citation, actor, party, issue and round
links, stance badges, position rows, quotes, source list items, sentence spans.

They used to be Jinja macros in ``templates/macros.html``; a macro call costs
Jinja many times what a Python call does, and these run tens of thousands of
times on a large site, so they are built here. ``macros.html`` still exports
them under their old names (``{% set cite_link = html.cite_link %}``), so a
project's own ``macros.html`` may define any of them as a macro again.

Each returns ``Markup`` with every value from the briefing escaped, exactly as
the macros wrote them (the output is byte for byte the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from sitegen.models import Article, Evidence, Position, Quote, Round
from sitegen.site.phrasing import Phrase, heading, position_phrase
from sitegen.site.templating import cite_title, format_day, source_label
from sitegen.site.urls import Urls
from sitegen.site.views import Segment, SiteIndex

EXCERPT_TITLE = "The report’s words (the position could not be cut out of them cleanly)"


class HtmlBits:
    """The pieces for one site. What many pages repeat (links to a page, a source's
    list item, what its citations share) is made once per site, not once per use."""

    def __init__(self, site: SiteIndex, urls: Urls, stance_labels: Mapping[str, str]) -> None:
        self.site = site
        self.urls = urls
        self.stance_labels = stance_labels
        self._hrefs: dict[tuple[str, str], str] = {}
        self._links: dict[tuple[str, str | None], Markup] = {}
        self._sources: dict[str, tuple[str, str]] = {}
        self._items: dict[str, Markup] = {}
        self._phrases: dict[tuple[str, str, str], Phrase] = {}
        """A position's phrase depends on these; one position shows on several pages."""

    def _href(self, kind: str, id: str) -> str:
        """The escaped link to a page (ids are slugged once per site, not per use)."""
        key = (kind, id)
        href = self._hrefs.get(key)
        if href is None:
            href = self._hrefs[key] = str(escape(self.urls.href(kind, id)))
        return href

    def cite_link(self, ev: Evidence) -> Markup:
        """'AFP, 24 Jan 2026': a link to the exact sentence a fact came from; its tooltip
        (read as the link's description) is the sentence's start (``cite_title``). The
        report's title is on the page the link opens, not on each of hundreds of links."""
        href, label = self._source(ev.article)
        n = ev.sentence + 1
        return Markup(
            f'<a class="cite" href="{href}#s{n}" title="{escape(cite_title(ev.text))}" '
            f'aria-label="Source: {label}, sentence {n}" data-pagefind-ignore>{label}</a>'
        )

    def cite_brief(self, ev: Evidence) -> Markup:
        """The same link without the sentence's tooltip: for the citations folded under
        "and N more", so a line's weight stays small however many reports repeat it."""
        href, label = self._source(ev.article)
        n = ev.sentence + 1
        return Markup(
            f'<a class="cite" href="{href}#s{n}" aria-label="Source: {label}, sentence {n}" '
            f"data-pagefind-ignore>{label}</a>"
        )

    def _source(self, article_id: str) -> tuple[str, str]:
        """What every citation of one source repeats: its link and label (made once)."""
        source = self._sources.get(article_id)
        if source is None:
            art = self.site.articles.get(article_id)
            source = self._href("source", article_id), str(escape(source_label(art)))
            self._sources[article_id] = source
        return source

    def actor_link(self, aid: str | None) -> Markup:
        """The actor's name linking to their page; an unknown id as plain text."""
        key = ("actor", aid)
        out = self._links.get(key)
        if out is None:
            actor = self.site.actors.get(aid) if aid is not None else None
            if actor is not None and aid is not None:
                href = self._href("actor", aid)
                out = Markup(f'<a class="actor" href="{href}">{escape(actor.name)}</a>')
            else:
                out = escape(aid)
            self._links[key] = out
        return out

    def party_link(self, pid: str | None) -> Markup:
        """The party's name linking to its page; else the id, or that no side is stated."""
        key = ("party", pid)
        out = self._links.get(key)
        if out is None:
            party = self.site.parties.get(pid) if pid else None
            if party is not None and pid:
                href = self._href("party", pid)
                out = Markup(f'<a class="party" href="{href}">{escape(party.name)}</a>')
            else:
                out = Markup(f'<span class="unknown">{escape(pid or "Side not stated")}</span>')
            self._links[key] = out
        return out

    def issue_link(self, iid: str | None) -> Markup:
        """The sticking point's label linking to its page."""
        key = ("issue", iid)
        out = self._links.get(key)
        if out is None:
            issue = self.site.issues.get(iid) if iid else None
            if issue is not None and iid:
                href = self._href("issue", iid)
                label = escape(heading(issue.label))
                out = Markup(f'<a class="issue" href="{href}">{label}</a>')
            else:
                out = Markup('<span class="unknown">no issue named</span>')
            self._links[key] = out
        return out

    def round_link(self, r: Round) -> Markup:
        href = self._href("round", r.id)
        return Markup(f'<a class="round" href="{href}">{escape(r.title)}</a>')

    def stance(self, value: str) -> Markup:
        label = escape(self.stance_labels.get(value, value))
        return Markup(f'<span class="stance stance-{escape(value)}">{label}</span>')

    def position(self, p: Position, show_party: bool = True, show_issue: bool = False) -> Markup:
        """A party's stance and what it is about, who said so, and the citation."""
        key = (p.object, p.sentence.text, p.stance)
        ph = self._phrases.get(key)
        if ph is None:
            ph = self._phrases[key] = position_phrase(p)
        parts = ['<span class="position">']
        if show_party:
            parts += [self.party_link(p.party), " "]
        parts.append(self.stance(p.stance))
        if ph.excerpt:
            # the report's words, not a quotation: no quotation marks (only words that
            # stood inside quotation marks are shown as quotations)
            parts += [
                f': <span class="excerpt" title="{EXCERPT_TITLE}">',
                escape(ph.text),
                "</span>",
            ]
        else:
            parts += [" ", escape(ph.text)]
        if show_issue and p.issue:
            parts += [' <span class="on">(', self.issue_link(p.issue), ")</span>"]
        if p.actor:
            # who stated it, not a signature: the words are the reporter's
            parts += [' <span class="via">according to ', self.actor_link(p.actor), "</span>"]
        parts += [" ", self.cite_link(p.sentence), "</span>"]
        return Markup("".join(parts))

    def quote(self, q: Quote, show_speaker: bool = True) -> Markup:
        """A quotation with who said it (unless the page is theirs) and the citation."""
        parts = ['<figure class="quote">\n<blockquote><p>“', escape(q.text)]
        parts.append("”</p></blockquote>\n<figcaption>")
        if show_speaker:
            if q.speaker_kind == "actor":
                parts.append(self.actor_link(q.speaker))
            elif q.speaker_kind == "party":
                parts.append(self.party_link(q.speaker))
            else:
                parts.append("Speaker not stated")
            parts.append(", ")
        # the citation names the outlet and the day
        parts += [self.cite_link(q.sentence), "</figcaption>\n</figure>"]
        return Markup("".join(parts))

    def source_item(self, art: Article) -> Markup:
        """A list item for a source: its number, title, date, agency and outlet."""
        out = self._items.get(art.id)
        if out is None:
            parts = [
                f'<li><a href="{self._href("source", art.id)}">{escape(art.title)}</a> ',
                f'<span class="meta">{escape(format_day(art.date))}',
            ]
            if art.agency:
                parts.append(f" · {escape(art.agency)}")
            if art.outlet:
                parts.append(f" · {escape(art.outlet)}")
            parts.append("</span></li>")
            out = self._items[art.id] = Markup("".join(parts))
        return out

    def sentences(self, segments: Iterable[Segment]) -> Markup:
        """A paragraph of a source page: each sentence in a span with its anchor (marked
        when a fact cites it), the text between them as it is."""
        parts: list[str] = []
        for seg in segments:
            if seg.sentence:
                cited = " cited" if seg.cited else ""
                parts.append(
                    f'<span class="sentence{cited}" id="{escape(seg.sentence.anchor)}">'
                    f"{escape(seg.text)}</span>"
                )
            else:
                parts.append(escape(seg.text))
        return Markup("".join(parts))
