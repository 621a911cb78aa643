"""Audit R5, fujian-gxt-2026: `--param cycles=3` — a three-year term — replayed over its whole
length, with a middling second cycle and a failing third one; the term's payments summed
against the contract total by hand.

Worked by hand from shared/contracts/fujian-gxt-2026.txt (五、服务考核) and the rule file
(`period 服务周期 … for cycles`, `base contract_total / cycles`; "每低1分扣除项目合同款项的5%",
withheld at most the cycle's share). Nothing copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GXT = "fujian-gxt-2026"
D = Decimal


def _occ(kit: Any, day: str, kind: str, count: int = 1) -> dict[str, Any]:
    return kit.ev(f"{day} 10:00", "occurrence", kind=kind, count=count)


def test_three_cycles_pay_the_total_less_what_each_withholds(kit: Any) -> None:
    events = [
        # Cycle 2 (2027): "每次扣10分" 操作失误事故 + "每发现一次扣5分" 服务不规范 → 服务能力
        # 25 − 15 = 10 → 85: 5 points below 90 × 5% × 1000000 = 250000.00.
        _occ(kit, "2027-05-10", "操作失误事故"),
        _occ(kit, "2027-05-11", "服务不规范"),
        # Cycle 3 (2028): 3 操作失误事故 (−30, "累计最高扣25分" → −25) and 3 材料未提供 (−15,
        # the cap) → 60 — not "低于60分", no 终止合同权: 30 × 50000 = 1500000, withheld at
        # most the cycle's share.
        _occ(kit, "2028-03-03", "操作失误事故", 3),
        _occ(kit, "2028-03-04", "材料未提供", 3),
    ]
    report = kit.replay(GXT, events, as_of="2029-01-01 00:00", params={"cycles": "3"})
    cycles = [kit.period(report, f"服务周期:{k}") for k in (1, 2, 3)]
    assert [kit.card(c, "服务考核")["score"] for c in cycles] == ["100", "85", "60"]
    # 1000000 / 3 = 333333.333…: 333333.33, 333333.33, and the last cycle what the term has
    # left, 1000000.00 − 666666.66 = 333333.34, so the three shares add up to the total.
    assert [kit.line(c, "base")["amount"] for c in cycles] == [
        "333333.33",
        "333333.33",
        "333333.34",
    ]
    assert [kit.line(c, "linear")["amount"] for c in cycles] == [
        "0.00",
        "-250000.00",
        "-333333.34",
    ]
    payable = [c["payment"]["payable"] for c in cycles]
    assert payable == ["333333.33", "83333.33", "0.00"]
    # The term: 1000000.00 − 250000.00 − 333333.34 = 416666.66.
    assert sum(D(x) for x in payable) == D("416666.66")
    assert all(kit.flags(c) == [] for c in cycles)
    assert cycles[2]["payment"]["refund"] == "0.00"
