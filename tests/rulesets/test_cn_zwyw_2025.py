"""Scenario tests for rulesets/cn-zwyw-2025.sla: one clause each, exact scores and money.

Working hours mon-fri 08:30-12:00, 14:00-17:30 on China's days. 2025: 清明 04-04 to 04-06,
劳动节 05-01 to 05-05 with Sunday 04-27 a make-up workday. A month with no evidence scores
40 + 30 + 30 = 100 (响应及时率 100% when there is no ticket) and is paid 50000.00.
"""

from __future__ import annotations

from typing import Any

NAME = "cn-zwyw-2025"


def measure(period: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in period["measures"] if x["name"] == name)
    return found


def month(kit: Any, events: list[Any], label: str, as_of: str) -> dict[str, Any]:
    return kit.period(kit.replay(NAME, events, as_of=as_of), label)


def test_a_ticket_late_across_a_holiday_counts_only_workdays(kit: Any) -> None:
    # "每个工单每延误一个工作日扣0.5分，超过3个工作日以上（含3个工作日）每个工作日扣1分":
    # 二级, 3个工作日 from Tue 04-01: 04-02, 04-03, 04-07 (清明 04-04..06 off) → due 04-08 00:00.
    # Resolved Thu 04-10 10:00: late on Tue 04-08, Wed 04-09, Thu 04-10 = 3 started workdays:
    # 0.5 + 0.5 + 1 = 2 → 工单处理时效 40 − 2 = 38; responded in time: 100%, 30; score 98.
    events = kit.ticket(
        "A1", "工单", "二级", "2025-04-01 09:00",
        ("2025-04-01 09:30", "responded"), ("2025-04-10 10:00", "resolved"),
    )  # fmt: skip
    april = month(kit, events, "2025-04", "2025-04-30 18:00")
    assert measure(april, "处理延误扣分")["value"] == "2"
    assert kit.item(kit.card(april, "月度考核"), "工单处理时效")["score"] == "38"
    assert kit.card(april, "月度考核")["score"] == "98"
    assert kit.line(april, "base")["amount"] == "50000.00"
    assert april["payment"]["payable"] == "50000.00"


def test_resolved_before_office_hours_the_next_morning_costs_nothing(kit: Any) -> None:
    # 三级, 5个工作日 from Mon 04-21: 04-22, 23, 24, 25 and the make-up Sunday 04-27 → due
    # 04-28 00:00. Resolved Mon 04-28 08:20, before 08:30: breached, but no working time
    # of a workday has passed: 0 started workdays, 0 points. At 09:00 it would be 1 (0.5).
    early = kit.ticket(
        "A3", "工单", "三级", "2025-04-21 09:00",
        ("2025-04-21 10:00", "responded"), ("2025-04-28 08:20", "resolved"),
    )  # fmt: skip
    april = month(kit, early, "2025-04", "2025-04-30 18:00")
    assert (
        kit.target(kit.replay(NAME, early, as_of="2025-04-30 18:00"), "A3", "resolve")["status"]
        == "breached"
    )
    assert measure(april, "处理延误扣分")["value"] == "0"
    later = [*early[:2], kit.ev("2025-04-28 09:00", "resolved", ticket="A3")]
    assert measure(month(kit, later, "2025-04", "2025-04-30 18:00"), "处理延误扣分")["value"] == (
        "0.5"
    )


def test_the_cap_per_ticket(kit: Any) -> None:
    # "每个工单最多扣5分": 二级 from Tue 05-06, due end of Fri 05-09; resolved Tue 05-20 15:00:
    # 05-12..05-16 (5) + 05-19 + 05-20 = 7 started workdays = 0.5 × 2 + 1 × 5 = 6 → 5.
    events = kit.ticket(
        "B1", "工单", "二级", "2025-05-06 09:00",
        ("2025-05-06 09:20", "responded"), ("2025-05-20 15:00", "resolved"),
    )  # fmt: skip
    may = month(kit, events, "2025-05", "2025-05-31 18:00")
    found = measure(may, "处理延误扣分")
    assert found["value"] == "5"
    assert found["inputs"][0].endswith(
        "7 started workdays late (2025-05-12, 2025-05-13, 2025-05-14, 2025-05-15, "
        "2025-05-16, 2025-05-19, 2025-05-20): 2 × 0.5 + 5 × 1 = 6, cap 5 per ticket → 5"
    )


