"""Measures whose body is an aggregate (docs/language.md §9): ``downtime(SLA.METRIC)``,
``count(SLA)``, ``mttr(SLA.METRIC)`` or ``availability(SLA.METRIC)`` over the window.

- **downtime** is the union of the metric's running intervals, clipped to the window and
  measured on the metric's calendar, over every ticket of the SLA whose intervals reach
  into the window — an outage opened before the window counts for its part inside it, as
  ``availability`` counts it. Excluded tickets count nowhere.
- **count** and **mttr** read the window's tickets (those opened in it), as in every score.
- **availability** is ``availability(…)`` over the window (its service time the window's
  length on the calendar).

**The term so far.** The window is ``measures.window``'s, the same for every body: with a
cycle it never reaches before the contract's start, so a service year measured three
months into the contract is those three months, and availability's service time is their
length, not a year's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

from ... import model as m
from ...calendar.periods import PeriodInstance
from ...i18n import _
from ..evidence import TicketResult
from .aggregates import CalendarLookup, View, aggregate, union_duration
from .availability import percent_text, shown_name
from .composite import Scope
from .results import iso_duration
from .ticket_index import trail

TicketsBefore = Callable[[datetime], Sequence[TicketResult]]  # tickets opened before t


def aggregate_measure(
    body: m.AggregateMeasure,
    where: PeriodInstance,
    view: View,
    scope: Scope,
    calendar_for: CalendarLookup,
    tickets_before: TicketsBefore,
) -> tuple[Decimal, list[str]]:
    """The aggregate's value over the window, and one input line per ticket it read."""
    agg = body.aggregate
    if agg.fn == "availability":
        found = scope.availability(agg, where)
        inputs = [f"{shown_name(label)}: {_shown(label, value)}" for label, value in found.terms()]
        return found.value, inputs
    if agg.fn == "downtime":
        return _downtime(agg.ref, where, calendar_for, tickets_before)
    matched = aggregate(scope.model, agg, view, calendar_for)
    inputs = list(matched.evidence)
    if agg.fn == "mttr":
        mean = _("mean of {count}: {duration}")
        inputs.append(
            mean.format(count=len(inputs), duration=iso_duration(matched.quantity, days=False))
        )
    return matched.quantity, inputs


def _shown(label: str, value: Decimal) -> str:
    if " tickets down " in label:
        return str(value)
    if label.startswith("maintenance "):
        return iso_duration(value, days=False)
    if label.endswith(("downtime", "service time")):
        return iso_duration(value, days=False)
    if label.startswith("availability("):
        return percent_text(value)
    return str(value)


def _downtime(
    ref: m.Reference,
    where: PeriodInstance,
    calendar_for: CalendarLookup,
    tickets_before: TicketsBefore,
) -> tuple[Decimal, list[str]]:
    metric = ref.member or ""
    calendar = calendar_for(ref.name, metric)
    intervals: list[tuple[datetime, datetime]] = []
    inputs: list[str] = []
    for ticket in tickets_before(where.end):
        if ticket.sla != ref.name or ticket.excluded:
            continue
        for target in ticket.targets:
            if target.metric != metric:
                continue
            clipped = [
                (max(a, where.start), min(b, where.end))
                for a, b in target.intervals
                if a < where.end and b > where.start
            ]
            if not clipped:
                continue
            intervals.extend(clipped)
            spans = ", ".join(f"{_at(a)} – {_at(b)}" for a, b in clipped)
            text = _("ticket {ticket}: {metric} {spans}{trail}")
            inputs.append(
                text.format(ticket=ticket.ticket, metric=metric, spans=spans, trail=trail(target))
            )
    total = union_duration(intervals, calendar)
    inputs.append(
        _("union on the calendar: {duration}").format(duration=iso_duration(total, days=False))
    )
    return m.duration_seconds(total), inputs


def _at(t: datetime) -> str:
    return t.isoformat(timespec="minutes")


__all__ = ["TicketsBefore", "aggregate_measure"]
