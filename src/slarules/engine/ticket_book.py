"""Every ticket a tracker has opened: in memory, or past a threshold the settled ones on disk.

The tracker asks its book for a ticket by id (``get``), tells it when one is opened
(``open``) and when one settles (``settle``), and reads every ticket in opening order at
the end (``kept``). A book starts in memory: one dict, id → what is kept of the ticket
(``engine/settled.py``), in opening order, as the tracker always kept them. A book made
with ``spill_after=N`` moves its settled tickets to a :class:`~.ticket_store.TicketStore`
once it holds more than N tickets, and from then on keeps in memory only the tickets that
are open (and a ticket revived by a later event until it settles again), with each one's
place in opening order. The replay (and each partition of a partitioned one) makes its
book with ``spill.after``; the live tracker keeps every ticket in memory, as before.

At the end of a replay, ``hand_over`` gives the store to the evidence
(``Tracker.final_evidence``): scoring and the report read the tickets from it in passes
(``engine/ticket_runs.py``) instead of one tuple of every result, so the replay's peak is
bounded by what they keep (breaches, texts), not by every ticket (docs/performance.md,
*Step B*). ``Tracker.evidence`` (the live tracker's, a partition's) still reads every
result into a tuple.

Both ways give the same tickets in the same order, so the same report bytes:
``tests/engine/test_ticket_store.py`` replays every sample both ways, and the hostile
orders (reopenings after settling, logs out of order, ``as_of`` inside the log).
"""

from __future__ import annotations

import contextlib
import heapq
from collections.abc import Iterator, Mapping
from datetime import datetime

from .clocks import SlaPlan, TicketState
from .settled import Kept, result_at, settled
from .ticket_runs import StoredTickets
from .ticket_store import TicketStore


class _Spill:
    """How many tickets a replay keeps in memory before it spills the settled ones to disk
    (None: never; 0: from the first one, as the tests force it; ``python -m
    benchmarks.probe replay --spill-after N`` measures it). The default, 50,000 tickets
    (about 90 MB of results, 250,000 events of the bench log), leaves a small or
    medium replay in memory at its full speed, and keeps a large one bounded by its open
    tickets and its breaches, for more CPU time past it (docs/performance.md, *The
    spill's CPU cost*)."""

    after: int | None = 50_000

    @contextlib.contextmanager
    def set_to(self, after: int | None) -> Iterator[None]:
        """``after`` for the replays made inside the ``with`` block, then the value before
        it again (the tests replay one log both ways; ``benchmarks.probe`` measures both)."""
        before, self.after = self.after, after
        try:
            yield
        finally:
            self.after = before


spill = _Spill()


class TicketBook:
    """The tickets of one tracker (see module docstring)."""

    def __init__(self, plans: Mapping[str, SlaPlan], spill_after: int | None = None) -> None:
        self._plans = plans
        self._spill_after = spill_after
        # In memory: every ticket. Spilled: the ones not in the store, with their places.
        self._memory: dict[str, Kept] = {}
        self._seq: dict[str, int] = {}
        self._store: TicketStore | None = None
        self._opened = 0

    def __contains__(self, ticket: str) -> bool:
        if ticket in self._memory:
            return True
        return self._store is not None and ticket in self._store

    def get(self, ticket: str) -> Kept | None:
        """What is kept of ``ticket`` (read back from disk and kept in memory again: it is
        about to be checked or changed), or None when it was never opened."""
        kept = self._memory.get(ticket)
        if kept is not None or self._store is None:
            return kept
        found = self._store.take(ticket)
        if found is None:
            return None
        self._seq[ticket], kept = found
        self._memory[ticket] = kept
        return kept

    def __getitem__(self, ticket: str) -> Kept:
        kept = self.get(ticket)
        if kept is None:
            raise KeyError(ticket)
        return kept

    def replace(self, ticket: str, kept: Kept) -> None:
        """``ticket`` (in memory, from ``get``) is kept as ``kept`` from now on."""
        self._memory[ticket] = kept

    def open(self, ticket: str, state: TicketState) -> None:
        if self._store is not None:
            self._seq[ticket] = self._opened
        self._memory[ticket] = state
        self._opened += 1

    def settle(self, ticket: str, state: TicketState) -> None:
        """``state`` (of ``ticket``) is final: keep it compacted, on disk once spilling."""
        kept = settled(state)
        if self._store is None:
            if kept is not None:
                self._memory[ticket] = kept
            if self._spill_after is not None and len(self._memory) > self._spill_after:
                self._start_spilling()
            return
        del self._memory[ticket]
        self._store.put(self._seq.pop(ticket), ticket, kept if kept is not None else state)

    def _start_spilling(self) -> None:
        """Move every settled ticket to a new store; the open ones stay, with their places."""
        store = self._store = TicketStore(self._plans)
        memory, self._memory = self._memory, {}
        for seq, (ticket, kept) in enumerate(memory.items()):
            if isinstance(kept, TicketState) and not kept.final:
                self._memory[ticket] = kept
                self._seq[ticket] = seq
            else:
                store.put(seq, ticket, kept)

    def ids(self) -> Iterator[str]:
        """Every ticket's id, in opening order."""
        if self._store is None:
            yield from self._memory
            return
        in_memory = sorted((seq, ticket) for ticket, seq in self._seq.items())
        for _seq, ticket in heapq.merge(in_memory, self._store.ids()):
            yield ticket

    def kept(self) -> Iterator[Kept]:
        """What is kept of every ticket, in opening order (read from disk as it goes)."""
        if self._store is None:
            yield from self._memory.values()
            return
        memory = self._memory
        in_memory = sorted((seq, memory[ticket]) for ticket, seq in self._seq.items())
        merged = heapq.merge(in_memory, self._store.tickets(), key=lambda pair: pair[0])
        for _seq, kept in merged:
            yield kept

    def hand_over(self, as_of: datetime) -> StoredTickets | None:
        """Every ticket's result at ``as_of`` as a :class:`~.ticket_runs.StoredTickets`
        that owns the store from now on (None when this book never spilled: its tickets
        are read as before). The book is left without its settled tickets: the tracker
        takes no event and answers no question afterwards (``final_evidence``)."""
        store = self._store
        if store is None:
            return None
        memory = self._memory
        in_memory = [(seq, result_at(memory[ticket], as_of)) for ticket, seq in self._seq.items()]
        tickets = StoredTickets(store, in_memory, as_of)
        self._store = None
        self._memory.clear()
        self._seq.clear()
        return tickets

    def close(self) -> None:
        """Forget every ticket and give the disk space back."""
        self._memory.clear()
        self._seq.clear()
        if self._store is not None:
            self._store.close()
            self._store = None
