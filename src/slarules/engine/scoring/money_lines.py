"""Money lines of a payment (docs/language.md §6 "Money per occurrence, per point, credits",
issue 13): deductions, credits and refunds per occurrence (a rate, or the amount each event
states), service credits when a condition holds, penalty points converted to money, capped
groups of lines, and when a credit is settled.

Each line is computed on its own and rounded half-up once, as every payment line is
(``payment.py``). Kinds: ``deduction`` and ``credit`` are negative (they reduce what the
period pays), ``refund`` is positive and reported as a refund — money the vendor pays back
— never netted against the payable; ``group_cap`` (positive) is what a group's cap gives
back: "the total of service credits in a month cannot exceed 50 % of the monthly fee".

A credit's ``settlement`` says when it is paid: ``settled next period`` lists it here as
``settled_in`` the next period, where it is set off (``carried_from``); ``claimed by EVENT
within N days`` counts only when a ``milestone`` event EVENT claims it — naming the period
(``"period": "2026-03"``) or, without one, dated after the period's end — before 24:00 of
the N-th calendar day after the period's last day; until then it is ``claim_required``
(the payment waits for the claim), after it ``forfeited``. At the end of a term, where no
next period exists, a credit settled next period is settled in its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial

import attrs

from ... import model as m
from ...calendar.periods import PeriodInstance
from ...i18n import _, ngettext
from ...language.literals import decimal_text
from ...language.money_text import money_head
from ...language.printer import cond_text, expr_text, name
from ..evidence import MilestoneEvent, Occurrence
from .errors import rule_error
from .payment_eval import ZERO, PaymentEval, PaymentInputs, money
from .results import (
    CARRIED,
    CLAIM_REQUIRED,
    CLAIMED,
    FORFEITED,
    SETTLED_IN,
    CreditSettlement,
    PaymentLine,
)
from .schedule import Unknown

# Line kinds netted into a period's deductions (when they count: ``PaymentLine.counts``).
_KIND = {"deduct": "deduction", "credit": "credit", "refund": "refund"}


def money_lines(
    pe: PaymentEval, entries: Sequence[m.PaymentEntry], inst: PeriodInstance, inputs: PaymentInputs
) -> None:
    """Add the lines of the payment's money entries, then its groups' caps, then the
    credits of the previous period settled against this one."""
    for entry in entries:
        if isinstance(entry, m.MoneyLine):
            _line(pe, entry, inst, inputs)
    for entry in entries:
        if isinstance(entry, m.CapGroup):
            _group(pe, entry)
    _carried(pe, inst, inputs)


def _line(pe: PaymentEval, entry: m.MoneyLine, inst: PeriodInstance, inputs: PaymentInputs) -> None:
    title = money_head(entry, expr_text, cond_text, name)
    mode = "credit" if isinstance(entry, m.CreditWhen) else entry.mode
    kind = _KIND[mode]
    sign = Decimal(1) if kind == "refund" else Decimal(-1)
    if isinstance(entry, m.MoneyPerOccurrence):
        found = [o for o in inputs.occurrences if o.kind == entry.per]
        compute = partial(_per_occurrence, pe, entry, found)
    elif isinstance(entry, m.CreditWhen):
        compute = partial(_when, pe, entry)
    else:
        compute = partial(_per_point, pe, entry)

    def add() -> Decimal:
        amount, basis = compute()
        if amount < 0:  # the sign is the kind's: a negative rate would turn a credit round
            shown = money(amount)  # the sign is the point: a 60-digit quotient hid it
            text = decimal_text(amount) if shown == amount else f"≈{shown}"
            message = _("{title}: the amount is {amount}; state it as positive").format(
                title=title, amount=text
            )
            raise rule_error(pe.scope.model, entry.span, "SLR965", message)
        capped, note = pe.capped(amount, entry.cap)
        return pe.add(title, kind, sign * capped, entry.cite, basis + note)

    pe.settle(title, kind, entry.cite, add)
    settlement, waits = _settlement(entry.settlement, title, inst, inputs)
    last = pe.lines[-1]
    pe.lines[-1] = attrs.evolve(
        last,
        settlement=settlement,
        group=entry.group,
        waiting_for=(*last.waiting_for, *waits),
    )


def _per_occurrence(
    pe: PaymentEval, entry: m.MoneyPerOccurrence, found: Sequence[Occurrence]
) -> tuple[Decimal, str]:
    """The rate times each occurrence's count, or the amounts the events state."""
    if entry.amount is None:
        unstated = [o for o in found if o.amount is None]
        if unstated:
            pe.ev.missing.extend(
                _("the amount of {event} (occurrence {kind})").format(event=o.event, kind=o.kind)
                for o in unstated
            )
            raise Unknown
        total = sum((o.amount for o in found if o.amount is not None), ZERO)
        parts = "; ".join(f"{o.event}: {decimal_text(o.amount or ZERO)}" for o in found)
        stated = _("amount stated on each occurrence: {amounts}")
        return total, stated.format(amounts=parts or _("none"))
    each = pe.value(entry.amount)
    count = sum((o.count for o in found), ZERO)
    events = ", ".join(str(o.event) for o in found) or _("none")
    basis = ngettext(
        "{count} occurrence ({events}) × {each}",
        "{count} occurrences ({events}) × {each}",
        1 if count == 1 else 2,  # a count may be a decimal (0.5 occurrences)
    ).format(count=decimal_text(count), events=events, each=decimal_text(each))
    return each * count, basis


