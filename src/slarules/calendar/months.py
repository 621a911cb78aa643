"""Month arithmetic by the Civil Code of the PRC, art. 202, in one place.

A period of M months from day ``d`` ends on the *corresponding date* M months later; when
that month has no such day (31 January + 1 month), the period ends with the month's last
day. ``add_months_to_date`` gives that end day (``Calendar.add_months``, deliverable due
dates); ``cycle_boundary`` gives the first day *after* a period of contract cycles
(``periods``, the term checks). Both count from the given day, never chained, so cycles do
not drift (31 Jan → 28 Feb → 28 Mar would). dateutil's ``relativedelta(months=M)`` gives
the same end day; the tests use it as the oracle.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["add_months_to_date", "cycle_boundary", "shift_month"]

_DAY = timedelta(days=1)


def shift_month(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, 1)


def add_months_to_date(day: date, months: int) -> date:
    """The corresponding date ``months`` later, or that month's last day (Civil Code art. 202)."""
    first = shift_month(day, months)
    last = shift_month(first, 1) - _DAY
    return first.replace(day=min(day.day, last.day))


def cycle_boundary(anchor: date, months: int) -> date:
    """``anchor + months`` per art. 202, as the first day *after* the period: the
    corresponding date, or the first day of the next month when there is none."""
    end = add_months_to_date(anchor, months)
    return end if end.day == anchor.day else end + _DAY
