"""Audit (E2): cn-zwyw-2025 — the month's fee at each band edge (90 / 89.5, 80 / 79.5,
70 / 69.5), a capped item landing exactly on an edge, and escalating lateness across the 2025
National Day holiday and its 调休 Saturday.

Text (docs/rulesets/cn-zwyw-2025.md): "运维服务费按月支付，每月5万元"; "90分（含）以上的，全额支付；
80分（含）至90分的，支付当月服务费的95%；70分（含）至80分的，支付当月服务费的90%；70分以下的，支付当月
服务费的80%"; "巡检（30分）… 未按计划巡检的，每次扣2分"; "每个工单每延误一个工作日扣0.5分，超过3个
工作日以上（含3个工作日）每个工作日扣1分，每个工单最多扣5分"; 工作日 08:30-12:00, 14:00-17:30,
"法定节假日和调休按国务院办公厅通知". Every expected number is worked out by hand from the clause
quoted beside it, never copied from slarules' output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")


def ev(stamp: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": stamp.replace(" ", "T") + ":00+08:00", "type": type_, **fields}


def month(rules: slarules.Ruleset, events: list[dict[str, Any]], label: str) -> dict[str, Any]:
    report = rules.replay(sorted(events, key=lambda e: e["at"]), as_of="2025-12-01T00:00:00+08:00")
    data: dict[str, Any] = json.loads(report.to_json())
    found: dict[str, Any] = next(p for p in data["periods"] if p["period"] == label)
    return found


def missed_inspections(n: int) -> list[dict[str, Any]]:
    return [ev(f"2025-06-{d + 1:02d} 16:00", "occurrence", kind="巡检缺失") for d in range(n)]


def half_point_late() -> list[dict[str, Any]]:
    # 三级 ticket opened Tue 2025-06-10 09:00, answered 09:30 (≤ "4小时内响应": the response
    # rate stays 100%); "5个工作日内处理完毕": 06-11, 12, 13, 16, 17 → due Tue 06-17 24:00;
    # resolved Wed 06-18 10:00, after 08:30–10:00 of working time → 1 started workday →
    # "每延误一个工作日扣0.5分" → 0.5.
    return [
        ev("2025-06-10 09:00", "opened", ticket="T", sla="工单", tier="三级"),
        ev("2025-06-10 09:30", "responded", ticket="T"),
        ev("2025-06-18 10:00", "resolved", ticket="T"),
    ]


@pytest.mark.parametrize(
    ("missed", "late", "score", "payable"),
    [
        (5, False, "90", "50000.00"),  # 100 − 5 × 2 = 90: "90分（含）以上的，全额支付"
        (5, True, "89.5", "47500.00"),  # − 0.5 → 89.5: "80分（含）至90分": 95% × 50000
        (10, False, "80", "47500.00"),  # 80: "80分（含）" → still 95%
        (10, True, "79.5", "45000.00"),  # 79.5: "70分（含）至80分" → 90%
        (15, False, "70", "45000.00"),  # 巡检 30 − 30 = 0 → 70: "70分（含）" → 90%
        (15, True, "69.5", "40000.00"),  # 69.5: "70分以下的" → 80%
        (16, False, "70", "45000.00"),  # 16 × 2 = 32, "扣完为止" at 30 → still 70 → 90%
    ],
)
def test_the_fee_at_each_band_edge(
    rules: slarules.Ruleset, missed: int, late: bool, score: str, payable: str
) -> None:
    events = missed_inspections(missed) + (half_point_late() if late else [])
    june = month(rules, events, "2025-06")
    card = next(c for c in june["scorecards"] if c["name"] == "月度考核")
    assert (str(card["score"]), june["payment"]["payable"]) == (score, payable)


def test_lateness_across_national_day_and_its_make_up_saturday(rules: slarules.Ruleset) -> None:
    # 2025 schedule: 国庆节、中秋节 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班.
    # 一级 ticket opened Mon 2025-09-29 09:00, answered 09:10 (≤ 30 min). "1个工作日内处理完毕":
    # the 1st workday after the 29th is Tue 09-30 → due 09-30 24:00. Resolved Sat 10-11 10:00
    # (a make-up workday, 08:30–10:00 of it passed): started workdays late: Thu 10-09, Fri
    # 10-10, Sat 10-11 = 3 (the eight holidays start none) → 0.5 + 0.5 + 1 ("含3个工作日") = 2
    # → 工单处理时效 38 → 98 → full fee. The ticket counts in the month it was opened
    # (September); October has no ticket: 100, full fee.
    events = [
        ev("2025-09-29 09:00", "opened", ticket="N", sla="工单", tier="一级"),
        ev("2025-09-29 09:10", "responded", ticket="N"),
        ev("2025-10-11 10:00", "resolved", ticket="N"),
    ]
    september = month(rules, events, "2025-09")
    card = next(c for c in september["scorecards"] if c["name"] == "月度考核")
    item = next(i for i in card["items"] if i["name"] == "工单处理时效")
    assert (str(item["score"]), str(card["score"])) == ("38", "98")
    assert september["payment"]["payable"] == "50000.00"
    october = month(rules, events, "2025-10")
    assert str(next(c for c in october["scorecards"] if c["name"] == "月度考核")["score"]) == "100"


def test_resolved_on_the_make_up_saturday_before_office_hours_costs_two_workdays(
    rules: slarules.Ruleset,
) -> None:
    # Same ticket resolved Sat 10-11 08:00, before that make-up workday's 08:30: 10-09 and
    # 10-10 started (0.5 + 0.5 = 1), 10-11 not yet → 工单处理时效 39 → 99.
    events = [
        ev("2025-09-29 09:00", "opened", ticket="N", sla="工单", tier="一级"),
        ev("2025-09-29 09:10", "responded", ticket="N"),
        ev("2025-10-11 08:00", "resolved", ticket="N"),
    ]
    september = month(rules, events, "2025-09")
    card = next(c for c in september["scorecards"] if c["name"] == "月度考核")
    assert str(card["score"]) == "99"
