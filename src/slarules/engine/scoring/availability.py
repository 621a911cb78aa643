"""Availability per period: ``availability(SLA.METRIC)`` (docs/language.md, Availability
and percentages).

    availability = 1 − downtime / service time

- **downtime** is the union of the metric's running intervals over the SLA's tickets (what
  ``downtime(SLA.METRIC)`` adds up), but taken over every ticket whose intervals reach into
  the period, not only those opened in it, and clipped to the period: an outage that
  crosses the end of a month is split between the two months. Tickets of an excluded cause
  count nowhere (SPEC §3.9), as in ``downtime``.
- **maintenance windows** (``maintenance`` events): with ``exclude maintenance announced N
  ahead`` in the SLA, a window announced at least N (wall-clock) before its start is
  taken out of the downtime; a window announced later, or any window of an SLA without
  the clause, is downtime whether or not a ticket covers it (the service was down).
- **service time** is the period's own length on the metric's calendar (a 31-day month is
  longer than February; a 5×8 calendar counts only its hours); with ``… from downtime and
  period`` the excluded windows are also taken out of it.

Both are measured on the metric's calendar (wall-clock without one), in exact seconds.
The value is a fraction (99.9% is 0.999, like a percentage literal in an expression),
computed under the evaluator's 60-digit decimal context: ``downtime / service time`` is a
ratio of whole seconds below 10^10, so it differs from any percentage written with up to 40
decimals unless it equals it, and comparisons against the contract's thresholds are exact.
A period without service time (a 5×8 calendar over a holiday week) is 100% available: no
service was owed, so none was missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

from attrs import frozen

from ... import model as m
from ...calendar import Calendar
from ...calendar.periods import PeriodInstance
from ...i18n import _
from ...language.literals import decimal_text
from ..evidence import MaintenanceWindow, TicketResult
from .aggregates import union_duration
from .results import iso_duration

Span = tuple[datetime, datetime]
ONE = Decimal(1)
# Shown to 4 decimals of a percent (99.9563%): enough to tell 99.95% from 99.949%; the
# value compared is the exact one.
SHOWN = Decimal("0.0001")


class TermName(str):
    """A term's name: the English key every rule and every report form reads it by
    (``availability(X) downtime``), carrying ``shown``, the text a report shows for it in
    the language of the run (``availability(X) 故障时间``). Equal to, hashed as and
    printed as the key, so lookups, the JSON and a comparison of two reports never depend
    on the language; ``shown_name`` gives the text for people."""

    shown: str

    def __new__(cls, key: str, shown: str | None = None) -> TermName:
        name = super().__new__(cls, key)
        name.shown = key if shown is None else shown
        return name


def shown_name(name: str) -> str:
    """The text a report shows for a term's name (``TermName.shown``; any other name as
    it is: a rule file's names are never translated)."""
    return name.shown if isinstance(name, TermName) else name


@frozen
class WindowOutcome:
    """One maintenance window reaching into the period, and whether it was excluded:
    ``reason`` in English (part of the term's key), ``shown_reason`` in the run's language."""

    window: MaintenanceWindow
    excluded: bool
    reason: str
    length: Decimal  # seconds of the window inside the period, wall-clock
    shown_reason: str = ""

    def text(self) -> TermName:
        w = self.window
        head = f"maintenance {w.event} {_clock(w.start)} – {_clock(w.end)}"
        key = f"{head}: {'excluded' if self.excluded else 'counted as downtime'} ({self.reason})"
        verdict = _("excluded") if self.excluded else _("counted as downtime")
        shown = _("maintenance {event} {start} – {end}: {verdict} ({reason})").format(
            event=w.event,
            start=_clock(w.start),
            end=_clock(w.end),
            verdict=verdict,
            reason=self.shown_reason or self.reason,
        )
        return TermName(key, shown)


