"""What the event stream leaves behind for scoring: the interface between the clocks
(``clocks.py``, ``tracker.py``) and the scoring, payment and report stages.

Every record names the event(s) it came from (``EventRef``) so that every point and every
yuan in the report can be traced to lines of the log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias, overload

from attrs import field, frozen

from ..events.types import EventRef


class BeyondCalendarData(ValueError):
    """A due time an event leads to lies beyond the years its calendar has day data for
    (China's days stop at 2100): ``ref`` is the event (a ticket's ``opened``, a milestone
    event), ``message`` says what could not be computed. The replay reports it as an error
    of that event (SLR924), not as a traceback or an unlocated usage error. ``check``
    refuses the files whose term leads there (SLR403); this is what is left: a log's events
    after the term, or a ``--param`` that moves the term."""

    def __init__(self, ref: EventRef, message: str) -> None:
        super().__init__(f"{ref}: {message}")
        self.ref, self.message = ref, message


# Target statuses (SPEC §7).
TargetStatus: TypeAlias = Literal["met", "breached", "running", "not_applicable"]
MET: Final = "met"
BREACHED: Final = "breached"
RUNNING: Final = "running"
NOT_APPLICABLE: Final = "not_applicable"

# What an event did to a clock (``TargetResult.roles``, one letter per event of ``events``).
START: Final = "s"  # started it (the metric's start event)
STOP: Final = "x"  # stopped it (one of the metric's stop events)
PAUSE: Final = "p"  # a ``paused`` that held it
RESUME: Final = "r"  # the ``resumed`` that let it run again
RETIER: Final = "t"  # a ``retiered`` that moved it to another tier's target (or restarted it)
AGREED: Final = "a"  # an ``agreed`` target it is measured against from then on
REOPEN: Final = "o"  # a ``reopened`` that set it running again after its stop
OWED: Final = "w"  # the event its target is owed ``when``


@frozen(weakref_slot=False)  # one per target: 8 bytes less each
class TargetResult:
    """One metric of one ticket, as of the evaluation time.

    ``intervals`` are the wall-clock spans during which the metric's clock was running
    (start → stop, minus pauses, reopen gaps); ``downtime`` aggregates take their union.
    ``days_late``: whole days (ceil of 24h units) the stop came after the deadline, or as-of
    for a still-running breached target; 0 when met.

    As the clocks (``engine/clocks.py``) fill it: ``start`` is the start event's time (or the
    retier time under ``retier restart``), None when the start event has not happened (then
    everything else is None and the status ``not_applicable``). ``elapsed`` is the working
    time, on the metric's calendar, that counted toward the target (since the restart, under
    ``retier restart``); ``intervals`` keep the spans from before a restart too. A target the
    tier does not set, or an exempted one, is ``not_applicable`` with its facts (start, stop,
    elapsed, intervals; the deadline too when exempted) kept for the auditor. ``events`` are
    the events that moved this clock: start, stop, pauses and resumes, retiers, reopenings.

    ``tier`` is the tier whose target this one was measured against: the ticket's tier when
    the clock started, followed through every ``retiered`` while the clock is live and its
    deadline has not passed, and fixed once it stops or a change comes after its deadline
    (a target missed under 紧急 stays a 紧急 breach after a downgrade to 一般, SPEC §3.7). A
    clock not started yet has the ticket's current tier. The clocks always set it; None only
    in a result built by hand, which then counts under its ticket's tier. ``unit`` is how
    the target is written (``"duration"``, ``"days"`` or ``"workdays"``; None without a
    target), for showing lateness in the target's terms.

    ``met_by_downgrade``: the target of an earlier tier (``or downgrade``) was discharged by
    a downgrade before its deadline; the status is that of the tier the ticket owes now.
    ``agreed``: the text of the ticket's ``agreed`` target when the target is one (``48小时``).
    A target owed only ``when`` an event that has not happened is ``not_applicable``.

    ``roles``: what each of ``events`` did to the clock, one letter each (``START``,
    ``STOP``, ``PAUSE``…; ``roles[i]`` goes with ``events[i]``); ``refs()`` sorts them out.
    Empty in a result built by hand.
    """

    metric: str
    status: TargetStatus
    start: datetime | None
    deadline: datetime | None
    stop: datetime | None
    _elapsed: timedelta | None = field(alias="elapsed")
    days_late: int = 0
    met_by_downgrade: bool = False
    _intervals: tuple[tuple[datetime, datetime], ...] | None = field(default=(), alias="intervals")
    events: tuple[EventRef, ...] = ()
    tier: str | None = None
    unit: str | None = None
    agreed: str | None = None
    roles: str = ""

    @property
    def elapsed(self) -> timedelta | None:
        """The working time counted. Built with ``intervals=None`` and ``elapsed=None``
        (as the clocks build a target whose one span was all working time, e.g. on a 24×7
        calendar) it is the span's length, worked out on access: 48 bytes less per target."""
        elapsed = self._elapsed
        if elapsed is None and self._intervals is None:
            assert self.start is not None and self.stop is not None
            return self.stop - self.start
        return elapsed

    @property
    def intervals(self) -> tuple[tuple[datetime, datetime], ...]:
        """The running spans. Built with ``intervals=None`` (as the clocks build most
        targets: one span from the start to the stop) the target keeps no tuple of its own,
        104 bytes less per target; this gives the same tuple back."""
        spans = self._intervals
        if spans is None:
            assert self.start is not None and self.stop is not None
            return ((self.start, self.stop),)
        return spans

    def _compared(self) -> tuple[object, ...]:
        """What equality and the hash see: the public values (``intervals`` as given back,
        however they are kept)."""
        return (
            self.metric, self.status, self.start, self.deadline, self.stop, self.elapsed,
            self.days_late, self.met_by_downgrade, self.intervals, self.events, self.tier,
            self.unit, self.agreed, self.roles,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, TargetResult)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def refs(self) -> TargetRefs:
        """The events behind this target, by what they did to its clock."""
        return TargetRefs.of(self)

    def start_stop(self) -> tuple[EventRef | None, EventRef | None]:
        """``refs().start`` and ``refs().stop`` without sorting out the rest (scoring asks
        for them once per breach per sheet)."""
        roles = self.roles
        first = roles.find(START)
        if first < 0:
            return None, None
        last = roles.rfind(STOP) if self.stop is not None else -1
        return self.events[first], self.events[last] if last >= 0 else None

    def counted_tier(self, ticket: TicketResult) -> str:
        """The tier a ``tier T`` filter sees: this target's, else (built by hand) the
        ticket's."""
        return self.tier if self.tier is not None else ticket.tier


