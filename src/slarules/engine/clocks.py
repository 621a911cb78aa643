"""The per-ticket state machine (SPEC §3, docs/language.md §3): a ticket's SLA, tier, pause
and closing state, cause, agreed targets and clocks.

Each metric's clock is a :class:`~.metric_clock.MetricClock` (facts in, deadline and status
out); what a tier change does to a running clock is in ``engine/retier.py``. This module
decides which events reach which clocks, which target a clock is measured against (the
tier's, or one agreed for the ticket), and when a ticket is final.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from attrs import evolve

from .. import model as m
from ..calendar import Calendar
from ..events.reader import TICKET_STATE, Event, EventProblem
from ..events.types import EventRef
from ..i18n import _
from .clock_packing import PackedClock, pack_clock, unpack_clock
from .evidence import (
    AGREED,
    NOT_APPLICABLE,
    OWED,
    PAUSE,
    RESUME,
    BeyondCalendarData,
    TargetResult,
    TicketResult,
)
from .metric_clock import MetricClock
from .reopening import changes_since_stop, owe_again
from .retier import KEPT, RESTARTED, applied_at_reopening, retier_clock
from .sla_plan import SlaPlan, clock_start, metric_calendar
from .target_deadlines import base_deadline, days_late, shifted_deadline

__all__ = [
    "MetricClock",
    "SlaPlan",
    "TicketState",
    "base_deadline",
    "clock_start",
    "days_late",
    "metric_calendar",
    "shifted_deadline",
]

# What a settled ticket holds instead of its working lists (never appended to: a later event
# unpacks the ticket first, which gives it lists of its own).
SETTLED: list[Any] = []
# A ticket without agreements shares this one (an empty dict is 64 bytes a ticket); ``_agree``
# replaces it by a dict of the ticket's own.
NO_AGREEMENTS: Mapping[str, m.Target] = MappingProxyType({})


class TicketState:
    """One ticket's life: its SLA, tier, pause and closing state, cause, agreed targets
    (``agreements``: metric → the latest ``agreed`` target), the events targets are owed
    ``when`` that have happened (``happened``), and clocks.

    ``check`` raises ``EventProblem`` for an event the ticket cannot take, before anything
    changes; ``apply`` then performs it. A closed ticket whose clocks are all stopped (or
    never started) is *final*: its result no longer depends on the evaluation time, so it is
    computed when the ticket becomes final (events come in time order: the calendar's
    tables are warm) and the working state is dropped: the clocks are packed into small
    tuples (``clock_packing.pack_clock``), the event and note lists live on in the result only. An
    ``attributed`` event after that only adds itself to the result (the cause is applied
    when the result is asked for); any other event (a reopening, a late report metric)
    unpacks the clocks, is applied as to an open ticket, and the ticket is settled again.
    """

    __slots__ = (
        "_final",
        "_packed",
        "agreements",
        "assessor",
        "cause",
        "clocks",
        "closed",
        "closed_ref",
        "fields",
        "happened",
        "notes",
        "opened",
        "opened_ref",
        "paused",
        "plan",
        "refs",
        "retiers",
        "sla",
        "ticket",
        "tier",
        "tiers_seen",
    )

    def __init__(self, event: Event, plan: SlaPlan) -> None:
        assert event.ticket is not None and event.tier is not None
        self.plan, self.sla = plan, plan.sla
        self.ticket, self.tier = event.ticket, plan.tier_name(event.tier)
        self.assessor = event.assessor
        self.fields = event.fields
        self.tiers_seen = [self.tier]
        self.opened, self.opened_ref = event.at, event.ref
        self.closed: datetime | None = None
        self.closed_ref: EventRef | None = None
        self.paused: EventRef | None = None
        self.cause: str | None = None
        self.agreements = NO_AGREEMENTS
        self.happened: tuple[str, ...] = ()  # a tuple: an empty set is 216 bytes a ticket
        self.retiers: tuple[tuple[datetime, EventRef], ...] = ()
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
        if kind not in _STATE_CHECKED:  # most events: a metric event, or ``attributed``
            if kind == "attributed" or kind in self.plan.metric_events:
                return
            raise self._no_metric_event(kind)
        if kind == "opened":
            raise self._problem(
                _("ticket {ticket} was already opened at {opened_ref}").format(
                    ticket=self.ticket, opened_ref=self.opened_ref
                )
            )
        if kind in ("paused", "resumed", "retiered") and closed:
            raise self._problem(
                _(
                    "ticket {ticket} is closed ({closed_ref}); {kind} needs an "
                    "open ticket (reopen it first)"
                ).format(ticket=self.ticket, closed_ref=self.closed_ref, kind=kind)
            )
        if kind == "paused" and self.paused is not None:
            raise self._problem(
                _("ticket {ticket} is already paused ({paused})").format(
                    ticket=self.ticket, paused=self.paused
                )
            )
        if kind == "resumed" and self.paused is None:
            raise self._problem(_("ticket {ticket} is not paused").format(ticket=self.ticket))
        if kind == "reopened" and not closed:
            raise self._problem(
                _("ticket {ticket} is not closed, so it cannot be reopened").format(
                    ticket=self.ticket
                )
            )
        if kind == "closed" and closed:
            raise self._problem(
                _("ticket {ticket} is already closed ({closed_ref})").format(
                    ticket=self.ticket, closed_ref=self.closed_ref
                )
            )
        if kind == "retiered" and event.tier not in self.plan.tier_index:
            tiers = ", ".join(self.plan.tier_index)
            raise self._problem(
                _("SLA {sla_name} has no tier {tier} (tiers: {tiers})").format(
                    sla_name=self.sla.name, tier=event.tier, tiers=tiers
                )
            )
        if kind == "agreed":
            self._check_agreement(event)

    def _no_metric_event(self, kind: str) -> EventProblem:
        """An event type that none of the SLA's metrics starts, stops or is owed ``when``."""
        used = ", ".join(sorted(self.plan.metric_events))
        return self._problem(
            _(
                "SLA {sla_name} has no metric that starts or stops at "
                "{kind}, nor a target owed when it (its metric events: "
                "{used})"
            ).format(sla_name=self.sla.name, kind=kind, used=used)
        )

    @staticmethod
    def _problem(message: str) -> EventProblem:
        return EventProblem(TICKET_STATE, message)

    def _check_agreement(self, event: Event) -> None:
        """An ``agreed`` target must be one the ticket's tier takes (``… or agreed``), come
        before its clock stops and before its deadline has passed (an agreement cannot
        erase a breach), and end no earlier than the agreement itself."""
        metric, agreed = event.metric, event.agreed
        assert metric is not None and agreed is not None and agreed.amount is not None
        index = self.plan.metric_index.get(metric)
        if index is None:
            known = ", ".join(self.plan.metric_index) or "none"
            raise self._problem(
                _("SLA {sla_name} has no metric {metric} (its metrics: {known})").format(
                    sla_name=self.sla.name, metric=metric, known=known
                )
            )
        if not self.plan.takes_agreement(self.tier, metric):
            takers = [tier for tier in self.plan.targets if self.plan.takes_agreement(tier, metric)]
            raise self._problem(
                _(
                    "tier {tier} of SLA {sla_name} takes no agreed target for "
                    "{metric} (tiers that do: {value}; write e.g. “{metric} "
                    "agreed” or “{metric} 8小时 or agreed” in the tier)"
                ).format(
                    tier=self.tier,
                    sla_name=self.sla.name,
                    metric=metric,
                    value=", ".join(takers) or "none",
                )
            )
        if self._final is not None:
            done = self._final.targets[index]
            if done.stop is not None:
                raise self._problem(
                    _(
                        "{metric} of ticket {ticket} stopped at {isoformat}; a "
                        "target agreed after the work is done measures nothing"
                    ).format(metric=metric, ticket=self.ticket, isoformat=done.stop.isoformat())
                )
            return
        clock = self.clocks[index]
        if clock.stop is not None:
            raise self._problem(
                _(
                    "{metric} of ticket {ticket} stopped at {isoformat}; a "
                    "target agreed after the work is done measures nothing"
                ).format(metric=metric, ticket=self.ticket, isoformat=clock.stop.isoformat())
            )
        if clock.start is None:
            return
        before = clock.deadline(event.at)
        if before is not None and clock.past(before, event.at):
            raise self._problem(
                _(
                    "the {metric} deadline of ticket {ticket} passed at "
                    "{isoformat}; an agreement made after it cannot erase the "
                    "breach"
                ).format(metric=metric, ticket=self.ticket, isoformat=before.isoformat())
            )
        ends = clock.deadline_of(agreed, event.at)
        if ends is not None and ends < event.at:
            raise self._problem(
                _(
                    "the agreed {text} for {metric}, counted from its start at "
                    "{isoformat}, ends at {isoformat2}, before the agreement: "
                    "agree a target that ends after it"
                ).format(
                    text=agreed.amount.text,
                    metric=metric,
                    isoformat=clock.start.isoformat(),
                    isoformat2=ends.isoformat(),
                )
            )

    # -- applying -------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Perform a checked event: stops first, then starts, then the life-cycle change."""
        if self._final is not None:
            if event.type == "attributed":
                self._attribute_final(event, self._final)
                return
            self._unpack(self._final)
        ref, kind, plan = event.ref, event.type, self.plan
        self.refs.append(ref)  # _record(event), inline: once per event
        if event.note:
            self.notes.append(f"{ref}: {event.note}")
        if kind in plan.stops or kind in plan.starts:
            self._metric_events(event)
        if kind in plan.owed_when:
            self._owed_when(event)
        handler = _HANDLERS.get(kind)
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
        packed = tuple(pack_clock(clock) for clock in self.clocks)
        self._packed = packed if any(p is not None for p in packed) else None
        self.clocks = self.refs = self.notes = self.tiers_seen = SETTLED

    def _unpack(self, final: TicketResult) -> None:
        """Back to working state, from the packed clocks and the cached result."""
        packs = self._packed or (None,) * len(self.plan.metrics)
        self.clocks = []
        for (mt, cal, pausable), packed, result in zip(
            self.plan.metrics, packs, final.targets, strict=True
        ):
            clock = MetricClock(mt, cal, pausable)
            tier = result.tier if result.start is not None else None
            target = self._target(tier, mt.name)[0] if tier is not None else None
            unpack_clock(clock, packed, result, target)
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
                target, agreed = self._target(self.tier, clock.metric.name)
                start = clock_start(clock.metric, self.plan.calendars, event.at)
                clock.begin(start, self.tier, target, agreed, self._held(clock), event.ref)

    def _owed_when(self, event: Event) -> None:
        """An event that targets are owed ``when``: from now on they are owed."""
        found = self.plan.owed_when.get(event.type)
        if found is None:
            return
        if event.type not in self.happened:
            self.happened += (event.type,)
        for i in found:
            if event.ref not in self.clocks[i].refs:
                self.clocks[i].note(event.ref, OWED)

    def _target(self, tier: str, metric: str) -> tuple[m.Target | None, str | None]:
        """The target a clock of ``metric`` is measured against in ``tier``, and the text of
        the agreement when it is an agreed one: a tier's ``… or agreed`` target takes the
        ticket's agreement for the metric if there is one; ``metric agreed`` without one
        sets no target (按需: nothing agreed, nothing owed)."""
        target = self.plan.targets[tier].get(metric)
        if target is None or not target.agreed:
            return target, None
        agreement = self.agreements.get(metric)
        if agreement is None:
            return (target if target.amount is not None else None), None
        assert agreement.amount is not None
        measured = evolve(
            target, amount=agreement.amount, close_of_business=agreement.close_of_business
        )
        return measured, agreement.amount.text

    def _owed(self, clock: MetricClock) -> bool:
        """Whether ``clock``'s current target is owed: not one owed ``when`` an event that
        has not happened (fujian-gxt's 灾难性 engineer before an escalation has no deadline,
        so a tier change neither finds it missed nor bounds the new tier's time by it)."""
        target = clock.target
        return target is None or target.when is None or target.when in self.happened

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
                clock.note(event.ref, PAUSE)

    def _resume(self, event: Event) -> None:
        held = [clock for clock in self.clocks if self._held(clock)]
        self.paused = None
        for clock in held:
            if clock.live:
                clock.proceed(event.at)
                clock.note(event.ref, RESUME)

    def _retier(self, event: Event) -> None:
        """Move every live clock to the new tier (``engine/retier.py``: a breach that has
        happened stays; ``or downgrade`` discharges; the new target from the original start,
        never before the change's floor — or restarted at the change)."""
        assert event.tier is not None
        new, old = self.plan.tier_name(event.tier), self.tier
        if new == old:
            return
        later = self.plan.tier_index[new] > self.plan.tier_index[old]
        for clock in self.clocks:
            if not clock.live:
                continue
            target, agreed = self._target(new, clock.metric.name)
            held = self._held(clock, new)
            how = retier_clock(
                clock, event.at, event.ref, new, target, agreed,
                sla=self.sla, downgrade=later, held=held, owed=self._owed(clock),
            )  # fmt: skip
            if how != RESTARTED:
                self._rehold(clock, old, new, event.at)
        self.tier = new
        self.tiers_seen.append(new)
        if any(clock.stopped for clock in self.clocks):
            self.retiers += ((event.at, event.ref),)

    def _agree(self, event: Event) -> None:
        """``agreed`` (checked): the ticket's target for the metric from now on; a running
        clock is measured against it from its start."""
        assert event.metric is not None and event.agreed is not None
        self.agreements = {**self.agreements, event.metric: event.agreed}
        clock = self.clocks[self.plan.metric_index[event.metric]]
        if clock.live:
            target, agreed = self._target(self.tier, event.metric)
            clock.remeasure(self.tier, target, agreed)
            clock.note(event.ref, AGREED)

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
        """Resume the metrics that stopped at the resolution: among the metrics a reopening
        may resume (the SLA's ``reopen resumes …``, else those that start at ``opened``),
        those whose stop came last (one event may stop several). A metric that the
        resolution started (the fault report) is owed from the next one instead."""
        self.closed, self.closed_ref = None, None
        stopped = [c for c in self.clocks if self.plan.resumable(c.metric) and c.stop is not None]
        anchors = [self.clocks[i] for i in self.plan.reopen_anchors]
        if anchors:
            # The resolution is the last stop of a metric only the fix stops (fujian-gxt:
            # "an arrival that happened stays", reading 18): a ticket closed before any fix
            # resumes nothing, and an arrival stopped by its own event keeps its result.
            fixed = [(c.stop, i) for i, c in enumerate(anchors) if c.stop is not None]
            if not fixed:
                return
            undone_ref = anchors[max(fixed)[1]].stop_ref()
            stopped = [c for c in stopped if c.stop_ref() == undone_ref]
        if not stopped:
            return
        resolution = max(c.stop for c in stopped if c.stop is not None)
        resumed = [clock for clock in stopped if clock.stop == resolution]
        undone = {clock.stop_ref() for clock in resumed}
        # The fix undone is also any later stop event of those clocks that found them stopped
        # already (CGYWZHJG: measures at `workaround`, then `resolved`): what it started
        # (the report) is owed afresh too.
        since = {name: resolution for clock in resumed for name in clock.metric.stops}
        for clock in resumed:
            changes = changes_since_stop(self.retiers, clock)
            clock.reopen(event.at, self._held(clock), event.ref)
            self._catch_up_tier(clock, event, changes)
        owe_again(self.clocks, undone, since, event.at, event.ref)

    def _catch_up_tier(self, clock: MetricClock, event: Event, changes: list[EventRef]) -> None:
        """A clock stopped under one tier runs again after the ticket changed tier (fixed as
        紧急, lowered to 一般, reopened): it owes the new tier's target (SPEC §3.7), by the
        rule of any change applied now, so the order of change and reopening cannot matter.
        Its evidence names the ``retiered`` lines (``changes``) as the tier changes, before
        the reopening, not the reopening line a second time."""
        old, new = clock.tier, self.tier
        if old is None or old == new:
            return
        target, agreed = self._target(new, clock.metric.name)
        how = retier_clock(
            clock, event.at, None, new, target, agreed, sla=self.sla,
            downgrade=self.plan.tier_index[new] > self.plan.tier_index[old],
            held=self._held(clock), owed=self._owed(clock),
        )  # fmt: skip
        if how != KEPT:
            applied_at_reopening(clock, changes)

    def _close(self, event: Event) -> None:
        """``closed`` ends the ticket, and with it a pause still open: nothing can resume a
        closed ticket, so a clock the pause held runs again from the close (its evidence
        cites the ``closed`` line as the end of the pause). A fault closed unrestored is
        then due, and breached, as any target never stopped (clock semantics 5) — instead
        of standing held, running for ever, never due."""
        if self.paused is not None:
            self._resume(event)
        self.closed, self.closed_ref = event.at, event.ref

    # -- results ----------------------------------------------------------------------------

    @property
    def final(self) -> bool:
        return self._final is not None

    @property
    def settled_result(self) -> TicketResult | None:
        """The result computed at settling (None while the ticket is not final)."""
        return self._final

    @property
    def packed(self) -> tuple[PackedClock | None, ...] | None:
        """The packed clocks of a final ticket, None when every one is just its result."""
        return self._packed

    def settle_as(self, final: TicketResult, packed: tuple[PackedClock | None, ...] | None) -> None:
        """Final with this result and packed clocks (``engine/settled.py`` revives a shell)."""
        self._final, self._packed = final, packed

    def calendars(self) -> list[Calendar]:
        """Each metric's calendar, in metric order."""
        return [cal for _unused, cal, _unused2 in self.plan.metrics]

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
        # In field order, not by keyword: built once per ticket settled (attrs).
        return TicketResult(
            self.ticket, self.sla.name, self.tier, self.opened, None,
            tuple([self._target_result(clock, as_of) for clock in self.clocks]),
            self.plan.tiers_held(self.tiers_seen), self.closed, tuple(self.refs),
            tuple(self.notes), self.assessor, self.fields,
        )  # fmt: skip

    def _target_result(self, clock: MetricClock, as_of: datetime) -> TargetResult:
        """``clock``'s result; a deadline beyond its calendar's day data (a ticket opened on
        31 Dec 2100 with a target in workdays) is an error of the ticket's ``opened``. An
        evaluation time beyond it is the caller's (the error goes on as it came)."""
        try:
            return clock.result(as_of, self.tier, self.happened)
        except (ValueError, OverflowError) as exc:
            try:
                clock.calendar.day_hours(as_of.astimezone(clock.calendar.tz).date())
            except (ValueError, OverflowError):
                raise exc from None
            message = _(
                "ticket {ticket}: the {metric} deadline lies beyond the years its calendar "
                "covers ({problem})"
            ).format(ticket=self.ticket, metric=clock.metric.name, problem=exc)
            raise BeyondCalendarData(self.opened_ref, message) from None

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
        return evolve(base, excluded=excluded, targets=targets)


# The event types ``TicketState.check`` looks at beyond the SLA's metric events: every
# other type passes when a metric of the SLA starts or stops at it (or is owed ``when`` it).
_STATE_CHECKED = frozenset(
    ("opened", "paused", "resumed", "retiered", "agreed", "reopened", "closed")
)

_HANDLERS = {
    "paused": "_pause",
    "resumed": "_resume",
    "retiered": "_retier",
    "agreed": "_agree",
    "attributed": "_attribute",
    "reopened": "_reopen",
    "closed": "_close",
}


def _exempted(target: TargetResult) -> TargetResult:
    """An exempted target: not applicable, its facts kept for the auditor (``evolve`` keeps
    them as the target keeps them: no tuple or timedelta built for them)."""
    return evolve(target, status=NOT_APPLICABLE, days_late=0, met_by_downgrade=False)
