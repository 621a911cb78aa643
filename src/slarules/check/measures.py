"""Checks of ``measure`` declarations (docs/language.md §9, docs/diagnostics.md).

- names: the measure's period, SLA, metric, tiers and counted period exist (SLR202-SLR209);
- lateness rows: whole-number bounds ≥ 1 and points ≥ 0 (SLR160), no two rows holding
  one unit (SLR331, error), no unit left between two rows (SLR330, warning: a unit
  between rows would cost nothing), a positive ``cap … per ticket`` (SLR160);
- ``percent of … met`` without ``if no tickets``: a window without decided targets leaves
  the measure unknown, and what reads it waits (SLR161, warning);
- ``by FIELD``: not a field the events already have for ``opened`` (SLR162);
- ``count of PERIOD where``: PERIOD no coarser than the window (SLR164); a rolling window
  no longer than the term of its period (SLR430);
- ``per unit of M`` / ``per point below T of M`` in a scorecard: M is per the scorecard's
  period (SLR163); units: a percentage threshold for a percentage measure and points for
  another (SLR110); conditions are typed as everywhere (units.py: a percentage measure
  compared with a plain number is SLR110); a duration measure (``downtime(…)``,
  ``mttr(…)``) is not a number of units (SLR110).
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from .. import model as m
from ..i18n import _
from ..model.measure import OPENED_FIELDS
from .base import Checker
from .references import check_metric, check_tiers
from .units import POINT_UNITS, condition

_OPENED_FIELDS = frozenset(OPENED_FIELDS)


def run(c: Checker) -> None:
    for measure in c.ruleset.measures:
        _measure(c, measure)
    for scorecard in c.ruleset.scorecards:
        for item in m.walk_items(scorecard.entries):
            for rule in item.rules:
                if isinstance(rule, m.CountRule):
                    _counter(c, scorecard, rule.counter)
                elif isinstance(rule, m.PointsTable):
                    for axis in rule.aggregates:
                        if axis.fn == "measure" and axis.ref.name in c.measures:
                            _own_period(c, scorecard, c.measures[axis.ref.name], axis.span)


def _measure(c: Checker, x: m.Measure) -> None:
    if x.period not in c.periods:
        where = c.locate(x.span, x.period, after="per")
        c.unknown("SLR208", _("period"), x.period, c.periods, where)
    body = x.body
    if isinstance(body, m.Lateness | m.AttainmentRate | m.BreachCount):
        _sla_ref(c, body.ref, body.tiers, body.span)
    if isinstance(body, m.Lateness):
        _rows(c, body)
    elif isinstance(body, m.AttainmentRate):
        if body.if_none is None:
            message = _(
                "{x_name}: a window without a met or breached target has no "
                "rate, so the measure is unknown there and what reads it "
                "waits; say what it is with “if no tickets 100%” (or "
                "acknowledge this)"
            ).format(x_name=x.name)
            c.report("SLR161", body.span, message)
        elif body.if_none.number > 100:
            c.report("SLR160", body.if_none.span, _("a rate lies between 0% and 100%"))
    elif isinstance(body, m.PeriodCount):
        _counted_period(c, x, body)
        condition(c, body.condition)
    elif isinstance(body, m.GroupCount):
        if body.sla not in c.slas:
            c.unknown("SLR202", "SLA", body.sla, c.slas, c.locate(body.span, body.sla))
        if body.field in _OPENED_FIELDS:
            message = _(
                "“by {field}” groups by a field every opened event already "
                "has a meaning for; name a field of your own, such as camera "
                "or asset"
            ).format(field=body.field)
            c.report("SLR162", c.locate(body.span, body.field, after="by"), message)
        condition(c, body.condition)
    _rolling(c, x)


def _sla_ref(c: Checker, ref: m.Reference, tiers: tuple[str, ...], span: m.Span) -> None:
    sla = c.slas.get(ref.name)
    if sla is None:
        c.unknown("SLR202", "SLA", ref.name, c.slas, c.locate(span, ref.name))
        return
    if ref.member is not None:
        metrics = [x.name for x in sla.metrics]
        check_metric(c, sla, ref.member, c.locate(span, ref.member), metrics)
    check_tiers(c, sla, tiers, span)


def _rows(c: Checker, body: m.Lateness) -> None:
    """Rows over the started unit's number: whole bounds from 1, no overlap, no gap."""
    if not body.rows:
        c.report("SLR160", body.span, _("a lateness measure needs at least one row"))
    spans: list[tuple[Decimal, Decimal | None, m.LateRow]] = []
    for row in body.rows:
        if row.amount.unit not in POINT_UNITS or row.amount.number < 0:
            found = row.amount.text
            c.report(
                "SLR160",
                row.amount.span,
                _("a row's amount is points ≥ 0, found {found}").format(found=found),
            )
        first_last = _unit_range(row.interval)
        if first_last is None:
            message = _(
                "the bounds of {span} count started units: whole numbers "
                "from 1 (the first unit late is 1), or inf"
            ).format(span=c.text(row.interval.span, _("this row")))
            c.report("SLR160", row.interval.span, message)
            continue
        spans.append((*first_last, row))
    spans.sort(key=lambda s: s[0])
    for (_lo1, hi1, _row1), (lo2, _hi2, row2) in pairwise(spans):
        if hi1 is None or lo2 <= hi1:
            message = _("two rows hold started unit {lo2}; each unit has one rate").format(lo2=lo2)
            c.report("SLR331", row2.interval.span, message, str(lo2))
        elif lo2 > hi1 + 1:
            gap = f"{hi1 + 1}" if lo2 == hi1 + 2 else f"{hi1 + 1}-{lo2 - 1}"
            message = _("no row holds started units {gap}: they would cost nothing").format(gap=gap)
            c.report("SLR330", row2.interval.span, message, gap)
    if body.cap is not None and (body.cap.unit not in POINT_UNITS or body.cap.number <= 0):
        c.report(
            "SLR160",
            body.cap.span,
            _("a cap per ticket is points > 0, found {text}").format(text=body.cap.text),
        )


