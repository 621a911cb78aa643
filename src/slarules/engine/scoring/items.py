"""One scorecard item: its rules, applied to the evidence of one period (and sheet).

docs/language.md §5. An item starts at its max (or, for a judged item or a points table,
at the points the judgement or the table gives). Count rules then deduct (or award)
``amount × quantity``, each limited by its own ``cap``; the item's ``cap`` limits the total
deducted; the score never exceeds max and, unless ``no floor``, never goes below zero.

Every adjustment is a line of its own (``cap``, ``max``, ``floor``), so the lines explain
the score: score = start + Σ line points (count rules and adjustments).

Judged amounts (``deduct judged [5, 20] per occurrence of K``): each occurrence's
``points`` must lie in the range (else SLR951, naming the event), and counts ``points ×
count``. An occurrence without ``points`` leaves the item without a score (the period is
incomplete) rather than guessing a severity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs
from attrs import frozen

from ... import model as m
from ...calendar.periods import PeriodInstance
from ...i18n import _
from ...language.literals import decimal_text
from ...language.printer import aggregate_text, interval_text, row_text, rule_text
from ..evidence import Judgement, Occurrence
from .aggregates import CalendarLookup, Matched, View, aggregate, count
from .availability import Availability, percent_text
from .errors import event_error, rule_error
from .measures import points_below, value_text
from .occurrence_texts import occurrence_text
from .results import ItemResult, Line, MeasureResult, iso_duration

ZERO = Decimal(0)


# ---- evaluation -----------------------------------------------------------------------------


AvailabilityLookup = Callable[[m.Aggregate, PeriodInstance], Availability]


@frozen
class ItemEnv:
    """What an item needs beyond its view: where to point errors and missing inputs."""

    model: m.RuleFile
    scorecard: str
    where: str  # e.g. "运维工作考核 2026 (sheet 监理)", used in missing-input messages
    events_path: str
    calendar_for: CalendarLookup
    # A measure of the item's period instance by name (``per unit of`` / ``per point
    # below … of`` a measure); None where no measure is known (items built by hand).
    measure: Callable[[str], MeasureResult] | None = None
    # ``availability(SLA.METRIC)`` over a period (it reads tickets and maintenance windows
    # beyond the view: outages reaching in from an earlier period); None: not available.
    availability: AvailabilityLookup | None = None


@frozen
class ItemOutcome:
    result: ItemResult
    missing: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def evaluate_item(item: m.Item, group: str | None, view: View, env: ItemEnv) -> ItemOutcome:
    """Score one item over a view (see module docstring)."""
    maximum = item.max.number
    bases = [r for r in item.rules if isinstance(r, m.JudgedRule | m.PointsTable)]
    if len(bases) > 1:
        raise rule_error(
            env.model,
            bases[1].span,
            "SLR965",
            _(
                "item {item_name} has more than one judged or points rule; "
                "an item starts from one of them"
            ).format(item_name=item.name),
        )
    missing: list[str] = []
    warnings: list[str] = []
    lines: list[Line] = []
    start: Decimal | None = maximum
    if bases:
        base_line, base_missing, base_warnings = _base(item, bases[0], view, env)
        lines.append(base_line)
        missing.extend(base_missing)
        warnings.extend(base_warnings)
        start = base_line.points
    count_lines: list[Line] = []
    for rule in item.rules:
        if isinstance(rule, m.CountRule):
            line, rule_missing = _count_rule(item, rule, view, env)
            count_lines.append(line)
            missing.extend(rule_missing)
    lines.extend(count_lines)
    if start is None or any(line.points is None for line in count_lines):
        return ItemOutcome(
            ItemResult(item.name, group, maximum, None, tuple(lines)), tuple(missing)
        )
    adjustments, score = _limits(item, start, count_lines)
    lines.extend(adjustments)
    result = ItemResult(item.name, group, maximum, score, tuple(lines))
    return ItemOutcome(result, tuple(missing), tuple(warnings))


def _limits(
    item: m.Item, start: Decimal, count_lines: Sequence[Line]
) -> tuple[list[Line], Decimal]:
    """Apply the item cap, the max and the floor, each as a line of its own."""
    points = [line.points for line in count_lines if line.points is not None]
    deducted = -sum((p for p in points if p < 0), ZERO)
    awarded = sum((p for p in points if p > 0), ZERO)
    out: list[Line] = []
    if item.cap is not None and deducted > item.cap.number:
        give_back = deducted - item.cap.number
        out.append(Line(f"cap {item.cap.text}", item.cite, None, give_back, kind="adjust"))
        deducted = item.cap.number
    score = start - deducted + awarded
    maximum = item.max.number
    if score > maximum:
        out.append(Line(f"max {item.max.text}", None, None, maximum - score, kind="adjust"))
        score = maximum
    if item.floor and score < 0:
        out.append(Line("floor 0", item.cite, None, -score, kind="adjust"))
        score = ZERO
    return out, score


def _measured(counter: m.Counter, env: ItemEnv) -> MeasureResult | None:
    """The measure a counter reads, when it reads one."""
    if env.measure is None:
        return None
    if isinstance(counter, m.PerPointBelow):
        return env.measure(counter.measure)
    if isinstance(counter, m.PerUnit) and counter.kind in {x.name for x in env.model.measures}:
        return env.measure(counter.kind)
    return None


def _from_measure(counter: m.Counter, result: MeasureResult) -> Matched:
    """``per unit of M``: M's value; ``per point below T of M``: how far M lies below T."""
    assert result.value is not None
    quantity = result.value
    if isinstance(counter, m.PerPointBelow):
        quantity = points_below(counter.threshold, result.value, result.percentage)
    head = f"{result.name} = {value_text(result.value, result.percentage, result.duration)}"
    return Matched(quantity, (head, *result.inputs))


