"""References and duplicates: every name a rule uses must be declared, once.

Unknown names come with a did-you-mean over the declarations of the right kind. The
namespaces follow how names are read: parameters, scorecards and composites share one
(expressions name any of them); SLAs and kinds share one (``count(X)`` counts either);
calendars, periods, deliverables, causes and flags have their own; metrics and tiers are
per SLA, items and groups per scorecard.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import model as m
from ..i18n import N_, _
from .base import Checker
from .walk import entry_amounts

# Ticket event types every log may carry (SPEC §5); a metric may start at any of them or
# at a stop event of another metric of its SLA.
RESERVED_EVENTS = (
    "opened", "paused", "resumed", "retiered", "agreed", "attributed", "reopened", "closed",
)  # fmt: skip
# What each life-cycle event already does: none of them may stop a metric (SLR212).
_LIFECYCLE_MEANING = {
    "opened": "opens the ticket",
    "paused": "pauses the clocks",
    "resumed": "resumes the paused clocks",
    "retiered": "changes the ticket's tier",
    "agreed": "sets a target agreed for the ticket",
    "attributed": "names the ticket's cause",
    "reopened": "reopens the ticket",
    "closed": "ends the ticket",
}
# The log's non-ticket event types (SPEC §5): never a metric's start or stop (SLR212).
NON_TICKET_EVENTS = (
    "occurrence", "judgement", "score", "due", "delivered", "milestone", "maintenance",
)  # fmt: skip


def run(c: Checker) -> None:
    _duplicates(c)
    for sla in c.ruleset.slas:
        _sla(c, sla)
        _maintenance_notice(c, sla)
    for kind in c.ruleset.kinds:
        if kind.superseded_by is not None and kind.superseded_by not in c.kinds:
            where = c.locate(kind.span, kind.superseded_by, after="by")
            c.unknown("SLR205", _("kind"), kind.superseded_by, c.kinds, where)
    for period in c.ruleset.periods:
        _anchor(c, period)
    for scorecard in c.ruleset.scorecards:
        _period(c, scorecard.period, scorecard.span, "per")
        for item in m.walk_items(scorecard.entries):
            for rule in item.rules:
                _rule(c, rule)
    for composite in c.ruleset.composites:
        _period(c, composite.period, composite.span, "per")
        _expr_names(c, composite.expr)
    for measure in c.ruleset.measures:
        if isinstance(measure.body, m.AggregateMeasure):
            _aggregate(c, measure.body.aggregate)
    for flag in c.ruleset.flags:
        _condition_names(c, flag.condition)
    for payment in c.ruleset.payments:
        _period(c, payment.period, payment.span, "per")
        for entry in payment.entries:
            _payment_entry(c, entry)


# ---- duplicates ----------------------------------------------------------------------------


def _duplicates(c: Checker) -> None:
    r = c.ruleset
    _unique(
        c,
        [
            *(("parameter", p.name, p.span) for p in r.params),
            *(("scorecard", s.name, s.span) for s in r.scorecards),
            *(("composite", x.name, x.span) for x in r.composites),
            *(("measure", x.name, x.span) for x in r.measures),
        ],
    )
    _unique(c, [("calendar", x.name, x.span) for x in r.calendars])
    _unique(c, [("period", x.name, x.span) for x in r.periods])
    _unique(c, [("deliverable", x.name, x.span) for x in r.deliverables])
    _unique(c, [("cause", x.name, x.span) for x in r.causes])
    _unique(
        c,
        [*(("SLA", s.name, s.span) for s in r.slas), *(("kind", k.name, k.span) for k in r.kinds)],
    )
    flags = [*r.flags, *(e for p in r.payments for e in p.entries if isinstance(e, m.Flag))]
    _unique(c, [("flag", f.name, f.span) for f in flags])
    for payment in r.payments:
        milestones = [e for e in payment.entries if isinstance(e, m.Milestone)]
        _unique(c, [("milestone", x.name, x.span) for x in milestones])
    for sla in r.slas:
        _unique(
            c,
            [("metric", x.name, x.span) for x in sla.metrics],
            _(" in SLA {sla_name}").format(sla_name=sla.name),
        )
        _unique(
            c,
            [("tier", x.name, x.span) for x in sla.tiers],
            _(" in SLA {sla_name}").format(sla_name=sla.name),
        )
        for tier in sla.tiers:
            targets = [("target", x.metric, x.span) for x in tier.targets]
            _unique(
                c,
                targets,
                _(" for metric {{name}} in tier {tier_name}").format(tier_name=tier.name),
            )
    for scorecard in r.scorecards:
        entries = [(_("item or group"), e.name, e.span) for e in _entries(scorecard.entries)]
        _unique(
            c, entries, _(" in scorecard {scorecard_name}").format(scorecard_name=scorecard.name)
        )
        people = [("assessor", a.name, a.span) for a in scorecard.assessors]
        _unique(
            c, people, _(" of scorecard {scorecard_name}").format(scorecard_name=scorecard.name)
        )


def _entries(entries: Iterable[m.Item | m.Group]) -> Iterator[m.Item | m.Group]:
    for entry in entries:
        yield entry
        if isinstance(entry, m.Group):
            yield from _entries(entry.entries)


# What ``_unique`` calls a declaration, marked for the catalog and translated there.
_DECLARED_AS = (
    *(N_("parameter"), N_("scorecard"), N_("composite"), N_("calendar"), N_("period")),
    *(N_("deliverable"), N_("cause"), N_("kind"), N_("flag"), N_("milestone")),
    *(N_("metric"), N_("tier"), N_("assessor"), N_("target")),
)


def _unique(c: Checker, named: list[tuple[str, str, m.Span]], scope: str = "") -> None:
    """SLR130 for every declaration after the first of the same name (in file order)."""
    first: dict[str, tuple[str, m.Span]] = {}
    for what, name, span in sorted(named, key=lambda n: (n[2].line, n[2].column)):
        if name not in first:
            first[name] = (what, span)
            continue
        earlier_what, earlier = first[name]
        at = (
            _("column {column}").format(column=earlier.column)
            if earlier.line == span.line
            else _("line {line}").format(line=earlier.line)
        )
        where = _(" ({at})").format(at=at) if earlier.line > 0 else ""
        article = "an" if earlier_what[0] in "aeiouAEIOU" or earlier_what == "SLA" else "a"
        context = scope.replace("{name}", name)
        if what == "target":
            message = _("a second target{context}; the first is at {at}").format(
                context=context, at=at
            )
        else:
            message = _(
                "“{name}” is already declared as {article} {earlier_what}{where}{context}"
            ).format(
                name=name,
                article=article,
                earlier_what=_(earlier_what),
                where=where,
                context=context,
            )
        c.report("SLR130", span, message)


# ---- SLAs ----------------------------------------------------------------------------------


def _sla(c: Checker, sla: m.Sla) -> None:
    metrics = [x.name for x in sla.metrics]
    if sla.calendar is not None and sla.calendar not in c.calendars:
        where = c.locate(sla.span, sla.calendar, after="calendar")
        c.unknown("SLR201", _("calendar"), sla.calendar, c.calendars, where)
    stops = {stop for x in sla.metrics for stop in x.stops}
    stops |= {x.when for tier in sla.tiers for x in tier.targets if x.when is not None}
    stops |= _declared_events(c, sla)
    for metric in sla.metrics:
        if metric.calendar is not None and metric.calendar not in c.calendars:
            after = "then" if metric.start_calendar is not None else "on"
            where = c.locate(metric.span, metric.calendar, after=after)
            c.unknown("SLR201", _("calendar"), metric.calendar, c.calendars, where)
        if metric.start_calendar is not None and metric.start_calendar not in c.calendars:
            where = c.locate(metric.span, metric.start_calendar, after="starting")
            c.unknown("SLR201", _("calendar"), metric.start_calendar, c.calendars, where)
        _reserved_events(c, metric)
        if metric.start in NON_TICKET_EVENTS:
            pass  # SLR212 above
        elif metric.start not in RESERVED_EVENTS and metric.start not in stops:
            known = (*RESERVED_EVENTS, *sorted(stops))
            hint = c.suggest(metric.start, known)
            message = _(
                "metric {metric_name} starts at “{start}”, which is no "
                "ticket event: a metric starts at {reserved_events}, another "
                "metric's stop event, a target's when-event or an event the "
                "SLA declares (event NAME)"
            ).format(
                metric_name=metric.name,
                start=metric.start,
                reserved_events=", ".join(RESERVED_EVENTS),
            )
            if hint:
                message += _("; did you mean “{hint}”?").format(hint=hint)
            c.report("SLR210", c.locate(metric.span, metric.start, after="from"), message)
    if sla.pauses != m.ALL_METRICS:
        for name in sla.pauses:
            check_metric(c, sla, name, c.locate(sla.span, name, after="pause"), metrics)
    if sla.reopen is not None:
        for name in sla.reopen.metrics:
            check_metric(c, sla, name, c.locate(sla.reopen.span, name, after="resumes"), metrics)
    if sla.pause_tiers:
        where = c.locate(sla.span, "pause")
        check_tiers(c, sla, sla.pause_tiers, m.Span(where.path, where.line, 1, where.line, 10**6))
    for exemption in sla.exemptions:
        for name in exemption.metrics:
            check_metric(c, sla, name, c.locate(exemption.span, name), metrics)
        _causes(c, exemption.causes, exemption.span)
    for exclusion in sla.exclusions:
        _causes(c, exclusion.causes, exclusion.span)
    for tier in sla.tiers:
        for target in tier.targets:
            check_metric(c, sla, target.metric, target.span, metrics)
            if target.when is not None:
                _condition_event(c, target)


def _reserved_events(c: Checker, metric: m.Metric) -> None:
    """SLR212: a metric's events cannot take the name of an event type the log already
    gives a meaning to (docs/diagnostics.md)."""
    stops = [e for e in metric.stops if e != metric.start]  # SLR122 reports the others
    named = [("starts", metric.start, "from")] + [("stops", e, "to") for e in stops]
    for verb, event, after in named:
        where = c.locate(metric.span, event, after=after)
        if event in NON_TICKET_EVENTS:
            message = _(
                "metric {metric_name} {verb} at “{event}”, the name of the "
                "log's {event} events, which are not ticket events and never "
                "reach a clock; give the metric's event a name of its own"
            ).format(metric_name=metric.name, verb=verb, event=event)
            c.report("SLR212", where, message)
        elif verb == "stops" and event in _LIFECYCLE_MEANING:
            message = _(
                "metric {metric_name} stops at “{event}”, a ticket "
                "life-cycle event (it {lifecycle_meaning}), not the end of a "
                "piece of work; stop at the work's own event, e.g. metric "
                "{metric_name} from {start} to resolved"
            ).format(
                metric_name=metric.name,
                event=event,
                lifecycle_meaning=_LIFECYCLE_MEANING[event],
                start=metric.start,
            )
            c.report("SLR212", where, message)


def _declared_events(c: Checker, sla: m.Sla) -> set[str]:
    """The names of ``event …`` lines; SLR212 for one the log already gives a meaning to
    (a life-cycle or non-ticket type: declaring it would change nothing, or mislead)."""
    declared: set[str] = set()
    for events in sla.events:
        for event in events.names:
            if event in NON_TICKET_EVENTS or event in _LIFECYCLE_MEANING:
                meaning = _LIFECYCLE_MEANING.get(event, "is not a ticket event")
                message = (
                    f"“event {event}” declares an event the log already has (it {meaning}); "
                    f"declare the helpdesk's own event, e.g. event requested"
                )
                c.report("SLR212", c.locate(events.span, event, after="event"), message)
            declared.add(event)
    return declared


def _condition_event(c: Checker, target: m.Target) -> None:
    """SLR212: ``when EVENT`` names a ticket event of the helpdesk's own (``escalated``),
    not one the log already gives a meaning to."""
    event = target.when
    assert event is not None
    if event in NON_TICKET_EVENTS or event in _LIFECYCLE_MEANING:
        meaning = _LIFECYCLE_MEANING.get(event, "is not a ticket event")
        message = _(
            "the {metric} target is owed “when {event}”, but {event} "
            "already has a meaning in the log (it {meaning}); name the "
            "event that makes the target owed, e.g. when escalated"
        ).format(metric=target.metric, event=event, meaning=meaning)
        c.report("SLR212", c.locate(target.span, event, after="when"), message)


def check_metric(c: Checker, sla: m.Sla, name: str, span: m.Span, metrics: list[str]) -> None:
    """SLR203 at ``span`` unless ``name`` is one of the SLA's ``metrics``."""
    if name not in metrics:
        c.unknown(
            "SLR203",
            _("metric"),
            name,
            metrics,
            span,
            _(" in SLA {sla_name}").format(sla_name=sla.name),
        )


