"""The report and the checker write rules, expressions and durations as the printer does
(``slarules.printer``): a quoted name stays quoted, a negated sum keeps its parentheses,
working-time durations are written in hours, and a cycle ends where the engine ends it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.calendar.months import cycle_boundary
from slarules.check import check_ruleset
from slarules.engine.context import Context
from slarules.engine.evidence import Evidence, Occurrence
from slarules.engine.scoring.evaluator import evaluate
from slarules.engine.scoring.results import iso_duration
from slarules.events.types import EventRef
from slarules.language.parser import parse

D = Decimal
SH = ZoneInfo("Asia/Shanghai")

RULES = """
ruleset "t" { timezone "Asia/Shanghai" }
period 月度 = month
param total: money = 1000
param a: money = 1
param b: money = 2
kind "系统 故障"
scorecard 卡 per 月度 { item 一 max 100 { deduct 2 per occurrence of "系统 故障" } }
payment per 月度 {
  base total
  deduct -(a - b) * 10 when 卡 < 100
}
"""


def test_report_lines_use_the_printers_text() -> None:
    # One occurrence of 系统 故障: 卡 = 100 − 2 = 98 < 100, so the deduction applies:
    # −(a − b) × 10 = −(1 − 2) × 10 = 10 yuan off the base 1000.
    ctx = Context.build(slarules.loads(RULES).model)
    at = datetime(2026, 3, 2, 10, tzinfo=SH)
    occurrence = Occurrence("系统 故障", at, D(1), None, None, None, EventRef(1))
    evidence = Evidence(as_of=datetime(2026, 3, 31, tzinfo=SH), occurrences=(occurrence,))
    period = next(
        p for p in evaluate(ctx, evidence, events_path="e.jsonl").periods if p.label == "2026-03"
    )
    line = period.scorecards[0].items[0].lines[0]
    assert line.rule == 'deduct 2 per occurrence of "系统 故障"'
    assert period.payment is not None
    deduction = period.payment.lines[-1]
    assert deduction.name == "deduct -(a - b) * 10 when 卡 < 100"
    assert deduction.amount == D("-10.00")


@pytest.mark.parametrize(
    ("value", "days", "text"),
    [
        (timedelta(hours=25, minutes=30), True, "P1DT1H30M"),
        (timedelta(hours=25, minutes=30), False, "PT25H30M"),
        (D(91800), False, "PT25H30M"),  # 25.5 h of working time, as mttr(…) gives it
        (D(1) / 3, False, "PT0.3333333333333333333333333333S"),  # exact, not float
        (D("-0.5"), True, "-PT0.5S"),
        (D(0), False, "PT0S"),
    ],
)
def test_one_iso_duration_for_timedeltas_and_seconds(
    value: timedelta | Decimal, days: bool, text: str
) -> None:
    assert iso_duration(value, days=days) == text


def test_the_checker_ends_a_cycle_where_the_engine_does() -> None:
    # Anchored on 2027-01-31, a 1-month cycle's next boundary has no 31 February, so
    # (art. 202) it is 2027-03-01 and the first cycle's last day is 2027-02-28.
    assert cycle_boundary(date(2027, 1, 31), 1) == date(2027, 3, 1)
    text = (
        'ruleset "t" { }\nparam start: date = 2027-01-31\n'
        "period 周期 = cycle 1 months from start\n"
        'calendar 工作 { hours "mon-fri 09:00-17:00" days CN }\n'
        "sla s { calendar 工作 metric r from opened to responded tier t { r 1h } }\n"
        "scorecard 考核 per 周期 { item a max 100 { judged } }\n"
    )
    found = check_ruleset(parse(text, "t.sla"))
    assert [d.code for d in found] == ["SLR401"]
    assert "first cycle 2027-01-31 to 2027-02-28" in found[0].message
