"""Audit R5, guangxi-gat-2024: the whole term when `--param start` moves the cycles so that
the 中期款 falls in 考核周期:1, with a deduction taken from the bond in cycle 1 and none in
cycle 2; the sum of the term's payments against the contract total.

Worked by hand from shared/contracts/guangxi-gat-2024.txt (付款方式, 表3) and the rule file's
readings (a cycle's base is the cash due in it; one bond for the term, deductions from it
first; 中期款 due by 2025-12-31 24:00). Nothing copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GX = "guangxi-gat-2024"
D = Decimal


def _scores(kit: Any, day: str, both: str) -> list[dict[str, Any]]:
    return [
        kit.ev(f"{day} 10:00", "score", scorecard="监理评分", score=both),
        kit.ev(f"{day} 10:00", "score", scorecard="服务总队评分", score=both),
    ]


def test_a_later_start_puts_the_mid_term_payment_in_the_first_cycle(kit: Any) -> None:
    # start=2025-01-15: 考核周期:1 = 2025-01-15 … 2026-01-14, 考核周期:2 = 2026-01-15 …
    # 2027-01-14. "2025年下半年…再支付合同金额的25%" is due by 2025-12-31 24:00: in cycle 1.
    events = [
        # 阶段验收 on Wednesday 2025-01-15. 10 工作日, the day not counted: Jan 16, 17, 20–24
        # (7), Sunday 26 Jan — a make-up workday of the 2025 schedule (8), 27 Jan (9); 28 Jan
        # – 4 Feb are the Spring Festival holiday; 5 Feb (10) → due 2025-02-05 24:00.
        kit.ev("2025-01-15 10:00", "milestone", name="accepted"),
        # Cycle 1 scores 92 and 92 → 最终得分 92 → "90≤…<95" 2% × 10000000 = 200000.00,
        # taken from the bond (3% = 300000.00): 100000.00 left, nothing from the cash.
        *_scores(kit, "2025-12-20", "92"),
        # Cycle 2 scores 100 → 0%.
        *_scores(kit, "2026-12-20", "100"),
        # 最终验收 on Wednesday 2027-01-20 (after the term): 10 工作日 on 2027's computed
        # holidays (provisional year; no holiday before the Spring Festival of 6 Feb): Jan 21,
        # 22, 25–29, Feb 1–3 → due 2027-02-03 24:00, in cycle 2 (an event after the term
        # counts in the last cycle).
        kit.ev("2027-01-20 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2027-03-01 00:00", params={"start": "2025-01-15"})
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    due = {
        x["name"]: (x["amount"], x["due"])
        for x in one["lines"] + two["lines"]
        if x["kind"] == "milestone"
    }
    assert due == {
        "阶段验收款": ("2500000.00", "2025-02-06T00:00:00+08:00"),
        "中期款": ("2500000.00", "2026-01-01T00:00:00+08:00"),
        "最终验收款": ("5000000.00", "2027-02-04T00:00:00+08:00"),
    }
    assert (one["payable"], one["bond"]["deducted"], one["bond"]["remaining"]) == (
        "5000000.00",
        "200000.00",
        "100000.00",
    )
    assert (two["payable"], two["bond"]["opening"], two["bond"]["remaining"]) == (
        "5000000.00",
        "100000.00",
        "100000.00",
    )
    # The term pays 25% + 25% + 50% = 10000000.00 in cash; the 200000.00 withheld is gone
    # from the bond, whose 100000.00 rest is what "将履约保证金全额退回" can return.
    assert D(one["payable"]) + D(two["payable"]) == D("10000000.00")
    assert all(p["status"] == "final" for p in (one, two))
