"""Audit round 3: fujian-gxt-2026, changes to and from 灾难性 and its engineer owed only once
the fault is escalated, worked by hand from "四、服务要求（一）" and "五、服务考核"
(shared/contracts/fujian-gxt-2026.txt):

  一般: "应在接到应用方故障通知1小时内响应，非灾难性问题4小时内解决"
  紧急: "1个小时内作出响应 … 驻点技术人员在1个小时内赶赴现场 … 公司技术人员2小时内赶赴现场"
  灾难性: "如现场服务人员无法解决，须指派工程师在3小时内到达故障现场 … 若24小时内无法排除故障，
  须提供备选方案"
  "服务事项没有按照用户要求的时限…完成的每件扣5分"; "未能按照服务响应时间要求响应的每次扣2分"

Documented readings (docs/rulesets/fujian-gxt-2026.md, rule file comments; docs/language.md
`when`, retier): times are 7×24; 灾难性's engineer is owed only once the fault is
`escalated`, then measured from the notice; a change is `retier remeasure allow full` (a
target the old tier did not have is owed with the new tier's own time from the change, a
change never gives more than the ticket had). Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

GXT = "fujian-gxt-2026"
DAY = "2026-03-10"


def _t(hhmm: str) -> str:
    return f"{DAY}T{hhmm}:00+08:00"


def _target(kit: Any, report: dict[str, Any], metric: str) -> tuple[str, str | None, str]:
    x = kit.target(report, "G", metric)
    return x["status"], x["deadline"], x["tier"]


def _items(kit: Any, report: dict[str, Any]) -> tuple[str, str]:
    card = kit.card(kit.period(report, "服务周期:1"), "服务考核")
    return kit.item(card, "服务完成情况")["score"], kit.item(card, "服务响应时间")["score"]


@pytest.mark.parametrize(
    "arrived, status, response",
    [("13:00", "met", "20"), ("13:01", "breached", "18")],
)
def test_raised_to_disaster_then_escalated_owes_the_engineer_three_hours_from_the_change(
    kit: Any, arrived: str, status: str, response: str
) -> None:
    # 一般 at 09:00, answered 09:30. Raised to 灾难性 at 10:00: 一般 owed no engineer, so
    # the 灾难性 3 hours have no earlier deadline to bound them: from the change → 13:00
    # (from the notice they would end 12:00). Owed only once escalated: escalated 11:00 →
    # due 13:00. The engineer at 13:00 → met; 13:01 → breached, −2 (服务响应时间 18).
    # resolve: 灾难性 has no 4-hour resolution, so 一般's lapses; the backup plan ("24小时
    # 内无法排除故障") stops at the resolution, 20:00, well inside → 服务完成情况 20.
    events = kit.ticket(
        "G", "故障", "一般", f"{DAY} 09:00",
        (f"{DAY} 09:30", "responded"),
        (f"{DAY} 10:00", "retiered", {"tier": "灾难性"}),
        (f"{DAY} 11:00", "escalated"),
        (f"{DAY} {arrived}", "engineer_arrived"),
        (f"{DAY} 20:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-04-01 00:00")
    assert _target(kit, report, "engineer_arrive") == (status, _t("13:00"), "灾难性")
    assert _items(kit, report) == ("20", response)
    assert _target(kit, report, "resolve")[0] == "not_applicable"


def test_escalated_before_the_raise_is_owed_from_the_change(kit: Any) -> None:
    # 一般 at 09:00; escalated at 09:30 (一般 owes no engineer: nothing yet); raised to 灾难性
    # at 10:00: the engineer is owed from now, 3 h from the change → 13:00. Arrived 12:30
    # → met. Answered 09:40 (≤ 10:00). Resolved 14:00: the backup plan was never due
    # (resolved within 24 h) → nothing deducted: 20 / 20.
    events = kit.ticket(
        "G", "故障", "一般", f"{DAY} 09:00",
        (f"{DAY} 09:30", "escalated"),
        (f"{DAY} 09:40", "responded"),
        (f"{DAY} 10:00", "retiered", {"tier": "灾难性"}),
        (f"{DAY} 12:30", "engineer_arrived"),
        (f"{DAY} 14:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-04-01 00:00")
    assert _target(kit, report, "engineer_arrive") == ("met", _t("13:00"), "灾难性")
    assert _items(kit, report) == ("20", "20")


@pytest.mark.parametrize("resolved, status, done", [("16:00", "met", "20"),
                                                    ("16:01", "breached", "15")])  # fmt: skip
def test_disaster_lowered_to_general_owes_four_hours_from_the_change(
    kit: Any, resolved: str, status: str, done: str
) -> None:
    # 灾难性 at 09:00 (no 4-hour resolution: "若24小时内无法排除故障，须提供备选方案"),
    # answered 09:20. Lowered to 一般 at 12:00: "非灾难性问题4小时内解决" from the notice would
    # end 13:00, but 灾难性 owed no such time; the new tier's own time from the change, with
    # no earlier deadline to bound it → 16:00. The backup plan (一般 has none) lapses.
    # Resolved 16:00 → met; 16:01 → "每件扣5分" → 服务完成情况 15.
    events = kit.ticket(
        "G", "故障", "灾难性", f"{DAY} 09:00",
        (f"{DAY} 09:20", "responded"),
        (f"{DAY} 12:00", "retiered", {"tier": "一般"}),
        (f"{DAY} {resolved}", "resolved"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-04-01 00:00")
    assert _target(kit, report, "resolve") == (status, _t("16:00"), "一般")
    assert _target(kit, report, "workaround")[0] == "not_applicable"
    assert _items(kit, report) == (done, "20")


def test_urgent_to_disaster_measures_the_engineer_from_the_notice(kit: Any) -> None:
    # 紧急 at 09:00: resident due 10:00, engineer "2小时内" → 11:00. Changed to 灾难性 at
    # 09:30 (declared after 紧急, with the longer "3小时内", owed when escalated: escalated
    # 09:45). A longer target is measured from the notice (docs/language.md, retier 2: "A
    # downgrade (a longer target) is measured from the start") → 12:00; the floor, bounded by
    # the 11:00 it had, does not cut it shorter. Arrived 11:30 → met. The resident's hour:
    # 灾难性 owes no resident, so it lapses. Answered 09:10: nothing deducted.
    events = kit.ticket(
        "G", "故障", "紧急", f"{DAY} 09:00",
        (f"{DAY} 09:10", "responded"),
        (f"{DAY} 09:30", "retiered", {"tier": "灾难性"}),
        (f"{DAY} 09:45", "escalated"),
        (f"{DAY} 11:30", "engineer_arrived"),
        (f"{DAY} 15:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-04-01 00:00")
    assert _target(kit, report, "engineer_arrive") == ("met", _t("12:00"), "灾难性")
    assert _target(kit, report, "arrive")[0] == "not_applicable"
    assert _items(kit, report)[1] == "20"
