"""Business-time calendar: working hours, China's holidays and 调休, and Civil Code day counts.

A :class:`Calendar` answers the questions an SLA clock asks: when does a ticket's clock start
(:meth:`Calendar.next_working`), when is a duration of working time used up
(:meth:`Calendar.add`), how much working time lies between two instants
(:meth:`Calendar.elapsed`), and when does a period counted in days, workdays or months end
(:meth:`Calendar.add_days`, :meth:`Calendar.add_workdays`, :meth:`Calendar.add_months`).

Speed comes from the data layout, not from caching answers: working intervals are
materialised once per local year as sorted epoch-microsecond arrays with cumulative working
time, extended lazily (in both directions) as queries reach new years.  Every query is then
a ``bisect`` plus integer arithmetic, whatever the duration.  ``24x7`` is plain arithmetic.

All internal arithmetic is in integer microseconds, so ``elapsed(t, add(t, d)) == d`` holds
exactly.  Local working hours are wall-clock hours in the calendar's timezone, so a 09:00-17:00
day is 09:00-17:00 on a daylight-saving change day too; working time is real elapsed time.

The per-query cost is CPython's, not the algorithm's: converting an aware datetime to epoch
microseconds costs ~0.4 µs (datetime arithmetic across two zones calls ``utcoffset`` twice
through a slow path), and back again more.  So a second index serves the common case, an
instant already in the calendar's zone on a day whose UTC offset does not change (every day
of Asia/Shanghai since 1991, all but two days a year elsewhere): there, ``t - epoch`` in the
same zone is plain wall-clock arithmetic (no ``utcoffset`` call), wall-clock differences are
real differences, and the answer is built as ``local interval start + timedelta``.  Every
other instant (another zone, a DST change day, a year not laid out yet) takes the general
path, which the fast one must agree with to the microsecond (tests/calendar check both).
"""

from __future__ import annotations

from slarules.calendar.conversions import MAX_YEAR, MIN_YEAR
from slarules.calendar.countries import COUNTINGS
from slarules.calendar.months import add_months_to_date
from slarules.calendar.working import Calendar

__all__ = ["COUNTINGS", "MAX_YEAR", "MIN_YEAR", "Calendar", "add_months_to_date"]
