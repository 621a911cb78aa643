"""Audit (E2): fujian-gxt-2026 — the money of the whole term (both 服务周期, band edge 90.00 vs
89.99, the cap at the cycle's share at 80.00 vs 79.99, item caps) and evidence that crosses the
boundary between the two cycles.

Defaults (rulesets/fujian-gxt-2026.sla): contract_total 1000000元, two 12-month 服务周期 from
2026-01-01, each cycle's base 1000000 / 2 = 500000.00 ("base contract_total / cycles"). The
payment clause: "服务考核的考核评价分值低于90分的，每低1分扣除项目合同款项的5%" — read (walkthrough
readings 2–4) as 5% of the whole contract per point, pro rata, withheld from the cycle's payment
and stopping at it. 5% × 1000000 = 50000.00 per point. Every expected number is worked out by
hand from the clause quoted beside it, never copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

NAME = "fujian-gxt-2026"
AS_OF = "2028-01-10 00:00"


def term(kit: Any, events: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    report = kit.replay(NAME, sorted(events, key=lambda e: e["at"]), as_of=AS_OF)
    return kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")


def score(kit: Any, period: dict[str, Any], item: str | None = None) -> str:
    card = kit.card(period, "服务考核")
    return str(card["score"] if item is None else kit.item(card, item)["score"])


def payable(period: dict[str, Any]) -> Decimal:
    return Decimal(period["payment"]["payable"])


def test_term_total_with_89_99_then_exactly_90(kit: Any) -> None:
    # Cycle 1: the 厅 lost 1.001 points of its 绩效 → "每扣一分…扣10分" → 10.01 → 服务能力
    # 25 − 10.01 = 14.99 → 89.99. "低于90分的，每低1分扣除…5%": 0.01 point × 50000 = 500.00 →
    # payable 500000 − 500 = 499500.00.
    # Cycle 2: the 厅 lost exactly 1 point → 10 → score 90.00: not "低于90分" → nothing
    # withheld → 500000.00.
    # The term: 499500.00 + 500000.00 = 999500.00 = 1000000 − 500 (only what the clause takes).
    events = [
        kit.ev("2026-06-10 10:00", "occurrence", kind="绩效考核扣分", count="1.001"),
        kit.ev("2027-06-10 10:00", "occurrence", kind="绩效考核扣分", count="1"),
    ]
    one, two = term(kit, events)
    assert score(kit, one) == "89.99"
    assert kit.line(one, "linear")["amount"] == "-500.00"
    assert one["payment"]["payable"] == "499500.00"
    assert score(kit, two) == "90"
    assert two["payment"]["payable"] == "500000.00"
    assert payable(one) + payable(two) == Decimal("999500.00")


def test_term_total_with_exactly_80_then_79_99(kit: Any) -> None:
    # Cycle 1: two 操作失误事故 ("每次扣10分") → 服务能力 5 → 80.00: (90 − 80) × 50000 =
    # 500000.00, exactly the cycle's share → payable 0.00, no damages.
    # Cycle 2: the same plus 0.001 point of 绩效 (0.01 here) → 服务能力 4.99 → 79.99:
    # 10.01 × 50000 = 500500.00, which the cap ("扣除" stops at what the cycle pays, reading 4)
    # holds at 500000.00 → payable 0.00, and the 500.00 beyond it is *not* damages.
    # The term: 0.00 + 0.00 = 1000000 − 1000000.
    events = [
        *(kit.ev(f"2026-0{m}-10 10:00", "occurrence", kind="操作失误事故") for m in (3, 4)),
        *(kit.ev(f"2027-0{m}-10 10:00", "occurrence", kind="操作失误事故") for m in (3, 4)),
        kit.ev("2027-05-10 10:00", "occurrence", kind="绩效考核扣分", count="0.001"),
    ]
    one, two = term(kit, events)
    assert score(kit, one) == "80"
    assert kit.line(one, "linear")["amount"] == "-500000.00"
    assert (one["payment"]["payable"], one["payment"]["damages"]) == ("0.00", "0.00")
    assert score(kit, two) == "79.99"
    assert kit.line(two, "linear")["amount"] == "-500000.00"
    assert (two["payment"]["payable"], two["payment"]["damages"]) == ("0.00", "0.00")


def test_days_late_stop_at_the_items_cap(kit: Any) -> None:
    # "未在规定时限内提交相应的报告材料每延误一天扣2分 … 累计最高扣20分": a 运维报告 due
    # 2026-03-01 00:00 and delivered 2026-03-11 12:00 is 10.5 days late → 11 started days
    # (docs/language.md, days late = ceil) → 22 points, capped at 20 → 服务响应时间 0 → 80.
    # Money: (90 − 80) × 50000 = 500000 = the cap → payable 0.00.
    events = [
        kit.ev("2026-03-01 00:00", "due", deliverable="运维报告"),
        kit.ev("2026-03-11 12:00", "delivered", deliverable="运维报告"),
    ]
    one, two = term(kit, events)
    assert score(kit, one, "服务响应时间") == "0"
    assert score(kit, one) == "80"
    assert one["payment"]["payable"] == "0.00"
    assert two["payment"]["payable"] == "500000.00"


def test_a_report_due_in_december_and_delivered_in_january_counts_in_the_first_cycle(
    kit: Any,
) -> None:
    # A 问题处理报告 due 2026-12-30 00:00, delivered 2027-01-04 10:00: 5 days 10 hours → 6
    # started days → "每延误一天扣2分" → 12 → 服务响应时间 8 → 88. "each due time counts in the
    # period that contains it" (docs/language.md): cycle 1. (90 − 88) × 50000 = 100000.00 →
    # payable 400000.00; cycle 2 untouched: 500000.00. Term: 900000.00.
    events = [
        kit.ev("2026-12-30 00:00", "due", deliverable="问题处理报告"),
        kit.ev("2027-01-04 10:00", "delivered", deliverable="问题处理报告"),
    ]
    one, two = term(kit, events)
    assert score(kit, one) == "88"
    assert one["payment"]["payable"] == "400000.00"
    assert score(kit, two) == "100"
    assert two["payment"]["payable"] == "500000.00"


def test_a_fault_opened_on_new_years_eve_counts_in_the_first_cycle(kit: Any) -> None:
    # 一般 fault opened 2026-12-31 22:00, answered 22:30 (≤ 1 h), resolved 2027-01-01 03:00:
    # 5 h > "非灾难性问题4小时内解决" (due 2027-01-01 02:00) → "…时限…完成的每件扣5分" →
    # 服务完成情况 15. "A ticket counts in the period that contains its opened time": cycle 1
    # → 95 (≥ 90: nothing withheld); cycle 2 100.
    events = kit.ticket(
        "Y", "故障", "一般", "2026-12-31 22:00",
        ("2026-12-31 22:30", "responded"),
        ("2027-01-01 03:00", "resolved"),
    )  # fmt: skip
    one, two = term(kit, events)
    assert score(kit, one, "服务完成情况") == "15"
    assert score(kit, two) == "100"
    assert (one["payment"]["payable"], two["payment"]["payable"]) == ("500000.00", "500000.00")


def test_lost_equipment_in_a_cycle_already_at_zero_still_owes_the_loss(kit: Any) -> None:
    # Cycle 2: three 操作失误事故 (30, capped "累计最高扣25分" → 服务能力 0), three 材料未提供
    # (服务档案记录 0), one 设备丢失 with a loss of 4850.00 (its 5 points fall in the already
    # empty 服务能力). Score 100 − 25 − 15 = 60: not "低于60分" → no 终止合同权.
    # (90 − 60) × 50000 = 1500000 → capped at 500000.00 → payable 0.00; "需赔偿采购人损失" is
    # owed besides: damages 4850.00. Cycle 1 holds one fault handled in time (answered in
    # 30 min, resolved in 1 h): 100, 500000.00 (the report starts at the log's first event).
    events = [
        *kit.ticket(
            "OK",
            "故障",
            "一般",
            "2026-01-05 10:00",
            ("2026-01-05 10:30", "responded"),
            ("2026-01-05 11:00", "resolved"),
        ),
        *(kit.ev(f"2027-0{m}-10 10:00", "occurrence", kind="操作失误事故") for m in (2, 3, 4)),
        *(kit.ev(f"2027-0{m}-20 10:00", "occurrence", kind="材料未提供") for m in (5, 6, 7)),
        kit.ev("2027-08-01 10:00", "occurrence", kind="设备丢失", amount="4850.00"),
    ]
    one, two = term(kit, events)
    assert score(kit, two) == "60"
    assert kit.flags(two) == []
    assert (two["payment"]["payable"], two["payment"]["damages"]) == ("0.00", "4850.00")
    assert one["payment"]["payable"] == "500000.00"


def test_the_bases_of_an_odd_contract_total_add_up_to_it(kit: Any) -> None:
    # contract_total 999999.99 ("项目合同款项"), two cycles, nothing deducted in either (one
    # 违反纪律 in cycle 1: 遵守规章 8, score 98 ≥ 90). Each cycle is attributed half:
    # 499999.995, which no payment in fen can be; the two payments must still add up to the
    # contract: 999999.99 (499999.99 + 500000.00, or the other way round).
    events = [kit.ev("2026-01-05 10:00", "occurrence", kind="违反纪律")]
    report = kit.replay(NAME, events, as_of=AS_OF, params={"contract_total": "999999.99"})
    one, two = kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")
    assert payable(one) + payable(two) == Decimal("999999.99")
