"""Periods counted in days, workdays and months: the Civil Code's conventions (articles
200-204) and the ``plain`` counting, on a calendar's year table.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta

from slarules.calendar.conversions import (
    _DAY,
    _EPOCH_ORDINAL,
    _check_count,
    _check_instant,
    _to_us,
)
from slarules.calendar.months import add_months_to_date
from slarules.calendar.yeartable import YearTable


class DayCounts(YearTable):
    """:class:`YearTable` with the day counts of :class:`~slarules.calendar.Calendar`."""

    # -- periods counted in days (Civil Code of the PRC, articles 200-204) ------------------

    def add_workdays(self, t: datetime, n: int, *, close_of_business: bool = False) -> datetime:
        """End of the ``n``-th working day after the day of ``t`` (that day is not counted).

        The period ends at 24:00 local time, returned as 00:00 of the following day, or at
        the end of that day's last working interval with ``close_of_business=True``.
        """
        start = self._start_day("t", t)
        _check_count("n", n)
        self._ensure_years(start.year, start.year)
        k = bisect_right(self._workdays, start.toordinal()) + n - 1
        while k >= len(self._workdays):
            self._extend_forward()
        last = date.fromordinal(self._workdays[k])
        if self._counting == "plain" and not close_of_business:
            return self._same_time_on(last, t)
        return self._end_of(last, close_of_business)

    def add_days(self, t: datetime, n: int, *, close_of_business: bool = False) -> datetime:
        """End of the ``n``-th calendar day after the day of ``t``, moved to a working day.

        Civil Code art. 201 and 203: the start day is not counted, and a last day that is a
        rest day or holiday gives way to the next working day.  Ends at 24:00 local (00:00 of
        the following day) or, with ``close_of_business=True``, at the end of working hours.
        """
        last = self._start_day("t", t) + timedelta(days=_check_count("n", n))
        if self._counting == "plain":
            return self._plain_end(last, t, close_of_business)
        return self._end_of(self._first_workday_from(last), close_of_business)

    def add_months(self, t: datetime, n: int, *, close_of_business: bool = False) -> datetime:
        """End of the corresponding date ``n`` months after the day of ``t`` (art. 202).

        Without a corresponding date (31 January plus one month) the month's last day is the
        last day; a rest day then gives way to the next working day, as in :meth:`add_days`.
        """
        last = add_months_to_date(self._start_day("t", t), _check_count("n", n))
        if self._counting == "plain":
            return self._plain_end(last, t, close_of_business)
        return self._end_of(self._first_workday_from(last), close_of_business)

    def days_after(self, a: datetime, b: datetime, *, workdays: bool) -> int:
        """How many (working) days come after the day of ``a`` up to and including the day
        of ``b`` (0 when ``b``'s day is not after ``a``'s): the days of a period counted in
        days that ``[a, b]`` uses, the day of ``a`` not counted (art. 201)."""
        first, last = self._start_day("a", a), self._start_day("b", b)
        if last <= first:
            return 0
        if not workdays:
            return (last - first).days
        self._ensure_years(first.year, last.year)
        ordinals = self._workdays
        return bisect_right(ordinals, last.toordinal()) - bisect_right(ordinals, first.toordinal())

    def end_of_first_workday(self, t: datetime, *, close_of_business: bool = False) -> datetime:
        """24:00 (or close of business) of the first working day from the day of ``t``:
        where a period counted in days with no day left ends (art. 203)."""
        day = self._first_workday_from(self._start_day("t", t))
        return self._end_of(day, close_of_business)

    def end_of_day(self, day: date) -> datetime:
        """24:00 local of ``day`` (00:00 of the next day): where a due time counted in whole
        days ends under ``plain`` counting (engine/deliverables.py)."""
        return self._end_of(day, False)

    def _plain_end(self, day: date, t: datetime, close_of_business: bool) -> datetime:
        """``plain`` counting: the same time of day as ``t`` on ``day`` (not moved off a
        rest day), or ``day``'s close of business with ``close_of_business``."""
        if close_of_business:
            return self._end_of(day, True)
        return self._same_time_on(day, t)

    def _same_time_on(self, day: date, t: datetime) -> datetime:
        """The local wall time of ``t`` on ``day`` (a time a DST change skips: the instant
        the clocks jump, as for working hours)."""
        local = self._out(_to_us(_check_instant("t", t)))
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        return self._out(self._local_us(day, seconds) + local.microsecond)

    def _start_day(self, name: str, t: datetime) -> date:
        if type(t) is datetime and t.tzinfo is self._tz:
            return t.date()  # already local: its wall date is the local date
        return self._local_date(_to_us(_check_instant(name, t)))

    def _first_workday_from(self, day: date) -> date:
        self._ensure_years(day.year, day.year)
        while (k := bisect_left(self._workdays, day.toordinal())) >= len(self._workdays):
            self._extend_forward()
        return date.fromordinal(self._workdays[k])

    def _end_of(self, day: date, close_of_business: bool) -> datetime:
        """24:00 of ``day``, or the end of its last working interval."""
        hours = self.day_hours(day) if close_of_business and not self.is_24x7 else ()
        fast = self._fast
        wall_day = day.toordinal() - _EPOCH_ORDINAL
        if wall_day in fast.days:  # a steady day: wall-clock arithmetic is exact
            end = timedelta(days=wall_day, seconds=hours[-1][1] if hours else 86_400)
            return fast.epoch + end
        if hours:
            return self._out(self._local_us(day, hours[-1][1]))
        return self._out(self._local_us(day + _DAY, 0))
