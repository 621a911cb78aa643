"""Period instances and ``--period`` parsing (docs/language.md §2, Periods).

Cycles follow Civil Code art. 202: "period 考核周期 = cycle 12 months from start" with start
2024-09-01 is 2024-09-01 00:00 to 2025-09-01 00:00 local time (the docs' own example).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules import model as m
from slarules.calendar.months import cycle_boundary
from slarules.calendar.periods import Periods, PeriodSelection, parse_period

SH = ZoneInfo("Asia/Shanghai")

RULES = """
ruleset "p" { timezone "Asia/Shanghai" }
param start: date = 2024-09-01
period 月度 = month
period 季度 = quarter
period 年度 = year
period 考核周期 = cycle 12 months from start
period 半年 = cycle 6 months from 2025-01-31
"""


def _model() -> m.RuleFile:
    from slarules.language.parser import parse

    return parse(RULES)


def _periods(params: dict[str, object] | None = None) -> Periods:
    return Periods(_model().periods, SH, params or {"start": date(2024, 9, 1)})


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_calendar_periods_have_local_midnight_bounds_and_labels() -> None:
    p = _periods()
    t = at("2026-03-15T10:00:00+08:00")
    month, quarter, year = p.at("月度", t), p.at("季度", t), p.at("年度", t)
    assert month is not None and quarter is not None and year is not None
    assert (month.label, quarter.label, year.label) == ("2026-03", "2026-Q1", "2026")
    assert month.start == datetime(2026, 3, 1, tzinfo=SH)
    assert month.end == datetime(2026, 4, 1, tzinfo=SH)  # end exclusive
    assert quarter.end == datetime(2026, 4, 1, tzinfo=SH)
    assert year.end == datetime(2027, 1, 1, tzinfo=SH)


def test_instant_is_placed_by_local_time_not_utc() -> None:
    # 2026-03-31T17:00Z is 2026-04-01 01:00 in Shanghai: April, Q2.
    p = _periods()
    inst = p.at("季度", at("2026-03-31T17:00:00+00:00"))
    assert inst is not None and inst.label == "2026-Q2"
    month = p.at("月度", at("2026-03-31T15:59:59+00:00"))
    assert month is not None and month.label == "2026-03"


def test_cycle_from_date_parameter_per_article_202() -> None:
    # 2024-09-01 + 12 months → cycle 1 is [2024-09-01 00:00, 2025-09-01 00:00).
    p = _periods()
    first = p.at("考核周期", at("2025-08-31T23:59:59+08:00"))
    assert first is not None
    assert (first.label, first.start, first.end) == (
        "考核周期:1",
        datetime(2024, 9, 1, tzinfo=SH),
        datetime(2025, 9, 1, tzinfo=SH),
    )
    second = p.at("考核周期", at("2025-09-01T00:00:00+08:00"))
    assert second is not None and second.label == "考核周期:2"


def test_before_the_first_cycle_there_is_no_cycle() -> None:
    assert _periods().at("考核周期", at("2024-08-31T23:59:59+08:00")) is None


def test_cycle_anchor_comes_from_the_given_parameter() -> None:
    p = _periods({"start": date(2025, 6, 1)})
    inst = p.at("考核周期", at("2026-05-31T12:00:00+08:00"))
    assert inst is not None and inst.start == datetime(2025, 6, 1, tzinfo=SH)
    assert inst.end == datetime(2026, 6, 1, tzinfo=SH)


def test_month_end_anchor_without_corresponding_day() -> None:
    # Art. 202: a period of months from 31 January ends with the last day of the month
    # when there is no corresponding date, so 2025-01-31 + 6 months (31 July exists) and
    # + 1 month (no 31 February) → the boundary after 28 February is 1 March.
    assert cycle_boundary(date(2025, 1, 31), 1) == date(2025, 3, 1)
    assert cycle_boundary(date(2025, 1, 31), 6) == date(2025, 7, 31)
    assert cycle_boundary(date(2024, 2, 29), 12) == date(2025, 3, 1)
    assert cycle_boundary(date(2024, 9, 1), 12) == date(2025, 9, 1)
    p = _periods()
    second = p.get("半年", 2)
    assert (second.start, second.end) == (
        datetime(2025, 7, 31, tzinfo=SH),
        datetime(2026, 1, 31, tzinfo=SH),
    )


def test_cycles_tile_time_without_gaps_or_drift() -> None:
    p = _periods()
    for name in ("考核周期", "半年"):
        insts = [p.get(name, n) for n in range(1, 30)]
        for a, b in pairwise(insts):
            assert a.end == b.start
        for inst in insts:
            assert p.at(name, inst.start) == inst
            assert p.at(name, inst.end - timedelta(microseconds=1)) == inst


def test_overlapping_within_and_previous() -> None:
    p = _periods()
    year = p.get("年度", 2026)
    quarters = p.within("季度", year)
    assert [q.label for q in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    months = p.overlapping("月度", at("2026-02-15T00:00:00+08:00"), at("2026-04-01T00:00:00+08:00"))
    assert [x.label for x in months] == ["2026-02", "2026-03"]
    q1 = quarters[0]
    previous = p.previous(q1)
    assert previous is not None and previous.label == "2025-Q4"
    assert p.previous(p.get("考核周期", 1)) is None
    # A cycle straddling two years lies inside neither.
    assert p.within("考核周期", year) == []


def test_naive_timestamp_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        _periods().at("月度", datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026", "2026", "2026-01-01", "2027-01-01"),
        ("2026-Q1", "2026-Q1", "2026-01-01", "2026-04-01"),
        ("2026-q4", "2026-Q4", "2026-10-01", "2027-01-01"),
        ("2026-03", "2026-03", "2026-03-01", "2026-04-01"),
        ("2026-12", "2026-12", "2026-12-01", "2027-01-01"),
        ("cycle:2", "考核周期:2", "2025-09-01", "2026-09-01"),
        ("半年:1", "半年:1", "2025-01-31", "2025-07-31"),
        (" 考核周期:1 ", "考核周期:1", "2024-09-01", "2025-09-01"),
    ],
)
def test_parse_period(text: str, label: str, start: str, end: str) -> None:
    selection = parse_period(_model(), text)
    assert isinstance(selection, PeriodSelection)
    assert selection.label == label
    lo, hi = selection.bounds(_periods())
    assert (lo, hi) == (
        datetime.fromisoformat(start).replace(tzinfo=SH),
        datetime.fromisoformat(end).replace(tzinfo=SH),
    )


def test_cycle_selects_the_longest_cycle() -> None:
    # 考核周期 (12 months) is longer than 半年 (6 months).
    assert parse_period(_model(), "cycle:1").cycle == "考核周期"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-Q5", "Q1 to Q4"),
        ("2026-13", "01 to 12"),
        ("2026-00", "01 to 12"),
        ("26", "not understood"),
        ("2026/03", "not understood"),
        ("", "not understood"),
        ("cycle:0", "numbered from 1"),
        ("cycle:-1", "numbered from 1"),
        ("月度:3", "not a declared cycle"),
        ("1900", "outside"),
    ],
)
def test_parse_period_errors_say_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(_model(), text)


def test_cycle_selection_needs_a_cycle_declaration() -> None:
    rules = slarules.loads('ruleset "x" { timezone "Asia/Shanghai" }\n')
    with pytest.raises(ValueError, match="declares no cycle"):
        parse_period(rules.model, "cycle:1")


def test_anchor_parameter_without_a_value_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a date parameter"):
        Periods(_model().periods, SH, {})


def test_offsets_do_not_matter_only_the_instant() -> None:
    p = _periods()
    a = p.at("月度", at("2026-03-01T00:00:00+08:00"))
    b = p.at("月度", datetime(2026, 2, 28, 16, 0, tzinfo=UTC))
    assert a == b
