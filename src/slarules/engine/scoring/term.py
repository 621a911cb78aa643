"""The contract's term (docs/language.md §2, "Terms"): which period a payment milestone or
a computed deliverable counts in, and which evidence falls outside the term.

Money belongs to the period whose service it pays. A milestone event (``invoiced``,
``accepted``…) counts in the period that contains it, or in the period it names
(``"period": "服务年:1"``, see ``attribution``). For a cycle with a term, one dated before
the first cycle counts in the first (the advance invoiced when the contract is signed) and
one dated after the term counts in the last: it can pay for no later service, since the
contract has none (fujian-slt's balance, invoiced after the service year, is that year's).

Deliverables whose due time the rule file computes (``due 10 days after signed``, ``due 10
workdays after end of 月``…) follow the same rule, for the same reason: the obligation is
the contract's, so its penalty lands in the contract's money. One due before the first
cycle (fujian-scjg's plan, due 10 days after a signing two weeks before the first month)
counts in the first cycle; one due at or after the term's end (dk-itdrift's December report,
due on 15 January) counts in the last. Its evidence text says so (``edge_note``). A
ticket's due time follows its ticket: for a ticket opened outside the term it is listed
with the ticket (``TermOf``).

Everything else dated outside the term — tickets opened, occurrences, judgements, scores,
deadlines a ``due`` event gives — counts in no period: it is listed as outside the contract
(``OutsideTerm``, "before the term (from DATE)" or "after the term"), never dropped and
never a further period that pays a share.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import datetime

from attrs import frozen

from ...calendar.periods import PeriodInstance, Periods
from ...i18n import _
from ..evidence import (
    Delivery,
    Evidence,
    GivenScore,
    Judgement,
    MilestoneEvent,
    Occurrence,
    TicketResult,
    WalkedTickets,
)
from .attribution import instance_family, label_family


@frozen
class OutsideTerm:
    """The evidence of a period declaration dated before its first cycle or at or after its
    term's end; each text says which ("…, before the term" / "…, after the term")."""

    period: str
    end: datetime
    evidence: tuple[str, ...]


def milestones_for(
    periods: Periods, inst: PeriodInstance, events: Sequence[MilestoneEvent]
) -> tuple[MilestoneEvent, ...]:
    """The milestone events whose payments belong to ``inst`` (see module docstring)."""
    first, last = term_edges(periods, inst)

    family = instance_family(inst)

    def belongs(event: MilestoneEvent) -> bool:
        if event.period is not None and label_family(event.period) == family:
            return event.period == inst.label
        before = first is not None and event.at < first
        after = last is not None and event.at >= last
        return inst.contains(event.at) or before or after

    return tuple(event for event in events if belongs(event))


def awaited_events(
    periods: Periods,
    inst: PeriodInstance,
    events: Sequence[MilestoneEvent],
    names: Iterable[str],
) -> tuple[str, ...]:
    """The trigger events (``due … after EVENT``) of ``names`` not logged yet, when ``inst``
    is the last cycle of a term — the cycle an event logged after the term counts in, so
    the one that can always still receive it. Elsewhere, or without a term, none.

    Why: a milestone whose event has not been logged makes no line, so the period it will
    pay in read as final without it (guangxi after its term, before 最终验收: 考核周期:2
    without its 50%). Its line is listed in the last cycle as pending, waiting for the
    event, for as long as the event is not logged: after the term the last cycle waits,
    never silently dropping money still to be scheduled. An earlier cycle does not wait for
    it: while it runs it receives the event if it comes; once it has ended, an event logged
    later counts in a later cycle (unless it names the period)."""
    count = periods.term_count(inst.period)
    if count is None or inst.kind != "cycle" or inst.index != count:
        return ()
    logged = {event.name for event in events if not _beyond_term(event, inst.period, count)}
    return tuple(dict.fromkeys(name for name in names if name not in logged))


def _beyond_term(event: MilestoneEvent, period: str, count: int) -> bool:
    """Whether the event names a cycle of ``period`` past the term's ``count`` (考核周期:3 of
    two): it pays in no cycle (the report warns), so the last cycle still waits."""
    name, _sep, number = (event.period or "").rpartition(":")
    return name == period and number.isdigit() and int(number) > count


def term_edges(periods: Periods, inst: PeriodInstance) -> tuple[datetime | None, datetime | None]:
    """Where ``inst`` also takes milestones and computed due times from: before the term
    (the first cycle takes what is dated before its start) and after it (the last cycle
    takes what is dated at or after the term's end); None where it takes none."""
    count = periods.term_count(inst.period)
    if count is None:
        return None, None
    first = inst.start if inst.index == 1 else None
    last = periods.term_end(inst.period) if inst.index == count else None
    return first, last


def computed(delivery: Delivery) -> bool:
    """Whether the rule file computed this due time (a due rule), rather than a ``due``
    event giving it: only those count at the term's edges."""
    return delivery.basis is not None


