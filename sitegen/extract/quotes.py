"""Direct quotations and their speakers.

A quotation is the text between quotation marks, however many sentences it
runs over; a paragraph left open whose successor opens with a new mark goes
on in that paragraph (the news convention for long quotes). Its speaker comes
from a reporting verb in the sentences it sits in (``attribution``), or, for a
sentence that is nothing but a quotation, from the sentence before it ("X
said:" or the previous quotation's speaker). Quotations in headings, titles,
nicknames and short unattributed scare quotes are not speech and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.attribution import MASK, Attributor
from sitegen.extract.quotemarks import MarkSpan, find_mark_spans, opens_with_mark
from sitegen.extract.reporting_words import has_title_cue, vocab
from sitegen.extract.sentence_names import SentenceNames, name_index
from sitegen.extract.speech_refs import Ref, Verb, speaker_key
from sitegen.models import Article, PartyRef, PersonRef, QuoteRef

_HEADING_WORDS = 14
_END_PUNCT = ".!?:;…"


@dataclass(slots=True)
class _Para:
    """One paragraph rebuilt from its sentences, so offsets map back exactly."""

    index: int
    text: str
    starts: list[tuple[int, int]]
    """(sentence index, offset of the sentence in ``text``)."""
    heading: bool

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` and the offset within it."""
        best = self.starts[0]
        for s, o in self.starts:
            if o <= offset:
                best = (s, o)
        return best[0], offset - best[1]


@dataclass(slots=True)
class _Run:
    """One quotation, possibly over several paragraphs."""

    parts: list[tuple[_Para, MarkSpan]]

    def text(self) -> str:
        pieces = []
        for para, span in self.parts:
            a, b = span.inner
            pieces.append(para.text[a:b].strip())
        return " ".join(pieces).rstrip(",").strip()

    def opening(self) -> tuple[int, int]:
        para, span = self.parts[0]
        return para.sentence_at(span.start)

    def closing(self) -> tuple[int, int]:
        para, span = self.parts[-1]
        return para.sentence_at(max(span.end - 1, span.start))

    @property
    def closed(self) -> bool:
        return self.parts[-1][1].closed


def find_quotes(
    article: Article, people: list[PersonRef], parties: list[PartyRef]
) -> list[QuoteRef]:
    """Find direct quotations and their speakers."""
    paras = _paragraphs(article)
    if not paras:
        return []
    runs = _runs(paras)
    if not runs:
        return []
    masked = _masked(article, paras, runs)
    skip = {s for p in paras if p.heading for s, _ in p.starts}
    named = SentenceNames(masked, people, parties, name_index(people, parties))
    roles = {p.key: [r.lower() for r in p.roles] for p in people}
    sides = {p.key: p.side for p in people}
    who = Attributor(masked=masked, named=named, roles=roles, skip=skip, sides=sides)

    out: list[QuoteRef] = []
    prev: tuple[_Run, Ref | None] | None = None
    for run in runs:
        if run.parts[0][0].heading:
            continue
        found = _speaker(run, who, masked, prev, skip)
        prev = (run, found)
        speaker = speaker_key(found)
        text = run.text()
        scare = run.parts[0][1].single and len(text.split()) < 4  # 'coming weeks'
        if (speaker is None or scare) and _not_speech(run, text):
            continue
        out.append(
            QuoteRef(
                text=text,
                sentence=run.opening()[0],
                speaker=speaker.key if speaker else None,
                speaker_kind=speaker.kind if speaker else None,
                title=speaker.title if speaker else (),
            )
        )
    return out


# ------------------------------------------------------------ layout


def _paragraphs(article: Article) -> list[_Para]:
    """Paragraph texts as the sentences' own text joined by single spaces."""
    grouped: dict[int, list[tuple[int, str]]] = {}
    for sent in article.sentences:
        grouped.setdefault(sent.paragraph, []).append((sent.index, sent.text))
    paras: list[_Para] = []
    for p_index in sorted(grouped):
        starts: list[tuple[int, int]] = []
        pieces: list[str] = []
        offset = 0
        for s_index, text in grouped[p_index]:
            starts.append((s_index, offset))
            pieces.append(text)
            offset += len(text) + 1
        text = " ".join(pieces)
        paras.append(_Para(p_index, text, starts, _is_heading(text, len(starts))))
    return paras


def _is_heading(text: str, n_sentences: int) -> bool:
    """A crosshead or headline: one short line with no closing punctuation."""
    stripped = text.strip().rstrip("”’\"')]")
    return (
        n_sentences == 1
        and text.lstrip()[:1] not in '"“'  # '"We will not give up," he said' lost its stop
        and len(text.split()) <= _HEADING_WORDS
        and bool(stripped)
        and stripped[-1] not in _END_PUNCT
    )


def _runs(paras: list[_Para]) -> list[_Run]:
    """Every quotation, joining a paragraph left open to one that opens with a mark."""
    runs: list[_Run] = []
    carry: _Run | None = None
    for para in paras:
        spans = find_mark_spans(para.text)
        continues = (
            carry is not None
            and bool(spans)
            and not para.heading
            and opens_with_mark(para.text)
            and not spans[0].single
        )
        if carry is not None and continues:
            carry.parts.append((para, spans[0]))
            spans = spans[1:]
            if not carry.closed:
                continue  # still open at the end of this paragraph too
        carry = None
        for i, span in enumerate(spans):
            run = _Run([(para, span)])
            runs.append(run)
            if not span.closed and i == len(spans) - 1:
                carry = run
    return runs


