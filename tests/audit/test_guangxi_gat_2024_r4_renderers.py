"""Audit R4, guangxi-gat-2024: the two 考核周期 as finance receives them — JSON, text (en, zh),
summary, HTML and Excel show the same money, score and bond, to the cent, and the workbook's
lines add up to what it says is payable.

Contract (shared/contracts/guangxi-gat-2024.txt, 付款方式 / （三）考核应用 / 表3):
  "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额的3%作为履约保证金…确认项目
  通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%；…中标人维护过程中无
  重大事故发生，2025年下半年…再支付合同金额的25%；…经最终验收合格后10个工作日内，支付合同
  金额的50%" "如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付
  处罚款项时，采购人有权…直接从应付合同款中相应扣减）"
  "每个考核周期扣减金额独立计算，均以合同总价作为扣减基准。"
  表3: "85≤运维服务质量评价得分<90 5%" "95≤运维服务质量评价得分≤100 0%"
  "有证据证明是因中标人原因…导致的系统运行故障，每发生一次，扣5分" (both tables)
  "最终得分=监理评分*50%+服务总队最终加权评分*50%"

Contract total 10000000.00, bond 3% = 300000.00 (the rule file's defaults). The 合同履约
清单 is delivered in time (signed 2024-08-20, delivered 2024-08-26), so no lateness.
Cycle 1 (2024-09-02 – 2025-09-01): accepted 2024-09-02 → the 25% (2500000.00) is the
  cycle's cash. Three 系统运行故障, logged without an assessor, count on every sheet: 监理评分
  85, each department 85, 服务总队评分 85 (the weights add up to 100%), 最终得分 85 →
  [85, 90) → 5% × 10000000 = 500000.00 deducted: 300000.00 from the bond first, the other
  200000.00 from the cycle's cash → payable 2300000.00; the bond is used up.
Cycle 2 (2025-09-02 – 2026-09-01): 中期款 (25%, due by 2025-12-31, no 重大事故) 2500000.00
  and 最终验收款 (50%, 10 workdays after final acceptance on Monday 2026-08-10: Aug 11–14,
  17–21, 24 → due 24 Aug 24:00) 5000000.00: cash 7500000.00. One 系统运行故障: 95 → 0%.
The term pays 2300000 + 7500000 = 9800000.00 in cash; with the 300000.00 of the bond kept,
the vendor receives 10000000 − 500000 = 9500000.00. "经最终验收合格后10个工作日内…并将履约
保证金全额退回": what is left of the bond, 0.00 (cycle 1 used it up), is listed as due with
the final 50% in cycle 2 (a `bond_return` line, outside the payable).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

D = Decimal
GX = "guangxi-gat-2024"


def _term(kit: Any) -> list[dict[str, Any]]:
    occ = "occurrence"
    return [
        kit.ev("2024-08-20 10:00", "milestone", name="signed"),
        kit.ev("2024-08-26 10:00", "delivered", deliverable="合同履约清单"),
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2024-11-05 10:00", occ, kind="系统运行故障"),
        kit.ev("2025-01-06 10:00", occ, kind="系统运行故障"),
        kit.ev("2025-05-06 10:00", occ, kind="系统运行故障"),
        kit.ev("2026-02-03 10:00", occ, kind="系统运行故障"),
        kit.ev("2026-08-10 10:00", "milestone", name="final_accepted"),
    ]


def test_every_rendering_shows_the_hand_worked_money_of_each_cycle(
    kit: Any, views: Any, tmp_path: Path
) -> None:
    rendered = views.render(tmp_path, GX, _term(kit), as_of="2026-10-01T00:00:00+08:00")
    expected = {
        "考核周期:1": {
            "scores": {"监理评分": D("85"), "服务总队评分": D("85"), "最终得分": D("85")},
            "lines": [("base", D("2500000.00")), ("milestone", D("2500000.00")),
                      ("deduct_band", D("-500000.00")), ("bond_deduction", D("300000.00"))],
            "payable": D("2300000.00"),
            "refund": D("0.00"),
            "damages": D("0.00"),
        },
        "考核周期:2": {
            "scores": {"监理评分": D("95"), "服务总队评分": D("95"), "最终得分": D("95")},
            "lines": [("base", D("7500000.00")), ("milestone", D("2500000.00")),
                      ("milestone", D("5000000.00")), ("deduct_band", D("0.00")),
                      ("bond_return", D("0.00"))],
            "payable": D("7500000.00"),
            "refund": D("0.00"),
            "damages": D("0.00"),
        },
    }  # fmt: skip
    assert views.disagreements(rendered, expected) == []
    bond = [p["payment"]["bond"] for p in rendered["json"]["periods"]]
    assert [(b["opening"], b["deducted"], b["remaining"]) for b in bond] == [
        ("300000.00", "300000.00", "0.00"), ("0.00", "0.00", "0.00")
    ]  # fmt: skip
    sums = views.finance_sums(rendered["xlsx"])
    for label, want in expected.items():
        assert sums[label] == (want["payable"], want["payable"]), label


def _late_acceptance(kit: Any) -> list[dict[str, Any]]:
    occ = "occurrence"
    return [
        kit.ev("2024-08-20 10:00", "milestone", name="signed"),
        kit.ev("2024-08-26 10:00", "delivered", deliverable="合同履约清单"),
        *(kit.ev(f"2025-0{m}-07 10:00", occ, kind="系统运行故障") for m in (1, 2, 3, 4)),
        kit.ev("2025-09-10 10:00", "milestone", name="accepted"),
        kit.ev("2026-08-10 10:00", "milestone", name="final_accepted"),
    ]


def test_a_refund_is_shown_alike_and_the_workbook_still_adds_up(
    kit: Any, views: Any, tmp_path: Path
) -> None:
    # The 阶段验收 is late: accepted Wednesday 2025-09-10, in cycle 2 (from 2025-09-02);
    # "在10个工作日内…支付合同金额的25%": Sep 11–12 (2), 15–19 (7), 22–24 (10) → due 24 Sep
    # 24:00. The rule file's reading (docs/language.md §6): the payment counts in the period
    # of its trigger event, so cycle 1 has no cash (base 0.00). Four 系统运行故障 on every
    # sheet: 80 → "80≤…<85 7%" → 700000.00; the bond takes 300000.00 first,
    # "履约保证金不足以支付处罚款项时，采购人有权向中标人追回已支付的合同款":
    # the other 400000.00 is owed back → payable 0.00, refund 400000.00.
    # Cycle 2: 25% + 25% + 50% = 10000000.00 of cash, score 100 → 0% → payable 10000000.00.
    # Term: 0 + 10000000 − 400000 = 9600000.00 in cash, the bond's 300000.00 kept:
    # 10000000 − 700000 = 9300000.00 to the vendor.
    rendered = views.render(tmp_path, GX, _late_acceptance(kit), as_of="2026-10-01T00:00:00+08:00")
    expected = {
        "考核周期:1": {
            "scores": {"最终得分": D("80")},
            "lines": [("base", D("0.00")), ("deduct_band", D("-700000.00")),
                      ("bond_deduction", D("300000.00")), ("refund", D("400000.00"))],
            "payable": D("0.00"),
            "refund": D("400000.00"),
            "damages": D("0.00"),
        },
        "考核周期:2": {
            "scores": {"最终得分": D("100")},
            "lines": [("base", D("10000000.00")), ("milestone", D("2500000.00")),
                      ("milestone", D("2500000.00")), ("milestone", D("5000000.00")),
                      ("deduct_band", D("0.00")), ("bond_return", D("0.00"))],
            "payable": D("10000000.00"),
            "refund": D("0.00"),
            "damages": D("0.00"),
        },
    }  # fmt: skip
    assert views.disagreements(rendered, expected) == []
    sums = views.finance_sums(rendered["xlsx"])
    for label, want in expected.items():
        assert sums[label] == (want["payable"], want["payable"]), label
