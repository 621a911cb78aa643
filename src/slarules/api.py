"""The public, flat API: ``load``, ``loads``, the ``Ruleset`` they return and its ``Tracker``.

``Ruleset`` wraps the parsed and checked model and is the entry point to evaluation:
``replay`` for a whole event log, ``tracker`` for helpdesk code that feeds events one by
one, ``deadlines`` for a single ticket. This module only wires the stages together:
rule file (``language``, ``check``) → events (``engine.load_events``) → evidence →
results (``engine.scoring``) → report (``report``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from . import engine
from . import model as m
from .calendar import Calendar
from .calendar.declared import build_calendar
from .calendar.periods import PeriodSelection
from .check import check_ruleset
from .engine.options import parse_as_of, parse_period
from .errors import ERROR, WARNING, Diagnostic, RuleError, UsageError
from .events.reader import EventSource
from .language.parser import parse
from .language.source import decode_rule_file, read_rule_bytes, read_rule_file
from .report import Report
from .report.inputs import build

__all__ = ["Ruleset", "Tracker", "load", "loads", "read_rule_file"]


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

    def calendar(self, name: str) -> Calendar:
        """The ``slarules.Calendar`` a calendar declaration describes."""
        definition = self.model.names.calendars.get(name)
        if definition is None:
            raise KeyError(name)
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
        when = parse_as_of(as_of) if as_of is not None else None
        selection = parse_period(self.model, period) if isinstance(period, str) else period
        source = EventSource(events)
        with engine.collector_paused():
            try:
                tracker = engine.load_events(
                    self.model,
                    source,
                    params=params,
                    as_of=when,
                    lenient=lenient,
                    progress=progress,
                )
            finally:
                source.close()
            try:
                evidence = tracker.evidence(when)
            except ValueError as exc:
                if when is not None or tracker.last_event is not None:
                    raise UsageError(str(exc)) from None  # e.g. as_of beyond the calendar's years
                raise UsageError(
                    f"{source.name} has no event to evaluate; give the evaluation time (as_of)"
                ) from None
            tracker.release_tickets()  # the evidence has every result: free the states first
            return build(
                tracker,
                evidence,
                selection,
                source.name,
                source.sha256,
                self.warnings,
                self.sha256,
            )

    def tracker(self, params: Mapping[str, object] | None = None) -> Tracker:
        """A live tracker for helpdesk code: ``feed`` events, ask ``status``, get ``report``."""
        return Tracker(self, params=params)

    def deadlines(self, sla: str, tier: str, at: datetime | str) -> dict[str, datetime]:
        """Each metric's deadline, for metrics that start at ``opened``, for a ticket of
        ``sla`` and ``tier`` opened at ``at``."""
        return engine.deadlines(self.model, sla, tier, at)


class Tracker(engine.Tracker):
    """The engine's live tracker of a checked rule file, with the ``report`` of the events
    fed (the report is a later stage than the engine, so it is added here)."""

    def __init__(self, ruleset: Ruleset, params: Mapping[str, object] | None = None) -> None:
        super().__init__(ruleset.model, params)
        self.ruleset = ruleset

    def report(
        self,
        as_of: datetime | str | None = None,
        *,
        period: str | PeriodSelection | None = None,
    ) -> Report:
        """The report a replay of the events fed would print, as ``replay`` would give it
        for an iterable of the same dicts."""
        selection = parse_period(self.ctx.ruleset, period) if isinstance(period, str) else period
        evidence = self.evidence(as_of)
        rules = self.ruleset
        return build(
            self, evidence, selection, "<iterable>", self.sha256(), rules.warnings, rules.sha256
        )


def loads(text: str, name: str = "<string>", *, sha256: str | None = None) -> Ruleset:
    """Parse and check rule-file text; raise ``RuleError`` if it has errors. ``sha256``
    is the digest of the bytes the text was read from (default: of its UTF-8)."""
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
    data = read_rule_bytes(path)
    return loads(decode_rule_file(data, path), str(path), sha256=hashlib.sha256(data).hexdigest())