def _when(pe: PaymentEval, entry: m.CreditWhen) -> tuple[Decimal, str]:
    if not pe.truth(entry.condition):
        return ZERO, _("condition does not hold: {terms}").format(terms=pe.basis(entry.condition))
    return pe.value(entry.amount), pe.basis(entry.condition, entry.amount)


def _per_point(pe: PaymentEval, entry: m.PointsToMoney) -> tuple[Decimal, str]:
    """Points (none below zero) times the rate per point: "1 % pr. bodspoint"."""
    points = max(pe.value(entry.points), ZERO)
    rate = pe.value(entry.amount)
    basis = _("{points_expr} = {points} points × {rate_expr} = {rate} per point ({terms})").format(
        points_expr=expr_text(entry.points),
        points=decimal_text(points),
        rate_expr=expr_text(entry.amount),
        rate=decimal_text(rate),
        terms=pe.basis(entry.points, entry.amount),
    )
    return points * rate, basis


def _settlement(
    s: m.Settlement | None, title: str, inst: PeriodInstance, inputs: PaymentInputs
) -> tuple[CreditSettlement | None, tuple[str, ...]]:
    """When the credit is settled, and what the payment waits for (an open claim)."""
    if s is None:
        return None, ()
    if s.mode == "next":
        if inputs.next_label is None:  # the end of the term: settled in its own period
            return None, ()
        return CreditSettlement(SETTLED_IN, period=inputs.next_label), ()
    assert s.event is not None and s.days is not None and isinstance(s.days.value, int)
    deadline = inst.end + timedelta(days=s.days.value)  # local midnight, wall clock
    claims = [c for c in inputs.claims if c.name == s.event and _claims(c, inst, deadline)]
    if claims:
        return CreditSettlement(CLAIMED, deadline=deadline, event=str(claims[0].event)), ()
    if inputs.as_of is not None and inputs.as_of < deadline:
        wait = _("a claim ({event}) of {title} by {deadline}").format(
            event=s.event, title=title, deadline=deadline.isoformat()
        )
        return CreditSettlement(CLAIM_REQUIRED, deadline=deadline), (wait,)
    return CreditSettlement(FORFEITED, deadline=deadline), ()


def _claims(event: MilestoneEvent, inst: PeriodInstance, deadline: datetime) -> bool:
    """Whether a claim event claims ``inst``'s credit: it names the period, or without one
    it is dated after the period; either way before the deadline."""
    if event.at >= deadline:
        return False
    if event.period is not None:
        return event.period == inst.label
    return event.at >= inst.end


def _group(pe: PaymentEval, group: m.CapGroup) -> None:
    """The group's cap over its lines: their sum, the cap, and what the cap gives back."""
    title = f"group {group.name} cap {expr_text(group.cap)}"
    members = [line for line in pe.lines if line.group == group.name]
    pending = [line for line in members if line.amount is None]
    first = members[0].settlement if members else None
    if pending:
        waits = tuple(dict.fromkeys(w for line in pending for w in line.waiting_for))
        basis = _("waits for the lines of the group")
        line = PaymentLine(title, "group_cap", None, group.cite, basis, None, waits, first)
        pe.lines.append(attrs.evolve(line, group=group.name))
        return

    def compute() -> Decimal:
        total = sum((-(x.amount or ZERO) for x in members), ZERO)
        limit = max(pe.value(group.cap), ZERO)
        excess = max(total - limit, ZERO)
        listed = " + ".join(f"{x.name} {decimal_text(-(x.amount or ZERO))}" for x in members)
        state = (
            _("{excess} over the cap is not owed").format(excess=decimal_text(excess))
            if excess
            else _("within the cap")
        )
        basis = _("lines {lines} sum to {total}; cap {cap} = {limit}: {state}").format(
            lines=listed or _("none"),
            total=decimal_text(total),
            cap=expr_text(group.cap),
            limit=decimal_text(limit),
            state=state,
        )
        return pe.add(title, "group_cap", excess, group.cite, basis)

    pe.settle(title, "group_cap", group.cite, compute)
    pe.lines[-1] = attrs.evolve(pe.lines[-1], settlement=first, group=group.name)


def _carried(pe: PaymentEval, inst: PeriodInstance, inputs: PaymentInputs) -> None:
    """The previous period's credits settled against this period's invoice."""
    previous = inputs.previous
    if previous is None:
        return
    for line in previous.lines:
        s = line.settlement
        if s is None or s.status != SETTLED_IN or s.period != inst.label:
            continue
        carried = CreditSettlement(CARRIED, period=previous.period.label)
        title = f"{line.name} (of {previous.period.label})"
        basis = _("{kind} of {period} settled against this invoice").format(
            kind=line.kind, period=previous.period.label
        )
        amount = None if line.amount is None else money(line.amount)
        pe.lines.append(
            PaymentLine(title, line.kind, amount, line.cite, basis, None, line.waiting_for, carried)
        )
