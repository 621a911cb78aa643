"""China's working-day calendar (statutory holidays and 调休) from the ``holidays`` package.

A day source answers one question per date: is it a holiday, a make-up workday, or an ordinary
day that follows the weekly schedule?  This module keeps every use of the ``holidays`` package
in one place, so a new package version (or a correction) is reviewed here and nowhere else.

Three readings of the package data, each checked by tests in ``tests/calendar``:

* **Holidays** are the dates in ``holidays.country_holidays("CN")`` (statutory days, days off
  moved from a weekend, and observed days) *plus* every weekend day in the same unbroken run
  of rest days.  The State Council notice for 2026 says "2月15日至23日放假调休，共9天": the
  Saturday 21st and Sunday 22nd inside that block are part of the holiday period, even though
  the package lists only the statutory and substituted dates.  This matters only for schedules
  that work weekends (``sat 09:00-12:00``): such a desk is off for the whole block.
* **Make-up workdays** (调休) are weekend dates the package says are worked (its public
  ``is_working_day`` and ``weekend_workdays``), e.g. 2026-02-14 and 2026-02-28.
* **Published years** are the years whose State Council schedule is in the package.  The
  package has no public API for this, so :func:`published_years` reads the one class attribute
  that holds the notices (see its docstring); any other year is *provisional*: its holidays
  are computed from the rules, and its 调休 are unknown.

Where this data and the notices disagree, :data:`OVERRIDES` corrects it, citing the notice.
"""

from __future__ import annotations

import enum
import functools
import hashlib
from collections.abc import Mapping
from datetime import date, timedelta
from importlib import metadata
from typing import Any

import holidays
from holidays.countries.china import ChinaStaticHolidays

from ..errors import UsageError
from ..i18n import N_, _

__all__ = [
    "OVERRIDES",
    "ChinaDaySource",
    "DayKind",
    "china_day_source",
    "day_data_digest",
    "published_years",
]

_HOLIDAYS_VERSION = metadata.version("holidays")

FIRST_NOTICE_YEAR = 2001
"""The first year whose State Council holiday notice the package transcribes."""

# Rest-day runs never exceed a few weeks (the longest, Spring Festival 2020 with its
# extension, is 10 days), so looking this far into the neighbouring years finds every run
# that crosses a year boundary.
_RUN_MARGIN = timedelta(days=31)


class DayKind(enum.Enum):
    """How the day source classifies a date."""

    ORDINARY = "ordinary"
    """Follows the weekly schedule (weekday hours on weekdays, weekend hours if any)."""
    HOLIDAY = "holiday"
    """Statutory holiday period: no working hours, whatever the weekly schedule says."""
    MAKEUP = "makeup"
    """Make-up workday (调休): works an ordinary weekday's hours, even on a weekend."""


OVERRIDES: Mapping[date, DayKind] = {
    # Corrections to the package data, each citing the State Council notice it follows.
    #
    # Empty for holidays 0.108: a day-by-day comparison with the independent
    # ``chinesecalendar`` package over 2004-2026 found one disagreement, and the notice
    # sides with ``holidays``:
    #   2005-12-31 (Saturday): chinesecalendar says rest; holidays says make-up workday.
    #   国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）:
    #   "元旦：1月1日—3日放假……12月31日（星期六）上班。"  Kept as holidays has it.
    # Add an entry here (with its notice) when a package release is found wrong; the
    # differential test in tests/calendar reports any new disagreement.
}


def published_years() -> frozenset[int]:
    """Years whose State Council holiday schedule is transcribed in the ``holidays`` package.

    The package keeps each year's notice in ``ChinaStaticHolidays.special_public_holidays``,
    a dict keyed by year (every notice since 2001 moves at least one day, so every published
    year has a key; 2001-2026 in holidays 0.108).  Years after the last key are computed from
    the statutory rules, without 调休.  This attribute is not a documented API; if a future
    release renames it, this function raises rather than calling every year provisional.
    """
    table: Any = getattr(ChinaStaticHolidays, "special_public_holidays", None)
    if not isinstance(table, dict):
        raise RuntimeError(
            "holidays.countries.china.ChinaStaticHolidays.special_public_holidays is missing; "
            f"slarules does not know how to read holidays {metadata.version('holidays')}"
        )
    return frozenset(year for year in table if isinstance(year, int) and year >= FIRST_NOTICE_YEAR)


