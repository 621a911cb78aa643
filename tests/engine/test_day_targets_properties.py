"""Properties of a target in days or workdays moved by pauses (audit round 8).

docs/language.md §3, clock semantics 2: a target counted in whole days is moved by whole
days across a pause: the days used before it are those after the day the count began up to
the day it began; the rest count again from the day after it ends, and the period still ends
at 24:00 (or the close of business with ``by close``). So, for any pattern of pauses:

- the deadline is the end of a working day (00:00 local after a working day; with ``by
  close``, that day's last working instant), never a clock time;
- it is never earlier than the target's deadline without the pauses;
- it is monotone in the pauses: a pause that ends later never makes it earlier;
- a clock that keeps its fold (``MetricClock._days_shifted``, from 16 holes on) and is asked
  at every event gives the answer ``days_deadline`` gives walking every hole, and so does
  a tier change's floor moved after the change.

Pauses start in mid-January 2025 and run into the Spring Festival (28 Jan - 4 Feb off, the
make-up Sunday 26 Jan and Saturday 8 Feb worked), so holidays and make-up days are crossed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from slarules import Calendar
from slarules import model as m
from slarules.engine.metric_clock import MetricClock
from slarules.engine.target_deadlines import (
    base_deadline,
    days_deadline,
    days_fold,
    fold_days,
)
from slarules.events.types import EventRef

SH = ZoneInfo("Asia/Shanghai")
OFFICE = Calendar("mon-fri 08:30-12:00,14:00-17:30", holidays="CN", tz="Asia/Shanghai")
START = datetime(2025, 1, 13, 0, tzinfo=SH)
METRIC = m.Metric("resolve", "opened", ("resolved",))
REF = EventRef(1)
MINUTE = timedelta(minutes=1)

targets = st.builds(
    lambda unit, n, cob: m.Target(
        "resolve", m.Literal(unit, n, f"{n} {unit.value}"), close_of_business=cob
    ),
    st.sampled_from([m.Unit.WORKDAYS, m.Unit.DAYS]),
    st.integers(1, 5),
    st.booleans(),
)
# (minutes running before the pause, minutes paused); a few long ones cross the festival.
pauses = st.lists(
    st.tuples(st.integers(1, 60 * 30), st.integers(1, 60 * 24 * 4)), min_size=1, max_size=24
)


def paused_clock(
    target: m.Target, opened: int, plan: list[tuple[int, int]]
) -> tuple[MetricClock, list[datetime]]:
    """A clock started ``opened`` minutes after START, paused and resumed per ``plan``;
    also each event's time (start, then each pause and resume)."""
    clock = MetricClock(METRIC, OFFICE, True)
    t = START + opened * MINUTE
    clock.begin(t, "A", target, None, False, REF)
    times = [t]
    for run, length in plan:
        t += run * MINUTE
        clock.suspend(t)
        times.append(t)
        t += length * MINUTE
        clock.proceed(t)
        times.append(t)
    return clock, times


def ends_a_working_day(target: m.Target, deadline: datetime) -> bool:
    local = deadline.astimezone(SH)
    if not target.close_of_business:
        day = local.date() - timedelta(days=1)
        return local.time().isoformat() == "00:00:00" and is_workday(day)
    close = OFFICE.day_hours(local.date())[-1][1] if is_workday(local.date()) else None
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return close is not None and seconds == close


def is_workday(day: date) -> bool:
    return bool(OFFICE.day_hours(day))


@settings(max_examples=120, deadline=None)
@given(target=targets, opened=st.integers(0, 60 * 24 * 6), plan=pauses)
def test_a_paused_day_target_ends_a_working_day_never_earlier(
    target: m.Target, opened: int, plan: list[tuple[int, int]]
) -> None:
    clock, times = paused_clock(target, opened, plan)
    deadline = clock.deadline(times[-1])
    assert deadline is not None
    assert ends_a_working_day(target, deadline), deadline
    assert deadline >= base_deadline(OFFICE, target, times[0])


@settings(max_examples=120, deadline=None)
@given(
    target=targets,
    opened=st.integers(0, 60 * 24 * 6),
    plan=pauses,
    which=st.integers(0, 23),
    extra=st.integers(1, 60 * 24 * 3),
)
def test_a_longer_pause_never_moves_the_deadline_earlier(
    target: m.Target, opened: int, plan: list[tuple[int, int]], which: int, extra: int
) -> None:
    # Pause ``which`` ends later by ``extra`` minutes (up to a minute before the next pause,
    # which stays where it was): the deadline is at least as late.
    i = which % len(plan)
    longer = list(plan)
    if i + 1 < len(plan):
        run_after = plan[i + 1][0]
        extra = min(extra, run_after - 1)
        longer[i + 1] = (run_after - extra, plan[i + 1][1])
    longer[i] = (plan[i][0], plan[i][1] + extra)
    clock, times = paused_clock(target, opened, plan)
    later, later_times = paused_clock(target, opened, longer)
    end = max(times[-1], later_times[-1])
    before, after = clock.deadline(end), later.deadline(end)
    assert before is not None and after is not None
    assert after >= before, (before, after)


@settings(max_examples=80, deadline=None)
@given(
    target=targets,
    opened=st.integers(0, 60 * 24 * 6),
    plan=st.lists(
        st.tuples(st.integers(1, 60 * 12), st.integers(1, 60 * 30)), min_size=17, max_size=40
    ),
    change=st.integers(0, 39),
)
def test_the_fold_gives_what_walking_every_hole_gives(
    target: m.Target, opened: int, plan: list[tuple[int, int]], change: int
) -> None:
    # Asked at every event, as a helpdesk asks, and halfway through each pause (a pause still
    # open is a hole the fold must not keep): the fold is resumed each time. A tier change
    # at the ``change``-th resume left a floor, the target counted from the change (``allow
    # full``), moved by the holes after it; the deadline is the later of the two.
    clock = MetricClock(METRIC, OFFICE, True)
    t = START + opened * MINUTE
    clock.begin(t, "A", target, None, False, REF)
    start, since = t, None
    for k, (run, length) in enumerate(plan):
        t += run * MINUTE
        clock.suspend(t)
        check(clock, target, start, since, t + length // 2 * MINUTE)  # still paused then
        t += length * MINUTE
        clock.proceed(t)
        if k == change % len(plan):
            since = t
            clock.hold_until(base_deadline(OFFICE, target, since), since)
        check(clock, target, start, since, t)
    assert clock.day_folds, "the clock kept its fold"


def check(
    clock: MetricClock, target: m.Target, start: datetime, since: datetime | None, at: datetime
) -> None:
    holes = clock.holes(at)
    assert holes == walked_holes(clock, at)  # the kept holes (``_between``) are the same
    expected = days_deadline(OFFICE, target, start, holes)
    if since is not None:
        floor = base_deadline(OFFICE, target, since)
        later = [(max(a, since), b) for a, b in holes if b > since]
        fold = days_fold(OFFICE, target, floor, since)
        expected = max(expected, fold_days(OFFICE, target, fold, later, len(later))[3])
    assert clock.deadline(at) == expected


def walked_holes(clock: MetricClock, at: datetime) -> list[tuple[datetime, datetime]]:
    """The clock's holes up to ``at``, walking its spans: the stretches between them, from
    its start, and a pause still open at ``at``."""
    out, cursor = [], clock.start
    for begin, stop in clock.spans:
        assert begin is not None and cursor is not None
        if begin > cursor:
            out.append((cursor, begin))
        cursor = stop
    if cursor is not None and at > cursor:
        out.append((cursor, at))
    return out