def _count_rule(
    item: m.Item, rule: m.CountRule, view: View, env: ItemEnv
) -> tuple[Line, list[str]]:
    text = rule_text(rule)
    measured = _measured(rule.counter, env)
    if measured is not None and measured.value is None:
        return Line(text, rule.cite, None, None), list(measured.missing)
    found = count(rule.counter, view) if measured is None else _from_measure(rule.counter, measured)
    if isinstance(rule.amount, m.JudgedRange):
        total, missing = _judged_total(item, rule, rule.amount, found, env)
    else:
        total, missing = rule.amount.number * found.quantity, []
    if total is not None and rule.cap is not None and total > rule.cap.number:
        total = rule.cap.number
        text += _(" (capped at {cap})").format(cap=rule.cap.text)
    points = None if total is None else rule.sign * total
    line = Line(
        text,
        rule.cite,
        found.quantity,
        points,
        found.evidence,
        found.superseded,
        found.excluded,
    )
    return line, missing


def _judged_total(
    item: m.Item, rule: m.CountRule, amount: m.JudgedRange, found: Matched, env: ItemEnv
) -> tuple[Decimal | None, list[str]]:
    """Σ points × count over the occurrences; None when an occurrence has no points yet."""
    if not isinstance(rule.counter, m.PerOccurrence | m.PerUnit):
        raise rule_error(
            env.model,
            rule.span,
            "SLR965",
            _("a judged amount needs an occurrence counter (each occurrence carries its points)"),
        )
    total, missing = ZERO, []
    for occ in found.occurrences:
        if occ.points is None:
            missing.append(
                _("{where}: points for {occurrence} ({kind}, item {item_name})").format(
                    where=env.where,
                    occurrence=occurrence_text(occ),
                    kind=occ.kind,
                    item_name=item.name,
                )
            )
            continue
        if not amount.interval.contains(occ.points):
            raise event_error(
                env.events_path,
                occ.event,
                "SLR951",
                _("{kind} points {points} are outside {interval} (item {item_name})").format(
                    kind=occ.kind,
                    points=decimal_text(occ.points),
                    interval=interval_text(amount.interval),
                    item_name=item.name,
                ),
            )
        total += occ.points * occ.count
    return (None if missing else total), missing


def latest_judgement(view: View, item: str, scorecard: str) -> Judgement | None:
    """The latest judgement for ``item`` in the view (ties: the later line)."""
    found = [
        j
        for j in view.judgements
        if j.item == item and (j.scorecard is None or j.scorecard == scorecard)
    ]
    return max(found, key=lambda j: (j.at, j.event.line), default=None)


def _base(
    item: m.Item, rule: m.JudgedRule | m.PointsTable, view: View, env: ItemEnv
) -> tuple[Line, list[str], list[str]]:
    if isinstance(rule, m.JudgedRule):
        line, missing = _judged(item, rule, view, env)
        return line, missing, []
    return _table(item, rule, view, env)


