"""Audit round 3, clause by clause: fujian-gxt-2026 — "每延误一天", worked by hand from the
contract (shared/contracts/fujian-gxt-2026.txt, 五、服务考核 (2)):

  "（2）服务响应时间(权重20分)：未能按照服务响应时间要求响应的每次扣2分；未在规定时限内提交相应的
  报告材料每延误一天扣2分；累计最高扣20分。"

The clause does not say how a part of a day counts. Reading stated in the rule file and the
walkthrough since this round: a day of delay is each started 24 hours after the due time
("延误" begins the moment the time limit passes; one hour late is already a day of delay,
and the next day starts 24 hours after the due time). For the usual due time, 24:00 of a
day, this is the count of calendar days on which the report was still missing. The 20-point
cap holds for the whole item, with the response breaches. Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

GXT = "fujian-gxt-2026"
# 运维报告 due 2026-03-10 24:00, i.e. the instant 2026-03-11 00:00.
DUE = "2026-03-11 00:00"


def _item(kit: Any, events: list[dict[str, Any]]) -> dict[str, Any]:
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    card = kit.card(kit.period(report, "服务周期:1"), "服务考核")
    item: dict[str, Any] = kit.item(card, "服务响应时间")
    return item


@pytest.mark.parametrize(
    "delivered, points",
    [
        # 23:59 on the due day (10 Mar): in time → 20.
        ("2026-03-10 23:59", "20"),
        # 00:30 on 11 Mar: half an hour into the first day of delay → 1 day → 20 − 2 = 18.
        ("2026-03-11 00:30", "18"),
        # 23:59 on 11 Mar: still the first day → 18.
        ("2026-03-11 23:59", "18"),
        # 00:01 on 12 Mar: the second day has started → 2 days → 20 − 4 = 16.
        ("2026-03-12 00:01", "16"),
        # 09:00 on 20 Mar: the tenth day (11 … 20 Mar) → 10 × 2 = 20 → 0.
        ("2026-03-20 09:00", "0"),
        # 09:00 on 25 Mar: 15 days → 30 points, but "累计最高扣20分" → 0, not −10.
        ("2026-03-25 09:00", "0"),
    ],
)
def test_each_started_day_of_delay_costs_two_points(kit: Any, delivered: str, points: str) -> None:
    events = [
        kit.ev(DUE, "due", deliverable="运维报告"),
        kit.ev(delivered, "delivered", deliverable="运维报告"),
    ]
    events.sort(key=lambda e: e["at"])
    assert _item(kit, events)["score"] == points


def test_the_cap_is_shared_with_late_responses(kit: Any) -> None:
    # Eight late responses (2 each: 16) and a report 3 days late (6): 22 > 20 → the item is 0.
    # Each 一般 fault is answered after 2 hours ("1小时内响应": breached) and resolved within
    # the 4 hours ("非灾难性问题4小时内解决": met), so nothing else is deducted.
    events = [
        kit.ev(DUE, "due", deliverable="运维报告"),
        kit.ev("2026-03-13 10:00", "delivered", deliverable="运维报告"),
    ]
    for n in range(8):
        day = f"2026-04-{n + 1:02d}"
        events += kit.ticket(
            f"T{n}",
            "故障",
            "一般",
            f"{day} 09:00",
            (f"{day} 11:00", "responded"),
            (f"{day} 12:00", "resolved"),
        )
    events.sort(key=lambda e: e["at"])
    assert _item(kit, events)["score"] == "0"


@pytest.mark.parametrize(
    "arrived, points",
    [
        # On site 59 minutes after the notice: within "1个小时内赶赴现场" → 20.
        ("2026-05-12 10:59", "20"),
        # On site after 1 h 05 (having set out within the hour does not help): −2 → 18.
        ("2026-05-12 11:05", "18"),
    ],
)
def test_the_resident_must_be_on_site_within_the_hour(kit: Any, arrived: str, points: str) -> None:
    # "对于突发的系统故障，如果情况紧急或不宜用远程手段解决，要求在1个小时内作出响应，驻点技术人员
    # 在1个小时内赶赴现场，公司技术人员2小时内赶赴现场". Reading: "赶赴现场" is being on site (the
    # 灾难性 sentence says "到达故障现场" for the same duty, and setting out is not something the
    # purchaser can see). A 紧急 fault notified Tue 12 May 2026 10:00, answered 10:10, the
    # company engineer on site 11:30 (< 2 h), resolved 12:00 (< 4 h): only the resident's
    # arrival decides item (2), "未能按照服务响应时间要求响应的每次扣2分".
    events = kit.ticket(
        "U1",
        "故障",
        "紧急",
        "2026-05-12 10:00",
        ("2026-05-12 10:10", "responded"),
        (arrived, "arrived"),
        ("2026-05-12 11:30", "engineer_arrived"),
        ("2026-05-12 12:00", "resolved"),
    )
    assert _item(kit, events)["score"] == points


def test_a_report_never_provided_is_late_and_not_provided(kit: Any) -> None:
    # (2) "未在规定时限内提交相应的报告材料每延误一天扣2分；累计最高扣20分" and (6) "未能按要求提供
    # 服务报表、报告、日志记录、统计分析等材料的每次扣5分；累计最高扣15分". Reading: the rows name
    # two failures, the time (2) and the provision (6). The 运维报告 due 10 Mar 2026 24:00 and
    # never delivered is late every day up to the assessment (1 Jan 2027: 297 days, capped →
    # item (2) 0); the purchaser, finding it was never provided, logs 材料未提供 once → item
    # (6) 15 − 5 = 10.
    events = [
        kit.ev(DUE, "due", deliverable="运维报告"),
        kit.ev("2026-12-28 10:00", "occurrence", kind="材料未提供"),
    ]
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    card = kit.card(kit.period(report, "服务周期:1"), "服务考核")
    assert kit.item(card, "服务响应时间")["score"] == "0"
    assert kit.item(card, "服务档案记录")["score"] == "10"