def _masked(article: Article, paras: list[_Para], runs: list[_Run]) -> list[str]:
    """Each sentence's text with every quotation (marks included) masked out (a
    paragraph with no quotation keeps its sentences' own texts)."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    for run in runs:
        for para, span in run.parts:
            cuts.setdefault(para.index, []).append((span.start, min(span.end, len(para.text))))
    out = [s.text for s in article.sentences]
    for para in paras:
        if para.index not in cuts:
            continue
        pieces: list[str] = []
        done = 0
        for start, end in sorted(cuts[para.index]):
            start = max(start, done)
            if end <= start:
                continue
            pieces += (para.text[done:start], MASK * (end - start))
            done = end
        pieces.append(para.text[done:])
        text = "".join(pieces)
        for s_index, offset in para.starts:
            out[s_index] = text[offset : offset + len(article.sentences[s_index].text)]
    return out


# ------------------------------------------------------------ speakers


def _speaker(
    run: _Run,
    who: Attributor,
    masked: list[str],
    prev: tuple[_Run, Ref | None] | None,
    skip: set[int],
) -> Ref | None:
    """The speaker: a verb before the quotation, else one after, else the context."""
    s_open, at_open = run.opening()
    s_close, at_close = run.closing()
    for s in range(s_open, s_close + 1):
        who.verbs(s)  # resolve in reading order so pronouns find their antecedents
    before = [(v, r) for v, r in who.verbs(s_open) if v.end <= at_open]
    after = [(v, r) for v, r in who.verbs(s_close) if v.start > at_close]
    if masked[s_open][:at_open].rstrip().endswith(":") and all(r is None for _, r in before):
        return who.clause_subject(s_open, at_open)  # "X backed him: '...'"
    if before or after:
        if before:
            found = _before(before, after, masked[s_open])
        else:
            found = next((r for _, r in after if r is not None), None)  # "X said, citing Y"
        if found is None and after and all(v.kind == "according" and r is None for v, r in after):
            return who.clause_subject(s_open, at_open)  # "X is '...', according to state media"
        return found
    if not all(_only_quote(masked[s]) for s in range(s_open, s_close + 1)):
        return _statement_goes_on(who, s_open, s_close, skip)
    t = s_open - 1
    if t < 0 or t in skip:
        return None
    if prev is not None and prev[1] is not None and prev[0].closing()[0] in (t, s_open):
        return prev[1]
    # quote, one sentence of paraphrase naming nobody else, quote: the same speaker
    if (
        prev is not None
        and prev[1] is not None
        and prev[1].kind == "person"
        and prev[0].closing()[0] == t - 1
        and t - 1 not in skip
        and _paraphrase(who, t)
    ):
        return prev[1]
    verbs = who.verbs(t)
    if verbs and (masked[t].rstrip().endswith(":") or verbs[-1][1] is not None):
        return verbs[-1][1]  # "X said:" or "X said ..." followed by the quotation alone
    return None


def _before(
    before: list[tuple[Verb, Ref | None]], after: list[tuple[Verb, Ref | None]], masked: str
) -> Ref | None:
    """The speaker from the verbs before a quotation (and the one after it).

    A sentence framed by "According to X," is X's; a quotation that is the object
    of a verb of agreeing or welcoming, followed by "he said", is the sayer's; a
    verb nested in another's clause ("X said, adding that A and B agreed to '...'")
    gives way to the outer speaker when its own subject is nobody we know.
    """
    first_verb, first_ref = before[0]
    if (
        first_verb.kind == "according"
        and first_ref is not None
        and not masked[: first_verb.start].strip()
    ):
        return first_ref
    plain = [(v, r) for v, r in before if v.word not in vocab().ambiguous]
    cands = plain or before
    last_verb, last_ref = cands[-1]
    if after and after[0][1] is not None and last_verb.word not in vocab().speech:
        return after[0][1]
    if last_ref is not None:
        return last_ref
    return next((r for _, r in reversed(cands) if r is not None), None)


_IN_A_STATEMENT = re.compile(
    r"\s+in\s+(?:a|an|its|their|his|her)\s+(?:written\s+|joint\s+)?(?:statement|release|readout)\b"
)


def _statement_goes_on(who: Attributor, s_open: int, s_close: int, skip: set[int]) -> Ref | None:
    """'..., the ministry said in a statement. X and Y "exchanged views ..."': a sentence
    with no reporting verb right after a statement's attribution goes on quoting it."""
    t = s_open - 1
    if t < 0 or t in skip or any(who.verbs(s) for s in range(s_open, s_close + 1)):
        return None
    spoken = who.verbs(t)
    if not spoken or spoken[-1][1] is None:
        return None
    verb, ref = spoken[-1]
    return ref if _IN_A_STATEMENT.match(who.masked[t], verb.end) else None


_SUBJECT_REACH = 30
"""A party named this near a sentence's start is its subject, not the speaker's topic."""


def _paraphrase(who: Attributor, t: int) -> bool:
    """A sentence with no reporting verb, no quotation, no person named and no party
    as its subject: the last speaker's words told in the writer's (wire copy's "quote,
    paraphrase, quote"); "The RSF controls ..." is a fact of its own."""
    if who.verbs(t) or MASK in who.masked[t]:
        return False
    named = [n for n in who.named[t] if n.ref is not None]
    return not any(n.ref.kind == "person" or n.start < _SUBJECT_REACH for n in named if n.ref)


def _only_quote(masked: str) -> bool:
    """Whether a sentence holds nothing but quotation and punctuation."""
    return not any(c.isalnum() for c in masked)


def _not_speech(run: _Run, text: str) -> bool:
    """Unattributed quotations that are scare quotes, titles, names or stray marks."""
    if not run.closed or len(text.split()) < 4:
        return True
    para, span = run.parts[0]
    if has_title_cue(para.text, span.start):
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) >= 4]
    return len(words) >= 2 and all(w[0].isupper() for w in words)
