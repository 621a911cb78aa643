"""The evidence texts of a count over occurrences, made as the report reads them.

A line that counts occurrences (``per occurrence of 驻点缺席``) cites one text per
occurrence (``line 812 (id E-7): 2 points``). In a 5,000,000-event log guangxi's one
12-month cycle holds about 36,000 of them, each a ``str`` of about 80 bytes kept by the
line of each sheet that sees it, with the superseded ones' texts beside them: about 7 MiB
of scoring's memory at 5,000,000 events (docs/performance.md, *Step E*). The occurrences
themselves are kept anyway (the evidence holds them, and ``Matched.occurrences`` the ones a
line counted), so an :class:`OccurrenceTexts` keeps only them and which text to make of
each; the texts are made by the same functions, in the language the rule was evaluated
in, whenever the list is read, so the report is the same. Like ``CitedTexts`` it is a
``Texts``: equal to the tuple of its texts, pickled as one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...i18n import _, current_language, use_language
from ...language.literals import decimal_text
from ..evidence import Occurrence
from .results import Texts

OCCURRENCE = "occurrence"
"""One text per occurrence counted (``occurrence_text``)."""
SUPERSEDED = "superseded"
"""One text per (occurrence, the one that superseded it)."""
EXCLUDED_OCCURRENCE = "excluded occurrence"
"""One text per occurrence set aside with its excluded ticket."""
MADE_FROM = 16
"""Lists of at least this many texts are made as they are read; shorter ones are made at
once, a tuple smaller than the object that would make them."""


def occurrence_text(occ: Occurrence) -> str:
    """``line 12 (id E-7) ×2: 3 points (ticket T1)``: where the occurrence is in the log and
    what it says."""
    text = str(occ.event)
    if occ.count != 1:
        text += f" ×{decimal_text(occ.count)}"
    if occ.points is not None:
        text += _(": {points} points").format(points=decimal_text(occ.points))
    if occ.ticket is not None:
        text += _(" (ticket {ticket})").format(ticket=occ.ticket)
    return text


def _text(form: str, item: Any) -> str:
    if form == SUPERSEDED:
        occ, by = item
        return _("{occurrence} superseded by {kind} {event}").format(
            occurrence=occurrence_text(occ), kind=by.kind, event=by.event
        )
    if form == EXCLUDED_OCCURRENCE:
        return _("{occurrence}: ticket excluded").format(occurrence=occurrence_text(item))
    return occurrence_text(item)


def occurrence_texts(items: tuple[Any, ...], form: str) -> Sequence[str]:
    """The texts of ``form`` for ``items`` (occurrences, or for ``SUPERSEDED`` pairs of an
    occurrence and the one that superseded it): made as they are read from ``MADE_FROM``
    on, a tuple made now below it."""
    texts = OccurrenceTexts(items, form)
    return texts if len(items) >= MADE_FROM else tuple(texts)


class OccurrenceTexts(Texts):
    """The texts of ``form`` for ``items``, made in ``language`` each time the list is read
    (module docstring). Holds the items, never the texts."""

    __slots__ = ("_form", "_items", "_language")

    def __init__(self, items: tuple[Any, ...], form: str) -> None:
        # Texts.__init__ is not called: nothing is packed, the slots _blob and _ends stay
        # unset and every method that reads them is replaced here.
        self._items = items
        self._form = form
        self._language = current_language()

    def digest(self) -> bytes:
        """``Texts.digest`` of the texts (made for it: no caller shares these by digest)."""
        return Texts(self).digest()

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._made(self._items[index]))
        return next(self._made((self._items[index],)))  # IndexError as a tuple's

    def __iter__(self) -> Iterator[str]:
        return self._made(self._items)

    def _made(self, items: Sequence[Any]) -> Iterator[str]:
        form, language = self._form, self._language
        for item in items:
            with use_language(language):
                text = _text(form, item)
            yield text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OccurrenceTexts) and other._items is self._items:
            return (self._form, self._language) == (other._form, other._language)
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))
