"""The report as text for people (``replay --format text``): the inputs, a ticket table
with breaches first, one compact table per scorecard in the rule file's own names, each
period's composites, flags and payment, then the warnings.

Columns are aligned by display width (CJK characters take two columns, per Unicode's
East Asian Width), so Chinese item names line up in a terminal. Zero-point lines are left
out of the item tables unless they set evidence aside (superseded or excluded); the JSON
report keeps every line. Money has two decimals.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from .engine.evidence import BREACHED, MET, NOT_APPLICABLE, RUNNING, TicketResult
from .engine.results import (
    ItemResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
)
from .literals import decimal_text
from .report import Report, money_text

_MARK = {MET: "met", BREACHED: "BREACHED", RUNNING: "running", NOT_APPLICABLE: "n/a"}


def width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: str = "") -> list[str]:
    """Aligned rows; ``right`` has an ``r`` for each right-aligned column (e.g. ``".rr"``)."""
    sizes = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    out = []
    for row in [list(headers), *rows]:
        cells = [
            _pad(cell, sizes[i], i < len(right) and right[i] == "r") for i, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
    return out


def _clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` display columns with an ellipsis (the JSON has it all)."""
    if width(text) <= columns:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > columns - 1:
            break
        out += ch
    return out + "…"


def _num(value: Decimal | None) -> str:
    return "—" if value is None else decimal_text(value)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = decimal_text(value)
    return text if value <= 0 else f"+{text}"


def render_report_text(report: Report) -> str:
    tz = ZoneInfo(report.timezone)
    out: list[str] = []
    out += _header(report, tz)
    out += _tickets(report.tickets, tz)
    for period in report.periods:
        out += _period(period, tz)
    if report.warnings:
        out += ["", f"Warnings ({len(report.warnings)})"]
        out += [f"  - {w}" for w in report.warnings]
    return "\n".join(out) + "\n"


def _local(t: datetime | None, tz: ZoneInfo) -> str:
    return "—" if t is None else t.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _header(report: Report, tz: ZoneInfo) -> list[str]:
    i = report.inputs
    title = f"{report.title} ({report.ruleset})" if report.title else report.ruleset
    cal = i.calendar_data
    data = "none"
    if cal is not None and cal.version:
        provisional = ", ".join(str(y) for y in cal.provisional_years) or "none"
        data = f"{cal.version}; provisional years: {provisional}"
    params = ", ".join(f"{name}={_param(kind, value)}" for name, kind, value in report.params)
    lines = [
        f"slarules {i.version} — {title}",
        f"  rules   {i.ruleset_path} (sha256 {i.ruleset_sha256[:12]})",
        f"  events  {i.events_path or '<iterable>'}, {i.event_count} events"
        + (f" (sha256 {i.events_sha256[:12]})" if i.events_sha256 else ""),
        f"  as of   {i.as_of.astimezone(tz).isoformat()}",
        f"  days    {data}",
    ]
    if params:
        lines.append(f"  params  {params}")
    return lines


