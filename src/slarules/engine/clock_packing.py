"""A settled clock, packed and unpacked (``engine/clocks.py``: a closed ticket keeps its
result and, per clock, only what the result does not say).

Why apart from ``metric_clock.py``: packing is about keeping a settled ticket small (in
memory and in the spill's records), not about deadlines; the clock's own module stays about
what a clock measures.
"""

from __future__ import annotations

from datetime import datetime

from .. import model as m
from .evidence import TargetResult
from .metric_clock import Left, MetricClock

# A stopped clock's spans, history, floor and ``left`` (see ``pack_clock``), when they are
# not just ``[start, stop]``; its other facts are in its TargetResult.
PackedClock = tuple[
    tuple[tuple[datetime | None, datetime | None], ...],
    tuple[tuple[datetime, datetime], ...],
    tuple[datetime, datetime] | None,
    Left | None,
]


def pack_clock(clock: MetricClock) -> PackedClock | None:
    """What the stopped clock's TargetResult does not say: its spans, history, floor and
    ``left`` (a reopened ticket changed back to a tier needs it), as tuples; None when
    there is nothing to add (never started, or one span from the start to the stop, no
    floor and no tier left: most clocks)."""
    spans, start, stop = clock.spans, clock.start, clock.stop
    if (
        len(spans) == 1
        and spans[0][0] is start
        and spans[0][1] is stop
        and start is not None
        and not clock.history
        and clock.floor is None
        and clock.left is None
    ):
        return None  # most clocks, without comparing datetimes
    floor = None
    if clock.floor is not None and clock.floor_since is not None:
        floor = (clock.floor, clock.floor_since)
    if start is None or (
        not clock.history
        and floor is None
        and clock.left is None
        and len(spans) == 1
        and spans[0][0] == start
        and spans[0][1] == stop
    ):
        return None
    return tuple((a, b) for a, b in spans), tuple(clock.history), floor, clock.left


def unpack_clock(
    clock: MetricClock, packed: PackedClock | None, result: TargetResult, target: m.Target | None
) -> None:
    """Back to the clock ``pack_clock`` and ``result`` describe; ``target`` is its tier's.
    ``clock`` is a fresh one (``MetricClock(metric, calendar, pausable)``)."""
    clock.refs, clock.roles = list(result.events), result.roles
    if result.start is None:
        return
    clock.start, clock.stop, clock.tier = result.start, result.stop, result.tier
    clock.shifts, clock.day_folds = None, None
    clock.downgraded, clock.target = result.met_by_downgrade, target
    clock.agreed = result.agreed
    if packed is None:
        clock.spans = [[result.start, result.stop]]
    else:
        clock.spans = [[a, b] for a, b in packed[0]]
        clock.history = list(packed[1])
        if packed[2] is not None:
            clock.floor, clock.floor_since = packed[2]
        clock.left = packed[3]
