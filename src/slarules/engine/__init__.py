"""Evaluation of an event log: ``load_events`` feeds a tracker, ``deadlines`` for one ticket.

``load_events`` reads and checks the events (``slarules.events``) and feeds a
:class:`~slarules.engine.tracker.Tracker` in time order; ``tracker.evidence(as_of)`` is what
``engine.scoring`` turns into results. ``slarules.api`` wires the stages: ``Ruleset.replay``
= ``load_events`` → ``tracker.evidence(as_of)`` → ``scoring.evaluate`` →
``report.build_report``. The evaluation time ``as_of`` defaults to the last event's ``at``;
the wall clock is never read, so the same inputs give the same report.

A bad event (malformed, unknown name, a ticket never opened…) is an error that names its
line; every bad line is listed, not just the first. With ``lenient=True`` bad events are
skipped instead and listed in the report's ``warnings``. Events after an explicit ``as_of``
are not evaluated, and the warnings say how many there were.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

from .. import model as m
from ..calendar import Calendar
from ..calendar.declared import build_calendar
from ..errors import ERROR, Diagnostic, RuleError, UsageError
from ..events.fastpath import fast_decoding, fast_lines
from ..events.reader import (
    AFTER_AS_OF,
    TICKET_STATE,
    UNREADABLE,
    Event,
    EventProblem,
    EventSource,
    Record,
    parse_event,
    source_text,
)
from ..events.types import int_id_text
from ..events.vocabulary import did_you_mean
from ..i18n import _, ngettext
from ..textsafe import escape_controls
from .deadline_plan import DeadlineLine, deadline_lines
from .options import parse_as_of
from .ticket_book import spill
from .tracker import Tracker

__all__ = [
    "EVERY_EVENTS",
    "DeadlineLine",
    "Tracker",
    "collector_paused",
    "deadlines",
    "load_events",
    "spill",
    "ticket_deadline_plan",
]

EVERY_EVENTS = 10_000
"""How often (in events) the loader calls its ``progress`` callback (``slarules.cli.progress``
draws the line): rare enough that the call costs nothing measurable, often enough for a
smooth line."""

_SOURCE_LINE_LIMIT = 200


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run without CPython's cyclic garbage collector, restoring its state after.

    A replay builds hundreds of thousands of long-lived, acyclic objects (ticket states,
    results, evidence); every full collection walks all of them again, which cost a
    quarter of a 100,000-event replay. Nothing a replay builds relies on the collector:
    reference counting frees it (a cycle made meanwhile, e.g. by a caught exception, is
    collected once the collector runs again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---- loading ---------------------------------------------------------------------------------


class _Unordered(Exception):
    """The log is not in time order: the replay starts over and sorts it."""


class _Loader:
    """One pass over a source into a fresh tracker, collecting every bad event."""

    def __init__(
        self,
        model: m.RuleFile,
        source: EventSource,
        params: Mapping[str, object] | None,
        as_of: datetime | None,
        lenient: bool,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.progress = progress
        self.tracker = Tracker(model, params, spill.after)
        self.source, self.as_of, self.lenient = source, as_of, lenient
        self.problems: list[Diagnostic] = []
        self.rejected_openings: dict[str, int] = {}
        self.after: list[int] = []
        # The msgspec fast path (None without msgspec, or when ``fast_decoding`` is off).
        self.fast = fast_lines(self.tracker.vocab) if fast_decoding.enabled else None

    def label(self, position: int) -> str:
        """How the report names an event: ``FILE:12`` (the file's name, see
        ``EventSource.report_name``) or ``event 12``."""
        if self.source.is_file:
            return f"{self.source.report_name}:{position}"
        if self.source.rows is not None:  # an export's row: FILE row 14
            return f"{self.source.report_name} row {position}"
        return f"event {position}"

    def bad(self, position: int, problem: EventProblem, text: str | bytes | None) -> None:
        """Record a bad event: an error, or with ``lenient`` a warning (skipped). The
        message and the quoted line are printed: their control characters are escaped."""
        message = escape_controls(problem.message)
        if not self.source.is_located:
            message = _("event {position}: {message}").format(position=position, message=message)
        if self.lenient:
            warning = _("{where}: skipped: {message} [{code}]").format(
                where=self.label(position), message=message, code=problem.code
            )
            self.tracker.count_read((position, warning))
            return
        self.tracker.count_read()
        line = None
        text = source_text(text)
        if text is not None and self.source.is_file:
            line = escape_controls(text[:_SOURCE_LINE_LIMIT])
        self.problems.append(
            Diagnostic(self.source.name, position, 1, ERROR, problem.code, message, None, line)
        )

    def parse(self, position: int, raw: object, text: str | bytes | None) -> Event | None:
        """The checked event, or None after recording why it is bad."""
        if isinstance(raw, EventProblem):
            self.bad(position, raw, text)
            return None
        try:
            return parse_event(raw, position, self.tracker.vocab, self.source.unit)
        except EventProblem as problem:
            self._remember_opening(raw, position)
            self.bad(position, problem, text)
            return None

    def _remember_opening(self, raw: object, position: int) -> None:
        if isinstance(raw, Mapping) and raw.get("type") == "opened":
            ticket = raw.get("ticket")
            if isinstance(ticket, int) and not isinstance(ticket, bool):
                ticket = int_id_text(ticket)  # None: too long to be an id
            if isinstance(ticket, str):
                self.rejected_openings.setdefault(ticket, position)

    def feed(self, event: Event, raw: object, text: str | bytes | None) -> None:
        if self.as_of is not None and event.at > self.as_of:
            self.after.append(event.line)
            self.tracker.count_read()
            return
        try:
            self.tracker.ingest(event, raw, self.label)  # named only if warned about
        except EventProblem as problem:
            self.bad(event.line, self._explained(event, problem), text)
            if event.type == "opened" and not self.tracker.has_ticket(event.ticket or ""):
                assert event.ticket is not None
                self.rejected_openings.setdefault(event.ticket, event.line)
            return
        self.tracker.count_read()

    def _explained(self, event: Event, problem: EventProblem) -> EventProblem:
        """A ticket that was never opened because its ``opened`` event was bad says so."""
        line = self.rejected_openings.get(event.ticket or "")
        if problem.code == TICKET_STATE and line is not None and event.type != "opened":
            where = self.source.where(line)
            return EventProblem(
                problem.code,
                _("ticket {ticket} has not been opened: its opened event ({where}) is bad").format(
                    ticket=event.ticket, where=where
                ),
            )
        return problem

    def records(self) -> Iterator[Record]:
        """The source's records; ``progress`` hears every ``EVERY_EVENTS`` of them."""
        report = self.progress
        records = self.source.records(self.fast)
        if report is None:
            yield from records
            return
        count = 0
        for count, record in enumerate(records, start=1):
            if count % EVERY_EVENTS == 0:
                report(count, self.source.bytes_read)
            yield record
        report(count, self.source.bytes_read)

    def stream(self) -> Tracker:
        """One pass in file order; raises ``_Unordered`` at the first event earlier than
        the one before it."""
        last: datetime | None = None
        for position, raw, text, fast in self.records():
            event = fast if fast is not None else self.parse(position, raw, text)
            if event is None:
                continue
            if last is not None and event.at < last:
                raise _Unordered
            last = event.at
            self.feed(event, raw, text)
        return self.finish()

    def sorted(self) -> Tracker:
        """Read everything, then feed in order of ``(at, position)``: memory ∝ the log."""
        kept: list[tuple[Event, object, str | bytes | None]] = []
        for position, raw, text, fast in self.records():
            event = fast if fast is not None else self.parse(position, raw, text)
            if event is not None:
                kept.append((event, raw, text))
        kept.sort(key=lambda item: (item[0].at, item[0].line))
        for event, raw, text in kept:
            self.feed(event, raw, text)
        return self.finish()

    def finish(self) -> Tracker:
        if self.problems:
            raise RuleError(self.problems)
        if self.after:
            assert self.as_of is not None
            self.tracker.warn(
                ngettext(
                    "{count} event after as_of {as_of} was not evaluated ({first}) [{code}]",
                    "{count} events after as_of {as_of} were not evaluated "
                    "(the first: {first}) [{code}]",
                    len(self.after),
                ).format(
                    count=len(self.after),
                    as_of=self.as_of.isoformat(),
                    first=self.label(min(self.after)),
                    code=AFTER_AS_OF,
                )
            )
        return self.tracker


