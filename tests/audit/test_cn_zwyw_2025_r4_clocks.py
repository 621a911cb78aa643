"""Audit round 4, clocks and calendars: cn-zwyw-2025 — a deadline that falls at the end of a
working period (Friday's close, the lunch break), and a tier change on the 2025 Spring
Festival make-up Sunday.

Worked by hand from "第二条 工单响应和处理时限" (一级: "30分钟内响应，1个工作日内处理完毕";
二级: "2小时内响应，3个工作日内处理完毕"), the 工作时间 "工作日上午8:30-12:00，下午14:00-17:30；
法定节假日和调休按国务院办公厅通知", "一级工单响应超时的，每超过1小时扣1分，不足1小时按1小时计",
"响应及时率不低于95%，每降低1个百分点扣0.5分", "每个工单每延误一个工作日扣0.5分", and the
rule file's readings (docs/rulesets/cn-zwyw-2025.md; `retier remeasure allow full`; "N个工作日"
per the Civil Code, 24:00 of the last workday). The 2025 Spring Festival (国办发明电〔2024〕
12号): 1月28日至2月4日放假调休，共8天；1月26日（周日）、2月8日（周六）上班. Nothing here was
copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

import slarules

ZW = "cn-zwyw-2025"


def _month(kit: Any, report: dict[str, Any], label: str) -> dict[str, str]:
    card = kit.card(kit.period(report, label), "月度考核")
    scores = {item["name"]: item["score"] for item in card["items"]}
    scores["总分"] = card["score"]
    return scores


@pytest.mark.parametrize(
    "answered, status, scores",
    [
        # 一级 opened Fri 2025-03-14 17:00: 30 working minutes → 17:30, the close.
        ("2025-03-14 17:30", "met", ("30", "100")),
        # 17:31 and Monday's 08:30 opening: no working minute has passed since 17:30, the
        # answer used exactly its 30 working minutes: met. (Before round 4 both were
        # breaches with a lateness of nothing: 一级响应超时扣分 0, yet 响应及时率 0% and
        # 工单响应 30 → 0, a month at 70 and 10% of the fee withheld.)
        ("2025-03-14 17:31", "met", ("30", "100")),
        ("2025-03-17 08:30", "met", ("30", "100")),
        # 08:31: one working minute late: "不足1小时按1小时计" → 1; 响应及时率 0% is 95
        # points below 95% → 47.5; 工单响应 30 − 48.5 → 0 (扣完为止). 40 + 0 + 30 = 70.
        ("2025-03-17 08:31", "breached", ("0", "70")),
    ],
)
def test_an_answer_due_at_fridays_close(
    kit: Any, answered: str, status: str, scores: tuple[str, str]
) -> None:
    # Resolved Mon 09:00: "1个工作日" from Fri 17:00 is Mon 03-17, 24:00: met.
    events = kit.ticket(
        "A", "工单", "一级", "2025-03-14 17:00", (answered, "responded"),
        ("2025-03-17 09:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-03-31 18:00")
    respond = kit.target(report, "A", "respond")
    assert (respond["status"], respond["deadline"]) == (status, "2025-03-14T17:30:00+08:00")
    month = _month(kit, report, "2025-03")
    assert (month["工单响应"], month["总分"]) == scores


@pytest.mark.parametrize("answered, status", [("14:00", "met"), ("14:01", "breached")])
def test_an_answer_due_at_the_lunch_break(kit: Any, answered: str, status: str) -> None:
    # 二级 Wed 2025-03-12 10:00: "2小时内响应" → 12:00, where the lunch break begins; the
    # work resumes at 14:00. Answered 14:00: two working hours, met; 14:01: breached.
    events = kit.ticket("A", "工单", "二级", "2025-03-12 10:00",
                        (f"2025-03-12 {answered}", "responded"))  # fmt: skip
    respond = kit.target(kit.replay(ZW, events, as_of="2025-03-12 18:00"), "A", "respond")
    assert (respond["status"], respond["deadline"]) == (status, "2025-03-12T12:00:00+08:00")


def test_a_running_answer_is_not_late_over_the_weekend(kit: Any) -> None:
    # 一级 opened Fri 2025-03-14 17:00, not answered. On Saturday at 10:00 the 30 working
    # minutes have run (at 17:30) but no working time has passed since: running, not yet
    # late, 0 left. It is late from Monday's 08:30 on.
    events = kit.ticket("A", "工单", "一级", "2025-03-14 17:00")
    saturday = kit.target(kit.replay(ZW, events, as_of="2025-03-15 10:00"), "A", "respond")
    assert saturday["status"] == "running"
    monday = kit.target(kit.replay(ZW, events, as_of="2025-03-17 08:31"), "A", "respond")
    assert monday["status"] == "breached"


def test_raised_on_the_make_up_sunday_before_the_spring_festival(kit: Any) -> None:
    # 二级 opened Fri 2025-01-24 16:00. respond "2小时内": 1½ h on Friday (to 17:30), Sat
    # 01-25 off, Sun 01-26 worked (调休) from 08:30 → 09:00; answered 08:45: met, as 二级.
    # resolve "3个工作日" as 二级: 01-26 (1), 01-27 (2), [01-28 – 02-04 春节], 02-05 (3) →
    # 02-05 24:00. Raised to 一级 on the make-up Sunday at 10:00: 一级's "1个工作日" from the
    # report is 01-26 24:00, but an upgrade gives the new tier's own time from the change
    # (`allow full`): one workday after Sunday 01-26 is Mon 01-27 → 01-27 24:00, no later
    # than the 二级 02-05 → due 01-28 00:00. Resolved Wed 02-05 10:00: late; the started
    # workdays after the deadline: [01-28 – 02-04 off], 02-05 08:30–10:00 → 1 → "每延误一个
    # 工作日扣0.5分" → 工单处理时效 39.5, in January (the month of the report).
    events = kit.ticket(
        "A", "工单", "二级", "2025-01-24 16:00",
        ("2025-01-26 08:45", "responded"),
        ("2025-01-26 10:00", "retiered", {"tier": "一级"}),
        ("2025-02-05 10:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-02-28 18:00")
    respond, resolve = kit.target(report, "A", "respond"), kit.target(report, "A", "resolve")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "met", "2025-01-26T09:00:00+08:00", "二级")  # fmt: skip
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (
        "breached", "2025-01-28T00:00:00+08:00", "一级")  # fmt: skip
    assert _month(kit, report, "2025-01")["工单处理时效"] == "39.5"


def test_a_target_in_workdays_ends_at_24_00_whatever_the_hours(kit: Any) -> None:
    # 一级 Mon 2025-03-10 10:00: "1个工作日内处理完毕" → Tue 03-11, 24:00 (Civil Code: the last
    # day ends at 24:00, not at the 17:30 close). Resolved Wed 07:00, before the office opens:
    # after the last day, so late — the rule for hours (no working minute lost) is not the
    # rule for days. "每个工单每延误一个工作日扣0.5分" counts started workdays: none of
    # Wednesday's working time had passed at 07:00 → 0, 工单处理时效 40.
    events = kit.ticket(
        "A", "工单", "一级", "2025-03-10 10:00",
        ("2025-03-10 10:10", "responded"), ("2025-03-12 07:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-03-31 18:00")
    resolve = kit.target(report, "A", "resolve")
    assert (resolve["status"], resolve["deadline"]) == ("breached", "2025-03-12T00:00:00+08:00")
    assert _month(kit, report, "2025-03")["工单处理时效"] == "40"


def test_a_change_in_the_second_of_the_report_in_either_order(kit: Any) -> None:
    # 二级 reported Wed 2025-03-12 10:00 and raised to 一级 in the same second, logged after
    # the report: the ticket is 一级 from its start — 30 minutes → 10:30; "1个工作日" → Thu
    # 03-13 24:00 (the change gives the same from itself). Logged before the report, the
    # change concerns a ticket not yet opened: refused, naming the event (ties go in file
    # order, docs/events.md).
    events = kit.ticket("A", "工单", "二级", "2025-03-12 10:00",
                        ("2025-03-12 10:00", "retiered", {"tier": "一级"}))  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-03-12 10:20")
    respond, resolve = kit.target(report, "A", "respond"), kit.target(report, "A", "resolve")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "running", "2025-03-12T10:30:00+08:00", "一级")  # fmt: skip
    assert (resolve["deadline"], resolve["tier"]) == ("2025-03-14T00:00:00+08:00", "一级")
    with pytest.raises(slarules.RuleError, match=r"event 1: ticket A has not been opened"):
        kit.replay(ZW, [events[1], events[0]], as_of="2025-03-12 10:20")
