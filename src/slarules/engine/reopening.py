"""What a reopening does to a ticket's clocks beyond resuming them (SPEC §3.8): which tier
changes a resumed clock missed while it stood stopped, and which clocks the undone fix had
started and are owed afresh. Kept apart from ``TicketState`` (clocks.py), which calls them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..events.types import EventRef
from .evidence import REOPEN
from .metric_clock import MetricClock


def changes_since_stop(
    retiers: Sequence[tuple[datetime, EventRef]], clock: MetricClock
) -> list[EventRef]:
    """The ``retiered`` events that changed the ticket's tier while ``clock`` stood stopped
    (at or after its stop, and not already among its events)."""
    stop = clock.stop
    assert stop is not None
    return [ref for at, ref in retiers if at >= stop and ref not in clock.refs]


def owe_again(
    clocks: list[MetricClock],
    undone: set[EventRef | None],
    since: dict[str, datetime],
    at: datetime,
    ref: EventRef,
) -> None:
    """A clock started by the resolution that the reopening (at ``at``, line ``ref``)
    undoes (guangxi's report, "故障排除后3天内") — or by a later event of that resolution's
    kinds (``since``: event name → the resolution) — still running and in time, starts
    afresh at the next such event: the fault is 排除 when it is fixed for good. One already
    stopped (the report came) stays; one past its deadline stays breached (a reopening never
    erases a breach). ``clocks`` is the ticket's list, changed in place."""
    for i, clock in enumerate(clocks):
        if not clock.live:
            continue
        began = since.get(clock.metric.start)
        later = began is not None and clock.start is not None and clock.start >= began
        if clock.start_ref() not in undone and not later:
            continue
        deadline = clock.deadline(at)
        if deadline is None or not clock.past(deadline, at):
            fresh = MetricClock(clock.metric, clock.calendar, clock.pausable)
            fresh.note(ref, REOPEN)
            clocks[i] = fresh
