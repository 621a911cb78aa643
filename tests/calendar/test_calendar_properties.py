"""Properties every calendar must have, whatever its schedule, day source or timezone.

SPEC section 10: adding then measuring a duration gives it back; deadlines never move earlier
when a duration grows or the start moves later; results do not depend on the UTC offset the
input is written in.
"""

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.calendar import Calendar

CALENDARS = [
    Calendar("mon-fri 09:00-12:00,13:30-17:30"),
    Calendar("mon-fri 08:30-12:00,14:30-17:30; sat 09:00-12:00"),
    Calendar("daily 09:00-21:00"),
    Calendar("24x7"),
    Calendar("mon-fri 09:00-17:00", holidays=None, tz="Europe/Berlin"),
    Calendar(
        "mon,wed,fri 00:00-02:30,22:00-24:00; sun 01:00-04:00", holidays=None, tz="America/New_York"
    ),
    # Seasonal hours (summer and winter office hours): Fujian's, with China's days, and a
    # three-season schedule across DST changes whose winter runs past 12-31.
    Calendar(
        "",
        seasons=[
            ("mon-fri 08:00-12:00,15:00-18:00", "05-01", "09-30"),
            ("mon-fri 08:30-12:00,14:30-17:30", "10-01", "04-30"),
        ],
    ),
    Calendar(
        "",
        holidays=None,
        tz="Europe/Berlin",
        seasons=[
            ("mon-fri 07:00-15:00", "06-01", "08-31"),
            ("mon-sat 09:00-12:00,13:00-17:00", "09-01", "11-15"),
            ("tue-thu 10:00-16:00", "11-16", "05-31"),
        ],
    ),
]

EXAMPLES = settings(max_examples=200, deadline=None)
_FIRST = datetime(2004, 1, 1, tzinfo=UTC)
_SPAN_US = (datetime(2027, 12, 1, tzinfo=UTC) - _FIRST) // timedelta(microseconds=1)

calendars = st.sampled_from(CALENDARS)
instants = st.integers(0, _SPAN_US).map(lambda us: _FIRST + timedelta(microseconds=us))
durations = st.integers(0, 300 * 3600 * 10**6).map(lambda us: timedelta(microseconds=us))
offsets = st.sampled_from([timezone(timedelta(hours=8)), UTC, timezone(timedelta(hours=-5))])


@EXAMPLES
@given(calendars, instants, durations)
def test_elapsed_gives_back_the_added_duration(cal: Calendar, t: datetime, d: timedelta) -> None:
    assert cal.elapsed(t, cal.add(t, d)) == d


@EXAMPLES
@given(calendars, instants, durations, durations)
def test_add_is_monotone_in_the_duration(
    cal: Calendar, t: datetime, d1: timedelta, d2: timedelta
) -> None:
    d1, d2 = sorted((d1, d2))
    assert cal.add(t, d1) <= cal.add(t, d2)


@EXAMPLES
@given(calendars, instants, instants, durations)
def test_add_is_monotone_in_the_start(
    cal: Calendar, t1: datetime, t2: datetime, d: timedelta
) -> None:
    t1, t2 = sorted((t1, t2))
    assert cal.add(t1, d) <= cal.add(t2, d)


@EXAMPLES
@given(calendars, instants, instants, instants)
def test_elapsed_is_additive(cal: Calendar, a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)
    assert cal.elapsed(c, a) == timedelta(0)


@EXAMPLES
@given(calendars, instants, durations)
def test_a_positive_duration_ends_inside_working_time(
    cal: Calendar, t: datetime, d: timedelta
) -> None:
    end = cal.add(t, d + timedelta(microseconds=1))
    assert cal.is_working(end - timedelta(microseconds=1))
    assert cal.next_working(t) <= end


def _form(t: datetime) -> tuple[object, ...]:
    """Everything that tells two equal instants apart: wall time, fold, zone."""
    return (t.replace(tzinfo=None), t.fold, t.tzinfo, t.utcoffset())


@EXAMPLES
@given(calendars, instants, durations, offsets, offsets, st.integers(1, 40))
def test_answers_do_not_depend_on_the_input_offset(
    cal: Calendar, t: datetime, d: timedelta, first: timezone, second: timezone, n: int
) -> None:
    a, b = t.astimezone(first), t.astimezone(second)
    assert cal.add(a, d) == cal.add(b, d)
    assert cal.add(a, d).tzinfo is cal.tz
    # The same answer in the same form (wall time, fold, zone), whether the instant was
    # written with an offset, in UTC or in the calendar's own zone (the fast path).
    local = t.astimezone(cal.tz)
    forms = {_form(cal.add(x, d)) for x in (a, b, local)}
    assert len(forms) == 1
    later = (t + d).astimezone(cal.tz)  # not local + d: that is wall-clock time
    assert cal.elapsed(a, b + d) == cal.elapsed(local, later)
    assert cal.next_working(a) == cal.next_working(b)
    assert cal.is_working(a) == cal.is_working(b)
    assert cal.elapsed(a, b + d) == cal.elapsed(b, a + d)
    assert cal.add_workdays(a, n) == cal.add_workdays(b, n)
    assert cal.add_days(a, n) == cal.add_days(b, n)


@EXAMPLES
@given(calendars, instants, st.integers(1, 40), st.booleans())
def test_add_workdays_ends_after_the_nth_working_day(
    cal: Calendar, t: datetime, n: int, close_of_business: bool
) -> None:
    end = cal.add_workdays(t, n, close_of_business=close_of_business)
    start_day = t.astimezone(cal.tz).date()
    if not close_of_business:
        assert (end.hour, end.minute, end.second, end.microsecond) == (0, 0, 0, 0)
    last_day = (end - timedelta(microseconds=1)).date()  # 24:00 belongs to the day before
    assert cal.is_workday(last_day)
    between = [start_day + timedelta(days=k) for k in range(1, (last_day - start_day).days + 1)]
    assert sum(cal.is_workday(day) for day in between) == n


@EXAMPLES
@given(calendars, instants, st.integers(1, 60))
def test_add_days_ends_on_the_first_working_day_from_the_nth_day(
    cal: Calendar, t: datetime, n: int
) -> None:
    end = cal.add_days(t, n)
    last_day = end.date() - timedelta(days=1)
    nth = t.astimezone(cal.tz).date() + timedelta(days=n)
    assert last_day >= nth
    assert cal.is_workday(last_day)
    assert not any(cal.is_workday(nth + timedelta(days=k)) for k in range((last_day - nth).days))


@EXAMPLES
@given(calendars, st.dates(date(2004, 1, 1), date(2027, 12, 31)), st.integers(1, 24))
def test_add_months_lands_on_or_after_the_corresponding_date(
    cal: Calendar, day: date, n: int
) -> None:
    t = datetime(day.year, day.month, day.day, 12, tzinfo=cal.tz)
    last_day = cal.add_months(t, n).date() - timedelta(days=1)
    month_index = day.year * 12 + day.month - 1 + n
    assert (last_day.year * 12 + last_day.month - 1 >= month_index) and cal.is_workday(last_day)
    if last_day.year * 12 + last_day.month - 1 == month_index:
        assert last_day.day >= day.day or last_day.month != (last_day + timedelta(days=1)).month
