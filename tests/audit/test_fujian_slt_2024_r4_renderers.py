"""Audit R4, fujian-slt-2024: the service year as finance receives it — JSON, text (en, zh),
summary, HTML and Excel show the same money and score, to the cent, and the workbook's lines
add up to what it says is payable.

Contract (shared/contracts/fujian-slt-2024.txt, 四、付款条件 / 五、运维工作考核):
  "支付合同总金额的50.00%作为预付款；在一年服务期最后一个月当月内，由采购人对成交人提供的服务
  完成情况做出考核，成交人开具等额发票，15个工作日内由采购人按考核结果支付剩余服务费。"
  "考核分数90-100分（含90分），支付100%合同款；考核分数80-89分（含80分），支付85%合同款；
  考核分数70-79分（含70分），支付70%合同款；考核分数低于70分的视为验收不合格，乙方赔付甲方
  30%合同款的违约金。"
  "无故迟到 、早退，每人每次扣1分" "收到一次投诉扣一分" "紧急故障扣1分，一般故障扣0.5分"

Contract total 500000.00 (the rule file's placeholder). Readings of the rule file
(docs/rulesets/fujian-slt-2024.md): "80-89分（含80分）" is [80, 90); below 70 the year pays
the advance only and owes the damages on top.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

D = Decimal
SLT = "fujian-slt-2024"
FULL = {"日常使用培训": 10, "日常巡检": 20, "故障处理": 10, "技术支持": 10, "需求变更": 10}


def _late(kit: Any, tid: str, tier: str, day: str) -> list[dict[str, Any]]:
    # Answered two hours after the report: late for 紧急 (10分钟) and for 一般 (半小时内).
    return kit.ticket(tid, "故障", tier, f"{day} 10:00", (f"{day} 12:00", "responded"),
                      (f"{day} 12:30", "restored"))  # fmt: skip


def _year(kit: Any, grades: dict[str, Any], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events = [
        kit.ev("2024-07-01 09:00", "milestone", name="invoiced"),
        *extra,
        *(kit.ev("2025-06-13 10:00", "judgement", item=k, points=v) for k, v in grades.items()),
        kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"),
    ]
    return sorted(events, key=lambda e: e["at"])


SCENARIOS = [
    pytest.param(
        # 日常巡检 13.5 of 20 (−6.5), two 迟到早退 (−2), one 投诉 (−1), one 紧急 fault late
        # (−1), one 一般 fault late (−0.5): 100 − 11 = 89 → "80-89分" → 85% × 500000 =
        # 425000.00; the band line is 425000 − 500000 = −75000.00. 预付款 50.00% = 250000.00;
        # 剩余服务费 "按考核结果" = 425000 − 250000 = 175000.00. No damages (0.00).
        {**FULL, "日常巡检": "13.5"},
        "extra_89",
        "89",
        [
            ("base", "500000.00"),
            ("milestone", "250000.00"),
            ("milestone", "175000.00"),
            ("pay_band", "-75000.00"),
            ("damages", "0.00"),
        ],
        "425000.00",
        "0.00",
        id="89-pays-85%",
    ),
    pytest.param(
        # 日常使用培训 0, 日常巡检 0 (−30), one 一般 fault late (−0.5): 69.5, "低于70分的视为验收
        # 不合格": the year pays the advance only, 250000.00 (band line −250000.00), the
        # balance is 0.00, and "赔付甲方30%合同款的违约金" = 150000.00 is owed on top.
        {**FULL, "日常使用培训": 0, "日常巡检": 0},
        "extra_69_5",
        "69.5",
        [
            ("base", "500000.00"),
            ("milestone", "250000.00"),
            ("milestone", "0.00"),
            ("pay_band", "-250000.00"),
            ("damages", "150000.00"),
        ],
        "250000.00",
        "150000.00",
        id="69.5-fails-with-damages",
    ),
]


def _extra(kit: Any, which: str) -> list[dict[str, Any]]:
    if which == "extra_89":
        return [
            kit.ev("2024-08-05 09:00", "occurrence", kind="迟到早退", count=2),
            kit.ev("2024-11-05 09:00", "occurrence", kind="投诉"),
            *_late(kit, "F1", "紧急", "2024-09-03"),
            *_late(kit, "F2", "一般", "2024-10-09"),
        ]
    return _late(kit, "F2", "一般", "2024-10-09")


@pytest.mark.parametrize("grades, extra, score, lines, payable, damages", SCENARIOS)
def test_every_rendering_shows_the_hand_worked_money_of_the_year(
    kit: Any, views: Any, tmp_path: Path, grades: dict[str, Any], extra: str, score: str,
    lines: list[tuple[str, str]], payable: str, damages: str,
) -> None:  # fmt: skip
    events = _year(kit, grades, _extra(kit, extra))
    rendered = views.render(tmp_path, SLT, events, as_of="2025-08-01T00:00:00+08:00")
    expected = {
        "服务年:1": {
            "scores": {"运维工作考核": D(score)},
            "lines": [(kind, D(amount)) for kind, amount in lines],
            "payable": D(payable),
            "refund": D("0.00"),
            "damages": D(damages),
        }
    }
    assert views.disagreements(rendered, expected) == []
    added, stated = views.finance_sums(rendered["xlsx"])["服务年:1"]
    assert added == stated == D(payable)


def test_mid_year_every_rendering_shows_the_same_known_and_pending_lines(
    kit: Any, views: Any, tmp_path: Path
) -> None:
    # As of 2025-03-01 the advance is known (50.00% × 500000 = 250000.00, invoiced
    # 2024-07-01) and stays; the year's grades are not given yet, so the band, the balance
    # ("按考核结果支付剩余服务费") and the damages wait, and so does the payable. No rendering
    # may show an amount for them.
    events = [kit.ev("2024-07-01 09:00", "milestone", name="invoiced"),
              *_extra(kit, "extra_89")]  # fmt: skip
    rendered = views.render(
        tmp_path, SLT, sorted(events, key=lambda e: e["at"]), as_of="2025-03-01T00:00:00+08:00"
    )
    expected = {
        "服务年:1": {
            "lines": [("base", D("500000.00")), ("milestone", D("250000.00")),
                      ("milestone", None), ("pay_band", None), ("damages", None)],
            "payable": None,
        }
    }  # fmt: skip
    assert views.disagreements(rendered, expected) == []
    pay = rendered["json"]["periods"][0]["payment"]
    assert pay["status"] == "pending" and pay["waiting_for"]
