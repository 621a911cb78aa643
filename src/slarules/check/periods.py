"""Periods: provisional calendar years, and scores used across periods.

- A contract period that reaches a year whose State Council holiday schedule is not in the
  holiday data (holidays 0.108: 2027 onward) is evaluated with computed holidays and no
  make-up workdays (SPEC §3.4). ``check`` warns (SLR401) for the whole term of a
  ``cycle … from … for N | through D`` period (the first cycle of one without a term) and
  for every literal date, when the file uses China's day source.
- A composite or payment reads scores of its own period; a score of another period needs
  ``mean(X)`` (SLR410), and ``mean`` needs X's period to be finer (SLR411).
- ``for N consecutive periods`` counts the periods of a score, so it needs one (SLR412).
  Its comparison is read per the period of the first score it names (the engine steps
  through that score's periods), which may be finer than the enclosing one: a yearly
  payment may ask for 连续两个季度 (``季度考核 < 65 for 2 consecutive periods``). A coarser
  one is SLR410.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .. import model as m
from ..calendar import Calendar
from ..calendar.months import cycle_boundary
from ..i18n import _
from .base import Checker
from .evaluable import FIRST_YEAR, LAST_YEAR, MAX_MONTHS
from .terms import term_last_day
from .walk import all_roots, entry_amounts, entry_condition, exprs

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def run(c: Checker) -> None:
    _provisional(c)
    for composite in c.ruleset.composites:
        _expr_uses(
            c,
            composite.expr,
            composite.period,
            _("composite {composite_name}").format(composite_name=composite.name),
        )
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            _payment_entry(c, payment, entry)
    for measure in c.ruleset.measures:
        _measure_uses(c, measure)
    for flag in c.ruleset.flags:
        _consecutive(c, flag.condition)
        period = _first_score_period(c, flag.condition)
        if period is not None:
            _cond_uses(c, flag.condition, period, _("flag {flag_name}").format(flag_name=flag.name))


def _measure_uses(c: Checker, measure: m.Measure) -> None:
    """``count of PERIOD where C`` reads C's scores per PERIOD, and ``count of SLA by F
    where C`` per the measure's own period (a measure per 季度 read per 月度 stopped the
    replay with SLR962)."""
    body = measure.body
    user = f"measure {measure.name}"
    if isinstance(body, m.PeriodCount):
        _cond_uses(c, body.condition, body.period, user)
    elif isinstance(body, m.GroupCount):
        _cond_uses(c, body.condition, measure.period, user)


# ---- provisional years ---------------------------------------------------------------------


def _uses_china_days(c: Checker) -> bool:
    if any(cal.days == "CN" for cal in c.ruleset.calendars):
        return True
    milestones = (e for p in c.ruleset.payments for e in p.entries if isinstance(e, m.Milestone))
    return any(x.delay is not None and x.delay.unit is m.Unit.WORKDAYS for x in milestones)


def _provisional(c: Checker) -> None:
    if not _uses_china_days(c):
        return
    calendar = Calendar("24x7")

    def years(first: date, last: date) -> list[int]:
        try:
            return calendar.provisional_years(first, last)
        except ValueError:  # outside the data's range: every year there is provisional
            return list(range(first.year, last.year + 1))

    def warn(span: m.Span, what: str, found: list[int]) -> None:
        listed = ", ".join(str(y) for y in found)
        those = _("those years") if len(found) > 1 else _("that year")
        message = _(
            "{what} reaches {listed}: {data_source} has no State Council "
            "holiday schedule for {those}, so its holidays are computed "
            "from the statutory rules and its make-up workdays (调休) are "
            "unknown"
        ).format(what=what, listed=listed, data_source=calendar.data_source, those=those)
        c.report("SLR401", span, message, listed)

    anchors: set[str] = set()
    for period in c.ruleset.periods:
        start = _anchor_date(c, period)
        anchors.update(x for x in (period.anchor, period.through) if isinstance(x, str))
        if start is None or period.months is None or not 1 <= period.months <= MAX_MONTHS:
            continue  # evaluable reports a cycle length out of bounds
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            continue  # and a date out of bounds
        last = term_last_day(c, period)  # with a term, all of it; else the first cycle
        end = last if last is not None else cycle_boundary(start, period.months) - timedelta(days=1)
        found = years(start, end)
        if found:
            span = "term" if last is not None else _("first cycle")
            warn(period.span, f"period {period.name} ({span} {start} to {end})", found)
    for param in c.ruleset.params:
        default = param.default
        if param.name in anchors or default is None or not isinstance(default.value, date):
            continue
        found = years(default.value, default.value)
        if found:
            warn(
                default.span,
                _("the date {date} of parameter {param}").format(
                    date=default.text, param=param.name
                ),
                found,
            )
    for cal in c.ruleset.calendars:
        for day in sorted({*cal.extra_holidays, *cal.extra_workdays}):
            found = years(day, day)
            if found:
                where = c.locate(cal.span, day.isoformat(), after="extra")
                warn(
                    where,
                    _("the date {date} of calendar {calendar}").format(date=day, calendar=cal.name),
                    found,
                )
    for literal in _date_literals(c):
        assert isinstance(literal.value, date)
        found = years(literal.value, literal.value)
        if found:
            warn(literal.span, _("the date {date}").format(date=literal.text), found)


def _anchor_date(c: Checker, period: m.PeriodDef) -> date | None:
    if isinstance(period.anchor, date):
        return period.anchor
    if isinstance(period.anchor, str):
        param = c.params.get(period.anchor)
        if param is not None and param.default is not None:
            value = param.default.value
            if isinstance(value, date):
                return value
    return None


def _date_literals(c: Checker) -> Iterator[m.Literal]:
    for root in all_roots(c.ruleset):
        for node in exprs(root):
            if isinstance(node, m.Literal) and isinstance(node.value, date):
                yield node
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            if isinstance(entry, m.Milestone) and isinstance(entry.by, m.Literal):
                yield entry.by


# ---- scores across periods -----------------------------------------------------------------


def _payment_entry(c: Checker, payment: m.Payment, entry: m.PaymentEntry) -> None:
    user = _("the payment")
    for root in _entry_amounts(entry):
        _expr_uses(c, root, payment.period, user)
    condition = entry_condition(entry)
    if condition is not None:
        _cond_uses(c, condition, payment.period, user)
        _consecutive(c, condition)
    if isinstance(entry, m.LinearDeduction) and isinstance(entry.score, m.Ref):
        _period_use(c, entry.score, payment.period, user)


def _entry_amounts(entry: m.PaymentEntry) -> list[m.Expr]:
    """A payment entry's expressions other than its condition's."""
    if isinstance(entry, m.PaymentBand):
        return [x for x in (entry.score, entry.amount, entry.cap) if x is not None]
    if isinstance(entry, m.BondFirst | m.Flag):
        return []
    if isinstance(entry, m.MoneyLine | m.CapGroup):
        return entry_amounts(entry)
    cap = entry.cap if isinstance(entry, m.LinearDeduction | m.FormulaDeduction) else None
    score = entry.score if isinstance(entry, m.LinearDeduction) else None
    if isinstance(score, m.Ref):
        score = None  # checked as a score name above
    return [x for x in (entry.amount, cap, score) if x is not None]


def _expr_uses(c: Checker, expr: m.Expr, period: str, user: str) -> None:
    """Every score ``expr`` reads, evaluated per ``period`` (conditions of ``if`` too)."""
    _period_use(c, expr, period, user)
    if isinstance(expr, m.BinOp | m.MinMax):
        _expr_uses(c, expr.left, period, user)
        _expr_uses(c, expr.right, period, user)
    elif isinstance(expr, m.Neg):
        _expr_uses(c, expr.operand, period, user)
    elif isinstance(expr, m.IfElse):
        _cond_uses(c, expr.condition, period, user)
        _expr_uses(c, expr.then, period, user)
        _expr_uses(c, expr.otherwise, period, user)


def _cond_uses(c: Checker, cond: m.Condition, period: str, user: str) -> None:
    """Scores a condition reads per ``period``; a ``for N consecutive periods`` comparison
    is read per the period of its first score when that one is finer (or the same)."""
    if isinstance(cond, m.And | m.Or):
        _cond_uses(c, cond.left, period, user)
        _cond_uses(c, cond.right, period, user)
    elif isinstance(cond, m.Not):
        _cond_uses(c, cond.operand, period, user)
    elif isinstance(cond, m.Compare):
        inner, reader = period, user
        if cond.consecutive is not None:
            inner = _run_period(c, cond, period, user)
            if inner != period:
                reader = _("“for {consecutive} consecutive periods” in {user}").format(
                    consecutive=cond.consecutive, user=user
                )
        _expr_uses(c, cond.left, inner, reader)
        _expr_uses(c, cond.right, inner, reader)


def _run_period(c: Checker, cond: m.Compare, period: str, user: str) -> str:
    """The period a ``for N consecutive periods`` comparison steps through: its first
    score's, when that is ``period`` or finer; otherwise SLR410 and ``period``."""
    own = _first_score_period(c, cond)
    if own is None or own not in c.periods or period not in c.periods or _same(c, own, period):
        return period
    inner, outer = _months(c, own), _months(c, period)
    if inner is not None and outer is not None and inner < outer and outer % inner == 0:
        return own
    message = _(
        "{user} is per {period} but “for {consecutive} consecutive "
        "periods” steps through the periods of a score per {own}, "
        "which is not finer than {period}"
    ).format(user=user, period=period, consecutive=cond.consecutive, own=own)
    c.report("SLR410", cond.span, message)
    return own


