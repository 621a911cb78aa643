"""Audit: fujian-gxt-2026, a fault whose tier changes and a fault across the boundary of the
two 服务周期, worked by hand from "四、服务要求" (shared/contracts/fujian-gxt-2026.txt):

  "如发生系统故障后，应在接到应用方故障通知1小时内响应，非灾难性问题4小时内解决" (一般)
  "对于突发的系统故障，如果情况紧急或不宜用远程手段解决，要求在1个小时内作出响应，驻点技术人员
  在1个小时内赶赴现场，公司技术人员2小时内赶赴现场" (紧急)
  "（2）服务响应时间(权重20分)：未能按照服务响应时间要求响应的每次扣2分"

The rule file's documented readings: times 7×24; `retier remeasure allow full` — "a fault
that becomes 紧急 later gives the vendor the 紧急 times from the change (the resident's hour,
the company engineer's two), never more than it had before"; arrival is part of the
服务响应时间 (−2 per missed target). Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

GXT = "fujian-gxt-2026"
DAY = "2026-03-10"


def _t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def _report(kit: Any, tier: str, *steps: Any, opened: str = f"{DAY} 10:00") -> Any:
    events = kit.ticket("G", "故障", tier, opened, *steps)
    return kit.replay(GXT, events, as_of="2028-01-01 00:00")


def _respond_points(kit: Any, report: Any, label: str = "服务周期:1") -> str:
    card = kit.card(kit.period(report, label), "服务考核")
    points: str = kit.item(card, "服务响应时间")["score"]
    return points


@pytest.mark.parametrize(
    "arrived, engineer, arrive_status, engineer_status, points",
    [
        # Raised to 紧急 at 10:30: the resident's hour from the change → 11:30, the company
        # engineer's two → 12:30. On site 11:20 and 12:20: met, 20 points kept.
        ("11:20", "12:20", "met", "met", "20"),
        # 11:40 and 12:40: both late → −2 −2 → 16.
        ("11:40", "12:40", "breached", "breached", "16"),
    ],
)
def test_ordinary_fault_raised_to_urgent_owes_the_arrivals_from_the_change(
    kit: Any, arrived: str, engineer: str, arrive_status: str, engineer_status: str,
    points: str,
) -> None:  # fmt: skip
    # The response (1 h in both tiers) stays due at 11:00 — the floor 10:30 + 1 h = 11:30 is
    # later than the 11:00 it had, and an upgrade never gives more. The 4 h resolution stays
    # 14:00 for the same reason.
    report = _report(
        kit, "一般",
        (f"{DAY} 10:30", "retiered", {"tier": "紧急"}),
        (f"{DAY} 10:50", "responded"),
        (f"{DAY} {arrived}", "arrived"),
        (f"{DAY} {engineer}", "engineer_arrived"),
        (f"{DAY} 13:00", "resolved"),
    )  # fmt: skip
    respond = kit.target(report, "G", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", _t("11:00"))
    arrive = kit.target(report, "G", "arrive")
    assert (arrive["status"], arrive["deadline"]) == (arrive_status, _t("11:30"))
    eng = kit.target(report, "G", "engineer_arrive")
    assert (eng["status"], eng["deadline"]) == (engineer_status, _t("12:30"))
    resolve = kit.target(report, "G", "resolve")
    assert (resolve["status"], resolve["deadline"]) == ("met", _t("14:00"))
    assert _respond_points(kit, report) == points


def test_urgent_lowered_after_the_residents_hour_keeps_the_missed_arrival(kit: Any) -> None:
    # 紧急 at 10:00: the resident owed on site by 11:00, the engineer by 12:00. Nobody came;
    # lowered to 一般 at 11:10 — the resident's hour had passed: a 紧急 breach that stays
    # (−2); the engineer's 12:00 had not: 一般 owes no arrival, so it lapses. Answered 10:30,
    # resolved 13:00 (within 4 h): 20 − 2 = 18.
    report = _report(
        kit, "紧急",
        (f"{DAY} 10:30", "responded"),
        (f"{DAY} 11:10", "retiered", {"tier": "一般"}),
        (f"{DAY} 13:00", "resolved"),
    )  # fmt: skip
    arrive = kit.target(report, "G", "arrive")
    assert (arrive["status"], arrive["tier"]) == ("breached", "紧急")
    assert kit.target(report, "G", "engineer_arrive")["status"] == "not_applicable"
    assert _respond_points(kit, report) == "18"


def test_a_fault_opened_at_the_end_of_cycle_1_counts_there_when_answered_in_cycle_2(
    kit: Any,
) -> None:
    # Opened 2026-12-31 23:30 (cycle 1 ends 2027-01-01 00:00), 一般: respond by 00:30.
    # Answered 2027-01-01 00:45: late. "本周期内的服务情况": the ticket belongs to the cycle of
    # its report → cycle 1 loses 2 (服务响应时间 18, score 98: not below 90, nothing
    # withheld, 500000.00); cycle 2 keeps 20 and 100.
    report = _report(
        kit, "一般",
        ("2027-01-01 00:45", "responded"),
        ("2027-01-01 03:00", "resolved"),
        opened="2026-12-31 23:30",
    )  # fmt: skip
    assert kit.target(report, "G", "respond")["status"] == "breached"
    assert _respond_points(kit, report, "服务周期:1") == "18"
    one = kit.period(report, "服务周期:1")
    assert kit.card(one, "服务考核")["score"] == "98"
    assert one["payment"]["payable"] == "500000.00"
    two = [p for p in report["periods"] if p["period"] == "服务周期:2"]
    assert not two or kit.card(two[0], "服务考核")["score"] == "100"
