"""Calendars of other countries (issue 13): public holidays of any country (and subdivision)
the ``holidays`` package knows, a per-calendar timezone, ``plain`` day counting, and day-data
provenance for them. Expected dates are worked out by hand from the holiday acts quoted."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.calendar import Calendar
from slarules.calendar.countries import CountryDaySource, country_day_source
from slarules.check import check_ruleset
from slarules.engine.deliverables import due_after_day
from slarules.language.literals import parse_literal
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset
from slarules.model import NO_SPAN

CPH = ZoneInfo("Europe/Copenhagen")

# Helligdagsloven (as amended 2023, store bededag abolished from 2024): nytårsdag,
# skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag,
# 2. pinsedag, juledag, 2. juledag. Easter Sunday 2026 is 5 April; Ascension is 39 days
# later (14 May), Whitsun 49 days (24 May).
DK_2026 = """DK 2026
2026-01-01 holiday
2026-04-02 holiday
2026-04-03 holiday
2026-04-05 holiday
2026-04-06 holiday
2026-05-14 holiday
2026-05-24 holiday
2026-05-25 holiday
2026-12-25 holiday
2026-12-26 holiday
"""


def test_danish_public_holidays_of_2026() -> None:
    source = CountryDaySource("DK")
    assert source.year_text(2026) == DK_2026
    assert source.year_digest(2026) == hashlib.sha256(DK_2026.encode()).hexdigest()
    assert not source.is_provisional(2026)


def test_store_bededag_is_a_holiday_until_2023_only() -> None:
    # Store bededag: the 4th Friday after Easter; 2023: Easter 9 April → 5 May.
    assert CountryDaySource("DK").kind(date(2023, 5, 5)).value == "holiday"
    assert CountryDaySource("DK").kind(date(2024, 4, 26)).value == "ordinary"


def test_a_subdivision_has_its_own_holidays() -> None:
    # Heilige Drei Könige (6 January) is a holiday in Bavaria, not in Berlin.
    assert not Calendar("mon-fri 08:00-16:00", "DE", "Europe/Berlin", subdiv="BY").is_workday(
        date(2026, 1, 6)
    )
    assert Calendar("mon-fri 08:00-16:00", "DE", "Europe/Berlin", subdiv="BE").is_workday(
        date(2026, 1, 6)
    )
    assert country_day_source("DE", "BY").code == "DE-BY"


@pytest.mark.parametrize(
    "counting, n, expected",
    [
        # From Tuesday 31 March 10:30: working days are Wed 1 April, then (skærtorsdag 2,
        # langfredag 3, weekend, 2. påskedag 6) Tue 7 and Wed 8 April.
        # plain: the same time on the 3rd working day; civil: 24:00 of that day.
        ("plain", 3, datetime(2026, 4, 8, 10, 30, tzinfo=CPH)),
        ("civil", 3, datetime(2026, 4, 9, 0, 0, tzinfo=CPH)),
        ("plain", 1, datetime(2026, 4, 1, 10, 30, tzinfo=CPH)),
    ],
)
def test_workdays_by_counting(counting: str, n: int, expected: datetime) -> None:
    cal = Calendar("mon-fri 08:00-16:00", "DK", "Europe/Copenhagen", counting=counting)
    assert cal.add_workdays(datetime(2026, 3, 31, 10, 30, tzinfo=CPH), n) == expected


def test_plain_days_are_not_moved_off_a_holiday() -> None:
    # 5 days after Tuesday 31 March 10:30 is Easter Sunday 5 April 10:30 (plain); civil
    # counting would end at 24:00 of the next working day, Tuesday 7 April → 8 April 00:00.
    start = datetime(2026, 3, 31, 10, 30, tzinfo=CPH)
    plain = Calendar("mon-fri 08:00-16:00", "DK", "Europe/Copenhagen", counting="plain")
    civil = Calendar("mon-fri 08:00-16:00", "DK", "Europe/Copenhagen")
    assert plain.add_days(start, 5) == datetime(2026, 4, 5, 10, 30, tzinfo=CPH)
    assert civil.add_days(start, 5) == datetime(2026, 4, 8, 0, 0, tzinfo=CPH)
    # One month, plain: the corresponding date at the same time.
    assert plain.add_months(start, 1) == datetime(2026, 4, 30, 10, 30, tzinfo=CPH)


RULES = """
ruleset "dk" { timezone "Asia/Shanghai" }
calendar arbejdstid {
  hours "mon-fri 08:00-16:00"
  days DK
  timezone "Europe/Copenhagen"
  counting plain
}
sla incident {
  calendar arbejdstid
  metric resolve from opened to resolved
  tier P3 { resolve 2 workdays }
}
"""


def test_a_calendar_in_the_rule_language_round_trips_and_checks() -> None:
    model = parse(RULES, "dk.sla")
    cal = model.calendars[0]
    assert (cal.days, cal.timezone, cal.counting, cal.subdiv) == (
        "DK",
        "Europe/Copenhagen",
        "plain",
        None,
    )
    assert parse(format_ruleset(model), "dk.sla") == model
    assert not check_ruleset(model)


@pytest.mark.parametrize(
    "change, code",
    [
        (("days DK", "days XX"), "SLR104"),
        (("days DK", "days DK\n  subdiv ZZ"), "SLR104"),
        (("days DK", "days CN\n  subdiv BY"), "SLR104"),
        (("counting plain", "counting lax"), "SLR141"),
        (("  counting plain\n", ""), "SLR142"),
        (('timezone "Europe/Copenhagen"', 'timezone "Europe/Kopenhagen"'), "SLR109"),
    ],
)
def test_wrong_calendars_are_found(change: tuple[str, str], code: str) -> None:
    model = parse(RULES.replace(*change), "dk.sla")
    found = {d.code for d in check_ruleset(model)}
    assert code in found
    assert "SLR108" not in found  # said once, by the precise code


def test_the_calendar_counts_on_its_own_clock_and_the_report_names_its_days() -> None:
    # Opened Thursday 2 April 2026 09:00 in Copenhagen (a holiday: skærtorsdag) = 15:00 in
    # Shanghai. 2 workdays, plain, the day of opening not counted: Good Friday 3, the
    # weekend, Easter Monday 6 are off → Tue 7 (1st), Wed 8 April (2nd), 09:00 CEST.
    events = [
        {
            "at": "2026-04-02T09:00:00+02:00",
            "type": "opened",
            "ticket": "T",
            "sla": "incident",
            "tier": "P3",
        }
    ]
    report = json.loads(
        slarules.loads(RULES).replay(events, as_of="2026-04-30T00:00:00+02:00").to_json()
    )
    [target] = report["tickets"][0]["targets"]
    assert target["deadline"] == "2026-04-08T15:00:00+08:00"  # 09:00 CEST, in the report's zone
    data = report["inputs"]["calendar_data"]
    assert data["source"] == "DK"
    assert data["day_data"]["years"] == {"2026": hashlib.sha256(DK_2026.encode()).hexdigest()}


def test_two_countries_get_one_digest_per_year() -> None:
    text = RULES.replace(
        "sla incident",
        'calendar 工作时间 { hours "mon-fri 09:00-17:00" days CN }\nsla incident',
    ).replace("calendar arbejdstid\n  metric", "calendar arbejdstid\n  metric")
    text = text.replace(
        "  metric resolve from opened to resolved\n",
        "  metric resolve from opened to resolved\n"
        "  metric respond from opened to responded on 工作时间\n",
    )
    events = [
        {"at": "2026-04-02T09:00:00+02:00", "type": "opened", "ticket": "T", "sla": "incident",
         "tier": "P3"}
    ]  # fmt: skip
    report = json.loads(
        slarules.loads(text).replay(events, as_of="2026-04-30T00:00:00+02:00").to_json()
    )
    data = report["inputs"]["calendar_data"]
    assert data["source"] == "CN, DK"
    cn = slarules.Calendar("24x7").day_data_digests(date(2026, 1, 1), date(2026, 1, 1))[2026]
    dk = hashlib.sha256(DK_2026.encode()).hexdigest()
    combined = hashlib.sha256(f"CN:{cn}\nDK:{dk}\n".encode()).hexdigest()
    assert data["day_data"]["years"] == {"2026": combined}


def test_a_due_time_under_plain_counting_ends_at_24_and_is_not_moved() -> None:
    # "senest 5 dage efter" a milestone on Tuesday 31 March 2026: plain counting, the last
    # day is Sunday 5 April (Easter Sunday), not moved: due 24:00 → 6 April 00:00. (Civil
    # counting would move it to Tuesday 7 April, the next working day: 8 April 00:00.)
    # 3 workdays after Tuesday 31 March: Wed 1, Tue 7, Wed 8 April → 9 April 00:00 both ways.
    plain = Calendar("mon-fri 08:00-16:00", "DK", "Europe/Copenhagen", counting="plain")
    civil = Calendar("mon-fri 08:00-16:00", "DK", "Europe/Copenhagen")
    five = parse_literal("DAYS", "5 days", NO_SPAN)
    three = parse_literal("WORKDAYS", "3 workdays", NO_SPAN)
    day = date(2026, 3, 31)
    assert due_after_day(plain, day, [five]) == datetime(2026, 4, 6, tzinfo=CPH)
    assert due_after_day(civil, day, [five]) == datetime(2026, 4, 8, tzinfo=CPH)
    assert due_after_day(plain, day, [three]) == datetime(2026, 4, 9, tzinfo=CPH)
    assert due_after_day(civil, day, [three]) == datetime(2026, 4, 9, tzinfo=CPH)
