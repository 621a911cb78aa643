"""What a payment's credits read from outside their period (``money_lines.py``): the claim
events, the evaluation time, the previous period's payment (for credits settled next
period) and the next period's label. Kept out of ``evaluator.py`` to keep it short."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ... import model as m
from ...calendar.periods import PeriodInstance, Periods
from ..evidence import Evidence, MilestoneEvent
from .results import PaymentResult


class _Payments(Protocol):
    """The evaluator, as the credits see it."""

    periods: Periods
    evidence: Evidence

    def payment(
        self, payment: m.Payment, inst: PeriodInstance
    ) -> tuple[PaymentResult, tuple[str, ...]]: ...


def credit_inputs(
    ev: _Payments, payment: m.Payment, inst: PeriodInstance
) -> tuple[tuple[MilestoneEvent, ...], datetime | None, PaymentResult | None, str | None]:
    """(claims, as_of, previous payment, next label) for ``PaymentInputs``: empty for a
    payment without credits that settle later, so nothing else is computed for it."""
    modes = {
        e.settlement.mode
        for e in payment.entries
        if isinstance(e, m.MoneyLine) and e.settlement is not None
    }
    if not modes:
        return (), ev.evidence.as_of, None, None
    claims = tuple(ev.evidence.milestones) if "claim" in modes else ()
    following = ev.periods.at(inst.period, inst.end)
    next_label = following.label if following is not None else None
    previous = None
    before = ev.periods.previous(inst)
    first = ev.evidence.first_event or inst.start
    # Back only as far as the evidence goes (a calendar period) or the first cycle, as the
    # bond account does: each earlier payment is memoised.
    if "next" in modes and before is not None and (before.kind == "cycle" or before.end > first):
        previous = ev.payment(payment, before)[0]
    return claims, ev.evidence.as_of, previous, next_label
