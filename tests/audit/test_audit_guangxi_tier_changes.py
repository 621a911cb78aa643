"""Audit: guangxi-gat-2024, an 事件 whose level goes down and back up, and a reopened 1级
fault, worked by hand from "六、服务要求（二）" (shared/contracts/guangxi-gat-2024.txt):

  "1级 … 15分钟内响应 … 4小时内采取相应解决方案直至系统可以运行或降至2-4级别的问题。"
  "2级 … 30分钟内响应 … 8小时内采取相应解决方案直至系统可以运行或降至3-4级别的问题。"
  "须在故障排除后3天内提交《故障处理及分析报告》"

The rule file's documented readings (docs/rulesets/guangxi-gat-2024.md, reading 1): times
7×24; a downgrade before the 4 hours discharges the 1级 target, the ticket then owes its
new level's time from the report; an upgrade gives the new level's own time from the change,
never more than it had (`retier remeasure allow full`). SPEC §3.8: `reopened` resumes the
stopped clocks; the time between does not count. Nothing here was copied from slarules'
output.
"""

from __future__ import annotations

from typing import Any

import pytest

GX = "guangxi-gat-2024"
DAY = "2024-09-10"


def _t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


@pytest.mark.parametrize("resolved, status", [("13:00", "met"), ("13:30", "breached")])
def test_level_1_lowered_to_2_and_raised_back_to_1(kit: Any, resolved: str, status: str) -> None:
    # 1级 at 09:00: respond by 09:15 (answered 09:10: met), resolve by 13:00. Lowered to 2级
    # at 09:30 — before 13:00, so "或降至2-4级别" discharges 1级's 4 hours; 2级 owes 8 hours
    # from the report, 17:00. Raised back to 1级 at 10:00: 1级's 4 hours from the change
    # would end at 14:00, but as 1级 the ticket already had 13:00, and a change back to a
    # level never gives more than that level gave (docs/language.md, retier 2: "nor after the
    # earliest deadline the clock has had … under the tier it moves to"; before that rule the
    # down-and-up bought an hour: 14:00) → 13:00. Resolved 13:00: met; 13:30: a 1级 breach.
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:10", "responded"),
        (f"{DAY} 09:30", "retiered", {"tier": "2级"}),
        (f"{DAY} 10:00", "retiered", {"tier": "1级"}),
        (f"{DAY} {resolved}", "resolved"),
        (f"{DAY} 18:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-10-01 00:00")
    respond = kit.target(report, "E", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", _t("09:15"))
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (status, _t("13:00"), "1级")


@pytest.mark.parametrize("resolved, status", [("14:00", "met"), ("14:01", "breached")])
def test_a_reopened_level_1_fault_has_what_was_left_of_its_4_hours(
    kit: Any, resolved: str, status: str
) -> None:
    # 1级 at 09:00, answered 09:05, resolved 10:00 (1 h used), closed 10:10, reopened 11:00:
    # 3 h left → 14:00. Resolved again at 14:00 exactly: "at or before the deadline" → met;
    # 14:01 → breached. The report "故障排除后3天内" counts from the last resolution:
    # 10 Sep not counted, 11–13 Sep → 13 Sep 24:00 (Friday, a working day).
    events = kit.ticket(
        "R", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:05", "responded"),
        (f"{DAY} 10:00", "resolved"),
        (f"{DAY} 10:10", "closed"),
        (f"{DAY} 11:00", "reopened"),
        (f"{DAY} {resolved}", "resolved"),
        ("2024-09-12 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-10-01 00:00")
    resolve = kit.target(report, "R", "resolve")
    assert (resolve["status"], resolve["deadline"]) == (status, _t("14:00"))
    rep = kit.target(report, "R", "report")
    assert (rep["status"], rep["deadline"]) == ("met", "2024-09-14T00:00:00+08:00")


@pytest.mark.parametrize(
    "change, status, deadline, tier, by_downgrade",
    [
        # 1级 at 09:00: "4小时内…直至系统可以运行或降至2-4级别" ends at 13:00. Lowered to 3级 at
        # 13:00:00 — within "4小时内": discharged; 3级 owes "24小时内" from the report, 11 Sep
        # 09:00; resolved 10 Sep 20:00: met.
        ("13:00:00", "met", "2024-09-11T09:00:00+08:00", "3级", True),
        # At 13:00:01 the 4 hours had passed: a 1级 breach, not discharged.
        ("13:00:01", "breached", "2024-09-10T13:00:00+08:00", "1级", False),
    ],
)
def test_lowered_exactly_at_the_4_hours_or_a_second_after(
    kit: Any, change: str, status: str, deadline: str, tier: str, by_downgrade: bool
) -> None:
    events = [
        kit.ev(f"{DAY} 09:00", "opened", ticket="E", sla="事件", tier="1级"),
        kit.ev(f"{DAY} 09:05", "responded", ticket="E"),
        {"at": f"{DAY}T{change}+08:00", "type": "retiered", "ticket": "E", "tier": "3级"},
        kit.ev(f"{DAY} 20:00", "resolved", ticket="E"),
    ]
    resolve = kit.target(kit.replay(GX, events, as_of="2024-10-01 00:00"), "E", "resolve")
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (status, deadline, tier)
    assert resolve["met_by_downgrade"] is by_downgrade


@pytest.mark.parametrize("resolved, status", [("10:30", "met"), ("11:30", "breached")])
def test_a_paused_level_1_fault_lowered_after_4_hours_of_clock_but_before_its_deadline(
    kit: Any, resolved: str, status: str
) -> None:
    # 1级 at 09:00; a third party holds it 10:00–12:00 ("因采购人或第三方导致的延迟…不参与
    # 评价", `pause all`): the 4 hours end at 15:00. Lowered to 3级 at 14:30 — by the wall
    # clock 5.5 h after the report, but before its deadline: discharged. 3级's "24小时内" from
    # the report plus the 2 paused hours → 11 Sep 11:00. Resolved 10:30: met; 11:30: breached.
    nxt = "2024-09-11"
    events = kit.ticket(
        "P", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:05", "responded"),
        (f"{DAY} 10:00", "paused"),
        (f"{DAY} 12:00", "resumed"),
        (f"{DAY} 14:30", "retiered", {"tier": "3级"}),
        (f"{nxt} {resolved}", "resolved"),
    )  # fmt: skip
    resolve = kit.target(kit.replay(GX, events, as_of="2024-10-01 00:00"), "P", "resolve")
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (
        status, _t("11:00", nxt), "3级")  # fmt: skip
    assert resolve["met_by_downgrade"] is True
