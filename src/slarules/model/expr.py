"""Expressions, conditions and flags of the model (docs/language.md §6), with the
``Reference`` and ``Aggregate`` nodes they share with points tables. Re-exported by
``slarules.model``."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

from attrs import frozen

from .base import Literal, Span, _span

# ---- expressions ---------------------------------------------------------------------------


@frozen
class Ref:
    """A name in an expression: a parameter, a scorecard or a composite."""

    name: str
    span: Span = _span()


@frozen
class BinOp:
    op: str  # one of + - * /
    left: Expr
    right: Expr
    span: Span = _span()


@frozen
class Neg:
    operand: Expr
    span: Span = _span()


@frozen
class Mean:
    """``mean(X)``: the mean of X over its periods that fall inside the enclosing period."""

    name: str
    span: Span = _span()


@frozen
class MinMax:
    fn: str  # "min" or "max"
    left: Expr
    right: Expr
    span: Span = _span()


@frozen
class IfElse:
    condition: Condition
    then: Expr
    otherwise: Expr
    span: Span = _span()


@frozen
class Reference:
    """``name`` or ``name.member``: an SLA and one of its metrics, a kind, a deliverable."""

    name: str
    member: str | None = None
    span: Span = _span()

    def __str__(self) -> str:
        return self.name if self.member is None else f"{self.name}.{self.member}"


@frozen
class Aggregate:
    """A quantity computed over the period: ``count`` of tickets or occurrences,
    ``downtime`` (union of a metric's intervals) or ``mttr`` (mean elapsed of a metric);
    in expressions also ``late`` (deliveries of a deliverable made after their due time)."""

    fn: str  # count | downtime | mttr | late | measure (a points table's axis only)
    ref: Reference
    tiers: tuple[str, ...] = ()
    span: Span = _span()


@frozen
class Payout:
    """``payout``: what the payment's ``pay band`` pays in the period (the band's
    percentage of the amount it applies to). Only milestones, deductions, damages and caps
    of a payment with one pay band and a ``base`` may read it (fujian-slt: 按考核结果支付剩余
    服务费 = payout − the advance)."""

    span: Span = _span()


# ``Aggregate`` appears in expressions as ``count(…)`` (the occurrences of a kind or the
# tickets of an SLA in the expression's period), ``late(DELIVERABLE)`` (its deliveries made
# after their due time), and ``mttr(SLA.METRIC)`` / ``downtime(SLA.METRIC)`` (durations).
Expr: TypeAlias = "Literal | Ref | BinOp | Neg | Mean | MinMax | IfElse | Aggregate | Payout"


@frozen
class Compare:
    """``left OP right``; ``consecutive`` N means: true in this period and the N-1 before
    it (the sequence rule 连续两个季度)."""

    op: str  # one of < <= > >= == !=  (≤ ≥ are normalised)
    left: Expr
    right: Expr
    consecutive: int | None = None
    span: Span = _span()


@frozen
class And:
    left: Condition
    right: Condition
    span: Span = _span()


@frozen
class Or:
    left: Condition
    right: Condition
    span: Span = _span()


@frozen
class Not:
    operand: Condition
    span: Span = _span()


@frozen
class ParamCondition:
    """A bool parameter used as a condition: ``if small_firm then …``."""

    name: str
    span: Span = _span()


Condition: TypeAlias = Compare | And | Or | Not | ParamCondition


@frozen
class Flag:
    name: str
    condition: Condition
    cite: str | None = None
    span: Span = _span()


def referenced_names(node: Expr | Condition) -> list[str]:
    """The names a node reads (parameters, scorecards, composites), in order of appearance;
    ``mean(X)`` names X. Counts (``count(…)``, ``mttr(…)``…) and ``payout`` name none."""
    if isinstance(node, Ref | Mean | ParamCondition):
        return [node.name]
    if isinstance(node, Neg | Not):
        return referenced_names(node.operand)
    if isinstance(node, BinOp | MinMax | Compare | And | Or):
        return referenced_names(node.left) + referenced_names(node.right)
    if isinstance(node, IfElse):
        return (
            referenced_names(node.condition)
            + referenced_names(node.then)
            + referenced_names(node.otherwise)
        )
    return []


def arithmetic(op: str, a: Decimal, b: Decimal) -> Decimal | None:
    """``a op b`` for the operators of a ``BinOp`` (``+ - * /``); None for a division by
    zero, whose meaning is the caller's: an error in a replay (SLR963), unknown to a
    check that reads literals and defaults."""
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b if b else None
