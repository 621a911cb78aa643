"""Audit round 3: guangxi-gat-2024, the whole term with a contract total in cents and a
中小微企业's bond — worked by hand from the contract (shared/contracts/guangxi-gat-2024.txt):

  "中标人须向采购人指定账户交纳合同金额的3%作为履约保证金（中小微企业为合同金额的2%）"; "如出现
  处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付处罚款项时，采购人有权
  向中标人追回已支付的合同款或直接从应付合同款中相应扣减）"; 表3 "80≤…<85 7%×合同总价;
  <80 20%×合同总价"; 25% / 25% / 50% of 合同金额 (阶段验收, 2025年下半年, 最终验收).
Readings (docs/rulesets/guangxi-gat-2024.md): one bond for the two cycles, taken first; each
instalment is its share of the schedule. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GX = "guangxi-gat-2024"
D = Decimal


def _scores(kit: Any, day: str, supervisor: str, teams: str) -> list[dict[str, Any]]:
    return [
        kit.ev(f"{day} 10:00", "score", scorecard="监理评分", score=supervisor),
        kit.ev(f"{day} 10:00", "score", scorecard="服务总队评分", score=teams),
    ]


def test_the_term_in_cents_pays_the_contract_less_table_3_and_the_bond(kit: Any) -> None:
    # 合同金额 10000000.01, a 中小微企业: bond 2% = 200000.0002 → 200000.00.
    # Instalments as shares of the schedule: 25% = 2500000.0025 → 2500000.00; 50% =
    # 5000000.005 → 5000000.01, 中期款 = 2500000.01; 100% → 10000000.01, 最终验收款 =
    # 10000000.01 − 5000000.01 = 5000000.00.
    # Cycle 1 (阶段验收 on 2024-09-02): final (80 + 80) / 2 = 80 → 7% × 10000000.01 =
    # 700000.0007 → 700000.00: 200000.00 from the bond, 500000.00 from the cash →
    # 2500000.00 − 500000.00 = 2000000.00 paid; the bond is spent.
    # Cycle 2: final (79.98 + 80) / 2 = 79.99 → "<80" 20% = 2000000.002 → 2000000.00, all
    # from the cash: 2500000.01 + 5000000.00 − 2000000.00 = 5500000.01.
    # Term: 2000000.00 + 5500000.01 = 7500000.01 paid, the 200000.00 bond kept: the vendor
    # nets 7300000.01 = 10000000.01 − 700000.00 − 2000000.00.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "80", "80"),
        *_scores(kit, "2026-08-20", "79.98", "80"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    params = {"contract_total": "10000000.01元", "small_firm": "true"}
    report = kit.replay(GX, events, as_of="2026-10-01 00:00", params=params)
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    assert (one["bond"]["opening"], one["bond"]["deducted"]) == ("200000.00", "200000.00")
    assert (one["payable"], one["refund"]) == ("2000000.00", "0.00")
    assert (two["bond"]["opening"], two["bond"]["deducted"]) == ("0.00", "0.00")
    assert (two["payable"], two["refund"]) == ("5500000.01", "0.00")
    paid = D(one["payable"]) + D(two["payable"])
    assert paid == D("7500000.01")
    assert paid - D(one["bond"]["deducted"]) == D("7300000.01")
