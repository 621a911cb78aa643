"""Audit R4, fujian-slt-2024: the contract total at its extremes, and a service year from
29 February — the advance, the balance "按考核结果" and the year's pay, by hand.

Contract (shared/contracts/fujian-slt-2024.txt, 三、服务期限 / 四、付款条件 / 五、运维工作考核):
  "维护服务期一年。" "支付合同总金额的50.00%作为预付款 … 15个工作日内由采购人按考核结果支付
  剩余服务费" "考核分数80-89分（含80分），支付85%合同款"
Rule file reading (docs/rulesets/fujian-slt-2024.md): the balance is what the band pays less
the advance; instalments are rounded as shares of the schedule (docs/language.md §6), so the
advance and the balance add up to the year's pay to the cent.
Grades: 日常巡检 5 of 20, everything else full → 85 → 85%.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

D = Decimal
SLT = "fujian-slt-2024"
GRADES = {"日常使用培训": 10, "日常巡检": 5, "故障处理": 10, "技术支持": 10, "需求变更": 10}


def _year(kit: Any, invoiced: str, graded: str, balance: str) -> list[dict[str, Any]]:
    return [
        kit.ev(f"{invoiced} 09:00", "milestone", name="invoiced"),
        *(kit.ev(f"{graded} 10:00", "judgement", item=k, points=v) for k, v in GRADES.items()),
        kit.ev(f"{balance} 09:00", "milestone", name="balance_invoiced"),
    ]


@pytest.mark.parametrize(
    "total, advance, balance, band, payable",
    [
        # 0.01: advance 50.00% = 0.005 → 0.01 (half up); the year pays 85% = 0.0085 → 0.01;
        # the balance is 0.01 − 0.01 = 0.00; the band line 0.01 − 0.01 = 0.00.
        ("0.01", "0.01", "0.00", "0.00", "0.01"),
        # 99999999.99: advance 49999999.995 → 50000000.00; 85% = 84999999.9915 →
        # 84999999.99; balance 84999999.99 − 50000000.00 = 34999999.99; band line
        # 84999999.99 − 99999999.99 = −15000000.00.
        ("99999999.99", "50000000.00", "34999999.99", "-15000000.00", "84999999.99"),
    ],
)
def test_the_year_at_the_extremes_of_the_contract_total(
    kit: Any, views: Any, tmp_path: Path, total: str, advance: str, balance: str, band: str,
    payable: str,
) -> None:  # fmt: skip
    events = _year(kit, "2024-07-01", "2025-06-13", "2025-06-16")
    rendered = views.render(
        tmp_path, SLT, events, as_of="2025-08-01T00:00:00+08:00",
        params={"contract_total": total},
    )  # fmt: skip
    expected = {
        "服务年:1": {
            "scores": {"运维工作考核": D("85")},
            "lines": [("base", D(total)), ("milestone", D(advance)), ("milestone", D(balance)),
                      ("pay_band", D(band)), ("damages", D("0.00"))],
            "payable": D(payable),
            "refund": D("0.00"),
            "damages": D("0.00"),
        }
    }  # fmt: skip
    assert views.disagreements(rendered, expected) == []
    assert D(advance) + D(balance) == D(payable)
    assert views.finance_sums(rendered["xlsx"])["服务年:1"] == (D(payable), D(payable))


def test_a_year_from_29_february_ends_on_28_february(kit: Any) -> None:
    # "维护服务期一年" from Thursday 2024-02-29: the next year has no 29 February, so the year
    # ends on the last day of February 2025 (Civil Code art. 202: "没有对应日的，月末日为期间
    # 的最后一日"), at 24:00. The grades of 2025-02-20 and the balance invoice of
    # 2025-02-24 ("在一年服务期最后一个月当月内") fall in it; the advance invoiced on the first
    # day too. 500000.00 at 85% → 425000.00 = 250000.00 + 175000.00.
    events = _year(kit, "2024-02-29", "2025-02-20", "2025-02-24")
    report = kit.replay(SLT, events, as_of="2025-04-01 00:00", params={"start": "2024-02-29"})
    assert [p["period"] for p in report["periods"]] == ["服务年:1"]
    year = report["periods"][0]
    assert (year["start"], year["end"]) == (
        "2024-02-29T00:00:00+08:00", "2025-03-01T00:00:00+08:00"
    )  # fmt: skip
    amounts = [x["amount"] for x in year["payment"]["lines"] if x["kind"] == "milestone"]
    assert amounts == ["250000.00", "175000.00"]
    assert year["payment"]["payable"] == "425000.00"
