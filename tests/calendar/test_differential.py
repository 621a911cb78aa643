"""Differential tests against independent oracles (SPEC section 10).

* ``chinesecalendar`` for every day of 2004-2026, the years both it and ``holidays`` cover.
* pandas ``CustomBusinessHour`` for 1,000 random deadlines on a schedule without make-up days.

Each disagreement found is listed below with the State Council notice that settles it.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slarules.calendar import Calendar
from slarules.calendar.daysource import DayKind, china_day_source

FIRST, LAST = date(2004, 1, 1), date(2026, 12, 31)
EVERY_DAY = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
SH = ZoneInfo("Asia/Shanghai")

# Working-day disagreements, settled for `holidays`:
# 国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）: "元旦：1月1日—3日放假，
# ……将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、3日（星期二），
# 12月31日（星期六）上班。" chinesecalendar has 2005-12-31 as a rest day.
WORKDAY_DISAGREEMENTS = {date(2005, 12, 31): True}

# Weekend days slarules treats as part of a holiday period although chinesecalendar labels them
# ordinary weekends.  All are rest days for both; the label only matters for schedules that
# work weekends.  slarules reads an unbroken run of rest days around a holiday as one holiday
# period: older notices phrase it "X日放假，与周末连休" or "X日放假，Y日补休", newer ones
# "X日至Y日放假，共N天" for the same shape (compare 2015-04-04 with 2026-04-04).  2012-06-23 is
# 端午节 itself (notice: "6月22日至24日放假公休"), which chinesecalendar labels as a weekend.
WEEKEND_LABEL_DIFFERENCES = {
    date(2011, 6, 5), date(2012, 6, 23), date(2014, 5, 31), date(2014, 6, 1),
    date(2014, 9, 6), date(2014, 9, 7), date(2015, 4, 4), date(2015, 5, 2),
    date(2015, 5, 3), date(2015, 6, 21), date(2015, 9, 5), date(2015, 9, 26),
    date(2016, 1, 2), date(2016, 1, 3), date(2016, 4, 2), date(2016, 4, 3),
    date(2016, 4, 30), date(2016, 12, 31), date(2017, 4, 29), date(2017, 4, 30),
    date(2017, 12, 30), date(2017, 12, 31), date(2018, 6, 16), date(2018, 6, 17),
    date(2018, 9, 22), date(2018, 9, 23), date(2024, 6, 8), date(2024, 6, 9),
}  # fmt: skip


def test_workdays_agree_with_chinesecalendar_every_day_2004_2026() -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    cal = Calendar("mon-fri 09:00-17:00")
    ours = {day: cal.is_workday(day) for day in EVERY_DAY}
    theirs = {day: chinese_calendar.is_workday(day) for day in EVERY_DAY}
    disagreements = {day: ours[day] for day in EVERY_DAY if ours[day] != theirs[day]}
    assert len(EVERY_DAY) == 8401
    assert disagreements == WORKDAY_DISAGREEMENTS


def test_holiday_and_makeup_labels_agree_with_chinesecalendar() -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    source = china_day_source()
    kinds = {day: source.kind(day) for day in EVERY_DAY}
    named_rest = {
        day
        for day in EVERY_DAY
        if not chinese_calendar.is_workday(day) and chinese_calendar.get_holiday_detail(day)[1]
    }
    weekend_work = {
        day for day in EVERY_DAY if day.weekday() >= 5 and chinese_calendar.is_workday(day)
    }
    ours_holiday = {day for day, kind in kinds.items() if kind is DayKind.HOLIDAY}
    ours_makeup = {day for day, kind in kinds.items() if kind is DayKind.MAKEUP}
    assert named_rest - ours_holiday == set()
    assert ours_holiday - named_rest == WEEKEND_LABEL_DIFFERENCES
    assert all(day.weekday() >= 5 for day in WEEKEND_LABEL_DIFFERENCES)
    assert ours_makeup ^ weekend_work == set(WORKDAY_DISAGREEMENTS)


def test_add_agrees_with_pandas_custom_business_hour() -> None:
    """1,000 random deadlines on 09:00-17:00 with China's weekday holidays, no make-up days.

    pandas returns the next opening where slarules returns the closing instant (a duration
    used up at 17:00 is 17:00 for slarules, next morning 09:00 for pandas), so the two agree
    once slarules' answer is moved to its clock start.  pandas adds whole hours only.
    """
    pd = pytest.importorskip("pandas")
    source = china_day_source()
    days = [date(2009, 1, 1) + timedelta(days=n) for n in range(365 * 19)]
    holidays = [d for d in days if d.weekday() < 5 and source.kind(d) is DayKind.HOLIDAY]
    cal = Calendar("mon-fri 09:00-17:00", holidays=None, extra_holidays=holidays)
    offsets: dict[int, object] = {}
    rng = random.Random(20260213)
    for _ in range(1000):
        start = datetime(2010, 1, 1) + timedelta(minutes=rng.randrange(16 * 365 * 24 * 60))
        hours = rng.randint(1, 80)
        offset = offsets.setdefault(
            hours,
            pd.offsets.CustomBusinessHour(n=hours, start="09:00", end="17:00", holidays=holidays),
        )
        expected = (pd.Timestamp(start) + offset).to_pydatetime().replace(tzinfo=SH)
        ours = cal.add(start.replace(tzinfo=SH), timedelta(hours=hours))
        assert cal.next_working(ours) == expected, (start, hours)
        assert ours == expected or not cal.is_working(ours), (start, hours)
