"""The guangxi oracle's time (tests/oracles/guangxi_gat_2024.py): the State Council's
days, the Civil Code's day counts and the three calendars' working time, day by day.
Nothing of slarules: ``holidays`` gives the statutory holidays and the days off moved by
调休."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Asia/Shanghai")
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)

# ---- days: State Council schedule ------------------------------------------------------


@cache
def _china_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(rest days, make-up workdays) of one year. ``holidays`` lists the statutory holidays
    and the days off moved by 调休 ("Day off (substituted from MM/DD/YYYY)"); the date named
    in that label is the make-up workday (a Saturday or Sunday that is worked)."""
    rest: set[date] = set()
    makeup: set[date] = set()
    # A day off may be moved from a weekend day of the neighbouring year (a New Year's day
    # off worked on a late-December weekend), so read the years either side too.
    for y in (year - 1, year, year + 1):
        for day, name in holidays.China(years=y, language="en_US").items():
            if day.year == year:
                rest.add(day)
            for found in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
                moved = date(int(found[2]), int(found[0]), int(found[1]))
                if moved.year == year:
                    makeup.add(moved)
    return frozenset(rest), frozenset(makeup)


def is_china_workday(day: date) -> bool:
    """SPEC §3.4: statutory holidays rest, make-up workdays (调休) work, else Mon–Fri."""
    rest, makeup = _china_year(day.year)
    if day in makeup:
        return True
    if day in rest:
        return False
    return day.weekday() < 5


def local(instant: datetime) -> datetime:
    return instant.astimezone(TZ)


def midnight_after(day: date) -> datetime:
    """24:00 of ``day`` (Civil Code art. 203: the last day ends at 24:00)."""
    return datetime.combine(day + DAY, time(0), TZ)


def civil_days_after(instant: datetime, n: int) -> datetime:
    """ "故障排除后3天内": Civil Code art. 201–203 — the day of the instant is not counted, the
    period ends at 24:00 of the n-th day, moved to the next working day when that is a rest
    day (reading 7)."""
    last = local(instant).date() + timedelta(days=n)
    while not is_china_workday(last):
        last += DAY
    return midnight_after(last)


def workdays_after(day: date, n: int) -> datetime:
    """ "N个工作日内" from a day: the day is not counted; only working days of the State
    Council schedule count; it ends at 24:00 of the n-th (readings 11, 16, 17)."""
    counted = 0
    while counted < n:
        day += DAY
        if is_china_workday(day):
            counted += 1
    return midnight_after(day)


# ---- calendars: working time -------------------------------------------------------------


def _full_day(day: date) -> list[tuple[time, time | None]]:
    # "中标人须提供7×24小时技术支持服务": the whole day (None = 24:00).
    return [(time(0), None)]


def _office(day: date) -> list[tuple[time, time | None]]:
    # "提供5*8小时电话在线服务" (reading 3: Mon–Fri 08:00–12:00, 14:00–18:00, State Council days).
    if not is_china_workday(day):
        return []
    return [(time(8), time(12)), (time(14), time(18))]


def _tongda(day: date) -> list[tuple[time, time | None]]:
    # "服务时间： 7*12h（7为每周一道周日，12h为每天09:00-21:00）" (reading 3: holidays too).
    return [(time(9), time(21))]


CALENDARS = {"全天": _full_day, "工作时间": _office, "通达服务时间": _tongda}


def _intervals(calendar: str, day: date) -> list[tuple[datetime, datetime]]:
    out = []
    for begin, end in CALENDARS[calendar](day):
        stop = midnight_after(day) if end is None else datetime.combine(day, end, TZ)
        out.append((datetime.combine(day, begin, TZ), stop))
    return out


def working_time(calendar: str, start: datetime, end: datetime) -> timedelta:
    """Working time of ``calendar`` between two instants, day by day."""
    if end <= start:
        return timedelta(0)
    total = timedelta(0)
    day = local(start).date()
    while datetime.combine(day, time(0), TZ) < end:
        for begin, stop in _intervals(calendar, day):
            lo, hi = max(begin, start), min(stop, end)
            if hi > lo:
                total += hi - lo
        day += DAY
    return total


def add_working(calendar: str, start: datetime, amount: timedelta) -> datetime:
    """The instant at which ``amount`` of working time has elapsed from ``start`` (clock
    semantics 1–2: a clock starting outside working time starts at the next working
    instant; a deadline at the end of a working interval is that end)."""
    left = amount
    day = local(start).date()
    while True:
        for begin, stop in _intervals(calendar, day):
            lo = max(begin, start)
            if stop <= lo:
                continue
            if left == timedelta(0):
                return lo
            if stop - lo >= left:
                return lo + left
            left -= stop - lo
        day += DAY