def _first_score_period(c: Checker, cond: m.Condition) -> str | None:
    """The period of the first scorecard or composite a condition names (as the engine
    picks a flag's period, or a consecutive comparison's)."""
    for name in m.referenced_names(cond):
        period = _score_period(c, name)
        if period is not None:
            return period
    return None


def _score_period(c: Checker, name: str) -> str | None:
    if name in c.scorecards:
        return c.scorecards[name].period
    if name in c.composites:
        return c.composites[name].period
    if name in c.measures:
        return c.measures[name].period
    return None


def _same(c: Checker, a: str, b: str) -> bool:
    if a == b:
        return True
    pa, pb = c.periods.get(a), c.periods.get(b)
    return (
        pa is not None
        and pb is not None
        and (pa.kind, pa.months, pa.anchor)
        == (
            pb.kind,
            pb.months,
            pb.anchor,
        )
    )


def _months(c: Checker, name: str) -> int | None:
    period = c.periods.get(name)
    if period is None:
        return None
    return period.months if period.kind == "cycle" else PERIOD_MONTHS.get(period.kind)


def _period_use(c: Checker, node: m.Expr, period: str, user: str) -> None:
    """A score read in an expression evaluated per ``period``."""
    if not isinstance(node, m.Ref | m.Mean):
        return
    own = _score_period(c, node.name)
    if own is None or own not in c.periods or period not in c.periods:
        return
    if isinstance(node, m.Ref):
        if not _same(c, own, period):
            message = _(
                "{user} is per {period} but {node_name} is per {own}; a "
                "score of another period is read through mean({node_name})"
            ).format(user=user, period=period, node_name=node.name, own=own)
            c.report("SLR410", node.span, message)
        return
    inner, outer = _months(c, own), _months(c, period)
    finer = inner is not None and outer is not None and inner < outer and outer % inner == 0
    if not finer:
        message = _(
            "mean({node_name}) averages {node_name}'s periods ({own}) "
            "inside each {period}, so {own} must be finer than {period}"
        ).format(node_name=node.name, own=own, period=period)
        c.report("SLR411", node.span, message)


def _consecutive(c: Checker, cond: m.Condition) -> None:
    if isinstance(cond, m.And | m.Or):
        _consecutive(c, cond.left)
        _consecutive(c, cond.right)
    elif isinstance(cond, m.Not):
        _consecutive(c, cond.operand)
    elif isinstance(cond, m.Compare) and cond.consecutive is not None:
        refs = [n for side in (cond.left, cond.right) for n in exprs(side) if isinstance(n, m.Ref)]
        if any(n.name not in c.params and not c.scored(n.name) for n in refs):
            return  # an unknown name is reported by the reference checks
        if not any(c.scored(n.name) for n in refs):
            message = _(
                "“for {consecutive} consecutive periods” counts the periods "
                "of a score, but this comparison reads no scorecard or "
                "composite"
            ).format(consecutive=cond.consecutive)
            c.report("SLR412", cond.span, message)
