"""Periods: provisional calendar years, and scores used across periods.

- A contract period that reaches a year whose State Council holiday schedule is not in the
  holiday data (holidays 0.108: 2027 onward) is evaluated with computed holidays and no
  make-up workdays (SPEC §3.4). ``check`` warns (SLR401) for the first cycle of every
  ``cycle … from`` period and for every literal date, when the file uses China's day source.
- A composite or payment reads scores of its own period; a score of another period needs
  ``mean(X)`` (SLR410), and ``mean`` needs X's period to be finer (SLR411).
- ``for N consecutive periods`` counts the periods of a score, so it needs one (SLR412).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .. import model as m
from ..calendar import Calendar
from .base import Checker
from .walk import all_roots, entry_exprs, exprs

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def run(c: Checker) -> None:
    _provisional(c)
    for composite in c.ruleset.composites:
        user = f"composite {composite.name}"
        for node in exprs(composite.expr):
            _period_use(c, node, composite.period, user)
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            _payment_entry(c, payment, entry)
    for flag in c.ruleset.flags:
        _consecutive(c, flag.condition)


# ---- provisional years ---------------------------------------------------------------------


def _uses_china_days(c: Checker) -> bool:
    if any(cal.days == "CN" for cal in c.ruleset.calendars):
        return True
    milestones = (e for p in c.ruleset.payments for e in p.entries if isinstance(e, m.Milestone))
    return any(x.delay.unit is m.Unit.WORKDAYS for x in milestones)


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
        plural = "s" if len(found) > 1 else ""
        message = (
            f"{what} reaches {listed}: {calendar.data_source} has no State Council holiday "
            f"schedule for that year{plural}, so its holidays are computed from the statutory "
            f"rules and its make-up workdays (调休) are unknown"
        )
        c.report("SLR401", span, message, listed)

    anchors: set[str] = set()
    for period in c.ruleset.periods:
        start = _anchor_date(c, period)
        if isinstance(period.anchor, str):
            anchors.add(period.anchor)
        if start is None or period.months is None or period.months < 1:
            continue
        end = add_months(start, period.months) - timedelta(days=1)
        found = years(start, end)
        if found:
            warn(period.span, f"period {period.name} (first cycle {start} to {end})", found)
    for param in c.ruleset.params:
        default = param.default
        if param.name in anchors or default is None or not isinstance(default.value, date):
            continue
        found = years(default.value, default.value)
        if found:
            warn(default.span, f"the date {default.text} of parameter {param.name}", found)
    for cal in c.ruleset.calendars:
        for day in sorted({*cal.extra_holidays, *cal.extra_workdays}):
            found = years(day, day)
            if found:
                where = c.locate(cal.span, day.isoformat(), after="extra")
                warn(where, f"the date {day} of calendar {cal.name}", found)
    for literal in _date_literals(c):
        assert isinstance(literal.value, date)
        found = years(literal.value, literal.value)
        if found:
            warn(literal.span, f"the date {literal.text}", found)


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


def add_months(day: date, months: int) -> date:
    """The corresponding date ``months`` later, or that month's last day (Civil Code 202)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (following - timedelta(days=1)).day))


def _date_literals(c: Checker) -> Iterator[m.Literal]:
    for root in all_roots(c.ruleset):
        for node in exprs(root):
            if isinstance(node, m.Literal) and isinstance(node.value, date):
                yield node


# ---- scores across periods -----------------------------------------------------------------


def _payment_entry(c: Checker, payment: m.Payment, entry: m.PaymentEntry) -> None:
    user = "the payment"
    for root in entry_exprs(entry):
        for node in exprs(root):
            _period_use(c, node, payment.period, user)
    if isinstance(entry, m.LinearDeduction):
        where = c.locate(entry.span, entry.score, after="in")
        _period_use(c, m.Ref(entry.score, span=where), payment.period, user)
    if isinstance(entry, m.Flag | m.FormulaDeduction | m.Damages):
        _consecutive(c, entry.condition)


def _score_period(c: Checker, name: str) -> str | None:
    if name in c.scorecards:
        return c.scorecards[name].period
    if name in c.composites:
        return c.composites[name].period
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
            message = (
                f"{user} is per {period} but {node.name} is per {own}; a score of another "
                f"period is read through mean({node.name})"
            )
            c.report("SLR410", node.span, message)
        return
    inner, outer = _months(c, own), _months(c, period)
    finer = inner is not None and outer is not None and inner < outer and outer % inner == 0
    if not finer:
        message = (
            f"mean({node.name}) averages {node.name}'s periods ({own}) inside each {period}, "
            f"so {own} must be finer than {period}"
        )
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
            message = (
                f"“for {cond.consecutive} consecutive periods” counts the periods of a score, "
                f"but this comparison reads no scorecard or composite"
            )
            c.report("SLR412", cond.span, message)
