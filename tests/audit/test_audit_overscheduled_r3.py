"""Audit round 3: the over-scheduled-milestone warning (docs/language.md §6, "One line per
milestone event") says what it means — a milestone event logged twice — and is not raised
when only a deduction lowers the payable below the schedule.

The milestones of a payment with a ``base`` are the schedule of what the base and pay bands
give; the deductions are taken from that afterwards. In the reference contracts: fujian-slt
has a pay band and no deduction (advance + balance = ``payout``: the warning can only mean a
repeated trigger); guangxi has no ``base`` (its milestones are the cycle's cash, nothing is
compared); sichuan states no payment terms. A file with a base, a milestone and a deduction
(a small example below) used to be warned "check the event log for a repeated event" by every
deduction. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import slarules

RULES = """
ruleset "t" { timezone "Asia/Shanghai" }
param contract_total: money = 100000元
kind 故障
period 年度 = year
payment per 年度 {
  base contract_total
  milestone 全款 100% of contract_total due 5 days after invoiced
  deduct 5000元 when count(故障) > 0
}
"""


def _replay(events: list[dict[str, Any]]) -> Any:
    return slarules.loads(RULES).replay(events, as_of="2026-12-31T00:00:00+08:00")


def _warned(report: Any) -> list[str]:
    return [w for w in report.warnings if "check the event log" in w]


def test_a_deduction_below_the_schedule_is_not_a_repeated_event() -> None:
    # base 100000.00; 全款 100% = 100000.00 (invoiced Monday 2026-03-02; 5 days, the day
    # not counted: Mar 3–7, and the last day, Saturday 7 Mar, moves to the next working day
    # per the Civil Code → Monday 9 Mar 24:00 = 2026-03-10T00:00); one 故障 → deduct
    # 5000.00 → payable 95000.00. The schedule (100000.00) is what the base gives; the
    # deduction is taken from it: no warning.
    events = [
        {"at": "2026-03-02T10:00:00+08:00", "type": "milestone", "name": "invoiced"},
        {"at": "2026-04-01T10:00:00+08:00", "type": "occurrence", "kind": "故障"},
    ]
    report = _replay(events)
    payment = next(p for p in report.periods if p.label == "2026").payment
    assert str(payment.payable) == "95000.00"
    assert _warned(report) == []


def test_a_repeated_invoice_is_still_warned_with_the_amount_before_deductions() -> None:
    # Two `invoiced` events (Mon 2 Mar → due 10 Mar 00:00; Mon 9 Mar → Mar 10–14, Saturday
    # 14 Mar moved to Monday 16 Mar → 17 Mar 00:00): 全款 twice, 200000.00 scheduled
    # against the 100000.00 the base gives (before the 5000.00 deduction): warned, naming
    # both lines and 100000.00.
    events = [
        {"at": "2026-03-02T10:00:00+08:00", "type": "milestone", "name": "invoiced"},
        {"at": "2026-03-09T10:00:00+08:00", "type": "milestone", "name": "invoiced"},
        {"at": "2026-04-01T10:00:00+08:00", "type": "occurrence", "kind": "故障"},
    ]
    report = _replay(events)
    assert _warned(report) == [
        "payment of 2026: the milestones 全款 100000.00 (due 2026-03-10T00:00:00+08:00), "
        "全款 100000.00 (due 2026-03-17T00:00:00+08:00) schedule 200000.00, more than the "
        "100000.00 the period pays before deductions; each milestone event makes a line of "
        "its own, so check the event log for a repeated event"
    ]
