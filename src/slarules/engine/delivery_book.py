"""Deliverables while events are fed: due times given by ``due`` events or computed by
the rule file's due rules (after an event, after the end of a period, on a date), matched
first in, first out with ``delivered`` events (SPEC §3.8). The tracker (``tracker.py``)
feeds it every event; ``matched()`` gives scoring the ``Delivery`` records.

Kept apart from the ticket clocks because it shares nothing with them but the feeding order:
its state is the open due times and the deliveries that came before their due time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import datetime

from ..calendar.periods import Periods
from ..events.reader import BAD_VALUE, MISSING_FIELD, Event, EventProblem
from ..events.types import COMPUTED_DUE, EventRef
from ..events.vocabulary import OTHER_TYPES
from ..i18n import _
from .context import Context
from .deliverables import DueRules, basis_text
from .evidence import Delivery


class _Delivery:
    """A deliverable's due and delivery events while they are being matched. A due time
    computed by a due rule has no ``due`` event: ``due_at`` is the time, ``trigger`` the
    event it counts from (None from a date parameter), ``basis`` the rule's text."""

    def __init__(self, deliverable: str, due: Event | None, delivered: Event | None) -> None:
        self.deliverable, self.due, self.delivered = deliverable, due, delivered
        self.due_at: datetime | None = due.at if due is not None else None
        self.trigger: EventRef | None = None
        self.basis: str | None = None
        self.ticket: str | None = None


_DeliveryKey = tuple[str, str | None]  # (deliverable, ticket of a per-ticket due time)


