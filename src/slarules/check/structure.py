"""Structure of SLAs and kinds: what every ticket and clock needs to be meaningful.

An SLA needs tiers (an ``opened`` event names one) and metrics (otherwise nothing is
measured); a metric must stop at an event other than its start and needs a calendar (its
own or its SLA's); ``or downgrade`` needs a later tier to downgrade to; ``allow`` only
means something with ``retier remeasure``; a kind cannot be superseded by itself;
``warn at`` levels rise strictly, each above 0% and at most 100%.

Items: an item starts from at most one ``judged`` rule or points table (SLR134: a second
one has no defined meaning, and every replay stopped at it with SLR965), and a judged
amount (``deduct judged [5, 20] per …``) counts occurrences, each carrying its points, so
it needs ``per occurrence of`` or ``per unit of`` (SLR135: on ``per breach of`` or ``per 3
occurrences of`` there is no event to carry the points, and every replay stopped).
"""

from __future__ import annotations

from .. import model as m
from ..i18n import _
from .base import Checker


def run(c: Checker) -> None:
    for sla in c.ruleset.slas:
        _sla(c, sla)
    for kind in c.ruleset.kinds:
        if kind.superseded_by == kind.name:
            where = c.locate(kind.span, kind.name, after="by")
            c.report(
                "SLR127",
                where,
                _("kind {kind_name} is superseded by itself").format(kind_name=kind.name),
            )
    for scorecard in c.ruleset.scorecards:
        for item in m.walk_items(scorecard.entries):
            _item(c, item)


def _item(c: Checker, item: m.Item) -> None:
    """One starting rule per item (SLR134); judged amounts only on occurrence counters
    (SLR135)."""
    bases = [r for r in item.rules if isinstance(r, m.JudgedRule | m.PointsTable)]
    for extra in bases[1:]:
        message = _(
            "item {item_name} already starts from a judged rule or points table; an item "
            "starts from one of them: move this one to an item of its own"
        ).format(item_name=item.name)
        c.report("SLR134", extra.span, message)
    for rule in item.rules:
        if not isinstance(rule, m.CountRule) or not isinstance(rule.amount, m.JudgedRange):
            continue
        if not isinstance(rule.counter, m.PerOccurrence | m.PerUnit):
            message = _(
                "a judged amount is given on each occurrence event (its points); "
                "{counter} has no such event: write “per occurrence of KIND”, or a fixed "
                "amount"
            ).format(counter=c.text(rule.counter.span, _("this counter")))
            c.report("SLR135", rule.amount.span, message)


def _sla(c: Checker, sla: m.Sla) -> None:
    if not sla.tiers:
        message = _(
            "SLA {sla_name} has no tiers; every opened ticket names a tier, e.g. tier 一般 {{ … }}"
        ).format(sla_name=sla.name)
        c.report("SLR120", sla.span, message)
    if not sla.metrics:
        message = _("SLA {sla_name} has no metrics: nothing is measured for its tickets").format(
            sla_name=sla.name
        )
        c.report("SLR121", sla.span, message)
    for metric in sla.metrics:
        if metric.start in metric.stops:
            where = c.locate(metric.span, metric.start, after="to")
            message = _("metric {metric_name} stops at its own start event “{start}”").format(
                metric_name=metric.name, start=metric.start
            )
            c.report("SLR122", where, message)
        if metric.calendar is None and sla.calendar is None:
            message = _(
                "metric {metric_name} has no calendar: give SLA {sla_name} a "
                "calendar line or write “on CALENDAR” after the metric"
            ).format(metric_name=metric.name, sla_name=sla.name)
            c.report("SLR402", metric.span, message)
    if sla.retier == "restart" and (sla.retier_allow is not None or sla.retier_allow_full):
        message = _(
            "“allow” in SLA {sla_name} has no effect with “retier "
            "restart”: every running clock restarts at the change with "
            "the new tier's whole target"
        ).format(sla_name=sla.name)
        c.report("SLR126", c.locate(sla.span, "allow"), message)
    if sla.warn is not None:
        _warn_levels(c, sla.name, sla.warn)
    if sla.reopen is not None:
        _reopen(c, sla, sla.reopen)
    last = sla.tiers[-1] if sla.tiers else None
    if last is not None:
        for target in last.targets:
            if target.downgrade:
                message = _(
                    "“or downgrade” in {last_name}, the last tier of SLA "
                    "{sla_name}: there is no later tier to downgrade to"
                ).format(last_name=last.name, sla_name=sla.name)
                c.report("SLR123", c.locate(target.span, "or"), message)


def _reopen(c: Checker, sla: m.Sla, reopen: m.Reopen) -> None:
    """SLR137: a reopening undoes the ticket's resolution, so it sets running again only a
    clock the opening started; a clock the resolution started (a report ``from resolved``)
    already starts afresh at the next resolution (docs/language.md, clock semantics 4)."""
    starts = {metric.name: metric.start for metric in sla.metrics}
    for name in reopen.metrics:
        start = starts.get(name)
        if start is None or start == "opened":
            continue  # an unknown metric is SLR203
        message = _(
            "a reopening resumes only metrics that start at “opened”; {metric_name} of "
            "SLA {sla_name} starts at “{start}”, and a reopening that undoes that "
            "event already starts it afresh at the next one"
        ).format(metric_name=name, sla_name=sla.name, start=start)
        c.report("SLR137", c.locate(reopen.span, name, after="resumes"), message)


def _warn_levels(c: Checker, sla: str, warn: m.WarnLevels) -> None:
    """``warn at 50%, 75%, 90%``: a share of a target's time, so above 0% and at most
    100%, each level above the one before (a level written twice warns twice)."""
    previous: m.Literal | None = None
    for level in warn.levels:
        value = level.number
        if not 0 < value <= 100:
            message = _(
                "warning level {text} in SLA {sla} is not above 0% and at most 100%"
            ).format(text=level.text, sla=sla)
            c.report("SLR131", level.span, message)
        elif previous is not None and value <= previous.number:
            message = _(
                "warning level {text} in SLA {sla} does not rise above "
                "{text2}: write the levels from lowest to highest, each once"
            ).format(text=level.text, sla=sla, text2=previous.text)
            c.report("SLR131", level.span, message)
        previous = level
