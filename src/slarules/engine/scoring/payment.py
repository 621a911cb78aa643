"""The payment of one period instance (docs/language.md §6).

Order of computation, each money line rounded half-up to 0.01 once, totals summed from the
rounded lines:

1. ``base``: the amount attributable to the period. Without a ``base`` entry the base is the
   sum of the milestones due in the period (the cash of the period); with one, milestone
   lines are the payment schedule (what is due when) and are not added again. A payment
   with neither states no payment terms: its ``payable`` is not given (status ``no_terms``),
   so no amount reads as owed (sichuan).
2. ``pay band``: pays the band's percentage of the base (or of its ``of EXPR`` amount);
   reported as a reduction line ``amount × (p − 100)%``. The base plus these reductions is
   the gross payable. ``payout`` — what the one pay band pays, ``amount × p%`` — is known
   from here on: milestones, deductions, caps and flags may read it (fujian-slt: the balance
   按考核结果 is ``payout`` less the advance).
3. deductions — ``deduct band`` (the band's percentage of the base or of its ``of EXPR``
   amount: guangxi 扣减金额 = N% × 合同总价), linear (``per point below T``, with its
   fraction rule) and formula deductions — are negative lines, each at most its ``cap``
   when it has one (a cap below zero caps at zero). With ``deductions from bond first``
   they are taken from the bond up to what is left of it (a ``bond_deduction`` line says
   how much), the rest from the gross payable.
4. what the deductions leave below zero is not payable: it is a ``refund`` line, contract
   money the vendor owes back, reported as the payment's ``refund`` beside ``payable 0.00``.
5. damages — ``damages … when`` and ``damages … per occurrence of K`` — are owed by the
   vendor on top.

The bond is one account for the whole term: ``opening`` is the bond less what earlier
periods of the same payment took from it (guangxi: a deduction taken in cycle 1 is gone in
cycle 2). Every line is computed on its own: one whose inputs are known is final, one that
needs a missing input (a grade, a score, the amount of a loss) is pending and says what it
waits for, and the totals that depend on it wait too. A clause whose condition does not hold
is still listed, with amount 0.00, so the report shows every clause was evaluated.
Milestones are scheduled by ``payment_schedule``; due dates count from the trigger event on
a working-day calendar of the ruleset (see ``context.workday_calendar``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import partial

from attrs import evolve

from ... import model as m
from ...calendar.periods import PeriodInstance
from ...i18n import _, ngettext
from ...language.literals import decimal_text
from ...language.printer import cond_text, expr_text, interval_text
from ..evidence import Occurrence
from .availability import percent_text, shown_text
from .bond import bond_account, bond_return_lines
from .composite import ExprEval, Scope, terms_text
from .errors import rule_error
from .money_lines import money_lines
from .payment_eval import ZERO, PaymentEval, PaymentInputs, PaymentTerms, money
from .results import (
    DEDUCTIONS,
    FINAL,
    MONEY_DEDUCTIONS,
    NO_TERMS,
    PENDING,
    PROVISIONAL,
    FlagResult,
    PaymentLine,
    PaymentResult,
)
from .schedule import Unknown, milestone_lines


def evaluate_payment(
    payment: m.Payment,
    inst: PeriodInstance,
    scope: Scope,
    inputs: PaymentInputs,
    terms: PaymentTerms | None = None,
) -> tuple[PaymentResult, tuple[str, ...]]:
    """The payment for ``inst``, with what its pending lines wait for (``terms``: the
    block's period-independent facts, computed once by the caller; else here)."""
    pe = PaymentEval(payment, inst, scope, terms)
    result = _compute(pe, inst, inputs)
    return result, result.waiting_for


def overscheduled(payment: m.Payment, result: PaymentResult) -> str | None:
    """A warning when the milestone lines of a payment with a ``base`` schedule more than
    the period's base and pay bands come to, naming the lines; None otherwise.

    Why: each milestone event makes a line of its own (a payment in several batches needs
    it), so a trigger logged twice — a second ``invoiced`` in fujian-slt — schedules a
    second 250000.00 advance, more than the year pays. That is kept, but said. The
    milestones schedule what the base and the pay bands give (fujian-slt: advance and
    balance add up to ``payout``); the deductions are taken from that afterwards, so a
    deduction that lowers the payable below the schedule is not a repeated event and is
    not warned about. Without a ``base`` the milestones are the period's cash and the
    payable is computed from them, so there is nothing to compare them with."""
    if result.payable is None or not any(isinstance(e, m.PayBase) for e in payment.entries):
        return None
    gross = _total(x.amount for x in result.lines if x.kind in ("base", "pay_band"))
    lines = [x for x in result.lines if x.kind == "milestone" and x.amount]
    scheduled = sum((x.amount or ZERO for x in lines), ZERO)
    if gross is None or scheduled <= gross:
        return None
    named = ", ".join(
        _("{name} {amount} (due {due})").format(
            name=x.name, amount=f"{money(x.amount or ZERO):f}", due=x.due.isoformat()
        )
        if x.due is not None
        else f"{x.name} {money(x.amount or ZERO):f}"
        for x in lines
    )
    return _(
        "payment of {period}: the milestones {lines} schedule {scheduled}, more than the "
        "{payable} the period pays before deductions; each milestone event makes a line of "
        "its own, so check the event log for a repeated event"
    ).format(
        period=result.period.label,
        lines=named,
        scheduled=f"{money(scheduled):f}",
        payable=f"{money(gross):f}",
    )


def _total(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when any amount is pending."""
    total = ZERO
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total


def _compute(pe: PaymentEval, inst: PeriodInstance, inputs: PaymentInputs) -> PaymentResult:
    entries = pe.payment.entries
    base_entry = next((e for e in entries if isinstance(e, m.PayBase)), None)
    has_terms = base_entry is not None or any(isinstance(e, m.Milestone) for e in entries)
    base: Decimal | None
    if base_entry is not None:
        base = _base_line(pe, base_entry)
        _set_payout(pe, entries, base)
        schedule = _schedule(pe, entries, inputs)
    else:
        schedule = _schedule(pe, entries, inputs)
        base = _total(line.amount for line in schedule)
        if has_terms:
            base = _sum_line(pe, base, schedule)
        _set_payout(pe, entries, base)
    pe.lines.extend(schedule)
    gross = base
    for entry in entries:
        if isinstance(entry, m.PaymentBand):
            gross = _total([gross, _band_entry(pe, entry, base)])
        elif isinstance(entry, m.LinearDeduction):
            pe.settle(_linear_name(entry), "linear", entry.cite, partial(_linear, pe, entry))
        elif isinstance(entry, m.FormulaDeduction | m.Damages):
            _clause(pe, entry, inputs)
    money_lines(pe, entries, inst, inputs)
    deductions = _total(
        -line.amount if line.amount is not None else None
        for line in _of(pe, (*DEDUCTIONS, *MONEY_DEDUCTIONS))
        if line.counts
    )
    stated_refunds = _total(line.amount for line in _of(pe, ("refund",)))
    bond = bond_account(pe, entries, inputs, deductions)
    bond_return_lines(pe, entries, inputs, bond)
    from_bond = ZERO if bond is None or bond.deducted is None else bond.deducted
    bond_pending = bond is not None and bond.deducted is None
    payable: Decimal | None = None
    refund: Decimal | None = None
    if has_terms and gross is not None and deductions is not None and not bond_pending:
        balance = gross - (deductions - from_bond)
        payable, refund = max(balance, ZERO), max(-balance, ZERO)
        if refund > 0:
            basis = _(
                "the deductions exceed what the period pays by {refund}: "
                "contract money the vendor owes back"
            ).format(refund=decimal_text(refund))
            pe.add("refund owed to the purchaser", "refund", refund, pe.payment.cite, basis)
            pe.lines[-1] = evolve(pe.lines[-1], balancing=True)
        refund = None if stated_refunds is None else refund + stated_refunds
    damages = _total(line.amount for line in _of(pe, ("damages",)))
    flags, flag_waits = _flags(pe, entries)
    waits = [w for line in pe.lines for w in line.waiting_for] + flag_waits
    if bond_pending:
        waits.extend(inputs.bond_waits)
    pending = any(line.amount is None for line in pe.lines) or bool(waits)
    running = (inputs.as_of is not None and inst.end > inputs.as_of) or bool(inputs.still_open)
    status = NO_TERMS if not has_terms else (PENDING if pending else FINAL)
    if running and status == FINAL:
        status = PROVISIONAL
    return PaymentResult(
        inst,
        inputs.contract_total,
        tuple(
            _so_far(line, pe.terms.open_base, pe.terms.reading) if running else line
            for line in pe.lines
        ),
        payable,
        damages,
        bond,
        flags,
        refund,
        status,
        tuple(sorted(set(waits))),
        pe.scope.model.currency,
        inputs.still_open if status in (PROVISIONAL, NO_TERMS) else (),
    )


_KNOWN_AHEAD = frozenset({"base", "milestone"})
"""Lines the contract fixes before the period's evidence: the share of the total and its
instalments (a conditional instalment already waits for its due time, ``schedule``)."""


def _so_far(
    line: PaymentLine, open_base: bool = False, reading: Collection[str] = ()
) -> PaymentLine:
    """A line of a period still running (or ended with evidence still open, see
    ``open_evidence``): provisional when it has an amount that the rest of the period can
    change (every line but the base and its instalments).

    ``open_base``: the base is the sum of the milestones due in the period and one of them
    is due after a trigger event, so the base is not fixed in advance either: an event
    logged before the period ends adds its instalment (guangxi, cycle 1 before the 阶段验收:
    0.00 so far, 2500000.00 once ``accepted`` is logged). Such a base is provisional too;
    the instalments already scheduled are not (their amount and due date are fixed).

    ``reading``: the instalments whose amount reads the period's evidence — ``payout``, a
    score or a count (fujian-slt's balance, "按考核结果支付剩余服务费" = ``payout`` − 50%,
    invoiced "在一年服务期最后一个月当月内", before the year's last complaint can lower the
    score). Their amount is what the evidence gives so far: provisional too."""
    if line.amount is None:
        return line
    fixed = line.kind in _KNOWN_AHEAD and not (open_base and line.kind == "base")
    if fixed and not (line.kind == "milestone" and line.name in reading):
        return line
    return evolve(line, provisional=True)


def _of(pe: PaymentEval, kinds: Sequence[str]) -> list[PaymentLine]:
    return [line for line in pe.lines if line.kind in kinds]


def _base_line(pe: PaymentEval, entry: m.PayBase) -> Decimal | None:
    def compute() -> Decimal:
        amount, basis = pe.value(entry.amount), pe.basis(entry.amount)
        rest = _term_rest(pe, entry.amount, amount)
        if rest is not None:
            amount, basis = rest[0], f"{basis}; {rest[1]}"
            pe.term_base = (expr_text(entry.amount), amount)
        return pe.add("base", "base", amount, entry.cite, basis)

    return pe.settle("base", "base", entry.cite, compute)


def _term_rest(pe: PaymentEval, expr: m.Expr, amount: Decimal) -> tuple[Decimal, str] | None:
    """In the last cycle of a term, the base that makes the term's bases add up to their
    exact sum, with a note for the basis; None elsewhere, or when nothing was lost.

    Why: each base is rounded to the cent on its own, so equal shares of a total that the
    number of cycles does not divide lose or gain cents over the term (100000 / 12: twelve
    lines of 8333.33 pay 99999.96). The contract pays its total, so the last cycle pays
    what the rounded earlier bases left of the exact sum (8333.37), and no earlier line
    changes. While an earlier base is unknown, nothing is adjusted."""
    periods, inst = pe.scope.periods, pe.ev.inst
    count = periods.term_count(inst.period)
    if inst.kind != "cycle" or count is None or inst.index != count or count < 2:
        return None
    exact, paid = amount, ZERO
    for index in range(1, count):
        earlier = ExprEval(pe.scope, periods.get(inst.period, index)).expr(expr)
        if earlier is None:
            return None
        exact += earlier
        paid += money(earlier)
    rest = money(exact) - paid
    if rest == money(amount):
        return None
    note = _("the term's last base: {total} over {count} cycles less {paid} already").format(
        total=money(exact), count=count, paid=paid
    )
    return rest, note


def _sum_line(
    pe: PaymentEval, total: Decimal | None, schedule: Sequence[PaymentLine]
) -> Decimal | None:
    """The base of a payment without a ``base`` entry: its milestones' sum."""
    basis = _("sum of the milestones due in the period")
    if total is None:
        waits = tuple(dict.fromkeys(w for line in schedule for w in line.waiting_for))
        pe.lines.append(PaymentLine("base", "base", None, pe.payment.cite, basis, None, waits))
        return None
    return pe.add("base", "base", total, pe.payment.cite, basis)


def _set_payout(pe: PaymentEval, entries: Sequence[m.PaymentEntry], base: Decimal | None) -> None:
    """``payout`` for the lines that read it; while it is unknown, what it waits for."""
    mark = len(pe.ev.missing)
    try:
        if base is None:
            raise Unknown
        pe.ev.payout = _payout(pe, entries, base)
    except Unknown:
        pe.ev.payout = None
        pe.ev.payout_waits = tuple(dict.fromkeys(pe.ev.missing[mark:])) or ("the base",)
        del pe.ev.missing[mark:]


def _schedule(
    pe: PaymentEval, entries: Sequence[m.PaymentEntry], inputs: PaymentInputs
) -> list[PaymentLine]:
    """The period's milestone lines, each rounded as its share of the schedule
    (docs/language.md §6, "Rounding of instalments")."""
    return milestone_lines(
        pe.ev,
        entries,
        inputs.milestones,
        inputs.workdays,
        pe.value,
        pe.basis,
        inputs.in_period,
        inputs.as_of,
        inputs.awaited,
    )


def _band_entry(pe: PaymentEval, band: m.PaymentBand, base: Decimal | None) -> Decimal | None:
    """A pay band's reduction (added to gross) or, for a deduct band, zero once its line is
    known; None while it is pending."""
    name = f"{band.mode} band {expr_text(band.score)}"
    kind = "pay_band" if band.mode == "pay" else "deduct_band"

    def compute() -> Decimal:
        if base is None and band.amount is None:
            pe.ev.missing.append("the base")
            raise Unknown
        return _band(pe, band, base if base is not None else ZERO)

    return pe.settle(name, kind, band.cite, compute)


def _band_row(pe: PaymentEval, band: m.PaymentBand) -> tuple[Decimal, m.PercentRow]:
    """The band's score and the row that covers it (SLR961 when none does)."""
    score = pe.value(band.score)
    row = next((r for r in band.rows if r.interval.contains(on_axis(score, r.interval))), None)
    if row is None:
        name = f"{band.mode} band {expr_text(band.score)}"
        raise rule_error(
            pe.scope.model,
            band.span,
            "SLR961",
            _("no row of {name} covers {score}").format(name=name, score=_shown(score, band)),
        )
    return score, row


def _band_amount(pe: PaymentEval, band: m.PaymentBand, base: Decimal) -> tuple[Decimal, str]:
    """What the band's percentage applies to: its ``of`` amount, else the base."""
    if band.amount is None:
        return base, _("base {amount}").format(amount=decimal_text(base))
    amount = money(pe.value(band.amount))
    return amount, f"{expr_text(band.amount)} {decimal_text(amount)}"


def _payout(pe: PaymentEval, entries: Sequence[m.PaymentEntry], base: Decimal) -> Decimal | None:
    """What the payment's one pay band pays (``payout``); None without exactly one."""
    bands = [e for e in entries if isinstance(e, m.PaymentBand) and e.mode == "pay"]
    if len(bands) != 1:
        return None
    _unused, row = _band_row(pe, bands[0])
    amount, _note = _band_amount(pe, bands[0], base)
    return money(amount * row.percent.number / 100)


def _band(pe: PaymentEval, band: m.PaymentBand, base: Decimal) -> Decimal:
    """A pay band's reduction (returned, added to gross) or a deduct band's deduction."""
    score, row = _band_row(pe, band)
    amount, of_text = _band_amount(pe, band, base)
    name = f"{band.mode} band {expr_text(band.score)}"
    if band.amount is not None:
        name += f" of {expr_text(band.amount)}"
    pct = row.percent.number
    where = f"{expr_text(band.score)} = {_shown(score, band)} in {interval_text(row.interval)}"
    if _percent_band(band):
        where += f" ({_inputs(pe, band.score)})"
    cite = row.cite or band.cite
    if band.mode == "pay":
        basis = _("{where}: pay {percent} of {amount}").format(
            where=where, percent=row.percent.text, amount=of_text
        )
        # The reduction is what the band pays, rounded once, less the amount: base plus
        # reduction is then ``payout`` to the cent (rounding the reduction itself rounds a
        # half cent away from zero, a cent below the payout: 85% of 100000.10).
        return pe.add(name, "pay_band", money(amount * pct / 100) - amount, cite, basis)
    deduction, capped = pe.capped(amount * pct / 100, band.cap)
    basis = _("{where}: deduct {percent} of {amount}").format(
        where=where, percent=row.percent.text, amount=of_text
    )
    basis += capped
    pe.add(name, "deduct_band", -deduction, cite, basis)
    return ZERO


def on_axis(score: Decimal, interval: m.Interval) -> Decimal:
    """The score on the interval's number line: a percentage (a fraction in expressions,
    0.9995) is compared with ``[99.95%, 100%]`` as 99.95; a score as it is."""
    return score * 100 if interval.unit is m.Unit.PERCENT else score


def _inputs(pe: PaymentEval, score: m.Expr) -> str:
    """What a percentage score was computed from (its downtime, service time, tickets and
    maintenance windows), without repeating the score itself."""
    sub = ExprEval(pe.scope, pe.ev.inst)
    sub.expr(score)
    sub.terms.pop(expr_text(score), None)
    return terms_text(sub.terms, sub.durations)


def _percent_band(band: m.PaymentBand) -> bool:
    return any(r.interval.unit is m.Unit.PERCENT for r in band.rows)


def _shown(score: Decimal, band: m.PaymentBand) -> str:
    return percent_text(score) if _percent_band(band) else decimal_text(score)


def _linear_name(entry: m.LinearDeduction) -> str:
    return (
        f"deduct {expr_text(entry.amount)} per point below {entry.threshold.text} "
        f"in {expr_text(entry.score)}"
    )


def _linear(pe: PaymentEval, entry: m.LinearDeduction) -> Decimal:
    """Points (or, below a percentage, percentage points) below the threshold."""
    percent = entry.threshold.unit is m.Unit.PERCENT
    fraction = pe.value(entry.score)
    score = fraction * 100 if percent else fraction
    threshold = entry.threshold.number
    below = max(threshold - score, ZERO)
    if entry.fraction == "up":
        counted = below.to_integral_value(rounding=ROUND_CEILING)
    elif entry.fraction == "down":
        counted = below.to_integral_value(rounding=ROUND_FLOOR)
    else:
        counted = below
    per_point = pe.value(entry.amount)
    deduction, capped = pe.capped(per_point * counted, entry.cap)
    shown = percent_text(fraction) if percent else decimal_text(score)
    number = shown_text if percent else decimal_text
    below_text = (
        _("{below} percentage points below {threshold}")
        if percent
        else _("{below} points below {threshold}")
    ).format(below=number(below), threshold=entry.threshold.text)
    counted_text = _("{counted} counted (fraction {fraction})").format(
        counted=number(counted), fraction=entry.fraction
    )
    basis = (
        f"{expr_text(entry.score)} = {shown}: {below_text}, {counted_text}"
        f" × {decimal_text(per_point)}{capped}"
    )
    if percent:
        basis += f" ({_inputs(pe, entry.score)})"
    return pe.add(_linear_name(entry), "linear", -deduction, entry.cite, basis)


def _clause(pe: PaymentEval, entry: m.FormulaDeduction | m.Damages, inputs: PaymentInputs) -> None:
    """A formula deduction or damages: conditional, or per occurrence."""
    kind = "formula" if isinstance(entry, m.FormulaDeduction) else "damages"
    verb = "deduct" if kind == "formula" else "damages"
    amount = "actual loss" if entry.amount is None else expr_text(entry.amount)
    if isinstance(entry, m.Damages) and entry.per is not None:
        name = f"damages {amount} per occurrence of {entry.per}"
        occurrences = [o for o in inputs.occurrences if o.kind == entry.per]
        pe.settle(name, kind, entry.cite, lambda: _per_occurrence(pe, entry, name, occurrences))
        return
    condition, value = entry.condition, entry.amount
    assert condition is not None and value is not None
    name = f"{verb} {amount} when {cond_text(condition)}"
    cap = entry.cap if isinstance(entry, m.FormulaDeduction) else None
    compute = partial(_conditional, pe, name, value, condition, entry.cite, kind, cap)
    pe.settle(name, kind, entry.cite, compute)


def _stated(amount: Decimal) -> str:
    """A stated loss as the basis shows it: in cents, or exactly when it has more places.

    Why: the line is the exact sum rounded once, so a basis showing each loss rounded
    (3200.505 and 0.005 as 3200.51 and 0.01) would not add up to the line (3200.51)."""
    return f"{money(amount):f}" if money(amount) == amount else f"{amount:f}"


def _per_occurrence(
    pe: PaymentEval, entry: m.Damages, name: str, occurrences: Sequence[Occurrence]
) -> Decimal:
    """``damages AMOUNT per occurrence of K``: the amount times each occurrence's count;
    with ``actual loss``, the ``amount`` each occurrence event states (pending while one
    does not state it)."""
    if entry.amount is None:
        unstated = [o for o in occurrences if o.amount is None]
        if unstated:
            pe.ev.missing.extend(
                _("the amount of the loss of {event} (occurrence {kind})").format(
                    event=o.event, kind=o.kind
                )
                for o in unstated
            )
            raise Unknown
        total = sum((o.amount for o in occurrences if o.amount is not None), ZERO)
        parts = "; ".join(f"{o.event}: {_stated(o.amount or ZERO)}" for o in occurrences)
        basis = _("actual loss stated on each occurrence: {amounts}").format(
            amounts=parts or _("none")
        )
        return pe.add(name, "damages", total, entry.cite, basis)
    each = pe.value(entry.amount)
    count = sum((o.count for o in occurrences), ZERO)
    events = ", ".join(str(o.event) for o in occurrences) or _("none")
    basis = ngettext(
        "{count} occurrence ({events}) × {each}",
        "{count} occurrences ({events}) × {each}",
        1 if count == 1 else 2,  # a count may be a decimal (0.5 occurrences)
    ).format(count=decimal_text(count), events=events, each=decimal_text(each))
    return pe.add(name, "damages", each * count, entry.cite, basis)


def _conditional(
    pe: PaymentEval,
    name: str,
    amount: m.Expr,
    condition: m.Condition,
    cite: str | None,
    kind: str,
    cap: m.Expr | None = None,
) -> Decimal:
    holds = pe.truth(condition)
    if not holds:
        basis = _("condition does not hold: {terms}").format(terms=pe.basis(condition))
        return pe.add(name, kind, ZERO, cite, basis)
    restated = _as_term_base(pe, amount) if kind == "formula" else amount
    value, capped = pe.capped(pe.value(restated), cap)
    basis = pe.basis(condition, amount) + capped
    if restated is not amount and pe.term_base is not None:
        basis += "; " + _("{base} read as the term's last base {amount}").format(
            base=pe.term_base[0], amount=decimal_text(pe.term_base[1])
        )
    return pe.add(name, kind, -value if kind == "formula" else value, cite, basis)


def _as_term_base(pe: PaymentEval, expr: m.Expr) -> m.Expr:
    """``expr`` with every part that restates the base (its expression, e.g. fujian-scjg's
    ``contract_total / 12``) read as the base as paid: in a term's last cycle, the adjusted
    base. Why: "不予支付当月的金额（合同总金额/12*（100-当月考核分数）%）" withholds a share
    of the month's amount; the last month's amount carries the term's rounding (83333.38 of
    1000000.01), so a month scored 0 withholds all of it and pays 0.00, not 0.05. The same
    reading as a ``cap`` that restates the base (``PaymentEval.capped``)."""
    if pe.term_base is None:
        return expr
    if expr_text(expr) == pe.term_base[0]:
        amount = pe.term_base[1]
        return m.Literal(m.Unit.MONEY, amount, decimal_text(amount))
    if isinstance(expr, m.BinOp):
        left, right = _as_term_base(pe, expr.left), _as_term_base(pe, expr.right)
        if left is not expr.left or right is not expr.right:
            return evolve(expr, left=left, right=right)
    elif isinstance(expr, m.Neg):
        operand = _as_term_base(pe, expr.operand)
        if operand is not expr.operand:
            return evolve(expr, operand=operand)
    return expr


def _flags(
    pe: PaymentEval, entries: Sequence[m.PaymentEntry]
) -> tuple[tuple[FlagResult, ...], list[str]]:
    """The flags that hold, and what the undetermined ones wait for."""
    out = []
    waits: list[str] = []
    for entry in entries:
        if not isinstance(entry, m.Flag):
            continue
        mark = len(pe.ev.missing)
        try:
            holds = pe.truth(entry.condition)
        except Unknown:
            waits.extend(pe.ev.missing[mark:] or [f"flag {entry.name}: a value"])
            continue
        if holds:
            basis = f"{cond_text(entry.condition)}: {pe.basis(entry.condition)}"
            out.append(FlagResult(entry.name, entry.cite, basis))
    return tuple(out), waits
