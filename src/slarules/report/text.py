"""The report as text for people (``replay --format text``): the inputs, a ticket table
with breaches first, one compact table per scorecard in the rule file's own names, each
period's composites, flags and payment, then the warnings. The JSON report is the complete,
normative record; this is a summary of it that a person reads top to bottom.

Columns are aligned by display width (CJK characters take two columns, per Unicode's
East Asian Width), so Chinese item names line up in a terminal. Zero-point lines are left
out of the item tables unless they set evidence aside (superseded or excluded). Money has
two decimals; a score or points with more than four decimals is shown rounded, ``≈99.8684``,
and the report then ends with what ``≈`` means (report.shown).

Lateness in the ticket table is given in the target's own terms: ``+3d`` (days late, as
``per day late`` counts them) for a target of days or workdays, and the time past the
deadline, rounded up to the minute, for a target of hours or minutes (``+15m``,
``+2h10m``, ``+1d2h``: wall-clock from the deadline to the stop, or to ``as_of`` while it
runs).

Evidence in short: after each target, the event lines that started and stopped its clock
(``L12→L40``; ``L12→…`` while it runs); after each line of a scorecard, the event lines
its evidence names (``events: L3, L9``, the first eight and how many more). An event of an
iterable of dicts (not a file) is ``E12``, its position. The JSON report has them all, with
the events' ids.

A scorecard assessed by several assessors is one table, not one per sheet: the item rows
once, with the lines every sheet has identically (the same rule, count, points and
evidence), then one row per sheet (assessor, weight, score) followed by the lines only that
sheet has. An item's score that differs between sheets shows as a range (``10–15``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import chain
from zoneinfo import ZoneInfo

from ..engine.evidence import BREACHED, MET, NOT_APPLICABLE, RUNNING, TargetResult, TicketResult
from ..engine.scoring.availability import shown_name
from ..engine.scoring.results import (
    ItemResult,
    Line,
    MeasureResult,
    PeriodResult,
    ScorecardResult,
    SheetResult,
)
from ..events.types import EventRef
from ..i18n import N_, _, ngettext
from ..textsafe import escape_controls
from . import CalendarData, Report, measure_value_text
from .shown import APPROX, legend, shown_number, shown_number_or, shown_text
from .text_payment import open_text, payment_lines
from .text_table import clip, local_minute, table, table_lines

_ID_COLUMNS = 40  # a ticket id longer than this is clipped in the table (the JSON has it)
_MARK = {
    MET: N_("met"),
    BREACHED: N_("BREACHED"),
    RUNNING: N_("running"),
    NOT_APPLICABLE: N_("n/a"),
}


_num = shown_number_or  # a number that may be unknown: a dash; ≈ when rounded (report.shown)

_REF_IN_TEXT = re.compile(r"\b(line|event|row) (\d+)")
_SHOWN_REFS = 8  # event lines listed after a scorecard line; the rest are counted


_SHORT = {"line": "L", "row": "R"}  # anything else: an iterable's event, E


def short_ref(where: str, line: int) -> str:
    """``L12`` for line 12 of a file, ``R12`` for row 12 of an export replayed with
    ``--mapping``, ``E12`` for the 12th event of an iterable."""
    return f"{_SHORT.get(where, 'E')}{line}"


def target_trail(t: TargetResult) -> str:
    """``L12→L40``: the events that started and stopped the clock (``…`` while it runs);
    empty for a target whose clock has not started (or built without events)."""
    refs = t.refs()
    if refs.start is None:
        return ""
    stop = short_ref(refs.stop.where, refs.stop.line) if refs.stop is not None else "…"
    return f"{_short(refs.start)}→{stop}"


def _short(ref: EventRef) -> str:
    return short_ref(ref.where, ref.line)


def evidence_refs(texts: Sequence[str]) -> list[tuple[str, int]]:
    """Every event line the evidence texts name, in order of first mention."""
    found = dict.fromkeys(
        (m.group(1), int(m.group(2))) for text in texts for m in _REF_IN_TEXT.finditer(text)
    )
    return list(found)


def _events_note(ln: Line) -> str:
    """``  events: L3, L9`` (the first eight, then ``+N``); empty without event lines."""
    refs = evidence_refs(ln.evidence)
    if not refs:
        return ""
    shown = ", ".join(short_ref(where, line) for where, line in refs[:_SHOWN_REFS])
    more = f" +{len(refs) - _SHOWN_REFS}" if len(refs) > _SHOWN_REFS else ""
    return _("  events: {lines}").format(lines=shown + more)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = shown_number(value)
    return text if value <= 0 else f"+{text}"


def render_report_text(report: Report) -> str:
    return "".join(report_text_chunks(report))


def report_text_chunks(report: Report) -> Iterator[str]:
    """``render_report_text``'s text in pieces of about ``_CHUNK_LINES`` lines, for
    writing a large report without holding it."""
    batch: list[str] = []
    for line in _report_lines(report):
        # Every value from the inputs (ticket ids, notes, names, paths) ends up in one of
        # these lines; none of them holds a control character of its own. Escaping them line
        # by line keeps a newline or a terminal escape in a ticket id from forging a line.
        batch.append(escape_controls(line))
        if len(batch) == _CHUNK_LINES:
            yield "\n".join(batch) + "\n"
            batch = []
    if batch:
        yield "\n".join(batch) + "\n"


_CHUNK_LINES = 2048


def _report_lines(report: Report) -> Iterator[str]:
    """The report's lines, then, when one of them showed a value rounded (``≈``), what the
    mark means (report.shown)."""
    rounded = False
    for line in _body_lines(report):
        rounded = rounded or rounds((line,))
        yield line
    if rounded:
        yield from ("", legend())


def _body_lines(report: Report) -> Iterator[str]:
    tz = ZoneInfo(report.timezone)
    yield from _header(report, tz)
    yield from _tickets(report.tickets, tz, report.inputs.as_of)
    for period in report.periods:
        yield from _period(period, tz)
    out: list[str] = []
    for outside in report.outside_term:
        end = local_minute(outside.end, tz)
        out += [
            "",
            _("Outside the term of {period} (it ends {end}): counted in no period").format(
                period=outside.period, end=end
            ),
        ]
        out += [f"  - {e}" for e in outside.evidence]
    if report.warnings:
        out += ["", _("Warnings ({count})").format(count=len(report.warnings))]
        out += [f"  - {w}" for w in report.warnings]
    yield from out


def rounds(lines: Sequence[str]) -> bool:
    """Whether a value of the report was shown rounded (``≈`` before a digit): the report
    then ends with what the mark means."""
    return any(_ROUNDED.search(line) for line in lines if APPROX in line)


_ROUNDED = re.compile(APPROX + r" ?-?\d")


def day_data_text(cal: CalendarData | None) -> str:
    """``holidays 0.109, day data sha256 0feb474bfde8 for 2024-2025; provisional years:
    2027``: which holiday data the replay used and which years it only estimates (every
    form of the report says so: a deadline in a provisional year may move when the State
    Council publishes that year's holidays and 调休)."""
    if cal is None or not cal.version:
        return _("none")
    provisional = ", ".join(str(y) for y in cal.provisional_years) or _("none")
    return _("{version}{cal}; provisional years: {provisional}").format(
        version=cal.version, cal=_day_data_text(cal), provisional=provisional
    )


def _day_data_text(cal: CalendarData) -> str:
    """``, day data sha256 0feb474bfde8 for 2024-2025``: which days the replay used."""
    if cal.digest is None:
        return ""
    years = [year for year, _unused in cal.year_digests]
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return _(", day data sha256 {digest} for {span}").format(digest=cal.digest[:12], span=span)


def _header(report: Report, tz: ZoneInfo) -> list[str]:
    i = report.inputs
    title = f"{report.title} ({report.ruleset})" if report.title else report.ruleset
    data = day_data_text(i.calendar_data)
    params = ", ".join(f"{name}={text}" for name, text in report.param_texts())
    lines = [
        _("slarules {version} — {title}").format(version=i.version, title=title),
        _("  rules   {ruleset_path} (sha256 {ruleset_sha256})").format(
            ruleset_path=i.ruleset_path, ruleset_sha256=i.ruleset_sha256[:12]
        ),
        ngettext(
            "  events  {value}, {event_count} event",
            "  events  {value}, {event_count} events",
            i.event_count,
        ).format(value=i.events_path or "<iterable>", event_count=i.event_count)
        + (
            _(" (sha256 {events_sha256})").format(events_sha256=i.events_sha256[:12])
            if i.events_sha256
            else ""
        ),
        _("  as of   {isoformat}").format(isoformat=i.as_of.astimezone(tz).isoformat()),
        _("  days    {data}").format(data=data),
    ]
    if params:
        lines.append(_("  params  {params}").format(params=params))
    return lines


_MINUTE = timedelta(minutes=1)


def overshoot_text(late: timedelta) -> str:
    """``+2h10m``: a positive delay rounded up to the minute, in days, hours and minutes."""
    minutes = -(-late // _MINUTE)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m" if mins else ""]
    return "+" + ("".join(parts) or "0m")


def _lateness(t: TargetResult, as_of: datetime) -> str:
    """How late a breached target is, in the target's terms (module docstring)."""
    if t.unit == "duration" and t.deadline is not None:
        end = t.stop if t.stop is not None else as_of
        # Subtracted as instants: two times of one zone subtract by their wall clocks.
        late = end.astimezone(UTC) - t.deadline.astimezone(UTC)
        return f" {overshoot_text(late)}" if late > timedelta(0) else ""
    return f" +{t.days_late}d" if t.days_late else ""


def _targets(ticket: TicketResult, as_of: datetime) -> str:
    parts = []
    for t in ticket.targets:
        if t.status == NOT_APPLICABLE:
            continue
        text = f"{t.metric} {_(_MARK[t.status]) if t.status in _MARK else t.status}"
        if t.status == BREACHED:
            text += _lateness(t, as_of)
        if t.met_by_downgrade:
            text += _(" (downgrade)")
        if t.agreed is not None:
            text += _(" (agreed {agreed})").format(agreed=t.agreed)
        trail = target_trail(t)
        parts.append(f"{text} {trail}" if trail else text)
    return ", ".join(parts) or _("no targets")


def _has_breach(ticket: TicketResult) -> bool:
    return any(x.status == BREACHED for x in ticket.targets)


def _tickets(tickets: Sequence[TicketResult], tz: ZoneInfo, as_of: datetime) -> Iterator[str]:
    """The ticket table, breached tickets first: rows are made as they are printed (see
    ``table_lines``), never kept, as the JSON report's tickets are not."""
    breached = sum(1 for t in tickets if _has_breach(t))
    excluded = sum(1 for t in tickets if t.excluded)
    yield ""
    yield _("Tickets: {count} ({count2} with breaches, {excluded} excluded)").format(
        count=len(tickets), count2=breached, excluded=excluded
    )
    if not tickets:
        return
    raised = any(t.assessor for t in tickets)

    def rows() -> Iterator[list[str]]:
        ordered = chain(
            (t for t in tickets if _has_breach(t)), (t for t in tickets if not _has_breach(t))
        )
        for t in ordered:
            yield (
                [clip(t.ticket, _ID_COLUMNS), t.sla, t.tier, local_minute(t.opened, tz)]
                + ([t.assessor or ""] if raised else [])
                + [_targets(t, as_of), t.excluded or ""]
            )

    headers = [_("ticket"), _("sla"), _("tier"), _("opened"), *([_("raised by")] if raised else [])]
    headers += [_("targets"), _("excluded")]
    for line in table_lines(headers, rows):
        yield "  " + line


def _state(p: PeriodResult) -> str:
    """``ended, complete``, ``ended, INCOMPLETE``, ``in progress`` or ``in progress,
    INCOMPLETE``: a period still running is not called complete (more may yet come)."""
    if not p.complete:
        return (_("ended") if p.ended else _("in progress")) + _(", INCOMPLETE")
    return _("ended, complete") if p.ended else _("in progress")


def _period(p: PeriodResult, tz: ZoneInfo) -> list[str]:
    last_day = (p.end.astimezone(tz) - timedelta(days=1)).date()
    state = _state(p)
    out = [
        "",
        _("Period {label}  {date} – {last_day}  ({state})").format(
            label=p.label, date=p.start.astimezone(tz).date(), last_day=last_day, state=state
        ),
    ]
    out += [_("  missing: {m}").format(m=m) for m in p.missing]
    if p.still_open and p.payment is None:  # a payment line says it itself
        out.append(
            _(
                "  the period has ended, but what it counts is still open: {open}; "
                "its scores and flags may still change"
            ).format(open=open_text(p.still_open))
        )
    for measured in p.measures:
        out += _measure(measured)
    for card in p.scorecards:
        out += _scorecard(card)
    for comp in p.composites:
        terms = "; ".join(f"{shown_name(name)} = {_num(value)}" for name, value in comp.terms)
        out.append(
            _("  composite {comp_name} = {score}").format(
                comp_name=comp.name, score=_num(comp.score)
            )
            + (f"  ({terms})" if terms else "")
        )
    for flag in p.flags:
        out.append(
            _("  flag {flag_name}: {basis}").format(
                flag_name=flag.name, basis=shown_text(flag.basis)
            )
        )
    if p.payment is not None:
        out += payment_lines(p.payment, tz)
    elif p.has_payment:
        out.append(_("  payment: not computed (the period is incomplete)"))
    return out


def _measure(x: MeasureResult) -> list[str]:
    """``measure 工单延误扣分 = 7`` and one indented line per input, for the auditor."""
    value = (
        _("unknown") if x.value is None else measure_value_text(x.value, x.percentage, x.duration)
    )
    window = _("  (window {window})").format(window=x.window) if x.window else ""
    return [
        _("  measure {x_name} = {value}{window}").format(x_name=x.name, value=value, window=window),
        *(f"      {shown_text(line)}" for line in x.inputs),
    ]


def _scorecard(card: ScorecardResult) -> list[str]:
    head = f"  {card.name}  {_num(card.score)}"
    head += f" / {shown_number(card.max)}" if card.max else ""
    if card.given is not None:
        head += _("  (given, {event})").format(event=card.given.event)
    out = [head]
    if card.sheets is None:
        rows = [row for item in card.items for row in _item_rows(item, _shown(item))]
        return out + (_item_table(rows) if rows else [])
    return out + _sheets(card.sheets)


def _shown(item: ItemResult) -> list[Line]:
    """The lines worth a row: points moved, or evidence set aside."""
    return [
        ln
        for ln in item.lines
        if ln.kind != "count" or ln.points != 0 or ln.superseded or ln.excluded
    ]


def _line_cells(ln: Line) -> list[str]:
    """``[points, rule]`` of one line: ``-2``, ``deduct 2 per … ×1 (1 excluded)``."""
    rule = ln.rule + (f" ×{shown_number(ln.count)}" if ln.count is not None else "")
    notes = [_("{count} superseded").format(count=len(ln.superseded))] if ln.superseded else []
    notes += [_("{count} excluded").format(count=len(ln.excluded))] if ln.excluded else []
    rule += f" ({', '.join(notes)})" if notes else ""
    rule += _events_note(ln)
    points = _num(ln.points) if ln.kind == "base" else _signed(ln.points)
    return [points, rule]


def _item_name(item: ItemResult) -> str:
    return f"{item.group}/{item.name}" if item.group else item.name


def _item_rows(
    item: ItemResult, lines: Sequence[Line], score: str | None = None
) -> list[list[str]]:
    """The item's first row (name, max, score) with its first line, then one row per line."""
    first = [_item_name(item), shown_number(item.max), _num(item.score) if score is None else score]
    if not lines:
        return [[*first, "", ""]]
    return [[*(first if k == 0 else ["", "", ""]), *_line_cells(ln)] for k, ln in enumerate(lines)]


def _item_table(rows: list[list[str]]) -> list[str]:
    return [
        "    " + line
        for line in table([_("item"), _("max"), _("score"), _("points"), _("rule")], rows, ".rrr")
    ]


def _common(per_sheet: Sequence[Sequence[Line]]) -> list[Line]:
    """The lines every sheet has (as a multiset), in the first sheet's order."""
    rest = [list(lines) for lines in per_sheet[1:]]
    common = []
    for ln in per_sheet[0]:
        if all(ln in lines for lines in rest):
            for lines in rest:
                lines.remove(ln)
            common.append(ln)
    return common


def _without(lines: Sequence[Line], common: Sequence[Line]) -> list[Line]:
    left = list(lines)
    for ln in common:
        left.remove(ln)
    return left


def _score_range(scores: Sequence[Decimal | None]) -> str:
    """One score, or ``lo–hi`` when sheets differ (``—`` when one is unknown)."""
    if len(set(scores)) == 1:
        return _num(scores[0])
    known = [x for x in scores if x is not None]
    if len(known) < len(scores):
        return "—"
    return f"{shown_number(min(known))}–{shown_number(max(known))}"


def _sheets(sheets: Sequence[SheetResult]) -> list[str]:
    """One table of the lines the computed sheets share, then a row per sheet with its own
    lines (module docstring). Sheets given by a ``score`` event show that instead."""
    computed = [s for s in sheets if s.given is None]
    out: list[str] = []
    own: dict[str, list[list[str]]] = {}
    if computed:
        rows, own = _shared(computed)
        if len(computed) > 1:
            which = _("computed sheets") if len(computed) < len(sheets) else _("sheets")
            count = (
                _("both") if len(computed) == 2 else _("all {count}").format(count=len(computed))
            )
            out.append(_("    lines common to {count} {which}:").format(count=count, which=which))
        out += _item_table(rows)
        if len(sheets) > 1:
            out.append(_("    each sheet's score and its own lines:"))
    return out + _sheet_table(sheets, own)


def _shared(computed: Sequence[SheetResult]) -> tuple[list[list[str]], dict[str, list[list[str]]]]:
    """The item rows with the lines common to every computed sheet, and each sheet's other
    lines as ``[item, points, rule]`` cells. Sheets of one scorecard list the same items."""
    rows: list[list[str]] = []
    own: dict[str, list[list[str]]] = {s.assessor: [] for s in computed}
    for k, item in enumerate(computed[0].items):
        per_sheet = [_shown(s.items[k]) for s in computed]
        common = _common(per_sheet)
        rows += _item_rows(item, common, _score_range([s.items[k].score for s in computed]))
        for sheet, lines in zip(computed, per_sheet, strict=True):
            for ln in _without(lines, common):
                own[sheet.assessor].append([_item_name(item), *_line_cells(ln)])
    return rows, own


def _sheet_table(sheets: Sequence[SheetResult], own: dict[str, list[list[str]]]) -> list[str]:
    """A row per sheet (assessor, weight, score) and below it the lines only it has; the
    line columns are left out when no sheet has any."""
    rows: list[list[str]] = []
    for sheet in sheets:
        first = [sheet.assessor, f"{shown_number(sheet.weight)}%", _num(sheet.score)]
        if sheet.given is not None:
            rows.append([*first, "", "", _("given, {event}").format(event=sheet.given.event)])
            continue
        cells = own.get(sheet.assessor) or [["", "", ""]]
        rows += [[*(first if k == 0 else ["", "", ""]), *c] for k, c in enumerate(cells)]
    headers = [_("sheet"), _("weight"), _("score"), _("item"), _("points"), _("rule")]
    if not any(any(row[3:]) for row in rows):
        headers, rows = headers[:3], [row[:3] for row in rows]
    return ["    " + line for line in table(headers, rows, ".rr.r")]