def _causes(c: Checker, causes: tuple[str, ...], span: m.Span) -> None:
    """Causes named in exclude/exempt declare themselves; one that is not declared but
    closely resembles a declared cause is probably a typo (SLR207)."""
    for name in causes:
        if name in c.causes:
            continue
        hint = c.suggest(name, c.causes)
        if hint is not None:
            message = _("cause “{name}” is not declared; did you mean “{hint}”?").format(
                name=name, hint=hint
            )
            c.report("SLR207", c.locate(span, name, after="cause"), message)


def _maintenance_notice(c: Checker, sla: m.Sla) -> None:
    """``exclude maintenance announced NAME ahead``: NAME is a duration parameter."""
    rule = sla.maintenance
    if rule is None or not isinstance(rule.notice, str):
        return
    where = c.locate(rule.span, rule.notice, after="announced")
    param = c.params.get(rule.notice)
    if param is None:
        known = [p.name for p in c.ruleset.params if p.type == "duration"]
        c.unknown("SLR209", _("duration parameter"), rule.notice, known, where)
    elif param.type != "duration":
        message = _("{param_name} is a {type} parameter; a notice is a duration").format(
            param_name=param.name, type=param.type
        )
        c.report("SLR211", where, message)


def _anchor(c: Checker, period: m.PeriodDef) -> None:
    if isinstance(period.anchor, str):
        _period_param(c, period, period.anchor, "from", "date", _("a cycle counts from"))
    if isinstance(period.through, str):
        _period_param(c, period, period.through, "through", "date", _("a term runs through"))
    if isinstance(period.count, str):
        _period_param(c, period, period.count, "for", "number", _("a term runs for"))


