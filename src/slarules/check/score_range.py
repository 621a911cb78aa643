"""The values a score expression can take, for the axis a payment band must cover.

A band over a scorecard covers 0 to 100 (below 0 too when an item has ``no floor``). A
band over a *composite* was checked over the same axis, whatever its expression: ``pay
band c`` with ``composite c = 卡 * 2 - 50`` checked clean with rows up to 100, and the
replay stopped at ``no row of pay band c covers 150`` (SLR961). Here the expression's
range is worked out by interval arithmetic over what it reads: a scorecard's 0 (or −∞)
to its maximum, a parameter's any value of zero or more (``--param`` may give any), a
count, time or measure zero or more, anything else unbounded; in a branch of ``if``, a name
the condition compares with a constant lies on that side of it. A divisor that can be zero
but keeps one sign (a score, 0 to its maximum) leaves the quotient the numerator's sign,
unbounded in size (the replay stops where it is zero: SLR133, SLR963); one that can change
sign makes the quotient unbounded both ways. The band's axis is that range
widened to include 0 to 100, so files whose scores stay within 100 are checked as before.

Work: each node of the expression and of the composites it reads, once (a cycle reads as
unbounded; SLR129 reports it).
"""

from __future__ import annotations

from decimal import Context, Decimal

from .. import model as m
from .base import Checker

__all__ = ["score_range"]

_INF = Decimal("Infinity")
_NO_TRAPS = Context(prec=60, traps=[])
_ANY = (-_INF, _INF)
_ZERO_OR_MORE = (Decimal(0), _INF)

Bounds = tuple[Decimal, Decimal]


def score_range(c: Checker, expr: m.Expr) -> Bounds:
    """The lowest and highest value ``expr`` can take (infinite where unbounded)."""
    return _Ranges(c).of(expr)


class _Ranges:
    def __init__(self, c: Checker) -> None:
        self.c = c
        self.done: dict[str, Bounds] = {}

    def of(self, e: m.Expr) -> Bounds:
        if isinstance(e, m.Literal):
            return self._literal(e)
        if isinstance(e, m.Ref | m.Mean):
            return self._name(e.name)
        if isinstance(e, m.Neg):
            low, high = self.of(e.operand)
            return -high, -low
        if isinstance(e, m.MinMax):
            (a, b), (x, y) = self.of(e.left), self.of(e.right)
            return (min(a, x), min(b, y)) if e.fn == "min" else (max(a, x), max(b, y))
        if isinstance(e, m.IfElse):
            when_true, when_false = self._narrowed(e.condition)
            branches = [
                bounds
                for bounds in (
                    self._within(when_true, e.then),
                    self._within(when_false, e.otherwise),
                )
                if bounds is not None
            ]
            if not branches:
                return _ANY
            return min(b[0] for b in branches), max(b[1] for b in branches)
        if isinstance(e, m.BinOp):
            return _binop(e.op, self.of(e.left), self.of(e.right))
        if isinstance(e, m.Aggregate):
            return _ZERO_OR_MORE
        return _ANY

    def _within(self, known: dict[str, Bounds], e: m.Expr) -> Bounds | None:
        """The range of ``e`` where the names of ``known`` lie in those bounds (a branch of
        ``if 考核 >= 50 then 考核 - 50 else 0 end``); None when no value of a name can (the
        branch is never taken). What is worked out there is not kept."""
        if not known:
            return self.of(e)
        saved = dict(self.done)
        for name, (low, high) in known.items():
            was_low, was_high = self._name(name)
            low, high = max(low, was_low), min(high, was_high)
            if low > high:
                self.done = saved
                return None
            self.done[name] = (low, high)
        try:
            return self.of(e)
        finally:
            self.done = saved

    def _narrowed(self, cond: m.Condition) -> tuple[dict[str, Bounds], dict[str, Bounds]]:
        """What ``cond`` being true, and being false, shows of a name compared with a
        constant: ``考核 >= 50`` true, 考核 in [50, ∞); false, (-∞, 50]. Closed ends
        throughout (a strict bound is kept as its limit: wider, never narrower)."""
        if isinstance(cond, m.Not):
            when_true, when_false = self._narrowed(cond.operand)
            return when_false, when_true
        if isinstance(cond, m.And):
            return _meet(self._narrowed(cond.left)[0], self._narrowed(cond.right)[0]), {}
        if isinstance(cond, m.Or):
            return {}, _meet(self._narrowed(cond.left)[1], self._narrowed(cond.right)[1])
        if not isinstance(cond, m.Compare) or cond.consecutive is not None:
            return {}, {}
        for subject, op, bound in (
            (cond.left, cond.op, cond.right),
            (cond.right, _MIRROR.get(cond.op, cond.op), cond.left),
        ):
            low, high = self.of(bound)
            if isinstance(subject, m.Ref) and low == high and low.is_finite():
                at_least, at_most = (low, _INF), (-_INF, low)
                if op in (">", ">=", "≥"):
                    return {subject.name: at_least}, {subject.name: at_most}
                if op in ("<", "<=", "≤"):
                    return {subject.name: at_most}, {subject.name: at_least}
                if op == "==":
                    return {subject.name: (low, low)}, {}
                if op == "!=":
                    return {}, {subject.name: (low, low)}
        return {}, {}

    def _literal(self, e: m.Literal) -> Bounds:
        if isinstance(e.value, bool) or not isinstance(e.value, (int, Decimal)):
            return _ANY
        value = Decimal(e.value) / 100 if e.unit is m.Unit.PERCENT else Decimal(e.value)
        return value, value

    def _name(self, name: str) -> Bounds:
        if name in self.done:
            return self.done[name]
        self.done[name] = _ANY  # a composite reading itself (SLR129) is unbounded
        c = self.c
        if name in c.scorecards:
            card = c.scorecards[name]
            floor = all(i.floor for i in m.walk_items(card.entries))
            bounds: Bounds = (Decimal(0) if floor else -_INF, m.scorecard_max(card))
        elif name in c.composites:
            bounds = self.of(c.composites[name].expr)
        elif name in c.params:
            bounds = _ZERO_OR_MORE  # any value --param may give: none is negative
        elif name in c.measures:
            bounds = _ZERO_OR_MORE  # counts, lateness points, rates: none is negative
        else:
            bounds = _ANY
        self.done[name] = bounds
        return bounds


