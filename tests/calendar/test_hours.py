"""The ``hours`` notation: what a contract's 工作时间 clause becomes, and what is refused."""

import pytest

from slarules.calendar.hours import SECONDS_PER_DAY, format_interval, parse_hours

H = 3600


def test_two_interval_weekdays() -> None:
    # 09:00 = 32400 s, 12:00 = 43200 s, 13:30 = 48600 s, 17:30 = 63000 s.
    schedule = parse_hours("mon-fri 09:00-12:00,13:30-17:30")
    assert schedule.days[:5] == (((9 * H, 12 * H), (13 * H + 1800, 17 * H + 1800)),) * 5
    assert schedule.days[5:] == ((), ())
    assert not schedule.is_24x7


def test_daily_and_groups() -> None:
    assert parse_hours("daily 09:00-21:00").days == (((9 * H, 21 * H),),) * 7
    schedule = parse_hours("mon-fri 08:30-12:00,14:30-17:30; sat 09:00-12:00")
    assert schedule.days[5] == ((9 * H, 12 * H),)
    assert schedule.days[6] == ()
    assert schedule.days[4] == ((8 * H + 1800, 12 * H), (14 * H + 1800, 17 * H + 1800))


def test_lists_single_days_case_and_spaces() -> None:
    schedule = parse_hours(" Mon,WED 09:00-10:00 , 11:00-12:00 ;sat 00:00-24:00 ")
    assert schedule.days[0] == schedule.days[2] == ((9 * H, 10 * H), (11 * H, 12 * H))
    assert schedule.days[1] == ()
    assert schedule.days[5] == ((0, SECONDS_PER_DAY),)


def test_24x7() -> None:
    for spec in ("24x7", "24X7", " 24x7 "):
        schedule = parse_hours(spec)
        assert schedule.is_24x7
        assert schedule.days == (((0, SECONDS_PER_DAY),),) * 7


def test_touching_intervals_merge_and_sort() -> None:
    # Written out of order and touching at 12:00: one stretch 09:00-13:00.
    assert parse_hours("mon 12:00-13:00,09:00-12:00").days[0] == ((9 * H, 13 * H),)


def test_makeup_hours_are_mondays_or_first_weekday() -> None:
    # A make-up Saturday works Monday's hours, not Saturday's.
    schedule = parse_hours("mon 08:00-18:00; tue-fri 09:00-17:00; sat 09:00-12:00")
    assert schedule.makeup_hours() == ((8 * H, 18 * H),)
    assert parse_hours("wed-fri 10:00-11:00").makeup_hours() == ((10 * H, 11 * H),)
    assert parse_hours("sat-sun 10:00-11:00").makeup_hours() == ()


def test_format_interval() -> None:
    assert format_interval((13 * H + 1800, SECONDS_PER_DAY)) == "13:30-24:00"


@pytest.mark.parametrize(
    ("spec", "quoted"),
    [
        ("", "''"),
        ("   ", "''"),
        ("mon-fri", "'mon-fri'"),
        ("09:00-17:00", "'09:00-17:00'"),
        ("xyz 09:00-10:00", "unknown day 'xyz'"),
        ("mon-fry 09:00-10:00", "unknown day 'fry'"),
        ("fri-mon 09:00-10:00", "day range 'fri-mon' runs backwards"),
        ("mon 10:00-09:00", "'10:00-09:00' ends before it starts"),
        ("mon 09:00-09:00", "'09:00-09:00' ends before it starts"),
        ("mon 22:00-06:00", "'22:00-06:00' ends before it starts"),
        ("mon 09:00-12:00,11:00-13:00", "intervals 09:00-12:00 and 11:00-13:00 overlap"),
        ("mon 09:00-10:00; mon 11:00-12:00", "mon is named twice"),
        ("mon-fri 09:00-10:00; daily 11:00-12:00", "mon is named twice"),
        ("daily,sat 09:00-10:00", "sat is named twice"),
        ("mon 24:00-24:00", "24:00 is not a time of day"),
        ("mon 09:60-10:00", "09:60 is not a time of day"),
        ("mon 25:00-26:00", "25:00 is not a time of day"),
        ("mon 9-10", "'9-10' is not a time range"),
        ("mon 09:00-10:00,", "'' is not a time range"),
        ("mon-fri 09:00-12:00;", "empty group"),
        ("mon 09:00-10:00;; tue 09:00-10:00", "empty group"),
    ],
)
def test_malformed_hours_raise_value_error_quoting_the_part(spec: str, quoted: str) -> None:
    with pytest.raises(ValueError, match="bad hours") as raised:
        parse_hours(spec)
    assert quoted in str(raised.value)
