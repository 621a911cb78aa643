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
    payment without credits that settle later, so nothing else is computed for it — except
    the previous cycle's payment for the milestones of a cycle of a term, which round on
    from what the earlier cycles scheduled (``schedule._adding_up``)."""
    modes = {
        e.settlement.mode
        for e in payment.entries
        if isinstance(e, m.MoneyLine) and e.settlement is not None
    }
    if not modes:
        return (), ev.evidence.as_of, _previous_cycle(ev, payment, inst), None
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
    else:
        previous = _previous_cycle(ev, payment, inst)
    return claims, ev.evidence.as_of, previous, next_label


def _previous_cycle(
    ev: _Payments, payment: m.Payment, inst: PeriodInstance
) -> PaymentResult | None:
    """The payment of the cycle before ``inst`` when ``inst`` is a later cycle of a term
    and the payment has milestones. The earlier cycles are computed earliest first, so
    each reads only memoised ones (no recursion a cycle deep when one late cycle is
    asked for alone: ``--period``)."""
    if inst.kind != "cycle" or ev.periods.term_count(inst.period) is None:
        return None
    if not any(isinstance(e, m.Milestone) for e in payment.entries):
        return None
    previous = None
    for index in range(1, inst.index):
        previous = ev.payment(payment, ev.periods.get(inst.period, index))[0]
    return previous
