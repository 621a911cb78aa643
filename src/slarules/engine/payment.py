"""The payment of one period instance (docs/language.md §6).

Order of computation, each money line rounded half-up to 0.01 once, totals summed from the
rounded lines:

1. ``base``: the amount attributable to the period. Without a ``base`` entry the base is the
   sum of the milestones due in the period (the cash of the period); with one, milestone
   lines are the payment schedule (what is due when) and are not added again.
2. ``pay band``: pays the band's percentage of the base (or of its ``of EXPR`` amount);
   reported as a reduction line ``amount × (p − 100)%``. The base plus these reductions is
   the gross payable. ``payout`` — what the one pay band pays, ``amount × p%`` — is known
   from here on: milestones, deductions, caps and flags may read it (fujian-slt: the balance
   按考核结果 is ``payout`` less the advance).
3. deductions — ``deduct band`` (the band's percentage of the base or of its ``of EXPR``
   amount: guangxi 扣减金额 = N% × 合同总价), linear (``per point below T``, with its
   fraction rule) and formula deductions — are negative lines, each at most its ``cap``
   when it has one (a cap below zero caps at zero). With ``deductions from bond first``
   they are taken from the bond up to its amount (a ``bond_deduction`` line says how much),
   the rest from the gross payable.
4. what the deductions leave below zero is not payable: it becomes damages (a ``damages``
   line "deductions beyond payable"), added to the ``damages`` clauses whose condition holds.

The bond is taken as available in full to each period of the payment (the reference
contracts pay per cycle or year, with one bond per contract period). A clause whose
condition does not hold is still listed, with amount 0.00, so the report shows every clause
was evaluated. Milestones are scheduled by ``payment_schedule``; due dates count from the
trigger event on a working-day calendar of the ruleset (see ``scoring.workday_calendar``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from attrs import frozen

from .. import model as m
from ..calendar import Calendar
from ..literals import decimal_text
from ..printer import cond_text, expr_text, interval_text
from .composite import ExprEval, Scope, terms_text
from .evidence import MilestoneEvent
from .payment_schedule import Unknown, milestone_lines
from .periods import PeriodInstance
from .results import BondResult, FlagResult, PaymentLine, PaymentResult
from .scoring_errors import rule_error

CENT = Decimal("0.01")
ZERO = Decimal(0)
_DEDUCTIONS = ("deduct_band", "linear", "formula")


def money(x: Decimal) -> Decimal:
    """Money rounded half-up to the fen, once per reported line (SPEC §4)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


@frozen
class PaymentInputs:
    milestones: tuple[MilestoneEvent, ...]  # milestone events inside the period
    workdays: Calendar
    contract_total: Decimal | None


class _PaymentEval:
    def __init__(self, payment: m.Payment, inst: PeriodInstance, scope: Scope) -> None:
        self.payment = payment
        self.scope = scope
        self.ev = ExprEval(scope, inst)
        self.lines: list[PaymentLine] = []

    def value(self, e: m.Expr) -> Decimal:
        v = self.ev.expr(e)
        if v is None:
            raise Unknown
        return v

    def truth(self, c: m.Condition) -> bool:
        t = self.ev.cond(c)
        if t is None:
            raise Unknown
        return t

    def basis(self, *nodes: m.Expr | m.Condition) -> str:
        """The terms the nodes read, each once, e.g. ``服务考核 = 87.5; contract_total =
        1000000``."""
        sub = ExprEval(self.scope, self.ev.inst)
        sub.payout = self.ev.payout
        for node in nodes:
            if isinstance(node, m.Compare | m.And | m.Or | m.Not | m.ParamCondition):
                sub.cond(node)
            else:
                sub.expr(node)
        return terms_text(sub.terms)

    def money_value(self, e: m.Expr) -> Decimal:
        return money(self.value(e))

    def capped(self, amount: Decimal, cap: m.Expr | None) -> tuple[Decimal, str]:
        """``amount`` limited by a deduction's ``cap`` (at least zero), and what the basis
        says about it."""
        if cap is None:
            return amount, ""
        limit = max(self.value(cap), ZERO)
        state = "capped at" if amount > limit else "within the cap"
        return min(amount, limit), f"; {state} {expr_text(cap)} = {decimal_text(limit)}"

    def add(self, name: str, kind: str, amount: Decimal, cite: str | None, basis: str) -> Decimal:
        rounded = money(amount)
        self.lines.append(PaymentLine(name, kind, rounded, cite, basis))
        return rounded


