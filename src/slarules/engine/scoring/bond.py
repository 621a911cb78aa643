"""The performance bond of a payment (``bond``, ``deductions from bond first``): one account
for the whole term, so each period sees what the periods before it left, and takes its own
deductions from what is left before they reduce the payable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from ... import model as m
from ...i18n import _
from ...language.literals import decimal_text
from ..evidence import BeyondCalendarData, MilestoneEvent
from .payment_eval import ZERO, PaymentEval, PaymentInputs, money
from .results import BondResult, PaymentLine, PeriodResult
from .schedule import due_after

BOND_RETURN = "bond_return"


def bond_account(
    pe: PaymentEval,
    entries: Sequence[m.PaymentEntry],
    inputs: PaymentInputs,
    deductions: Decimal | None,
) -> BondResult | None:
    """The bond in this period: what is left of it (``opening``), and, with ``deductions
    from bond first``, the part of the deductions taken from it (a ``bond_deduction``
    line). None without a bond."""
    bonds = [e for e in entries if isinstance(e, m.PayBond)]
    if not bonds:
        return None
    amount = money(pe.value(bonds[0].amount))
    opening = None if inputs.bond_used is None else max(amount - inputs.bond_used, ZERO)
    first = next((e for e in entries if isinstance(e, m.BondFirst)), None)
    if first is None:
        return BondResult(amount, ZERO, opening, opening)
    if opening is None or deductions is None:
        waits = tuple(inputs.bond_waits) if opening is None else ()
        basis = (
            _("waits for the period's deductions")
            if opening is not None
            else _("waits for the bond account")
        )
        line = PaymentLine(
            "deductions from bond first", "bond_deduction", None, first.cite, basis, None, waits
        )
        pe.lines.append(line)
        return BondResult(amount, None, None, opening)
    from_bond = min(deductions, opening)
    if from_bond > 0:
        pe.add(
            "deductions from bond first",
            "bond_deduction",
            from_bond,
            first.cite,
            _(
                "deductions {deductions} taken from what is left of the bond "
                "({left} of {bond}) first"
            ).format(
                deductions=decimal_text(deductions),
                left=decimal_text(opening),
                bond=decimal_text(amount),
            ),
        )
    return BondResult(amount, from_bond, opening - from_bond, opening)


def bond_return_lines(
    pe: PaymentEval,
    entries: Sequence[m.PaymentEntry],
    inputs: PaymentInputs,
    bond: BondResult | None,
) -> None:
    """A ``bond_return`` line for each ``returned due N workdays after EVENT`` event whose
    payments belong to the period: what is left of the bond after the period's deductions,
    with its due date (guangxi: "最终验收合格后10个工作日内 … 并将履约保证金全额退回"); a
    pending line while the event is not logged, as a milestone waits for its event. The
    line is not part of the payable: the bond is the vendor's money, given back."""
    entry = next((e for e in entries if isinstance(e, m.PayBond)), None)
    if entry is None or bond is None or entry.returned_delay is None:
        return
    after, delay = entry.returned_after, entry.returned_delay
    name = "bond returned"  # a line name, as "deductions from bond first": not translated
    for event in inputs.milestones:
        if event.name != after:
            continue
        due = _return_due(inputs, event, delay)
        when = _("{after} {event}, due {delay} after").format(
            after=after, event=event.event, delay=delay.text
        )
        if bond.remaining is None:
            waits = inputs.bond_waits or (_("the bond account"),)
            basis = _("what is left of the bond; {when}").format(when=when)
            pe.lines.append(PaymentLine(name, BOND_RETURN, None, entry.cite, basis, due, waits))
            continue
        basis = _("what is left of the bond: {left} of {bond}; {when}").format(
            left=decimal_text(bond.remaining), bond=decimal_text(bond.amount), when=when
        )
        pe.lines.append(PaymentLine(name, BOND_RETURN, bond.remaining, entry.cite, basis, due))
    if after in inputs.awaited:
        waits = (_("the {event} milestone event, not logged yet").format(event=after),)
        basis = _("what is left of the bond; due {delay} after {after}, not logged yet").format(
            delay=delay.text, after=after
        )
        pe.lines.append(PaymentLine(name, BOND_RETURN, None, entry.cite, basis, None, waits))


def returned_more_than_once(periods: Sequence[PeriodResult]) -> str | None:
    """A warning when the report returns the bond more than once, naming each return;
    None otherwise.

    Why: the contract gives the bond back once, after its event (guangxi: "最终验收合格后
    … 将履约保证金全额退回"); each logged event makes a return line of its own, so an event
    logged twice returns what is left of the bond twice, more than the bond. As for a
    milestone logged twice (``payment.overscheduled``), the lines are kept as the log
    states them, and the report says so."""
    returns = [
        (period, line)
        for period in periods
        if period.payment is not None
        for line in period.payment.lines
        if line.kind == BOND_RETURN and line.amount is not None
    ]
    if len(returns) < 2:
        return None
    bond = next(p.payment.bond for p, _line in returns if p.payment and p.payment.bond)
    named = ", ".join(
        _("{period} {amount} (due {due})").format(
            period=period.label,
            amount=f"{money(line.amount or ZERO):f}",
            due=line.due.isoformat() if line.due is not None else "?",
        )
        for period, line in returns
    )
    total = sum((line.amount or ZERO for _period, line in returns), ZERO)
    return _(
        "the bond of {bond} is returned {count} times ({lines}), {total} in all; the "
        "contract returns it once, after its event: check the event log for a repeated event"
    ).format(
        bond=f"{money(bond.amount):f}" if bond is not None else "?",
        count=len(returns),
        lines=named,
        total=f"{money(total):f}",
    )


def _return_due(inputs: PaymentInputs, event: MilestoneEvent, delay: m.Literal) -> datetime:
    """The due time of the bond's return after ``event``; beyond the calendar's day data,
    an error of that event (as a milestone's)."""
    try:
        return due_after(inputs.workdays, event.at, delay)
    except (ValueError, OverflowError) as exc:
        message = _(
            "the bond is returned {delay} after {after}, which lies beyond the years its "
            "calendar covers ({problem})"
        ).format(delay=delay.text, after=event.name, problem=exc)
        raise BeyondCalendarData(event.event, message) from None
