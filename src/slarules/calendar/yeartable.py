"""The year table: a calendar's working intervals laid out once per local year.

Working intervals become sorted epoch-microsecond arrays with running totals of working time
(and the records the fast index is built from), extended lazily in both directions as
queries reach new years (see the :mod:`slarules.calendar` docstring).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, timedelta

from slarules.calendar.conversions import (
    _DAY,
    _EPOCH_ORDINAL,
    _WHOLE_DAY,
    MAX_YEAR,
    MIN_YEAR,
    _to_us,
)
from slarules.calendar.days import DayRules
from slarules.calendar.index import FastIndex, Layout
from slarules.calendar.instants import unambiguous

from ..errors import UsageError
from ..i18n import _


class YearTable(DayRules):
    """:class:`DayRules` with the local years laid out as the queries need them."""

    # -- layout -----------------------------------------------------------------------------

    def _local_us(self, day: date, seconds: int) -> int:
        """Epoch microseconds of local wall time ``day`` + ``seconds`` (86400 is next 00:00).

        An ambiguous time (clocks going back) is its first occurrence.  A time that does not
        exist (clocks going forward) is the instant the clocks jump, the first existing time
        after it, so a schedule boundary inside the gap moves to the end of the gap.
        """
        return self._local_us_plain(day, seconds)[0]

    def _local_us_plain(self, day: date, seconds: int) -> tuple[int, bool]:
        """:meth:`_local_us`, and whether that wall time is plain (neither in a gap nor
        ambiguous), which the fast index needs to know."""
        naive = datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)
        first = _to_us(naive.replace(tzinfo=self._tz))
        second = _to_us(naive.replace(tzinfo=self._tz, fold=1))
        if second == first:
            return first, True
        if second > first:
            return first, False
        return self._transition_us(second, first), False

    def _transition_us(self, before: int, after: int) -> int:
        """The first instant in ``(before, after]`` with ``after``'s UTC offset (a DST jump)."""
        offset = self._out(after).utcoffset()
        while after - before > 1:
            middle = (before + after) // 2
            if self._out(middle).utcoffset() == offset:
                after = middle
            else:
                before = middle
        return after

    def _lay_out(self, first: int, last: int) -> Layout:
        """Intervals, workday ordinals and day records of local years ``first``..``last``.

        A day is *steady* when its midnight, its next midnight and every interval boundary
        are plain local times with one and the same UTC offset: on such a day wall-clock
        arithmetic is real-time arithmetic (tzdata has no two offset changes within one day
        since 1970, so checking these points suffices).
        """
        out = Layout()
        day, stop = date(first, 1, 1), date(last, 12, 31)
        wall_day = day.toordinal() - _EPOCH_ORDINAL
        midnight, steady_midnight = self._local_us_plain(day, 0)
        while day <= stop:
            if self.is_workday(day):
                out.workdays.append(day.toordinal())
            base = wall_day * 86_400
            offset = base * 1_000_000 - midnight  # wall minus UTC, microseconds
            following, steady_following = self._local_us_plain(day + _DAY, 0)
            # Both midnights plain with one offset: no transition inside the day (see the
            # docstring), so every boundary is wall time minus that offset, with no
            # conversion (a cold year's layout is mostly these conversions).
            whole = steady_midnight and steady_following
            whole = whole and following == (base + 86_400) * 1_000_000 - offset
            steady, count = whole, 0
            for start, end in _WHOLE_DAY if self.is_24x7 else self.day_hours(day):
                if whole:
                    start_us = (base + start) * 1_000_000 - offset
                    end_us = (base + end) * 1_000_000 - offset
                else:
                    start_us, plain_start = self._local_us_plain(day, start)
                    end_us, plain_end = self._local_us_plain(day, end)
                    steady = steady and plain_start and plain_end
                    steady = steady and start_us == (base + start) * 1_000_000 - offset
                    steady = steady and end_us == (base + end) * 1_000_000 - offset
                if start_us < end_us:  # an interval inside a DST gap is empty
                    out.starts.append(start_us)
                    out.ends.append(end_us)
                    out.walls.append((base + start, base + end))
                    count += 1
            day += _DAY
            wall_day += 1
            midnight, steady_midnight = following, steady_following
            out.days.append((wall_day - 1, steady, count))
        return out

    def _ensure_years(self, first: int, last: int) -> None:
        """Lay out every local year in ``first``..``last`` not laid out yet."""
        years = self._years
        if years is not None and years[0] <= first <= last <= years[1]:
            return  # laid out already (every day count asks)
        if not MIN_YEAR <= first <= last <= MAX_YEAR:
            raise UsageError(
                _(
                    "years {first}-{last} are outside the calendar's range {min_year}-{max_year}"
                ).format(first=first, last=last, min_year=MIN_YEAR, max_year=MAX_YEAR)
            )
        lo, hi = self._years or (first, first - 1)  # nothing laid out: an empty range
        if first < lo:
            new = self._lay_out(first, lo - 1)
            self._starts, self._ends = new.starts + self._starts, new.ends + self._ends
            self._workdays = new.workdays + self._workdays
            self._walls = new.walls + self._walls
            self._day_info = new.days + self._day_info
            del self._cum[1:]  # every running total shifts: recount them all
            self._accumulate(0)
            self._fast = FastIndex(self._tz)  # off until rebuilt after this query
            lo = first
        if last > hi:
            new = self._lay_out(hi + 1, last)
            done = len(self._starts)
            self._starts += new.starts
            self._ends += new.ends
            self._workdays += new.workdays
            self._walls += new.walls
            self._day_info += new.days
            self._accumulate(done)
            hi = last
        if (lo, hi) != self._years:
            self._stale = True  # indexed after this query (years after: added to the index)
        self._years = (lo, hi)
        day_us = 86_400_000_000
        self._inside = (
            self._local_us(date(lo, 1, 1), 0) + day_us,
            self._local_us(date(hi + 1, 1, 1), 0) - day_us,
        )

    def _accumulate(self, done: int) -> None:
        """Extend ``_cum`` over intervals ``done`` onwards (``_cum`` holds ``done + 1`` items)."""
        total = self._cum[done]
        for start, end in zip(self._starts[done:], self._ends[done:], strict=True):
            total += end - start
            self._cum.append(total)

    def _extend_forward(self) -> None:
        """Lay out one more year after the last one; the only loop a query may run."""
        assert self._years is not None
        if self._years[1] >= MAX_YEAR:
            raise UsageError(
                _("the answer lies beyond {max_year}, the calendar's last year").format(
                    max_year=MAX_YEAR
                )
            )
        self._ensure_years(self._years[0], self._years[1] + 1)

    def _reindex(self) -> None:
        """Bring the fast index up to everything laid out (after the layout grew): years
        laid out after the indexed ones are added to it; after years laid out before them
        (every running total moved) it is rebuilt."""
        if self._fast.empty:
            self._fast = FastIndex(self._tz, self._walls, self._day_info, self._cum, self._starts)
        else:
            self._fast.extend(self._walls, self._day_info, self._cum)
        self._stale = False

    def _local_date(self, us: int) -> date:
        return self._out(us).date()

    def _cover(self, *instants: int) -> None:
        """Lay out the local years of ``instants`` (and every year between them)."""
        lo, hi = self._inside
        if lo <= min(instants) and max(instants) < hi:
            return  # the common case, without converting to local dates
        years = [self._local_date(us).year for us in instants]
        self._ensure_years(min(years), max(years))

    def _working_before(self, us: int) -> int:
        """Working microseconds from the first laid-out year to ``us`` (a running total)."""
        i = bisect_right(self._starts, us) - 1
        if i < 0:
            return 0
        return self._cum[i] + min(us, self._ends[i]) - self._starts[i]

    def _out(self, us: int) -> datetime:
        """The instant ``us`` in the calendar's zone (exact: whole seconds go through
        ``fromtimestamp`` as an int, microseconds are set after)."""
        seconds, micros = divmod(us, 1_000_000)
        out = datetime.fromtimestamp(seconds, self._tz)
        # In a repeated (fall-back) hour: a fixed offset, so it compares as an instant.
        return unambiguous(out.replace(microsecond=micros) if micros else out)