def evaluate_payment(
    payment: m.Payment, inst: PeriodInstance, scope: Scope, inputs: PaymentInputs
) -> tuple[PaymentResult | None, tuple[str, ...]]:
    """The payment for ``inst``; None (with the missing inputs) when a value is unknown."""
    pe = _PaymentEval(payment, inst, scope)
    try:
        result = _compute(pe, inst, inputs)
    except Unknown:
        return None, tuple(pe.ev.missing) or (f"payment {inst.label}: a value is unknown",)
    return result, ()


def _compute(pe: _PaymentEval, inst: PeriodInstance, inputs: PaymentInputs) -> PaymentResult:
    entries = pe.payment.entries
    bases = [e for e in entries if isinstance(e, m.PayBase)]
    if bases:
        base = pe.add(
            "base", "base", pe.value(bases[0].amount), bases[0].cite, pe.basis(bases[0].amount)
        )
        pe.ev.payout = _payout(pe, entries, base)
        schedule = _schedule(pe, entries, inputs)
    else:
        schedule = _schedule(pe, entries, inputs)
        total = sum((line.amount for line in schedule), ZERO)
        base = pe.add(
            "base", "base", total, pe.payment.cite, "sum of the milestones due in the period"
        )
        pe.ev.payout = _payout(pe, entries, base)
    pe.lines.extend(schedule)
    gross = base
    for entry in entries:
        if isinstance(entry, m.PaymentBand):
            gross += _band(pe, entry, base)
        elif isinstance(entry, m.LinearDeduction):
            _linear(pe, entry)
        elif isinstance(entry, m.FormulaDeduction):
            _conditional(pe, entry.amount, entry.condition, entry.cite, "formula", entry.cap)
        elif isinstance(entry, m.Damages):
            _conditional(pe, entry.amount, entry.condition, entry.cite, "damages")
    bond = _bond(pe, entries)
    deductions = -sum((line.amount for line in pe.lines if line.kind in _DEDUCTIONS), ZERO)
    from_bond = ZERO
    if bond is not None and any(isinstance(e, m.BondFirst) for e in entries):
        from_bond = min(deductions, bond)
        if from_bond > 0:
            cite = next(e.cite for e in entries if isinstance(e, m.BondFirst))
            pe.add(
                "deductions from bond first",
                "bond_deduction",
                from_bond,
                cite,
                f"deductions {decimal_text(deductions)} taken from the bond "
                f"{decimal_text(bond)} first",
            )
    payable = gross - (deductions - from_bond)
    if payable < 0:
        pe.add(
            "deductions beyond payable",
            "damages",
            -payable,
            pe.payment.cite,
            "what the deductions leave below zero is owed by the vendor",
        )
        payable = ZERO
    damages = sum((line.amount for line in pe.lines if line.kind == "damages"), ZERO)
    flags = tuple(_flags(pe, entries))
    bond_result = None if bond is None else BondResult(bond, from_bond, bond - from_bond)
    return PaymentResult(
        inst, inputs.contract_total, tuple(pe.lines), payable, damages, bond_result, flags
    )


def _schedule(
    pe: _PaymentEval, entries: Sequence[m.PaymentEntry], inputs: PaymentInputs
) -> list[PaymentLine]:
    return milestone_lines(
        pe.ev, entries, inputs.milestones, inputs.workdays, pe.money_value, pe.basis
    )


def _band_row(pe: _PaymentEval, band: m.PaymentBand) -> tuple[Decimal, m.PercentRow]:
    """The band's score and the row that covers it (SLR961 when none does)."""
    score = pe.value(band.score)
    row = next((r for r in band.rows if r.interval.contains(score)), None)
    if row is None:
        name = f"{band.mode} band {expr_text(band.score)}"
        raise rule_error(
            pe.scope.model, band.span, "SLR961", f"no row of {name} covers {decimal_text(score)}"
        )
    return score, row


