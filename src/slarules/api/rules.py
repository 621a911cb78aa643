"""The public, flat API: ``load``, ``loads``, the ``Ruleset`` they return and its ``Tracker``.

``Ruleset`` wraps the parsed and checked model and is the entry point to evaluation:
``replay`` for a whole event log, ``tracker`` for helpdesk code that feeds events one by
one, ``deadlines`` for a single ticket. This module only wires the stages together:
rule file (``language``, ``check``) → events (``engine.load_events``) → evidence →
results (``engine.scoring``) → report (``report``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from .. import engine
from .. import model as m
from ..calendar import MAX_YEAR, MIN_YEAR, Calendar
from ..calendar.declared import build_calendar
from ..calendar.instants import in_zone
from ..calendar.periods import PeriodSelection
from ..check import check_ruleset
from ..check.divisors import zero_divisors
from ..check.horizon import as_of_past_day_data, params_past_day_data
from ..engine.evidence import BeyondCalendarData
from ..engine.options import parse_as_of, parse_period, resolve_params
from ..engine.scoring.errors import event_error
from ..engine.status import TicketStatus
from ..engine.tracker import TRACKER_PATH
from ..errors import ERROR, WARNING, Diagnostic, RuleError, UsageError
from ..events.reader import EventSource, ExportRows
from ..events.types import MAX_INT_ID_DIGITS, int_id_text
from ..events.vocabulary import did_you_mean, known_list
from ..i18n import _
from ..language.literals import number_bound_problem
from ..language.parser import parse
from ..language.source import decode_rule_file, read_rule_bytes, read_rule_file
from ..report.inputs import build
from . import describe
from .arguments import require_bool, require_events, require_params, require_text, type_name
from .describe import TargetSpec
from .reports import Report
from .values import plain, plain_event, plain_events, plain_params

__all__ = ["Ruleset", "Tracker", "load", "loads", "read_rule_file"]

_HEX = frozenset("0123456789abcdef")


class Ruleset:
    """A checked rule file, ready to evaluate. ``warnings`` holds the checker's warnings
    that the file did not acknowledge."""

    def __init__(
        self, model: m.RuleFile, warnings: Iterable[Diagnostic] = (), sha256: str | None = None
    ) -> None:
        self.model = model
        self.warnings = list(warnings)
        # The digest of the rule file's bytes as read (a byte-order mark included), which
        # the report gives so that it matches ``sha256sum`` of the file.
        self.sha256 = sha256 or hashlib.sha256(model.source.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def path(self) -> str:
        return self.model.path

    def __repr__(self) -> str:
        return f"<Ruleset {self.model.name!r} from {self.model.path}>"

    # -- what the rule file declares (api/describe.py) --------------------------------------

    @property
    def slas(self) -> tuple[str, ...]:
        """The SLAs, in declaration order."""
        return tuple(s.name for s in self.model.slas)

    def metrics(self, sla: str) -> tuple[str, ...]:
        """The metrics of ``sla``, in declaration order."""
        return tuple(mt.name for mt in describe.sla_named(self.model, sla).metrics)

    def tiers(self, sla: str) -> tuple[str, ...]:
        """The tiers of ``sla``, in declaration order."""
        return tuple(t.name for t in describe.sla_named(self.model, sla).tiers)

    def targets(self, sla: str, tier: str) -> tuple[TargetSpec, ...]:
        """The targets of ``tier`` in ``sla`` (metric, target as written, start and stop
        events, cite), in the order of the SLA's metrics."""
        return describe.targets(self.model, sla, tier)

    def warn_levels(self, sla: str) -> tuple[Decimal, ...]:
        """The SLA's ``warn at`` levels in percent, or ``()`` when it declares none."""
        return describe.warn_levels(self.model, sla)

    def event_names(self) -> dict[str, tuple[str, ...]]:
        """Per event field (``type``, ``sla``, ``tier``, ``kind``…), the names a log of this
        rule file may use in it."""
        return describe.event_names(self.model)

    def calendar(self, name: str) -> Calendar:
        """The ``slarules.Calendar`` a calendar declaration describes; an unknown name is a
        ``UsageError`` naming the declared ones, as an unknown SLA is."""
        require_text(name, "name")
        definition = self.model.names.calendars.get(name)
        if definition is None:
            known = list(self.model.names.calendars)
            raise UsageError(
                _("unknown calendar {name}{hint}; the rule file declares: {known}").format(
                    name=name, hint=did_you_mean(name, known), known=known_list(known)
                )
            )
        return build_calendar(definition, self.model.timezone)

    def replay(
        self,
        events: str | Path | BinaryIO | Iterable[Mapping[str, Any]],
        *,
        as_of: datetime | str | None = None,
        params: Mapping[str, object] | None = None,
        period: str | None = None,
        lenient: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        """Evaluate a whole event log: a JSON Lines path, a binary stream of JSON Lines
        (``sys.stdin.buffer``), or an iterable of dicts.
        ``progress(events, bytes_read)`` hears how far the reading has got (for
        ``slarules.cli.progress.Progress``); it sees the reading, never the results."""
        when = parse_as_of(_time(as_of, "as_of"), "as_of") if as_of is not None else None
        events = require_events(events)
        params = require_params(params)
        lenient = require_bool(lenient, "lenient")
        if progress is not None and not callable(progress):
            raise TypeError(
                _("progress must be a function of (events, bytes_read), not {kind}").format(
                    kind=type_name(progress)
                )
            )
        _refuse_zero_divisors(self.model, params)
        _refuse_past_day_data(self.model, params, when, "as_of")
        if isinstance(events, ExportRows):  # replay --mapping: cited by the export's rows
            events = ExportRows(
                plain_events(events, events.path), events.path, events.rows, events.sha256
            )
        elif not isinstance(events, (str, Path)) and not hasattr(events, "read"):
            events = plain_events(events, "<iterable>")
        selection = _selection(self.model, period)
        source = EventSource(events)
        with engine.collector_paused():
            try:
                tracker = engine.load_events(
                    self.model,
                    source,
                    params=plain_params(params),
                    as_of=when,
                    lenient=lenient,
                    progress=progress,
                )
            finally:
                source.close()
            try:
                # a spilled book's store goes to the evidence, read at each pass from there
                evidence = tracker.final_evidence(when)
            except BeyondCalendarData as exc:
                raise _beyond(source.name, exc) from None
            except ValueError as exc:
                if when is not None or tracker.last_event is not None:
                    raise UsageError(str(exc)) from None  # e.g. as_of beyond the calendar's years
                raise UsageError(
                    _(
                        "{source_name} has no event to evaluate; give the evaluation time (as_of)"
                    ).format(source_name=source.name)
                ) from None
            finally:
                tracker.release_tickets()  # done by final_evidence, unless it failed first
            try:
                data = build(
                    tracker,
                    evidence,
                    selection,
                    source.name,
                    source.sha256,
                    self.warnings,
                    self.sha256,
                )
            except BeyondCalendarData as exc:
                raise _beyond(source.name, exc) from None
            return Report.of(data)

    def tracker(
        self,
        params: Mapping[str, object] | None = None,
        *,
        at_risk: Decimal | int | str | None = None,
    ) -> Tracker:
        """A live tracker for helpdesk code: ``feed`` events, ask ``status``, get ``report``."""
        return Tracker(self, params=params, at_risk=at_risk)

    def deadlines(self, sla: str, tier: str, at: datetime | str) -> dict[str, datetime]:
        """Each metric's deadline, for metrics that start at ``opened``, for a ticket of
        ``sla`` and ``tier`` opened at ``at``."""
        return engine.deadlines(self.model, *self._ticket_start(sla, tier, at))

    def deadline_plan(
        self,
        sla: str,
        tier: str,
        at: datetime | str,
        starts: Mapping[str, datetime] | None = None,
    ) -> list[engine.DeadlineLine]:
        """Every metric of ``sla`` for a ticket of ``tier`` opened at ``at``: its deadline
        where its start event has a time (``starts``: EVENT → time), else its target and
        the event it counts from; conditional (``when``) and agreed targets marked."""
        sla, tier, opened = self._ticket_start(sla, tier, at)
        return engine.ticket_deadline_plan(
            self.model, sla, tier, opened, _later_starts(starts, opened)
        )

    def _ticket_start(self, sla: object, tier: object, at: object) -> tuple[str, str, datetime]:
        """``sla``, ``tier`` and ``at`` of a ticket's opening, checked: texts naming a
        declared SLA and tier, and a time within the years slarules covers in the rule
        file's zone (as an event's ``at`` is), or a ``TypeError``/``UsageError`` naming it."""
        sla, tier = require_text(sla, "sla"), require_text(tier, "tier")
        describe.tier_named(self.model, sla, tier)
        when = parse_as_of(_time(at, "at"), "at")
        local = in_zone(when, ZoneInfo(self.model.timezone))
        if not MIN_YEAR <= local.year <= MAX_YEAR - 1:
            raise UsageError(
                _(
                    "at {isoformat} is {local} in {timezone}, outside the years "
                    "{min_year}-{max_year} slarules covers"
                ).format(
                    isoformat=when.isoformat(),
                    local=local.isoformat(),
                    timezone=self.model.timezone,
                    min_year=MIN_YEAR,
                    max_year=MAX_YEAR - 1,
                )
            )
        return sla, tier, when


class Tracker:
    """Live status for helpdesk code: ``feed`` events one at a time (in time order), ask
    ``status(ticket, at=…)`` for a ticket's targets, ``report()`` for what a replay of the
    events fed would give. ``at_risk`` is the share of a target's time (percent: ``75``,
    ``"75%"`` or ``Decimal("75")``) from which a running target is ``at_risk``; without it
    the lowest of the SLA's ``warn at`` levels counts (docs/api.md)."""

    def __init__(
        self,
        ruleset: Ruleset,
        params: Mapping[str, object] | None = None,
        *,
        at_risk: Decimal | int | str | None = None,
    ) -> None:
        if not isinstance(ruleset, Ruleset):
            raise TypeError(
                _("Tracker takes a Ruleset (slarules.load(path)), not {kind}").format(
                    kind=type_name(ruleset)
                )
            )
        self._ruleset = ruleset
        self._at_risk = _threshold(at_risk)
        params = require_params(params)
        _refuse_zero_divisors(ruleset.model, params)
        _refuse_past_day_data(ruleset.model, params, None, "as_of")
        self._engine = engine.Tracker(ruleset.model, plain_params(params))

    def __repr__(self) -> str:
        return f"<Tracker of {self._ruleset.name!r}: {len(self._engine.tickets)} tickets>"

    @property
    def ruleset(self) -> Ruleset:
        return self._ruleset

    @property
    def tickets(self) -> tuple[str, ...]:
        """Ticket ids in the order they were opened."""
        return self._engine.tickets

    @property
    def last_event(self) -> datetime | None:
        """The time of the last event fed (None before the first)."""
        return self._engine.last_event

    def feed(self, event: Mapping[str, Any]) -> None:
        """Check and apply one event (a dict as in an event log; numpy and pandas values
        are taken as the Python values they stand for). On a bad event raise
        ``RuleError`` naming it ``event N`` and change nothing."""
        position = self._engine.events_read + 1
        self._engine.feed(plain_event(event, position, TRACKER_PATH))

    def status(self, ticket: object, at: datetime | str | None = None) -> TicketStatus:
        """Each metric's deadline, goal, time used and left, percentage used and risk at
        ``at`` (default: the last event fed). A ticket no event opened is an
        ``UnknownTicket`` (a ``KeyError``)."""
        when = _time(at, "at") if at is not None else None
        if when is not None:
            at_time = parse_as_of(when, "at")
            if at_time.year >= _STATUS_DAY_DATA_FROM:
                _refuse_time_past_day_data(self._ruleset.model, at_time, "at")
        try:
            return self._engine.status(_ticket_id(ticket), when, self._at_risk)
        except UsageError:
            raise
        except ValueError as exc:
            raise UsageError(str(exc)) from None

    def report(
        self,
        as_of: datetime | str | None = None,
        *,
        period: str | PeriodSelection | None = None,
    ) -> Report:
        """The report a replay of the events fed would print, as ``replay`` would give it
        for an iterable of the same dicts."""
        model = self._ruleset.model
        selection = _selection(model, period)
        when = _time(as_of, "as_of") if as_of is not None else None
        if when is not None:  # past the day data: say so, naming as_of (not unlocated)
            _refuse_time_past_day_data(model, parse_as_of(when, "as_of"), "as_of")
        evidence = self._engine.evidence(when)
        rules = self._ruleset
        data = build(
            self._engine,
            evidence,
            selection,
            "<iterable>",
            self._engine.sha256(),
            rules.warnings,
            rules.sha256,
        )
        return Report.of(data)


def _beyond(events: str, exc: BeyondCalendarData) -> RuleError:
    """SLR924 at the event whose due time lies beyond its calendar's day data."""
    return event_error(events, exc.ref, "SLR924", exc.message)


# ``status`` is asked often and a look at the day data costs a checker: it looks only at a
# time from this year on (China's holidays end in 2100).
_STATUS_DAY_DATA_FROM = 2099


def _refuse_time_past_day_data(model: m.RuleFile, when: datetime, option: str) -> None:
    """A ``UsageError`` naming ``option`` when ``when`` lies past a calendar's day data,
    instead of the error naming nothing that the evaluation would give."""
    problem = as_of_past_day_data(model, when, option)
    if problem is not None:
        raise UsageError(problem)


def _time(value: object, what: str) -> datetime | str:
    """A time argument: a datetime or an RFC 3339 text (numpy and pandas values taken as
    what they stand for, ``api/values.py``)."""
    given = plain(value, what)
    if not isinstance(given, (datetime, str)):
        raise UsageError(
            _("{what} must be a zone-aware datetime or an RFC 3339 text, not {given!r}").format(
                what=what, given=given
            )
        )
    return given


def _later_starts(starts: object, opened: datetime) -> dict[str, datetime] | None:
    """``deadline_plan``'s ``starts`` (EVENT → time), checked as ``at`` is: each a
    zone-aware datetime or RFC 3339 text within the years slarules covers (None, NaT: not
    given), none before the opening (no ticket is restored before it is opened: a deadline
    counted from such a start would fall before the ticket existed). A
    ``TypeError``/``UsageError`` names the entry."""
    if starts is None:
        return None
    if not isinstance(starts, Mapping):
        raise TypeError(
            _("starts must be a mapping of event names to times, not {kind}").format(
                kind=type_name(starts)
            )
        )
    checked: dict[str, datetime] = {}
    for event, value in starts.items():
        name = require_text(event, "an event name in starts")
        what = f"starts[{name!r}]"
        if name == "opened":  # it would be dropped for `at` without a word
            raise UsageError(_("{what}: the ticket's opening time is at").format(what=what))
        if plain(value, what) is None:
            continue
        when = parse_as_of(_time(value, what), what)
        if when < opened:
            raise UsageError(
                _("{what} {isoformat} is before the ticket's opening at {opened}").format(
                    what=what, isoformat=when.isoformat(), opened=opened.isoformat()
                )
            )
        checked[name] = when
    return checked


def _refuse_zero_divisors(model: m.RuleFile, params: Mapping[str, object] | None) -> None:
    """Parameter values that make a divisor zero (``--param cycles=0`` for ``contract_total
    / cycles``) are a usage error before the replay, as the same default is SLR132 in
    ``check``; the replay would otherwise stop half-way with a division by zero."""
    if not params:
        return
    problems = zero_divisors(model, resolve_params(model, plain_params(params)))
    if problems:
        raise UsageError("; ".join(problems))


def _refuse_past_day_data(
    model: m.RuleFile,
    params: Mapping[str, object] | None,
    when: datetime | None,
    option: str,
) -> None:
    """Parameter values that carry the term past a calendar's day data (``check`` read the
    defaults: SLR403), or an evaluation time past it, are a usage error naming the values
    (and the rule file's line) before any event is read; the replay would otherwise stop
    at the first computation that reaches there, naming nothing."""
    if params:
        resolved = resolve_params(model, plain_params(params))
        given = {name: resolved[name] for name in params if name in resolved}
        problems = params_past_day_data(model, given)
        if problems:
            raise UsageError("; ".join(problems))
    if when is not None:
        _refuse_time_past_day_data(model, when, option)


def _selection(model: m.RuleFile, period: object) -> PeriodSelection | None:
    """``period``: None, a text (``"2024-09"``, ``"cycle:2"``) or a ``PeriodSelection``."""
    if period is None or isinstance(period, PeriodSelection):
        return period
    if isinstance(period, str):
        return parse_period(model, period)
    raise TypeError(
        _("period must be a text such as '2026-03' or 'cycle:2', not {kind}").format(
            kind=type_name(period)
        )
    )


def _ticket_id(ticket: object) -> str:
    """A ticket id as the event log keeps it: a text, an int written in decimal."""
    value = plain(ticket, "ticket")
    if isinstance(value, str):
        return str.__str__(value)  # numpy.str_ and other subclasses as the text they hold
    if isinstance(value, int) and not isinstance(value, bool):
        written = int_id_text(value)
        if written is None:
            raise UsageError(
                _("a ticket id given as a whole number has at most {digits} digits").format(
                    digits=MAX_INT_ID_DIGITS
                )
            )
        return written
    raise UsageError(
        _("a ticket id is a text or a whole number, not {value!r}").format(value=value)
    )


def _threshold(at_risk: Decimal | int | str | None) -> Decimal | None:
    """``75``, ``"75%"``, ``Decimal("75")``: a percentage above 0 and at most 100."""
    value = plain(at_risk, "at_risk")
    if value is None:
        if at_risk is not None:  # NaN, NaT, pandas.NA: an empty cell is not the default
            raise UsageError(
                _("at_risk is a percentage such as 75 or '75%', not {at_risk!r}").format(
                    at_risk=at_risk
                )
            )
        return None
    try:
        if isinstance(value, str):
            number = Decimal(value.strip().removesuffix("%").strip())
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise UsageError(
            _("at_risk is a percentage such as 75 or '75%', not {at_risk!r}").format(
                at_risk=at_risk
            )
        ) from None
    if not (number.is_finite() and 0 < number <= 100):
        raise UsageError(
            _("at_risk {at_risk!r} is not above 0% and at most 100%").format(at_risk=at_risk)
        )
    problem = number_bound_problem(number)
    if problem is not None:
        raise UsageError(
            _("at_risk {at_risk!r} {problem}").format(at_risk=at_risk, problem=problem)
        )
    return number


def loads(text: str, name: str = "<string>", *, sha256: str | None = None) -> Ruleset:
    """Parse and check rule-file text; raise ``RuleError`` if it has errors. ``sha256``
    is the digest of the bytes the text was read from (default: of its UTF-8)."""
    if not isinstance(text, str):
        hint = _(" (decode it, or give the path to load)") if isinstance(text, bytes) else ""
        raise TypeError(
            _("loads takes the rule file's text, not {kind}{hint}").format(
                kind=type_name(text), hint=hint
            )
        )
    require_text(name, "name")
    if sha256 is not None and not (
        isinstance(sha256, str) and len(sha256) == 64 and all(c in _HEX for c in sha256)
    ):
        raise TypeError(
            _("sha256 must be the 64 hexadecimal digits of a digest, not {value!r}").format(
                value=sha256
            )
        )
    model = parse(text, name)
    diagnostics = check_ruleset(model)
    errors = [d for d in diagnostics if d.severity == ERROR]
    if errors:
        raise RuleError(diagnostics)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Ruleset(model, [d for d in diagnostics if d.severity == WARNING], sha256)


def load(path: str | Path) -> Ruleset:
    """Read, parse and check a rule file."""
    if isinstance(path, (bytes, os.PathLike)) and not isinstance(path, Path):
        # A file name as the system gives it, or any os.PathLike: the report names the
        # file by this text, and str() of a PathLike that is no Path was its repr, with a
        # memory address (another report on every run).
        path = os.fsdecode(os.fspath(path))
    data = read_rule_bytes(path)
    return loads(decode_rule_file(data, path), str(path), sha256=hashlib.sha256(data).hexdigest())
