"""A replay split by ticket: each partition settles its own tickets, one reduce scores them.

A ticket's clocks depend only on that ticket's own events, so the tickets of a log can be
replayed apart: partition ``k`` of ``K`` reads the whole log, checks every event, applies
every non-ticket event, and keeps clocks only for the tickets whose id hashes to ``k``
(:func:`partition_of`, a stable hash, the same in every process and on every machine). What
every partition sees alike (the order of the log, repeated ids, the first and last event,
the count, the due times that ticket events start, occurrences, judgements, deliveries) it
computes alike; :func:`merge` takes one copy of that and the tickets of all partitions, in
the order the single replay opened them, and gives the very ``Evidence`` the single replay
gives, so scoring and the report are unchanged and byte-identical.

The seam is one small override of the tracker (``PartitionTracker._take``): a ticket event
of another partition's ticket is not checked against a state this partition does not keep, and
only starts the due times it starts everywhere. A log with a bad event, and a ``lenient``
replay (where a bad ticket event is skipped, which only its own partition would know), are
left to the single replay by the caller (``slarules.scale``), so that diagnostics and
warnings are exactly the single replay's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from attrs import evolve, frozen

from .. import model as m
from ..events.reader import Event, EventSource
from ..events.vocabulary import OTHER_TYPES
from . import _loaded, _Loader, _Unordered, spill
from .evidence import Evidence, TicketResult
from .tracker import Tracker

__all__ = ["Partition", "PartitionTracker", "merge", "partition_of", "replay_partition"]


def partition_of(ticket: str, count: int) -> int:
    """The partition (0 … ``count``-1) of a ticket id: blake2b of its UTF-8, modulo
    ``count``. Never Python's ``hash``, which is salted per process."""
    digest = hashlib.blake2b(ticket.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


class PartitionTracker(Tracker):
    """A tracker that keeps the clocks of the tickets ``owns`` accepts, and nothing of the
    others but what every partition must agree on (ids, order, due times they start)."""

    def __init__(
        self,
        model: m.RuleFile,
        params: Mapping[str, object] | None,
        owns: Callable[[str], bool],
    ) -> None:
        super().__init__(model, params, spill.after)
        self._owns = owns

    def _take(self, event: Event, where: str | Callable[[int], str]) -> None:
        if event.type not in OTHER_TYPES and not self._owns(event.ticket or ""):
            self._deliveries.trigger(event)  # as every partition does, whoever keeps the ticket
        else:
            super()._take(event, where)


@frozen
class Partition:
    """What one partition hands to the reduce: its tickets' results (with the line that
    opened each, to restore the single replay's order), its per-line warnings, and, from
    partition 0 only, the evidence every partition shares."""

    index: int
    tickets: tuple[TicketResult, ...]
    line_warnings: tuple[tuple[int, str], ...]
    shared: Evidence | None
    events_sha256: str
    events_name: str


class _PartitionLoader(_Loader):
    def __init__(
        self,
        model: m.RuleFile,
        source: EventSource,
        params: Mapping[str, object] | None,
        as_of: datetime | None,
        owns: Callable[[str], bool],
    ) -> None:
        super().__init__(model, source, params, as_of, lenient=False)
        self.tracker = PartitionTracker(model, params, owns)


def replay_partition(
    model: m.RuleFile,
    source: EventSource,
    index: int,
    count: int,
    *,
    params: Mapping[str, object] | None = None,
    as_of: datetime | None = None,
) -> Partition:
    """Map: replay ``source`` keeping the tickets of partition ``index`` of ``count``.
    Raises ``RuleError`` on a bad event and ``ValueError`` as ``Tracker.evidence`` does;
    the caller closes ``source``."""

    def owns(ticket: str) -> bool:
        return partition_of(ticket, count) == index

    try:
        loader = _PartitionLoader(model, source, params, as_of, owns)
        tracker = _loaded(loader, loader.stream)
    except _Unordered:
        loader = _PartitionLoader(model, source, params, as_of, owns)
        tracker = _loaded(loader, loader.sorted)
    try:
        evidence = tracker.evidence(as_of)
    finally:
        tracker.release_tickets()  # the evidence has every result: close a spilled book
    return Partition(
        index=index,
        tickets=tuple(evidence.tickets),  # a tuple already: ``evidence`` never streams
        line_warnings=tuple(tracker._warnings),
        shared=evidence if index == 0 else None,
        events_sha256=source.sha256,
        events_name=source.name,
    )


def _opening_order(ticket: TicketResult) -> tuple[datetime, int]:
    """The order the single replay opened tickets in: by time, then by line (a log out of
    time order is fed sorted so, and one in order is fed in line order, which is the same)."""
    return ticket.opened, ticket.events[0].line if ticket.events else 0


def merge(parts: Sequence[Partition]) -> Evidence:
    """Reduce: the single replay's evidence from every partition of one log."""
    first = next(p for p in parts if p.shared is not None)
    shared = first.shared
    assert shared is not None
    # A line warns once (a repeat dropped, an assessor not used), whichever partitions saw it.
    warnings = sorted({w for p in parts for w in p.line_warnings})
    # Partition 0's texts are its line warnings (sorted) followed by the log-wide ones.
    log_wide = shared.warnings[len(first.line_warnings) :]
    tickets = sorted((t for p in parts for t in p.tickets), key=_opening_order)
    # Everything but the tickets and the per-line warnings is partition 0's, field for
    # field (``evolve``: a field added to ``Evidence`` cannot be left behind; the
    # maintenance windows once were, and partitioned availability differed).
    return evolve(
        shared,
        tickets=tuple(tickets),
        warnings=(*(text for _, text in warnings), *log_wide),
    )
