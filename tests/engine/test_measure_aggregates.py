"""Measures over the aggregates in a window (docs/language.md §9): ``downtime(…)``,
``count(…)``, ``mttr(…)`` and ``availability(…)``, per period or over a rolling window.

The clause is sichuan's 年故障 item, "年故障时间应该小于24小时，总故障数应该小于10次", read over
the service year so far. Every number is worked out by hand below: the term starts
2025-06-01, quarters are Jun–Aug, Sep–Nov, Dec–Feb, Mar–May; the calendar runs round the
clock (so holidays change nothing) in Asia/Shanghai.

Faults:
- F1 opened 2025-07-10 10:00, restored 20:00: 10 h, in quarter 1;
- F2 opened 2025-08-31 22:00, restored 2025-09-01 06:00: 8 h, opened in quarter 1 but only
  2 h (22:00–24:00) lie in it and 6 h in quarter 2;
- F3 opened 2025-10-05 08:00, restored 16:00 and F4 opened 12:00, restored 18:00: they
  overlap 12:00–16:00, so the service was down 08:00–18:00, 10 h, once (quarter 2).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

import pytest

import slarules
from slarules.engine.scoring.results import MeasureResult, PeriodResult
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "aggregates" { timezone "Asia/Shanghai" }
param start: date = 2025-06-01
calendar 全天 { hours "24x7" days CN }
period 服务季度 = cycle 3 months from start for 4
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 1h }
}
measure 年故障时间 per 服务季度 rolling 12 months = downtime(故障.restore)
  cite "年故障时间应该小于24小时"
measure 总故障数 per 服务季度 rolling 12 months = count(故障) cite "总故障数应该小于10次"
measure 季度故障时间 per 服务季度 = downtime(故障.restore)
measure 平均恢复 per 服务季度 = mttr(故障.restore)
measure 可用率 per 服务季度 = availability(故障.restore)
measure 年可用率 per 服务季度 rolling 12 months = availability(故障.restore)
flag 年故障超标 when 年故障时间 >= 24h or 总故障数 >= 10
scorecard 季度考核 per 服务季度 max 6 {
  item 年故障 max 6 {
    points by 年故障时间, 总故障数 {
      [0h, 24h), [0, 10) -> 6
      [24h, inf), [0, inf) -> 0
      [0h, 24h), [10, inf) -> 0
    }
  }
}
"""


def fault(tid: str, opened: str, restored: str) -> list[dict[str, Any]]:
    return [
        {"at": opened + "+08:00", "type": "opened", "ticket": tid, "sla": "故障", "tier": "一般"},
        {"at": restored + "+08:00", "type": "restored", "ticket": tid},
    ]


EVENTS = sorted(
    [
        *fault("F1", "2025-07-10T10:00:00", "2025-07-10T20:00:00"),
        *fault("F2", "2025-08-31T22:00:00", "2025-09-01T06:00:00"),
        *fault("F3", "2025-10-05T08:00:00", "2025-10-05T16:00:00"),
        *fault("F4", "2025-10-05T12:00:00", "2025-10-05T18:00:00"),
    ],
    key=lambda e: str(e["at"]),
)
HOUR = Decimal(3600)


def report(as_of: str = "2025-12-15T00:00:00+08:00") -> Any:
    return slarules.loads(RULES).replay(EVENTS, as_of=as_of)


def period(found: Any, label: str) -> PeriodResult:
    result: PeriodResult = next(p for p in found.periods if p.label == label)
    return result


def measure(found: Any, name: str, label: str) -> MeasureResult:
    return next(x for x in period(found, label).measures if x.name == name)


def test_downtime_over_the_service_year_so_far() -> None:
    found = report()
    # Quarter 1: its rolling 12 months reach back to 2024-09-01, before the term; the
    # window is the term so far, 2025-06-01 – 2025-08-31: F1 10 h + F2's 2 h = 12 h.
    q1 = measure(found, "年故障时间", "服务季度:1")
    assert q1.value == 12 * HOUR
    assert q1.duration
    assert q1.window == "2025-06-01 – 2025-08-31 (rolling 12 months, term so far)"
    # Quarter 2: 2025-06-01 – 2025-11-30: 10 + 8 (all of F2 now) + 10 (F3 ∪ F4) = 28 h.
    assert measure(found, "年故障时间", "服务季度:2").value == 28 * HOUR
    # The quarter's own downtime, clipped to the quarter: Q1 10 + 2 = 12 h; Q2 F2's 6 h
    # (00:00–06:00 on 1 September) + 10 h = 16 h, although F2 was opened in Q1.
    assert measure(found, "季度故障时间", "服务季度:1").value == 12 * HOUR
    assert measure(found, "季度故障时间", "服务季度:2").value == 16 * HOUR