class DeliveryBook:
    """The due times and deliveries of one tracker (see module docstring)."""

    def __init__(self, ctx: Context, ticket_types: Sequence[str]) -> None:
        self._deliveries: list[_Delivery] = []
        self._open_dues: dict[_DeliveryKey, deque[_Delivery]] = {}
        self._early: dict[_DeliveryKey, deque[_Delivery]] = {}
        self._due_rules = DueRules(ctx, ticket_types)
        for name, due, basis in self._due_rules.dated_dues(ctx.params):
            self._computed_due(name, due, None, basis, None)
        self._periods = Periods(ctx.ruleset.periods, ctx.tz, ctx.params)
        self._period_cursor: dict[str, int] = {}  # deliverable → next period index to open

    def check(self, event: Event) -> None:
        """A deliverable with a due rule takes no ``due`` events (its due times would count
        twice), and one due per ticket needs the ticket on each delivery."""
        assert event.deliverable is not None
        rule = self._due_rules.rules.get(event.deliverable)
        if rule is None:
            return
        if event.type == "due":
            raise EventProblem(
                COMPUTED_DUE,
                _(
                    "deliverable {deliverable} is due {rule} by the rules; its "
                    "due times are computed, so the log carries no due events "
                    "for it"
                ).format(deliverable=event.deliverable, rule=basis_text(rule)),
            )
        if event.deliverable in self._due_rules.per_ticket and event.ticket is None:
            raise EventProblem(
                MISSING_FIELD,
                _(
                    "deliverable {deliverable} is due per ticket ({rule}): its "
                    "delivered event needs the ticket it is for"
                ).format(deliverable=event.deliverable, rule=basis_text(rule)),
            )

    def trigger(self, event: Event) -> None:
        """The due times a milestone or ticket event starts (deliverables' due rules)."""
        self.start(event, self.triggered(event))

    def start(self, event: Event, dues: list[tuple[str, datetime, str, str | None]]) -> None:
        """Open the due times ``triggered(event)`` found (computed once, before the event was
        applied, so that a refused event leaves no trace)."""
        for name, due, basis, keyed in dues:
            self._computed_due(name, due, event.ref, basis, keyed)

    def triggered(self, event: Event) -> list[tuple[str, datetime, str, str | None]]:
        """(deliverable, due time, basis, ticket) of each due rule ``event`` starts, or the
        ``EventProblem`` :meth:`trigger` would raise, changing nothing: the tracker asks
        before it applies the event and hands the list to :meth:`start` after, so a refused
        event leaves no trace (a ``signed`` milestone whose deliverable's due date fell past
        the holiday data was refused but stayed among the milestones, and a first due
        rule's due time stayed open when the second one failed)."""
        if event.type == "milestone":
            assert event.name is not None
            trigger, ticket = event.name, None
        elif event.type not in OTHER_TYPES:
            trigger, ticket = event.type, event.ticket
        else:
            return []
        names = self._due_rules.triggered(trigger)
        if not names:
            return []  # most events: no due rule counts from them
        dues = []
        for name in names:
            rule = self._due_rules.rules[name]
            try:
                due = self._due_rules.due_after_event(name, event.at)
            except ValueError as exc:
                raise EventProblem(
                    BAD_VALUE,
                    _("{name} would be due {rule}: {exc}").format(
                        name=name, rule=basis_text(rule), exc=exc
                    ),
                ) from None
            keyed = ticket if name in self._due_rules.per_ticket else None
            dues.append((name, due, basis_text(rule), keyed))
        return dues

    def open_period_dues(self, t: datetime) -> None:
        """Open the due time of every ``due … after end of PERIOD`` whose period has ended
        by ``t`` (each once, in order): from a cycle's first period, or from the calendar
        period (month, quarter, year) of the first instant seen."""
        for name in self._due_rules.period_ends:
            rule = self._due_rules.rules[name]
            index = self._period_cursor.get(name)
            if index is None:  # a cycle's due times run from its first cycle
                cycle = self._periods.defs[rule.after].kind == "cycle"
                index = 1 if cycle else self._periods.index_at(rule.after, t)
            while True:
                period = self._periods.get(rule.after, index)
                if period.end > t or not self._periods.in_term(period):
                    break
                due = self._due_rules.due_after_period(name, period.end)
                basis = f"{basis_text(rule)} ({period.label})"
                self._computed_due(name, due, None, basis, None)
                index += 1
            self._period_cursor[name] = index

    def _computed_due(
        self, name: str, due: datetime, trigger: EventRef | None, basis: str, ticket: str | None
    ) -> None:
        """Open a computed due time, or fill it with a delivery already waiting."""
        waiting = self._early.get((name, ticket))
        if waiting:
            record = waiting.popleft()
        else:
            record = _Delivery(name, None, None)
            self._deliveries.append(record)
            self._open_dues.setdefault((name, ticket), deque()).append(record)
        record.due_at, record.trigger, record.basis, record.ticket = due, trigger, basis, ticket

    def deliver(self, event: Event) -> None:
        """Match ``due`` and ``delivered`` of a deliverable first-in first-out: a delivery
        fills the oldest outstanding due; one that comes before any due waits for the next."""
        assert event.deliverable is not None
        name = event.deliverable
        ticket = event.ticket if name in self._due_rules.per_ticket else None
        key = (name, ticket)
        mine, other = (
            (self._open_dues, self._early)
            if event.type == "due"
            else (self._early, self._open_dues)
        )
        waiting = other.get(key)
        if waiting:
            record = waiting.popleft()
            if event.type == "due":
                record.due, record.due_at = event, event.at
            else:
                record.delivered = event
            return
        if event.type == "due":
            record = _Delivery(name, event, None)
        else:
            record = _Delivery(name, None, event)
        self._deliveries.append(record)
        mine.setdefault(key, deque()).append(record)

    def matched(self) -> tuple[Delivery, ...]:
        out = []
        for record in self._deliveries:
            if record.due_at is None:
                continue
            done, due = record.delivered, record.due
            out.append(
                Delivery(
                    deliverable=record.deliverable,
                    due=record.due_at,
                    delivered=done.at if done is not None else None,
                    due_event=due.ref if due is not None else record.trigger,
                    delivered_event=done.ref if done is not None else None,
                    assessor=(done.assessor if done is not None else None)
                    or (due.assessor if due is not None else None),
                    period=due.period if due is not None else None,
                    basis=record.basis,
                    ticket=record.ticket,
                )
            )
        return tuple(out)

    def _undue(self, record: _Delivery) -> str:
        """Why a delivery has no due time: no ``due`` event, or no event its rule counts from."""
        rule = self._due_rules.rules.get(record.deliverable)
        if rule is None:
            return _("{deliverable} delivered, but no due event for it").format(
                deliverable=record.deliverable
            )
        assert record.delivered is not None
        ticket = (
            record.delivered.ticket if record.deliverable in self._due_rules.per_ticket else None
        )
        of = _(" of ticket {ticket}").format(ticket=ticket) if ticket is not None else ""
        return _(
            "{deliverable} delivered, but no {after} event{of} to count "
            "its due time from (due {rule})"
        ).format(deliverable=record.deliverable, after=rule.after, of=of, rule=basis_text(rule))

    def undelivered(self) -> list[str]:
        """A warning for each delivery that never had a due time, in feeding order."""
        return [
            _("{ref}: {record}; not scored").format(
                ref=record.delivered.ref, record=self._undue(record)
            )
            for record in self._deliveries
            if record.due_at is None and record.delivered is not None
        ]
