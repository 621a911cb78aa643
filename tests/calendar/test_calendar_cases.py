"""Hand-worked deadlines around the 2026 Chinese holidays, DST weeks and Civil Code counts.

Schedule used unless said otherwise: ``mon-fri 09:00-12:00,13:30-17:30`` (7 working hours a
day) with China's day source.  The 2026 notice (国务院办公厅, 2025-11-04): 春节 2月15日至23日
放假调休, 2月14日（周六）、2月28日（周六）上班; 劳动节 5月1日至5日, 5月9日（周六）上班;
国庆节 10月1日至7日, 9月20日（周日）、10月10日（周六）上班.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from slarules.calendar import Calendar

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
H = timedelta(hours=1)
M = timedelta(minutes=1)

OFFICE = Calendar("mon-fri 09:00-12:00,13:30-17:30")
FLAT = Calendar("mon-fri 09:00-17:00")
SATURDAYS = Calendar("mon-fri 08:30-12:00,14:30-17:30; sat 09:00-12:00")
ROUND_THE_CLOCK = Calendar("24x7")


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Shanghai wall-clock time, the way tickets in the reference contracts are stamped."""
    return datetime(year, month, day, hour, minute, tzinfo=SH)


# -- Spring Festival 2026 --------------------------------------------------------------------


def test_friday_ticket_runs_into_the_makeup_saturday() -> None:
    # Fri 02-13 16:00-17:30 uses 1h30; the remaining 30 min run on the make-up Saturday
    # 02-14 from 09:00, so the deadline is 09:30 (not Tue 02-24 after the holiday).
    assert OFFICE.add(sh(2026, 2, 13, 16), 2 * H) == sh(2026, 2, 14, 9, 30)


def test_flat_day_makeup_saturday_versus_pandas() -> None:
    # On 09:00-17:00: Fri 16:00-17:00 is 1h, then Sat 02-14 (make-up) 09:00-10:00.
    # pandas CustomBusinessHour knows no make-up days and would say Tue 2026-02-24 10:00.
    assert FLAT.add(sh(2026, 2, 13, 16), 2 * H) == sh(2026, 2, 14, 10)


def test_makeup_saturday_to_after_the_festival() -> None:
    # Sat 02-14 16:00-17:30 is 1h30; 02-15..23 are off; Tue 02-24 needs 6h30:
    # 09:00-12:00 (3h) and 13:30-17:00 (3h30) -> 17:00.
    assert OFFICE.add(sh(2026, 2, 14, 16), 8 * H) == sh(2026, 2, 24, 17)


def test_clock_opened_during_the_festival_starts_after_it() -> None:
    assert OFFICE.next_working(sh(2026, 2, 18, 10)) == sh(2026, 2, 24, 9)
    assert OFFICE.add(sh(2026, 2, 18, 10), 45 * M) == sh(2026, 2, 24, 9, 45)
    assert not OFFICE.is_working(sh(2026, 2, 23, 10))  # Monday, substituted day off
    assert OFFICE.is_working(sh(2026, 2, 28, 10))  # Saturday, make-up day


def test_working_time_across_the_festival() -> None:
    # 02-13 (7h) + 02-14 make-up (7h) + 02-24 (7h); 02-15..23 contribute nothing.
    assert OFFICE.elapsed(sh(2026, 2, 13), sh(2026, 2, 25)) == 21 * H


# -- Labour Day and National Day 2026 --------------------------------------------------------


def test_labour_day() -> None:
    # Thu 04-30 17:00-17:30 (30 min); 05-01..05 off; Wed 05-06 needs 3h30:
    # 09:00-12:00 (3h) and 13:30-14:00 -> 14:00.
    assert OFFICE.add(sh(2026, 4, 30, 17), 4 * H) == sh(2026, 5, 6, 14)
    # Fri 05-08 17:00-17:30 (30 min), then the make-up Saturday 05-09 09:00-09:30.
    assert OFFICE.add(sh(2026, 5, 8, 17), 1 * H) == sh(2026, 5, 9, 9, 30)