def _period_param(
    c: Checker, period: m.PeriodDef, name: str, after: str, wanted: str, what: str
) -> None:
    """A parameter a cycle declaration names (its anchor, or its term's end or count)."""
    where = c.locate(period.span, name, after=after)
    param = c.params.get(name)
    if param is None:
        known = [p.name for p in c.ruleset.params if p.type == wanted]
        c.unknown("SLR209", _("{wanted} parameter").format(wanted=wanted), name, known, where)
    elif param.type != wanted:
        message = _(
            "{param_name} is a {type} parameter; {what} a {wanted} parameter or a {wanted}"
        ).format(param_name=param.name, type=param.type, what=what, wanted=wanted)
        c.report("SLR211", where, message)


def _period(c: Checker, name: str, span: m.Span, after: str) -> None:
    if name not in c.periods:
        c.unknown("SLR208", _("period"), name, c.periods, c.locate(span, name, after=after))


# ---- scorecard rules -----------------------------------------------------------------------


def _rule(c: Checker, rule: m.ItemRule) -> None:
    if isinstance(rule, m.CountRule):
        _counter(c, rule.counter)
    elif isinstance(rule, m.PointsTable):
        for aggregate in rule.aggregates:
            _aggregate(c, aggregate)


def _counter(c: Checker, counter: m.Counter) -> None:
    if isinstance(counter, m.PerUnit) and counter.kind in c.measures:
        return  # ``per unit of MEASURE``: check/measures.py checks the measure's period
    if isinstance(counter, m.PerPointBelow):
        if counter.measure not in c.measures:
            where = c.locate(counter.span, counter.measure, after="of")
            c.unknown("SLR209", _("measure"), counter.measure, c.measures, where)
        return
    if isinstance(counter, m.PerOccurrence | m.PerNOccurrences | m.PerUnit):
        if counter.kind not in c.kinds:
            where = c.locate(counter.span, counter.kind, after="of")
            c.unknown("SLR205", _("kind"), counter.kind, c.kinds, where)
    elif isinstance(counter, m.PerDayLate):
        ref = counter.ref
        if ref.member is not None:
            _sla_metric(c, ref)
        elif ref.name in c.slas:
            message = _(
                "day late of an SLA needs one of its metrics: write {ref_name}.METRIC"
            ).format(ref_name=ref.name)
            c.report("SLR211", ref.span, message)
        elif ref.name not in c.deliverables:
            c.unknown("SLR206", _("deliverable"), ref.name, c.deliverables, ref.span)
    elif isinstance(counter, m.PerLateDelivery):
        if counter.deliverable not in c.deliverables:
            where = c.locate(counter.span, counter.deliverable, after="of")
            c.unknown("SLR206", _("deliverable"), counter.deliverable, c.deliverables, where)
    elif isinstance(counter, m.PerBreach):
        if _sla_metric(c, counter.ref):
            check_tiers(c, c.slas[counter.ref.name], counter.tiers, counter.span)
    elif _sla_name(c, counter.sla, c.locate(counter.span, counter.sla, after="of")):
        check_tiers(c, c.slas[counter.sla], counter.tiers, counter.span)