def load_events(
    model: m.RuleFile,
    source: EventSource,
    *,
    params: Mapping[str, object] | None = None,
    as_of: datetime | None = None,
    lenient: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Tracker:
    """A tracker fed with every good event of ``source`` in time order; raises
    ``RuleError`` listing every bad event unless ``lenient``."""
    try:
        try:
            loader = _Loader(model, source, params, as_of, lenient, progress)
            return _loaded(loader, loader.stream)
        except _Unordered:
            loader = _Loader(model, source, params, as_of, lenient, progress)
            return _loaded(loader, loader.sorted)
    except OSError as exc:
        span = m.Span(source.name, 1, 1, 1, 1)
        message = _("cannot read the events file: {value}").format(value=exc.strerror or exc)
        raise RuleError([Diagnostic.at(span, ERROR, UNREADABLE, message)]) from None


def _loaded(loader: _Loader, read: Callable[[], Tracker]) -> Tracker:
    """``read()`` (the loader's ``stream`` or ``sorted``); on any failure (``_Unordered``
    too) the loader's tracker releases its tickets first, so that a spilled book's
    temporary database is closed at once rather than when the collector gets to it."""
    try:
        return read()
    except BaseException:
        loader.tracker.release_tickets()
        raise


# ---- deadlines for one ticket ---------------------------------------------------------------


def deadlines(model: m.RuleFile, sla: str, tier: str, at: datetime | str) -> dict[str, datetime]:
    """For a ticket of ``sla`` and ``tier`` opened at ``at``: the deadline of every metric
    that starts at ``opened`` and has a target in that tier, in the ruleset's timezone.
    Unknown names raise ``UsageError`` naming the known ones."""
    lines = ticket_deadline_plan(model, sla, tier, at)
    return {
        line.metric: line.deadline
        for line in lines
        if line.start_event == "opened" and line.deadline is not None
    }


# Not named ``deadline_plan``: that is also the submodule's name, and the compiled build
# (docs/performance.md) binds the submodule over a function of the same name on the package.
def ticket_deadline_plan(
    model: m.RuleFile,
    sla: str,
    tier: str,
    at: datetime | str,
    starts: Mapping[str, datetime] | None = None,
) -> list[DeadlineLine]:
    """Every metric of ``sla`` for a ticket of ``tier`` opened at ``at``
    (``engine/deadline_plan.py``): its deadline when its start event has a time (``opened``
    is ``at``; ``starts`` gives others), its target and start event otherwise, and whether
    it is owed, conditional (``when``) or agreed. Unknown names raise ``UsageError``."""
    opened = parse_as_of(at, "at")
    sla_def = model.names.slas.get(sla)
    if sla_def is None:
        known = [s.name for s in model.slas]
        raise UsageError(
            _("unknown SLA {sla}{sla2}; the rule file declares: ").format(
                sla=sla, sla2=did_you_mean(sla, known)
            )
            + (", ".join(known) or _("none"))
        )
    tier_def = next((t for t in sla_def.tiers if t.name == tier), None)
    if tier_def is None:
        known = [t.name for t in sla_def.tiers]
        raise UsageError(
            _("SLA {sla} has no tier {tier}{tier2}; its tiers: ").format(
                sla=sla, tier=tier, tier2=did_you_mean(tier, known)
            )
            + (", ".join(known) or _("none"))
        )
    events = sorted({mt.start for mt in sla_def.metrics} - {"opened"})
    for event in starts or {}:
        if event not in events:
            raise UsageError(  # the API's starts and the command line's --from both say so
                _("{event}: no metric of SLA {sla} starts at {event}; ").format(
                    event=event, sla=sla
                )
                + (
                    _("metrics start at: ") + ", ".join(events)
                    if events
                    else _("all start at opened")
                )
            )
    calendars = {c.name: build_calendar(c, model.timezone) for c in model.calendars}
    fallback = Calendar("24x7", holidays=None, tz=model.timezone)
    known_starts = {**(starts or {}), "opened": opened}
    return deadline_lines(sla_def, tier_def, calendars, fallback, known_starts)