def test_national_day() -> None:
    # Wed 09-30 15:00-17:30 (2h30); 10-01..07 off; Thu 10-08 needs 4h30:
    # 09:00-12:00 (3h) and 13:30-15:00 -> 15:00.
    assert OFFICE.add(sh(2026, 9, 30, 15), 7 * H) == sh(2026, 10, 8, 15)
    # Sat 09-19 is a rest day; Sun 09-20 is a make-up day, so the clock starts then.
    assert OFFICE.add(sh(2026, 9, 19, 10), 1 * H) == sh(2026, 9, 20, 10)
    # 09-30 (7h) + 10-08 (7h) between 09-30 00:00 and 10-09 00:00.
    assert OFFICE.elapsed(sh(2026, 9, 30), sh(2026, 10, 9)) == 14 * H


# -- one day with two intervals --------------------------------------------------------------


def test_multi_interval_day() -> None:
    # Mon 2026-03-02: 11:00-12:00 (1h), lunch, 13:30-14:30 (1h).
    assert OFFICE.add(sh(2026, 3, 2, 11), 2 * H) == sh(2026, 3, 2, 14, 30)
    # Opened at lunch: the clock starts at 13:30.
    assert OFFICE.add(sh(2026, 3, 2, 12, 30), 1 * H) == sh(2026, 3, 2, 14, 30)
    assert OFFICE.elapsed(sh(2026, 3, 2, 11, 30), sh(2026, 3, 2, 14)) == 1 * H
    assert OFFICE.elapsed(sh(2026, 3, 2, 12), sh(2026, 3, 2, 13, 30)) == timedelta(0)


def test_duration_ending_at_close_returns_close() -> None:
    assert OFFICE.add(sh(2026, 3, 2, 16, 30), 1 * H) == sh(2026, 3, 2, 17, 30)
    assert OFFICE.add(sh(2026, 3, 2, 11), 1 * H) == sh(2026, 3, 2, 12)
    assert not OFFICE.is_working(sh(2026, 3, 2, 17, 30))
    assert OFFICE.is_working(sh(2026, 3, 2, 9))
    # One microsecond more goes to the next morning.
    late = OFFICE.add(sh(2026, 3, 2, 16, 30), 1 * H + timedelta(microseconds=1))
    assert late == sh(2026, 3, 3, 9) + timedelta(microseconds=1)


def test_zero_duration_is_the_clock_start() -> None:
    assert OFFICE.add(sh(2026, 3, 2, 10), timedelta(0)) == sh(2026, 3, 2, 10)
    assert OFFICE.add(sh(2026, 3, 2, 12), timedelta(0)) == sh(2026, 3, 2, 13, 30)
    assert OFFICE.add(sh(2026, 3, 2, 17, 30), timedelta(0)) == sh(2026, 3, 3, 9)


def test_results_are_in_the_calendar_timezone() -> None:
    # 2026-02-13 08:00Z is 16:00 in Shanghai.
    result = OFFICE.add(datetime(2026, 2, 13, 8, tzinfo=UTC), 2 * H)
    assert result == sh(2026, 2, 14, 9, 30)
    assert result.tzinfo is SH
    assert result.utcoffset() == 8 * H


# -- Saturday hours --------------------------------------------------------------------------


def test_saturday_schedule() -> None:
    assert SATURDAYS.day_hours(date(2026, 3, 7)) == ((9 * 3600, 12 * 3600),)  # plain Saturday
    assert SATURDAYS.day_hours(date(2026, 2, 21)) == ()  # Saturday inside 春节 block
    assert SATURDAYS.day_hours(date(2026, 10, 3)) == ()  # Saturday, 国庆节
    # Make-up Saturday 10-10 works Monday's hours, not Saturday's.
    assert SATURDAYS.day_hours(date(2026, 10, 10)) == SATURDAYS.day_hours(date(2026, 10, 12))
    # Fri 03-06 17:00-17:30 (30 min), then Sat 03-07 09:00-10:30.
    assert SATURDAYS.add(sh(2026, 3, 6, 17), 2 * H) == sh(2026, 3, 7, 10, 30)


