"""The text report on one screen (``replay --summary``): the inputs in two lines, one row
per period (state, each scorecard's and composite's score, payable, flags), each period's
measures in one line (``服务季度:2: 年故障时间 PT28H; 总故障数 4``), the band each payment
applied, and the worst tickets. The full text report and the JSON report have the
rest; this is what a purchaser or auditor reads first.

The worst tickets are those with the most breached targets, then the furthest past a
deadline (time past the deadline for a duration target, its days late for a target of
days), then by ticket order; at most ``WORST`` of them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from ..engine.evidence import BREACHED, TargetResult, TicketResult
from ..engine.scoring.results import NO_TERMS, MeasureResult, PeriodResult
from ..i18n import _, ngettext
from . import Report, measure_value_text, money_text
from .shown import basis_text, legend, shown_number_or
from .text import overshoot_text, rounds
from .text_table import table

WORST = 5
_BANDS = ("pay_band", "deduct_band")
_DAY = timedelta(days=1)


def render_report_summary(report: Report) -> str:
    tz = ZoneInfo(report.timezone)
    i = report.inputs
    title = f"{report.title} ({report.ruleset})" if report.title else report.ruleset
    count, breached, excluded, worst = _ticket_counts(report.tickets, i.as_of)
    out = [
        _("slarules {version} — {title}").format(version=i.version, title=title),
        _(
            "  as of {isoformat}, {events}, {tickets} ({count2} with breaches, {excluded} excluded)"
        ).format(
            isoformat=i.as_of.astimezone(tz).isoformat(),
            events=ngettext("{count} event", "{count} events", i.event_count).format(
                count=i.event_count
            ),
            tickets=ngettext("{count} ticket", "{count} tickets", count).format(count=count),
            count2=breached,
            excluded=excluded,
        ),
    ]
    cal = i.calendar_data
    if cal is not None and cal.provisional_years:
        out.append(
            _(
                "  provisional holiday data for {years}: deadlines there may move when the "
                "year's holidays are published (see the full report)"
            ).format(years=", ".join(str(y) for y in cal.provisional_years))
        )
    out += _periods(report.periods, tz)
    out += _measures(report.periods)
    out += _bands(report.periods)
    out += _worst(worst, breached, i.as_of, tz)
    if report.warnings:
        out += [
            "",
            ngettext(
                "{count} warning: see the full report",
                "{count} warnings: see the full report",
                len(report.warnings),
            ).format(count=len(report.warnings)),
        ]
    if rounds(out):
        out += ["", legend()]
    return "\n".join(out) + "\n"


def _periods(periods: Sequence[PeriodResult], tz: ZoneInfo) -> list[str]:
    if not periods:
        return ["", _("No periods.")]
    names = list(dict.fromkeys(c.name for p in periods for c in p.scorecards))
    names += list(dict.fromkeys(c.name for p in periods for c in p.composites))
    rows = []
    for p in periods:
        scores: dict[str, Decimal | None] = {c.name: c.score for c in p.scorecards}
        scores |= {c.name: c.score for c in p.composites}
        last = (p.end.astimezone(tz) - _DAY).date()
        state = (_("ended") if p.ended else _("in progress")) + (
            "" if p.complete else _(", INCOMPLETE")
        )
        if p.still_open:  # ended, but its scores, flags and payment may still change
            state += _(", still open")
        flags = [f.name for f in p.flags] + [f.name for f in (p.payment.flags if p.payment else ())]
        rows.append(
            [
                p.label,
                f"{p.start.astimezone(tz).date()} – {last}",
                state,
                *[_score(scores, n) for n in names],
                _payable(p),
                ", ".join(flags),
            ]
        )
    heads = [_("period"), _("dates"), _("state"), *names, _("payable"), _("flags")]
    right = "..." + "r" * (len(names) + 1)
    return ["", *["  " + line for line in table(heads, rows, right)]]


def _score(scores: dict[str, Decimal | None], name: str) -> str:
    if name not in scores:
        return ""
    value = scores[name]
    return shown_number_or(value)


def _payable(p: PeriodResult) -> str:
    pay = p.payment
    if pay is None:
        return _("not computed") if p.has_payment else ""
    if pay.status == NO_TERMS:
        return _("no terms")
    text = money_text(pay.payable) or _("pending")
    if pay.refund:
        text += _(" (refund {refund})").format(refund=money_text(pay.refund))
    if pay.damages:  # owed on top of the payable: one screen must not hide it from finance
        text += _(" (damages {damages})").format(damages=money_text(pay.damages))
    return text


def _measures(periods: Sequence[PeriodResult]) -> list[str]:
    """One line per period with measures: each measure's value as the report shows it."""
    lines = [
        f"  {p.label}: " + "; ".join(f"{x.name} {_measure_value(x)}" for x in p.measures)
        for p in periods
        if p.measures
    ]
    return ["", _("Measures"), *lines] if lines else []