def test_a_late_first_level_response_in_started_working_hours(kit: Any) -> None:
    # "一级工单响应超时的，每超过1小时扣1分，不足1小时按1小时计": opened Fri 05-09 17:00,
    # respond 30m of working time → due 17:30. Answered Mon 05-12 09:45: working time late
    # 08:30-09:45 = 1h15m → 2 started hours = 2 points. 1 of 1 responses late: 0%, 95 points
    # below × 0.5 = 47.5; 工单响应 30 − 2 − 47.5 floors at 0.
    events = kit.ticket(
        "B2", "工单", "一级", "2025-05-09 17:00",
        ("2025-05-12 09:45", "responded"), ("2025-05-12 16:00", "resolved"),
    )  # fmt: skip
    may = month(kit, events, "2025-05", "2025-05-31 18:00")
    assert measure(may, "一级响应超时扣分")["value"] == "2"
    assert measure(may, "响应及时率")["value"] == "0%"
    assert kit.item(kit.card(may, "月度考核"), "工单响应")["score"] == "0"


def test_the_response_rate_below_95_percent(kit: Any) -> None:
    # "不低于95%，每降低1个百分点扣0.5分": 4 三级 tickets in June, one answered after its 4
    # working hours (opened Mon 06-09 09:00; 09:00-12:00 and 14:00-15:00 → due 15:00;
    # answered 15:30): 3 of 4 = 75%,
    # 20 points below × 0.5 = 10 → 工单响应 20; score 90 → [90, 100] → 50000.00.
    def ok(tid: str, day: str) -> list[Any]:
        return kit.ticket(
            tid, "工单", "三级", f"2025-06-{day} 09:00",
            (f"2025-06-{day} 09:30", "responded"), (f"2025-06-{day} 16:00", "resolved"),
        )  # fmt: skip

    late = kit.ticket(
        "C4", "工单", "三级", "2025-06-09 09:00",
        ("2025-06-09 15:30", "responded"), ("2025-06-09 16:00", "resolved"),
    )  # fmt: skip
    june = month(kit, [*ok("C1", "03"), *ok("C2", "04"), *ok("C3", "05"), *late], "2025-06",
                 "2025-06-30 18:00")  # fmt: skip
    assert measure(june, "响应及时率")["value"] == "75%"
    assert kit.item(kit.card(june, "月度考核"), "工单响应")["score"] == "20"
    assert june["payment"]["payable"] == "50000.00"


def test_three_low_months_in_twelve_raise_the_termination_flag(kit: Any) -> None:
    # "连续12个月内累计3个月考核得分低于80分的，采购人有权解除合同": 11 missed inspections in
    # each of March, May and July 2025 → 巡检 30 − 22 = 8, score 78 < 80 (and paid 90%).
    # Ending July: March, May, July = 3 low months in 12 → the flag; ending May: 2 → none.
    def missed(month_: str) -> list[Any]:
        return [
            kit.ev(f"2025-{month_}-{day:02d} 16:00", "occurrence", kind="巡检缺失")
            for day in range(10, 21)
        ]

    report = kit.replay(NAME, [*missed("03"), *missed("05"), *missed("07")],
                        as_of="2025-07-31 18:00")  # fmt: skip
    july, may = kit.period(report, "2025-07"), kit.period(report, "2025-05")
    assert kit.card(july, "月度考核")["score"] == "78"
    assert july["payment"]["payable"] == "45000.00"
    assert measure(july, "低分月数")["value"] == "3"
    assert kit.flags(july) == ["可解除合同"]
    assert measure(may, "低分月数")["value"] == "2"
    assert kit.flags(may) == []
