"""Audit R4, fujian-gxt-2026: the two 服务周期 as finance receives them — JSON, text (en, zh),
summary, HTML and Excel show the same money and score, to the cent, and the workbook's lines
add up to what it says is payable.

Contract (shared/contracts/fujian-gxt-2026.txt, 五、服务考核):
  "服务考核的考核评价分值低于90分的，每低1分扣除项目合同款项的5%，当得分低于60分或因服务单位
  原因造成安全或保密相关事件的，用户有权终止合同。"
  "系统维护中因人为操作失误或疏漏导致业务中断…的，每次扣10分"; "我厅电子政务绩效考核分数每扣
  一分，中标方服务考核分数扣10分"; "因为服务态度原因发生用户投诉的每次扣5分"; "违反安全、
  保密管理规定且未造成安全事件的，被我厅发现一次扣10分"; "未能按要求提供服务报表…的每次扣5分";
  "每丢失一件设备扣5分" and "需赔偿采购人损失"; each category "累计最高扣N分".

Contract total 1000000.00 over two cycles (the rule file's defaults), each cycle's share
500000.00. Readings of the rule file (docs/rulesets/fujian-gxt-2026.md): 5% of the whole
contract per point, prorated; the deduction stops at the cycle's share; the loss of a
device is the amount the occurrence states.

Cycle 1 (2026): one 操作失误 (−10) and 0.15 of a 绩效考核 point (−1.5): 88.5, 1.5 points
  below 90 → 1.5 × 5% × 1000000 = 75000.00 → 500000 − 75000 = 425000.00.
Cycle 2 (2027): two 操作失误 (−20) and one lost device (−5): 服务能力 25 − 25 = 0; two
  投诉 (−10, 服务态度 at 0); one 违反安全保密规定 (−10); one 材料未提供 (−5): 100 − 50 = 50.
  40 points below 90 → 200% of the contract = 2000000, stopped at the cycle's 500000.00 →
  payable 0.00; below 60 → 终止合同权; the device's loss 3280.50 is owed as damages.
The term pays 425000.00 + 0.00 = 1000000 − 75000 − 500000.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

D = Decimal
GXT = "fujian-gxt-2026"


def _term(kit: Any) -> list[dict[str, Any]]:
    occ = "occurrence"
    return [
        kit.ev("2026-03-10 10:00", occ, kind="操作失误事故"),
        kit.ev("2026-06-30 10:00", occ, kind="绩效考核扣分", count="0.15"),
        kit.ev("2027-02-10 10:00", occ, kind="操作失误事故", count=2),
        kit.ev("2027-03-10 10:00", occ, kind="设备丢失", amount="3280.50"),
        kit.ev("2027-04-10 10:00", occ, kind="服务态度投诉", count=2),
        kit.ev("2027-05-10 10:00", occ, kind="违反安全保密规定"),
        kit.ev("2027-06-10 10:00", occ, kind="材料未提供"),
    ]


def test_every_rendering_shows_the_hand_worked_money_of_each_cycle(
    kit: Any, views: Any, tmp_path: Path
) -> None:
    rendered = views.render(tmp_path, GXT, _term(kit), as_of="2028-01-10T00:00:00+08:00")
    expected = {
        "服务周期:1": {
            "scores": {"服务考核": D("88.5")},
            "lines": [
                ("base", D("500000.00")),
                ("linear", D("-75000.00")),
                ("damages", D("0.00")),
            ],
            "payable": D("425000.00"),
            "refund": D("0.00"),
            "damages": D("0.00"),
        },
        "服务周期:2": {
            "scores": {"服务考核": D("50")},
            "lines": [
                ("base", D("500000.00")),
                ("linear", D("-500000.00")),
                ("damages", D("3280.50")),
            ],
            "payable": D("0.00"),
            "refund": D("0.00"),
            "damages": D("3280.50"),
        },
    }
    assert views.disagreements(rendered, expected) == []
    sums = views.finance_sums(rendered["xlsx"])
    for label, want in expected.items():
        assert sums[label] == (want["payable"], want["payable"]), label
