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

import itertools
from datetime import datetime, time, timedelta, timezone, tzinfo

__all__ = ["in_zone", "unambiguous"]

_FIXED: dict[timedelta, timezone] = {}


def in_zone(at: datetime, tz: tzinfo) -> datetime:
    """``at`` (aware) in zone ``tz``, comparable as an instant with any other datetime.
    Raises ``OverflowError`` when its local time is outside the years a datetime holds."""
    return unambiguous(at.astimezone(tz))


def unambiguous(local: datetime) -> datetime:
    """``local`` itself, or — in a repeated hour — the same instant at a fixed offset.

    Whether the local day has a repeated hour at all is remembered per zone and day (a
    dict lookup), so the common time, on a day without a transition, costs no offset
    computation: this runs once per event of a log."""
    zone = local.tzinfo
    days = _FOLD_DAYS.get(zone)
    if days is None:
        days = _FOLD_DAYS[zone] = {}
    day = local.toordinal()
    folds = days.get(day)
    if folds is None:
        folds = days[day] = _day_has_fold(local)
    if not folds:
        return local
    offset = local.utcoffset()
    if offset is None or local.replace(fold=1 - local.fold).utcoffset() == offset:
        return local
    fixed = _FIXED.get(offset)
    if fixed is None:
        fixed = _FIXED[offset] = timezone(offset)
    return local.replace(tzinfo=fixed, fold=0)


_FOLD_DAYS: dict[tzinfo | None, dict[int, bool]] = {}
_SAMPLES = (time(0), time(6), time(12), time(18), time(23, 59, 59, 999_999))


def _day_has_fold(local: datetime) -> bool:
    """Whether ``local``'s day (in its zone) may hold a wall time that happens twice: the
    UTC offset differs between fold 0 and fold 1 at a sample time, or it falls from one
    sample to the next. (A fall-back is a fall of the offset; a day with one that is undone
    within six hours is beyond any zone's history.)"""
    if local.tzinfo is None or isinstance(local.tzinfo, timezone):
        return False
    day = local.date()
    offsets = []
    for moment in _SAMPLES:
        wall = datetime.combine(day, moment, tzinfo=local.tzinfo)
        first, second = wall.utcoffset(), wall.replace(fold=1).utcoffset()
        if first is None or second is None or first != second:
            return True
        offsets.append(first)
    return any(later < earlier for earlier, later in itertools.pairwise(offsets))
