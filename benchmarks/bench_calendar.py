"""Calendar vs pandas: ``add`` and ``elapsed`` on a split working day with China's holidays.

The schedule is ``mon-fri 09:00-12:00,13:30-17:30`` with China's statutory holidays and no
make-up workdays: exactly what pandas ``CustomBusinessHour`` can express (it takes lists of
opening and closing times, and a list of holidays, but has no make-up working Saturdays).
Both sides get the same holiday dates; slarules through ``Calendar(hours, holidays=None,
extra_holidays=...)``.

What each side does, per query:

* ``add``: ``Calendar.add(t, d)`` against ``t + CustomBusinessHour(n)``.  pandas offsets count
  whole hours only, so durations are whole hours (the SLA targets of the reference contracts:
  1, 2, 4, 8, 12, 24 and 48 hours).  One offset per duration is built in advance (outside the
  timing), and pandas gets naive local timestamps, its fastest path (Asia/Shanghai has had no
  daylight saving since 1991, so naive local time is exact here).
* ``elapsed``: pandas has no "working time between" API.  The reference is the formulation a
  pandas user writes: working time before ``t`` since a fixed origin is (business days
  before ``t``'s date, counted by ``numpy.busday_count`` with the ``CustomBusinessDay``'s own
  holiday calendar) × the day's 7 hours + the part of ``t``'s day already worked, if
  ``CustomBusinessDay.is_on_offset`` says the day is a business day; ``elapsed(a, b)`` is the
  difference.  Per query, like ``add``.  The same formula vectorised over all queries at once
  with numpy is reported too, as information: a batch answer is a different job from the
  per-event answers an SLA tracker needs.

Every answer is compared; the benchmark fails if any differ.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .common import Row, best_of, fmt_ratio, fmt_seconds, say

HOURS = "mon-fri 09:00-12:00,13:30-17:30"
OPEN = ("09:00", "13:30")
CLOSE = ("12:00", "17:30")
TZ = ZoneInfo("Asia/Shanghai")
FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)  # years with a published schedule
DURATION_HOURS = (1, 2, 4, 8, 12, 24, 48)
TARGET_SPEEDUP = 50.0
SEED = 20240901


@dataclass(frozen=True)
class Queries:
    starts: list[datetime]  # aware, Asia/Shanghai
    durations: list[timedelta]
    ends: list[datetime]  # for elapsed(starts[i], ends[i])


def cn_holidays(first: date = FIRST, last: date = LAST) -> list[date]:
    """China's statutory holiday dates (rest days of the day source), make-up days left out."""
    from slarules.calendar.daysource import DayKind, china_day_source

    source = china_day_source()
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if source.kind(d) is DayKind.HOLIDAY]


def make_queries(n: int, seed: int = SEED) -> Queries:
    """``n`` random instants at minute resolution over 2024-2026 (working time or not),
    durations from the SLA targets, and ends 0 to 10 days after each start."""
    rng = random.Random(seed)
    origin = datetime(FIRST.year, 1, 1, tzinfo=TZ)
    span = int((datetime(LAST.year, 12, 20, tzinfo=TZ) - origin).total_seconds()) // 60
    starts = [origin + timedelta(minutes=rng.randrange(span)) for _ in range(n)]
    durations = [timedelta(hours=rng.choice(DURATION_HOURS)) for _ in range(n)]
    ends = [t + timedelta(minutes=rng.randrange(10 * 24 * 60)) for t in starts]
    return Queries(starts, durations, ends)