def _sla_name(c: Checker, name: str, span: m.Span) -> bool:
    if name in c.slas:
        return True
    c.unknown("SLR202", "SLA", name, c.slas, span)
    return False


def _sla_metric(c: Checker, ref: m.Reference) -> bool:
    """Check ``SLA`` or ``SLA.METRIC``; True when the SLA exists."""
    if not _sla_name(c, ref.name, c.locate(ref.span, ref.name)):
        return False
    sla = c.slas[ref.name]
    if ref.member is not None:
        names = [x.name for x in sla.metrics]
        where = c.locate(ref.span, ref.member, after=ref.name)
        check_metric(c, sla, ref.member, where, names)
    return True


def check_tiers(c: Checker, sla: m.Sla, tiers: tuple[str, ...], span: m.Span) -> None:
    """SLR204 at each of ``tiers`` (found after ``tier`` in ``span``) that the SLA lacks."""
    names = [t.name for t in sla.tiers]
    for tier in tiers:
        if tier not in names:
            where = c.locate(span, tier, after="tier")
            c.unknown(
                "SLR204",
                _("tier"),
                tier,
                names,
                where,
                _(" in SLA {sla_name}").format(sla_name=sla.name),
            )


def _aggregate(c: Checker, aggregate: m.Aggregate) -> None:
    ref = aggregate.ref
    if aggregate.fn == "measure":
        if ref.name not in c.measures:
            c.unknown("SLR209", _("measure"), ref.name, c.measures, ref.span)
        return
    if aggregate.fn == "late":
        if ref.member is not None or ref.name not in c.deliverables:
            c.unknown("SLR206", _("deliverable"), str(ref), c.deliverables, ref.span)
        return
    if aggregate.fn == "count":
        if ref.member is not None:
            message = _(
                "count(…) counts an SLA's tickets or a kind's occurrences: write count({ref_name})"
            ).format(ref_name=ref.name)
            c.report("SLR211", ref.span, message)
        elif ref.name in c.slas:
            check_tiers(c, c.slas[ref.name], aggregate.tiers, aggregate.span)
        elif ref.name not in c.kinds:
            c.unknown("SLR205", _("SLA or kind"), ref.name, [*c.slas, *c.kinds], ref.span)
        elif aggregate.tiers:
            message = _("{ref_name} is a kind; only an SLA's tickets have tiers").format(
                ref_name=ref.name
            )
            c.report("SLR211", c.locate(aggregate.span, "tier"), message)
        return
    if ref.member is None:
        fn = aggregate.fn
        message = _("{fn}(…) measures one metric of an SLA: write {fn}({ref_name}.METRIC)").format(
            fn=fn, ref_name=ref.name
        )
        if ref.name in c.slas:
            c.report("SLR211", ref.span, message)
        else:
            c.unknown("SLR202", "SLA", ref.name, c.slas, ref.span)
        return
    _sla_metric(c, ref)


