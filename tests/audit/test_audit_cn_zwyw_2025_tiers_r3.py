"""Audit round 3: cn-zwyw-2025, changes of 级别 across nights, lunch, holidays and 调休
make-up workdays, worked by hand from "第二条 工单响应和处理时限" (rulesets/cn-zwyw-2025.sla,
docs/rulesets/cn-zwyw-2025.md):

  工作时间: "工作日上午8:30-12:00，下午14:00-17:30；法定节假日和调休按国务院办公厅通知"
  一级: 30分钟内响应，1个工作日内处理完毕
  二级: 2小时内响应，3个工作日内处理完毕
  三级: 4小时内响应，5个工作日内处理完毕
  "每个工单每延误一个工作日扣0.5分，超过3个工作日以上（含3个工作日）每个工作日扣1分"

Documented readings: `N个工作日` ends at 24:00 of the N-th workday after the day of the
report (Civil Code art. 201); a change of 级别 is `retier remeasure allow full` (measured from
the report, an upgrade gives the new 级别's own working time from the change, never more
than it had). 2025 schedule (State Council): 国庆/中秋 1–8 Oct off, Sun 28 Sep and Sat 11 Oct
are make-up workdays. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

ZW = "cn-zwyw-2025"


def _target(kit: Any, report: dict[str, Any], metric: str) -> tuple[str, str, str]:
    x = kit.target(report, "W", metric)
    return x["status"], x["deadline"], x["tier"]


def _card(kit: Any, report: dict[str, Any], month: str) -> dict[str, Any]:
    card: dict[str, Any] = kit.card(kit.period(report, month), "月度考核")
    return card


@pytest.mark.parametrize("answered, status", [("09:00", "met"), ("09:01", "breached")])
def test_raised_after_hours_owes_thirty_working_minutes_from_the_next_morning(
    kit: Any, answered: str, status: str
) -> None:
    # 三级 Mon 2025-09-22 16:00: respond 4 h of 工作时间 = 16:00–17:30 (1.5 h) + Tue 08:30–11:00
    # → Tue 11:00. Raised to 一级 Mon 17:45, after hours: 一级's 30 min from the report
    # (16:30) has passed; its own time from the change starts at the next working instant,
    # Tue 08:30 → 09:00, before the 11:00 it had → respond by Tue 09:00 (一级).
    # resolve: 一级 "1个工作日" from the report → end of Tue 09-23 (09-24 00:00); from the
    # change (also Mon) the same → 09-24 00:00. Resolved Tue 16:00 → met.
    # Answered 09:01: "每超过1小时扣1分，不足1小时按1小时计" → 1, and 响应及时率 0% → 95
    # points below 95% × 0.5 = 47.5: 工单响应 (30) is wiped out → 0, score 70.
    events = kit.ticket(
        "W", "工单", "三级", "2025-09-22 16:00",
        ("2025-09-22 17:45", "retiered", {"tier": "一级"}),
        (f"2025-09-23 {answered}", "responded"),
        ("2025-09-23 16:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    assert _target(kit, report, "respond") == (status, "2025-09-23T09:00:00+08:00", "一级")
    assert _target(kit, report, "resolve") == ("met", "2025-09-24T00:00:00+08:00", "一级")
    card = _card(kit, report, "2025-09")
    assert kit.item(card, "工单响应")["score"] == ("30" if status == "met" else "0")
    assert card["score"] == ("100" if status == "met" else "70")


def test_raised_during_national_day_counts_from_the_first_workday_after(kit: Any) -> None:
    # 三级 Tue 2025-09-30 16:00: respond 4 h = 1.5 h on 09-30, then 1–8 Oct off, Thu 10-09
    # 08:30 + 2.5 h → 10-09 11:00; resolve "5个工作日" → 10-09, 10-10, Sat 10-11 (调休),
    # 10-13, 10-14 → 10-15 00:00. Raised to 一级 Fri 10-03 10:00 (a holiday): respond — 30
    # min from the report has passed, from the change the next working instant is 10-09
    # 08:30 → 09:00 (before 11:00) → 10-09 09:00. resolve — "1个工作日" from the report: the
    # first workday after 09-30 is 10-09 → 10-10 00:00; from the change (10-03 not counted)
    # also 10-09 → 10-10 00:00. Answered 10-09 08:50 (met); resolved Fri 10-10 10:00: 10-10's
    # working time has begun after the deadline → 1 started workday → 0.5 (工单处理时效 39.5).
    # The ticket counts in September, the month of its report: score 99.5.
    events = kit.ticket(
        "W", "工单", "三级", "2025-09-30 16:00",
        ("2025-10-03 10:00", "retiered", {"tier": "一级"}),
        ("2025-10-09 08:50", "responded"),
        ("2025-10-10 10:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    assert _target(kit, report, "respond") == ("met", "2025-10-09T09:00:00+08:00", "一级")
    assert _target(kit, report, "resolve") == ("breached", "2025-10-10T00:00:00+08:00", "一级")
    card = _card(kit, report, "2025-09")
    assert kit.item(card, "工单处理时效")["score"] == "39.5"
    assert card["score"] == "99.5"
    assert _card(kit, report, "2025-10")["score"] == "100"


@pytest.mark.parametrize(
    "change, respond",
    [
        # 一级 Fri 2025-10-10 17:20: 10 min that day, then the make-up Saturday 10-11 from
        # 08:30 + 20 min → 08:50. Lowered to 二级 at 08:45 (before 08:50): 2 h from the report
        # = 10 min Fri + 110 min Sat → 10:20; answered 10:00 → met as 二级.
        ("08:45", ("met", "2025-10-11T10:20:00+08:00", "二级")),
        # Lowered at 08:51, after 08:50 unanswered: a 一级 breach that stays.
        ("08:51", ("breached", "2025-10-11T08:50:00+08:00", "一级")),
    ],
)
def test_lowered_on_the_make_up_saturday(kit: Any, change: str, respond: tuple[str, ...]) -> None:
    # resolve: 一级 "1个工作日" would end 10-11 24:00, not passed at the change; 二级's
    # "3个工作日" from the report: Sat 10-11 (调休), Mon 10-13, Tue 10-14 → 10-15 00:00.
    # Resolved Tue 10-14 18:00 → met.
    events = kit.ticket(
        "W", "工单", "一级", "2025-10-10 17:20",
        (f"2025-10-11 {change}", "retiered", {"tier": "二级"}),
        ("2025-10-11 10:00", "responded"),
        ("2025-10-14 18:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    assert _target(kit, report, "respond") == respond
    assert _target(kit, report, "resolve") == ("met", "2025-10-15T00:00:00+08:00", "二级")


@pytest.mark.parametrize(
    "change, answered, status",
    [
        # 二级 Mon 2025-09-22 10:00: "2小时内响应" → 12:00 (10:00–12:00). Raised to 一级 at
        # 11:50: 30 min from the report (10:30) has passed; from the change: 10 min to 12:00,
        # lunch, 14:00 + 20 → 14:20, bounded by the 12:00 it had → 12:00 (一级).
        ("11:50", "12:00", "met"),
        ("11:50", "14:01", "breached"),
        # Raised at 12:00:00 exactly, the deadline not yet passed: the same 12:00.
        ("12:00", "12:00", "met"),
    ],
)
def test_raised_just_before_lunch(kit: Any, change: str, answered: str, status: str) -> None:
    events = kit.ticket(
        "W", "工单", "二级", "2025-09-22 10:00",
        (f"2025-09-22 {change}", "retiered", {"tier": "一级"}),
        (f"2025-09-22 {answered}", "responded"),
        ("2025-09-22 16:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    assert _target(kit, report, "respond") == (status, "2025-09-22T12:00:00+08:00", "一级")


def test_raised_during_lunch_after_the_deadline_is_a_level_one_breach(kit: Any) -> None:
    # 二级 Mon 2025-09-22 10:00, respond by 12:00, unanswered at 12:30 (lunch) when raised to
    # 一级. "2小时内响应" is working time (工作时间 08:30-12:00, 14:00-17:30): at 12:30 two
    # working hours have run and no more, so the answer is not late yet — it would be in
    # time at the 14:00 opening (audit r4, a deadline at the end of a working period: no
    # working minute lost, no breach). So the change applies: 一级's 30 minutes from the
    # report (10:30), floored at the change's own 30 minutes (14:30) but never more than the
    # ticket had (12:00, that is the 14:00 opening) → 12:00, as 一级. Answered 14:10: ten
    # working minutes late, a 一级 breach: "一级工单响应超时的，每超过1小时扣1分，不足1小时按1小时
    # 计" → 1; the rate 0% → 47.5; 工单响应 30 → 0 either way. Resolved 16:00: 一级 "1个工作日"
    # → 09-24 00:00, met. Score 70.
    events = kit.ticket(
        "W", "工单", "二级", "2025-09-22 10:00",
        ("2025-09-22 12:30", "retiered", {"tier": "一级"}),
        ("2025-09-22 14:10", "responded"),
        ("2025-09-22 16:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    assert _target(kit, report, "respond") == ("breached", "2025-09-22T12:00:00+08:00", "一级")
    assert _target(kit, report, "resolve") == ("met", "2025-09-24T00:00:00+08:00", "一级")
    card = _card(kit, report, "2025-09")
    lines = kit.item(card, "工单响应")["lines"]
    assert [x["points"] for x in lines if "一级响应超时扣分" in x["rule"]] == ["-1"]
    assert card["score"] == "70"


def test_a_late_ticket_lowered_on_the_last_day_of_the_month_counts_in_its_month(kit: Any) -> None:
    # 一级 Fri 2025-08-29 09:00: "1个工作日" → Mon 09-01 24:00 (weekend off) → 09-02 00:00.
    # Answered 09:10. Lowered to 三级 Sun 08-31 (before the deadline): "5个工作日" from the
    # report: 09-01 … 09-05 → 09-06 00:00. Resolved Mon 09-08 09:00: after the deadline,
    # 09-08's working time has begun → 1 started workday → 0.5, in August (the month of
    # the report): 工单处理时效 39.5; September 40.
    events = kit.ticket(
        "W", "工单", "一级", "2025-08-29 09:00",
        ("2025-08-29 09:10", "responded"),
        ("2025-08-31 12:00", "retiered", {"tier": "三级"}),
        ("2025-09-08 09:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-10-01 00:00")
    assert _target(kit, report, "resolve") == ("breached", "2025-09-06T00:00:00+08:00", "三级")
    assert kit.item(_card(kit, report, "2025-08"), "工单处理时效")["score"] == "39.5"
    assert kit.item(_card(kit, report, "2025-09"), "工单处理时效")["score"] == "40"


@pytest.mark.parametrize(
    "changes, expected",
    [
        # 三级 Mon 2025-09-22 09:00: "4小时内响应" → 09:00–12:00 + 14:00–15:00 → 15:00. Raised
        # to 一级 09:10: 30 min from the report (09:30) is before the change's own 30 min,
        # 09:40, so 09:40, below the 15:00 it had. Lowered back to 三级 09:20: measured from
        # the report again → 15:00.
        ((("09:10", "一级"), ("09:20", "三级")), ("met", "15:00", "三级")),
        # … and raised again at 09:30: 一级 already gave 09:40, a change back gives no more
        # (its own 30 min would end 10:00) → 09:40; answered 14:30 → a 一级 breach.
        ((("09:10", "一级"), ("09:20", "三级"), ("09:30", "一级")), ("breached", "09:40", "一级")),
    ],
)
def test_up_down_up_buys_no_time(
    kit: Any, changes: tuple[tuple[str, str], ...], expected: tuple[str, str, str]
) -> None:
    steps = [(f"2025-09-22 {hhmm}", "retiered", {"tier": tier}) for hhmm, tier in changes]
    events = kit.ticket(
        "W", "工单", "三级", "2025-09-22 09:00",
        *steps,
        ("2025-09-22 14:30", "responded"),
        ("2025-09-22 16:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(ZW, events, as_of="2025-11-01 00:00")
    status, hhmm, tier = expected
    assert _target(kit, report, "respond") == (status, f"2025-09-22T{hhmm}:00+08:00", tier)