class TermOf:
    """Whether a computed due time outside the term still counts at its edges: it does
    unless it is a ticket's (``due … after restored``) and the ticket was opened outside
    the term — that ticket is no obligation of the contract, and it is listed with its
    ticket under ``outside_term`` instead."""

    def __init__(self, periods: Periods, evidence: Evidence) -> None:
        self.periods = periods
        self._opened: dict[str, datetime] | None = None
        self._tickets = evidence.tickets

    def opened(self, ticket: str) -> datetime | None:
        if self._opened is None:
            self._opened = {t.ticket: t.opened for t in self._tickets}
        return self._opened.get(ticket)

    def counts_at_edge(self, delivery: Delivery, name: str) -> bool:
        """Whether ``delivery`` (computed, due outside the term of ``name``) counts in its
        first or last cycle."""
        if not computed(delivery):
            return False
        if delivery.ticket is None:
            return True
        opened = self.opened(delivery.ticket)
        end = self.periods.term_end(name)
        if opened is None or end is None:
            return True
        return self.periods.get(name, 1).start <= opened < end


def edge_note(delivery: Delivery, inst: PeriodInstance) -> str:
    """`` (after the term: counted in 月:36)`` for a computed due time that counts in
    ``inst`` although it lies outside it (see module docstring); "" otherwise."""
    if inst.contains(delivery.due) or delivery.period == inst.label:
        return ""
    side = (
        _(" (before the term: counted in {period})")
        if delivery.due < inst.start
        else _(" (after the term: counted in {period})")
    )
    return side.format(period=inst.label)


def outside_term(periods: Periods, names: Iterable[str], evidence: Evidence) -> list[OutsideTerm]:
    """Per used cycle declaration with a term, the evidence dated before its first cycle
    or after its term, in the order of the log. Milestones and computed due times are not
    listed: they count in the first or last cycle (but a ticket's due time whose ticket was
    opened outside the term is listed, see ``TermOf``)."""
    out = []
    term_of = TermOf(periods, evidence)
    for name in names:
        end = periods.term_end(name)
        if end is None:
            continue
        start = periods.get(name, 1).start
        since = start.date().isoformat()
        lost = [
            (d.due_event.line if d.due_event is not None else 0, d.due, _due_text(d))
            for d in evidence.deliveries
            if d.period is None
            and computed(d)
            and (d.due < start or d.due >= end)
            and not term_of.counts_at_edge(d, name)
        ]
        found = [
            (
                line,
                _("{text}, before the term (from {since})").format(text=text, since=since)
                if at < start
                else _("{text}, after the term").format(text=text),
            )
            for line, at, text in [*_dated(evidence, start, end), *lost]
        ]
        if found:
            out.append(OutsideTerm(name, end, tuple(text for _, text in sorted(found))))
    return out


def _record_text(record: Occurrence | Judgement | GivenScore, name: str) -> str:
    """``line 7: occurrence 服务不规范`` (a judgement names its item, a score its sheet)."""
    if isinstance(record, Occurrence):
        return _("{event}: occurrence {kind}").format(event=record.event, kind=name)
    if isinstance(record, Judgement):
        return _("{event}: judgement {item}").format(event=record.event, item=name)
    return _("{event}: score {scorecard}").format(event=record.event, scorecard=name)


def _dated(evidence: Evidence, start: datetime, end: datetime) -> list[tuple[int, datetime, str]]:
    """(line, instant, text) of each piece of evidence that counts by its date (what names
    no period, less milestones and computed due times: see module docstring) and is dated
    before ``start`` or at or after ``end``. The text is made only for those: a text for
    every ticket of a large log would cost more than the results being listed."""

    def outside(at: datetime) -> bool:
        return at < start or at >= end

    found: list[tuple[int, datetime, str]] = []
    for t in _opened_outside(evidence.tickets, start, end):
        if t.events and outside(t.opened):
            found.append(
                (
                    t.events[0].line,
                    t.opened,
                    _("{event}: ticket {ticket} opened").format(event=t.events[0], ticket=t.ticket),
                )
            )
    named: list[tuple[Occurrence | Judgement | GivenScore, str]] = [
        *((o, o.kind) for o in evidence.occurrences),
        *((j, j.item) for j in evidence.judgements),
        *((s, s.scorecard) for s in evidence.scores),
    ]
    for record, name in named:
        if record.period is None and outside(record.at):
            found.append((record.event.line, record.at, _record_text(record, name)))
    for d in evidence.deliveries:
        if d.period is None and not computed(d) and outside(d.due):
            line = d.due_event.line if d.due_event is not None else 0
            found.append((line, d.due, _due_text(d)))
    return found


def _due_text(d: Delivery) -> str:
    """``line 8: 月报 due`` (a ``due`` event), or ``问题处理报告 due 3 days after resolved
    line 9 of ticket T7 = 2028-01-04 24:00`` (a computed due time)."""
    if computed(d):
        return _("{deliverable} due {due}").format(deliverable=d.deliverable, due=d.due_text())
    return _("{event}: {deliverable} due").format(event=d.due_event, deliverable=d.deliverable)


def _opened_outside(
    tickets: Sequence[TicketResult], start: datetime, end: datetime
) -> Iterable[TicketResult]:
    """The tickets that may be opened before ``start`` or at or after ``end``: all of a
    tuple, only those two ranges of a spilled replay's tickets in order of ``opened``
    (``StoredTickets`` reads them from its index, not every result)."""
    if not isinstance(tickets, WalkedTickets) or not tickets.opened_in_order():
        return tickets
    return itertools.chain(tickets.opened_between(None, start), tickets.opened_between(end, None))
