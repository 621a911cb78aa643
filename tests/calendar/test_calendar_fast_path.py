"""The fast path of ``Calendar.add`` and ``elapsed`` agrees with the general one, exactly.

An instant in the calendar's zone, on a day whose UTC offset does not change, is answered
with wall-clock arithmetic (see ``slarules.calendar``); an instant written with a fixed
offset or in another zone is first converted to the calendar's zone, then answered the same
way; any other (a daylight-saving change day, a year not laid out yet) takes the general
path in epoch microseconds (``Calendar._add``, ``Calendar._elapsed``).  The same instant,
however written, must give the general path's answer, to the microsecond and in the same
form (wall time, ``fold``, zone), DST days included.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.calendar import Calendar

CALENDARS = [
    Calendar("mon-fri 09:00-12:00,13:30-17:30"),
    Calendar("24x7"),
    Calendar("24x7", holidays=None, tz="Europe/Berlin"),
    Calendar("daily 00:00-24:00", holidays=None, tz="Europe/Berlin"),
    Calendar("daily 01:30-03:30,09:00-17:00", holidays=None, tz="Europe/Berlin"),
    Calendar(
        "mon,wed,fri 00:00-02:30,22:00-24:00; sun 01:00-04:00", holidays=None, tz="America/New_York"
    ),
    Calendar(  # summer and winter hours, one season changing in the week of a DST change
        "",
        holidays=None,
        tz="Europe/Berlin",
        seasons=[
            ("mon-fri 07:00-15:00", "03-28", "09-30"),
            ("daily 09:00-17:00", "10-01", "03-27"),
        ],
    ),
]
_FIRST = datetime(2023, 1, 1, tzinfo=UTC)
_SPAN_US = (datetime(2027, 12, 1, tzinfo=UTC) - _FIRST) // timedelta(microseconds=1)
# Days the clocks change in Berlin and New York, where the fast path must step aside.
_CHANGE_DAYS = [
    date(2024, 3, 31), date(2024, 10, 27), date(2026, 3, 29), date(2026, 10, 25),
    date(2024, 3, 10), date(2024, 11, 3), date(2026, 3, 8), date(2026, 11, 1),
]  # fmt: skip

anywhere = st.integers(0, _SPAN_US).map(lambda us: _FIRST + timedelta(microseconds=us))
near_a_change = st.builds(
    lambda day, minutes: (
        datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minutes)
    ),
    st.sampled_from(_CHANGE_DAYS),
    st.integers(-36 * 60, 36 * 60),
)
instants = st.one_of(anywhere, near_a_change)
durations = st.integers(0, 80 * 3600 * 10**6).map(lambda us: timedelta(microseconds=us))


def _form(t: datetime) -> tuple[object, ...]:
    """Everything that tells two equal instants apart: wall time, fold, zone."""
    return (t.replace(tzinfo=None), t.fold, t.tzinfo, t.utcoffset())


for _cal in CALENDARS:  # a 24x7 calendar lays out its days only for day counts
    _cal.add_workdays(datetime(2023, 1, 1, tzinfo=UTC), 2000)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), instants, instants, durations)
def test_local_input_answers_as_utc_input(
    cal: Calendar, t: datetime, u: datetime, d: timedelta
) -> None:
    local_t, local_u = t.astimezone(cal.tz), u.astimezone(cal.tz)  # fast path when steady
    assert _form(cal.add(local_t, d)) == _form(cal.add(t, d)) == _form(cal._add(t, d))
    assert cal.elapsed(local_t, local_u) == cal.elapsed(t, u) == cal._elapsed(t, u)
    for offset in (timedelta(hours=8), timedelta(hours=-5), timedelta(minutes=30)):
        fixed_t = t.astimezone(timezone(offset))  # as a timestamp parsed from a log
        assert _form(cal.add(fixed_t, d)) == _form(cal._add(t, d))
        assert cal.elapsed(fixed_t, u.astimezone(timezone(offset))) == cal._elapsed(t, u)
    assert cal.elapsed(local_u, local_t) == cal.elapsed(u, t)
    assert cal.elapsed(local_t, u) == cal.elapsed(t, local_u) == cal.elapsed(t, u)
    for n, cob in ((1, False), (3, True), (12, False)):
        for count in (cal.add_days, cal.add_workdays):
            assert _form(count(local_t, n, close_of_business=cob)) == _form(
                count(t, n, close_of_business=cob)
            )


@pytest.mark.parametrize(
    "cal",
    CALENDARS[2:],
    ids=["berlin-24x7", "berlin-24h", "berlin-night", "new-york", "berlin-seasons"],
)
def test_every_quarter_hour_around_the_clock_changes(cal: Calendar) -> None:
    """Both occurrences of a repeated hour (``fold``), and times around a skipped one."""
    hour = timedelta(hours=1)
    for day in _CHANGE_DAYS:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC) - 30 * hour
        for k in range(60 * 4):
            t = start + k * timedelta(minutes=15)
            local = t.astimezone(cal.tz)
            for d in (timedelta(minutes=1), 3 * hour, 30 * hour):
                assert _form(cal.add(local, d)) == _form(cal.add(t, d)), (local, d)
                later = (t + d).astimezone(cal.tz)  # not local + d: that is wall-clock time
                assert cal.elapsed(local, later) == cal.elapsed(t, t + d), (local, d)


def test_the_fast_path_still_rejects_bad_input() -> None:
    cal = CALENDARS[0]
    t = datetime(2026, 3, 2, 10, tzinfo=cal.tz)
    cal.add(t, timedelta(hours=1))  # laid out: the next calls could take the fast path
    with pytest.raises(ValueError, match="must not be negative"):
        cal.add(t, timedelta(hours=-1))
    with pytest.raises(TypeError, match="d must be a timedelta"):
        cal.add(t, 3600)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="b must be a timezone-aware datetime"):
        cal.elapsed(t, t.timetz())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a must be timezone-aware"):
        cal.elapsed(t.replace(tzinfo=None), t)


def test_a_query_past_the_laid_out_years_extends_them_and_stays_exact() -> None:
    # 2026-03-02 (Mon) 10:00 + 2,000 working days of 7 h: beyond every year laid out so far.
    cal = Calendar("mon-fri 09:00-12:00,13:30-17:30")
    sh = ZoneInfo("Asia/Shanghai")
    t = datetime(2026, 3, 2, 10, tzinfo=sh)
    end = cal.add(t, timedelta(hours=7 * 2000))
    assert end.year >= 2033
    assert cal.elapsed(t, end) == timedelta(hours=7 * 2000)
    assert cal.add(t, timedelta(hours=7 * 2000)) == end  # now through the rebuilt index


def _twin(cal: Calendar) -> Calendar:
    """The same calendar, new: nothing laid out, so its first answer is the general path's."""
    holidays = "CN" if cal.data_source != "none" else None
    if cal.seasons:
        return Calendar("", holidays=holidays, tz=cal.tz.key, seasons=cal.seasons)
    return Calendar(cal.hours, holidays=holidays, tz=cal.tz.key)


@pytest.mark.parametrize("cal", CALENDARS, ids=lambda cal: f"{cal.hours}@{cal.tz.key}")
@pytest.mark.parametrize("cob", [False, True])
def test_day_counts_end_where_the_general_path_ends_them(cal: Calendar, cob: bool) -> None:
    # 2026-03-04 (Wed) 10:00 + 3 days / 3 workdays, and + 25 days, which reaches the
    # Berlin and New York clock changes of March 2026: each answer is compared with the
    # first answer of a fresh twin calendar, which has no fast index yet.
    t = datetime(2026, 3, 4, 10, tzinfo=cal.tz)
    cal.elapsed(t.astimezone(UTC), t.astimezone(UTC))  # a general-path query builds the index
    for n in (3, 25):
        for name in ("add_days", "add_workdays"):
            ours = getattr(cal, name)(t, n, close_of_business=cob)
            theirs = getattr(_twin(cal), name)(t, n, close_of_business=cob)
            assert _form(ours) == _form(theirs), (name, n)
