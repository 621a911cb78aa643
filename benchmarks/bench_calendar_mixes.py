"""Calendar queries as real callers send them (issue 15, item 5).

``bench_calendar`` times ``add`` and ``elapsed`` on instants already in the calendar's own
``ZoneInfo``, at any minute of three years: the calendar's best case. Real callers send
other mixes, and this benchmark times each of them on the same calendar — China's working
day ``mon-fri 09:00-12:00,13:30-17:30`` with China's holidays and make-up days
(``holidays="CN"``), as the reference contracts declare it:

* ``in zone``: the instants of ``bench_calendar`` (aware, in the calendar's ``ZoneInfo``);
* ``+08:00 as parsed``: timestamps written ``2025-03-04T10:15:00+08:00``, as in an event
  log, parsed by ``datetime.fromisoformat`` (a fixed-offset ``timezone``, not the zone);
* ``UTC (Z)``: the same instants written in UTC (``…Z``), as an API or a database gives them;
* ``by day`` and ``by night``: ``+08:00`` instants inside working hours only, and outside
  them only (evenings, nights, weekends: a clock that starts at the next opening);
* ``holidays and make-up days``: ``+08:00`` instants on China's statutory holidays and on
  the Saturdays and Sundays worked in their place (调休);
* ``cold year``: the first query of a year on a calendar that has laid out only the year
  before, which lays the new year out: its cost against one warm query.

Parsing is set-up, not timed. Each row gives ``add`` and ``elapsed`` per query, the ratio of
the slower of the two to the in-zone mix's, and passes when that ratio is at most
``TARGET_MIX``; the cold year passes at most ``TARGET_COLD`` warm queries. The slowest mix
is named in the last row. Every answer of a mix is compared with the same query written in
the calendar's zone: the benchmark fails if any differ.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from .bench_calendar import DURATION_HOURS, HOURS, TZ
from .common import Row, best_of, fmt_ratio, fmt_seconds, say, timed

FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)  # two years, as the issue measured
TARGET_MIX = 2.5  # × the in-zone mix, per query
TARGET_COLD = 10_000  # warm queries' worth for the first query of a cold year
SEED = 20251204


def _calendar() -> object:
    from slarules import Calendar

    return Calendar(HOURS, holidays="CN", tz=TZ.key)


def _days(first: date = FIRST, last: date = LAST) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _special_days() -> list[date]:
    """China's statutory holidays and make-up working days in the benchmark's years."""
    from slarules.calendar.daysource import DayKind, china_day_source

    source = china_day_source()
    return [d for d in _days() if source.kind(d) in (DayKind.HOLIDAY, DayKind.MAKEUP)]


def _local(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=TZ) + timedelta(minutes=minute)


def _working_minute(rng: random.Random) -> int:
    return rng.choice((rng.randrange(9 * 60, 12 * 60), rng.randrange(13 * 60 + 30, 17 * 60 + 30)))


def _night_minute(rng: random.Random) -> int:
    return rng.choice((rng.randrange(0, 9 * 60), rng.randrange(17 * 60 + 30, 24 * 60)))


def _instants(n: int, rng: random.Random, kind: str) -> list[datetime]:
    """``n`` local instants of one mix (see the module docstring), in the calendar's zone."""
    days, special = _days(), _special_days()
    workdays = [d for d in days if d.weekday() < 5]
    out = []
    for _ in range(n):
        if kind == "day":
            out.append(_local(rng.choice(workdays), _working_minute(rng)))
        elif kind == "night":
            day = rng.choice(days)
            minute = rng.randrange(24 * 60) if day.weekday() >= 5 else _night_minute(rng)
            out.append(_local(day, minute))
        elif kind == "special":
            out.append(_local(rng.choice(special), rng.randrange(24 * 60)))
        else:
            out.append(_local(rng.choice(days), rng.randrange(24 * 60)))
    return out


