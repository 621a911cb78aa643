"""Checks of seasonal hours, deliverable due rules and forced grades (checks/deadlines.py)."""

from __future__ import annotations

from slarules.check import check_ruleset
from slarules.language.parser import parse

HEAD = 'ruleset "t" { timezone "Asia/Shanghai" }\n'
SUMMER = 'hours "mon-fri 08:00-12:00,15:00-18:00" from 05-01 to 09-30'


def codes(text: str) -> list[tuple[str, int, str | None]]:
    """(code, line, witness) of every diagnostic but the unused-definition warnings."""
    found = check_ruleset(parse(HEAD + text, "t.sla"))
    return [(d.code, d.line, d.witness) for d in found if d.code not in ("SLR501", "SLR314")]


def calendar(*lines: str) -> str:
    return "calendar 办公 {\n" + "\n".join(lines) + "\ndays CN\n}\n"


def test_seasons_covering_the_year_once_pass() -> None:
    assert codes(calendar(SUMMER, 'hours "mon-fri 08:30-17:30" from 10-01 to 04-30')) == []


def test_a_gap_between_seasons_names_its_first_day() -> None:
    text = calendar(SUMMER, 'hours "mon-fri 08:30-17:30" from 10-02 to 04-30')
    assert codes(text) == [("SLR140", 3, "10-01")]


def test_overlapping_seasons_name_the_first_shared_day_at_the_later_season() -> None:
    text = calendar(SUMMER, 'hours "mon-fri 08:30-17:30" from 09-15 to 04-30')
    assert codes(text) == [("SLR140", 4, "09-15")]


def test_unparseable_season_hours_and_impossible_days_are_errors() -> None:
    bad_hours = calendar(SUMMER, 'hours "mon-fri 8-17" from 10-01 to 04-30')
    assert [c for c, _, _ in codes(bad_hours)] == ["SLR140"]
    bad_day = calendar(SUMMER, 'hours "mon-fri 08:30-17:30" from 10-01 to 02-30')
    assert [c for c, _, _ in codes(bad_day)] == ["SLR140"]


def test_all_year_hours_beside_seasons_are_an_error() -> None:
    text = calendar('hours "mon-fri 09:00-17:00"', SUMMER)
    assert [c for c, _, _ in codes(text)] == ["SLR140"]


def test_a_due_rule_names_an_event_or_a_date_parameter() -> None:
    base = "param start: date = 2026-01-01\nparam total: money = 1元\n" + calendar(
        'hours "mon-fri 09:00-17:00"'
    )
    ok = "deliverable A due 7 days after 6 months after start on 办公\n"
    ok += "deliverable B due 3 workdays after inspected\n"
    assert codes(base + ok) == []
    assert [c for c, _, _ in codes(base + "deliverable C due 3 days after total\n")] == ["SLR211"]
    assert [c for c, _, _ in codes(base + "deliverable D due 3 days after delivered\n")] == [
        "SLR211"
    ]
    assert [c for c, _, _ in codes(base + "deliverable E due 3 days after signed on 班\n")] == [
        "SLR201"
    ]


def test_a_forced_grade_names_a_declared_kind() -> None:
    card = (
        "period 年 = year\nkind 弱口令事件\n"
        "scorecard 卡 per 年 {{ item 质量 max 25 {{ judged step 1 {{\n"
        "  优秀: [16, 25]\n  较差: [0, 15] when occurrence of {kind}\n}} }} }}\n"
    )
    assert codes(card.format(kind="弱口令事件")) == []
    assert [c for c, _, _ in codes(card.format(kind="弱口令"))] == ["SLR205"]


def test_a_kind_that_only_forces_a_grade_is_used() -> None:
    text = (
        "period 年 = year\nkind 弱口令事件\nscorecard 卡 per 年 { item 质量 max 25 { judged {\n"
        "  较差: [0, 25] when occurrence of 弱口令事件\n} } }\n"
    )
    found = check_ruleset(parse(HEAD + text, "t.sla"))
    assert not any(d.code == "SLR501" and "弱口令事件" in d.message for d in found)


def test_all_year_hours_that_do_not_parse_are_an_error() -> None:
    assert codes(calendar('hours "mon-fri 9-17"')) == [("SLR140", 3, None)]
    assert codes(calendar('hours "mon-fri 09:00-17:00"')) == []


def test_a_due_rule_counts_at_least_one_day() -> None:
    assert [c for c, _, _ in codes("deliverable A due 0 days after signed\n")] == ["SLR106"]
    assert [c for c, _, _ in codes("deliverable A due 1 day after 0 months after signed\n")] == [
        "SLR106"
    ]
