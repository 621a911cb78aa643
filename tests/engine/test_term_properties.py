"""Properties of the contract's term and its money: the bond is one account, so the cycles
never take more from it than it holds and each cycle opens with what the previous one left;
a term's cycles are never more than it states, whatever the evidence after it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules

RULES = """
ruleset "bond" { timezone "Asia/Shanghai" }
param contract_total: money = 1000000元
param start: date = 2026-01-01
period 周期 = cycle 6 months from start for 3
scorecard 考核 per 周期 { }
payment per 周期 {
  bond 3% of contract_total
  deductions from bond first
  milestone 款 1000元 due 5 workdays after paid
  deduct band 考核 of contract_total { [95, 100] -> 0%  [90, 95) -> 1%  [0, 90) -> 2% }
}
"""
RULESET = slarules.loads(RULES, "bond.sla")
CYCLE_ENDS = ("2026-06-20", "2026-12-20", "2027-06-20")


def replay(scores: list[int], late_days: int) -> Any:
    events: list[dict[str, Any]] = [
        {"at": f"{day}T10:00:00+08:00", "type": "score", "scorecard": "考核", "score": score}
        for day, score in zip(CYCLE_ENDS, scores, strict=True)
    ]
    events.append(
        {"at": f"2027-07-{late_days:02d}T10:00:00+08:00", "type": "milestone", "name": "paid"}
    )
    return RULESET.replay(events)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=3, max_size=3), st.integers(1, 28))
def test_the_bond_is_one_account_over_the_term(scores: list[int], late_days: int) -> None:
    report = replay(scores, late_days)
    payments = [p.payment for p in report.periods]
    assert [p.label for p in report.periods] == ["周期:1", "周期:2", "周期:3"]
    bond = Decimal("30000.00")
    opening = bond
    taken = Decimal(0)
    for payment in payments:
        assert payment.bond is not None and payment.bond.deducted is not None
        assert payment.bond.opening == opening
        assert payment.bond.remaining == opening - payment.bond.deducted >= 0
        taken += payment.bond.deducted
        opening = payment.bond.remaining
    assert taken <= bond
    # The milestone after the term pays for the last cycle, never a fourth.
    assert sum(1 for x in payments[-1].lines if x.kind == "milestone") == 1
