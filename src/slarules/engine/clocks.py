"""Metric clocks and the per-ticket state machine (SPEC §3, docs/language.md §3).

A :class:`MetricClock` records only facts: when its start event came, the wall-clock spans
during which it ran (pauses and reopen gaps are the holes between spans), when it stopped,
and which tier's target it is measured against. Everything else — deadline, status, days
late, elapsed working time — is derived from those facts at an evaluation time ``as_of``, so
the same facts always give the same answer whatever order the questions come in.

Deadline. ``base`` is the target's end counted from the clock's start: ``Calendar.add`` for
a duration (a start outside working time begins at the next working instant), and
``Calendar.add_days``/``add_workdays`` for N days / N workdays (the start day is not counted;
24:00, or close of business with ``by close``). Every hole before the deadline then moves it
by the working time the hole covered: ``d = Calendar.add(d, Calendar.elapsed(hole))``. For a
duration this is exactly "the instant at which the target's working time has run"; a hole
that begins at or after the deadline moves nothing (the target was already missed). A ticket
paused at ``as_of`` is evaluated as if the pause ended at ``as_of``.

Every calendar operation is a bisection in ``slarules.Calendar``; no loop here walks time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from attrs import evolve

from .. import model as m
from ..calendar import Calendar
from ..events import TICKET_STATE, Event, EventProblem
from .evidence import BREACHED, MET, NOT_APPLICABLE, RUNNING, EventRef, TargetResult, TicketResult

_DAY = timedelta(days=1)
_ZERO = timedelta(0)

# A stopped clock's spans and history (see ``MetricClock.pack``), when they are not just
# ``[start, stop]``; its other facts are in its TargetResult.
PackedClock = tuple[
    tuple[tuple[datetime | None, datetime | None], ...],
    tuple[tuple[datetime, datetime], ...],
]
# What a settled ticket holds instead of its working lists (never appended to: a later event
# unpacks the ticket first, which gives it lists of its own).
_SETTLED: list[Any] = []


def base_deadline(calendar: Calendar, target: m.Target, start: datetime) -> datetime:
    """The deadline of ``target`` for a clock started at ``start``, before any pause."""
    amount = target.amount
    if amount.unit is m.Unit.DURATION:
        assert isinstance(amount.value, timedelta)
        return calendar.add(start, amount.value)
    assert isinstance(amount.value, int)
    cob = target.close_of_business
    if amount.unit is m.Unit.WORKDAYS:
        return calendar.add_workdays(start, amount.value, close_of_business=cob)
    return calendar.add_days(start, amount.value, close_of_business=cob)


def shifted_deadline(
    calendar: Calendar, deadline: datetime, holes: list[tuple[datetime, datetime]]
) -> datetime:
    """``deadline`` moved by the working time of every hole that begins before it."""
    for begin, end in holes:
        if begin >= deadline:
            break
        covered = calendar.elapsed(begin, end)
        if covered:
            deadline = calendar.add(deadline, covered)
    return deadline


def days_late(late: timedelta) -> int:
    """Whole days, rounded up, of a positive delay (docs/language.md §3.6)."""
    return -(-late // _DAY) if late > timedelta(0) else 0


class MetricClock:
    """One metric of one ticket. ``spans`` are ``[begin, end]`` pairs with ``end`` None
    while running; ``history`` keeps spans from before a ``retier restart`` (they still
    count as downtime, not toward the restarted target). ``tier`` is the tier ``target``
    belongs to: set at the start, moved by a retier while live, fixed at the stop."""

    __slots__ = (
        "calendar",
        "downgraded",
        "history",
        "metric",
        "pausable",
        "refs",
        "spans",
        "start",
        "stop",
        "target",
        "tier",
    )

    def __init__(self, metric: m.Metric, calendar: Calendar, pausable: bool) -> None:
        self.metric = metric
        self.calendar = calendar
        self.pausable = pausable
        self.target: m.Target | None = None
        self.tier: str | None = None
        self.start: datetime | None = None
        self.spans: list[list[datetime | None]] = []
        self.history: list[tuple[datetime, datetime]] = []
        self.stop: datetime | None = None
        self.downgraded = False
        self.refs: list[EventRef] = []

    @property
    def started(self) -> bool:
        return self.start is not None

    @property
    def stopped(self) -> bool:
        return self.stop is not None

    @property
    def running(self) -> bool:
        return bool(self.spans) and self.spans[-1][1] is None

    @property
    def live(self) -> bool:
        """Started and not stopped: running, or held by a pause."""
        return self.started and not self.stopped

    # -- transitions ----------------------------------------------------------------------

    def begin(
        self, t: datetime, tier: str, target: m.Target | None, paused: bool, ref: EventRef
    ) -> None:
        self.start, self.tier, self.target = t, tier, target
        if not paused:
            self.spans.append([t, None])
        self.refs.append(ref)

    def halt(self, t: datetime, ref: EventRef) -> None:
        self.suspend(t)
        self.stop = t
        self.refs.append(ref)

    def suspend(self, t: datetime) -> None:
        if self.running:
            self.spans[-1][1] = t

    def proceed(self, t: datetime) -> None:
        if self.live and not self.running:
            self.spans.append([t, None])

    def reopen(self, t: datetime, paused: bool, ref: EventRef) -> None:
        self.stop = None
        if not paused:
            self.spans.append([t, None])
        self.refs.append(ref)

    def restart(self, t: datetime, tier: str, target: m.Target | None, paused: bool) -> None:
        """``retier restart``: a fresh clock from ``t``; earlier spans stay as downtime."""
        self.suspend(t)
        self.history.extend((a, b) for a, b in self._closed_spans(t) if a < b)
        self.spans = [] if paused else [[t, None]]
        self.start, self.tier, self.target = t, tier, target

    def remeasure(self, tier: str, target: m.Target | None) -> None:
        """``retier remeasure``: the same clock, measured against ``tier``'s target."""
        self.tier, self.target = tier, target

    def downgrade(self, t: datetime, ref: EventRef) -> None:
        """Met by a downgrade before the deadline: the clock stops at the retier."""
        self.halt(t, ref)
        self.downgraded = True

    # -- packing a final clock --------------------------------------------------------------

    def pack(self) -> PackedClock | None:
        """What the stopped clock's TargetResult does not say: its spans and history, as
        tuples; None when there is nothing to add (never started, or one span from the
        start to the stop: most clocks)."""
        spans = self.spans
        if self.start is None or (
            not self.history
            and len(spans) == 1
            and spans[0][0] == self.start
            and spans[0][1] == self.stop
        ):
            return None
        return tuple((a, b) for a, b in spans), tuple(self.history)

    def unpack(
        self, packed: PackedClock | None, result: TargetResult, target: m.Target | None
    ) -> None:
        """Back to the clock ``pack`` and ``result`` describe; ``target`` is its tier's."""
        if result.start is None:
            return
        self.start, self.stop, self.tier = result.start, result.stop, result.tier
        self.downgraded, self.target = result.met_by_downgrade, target
        if packed is None:
            self.spans = [[result.start, result.stop]]
        else:
            self.spans = [[a, b] for a, b in packed[0]]
            self.history = list(packed[1])
        self.refs = list(result.events)

    # -- derived facts ----------------------------------------------------------------------

    def _closed_spans(self, as_of: datetime) -> list[tuple[datetime, datetime]]:
        return [(a, b if b is not None else as_of) for a, b in self.spans if a is not None]

    def holes(self, end: datetime) -> list[tuple[datetime, datetime]]:
        """Wall-clock stretches between the start and ``end`` during which the clock did
        not run: pauses, reopen gaps, and a pause still open at ``end``."""
        assert self.start is not None
        out: list[tuple[datetime, datetime]] = []
        cursor: datetime | None = self.start
        for begin, stop in self.spans:
            assert begin is not None
            if cursor is not None and begin > cursor:
                out.append((cursor, begin))
            cursor = stop
        if cursor is not None and end > cursor:
            out.append((cursor, end))
        return out

    def deadline(self, end: datetime) -> datetime | None:
        """The deadline as known at ``end`` (the stop, or the evaluation time)."""
        if self.start is None or self.target is None:
            return None
        base = base_deadline(self.calendar, self.target, self.start)
        return shifted_deadline(self.calendar, base, self.holes(end))

    def result(self, as_of: datetime, ticket_tier: str) -> TargetResult:
        """The target's status at ``as_of`` (docs/language.md §3, rules 3 and 6); a clock
        not started yet is reported under ``ticket_tier``, the tier it would start with."""
        name, refs = self.metric.name, tuple(self.refs)
        if self.start is None:
            return TargetResult(
                name, NOT_APPLICABLE, None, None, None, None, events=refs, tier=ticket_tier
            )
        spans = self._closed_spans(as_of)
        elapsed, measure = _ZERO, self.calendar.elapsed
        for a, b in spans:
            elapsed += measure(a, b)
        if self.history or len(spans) > 1:
            intervals = tuple(sorted({*self.history, *((a, b) for a, b in spans if a < b)}))
        else:  # the common case: one span or none, nothing to merge or sort
            intervals = tuple(span for span in spans if span[0] < span[1])
        end = self.stop if self.stop is not None else as_of
        deadline = self.deadline(end)
        if deadline is None:
            status, late = NOT_APPLICABLE, 0
        elif self.stop is not None:
            status = MET if self.stop <= deadline else BREACHED
            late = days_late(self.stop - deadline)
        else:
            status = BREACHED if as_of > deadline else RUNNING
            late = days_late(as_of - deadline)
        return TargetResult(
            metric=name,
            status=status,
            start=self.start,
            deadline=deadline,
            stop=self.stop,
            elapsed=elapsed,
            days_late=late,
            met_by_downgrade=self.downgraded,
            intervals=intervals,
            events=refs,
            tier=self.tier,
            unit=self.target.amount.unit.value if self.target is not None else None,
        )


