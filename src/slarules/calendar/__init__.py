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

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from slarules.calendar.countries import COUNTINGS, CountryDaySource, make_day_source
from slarules.calendar.daysource import DayKind
from slarules.calendar.hours import Interval, WeeklySchedule, parse_hours
from slarules.calendar.index import FastIndex, Layout
from slarules.calendar.instants import unambiguous
from slarules.calendar.months import add_months_to_date
from slarules.calendar.seasons import SeasonalSchedule, seasons_instead_of

from ..i18n import _

__all__ = ["COUNTINGS", "MAX_YEAR", "MIN_YEAR", "Calendar", "add_months_to_date"]

MIN_YEAR = 1970
"""First local year a calendar with working hours will lay out."""
MAX_YEAR = 2200
"""Last local year a calendar with working hours will lay out (China data ends at 2100)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A 24x7 calendar's days, laid out only for the fast index (its general path is arithmetic).
_WHOLE_DAY: tuple[Interval, ...] = ((0, 86_400),)
_MICROSECOND = timedelta(microseconds=1)
_DAY = timedelta(days=1)
_ZERO = timedelta(0)


def _to_us(t: datetime) -> int:
    """Microseconds since the Unix epoch; exact, since aware datetimes subtract exactly.
    (Spelled out from the timedelta's fields: a third faster than ``// _MICROSECOND``, and
    every query converts one or two instants.)"""
    delta = t - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _check_instant(name: str, t: object) -> datetime:
    """Reject anything but an aware datetime: a naive timestamp is an error, never a guess."""
    if not isinstance(t, datetime):
        raise TypeError(
            _("{name} must be a timezone-aware datetime (got {t_name})").format(
                name=name, t_name=type(t).__name__
            )
        )
    if t.tzinfo is None or t.tzinfo.utcoffset(t) is None:
        raise ValueError(_("{name} must be timezone-aware (got naive {t})").format(name=name, t=t))
    return t


def _check_count(name: str, n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(
            _("{name} must be an int (got {n_name})").format(name=name, n_name=type(n).__name__)
        )
    if n < 1:
        raise ValueError(
            _("{name} must be at least 1 (got {n}); the start day is never counted").format(
                name=name, n=n
            )
        )
    return n


class Calendar:
    """A timezone, a weekly schedule (or 24×7) and a day source (China's, or none).

    ``hours`` is ``"24x7"`` or e.g. ``"mon-fri 09:00-12:00,13:30-17:30"`` (see
    :mod:`slarules.hours`).  ``holidays`` is ``"CN"`` (statutory holidays off, make-up
    workdays on) or ``None`` (every day follows the weekly schedule).  ``extra_holidays`` are
    off and ``extra_workdays`` work an ordinary weekday's hours; both override the day source.
    ``seasons``: ``(hours, "MM-DD", "MM-DD")`` triples, summer and winter hours given instead
    of ``hours`` (pass ``""``; see :mod:`slarules.seasons`).

    Methods accept only timezone-aware datetimes and return datetimes in ``tz``.
    """

    def __init__(
        self,
        hours: str,
        holidays: str | None = "CN",
        tz: str = "Asia/Shanghai",
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        seasons: Iterable[tuple[str, str, str]] = (),
        subdiv: str | None = None,
        counting: str = "civil",
    ) -> None:
        if counting not in COUNTINGS:
            raise ValueError(
                _("unknown counting {counting!r}: use 'civil' or 'plain'").format(counting=counting)
            )
        self._counting = counting
        self._subdiv = subdiv
        self._seasonal: SeasonalSchedule | None = seasons_instead_of(hours, seasons)
        if self._seasonal is not None:
            hours = self._seasonal.text()
        self._hours = hours
        self._schedule = self._seasonal.schedules[0] if self._seasonal else parse_hours(hours)
        self._holidays = holidays
        self._source = make_day_source(holidays, subdiv)
        self._tz = _make_zone(tz)
        self._extra_holidays = _dates("extra_holidays", extra_holidays)
        self._extra_workdays = _dates("extra_workdays", extra_workdays)
        if both := sorted(self._extra_holidays & self._extra_workdays):
            raise ValueError(
                _("dates both extra holidays and extra workdays: {both}").format(both=both)
            )
        self._years: tuple[int, int] | None = None  # the local years laid out so far
        # Instants (epoch microseconds) surely inside the laid-out years: from a day after
        # their first midnight to a day before their end, a margin no DST shift can cross.
        self._inside: tuple[int, int] = (0, 0)
        self._starts: list[int] = []  # interval starts, epoch microseconds, sorted
        self._ends: list[int] = []  # interval ends, same order
        self._cum: list[int] = [0]  # _cum[i]: working microseconds before interval i
        self._workdays: list[int] = []  # date ordinals of working days, sorted
        # Per interval, its nominal local wall-clock (start, end) in seconds since local
        # 1970-01-01 00:00; per laid-out day, (day number, offset constant all day?, intervals).
        self._walls: list[tuple[int, int]] = []
        self._day_info: list[tuple[int, bool, int]] = []
        self._fast = FastIndex(self._tz)  # rebuilt from the above when they change
        self._stale = False

    # -- identity ---------------------------------------------------------------------------

    @property
    def tz(self) -> ZoneInfo:
        """The timezone whose wall clock the working hours are written in."""
        return self._tz

    @property
    def is_24x7(self) -> bool:
        """True when every instant is working time (holidays do not stop the clock)."""
        return self._schedule.is_24x7

    @property
    def hours(self) -> str:
        """The ``hours`` text the calendar was built from."""
        return self._hours

    @property
    def schedule(self) -> WeeklySchedule:
        """The parsed weekly schedule (a seasonal calendar's first; see :meth:`schedule_on`)."""
        return self._schedule

    @property
    def seasons(self) -> tuple[tuple[str, str, str], ...]:
        """The ``(hours, "MM-DD", "MM-DD")`` seasons of a seasonal calendar; () otherwise."""
        return self._seasonal.seasons if self._seasonal is not None else ()

    def schedule_on(self, day: date) -> WeeklySchedule:
        """The weekly schedule in force on ``day`` (its season's, on a seasonal calendar)."""
        return self._seasonal.for_day(day) if self._seasonal is not None else self._schedule

    @property
    def counting(self) -> str:
        """``civil`` or ``plain`` (see :data:`COUNTINGS`)."""
        return self._counting

    @property
    def source_code(self) -> str:
        """Whose holidays: ``CN``, ``DK``, ``DE-BY`` (a subdivision), or ``none``."""
        if self._source is None:
            return "none"
        return self._source.code if isinstance(self._source, CountryDaySource) else "CN"

    @property
    def data_source(self) -> str:
        """The holiday data version, e.g. ``holidays 0.108``; ``none`` without a day source."""
        return self._source.version if self._source is not None else "none"

    def _key(self) -> tuple[object, ...]:
        return (
            self._schedule if self._seasonal is None else self._seasonal,
            self._holidays,
            self._subdiv,
            self._counting,
            self._tz.key,
            self._extra_holidays,
            self._extra_workdays,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Calendar) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extras = ""
        if self._extra_holidays or self._extra_workdays:
            extras = _(", {count} extra holidays").format(count=len(self._extra_holidays))
            extras += _(", {count} extra workdays").format(count=len(self._extra_workdays))
        return (
            f"Calendar({self._hours!r}, holidays={self._holidays!r}, tz={self._tz.key!r}{extras})"
        )

    def provisional_years(self, start: date, end: date) -> list[int]:
        """Years in ``[start.year, end.year]`` whose State Council schedule is not in the data.

        Evaluation still runs for such years (holidays computed from the statutory rules,
        no 调休); a report must say so.  Without a day source no year is provisional.
        """
        if self._source is None:
            return []
        return [y for y in range(start.year, end.year + 1) if self._source.is_provisional(y)]

    def day_data_digests(self, start: date, end: date) -> dict[int, str]:
        """SHA-256 of the day data (holidays and make-up workdays) of each year in
        ``[start.year, end.year]`` that the day source covers; empty without a day source.

        A report names these so that two replays under different ``holidays`` releases can be
        seen to have used the same days (see :meth:`ChinaDaySource.year_text`).
        """
        if self._source is None:
            return {}
        first = max(start.year, self._source.first_year)
        last = min(end.year, self._source.last_year)
        return {year: self._source.year_digest(year) for year in range(first, last + 1)}

    # -- days -------------------------------------------------------------------------------

    def _kind(self, day: date) -> DayKind:
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError(
                _("{day} is outside the calendar's range {min_year}-{max_year}").format(
                    day=day, min_year=MIN_YEAR, max_year=MAX_YEAR
                )
            )
        if day in self._extra_holidays:
            return DayKind.HOLIDAY
        if day in self._extra_workdays:
            return DayKind.MAKEUP
        return self._source.kind(day) if self._source is not None else DayKind.ORDINARY

    def day_hours(self, day: date) -> tuple[Interval, ...]:
        """Working intervals of ``day`` as local (start, end) seconds after midnight.

        Holidays have none; make-up and extra workdays have an ordinary weekday's hours
        (:meth:`WeeklySchedule.makeup_hours`); other days their weekday's (of their season).
        """
        kind = self._kind(day)
        if kind is DayKind.HOLIDAY and not self.is_24x7:
            return ()
        schedule = self.schedule_on(day)
        if kind is DayKind.MAKEUP:
            return schedule.makeup_hours()
        return schedule.hours_for_weekday(day.weekday())

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` counts as a working day (工作日) for day counts.

        With hours: the day has working hours.  On a 24×7 calendar, which never stops, the
        answer still comes from the day source (Monday to Friday, less holidays, plus make-up
        and extra workdays), so "3 workdays" means the same on both kinds of calendar.
        """
        if not self.is_24x7:
            return bool(self.day_hours(day))
        kind = self._kind(day)
        return kind is DayKind.MAKEUP or (kind is DayKind.ORDINARY and day.weekday() < 5)

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
            raise ValueError(
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
            raise ValueError(
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

    # -- working time -----------------------------------------------------------------------

    def is_working(self, t: datetime) -> bool:
        """Whether ``t`` is working time; intervals include their start, not their end."""
        us = _to_us(_check_instant("t", t))
        if self.is_24x7:
            return True
        self._cover(us)
        i = bisect_right(self._starts, us) - 1
        return i >= 0 and us < self._ends[i]

    def next_working(self, t: datetime) -> datetime:
        """The instant a clock started at ``t`` starts: ``t`` if working, else the next start."""
        us = _to_us(_check_instant("t", t))
        if self.is_24x7:
            return self._out(us)
        self._cover(us)
        i = bisect_right(self._starts, us) - 1
        if i >= 0 and us < self._ends[i]:
            return self._out(us)
        while i + 1 >= len(self._starts):
            self._extend_forward()
        return self._out(self._starts[i + 1])

    def add(self, t: datetime, d: timedelta) -> datetime:
        """The earliest instant by which ``d`` of working time has elapsed after ``t``.

        A clock started outside working time starts at the next working instant, so
        ``add(t, timedelta(0))`` is :meth:`next_working` ``(t)``.  A duration used up exactly
        at the end of an interval returns that end (17:30), not the next morning.  Always
        ``elapsed(t, add(t, d)) == d``.
        """
        # The fast path (see the module docstring), spelled out inline: every call saved
        # here is a tenth of the query.  Anything it does not cover falls through.
        fast = self._fast
        if type(t) is datetime and t.tzinfo is not fast.tz:
            t = _into_zone(t, fast.tz)
        if type(t) is datetime and type(d) is timedelta and t.tzinfo is fast.tz and d > _ZERO:
            wall = t - fast.epoch
            span = fast.days.get(wall.days)
            if span is not None:
                i = bisect_right(fast.starts, wall, span[0], span[1]) - 1
                cum = fast.cum
                target = (fast.base[i] + wall if wall < fast.ends[i] else cum[i]) + d
                k = bisect_left(cum, target, 1) - 1
                if k < len(fast.local):
                    local = fast.local[k]
                    if local is not None:
                        return local + (target - cum[k])
        answer = self._add(t, d)
        if self._stale:
            self._reindex()
        return answer

    def _add(self, t: datetime, d: timedelta) -> datetime:
        """:meth:`add` for any aware datetime, checking its arguments."""
        us = _to_us(_check_instant("t", t))
        if not isinstance(d, timedelta):
            raise TypeError(
                _("d must be a timedelta (got {d_name})").format(d_name=type(d).__name__)
            )
        if d < _ZERO:
            raise ValueError(_("d must not be negative (got {d})").format(d=d))
        if self.is_24x7:
            return self._out(us + d // _MICROSECOND)
        if not d:
            return self.next_working(t)
        self._cover(us)
        target = self._working_before(us) + d // _MICROSECOND
        while (k := bisect_left(self._cum, target, 1)) > len(self._starts):
            self._extend_forward()
        return self._out(self._starts[k - 1] + target - self._cum[k - 1])

    def elapsed(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b)``; zero when ``b`` is not after ``a``."""
        fast = self._fast
        tz = fast.tz
        if type(a) is datetime and a.tzinfo is not tz:
            a = _into_zone(a, tz)
        if type(b) is datetime and b.tzinfo is not tz:
            b = _into_zone(b, tz)
        if type(a) is datetime and type(b) is datetime and a.tzinfo is tz and b.tzinfo is tz:
            wall_a, wall_b = a - fast.epoch, b - fast.epoch
            span_a, span_b = fast.days.get(wall_a.days), fast.days.get(wall_b.days)
            if span_a is not None and span_b is not None:
                if wall_b <= wall_a:  # on steady days, wall-clock order is real order
                    return _ZERO
                starts, ends, base, cum = fast.starts, fast.ends, fast.base, fast.cum
                i = bisect_right(starts, wall_a, span_a[0], span_a[1]) - 1
                j = bisect_right(starts, wall_b, span_b[0], span_b[1]) - 1
                return (base[j] + wall_b if wall_b < ends[j] else cum[j]) - (
                    base[i] + wall_a if wall_a < ends[i] else cum[i]
                )
        answer = self._elapsed(a, b)
        if self._stale:
            self._reindex()
        return answer

    def _elapsed(self, a: datetime, b: datetime) -> timedelta:
        """:meth:`elapsed` for any aware datetimes, checking its arguments."""
        a_us, b_us = _to_us(_check_instant("a", a)), _to_us(_check_instant("b", b))
        if b_us <= a_us:
            return _ZERO
        if self.is_24x7:
            return (b_us - a_us) * _MICROSECOND
        self._cover(a_us, b_us)
        return (self._working_before(b_us) - self._working_before(a_us)) * _MICROSECOND

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


def _into_zone(t: datetime, tz: ZoneInfo) -> datetime:
    """``t`` in the calendar's zone, when it is written with a fixed offset (``+08:00``, as
    parsed from a log; UTC) or another IANA zone: converting once (0.3 µs) lets the query
    take the fast path instead of the general one (5-6 µs). The same instant, so the same
    answer. Anything else (naive, a tzinfo of its own kind) is left for the checks."""
    zone = type(t.tzinfo)
    if zone is not timezone and zone is not ZoneInfo:
        return t
    try:
        return t.astimezone(tz)
    except OverflowError:  # a local time beyond year 9999: the general path says why
        return t


def _dates(name: str, days: Iterable[date]) -> frozenset[date]:
    """Plain dates only: a datetime never equals a date, so it would silently match nothing."""
    result = frozenset(days)
    for day in result:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise TypeError(_("{name} must hold dates (got {day!r})").format(name=name, day=day))
    return result


def _make_zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(
            _("unknown timezone {tz!r} (use an IANA name like 'Asia/Shanghai')").format(tz=tz)
        ) from None
