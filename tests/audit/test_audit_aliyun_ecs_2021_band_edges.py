"""Audit (E2): aliyun-ecs-2021 — the compensation bands at their exact edges (to the second),
a fee whose percentage needs rounding, and outages that overlap exclusions.

Text (docs/rulesets/aliyun-ecs-2021.md): "服务可用性 =（服务周期总分钟数 − 服务不可用分钟数）/
服务周期总分钟数"; "单实例服务周期总分钟数：按照单实例服务周期内的总天数×24（小时）×60（分钟）计算";
bands "不低于99.975%：承诺已达成", "低于99.975%但等于或高于99%：月度服务费的10%", "低于99%但等于
或高于95%：月度服务费的25%", "低于95%：月度服务费的100%". April 2026 has 30 days = 43200
minutes = 2592000 seconds. Every expected number is worked out by hand from the clause quoted
beside it, never copied from slarules' output.
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
    return slarules.load(ROOT / "rulesets" / "aliyun-ecs-2021.sla")


def outage(tid: str, opened: str, restored: str, **extra: Any) -> list[dict[str, Any]]:
    """An outage ticket; times are ``2026-04-10 10:00:00`` China time."""

    def at(s: str) -> str:
        return s.replace(" ", "T") + "+08:00"

    out = [{"at": at(opened), "type": "opened", "ticket": tid, "sla": "ECS实例", "tier": "实例"}]
    out += [{"at": at(restored), "type": "restored", "ticket": tid}]
    return out


def april(
    rules: slarules.Ruleset, events: list[dict[str, Any]], fee: str = "1000"
) -> dict[str, Any]:
    report = rules.replay(
        sorted(events, key=lambda e: e["at"]),
        as_of="2026-05-01T00:00:00+08:00",
        params={"monthly_fee": fee},
    )
    data: dict[str, Any] = json.loads(report.to_json())
    found: dict[str, Any] = next(p for p in data["periods"] if p["period"] == "2026-04")
    return found


def compensation(period: dict[str, Any]) -> tuple[str, str, list[str]]:
    pay = period["payment"]
    band = [x for x in pay["lines"] if x["kind"] == "deduct_band"]
    amount = band[0]["amount"] if band else "0.00"
    return amount, pay["payable"], sorted(f["name"] for f in pay["flags"])


@pytest.mark.parametrize(
    ("restored", "amount", "payable", "flags"),
    [
        # 0.025% of 2592000 s = 648 s = 10 min 48 s: 1 − 648/2592000 = 99.975% exactly →
        # "不低于99.975%：承诺已达成": nothing.
        ("2026-04-10 10:10:48", "0.00", "1000.00", []),
        # one second more: 649 s → below 99.975%, at least 99% → 10% of 1000 = 100.00.
        ("2026-04-10 10:10:49", "-100.00", "900.00", ["未达可用性承诺"]),
        # 1% = 25920 s = 7 h 12 min: exactly 99% → "等于或高于99%": still 10%.
        ("2026-04-10 17:12:00", "-100.00", "900.00", ["未达可用性承诺"]),
        # one second more → "低于99%但等于或高于95%": 25% = 250.00.
        ("2026-04-10 17:12:01", "-250.00", "750.00", ["未达可用性承诺"]),
        # 5% = 129600 s = 36 h: exactly 95% → still 25%.
        ("2026-04-11 22:00:00", "-250.00", "750.00", ["未达可用性承诺"]),
        # one second more → "低于95%：月度服务费的100%": 1000.00, payable 0.00.
        ("2026-04-11 22:00:01", "-1000.00", "0.00", ["未达可用性承诺"]),
    ],
)
def test_each_band_edge_to_the_second(
    rules: slarules.Ruleset, restored: str, amount: str, payable: str, flags: list[str]
) -> None:
    period = april(rules, outage("E", "2026-04-10 10:00:00", restored))
    assert compensation(period) == (amount, payable, flags)


def test_a_fee_whose_percentage_needs_rounding(rules: slarules.Ruleset) -> None:
    # monthly_fee 3650.45 ("月度服务费"), an 8-hour outage: 1 − 480/43200 = 98.888…% → "低于99%
    # 但等于或高于95%" → 25% × 3650.45 = 912.6125 → rounded half-up to the fen (docs/language.md
    # §6: each payment line rounded half-up to 0.01 once) = 912.61 → payable 3650.45 − 912.61
    # = 2737.84. With 2 hours: 1 − 120/43200 = 99.722…% → 10% = 365.045 → 365.05 → 3285.40.
    eight = april(rules, outage("E", "2026-04-10 10:00:00", "2026-04-10 18:00:00"), "3650.45")
    assert compensation(eight)[:2] == ("-912.61", "2737.84")
    two = april(rules, outage("E", "2026-04-10 10:00:00", "2026-04-10 12:00:00"), "3650.45")
    assert compensation(two)[:2] == ("-365.05", "3285.40")


def test_an_excluded_outage_does_not_hide_a_counted_one_it_overlaps(
    rules: slarules.Ruleset,
) -> None:
    # A: 10:00–11:00 (counted). B: 10:30–12:00, attributed to 客户原因: "因下述原因导致的服务
    # 不可用的时长不计入服务不可用时间" — B's own time does not count, but A's minutes 10:30–11:00
    # are still A's. Downtime = A's 60 minutes (not 90, the union; not 30, A less B).
    # 1 − 60/43200 = 99.861…% → 10% → 100.00.
    events = [
        *outage("A", "2026-04-10 10:00:00", "2026-04-10 11:00:00"),
        *outage("B", "2026-04-10 10:30:00", "2026-04-10 12:00:00"),
        {
            "at": "2026-04-10T12:05:00+08:00",
            "type": "attributed",
            "ticket": "B",
            "cause": "客户原因",
        },
    ]
    period = april(rules, events)
    assert compensation(period)[:2] == ("-100.00", "900.00")


def test_an_outage_partly_inside_an_announced_window_counts_its_other_part(
    rules: slarules.Ruleset,
) -> None:
    # A window 02:00–04:00 announced the day before ("预先通知客户后进行系统维护") is excluded
    # from the downtime; one outage 01:49–04:11 counts only outside the window: 11 min
    # (01:49–02:00) + 11 min (04:00–04:11) = 22 min → 1 − 22/43200 = 99.949…% < 99.975% →
    # 10% → 100.00. Had the window hidden the whole outage it would be 100%; had it counted
    # all 142 minutes, still 10% — so the edge case below tells the readings apart.
    events = [
        *outage("M", "2026-04-10 01:49:00", "2026-04-10 04:11:00"),
        {
            "at": "2026-04-09T10:00:00+08:00",
            "type": "maintenance",
            "sla": "ECS实例",
            "start": "2026-04-10T02:00:00+08:00",
            "end": "2026-04-10T04:00:00+08:00",
        },
    ]
    assert compensation(april(rules, events))[:2] == ("-100.00", "900.00")
    # The same with 5 min 24 s each side: 648 s in all = exactly 99.975% → nothing.
    edge = [
        *outage("M", "2026-04-10 01:54:36", "2026-04-10 04:05:24"),
        events[-1],
    ]
    assert compensation(april(rules, edge)) == ("0.00", "1000.00", [])
