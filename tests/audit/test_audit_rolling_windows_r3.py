"""Audit round 3: what a rolling window holds (docs/language.md §9, "The window"; docs/events.md,
"Evidence that belongs to another period").

1. **cn-zwyw-2025's months before the service.** "连续12个月内累计3个月考核得分低于80分的，采购人
   有权解除合同" counts *assessed* months. The example text states no start date, so `月度` is a
   calendar month, which has no term (§2): the rule file cannot tell a month before the service
   from a quiet month, and both are scored as empty months (100, never "低于80分"). The reading
   is harmless for this clause, but the report used to print such a month as
   `2024-06: 月度考核 = 100: does not count`, as if the month had been assessed at 100. It now
   says plainly that the month has no evidence and lies before the log's first event.
2. **Evidence that names its period** counts, for the scores per that period, in the named
   period instead of the one containing its `at` (docs/events.md). A rolling window of a
   measure per that period is made of those periods, so the evidence counts in every window
   that holds the period it names — not by its timestamp, which would put a March
   occurrence logged on 2 April in April's window and out of March's.

Every expected number is worked out by hand from the events below.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules

ZWYW = Path(__file__).resolve().parents[2] / "rulesets" / "cn-zwyw-2025.sla"


def _period(report: Any, label: str) -> Any:
    return next(p for p in report.periods if p.label == label)


def _measure(report: Any, name: str, label: str) -> Any:
    return next(x for x in _period(report, label).measures if x.name == name)


# ---- 1. cn-zwyw-2025: months before the service ------------------------------------------


def _missed_inspections(year_month: str, days: int) -> list[dict[str, Any]]:
    return [
        {"at": f"{year_month}-{day:02d}T16:00:00+08:00", "type": "occurrence", "kind": "巡检缺失"}
        for day in range(1, days + 1)
    ]


def test_cn_zwyw_months_before_the_log_are_reported_as_unassessed() -> None:
    # The log starts 2025-05-01 16:00 with 11 巡检缺失 in May ("未按计划巡检的，每次扣2分":
    # 巡检 30 − 22 = 8; no ticket: 工单处理时效 40, 响应及时率 100% → 工单响应 30): 78 < 80.
    # June: 1 巡检缺失 → 28; 40 + 30 + 28 = 98.
    # 低分月数 for 2025-06: window 2024-07 – 2025-06 (12 calendar months, no term). 2024-07 …
    # 2025-04 lie before the log's first event and hold no evidence: scored as empty months
    # (100), they do not count, and the line says why. 2025-05 (78) counts; 2025-06 (98) has
    # evidence and does not count. Value 1: no 可解除合同 ("累计3个月").
    events = [*_missed_inspections("2025-05", 11), *_missed_inspections("2025-06", 1)]
    report = slarules.loads(ZWYW.read_text(encoding="utf-8")).replay(
        events, as_of="2025-06-30T18:00:00+08:00"
    )
    low = _measure(report, "低分月数", "2025-06")
    assert low.value == Decimal(1)
    assert low.window == "2024-07-01 – 2025-06-30 (rolling 12 months)"
    assert len(low.inputs) == 12
    assert low.inputs[0] == (
        "2024-07 (no evidence; before the log's first event, 2025-05-01): "
        "月度考核 = 100: does not count"
    )
    assert low.inputs[9].startswith("2025-04 (no evidence; before the log's first event")
    assert low.inputs[10] == "2025-05: 月度考核 = 78: counts"
    assert low.inputs[11] == "2025-06: 月度考核 = 98: does not count"
    assert _period(report, "2025-06").flags == ()


def test_cn_zwyw_a_quiet_month_inside_the_log_says_no_evidence() -> None:
    # May low (78, as above), June without any event, July 1 巡检缺失 (98). June is inside the
    # log (after its first event) and has no evidence: an empty month, 100, "no evidence".
    events = [*_missed_inspections("2025-05", 11), *_missed_inspections("2025-07", 1)]
    report = slarules.loads(ZWYW.read_text(encoding="utf-8")).replay(
        events, as_of="2025-07-31T18:00:00+08:00"
    )
    low = _measure(report, "低分月数", "2025-07")
    assert low.value == Decimal(1)
    assert low.inputs[-3:] == (
        "2025-05: 月度考核 = 78: counts",
        "2025-06 (no evidence): 月度考核 = 100: does not count",
        "2025-07: 月度考核 = 98: does not count",
    )


# ---- 2. evidence that names its period, in a rolling window ------------------------------

NAMED = """
ruleset "audit-rolling-named" { timezone "Asia/Shanghai" }
period 月度 = month
period 季度 = quarter
kind 巡检缺失 cite "未按计划巡检的"
measure 月缺失 per 月度 = count(巡检缺失)
measure 三月缺失 per 月度 rolling 3 months = count(巡检缺失)
measure 季缺失 per 季度 rolling 6 months = count(巡检缺失)
"""

# One 巡检缺失 logged on 2025-04-02 10:00 and attributed to March ("period": "2025-03": the
# inspection plan of March was checked in the first days of April). A second one, logged
# 2025-03-31 23:30 local time with no period: March by its instant.
NAMED_EVENTS = [
    {"at": "2025-03-31T23:30:00+08:00", "type": "occurrence", "kind": "巡检缺失"},
    {"at": "2025-04-02T10:00:00+08:00", "type": "occurrence", "kind": "巡检缺失",
     "period": "2025-03"},
]  # fmt: skip


def test_named_month_counts_in_the_windows_that_hold_that_month() -> None:
    # 月缺失 (per month, no window): March 2 (its own + the named one), April 0.
    # 三月缺失 (per month, rolling 3 months), windows of calendar months:
    # - 2025-03: Jan – Mar: both → 2 (by timestamp the named one, 04-02, would be missing: 1);
    # - 2025-04: Feb – Apr: both → 2;
    # - 2025-05: Mar – May: both → 2;
    # - 2025-06: Apr – Jun: March is outside → 0 (by timestamp 04-02 would count: 1).
    report = slarules.loads(NAMED).replay(NAMED_EVENTS, as_of="2025-06-30T12:00:00+08:00")
    assert _measure(report, "月缺失", "2025-03").value == Decimal(2)
    assert _measure(report, "月缺失", "2025-04").value == Decimal(0)
    assert _measure(report, "三月缺失", "2025-03").value == Decimal(2)
    assert _measure(report, "三月缺失", "2025-04").value == Decimal(2)
    assert _measure(report, "三月缺失", "2025-05").value == Decimal(2)
    assert _measure(report, "三月缺失", "2025-06").value == Decimal(0)


def test_named_month_counts_by_timestamp_for_a_measure_per_another_period() -> None:
    # docs/events.md: "for those per another period it still counts by `at`". 季缺失 is per
    # quarter: a month label does not speak of quarters, so the named occurrence counts by its
    # instant, 04-02, in Q2. Windows of 6 months ending with the quarter:
    # - 2025-Q1: 2024-10 – 2025-03: only the 03-31 one → 1;
    # - 2025-Q2: 2025-01 – 2025-06: both → 2.
    report = slarules.loads(NAMED).replay(NAMED_EVENTS, as_of="2025-06-30T12:00:00+08:00")
    assert _measure(report, "季缺失", "2025-Q1").value == Decimal(1)
    assert _measure(report, "季缺失", "2025-Q2").value == Decimal(2)


NAMED_CYCLE = """
ruleset "audit-rolling-named-cycle" { timezone "Asia/Shanghai" }
param start: date = 2025-01-15
period 服务月 = cycle 1 months from start for 6
kind 巡检缺失
measure 缺失 per 服务月 rolling 2 months = count(巡检缺失)
"""


def test_named_cycle_counts_in_the_windows_that_hold_that_cycle() -> None:
    # Cycles from 2025-01-15: 服务月:1 = 01-15 – 02-14, :2 = 02-15 – 03-14, :3 = 03-15 – 04-14,
    # :4 = 04-15 – 05-14. An occurrence at 2025-03-20 (in :3 by its instant) names 服务月:2.
    # Windows of 2 months ending where the cycle ends:
    # - :2: 01-15 – 03-14 (two cycles, :1 and :2) → 1 (by timestamp: 0);
    # - :3: 02-15 – 04-14 (:2, :3) → 1;
    # - :4: 03-15 – 05-14 (:3, :4) → 0 (by timestamp 03-20 is inside: 1).
    events = [{"at": "2025-03-20T10:00:00+08:00", "type": "occurrence", "kind": "巡检缺失",
               "period": "服务月:2"}]  # fmt: skip
    report = slarules.loads(NAMED_CYCLE).replay(events, as_of="2025-05-14T12:00:00+08:00")
    assert _measure(report, "缺失", "服务月:2").value == Decimal(1)
    assert _measure(report, "缺失", "服务月:3").value == Decimal(1)
    assert _measure(report, "缺失", "服务月:4").value == Decimal(0)


# ---- property: a rolling count is the sum of its months' counts --------------------------

PROPERTY = """
ruleset "rolling-named-property" {{ timezone "Asia/Shanghai" }}
period 月度 = month
kind 巡检缺失
measure 月缺失 per 月度 = count(巡检缺失)
measure 窗口缺失 per 月度 rolling {months} months = count(巡检缺失)
"""

_occurrence = st.tuples(
    st.integers(min_value=1, max_value=12),  # month of `at`, 2025
    st.integers(min_value=1, max_value=28),  # day
    st.one_of(st.none(), st.integers(min_value=1, max_value=12)),  # the month it names
)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.lists(_occurrence, max_size=8))
def test_a_rolling_count_is_the_sum_of_the_months_it_holds(
    months: int, occurrences: list[tuple[int, int, int | None]]
) -> None:
    # Whatever the instants and the months the evidence names, the window of N months ending
    # with month M counts what the N monthly counts count (docs/language.md §9, "The window").
    events: list[dict[str, Any]] = []
    for month, day, named in occurrences:
        event: dict[str, Any] = {
            "at": f"2025-{month:02d}-{day:02d}T12:00:00+08:00", "type": "occurrence",
            "kind": "巡检缺失",
        }  # fmt: skip
        if named is not None:
            event["period"] = f"2025-{named:02d}"
        events.append(event)
    events.sort(key=lambda e: e["at"])
    report = slarules.loads(PROPERTY.format(months=months)).replay(
        events, as_of="2025-12-31T23:00:00+08:00"
    )
    monthly = {
        p.label: next(x.value for x in p.measures if x.name == "月缺失") for p in report.periods
    }
    for p in report.periods:
        year, month = (int(x) for x in p.label.split("-"))
        held = [f"{year}-{m:02d}" for m in range(month - months + 1, month + 1) if m >= 1]
        window = next(x.value for x in p.measures if x.name == "窗口缺失")
        assert window == sum((monthly.get(label, Decimal(0)) for label in held), Decimal(0)), (
            p.label
        )