# -- 24x7 ------------------------------------------------------------------------------------


def test_24x7_ignores_holidays_for_time_but_not_for_workdays() -> None:
    assert ROUND_THE_CLOCK.add(sh(2026, 2, 13, 16), 48 * H) == sh(2026, 2, 15, 16)
    assert ROUND_THE_CLOCK.elapsed(sh(2026, 2, 15), sh(2026, 2, 16)) == 24 * H
    assert ROUND_THE_CLOCK.is_working(sh(2026, 2, 17, 3))
    assert ROUND_THE_CLOCK.next_working(sh(2026, 2, 17, 3)) == sh(2026, 2, 17, 3)
    assert ROUND_THE_CLOCK.is_workday(date(2026, 2, 14))  # make-up Saturday
    assert not ROUND_THE_CLOCK.is_workday(date(2026, 2, 17))  # 春节
    assert not ROUND_THE_CLOCK.is_workday(date(2026, 3, 7))  # plain Saturday
    assert ROUND_THE_CLOCK.add_workdays(sh(2026, 2, 13, 16), 2) == sh(2026, 2, 25)
    assert Calendar("24x7", holidays=None).is_workday(date(2026, 2, 17))


# -- daylight saving time --------------------------------------------------------------------


def test_dst_week_in_berlin() -> None:
    cal = Calendar("mon-fri 09:00-17:00", holidays=None, tz="Europe/Berlin")
    # Clocks go forward on Sun 2026-03-29. Fri 16:00 CET (+01:00) + 2h: 1h on Friday,
    # then Mon 09:00-10:00 CEST (+02:00).
    friday = datetime(2026, 3, 27, 16, tzinfo=BERLIN)
    assert cal.add(friday, 2 * H) == datetime(2026, 3, 30, 10, tzinfo=BERLIN)
    assert cal.add(friday, 2 * H) == datetime(2026, 3, 30, 8, tzinfo=UTC)
    # Monday still works 09:00-17:00 local: 8 real hours.
    assert (
        cal.elapsed(datetime(2026, 3, 30, tzinfo=BERLIN), datetime(2026, 3, 31, tzinfo=BERLIN))
        == 8 * H
    )
    assert cal.next_working(datetime(2026, 3, 28, 12, tzinfo=BERLIN)).hour == 9


def test_dst_change_day_keeps_wall_clock_hours_and_counts_real_time() -> None:
    daily = Calendar("daily 09:00-17:00", holidays=None, tz="Europe/Berlin")
    sunday = datetime(2026, 3, 29, tzinfo=BERLIN)
    assert daily.next_working(sunday) == datetime(2026, 3, 29, 9, tzinfo=BERLIN)
    assert daily.next_working(sunday) == datetime(2026, 3, 29, 7, tzinfo=UTC)
    assert daily.elapsed(sunday, sunday + timedelta(days=1)) == 8 * H
    whole = Calendar("daily 00:00-24:00", holidays=None, tz="Europe/Berlin")
    # The spring day has 23 real hours, the autumn day (2026-10-25) 25.
    assert whole.elapsed(sunday, datetime(2026, 3, 30, tzinfo=BERLIN)) == 23 * H
    autumn = datetime(2026, 10, 25, tzinfo=BERLIN)
    assert whole.elapsed(autumn, datetime(2026, 10, 26, tzinfo=BERLIN)) == 25 * H


def test_boundary_inside_the_dst_gap_moves_to_the_end_of_the_gap() -> None:
    # 02:30 does not exist on 2026-03-29 in Berlin: the interval starts at 03:00 CEST.
    cal = Calendar("daily 02:30-03:30", holidays=None, tz="Europe/Berlin")
    start = cal.next_working(datetime(2026, 3, 29, tzinfo=BERLIN))
    assert start == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert cal.elapsed(start, start + 2 * H) == 30 * M


