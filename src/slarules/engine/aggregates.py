"""Which evidence counts where, and how much of it there is.

A :class:`View` is the evidence that counts in one period instance for one sheet:

- a ticket counts in the period containing its ``opened``; an occurrence, judgement or
  given score in the period containing its ``at``; a deliverable in the period containing
  its due time;
- a ticket attributed to an excluded cause counts in no score, and neither do occurrences
  that name it (SPEC §3.9: the delay is not the vendor's);
- an occurrence of a kind ``superseded by`` another is not scored when an occurrence of
  that other kind shares its ticket in the same period, whoever reported either;
- assessors: a sheet of assessor A sees evidence tagged A and untagged evidence; a scorecard
  without assessors sees untagged evidence only. A name that no scorecard declares as an
  assessor tags nobody's sheet, so such evidence counts as untagged (the event loader
  normally refuses unknown assessors before this). Tickets differ: a ticket's ``assessor``
  (on its ``opened`` event) is the department that raised it, not an observation of its
  own. A ticket raised by A counts on A's sheet only, among the sheets of a scorecard that
  A assesses, and on every other scorecard as if untagged (the supervisor's table, a
  scorecard without assessors): the clocks are facts everyone shares, the tag only says
  whose ticket it is.

A ``tier T`` filter on ``breach of``/``breached ticket of`` looks at each target's own tier
(the tier it was measured against, ``TargetResult.tier``), so a respond target missed under
紧急 stays a 紧急 breach after the ticket is downgraded; ``count(SLA tier T)`` counts tickets
by their tier at the evaluation time.

Counters (docs/language.md §5) and aggregates turn a view into quantities, naming the
evidence behind each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

from attrs import frozen

from .. import model as m
from ..calendar import Calendar
from .evidence import (
    BREACHED,
    NOT_APPLICABLE,
    Delivery,
    GivenScore,
    Judgement,
    Occurrence,
    TicketResult,
)
from .periods import PeriodInstance

_DAY = timedelta(days=1)


@frozen
class View:
    """Evidence counting in one period instance for one sheet (see module docstring)."""

    period: PeriodInstance
    as_of: datetime
    tickets: tuple[TicketResult, ...]
    excluded: tuple[TicketResult, ...]
    occurrences: tuple[Occurrence, ...]
    superseded: tuple[tuple[Occurrence, Occurrence], ...]  # (occurrence, superseding one)
    excluded_occurrences: tuple[Occurrence, ...]
    judgements: tuple[Judgement, ...]
    scores: tuple[GivenScore, ...]
    deliveries: tuple[Delivery, ...]


@frozen
class Matched:
    """What a counter found: the quantity, and the evidence behind it."""

    quantity: Decimal
    evidence: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()


def occurrence_text(occ: Occurrence) -> str:
    text = str(occ.event)
    if occ.count != 1:
        text += f" ×{_plain(occ.count)}"
    if occ.points is not None:
        text += f": {_plain(occ.points)} points"
    if occ.ticket is not None:
        text += f" (ticket {occ.ticket})"
    return text


def _plain(value: Decimal) -> str:
    from ..literals import decimal_text

    return decimal_text(value)


def supersessions(model: m.Ruleset, occurrences: Sequence[Occurrence]) -> dict[int, Occurrence]:
    """Map position → superseding occurrence, for occurrences of a kind ``superseded by``
    another that shares their ticket (within ``occurrences``, one period's worth)."""
    by: dict[str, str] = {k.name: k.superseded_by for k in model.kinds if k.superseded_by}
    firsts: dict[tuple[str, str], Occurrence] = {}
    for occ in occurrences:
        if occ.ticket is not None:
            firsts.setdefault((occ.kind, occ.ticket), occ)
    out: dict[int, Occurrence] = {}
    for i, occ in enumerate(occurrences):
        other = by.get(occ.kind)
        if other is not None and occ.ticket is not None and (other, occ.ticket) in firsts:
            out[i] = firsts[(other, occ.ticket)]
    return out


def count(counter: m.Counter, view: View) -> Matched:
    """The quantity a counter finds in a view (docs/language.md §5, count rules)."""
    if isinstance(counter, m.PerOccurrence | m.PerUnit | m.PerNOccurrences):
        return _occurrences(counter, view)
    if isinstance(counter, m.PerDayLate):
        if counter.ref.member is None:
            return _deliverable_days_late(counter.ref.name, view)
        return _metric_days_late(counter.ref, view)
    if isinstance(counter, m.PerLateDelivery):
        return _late_deliveries(counter.deliverable, view)
    if isinstance(counter, m.PerBreach):
        return _breaches(counter, view)
    return _breached_tickets(counter, view)


def _occurrences(counter: m.PerOccurrence | m.PerUnit | m.PerNOccurrences, view: View) -> Matched:
    found = [o for o in view.occurrences if o.kind == counter.kind]
    total = sum((o.count for o in found), Decimal(0))
    quantity = total
    if isinstance(counter, m.PerNOccurrences):
        quantity = (total / counter.n).to_integral_value(rounding=ROUND_FLOOR)
    superseded = tuple(
        f"{occurrence_text(o)} superseded by {by.kind} {by.event}"
        for o, by in view.superseded
        if o.kind == counter.kind
    )
    excluded = tuple(
        f"{occurrence_text(o)}: ticket excluded"
        for o in view.excluded_occurrences
        if o.kind == counter.kind
    )
    return Matched(
        quantity,
        tuple(occurrence_text(o) for o in found),
        superseded,
        excluded,
        tuple(found),
    )


def delivery_days_late(delivery: Delivery, as_of: datetime) -> int:
    """Whole days late, ``ceil((delivered − due) / 24h)``, counting to ``as_of`` while the
    deliverable is outstanding; 0 when on time."""
    end = delivery.delivered if delivery.delivered is not None else as_of
    late = end - delivery.due
    if late <= timedelta(0):
        return 0
    return -(-late // _DAY)


def _late_deliveries_of(name: str, view: View) -> list[tuple[int, str]]:
    """Each delivery of ``name`` late at ``as_of`` (made after its due time, or still
    outstanding past it): its whole days late and its evidence text."""
    out = []
    for d in view.deliveries:
        if d.deliverable != name:
            continue
        days = delivery_days_late(d, view.as_of)
        if days == 0:
            continue
        if d.delivered is None:
            out.append((days, f"{name} due {d.due_event}: outstanding, {days} days late"))
        else:
            delivered = f"delivered {d.delivered_event}: {days} days late"
            out.append((days, f"{name} due {d.due_event}, {delivered}"))
    return out


def _deliverable_days_late(name: str, view: View) -> Matched:
    late = _late_deliveries_of(name, view)
    return Matched(Decimal(sum(days for days, _ in late)), tuple(text for _, text in late))


def _late_deliveries(name: str, view: View) -> Matched:
    """Deliveries of ``name`` made after their due time, or outstanding past it at
    ``as_of``: each counts once, however late (未按时提交每次扣2分)."""
    late = _late_deliveries_of(name, view)
    return Matched(Decimal(len(late)), tuple(text for _, text in late))


def _metric_days_late(ref: m.Reference, view: View) -> Matched:
    total, evidence = 0, []
    for ticket in view.tickets:
        if ticket.sla != ref.name:
            continue
        for target in ticket.targets:
            if target.metric == ref.member and target.days_late > 0:
                total += target.days_late
                evidence.append(
                    f"ticket {ticket.ticket}: {ref.member} {target.days_late} days late"
                )
    excluded = tuple(
        f"ticket {t.ticket}: excluded ({t.excluded})"
        for t in view.excluded
        if t.sla == ref.name and any(x.metric == ref.member and x.days_late > 0 for x in t.targets)
    )
    return Matched(Decimal(total), tuple(evidence), excluded=excluded)


def _tier_ok(ticket: TicketResult, tiers: tuple[str, ...]) -> bool:
    return not tiers or ticket.tier in tiers


def _breached(ticket: TicketResult, metric: str | None, tiers: tuple[str, ...] = ()) -> list[str]:
    """The ticket's breached metrics (of ``metric`` only, when given) whose target was
    measured against one of ``tiers`` (any tier when empty); see the module docstring."""
    return [
        t.metric
        for t in ticket.targets
        if t.status == BREACHED
        and (metric is None or t.metric == metric)
        and (not tiers or t.counted_tier(ticket) in tiers)
    ]


def _breaches(counter: m.PerBreach, view: View) -> Matched:
    total, evidence = 0, []
    for ticket in view.tickets:
        if ticket.sla == counter.ref.name:
            for metric in _breached(ticket, counter.ref.member, counter.tiers):
                total += 1
                evidence.append(f"ticket {ticket.ticket}: {metric} breached")
    excluded = tuple(
        f"ticket {t.ticket}: {metric} breached, excluded ({t.excluded})"
        for t in view.excluded
        if t.sla == counter.ref.name
        for metric in _breached(t, counter.ref.member, counter.tiers)
    )
    return Matched(Decimal(total), tuple(evidence), excluded=excluded)


def _breached_tickets(counter: m.PerBreachedTicket, view: View) -> Matched:
    tiers = counter.tiers
    found = [t for t in view.tickets if t.sla == counter.sla and _breached(t, None, tiers)]
    evidence = tuple(
        f"ticket {t.ticket}: {', '.join(_breached(t, None, tiers))} breached" for t in found
    )
    excluded = tuple(
        f"ticket {t.ticket}: excluded ({t.excluded})"
        for t in view.excluded
        if t.sla == counter.sla and _breached(t, None, tiers)
    )
    return Matched(Decimal(len(found)), evidence, excluded=excluded)


# ---- aggregates for points tables --------------------------------------------------------

CalendarLookup = Callable[[str, str], Calendar | None]  # (sla, metric) → calendar


def aggregate(
    model: m.Ruleset, agg: m.Aggregate, view: View, calendar_for: CalendarLookup
) -> Matched:
    """An aggregate's value over the view: ``count`` (tickets or occurrences), ``downtime``
    (the union of a metric's running intervals, measured on the metric's calendar) or
    ``mttr`` (the mean elapsed time of the metric's stopped targets; 0 with none)."""
    ref = agg.ref
    if agg.fn == "late":
        return _late_deliveries(ref.name, view)
    if agg.fn == "count":
        if model.find("slas", ref.name) is None:
            return _occurrences(m.PerOccurrence(ref.name), view)
        tickets = [
            t
            for t in view.tickets
            if t.sla == ref.name
            and _tier_ok(t, agg.tiers)
            and (ref.member is None or _started(t, ref.member))
        ]
        return Matched(Decimal(len(tickets)), tuple(f"ticket {t.ticket}" for t in tickets))
    targets = [
        (t.ticket, x)
        for t in view.tickets
        if t.sla == ref.name
        for x in t.targets
        if x.metric == ref.member
    ]
    if agg.fn == "downtime":
        intervals = [iv for _, x in targets for iv in x.intervals]
        calendar = calendar_for(ref.name, ref.member or "")
        total = union_duration(intervals, calendar)
        evidence = tuple(f"ticket {tid}: {ref.member}" for tid, x in targets if x.intervals)
        return Matched(m.duration_seconds(total), evidence)
    stopped = [(tid, x.elapsed) for tid, x in targets if x.stop is not None and x.elapsed]
    evidence = tuple(f"ticket {tid}: {ref.member} stopped" for tid, _ in stopped)
    if not stopped:
        return Matched(Decimal(0), evidence)
    total_s = sum((m.duration_seconds(e) for _, e in stopped if e is not None), Decimal(0))
    return Matched(total_s / len(stopped), evidence)


def _started(ticket: TicketResult, metric: str) -> bool:
    return any(t.metric == metric and t.status != NOT_APPLICABLE for t in ticket.targets)


def union_duration(
    intervals: Iterable[tuple[datetime, datetime]], calendar: Calendar | None
) -> timedelta:
    """The length of the union of intervals, measured on ``calendar`` (working time) or
    wall-clock when there is none: overlapping faults count once."""
    merged: list[list[datetime]] = []
    for a, b in sorted(intervals):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    total = timedelta(0)
    for a, b in merged:
        total += calendar.elapsed(a, b) if calendar is not None else b - a
    return total
