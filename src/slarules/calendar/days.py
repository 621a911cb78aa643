"""The days of a calendar: its identity (hours, holidays, zone, counting) and each day's kind
and working hours, before any year is laid out (:mod:`slarules.calendar.yeartable`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from slarules.calendar.conversions import MAX_YEAR, MIN_YEAR, _dates, _make_zone
from slarules.calendar.countries import COUNTINGS, CountryDaySource, make_day_source
from slarules.calendar.daysource import DayKind
from slarules.calendar.hours import Interval, WeeklySchedule, parse_hours
from slarules.calendar.index import FastIndex
from slarules.calendar.seasons import SeasonalSchedule, seasons_instead_of

from ..errors import UsageError, require_text
from ..i18n import _


class DayRules:
    """What a :class:`~slarules.calendar.Calendar` is built from, and what each day is.

    The constructor checks the arguments and sets up the (empty) year table the subclasses
    fill; see :class:`~slarules.calendar.Calendar` for the arguments.
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
        for what, given in (("hours", hours), ("tz", tz), ("counting", counting)):
            require_text(given, what)
        for what, optional in (("holidays", holidays), ("subdiv", subdiv)):
            if optional is not None:
                require_text(optional, what)
        if counting not in COUNTINGS:
            raise UsageError(
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
            raise UsageError(
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

    @property
    def day_data_years(self) -> tuple[int, int]:
        """The first and last year this calendar can answer for: its day source's years
        within the calendar's range (China 1950-2100, Germany from 1991, Japan to 2099);
        the whole range without a day source."""
        if self._source is None:
            return MIN_YEAR, MAX_YEAR
        return max(MIN_YEAR, self._source.first_year), min(MAX_YEAR, self._source.last_year)

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
            raise UsageError(
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