def test_new_york_dst() -> None:
    cal = Calendar("mon-fri 09:00-17:00", holidays=None, tz="America/New_York")
    # Clocks go forward on Sun 2026-03-08: Fri 16:00 EST + 2h -> Mon 10:00 EDT (14:00Z).
    assert cal.add(datetime(2026, 3, 6, 16, tzinfo=NEW_YORK), 2 * H) == datetime(
        2026, 3, 9, 14, tzinfo=UTC
    )


# -- periods counted in days (Civil Code arts. 201-203) --------------------------------------


def test_add_workdays() -> None:
    friday = sh(2026, 2, 13, 16)
    # The day of the ticket is not counted; the make-up Saturday is the first workday.
    assert OFFICE.add_workdays(friday, 1) == sh(2026, 2, 15)  # 24:00 on 02-14
    assert OFFICE.add_workdays(friday, 2) == sh(2026, 2, 25)  # 24:00 on 02-24
    assert OFFICE.add_workdays(friday, 2, close_of_business=True) == sh(2026, 2, 24, 17, 30)
    # Opened on a holiday: the first workday is the next one, 02-24.
    assert OFFICE.add_workdays(sh(2026, 2, 17, 10), 1) == sh(2026, 2, 25)
    # 15 workdays from Thu 2026-09-24: 09-25 is 中秋节 and 10-01..07 国庆节, so
    # 09-28 29 30 (3), 10-08 09 (5), 10-10 make-up Saturday (6), 12..16 (11),
    # 19 20 21 22 (15) -> 24:00 on 10-22.
    assert OFFICE.add_workdays(sh(2026, 9, 24, 9), 15) == sh(2026, 10, 23)


def test_add_workdays_uses_the_local_day_of_the_instant() -> None:
    # 2026-02-13 17:00Z is already Saturday 02-14 01:00 in Shanghai, so 02-14 is not counted.
    assert OFFICE.add_workdays(datetime(2026, 2, 13, 17, tzinfo=UTC), 1) == sh(2026, 2, 25)


def test_add_days() -> None:
    # Last day 02-16 is in the 春节 block: the period ends on 02-24 at 24:00.
    assert OFFICE.add_days(sh(2026, 2, 13, 16), 3) == sh(2026, 2, 25)
    # Last day is the make-up Saturday 02-14: a working day, so it stands.
    assert OFFICE.add_days(sh(2026, 2, 10, 16), 4) == sh(2026, 2, 15)
    # Last day Sat 03-07 (plain rest day) moves to Mon 03-09.
    assert OFFICE.add_days(sh(2026, 3, 2, 10), 5) == sh(2026, 3, 10)
    assert OFFICE.add_days(sh(2026, 3, 2, 10), 5, close_of_business=True) == sh(2026, 3, 9, 17, 30)
    # The Saturday desk works 03-07, so there it stands.
    assert SATURDAYS.add_days(sh(2026, 3, 2, 10), 5, close_of_business=True) == sh(2026, 3, 7, 12)


def test_add_months() -> None:
    # 01-31 + 1 month: no 02-31, so 02-28, which is a make-up Saturday -> stands.
    assert OFFICE.add_months(sh(2026, 1, 31, 10), 1) == sh(2026, 3, 1)
    assert OFFICE.add_months(sh(2026, 3, 31, 10), 1) == sh(2026, 5, 1)  # 04-30, Thursday
    assert OFFICE.add_months(sh(2024, 1, 31, 10), 1) == sh(2024, 3, 1)  # 2024-02-29 (leap)
    # 09-01 + 1 month = 10-01, 国庆节 -> first workday 10-08.
    assert OFFICE.add_months(sh(2026, 9, 1, 10), 1) == sh(2026, 10, 9)
    assert OFFICE.add_months(sh(2025, 12, 15, 10), 12) == sh(2026, 12, 16)  # a year: Tue 12-15
    assert OFFICE.add_months(sh(2025, 11, 30), 3, close_of_business=True) == sh(2026, 2, 28, 17, 30)


