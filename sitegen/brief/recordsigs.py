"""Signatures of article records, worked out once per record in a long-lived process.

The gather memory hands ``serve``'s next build the same record objects for every
article that did not change, so what a memo (``actormemo``, ``roundmemo``) reads of
a record need be worked out only when the record is new. A record is known by its
identity, checked against both objects the signature was made from (an id may be
reused once an object is gone), and forgotten when a build no longer hands it out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Signature = tuple[object, ...]
"""What a memo reads of one record, as something ``==`` compares."""

T = TypeVar("T")


class RecordSignatures:
    """Each handed-out record's signature, by the identity of its objects."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[object, object, Signature]] = {}

    def of(
        self,
        items: Sequence[T],
        objects: Callable[[T], tuple[object, object]],
        make: Callable[[T], Signature],
    ) -> list[Signature]:
        """The signature of each item (``make(item)`` unless its two ``objects`` are
        those of a record signed before); records not among ``items`` are forgotten."""
        held: dict[int, tuple[object, object, Signature]] = {}
        out: list[Signature] = []
        for item in items:
            owner, record = objects(item)
            hit = self._held.get(id(record))
            if hit is not None and hit[0] is owner and hit[1] is record:
                signature = hit[2]
            else:
                signature = make(item)
            held[id(record)] = (owner, record, signature)
            out.append(signature)
        self._held = held
        return out
