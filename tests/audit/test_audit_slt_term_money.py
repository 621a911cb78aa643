"""Audit: fujian-slt-2024, the money of the service year — the 50% advance, the balance "按考核
结果", the pay bands at their edges, damages below 70 — and "扣完为止", worked by hand from the
contract text (shared/contracts/fujian-slt-2024.txt, 四、付款条件 and 五、运维工作考核):

  "合同签订生效后，采购人收到成交人等额发票后，达到付款条件起15个工作日内，支付合同总金额的
  50.00%作为预付款；在一年服务期最后一个月当月内…成交人开具等额发票，15个工作日内由采购人按考核
  结果支付剩余服务费。"
  "考核分数90-100分（含90分），支付100%合同款；考核分数80-89分（含80分），支付85%合同款；考核
  分数70-79分（含70分），支付70%合同款；考核分数低于70分的视为验收不合格，乙方赔付甲方30%合同款
  的违约金。"

The rule file's documented readings (docs/rulesets/fujian-slt-2024.md): contract_total
500000, the year from 2024-07-01; bands [90,100] [80,90) [70,80); below 70 the year pays the
50% advance only (the balance is 0.00) and owes 30% damages on top. Nothing here was copied
from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

SLT = "fujian-slt-2024"
D = Decimal
JUDGED = ("日常使用培训", "日常巡检", "故障处理", "技术支持", "需求变更")
FULL = {"日常使用培训": 10, "日常巡检": 20, "故障处理": 10, "技术支持": 10, "需求变更": 10}


def _year(kit: Any, grades: dict[str, Any], extra: list[dict[str, Any]] | None = None) -> Any:
    # Invoices: the advance on Monday 2024-07-01; 15 工作日 (no holiday in July 2024): Jul
    # 2–5 (4), 8–12 (9), 15–19 (14), 22 (15) → due 22 Jul 24:00 = 2024-07-23T00:00+08:00.
    # The balance on Monday 2025-06-16 (in the last month, June 2025): Jun 17–20 (4),
    # 23–27 (9), 30 (10), Jul 1–4 (14), 7 (15) → due 7 Jul 24:00 = 2025-07-08T00:00+08:00.
    events = [
        kit.ev("2024-07-01 09:00", "milestone", name="invoiced"),
        *(extra or []),
        *(kit.ev("2025-06-13 10:00", "judgement", item=k, points=v) for k, v in grades.items()),
        kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"),
    ]
    report = kit.replay(SLT, sorted(events, key=lambda e: e["at"]), as_of="2025-08-01 00:00")
    return kit.period(report, "服务年:1")


def _grades(**less: Any) -> dict[str, Any]:
    return {k: less.get(k, v) for k, v in FULL.items()}


def _broken(kit: Any, tid: str, tier: str, day: str) -> list[dict[str, Any]]:
    # A fault answered 2 hours after its report: late for 紧急 (10分钟) and 一般 (半小时内).
    return kit.ticket(tid, "故障", tier, f"{day} 10:00", (f"{day} 12:00", "responded"),
                      (f"{day} 12:30", "restored"))  # fmt: skip


@pytest.mark.parametrize(
    "grades, tickets, score, payable, balance, damages",
    [
        # All full: 100 → 100% → 500000.00; balance 500000 − 250000 = 250000.00.
        (_grades(), 0, "100", "500000.00", "250000.00", "0.00"),
        # 日常巡检 10 of 20 → 90, "（含90分）" → 100% → 500000.00; balance 250000.00.
        (_grades(日常巡检=10), 0, "90", "500000.00", "250000.00", "0.00"),
        # 日常巡检 9.8 → 89.8 → 85% → 425000.00; balance 425000 − 250000 = 175000.00.
        (_grades(日常巡检="9.8"), 0, "89.8", "425000.00", "175000.00", "0.00"),
        # 日常巡检 0 → 80, "（含80分）" → 85% → 425000.00.
        (_grades(日常巡检=0), 0, "80", "425000.00", "175000.00", "0.00"),
        # 日常巡检 0 and one 一般 fault late ("一般故障扣0.5分") → 79.5 → 70% → 350000.00;
        # balance 100000.00.
        (_grades(日常巡检=0), 1, "79.5", "350000.00", "100000.00", "0.00"),
        # 日常巡检 0, 日常使用培训 0 → 70, "（含70分）" → 70% → 350000.00.
        (_grades(日常巡检=0, 日常使用培训=0), 0, "70", "350000.00", "100000.00", "0.00"),
        # … and one 一般 fault late → 69.5: "低于70分的视为验收不合格": the advance only,
        # 250000.00, balance 0.00, and "赔付甲方30%合同款的违约金" 150000.00 on top.
        (_grades(日常巡检=0, 日常使用培训=0), 1, "69.5", "250000.00", "0.00", "150000.00"),
    ],
)
def test_the_year_pays_by_band_at_each_band_edge_and_the_two_instalments_add_up(
    kit: Any, grades: dict[str, Any], tickets: int, score: str, payable: str, balance: str,
    damages: str,
) -> None:  # fmt: skip
    extra = _broken(kit, "F1", "一般", "2024-09-03") if tickets else []
    year = _year(kit, grades, extra)
    assert kit.card(year, "运维工作考核")["score"] == score
    pay = year["payment"]
    assert pay["payable"] == payable
    assert pay["damages"] == damages
    advance = next(x for x in pay["lines"] if x["name"] == "预付款")
    rest = next(x for x in pay["lines"] if x["name"] == "剩余服务费")
    assert (advance["amount"], advance["due"]) == ("250000.00", "2024-07-23T00:00:00+08:00")
    assert (rest["amount"], rest["due"]) == (balance, "2025-07-08T00:00:00+08:00")
    assert D(advance["amount"]) + D(rest["amount"]) == D(payable)
    assert ("验收不合格" in kit.flags(year)) == (D(score) < 70)


def test_deductions_stop_at_zero_in_every_counted_item(kit: Any) -> None:
    # "扣完为止" in each item: 考勤 (max 10): 8 迟到早退 + 3 无故未在岗 = 11 × 1 → 0, not −1.
    # 非工作日保障: 12 absences → 0. 满意度: 10 complaints → exactly 0.
    # 故障响应与解决时间: 11 紧急 faults late × 1 → 0, not −1.
    # Judged items full (60) → 60 + 0 + 0 + 0 + 0 = 60 → below 70: the advance only,
    # 250000.00, and damages 30% × 500000 = 150000.00.
    extra = [
        kit.ev("2024-08-01 09:00", "occurrence", kind="迟到早退", count=8),
        kit.ev("2024-08-02 09:00", "occurrence", kind="无故未在岗", count=3),
        kit.ev("2024-10-01 09:00", "occurrence", kind="非工作日缺席", count=12),
        kit.ev("2024-11-01 09:00", "occurrence", kind="投诉", count=10),
    ]
    for n in range(11):
        extra += _broken(kit, f"U{n}", "紧急", f"2024-12-{n + 2:02d}")
    year = _year(kit, _grades(), extra)
    card = kit.card(year, "运维工作考核")
    for name in ("考勤", "非工作日保障", "满意度", "故障响应与解决时间"):
        assert kit.item(card, name)["score"] == "0", name
    assert card["score"] == "60"
    assert year["payment"]["payable"] == "250000.00"
    assert year["payment"]["damages"] == "150000.00"


@pytest.mark.parametrize(
    "total, payable, advance, balance",
    [
        # 333333.33 at 85%: the year pays 85% × 333333.33 = 283333.3305 → 283333.33. The
        # advance is 50.00% = 166666.665 → 166666.67; "剩余服务费" is what remains of the
        # year's pay after the advance paid: 283333.33 − 166666.67 = 116666.66. Rounded on
        # their own (116666.665 → .67) the two would schedule 283333.34, a cent over.
        ("333333.33", "283333.33", "166666.67", "116666.66"),
        # 100000.01: 85% = 85000.0085 → 85000.01; advance 50000.005 → 50000.01; balance
        # 85000.01 − 50000.01 = 35000.00.
        ("100000.01", "85000.01", "50000.01", "35000.00"),
        # 100000.10: 85% = 85000.085 → 85000.09 (half up). The band line is what the band
        # pays less the base, 85000.09 − 100000.10 = −15000.01, so the payable is 85000.09
        # (rounding −15000.015 itself away from zero, −15000.02, made it 85000.08).
        # Advance 50000.05, balance 35000.04.
        ("100000.10", "85000.09", "50000.05", "35000.04"),
    ],
)
def test_advance_and_balance_add_up_to_the_year_for_a_total_with_cents(
    kit: Any, total: str, payable: str, advance: str, balance: str
) -> None:
    events = [
        kit.ev("2024-07-01 09:00", "milestone", name="invoiced"),
        *(kit.ev("2025-06-13 10:00", "judgement", item=k, points=v)
          for k, v in _grades(日常巡检=5).items()),
        kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"),
    ]  # fmt: skip
    report = kit.replay(SLT, events, as_of="2025-08-01 00:00", params={"contract_total": total})
    year = kit.period(report, "服务年:1")
    assert kit.card(year, "运维工作考核")["score"] == "85"
    pay = year["payment"]
    assert pay["payable"] == payable
    amounts = {x["name"]: x["amount"] for x in pay["lines"]}
    assert (amounts["预付款"], amounts["剩余服务费"]) == (advance, balance)
    assert D(advance) + D(balance) == D(payable)
    assert kit.line(year, "base")["amount"] == D(total).quantize(D("0.01")).to_eng_string()


def test_an_advance_invoiced_before_spring_festival_2025_counts_its_make_up_days(
    kit: Any,
) -> None:
    # "达到付款条件起15个工作日内": invoiced Friday 24 Jan 2025. The 2025 schedule: 春节 28 Jan –
    # 4 Feb off, Sunday 26 Jan and Saturday 8 Feb 上班. Counting (the 24th not counted): Sun
    # 26 Jan (1), Mon 27 (2), Wed 5 Feb (3), 6 (4), 7 (5), Sat 8 (6), 10–14 (11), 17–20 (15)
    # → due 20 Feb 24:00 = 2025-02-21T00:00+08:00. The year's grades are missing: the advance
    # is final (it depends on the invoice alone), the year's payable waits.
    events = [kit.ev("2025-01-24 16:00", "milestone", name="invoiced")]
    report = kit.replay(SLT, events, as_of="2025-03-01 00:00")
    pay = kit.period(report, "服务年:1")["payment"]
    advance = next(x for x in pay["lines"] if x["name"] == "预付款")
    assert (advance["amount"], advance["due"], advance["status"]) == (
        "250000.00", "2025-02-21T00:00:00+08:00", "final")  # fmt: skip
    assert pay["status"] == "pending"
