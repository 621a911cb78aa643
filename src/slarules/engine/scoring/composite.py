"""Expressions and conditions over scores and parameters (docs/language.md §6).

Units: a percentage multiplies as a fraction (50% × 90 = 45), both as a literal and as a
``percent`` parameter; money, points and numbers are plain decimals. Durations (``24h``,
``duration`` parameters, ``mttr(SLA.METRIC)``, ``downtime(SLA.METRIC)``) are seconds of
working time, so they compare with each other (the checker keeps them out of sums with
money or scores). A date, a bool, or days/workdays/months where a number belongs is error
SLR964. ``payout`` is the payment's pay-band amount, known only while a payment is
evaluated (``payout`` is set by ``payment.py``).

Names: a parameter, or a scorecard or composite computed for the same period instance as
the expression (the same time range); ``mean(X)`` averages X over its instances that lie
inside this one and have started by ``as_of``. A value that depends on a missing input is
``None`` (unknown), and so is everything computed from it.

``for N consecutive periods``: the comparison's scored item X (the first scorecard or
composite it names) sets the sequence. When X is computed per this period, the comparison
must hold here and in the N−1 instances of X before; when X is finer (a quarterly score in
a yearly payment), it holds when some N consecutive instances of X, the last of them inside
this period, all satisfy it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from ... import model as m
from ...calendar.periods import MIN_YEAR, PeriodInstance, Periods
from ...i18n import _
from ...language.literals import decimal_text
from ...language.printer import expr_text
from .availability import Availability, percent_text, shown_name
from .errors import rule_error
from .results import iso_duration

Value = Decimal | None
Truth = bool | None


class Scope(Protocol):
    """What expressions read: parameters, and scores of scorecards and composites."""

    model: m.RuleFile
    periods: Periods

    def param(self, name: str) -> object | None: ...

    def scored_period(self, name: str) -> str | None:
        """The period declaration of scorecard or composite ``name``, else None."""
        ...

    def score(self, name: str, inst: PeriodInstance) -> tuple[Value, tuple[str, ...]]:
        """The score of scorecard or composite ``name`` for ``inst``, with missing inputs."""
        ...

    def started(self, inst: PeriodInstance) -> bool:
        """Whether ``inst`` has started by ``as_of``."""
        ...

    def availability(self, agg: m.Aggregate, inst: PeriodInstance) -> Availability:
        """``availability(SLA.METRIC)`` over ``inst`` (see ``availability.py``)."""
        ...

    def count(self, agg: m.Aggregate, inst: PeriodInstance) -> Decimal:
        """``count(KIND)``, ``count(SLA [tier …])`` or ``late(DELIVERABLE)`` over ``inst``:
        occurrences or tickets that count in a score (not excluded, not superseded), or
        late deliveries."""
        ...


class ExprEval:
    """Evaluates expressions and conditions for one period instance, recording the terms it
    read (for the report) and any missing inputs behind unknown values."""

    def __init__(
        self, scope: Scope, inst: PeriodInstance, *, until: datetime | None = None
    ) -> None:
        self.scope = scope
        self.inst = inst
        self.terms: dict[str, Value] = {}
        self.durations: set[str] = set()  # terms that are duration measures (seconds)
        self.missing: list[str] = []
        # ``until``: counts (count, late, mttr, downtime) see everything recorded before this
        # instant, whatever its period (a milestone's condition, checked at its due time).
        self.until = until
        self.payout: Decimal | None = None  # the payment's pay-band amount, when known
        # Set while the pay band's score is unknown: what ``payout`` waits for.
        self.payout_waits: tuple[str, ...] | None = None

    # -- expressions

    def expr(self, e: m.Expr) -> Value:
        if isinstance(e, m.Literal):
            return self._literal(e)
        if isinstance(e, m.Ref):
            return self._ref(e)
        if isinstance(e, m.Mean):
            return self._mean(e)
        if isinstance(e, m.Aggregate) and e.fn == "availability":
            found = self.scope.availability(e, self.inst)
            for term, value in found.terms():
                self.terms[term] = value
            return found.value
        if isinstance(e, m.Aggregate):
            label = expr_text(e)
            value = self.scope.count(e, self._counted())
            self.terms[label] = value
            return value
        if isinstance(e, m.Payout):
            if self.payout is None and self.payout_waits is not None:
                self.missing.extend(self.payout_waits)
                return None
            if self.payout is None:
                raise self._type_error(
                    e.span, _("payout is known only inside a payment's pay band")
                )
            self.terms["payout"] = self.payout
            return self.payout
        if isinstance(e, m.Neg):
            v = self.expr(e.operand)
            return None if v is None else -v
        if isinstance(e, m.BinOp):
            return self._binop(e)
        if isinstance(e, m.MinMax):
            a, b = self.expr(e.left), self.expr(e.right)
            if a is None or b is None:
                return None
            return min(a, b) if e.fn == "min" else max(a, b)
        truth = self.cond(e.condition)
        if truth is None:
            return None
        return self.expr(e.then if truth else e.otherwise)

    def _counted(self) -> PeriodInstance:
        """The range counts read: the period, or with ``until`` the whole log before it (a
        range of no declared period, so no evidence is moved by the period it names)."""
        if self.until is None:
            return self.inst
        start = datetime(MIN_YEAR, 1, 1, tzinfo=self.inst.start.tzinfo)
        label = f"before {self.until.isoformat()}"
        return PeriodInstance("", "history", 0, label, start, self.until)

    def _literal(self, lit: m.Literal) -> Decimal:
        if lit.unit is m.Unit.PERCENT:
            return lit.number / 100
        if lit.unit in (m.Unit.NUMBER, m.Unit.POINTS, m.Unit.MONEY, m.Unit.COUNT):
            return lit.number
        if lit.unit is m.Unit.DURATION:
            return lit.number  # seconds, as mttr(…) and downtime(…) give them
        raise self._type_error(
            lit.span,
            _("{text} ({unit_value}) is not a number here").format(
                text=lit.text, unit_value=lit.unit.value
            ),
        )

    def _ref(self, ref: m.Ref) -> Value:
        param = self.scope.param(ref.name)
        declared = self.scope.model.names.params.get(ref.name)
        if declared is not None and declared.schedule:
            return self._scheduled(ref, declared)
        if param is not None:
            return self._param_number(ref, param)
        period = self.scope.scored_period(ref.name)
        if period is None:
            raise rule_error(
                self.scope.model,
                ref.span,
                "SLR964",
                _("unknown name {ref_name}").format(ref_name=ref.name),
            )
        inst = self.scope.periods.at(period, self.inst.start)
        if inst is None or inst.key[:2] != self.inst.key[:2]:
            finer = self.scope.periods.fineness(period) < self.scope.periods.fineness(
                self.inst.period
            )
            hint = f"; use mean({ref.name})" if finer else ""
            raise rule_error(
                self.scope.model,
                ref.span,
                "SLR962",
                _(
                    "{ref_name} is computed per {period}, this expression per {period2}{hint}"
                ).format(ref_name=ref.name, period=period, period2=self.inst.period, hint=hint),
            )
        value, missing = self.scope.score(ref.name, inst)
        self.missing.extend(missing)
        self.terms[ref.name] = value
        if any(x.name == ref.name and x.is_duration for x in self.scope.model.measures):
            self.durations.add(ref.name)
        return value

    def _scheduled(self, ref: m.Ref, param: m.Param) -> Value:
        """A parameter by date (a fee schedule): the row in force on the first day of the
        period the expression is evaluated for; unknown before the first row."""
        day = self.inst.start.date()
        row = m.value_in_force(param.schedule, day)
        if row is None:
            first = param.schedule[0].start
            self.missing.append(f"{ref.name}: no value before {first} (the period starts {day})")
            self.terms[ref.name] = None
            return None
        return self._param_number(ref, row.value.value)

    def _param_number(self, ref: m.Ref, value: object) -> Decimal:
        declared = self.scope.model.names.params.get(ref.name)
        if isinstance(value, timedelta):
            working = m.duration_seconds(value)  # a duration parameter compares with mttr(…), 1h…
            self.terms[ref.name] = working
            return working
        if isinstance(value, bool | date):
            kind = type(value).__name__
            raise self._type_error(
                ref.span,
                _("parameter {ref_name} ({kind}) is not a number").format(
                    ref_name=ref.name, kind=kind
                ),
            )
        assert isinstance(value, Decimal)
        number = value / 100 if declared is not None and declared.type == "percent" else value
        self.terms[ref.name] = number
        return number

    def _mean(self, e: m.Mean) -> Value:
        period = self.scope.scored_period(e.name)
        if period is None:
            raise rule_error(
                self.scope.model,
                e.span,
                "SLR964",
                _("mean({e_name}): not a scorecard or composite").format(e_name=e.name),
            )
        instances = [
            i for i in self.scope.periods.within(period, self.inst) if self.scope.started(i)
        ]
        label = f"mean({e.name})"
        if not instances:
            self.missing.append(f"{label}: no {period} inside {self.inst.label} has started")
            self.terms[label] = None
            return None
        values: list[Decimal] = []
        for inst in instances:
            value, missing = self.scope.score(e.name, inst)
            self.missing.extend(missing)
            self.terms[f"{e.name} {inst.label}"] = value
            if value is not None:
                values.append(value)
        result = sum(values, Decimal(0)) / len(values) if len(values) == len(instances) else None
        self.terms[label] = result
        return result

    def _binop(self, e: m.BinOp) -> Value:
        a, b = self.expr(e.left), self.expr(e.right)
        if a is None or b is None:
            return None
        found = m.arithmetic(e.op, a, b)
        if found is None:
            raise rule_error(self.scope.model, e.span, "SLR963", _("division by zero"))
        return found

    def _type_error(self, span: m.Span, message: str) -> Exception:
        return rule_error(self.scope.model, span, "SLR964", message)

    # -- conditions

    def cond(self, c: m.Condition) -> Truth:
        if isinstance(c, m.ParamCondition):
            value = self.scope.param(c.name)
            if not isinstance(value, bool):
                raise self._type_error(
                    c.span, _("{c_name} is not a bool parameter").format(c_name=c.name)
                )
            return value
        if isinstance(c, m.Not):
            v = self.cond(c.operand)
            return None if v is None else not v
        if isinstance(c, m.And):
            return _and(self.cond(c.left), self.cond(c.right))
        if isinstance(c, m.Or):
            return _or(self.cond(c.left), self.cond(c.right))
        if c.consecutive is not None and c.consecutive > 1:
            return self._consecutive(c, c.consecutive)
        return self._compare(c)

    def _compare(self, c: m.Compare) -> Truth:
        a, b = self.expr(c.left), self.expr(c.right)
        if a is None or b is None:
            return None
        return _COMPARE[c.op](a, b)

    def _consecutive(self, c: m.Compare, n: int) -> Truth:
        name = _scored_name(self.scope, c)
        if name is None:
            return self._compare(c)  # nothing to step through: the plain comparison
        period = self.scope.scored_period(name)
        assert period is not None
        periods = self.scope.periods
        if periods.fineness(period) < periods.fineness(self.inst.period):
            ends = [i for i in periods.within(period, self.inst) if self.scope.started(i)]
        else:
            here = periods.at(period, self.inst.start)
            ends = [here] if here is not None else []
        results = [self._run(c, end, n) for end in ends]
        if any(r is True for r in results):
            return True
        if all(r is False for r in results):
            return False
        return None

    def _run(self, c: m.Compare, end: PeriodInstance, n: int) -> Truth:
        """The comparison in ``end`` and the n−1 instances before it."""
        truths: list[Truth] = []
        for k in range(n):
            inst = self.scope.periods.previous(end, k)
            if inst is None:
                return False
            sub = ExprEval(self.scope, inst)
            truth = sub._compare(c)
            for term, value in sub.terms.items():
                self.terms[f"{term} {inst.label}" if inst != self.inst else term] = value
            self.missing.extend(sub.missing)
            truths.append(truth)
        if any(t is False for t in truths):
            return False
        return None if any(t is None for t in truths) else True


def _and(a: Truth, b: Truth) -> Truth:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def _or(a: Truth, b: Truth) -> Truth:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


_COMPARE: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "≤": lambda a, b: a <= b,
    "≥": lambda a, b: a >= b,
}


def _scored_name(scope: Scope, c: m.Compare) -> str | None:
    """The first scorecard or composite a comparison names (its "scored item")."""
    for name in m.referenced_names(c.left) + m.referenced_names(c.right):
        if scope.scored_period(name) is not None:
            return name
    return None


def terms_text(terms: dict[str, Value], durations: Collection[str] = ()) -> str:
    """``服务考核 = 87.5; contract_total = …`` for a basis line; durations (``mttr(…)``,
    ``downtime(…)`` and the measures named in ``durations``) in ISO 8601 hours
    (``PT25H30M``) like a points table's basis, since a day of working time is not a
    calendar day."""
    return "; ".join(
        f"{shown_name(name)} = {_term_value(name, value, name in durations)}"
        for name, value in terms.items()
    )


def _term_value(name: str, value: Value, duration: bool = False) -> str:
    if value is None:
        return "unknown"
    if duration:  # a downtime(…) or mttr(…) measure
        return iso_duration(value, days=False)
    if name.startswith("availability("):
        if name.endswith(("downtime", "service time")):
            return iso_duration(value, days=False)
        return decimal_text(value) if " tickets down " in name else percent_text(value)
    if name.startswith(("mttr(", "downtime(", "maintenance ")):
        return iso_duration(value, days=False)
    return decimal_text(value)