_MIRROR = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "≤": "≥", "≥": "≤"}


def _meet(a: dict[str, Bounds], b: dict[str, Bounds]) -> dict[str, Bounds]:
    """Both facts at once: the bounds of a name known from each side, intersected."""
    out = dict(a)
    for name, (low, high) in b.items():
        was_low, was_high = out.get(name, _ANY)
        out[name] = (max(low, was_low), min(high, was_high))
    return out


def _binop(op: str, a: Bounds, b: Bounds) -> Bounds:
    if op == "+":
        return _NO_TRAPS.add(a[0], b[0]), _NO_TRAPS.add(a[1], b[1])
    if op == "-":
        return _NO_TRAPS.subtract(a[0], b[1]), _NO_TRAPS.subtract(a[1], b[0])
    if op == "*":
        return _spread([_product(x, y) for x in a for y in b])
    if b[0] < 0 < b[1] or b[0] == b[1] == 0:  # a divisor that changes sign, or only zero
        return _ANY
    if b[0] == 0 or b[1] == 0:  # [0, hi] or [lo, 0]: zero stops the replay (SLR963/133)
        return _one_signed_divisor(a, b)
    return _spread([_NO_TRAPS.divide(x, y) for x in a for y in b])


def _one_signed_divisor(a: Bounds, b: Bounds) -> Bounds:
    """x / y for y in [0, hi] (or [lo, 0]) where y is never 0 when the division has a
    value: the quotient keeps the numerator's sign (flipped for a non-positive divisor),
    and grows without bound as y nears 0. ``total / 考核`` with both ≥ 0 is ≥ 0."""
    if b[0] == 0:
        low = Decimal(0) if a[0] >= 0 else -_INF
        high = Decimal(0) if a[1] <= 0 else _INF
        if a[0] > 0:
            low = _NO_TRAPS.divide(a[0], b[1])
        if a[1] < 0:
            high = _NO_TRAPS.divide(a[1], b[1])
        return low, high
    low, high = _one_signed_divisor((-a[1], -a[0]), (Decimal(0), -b[0]))
    return low, high


def _product(x: Decimal, y: Decimal) -> Decimal:
    """x × y with 0 × ∞ = 0: an end that is exactly zero stays zero."""
    return Decimal(0) if x == 0 or y == 0 else _NO_TRAPS.multiply(x, y)


def _spread(values: list[Decimal]) -> Bounds:
    finite = [v for v in values if not v.is_nan()]
    if len(finite) != len(values):
        return _ANY
    return min(finite), max(finite)