@frozen
class TargetRefs:
    """The events behind one target, sorted by role (SPEC §7's ``evidence`` of a target):
    ``start`` the event that started the clock; ``stop`` the one that stopped it (the last
    stop after a reopening), None while it runs — then a breach, if any, happened at the
    deadline with no event; ``paused``/``resumed`` the pauses that held it and the
    resumptions; ``retiered`` the tier changes that moved it (under ``retier restart`` the
    clock's ``start`` time is the last of them); ``agreed`` the agreements it is measured
    against; ``reopened`` the reopenings that set it running again; ``owed`` the event its
    target is owed ``when``."""

    start: EventRef | None = None
    stop: EventRef | None = None
    paused: tuple[EventRef, ...] = ()
    resumed: tuple[EventRef, ...] = ()
    retiered: tuple[EventRef, ...] = ()
    agreed: tuple[EventRef, ...] = ()
    reopened: tuple[EventRef, ...] = ()
    owed: tuple[EventRef, ...] = ()

    @staticmethod
    def of(target: TargetResult) -> TargetRefs:
        roles = target.roles
        if not roles:
            return TargetRefs()
        if roles == "sx" and target.stop is not None:  # most targets: started, stopped
            return TargetRefs(start=target.events[0], stop=target.events[1])
        by_role: dict[str, list[EventRef]] = {}
        for ref, role in zip(target.events, target.roles, strict=True):
            by_role.setdefault(role, []).append(ref)
        starts, stops = by_role.get(START, ()), by_role.get(STOP, ())
        return TargetRefs(
            start=starts[0] if starts else None,
            stop=stops[-1] if stops and target.stop is not None else None,
            paused=tuple(by_role.get(PAUSE, ())),
            resumed=tuple(by_role.get(RESUME, ())),
            retiered=tuple(by_role.get(RETIER, ())),
            agreed=tuple(by_role.get(AGREED, ())),
            reopened=tuple(by_role.get(REOPEN, ())),
            owed=tuple(by_role.get(OWED, ())),
        )


