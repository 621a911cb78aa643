"""Divisors: a file that ``check`` accepts must not stop its replay with "division by zero".

- SLR132 (error): a divisor made only of literals and parameters is zero — ``total / 0``,
  ``total / n`` with ``param n: number = 0``, ``total / (12 - 12)``. The replay would stop
  at it (SLR963) whatever the log says; parameters are read at their defaults, as every
  check reads them, and :func:`zero_divisors` reads them again at the values a replay is
  given (``--param cycles=0``), so such a value is a usage error, not a stop half-way.
- SLR133 (warning): a divisor that reads the evidence — a score, a composite, a count, a
  measure, ``mean(…)``, ``payout`` — can be zero in some period (``100 / 考核`` when the
  score is 0), and the replay then stops with SLR963 at that expression. The contract
  rarely says what a ratio over nothing is; the file should (``if 考核 > 0 then … else …
  end``), or acknowledge the warning with its reading.

Work: one walk of every expression, each divisor evaluated once (linear in the model).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from decimal import Decimal

from .. import model as m
from ..i18n import _
from ..language.printer import expr_text
from .base import Checker
from .walk import all_roots, condition_exprs, exprs

__all__ = ["run", "zero_divisors"]

_DATA = object()
"""The value of a divisor that reads the evidence: not known before a replay."""


def run(c: Checker) -> None:
    values = _defaults(c.ruleset)
    for division, value in _divisions(c.ruleset, values):
        if value is _DATA:
            c.report(
                "SLR133",
                division.right.span,
                _(
                    "this divisor reads the evidence and can be zero in some period; the "
                    "replay then stops with a division by zero (SLR963): say what the "
                    "ratio is then (if X > 0 then … / X else … end, or … / max(X, 1))"
                ),
            )
        elif value == 0:
            c.report("SLR132", division.right.span, _zero_message(division, values))


def zero_divisors(ruleset: m.RuleFile, given: Mapping[str, object]) -> list[str]:
    """For a replay given parameter values ``given`` (typed: ``resolve_params``), a
    message for each divisor that those values make zero (``contract_total / cycles``
    with ``cycles=0``), naming the parameters and where the division is written."""
    values = _defaults(ruleset)
    percent = {p.name for p in ruleset.params if p.type == "percent"}
    values.update({k: _number(v, k in percent) for k, v in given.items()})
    out = []
    for division, value in _divisions(ruleset, values):
        if value is not _DATA and value == 0:
            names = sorted(set(_params_read(division.right, values)) & set(given))
            if names:
                out.append(
                    _(
                        "{where}: with {params} this divisor is zero, and the replay would "
                        "stop with a division by zero"
                    ).format(
                        where=division.right.span,
                        params=", ".join(f"{n}={given[n]}" for n in names),
                    )
                )
    return out


def _divisions(
    ruleset: m.RuleFile, values: Mapping[str, object]
) -> Iterator[tuple[m.BinOp, object]]:
    """Each division of the file with its divisor's value (None: not a number known
    before a replay, such as a parameter without a default, or a divisor a guard keeps
    from zero; ``_DATA``: reads evidence)."""
    for root in all_roots(ruleset):
        for node, guarded in _walk(root, frozenset()):
            if isinstance(node, m.BinOp) and node.op == "/":
                value = _value(node.right, values)
                if value is _DATA and (
                    expr_text(node.right) in guarded or _kept_above_zero(node.right, values)
                ):
                    value = None
                yield node, value


def _walk(expr: m.Expr, guarded: frozenset[str]) -> Iterator[tuple[m.Expr, frozenset[str]]]:
    """Every node of ``expr`` with the texts of the expressions that the ``if`` around it
    keeps from zero: in ``if 考核 > 0 then 100 / 考核 else 0 end`` the division is guarded."""
    yield expr, guarded
    if isinstance(expr, m.BinOp | m.MinMax):
        yield from _walk(expr.left, guarded)
        yield from _walk(expr.right, guarded)
    elif isinstance(expr, m.Neg):
        yield from _walk(expr.operand, guarded)
    elif isinstance(expr, m.IfElse):
        for part in condition_exprs(expr.condition):
            yield from _walk(part, guarded)
        when_true, when_false = _nonzero_when(expr.condition)
        yield from _walk(expr.then, guarded | when_true)
        yield from _walk(expr.otherwise, guarded | when_false)


def _nonzero_when(cond: m.Condition) -> tuple[frozenset[str], frozenset[str]]:
    """The expressions (as text) that ``cond`` being true, and being false, shows are not
    zero: true, ``X > c`` (c ≥ 0), ``X >= c`` (c > 0), ``X != 0``, ``X < c`` (c ≤ 0)…;
    false, ``X == 0``, ``X <= c`` (c ≥ 0)…; ``and`` of such when true, ``or`` when false,
    ``not`` swaps."""
    empty: frozenset[str] = frozenset()
    if isinstance(cond, m.Not):
        when_true, when_false = _nonzero_when(cond.operand)
        return when_false, when_true
    if isinstance(cond, m.And):
        (a, _a), (b, _b) = _nonzero_when(cond.left), _nonzero_when(cond.right)
        return a | b, empty
    if isinstance(cond, m.Or):
        (_a, a), (_b, b) = _nonzero_when(cond.left), _nonzero_when(cond.right)
        return empty, a | b
    if not isinstance(cond, m.Compare) or cond.consecutive is not None:
        return empty, empty
    for subject, op, bound in (
        (cond.left, cond.op, cond.right),
        (cond.right, _MIRROR[cond.op], cond.left),
    ):
        c = _value(bound, {})
        if not isinstance(c, Decimal):
            continue
        text = frozenset({expr_text(subject)})
        if (op == ">" and c >= 0) or (op == ">=" and c > 0) or (op == "<" and c <= 0):
            return text, empty
        if (op == "<=" and c < 0) or (op == "!=" and c == 0):
            return text, empty
        false_keeps_nonzero = (
            (op == "==" and c == 0)
            or (op == "<=" and c >= 0)
            or (op == "<" and c > 0)
            or (op == ">=" and c <= 0)
            or (op == ">" and c < 0)
        )
        if false_keeps_nonzero:
            return empty, text
    return empty, empty


_MIRROR = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


def _kept_above_zero(expr: m.Expr, values: Mapping[str, object]) -> bool:
    """``max(X, c)`` with a constant c > 0 is never zero (``100 / max(考核, 1)``)."""
    if isinstance(expr, m.MinMax) and expr.fn == "max":
        for side in (expr.left, expr.right):
            c = _value(side, values)
            if isinstance(c, Decimal) and c > 0:
                return True
    return False


def _zero_message(division: m.BinOp, values: Mapping[str, object]) -> str:
    read = sorted(set(_params_read(division.right, values)))
    shown = "; ".join(f"{name} = {values[name]}" for name in read)
    return (
        _("the divisor is zero ({values}): the replay would stop with a division by zero").format(
            values=shown
        )
        if shown
        else _("the divisor is zero: the replay would stop with a division by zero")
    )


def _params_read(expr: m.Expr, values: Mapping[str, object]) -> Iterator[str]:
    for node in exprs(expr):
        if isinstance(node, m.Ref) and node.name in values:
            yield node.name


def _defaults(ruleset: m.RuleFile) -> dict[str, object]:
    """Each parameter's value as checks read it: its default; a schedule varies (None)."""
    return {
        p.name: None
        if p.schedule or p.default is None
        else _number(p.default.value, p.type == "percent")
        for p in ruleset.params
    }


