"""Audit R4, guangxi-gat-2024: deductions that meet the bond, the cycle's cash and a
withheld instalment together — nothing negative, nothing taken twice, and the term adds up.

Contract (shared/contracts/guangxi-gat-2024.txt, 付款方式 / 表3):
  "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额的3%作为履约保证金"
  "中标人维护过程中无重大事故发生，2025年下半年…再支付合同金额的25%"
  "如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付处罚款项时，
  采购人有权…直接从应付合同款中相应扣减）"
  "经最终验收合格后10个工作日内，支付合同金额的50%，并将履约保证金全额退回（不计利息）"
  表3 "90≤运维服务质量评价得分<95 2% 2%×合同总价"; "每个考核周期扣减金额独立计算"
  "系统运行故障，每发生一次，扣5分" (监理评分 and every department's sheet)

Contract total 10000000.00, bond 3% = 300000.00: one account for the two cycles.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

D = Decimal
GX = "guangxi-gat-2024"


def _base(kit: Any) -> list[dict[str, Any]]:
    return [
        kit.ev("2024-08-20 10:00", "milestone", name="signed"),
        kit.ev("2024-08-26 10:00", "delivered", deliverable="合同履约清单"),
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2026-08-10 10:00", "milestone", name="final_accepted"),
    ]


def _faults(kit: Any, *days: str) -> list[dict[str, Any]]:
    return [kit.ev(f"{day} 10:00", "occurrence", kind="系统运行故障") for day in days]


def _money(period: dict[str, Any]) -> tuple[str, ...]:
    pay = period["payment"]
    bond = pay["bond"]
    return (pay["payable"], pay["refund"], bond["opening"], bond["deducted"], bond["remaining"])


def test_the_bond_is_used_up_across_two_cycles_and_never_twice(kit: Any) -> None:
    # Cycle 1: two faults → 90 on every sheet → 最终得分 90 → 2% = 200000.00, all from the
    #   bond (300000.00) → the 25% (2500000.00) is paid whole; 100000.00 of the bond left.
    # Cycle 2: two faults → 90 → 200000.00: the 100000.00 left of the bond, then 100000.00
    #   from the cash 2500000 + 5000000 = 7500000.00 → payable 7400000.00; the bond is gone.
    # Term: cash 2500000 + 7400000 = 9900000.00, the bond's 300000.00 kept: the vendor
    #   receives 10000000 − 2 × 200000 = 9600000.00.
    events = [*_base(kit), *_faults(kit, "2024-11-05", "2025-01-06"),
              *_faults(kit, "2025-11-04", "2026-02-03")]  # fmt: skip
    report = kit.replay(GX, sorted(events, key=lambda e: e["at"]), as_of="2026-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    assert _money(one) == ("2500000.00", "0.00", "300000.00", "200000.00", "100000.00")
    assert _money(two) == ("7400000.00", "0.00", "100000.00", "100000.00", "0.00")
    cash = D(one["payment"]["payable"]) + D(two["payment"]["payable"])
    bond_kept = D(one["payment"]["bond"]["deducted"]) + D(two["payment"]["bond"]["deducted"])
    assert cash == D("9900000.00")
    assert cash - bond_kept == D("9600000.00") == D("10000000") - 2 * D("200000")


def test_a_withheld_instalment_and_a_deduction_in_the_same_cycle(kit: Any) -> None:
    # A 重大事故 in cycle 1 (2025-03-01): the 中期款's condition "无重大事故发生" fails at its
    #   due date (2025-12-31 24:00, in cycle 2) → 0.00, not paid later either.
    # Cycle 1: two faults → 90 → 200000.00 from the bond → payable 2500000.00, bond left
    #   100000.00.
    # Cycle 2: two faults → 90 → 200000.00: 100000.00 from the bond, 100000.00 from the cash
    #   0.00 + 5000000.00 → payable 4900000.00.
    # Term: cash 2500000 + 4900000 = 7400000.00; bond kept 300000.00; the vendor receives
    #   10000000 − 2500000 (the 中期款) − 400000 = 7100000.00. Nothing is negative.
    events = [*_base(kit), *_faults(kit, "2024-11-05", "2025-01-06"),
              kit.ev("2025-03-01 10:00", "occurrence", kind="重大事故"),
              *_faults(kit, "2025-11-04", "2026-02-03")]  # fmt: skip
    report = kit.replay(GX, sorted(events, key=lambda e: e["at"]), as_of="2026-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    assert kit.card(one, "监理评分")["score"] == "90"
    mid = next(x for x in two["payment"]["lines"] if x["name"] == "中期款")
    assert (mid["amount"], mid["status"]) == ("0.00", "final")
    assert _money(one) == ("2500000.00", "0.00", "300000.00", "200000.00", "100000.00")
    assert _money(two) == ("4900000.00", "0.00", "100000.00", "100000.00", "0.00")
    for period in (one, two):
        assert all(
            D(x["amount"]) >= 0 for x in period["payment"]["lines"] if x["kind"] != "deduct_band"
        )
    cash = D(one["payment"]["payable"]) + D(two["payment"]["payable"])
    assert cash - D("300000.00") == D("7100000.00")