class HolidayDaySource:
    """What every day source built on the ``holidays`` package shares: a year classified
    once and cached, the years the package has rules for, and the day data as canonical
    text and its digest (the report's provenance). A subclass says how a year is
    classified, how its text is headed and what the source is called."""

    def __init__(self, name: str, first_year: int, last_year: int) -> None:
        self.name = name  # in messages: "China", "DK", "DE-BY"
        self._years: dict[int, dict[date, DayKind]] = {}
        self.first_year = first_year
        self.last_year = last_year

    @property
    def version(self) -> str:
        """The data version a report must name, e.g. ``holidays 0.108``."""
        return f"holidays {metadata.version('holidays')}"

    def kind(self, day: date) -> DayKind:
        """Classify ``day``; ``ValueError`` outside the years the package has rules for."""
        return self._special_days(day.year).get(day, DayKind.ORDINARY)

    def is_provisional(self, year: int) -> bool:
        raise NotImplementedError

    def year_text(self, year: int) -> str:
        """The day data of ``year`` as canonical text: a header line, then one
        ``YYYY-MM-DD kind`` line per day that is not ordinary, in date order.

        This is what a replay's results depend on from the package, and nothing else: two
        ``holidays`` releases that give the same text for a year give the same results for it.
        """
        lines = [f"{day.isoformat()} {kind.value}" for day, kind in self.special_days(year)]
        return "\n".join([self._year_header(year), *lines]) + "\n"

    def year_digest(self, year: int) -> str:
        """SHA-256 (hex) of :meth:`year_text`: a short name for the day data of ``year``."""
        return hashlib.sha256(self.year_text(year).encode("utf-8")).hexdigest()

    def special_days(self, year: int) -> list[tuple[date, DayKind]]:
        """The special days of ``year``, in date order."""
        return sorted(self._special_days(year).items())

    def _special_days(self, year: int) -> dict[date, DayKind]:
        if year not in self._years:
            if not self.first_year <= year <= self.last_year:
                raise UsageError(
                    _(
                        "{version} has no {code} holiday data for {year} (it covers {first}-{last})"
                    ).format(
                        version=self.version,
                        code=_(self.name),
                        year=year,
                        first=self.first_year,
                        last=self.last_year,
                    )
                )
            self._years[year] = self._classify_year(year)
        return self._years[year]

    def _year_header(self, year: int) -> str:
        raise NotImplementedError

    def _classify_year(self, year: int) -> dict[date, DayKind]:
        raise NotImplementedError


class ChinaDaySource(HolidayDaySource):
    """China's holidays and make-up workdays, computed lazily one year at a time."""

    def __init__(self, overrides: Mapping[date, DayKind] = OVERRIDES) -> None:
        self._package = holidays.country_holidays("CN")
        self._overrides = dict(overrides)
        self._published = published_years()
        super().__init__(N_("China"), self._package.start_year, self._package.end_year)

    def is_provisional(self, year: int) -> bool:
        """True when ``year`` has no published State Council schedule in the data."""
        return year not in self._published

    def _year_header(self, year: int) -> str:
        status = "provisional" if self.is_provisional(year) else "published"
        return f"CN {year} {status}"

    def _is_rest(self, day: date) -> bool:
        return not self._package.is_working_day(day)

    def _classify_year(self, year: int) -> dict[date, DayKind]:
        """Holidays (whole rest runs containing a package holiday) and make-up days of ``year``."""
        first, last = date(year, 1, 1) - _RUN_MARGIN, date(year, 12, 31) + _RUN_MARGIN
        span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        kinds: dict[date, DayKind] = {}
        run: list[date] = []
        for day in [*span, None]:
            if day is not None and self._is_rest(day):
                run.append(day)
                continue
            if any(d in self._package for d in run):
                kinds.update(dict.fromkeys(run, DayKind.HOLIDAY))
            run = []
            if day is not None and day.weekday() >= 5:
                kinds[day] = DayKind.MAKEUP
        kinds.update(self._overrides)
        return {day: kind for day, kind in kinds.items() if day.year == year}


def day_data_digest(year_digests: Mapping[int, str]) -> str:
    """One SHA-256 over several years' digests (``year:digest`` lines in year order), so a
    report can name all the day data it used in one value."""
    text = "".join(f"{year}:{year_digests[year]}\n" for year in sorted(year_digests))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@functools.cache
def china_day_source() -> ChinaDaySource:
    """The shared China day source: its data never changes within a process, so every
    calendar reads (and lazily fills) one copy."""
    return ChinaDaySource()