def metric_calendar(
    sla: m.Sla, metric: m.Metric, calendars: Mapping[str, Calendar], fallback: Calendar
) -> Calendar:
    """The metric's own ``on`` calendar, else the SLA's; ``fallback`` (24×7) only for a
    model the checker has not passed (SLR402 reports a metric without a calendar)."""
    name = metric.calendar or sla.calendar
    return calendars.get(name, fallback) if name is not None else fallback


class SlaPlan:
    """What every ticket of one SLA shares, worked out once: tier order, targets by tier and
    metric, the metric events, each metric's calendar and whether the SLA pauses it."""

    def __init__(self, sla: m.Sla, calendars: Mapping[str, Calendar], fallback: Calendar) -> None:
        self.sla = sla
        pausable = set(sla.pauses)
        self.metrics = tuple(
            (
                mt,
                metric_calendar(sla, mt, calendars, fallback),
                m.ALL_METRICS[0] in pausable or mt.name in pausable,
            )
            for mt in sla.metrics
        )
        self.tier_index = {t.name: i for i, t in enumerate(sla.tiers)}
        self.targets = {t.name: {tg.metric: tg for tg in t.targets} for t in sla.tiers}
        self.metric_events = frozenset(e for mt in sla.metrics for e in (mt.start, *mt.stops))
        self.pause_tiers = frozenset(sla.pause_tiers)
        # Dispatch: event type → indexes (in metric order) of the clocks it stops / starts.
        self.stops = _index_by(sla.metrics, lambda mt: mt.stops)
        self.starts = _index_by(sla.metrics, lambda mt: (mt.start,))

    def pauses_in(self, tier: str) -> bool:
        """Whether a pause holds the clocks of a ticket in ``tier`` (``pause … in tier``)."""
        return not self.pause_tiers or tier in self.pause_tiers


