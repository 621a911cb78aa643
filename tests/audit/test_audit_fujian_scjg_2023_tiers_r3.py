"""Audit round 3: fujian-scjg-2023, a 咨询 that turns out to be a 故障, and back, worked by hand
from the contract (shared/contracts/fujian-scjg-2023.txt, 四、3 and 4):

  "如需要查阅相关资料再对采购人的问题进行回复时，应确保在30分钟内回复。" (咨询)
  "当发生问题时，运维服务商应在30分钟内响应，1个工作日内提供故障解决方案并解决故障（突发应急事件
  除外）。要求故障处理结束后2个工作日内，提交《故障报告》。" (故障)

服务时间: Mon–Fri 08:00–12:00, 14:30–17:30 with the State Council holidays and 调休; "N个工作日"
ends at 24:00 of the N-th working day after the day of the event (walkthrough readings 1–2).
The contract is silent on a 咨询 that turns out to be a fault. Before this round the rule
file had no `retier` line and no stated reading, so the language's default applied: a
question raised to 故障 after the fault's "1个工作日" (counted from the question) had run
was due at the change itself — late the moment the vendor learned it was a fault. The file
now takes the reading the other reference rule files take (walkthrough reading 11, `retier
remeasure allow full`): measured from the report, an upgrade gives the new tier's own time
from the change, never more than the ticket already had. Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SCJG = "fujian-scjg-2023"


def _target(kit: Any, report: dict[str, Any], metric: str) -> tuple[str, str, str]:
    x = kit.target(report, "Q", metric)
    return x["status"], x["deadline"], x["tier"]


@pytest.mark.parametrize("resolved, status", [("2023-09-07 17:00", "met"),
                                              ("2023-09-08 08:30", "breached")])  # fmt: skip
def test_a_question_found_to_be_a_fault_two_days_later_gets_a_workday_from_then(
    kit: Any, resolved: str, status: str
) -> None:
    # 咨询 Monday 4 Sep 2023 09:00, answered 09:10 (≤ 30 min). Raised to 故障 Wednesday 6 Sep
    # 10:00: "1个工作日内…解决故障" from the question would have ended Tuesday 5 Sep 24:00,
    # before anyone called it a fault; 咨询 owed no resolution, so nothing bounds the new
    # tier's own time from the change: 6 Sep not counted, Thursday 7 Sep → 7 Sep 24:00
    # (2023-09-08T00:00). Resolved Thursday 17:00 → met; Friday 08:30 → breached.
    events = kit.ticket(
        "Q", "故障", "咨询", "2023-09-04 09:00",
        ("2023-09-04 09:10", "responded"),
        ("2023-09-06 10:00", "retiered", {"tier": "故障"}),
        (resolved, "resolved"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-10-01 00:00")
    assert _target(kit, report, "resolve") == (status, "2023-09-08T00:00:00+08:00", "故障")
    assert _target(kit, report, "respond") == ("met", "2023-09-04T09:30:00+08:00", "咨询")


def test_a_fault_lowered_to_a_question_and_raised_back_buys_no_time(kit: Any) -> None:
    # 故障 Monday 4 Sep 2023 09:00: respond by 09:30, resolve by Tuesday 5 Sep 24:00. Lowered
    # to 咨询 at 09:05 (the resolution is no longer owed), raised back to 故障 Tuesday 5 Sep
    # 10:00: 故障's own workday from the change would end 6 Sep 24:00, but a change back
    # gives no more than the tier gave → 5 Sep 24:00 (2023-09-06T00:00). Answered 09:20
    # (met); resolved Wednesday 6 Sep 09:00 → breached.
    events = kit.ticket(
        "Q", "故障", "故障", "2023-09-04 09:00",
        ("2023-09-04 09:05", "retiered", {"tier": "咨询"}),
        ("2023-09-04 09:20", "responded"),
        ("2023-09-05 10:00", "retiered", {"tier": "故障"}),
        ("2023-09-06 09:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-10-01 00:00")
    assert _target(kit, report, "resolve") == ("breached", "2023-09-06T00:00:00+08:00", "故障")
    assert _target(kit, report, "respond")[0] == "met"


def test_a_question_raised_over_lunch(kit: Any) -> None:
    # 咨询 Monday 4 Sep 2023 11:50: 30 working minutes = 10 min to 12:00, then 14:30 + 20 →
    # 14:50. Raised to 故障 at 12:30 (lunch): the response is 30 minutes in both tiers →
    # 14:50 (the change's own 30 minutes, from 14:30, would be 15:00: never more than it
    # had). Answered 14:50 → met. Resolution from the report: 5 Sep 24:00; from the change
    # the same. Resolved 5 Sep 16:00 → met.
    events = kit.ticket(
        "Q", "故障", "咨询", "2023-09-04 11:50",
        ("2023-09-04 12:30", "retiered", {"tier": "故障"}),
        ("2023-09-04 14:50", "responded"),
        ("2023-09-05 16:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-10-01 00:00")
    assert _target(kit, report, "respond") == ("met", "2023-09-04T14:50:00+08:00", "故障")
    assert _target(kit, report, "resolve") == ("met", "2023-09-06T00:00:00+08:00", "故障")


def test_an_emergency_fault_stays_exempt_through_a_change_and_back(kit: Any) -> None:
    # "（突发应急事件除外）": a fault attributed to 突发应急事件 owes no one-workday resolution
    # (reading 3), whichever tier it passes through: lowered to 咨询 and raised back, its
    # resolve target stays not_applicable; the response (09:20 ≤ 09:30) is met.
    events = kit.ticket(
        "Q", "故障", "故障", "2023-09-04 09:00",
        ("2023-09-04 09:10", "attributed", {"cause": "突发应急事件"}),
        ("2023-09-04 09:15", "retiered", {"tier": "咨询"}),
        ("2023-09-04 09:20", "responded"),
        ("2023-09-05 10:00", "retiered", {"tier": "故障"}),
        ("2023-09-08 09:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-10-01 00:00")
    assert kit.target(report, "Q", "resolve")["status"] == "not_applicable"
    assert kit.target(report, "Q", "respond")["status"] == "met"
