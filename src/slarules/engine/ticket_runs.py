"""Every ticket of a spilled replay, read from its store each time it is walked.

A replay whose book spilled its settled tickets to disk (``engine/ticket_book.py``) does
not read them back into one tuple for scoring and the report: ``Tracker.final_evidence``
hands the store over to a :class:`StoredTickets`, a sequence that reads the store's rows
(merged with the few tickets still in memory, by their place in opening order) each time
it is iterated, and keeps none of them. Scoring and the report walk it in passes
(docs/performance.md, *Step B*), so what a replay holds at the end is what they keep of
the tickets (breaches, late targets), not every result.

Opening order is the order of ``opened``: events are fed in time order (an unordered log
is sorted first) and a ticket takes its place at its ``opened`` event. :class:`~.evidence.Run`
relies on it to read one period's tickets, and ``scoring/by_opening.py`` checks it in its
first pass.

A ``StoredTickets`` closes its store when it is closed or collected; pickled (a Dask
worker's evidence), it becomes a plain tuple.
"""

from __future__ import annotations

import heapq
import itertools
import weakref
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..errors import UsageError
from ..i18n import _
from .evidence import TicketResult, WalkedTickets, marked
from .settled import result_at
from .ticket_store import TicketStore, opened_key


class StoredTickets(WalkedTickets):
    """Every ticket's result at ``as_of``, in opening order (see module docstring):
    ``in_memory`` the (place, result) of those the book still held, ``store`` the rest."""

    def __init__(
        self,
        store: TicketStore,
        in_memory: list[tuple[int, TicketResult]],
        as_of: datetime,
    ) -> None:
        self._store = store
        self._in_memory = sorted(in_memory, key=_place)
        self._as_of = as_of
        self._count = len(store) + len(in_memory)
        self._in_order: bool | None = None
        self._closed = weakref.finalize(self, store.close)

    def __iter__(self) -> Iterator[TicketResult]:
        self._check_open()
        as_of = self._as_of
        stored = ((seq, result_at(kept, as_of)) for seq, kept in self._store.tickets())
        for _seq, result in heapq.merge(self._in_memory, stored, key=_place):
            yield result

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def ids(self) -> Iterator[str]:
        """The ids in opening order, from the store's ``ticket`` column."""
        self._check_open()
        in_memory = [(seq, t.ticket) for seq, t in self._in_memory]
        for _seq, ticket in heapq.merge(self._store.ids(), in_memory, key=_place):
            yield ticket

    def opening_facts(self) -> tuple[bool, frozenset[str]]:
        """``WalkedTickets.opening_facts`` from the store's columns: no record is read. The
        excluded ids are read each time, not kept (3% of a year's tickets: ``ByOpening``
        keeps those its evidence names)."""
        excluded = self._store.excluded()
        excluded += [t.ticket for _seq, t in self._in_memory if t.excluded]
        return self.opened_in_order(), frozenset(excluded)

    def opened_in_order(self) -> bool:
        """``WalkedTickets.opened_in_order`` from the store's ``opened`` column, once."""
        if self._in_order is None:
            self._check_open()
            in_memory = [(seq, opened_key(t.opened)) for seq, t in self._in_memory]
            merged = heapq.merge(self._store.opened(), in_memory, key=_place)
            self._in_order = all(a[1] <= b[1] for a, b in itertools.pairwise(merged))
        return self._in_order

    def opened_between(
        self, start: datetime | None, end: datetime | None
    ) -> Iterator[TicketResult]:
        """The tickets opened in [start, end), read from that range of the store's index
        on ``opened`` (the sequence is in that order: ``opening_facts`` says so)."""
        self._check_open()
        return self._between(start, end, marked_only=False)

    def marked_between(
        self, start: datetime | None, end: datetime | None
    ) -> tuple[int, Iterator[TicketResult]]:
        """How many tickets [start, end) has (counted from the index, no record read) and
        its ``marked`` ones: what a period's index reads (``TicketIndex``)."""
        self._check_open()
        low = None if start is None else opened_key(start)
        high = None if end is None else opened_key(end)
        count = self._store.count_between(low, high)
        count += sum(1 for _seq, t in self._in_memory if _opened_in(t, start, end))
        return count, self._between(start, end, marked_only=True)

    def _between(
        self, start: datetime | None, end: datetime | None, marked_only: bool
    ) -> Iterator[TicketResult]:
        low = None if start is None else opened_key(start)
        high = None if end is None else opened_key(end)
        as_of = self._as_of
        stored = (
            (seq, result_at(kept, as_of))
            for seq, kept in self._store.opened_between(low, high, marked_only)
        )
        in_memory = (
            (seq, t)
            for seq, t in self._in_memory
            if _opened_in(t, start, end) and (not marked_only or marked(t))
        )
        for _seq, result in heapq.merge(in_memory, stored, key=_place):
            yield result

    def close(self) -> None:
        """Give the store's disk space back; the sequence cannot be read afterwards."""
        self._closed()

    def _check_open(self) -> None:
        """Reading after ``close`` is the caller's mistake, said in words (a ``UsageError``,
        a ``ValueError`` as reading a closed file is), not SQLite's ``ProgrammingError``."""
        if not self._closed.alive:
            raise UsageError(
                _(
                    "the report's tickets were kept in a temporary file that was closed "
                    "(StoredTickets.close()); keep tuple(report.tickets) before closing it, "
                    "or replay again"
                )
            )


def _opened_in(ticket: TicketResult, start: datetime | None, end: datetime | None) -> bool:
    opened = ticket.opened
    return (start is None or opened >= start) and (end is None or opened < end)


def _place(pair: tuple[int, Any]) -> int:
    place: int = pair[0]
    return place
