"""China's day source: how slarules reads the ``holidays`` package, checked against notices.

Expected values quote 国务院办公厅关于2026年部分节假日安排的通知 (2025年11月4日):
元旦 1月1日至3日放假，1月4日（周日）上班; 春节 2月15日至23日放假调休，共9天，2月14日（周六）、
2月28日（周六）上班; 清明节 4月4日至6日; 劳动节 5月1日至5日放假调休，5月9日（周六）上班;
端午节 6月19日至21日; 中秋节 9月25日至27日; 国庆节 10月1日至7日放假调休，9月20日（周日）、
10月10日（周六）上班.
"""

from datetime import date, timedelta

import pytest
from holidays.countries.china import ChinaStaticHolidays

from slarules.calendar import daysource
from slarules.calendar.daysource import OVERRIDES, ChinaDaySource, DayKind, published_years

SOURCE = daysource.china_day_source()


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_version_names_the_package() -> None:
    assert SOURCE.version.startswith("holidays 0.")


def test_published_years_are_the_notice_years() -> None:
    years = published_years()
    # Every holidays release since 0.108 transcribes the notices of 2001-2026.
    assert set(range(2001, 2027)) <= years
    assert min(years) == 2001
    assert years == set(range(2001, max(years) + 1))  # no gaps
    assert SOURCE.is_provisional(max(years) + 1)
    assert SOURCE.is_provisional(2000)
    assert not SOURCE.is_provisional(2026)


def test_published_years_fails_loudly_if_the_package_moves_its_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(ChinaStaticHolidays, "special_public_holidays")
    with pytest.raises(RuntimeError, match="special_public_holidays"):
        published_years()


def test_2026_makeup_workdays() -> None:
    makeups = [
        d for d in _days(date(2026, 1, 1), date(2026, 12, 31)) if SOURCE.kind(d) is DayKind.MAKEUP
    ]
    assert makeups == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 1, 1), date(2026, 1, 3)),  # 元旦, Thu-Sat
        (date(2026, 2, 15), date(2026, 2, 23)),  # 春节, 9 days incl. Sat 21 and Sun 22
        (date(2026, 4, 4), date(2026, 4, 6)),  # 清明
        (date(2026, 5, 1), date(2026, 5, 5)),  # 劳动节
        (date(2026, 6, 19), date(2026, 6, 21)),  # 端午
        (date(2026, 9, 25), date(2026, 9, 27)),  # 中秋
        (date(2026, 10, 1), date(2026, 10, 7)),  # 国庆
    ],
)
def test_2026_holiday_blocks_are_whole(first: date, last: date) -> None:
    assert all(SOURCE.kind(d) is DayKind.HOLIDAY for d in _days(first, last))
    assert SOURCE.kind(first - timedelta(days=1)) is not DayKind.HOLIDAY
    assert SOURCE.kind(last + timedelta(days=1)) is not DayKind.HOLIDAY


def test_2026_holiday_count() -> None:
    holidays = [
        d for d in _days(date(2026, 1, 1), date(2026, 12, 31)) if SOURCE.kind(d) is DayKind.HOLIDAY
    ]
    assert len(holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_ordinary_weekend_is_ordinary() -> None:
    assert SOURCE.kind(date(2026, 3, 7)) is DayKind.ORDINARY  # a plain Saturday
    assert SOURCE.kind(date(2026, 3, 9)) is DayKind.ORDINARY  # a plain Monday


def test_cross_year_makeup_from_five_tuples() -> None:
    # (JAN, 2, DEC, 29, 2001) in the 2002 notice: 2001-12-29 (Sat) is worked.
    assert SOURCE.kind(date(2001, 12, 29)) is DayKind.MAKEUP
    assert SOURCE.kind(date(2001, 12, 30)) is DayKind.MAKEUP
    # 国办发明电〔2005〕35号: "12月31日（星期六）上班".
    assert SOURCE.kind(date(2005, 12, 31)) is DayKind.MAKEUP


def test_every_weekend_from_date_in_the_notices_is_a_makeup_day() -> None:
    """The package's public ``is_working_day`` agrees with its raw notice table."""
    for year, entries in ChinaStaticHolidays.special_public_holidays.items():
        for entry in entries:
            if len(entry) < 4:
                continue  # (month, day, name): an extra day off, no make-up
            from_date = date(entry[4] if len(entry) == 5 else year, entry[2], entry[3])
            if from_date.weekday() >= 5:
                assert SOURCE.kind(from_date) is DayKind.MAKEUP, (year, entry)


def test_2027_is_computed_without_makeups() -> None:
    # Provisional: Spring Festival 2027 (Feb 6) is off, but no 调休 is known yet.
    assert SOURCE.kind(date(2027, 2, 6)) is DayKind.HOLIDAY
    year = _days(date(2027, 1, 1), date(2027, 12, 31))
    assert not [d for d in year if SOURCE.kind(d) is DayKind.MAKEUP]


def test_overrides_win_over_the_package() -> None:
    source = ChinaDaySource(
        overrides={date(2026, 2, 14): DayKind.HOLIDAY, date(2026, 3, 9): DayKind.HOLIDAY}
    )
    assert source.kind(date(2026, 2, 14)) is DayKind.HOLIDAY
    assert source.kind(date(2026, 3, 9)) is DayKind.HOLIDAY
    assert source.kind(date(2026, 2, 28)) is DayKind.MAKEUP


def test_shipped_overrides_are_empty_for_this_package_version() -> None:
    # The one disagreement with chinesecalendar (2005-12-31) was settled for `holidays`;
    # see OVERRIDES and test_differential.py.
    assert dict(OVERRIDES) == {}


def test_years_without_package_data_are_refused() -> None:
    with pytest.raises(ValueError, match="no China holiday data for 2101"):
        SOURCE.kind(date(2101, 1, 1))