@frozen(weakref_slot=False)  # one per ticket: 8 bytes less each
class TicketResult:
    """One ticket as of the evaluation time. ``opened`` is the ``opened`` event's time (the
    ticket counts in the period containing it); ``closed`` the last close, None while open
    (or reopened). ``excluded`` is the latest ``attributed`` cause when the SLA excludes it.
    ``events`` are every event of the ticket; ``notes`` their notes as ``"line N: text"``.
    ``assessor`` is the ``assessor`` of the ``opened`` event: the department that raised
    the ticket, whose sheet alone (of a scorecard it assesses) counts the ticket.
    ``fields``: the ``opened`` event's fields that measures group by (``camera``), as
    (name, value) pairs in the order the rule file declares them."""

    ticket: str
    sla: str
    tier: str  # the tier at evaluation time
    opened: datetime
    excluded: str | None  # the excluding cause, or None
    targets: tuple[TargetResult, ...]
    tiers_seen: tuple[str, ...] = ()  # every tier the ticket held, in order
    closed: datetime | None = None
    events: tuple[EventRef, ...] = ()
    notes: tuple[str, ...] = ()
    assessor: str | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def in_range(self, start: datetime, end: datetime) -> bool:
        """Whether the ticket belongs to a report of ``[start, end)`` (``--period``): it
        was open at some moment of it (opened before its end, not closed before its
        start), or one of its targets' clocks started in it."""
        if self.opened < end and (self.closed is None or self.closed >= start):
            return True
        return any(t.start is not None and start <= t.start < end for t in self.targets)


@frozen
class Occurrence:
    """``period``, here and in ``Judgement``, ``GivenScore`` and ``Delivery``: the
    canonical label of the period the event names (``"period": "服务季度:1"``), which it
    counts in instead of the one containing its instant (see ``attribution``)."""

    kind: str
    at: datetime
    count: Decimal
    points: Decimal | None
    ticket: str | None
    assessor: str | None
    event: EventRef
    note: str | None = None
    period: str | None = None
    amount: Decimal | None = None  # the loss it caused (``"amount"``), for actual-loss damages


@frozen
class Judgement:
    """An assessor's points for a judged item. ``scorecard`` (optional in the event)
    says which scorecard's item is meant when several have an item of that name; without
    it the judgement applies to the item of that name in every scorecard."""

    item: str
    points: Decimal
    at: datetime
    assessor: str | None
    event: EventRef
    note: str | None = None
    scorecard: str | None = None
    period: str | None = None


@frozen
class GivenScore:
    scorecard: str
    score: Decimal
    at: datetime
    assessor: str | None
    event: EventRef
    note: str | None = None
    period: str | None = None


@frozen
class Delivery:
    """A deliverable's due time and delivery (None while outstanding).

    ``due_event`` is the ``due`` event, or, for a due time computed by a due rule
    (``basis``, e.g. ``10 days after signed``), the event it counts from (None when it
    counts from a date parameter). ``ticket``: the ticket of a per-ticket due time."""

    deliverable: str
    due: datetime
    delivered: datetime | None
    due_event: EventRef | None
    delivered_event: EventRef | None = None
    assessor: str | None = None
    period: str | None = None  # named by the due event
    basis: str | None = None
    ticket: str | None = None

    def due_text(self) -> str:
        """Where the due time comes from: ``line 8``, or ``10 days after signed line 1``."""
        if self.basis is None:
            return str(self.due_event)
        source = f" {self.due_event}" if self.due_event is not None else ""
        ticket = f" of ticket {self.ticket}" if self.ticket is not None else ""
        return f"{self.basis}{source}{ticket} = {_end_text(self.due)}"


def _end_text(t: datetime) -> str:
    """A period's end as the contract says it: ``2023-10-09 24:00`` for 00:00 of the 10th."""
    if (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0):
        return f"{(t - timedelta(days=1)).date().isoformat()} 24:00"
    return t.strftime("%Y-%m-%d %H:%M")


@frozen
class MilestoneEvent:
    """A payment milestone (``invoiced``, ``accepted``…). ``period``: the label of the
    period whose service it pays, when the event names it (see ``term.py``)."""

    name: str
    at: datetime
    event: EventRef
    note: str | None = None
    period: str | None = None


@frozen
class MaintenanceWindow:
    """A ``maintenance`` event: the window ``start``–``end``, announced at ``announced``
    (the event's ``at``), for ``sla`` (None: every SLA). Whether it is excluded from
    downtime is decided per SLA by its notice (``engine/scoring/availability.py``)."""

    start: datetime
    end: datetime
    announced: datetime
    sla: str | None
    event: EventRef
    note: str | None = None