class PandasReference:
    """The pandas side: CustomBusinessHour for ``add``, the per-day formula for ``elapsed``."""

    def __init__(self, holidays: list[date]) -> None:
        import numpy as np
        import pandas as pd

        self.pd, self.np = pd, np
        self.bday = pd.offsets.CustomBusinessDay(holidays=holidays, weekmask="Mon Tue Wed Thu Fri")
        self.bhour = pd.offsets.CustomBusinessHour(
            start=list(OPEN), end=list(CLOSE), holidays=holidays, weekmask="Mon Tue Wed Thu Fri"
        )
        self.offsets = {h: self.bhour * h for h in DURATION_HOURS}
        self.intervals = [
            (pd.Timedelta(f"{a}:00"), pd.Timedelta(f"{b}:00"))
            for a, b in zip(OPEN, CLOSE, strict=True)
        ]
        self.day_length = sum((b - a for a, b in self.intervals), pd.Timedelta(0))
        self.origin = np.datetime64("2000-01-01")

    def naive(self, instants: list[datetime]) -> list[object]:
        """Naive local pandas Timestamps: conversion is set-up, not part of the query."""
        pd = self.pd
        return [pd.Timestamp(t.astimezone(TZ).replace(tzinfo=None)) for t in instants]

    def add_all(self, starts: list[object], hours: list[int]) -> list[object]:
        offsets = self.offsets
        return [t + offsets[h] for t, h in zip(starts, hours, strict=True)]  # type: ignore[operator]

    def add_mismatches(self, ours: list[datetime], theirs: list[object]) -> list[int]:
        """Queries whose answers differ.  Where a duration is used up exactly at a closing
        time, slarules returns that closing time (12:00, 17:30) and pandas the next opening
        (13:30, or 09:00 of the next business day): the same point in working time, and the
        only difference allowed."""
        closes = {self.pd.Timedelta(f"{c}:00") for c in CLOSE}
        tick = self.pd.Timedelta(microseconds=1)
        bad = []
        for i, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
            local = self.pd.Timestamp(mine.replace(tzinfo=None))
            if local == other:
                continue
            at_close = local - local.normalize() in closes
            if not (at_close and self.bhour.rollforward(local + tick) == other):
                bad.append(i)
        return bad

    def worked_before(self, t: object) -> object:
        """Working time from the origin to ``t`` (a naive local Timestamp)."""
        day = t.normalize()  # type: ignore[attr-defined]
        days = self.np.busday_count(
            self.origin, day.to_datetime64().astype("datetime64[D]"), busdaycal=self.bday.calendar
        )
        worked = self.day_length * int(days)
        if self.bday.is_on_offset(day):
            into_day = t - day  # type: ignore[operator]
            for opens, closes in self.intervals:
                if into_day > opens:
                    worked += min(into_day, closes) - opens
        return worked

    def elapsed_all(self, starts: list[object], ends: list[object]) -> list[object]:
        zero = self.pd.Timedelta(0)
        worked = self.worked_before
        return [
            worked(b) - worked(a) if b > a else zero  # type: ignore[operator]
            for a, b in zip(starts, ends, strict=True)
        ]

    def elapsed_vectorised(self, starts: object, ends: object) -> object:
        """The same formula over whole numpy arrays of naive local datetime64[us]."""
        np = self.np
        cal = self.bday.calendar

        def worked(t: object) -> object:
            day = t.astype("datetime64[D]")  # type: ignore[attr-defined]
            full = np.busday_count(self.origin, day, busdaycal=cal).astype("int64")
            into = (t - day).astype("timedelta64[us]").astype("int64")  # type: ignore[operator]
            part = np.zeros_like(into)
            for opens, closes in self.intervals:
                o, c = opens.value // 1000, closes.value // 1000
                part += np.clip(into, o, c) - o
            part *= np.is_busday(day, busdaycal=cal)
            return full * (self.day_length.value // 1000) + part

        return np.maximum(worked(ends) - worked(starts), 0)  # type: ignore[operator]


def run(n: int = 100_000, pandas_n: int | None = None, repeat: int = 3) -> list[Row]:
    """Time both sides on the same queries; ``pandas_n`` limits pandas to a documented prefix
    of them (per-query times are then compared)."""
    from slarules import Calendar

    holidays = cn_holidays()
    queries = make_queries(n)
    pandas_n = n if pandas_n is None else min(pandas_n, n)
    calendar = Calendar(HOURS, holidays=None, tz="Asia/Shanghai", extra_holidays=holidays)
    ref = PandasReference(holidays)
    hours = [int(d.total_seconds()) // 3600 for d in queries.durations]
    starts, ends = queries.starts, queries.ends
    # Lay out every year the queries reach once, outside the timing.
    calendar.elapsed(min(starts), max(ends))
    calendar.add(max(ends), timedelta(hours=max(DURATION_HOURS)))

    say(f"calendar: {n} add and {n} elapsed queries, slarules")
    add = calendar.add
    elapsed = calendar.elapsed
    t_add, ours_add = best_of(
        repeat, lambda: [add(t, d) for t, d in zip(starts, queries.durations, strict=True)]
    )
    t_el, ours_el = best_of(
        repeat, lambda: [elapsed(a, b) for a, b in zip(starts, ends, strict=True)]
    )

    say(f"calendar: {pandas_n} add and {pandas_n} elapsed queries, pandas")
    p_starts, p_ends = ref.naive(starts[:pandas_n]), ref.naive(ends[:pandas_n])
    p_hours = hours[:pandas_n]
    p_add_t, p_add = best_of(1, lambda: ref.add_all(p_starts, p_hours))
    p_el_t, p_el = best_of(1, lambda: ref.elapsed_all(p_starts, p_ends))
    np = ref.np
    v_starts = np.array(p_starts, dtype="datetime64[us]")
    v_ends = np.array(p_ends, dtype="datetime64[us]")
    v_el_t, v_el = best_of(repeat, lambda: ref.elapsed_vectorised(v_starts, v_ends))

    add_bad = ref.add_mismatches(ours_add[:pandas_n], p_add)
    el_bad = _mismatches(ours_el[:pandas_n], [td.to_pytimedelta() for td in p_el])  # type: ignore[attr-defined]
    vec_bad = _mismatches(
        [d // timedelta(microseconds=1) for d in ours_el[:pandas_n]], [int(x) for x in v_el]
    )
    sample = "" if pandas_n == n else f" (pandas on the first {pandas_n})"
    return [
        _row(f"calendar add ×{n}{sample}", t_add, n, p_add_t, pandas_n, add_bad),
        _row(f"calendar elapsed ×{n}{sample}", t_el, n, p_el_t, pandas_n, el_bad),
        _row(
            "calendar elapsed, numpy batch",
            t_el,
            n,
            v_el_t,
            pandas_n,
            vec_bad,
            target=None,
        ),
    ]


def _speedup_text(speedup: float) -> str:
    if speedup >= 1:
        return f"{fmt_ratio(speedup)} faster"
    return f"{fmt_ratio(1 / speedup)} slower"


def _mismatches(ours: list[object], theirs: list[object]) -> list[int]:
    return [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]


def _row(
    name: str,
    ours_total: float,
    ours_n: int,
    ref_total: float,
    ref_n: int,
    mismatches: list[int],
    target: float | None = TARGET_SPEEDUP,
) -> Row:
    ours, ref = ours_total / ours_n, ref_total / ref_n
    speedup = ref / ours
    notes: tuple[str, ...] = ()
    passed: bool | None = None if target is None else speedup >= target
    if mismatches:
        passed = False
        notes = (f"{len(mismatches)} answers differ, first at query {mismatches[0]}",)
    return Row(
        name=name,
        ours=f"{fmt_seconds(ours)}/q",
        reference=f"{fmt_seconds(ref)}/q",
        ratio=_speedup_text(speedup),
        target=f"≥ {target:g}× faster" if target is not None else "none (batch)",
        passed=passed,
        notes=notes,
    )
