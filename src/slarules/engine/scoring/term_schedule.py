"""Milestones over a term: a warning when a payment's milestones pay more than the contract
schedules (docs/language.md §6, "A milestone is paid once over the term").

In a payment over a term (``cycle … for N``, ``through D``) without a ``base``, the
milestones are the contract's cash: guangxi's 25% / 25% / 50% of 合同金额 are paid once each
over the two 考核周期. Each milestone event makes a line of its own (a payment in several
batches needs that), so an event logged twice — ``final_accepted`` twice — pays 最终验收款
twice, 150% of the contract in all. The lines are kept as the log states them; this module
makes that loud:

- when the file's schedule (each milestone entry once) comes to the contract total or more
  — the milestones are the whole contract's schedule — a milestone with more than one line
  over the term (its event logged more than once) is warned about, naming each line's
  event, amount, due time and cycle, and the total against the share the schedule pays it
  once;
- when the schedule is less than the contract total (an instalment repeated every cycle:
  a monthly invoice of 合同总金额/12), the milestone lines of the whole term are compared
  with ``contract_total`` instead.

When the schedule or the contract total is not known (no ``contract_total``, an amount that
reads a score not known yet), the milestones are read as the contract's schedule, each once:
the reading of every reference contract that pays in milestones.

With a ``base`` the milestones schedule each period's base and ``payment.overscheduled``
compares them per period; without a term nothing bounds the periods, so the contract total
is no yardstick for any one of them, and nothing is compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from ... import model as m
from ...i18n import _
from ..evidence import MilestoneEvent
from .composite import ExprEval, Scope
from .payment_eval import ZERO, money
from .results import PaymentLine, PaymentResult


@frozen
class CycleMilestones:
    """One cycle of the term: its payment, and the milestone events whose payments belong
    to it (``term.milestones_for``), in the order the schedule read them."""

    result: PaymentResult
    events: tuple[MilestoneEvent, ...]


def term_milestone_warnings(
    scope: Scope,
    payment: m.Payment,
    cycles: Sequence[CycleMilestones],
    contract_total: Decimal | None,
) -> list[str]:
    """The warnings about ``payment``'s milestones over the term's ``cycles`` (those that
    started by the evaluation time, in order); none for a payment with a ``base``."""
    milestones = [e for e in payment.entries if isinstance(e, m.Milestone)]
    if not cycles or not milestones or any(isinstance(e, m.PayBase) for e in payment.entries):
        return []
    shares = _shares(scope, cycles[-1].result, milestones)
    known = [s for s in shares if s is not None]
    schedule = sum(known, ZERO) if len(known) == len(shares) else None
    if schedule is not None and contract_total is not None and schedule < money(contract_total):
        over = _over_total(payment, cycles, money(contract_total))
        return [] if over is None else [over]
    out = []
    for entry, share in zip(milestones, shares, strict=True):
        if entry.after is None:
            continue  # ``due by DATE``: one line in the term, in the cycle of its date
        paid = _lines_of(entry, cycles)
        if len(paid) > 1:
            out.append(_repeated(payment, entry, share, paid))
    return out


# A milestone line over the term: the cycle's label, the line and the event behind it.
_Paid = tuple[str, PaymentLine, MilestoneEvent]


def _lines_of(entry: m.Milestone, cycles: Sequence[CycleMilestones]) -> list[_Paid]:
    """``entry``'s lines over the term, each with its event: in a cycle, the schedule makes
    one dated line per ``entry.after`` event, in the order of the events (``schedule``);
    the undated line of a milestone still waiting for its event is not one."""
    out: list[_Paid] = []
    for cycle in cycles:
        lines = [
            x
            for x in cycle.result.lines
            if x.kind == "milestone" and x.name == entry.name and x.due is not None
        ]
        events = [e for e in cycle.events if e.name == entry.after]
        label = cycle.result.period.label
        out.extend((label, line, event) for line, event in zip(lines, events, strict=False))
    return out


def _shares(
    scope: Scope, result: PaymentResult, milestones: Sequence[m.Milestone]
) -> list[Decimal | None]:
    """Each milestone's share of the schedule, rounded as its line is (round(S_k) −
    round(S_k−1), ``schedule._as_share``); None from the first amount not known without
    the period's evidence (one that reads ``payout``)."""
    ev = ExprEval(scope, result.period)
    out: list[Decimal | None] = []
    before: Decimal | None = ZERO
    for entry in milestones:
        value = ev.expr(entry.amount) if before is not None else None
        if before is None or value is None:
            before = None
            out.append(None)
            continue
        out.append(money(before + value) - money(before))
        before += value
    return out


def _shown(line: PaymentLine) -> str:
    return _("pending") if line.amount is None else f"{money(line.amount):f}"


def _named(paid: Sequence[_Paid]) -> str:
    return "; ".join(
        _("{event} at {where}: {amount}, due {due}, in {period}").format(
            event=event.name,
            where=str(event.event),
            amount=_shown(line),
            due=line.due.isoformat() if line.due is not None else "?",
            period=label,
        )
        for label, line, event in paid
    )


def _repeated(
    payment: m.Payment, entry: m.Milestone, share: Decimal | None, paid: Sequence[_Paid]
) -> str:
    total = sum((line.amount or ZERO for _label, line, _event in paid), ZERO)
    return _(
        "payment per {period}: milestone {name} is paid {count} times over the term "
        "({lines}), {total} in all against the {share} the schedule pays once; each "
        "milestone is paid once over the term: check the event log for a repeated {after} "
        "event"
    ).format(
        period=payment.period,
        name=entry.name,
        count=len(paid),
        lines=_named(paid),
        total=f"{money(total):f}",
        share=f"{share:f}" if share is not None else "?",
        after=entry.after,
    )


def _over_total(
    payment: m.Payment, cycles: Sequence[CycleMilestones], limit: Decimal
) -> str | None:
    """A warning when the term's milestone lines add up to more than the contract total."""
    lines = [
        (cycle.result.period.label, x)
        for cycle in cycles
        for x in cycle.result.lines
        if x.kind == "milestone" and x.amount
    ]
    total = sum((x.amount or ZERO for _label, x in lines), ZERO)
    if total <= limit:
        return None
    named = "; ".join(
        _("{name} {amount} (due {due}, in {period})").format(
            name=x.name,
            amount=f"{money(x.amount or ZERO):f}",
            due=x.due.isoformat() if x.due is not None else "?",
            period=label,
        )
        for label, x in lines
    )
    return _(
        "payment per {period}: the milestones over the term ({lines}) add up to {total}, "
        "more than contract_total {limit}: check the event log for a repeated event"
    ).format(period=payment.period, lines=named, total=f"{money(total):f}", limit=f"{limit:f}")
