"""The articles' text digests a long-lived process (``serve``) keeps between builds,
for ``pagecache.PageKeys``: hashing every article's text was a tenth of a rebuild's
page keys, for the one article an edit changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sitegen.models import Article


class TextDigests:
    """Each article's text digest (``PageKeys._text``), kept by a long-lived process
    (``serve``) between builds. Its gather memory hands an unchanged article back as the
    same object holding the same text objects, which no build writes into (that memory
    relies on it too), so the digest made of them last time still holds: a rebuild hashes
    the texts of the articles read afresh only."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple[object, ...], str]] = {}

    def of(self, a: Article, make: Callable[[Article], str]) -> str:
        kept = self._kept.get(a.id)
        if kept is not None:
            was, made = kept
            if (
                was[0] is a
                and was[1] is a.paragraphs
                and was[2] is a.sentences
                and was[3] is a.standfirst
                and was[4] is a.captions
                and was[5] is a.sha256
            ):
                return made
        made = make(a)
        self._kept[a.id] = (
            (a, a.paragraphs, a.sentences, a.standfirst, a.captions, a.sha256),
            made,
        )
        return made

    def keep_only(self, ids: Iterable[str]) -> None:
        """Forget the articles no longer in the briefing."""
        wanted = set(ids)
        if self._kept.keys() - wanted:
            self._kept = {k: v for k, v in self._kept.items() if k in wanted}