def _param(kind: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return (money_text(value) or "") if kind == "money" else decimal_text(value)
    if isinstance(value, timedelta):
        from .engine.results import iso_duration

        return iso_duration(value) or ""
    return str(value)


def _targets(ticket: TicketResult) -> str:
    parts = []
    for t in ticket.targets:
        if t.status == NOT_APPLICABLE:
            continue
        text = f"{t.metric} {_MARK.get(t.status, t.status)}"
        if t.status == BREACHED and t.days_late:
            text += f" +{t.days_late}d"
        if t.met_by_downgrade:
            text += " (downgrade)"
        parts.append(text)
    return ", ".join(parts) or "no targets"


def _tickets(tickets: Sequence[TicketResult], tz: ZoneInfo) -> list[str]:
    breached = [t for t in tickets if any(x.status == BREACHED for x in t.targets)]
    others = [t for t in tickets if t not in breached]
    excluded = sum(1 for t in tickets if t.excluded)
    out = ["", f"Tickets: {len(tickets)} ({len(breached)} with breaches, {excluded} excluded)"]
    if not tickets:
        return out
    rows = [
        [t.ticket, t.sla, t.tier, _local(t.opened, tz), _targets(t), t.excluded or ""]
        for t in [*breached, *others]
    ]
    headers = ["ticket", "sla", "tier", "opened", "targets", "excluded"]
    return out + ["  " + line for line in table(headers, rows)]


def _period(p: PeriodResult, tz: ZoneInfo) -> list[str]:
    last_day = (p.end.astimezone(tz) - timedelta(days=1)).date()
    state = ("ended" if p.ended else "in progress") + (
        ", complete" if p.complete else ", INCOMPLETE"
    )
    out = ["", f"Period {p.label}  {p.start.astimezone(tz).date()} – {last_day}  ({state})"]
    out += [f"  missing: {m}" for m in p.missing]
    for card in p.scorecards:
        out += _scorecard(card)
    for comp in p.composites:
        terms = "; ".join(f"{name} = {_num(value)}" for name, value in comp.terms)
        out.append(
            f"  composite {comp.name} = {_num(comp.score)}" + (f"  ({terms})" if terms else "")
        )
    for flag in p.flags:
        out.append(f"  flag {flag.name}: {flag.basis}")
    if p.payment is not None:
        out += _payment(p.payment, tz)
    elif p.has_payment:
        out.append("  payment: not computed (the period is incomplete)")
    return out


def _scorecard(card: ScorecardResult) -> list[str]:
    head = f"  {card.name}  {_num(card.score)}"
    head += f" / {decimal_text(card.max)}" if card.max else ""
    if card.given is not None:
        head += f"  (given, {card.given.event})"
    out = [head]
    if card.sheets is None:
        return out + (_items(card.items, "    ") if card.items else [])
    for sheet in card.sheets:
        line = f"    sheet {sheet.assessor} ({decimal_text(sheet.weight)}%)  {_num(sheet.score)}"
        if sheet.given is not None:
            line += f"  (given, {sheet.given.event})"
        out.append(line)
        if sheet.given is None:
            out += _items(sheet.items, "      ")
    return out


def _items(items: Sequence[ItemResult], indent: str) -> list[str]:
    rows: list[list[str]] = []
    for item in items:
        name = f"{item.group}/{item.name}" if item.group else item.name
        shown = [
            ln
            for ln in item.lines
            if ln.kind != "count" or ln.points != 0 or ln.superseded or ln.excluded
        ]
        first = [name, decimal_text(item.max), _num(item.score)]
        if not shown:
            rows.append([*first, "", ""])
        for k, ln in enumerate(shown):
            rule = ln.rule + (f" ×{decimal_text(ln.count)}" if ln.count is not None else "")
            notes = [f"{len(ln.superseded)} superseded"] if ln.superseded else []
            notes += [f"{len(ln.excluded)} excluded"] if ln.excluded else []
            rule += f" ({', '.join(notes)})" if notes else ""
            points = _num(ln.points) if ln.kind == "base" else _signed(ln.points)
            rows.append([*(first if k == 0 else ["", "", ""]), points, rule])
    headers = ["item", "max", "score", "points", "rule"]
    return [indent + line for line in table(headers, rows, ".rrr")]


def _payment(pay: PaymentResult, tz: ZoneInfo) -> list[str]:
    head = f"  payment: payable {money_text(pay.payable)}, damages {money_text(pay.damages)}"
    if pay.bond is not None:
        head += f", bond {money_text(pay.bond.amount)} (deducted {money_text(pay.bond.deducted)})"
    rows = []
    for line in pay.lines:
        due = f" (due {_local(line.due, tz)})" if line.due is not None else ""
        rows.append(
            [_clip(line.name, 40), line.kind, money_text(line.amount) or "", line.basis + due]
        )
    out = [head, *("    " + ln for ln in table(["line", "kind", "amount", "basis"], rows, "..r"))]
    out += [f"    flag {f.name}: {f.basis}" for f in pay.flags]
    return out