def _index_by(
    metrics: tuple[m.Metric, ...], events: Callable[[m.Metric], Iterable[str]]
) -> dict[str, tuple[int, ...]]:
    """Event type → indexes of the metrics whose ``events`` include it, in metric order."""
    out: dict[str, list[int]] = {}
    for i, mt in enumerate(metrics):
        for kind in dict.fromkeys(events(mt)):
            out.setdefault(kind, []).append(i)
    return {kind: tuple(found) for kind, found in out.items()}


class TicketState:
    """One ticket's life: its SLA, tier, pause and closing state, cause and clocks.

    ``check`` raises ``EventProblem`` for an event the ticket cannot take, before anything
    changes; ``apply`` then performs it. A closed ticket whose clocks are all stopped (or
    never started) is *final*: its result no longer depends on the evaluation time, so it is
    computed when the ticket becomes final (events come in time order: the calendar's
    tables are warm) and the working state is dropped: the clocks are packed into small
    tuples (``MetricClock.pack``), the event and note lists live on in the result only. An
    ``attributed`` event after that only adds itself to the result (the cause is applied
    when the result is asked for); any other event (a reopening, a late report metric)
    unpacks the clocks, is applied as to an open ticket, and the ticket is settled again.
    """

    __slots__ = (
        "_final",
        "_packed",
        "assessor",
        "cause",
        "clocks",
        "closed",
        "closed_ref",
        "notes",
        "opened",
        "opened_ref",
        "paused",
        "plan",
        "refs",
        "sla",
        "ticket",
        "tier",
        "tiers_seen",
    )

    def __init__(self, event: Event, plan: SlaPlan) -> None:
        assert event.ticket is not None and event.tier is not None
        self.plan, self.sla = plan, plan.sla
        self.ticket, self.tier = event.ticket, event.tier
        self.assessor = event.assessor
        self.tiers_seen = [event.tier]
        self.opened, self.opened_ref = event.at, event.ref
        self.closed: datetime | None = None
        self.closed_ref: EventRef | None = None
        self.paused: EventRef | None = None
        self.cause: str | None = None
        self.refs: list[EventRef] = []
        self.notes: list[str] = []
        self.clocks = [MetricClock(mt, cal, pausable) for mt, cal, pausable in plan.metrics]
        self._final: TicketResult | None = None
        self._packed: tuple[PackedClock | None, ...] | None = None
        self._record(event)
        self._metric_events(event)

    # -- checking -------------------------------------------------------------------------

    def check(self, event: Event) -> None:
        """Raise ``EventProblem`` if this ticket cannot take ``event`` now."""
        kind, closed = event.type, self.closed is not None
        if kind == "opened":
            raise self._problem(f"ticket {self.ticket} was already opened at {self.opened_ref}")
        if kind in ("paused", "resumed", "retiered") and closed:
            raise self._problem(
                f"ticket {self.ticket} is closed ({self.closed_ref}); "
                f"{kind} needs an open ticket (reopen it first)"
            )
        if kind == "paused" and self.paused is not None:
            raise self._problem(f"ticket {self.ticket} is already paused ({self.paused})")
        if kind == "resumed" and self.paused is None:
            raise self._problem(f"ticket {self.ticket} is not paused")
        if kind == "reopened" and not closed:
            raise self._problem(f"ticket {self.ticket} is not closed, so it cannot be reopened")
        if kind == "closed" and closed:
            raise self._problem(f"ticket {self.ticket} is already closed ({self.closed_ref})")
        if kind == "retiered" and event.tier not in self.plan.tier_index:
            tiers = ", ".join(self.plan.tier_index)
            raise self._problem(f"SLA {self.sla.name} has no tier {event.tier} (tiers: {tiers})")
        lifecycle = ("paused", "resumed", "retiered", "attributed", "reopened", "closed")
        if kind not in lifecycle and kind not in self.plan.metric_events:
            used = ", ".join(sorted(self.plan.metric_events))
            raise self._problem(
                f"SLA {self.sla.name} has no metric that starts or stops at {kind} "
                f"(its metric events: {used})"
            )

    @staticmethod
    def _problem(message: str) -> EventProblem:
        return EventProblem(TICKET_STATE, message)

    # -- applying -------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Perform a checked event: stops first, then starts, then the life-cycle change."""
        if self._final is not None:
            if event.type == "attributed":
                self._attribute_final(event, self._final)
                return
            self._unpack(self._final)
        self._record(event)
        self._metric_events(event)
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            getattr(self, handler)(event)
        if self.closed is not None:
            self._settle()

    def _settle(self) -> None:
        """A closed ticket with no live clock: compute its result now, pack the clocks."""
        if any(c.start is not None and c.stop is None for c in self.clocks):
            return
        assert self.closed is not None
        self._final = self._base_result(self.closed)
        packed = tuple(clock.pack() for clock in self.clocks)
        self._packed = packed if any(p is not None for p in packed) else None
        self.clocks = self.refs = self.notes = self.tiers_seen = _SETTLED

    def _unpack(self, final: TicketResult) -> None:
        """Back to working state, from the packed clocks and the cached result."""
        packs = self._packed or (None,) * len(self.plan.metrics)
        self.clocks = []
        for (mt, cal, pausable), packed, result in zip(
            self.plan.metrics, packs, final.targets, strict=True
        ):
            clock = MetricClock(mt, cal, pausable)
            tier = result.tier if result.start is not None else None
            target = self.plan.targets[tier].get(mt.name) if tier is not None else None
            clock.unpack(packed, result, target)
            self.clocks.append(clock)
        self.refs, self.notes = list(final.events), list(final.notes)
        self.tiers_seen = list(final.tiers_seen)
        self._final, self._packed = None, None

    def _attribute_final(self, event: Event, final: TicketResult) -> None:
        """``attributed`` on a final ticket: the cause, and the event in its result."""
        self.cause = event.cause
        notes = final.notes + ((f"{event.ref}: {event.note}",) if event.note else ())
        self._final = evolve(final, events=(*final.events, event.ref), notes=notes)

    def _record(self, event: Event) -> None:
        self.refs.append(event.ref)
        if event.note:
            self.notes.append(f"{event.ref}: {event.note}")

    def _metric_events(self, event: Event) -> None:
        """Stop, then start, only the clocks the plan's dispatch tables name for the type."""
        clocks, kind = self.clocks, event.type
        for i in self.plan.stops.get(kind, ()):
            clock = clocks[i]
            if clock.start is not None and clock.stop is None:
                clock.halt(event.at, event.ref)
        for i in self.plan.starts.get(kind, ()):
            clock = clocks[i]
            if clock.start is None:
                target = self.plan.targets[self.tier].get(clock.metric.name)
                clock.begin(event.at, self.tier, target, self._held(clock), event.ref)

    def _held(self, clock: MetricClock, tier: str | None = None) -> bool:
        """Whether a pause holds ``clock`` now (or were the ticket in ``tier``): the ticket
        is paused, the SLA pauses the metric, and the tier is one the pause covers."""
        return (
            self.paused is not None
            and clock.pausable
            and self.plan.pauses_in(self.tier if tier is None else tier)
        )

    def _pause(self, event: Event) -> None:
        self.paused = event.ref
        for clock in self.clocks:
            if self._held(clock) and clock.running:
                clock.suspend(event.at)
                clock.refs.append(event.ref)

    def _resume(self, event: Event) -> None:
        held = [clock for clock in self.clocks if self._held(clock)]
        self.paused = None
        for clock in held:
            if clock.live:
                clock.proceed(event.at)
                clock.refs.append(event.ref)

    def _retier(self, event: Event) -> None:
        """Remeasure (or restart) every live clock against the new tier; a target with
        ``or downgrade`` is met by a move to a later-declared tier at or before its deadline."""
        assert event.tier is not None
        new, old = event.tier, self.tier
        if new == old:
            return
        later = self.plan.tier_index[new] > self.plan.tier_index[old]
        for clock in self.clocks:
            if not clock.live:
                continue
            if later and clock.target is not None and clock.target.downgrade:
                deadline = clock.deadline(event.at)
                if deadline is not None and event.at <= deadline:
                    clock.downgrade(event.at, event.ref)
                    continue
            clock.refs.append(event.ref)
            target = self.plan.targets[new].get(clock.metric.name)
            if self.sla.retier == "restart":
                clock.restart(event.at, new, target, self._held(clock, new))
            else:
                clock.remeasure(new, target)
                self._rehold(clock, old, new, event.at)
        self.tier = new
        self.tiers_seen.append(new)

    def _rehold(self, clock: MetricClock, old: str, new: str, at: datetime) -> None:
        """A retier during a pause limited to some tiers: the pause starts (or stops)
        holding the clock at the retier."""
        was, now = self._held(clock, old), self._held(clock, new)
        if was and not now:
            clock.proceed(at)
        elif now and not was and clock.running:
            clock.suspend(at)

    def _attribute(self, event: Event) -> None:
        self.cause = event.cause

    def _reopen(self, event: Event) -> None:
        """Resume the metrics that stopped at the resolution: among the metrics that start
        at ``opened``, those whose stop came last (one event may stop several)."""
        self.closed, self.closed_ref = None, None
        stopped = [
            c
            for c in self.clocks
            if c.metric.start == "opened" and c.stop is not None and not c.downgraded
        ]
        if stopped:
            resolution = max(c.stop for c in stopped if c.stop is not None)
            for clock in stopped:
                if clock.stop == resolution:
                    clock.reopen(event.at, self._held(clock), event.ref)

    def _close(self, event: Event) -> None:
        self.closed, self.closed_ref = event.at, event.ref

    # -- results ----------------------------------------------------------------------------

    @property
    def final(self) -> bool:
        return self._final is not None

    def calendars(self) -> list[Calendar]:
        """Each metric's calendar, in metric order."""
        return [cal for _, cal, _ in self.plan.metrics]

    def held(self) -> list[bool]:
        """Per metric, in metric order: live but not running (held by a pause)."""
        if self._final is not None:
            return [False] * len(self.plan.metrics)
        return [clock.live and not clock.running for clock in self.clocks]

    def result(self, as_of: datetime) -> TicketResult:
        """The ticket at ``as_of``, with its cause's exclusion and exemptions applied."""
        base = self._final if self._final is not None else self._base_result(as_of)
        return self._with_cause(base)

    def _base_result(self, as_of: datetime) -> TicketResult:
        return TicketResult(
            ticket=self.ticket,
            sla=self.sla.name,
            tier=self.tier,
            opened=self.opened,
            excluded=None,
            targets=tuple(clock.result(as_of, self.tier) for clock in self.clocks),
            tiers_seen=tuple(self.tiers_seen),
            closed=self.closed,
            events=tuple(self.refs),
            notes=tuple(self.notes),
            assessor=self.assessor,
        )

    def _with_cause(self, base: TicketResult) -> TicketResult:
        cause = self.cause
        if cause is None:
            return base
        excluded = cause if any(cause in ex.causes for ex in self.sla.exclusions) else None
        exempt = {mt for ex in self.sla.exemptions if cause in ex.causes for mt in ex.metrics}
        targets = tuple(
            _exempted(t) if t.metric in exempt or m.ALL_METRICS[0] in exempt else t
            for t in base.targets
        )
        return TicketResult(
            ticket=base.ticket,
            sla=base.sla,
            tier=base.tier,
            opened=base.opened,
            excluded=excluded,
            targets=targets,
            tiers_seen=base.tiers_seen,
            closed=base.closed,
            events=base.events,
            notes=base.notes,
            assessor=base.assessor,
        )


_HANDLERS = {
    "paused": "_pause",
    "resumed": "_resume",
    "retiered": "_retier",
    "attributed": "_attribute",
    "reopened": "_reopen",
    "closed": "_close",
}


def _exempted(target: TargetResult) -> TargetResult:
    """An exempted target: not applicable, its facts kept for the auditor."""
    return TargetResult(
        metric=target.metric,
        status=NOT_APPLICABLE,
        start=target.start,
        deadline=target.deadline,
        stop=target.stop,
        elapsed=target.elapsed,
        days_late=0,
        met_by_downgrade=False,
        intervals=target.intervals,
        events=target.events,
        tier=target.tier,
        unit=target.unit,
    )