def _band_amount(pe: _PaymentEval, band: m.PaymentBand, base: Decimal) -> tuple[Decimal, str]:
    """What the band's percentage applies to: its ``of`` amount, else the base."""
    if band.amount is None:
        return base, f"base {decimal_text(base)}"
    amount = money(pe.value(band.amount))
    return amount, f"{expr_text(band.amount)} {decimal_text(amount)}"


def _payout(pe: _PaymentEval, entries: Sequence[m.PaymentEntry], base: Decimal) -> Decimal | None:
    """What the payment's one pay band pays (``payout``); None without exactly one."""
    bands = [e for e in entries if isinstance(e, m.PaymentBand) and e.mode == "pay"]
    if len(bands) != 1:
        return None
    _, row = _band_row(pe, bands[0])
    amount, _ = _band_amount(pe, bands[0], base)
    return money(amount * row.percent.number / 100)


def _band(pe: _PaymentEval, band: m.PaymentBand, base: Decimal) -> Decimal:
    """A pay band's reduction (returned, added to gross) or a deduct band's deduction."""
    score, row = _band_row(pe, band)
    amount, of_text = _band_amount(pe, band, base)
    name = f"{band.mode} band {expr_text(band.score)}"
    if band.amount is not None:
        name += f" of {expr_text(band.amount)}"
    pct = row.percent.number
    where = f"{expr_text(band.score)} = {decimal_text(score)} in {interval_text(row.interval)}"
    cite = row.cite or band.cite
    if band.mode == "pay":
        basis = f"{where}: pay {row.percent.text} of {of_text}"
        return pe.add(name, "pay_band", amount * (pct - 100) / 100, cite, basis)
    deduction, capped = pe.capped(amount * pct / 100, band.cap)
    basis = f"{where}: deduct {row.percent.text} of {of_text}{capped}"
    pe.add(name, "deduct_band", -deduction, cite, basis)
    return ZERO


def _linear(pe: _PaymentEval, entry: m.LinearDeduction) -> None:
    score = pe.value(m.Ref(entry.score, span=entry.span))
    threshold = entry.threshold.number
    below = max(threshold - score, ZERO)
    if entry.fraction == "up":
        counted = below.to_integral_value(rounding=ROUND_CEILING)
    elif entry.fraction == "down":
        counted = below.to_integral_value(rounding=ROUND_FLOOR)
    else:
        counted = below
    per_point = pe.value(entry.amount)
    name = (
        f"deduct {expr_text(entry.amount)} per point below {entry.threshold.text} in {entry.score}"
    )
    deduction, capped = pe.capped(per_point * counted, entry.cap)
    basis = (
        f"{entry.score} = {decimal_text(score)}: {decimal_text(below)} points below "
        f"{entry.threshold.text}, {decimal_text(counted)} counted (fraction "
        f"{entry.fraction}) × {decimal_text(per_point)}{capped}"
    )
    pe.add(name, "linear", -deduction, entry.cite, basis)


def _conditional(
    pe: _PaymentEval,
    amount: m.Expr,
    condition: m.Condition,
    cite: str | None,
    kind: str,
    cap: m.Expr | None = None,
) -> None:
    holds = pe.truth(condition)
    verb = "deduct" if kind == "formula" else "damages"
    name = f"{verb} {expr_text(amount)} when {cond_text(condition)}"
    if not holds:
        pe.add(name, kind, ZERO, cite, f"condition does not hold: {pe.basis(condition)}")
        return
    value, capped = pe.capped(pe.value(amount), cap)
    basis = pe.basis(condition, amount) + capped
    pe.add(name, kind, -value if kind == "formula" else value, cite, basis)


def _bond(pe: _PaymentEval, entries: Sequence[m.PaymentEntry]) -> Decimal | None:
    bonds = [e for e in entries if isinstance(e, m.PayBond)]
    if not bonds:
        return None
    return money(pe.value(bonds[0].amount))


def _flags(pe: _PaymentEval, entries: Sequence[m.PaymentEntry]) -> list[FlagResult]:
    out = []
    for entry in entries:
        if isinstance(entry, m.Flag) and pe.truth(entry.condition):
            out.append(
                FlagResult(
                    entry.name,
                    entry.cite,
                    f"{cond_text(entry.condition)}: {pe.basis(entry.condition)}",
                )
            )
    return out
