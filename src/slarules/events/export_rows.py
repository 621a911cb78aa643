"""The events mapped from an export's rows, with the row each came from.

Apart from ``events/reader.py`` because a subclass of ``list`` cannot be compiled by mypyc
("Inheriting from most builtin types is unimplemented"), and the reader is among the
modules the optional compiled build compiles (docs/performance.md, *The compiled build*).
``slarules.events.reader`` imports it, so ``from slarules.events.reader import ExportRows``
works as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..i18n import _

__all__ = ["ExportRows"]


class ExportRows(list[dict[str, Any]]):
    """Event dicts mapped from the rows of an export (``replay EXPORT --mapping M``): a list
    that also knows the export's path and the row each event came from.

    Why: the events were read from memory, so the report cited them by their number among
    the mapped events (``E6``, ``event 6``) and an auditor could not find the row. Read
    from this list, each event is cited by its export row (``R14``, ``row 14``, and
    ``tickets.csv:14:1`` for an error), as a log's events are by their line. ``rows``
    follows the list: one row per event, non-decreasing among events at the same instant
    (the importer sorts by instant, then row), so ordering by ``(at, row)`` is the list's
    order and the evaluation is the one the written log gives."""

    def __init__(
        self, events: Iterable[dict[str, Any]], path: str, rows: Sequence[int], sha256: str = ""
    ) -> None:
        super().__init__(events)
        if len(rows) != len(self) or any(row < 1 for row in rows):
            raise ValueError(_("ExportRows needs one row number (from 1) per event"))
        self.path = path
        self.rows = tuple(rows)
        self.sha256 = sha256  # of the export file's bytes: the file the report names
