"""Seasonal working hours, worked by hand at the season boundaries.

The calendar is the one Fujian provincial offices keep (夏季作息 / 冬季作息):
summer 05-01 to 09-30, Monday to Friday 08:00-12:00 and 15:00-18:00 (7 h a day);
winter 10-01 to 04-30, Monday to Friday 08:30-12:00 and 14:30-17:30 (6.5 h a day);
with China's statutory holidays and make-up workdays. The 2025 State Council schedule
(国办发明电〔2024〕12号): 劳动节 5月1日至5日放假调休，4月27日（周日）上班；国庆节、中秋节
10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班.
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from slarules.calendar import Calendar
from slarules.calendar.seasons import build_seasons

CST = timezone(timedelta(hours=8))
H = 3600
SUMMER = ("mon-fri 08:00-12:00,15:00-18:00", "05-01", "09-30")
WINTER = ("mon-fri 08:30-12:00,14:30-17:30", "10-01", "04-30")
FUJIAN = Calendar("", seasons=[SUMMER, WINTER])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def test_a_ticket_opened_the_last_winter_afternoon_is_due_in_summer_hours() -> None:
    # Opened Wednesday 30 Apr 2025 16:00 with 4 h of working time: winter hours that day
    # give 16:00-17:30 = 1.5 h; 1-5 May are the May Day holiday; Tuesday 6 May is summer:
    # 08:00 + 2.5 h = 10:30. (Winter hours all year would give 11:00, summer hours all year
    # 10:00: 16:00-18:00 = 2 h, then 08:00-10:00.)
    assert FUJIAN.add(at("2025-04-30T16:00"), timedelta(hours=4)) == at("2025-05-06T10:30")


def test_a_ticket_opened_the_last_summer_evening_is_due_in_winter_hours() -> None:
    # Opened Tuesday 30 Sep 2025 17:00 with 4 h: summer 17:00-18:00 = 1 h; 1-8 Oct are the
    # National Day holiday; Thursday 9 Oct is winter: 08:30 + 3 h = 11:30.
    assert FUJIAN.add(at("2025-09-30T17:00"), timedelta(hours=4)) == at("2025-10-09T11:30")


def test_elapsed_time_across_the_spring_boundary() -> None:
    # 30 Apr 08:30 to 6 May 18:00: a whole winter day (3.5 h + 3 h = 6.5 h), the holiday,
    # and a whole summer day (4 h + 3 h = 7 h) → 13.5 h.
    elapsed = FUJIAN.elapsed(at("2025-04-30T08:30"), at("2025-05-06T18:00"))
    assert elapsed == timedelta(hours=13, minutes=30)


def test_make_up_days_work_the_hours_of_their_season() -> None:
    # Sunday 28 Sep 2025 (调休上班) is in summer; Saturday 11 Oct 2025 in winter; Sunday
    # 27 Apr 2025 in winter.
    assert FUJIAN.day_hours(date(2025, 9, 28)) == ((8 * H, 12 * H), (15 * H, 18 * H))
    assert FUJIAN.day_hours(date(2025, 10, 11)) == ((8 * H + 1800, 12 * H), (14 * H + 1800, 63000))
    assert FUJIAN.day_hours(date(2025, 4, 27)) == ((8 * H + 1800, 12 * H), (14 * H + 1800, 63000))


def test_a_clock_started_before_summer_opening_starts_at_08_00() -> None:
    # Before the morning's work: winter would start at 08:30, summer starts at 08:00.
    assert FUJIAN.next_working(at("2025-05-06T07:00")) == at("2025-05-06T08:00")
    assert FUJIAN.next_working(at("2025-04-29T07:00")) == at("2025-04-29T08:30")


def test_a_winter_that_runs_past_new_year_covers_02_29() -> None:
    # 29 Feb 2028 (a Tuesday) is in the winter range 10-01 … 04-30.
    assert FUJIAN.day_hours(date(2028, 2, 29)) == ((8 * H + 1800, 12 * H), (14 * H + 1800, 63000))


def test_seasonal_calendars_compare_by_their_seasons() -> None:
    assert Calendar("", seasons=[SUMMER, WINTER]) == FUJIAN
    assert Calendar("", seasons=[SUMMER, ("mon-fri 09:00-17:00", "10-01", "04-30")]) != FUJIAN
    assert FUJIAN.hours == (
        "mon-fri 08:00-12:00,15:00-18:00 from 05-01 to 09-30; "
        "mon-fri 08:30-12:00,14:30-17:30 from 10-01 to 04-30"
    )


@pytest.mark.parametrize(
    ("seasons", "message"),
    [
        ([SUMMER, ("mon-fri 09:00-17:00", "10-01", "04-29")], "no season covers 04-30"),
        ([SUMMER, ("mon-fri 09:00-17:00", "09-30", "04-30")], "overlap on 09-30"),
        ([("mon-fri 09:00-17:00", "03-01", "02-28")], "no season covers 02-29"),
        ([SUMMER, ("24x7", "10-01", "04-30")], "cannot be 24x7"),
        ([SUMMER, ("mon-fri 09:00-17:00", "10-01", "02-30")], "no such day"),
        ([SUMMER, ("mon-fri 9-17", "10-01", "04-30")], "is not a time range"),
        ([SUMMER, ("mon-fri 09:00-17:00", "10-1", "04-30")], "write MM-DD"),
    ],
)
def test_a_schedule_that_cannot_be_evaluated_is_refused(
    seasons: list[tuple[str, str, str]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_seasons(seasons)
    with pytest.raises(ValueError, match=message):
        Calendar("", seasons=seasons)


def test_hours_and_seasons_together_are_refused() -> None:
    with pytest.raises(ValueError, match="either hours or seasons"):
        Calendar("mon-fri 09:00-17:00", seasons=[SUMMER, WINTER])