def _missing_or_default(
    item: m.Item, rule_text_: str, cite: str | None, env: ItemEnv, allowed: m.Interval | None
) -> tuple[Line, list[str]]:
    """No judgement: the item's ``default`` (when it fits), else a missing input."""
    default = item.default
    if default is not None and (allowed is None or allowed.contains(default.number)):
        text = _("{rule}: no judgement, default {default}").format(
            rule=rule_text_, default=default.text
        )
        return Line(text, cite, None, default.number, kind="base"), []
    message = _("{where}: judgement for item {item_name}").format(
        where=env.where, item_name=item.name
    )
    text = _("{rule}: no judgement").format(rule=rule_text_)
    return Line(text, cite, None, None, kind="base"), [message]


def _judged(item: m.Item, rule: m.JudgedRule, view: View, env: ItemEnv) -> tuple[Line, list[str]]:
    text = rule_text(rule)
    judgement = latest_judgement(view, item.name, env.scorecard)
    if judgement is None:
        line, missing = _missing_or_default(item, text, rule.cite, env, None)
        return _forced_default(rule, view, line), missing
    points = judgement.points
    problem = None
    if not ZERO <= points <= item.max.number:
        problem = _("outside [0, {text}]").format(text=item.max.text)
    elif rule.step is not None and rule.step.number and points % rule.step.number != 0:
        problem = _("not a multiple of step {text}").format(text=rule.step.text)
    grade = next((g for g in rule.grades if g.interval.contains(points)), None)
    if problem is None and rule.grades and grade is None:
        problem = _("in none of the grades {grades}").format(
            grades=", ".join(f"{g.name} {interval_text(g.interval)}" for g in rule.grades)
        )
    if problem is not None:
        raise event_error(
            env.events_path,
            judgement.event,
            "SLR952",
            _("judgement {points} for {item_name} is {problem}").format(
                points=decimal_text(points), item_name=item.name, problem=problem
            ),
        )
    evidence = [str(judgement.event)]
    forced = _forcing(rule, view)
    if forced is not None and forced[0] is not grade:
        grade, occurrences = forced
        top = _top(grade, rule)
        if top is None or points > top:  # a judgement below the forced grade stands
            lowered = decimal_text(points)
            points = top if top is not None else points
            evidence[0] += _(": judgement {judged} lowered to {points}").format(
                judged=lowered, points=decimal_text(points)
            )
        evidence += _forced_evidence(grade, occurrences)
        grade = next((g for g in rule.grades if g.interval.contains(points)), grade)
    grade_name = grade.name if grade is not None else None
    if grade is not None:
        text += f" {grade.name} {interval_text(grade.interval)}"
    cite = grade.cite if grade is not None and grade.cite else rule.cite
    return Line(text, cite, None, points, tuple(evidence), grade=grade_name, kind="base"), []


def _forced_evidence(grade: m.Grade, occurrences: Sequence[Occurrence]) -> list[str]:
    return [
        _("{grade} forced by {kind} {occurrence}").format(
            grade=grade.name, kind=grade.forced_by, occurrence=occurrence_text(o)
        )
        for o in occurrences
    ]


def _forced_default(rule: m.JudgedRule, view: View, line: Line) -> Line:
    """The item's ``default`` (no judgement), lowered like a judgement to a forced grade."""
    forced = _forcing(rule, view)
    if line.points is None or forced is None:
        return line
    grade, occurrences = forced
    top = _top(grade, rule)
    if top is None or line.points <= top:
        return line
    lowered = _("default {default} lowered to {points}").format(
        default=decimal_text(line.points), points=decimal_text(top)
    )
    evidence = (lowered, *_forced_evidence(grade, occurrences))
    return attrs.evolve(line, points=top, evidence=evidence, grade=grade.name)


def _forcing(rule: m.JudgedRule, view: View) -> tuple[m.Grade, list[Occurrence]] | None:
    """The first grade ``when occurrence of KIND`` with such an occurrence in the period,
    and those occurrences (sichuan: 服务期间出现弱口令事件 → 较差)."""
    for grade in rule.grades:
        if grade.forced_by is not None:
            found = [o for o in view.occurrences if o.kind == grade.forced_by]
            if found:
                return grade, found
    return None


def _top(grade: m.Grade, rule: m.JudgedRule) -> Decimal | None:
    """The highest points a grade allows: its upper bound, or one step under an open one."""
    high = grade.interval.high
    value = high.number
    if value is None:
        return None
    if high.closed:
        return value
    step = rule.step.number if rule.step is not None else None
    return value - step if step else None