def test_counts_and_mean_time_to_restore() -> None:
    found = report()
    # 总故障数 counts the tickets opened in the window: Q1 F1, F2 → 2; Q2 all four → 4.
    assert measure(found, "总故障数", "服务季度:1").value == 2
    assert measure(found, "总故障数", "服务季度:2").value == 4
    # mttr over the quarter's tickets: Q1 (10 h + 8 h) / 2 = 9 h; Q2 (8 h + 6 h) / 2 = 7 h.
    assert measure(found, "平均恢复", "服务季度:1").value == 9 * HOUR
    assert measure(found, "平均恢复", "服务季度:2").value == 7 * HOUR


def ratio(a: int, b: int) -> Decimal:
    """a / b to the evaluator's 60 digits (engine/scoring/availability.py)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return Decimal(a) / Decimal(b)


def test_availability_per_quarter_and_over_the_year_so_far() -> None:
    found = report()
    # Q1 is 30 + 31 + 31 = 92 days = 2208 h, down 12 h: 2196 / 2208.
    q1 = measure(found, "可用率", "服务季度:1")
    assert q1.percentage
    assert q1.value == ratio(2196, 2208)
    # Q2 is 30 + 31 + 30 = 91 days = 2184 h, down 16 h: 2168 / 2184.
    assert measure(found, "可用率", "服务季度:2").value == ratio(2168, 2184)
    # The year so far at Q2: 183 days = 4392 h, down 28 h: 4364 / 4392 (a whole year's
    # 8760 h would make it look better than the term has been).
    assert measure(found, "年可用率", "服务季度:2").value == ratio(4364, 4392)


def test_the_items_grade_and_the_flag_read_the_year_so_far() -> None:
    found = report()
    # Q1: 12 h < 24 h and 2 < 10 → 优秀, 6. Q2: 28 h ≥ 24 h → 0, and the flag is raised.
    scores = [period(found, f"服务季度:{n}").scorecards[0].score for n in (1, 2)]
    assert scores == [6, 0]
    assert [f.name for f in period(found, "服务季度:1").flags] == []
    [flag] = period(found, "服务季度:2").flags
    assert flag.basis == "年故障时间 >= 24h or 总故障数 >= 10: 年故障时间 = PT28H; 总故障数 = 4"


def test_the_report_shows_the_clipped_intervals() -> None:
    found = report()
    q2 = measure(found, "季度故障时间", "服务季度:2")
    # The events in time order: F1 opened (1), restored (2); F2 opened (3), restored (4);
    # F3 opened (5), F4 opened (6), F3 restored (7), F4 restored (8).
    assert q2.inputs == (
        "ticket F2: restore 2025-09-01T00:00+08:00 – 2025-09-01T06:00+08:00 (event 3 → event 4)",
        "ticket F3: restore 2025-10-05T08:00+08:00 – 2025-10-05T16:00+08:00 (event 5 → event 7)",
        "ticket F4: restore 2025-10-05T12:00+08:00 – 2025-10-05T18:00+08:00 (event 6 → event 8)",
        "union on the calendar: PT16H",
    )
    text = found.to_text()
    assert "measure 季度故障时间 = PT16H" in text


def test_a_fault_still_down_counts_to_as_of() -> None:
    # F5 opened 2025-12-01 08:00, not restored by 2025-12-01 20:00: 12 h so far in Q3.
    events = [e for e in EVENTS] + fault("F5", "2025-12-01T08:00:00", "2025-12-02T08:00:00")[:1]
    found = slarules.loads(RULES).replay(events, as_of="2025-12-01T20:00:00+08:00")
    assert measure(found, "季度故障时间", "服务季度:3").value == 12 * HOUR


@pytest.mark.parametrize(
    "body",
    ["downtime(故障.restore)", "count(故障)", "count(故障 tier 一般)", "mttr(故障.restore)",
     "availability(故障.restore)"],
)  # fmt: skip
def test_aggregate_bodies_print_back(body: str) -> None:
    text = RULES + f"measure 另一 per 服务季度 = {body}\n"
    model = parse(text, "a.sla")
    printed = format_ruleset(model)
    assert f"measure 另一 per 服务季度 = {body}" in printed
    assert parse(printed, "a.sla") == model
