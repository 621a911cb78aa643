"""A payment block's period-independent facts (``payment_eval.PaymentTerms``: whether its
base is open, which instalments read the period's evidence) are worked out once per block,
not once per period: a block paid every month of a year is twelve periods of one block, and
the walk over its instalments' amounts must run once, not twelve times."""

from __future__ import annotations

from typing import Any

import pytest

import slarules
from slarules.engine.scoring import payment_eval

RULES = """
ruleset "p" { timezone "Asia/Shanghai" }
param contract_total: money = 1200000元
calendar 工作日 { hours "mon-fri 09:00-17:00" days CN }
period 月度 = month
scorecard 考核 per 月度 { item 分 max 100 { judged } }
payment per 月度 {
  base contract_total / 12
  milestone 预付 50% of contract_total / 12 due 10 workdays after invoiced
  milestone 尾款 payout - 50% of contract_total / 12 due 10 workdays after invoiced
  pay band 考核 { [0, 100] -> 100% }
}
"""


def test_reads_evidence_is_walked_once_per_payment_block_not_per_period(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []
    real = payment_eval.reads_evidence

    def counting(node: Any, scored: Any) -> bool:
        calls.append(node)
        return real(node, scored)

    monkeypatch.setattr(payment_eval, "reads_evidence", counting)
    events = [
        {"at": f"2026-{month:02d}-28T10:00:00+08:00", "type": "judgement", "scorecard": "考核",
         "item": "分", "points": 100}
        for month in range(1, 13)
    ]  # fmt: skip
    report = slarules.loads(RULES).replay(events, as_of="2026-12-31T12:00:00+08:00")
    paid = [p.label for p in report.periods if p.payment is not None]
    assert len(paid) == 12, paid
    # Two instalments, one top-level walk each (a walk into a sub-expression calls the
    # real function directly), for the whole year.
    assert len(calls) == 2
