"""Aware datetimes that compare as instants, whatever zone they are shown in.

Python compares, subtracts and tests for equality two datetimes of the *same* tzinfo by
their wall clocks, ignoring ``fold``: in the hour a fall-back repeats (America/New_York,
2026-11-01 01:00-01:59), 01:20-05:00 would come before 01:50-04:00, which happened 30
minutes earlier. And an ambiguous time is, by definition (PEP 495), never equal to any
datetime of another zone. :func:`in_zone` gives such a time a fixed UTC offset — its own —
so it compares by instant with every other datetime and prints the same; every other time
keeps the zone, whose wall order is the real order, so the calendar keeps its fast path.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

__all__ = ["in_zone", "unambiguous"]

_FIXED: dict[timedelta, timezone] = {}


def in_zone(at: datetime, tz: tzinfo) -> datetime:
    """``at`` (aware) in zone ``tz``, comparable as an instant with any other datetime.
    Raises ``OverflowError`` when its local time is outside the years a datetime holds."""
    return unambiguous(at.astimezone(tz))


def unambiguous(local: datetime) -> datetime:
    """``local`` itself, or — in a repeated hour — the same instant at a fixed offset."""
    offset = local.utcoffset()
    if offset is None or local.replace(fold=1 - local.fold).utcoffset() == offset:
        return local
    zone = _FIXED.get(offset)
    if zone is None:
        zone = _FIXED[offset] = timezone(offset)
    return local.replace(tzinfo=zone, fold=0)
