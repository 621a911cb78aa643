"""Scenario tests for rulesets/fujian-slt-2024.sla: one clause each, exact score and payment.

Defaults: contract_total 500000元, service year 服务年:1 = 2024-07-01 … 2025-06-30. Every
scenario gives the five judged items full marks (10+20+10+10+10 = 60) unless it is about
them, so a clean year scores 100 and pays 100% of 500000 = 500000.00.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules

NAME = "fujian-slt-2024"
YEAR = "服务年:1"
FULL = {
    "日常使用培训": "10",
    "日常巡检": "20",
    "故障处理": "10",
    "技术支持": "10",
    "需求变更": "10",
}


def judgements(kit: Any, **points: str) -> list[dict[str, Any]]:
    grades = {**FULL, **points}
    return [
        kit.ev("2025-06-20 10:00", "judgement", item=item, points=value)
        for item, value in grades.items()
    ]


def year(kit: Any, events: list[dict[str, Any]], **kw: Any) -> tuple[dict[str, Any], Any]:
    report = kit.replay(NAME, [*events, *judgements(kit)], **kw)
    return report, kit.period(report, YEAR)


def score(kit: Any, period: dict[str, Any], item: str | None = None) -> str:
    card = kit.card(period, "运维工作考核")
    return str(card["score"] if item is None else kit.item(card, item)["score"])


def test_urgent_fault_answered_late_costs_one_point(kit: Any) -> None:
    # "紧急 … 响应时间 10分钟"; "紧急故障扣1分": answered after 11 min → 10 − 1 = 9,
    # year 99 → "90-100分（含90分），支付100%合同款" → 500000.00.
    events = kit.ticket(
        "T",
        "故障",
        "紧急",
        "2024-08-05 10:00",
        ("2024-08-05 10:11", "responded"),
        ("2024-08-05 11:00", "restored"),
    )
    report, period = year(kit, events)
    assert kit.target(report, "T", "respond")["status"] == "breached"
    assert score(kit, period, "故障响应与解决时间") == "9"
    assert score(kit, period) == "99"
    assert period["payment"]["payable"] == "500000.00"


def test_a_fault_late_twice_is_deducted_once(kit: Any) -> None:
    # "每次发生故障响应与解决时间超过合同规定 … 一般故障扣0.5分": response 40 min > 30 and
    # restore 9 h > 8 h on one ticket → one fault → 10 − 0.5 = 9.5.
    events = kit.ticket(
        "T",
        "故障",
        "一般",
        "2024-08-05 10:00",
        ("2024-08-05 10:40", "responded"),
        ("2024-08-05 19:00", "restored"),
    )
    report, period = year(kit, events)
    assert kit.target(report, "T", "restore")["status"] == "breached"
    assert score(kit, period, "故障响应与解决时间") == "9.5"


def test_a_pause_for_a_constraint_keeps_the_8_hours(kit: Any) -> None:
    # "8小时内（具体要视问题解决的难易程度和限制条件定）": 09:30→11:00 (1.5 h) + 15:00→18:00
    # (3 h) = 4.5 h of 8 h; without the 4-hour pause it would be 8.5 h, a breach.
    events = kit.ticket(
        "T",
        "故障",
        "一般",
        "2024-09-14 09:30",
        ("2024-09-14 09:50", "responded"),
        ("2024-09-14 11:00", "paused"),
        ("2024-09-14 15:00", "resumed"),
        ("2024-09-14 18:00", "restored"),
    )
    report, period = year(kit, events)
    restore = kit.target(report, "T", "restore")
    assert (restore["status"], restore["elapsed"]) == ("met", "PT4H30M")
    assert restore["deadline"] == "2024-09-14T21:30:00+08:00"  # 09:30 + 8 h + 4 h paused
    assert score(kit, period, "故障响应与解决时间") == "10"


def test_a_downgrade_is_measured_against_the_new_tier(kit: Any) -> None:
    # 紧急 (恢复 4小时内) downgraded to 一般 (8小时内) after an hour, restored after 6 h:
    # re-measured from the report against 8 h → met, no deduction.
    events = kit.ticket(
        "T",
        "故障",
        "紧急",
        "2024-11-05 09:00",
        ("2024-11-05 09:05", "responded"),
        ("2024-11-05 10:00", "retiered", {"tier": "一般"}),
        ("2024-11-05 15:00", "restored"),
    )
    report, period = year(kit, events)
    assert kit.target(report, "T", "restore")["status"] == "met"
    assert score(kit, period, "故障响应与解决时间") == "10"


def test_minor_faults_owe_the_time_agreed_for_them(kit: Any) -> None:
    # "轻微 … 按需 按需": the time is agreed per fault. T agreed 6 days for the fix at 10:30 on
    # 8 Feb (Civil Code: 8 Feb not counted, ends 14 Feb 24:00); fixed 20 Feb → breached;
    # "轻微故障扣0.2分" → 10 − 0.2 = 9.8; year 99.8. No response time was agreed: not owed.
    # U (轻微, nothing agreed) fixed after a month owes nothing.
    events = [
        *kit.ticket(
            "T",
            "故障",
            "轻微",
            "2025-02-08 10:00",
            ("2025-02-08 10:30", "agreed", {"metric": "restore", "target": "6日"}),
            ("2025-02-10 09:30", "responded"),
            ("2025-02-20 16:00", "restored"),
        ),
        *kit.ticket("U", "故障", "轻微", "2025-03-03 10:00", ("2025-04-03 10:00", "restored")),
    ]
    report, period = year(kit, events)
    restore = kit.target(report, "T", "restore")
    assert (restore["deadline"], restore["status"], restore["agreed"]) == (
        "2025-02-15T00:00:00+08:00",
        "breached",
        "6日",
    )
    assert kit.target(report, "T", "respond")["status"] == "not_applicable"
    assert kit.target(report, "U", "restore")["status"] == "not_applicable"
    assert score(kit, period, "故障响应与解决时间") == "9.8"
    assert score(kit, period) == "99.8"


def test_a_minor_fault_met_within_its_agreed_time_costs_nothing(kit: Any) -> None:
    # Agreed "PT48H" (48 hours) at opening on Monday 3 Mar 10:00 → 5 Mar 10:00; fixed 4 Mar.
    events = kit.ticket(
        "T",
        "故障",
        "轻微",
        "2025-03-03 10:00",
        ("2025-03-03 10:00", "agreed", {"metric": "restore", "target": "PT48H"}),
        ("2025-03-04 16:00", "restored"),
    )
    report, period = year(kit, events)
    assert kit.target(report, "T", "restore")["status"] == "met"
    assert score(kit, period) == "100"


def test_a_general_fault_may_agree_a_longer_restore_time(kit: Any) -> None:
    # "一般 … 8小时内（具体要视问题解决的难易程度和限制条件定）": a hard problem; the parties
    # agree 24 h at 12:00, before the 8 h ran out (opened 09:00 → 17:00). Restored at 20:00,
    # within 24 h of 09:00 → met; without the agreement it would cost 0.5 (B).
    events = [
        *kit.ticket(
            "A",
            "故障",
            "一般",
            "2025-03-03 09:00",
            ("2025-03-03 09:10", "responded"),
            ("2025-03-03 12:00", "agreed", {"metric": "restore", "target": "24小时"}),
            ("2025-03-03 20:00", "restored"),
        ),
        *kit.ticket(
            "B",
            "故障",
            "一般",
            "2025-03-04 09:00",
            ("2025-03-04 09:10", "responded"),
            ("2025-03-04 20:00", "restored"),
        ),
    ]
    report, period = year(kit, events)
    a = kit.target(report, "A", "restore")
    assert (a["deadline"], a["status"], a["agreed"]) == (
        "2025-03-04T09:00:00+08:00",
        "met",
        "24小时",
    )
    assert kit.target(report, "B", "restore")["status"] == "breached"
    assert score(kit, period, "故障响应与解决时间") == "9.5"


def test_an_agreement_after_the_deadline_cannot_erase_the_breach(kit: Any) -> None:
    # The 8 h of a 一般 fault opened 09:00 ran out at 17:00; an "agreement" at 18:00 is refused
    # (SLR917), naming the deadline that passed.
    events = kit.ticket(
        "A",
        "故障",
        "一般",
        "2025-03-03 09:00",
        ("2025-03-03 18:00", "agreed", {"metric": "restore", "target": "24小时"}),
    )
    with pytest.raises(slarules.RuleError) as err:
        kit.replay(NAME, events)
    text = str(err.value)
    assert "SLR917" in text and "2025-03-03T17:00:00+08:00" in text and "cannot erase" in text


def test_an_upgrade_leaves_the_new_tier_its_time_from_the_change(kit: Any) -> None:
    # An 一般 fault (respond 半小时内) opened at 10:00 is upgraded to 紧急 (respond 10分钟) at
    # 10:20 and answered at 10:25. From the opening, 10 minutes would end at 10:10, before the
    # upgrade: a breach the vendor could not have avoided. The file says `retier remeasure
    # allow full`: the vendor has 紧急's 10 minutes from the change (10:30), never more than
    # 一般 gave it (10:30) → deadline 10:30, met; no deduction.
    events = kit.ticket(
        "U",
        "故障",
        "一般",
        "2025-03-03 10:00",
        ("2025-03-03 10:20", "retiered", {"tier": "紧急"}),
        ("2025-03-03 10:25", "responded"),
        ("2025-03-03 11:00", "restored"),
    )
    report, period = year(kit, events)
    respond = kit.target(report, "U", "respond")
    assert (respond["deadline"], respond["status"], respond["tier"]) == (
        "2025-03-03T10:30:00+08:00",
        "met",
        "紧急",
    )
    assert score(kit, period) == "100"


def test_attendance_stops_at_zero(kit: Any) -> None:
    # "无故迟到 、早退，每人每次扣1分 … 扣完为止。（满分10分）": 12 late arrivals → 0, not −2;
    # year 90 → still "90-100分（含90分）" → 100%.
    events = [
        kit.ev(f"2024-10-{day:02d} 08:40", "occurrence", kind="迟到早退") for day in range(8, 20)
    ]
    _, period = year(kit, events)
    assert score(kit, period, "考勤") == "0"
    assert score(kit, period) == "90"
    assert period["payment"]["payable"] == "500000.00"


def test_each_person_counts_in_every_absence(kit: Any) -> None:
    # "每人每次扣1分": two people leaving early (count 2) and one absent day → 10 − 2 − 1 = 7.
    events = [
        kit.ev("2024-11-18 17:00", "occurrence", kind="迟到早退", count=2),
        kit.ev("2025-03-03 10:00", "occurrence", kind="无故未在岗"),
    ]
    _, period = year(kit, events)
    assert score(kit, period, "考勤") == "7"


def test_89_5_is_paid_85_percent(kit: Any) -> None:
    # 日常巡检 judged 10 of 20 (−10) and one late 一般 fault (−0.5) → 89.5. "80-89分（含80分），
    # 支付85%合同款", read as [80, 90): 85% × 500000 = 425000.00 (pay band line −75000.00).
    events = kit.ticket(
        "T",
        "故障",
        "一般",
        "2024-08-05 10:00",
        ("2024-08-05 10:40", "responded"),
        ("2024-08-05 12:00", "restored"),
    )
    report = kit.replay(NAME, [*events, *judgements(kit, 日常巡检="10")])
    period = kit.period(report, YEAR)
    assert score(kit, period) == "89.5"
    assert kit.line(period, "pay_band")["amount"] == "-75000.00"
    assert period["payment"]["payable"] == "425000.00"


def test_79_5_is_paid_70_percent(kit: Any) -> None:
    # 日常巡检 0 (−20), one late 一般 fault (−0.5) → 79.5 ∈ [70, 80): 70% × 500000 = 350000.00.
    events = kit.ticket(
        "T",
        "故障",
        "一般",
        "2024-08-05 10:00",
        ("2024-08-05 10:40", "responded"),
        ("2024-08-05 12:00", "restored"),
    )
    report = kit.replay(NAME, [*events, *judgements(kit, 日常巡检="0")])
    period = kit.period(report, YEAR)
    assert score(kit, period) == "79.5"
    assert period["payment"]["payable"] == "350000.00"


def test_below_70_fails_acceptance_and_owes_30_percent(kit: Any) -> None:
    # 日常巡检 0, 日常使用培训 0, 技术支持 5 → 100 − 20 − 10 − 5 = 65 < 70: "视为验收不合格，
    # 乙方赔付甲方30%合同款的违约金" → damages 30% × 500000 = 150000.00; the year pays the 50%
    # advance only (reading of the band below 70) → 250000.00.
    report = kit.replay(NAME, judgements(kit, 日常巡检="0", 日常使用培训="0", 技术支持="5"))
    period = kit.period(report, YEAR)
    assert score(kit, period) == "65"
    assert period["payment"]["damages"] == "150000.00"
    assert period["payment"]["payable"] == "250000.00"
    assert "验收不合格" in kit.flags(period)


def test_the_advance_is_due_15_workdays_after_the_invoice(kit: Any) -> None:
    # "收到成交人等额发票后 … 15个工作日内，支付合同总金额的50.00%": invoiced Fri 6 Sep 2024;
    # workdays 9–13 (5), make-up Sat 14 (6), 中秋 15–17 off, 18–20 (9), 23–27 (14), make-up
    # Sun 29 (15) → due 29 Sep 24:00; 50% × 500000 = 250000.00.
    events = [kit.ev("2024-09-06 15:00", "milestone", name="invoiced")]
    _, period = year(kit, events)
    advance = kit.line(period, "milestone")
    assert (advance["name"], advance["amount"]) == ("预付款", "250000.00")
    assert advance["due"] == "2024-09-30T00:00:00+08:00"


def test_change_requests_are_answered_within_24_wall_clock_hours(kit: Any) -> None:
    # "接收到用户标准服务内的需求变更申请后，在24小时内响应": Friday 17:00 → Saturday 17:00,
    # weekend included; answered Saturday 17:30 → breached (evidence for the judged item).
    events = kit.ticket(
        "R", "需求变更", "标准", "2024-08-09 17:00", ("2024-08-10 17:30", "responded")
    )
    report, period = year(kit, events)
    respond = kit.target(report, "R", "respond")
    assert respond["deadline"] == "2024-08-10T17:00:00+08:00"
    assert respond["status"] == "breached"
    assert score(kit, period, "需求变更") == "10"  # judged: the breach is evidence, not points


def test_a_pause_does_not_hold_an_urgent_fault(kit: Any) -> None:
    # The 限制条件 parenthesis stands in the 一般 row only (`pause restore in tier 一般`): a 紧急
    # fault paused 15:00→16:00 still counts 14:00→19:00 = 5 h > 4 h → breached, −1 (with the
    # pause it would be 4 h, met). Its deadline stays 14:00 + 4 h = 18:00.
    events = kit.ticket(
        "T",
        "故障",
        "紧急",
        "2025-05-20 14:00",
        ("2025-05-20 14:09", "responded"),
        ("2025-05-20 15:00", "paused"),
        ("2025-05-20 16:00", "resumed"),
        ("2025-05-20 19:00", "restored"),
    )
    report, period = year(kit, events)
    restore = kit.target(report, "T", "restore")
    assert (restore["status"], restore["elapsed"]) == ("breached", "PT5H")
    assert restore["deadline"] == "2025-05-20T18:00:00+08:00"
    assert score(kit, period, "故障响应与解决时间") == "9"


def test_a_pause_holds_from_the_downgrade_to_the_general_tier(kit: Any) -> None:
    # Opened 紧急 10:00, paused 11:00, downgraded to 一般 12:00 (still paused), resumed 14:00,
    # restored 17:00: the pause holds only while the fault is 一般 → 12:00–14:00 does not
    # count; 10:00–12:00 and 14:00–17:00 do → 5 h of 一般's 8 h, met (deadline 10:00 + 8 h +
    # 2 h held = 20:00).
    events = kit.ticket(
        "T",
        "故障",
        "紧急",
        "2024-11-05 10:00",
        ("2024-11-05 10:05", "responded"),
        ("2024-11-05 11:00", "paused"),
        ("2024-11-05 12:00", "retiered", {"tier": "一般"}),
        ("2024-11-05 14:00", "resumed"),
        ("2024-11-05 17:00", "restored"),
    )
    report, _ = year(kit, events)
    restore = kit.target(report, "T", "restore")
    assert (restore["status"], restore["elapsed"]) == ("met", "PT5H")
    assert restore["deadline"] == "2024-11-05T20:00:00+08:00"


def test_the_balance_is_the_band_payout_less_the_advance(kit: Any) -> None:
    # "15个工作日内由采购人按考核结果支付剩余服务费": 89.5 → 85% × 500000 = payout 425000.00;
    # less the 250000.00 advance → 175000.00, invoiced Mon 23 Jun 2025: workdays 24–27 (4),
    # 30 Jun–4 Jul (9), 7–11 (14), Mon 14 Jul (15) → due 14 Jul 24:00. Advance + balance =
    # the payable 425000.00.
    events = [
        kit.ev("2024-09-06 15:00", "milestone", name="invoiced"),
        *kit.ticket(
            "T",
            "故障",
            "一般",
            "2024-08-05 10:00",
            ("2024-08-05 10:40", "responded"),
            ("2024-08-05 12:00", "restored"),
        ),
        *judgements(kit, 日常巡检="10"),
        kit.ev("2025-06-23 10:00", "milestone", name="balance_invoiced"),
    ]
    report = kit.replay(NAME, events)
    period = kit.period(report, YEAR)
    assert score(kit, period) == "89.5"
    balance = kit.line(period, "milestone", 1)
    assert (balance["name"], balance["amount"]) == ("剩余服务费", "175000.00")
    assert balance["due"] == "2025-07-15T00:00:00+08:00"
    assert "payout = 425000" in balance["basis"]
    advance = Decimal(kit.line(period, "milestone", 0)["amount"])
    assert period["payment"]["payable"] == "425000.00" == str(advance + Decimal("175000.00"))
