"""Walking expressions and conditions: every node, in a fixed order."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m


def exprs(expr: m.Expr) -> Iterator[m.Expr]:
    """Every node of an expression, conditions of ``if`` included; ``mean(X)`` is a leaf."""
    yield expr
    if isinstance(expr, m.BinOp | m.MinMax):
        yield from exprs(expr.left)
        yield from exprs(expr.right)
    elif isinstance(expr, m.Neg):
        yield from exprs(expr.operand)
    elif isinstance(expr, m.IfElse):
        for part in condition_exprs(expr.condition):
            yield from exprs(part)
        yield from exprs(expr.then)
        yield from exprs(expr.otherwise)


def condition_exprs(cond: m.Condition) -> list[m.Expr]:
    """The expressions a condition compares (not descending into them)."""
    if isinstance(cond, m.Compare):
        return [cond.left, cond.right]
    if isinstance(cond, m.And | m.Or):
        return condition_exprs(cond.left) + condition_exprs(cond.right)
    if isinstance(cond, m.Not):
        return condition_exprs(cond.operand)
    return []


def entry_exprs(entry: m.PaymentEntry) -> list[m.Expr]:
    """The expressions of a payment entry: amounts, caps, a band's ``of`` amount, and
    the expressions its condition compares."""
    if isinstance(entry, m.BondFirst):
        return []
    if isinstance(entry, m.Flag):
        return condition_exprs(entry.condition)
    if isinstance(entry, m.PaymentBand):
        return [x for x in (entry.score, entry.amount, entry.cap) if x is not None]
    if isinstance(entry, m.CapGroup):
        return [entry.cap]
    if isinstance(entry, m.PointsToMoney):
        return [x for x in (entry.amount, entry.points, entry.cap) if x is not None]
    out = [] if entry.amount is None else [entry.amount]
    condition = entry_condition(entry)
    if condition is not None:
        out.extend(condition_exprs(condition))
    capped = m.LinearDeduction | m.FormulaDeduction | m.MoneyPerOccurrence | m.CreditWhen
    if isinstance(entry, capped) and entry.cap is not None:
        out.append(entry.cap)
    if isinstance(entry, m.LinearDeduction):
        out.append(entry.score)
    return out


def entry_condition(entry: m.PaymentEntry) -> m.Condition | None:
    """The condition of a payment entry (a flag, a formula deduction, damages, a
    conditional milestone), if it has one."""
    if isinstance(entry, m.Flag | m.FormulaDeduction | m.Damages | m.CreditWhen):
        return entry.condition
    if isinstance(entry, m.Milestone):
        return entry.condition
    return None


def all_roots(ruleset: m.RuleFile) -> list[m.Expr]:
    """Every top-level expression of the file: composites, measures' conditions and
    aggregates, flags and
    payment entries."""
    roots: list[m.Expr] = [x.expr for x in ruleset.composites]
    for measure in ruleset.measures:
        if isinstance(measure.body, m.PeriodCount | m.GroupCount):
            roots.extend(condition_exprs(measure.body.condition))
        elif isinstance(measure.body, m.AggregateMeasure):
            roots.append(measure.body.aggregate)
    for flag in ruleset.flags:
        roots.extend(condition_exprs(flag.condition))
    for payment in ruleset.payments:
        for entry in payment.entries:
            roots.extend(entry_exprs(entry))
    return roots


def entry_amounts(entry: m.MoneyLine | m.CapGroup) -> list[m.Expr]:
    """A money line's expressions other than its condition's: amount, points, cap."""
    if isinstance(entry, m.CapGroup):
        return [entry.cap]
    points = entry.points if isinstance(entry, m.PointsToMoney) else None
    return [x for x in (entry.amount, points, entry.cap) if x is not None]
