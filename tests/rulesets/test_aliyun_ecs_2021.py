"""Scenario tests of rulesets/aliyun-ecs-2021.sla (阿里云云服务器ECS服务等级协议, single instance).

Every expected number is worked out by hand from the SLA text in the comment above it:
"服务可用性 =（服务周期总分钟数 − 服务不可用分钟数）/ 服务周期总分钟数", "服务周期：一个自然月",
"总分钟数：总天数×24×60", and the compensation table 10% / 25% / 100% of 月度服务费 (the
placeholder monthly_fee of 1000元 unless a test gives another).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import slarules

from .conftest import Event, Kit

NAME = "aliyun-ecs-2021"
SLA, TIER = "ECS实例", "实例"


def outage(kit: Kit, tid: str, start: str, end: str, *extra: Any) -> list[Event]:
    return kit.ticket(tid, SLA, TIER, start, *extra, (end, "restored"))


def window(kit: Kit, announced: str, start: str, end: str) -> Event:
    return kit.ev(announced, "maintenance", sla=SLA, start=kit.at(start), end=kit.at(end))


def deduction(kit: Kit, report: dict[str, Any], label: str) -> str:
    line: str = kit.line(kit.period(report, label), "deduct_band")["amount"]
    return line


def test_eleven_minutes_in_january_keep_the_commitment(kit: Kit) -> None:
    # January: 31 × 24 × 60 = 44640 minutes. 11 minutes down: 1 − 11/44640 = 99.97536%
    # ≥ 99.975% ("不低于99.975%"): no compensation.
    events = outage(kit, "A", "2026-01-10 10:00", "2026-01-10 10:11")
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    assert deduction(kit, report, "2026-01") == "0.00"
    assert "99.9753%" in kit.line(kit.period(report, "2026-01"), "deduct_band")["basis"]


def test_twelve_minutes_in_january_cost_ten_percent(kit: Kit) -> None:
    # 12 minutes: 1 − 12/44640 = 99.97312% < 99.975% and ≥ 99%: "月度服务费的10%" = 100.00.
    events = outage(kit, "A", "2026-01-10 10:00", "2026-01-10 10:12")
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    assert deduction(kit, report, "2026-01") == "-100.00"
    assert kit.flags(kit.period(report, "2026-01")) == ["未达可用性承诺"]


def test_february_is_shorter_so_the_same_outage_weighs_more(kit: Kit) -> None:
    # February 2026: 28 × 24 × 60 = 40320 minutes. 11 minutes: 1 − 11/40320 = 99.97272%,
    # below 99.975% although the same 11 minutes kept January's commitment: 10% = 100.00.
    events = outage(kit, "A", "2026-02-10 10:00", "2026-02-10 10:11")
    report = kit.replay(NAME, events, as_of="2026-03-01 00:00")
    assert deduction(kit, report, "2026-02") == "-100.00"


def test_an_outage_across_the_month_end_is_split(kit: Kit) -> None:
    # 2026-01-31 20:00 → 2026-02-01 10:00: 4 hours in January, 10 hours in February.
    # January: 1 − 240/44640 = 99.4624% → 10%; February: 1 − 600/40320 = 98.5119% → 25%.
    events = outage(kit, "A", "2026-01-31 20:00", "2026-02-01 10:00")
    report = kit.replay(NAME, events, as_of="2026-03-01 00:00", params={"monthly_fee": "2000"})
    assert deduction(kit, report, "2026-01") == "-200.00"
    assert deduction(kit, report, "2026-02") == "-500.00"


def test_below_ninety_five_percent_the_whole_fee(kit: Kit) -> None:
    # "低于95%：月度服务费的100%": 40 hours in April (30 days, 43200 minutes):
    # 1 − 2400/43200 = 94.4444% < 95%: 100% of 1000 = 1000.00, the month pays nothing.
    events = outage(kit, "A", "2026-04-05 00:00", "2026-04-06 16:00")
    report = kit.replay(NAME, events, as_of="2026-05-01 00:00")
    assert deduction(kit, report, "2026-04") == "-1000.00"
    assert kit.period(report, "2026-04")["payment"]["payable"] == "0.00"


def test_overlapping_tickets_count_once(kit: Kit) -> None:
    # Two tickets for one outage, 10:00-10:30 and 10:20-10:40: the instance was down 40
    # minutes, not 50. 1 − 40/44640 = 99.91039…% (shown cut: 99.9103%) → 10%.
    events = outage(kit, "A", "2026-01-10 10:00", "2026-01-10 10:30")
    events += outage(kit, "B", "2026-01-10 10:20", "2026-01-10 10:40")
    events.sort(key=lambda e: e["at"])
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    basis = kit.line(kit.period(report, "2026-01"), "deduct_band")["basis"]
    assert "downtime = PT40M" in basis and "99.9103%" in basis


def test_announced_maintenance_is_not_downtime(kit: Kit) -> None:
    # "阿里云预先通知客户后进行系统维护所引起的" is not 服务不可用时间. A window announced a
    # day ahead covers a 3-hour outage: January's downtime is 0, availability 100%.
    events = [window(kit, "2026-01-09 01:00", "2026-01-10 01:00", "2026-01-10 04:00")]
    events += outage(kit, "A", "2026-01-10 01:00", "2026-01-10 04:00")
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    basis = kit.line(kit.period(report, "2026-01"), "deduct_band")["basis"]
    assert deduction(kit, report, "2026-01") == "0.00"
    assert "= 100% in [99.975%, 100%]" in basis
    assert "excluded (announced PT24H ahead" in basis
    # from downtime only: the month keeps its 744 hours ("总天数×24×60").
    assert "service time = PT744H" in basis


def test_maintenance_announced_after_it_began_is_downtime(kit: Kit) -> None:
    # A window announced 5 minutes after it began is not 预先通知: its 20 minutes are
    # downtime even without a ticket. 1 − 20/44640 = 99.9552% → 10%.
    events = [window(kit, "2026-01-10 01:05", "2026-01-10 01:00", "2026-01-10 01:20")]
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    basis = kit.line(kit.period(report, "2026-01"), "deduct_band")["basis"]
    assert deduction(kit, report, "2026-01") == "-100.00"
    assert "counted as downtime (announced PT5M after it began" in basis


def test_a_customer_caused_outage_is_excluded(kit: Kit) -> None:
    # "客户的疏忽或由客户授权的操作所引起的" does not count: a 5-hour outage attributed to
    # 客户原因 leaves January at 100%.
    events = outage(
        kit,
        "A",
        "2026-01-10 10:00",
        "2026-01-10 15:00",
        ("2026-01-10 12:00", "attributed", {"cause": "客户原因"}),
    )
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    assert deduction(kit, report, "2026-01") == "0.00"


def test_the_sample_months(kit: Kit) -> None:
    # docs/rulesets/aliyun-ecs-2021.md works the sample out (percentages cut to 4 decimals,
    # as the report shows them): January 6 minutes (1 − 6/44640 = 99.98656…% → 99.9865%, 0),
    # February 40 + 5 + 60 = 105 minutes (1 − 105/40320 = 99.73958…% → 99.7395%, 10% =
    # 100.00), March 60 + 2160 = 2220 minutes (1 − 2220/44640 = 95.02688…% → 95.0268%, 25% =
    # 250.00), April 0 (its window was announced 16 hours ahead).
    root = Path(__file__).resolve().parents[2]
    ruleset = slarules.load(root / "rulesets" / f"{NAME}.sla")
    report = json.loads(
        ruleset.replay(root / "rulesets" / "samples" / f"{NAME}.events.jsonl").to_json()
    )
    assert [deduction(kit, report, m) for m in ("2026-01", "2026-02", "2026-03", "2026-04")] == [
        "0.00",
        "-100.00",
        "-250.00",
        "0.00",
    ]


def test_a_longer_notice_given_as_a_parameter_makes_a_window_count(kit: Kit) -> None:
    # A customer agreement of 72 hours' notice (--param maintenance_notice=72h): a window
    # announced 63 hours ahead is no longer 预先通知 enough, so its 2 hours count, and the
    # outage inside it once: 1 − 120/44640 = 99.73118…% (shown cut: 99.7311%) → 10% = 100.00.
    # With the default notice the same log keeps January at 100%.
    events = [window(kit, "2026-01-12 10:00", "2026-01-15 01:00", "2026-01-15 03:00")]
    events += outage(kit, "A", "2026-01-15 01:00", "2026-01-15 02:30")
    report = kit.replay(NAME, events, as_of="2026-02-01 00:00")
    assert deduction(kit, report, "2026-01") == "0.00"
    strict = kit.replay(
        NAME, events, as_of="2026-02-01 00:00", params={"maintenance_notice": "72h"}
    )
    assert deduction(kit, strict, "2026-01") == "-100.00"
    basis = kit.line(kit.period(strict, "2026-01"), "deduct_band")["basis"]
    assert "99.7311%" in basis
    assert "announced PT63H ahead, maintenance_notice = PT72H ahead needed" in basis
