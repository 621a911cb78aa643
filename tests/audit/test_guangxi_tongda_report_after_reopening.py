"""guangxi-gat-2024, 通达协同办公: the fault report of a reopened request counts from the
last fix, as 事件's does.

"须在故障排除后3天内提交《故障处理及分析报告》，每逾期1天扣0.2分" (表1/表2); "响应时间为2h",
"服务时间：7*12h（…每天09:00-21:00）" (附件1 12.11). A request that comes back was not 排除 at
its first fix: its one report is due 3 days after the last one (docs/rulesets/
guangxi-gat-2024.md, reading 23). Before, 通达 had no clock a reopening could undo, so the
report stayed due from the first fix. Worked by hand; nothing copied from slarules' output.
"""

from __future__ import annotations

from typing import Any


def _report(kit: Any, reported: str) -> dict[str, Any]:
    events = kit.ticket(
        "TD9", "通达协同办公", "服务请求", "2024-10-08 10:00",
        ("2024-10-08 10:05", "responded"),
        ("2024-10-08 11:00", "resolved"),
        ("2024-10-08 11:30", "closed"),
        ("2024-10-09 12:00", "reopened"),
        ("2024-10-10 14:00", "resolved"),
        (reported, "reported"),
    )  # fmt: skip
    report: dict[str, Any] = kit.replay("guangxi-gat-2024", events, as_of="2024-10-20 00:00")
    return report


def test_the_report_is_due_three_days_after_the_last_fix(kit: Any) -> None:
    report = _report(kit, "2024-10-12 16:00")
    # Answered at 10:05, due 12:00 (2 h of 09:00-21:00 service time): met, and the reopening
    # does not run it again ("响应时间：为受理时间").
    respond = kit.target(report, "TD9", "respond")
    assert (respond["status"], respond["stop"]) == ("met", "2024-10-08T10:05:00+08:00")
    # Last fix Thu 2024-10-10 14:00; "3天内" per the Civil Code from the next day: Fri 11,
    # Sat 12 (a make-up working day, 国庆调休), Sun 13 — a rest day, so the period ends on
    # Mon 2024-10-14 at 24:00. Reported on the 12th: met. (From the first fix, Tue 10-08
    # 11:00, it would have been due Fri 10-11 24:00, and the 12th one day late: −0.2.)
    target = kit.target(report, "TD9", "report")
    assert (target["status"], target["start"], target["deadline"], target["days_late"]) == (
        "met",
        "2024-10-10T14:00:00+08:00",
        "2024-10-15T00:00:00+08:00",
        0,
    )


def test_a_report_late_after_the_last_fix_is_late_by_the_days_past_it(kit: Any) -> None:
    # Reported Wed 2024-10-16 09:00: past Mon 10-14 24:00 by 1 day 9 hours → 2 started days.
    target = kit.target(_report(kit, "2024-10-16 09:00"), "TD9", "report")
    assert (target["status"], target["days_late"]) == ("breached", 2)
