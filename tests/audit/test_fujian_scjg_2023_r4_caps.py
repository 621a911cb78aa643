"""Audit R4, fujian-scjg-2023: a month withheld in full — by a score of 0, and by a score of 0
with a serious incident in the same month — never pays below 0.00, never withholds twice,
and the last month, which carries the term's cents, is withheld to exactly 0.00.

Contract (shared/contracts/fujian-scjg-2023.txt, 6、质量保证要求): "若有出现月考核分数低于80分
或严重网络数据安全和保密事故的，每出现一次，采购人有权不予支付当月的金额（合同总金额/12*
（100-当月考核分数）%）"

By hand, contract total 100000.00: months 1–11 are 8333.33, the twelfth 8333.37 (the
twelve add up to 100000.00). Score 0 → (100 − 0)% of the month: the month's whole amount.
Rule-file reading (docs/rulesets/fujian-scjg-2023.md): "每出现一次" — the amount is the
month's, withheld at most once even when a low score and an incident meet in one month.
Month 5 (score 0, and a 严重安全保密事故): 8333.33 withheld, payable 0.00.
Month 12 (score 0): 8333.37 withheld, payable 0.00 — not 0.04, not −0.04.
Every other month scores 95. The term pays 100000 − 8333.33 − 8333.37 = 83333.30.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

D = Decimal
SCJG = "fujian-scjg-2023"
FIRSTS = ["2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
          "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]  # fmt: skip


def test_months_withheld_in_full_pay_zero_once_and_the_term_adds_up(kit: Any) -> None:
    scores = [95, 95, 95, 95, 0, 95, 95, 95, 95, 95, 95, 0]
    events = [
        kit.ev("2023-03-01 09:00", "milestone", name="signed"),
        kit.ev("2023-03-08 09:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-07-10 10:00", "occurrence", kind="严重安全保密事故"),
    ]
    events += [
        kit.ev(f"{month}-20 17:00", "score", scorecard="运维服务考核", score=score)
        for month, score in zip(FIRSTS, scores, strict=True)
    ]
    report = kit.replay(
        SCJG, sorted(events, key=lambda e: e["at"]), as_of="2024-03-15 00:00",
        params={"contract_total": "100000"},
    )  # fmt: skip
    periods = report["periods"]
    payable = [D(p["payment"]["payable"]) for p in periods]
    assert payable == [D("8333.33")] * 4 + [D("0.00")] + [D("8333.33")] * 6 + [D("0.00")]
    assert [kit.line(p, "formula")["amount"] for p in (periods[4], periods[11])] == [
        "-8333.33", "-8333.37"
    ]  # fmt: skip
    assert [len([x for x in p["payment"]["lines"] if x["kind"] == "formula"]) for p in periods] \
        == [1] * 12  # fmt: skip
    assert all(p["payment"]["refund"] == "0.00" for p in periods)
    assert sum(payable) == D("83333.30") == D("100000") - D("8333.33") - D("8333.37")
