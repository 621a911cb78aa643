"""Audit round 3: downtime of an outage that straddles two periods.

Two documented readings meet here:
- docs/language.md §6: "`downtime(…)` alone counts a ticket whole in the period it was opened
  in" (clock semantics 7: "A ticket counts in the period that contains its `opened` time") —
  in a points table (sichuan's 年故障) and in a condition (a flag, a group count);
- §9: a **measure** `downtime(SLA.METRIC)` is "the union of the metric's running intervals,
  clipped to the window, over every ticket of the SLA whose intervals reach into it", as
  `availability` reads an outage.
So the same outage is split by a measure and counted whole by a points table. An earlier round
(tests/audit/test_audit_measures_rates_counts_assets.py) settled the points-table reading; this
file pins both, so that a change to either is a decision, and §9 now says they differ.

Hand working, 24×7 calendar, Asia/Shanghai, calendar quarters:
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import slarules

ROOT = Path(__file__).resolve().parents[2]

RULES = """
ruleset "audit-downtime-periods" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" days none }
period 季度 = quarter
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 1h }
}
measure 季停机 per 季度 = downtime(故障.restore)
scorecard 考核 per 季度 {
  item 停机 max 6 {
    points by downtime(故障.restore) { [0h, 24h) -> 6  [24h, inf) -> 0 }
  }
}
flag 停机超标 when 考核 < 100 and downtime(故障.restore) >= 24h
# (`考核 < 100` only gives the flag its period, 季度: a condition of aggregates alone has none.)
"""


def _outage(tid: str, opened: str, restored: str) -> list[dict[str, Any]]:
    return [
        {"at": opened, "type": "opened", "ticket": tid, "sla": "故障", "tier": "一般"},
        {"at": restored, "type": "restored", "ticket": tid},
    ]


def _quarters(events: list[dict[str, Any]]) -> dict[str, Any]:
    report = slarules.loads(RULES).replay(events, as_of="2025-06-30T00:00:00+08:00")
    data = json.loads(report.to_json())
    return {p["period"]: p for p in data["periods"]}


def _summary(period: dict[str, Any]) -> tuple[str, str, bool]:
    measure = next(x for x in period["measures"] if x["name"] == "季停机")["value"]
    item = period["scorecards"][0]["items"][0]["score"]
    return measure, item, "停机超标" in [f["name"] for f in period["flags"]]


def test_an_outage_across_the_quarters_measure_splits_points_count_whole() -> None:
    # 31 Mar 12:00 – 1 Apr 14:00: 26 h in all; Q1 holds 12 h (to 24:00), Q2 14 h.
    # Measure 季停机 (clipped, §9): Q1 PT12H, Q2 PT14H.
    # Points table and flag (whole in the quarter it was opened in, §6): Q1 26 h ≥ 24 h → 停机 0
    # and 停机超标; Q2 0 h → 6, no flag.
    quarters = _quarters(_outage("A", "2025-03-31T12:00:00+08:00", "2025-04-01T14:00:00+08:00"))
    assert _summary(quarters["2025-Q1"]) == ("PT12H", "0", True)
    assert _summary(quarters["2025-Q2"]) == ("PT14H", "6", False)


def test_an_outage_opened_in_q1_is_q1s_in_a_points_table() -> None:
    # 31 Mar 23:00 – 2 Apr 01:00: 26 h; the measure: Q1 1 h, Q2 25 h. The points table: all
    # 26 h in Q1 (0 points, flagged), none in Q2 (6). (`考核 < 100` is true in any quarter:
    # the scorecard has only this 6-point item; it gives the flag its period.)
    quarters = _quarters(_outage("B", "2025-03-31T23:00:00+08:00", "2025-04-02T01:00:00+08:00"))
    assert _summary(quarters["2025-Q1"]) == ("PT1H", "0", True)
    assert _summary(quarters["2025-Q2"]) == ("PT25H", "6", False)
    assert Decimal(quarters["2025-Q1"]["scorecards"][0]["score"]) == Decimal(0)


def test_sichuan_a_fault_across_the_quarter_end_is_the_first_quarters() -> None:
    # sichuan-sthjt-2025, 服务季度:1 ends 2025-08-31 24:00. A fault 31 Aug 20:00 – 1 Sep 22:00
    # (26 h) answered in 10 min. Its ticket was opened in 服务季度:1, so the quarter's 年故障
    # reads 26 h with 1 fault: "一般：24小时<年故障时间<36小时" → a judgement [2, 5] is needed
    # (none given: the item waits); 服务季度:2 reads no fault: 优秀 6. The year: 26 h, 一般.
    events = [
        {"at": "2025-08-31T20:00:00+08:00", "type": "opened", "ticket": "D", "sla": "故障",
         "tier": "故障"},
        {"at": "2025-08-31T20:10:00+08:00", "type": "responded", "ticket": "D"},
        {"at": "2025-09-01T22:00:00+08:00", "type": "restored", "ticket": "D"},
        {"at": "2025-09-02T10:00:00+08:00", "type": "reported", "ticket": "D"},
    ]  # fmt: skip
    rules = slarules.load(ROOT / "rulesets" / "sichuan-sthjt-2025.sla")
    data = json.loads(rules.replay(events, as_of="2025-12-01T00:00:00+08:00").to_json())

    def item(label: str, card: str) -> dict[str, Any]:
        period = next(p for p in data["periods"] if p["period"] == label)
        scorecard = next(c for c in period["scorecards"] if c["name"] == card)
        stack = list(scorecard["items"])
        while stack:
            found = stack.pop()
            if found["name"] == "年故障":
                return dict(found)
            stack.extend(found.get("items") or ())
        raise AssertionError(label)

    first = item("服务季度:1", "季度考核")
    assert first["score"] is None and "PT26H" in first["lines"][0]["rule"]
    assert item("服务季度:2", "季度考核")["score"] == "6"
    year = item("服务年:1", "最终考核")
    assert year["score"] is None and "PT26H" in year["lines"][0]["rule"]
