"""Units: every literal where a unit belongs, and a small unit inference for expressions.

Expressions have one of six types: money, percentage, number (points, counts and scores
are numbers), true/false, date and duration. A percentage multiplies as a fraction, so
``25% of contract_total`` is money and ``score * 40%`` a number; adding money to a
percentage, or a duration anywhere in a payment, is an error (SLR110) that names what was
expected and what was found: “expected a percentage, found a duration 4h”. Durations are
working time: ``mttr(SLA.METRIC)``, ``downtime(SLA.METRIC)``, ``24h`` and ``duration``
parameters, compared in conditions (``mttr(故障.restore) >= 1h``); days, workdays and months
count from an instant on a calendar and have no place in an expression. ``payout`` is money.
``availability(SLA.METRIC)`` is a percentage: it compares with percentages
(``availability(平台.restore) < 99.9%``) and never with a score (``考核 < 99.9%`` stays an
error: a score is points, not a share of anything).
"""

from __future__ import annotations

import enum

from .. import model as m
from ..i18n import N_, _
from .base import Checker, describe_literal

POINT_UNITS = frozenset({m.Unit.NUMBER, m.Unit.POINTS})
TARGET_UNITS = frozenset({m.Unit.DURATION, m.Unit.DAYS, m.Unit.WORKDAYS})
DELAY_UNITS = frozenset({m.Unit.WORKDAYS, m.Unit.DAYS})
CALENDAR_UNITS = frozenset({m.Unit.DAYS, m.Unit.WORKDAYS, m.Unit.MONTHS})

# What a parameter's default may be written as (a plain number fits points and money).
PARAM_UNITS: dict[str, frozenset[m.Unit]] = {
    "money": frozenset({m.Unit.MONEY, m.Unit.NUMBER}),
    "date": frozenset({m.Unit.DATE}),
    "bool": frozenset({m.Unit.BOOL}),
    "percent": frozenset({m.Unit.PERCENT}),
    "number": frozenset({m.Unit.NUMBER, m.Unit.COUNT}),
    "points": frozenset({m.Unit.POINTS, m.Unit.NUMBER}),
    "duration": frozenset({m.Unit.DURATION}),
}


class Ty(enum.Enum):
    MONEY = N_("an amount of money")
    PERCENT = N_("a percentage")
    NUMBER = N_("a number")
    BOOL = N_("true or false")
    DATE = N_("a date")
    DURATION = N_("a duration")


# Types that have no place in a sum or a product of scores and money: when one operand of
# a mismatch is one of these, it is the one reported as wrong.
FOREIGN = frozenset({Ty.BOOL, Ty.DATE, Ty.DURATION})

LITERAL_TY = {
    m.Unit.NUMBER: Ty.NUMBER,
    m.Unit.POINTS: Ty.NUMBER,
    m.Unit.COUNT: Ty.NUMBER,
    m.Unit.PERCENT: Ty.PERCENT,
    m.Unit.MONEY: Ty.MONEY,
    m.Unit.DURATION: Ty.DURATION,
    m.Unit.DAYS: Ty.DURATION,
    m.Unit.WORKDAYS: Ty.DURATION,
    m.Unit.MONTHS: Ty.DURATION,
    m.Unit.DATE: Ty.DATE,
    m.Unit.BOOL: Ty.BOOL,
}

PARAM_TY = {
    "money": Ty.MONEY,
    "date": Ty.DATE,
    "bool": Ty.BOOL,
    "percent": Ty.PERCENT,
    "number": Ty.NUMBER,
    "points": Ty.NUMBER,
    "duration": Ty.DURATION,
}


def run(c: Checker) -> None:
    for param in c.ruleset.params:
        allowed = PARAM_UNITS.get(param.type)
        if param.default is not None and allowed is not None and param.default.unit not in allowed:
            found = describe_literal(param.default)
            message = _("{param_name} is a {type} parameter, but its default is {found}").format(
                param_name=param.name, type=param.type, found=found
            )
            c.report("SLR110", param.default.span, message)
    for sla in c.ruleset.slas:
        for tier in sla.tiers:
            for target in tier.targets:
                if target.amount is not None:
                    literal_unit(c, target.amount, TARGET_UNITS, _("a duration, days or workdays"))
    for scorecard in c.ruleset.scorecards:
        _scorecard(c, scorecard)
    for composite in c.ruleset.composites:
        expect(c, composite.expr, Ty.NUMBER)
    for flag in c.ruleset.flags:
        condition(c, flag.condition)
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            _payment_entry(c, entry)


def literal_unit(c: Checker, literal: m.Literal, allowed: frozenset[m.Unit], what: str) -> bool:
    if literal.unit in allowed:
        return True
    c.report(
        "SLR110",
        literal.span,
        _("expected {what}, found {literal}").format(what=what, literal=describe_literal(literal)),
    )
    return False


