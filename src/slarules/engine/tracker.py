"""The live tracker: helpdesk code feeds events one at a time and asks for deadlines.

``Tracker(model).feed(event)`` checks one event (as the replay does) and applies it, or
raises ``RuleError`` and changes nothing. ``status(ticket, at)`` gives each metric's
deadline, remaining working time and state; ``evidence(as_of)`` gives what a replay of the
events fed would give — ``replay`` itself is this tracker fed from a file. The public
``slarules.Tracker`` (``api/rules.py``) wraps this one: it shows only ``feed``, ``status``
and ``report`` (the report is a later stage than the engine), and keeps ``ingest`` (the
replay's entry point), ``ctx`` and ``release_tickets`` out of the API. ``status`` is built
by ``engine/status.py``.

Events must be fed in time order (ties in feeding order): an event earlier than the last one
fed is refused (SLR920) — replay sorts an unordered log before feeding it. A repeated ``id``
with identical content is dropped with a warning; with different content it is an error.

Memory: one small state per ticket (its clocks' spans while it is open; once closed with
every clock stopped, its result and its clocks packed into tuples, see ``TicketState``, and
most often the result alone, see ``engine/settled.py``),
the evidence records (occurrences, judgements, scores, deliveries, milestones), and the ids
seen (they grow with the events that carry an ``id``, to detect repeats). Nothing per line
otherwise. Every ticket ever opened is kept: a later event may reopen or attribute it. The
tickets are in a ``TicketBook`` (``engine/ticket_book.py``): with ``spill_after`` (the
replay's ``engine.spill.after``), the settled ones go to a temporary SQLite database past
that many tickets, and only the open ones stay in memory; the replay's
``final_evidence`` then hands that database to the evidence, whose tickets scoring and the
report read from it in passes (``engine/ticket_runs.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from .. import model as m
from ..calendar import Calendar
from ..errors import ERROR, Diagnostic, RuleError, UsageError
from ..events.reader import (
    CONFLICTING_ID,
    DUPLICATE_ID,
    OUT_OF_ORDER,
    TICKET_STATE,
    Event,
    EventProblem,
    canonical_line,
    in_zone,
    line_bytes,
    parse_event,
    structure_problem,
)
from ..events.types import EventRef
from ..events.vocabulary import OTHER_TYPES, Vocabulary
from ..i18n import _
from ..textsafe import escape_controls
from .clocks import SlaPlan, TicketState
from .context import Context
from .delivery_book import DeliveryBook
from .evidence import (
    Evidence,
    GivenScore,
    Judgement,
    MaintenanceWindow,
    MilestoneEvent,
    Occurrence,
    TicketResult,
)
from .id_index import IdIndex
from .options import parse_as_of, resolve_params
from .settled import result_at, revived
from .status import TicketStatus, UnknownTicket, metric_status
from .ticket_book import TicketBook

TRACKER_PATH = "<tracker>"
BEYOND_DAY_DATA = "SLR924"  # an event (or a due time it leads to) past a calendar's day data
_WHERES = ("", "line", "event")  # EventRef.where, packed in one byte (0: another word)
_WHERE_CODES = {"line": 1, "event": 2}


def _named(where: str | Callable[[int], str], line: int) -> str:
    """How a warning names the event at ``line``: ``where`` itself, or ``where(line)``."""
    return where if isinstance(where, str) else where(line)


def _digest(data: bytes) -> bytes:
    """16 bytes of blake2b: ids and event contents are compared by these."""
    return hashlib.blake2b(data, digest_size=16).digest()


class Tracker:
    """Ticket clocks and evidence, fed one event at a time (see module docstring)."""

    def __init__(
        self,
        model: m.RuleFile,
        params: Mapping[str, object] | None = None,
        spill_after: int | None = None,
    ) -> None:
        self.ctx = Context.build(model, resolve_params(model, params))
        # The years every calendar has day data for (China 1950-2100, Germany from 1991):
        # an event in or outside the first and the last is checked against each calendar's
        # days (``_check_day_data``), one chained comparison per event inside them.
        years = [c.day_data_years for c in self.ctx.calendars.values()]
        self._inside_day_data = (
            max((y[0] for y in years), default=0),
            min((y[1] for y in years), default=10_000),
        )
        self.vocab = Vocabulary(model)
        self._fallback = Calendar("24x7", holidays=None, tz=model.timezone)
        self._released = False
        self._plans: dict[str, SlaPlan] = {}
        # A settled ticket with nothing but its result is kept as it (``engine/settled.py``);
        # with ``spill_after``, settled tickets go to disk past that many (``ticket_book``).
        self._tickets = TicketBook(self._plans, spill_after)
        self._occurrences: list[Occurrence] = []
        self._judgements: list[Judgement] = []
        self._scores: list[GivenScore] = []
        self._milestones: list[MilestoneEvent] = []
        self._maintenance: list[MaintenanceWindow] = []
        self._deliveries = DeliveryBook(self.ctx, self.vocab.ticket_types)
        # The duplicate-id check (SPEC §5): a repeat may come at any distance, so every id
        # is kept, as the 16-byte blake2b digest of the id → 25 bytes: the digest of the
        # event's canonical JSON, its line (8 bytes) and whether it was a line or an event.
        # Two bytes objects and a dict slot: about 160 bytes per id, 160 MB per million ids,
        # whatever the ids' length (docs/performance.md).
        # With ``spill_after``, the ids go to a temporary SQLite table past that many.
        self._ids = IdIndex(spill_after)
        self._warnings: list[tuple[int, str]] = []
        self._general: list[str] = []
        self._first: datetime | None = None
        self._last: datetime | None = None
        self._read = 0
        self._digest = hashlib.sha256()

    # -- feeding ------------------------------------------------------------------------------

    def feed(self, event: Mapping[str, Any]) -> None:
        """Check and apply one event; on a bad event raise ``RuleError`` (SLR9xx) naming
        it ``event N`` (N counts the events fed) and change nothing."""
        position = self._read + 1
        text = canonical_line(event)
        try:
            problem = structure_problem(event)
            if problem is not None:
                raise problem
            parsed = parse_event(event, position, self.vocab, "event")
            self.ingest(parsed, event, f"event {position}")
        except EventProblem as problem:
            message = _("event {position}: {message}").format(
                position=position, message=escape_controls(problem.message)
            )
            diagnostic = Diagnostic(TRACKER_PATH, position, 1, ERROR, problem.code, message)
            raise RuleError([diagnostic]) from None
        self._read = position
        self._digest.update(line_bytes(text) + b"\n")

    def ingest(self, event: Event, raw: object, where: str | Callable[[int], str]) -> None:
        """Apply a parsed event (the replay's entry point); ``raw`` is what it was parsed
        from, compared (as canonical JSON) when an ``id`` repeats. ``where`` names the
        event in a warning: a text, or a function of its line (the replay's, so that the
        name is formatted only for the rare event that is warned about). Raises
        ``EventProblem`` with nothing changed."""
        if self._released:
            raise RuntimeError("this tracker's tickets were released (release_tickets)")
        at = event.at
        ref = event.ref
        key = digest = b""
        if ref.id is not None:
            key = _digest(ref.id.encode("utf-8", "surrogatepass"))
            digest = _digest(line_bytes(canonical_line(raw)))
            packed = self._ids.get(key)
            if packed is not None:
                self._repeated(event, packed, digest, where)
                return
        last = self._last
        if last is not None and at < last:
            raise EventProblem(
                OUT_OF_ORDER,
                _(
                    "at {isoformat} is before the last event fed ({isoformat2}); "
                    "feed events in time order, or replay the log"
                ).format(isoformat=at.isoformat(), isoformat2=last.isoformat()),
            )
        if not self._inside_day_data[0] < at.year < self._inside_day_data[1]:
            self._check_day_data(event)
        self._take(event, where)
        if key:
            code = _WHERE_CODES.get(ref.where, 0)
            self._ids.add(key, digest + ref.line.to_bytes(8, "little") + bytes((code,)))
        if last is None:
            self._first = at
        self._last = at

    def _repeated(
        self, event: Event, packed: bytes, digest: bytes, where: str | Callable[[int], str]
    ) -> None:
        """A repeated ``id``: dropped with a warning when the content is the same, else
        refused (SLR918)."""
        first, seen = self._first_use(event, packed)
        if seen != digest:
            raise EventProblem(
                CONFLICTING_ID,
                _("id {id} was already used by {first} for a different event").format(
                    id=event.ref.id, first=first
                ),
            )
        self._warnings.append(
            (
                event.line,
                _("{where}: dropped: repeats {first} [{duplicate_id}]").format(
                    where=_named(where, event.line), first=first, duplicate_id=DUPLICATE_ID
                ),
            )
        )

    def _take(self, event: Event, where: str | Callable[[int], str]) -> None:
        """Check ``event`` against the due rules and its ticket, then apply it: raises
        ``EventProblem`` before anything changes. One function, and one look-up of the
        ticket, for what every event goes through (docs/performance.md, *Replay*)."""
        deliveries = self._deliveries
        kind = event.type
        dues = deliveries.triggered(event)  # a due date it cannot compute: refused whole
        if kind in OTHER_TYPES:
            if kind in ("due", "delivered"):
                deliveries.check(event)
                deliveries.open_period_dues(event.at)
                deliveries.deliver(event)
            else:
                deliveries.open_period_dues(event.at)
                self._record(event)
            deliveries.start(event, dues)
            return
        ticket = event.ticket
        assert ticket is not None
        state = self._state(ticket)
        if kind == "opened":
            if state is not None:
                raise EventProblem(
                    TICKET_STATE,
                    _("ticket {ticket} was already opened at {opened_ref}").format(
                        ticket=ticket, opened_ref=state.opened_ref
                    ),
                )
            deliveries.open_period_dues(event.at)
            self._open(event, ticket)
            deliveries.start(event, dues)
            return
        if state is None:
            raise EventProblem(
                TICKET_STATE,
                _("ticket {ticket} has not been opened (no earlier 'opened' event)").format(
                    ticket=ticket
                ),
            )
        state.check(event)
        if event.assessor is not None and event.assessor != state.assessor:
            self._note_assessor(event, state.assessor, where)
        deliveries.open_period_dues(event.at)
        state.apply(event)
        if state.final:
            self._tickets.settle(ticket, state)
        deliveries.start(event, dues)

    def _check_day_data(self, event: Event) -> None:
        """SLR924 for an event whose own day lies outside a calendar's day data (China's
        holidays end in 2100, Germany's begin in 1991): accepted, it would make every later
        status and report fail at the evaluation time, naming no event. Only events dated
        in or outside the first and last years of the data reach here."""
        day = event.at.astimezone(self.ctx.tz).date()
        for name, calendar in sorted(self.ctx.calendars.items()):
            try:
                calendar.day_hours(day)
            except (ValueError, OverflowError) as exc:
                raise EventProblem(
                    BEYOND_DAY_DATA,
                    _(
                        "at {isoformat} is beyond the days calendar {calendar} has data for "
                        "({problem})"
                    ).format(isoformat=event.at.isoformat(), calendar=name, problem=exc),
                ) from None

    @staticmethod
    def _first_use(event: Event, packed: bytes) -> tuple[EventRef, bytes]:
        """Where an id was first used, and the digest of that event's content, from its
        packed entry in ``_ids``."""
        line = int.from_bytes(packed[16:24], "little")
        where = _WHERES[packed[24]] if packed[24] else event.ref.where
        return EventRef(line, event.ref.id, where), packed[:16]

    @property
    def events_read(self) -> int:
        """How many events were fed or read so far: the next one is ``event N + 1``."""
        return self._read

    def count_read(self, warning: tuple[int, str] | None = None) -> None:
        """Count an event the replay read but did not apply (skipped, or after as_of)."""
        self._read += 1
        if warning is not None:
            self._warnings.append(warning)

    def warn(self, text: str) -> None:
        """A warning about the log as a whole, listed after the per-line ones."""
        self._general.append(text)

    def _note_assessor(
        self, event: Event, own: str | None, where: str | Callable[[int], str]
    ) -> None:
        """A ticket's sheet is set by its ``opened`` event; another assessor named by a later
        event of the ticket is not used, and the warnings say so rather than drop it."""
        self._warnings.append(
            (
                event.line,
                _(
                    "{where}: assessor {assessor} on a {type} event is not used: "
                    "ticket {ticket} counts as raised by {value} (its opened "
                    "event's assessor)"
                ).format(
                    where=_named(where, event.line),
                    assessor=event.assessor,
                    type=event.type,
                    ticket=event.ticket,
                    value=own or _("no assessor"),
                ),
            )
        )

    def _open(self, event: Event, ticket: str) -> None:
        """A new ticket (checked: not opened before), measured by its SLA's plan."""
        assert event.sla is not None
        plan = self._plans.get(event.sla)
        if plan is None:
            sla = self.vocab.slas[event.sla]
            plan = self._plans[event.sla] = SlaPlan(sla, self.ctx.calendars, self._fallback)
        self._tickets.open(ticket, TicketState(event, plan))

    def _record(self, event: Event) -> None:
        ref, at, who, note = event.ref, event.at, event.assessor, event.note
        if event.type == "occurrence":
            assert event.kind is not None
            count = event.count if event.count is not None else Decimal(1)
            occ = Occurrence(
                event.kind,
                at,
                count,
                event.points,
                event.ticket,
                who,
                ref,
                note,
                event.period,
                event.amount,
            )
            self._occurrences.append(occ)
        elif event.type == "judgement":
            assert event.item is not None and event.points is not None
            self._judgements.append(
                Judgement(
                    event.item, event.points, at, who, ref, note, event.scorecard, event.period
                )
            )
        elif event.type == "score":
            assert event.scorecard is not None and event.score is not None
            self._scores.append(
                GivenScore(event.scorecard, event.score, at, who, ref, note, event.period)
            )
        elif event.type == "maintenance":
            assert event.start is not None and event.end is not None
            window = MaintenanceWindow(event.start, event.end, at, event.sla, ref, note)
            self._maintenance.append(window)
        else:
            assert event.name is not None
            self._milestones.append(MilestoneEvent(event.name, at, ref, note, event.period))

    # -- questions ----------------------------------------------------------------------------

    def _state(self, ticket: str) -> TicketState | None:
        """The ticket's state (revived from its result or a ``SettledTicket`` and kept so),
        or None."""
        state = self._tickets.get(ticket)
        if state is None or isinstance(state, TicketState):
            return state
        revived_state = revived(state, self._plans)
        self._tickets.replace(ticket, revived_state)
        return revived_state

    @property
    def last_event(self) -> datetime | None:
        return self._last

    def release_tickets(self) -> None:
        """Drop every ticket's state (``replay`` does, once it has the evidence and before
        scoring, which needs only the results). Questions about tickets, and further
        events, are refused afterwards."""
        self._tickets.close()
        self._ids.close()
        self._released = True

    def has_ticket(self, ticket: str) -> bool:
        """Whether ``ticket`` has been opened (without building ``tickets``)."""
        return ticket in self._tickets

    @property
    def tickets(self) -> tuple[str, ...]:
        """Ticket ids in the order they were opened."""
        return tuple(self._tickets.ids())

    def _when(self, at: datetime | str | None, what: str) -> datetime:
        if at is None:
            if self._last is None:
                raise UsageError(_("no event has been fed; give {what}").format(what=what))
            return self._last
        when = parse_as_of(at, what)
        if self._last is not None and when < self._last:
            raise UsageError(
                _("{what} {isoformat} is before the last event fed ({isoformat2})").format(
                    what=what, isoformat=when.isoformat(), isoformat2=self._last.isoformat()
                )
            )
        try:
            return in_zone(when, self.ctx.tz)
        except OverflowError:
            raise UsageError(
                _("{what} {isoformat} is beyond the years covered").format(
                    what=what, isoformat=when.isoformat()
                )
            ) from None

    def status(
        self, ticket: str, at: datetime | str | None = None, at_risk: Decimal | None = None
    ) -> TicketStatus:
        """Each metric's deadline, goal, time used and left, and state at ``at`` (default:
        the last event fed); ``at_risk`` is the caller's threshold in percent, else the
        SLA's lowest ``warn at`` level counts (``engine/status.py``)."""
        state = None if self._released else self._state(ticket)
        if state is None:
            raise UnknownTicket(
                ticket,
                _("no ticket {ticket!r} has been opened (or tickets were released)").format(
                    ticket=ticket
                ),
            )
        when = self._when(at, "at")
        result = state.result(when)
        warn = state.sla.warn
        levels = [level.number for level in warn.levels] if warn is not None else []
        metrics = tuple(
            metric_status(calendar, held, target, when, levels, at_risk)
            for calendar, held, target in zip(
                state.calendars(), state.held(), result.targets, strict=True
            )
        )
        return TicketStatus(
            ticket=state.ticket,
            sla=state.sla.name,
            tier=state.tier,
            at=when,
            excluded=result.excluded,
            closed=state.closed is not None,
            paused=state.paused is not None,
            metrics=metrics,
        )

    def evidence(self, as_of: datetime | str | None = None) -> Evidence:
        """Everything scoring needs, as of ``as_of`` (default: the last event fed)."""
        when = self._when(as_of, "as_of")
        if self._released:
            raise RuntimeError("this tracker's tickets were released (release_tickets)")
        self._deliveries.open_period_dues(when)
        return self._evidence(when, tuple(result_at(state, when) for state in self._tickets.kept()))

    def final_evidence(self, as_of: datetime | str | None = None) -> Evidence:
        """``evidence``, then ``release_tickets``: the replay's last question. A book that
        spilled hands its store over to the evidence, whose ``tickets`` then read it at
        each pass instead of holding every result (``engine/ticket_runs.py``)."""
        when = self._when(as_of, "as_of")
        if self._released:
            raise RuntimeError("this tracker's tickets were released (release_tickets)")
        self._deliveries.open_period_dues(when)
        try:
            tickets = self._tickets.hand_over(when)
            if tickets is None:
                return self._evidence(
                    when, tuple(result_at(state, when) for state in self._tickets.kept())
                )
            return self._evidence(when, tickets)
        finally:
            self.release_tickets()

    def _evidence(self, when: datetime, tickets: Sequence[TicketResult]) -> Evidence:
        return Evidence(
            as_of=when,
            tickets=tickets,  # a tuple, or StoredTickets read from the store
            occurrences=tuple(self._occurrences),
            judgements=tuple(self._judgements),
            scores=tuple(self._scores),
            deliveries=self._deliveries.matched(),
            milestones=tuple(self._milestones),
            maintenance=tuple(self._maintenance),
            first_event=self._first,
            last_event=self._last,
            event_count=self._read,
            warnings=self._warning_texts(),
        )

    def _warning_texts(self) -> tuple[str, ...]:
        """Warnings in line order, then deliveries that never had a due time."""
        texts = [text for _unused, text in sorted(self._warnings)]
        return (*texts, *self._deliveries.undelivered(), *self._general)

    def sha256(self) -> str:
        """The hash of the canonical JSON lines of the events fed (as replay computes it
        for an iterable of the same dicts)."""
        return self._digest.hexdigest()