def _written(instants: list[datetime], form: str) -> list[datetime]:
    """The instants as a caller holds them: parsed from ``+08:00`` or ``Z`` text, or as is."""
    if form == "zone":
        return list(instants)
    if form == "utc":
        return [
            datetime.fromisoformat(t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
            for t in instants
        ]
    return [datetime.fromisoformat(t.strftime("%Y-%m-%dT%H:%M:%S+08:00")) for t in instants]


MIXES = (
    ("in zone", "any", "zone"),
    ("+08:00 as parsed", "any", "offset"),
    ("UTC (Z)", "any", "utc"),
    ("by day, +08:00", "day", "offset"),
    ("by night, +08:00", "night", "offset"),
    ("holidays and make-up days, +08:00", "special", "offset"),
)


def _time_mix(
    calendar: object,
    starts: list[datetime],
    ends: list[datetime],
    hours: list[timedelta],
    repeat: int,
) -> tuple[float, float, list[datetime], list[timedelta]]:
    add: Callable[[datetime, timedelta], datetime] = calendar.add  # type: ignore[attr-defined]
    elapsed: Callable[[datetime, datetime], timedelta] = calendar.elapsed  # type: ignore[attr-defined]
    t_add, added = best_of(repeat, lambda: [add(t, d) for t, d in zip(starts, hours, strict=True)])
    t_el, spans = best_of(
        repeat, lambda: [elapsed(a, b) for a, b in zip(starts, ends, strict=True)]
    )
    return t_add / len(starts), t_el / len(starts), added, spans


def run(n: int = 100_000, repeat: int = 3) -> list[Row]:
    """One row per mix, the cold year, and the slowest mix."""
    calendar = _calendar()
    rng = random.Random(SEED)
    # Lay out every year the queries reach once, outside the timing.
    calendar.elapsed(_local(FIRST, 0), _local(LAST, 0) + timedelta(days=40))  # type: ignore[attr-defined]
    rows: list[Row] = []
    reference: tuple[float, float] | None = None
    results: list[tuple[str, float]] = []
    for name, kind, form in MIXES:
        say(f"calendar mix: {name}, {n} add and {n} elapsed queries")
        local = _instants(n, rng, kind)
        hours = [timedelta(hours=rng.choice(DURATION_HOURS)) for _ in range(n)]
        local_ends = [t + timedelta(minutes=rng.randrange(10 * 24 * 60)) for t in local]
        starts, ends = _written(local, form), _written(local_ends, form)
        per_add, per_el, added, spans = _time_mix(calendar, starts, ends, hours, repeat)
        _, _, want_added, want_spans = _time_mix(calendar, local, local_ends, hours, 1)
        differ = sum(a != b for a, b in zip(added, want_added, strict=True))
        differ += sum(a != b for a, b in zip(spans, want_spans, strict=True))
        if reference is None:
            reference = (per_add, per_el)
        ratio = max(per_add / reference[0], per_el / reference[1])
        results.append((name, ratio))
        rows.append(_mix_row(name, per_add, per_el, reference, ratio, differ))
    rows.append(_cold_year_row(reference[0] if reference else 1e-6, repeat))
    worst = max(results, key=lambda r: r[1])
    rows.append(
        Row(
            name=f"calendar slowest mix: {worst[0]}",
            ours="",
            reference="",
            ratio=f"{fmt_ratio(worst[1])} in zone",
            target=f"≤ {TARGET_MIX:g}× in zone",
            passed=worst[1] <= TARGET_MIX,
        )
    )
    return rows


def _mix_row(
    name: str,
    per_add: float,
    per_el: float,
    reference: tuple[float, float],
    ratio: float,
    differ: int,
) -> Row:
    notes = (f"{differ} answers differ from the in-zone query",) if differ else ()
    return Row(
        name=f"calendar mix: {name}",
        ours=f"add {fmt_seconds(per_add)}, elapsed {fmt_seconds(per_el)}",
        reference=f"{fmt_seconds(reference[0])}, {fmt_seconds(reference[1])}",
        ratio=f"{fmt_ratio(ratio)} in zone",
        target=f"≤ {TARGET_MIX:g}× in zone",
        passed=ratio <= TARGET_MIX and not differ,
        notes=notes,
    )


def _first_query(calendar: object, t: datetime) -> Callable[[], object]:
    add: Callable[[datetime, timedelta], datetime] = calendar.add  # type: ignore[attr-defined]
    return lambda: add(t, timedelta(hours=4))


def _cold_year_row(warm: float, repeat: int) -> Row:
    """The first ``add`` of a year on a calendar that has laid out the years before only,
    for three years in turn, each the fastest of ``repeat`` fresh calendars; the costliest
    year is reported."""
    say("calendar: first queries of cold years")
    years = (2025, 2026, 2027)
    fastest = dict.fromkeys(years, float("inf"))
    for _ in range(max(repeat, 2)):
        calendar = _calendar()
        calendar.add(_local(date(2024, 6, 3), 600), timedelta(hours=1))  # type: ignore[attr-defined]
        for year in years:
            t = datetime.fromisoformat(f"{year}-03-04T10:15:00+08:00")
            first_query = _first_query(calendar, t)
            seconds, _ = timed(first_query)
            fastest[year] = min(fastest[year], seconds)
    best = max(fastest.values())  # the costliest year, each at its least disturbed
    ratio = best / warm
    return Row(
        name="calendar first query of a cold year",
        ours=fmt_seconds(best),
        reference=f"{fmt_seconds(warm)} warm",
        ratio=f"{ratio:,.0f} warm queries",
        target=f"≤ {TARGET_COLD:,} warm queries",
        passed=ratio <= TARGET_COLD,
    )
