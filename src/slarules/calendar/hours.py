"""Parse the ``hours`` notation of a calendar into a frozen weekly schedule.

The notation is what procurement staff copy from a contract's "工作时间" clause::

    24x7
    mon-fri 09:00-12:00,13:30-17:30
    daily 09:00-21:00
    mon-fri 08:30-12:00,14:30-17:30; sat 09:00-12:00

Groups are separated by ``;``.  Each group is a set of days (a range ``mon-fri``, a list
``mon,wed``, one day ``sat``, or ``daily``) followed by one or more ``HH:MM-HH:MM`` intervals
separated by commas.  ``24:00`` is allowed as an end, so a shift can run to midnight.  Days not
named have no working hours.

The parser is strict on purpose: a schedule that silently means something other than the
contract says would move every deadline computed from it.  Overlapping intervals, an end that
is not after its start, and a day named twice are errors, each quoting the offending text.
"""

from __future__ import annotations

import re

import attrs

from ..errors import UsageError
from ..i18n import _

__all__ = ["DAY_NAMES", "Interval", "WeeklySchedule", "format_interval", "parse_hours"]

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names in ``datetime.date.weekday()`` order (Monday is 0)."""

SECONDS_PER_DAY = 24 * 3600

Interval = tuple[int, int]
"""A working interval as (start, end) seconds after local midnight; end may be 86400."""

_TIME_RANGE = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")


@attrs.frozen
class WeeklySchedule:
    """Working intervals for each weekday, or the 24×7 schedule.

    ``days[0]`` is Monday.  Intervals within a day are sorted, disjoint and non-empty;
    touching intervals (``09:00-12:00,12:00-13:00``) are merged, since they mean the same
    working time.
    """

    days: tuple[tuple[Interval, ...], ...]
    is_24x7: bool = False

    def hours_for_weekday(self, weekday: int) -> tuple[Interval, ...]:
        """The working intervals of an ordinary day with this weekday (Monday is 0)."""
        return self.days[weekday]

    def makeup_hours(self) -> tuple[Interval, ...]:
        """Hours worked on a make-up workday (调休) or an explicit extra workday.

        A make-up Saturday replaces an ordinary weekday, so it works an ordinary weekday's
        hours: Monday's, or, when Monday has none, those of the first of Tuesday to Friday
        that has any.  A schedule with no weekday hours at all works none on such a day.
        """
        for weekday in range(5):
            if self.days[weekday]:
                return self.days[weekday]
        return ()


def format_interval(interval: Interval) -> str:
    """``(32400, 43200)`` → ``09:00-12:00``, the notation the interval was written in."""
    start, end = interval
    return f"{start // 3600:02d}:{start % 3600 // 60:02d}-{end // 3600:02d}:{end % 3600 // 60:02d}"


def _fail(part: str, reason: str) -> UsageError:
    return UsageError(_("bad hours {part!r}: {reason}").format(part=part, reason=reason))


def _parse_time(text: str, hour: str, minute: str, *, is_end: bool) -> int:
    """Seconds after midnight for ``HH:MM``; ``24:00`` only as an end."""
    h, m = int(hour), int(minute)
    if h == 24 and m == 0 and is_end:
        return SECONDS_PER_DAY
    if h > 23 or m > 59:
        raise _fail(
            text,
            _("{hour}:{minute} is not a time of day (00:00 to 23:59)").format(
                hour=hour, minute=minute
            ),
        )
    return h * 3600 + m * 60


def _parse_day(text: str, name: str) -> int:
    try:
        return DAY_NAMES.index(name)
    except ValueError:
        raise _fail(
            text,
            _("unknown day {name!r} (use {day_names} or daily)").format(
                name=name, day_names=", ".join(DAY_NAMES)
            ),
        ) from None


def _parse_days(text: str, days: str) -> list[int]:
    """Weekday numbers named by ``daily``, ``mon-fri``, ``mon,wed`` or ``sat``."""
    result: list[int] = []
    for item in days.split(","):
        if item == "daily":
            result.extend(range(7))
        elif "-" in item:
            first, _unused, last = item.partition("-")
            start, end = _parse_day(text, first), _parse_day(text, last)
            if end < start:
                raise _fail(
                    text,
                    _("day range {item!r} runs backwards (write e.g. fri-sun,mon)").format(
                        item=item
                    ),
                )
            result.extend(range(start, end + 1))
        else:
            result.append(_parse_day(text, item))
    return result


def _parse_intervals(text: str, times: str) -> tuple[Interval, ...]:
    """Sorted, disjoint intervals from ``HH:MM-HH:MM[,HH:MM-HH:MM...]``."""
    intervals: list[Interval] = []
    for item in times.split(","):
        match = _TIME_RANGE.fullmatch(item)
        if match is None:
            raise _fail(text, _("{item!r} is not a time range like 09:00-17:30").format(item=item))
        start = _parse_time(text, match[1], match[2], is_end=False)
        end = _parse_time(text, match[3], match[4], is_end=True)
        if end <= start:
            raise _fail(
                text,
                _("{item!r} ends before it starts (split a night shift at 24:00)").format(
                    item=item
                ),
            )
        intervals.append((start, end))
    intervals.sort()
    merged: list[Interval] = [intervals[0]]
    for start, end in intervals[1:]:
        if start < merged[-1][1]:
            overlap = _("{merged} and {value}").format(
                merged=format_interval(merged[-1]), value=format_interval((start, end))
            )
            raise _fail(text, _("intervals {overlap} overlap").format(overlap=overlap))
        if start == merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _parse_group(group: str) -> tuple[list[int], tuple[Interval, ...]]:
    """Split one ``DAYS TIMES`` group at its first digit and parse both halves."""
    compact = "".join(group.split()).lower()
    digit = re.search(r"\d", compact)
    if digit is None or digit.start() == 0:
        raise _fail(group.strip(), _("expected DAYS TIME-TIME, e.g. 'mon-fri 09:00-17:30'"))
    days, times = compact[: digit.start()], compact[digit.start() :]
    return _parse_days(group.strip(), days), _parse_intervals(group.strip(), times)


def parse_hours(spec: str) -> WeeklySchedule:
    """Parse ``spec`` into a :class:`WeeklySchedule`; raise ``ValueError`` quoting bad parts.

    >>> parse_hours("mon-fri 09:00-12:00,13:30-17:30").days[0]
    ((32400, 43200), (48600, 63000))
    """
    if spec.strip().lower() in ("24x7", "24×7"):
        return WeeklySchedule(days=(((0, SECONDS_PER_DAY),),) * 7, is_24x7=True)
    if not spec.strip():
        raise UsageError(_("bad hours '': empty (write e.g. '24x7' or 'mon-fri 09:00-17:30')"))
    days: list[tuple[Interval, ...]] = [()] * 7
    named: set[int] = set()
    for group in spec.split(";"):
        if not group.strip():
            raise _fail(spec, _("empty group between ';' separators"))
        weekdays, intervals = _parse_group(group)
        for weekday in weekdays:
            if weekday in named:
                raise _fail(
                    group.strip(),
                    _("{day_names} is named twice").format(day_names=DAY_NAMES[weekday]),
                )
            named.add(weekday)
            days[weekday] = intervals
    return WeeklySchedule(days=tuple(days))
