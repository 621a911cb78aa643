"""Audit r3b: cn-zwyw-2025 money over a whole year with a fee in cents, the pay band's
rounding, the response-rate deduction at its 95% floor, a month boundary, and the right to
terminate after three low months — worked by hand from the text quoted in the rule file
(docs/rulesets/cn-zwyw-2025.md):

  "运维服务费按月支付" (月服务费, here --param 月服务费=33333.33元);
  "90分（含）以上的，全额支付；80分（含）至90分的，支付当月服务费的95%；70分（含）至80分的，支付
  当月服务费的90%；70分以下的，支付当月服务费的80%"; "巡检（30分）… 未按计划巡检的，每次扣2分";
  "月度考核满分100分，扣完为止"; "响应及时率不低于95%，每降低1个百分点扣0.5分";
  "连续12个月内累计3个月考核得分低于80分的，采购人有权解除合同"

Nothing here was copied from slarules' output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]
D = Decimal
FEE = {"月服务费": "33333.33元"}


@pytest.fixture(scope="module")
def rules() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")


def ev(stamp: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": stamp.replace(" ", "T") + ":00+08:00", "type": type_, **fields}


def months(
    rules: slarules.Ruleset, events: list[dict[str, Any]], as_of: str, params: dict[str, str]
) -> dict[str, dict[str, Any]]:
    report = rules.replay(
        sorted(events, key=lambda e: e["at"]),
        as_of=as_of.replace(" ", "T") + ":00+08:00",
        params=params,
    )
    data: dict[str, Any] = json.loads(report.to_json())
    return {p["period"]: p for p in data["periods"]}


def missed(day: str, n: int) -> dict[str, Any]:
    return ev(f"{day} 16:00", "occurrence", kind="巡检缺失", count=n)


def score(period: dict[str, Any]) -> str:
    card = next(c for c in period["scorecards"] if c["name"] == "月度考核")
    return str(card["score"])


def flags(period: dict[str, Any]) -> list[str]:
    return sorted(f["name"] for f in period.get("flags", []))


def test_a_year_at_a_fee_in_cents_pays_twelve_fees_less_the_bands(
    rules: slarules.Ruleset,
) -> None:
    # A ticket answered and solved in time on Mon 2025-01-06 opens the year (every month
    # from January is reported). 巡检缺失: March 6 (−12 → 88), July 11 (−22 → 78), September
    # 11 (78), November 16 (16 × 2 = 32, "扣完为止" at the item's 30 → 70).
    # Pay bands at 33333.33: 95% = 31666.6635 → 31666.66 (line −1666.67); 90% = 29999.997 →
    # 30000.00 (line −3333.33); eight full months 33333.33.
    # Year: 8 × 33333.33 + 31666.66 + 3 × 30000.00 = 266666.64 + 31666.66 + 90000.00 =
    # 388333.30 = 12 × 33333.33 (399999.96) − 1666.67 − 3 × 3333.33.
    # "连续12个月内累计3个月考核得分低于80分": July, September, November (70 < 80) → the third
    # in November: 可解除合同 there, not in October (two so far).
    events = [
        ev("2025-01-06 09:00", "opened", ticket="J", sla="工单", tier="三级"),
        ev("2025-01-06 09:10", "responded", ticket="J"),
        ev("2025-01-06 10:00", "resolved", ticket="J"),
        missed("2025-03-10", 6),
        missed("2025-07-10", 11),
        missed("2025-09-10", 11),
        missed("2025-11-10", 16),
    ]
    year = months(rules, events, "2026-01-01 00:00", FEE)
    labels = [f"2025-{m:02d}" for m in range(1, 13)]
    assert [label for label in year if label.startswith("2025")] == labels
    scores = {label: score(year[label]) for label in labels}
    assert (scores["2025-03"], scores["2025-07"], scores["2025-09"], scores["2025-11"]) == (
        "88",
        "78",
        "78",
        "70",
    )
    payable = {label: year[label]["payment"]["payable"] for label in labels}
    assert payable["2025-01"] == "33333.33"
    assert payable["2025-03"] == "31666.66"
    assert (payable["2025-07"], payable["2025-09"], payable["2025-11"]) == ("30000.00",) * 3
    band = [x for x in year["2025-03"]["payment"]["lines"] if x["kind"] == "pay_band"]
    assert band[0]["amount"] == "-1666.67"
    assert sum(D(p) for p in payable.values()) == D("388333.30")
    assert "可解除合同" not in flags(year["2025-10"])
    assert "可解除合同" in flags(year["2025-11"])


@pytest.mark.parametrize(
    ("late", "expected_score", "expected_payable"),
    [
        # 20 三级 tickets, 1 answered late: 19/20 = 95% "不低于95%" → no deduction → 100.
        (1, "100", "50000.00"),
        # 2 late: 90% → 5 points below 95% × 0.5 = 2.5 → 97.5, still "90分（含）以上" → full.
        (2, "97.5", "50000.00"),
        # 5 late: 75% → 20 × 0.5 = 10 → 90 → full fee.
        (5, "90", "50000.00"),
        # 6 late: 70% → 25 × 0.5 = 12.5 → 87.5 → 95% × 50000 = 47500.00.
        (6, "87.5", "47500.00"),
    ],
)
def test_the_response_rate_deduction_at_its_floor(
    rules: slarules.Ruleset, late: int, expected_score: str, expected_payable: str
) -> None:
    # 三级 "4小时内响应" on 08:30-12:00, 14:00-17:30: opened Tue 2025-06-10 09:00 → 3 h to
    # 12:00, 1 h from 14:00 → due 15:00. Answered 09:30 (in time) or 16:00 (late: 1 h 30
    # past, 三级 has no hourly deduction, only the rate). Resolved 16:30 the same day, in
    # "5个工作日内处理完毕".
    events: list[dict[str, Any]] = []
    for k in range(20):
        tid = f"T{k}"
        answered = "16:00" if k < late else "09:30"
        events += [
            ev("2025-06-10 09:00", "opened", ticket=tid, sla="工单", tier="三级"),
            ev(f"2025-06-10 {answered}", "responded", ticket=tid),
            ev("2025-06-10 16:30", "resolved", ticket=tid),
        ]
    june = months(rules, events, "2025-07-01 00:00", {})["2025-06"]
    assert (score(june), june["payment"]["payable"]) == (expected_score, expected_payable)


def test_a_missed_inspection_at_the_month_boundary_and_as_of_the_instant_before(
    rules: slarules.Ruleset,
) -> None:
    # 5 missed inspections logged at 2025-06-30 23:59 are June's (→ 90, full fee); one more
    # at 2025-07-01 00:00 is July's (→ 98, full fee): June stays at 90, not 88 (95%).
    # As of 2025-06-30 23:59 June is running and July not reported; as of 07-01 00:00 both.
    events = [
        ev("2025-06-30 23:59", "occurrence", kind="巡检缺失", count=5),
        ev("2025-07-01 00:00", "occurrence", kind="巡检缺失"),
    ]
    before = months(rules, events, "2025-06-30 23:59", {})
    assert list(before) == ["2025-06"]
    assert (score(before["2025-06"]), before["2025-06"]["ended"]) == ("90", False)
    at = months(rules, events, "2025-07-01 00:00", {})
    assert (score(at["2025-06"]), at["2025-06"]["payment"]["payable"]) == ("90", "50000.00")
    assert (score(at["2025-07"]), at["2025-07"]["payment"]["payable"]) == ("98", "50000.00")


def test_the_lowest_band_at_a_fee_in_cents(rules: slarules.Ruleset) -> None:
    # 巡检 lost in full (15 × 2 = 30) and 3 tickets 5 workdays late each ("每个工单最多扣5分"
    # → 15 of 工单处理时效's 40): 100 − 30 − 15 = 55 → "70分以下的，支付当月服务费的80%":
    # 80% × 33333.33 = 26666.664 → 26666.66 (line −6666.67).
    # 三级 "5个工作日内处理完毕" (端午 2025 is 05-31 – 06-02, so the tickets open Tue 06-03
    # 09:00, answered 09:10): counted from the next workday, 06-04, 05, 06, 09, 10 → due
    # 06-10 24:00 (as the reading of the earlier audit). Resolved Thu 06-19 10:00: started
    # late workdays 06-11, 12, 13, 16, 17, 18, 19 (7) → 0.5 + 0.5 + 5 × 1 = 6 → 5 per ticket
    # ("每个工单最多扣5分").
    events = [ev("2025-06-20 16:00", "occurrence", kind="巡检缺失", count=15)]
    for k in range(3):
        tid = f"L{k}"
        events += [
            ev("2025-06-03 09:00", "opened", ticket=tid, sla="工单", tier="三级"),
            ev("2025-06-03 09:10", "responded", ticket=tid),
            ev("2025-06-19 10:00", "resolved", ticket=tid),
        ]
    june = months(rules, events, "2025-07-01 00:00", FEE)["2025-06"]
    assert score(june) == "55"
    band = [x for x in june["payment"]["lines"] if x["kind"] == "pay_band"]
    assert (band[0]["amount"], june["payment"]["payable"]) == ("-6666.67", "26666.66")


@pytest.mark.parametrize(("first", "flagged"), [("2025-01-10", False), ("2025-02-10", True)])
def test_three_low_months_within_twelve_across_the_new_year(
    rules: slarules.Ruleset, first: str, flagged: bool
) -> None:
    # "连续12个月内累计3个月考核得分低于80分的，采购人有权解除合同": 11 missed inspections → 78 in
    # each of {first}, 2025-12 and 2026-01. The 12 months ending with January 2026 are
    # 2025-02 … 2026-01: with February 2025 they hold 3 low months → 可解除合同 in 2026-01;
    # with January 2025 (13 months back) only 2 → no right. December alone never has 3.
    events = [missed(first, 11), missed("2025-12-10", 11), missed("2026-01-12", 11)]
    got = months(rules, events, "2026-02-01 00:00", {})
    assert "可解除合同" not in flags(got["2025-12"])
    assert ("可解除合同" in flags(got["2026-01"])) is flagged
    # Each low month pays 90% of 50000 = 45000.00 ("70分（含）至80分的").
    assert got["2026-01"]["payment"]["payable"] == "45000.00"