@frozen
class Availability:
    """``availability(SLA.METRIC)`` over one period, with the inputs the report shows."""

    label: str
    value: Decimal
    downtime: Decimal  # seconds of working time
    service_time: Decimal  # seconds of working time
    tickets: tuple[str, ...]
    windows: tuple[WindowOutcome, ...]

    def terms(self) -> list[tuple[str, Decimal]]:
        """The report's terms: the percentage, its two inputs, the tickets down in the
        period (their number), each window's verdict (its wall-clock length in the period)."""
        label = self.label
        out: list[tuple[str, Decimal]] = [
            (label, self.value),
            (
                TermName(f"{label} downtime", _("{label} downtime").format(label=label)),
                self.downtime,
            ),
            (
                TermName(f"{label} service time", _("{label} service time").format(label=label)),
                self.service_time,
            ),
        ]
        if self.tickets:
            key = f"{label} tickets down ({', '.join(self.tickets)})"
            shown = _("{label} tickets down ({tickets})").format(
                label=label, tickets=", ".join(self.tickets_shown())
            )
            out.append((TermName(key, shown), Decimal(len(self.tickets))))
        return out + [(w.text(), w.length) for w in self.windows]

    def tickets_shown(self) -> list[str]:
        """``ticket T1`` for each ticket down, in the run's language (``工单 T1``)."""
        return [_("ticket {ticket}").format(ticket=t.removeprefix("ticket ")) for t in self.tickets]


def percent_text(fraction: Decimal) -> str:
    """``99.9563%``: a fraction shown as a percentage to 4 decimals (trailing zeros off),
    cut rather than rounded, so that the shown value lies on the same side as the exact one
    of every threshold a contract writes (with 4 decimals or fewer): 99.49996% shows as
    99.4999%, in ``[99%, 99.5%)`` where it is counted, never as 99.5%."""
    return f"{decimal_text((fraction * 100).quantize(SHOWN, rounding=ROUND_FLOOR))}%"


def shown_text(number: Decimal) -> str:
    """A number of percentage points as the report shows it: exact when 4 decimals hold it,
    else cut to 8 decimals with "…", so that "0.50003858… counted × 1000000" can be
    multiplied back to the line's 500038.58 (the exact value is the one compared and
    multiplied; only the report shortens it)."""
    if number == number.quantize(SHOWN, rounding=ROUND_FLOOR):
        return decimal_text(number)
    return decimal_text(number.quantize(_POINTS_SHOWN, rounding=ROUND_FLOOR)) + "…"


_POINTS_SHOWN = Decimal("0.00000001")


def availability(
    agg: m.Aggregate,
    inst: PeriodInstance,
    sla: m.Sla,
    tickets: Iterable[TicketResult],
    windows: Iterable[MaintenanceWindow],
    calendar: Calendar | None,
    notice: timedelta | None = None,
    as_of: datetime | None = None,
) -> Availability:
    """``agg`` (``availability(SLA.METRIC)``) over ``inst``; ``tickets`` may be all the
    log's tickets (those of other SLAs, excluded ones, and intervals outside the period are
    left out here), ``windows`` all its maintenance windows; ``notice``: the notice the SLA's
    ``exclude maintenance`` clause requires, resolved (its literal, or its parameter's value).
    A window counted as downtime counts only up to ``as_of``, as a running ticket does: the
    part still ahead has not happened (and may yet be called off)."""
    metric = agg.ref.member or ""
    period: Span = (inst.start, inst.end)
    down: list[Span] = []
    found: list[tuple[str, list[Span]]] = []
    for ticket in tickets:
        if ticket.sla != sla.name or ticket.excluded:
            continue
        clipped = [
            c
            for x in ticket.targets
            if x.metric == metric
            for c in (_clip(iv, period) for iv in x.intervals)
            if c is not None
        ]
        if clipped:
            down.extend(clipped)
            found.append((ticket.ticket, clipped))
    outcomes = _judge_windows(sla, windows, period, notice)
    excluded = _merge(
        c for o in outcomes if o.excluded for c in [_clip(_span_of(o.window), period)] if c
    )
    # The tickets the report names: those down at some instant not excluded.
    named = [f"ticket {tid}" for tid, spans in found if _subtract(_merge(spans), excluded)]
    so_far: Span = (inst.start, min(inst.end, as_of)) if as_of is not None else period
    late = [c for o in outcomes if not o.excluded for c in [_clip(_span_of(o.window), so_far)] if c]
    downtime = union_duration(_subtract(_merge([*down, *late]), excluded), calendar)
    service = _length(period, calendar)
    if sla.maintenance is not None and sla.maintenance.scope == "period":
        service -= union_duration(excluded, calendar)
    down_s, service_s = m.duration_seconds(downtime), m.duration_seconds(service)
    value = ONE if service_s == 0 else ONE - down_s / service_s
    return Availability(
        str(agg.ref).join(("availability(", ")")),
        value,
        down_s,
        service_s,
        tuple(named),
        tuple(outcomes),
    )


