"""The performance bond of a payment (``bond``, ``deductions from bond first``): one account
for the whole term, so each period sees what the periods before it left, and takes its own
deductions from what is left before they reduce the payable."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ... import model as m
from ...i18n import _
from ...language.literals import decimal_text
from .payment_eval import ZERO, PaymentEval, PaymentInputs, money
from .results import BondResult, PaymentLine


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
