"""Audit round 3: fujian-scjg-2023, the last month of a contract total that twelve does not
divide, scored low — worked by hand from the contract (shared/contracts/fujian-scjg-2023.txt,
6、质量保证要求):

  "若有出现月考核分数低于80分或严重网络数据安全和保密事故的，每出现一次，采购人有权不予支付当月的
  金额（合同总金额/12*（100-当月考核分数）%）"

The rule file's documented reading (docs/rulesets/fujian-scjg-2023.md): the month's amount is
合同总金额/12, and the twelve bases add up to the contract total — the last month's base is
what the rounded earlier bases leave (1000000.01: months 1–11 83333.33, month 12 1000000.01 −
916666.63 = 83333.38). What the clause withholds is that month's amount × (100 − score)%:
before this round the last month withheld the unadjusted twelfth (83333.334… → 83333.33)
and a month scored 0 still paid 0.05. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SCJG = "fujian-scjg-2023"
ODD = {"contract_total": "1000000.01元"}


@pytest.mark.parametrize(
    "score, withheld, payable",
    [
        # 0: (100 − 0)% of the month's 83333.38 → all of it withheld, 0.00 paid.
        ("0", "-83333.38", "0.00"),
        # 50: 50% of 83333.38 = 41666.69 withheld → 41666.69 paid.
        ("50", "-41666.69", "41666.69"),
        # 79.99: 20.01% of 83333.38 = 16675.009338 → 16675.01 withheld → 66658.37 paid.
        ("79.99", "-16675.01", "66658.37"),
        # 80: not "低于80分" → nothing withheld, 83333.38 paid.
        ("80", "0.00", "83333.38"),
    ],
)
def test_the_last_month_withholds_its_own_amount(
    kit: Any, score: str, withheld: str, payable: str
) -> None:
    # 服务月:12 is 2024-02-01 – 2024-03-01 (start 2023-03-01); the form on 29 February.
    events = [kit.ev("2024-02-29 10:00", "score", scorecard="运维服务考核", score=score)]
    report = kit.replay(SCJG, events, as_of="2024-03-01 00:00", params=ODD)
    month = kit.period(report, "服务月:12")["payment"]
    assert kit.line(kit.period(report, "服务月:12"), "base")["amount"] == "83333.38"
    deduction = next(x for x in month["lines"] if x["kind"] == "formula")
    assert deduction["amount"] == withheld
    assert month["payable"] == payable


def test_an_earlier_month_withholds_the_twelfth(kit: Any) -> None:
    # 服务月:11 (2024-01-01 – 2024-02-01), score 0: its base is the rounded twelfth
    # 83333.33 and the clause withholds 合同总金额/12 = 83333.334166… → 83333.33: 0.00.
    events = [kit.ev("2024-01-31 10:00", "score", scorecard="运维服务考核", score="0")]
    report = kit.replay(SCJG, events, as_of="2024-02-01 00:00", params=ODD)
    assert kit.period(report, "服务月:11")["payment"]["payable"] == "0.00"
