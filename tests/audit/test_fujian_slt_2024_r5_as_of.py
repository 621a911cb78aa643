"""Audit R5, fujian-slt-2024: the balance invoiced inside the service year, reported as of an
instant after the invoice and before the year ends.

"在一年服务期最后一个月当月内，由采购人对成交人提供的服务完成情况做出考核，成交人开具等额发票，15个
工作日内由采购人按考核结果支付剩余服务费" (四、付款条件 2): the invoice comes in the year's last
month, before the year is over; "按考核结果" makes the balance ``payout`` − 50% (rule file).
Until the year ends a complaint can still lower the score, so the balance is only what the
evidence gives so far. Before the fix the line was reported `final` at 250000.00 and became
175000.00 after a late arrival on 20 June (docs/reports.md: "A line reported `final` never
changes at a later evaluation time"). Found by replaying random logs at random instants.

Worked by hand from shared/contracts/fujian-slt-2024.txt (五、运维工作考核, its table) and the
rule file (year from 2024-07-01, contract 500000). Nothing copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

SLT = "fujian-slt-2024"


def _year(kit: Any) -> list[dict[str, Any]]:
    grades = {
        "日常使用培训": "10",
        "日常巡检": "20",
        "故障处理": "10",
        "技术支持": "10",
        "需求变更": "10",
    }
    return [
        # Advance invoiced Friday 2024-07-05: 15 工作日 — Jul 8–12 (5), 15–19 (10), 22–26 (15)
        # → due 2024-07-26 24:00; 50% × 500000 = 250000.00.
        kit.ev("2024-07-05 10:00", "milestone", name="invoiced"),
        *(kit.ev("2025-06-01 10:00", "judgement", item=k, points=v) for k, v in grades.items()),
        # "收到一次投诉扣一分，扣完为止" (满意度, 10) ×10 → 0: the year stands at 90.
        kit.ev("2025-05-20 10:00", "occurrence", kind="投诉", count=10),
        # Balance invoiced Tuesday 2025-06-10, in the last month: 15 工作日 — Jun 11–13 (3),
        # 16–20 (8), 23–27 (13), 30 (14), Jul 1 (15) → due 2025-07-01 24:00.
        kit.ev("2025-06-10 10:00", "milestone", name="balance_invoiced"),
    ]


def _balance(period: dict[str, Any]) -> tuple[str, str | None, str | None]:
    line = next(x for x in period["payment"]["lines"] if x["name"] == "剩余服务费")
    return line["status"], line["amount"], line["due"]


def test_the_balance_invoiced_in_the_last_month_is_provisional_until_the_year_ends(
    kit: Any,
) -> None:
    # As of 2025-06-15: 90 → "90-100分（含90分），支付100%合同款" → payout 500000.00, balance
    # 500000 − 250000 = 250000.00 so far: the year still runs to 2025-06-30 24:00.
    early = kit.period(kit.replay(SLT, _year(kit), as_of="2025-06-15 00:00"), "服务年:1")
    assert early["scorecards"][0]["score"] == "90"
    assert _balance(early) == ("provisional", "250000.00", "2025-07-02T00:00:00+08:00")

    # On 2025-06-20 the resident is late: "无故迟到、早退，每人每次扣1分" → 89 → "80-89分（含
    # 80分），支付85%合同款" (89 in [80, 90), rule file) → payout 425000.00, balance
    # 425000 − 250000 = 175000.00. Advance + balance = 425000.00 = the year's payout.
    events = [*_year(kit), kit.ev("2025-06-20 09:30", "occurrence", kind="迟到早退")]
    year = kit.period(kit.replay(SLT, events, as_of="2025-07-10 00:00"), "服务年:1")
    assert year["scorecards"][0]["score"] == "89"
    assert _balance(year) == ("final", "175000.00", "2025-07-02T00:00:00+08:00")
    assert year["payment"]["payable"] == "425000.00"