def _number(value: object, percent: bool = False) -> object:
    """A value as a divisor's arithmetic needs it: a Decimal (a percentage as the fraction
    it multiplies by, durations in seconds), or None for what is no number (a date, a
    bool)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value) / 100 if percent else Decimal(value)
    if isinstance(value, timedelta):
        return Decimal(value.days * 86_400 + value.seconds) + Decimal(value.microseconds) / 10**6
    return None


def _value(expr: m.Expr, values: Mapping[str, object]) -> object:
    """The value of a divisor from literals and parameters; ``_DATA`` if it reads the
    evidence; None if it is neither (a parameter without a default, a schedule)."""
    if isinstance(expr, m.Literal):
        return _number(expr.value, expr.unit is m.Unit.PERCENT)
    if isinstance(expr, m.Ref):
        return values.get(expr.name, _DATA)
    if isinstance(expr, m.Neg):
        inner = _value(expr.operand, values)
        return -inner if isinstance(inner, Decimal) else inner
    if isinstance(expr, m.BinOp | m.MinMax):
        return _combine(expr, _value(expr.left, values), _value(expr.right, values))
    if isinstance(expr, m.IfElse):
        branches = (_value(expr.then, values), _value(expr.otherwise, values))
        return _DATA if _DATA in branches else None
    return _DATA  # mean(…), count(…), an aggregate, payout


def _combine(expr: m.BinOp | m.MinMax, a: object, b: object) -> object:
    if a is _DATA or b is _DATA:
        return _DATA
    if not isinstance(a, Decimal) or not isinstance(b, Decimal):
        return None
    if isinstance(expr, m.MinMax):
        return min(a, b) if expr.fn == "min" else max(a, b)
    return m.arithmetic(expr.op, a, b)  # a zero inside a divisor is its own division's problem