@frozen
class Evidence:
    """Everything scoring needs, as of ``as_of``. Collections are in event order.
    ``tickets`` is a tuple, or after a replay that spilled settled tickets to disk a
    sequence that reads them from there at each pass (``engine/ticket_runs.py``)."""

    as_of: datetime
    tickets: Sequence[TicketResult] = ()
    occurrences: tuple[Occurrence, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    scores: tuple[GivenScore, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    milestones: tuple[MilestoneEvent, ...] = ()
    maintenance: tuple[MaintenanceWindow, ...] = ()
    first_event: datetime | None = None
    last_event: datetime | None = None
    event_count: int = 0
    warnings: tuple[str, ...] = field(default=())


def marked(ticket: TicketResult) -> bool:
    """Whether a period's index (``scoring.aggregates.TicketIndex``) keeps anything of the
    ticket beyond counting it: a target breached, late, or running without a stop. A
    spilled replay's store keeps it as a column, so that the index reads only these."""
    for target in ticket.targets:
        status = target.status
        if status == BREACHED or target.days_late > 0:
            return True
        if status == RUNNING and target.stop is None:
            return True
    return False


class WalkedTickets(Sequence[TicketResult]):
    """A sequence of tickets that holds none of them: each question walks ``__iter__``
    again (a few passes of scoring or a report, never a loop of indexing). The tickets of
    a replay that spilled them to disk (``ticket_runs.StoredTickets``), a period's run of
    them (``Run``), a selection (``Filtered``)."""

    def __iter__(self) -> Iterator[TicketResult]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __len__(self) -> int:
        return sum(1 for _ticket in self)

    def __bool__(self) -> bool:
        return any(True for _ticket in self)

    @overload
    def __getitem__(self, index: int) -> TicketResult: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[TicketResult, ...]: ...

    def __getitem__(self, index: int | slice) -> TicketResult | tuple[TicketResult, ...]:
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} tickets>"

    def ids(self) -> Iterator[str]:
        """The tickets' ids, in order (``StoredTickets`` reads them without the results)."""
        for ticket in self:
            yield ticket.ticket

    def opening_facts(self) -> tuple[bool, frozenset[str]]:
        """Whether ``opened`` never decreases along the sequence, and the ids of the
        excluded tickets: one pass here, read from columns by ``StoredTickets``."""
        last: datetime | None = None
        in_order, excluded = True, set()
        for ticket in self:
            if last is not None and ticket.opened < last:
                in_order = False
            last = ticket.opened
            if ticket.excluded:
                excluded.add(ticket.ticket)
        return in_order, frozenset(excluded)

    def opened_in_order(self) -> bool:
        """Whether ``opened`` never decreases along the sequence (``opening_facts``)."""
        return self.opening_facts()[0]

    def marked_between(
        self, start: datetime | None, end: datetime | None
    ) -> tuple[int, Iterator[TicketResult]] | None:
        """How many tickets ``opened_between`` gives, and those of them that are
        ``marked``, when the sequence knows without reading the others (``StoredTickets``:
        from its columns); None here."""
        return None

    def opened_between(
        self, start: datetime | None, end: datetime | None
    ) -> Iterator[TicketResult]:
        """The tickets opened at or after ``start`` and before ``end`` (None: no bound),
        for a sequence in order of ``opened``: a pass that stops at ``end`` here, a range of
        rows for ``StoredTickets``."""
        for ticket in self:
            opened = ticket.opened
            if end is not None and opened >= end:
                return
            if start is None or opened >= start:
                yield ticket


class Run(WalkedTickets):
    """The tickets of ``tickets`` (in order of ``opened``) opened at or after ``start``
    and before ``end`` (None: no bound), read again at each pass; ``keep`` filters them."""

    def __init__(
        self,
        tickets: WalkedTickets,
        start: datetime | None,
        end: datetime | None,
        keep: Callable[[TicketResult], bool] | None = None,
    ) -> None:
        self._tickets, self._start, self._end, self._keep = tickets, start, end, keep

    def __iter__(self) -> Iterator[TicketResult]:
        keep = self._keep
        for ticket in self._tickets.opened_between(self._start, self._end):
            if keep is None or keep(ticket):
                yield ticket

    def marked(self) -> tuple[int, Iterator[TicketResult]] | None:
        """How many tickets the run has and its ``marked`` ones, when its source can tell
        without reading the others (``WalkedTickets.marked_between``); None otherwise."""
        if self._keep is not None:
            return None
        return self._tickets.marked_between(self._start, self._end)

    def where(self, keep: Callable[[TicketResult], bool]) -> Run:
        """The same run, only the tickets ``keep`` accepts (after this run's own filter)."""
        own = self._keep
        both = keep if own is None else (lambda t: own(t) and keep(t))
        return Run(self._tickets, self._start, self._end, both)


class Filtered(WalkedTickets):
    """The tickets of ``tickets`` that ``keep`` accepts, in their order, read again at
    each pass (a report's ``--period`` selection of a spilled replay's tickets)."""

    def __init__(self, tickets: Sequence[TicketResult], keep: Callable[[TicketResult], bool]):
        self._tickets, self._keep = tickets, keep

    def __iter__(self) -> Iterator[TicketResult]:
        keep = self._keep
        for ticket in self._tickets:
            if keep(ticket):
                yield ticket