def _unit_range(interval: m.Interval) -> tuple[Decimal, Decimal | None] | None:
    """The first and last whole unit an interval holds (last None: no end); None when a
    bound is not a plain whole number ≥ 1 (or inf above)."""
    low, high = interval.low, interval.high
    for bound in (low, high):
        value = bound.value
        if value is None:
            continue
        if bound.negative or value.unit is not m.Unit.NUMBER:
            return None
        if value.number != value.number.to_integral_value() or value.number < 1:
            return None
    if low.value is None:
        return None
    first = low.value.number + (0 if low.closed else 1)
    if high.value is None:
        return first, None
    last = high.value.number - (0 if high.closed else 1)
    return (first, last) if last >= first else None


def _counted_period(c: Checker, x: m.Measure, body: m.PeriodCount) -> None:
    counted = c.periods.get(body.period)
    if counted is None:
        where = c.locate(body.span, body.period, after="of")
        c.unknown("SLR208", _("period"), body.period, c.periods, where)
        return
    own = c.periods.get(x.period)
    window = int(x.rolling.number) if x.rolling is not None else _months(own)
    if window is not None and (_months(counted) or 0) > window:
        message = _(
            "{x_name} counts {period} instances inside a window of "
            "{window} months; a {period} is longer, so none fits"
        ).format(x_name=x.name, period=body.period, window=window)
        c.report("SLR164", c.locate(body.span, body.period, after="of"), message)


def _months(p: m.PeriodDef | None) -> int | None:
    if p is None:
        return None
    return {"month": 1, "quarter": 3, "year": 12}.get(p.kind, p.months)


def _rolling(c: Checker, x: m.Measure) -> None:
    if x.rolling is None:
        return
    months = x.rolling.number
    if not 1 <= months <= 120:
        c.report("SLR106", x.rolling.span, _("a rolling window is 1 to 120 months"))
        return
    period = c.periods.get(x.period)
    if period is None or period.kind != "cycle" or not isinstance(period.count, int):
        return
    term = (period.months or 0) * period.count
    if months > term:
        message = _(
            "a rolling window of {text} is longer than the term of "
            "{period_name} ({term} months): its first months lie before "
            "the contract"
        ).format(text=x.rolling.text, period_name=period.name, term=term)
        c.report("SLR430", x.rolling.span, message)


def _own_period(c: Checker, card: m.Scorecard, measure: m.Measure, span: m.Span) -> None:
    if measure.period != card.period:
        message = _(
            "{measure_name} is a measure per {period}, scorecard "
            "{card_name} per {period2}; an item reads a measure of its "
            "own period"
        ).format(
            measure_name=measure.name,
            period=measure.period,
            card_name=card.name,
            period2=card.period,
        )
        c.report("SLR163", span, message)


def _counter(c: Checker, card: m.Scorecard, counter: m.Counter) -> None:
    name = None
    if isinstance(counter, m.PerPointBelow):
        name = counter.measure
    elif isinstance(counter, m.PerUnit) and counter.kind in c.measures:
        name = counter.kind
    if name is None or name not in c.measures:
        return
    measure = c.measures[name]
    _own_period(c, card, measure, c.locate(counter.span, name, after="of"))
    if measure.is_duration:
        message = _(
            "{name} is a duration (working time); compare it with a duration in a "
            "condition or a points table instead, such as {name} > 24h"
        ).format(name=name)
        c.report("SLR110", c.locate(counter.span, name, after="of"), message)
        return
    if isinstance(counter, m.PerPointBelow):
        percent = counter.threshold.unit is m.Unit.PERCENT
        if percent != measure.is_percentage:
            wanted = _("a percentage") if measure.is_percentage else _("a number")
            found = counter.threshold.text
            message = _("{name} is {wanted}; the threshold must be too, found {found}").format(
                name=name, wanted=wanted, found=found
            )
            c.report("SLR110", counter.threshold.span, message)
