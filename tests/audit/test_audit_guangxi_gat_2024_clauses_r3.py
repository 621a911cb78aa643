"""Audit round 3, clause by clause: guangxi-gat-2024 (shared/contracts/guangxi-gat-2024.txt).

Each test quotes the clause it checks; the expected numbers are worked by hand from it, with
the State Council holiday schedule for 2024-2025 (中秋 2024: 15-17 Sep off, Saturday 14 Sep
worked; 国庆 2024: 1-7 Oct off, Sunday 29 Sep and Saturday 12 Oct worked). Nothing here was
copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

GX = "guangxi-gat-2024"
D = Decimal
PAUSE_FLAG = "暂停支付后一阶段合同款"


# ---- 付款方式: "中标人每次收到采购人的合同款之日起3个工作日内开具发票给采购人,中标人未开具足额
# 发票的，采购人有权暂停支付后一阶段合同款。"
#
# The clause fixes the invoice's due time itself: 3 working days from the day the vendor
# receives a payment. Per the Civil Code (art. 201) the day of receipt is not counted, and the
# period ends at 24:00 of the third working day. Before round 3 the rule file left that time
# to a typed `due` event: with none logged, a late invoice raised no flag at all.


def _paid_and_invoiced(kit: Any, paid: str, invoiced: str) -> list[dict[str, Any]]:
    return [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev(paid, "milestone", name="paid", note="阶段验收款到账"),
        kit.ev(invoiced, "delivered", deliverable="发票"),
    ]


@pytest.mark.parametrize(
    ("invoiced", "late"),
    [
        # Received Friday 13 Sep 2024. Working days after it: Saturday 14 Sep (调休, 1),
        # 15-17 Sep are 中秋 holidays, Wednesday 18 Sep (2), Thursday 19 Sep (3): due
        # Thursday 19 Sep 24:00.
        ("2024-09-19 23:59", False),
        ("2024-09-20 00:01", True),
        # Counting 3 calendar days would end on Monday 16 Sep (a holiday, moved to the 18th);
        # ignoring the make-up Saturday would end on Friday 20 Sep: both are wrong.
        ("2024-09-18 12:00", False),
    ],
)
def test_the_invoice_is_due_three_working_days_after_the_payment_is_received(
    kit: Any, invoiced: str, late: bool
) -> None:
    events = _paid_and_invoiced(kit, "2024-09-13 15:00", invoiced)
    report = kit.replay(GX, events, as_of="2024-10-01 00:00")
    cycle = kit.period(report, "考核周期:1")
    assert (PAUSE_FLAG in kit.flags(cycle)) is late


def test_every_payment_received_owes_its_own_invoice(kit: Any) -> None:
    # "每次收到…合同款之日起3个工作日内": two payments, two invoices. The first (received
    # Friday 13 Sep 2024, due Thursday 19 Sep 24:00) comes on the 19th, in time. The second
    # payment is received Monday 10 Mar 2025; its 3 working days are 11, 12 and 13 Mar, so it
    # is due Thursday 13 Mar 24:00 — the invoice of Friday 14 Mar is late: one late invoice,
    # the flag is raised.
    events = [
        *_paid_and_invoiced(kit, "2024-09-13 15:00", "2024-09-19 16:00"),
        kit.ev("2025-03-10 11:00", "milestone", name="paid", note="第二笔款到账"),
        kit.ev("2025-03-14 09:00", "delivered", deliverable="发票"),
    ]
    report = kit.replay(GX, events, as_of="2025-04-01 00:00")
    cycle = kit.period(report, "考核周期:1")
    assert PAUSE_FLAG in kit.flags(cycle)
    flag = next(f for f in cycle["payment"]["flags"] if f["name"] == PAUSE_FLAG)
    assert flag["basis"].endswith("late(发票) = 1")


def test_an_invoice_owed_and_not_sent_raises_the_flag_once_its_time_has_passed(kit: Any) -> None:
    # Received Friday 13 Sep 2024, due Thursday 19 Sep 24:00, nothing sent by 1 Oct:
    # "未开具足额发票" → the purchaser may suspend the next payment. Evaluated on 19 Sep at
    # 23:00 the time has not run out yet: no flag.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2024-09-13 15:00", "milestone", name="paid"),
    ]
    before = kit.period(kit.replay(GX, events, as_of="2024-09-19 23:00"), "考核周期:1")
    after = kit.period(kit.replay(GX, events, as_of="2024-10-01 00:00"), "考核周期:1")
    assert PAUSE_FLAG not in kit.flags(before)
    assert PAUSE_FLAG in kit.flags(after)


# ---- 表2 "以服务总队确认为准" and the weights of 备注2: a ticket raised by one department
# counts on that department's sheet of 表2 (and on the supervisor's 表1), not on the eleven
# others. The walkthrough said until round 3 that tickets count on every 表2 sheet.


def test_a_ticket_raised_by_one_department_counts_on_its_sheet_only(kit: Any) -> None:
    # 2级 "30分钟内响应": opened Tuesday 8 Oct 2024 10:00 by 刑事侦查总队, answered 10:40
    # (40 min: one breach), resolved 12:00 (8 hours: met), report 9 Oct (3 days: met).
    # 故障响应 "不能…及时提供电话应急支持…每发生一次，扣2分":
    #   表1 (监理): 20 − 2 = 18 → sheet 98.
    #   表2: 刑事侦查总队 18 → 98; the eleven others 100.
    #   服务总队最终加权评分 = 100 − 8.3% × 2 = 99.834.
    #   最终得分 = 98 × 50% + 99.834 × 50% = 98.917 → 表3 "95≤…≤100 0%".
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        {
            **kit.ev("2024-10-08 10:00", "opened", ticket="R1", sla="事件", tier="2级"),
            "assessor": "刑事侦查总队",
        },
        kit.ev("2024-10-08 10:40", "responded", ticket="R1"),
        kit.ev("2024-10-08 12:00", "resolved", ticket="R1"),
        kit.ev("2024-10-09 09:00", "reported", ticket="R1"),
    ]
    report = kit.replay(GX, events, as_of="2025-09-02 00:00")
    cycle = kit.period(report, "考核周期:1")
    supervisor = kit.card(cycle, "监理评分")
    teams = kit.card(cycle, "服务总队评分")
    assert D(kit.item(supervisor, "故障响应", sheet="监理")["score"]) == D("18")
    assert D(kit.item(teams, "故障响应", sheet="刑事侦查总队")["score"]) == D("18")
    assert D(kit.item(teams, "故障响应", sheet="禁毒总队")["score"]) == D("20")
    assert D(kit.item(teams, "故障响应", sheet="科技信息化总队")["score"]) == D("20")
    assert D(teams["score"]) == D("99.834")
    assert D(cycle["composite"]["最终得分"]["score"]) == D("98.917")


def test_the_last_payments_invoice_after_the_term_counts_in_the_last_cycle(kit: Any) -> None:
    # "运维服务采购年限为两年": 考核周期:2 ends on 1 Sep 2026 (start 2024-09-02). The final 50%
    # ("最终验收合格后10个工作日内") is received on Monday 14 Sep 2026, after the term: its
    # invoice is due 15, 16, 17 Sep → Thursday 17 Sep 24:00, and the invoice of Friday 18 Sep
    # is late. The obligation is the contract's, so it counts in the last cycle (there is no
    # third), never outside the term.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2026-09-07 10:00", "milestone", name="final_accepted"),
        kit.ev("2026-09-14 11:00", "milestone", name="paid", note="最终验收款到账"),
        kit.ev("2026-09-18 09:00", "delivered", deliverable="发票"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    assert [p["period"] for p in report["periods"]] == ["考核周期:1", "考核周期:2"]
    assert PAUSE_FLAG not in kit.flags(kit.period(report, "考核周期:1"))
    assert PAUSE_FLAG in kit.flags(kit.period(report, "考核周期:2"))


# ---- "每一个考核周期独立计分" and a ticket across the edge of two cycles: "须在故障排除后3天内
# 提交《故障处理及分析报告》，每逾期1天扣0.2分". Reading (walkthrough): a ticket, its breaches and
# its report's lateness belong to the cycle in which the ticket was opened (docs/language.md,
# clock rule 7), even when the report falls due in the next cycle.


def test_a_report_late_into_the_next_cycle_costs_points_in_the_tickets_cycle(kit: Any) -> None:
    # 考核周期:1 = 2 Sep 2024 – 1 Sep 2025. A 3级 fault opened Saturday 30 Aug 2025 10:00,
    # answered 10:30 (45 min: met), resolved Sunday 31 Aug 09:00 (24 hours: met). "3天内":
    # 1, 2, 3 Sep → due Wednesday 3 Sep 24:00 (a working day, not moved). Reported Friday
    # 5 Sep 10:00: 34 hours late → 2 started days → 2 × 0.2 = 0.4, in 考核周期:1 on both
    # tables: 故障响应 20 − 0.4 = 19.6; nothing in 考核周期:2.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *kit.ticket(
            "X1",
            "事件",
            "3级",
            "2025-08-30 10:00",
            ("2025-08-30 10:30", "responded"),
            ("2025-08-31 09:00", "resolved"),
            ("2025-09-05 10:00", "reported"),
        ),
    ]
    report = kit.replay(GX, events, as_of="2025-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    assert D(kit.item(kit.card(one, "监理评分"), "故障响应", sheet="监理")["score"]) == D("19.6")
    teams = kit.card(one, "服务总队评分")
    assert D(kit.item(teams, "故障响应", sheet="禁毒总队")["score"]) == D("19.6")
    assert D(kit.item(kit.card(two, "监理评分"), "故障响应", sheet="监理")["score"]) == D("20")


# ---- "非工作时间（双休日、法定节假日、夜间等）无法联系上中标人值班工程师…每累计发生三次，
# 扣5分" with "2、上一考核周期结束后，考核基准分重置为100分，进入下一考核周期": the count is per
# cycle; what is left over at a cycle's end does not carry into the next.


def test_off_hours_failures_do_not_carry_across_the_cycle_edge(kit: Any) -> None:
    # 考核周期:1 ends on 1 Sep 2025 (24:00). Two failures in it (Saturday 23 and Sunday 31 Aug
    # 2025, nights): no full three → 表1 现场驻点服务 stays 10. 考核周期:2: one failure on
    # Saturday 6 Sep and three more on 13, 20 and 27 Sep (Saturdays) → four → one full three →
    # 10 − 5 = 5. Were the two of cycle 1 carried over, cycle 2 would count six → 10 − 10 = 0.
    days = ["2025-08-23", "2025-08-31", "2025-09-06", "2025-09-13", "2025-09-20", "2025-09-27"]
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *[
            kit.ev(f"{day} 23:00", "occurrence", kind="非工作时间失联", assessor="监理")
            for day in days
        ],
    ]
    report = kit.replay(GX, events, as_of="2025-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    item = "现场驻点服务"
    assert D(kit.item(kit.card(one, "监理评分"), item, sheet="监理")["score"]) == D("10")
    assert D(kit.item(kit.card(two, "监理评分"), item, sheet="监理")["score"]) == D("5")


# ---- 表1/表2 故障响应: "须在故障排除后3天内提交《故障处理及分析报告》，每逾期1天扣0.2分" is
# owed for every fault, whichever SLA carries its times. Before round 3 the 通达协同办公 SLA
# (附件1 12.11, whose only time is "响应时间为2h") had no report clock, so a 通达 fault's report
# was never late.


def test_a_tongda_faults_report_is_owed_within_three_days(kit: Any) -> None:
    # 通达 ticket opened Monday 14 Oct 2024 10:00, answered 10:30 (2h: met), resolved Tuesday
    # 15 Oct 16:00. "3天内": 16, 17, 18 Oct → due Friday 18 Oct 24:00. Reported Monday 21 Oct
    # 09:00: 57 hours late → 3 started days → 3 × 0.2 = 0.6 → 故障响应 20 − 0.6 = 19.4 on 表1
    # and on every 表2 sheet (the ticket has no department).
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *kit.ticket(
            "T1",
            "通达协同办公",
            "服务请求",
            "2024-10-14 10:00",
            ("2024-10-14 10:30", "responded"),
            ("2024-10-15 16:00", "resolved"),
            ("2024-10-21 09:00", "reported"),
        ),
    ]
    report = kit.replay(GX, events, as_of="2025-09-02 00:00")
    cycle = kit.period(report, "考核周期:1")
    assert D(kit.item(kit.card(cycle, "监理评分"), "故障响应", sheet="监理")["score"]) == D("19.4")
    teams = kit.card(cycle, "服务总队评分")
    assert D(kit.item(teams, "故障响应", sheet="科技信息化总队")["score"]) == D("19.4")
    assert D(teams["score"]) == D("99.4")
