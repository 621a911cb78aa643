"""The evidence's tickets in order of ``opened``, sliced by period: held in a sorted list,
or, after a replay that spilled its settled tickets (``engine/ticket_runs.py``), read
from the store at each pass and never held.

The spilled tickets come in opening order, which is the order of ``opened`` (a ticket
takes its place at its ``opened`` event, and events are fed in time order): a period's
tickets are one contiguous run, ties in opening order, as ``sorted`` (stable) gives them
from a tuple. ``opening_facts`` checks that order and gives the excluded tickets (from
the store's columns, without reading a result back); a sequence out of that order is
sorted in memory as before, so the slices are the same either way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from datetime import datetime

from ..evidence import Run, TicketResult, WalkedTickets


class ByOpening:
    """``tickets`` by ``opened`` (see module docstring): ``before`` and ``between`` give a
    list slice, or a :class:`~..evidence.Run` re-read at each pass when ``streamed``."""

    def __init__(self, tickets: Sequence[TicketResult], named: Collection[str]) -> None:
        # ``excluded``: the ids among ``named`` (the tickets the occurrences and deliveries
        # name: what asks whether a ticket is excluded) of the tickets attributed to an
        # excluded cause; not every excluded id (3% of a year's tickets, about 3 MiB held
        # through scoring at 5,000,000 events: docs/performance.md, *Step E*).
        self.excluded: frozenset[str] = frozenset()
        self._stream: WalkedTickets | None = None
        if isinstance(tickets, WalkedTickets):
            in_order, excluded = tickets.opening_facts()
            if in_order:
                self._stream, self.excluded = tickets, excluded.intersection(named)
        self.streamed = self._stream is not None
        self._list: list[TicketResult] = []
        self._keys: list[datetime] = []
        if self._stream is None:
            self._list = sorted(tickets, key=_opened)
            self._keys = [t.opened for t in self._list]
            self.excluded = frozenset(t.ticket for t in self._list if t.excluded).intersection(
                named
            )

    def before(self, end: datetime) -> Sequence[TicketResult]:
        """The tickets opened before ``end``, in order of ``opened``."""
        if self._stream is not None:
            return Run(self._stream, None, end)
        return self._list[: bisect_left(self._keys, end)]

    def between(self, start: datetime, end: datetime) -> Sequence[TicketResult]:
        """The tickets opened at or after ``start`` and before ``end``."""
        if self._stream is not None:
            return Run(self._stream, start, end)
        keys = self._keys
        return self._list[bisect_left(keys, start) : bisect_left(keys, end)]


def _opened(ticket: TicketResult) -> datetime:
    return ticket.opened
