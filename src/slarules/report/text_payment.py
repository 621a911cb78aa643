"""The payment part of a period in the text report (``report/text.py``): the payable and how
it is reached, the payment lines as a table, the part taken from the bond and the flags.

A payment still running, or ended with evidence still open, says so beside the payable
("so far"); what an ended period still has open is named, the first five of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from ..engine.scoring.results import (
    NO_TERMS,
    PROVISIONAL,
    CreditSettlement,
    PaymentLine,
    PaymentResult,
)
from ..i18n import _, ngettext
from . import money_text
from .shown import basis_text, shown_text
from .text_table import clip, local_minute, table

BOND_DEDUCTION = "bond_deduction"  # a payment line's kind: the part taken from the bond


def _from_bond(line: PaymentLine) -> str:
    """A ``bond_deduction`` line is not a payment line: it says how much of the deductions
    above is taken from the bond, so that a reader who adds the table up finds the payable:
    the cash loses only the rest (guangxi: 2500000.00 − (2000000.00 − 300000.00))."""
    if line.amount is None:
        return _("taken from the bond: pending (waiting for: {waiting_for})").format(
            waiting_for="; ".join(line.waiting_for)
        )
    return _(
        "taken from the bond: {amount} of the deductions above ({basis}); "
        "the payable loses only the rest"
    ).format(amount=money_text(line.amount), basis=basis_text(line.basis))


_OPEN_SHOWN = 5


def open_text(still_open: Sequence[str]) -> str:
    """The first few things an ended period still has open, and how many more: a log with
    thousands of tickets never closed would otherwise make one line of the report megabytes
    long (the JSON keeps the period's tickets and their statuses in full)."""
    shown = "; ".join(still_open[:_OPEN_SHOWN])
    more = len(still_open) - _OPEN_SHOWN
    if more <= 0:
        return shown
    return shown + ngettext("; and {count} more", "; and {count} more", more).format(count=more)


def payment_lines(pay: PaymentResult, tz: ZoneInfo) -> list[str]:
    if pay.status == NO_TERMS:
        head = _("  payment: no payment terms in the rule file (no amount is stated as owed)")
        if pay.still_open:
            head += _(
                "; the period has ended, but what it counts is still open: {open}; "
                "its scores and flags may still change"
            ).format(open=open_text(pay.still_open))
    elif pay.payable is None:
        head = _("  payment: payable pending (lines marked pending wait for inputs)")
    else:
        # The currency is named when the file declares one (CNY, the default, is implied).
        unit = "" if pay.currency == "CNY" else f" {pay.currency}"
        head = _("  payment: payable {payable}{unit}").format(
            payable=money_text(pay.payable), unit=unit
        )
        if pay.status == PROVISIONAL and pay.still_open:
            head += _(
                " so far (the period has ended, but what it counts is still open: {open}; "
                "its lines may still change)"
            ).format(open=open_text(pay.still_open))
        elif pay.status == PROVISIONAL:
            head += _(" so far (the period has not ended: its lines may still change)")
    if pay.refund:
        head += _(", REFUND owed to the purchaser {refund}").format(refund=money_text(pay.refund))
    head += _(", damages {value}").format(value=money_text(pay.damages) or "pending")
    if pay.bond is not None:
        bond = pay.bond
        head += _(", bond {amount} (left at start {value}, deducted {value2})").format(
            amount=money_text(bond.amount),
            value=money_text(bond.opening) or "?",
            value2=money_text(bond.deducted) or "?",
        )
    rows = []
    from_bond = [line for line in pay.lines if line.kind == BOND_DEDUCTION]
    for line in pay.lines:
        if line.kind == BOND_DEDUCTION:
            continue  # not money paid or deducted: said below the table
        due = (
            _(" (due {due})").format(due=local_minute(line.due, tz)) if line.due is not None else ""
        )
        basis = basis_text(line.basis)
        if line.amount is None:
            basis = _("waiting for: ") + "; ".join(line.waiting_for)
        basis += settlement_note(line.settlement, tz) + outside_note(line)
        rows.append(
            [clip(line.name, 40), line.kind, money_text(line.amount) or _("pending"), basis + due]
        )
    out = [head]
    if rows:
        out += [
            "    " + ln
            for ln in table([_("line"), _("kind"), _("amount"), _("basis")], rows, "..r")
        ]
    out += [f"    {_from_bond(line)}" for line in from_bond]
    out += [
        _("    flag {f_name}: {basis}").format(f_name=f.name, basis=shown_text(f.basis))
        for f in pay.flags
    ]
    return out


def outside_note(line: PaymentLine) -> str:
    """Why an amount in the table is not in the payable above it: finance adds the column
    up, and a milestone (the schedule of the base, which already holds it), damages (owed
    on top), the bond's return (the vendor's money) or a refund stated per occurrence (paid
    back) would be counted twice or in the wrong total (docs/reports.md, "How the numbers
    reconcile"). A credit settled elsewhere says so in its settlement note."""
    if line.amount is None or line.settlement is not None or line.payable_share is not None:
        return ""
    if line.kind == "milestone":
        return _(" [not in the payable: the base holds it]")
    if line.kind == "damages":
        return _(" [not in the payable: owed on top of it]")
    if line.kind == "bond_return":  # the vendor's own money, given back beside the payable
        return _(" [not in the payable: the vendor's bond, given back]")
    if line.kind == "refund":  # stated per occurrence: paid back, never netted
        return _(" [not in the payable: paid back on top of it]")
    return _(" [not in the payable]")


def settlement_note(s: CreditSettlement | None, tz: ZoneInfo) -> str:
    """`` [settled in 2026-04]``, `` [claim required by …]``, `` [forfeited: …]``…: how a
    credit is settled when not in its own period's invoice (language §6)."""
    if s is None:
        return ""
    deadline = local_minute(s.deadline, tz) if s.deadline is not None else "?"
    notes = {
        "settled_in": _("settled in {period}, not in this invoice").format(period=s.period),
        "carried_from": _("a credit of {period}, settled in this invoice").format(period=s.period),
        "claimed": _("claimed by {event}").format(event=s.event),
        "claim_required": _(
            "claim required by {deadline}; not in this invoice unless claimed"
        ).format(deadline=deadline),
        "forfeited": _("forfeited: not claimed by {deadline}").format(deadline=deadline),
    }
    return f" [{notes.get(s.status, s.status)}]"