def _measure_value(x: MeasureResult) -> str:
    """The value, and ``(term so far)`` when its rolling window was cut at the term's start:
    a year's downtime three months into the contract is not a whole year's."""
    if x.value is None:
        return _("unknown")
    text = measure_value_text(x.value, x.percentage, x.duration)
    return text + _(" (term so far)") if x.term_so_far else text


def _bands(periods: Sequence[PeriodResult]) -> list[str]:
    """The band line of each period's payment: which band applied, and what it did."""
    lines = [
        f"  {p.label}: {basis_text(line.basis)}"
        for p in periods
        if p.payment is not None
        for line in p.payment.lines
        if line.kind in _BANDS
    ]
    return ["", _("Bands"), *lines] if lines else []


def _past(x: TargetResult, as_of: datetime) -> timedelta:
    """How far past its deadline a breached target is, comparable across targets."""
    if x.unit == "duration" and x.deadline is not None:
        end = x.stop if x.stop is not None else as_of
        return max(end - x.deadline, timedelta(0))
    return x.days_late * _DAY


def _late_text(x: TargetResult, as_of: datetime) -> str:
    if x.unit == "duration" and x.deadline is not None:
        past = _past(x, as_of)
        return f"{x.metric} {overshoot_text(past)}" if past else x.metric
    return f"{x.metric} +{x.days_late}d" if x.days_late else x.metric


def _ticket_counts(
    tickets: Iterable[TicketResult], as_of: datetime
) -> tuple[int, int, int, list[TicketResult]]:
    """In one pass over the tickets (a spilled replay's are read from its store): how many
    there are, how many have a breached target, how many are excluded, and the ``WORST``
    breached ones, worst first: the most breached targets, then the furthest past a
    deadline, then ticket order (only those few are kept, not every breached ticket)."""
    counts = [0, 0, 0]  # tickets, breached, excluded

    def breached() -> Iterator[tuple[int, TicketResult]]:
        for t in tickets:
            counts[0] += 1
            counts[2] += bool(t.excluded)
            if any(x.status == BREACHED for x in t.targets):
                yield counts[1], t
                counts[1] += 1

    def badness(item: tuple[int, TicketResult]) -> tuple[int, timedelta, int]:
        k, t = item
        late = [x for x in t.targets if x.status == BREACHED]
        return (-len(late), -max(_past(x, as_of) for x in late), k)

    worst = heapq.nsmallest(WORST, breached(), key=badness)
    return counts[0], counts[1], counts[2], [t for _k, t in worst]


def _worst(worst: list[TicketResult], breached: int, as_of: datetime, tz: ZoneInfo) -> list[str]:
    if not worst:
        return []
    rows = []
    for t in worst:
        late = [_late_text(x, as_of) for x in t.targets if x.status == BREACHED]
        opened = t.opened.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        rows.append([t.ticket, t.sla, t.tier, opened, ", ".join(late), t.excluded or ""])
    heads = [_("ticket"), _("sla"), _("tier"), _("opened"), _("breached"), _("excluded")]
    head = _("Worst tickets ({count} of {count2} with breaches)").format(
        count=len(worst), count2=breached
    )
    return ["", head, *["  " + line for line in table(heads, rows)]]
