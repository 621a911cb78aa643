"""Bands and grade tables over their whole domain (SPEC §9), and the points an item can hold.

- payment bands (``pay band``/``deduct band``): the score axis is [0, 100], reaching down to
  -inf when a contributing item has ``no floor`` (扣分不设下限). Scores are decimals, so
  ``[80, 89]`` then ``[90, 100]`` leaves 89.5 without a percentage: an error (SLR303), since
  the money is then undefined. Overlapping rows with different percentages are SLR304.
- judged grade tables: the points axis is [0, item max], in steps of ``step`` when given.
- points tables: one axis per aggregate; counts are whole numbers ≥ 0, downtime and MTTR are
  durations ≥ 0. Rows are boxes; the uncovered and doubly covered regions are reported.

Gaps and overlaps in grade tables, and overlaps in points tables, are warnings
(SLR301/SLR302): a contract may leave them, and the rule file may keep them by stating its
reading in an acknowledgement; a judgement outside every grade is the judgement's error, and
where rows overlap the first applies. A gap in a points table is an error (SLR306), like a
gap in a payment band: the points come from counted evidence, nobody chooses them, so a
period whose counts fall in the gap would have no score and could not be evaluated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .. import model as m
from ..i18n import _
from ..language.printer import aggregate_text, interval_text
from .base import Checker, describe_literal, fmt_decimal, fmt_seconds, points
from .regions import Axis, Range, Region, TableTooLarge, coverage, describe, is_whole
from .score_range import score_range
from .units import is_percentage

POINT_UNITS = frozenset({m.Unit.NUMBER, m.Unit.POINTS})
COUNT_UNITS = frozenset({m.Unit.NUMBER, m.Unit.COUNT})
DURATION_UNITS = frozenset({m.Unit.DURATION})
PERCENT_UNITS = frozenset({m.Unit.PERCENT})
ZERO = Decimal(0)
HUNDRED = Decimal(100)
HOUR = Decimal(3600)


def run(c: Checker) -> None:
    for scorecard in c.ruleset.scorecards:
        for item in m.walk_items(scorecard.entries):
            _check_item(c, item)
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            if isinstance(entry, m.PaymentBand):
                _check_band(c, entry)


# ---- intervals -----------------------------------------------------------------------------


def interval_ok(c: Checker, interval: m.Interval, units: frozenset[m.Unit], what: str) -> bool:
    """Report bounds of the wrong unit (SLR110) and empty intervals (SLR124); True when the
    interval can take part in a coverage check."""
    ok = True
    for bound in (interval.low, interval.high):
        if bound.value is not None and bound.value.unit not in units:
            found = describe_literal(bound.value)
            c.report(
                "SLR110",
                bound.value.span,
                _("expected {what}, found {found}").format(what=what, found=found),
            )
            ok = False
    if ok and to_range(interval).empty:
        text = interval_text(interval)
        c.report(
            "SLR124",
            interval.span,
            _("interval {text} is empty: no value lies in it").format(text=text),
        )
        ok = False
    return ok


def to_range(interval: m.Interval) -> Range:
    return Range(
        interval.low.number, interval.low.closed, interval.high.number, interval.high.closed
    )


def _within_item(c: Checker, item: m.Item, interval: m.Interval, what: str) -> None:
    """Points an assessor may give must be finite and lie in [0, item max] (SLR125)."""
    r = to_range(interval)
    top = points(item.max)
    text = interval_text(interval)
    if r.low is None or r.high is None:
        c.report(
            "SLR125",
            interval.span,
            _("{what} {text} needs two finite ends").format(what=what, text=text),
        )
    elif r.low < 0 or r.high > top:
        message = _("{what} {text} goes outside item {item_name}'s range [0, {text2}]").format(
            what=what, text=text, item_name=item.name, text2=item.max.text
        )
        c.report("SLR125", interval.span, message)


# ---- items ---------------------------------------------------------------------------------


def _check_item(c: Checker, item: m.Item) -> None:
    if item.default is not None and not ZERO <= points(item.default) <= points(item.max):
        message = _("default {text} lies outside item {item_name}'s range [0, {text2}]").format(
            text=item.default.text, item_name=item.name, text2=item.max.text
        )
        c.report("SLR125", item.default.span, message)
    for rule in item.rules:
        if isinstance(rule, m.CountRule):
            _check_count_rule(c, item, rule)
        elif isinstance(rule, m.JudgedRule):
            _check_grades(c, item, rule)
        else:
            _check_points_table(c, item, rule)


def _check_count_rule(c: Checker, item: m.Item, rule: m.CountRule) -> None:
    if isinstance(rule.counter, m.PerNOccurrences) and rule.counter.n < 1:
        message = _("“per {n} occurrences” needs a whole number ≥ 1").format(n=rule.counter.n)
        c.report("SLR106", rule.counter.span, message)
    if isinstance(rule.amount, m.JudgedRange):
        interval = rule.amount.interval
        if interval_ok(c, interval, POINT_UNITS, "points"):
            _within_item(c, item, interval, _("judged range"))


def _check_grades(c: Checker, item: m.Item, rule: m.JudgedRule) -> None:
    step: Decimal | None = None
    if rule.step is not None:
        if rule.step.unit not in POINT_UNITS:
            c.report(
                "SLR110",
                rule.step.span,
                _("expected points, found {step}").format(step=describe_literal(rule.step)),
            )
        elif rule.step.number <= 0:
            c.report(
                "SLR125",
                rule.step.span,
                _("step {text} must be more than 0 points").format(text=rule.step.text),
            )
        else:
            step = rule.step.number
    usable = []
    for grade in rule.grades:
        if interval_ok(c, grade.interval, POINT_UNITS, "points"):
            _within_item(
                c, item, grade.interval, _("grade {grade_name}").format(grade_name=grade.name)
            )
            usable.append(grade)
    if not rule.grades or len(usable) != len(rule.grades):
        return
    domain = Range(ZERO, True, points(item.max), True)
    axis = Axis("points", domain, step, fmt_decimal)
    labels = [f"{g.name} {interval_text(g.interval)}" for g in usable]
    spans = [g.span for g in usable]
    table = _("grade table of item {item_name}").format(item_name=item.name)
    rows = [(to_range(g.interval),) for g in usable]
    _report_coverage(c, table, rule.span, [axis], rows, labels, spans, overlap_code=_warn_overlap)


def _aggregate_axis(
    c: Checker, aggregate: m.Aggregate, text: str
) -> tuple[Axis, frozenset[m.Unit], str]:
    if aggregate.fn == "availability":
        axis = Axis(text, Range(ZERO, True, HUNDRED, True), None, fmt_percent)
        return axis, PERCENT_UNITS, "a percentage"
    measure = c.measures.get(aggregate.ref.name) if aggregate.fn == "measure" else None
    if measure is not None and measure.is_percentage:
        axis = Axis(text, Range(ZERO, True, Decimal(100), True), None, fmt_decimal)
        return axis, PERCENT_UNITS, "a percentage"
    if aggregate.fn == "measure" and (measure is None or not measure.is_duration):
        # points or a count: a number, maybe fractional
        axis = Axis(text, Range(ZERO, True, None, False), None, fmt_decimal)
        return axis, COUNT_UNITS | {m.Unit.POINTS}, "a number"
    if aggregate.fn == "count":
        axis = Axis(text, Range(ZERO, True, None, False), Decimal(1), fmt_decimal)
        return axis, COUNT_UNITS, _("a count")
    axis = Axis(text, Range(ZERO, True, None, False), None, fmt_seconds, HOUR)
    return axis, DURATION_UNITS, _("a duration")


def _check_points_table(c: Checker, item: m.Item, table: m.PointsTable) -> None:
    axes_units = [_aggregate_axis(c, a, aggregate_text(a)) for a in table.aggregates]
    usable = True
    for row in table.rows:
        if len(row.intervals) != len(table.aggregates):
            message = _(
                "this row gives {count} interval(s) but the table is by "
                "{count2} aggregate(s): one interval per aggregate, in order"
            ).format(count=len(row.intervals), count2=len(table.aggregates))
            c.report("SLR128", row.span, message)
            usable = False
            continue
        for interval, (_axis, units, what) in zip(row.intervals, axes_units, strict=True):
            usable = interval_ok(c, interval, units, what) and usable
            if usable and units is PERCENT_UNITS:
                usable = _within_percent(c, interval)
        _check_row_value(c, item, row)
    if not usable:
        return
    # A table without rows leaves its whole domain uncovered: a gap like any other (SLR306),
    # not a table with nothing to check (its every period stopped at SLR961).
    axes = [axis for axis, _units, _what in axes_units]
    rows = [tuple(to_range(i) for i in row.intervals) for row in table.rows]
    labels = [_row_label(row) for row in table.rows]
    spans = [row.span for row in table.rows]
    name = _("points table of item {item_name}").format(item_name=item.name)
    _report_coverage(
        c, name, table.span, axes, rows, labels, spans, overlap_code=_warn_overlap, gap="SLR306"
    )


def _check_row_value(c: Checker, item: m.Item, row: m.BandRow) -> None:
    value = row.value
    if isinstance(value, m.JudgedRange):
        if interval_ok(c, value.interval, POINT_UNITS, "points"):
            _within_item(c, item, value.interval, _("judged range"))
    elif value.unit not in POINT_UNITS:
        c.report(
            "SLR110",
            value.span,
            _("expected points, found {value}").format(value=describe_literal(value)),
        )
    elif not ZERO <= points(value) <= points(item.max):
        message = _("{text} points lie outside item {item_name}'s range [0, {text2}]").format(
            text=value.text, item_name=item.name, text2=item.max.text
        )
        c.report("SLR125", value.span, message)


def _row_label(row: m.BandRow) -> str:
    intervals = ", ".join(interval_text(i) for i in row.intervals)
    return f"{row.grade} {intervals}" if row.grade else intervals


# ---- payment bands -------------------------------------------------------------------------


def fmt_percent(value: Decimal) -> str:
    return f"{fmt_decimal(value)}%"


def _check_band(c: Checker, band: m.PaymentBand) -> None:
    percentage = is_percentage(c, band.score)
    units, what = (PERCENT_UNITS, "a percentage") if percentage else (POINT_UNITS, _("a score"))
    usable = True
    for row in band.rows:
        usable = interval_ok(c, row.interval, units, what) and usable
        if row.percent.unit is not m.Unit.PERCENT:
            found = describe_literal(row.percent)
            c.report(
                "SLR110",
                row.percent.span,
                _("expected a percentage, found {found}").format(found=found),
            )
        if percentage and usable:
            usable = _within_percent(c, row.interval)
    if not usable:
        return
    if percentage:
        # A share of the period lies in [0%, 100%]: the axis is that, nothing beyond.
        axis = Axis("percentages", Range(ZERO, True, HUNDRED, True), None, fmt_percent)
    else:
        # Scores lie in [0, 100], or wider where the expression can leave it (a
        # composite ``卡 * 2 - 50`` reaches 150; ``no floor`` reaches below zero).
        lowest, highest = score_range(c, band.score)
        low = None if reaches_below_zero(c, band.score) or lowest.is_infinite() else ZERO
        if low is not None and lowest < ZERO:
            low = lowest
        high = None if highest.is_infinite() else max(HUNDRED, highest)
        axis = Axis(
            "scores", Range(low, low is not None, high, high is not None), None, fmt_decimal
        )
    kind = _("payment band") if band.mode == "pay" else _("deduction band")
    name = f"{kind} {c.text(band.score.span)}"
    rows = [(to_range(r.interval),) for r in band.rows]
    labels = [f"{interval_text(r.interval)} → {r.percent.text}" for r in band.rows]
    spans = [r.span for r in band.rows]

    def overlap_code(region: Region) -> str:
        return "SLR304" if region.mixed else "SLR302"

    percents = [points(r.percent) for r in band.rows]
    _report_coverage(
        c,
        name,
        band.span,
        [axis],
        rows,
        labels,
        spans,
        overlap_code=overlap_code,
        gap="SLR303",
        row_labels=percents,
    )


def _within_percent(c: Checker, interval: m.Interval) -> bool:
    """A row of a band over a percentage must lie in [0%, 100%] (SLR125): availability
    is never above 100% nor below 0%, so such a row is a typo (99.5 for 99.5%?)."""
    r = to_range(interval)
    if r.low is None or r.high is None or r.low < ZERO or r.high > HUNDRED:
        text = interval_text(interval)
        c.report(
            "SLR125", interval.span, _("band row {text} goes outside [0%, 100%]").format(text=text)
        )
        return False
    return True


def reaches_below_zero(c: Checker, expr: m.Expr) -> bool:
    """True when a score the expression reads can go below zero: some item of a
    contributing scorecard has ``no floor`` (guangxi: 扣分不设下限)."""
    seen: set[str] = set()

    def visit_name(name: str) -> bool:
        if name in seen:
            return False
        seen.add(name)
        if name in c.scorecards:
            return any(not i.floor for i in m.walk_items(c.scorecards[name].entries))
        if name in c.composites:
            return visit(c.composites[name].expr)
        return False

    def visit(e: m.Expr) -> bool:
        if isinstance(e, m.Ref | m.Mean):
            return visit_name(e.name)
        if isinstance(e, m.BinOp | m.MinMax):
            return visit(e.left) or visit(e.right)
        if isinstance(e, m.Neg):
            return visit(e.operand)
        if isinstance(e, m.IfElse):
            return visit(e.then) or visit(e.otherwise)
        return False

    return visit(expr)


# ---- reporting -----------------------------------------------------------------------------


def _warn_overlap(region: Region) -> str:
    return "SLR302"


def _report_coverage(
    c: Checker,
    table: str,
    span: m.Span,
    axes: Sequence[Axis],
    rows: Sequence[tuple[Range, ...]],
    labels: Sequence[str],
    spans: Sequence[m.Span],
    *,
    overlap_code: Callable[[Region], str],
    gap: str = "SLR301",
    row_labels: Sequence[object] | None = None,
) -> None:
    try:
        gaps, overlaps = coverage(axes, rows, row_labels)
    except TableTooLarge as exc:
        message = _(
            "{table} is too large to check for gaps and overlaps: its "
            "{count} aggregates cut the domain into {cells} cells to "
            "test against {rows} rows; split it into smaller tables"
        ).format(table=table, count=len(axes), cells=exc.cells, rows=exc.rows)
        c.report("SLR305", span, message)  # an error: an unverified table may not evaluate
        return
    for region in gaps:
        c.report(
            gap,
            span,
            _("{table} leaves {axes} uncovered").format(table=table, axes=_where(axes, region)),
            _witness(axes, region),
        )
    for region in overlaps:
        first, second = region.rows[0], region.rows[1]
        message = _("{table}: rows {labels} and {labels2} both cover {axes}").format(
            table=table, labels=labels[first], labels2=labels[second], axes=_where(axes, region)
        )
        c.report(overlap_code(region), spans[second], message, _witness(axes, region))


def _where(axes: Sequence[Axis], region: Region) -> str:
    if len(axes) == 1:
        return f"{axes[0].name} {describe(axes[0], region.ranges[0])}"
    parts = []
    for axis, r in zip(axes, region.ranges, strict=True):
        parts.append(
            _("any {axis_name}").format(axis_name=axis.name)
            if is_whole(axis, r)
            else f"{axis.name} {describe(axis, r)}"
        )
    return _(" and ").join(parts)


def _witness(axes: Sequence[Axis], region: Region) -> str:
    if len(axes) == 1:
        return axes[0].fmt(region.witness[0])
    return ", ".join(f"{a.name} = {a.fmt(w)}" for a, w in zip(axes, region.witness, strict=True))
