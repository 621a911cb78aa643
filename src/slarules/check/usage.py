"""Definitions never used (SLR501): usually a typo elsewhere, or a clause left unwritten.

Kinds, deliverables, causes, calendars, periods and parameters are checked. Tiers, metrics,
scorecards and composites are not: events name tiers, and every metric and score is
reported whether or not a rule reads it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..i18n import N_, _
from .base import Checker
from .walk import all_roots, entry_condition, exprs


def run(c: Checker) -> None:
    r = c.ruleset
    used = _used(c)
    groups: list[tuple[str, list[tuple[str, m.Span]], str]] = [
        (N_("kind"), [(x.name, x.span) for x in r.kinds], _("no rule counts its occurrences")),
        (
            N_("deliverable"),
            [(x.name, x.span) for x in r.deliverables],
            _("no rule counts days late of it"),
        ),
        (N_("cause"), [(x.name, x.span) for x in r.causes], _("no SLA excludes or exempts it")),
        (N_("calendar"), [(x.name, x.span) for x in r.calendars], _("no SLA or metric runs on it")),
        (
            N_("period"),
            [(x.name, x.span) for x in r.periods],
            _("nothing is scored or paid per it"),
        ),
        (N_("parameter"), [(x.name, x.span) for x in r.params], _("no rule reads it")),
    ]
    for what, declared, why in groups:
        for name, span in declared:
            if (what, name) not in used:
                c.report(
                    "SLR501",
                    c.locate(span, name),
                    _("{what} {name} is never used: {why}").format(
                        what=_(what), name=name, why=why
                    ),
                )


def _used(c: Checker) -> set[tuple[str, str]]:
    used: set[tuple[str, str]] = set()
    r = c.ruleset
    for kind in r.kinds:
        if kind.superseded_by is not None:
            used.add(("kind", kind.superseded_by))
    for sla in r.slas:
        if sla.calendar is not None:
            used.add(("calendar", sla.calendar))
        used.update(("calendar", x.calendar) for x in sla.metrics if x.calendar is not None)
        used.update(
            ("calendar", x.start_calendar) for x in sla.metrics if x.start_calendar is not None
        )
        for exclusion in sla.exclusions:
            used.update(("cause", name) for name in exclusion.causes)
        for exemption in sla.exemptions:
            used.update(("cause", name) for name in exemption.causes)
    for scorecard in r.scorecards:
        used.add(("period", scorecard.period))
        for item in m.walk_items(scorecard.entries):
            for rule in item.rules:
                used.update(_rule_uses(rule))
    for sla in r.slas:
        if sla.maintenance is not None and isinstance(sla.maintenance.notice, str):
            used.add(("parameter", sla.maintenance.notice))
    for period in r.periods:
        for param in (period.anchor, period.count, period.through):
            if isinstance(param, str):
                used.add(("parameter", param))
    for deliverable in r.deliverables:
        if deliverable.due is not None:
            what = "period" if deliverable.due.period_end else "parameter"
            used.add((what, deliverable.due.after))
            if deliverable.due.calendar is not None:
                used.add(("calendar", deliverable.due.calendar))
    for composite in r.composites:
        used.add(("period", composite.period))
    for measure in r.measures:
        used.add(("period", measure.period))
        if isinstance(measure.body, m.PeriodCount):
            used.add(("period", measure.body.period))
    for payment in r.payments:
        used.add(("period", payment.period))
        for entry in payment.entries:
            if isinstance(entry, m.Milestone) and isinstance(entry.by, str):
                used.add(("parameter", entry.by))
            if isinstance(entry, m.Milestone) and isinstance(entry.not_before, str):
                used.add(("parameter", entry.not_before))
            if isinstance(entry, m.Damages) and entry.per is not None:
                used.add(("kind", entry.per))
            if isinstance(entry, m.MoneyPerOccurrence):
                used.add(("kind", entry.per))
    used.update(("parameter", name) for name in _names_read(c))
    for root in all_roots(r):
        for node in exprs(root):
            if isinstance(node, m.Aggregate) and node.fn == "count":
                used.add(("kind", node.ref.name))
            elif isinstance(node, m.Aggregate) and node.fn == "late":
                used.add(("deliverable", node.ref.name))
    return used


def _rule_uses(rule: m.ItemRule) -> Iterator[tuple[str, str]]:
    if isinstance(rule, m.CountRule):
        counter = rule.counter
        if isinstance(counter, m.PerOccurrence | m.PerNOccurrences | m.PerUnit):
            yield ("kind", counter.kind)
        elif isinstance(counter, m.PerDayLate) and counter.ref.member is None:
            yield ("deliverable", counter.ref.name)
        elif isinstance(counter, m.PerLateDelivery):
            yield ("deliverable", counter.deliverable)
    elif isinstance(rule, m.JudgedRule):
        yield from (("kind", g.forced_by) for g in rule.grades if g.forced_by is not None)
    elif isinstance(rule, m.PointsTable):
        for aggregate in rule.aggregates:
            if aggregate.fn == "count":
                yield ("kind", aggregate.ref.name)


def _names_read(c: Checker) -> Iterator[str]:
    """Every name read by an expression or condition anywhere in the file."""
    conditions: list[m.Condition] = [f.condition for f in c.ruleset.flags]
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            condition = entry_condition(entry)
            if condition is not None:
                conditions.append(condition)
    for cond in conditions:
        yield from _param_conditions(cond)
    for root in all_roots(c.ruleset):
        for node in exprs(root):
            if isinstance(node, m.Ref):
                yield node.name
            elif isinstance(node, m.IfElse):
                yield from _param_conditions(node.condition)


def _param_conditions(cond: m.Condition) -> Iterator[str]:
    if isinstance(cond, m.ParamCondition):
        yield cond.name
    elif isinstance(cond, m.And | m.Or):
        yield from _param_conditions(cond.left)
        yield from _param_conditions(cond.right)
    elif isinstance(cond, m.Not):
        yield from _param_conditions(cond.operand)