def _table(
    item: m.Item, rule: m.PointsTable, view: View, env: ItemEnv
) -> tuple[Line, list[str], list[str]]:
    values: list[Matched] = []
    for agg in rule.aggregates:
        if agg.fn != "measure":
            values.append(_table_value(agg, view, env))
            continue
        measured = env.measure(agg.ref.name) if env.measure is not None else None
        if measured is None or measured.value is None:
            waits = list(measured.missing) if measured else [f"{env.where}: {agg.ref.name}"]
            text = "points by " + ", ".join(aggregate_text(a) for a in rule.aggregates)
            return Line(text, rule.cite, None, None, kind="base"), waits, []
        values.append(_table_axis(measured))
    numbers = [v.quantity for v in values]
    shown = ", ".join(
        f"{aggregate_text(a)} = {_axis_text(env, a, v.quantity)}"
        for a, v in zip(rule.aggregates, values, strict=True)
    )
    rows = [
        r
        for r in rule.rows
        if all(iv.contains(x) for iv, x in zip(r.intervals, numbers, strict=False))
    ]
    if not rows:
        raise rule_error(
            env.model,
            rule.span,
            "SLR961",
            _("no row of the points table of {item_name} covers {shown}").format(
                item_name=item.name, shown=shown
            ),
        )
    warnings = []
    if len(rows) > 1:
        warnings.append(
            _(
                "{where}: several rows of {item_name}'s table cover {shown}; the first applies"
            ).format(where=env.where, item_name=item.name, shown=shown)
        )
    row = rows[0]
    evidence = tuple(e for v in values for e in v.evidence)
    text = f"points by {shown}; row {row_text(row)}"
    cite = row.cite or rule.cite
    if isinstance(row.value, m.Literal):
        line = Line(
            text,
            cite,
            None,
            row.value.number,
            evidence,
            grade=row.grade,
            kind="base",
        )
        return line, [], warnings
    judgement = latest_judgement(view, item.name, env.scorecard)
    if judgement is None:
        line, missing = _missing_or_default(item, text, cite, env, row.value.interval)
        return line, missing, warnings
    if not row.value.interval.contains(judgement.points):
        raise event_error(
            env.events_path,
            judgement.event,
            "SLR953",
            _(
                "judgement {points} for {item_name} is outside {interval}, "
                "the range of the row that applies ({shown})"
            ).format(
                points=decimal_text(judgement.points),
                item_name=item.name,
                interval=interval_text(row.value.interval),
                shown=shown,
            ),
        )
    line = Line(
        text,
        cite,
        None,
        judgement.points,
        (*evidence, str(judgement.event)),
        grade=row.grade,
        kind="base",
    )
    return line, [], warnings


def _table_axis(measured: MeasureResult) -> Matched:
    """A measure on a points table's axis: a percentage as its written number (95% → 95,
    as the rows' bounds are), with the measure's inputs as evidence."""
    assert measured.value is not None
    value = measured.value * 100 if measured.percentage else measured.value
    head = f"{measured.name} = {value_text(measured.value, measured.percentage, measured.duration)}"
    return Matched(value, (head, *measured.inputs))


def _table_value(agg: m.Aggregate, view: View, env: ItemEnv) -> Matched:
    """An aggregate's value on its table axis: availability in percent (99.95 for the row
    ``[99.95%, 100%]``), with its tickets and maintenance verdicts as evidence."""
    if agg.fn != "availability":
        return aggregate(env.model, agg, view, env.calendar_for)
    assert env.availability is not None
    found = env.availability(agg, view.period)
    evidence = (*found.tickets_shown(), *(w.text().shown for w in found.windows))
    return Matched(found.value * 100, evidence)


def _axis_text(env: ItemEnv, agg: m.Aggregate, value: Decimal) -> str:
    """An axis value as a person reads it: durations in hours (``PT25H30M``), since a day
    of working time is not a calendar day; availability and percentage measures as
    percentages (the axis holds 99.95 for 99.95%)."""
    if agg.fn == "availability":
        return percent_text(value / 100)
    measure = _measure_of(env, agg)
    if agg.fn in ("downtime", "mttr") or (measure is not None and measure.is_duration):
        return iso_duration(value, days=False)
    text = decimal_text(value)
    return f"{text}%" if measure is not None and measure.is_percentage else text


def _measure_of(env: ItemEnv, agg: m.Aggregate) -> m.Measure | None:
    if agg.fn != "measure":
        return None
    return next((x for x in env.model.measures if x.name == agg.ref.name), None)