def _judge_windows(
    sla: m.Sla, windows: Iterable[MaintenanceWindow], period: Span, notice: timedelta | None
) -> list[WindowOutcome]:
    """The windows of ``sla`` that reach into the period, each excluded or not, and why."""
    rule = sla.maintenance
    out: list[WindowOutcome] = []
    for w in windows:
        if w.sla is not None and w.sla != sla.name:
            continue
        inside = _clip(_span_of(w), period)
        if inside is None:
            continue
        length = m.duration_seconds(inside[1] - inside[0])
        ahead = w.start - w.announced
        if rule is None or notice is None:
            reason = f"SLA {sla.name} excludes no maintenance"
            shown = _("SLA {sla} excludes no maintenance").format(sla=sla.name)
            out.append(WindowOutcome(w, False, reason, length, shown))
            continue
        reason, shown = _notice_reasons(ahead, _notice_text(rule, notice))
        out.append(WindowOutcome(w, ahead >= notice, reason, length, shown))
    return out


def _notice_reasons(ahead: timedelta, needed: str) -> tuple[str, str]:
    """Why a window was or was not excluded, in English (the term's key) and as shown:
    ``announced PT63H ahead, PT8H ahead needed`` (or ``PT10M after it began``)."""
    if ahead < timedelta(0):
        after = iso_duration(m.duration_seconds(-ahead), days=False)
        given = f"{after} after it began"
        shown = _("announced {duration} after it began, {needed} ahead needed")
        return f"announced {given}, {needed} ahead needed", shown.format(
            duration=after, needed=needed
        )
    before = iso_duration(m.duration_seconds(ahead), days=False)
    shown = _("announced {duration} ahead, {needed} ahead needed")
    return f"announced {before} ahead, {needed} ahead needed", shown.format(
        duration=before, needed=needed
    )


def notice_of(
    rule: m.MaintenanceExclusion | None, params: Mapping[str, object]
) -> timedelta | None:
    """The notice an ``exclude maintenance`` clause requires: its duration, or the value of
    the duration parameter it names (None without a clause)."""
    if rule is None:
        return None
    value = rule.notice.value if isinstance(rule.notice, m.Literal) else params.get(rule.notice)
    assert isinstance(value, timedelta), "checked: a duration parameter"
    return value


def _notice_text(rule: m.MaintenanceExclusion, notice: timedelta) -> str:
    if isinstance(rule.notice, m.Literal):
        return rule.notice.text
    return f"{rule.notice} = {iso_duration(m.duration_seconds(notice), days=False)}"


def _span_of(w: MaintenanceWindow) -> Span:
    return (w.start, w.end)


def _clock(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def _clip(span: Span, period: Span) -> Span | None:
    a, b = max(span[0], period[0]), min(span[1], period[1])
    return (a, b) if a < b else None


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same instants."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """``spans`` minus ``holes`` (both sorted and disjoint), in one pass over each."""
    out: list[Span] = []
    i = 0
    for a, b in spans:
        while i < len(holes) and holes[i][1] <= a:
            i += 1
        j, start = i, a
        while j < len(holes) and holes[j][0] < b:
            if holes[j][0] > start:
                out.append((start, holes[j][0]))
            start = max(start, holes[j][1])
            j += 1
        if start < b:
            out.append((start, b))
    return out


def _length(period: Span, calendar: Calendar | None) -> timedelta:
    """The period's own length on the calendar (its service hours), wall-clock without."""
    return union_duration([period], calendar)
