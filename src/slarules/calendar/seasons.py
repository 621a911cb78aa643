"""Seasonal weekly schedules: summer and winter office hours.

Fujian and Guangxi government offices work different hours in summer and in winter, and an
SLA measured on "采购人工作时间" follows them. A calendar then has several weekly schedules,
each for a range of days of every year::

    hours "mon-fri 08:00-12:00,15:00-18:00" from 05-01 to 09-30
    hours "mon-fri 08:30-12:00,14:30-17:30" from 10-01 to 04-30

Both ends of a range are included, and a range may run past 12-31 (winter above). The ranges
must cover every day of the year exactly once, 02-29 included: a day in no season, or in two,
would leave its working hours undefined, so :func:`build_seasons` refuses both and names the
first such day.

The schedule of a date is a lookup in a 366-entry table (one per day of a leap year), built
once; the calendar asks it once per day while laying out a year, never per query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import attrs

from slarules.calendar.hours import WeeklySchedule, parse_hours

from ..errors import UsageError
from ..i18n import _

__all__ = [
    "SeasonalSchedule",
    "build_seasons",
    "day_of_year",
    "parse_month_day",
    "seasons_instead_of",
]

_LEAP_YEAR = 2000  # the template year: every MM-DD of any year exists in it
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_DAYS_IN_TEMPLATE = 366


def parse_month_day(text: str) -> date:
    """``05-01`` → that day of the template leap year; ``ValueError`` for no such day."""
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        raise UsageError(_("bad day {text!r}: write MM-DD, e.g. 05-01").format(text=text))
    try:
        return date(_LEAP_YEAR, int(match[1]), int(match[2]))
    except ValueError:
        raise UsageError(_("bad day {text!r}: no such day of the year").format(text=text)) from None


def day_of_year(day: date) -> int:
    """0-based position of ``day``'s month and day in a leap year (02-29 is 59, 03-01 60),
    so a date maps to the same entry whatever its year."""
    return (date(_LEAP_YEAR, day.month, day.day) - date(_LEAP_YEAR, 1, 1)).days


@attrs.frozen
class SeasonalSchedule:
    """Weekly schedules by range of days of the year. ``seasons`` keep what was written
    (hours, from, to); ``index[d]`` is the season of day-of-year ``d`` (:func:`day_of_year`)."""

    seasons: tuple[tuple[str, str, str], ...]
    schedules: tuple[WeeklySchedule, ...]
    index: tuple[int, ...] = attrs.field(eq=False, repr=False)

    def for_day(self, day: date) -> WeeklySchedule:
        """The weekly schedule in force on ``day``."""
        return self.schedules[self.index[day_of_year(day)]]

    def text(self) -> str:
        """The seasons in the rule language's words, for messages and ``Calendar.hours``."""
        return "; ".join(
            _("{hours} from {start} to {end}").format(hours=hours, start=start, end=end)
            for hours, start, end in self.seasons
        )


def _days_of(start: date, end: date) -> list[int]:
    """Days of the year from ``start`` to ``end`` (template dates), both included,
    wrapping past 12-31 when ``end`` comes before ``start``."""
    first, last = day_of_year(start), day_of_year(end)
    if last >= first:
        return list(range(first, last + 1))
    return [*range(first, _DAYS_IN_TEMPLATE), *range(0, last + 1)]


def _month_day(position: int) -> str:
    day = date.fromordinal(date(_LEAP_YEAR, 1, 1).toordinal() + position)
    return f"{day.month:02d}-{day.day:02d}"


def build_seasons(seasons: Iterable[tuple[str, str, str]]) -> SeasonalSchedule:
    """Check and index ``(hours, "MM-DD", "MM-DD")`` seasons; ``ValueError`` naming the
    problem: bad hours, a 24x7 season (a calendar either stops or it does not), a bad day,
    a day in two seasons, a day in none."""
    written = tuple(seasons)
    if not written:
        raise UsageError(_("no seasons given"))
    owner: list[int | None] = [None] * _DAYS_IN_TEMPLATE
    schedules: list[WeeklySchedule] = []
    for number, (hours, start, end) in enumerate(written):
        schedule = parse_hours(hours)
        if schedule.is_24x7:
            raise UsageError(_("bad hours {hours!r}: a season cannot be 24x7").format(hours=hours))
        schedules.append(schedule)
        for position in _days_of(parse_month_day(start), parse_month_day(end)):
            other = owner[position]
            if other is not None:
                first = f"{written[other][1]} to {written[other][2]}"
                raise UsageError(
                    _("seasons {first} and {start} to {end} overlap on {position}").format(
                        first=first, start=start, end=end, position=_month_day(position)
                    )
                )
            owner[position] = number
    missing = [p for p, season in enumerate(owner) if season is None]
    if missing:
        raise UsageError(
            _(
                "no season covers {missing} ({count} {value} of the year in "
                "none); seasons must cover the year once"
            ).format(
                missing=_month_day(missing[0]),
                count=len(missing),
                value="day" if len(missing) == 1 else "days",
            )
        )
    index = tuple(season for season in owner if season is not None)
    return SeasonalSchedule(written, tuple(schedules), index)


def seasons_instead_of(
    hours: str, seasons: Iterable[tuple[str, str, str]]
) -> SeasonalSchedule | None:
    """A calendar's seasonal schedule when it is given seasons (then ``hours`` must be
    empty: which would govern a season's days?), else None."""
    written = tuple(seasons)
    if written and hours.strip():
        raise UsageError(_("give either hours or seasons, not both"))
    return build_seasons(written) if written else None
