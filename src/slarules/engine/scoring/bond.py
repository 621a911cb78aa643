"""The performance bond of a payment (``bond``, ``deductions from bond first``): one account
for the whole term, so each period sees what the periods before it left, and takes its own
deductions from what is left before they reduce the payable. A bond given back
(``returned due … after EVENT``) is gone: the periods after its return find nothing left,
and their deductions are taken from what they pay (guangxi: "履约保证金不足以支付处罚款项时，
采购人有权向中标人追回已支付的合同款或直接从应付合同款中相应扣减")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from ... import model as m
from ...i18n import _
from ...language.literals import decimal_text
from ..evidence import BeyondCalendarData, MilestoneEvent
from .payment_eval import ZERO, PaymentEval, PaymentInputs, money
from .results import BondResult, PaymentLine, PaymentResult, PeriodResult
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
    if from_bond == 0 and deductions > 0 and inputs.bond_returned:
        pe.add(
            "deductions from bond first",
            "bond_deduction",
            ZERO,
            first.cite,
            _(
                "nothing is left of the bond ({bond}): it was returned ({returns}); the "
                "deductions {deductions} are taken from what the period pays"
            ).format(
                bond=decimal_text(amount),
                returns=", ".join(inputs.bond_returned),
                deductions=decimal_text(deductions),
            ),
        )
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
    line is not part of the payable: the bond is the vendor's money, given back.

    The bond is returned once ("全额退回"): what a return gives back is gone, so a second
    return — the event logged twice — gives back 0.00, here or in a later period (whose
    ``opening`` counts the return, ``taken_from_bond``), and the report warns
    (``returned_more_than_once``)."""
    entry = next((e for e in entries if isinstance(e, m.PayBond)), None)
    if entry is None or bond is None or entry.returned_delay is None:
        return
    after, delay = entry.returned_after, entry.returned_delay
    name = "bond returned"  # a line name, as "deductions from bond first": not translated
    left = bond.remaining
    for event in inputs.milestones:
        if event.name != after:
            continue
        due = _return_due(inputs, event, delay)
        when = _("{after} {event}, due {delay} after").format(
            after=after, event=event.event, delay=delay.text
        )
        if left is None:
            waits = inputs.bond_waits or (_("the bond account"),)
            basis = _("what is left of the bond; {when}").format(when=when)
            pe.lines.append(PaymentLine(name, BOND_RETURN, None, entry.cite, basis, due, waits))
            continue
        basis = _("what is left of the bond: {left} of {bond}; {when}").format(
            left=decimal_text(left), bond=decimal_text(bond.amount), when=when
        )
        pe.lines.append(PaymentLine(name, BOND_RETURN, left, entry.cite, basis, due))
        left = ZERO  # given back: nothing is left for a second return
    if after in inputs.awaited:
        waits = (_("the {event} milestone event, not logged yet").format(event=after),)
        basis = _("what is left of the bond; due {delay} after {after}, not logged yet").format(
            delay=delay.text, after=after
        )
        pe.lines.append(PaymentLine(name, BOND_RETURN, None, entry.cite, basis, None, waits))


def taken_from_bond(result: PaymentResult) -> Decimal | None:
    """What ``result``'s period took from the bond account: its deductions from the bond
    and what it gave back (``bond_return`` lines with an amount); None while its bond
    deduction is pending. A later period's ``opening`` is the bond less what the earlier
    ones took: a returned bond is gone, so a deduction after the return is not taken from
    it again (guangxi: returned with the final 50%, "履约保证金不足以支付处罚款项时 … 直接从
    应付合同款中相应扣减")."""
    if result.bond is None:
        return ZERO
    if result.bond.deducted is None:
        return None
    returned = sum(
        (line.amount for line in result.lines if line.kind == BOND_RETURN and line.amount),
        ZERO,
    )
    return result.bond.deducted + returned


def return_texts(result: PaymentResult) -> tuple[str, ...]:
    """The bond returns of ``result``'s period, as "考核周期:1 300000.00 (due …)"."""
    return tuple(
        _("{period} {amount} (due {due})").format(
            period=result.period.label,
            amount=f"{money(line.amount):f}",
            due=line.due.isoformat() if line.due is not None else "?",
        )
        for line in result.lines
        if line.kind == BOND_RETURN and line.amount
    )


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