@pytest.mark.parametrize("method", ["add_workdays", "add_days", "add_months"])
def test_day_counts_need_a_positive_count(method: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        getattr(OFFICE, method)(sh(2026, 3, 2), 0)


# -- day source, extras and metadata ---------------------------------------------------------


def test_no_day_source_follows_the_weekly_schedule() -> None:
    plain = Calendar("mon-fri 09:00-12:00,13:30-17:30", holidays=None)
    assert plain.is_workday(date(2026, 2, 17))
    assert not plain.is_workday(date(2026, 2, 14))
    assert plain.add(sh(2026, 2, 13, 16), 2 * H) == sh(2026, 2, 16, 9, 30)
    assert plain.data_source == "none"
    assert plain.provisional_years(date(2025, 1, 1), date(2030, 1, 1)) == []


def test_extra_days() -> None:
    cal = Calendar(
        "mon-fri 09:00-17:00",
        extra_holidays=[date(2026, 3, 2)],
        extra_workdays=[date(2026, 3, 7), date(2026, 2, 17)],
    )
    assert not cal.is_workday(date(2026, 3, 2))
    assert cal.is_workday(date(2026, 3, 7))
    assert cal.is_workday(date(2026, 2, 17))  # an explicit extra workday beats the holiday
    assert cal.add(sh(2026, 2, 27, 16), 2 * H) == sh(2026, 2, 28, 10)  # Sat 02-28 make-up
    assert cal.add(sh(2026, 3, 6, 16), 2 * H) == sh(2026, 3, 7, 10)
    with pytest.raises(ValueError, match="both extra holidays and extra workdays"):
        Calendar("24x7", extra_holidays=[date(2026, 1, 5)], extra_workdays=[date(2026, 1, 5)])


def test_metadata() -> None:
    assert OFFICE.data_source.startswith("holidays ")
    assert OFFICE.provisional_years(date(2025, 6, 1), date(2028, 5, 31)) == [2027, 2028]
    assert OFFICE.provisional_years(date(2026, 1, 1), date(2026, 12, 31)) == []
    assert OFFICE.tz == SH
    assert not OFFICE.is_24x7 and ROUND_THE_CLOCK.is_24x7
    assert Calendar("mon-fri 09:00-12:00, 13:30-17:30", "CN", "Asia/Shanghai") == OFFICE
    assert hash(OFFICE) == hash(Calendar("mon-fri 09:00-12:00,13:30-17:30"))
    assert Calendar("mon-fri 09:00-12:00,13:30-17:30", holidays=None) != OFFICE
    assert "Asia/Shanghai" in repr(OFFICE)


# -- refusals --------------------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 2, 13, 16)
    message = r"t must be timezone-aware \(got naive 2026-02-13 16:00:00\)"
    with pytest.raises(ValueError, match=message):
        OFFICE.add(naive, H)
    with pytest.raises(ValueError, match=message):
        ROUND_THE_CLOCK.add(naive, H)
    with pytest.raises(ValueError, match="b must be timezone-aware"):
        OFFICE.elapsed(sh(2026, 2, 13), naive)
    for method in ("next_working", "is_working"):
        with pytest.raises(ValueError, match="t must be timezone-aware"):
            getattr(OFFICE, method)(naive)
    for method in ("add_workdays", "add_days", "add_months"):
        with pytest.raises(ValueError, match="t must be timezone-aware"):
            getattr(OFFICE, method)(naive, 1)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        OFFICE.add(sh(2026, 3, 2), -H)
    with pytest.raises(TypeError, match="timezone-aware datetime"):
        OFFICE.add(date(2026, 3, 2), H)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bad hours 'mon-fry 09:00-17:00'"):
        Calendar("mon-fry 09:00-17:00")
    # Issue 13: any country of the holidays package is a day source; an unknown one is not.
    with pytest.raises(ValueError, match="the holidays package has no country 'XX'"):
        Calendar("24x7", holidays="XX")
    with pytest.raises(ValueError, match="unknown counting 'lax'"):
        Calendar("24x7", counting="lax")
    with pytest.raises(TypeError, match="extra_holidays must hold dates"):
        Calendar("24x7", extra_holidays=[sh(2026, 3, 2)])
    with pytest.raises(ValueError, match="unknown timezone 'Asia/Beijing'"):
        Calendar("24x7", tz="Asia/Beijing")


def test_range_limits() -> None:
    with pytest.raises(ValueError, match="outside the calendar's range"):
        Calendar("mon-fri 09:00-17:00", holidays=None).add(sh(1960, 1, 4), H)
    with pytest.raises(ValueError, match="beyond 2200"):
        Calendar("mon 09:00-10:00", holidays=None).add(sh(2200, 12, 1), 100 * H)
    with pytest.raises(ValueError, match="no China holiday data for 2101"):
        OFFICE.add(sh(2100, 12, 30), 100 * H)


def test_fixed_offset_input() -> None:
    # 2026-02-13 03:00 at -05:00 is 16:00 in Shanghai.
    minus_five = timezone(timedelta(hours=-5))
    assert OFFICE.add(datetime(2026, 2, 13, 3, tzinfo=minus_five), 2 * H) == sh(2026, 2, 14, 9, 30)


def test_lazy_layout_in_both_directions_gives_the_same_totals() -> None:
    # A fresh calendar asked about 2026 first, then about 2019: the earlier years are laid
    # out in front of the later ones and every running total shifts.  Working time over
    # 2019-01-01..2026-06-01 must still be 7 hours per working day.
    cal = Calendar("mon-fri 09:00-12:00,13:30-17:30")
    assert cal.add(sh(2026, 2, 13, 16), 2 * H) == sh(2026, 2, 14, 9, 30)
    first, last = date(2019, 1, 1), date(2026, 6, 1)
    days = [first + timedelta(days=n) for n in range((last - first).days)]
    workdays = sum(cal.is_workday(day) for day in days)
    assert cal.elapsed(sh(2019, 1, 1), sh(2026, 6, 1)) == 7 * H * workdays
    assert cal.add(sh(2019, 1, 1), 7 * H * workdays) == sh(2026, 5, 29, 17, 30)  # Fri 05-29


def test_days_after_counts_the_working_days_after_the_first_day() -> None:
    # 2024 Spring Festival (国办发明电〔2023〕7号): 2月10日至17日放假，2月18日（周日）上班.
    # After Friday 9 Feb (除夕, worked) up to Sunday 18 Feb: only the make-up Sunday → 1.
    assert OFFICE.days_after(sh(2024, 2, 9, 9), sh(2024, 2, 18, 23), workdays=True) == 1
    # Calendar days: 10th … 18th → 9; the same day, or a day before, → 0.
    assert OFFICE.days_after(sh(2024, 2, 9, 9), sh(2024, 2, 18, 1), workdays=False) == 9
    assert OFFICE.days_after(sh(2024, 2, 9, 9), sh(2024, 2, 9, 23), workdays=True) == 0
    assert OFFICE.days_after(sh(2024, 2, 9, 9), sh(2024, 2, 8, 9), workdays=True) == 0


def test_end_of_first_workday_skips_the_festival() -> None:
    # Reopened Saturday 10 Feb 2024 (festival): the first working day from it is Sunday 18
    # Feb (make-up); 24:00 of it is 19 Feb 00:00, its close of business 17:30.
    assert OFFICE.end_of_first_workday(sh(2024, 2, 10, 9)) == sh(2024, 2, 19)
    assert OFFICE.end_of_first_workday(sh(2024, 2, 10, 9), close_of_business=True) == sh(
        2024, 2, 18, 17, 30
    )