# ---- expressions ---------------------------------------------------------------------------


def _expression_names(c: Checker) -> list[str]:
    return [*c.params, *c.scorecards, *c.composites, *c.measures]


def _expr_names(c: Checker, expr: m.Expr) -> None:
    if isinstance(expr, m.Ref):
        if expr.name not in c.params and not c.scored(expr.name):
            what = _("name")
            c.unknown("SLR209", what, expr.name, _expression_names(c), expr.span)
    elif isinstance(expr, m.Mean):
        _score_name(c, expr.name, c.locate(expr.span, expr.name), "mean(…)")
    elif isinstance(expr, m.Aggregate):
        _aggregate(c, expr)
    elif isinstance(expr, m.BinOp | m.MinMax):
        _expr_names(c, expr.left)
        _expr_names(c, expr.right)
    elif isinstance(expr, m.Neg):
        _expr_names(c, expr.operand)
    elif isinstance(expr, m.IfElse):
        _condition_names(c, expr.condition)
        _expr_names(c, expr.then)
        _expr_names(c, expr.otherwise)


def _optional(c: Checker, expr: m.Expr | None) -> None:
    if expr is not None:
        _expr_names(c, expr)


def _score_name(c: Checker, name: str, span: m.Span, user: str) -> None:
    if c.scored(name):
        return
    if name in c.params:
        c.report(
            "SLR211",
            span,
            _("{name} is a parameter; {user} needs a scorecard or a composite").format(
                name=name, user=user
            ),
        )
    else:
        c.unknown("SLR209", _("scorecard or composite"), name, [*c.scorecards, *c.composites], span)


