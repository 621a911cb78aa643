"""Weights and maxima that must add up.

- assessor weights of a scorecard sum to 100% (guangxi: 11 × 8.3% + 8.7% = 100%), and
  are given for every assessor or for none;
- a composite written as a weighted sum ``A * 50% + B * 50%`` has weights summing to 100%
  (a warning: a contract may mean something else, and can say so);
- a group's max equals the sum of its entries' maxima;
- a scorecard's entries sum to 100 points (a warning, witness the sum).
"""

from __future__ import annotations

from decimal import Decimal

from .. import model as m
from ..i18n import _
from .base import Checker, fmt_decimal, points

HUNDRED = Decimal(100)


def run(c: Checker) -> None:
    for scorecard in c.ruleset.scorecards:
        _assessors(c, scorecard)
        _groups(c, scorecard.entries)
        if scorecard.max is not None:
            _declared_max(c, scorecard, scorecard.max)
        elif scorecard.entries:
            total = sum((points(e.max) for e in scorecard.entries), Decimal(0))
            if total != HUNDRED:
                message = _(
                    "the items of scorecard {scorecard_name} sum to {total} points, not 100"
                ).format(scorecard_name=scorecard.name, total=fmt_decimal(total))
                c.report("SLR314", scorecard.span, message, fmt_decimal(total))
    for composite in c.ruleset.composites:
        weights = linear_weights(composite.expr)
        if weights is not None:
            total = sum(weights, Decimal(0))
            if total != HUNDRED:
                message = _(
                    "the weights of composite {composite_name} sum to {total}%, not 100%"
                ).format(composite_name=composite.name, total=fmt_decimal(total))
                c.report(
                    "SLR312",
                    composite.expr.span,
                    message,
                    _("{total}%").format(total=fmt_decimal(total)),
                )


def _declared_max(c: Checker, scorecard: m.Scorecard, maximum: m.Literal) -> None:
    """``scorecard X per P max M``: with items, M must be what they sum to (a scale the
    items do not add up to has no meaning); without items it is the scale of the given
    scores. A declared max replaces the sum-to-100 warning (SLR314)."""
    if not scorecard.entries:
        return
    total = sum((points(e.max) for e in scorecard.entries), Decimal(0))
    if total != points(maximum):
        message = _(
            "scorecard {scorecard_name} declares max {text}, but its items sum to {total} points"
        ).format(scorecard_name=scorecard.name, text=maximum.text, total=fmt_decimal(total))
        c.report("SLR315", maximum.span, message, fmt_decimal(total))


def _assessors(c: Checker, scorecard: m.Scorecard) -> None:
    weighted = [a for a in scorecard.assessors if a.weight is not None]
    if not weighted:
        return
    if len(weighted) != len(scorecard.assessors):
        missing = ", ".join(a.name for a in scorecard.assessors if a.weight is None)
        message = _(
            "assessor(s) {missing} of scorecard {scorecard_name} have no "
            "weight; weigh every assessor or none"
        ).format(missing=missing, scorecard_name=scorecard.name)
        c.report("SLR311", scorecard.span, message)
        return
    percents = [
        a.weight.number
        for a in weighted
        if a.weight is not None and a.weight.unit is m.Unit.PERCENT
    ]
    if len(percents) != len(weighted):
        return  # a weight of the wrong unit is reported by the unit checks
    total = sum(percents, Decimal(0))
    if total != HUNDRED:
        message = _(
            "the assessor weights of scorecard {scorecard_name} sum to {total}%, not 100%"
        ).format(scorecard_name=scorecard.name, total=fmt_decimal(total))
        c.report(
            "SLR310",
            c.locate(scorecard.span, weighted[0].name, after="by"),
            message,
            _("{total}%").format(total=fmt_decimal(total)),
        )


def _groups(c: Checker, entries: tuple[m.Item | m.Group, ...]) -> None:
    for entry in entries:
        if isinstance(entry, m.Group):
            total = sum((points(e.max) for e in entry.entries), Decimal(0))
            if total != points(entry.max):
                message = _(
                    "group {entry_name} has max {text} but its items' maxima sum to {total}"
                ).format(entry_name=entry.name, text=entry.max.text, total=fmt_decimal(total))
                c.report("SLR313", entry.span, message, fmt_decimal(total))
            _groups(c, entry.entries)


def linear_weights(expr: m.Expr) -> list[Decimal] | None:
    """The percentages of ``X * P% + Y * Q% + …`` (either operand order, ``of`` too), or
    None when the expression is not such a weighted sum."""
    if isinstance(expr, m.BinOp) and expr.op == "+":
        left, right = linear_weights(expr.left), linear_weights(expr.right)
        return None if left is None or right is None else left + right
    if isinstance(expr, m.BinOp) and expr.op == "*":
        for weight, other in ((expr.left, expr.right), (expr.right, expr.left)):
            if (
                isinstance(weight, m.Literal)
                and weight.unit is m.Unit.PERCENT
                and isinstance(other, m.Ref | m.Mean)
            ):
                return [weight.number]
    return None