def _scorecard(c: Checker, scorecard: m.Scorecard) -> None:
    if scorecard.max is not None:
        literal_unit(c, scorecard.max, POINT_UNITS, "points")
    for assessor in scorecard.assessors:
        if assessor.weight is not None:
            literal_unit(c, assessor.weight, frozenset({m.Unit.PERCENT}), _("a percentage"))
    for group in _groups(scorecard.entries):
        literal_unit(c, group.max, POINT_UNITS, "points")
    for item in m.walk_items(scorecard.entries):
        for value in (item.max, item.cap, item.default):
            if value is not None:
                literal_unit(c, value, POINT_UNITS, "points")
        for rule in item.rules:
            if isinstance(rule, m.CountRule):
                if isinstance(rule.amount, m.Literal):
                    literal_unit(c, rule.amount, POINT_UNITS, "points")
                if rule.cap is not None:
                    literal_unit(c, rule.cap, POINT_UNITS, "points")


def _groups(entries: tuple[m.Item | m.Group, ...]) -> list[m.Group]:
    out: list[m.Group] = []
    for entry in entries:
        if isinstance(entry, m.Group):
            out.append(entry)
            out.extend(_groups(entry.entries))
    return out


def _payment_entry(c: Checker, entry: m.PaymentEntry) -> None:
    if isinstance(entry, m.BondFirst):
        return
    if isinstance(entry, m.Flag):
        condition(c, entry.condition)
    elif isinstance(entry, m.PaymentBand):
        expect_score(c, entry.score)
        for amount in (entry.amount, entry.cap):
            if amount is not None:
                expect(c, amount, Ty.MONEY)
    elif isinstance(entry, m.MoneyLine | m.CapGroup):
        _money_entry(c, entry)
    elif isinstance(entry, m.Milestone):
        expect(c, entry.amount, Ty.MONEY)
        if entry.delay is not None:
            literal_unit(c, entry.delay, DELAY_UNITS, _("workdays or days"))
        if entry.condition is not None:
            condition(c, entry.condition)
    else:
        if entry.amount is not None:
            expect(c, entry.amount, Ty.MONEY)
        if isinstance(entry, m.LinearDeduction):
            if expect_score(c, entry.score) is Ty.PERCENT:
                literal_unit(c, entry.threshold, PERCENT_UNITS, _("a percentage, like the score"))
            else:
                literal_unit(c, entry.threshold, POINT_UNITS, "points")
        elif isinstance(entry, m.FormulaDeduction | m.Damages) and entry.condition is not None:
            condition(c, entry.condition)
        if isinstance(entry, m.LinearDeduction | m.FormulaDeduction) and entry.cap is not None:
            expect(c, entry.cap, Ty.MONEY)


def _money_entry(c: Checker, entry: m.MoneyLine | m.CapGroup) -> None:
    """Amounts and caps are money, points a number, a credit's condition a condition."""
    if isinstance(entry, m.CapGroup):
        expect(c, entry.cap, Ty.MONEY)
        return
    for amount in (entry.amount, entry.cap):
        if amount is not None:
            expect(c, amount, Ty.MONEY)
    if isinstance(entry, m.PointsToMoney):
        expect(c, entry.points, Ty.NUMBER)
    if isinstance(entry, m.CreditWhen):
        condition(c, entry.condition)


# ---- inference -----------------------------------------------------------------------------

PERCENT_UNITS = frozenset({m.Unit.PERCENT})


def expect_score(c: Checker, expr: m.Expr) -> Ty | None:
    """A band's or a ``per point below``'s score: a number (a score) or a percentage
    (``availability(…)``, a percent parameter); report anything else."""
    found = infer(c, expr)
    if found is not None and found not in (Ty.NUMBER, Ty.PERCENT):
        message = _("expected a score or a percentage, found {c}").format(c=_found(c, expr, found))
        c.report("SLR110", expr.span, message)
        return None
    return found


def is_percentage(c: Checker, expr: m.Expr) -> bool:
    """Whether ``expr`` is a percentage, without reporting anything (the band checks use
    it to pick their axis; ``infer`` reports the mistakes)."""
    if isinstance(expr, m.Aggregate):
        return expr.fn == "availability"
    if isinstance(expr, m.Literal):
        return expr.unit is m.Unit.PERCENT
    if isinstance(expr, m.Ref):
        if expr.name in c.measures:  # `percent of … met`, availability(…): a percentage
            return c.measures[expr.name].is_percentage
        return expr.name in c.params and c.params[expr.name].type == "percent"
    if isinstance(expr, m.Neg):
        return is_percentage(c, expr.operand)
    if isinstance(expr, m.BinOp) and expr.op in "+-":
        return is_percentage(c, expr.left)
    if isinstance(expr, m.MinMax):
        return is_percentage(c, expr.left) and is_percentage(c, expr.right)
    if isinstance(expr, m.IfElse):
        return is_percentage(c, expr.then) and is_percentage(c, expr.otherwise)
    return False


def expect(c: Checker, expr: m.Expr, wanted: Ty) -> None:
    """Infer ``expr``'s type and report it when it is not ``wanted``."""
    found = infer(c, expr)
    if found is not None and found is not wanted:
        c.report(
            "SLR110",
            expr.span,
            _("expected {wanted_value}, found {c}").format(
                wanted_value=_(wanted.value), c=_found(c, expr, found)
            ),
        )