def _condition_names(c: Checker, cond: m.Condition) -> None:
    if isinstance(cond, m.Compare):
        _expr_names(c, cond.left)
        _expr_names(c, cond.right)
    elif isinstance(cond, m.And | m.Or):
        _condition_names(c, cond.left)
        _condition_names(c, cond.right)
    elif isinstance(cond, m.Not):
        _condition_names(c, cond.operand)
    elif cond.name not in c.params and not c.scored(cond.name):
        c.unknown("SLR209", _("parameter"), cond.name, c.params, cond.span)


def _money_entry(c: Checker, entry: m.MoneyLine | m.CapGroup) -> None:
    """The names a money line reads (docs/language.md §6): its amounts and cap, its
    condition, the kind it counts per occurrence."""
    for amount in entry_amounts(entry):
        _expr_names(c, amount)
    if isinstance(entry, m.CreditWhen):
        _condition_names(c, entry.condition)
    if isinstance(entry, m.MoneyPerOccurrence) and entry.per not in c.kinds:
        where = c.locate(entry.span, entry.per, after="of")
        c.unknown("SLR205", _("kind"), entry.per, c.kinds, where)


def _payment_entry(c: Checker, entry: m.PaymentEntry) -> None:
    if isinstance(entry, m.BondFirst):
        return
    if isinstance(entry, m.Flag):
        _condition_names(c, entry.condition)
        return
    if isinstance(entry, m.PaymentBand):
        _expr_names(c, entry.score)
        _optional(c, entry.amount)
        _optional(c, entry.cap)
        return
    if isinstance(entry, m.MoneyLine | m.CapGroup):
        _money_entry(c, entry)
        return
    if entry.amount is not None:
        _expr_names(c, entry.amount)
    if isinstance(entry, m.Damages) and entry.per is not None and entry.per not in c.kinds:
        where = c.locate(entry.span, entry.per, after="of")
        c.unknown("SLR205", _("kind"), entry.per, c.kinds, where)
    if isinstance(entry, m.LinearDeduction):
        if isinstance(entry.score, m.Ref):
            _score_name(c, entry.score.name, entry.score.span, _("“per point below”"))
        else:
            _expr_names(c, entry.score)
        _optional(c, entry.cap)
    elif isinstance(entry, m.FormulaDeduction | m.Damages):
        if entry.condition is not None:
            _condition_names(c, entry.condition)
        if isinstance(entry, m.FormulaDeduction):
            _optional(c, entry.cap)
    elif isinstance(entry, m.Milestone) and entry.condition is not None:
        _condition_names(c, entry.condition)
