"""Audit: fujian-gxt-2026, the money of both 服务周期 and tier changes of a fault, worked by
hand from the contract text (shared/contracts/fujian-gxt-2026.txt, 五、服务考核):

  "服务考核的考核评价分值低于90分的，每低1分扣除项目合同款项的5%，当得分低于60分或因服务单位原因
  造成安全或保密相关事件的，用户有权终止合同。"

The rule file's documented readings (docs/rulesets/fujian-gxt-2026.md): two 12-month cycles
from 2026-01-01, each attributed contract_total / 2; "每低1分" prorated; the deduction withheld
from the cycle's share and so capped at it. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

GXT = "fujian-gxt-2026"
D = Decimal


def _occ(kit: Any, day: str, kind: str, count: str | int = 1) -> dict[str, Any]:
    return kit.ev(f"{day} 10:00", "occurrence", kind=kind, count=count)


@pytest.mark.parametrize(
    "count, score, payable",
    [
        # "因中标方服务不到位导致我厅电子政务绩效考核被扣分的，我厅电子政务绩效考核分数每扣一分，
        # 中标方服务考核分数扣10分" (服务能力, 累计最高扣25分): the 厅 lost 1 point → −10 → 90.
        # "低于90分的" — 90 is not below 90: nothing withheld, the cycle pays 500000.00.
        ("1", "90", "500000.00"),
        # 1.001 points lost → −10.01 → 89.99: 0.01 point below 90 × 5% × 1000000 = 500.00.
        ("1.001", "89.99", "499500.00"),
        # 1.05 → −10.5 → 89.5: 0.5 × 5% × 1000000 = 25000.00.
        ("1.05", "89.5", "475000.00"),
        # 2 → −20 → 80: 10 × 50000 = 500000.00, the whole share: payable 0.00, no refund.
        ("2", "80", "0.00"),
        # 3 → −30, the item's cap "累计最高扣25分" → −25 → 75: 15 × 50000 = 750000 > the
        # share, withheld 500000.
        ("3", "75", "0.00"),
    ],
)
def test_a_cycle_score_at_and_around_90_and_a_deduction_larger_than_the_share(
    kit: Any, count: str, score: str, payable: str
) -> None:
    events = [_occ(kit, "2026-03-10", "绩效考核扣分", count)]
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    cycle = kit.period(report, "服务周期:1")
    assert kit.card(cycle, "服务考核")["score"] == score
    assert kit.line(cycle, "base")["amount"] == "500000.00"
    assert cycle["payment"]["payable"] == payable
    assert cycle["payment"]["refund"] == "0.00"


def test_the_two_cycles_pay_the_contract_less_what_each_withholds(kit: Any) -> None:
    # Cycle 1 (2026): one 未完成服务事项 (−5, "未完成服务事项每件扣5分") and one 违反纪律
    # (−2, "违反工作场所纪律等规定的每次扣2分") → 93: nothing withheld → 500000.00.
    # Cycle 2 (2027): 3 服务态度投诉 (3 × 5 = 15, "累计最高扣10分" → 10), 4 材料未提供
    # (4 × 5 = 20, "累计最高扣15分" → 15), 3 操作失误事故 (3 × 10 = 30, "累计最高扣25分" → 25)
    # → 100 − 50 = 50: 40 points below 90 × 50000 = 2000000, withheld the share 500000 →
    # 0.00; below 60: "用户有权终止合同" (flag 终止合同权).
    # The term: 1000000 − 0 − 500000 = 500000.00.
    events = [
        _occ(kit, "2026-04-01", "未完成服务事项"),
        _occ(kit, "2026-05-01", "违反纪律"),
        _occ(kit, "2027-03-01", "服务态度投诉", 3),
        _occ(kit, "2027-03-02", "材料未提供", 4),
        _occ(kit, "2027-03-03", "操作失误事故", 3),
    ]
    report = kit.replay(GXT, events, as_of="2028-01-01 00:00")
    one, two = kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")
    assert kit.card(one, "服务考核")["score"] == "93"
    assert kit.card(two, "服务考核")["score"] == "50"
    assert one["payment"]["payable"] == "500000.00"
    assert two["payment"]["payable"] == "0.00"
    assert "终止合同权" in kit.flags(two) and "终止合同权" not in kit.flags(one)
    assert D(one["payment"]["payable"]) + D(two["payment"]["payable"]) == D("500000.00")


def test_two_shares_of_an_odd_cent_total_add_up_to_it(kit: Any) -> None:
    # contract_total 1000000.01 over two cycles: 500000.005 each. Rounded on its own each
    # would be 500000.01 and the term would pay 1000000.02, a cent more than the contract.
    # The two bases must add up to 1000000.01 (docs/language.md §6 `base`: the last cycle
    # pays what the first left, 1000000.01 − 500000.01 = 500000.00).
    events = [_occ(kit, "2026-04-01", "违反纪律"), _occ(kit, "2027-04-01", "违反纪律")]
    report = kit.replay(GXT, events, as_of="2028-01-01 00:00",
                        params={"contract_total": "1000000.01"})  # fmt: skip
    bases = [D(kit.line(p, "base")["amount"]) for p in report["periods"]]
    assert bases == [D("500000.01"), D("500000.00")]
    # Scores 98 (one 违反纪律, −2): nothing withheld; the term pays exactly the contract.
    assert sum(D(p["payment"]["payable"]) for p in report["periods"]) == D("1000000.01")


def test_an_odd_cent_last_share_withheld_in_full_leaves_nothing_to_refund(kit: Any) -> None:
    # Same total, 1000000.01. Cycle 2: 3 操作失误事故 (−30 → cap −25) and 3 材料未提供 (−15,
    # the cap) → 60: 30 points below 90 × 5% × 1000000.01 = 1500000.015, withheld at most the
    # cycle's share ("扣除", `cap contract_total / cycles`). The share cycle 2 pays is
    # 500000.00 (above): withheld 500000.00 → payable 0.00, and no cent left to refund.
    events = [_occ(kit, "2027-03-03", "操作失误事故", 3), _occ(kit, "2027-03-04", "材料未提供", 3)]
    report = kit.replay(GXT, events, as_of="2028-01-01 00:00",
                        params={"contract_total": "1000000.01"})  # fmt: skip
    two = kit.period(report, "服务周期:2")
    assert kit.card(two, "服务考核")["score"] == "60"
    assert kit.line(two, "linear")["amount"] == "-500000.00"
    assert two["payment"]["payable"] == "0.00"
    assert two["payment"]["refund"] == "0.00"