def _found(c: Checker, expr: m.Expr, ty: Ty) -> str:
    text = expr.text if isinstance(expr, m.Literal) else c.text(expr.span, "")
    return f"{_(ty.value)} {text}".rstrip()


def infer(c: Checker, expr: m.Expr) -> Ty | None:
    """The type of ``expr``, or None when it holds an error (already reported) or an
    unknown name (reported by the reference checks)."""
    if isinstance(expr, m.Literal):
        if expr.unit in CALENDAR_UNITS:
            # Days, workdays and months count on a calendar from an instant (targets,
            # milestone delays); an expression's durations are working time: 24h.
            message = _("expected a duration of working time such as 24h, found {expr}").format(
                expr=describe_literal(expr)
            )
            c.report("SLR110", expr.span, message)
            return None
        return LITERAL_TY[expr.unit]
    if isinstance(expr, m.Ref):
        if expr.name in c.params:
            return PARAM_TY.get(c.params[expr.name].type)
        if expr.name in c.measures:  # a ``percent of`` measure is a percentage
            measure = c.measures[expr.name]
            if measure.is_duration:  # downtime(…), mttr(…): working time
                return Ty.DURATION
            return Ty.PERCENT if measure.is_percentage else Ty.NUMBER
        return Ty.NUMBER if c.scored(expr.name) else None
    if isinstance(expr, m.Payout):
        return Ty.MONEY
    if isinstance(expr, m.Aggregate):
        if expr.fn == "availability":
            return Ty.PERCENT
        return Ty.DURATION if expr.fn in ("mttr", "downtime") else Ty.NUMBER
    if isinstance(expr, m.Mean):
        return Ty.NUMBER
    if isinstance(expr, m.Neg):
        ty = infer(c, expr.operand)
        if ty in (Ty.BOOL, Ty.DATE):
            c.report(
                "SLR111", expr.span, _("cannot negate {c}").format(c=_found(c, expr.operand, ty))
            )
            return None
        return ty
    if isinstance(expr, m.BinOp):
        return _binop(c, expr)
    if isinstance(expr, m.MinMax):
        return same(c, expr.left, expr.right)
    condition(c, expr.condition)
    return same(c, expr.then, expr.otherwise)


def same(c: Checker, left: m.Expr, right: m.Expr) -> Ty | None:
    """Both operands must have one type (+, -, min, max, the branches of if)."""
    a, b = infer(c, left), infer(c, right)
    if a is None or b is None:
        return None
    if a is b:
        return a
    expected, found, culprit = (b, a, left) if a in FOREIGN and b not in FOREIGN else (a, b, right)
    message = _("expected {expected_value}, found {c}").format(
        expected_value=_(expected.value), c=_found(c, culprit, found)
    )
    c.report("SLR110", culprit.span, message)
    return None


def _binop(c: Checker, expr: m.BinOp) -> Ty | None:
    if expr.op in "+-":
        return same(c, expr.left, expr.right)
    a, b = infer(c, expr.left), infer(c, expr.right)
    if a is None or b is None:
        return None
    verb = _("multiply") if expr.op == "*" else _("divide")
    for ty, operand in ((a, expr.left), (b, expr.right)):
        if ty in (Ty.BOOL, Ty.DATE):
            c.report(
                "SLR111",
                operand.span,
                _("cannot {verb} {c}").format(verb=verb, c=_found(c, operand, ty)),
            )
            return None
    if expr.op == "*":
        # A percentage is a fraction of the other operand; a number scales it.
        for scale in (Ty.PERCENT, Ty.NUMBER):
            if b is scale:
                return a
            if a is scale:
                return b
    else:
        if a is b:
            return Ty.NUMBER
        if b in (Ty.PERCENT, Ty.NUMBER):
            return a
    message = _("cannot {verb} {c} by {c2}").format(
        verb=verb, c=_found(c, expr.left, a), c2=_found(c, expr.right, b)
    )
    c.report("SLR111", expr.span, message)
    return None


def condition(c: Checker, cond: m.Condition) -> None:
    if isinstance(cond, m.Compare):
        ty = same(c, cond.left, cond.right)
        if ty is Ty.BOOL and cond.op not in ("==", "!="):
            c.report(
                "SLR111",
                cond.span,
                _("true and false cannot be compared with {op}").format(op=cond.op),
            )
    elif isinstance(cond, m.And | m.Or):
        condition(c, cond.left)
        condition(c, cond.right)
    elif isinstance(cond, m.Not):
        condition(c, cond.operand)
    elif cond.name in c.params and c.params[cond.name].type != "bool":
        param = c.params[cond.name]
        message = _(
            "{param_name} is a {type} parameter; a condition needs a bool parameter or a comparison"
        ).format(param_name=param.name, type=param.type)
        c.report("SLR111", cond.span, message)
    elif c.scored(cond.name):
        message = _(
            "{cond_name} is a score; a condition compares it, e.g. {cond_name} < 60"
        ).format(cond_name=cond.name)
        c.report("SLR111", cond.span, message)
