"""Audit r3b: aliyun-ecs-2021 money in February (the short month) at every band edge to the
second, one outage across a month end that lands in two bands, a fee with cents, and an
outage still open at the evaluation time — worked by hand from the text quoted in the rule
file (docs/rulesets/aliyun-ecs-2021.md):

  "单实例服务周期总分钟数：按照单实例服务周期内的总天数×24（小时）×60（分钟）计算"
  "服务可用性 =（服务周期总分钟数 − 服务不可用分钟数）/ 服务周期总分钟数"
  "不低于99.975%：承诺已达成"; "低于99.975%但等于或高于99%：月度服务费的10%";
  "低于99%但等于或高于95%：月度服务费的25%"; "低于95%：月度服务费的100%"

February 2026 has 28 days = 2419200 s; January and March 31 = 2678400 s. The rule file's
readings: the compensation (代金券) is a deduction of the month's fee (reading 4), the claim
is outside the log (reading 5), so no claim window and no cap beyond the 100% band are
modelled. Nothing here was copied from slarules' output.
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


@pytest.fixture(scope="module")
def rules() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "aliyun-ecs-2021.sla")


def _at(stamp: str) -> str:
    return stamp.replace(" ", "T") + "+08:00"


def outage(tid: str, opened: str, restored: str | None) -> list[dict[str, Any]]:
    out = [{"at": _at(opened), "type": "opened", "ticket": tid, "sla": "ECS实例", "tier": "实例"}]
    if restored is not None:
        out.append({"at": _at(restored), "type": "restored", "ticket": tid})
    return out


def replay(
    rules: slarules.Ruleset, events: list[dict[str, Any]], as_of: str, fee: str = "1000"
) -> dict[str, dict[str, Any]]:
    report = rules.replay(events, as_of=_at(as_of), params={"monthly_fee": fee})
    data: dict[str, Any] = json.loads(report.to_json())
    return {p["period"]: p["payment"] for p in data["periods"]}


def _band(payment: dict[str, Any]) -> str:
    line: str = next(x["amount"] for x in payment["lines"] if x["kind"] == "deduct_band")
    return line


@pytest.mark.parametrize(
    ("restored", "compensation"),
    [
        # 0.025% × 2419200 s = 604.8 s. 604 s down: 1 − 604/2419200 = 99.97503…% ≥ 99.975%
        # → "承诺已达成": 0.00. (In April, 30 days, the edge is 648 s: February's is shorter.)
        ("2026-02-10 10:10:04", "0.00"),
        # 605 s: 99.97499…% < 99.975% → 10% × 1000 = 100.00.
        ("2026-02-10 10:10:05", "100.00"),
        # 1% × 2419200 = 24192 s = 6 h 43 min 12 s: exactly 99% → "等于或高于99%": 10%.
        ("2026-02-10 16:43:12", "100.00"),
        # one second more → 25% = 250.00.
        ("2026-02-10 16:43:13", "250.00"),
        # 5% = 120960 s = 33 h 36 min: exactly 95% → 25%.
        ("2026-02-11 19:36:00", "250.00"),
        # one second more → "低于95%": 100% = 1000.00, payable 0.00 (never below zero).
        ("2026-02-11 19:36:01", "1000.00"),
    ],
)
def test_february_band_edges_to_the_second(
    rules: slarules.Ruleset, restored: str, compensation: str
) -> None:
    events = outage("F", "2026-02-10 10:00:00", restored)
    feb = replay(rules, events, "2026-03-01 00:00:00")["2026-02"]
    assert D(_band(feb)) == -D(compensation)
    assert D(feb["payable"]) == D("1000.00") - D(compensation)


def test_one_outage_across_the_month_end_lands_in_two_bands_with_a_fee_in_cents(
    rules: slarules.Ruleset,
) -> None:
    # Down from 2026-01-31 17:00 to 2026-02-01 07:00: 7 h in January, 7 h in February
    # (each month's own minutes, "在一个服务周期内…不可用分钟数之和").
    # January: 25200/2678400 = 0.9408…% down → 99.059% ≥ 99% → 10%.
    # February: 25200/2419200 = 1.0416…% down → 98.958% < 99% → 25%.
    # Fee 333.33 ("月度服务费"): 10% = 33.333 → 33.33, January pays 300.00; 25% = 83.3325 →
    # 83.33, February pays 250.00. Both months: 666.66 − 116.66 = 550.00.
    events = outage("X", "2026-01-31 17:00:00", "2026-02-01 07:00:00")
    months = replay(rules, events, "2026-03-01 00:00:00", fee="333.33")
    jan, feb = months["2026-01"], months["2026-02"]
    assert (_band(jan), jan["payable"]) == ("-33.33", "300.00")
    assert (_band(feb), feb["payable"]) == ("-83.33", "250.00")
    assert D(jan["payable"]) + D(feb["payable"]) == D("550.00")


def test_an_outage_open_at_the_evaluation_time_counts_up_to_it(rules: slarules.Ruleset) -> None:
    # Down since 2026-03-31 23:00, still down as of 2026-04-01 00:00 (the boundary): March
    # has 3600 s down → 99.866% → 10% = 100.00, March pays 900.00. As of 2026-03-31 23:59:59
    # (the second before) the same outage has 3599 s → 99.8656…% → still 10%: 900.00. As of
    # 2026-03-31 23:10 it is 600 s → 99.9776% ≥ 99.975% → nothing yet, 1000.00 (it can only
    # fall: availability over the whole month, downtime up to as_of).
    events = outage("O", "2026-03-31 23:00:00", None)
    for as_of, payable in (
        ("2026-03-31 23:10:00", "1000.00"),
        ("2026-03-31 23:59:59", "900.00"),
        ("2026-04-01 00:00:00", "900.00"),
    ):
        assert replay(rules, events, as_of)["2026-03"]["payable"] == payable, as_of


@pytest.mark.parametrize(
    ("restored", "payable"),
    [
        # February 2028 has 29 days ("总天数×24×60") = 2505600 s; 0.025% = 626.4 s. 626 s
        # down → 99.975018…% ≥ 99.975% → nothing; 627 s → 99.974976…% → 10% → 900.00.
        ("2028-02-10 10:10:26", "1000.00"),
        ("2028-02-10 10:10:27", "900.00"),
    ],
)
def test_a_leap_february_has_its_own_edge(
    rules: slarules.Ruleset, restored: str, payable: str
) -> None:
    events = outage("L", "2028-02-10 10:00:00", restored)
    assert replay(rules, events, "2028-03-01 00:00:00")["2028-02"]["payable"] == payable
