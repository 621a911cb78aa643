"""Building a :class:`~slarules.report.Report` from the stage results: the tickets in natural
order, the parameters as written, and the holiday data over everything the report covers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import timedelta

from ..engine.context import Context as EvaluationContext
from ..engine.context import workday_calendar
from ..engine.evidence import Evidence, Filtered, TicketResult, WalkedTickets
from ..engine.scoring.results import Results
from ..model import Milestone
from .data import CalendarData, ReportInputs
from .document import Report
from .values import row_text

_LAST_INSTANT = timedelta(microseconds=1)


def build_report(
    ctx: EvaluationContext,
    evidence: Evidence,
    results: Results,
    inputs: ReportInputs,
    warnings: Iterable[str] = (),
) -> Report:
    """Put the stage results together. ``warnings`` (e.g. the checker's unacknowledged
    warnings) come first, then the event log's, then scoring's; repeats are dropped."""
    if inputs.calendar_data is None:
        inputs = _with_calendar_data(ctx, evidence, results, inputs)
    all_warnings = tuple(dict.fromkeys([*warnings, *evidence.warnings, *results.warnings]))
    params = tuple((p.name, p.type, ctx.params[p.name]) for p in ctx.ruleset.params)
    tickets = _natural_order(_selected(evidence, results))
    return Report(
        inputs,
        params,
        tickets,
        results.periods,
        all_warnings,
        ctx.ruleset.timezone,
        ctx.ruleset.name,
        ctx.ruleset.title,
        results.outside_term,
        tuple(
            (p.name, "by date: " + "; ".join(row_text(p.type, row) for row in p.schedule))
            for p in ctx.ruleset.params
            if p.schedule
        ),
    )


def _natural_order(tickets: Iterable[TicketResult]) -> Sequence[TicketResult]:
    """The tickets sorted by ``natural_key`` of their ids. A helpdesk usually numbers
    tickets as it opens them, so they often come in that order already: one pass comparing
    each key with the one before finds that out while holding two keys, where ``sorted``
    holds one per ticket (about 400 bytes each: 80 MB at 200,000 tickets). The order is the
    same either way (``sorted`` is stable, and no two ids have equal keys).

    Tickets read from a spilled replay's store (``engine/ticket_runs.py``) in that order
    stay there: the report reads them again as it writes them. Out of that order they are
    sorted in memory (every result held, as without spilling)."""
    if not isinstance(tickets, Sequence):  # a one-shot iterable: read it once
        tickets = tuple(tickets)
    previous: tuple[tuple[int, int, str, str], ...] | None = None
    ids = tickets.ids() if isinstance(tickets, WalkedTickets) else (t.ticket for t in tickets)
    for ticket in ids:
        key = natural_key(ticket)
        if previous is not None and key < previous:
            return tuple(sorted(tickets, key=lambda t: natural_key(t.ticket)))
        previous = key
    return tickets


def _selected(evidence: Evidence, results: Results) -> Sequence[TicketResult]:
    """The tickets of the report: all of them, or with ``--period`` those that belong to
    the selected range (``TicketResult.in_range``)."""
    if results.selected is None:
        return evidence.tickets
    start, end = results.selected
    if isinstance(evidence.tickets, tuple):
        return tuple(t for t in evidence.tickets if t.in_range(start, end))
    return Filtered(evidence.tickets, lambda t: t.in_range(start, end))


def _year_digests(by_source: dict[str, dict[int, str]]) -> dict[int, str]:
    """Each year's day-data digest: the one source's (China's alone: as always), or, with
    several countries, a SHA-256 over ``CODE:digest`` lines of that year in code order."""
    if len(by_source) <= 1:
        return next(iter(by_source.values()), {})
    years = sorted({year for digests in by_source.values() for year in digests})
    return {
        year: hashlib.sha256(
            "".join(
                f"{code}:{by_source[code][year]}\n"
                for code in sorted(by_source)
                if year in by_source[code]
            ).encode("ascii")
        ).hexdigest()
        for year in years
    }


def _with_calendar_data(
    ctx: EvaluationContext, evidence: Evidence, results: Results, inputs: ReportInputs
) -> ReportInputs:
    """The day source and provisional years over everything the report covers."""
    instants = [inputs.as_of, evidence.as_of]
    instants += [t for t in (evidence.first_event, evidence.last_event) if t is not None]
    for period in results.periods:
        instants += [period.start, period.end - _LAST_INSTANT]  # end is exclusive
    tz = ctx.tz
    first = min(instants).astimezone(tz).date()
    last = max(instants).astimezone(tz).date()
    calendars = [ctx.calendars[c.name] for c in ctx.ruleset.calendars]
    versions = sorted({c.data_source for c in calendars if c.data_source != "none"})
    milestones = [e for p in ctx.ruleset.payments for e in p.entries if isinstance(e, Milestone)]
    if not versions and milestones:
        versions = [workday_calendar(ctx).data_source]
    years: set[int] = set()
    by_source: dict[str, dict[int, str]] = {}
    for cal in calendars:
        years.update(cal.provisional_years(first, last))
        if cal.source_code != "none":
            by_source.setdefault(cal.source_code, {}).update(cal.day_data_digests(first, last))
    if versions and not by_source:  # milestones only: the workday calendar's day data
        workdays = workday_calendar(ctx)
        by_source[workdays.source_code] = workdays.day_data_digests(first, last)
    data = CalendarData(
        ", ".join(sorted(by_source)) if versions else "none",
        ", ".join(versions) if versions else None,
        tuple(sorted(years)),
        tuple(sorted(_year_digests(by_source).items())),
    )
    return ReportInputs(
        inputs.ruleset_path,
        inputs.ruleset_sha256,
        inputs.events_path,
        inputs.events_sha256,
        inputs.event_count,
        inputs.as_of,
        inputs.version,
        data,
    )


_DIGITS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """Sort key where ``INC-2`` comes before ``INC-10``; total and deterministic.

    Runs of ASCII digits compare by value without converting them (a 5,000-digit id
    would exceed Python's int-from-text limit, and ``①`` is a digit to ``isdigit`` but
    not to ``int``): by their length without leading zeros, then as text."""
    parts = _DIGITS.split(text)
    key = tuple(
        (0, len(p.lstrip("0")), p.lstrip("0"), p) if i % 2 else (1, 0, "", p)
        for i, p in enumerate(parts)
        if p
    )
    return (*key, (2, 0, "", text))
