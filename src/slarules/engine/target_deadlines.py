"""A target's deadline from a start, and how a hole in the clock (a pause, a reopening gap)
moves a deadline: by its working time for a duration, by whole days for N days / N
workdays (SPEC §3.5, docs/language.md §3 clock semantics 2). Pure functions of a calendar;
``MetricClock`` (metric_clock.py) keeps the facts and the folds that resume them.

A moving deadline counted in days is a fold over the holes, ``DayFold``: how many holes it
has taken, the days left, the instant the remaining days count from, and the deadline so
far. Each hole costs two calendar bisections, and a fold resumed where it stopped costs
only the holes that came since, so a clock asked for its deadline at every event stays
linear in its pauses (docs/performance.md, complexity).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .. import model as m
from ..calendar import Calendar

# (holes taken, days left, counted from, deadline); holes taken is -1 once a hole began
# after the deadline: the target was missed, and no later hole moves it.
DayFold = tuple[int, int, datetime, datetime]

_TICK = timedelta(microseconds=1)
_DAY = timedelta(days=1)


def days_late(late: timedelta) -> int:
    """Whole days, rounded up, of a positive delay (docs/language.md §3.6)."""
    return -(-late // _DAY) if late > timedelta(0) else 0


def hole_end(hole: tuple[datetime, datetime]) -> datetime:
    """Where a hole ends: holes are disjoint and in time order, so sorted by it."""
    return hole[1]


def base_deadline(calendar: Calendar, target: m.Target, start: datetime) -> datetime:
    """The deadline of ``target`` for a clock started at ``start``, before any pause."""
    amount = target.amount
    assert amount is not None, "a target agreed per ticket has its amount once agreed"
    if amount.unit is m.Unit.DURATION:
        assert isinstance(amount.value, timedelta)
        return calendar.add(start, amount.value)
    assert isinstance(amount.value, int)
    cob = target.close_of_business
    if amount.unit is m.Unit.WORKDAYS:
        return calendar.add_workdays(start, amount.value, close_of_business=cob)
    return calendar.add_days(start, amount.value, close_of_business=cob)


def shifted_deadline(
    calendar: Calendar, deadline: datetime, holes: list[tuple[datetime, datetime]]
) -> datetime:
    """``deadline`` moved by the working time of every hole that begins before it or at it:
    at its deadline a target is not yet missed (SPEC §3.5), so a pause that starts then
    holds the clock (tests/audit/test_guangxi_gat_2024_r7_oracle.py)."""
    for begin, end in holes:
        if begin > deadline:
            break
        covered = calendar.elapsed(begin, end)
        if covered:
            deadline = calendar.add(deadline, covered)
    return deadline


def counts_whole_days(calendar: Calendar, target: m.Target) -> bool:
    """Whether ``target`` is N days or N workdays counted by the Civil Code (not ``plain``):
    a hole then moves it by whole days (``days_deadline``), not by working time."""
    amount = target.amount
    return (
        amount is not None
        and amount.unit in (m.Unit.DAYS, m.Unit.WORKDAYS)
        and calendar.counting != "plain"
    )


def ends_a_day(calendar: Calendar, target: m.Target, instant: datetime) -> bool:
    """Whether ``instant`` is where a period of ``target``'s days can end: 24:00 of a working
    day, or its close with ``by close``. A tier change's floor that ends a day (``allow
    full``: the target counted from the change; or a deadline the target had) is a count of
    days and moves by whole days; one at a clock time (the change itself, or ``allow D``
    after it) is a grace of working time and moves by working time."""
    last = instant - _TICK
    cob = target.close_of_business
    return calendar.end_of_first_workday(last, close_of_business=cob) == instant


def days_fold(calendar: Calendar, target: m.Target, deadline: datetime, since: datetime) -> DayFold:
    """The fold before any hole for ``deadline``, a deadline of ``target`` whose days count
    from ``since`` (the clock's start, or the tier change that kept it): the target's N days
    when ``deadline`` is the target counted from ``since``; else the (working) days after the
    day of ``since`` up to the day ``deadline`` ends (a deadline the clock had before)."""
    amount = target.amount
    assert amount is not None and isinstance(amount.value, int)
    if deadline == base_deadline(calendar, target, since):
        return 0, amount.value, since, deadline
    workdays = amount.unit is m.Unit.WORKDAYS
    return 0, calendar.days_after(since, deadline - _TICK, workdays=workdays), since, deadline


def fold_days(
    calendar: Calendar,
    target: m.Target,
    fold: DayFold,
    holes: list[tuple[datetime, datetime]],
    stop: int,
) -> DayFold:
    """``fold`` carried over ``holes[taken:stop]``. Why whole days: a period counted in days
    counts whole days (art. 201: the day of the start is not counted, the period ends at
    24:00), and the time between a fix and its reopening does not count (SPEC §3.8). So the
    days used before a hole are those after the day the count began up to the day the hole
    began; the rest are counted again from the day after the hole ends, whose own day is not
    counted, as a report's is not. A hole that begins after the deadline moves nothing; one
    that begins at it holds the clock, as ``shifted_deadline``'s does (at its deadline a
    target is not yet missed, SPEC §3.5), with no day left: due at the end of the day the
    clock ran again (docs/language.md §3, reading of fujian-scjg-2023 12)."""
    taken, left, since, deadline = fold
    amount = target.amount
    assert amount is not None
    workdays, cob = amount.unit is m.Unit.WORKDAYS, target.close_of_business
    add = calendar.add_workdays if workdays else calendar.add_days
    while 0 <= taken < stop:
        begin, end = holes[taken]
        if begin > deadline:
            return -1, left, since, deadline
        left = max(0, left - calendar.days_after(since, begin, workdays=workdays))
        since = end
        if left:
            deadline = add(end, left, close_of_business=cob)
        else:  # stopped on its last day: due at the end of the day it ran again
            deadline = calendar.end_of_first_workday(end, close_of_business=cob)
        taken += 1
    return taken, left, since, deadline


def days_deadline(
    calendar: Calendar, target: m.Target, start: datetime, holes: list[tuple[datetime, datetime]]
) -> datetime:
    """The deadline of N (working) days for a clock started at ``start`` that stopped and ran
    again over ``holes`` (``fold_days`` from the target's own deadline)."""
    amount = target.amount
    assert amount is not None and isinstance(amount.value, int)
    fold = (0, amount.value, start, base_deadline(calendar, target, start))
    return fold_days(calendar, target, fold, holes, len(holes))[3]
