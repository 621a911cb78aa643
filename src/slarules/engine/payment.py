"""The payment of one period instance (docs/language.md §6).

Order of computation, each money line rounded half-up to 0.01 once, totals summed from the
rounded lines:

1. ``base``: the amount attributable to the period. Without a ``base`` entry the base is the
   sum of the milestones whose trigger event falls in the period; with one, milestone lines
   are the payment schedule (what is due when) and are not added again.
2. ``pay band``: pays the band's percentage of the base; reported as a reduction line
   ``base × (p − 100)%``. The base plus these reductions is the gross payable.
3. deductions — ``deduct band`` (the band's percentage of the base), linear
   (``per point below T``, with its fraction rule) and formula deductions — are negative
   lines. With ``deductions from bond first`` they are taken from the bond up to its amount
   (a ``bond_deduction`` line says how much), the rest from the gross payable.
4. what the deductions leave below zero is not payable: it becomes damages (a ``damages``
   line "deductions beyond payable"), added to the ``damages`` clauses whose condition holds.

The bond is taken as available in full to each period of the payment (the reference
contracts pay per cycle or year, with one bond per contract period). A clause whose
condition does not hold is still listed, with amount 0.00, so the report shows every clause
was evaluated. Milestone due dates count from the trigger event on a working-day calendar
of the ruleset (see ``scoring.workday_calendar``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from attrs import frozen

from .. import model as m
from ..calendar import Calendar
from ..literals import decimal_text
from .composite import ExprEval, Scope, cond_text, expr_text, terms_text
from .evidence import MilestoneEvent
from .items import interval_text
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


class _Unknown(Exception):
    """A value the payment needs is unknown (a missing input): no payment is computed."""


class _PaymentEval:
    def __init__(self, payment: m.Payment, inst: PeriodInstance, scope: Scope) -> None:
        self.payment = payment
        self.scope = scope
        self.ev = ExprEval(scope, inst)
        self.lines: list[PaymentLine] = []

    def value(self, e: m.Expr) -> Decimal:
        v = self.ev.expr(e)
        if v is None:
            raise _Unknown
        return v

    def truth(self, c: m.Condition) -> bool:
        t = self.ev.cond(c)
        if t is None:
            raise _Unknown
        return t

    def basis(self, *nodes: m.Expr | m.Condition) -> str:
        """The terms the nodes read, each once, e.g. ``服务考核 = 87.5; contract_total =
        1000000``."""
        sub = ExprEval(self.scope, self.ev.inst)
        for node in nodes:
            if isinstance(node, m.Compare | m.And | m.Or | m.Not | m.ParamCondition):
                sub.cond(node)
            else:
                sub.expr(node)
        return terms_text(sub.terms)

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
    except _Unknown:
        return None, tuple(pe.ev.missing) or (f"payment {inst.label}: a value is unknown",)
    return result, ()


def _compute(pe: _PaymentEval, inst: PeriodInstance, inputs: PaymentInputs) -> PaymentResult:
    entries = pe.payment.entries
    milestone_lines = _milestones(pe, entries, inputs)
    milestone_total = sum((line.amount for line in milestone_lines), ZERO)
    bases = [e for e in entries if isinstance(e, m.PayBase)]
    if bases:
        base = pe.add(
            "base", "base", pe.value(bases[0].amount), bases[0].cite, pe.basis(bases[0].amount)
        )
    else:
        base = pe.add(
            "base",
            "base",
            milestone_total,
            pe.payment.cite,
            "sum of the milestones due in the period",
        )
    pe.lines.extend(milestone_lines)
    gross = base
    for entry in entries:
        if isinstance(entry, m.PaymentBand):
            gross += _band(pe, entry, base)
        elif isinstance(entry, m.LinearDeduction):
            _linear(pe, entry)
        elif isinstance(entry, m.FormulaDeduction):
            _conditional(pe, entry.amount, entry.condition, entry.cite, "formula")
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


def _milestones(
    pe: _PaymentEval, entries: Sequence[m.PaymentEntry], inputs: PaymentInputs
) -> list[PaymentLine]:
    """One line per trigger event in the period, with its due date."""
    out: list[PaymentLine] = []
    for entry in entries:
        if not isinstance(entry, m.Milestone):
            continue
        for event in inputs.milestones:
            if event.name != entry.after:
                continue
            n = int(entry.delay.value)  # type: ignore[arg-type]
            cal = inputs.workdays
            if n < 1:
                due = event.at.astimezone(cal.tz)
            elif entry.delay.unit is m.Unit.WORKDAYS:
                due = cal.add_workdays(event.at, n)
            else:
                due = cal.add_days(event.at, n)
            amount = money(pe.value(entry.amount))
            basis = (
                f"{expr_text(entry.amount)}: {pe.basis(entry.amount)}; {entry.after} "
                f"{event.event}, due {entry.delay.text} after"
            )
            out.append(PaymentLine(entry.name, "milestone", amount, entry.cite, basis, due))
    return out


def _band(pe: _PaymentEval, band: m.PaymentBand, base: Decimal) -> Decimal:
    """A pay band's reduction (returned, added to gross) or a deduct band's deduction."""
    score = pe.value(band.score)
    row = next((r for r in band.rows if r.interval.contains(score)), None)
    name = f"{band.mode} band {expr_text(band.score)}"
    if row is None:
        raise rule_error(
            pe.scope.model, band.span, "SLR961", f"no row of {name} covers {decimal_text(score)}"
        )
    pct = row.percent.number
    where = f"{expr_text(band.score)} = {decimal_text(score)} in {interval_text(row.interval)}"
    cite = row.cite or band.cite
    if band.mode == "pay":
        basis = f"{where}: pay {row.percent.text} of base {decimal_text(base)}"
        return pe.add(name, "pay_band", base * (pct - 100) / 100, cite, basis)
    basis = f"{where}: deduct {row.percent.text} of base {decimal_text(base)}"
    pe.add(name, "deduct_band", -base * pct / 100, cite, basis)
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
    basis = (
        f"{entry.score} = {decimal_text(score)}: {decimal_text(below)} points below "
        f"{entry.threshold.text}, {decimal_text(counted)} counted (fraction "
        f"{entry.fraction}) × {decimal_text(per_point)}"
    )
    pe.add(name, "linear", -per_point * counted, entry.cite, basis)


def _conditional(
    pe: _PaymentEval, amount: m.Expr, condition: m.Condition, cite: str | None, kind: str
) -> None:
    holds = pe.truth(condition)
    verb = "deduct" if kind == "formula" else "damages"
    name = f"{verb} {expr_text(amount)} when {cond_text(condition)}"
    if not holds:
        pe.add(name, kind, ZERO, cite, f"condition does not hold: {pe.basis(condition)}")
        return
    value = pe.value(amount)
    basis = pe.basis(condition, amount)
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
