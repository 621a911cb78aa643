"""The report as one self-contained HTML page (``replay --format html``): opened in any
browser, offline, with no script, no external style sheet, font or image.

Order: the summary first (per period: each scorecard's score, the composites, the pay or
deduct band that applied, payable, refund, damages, flags), then per period and scorecard a
waterfall of the lines from the maximum down to the score (CSS bars, one row per line that
moves points), then one timeline per ticket (opened, the clock's running spans and pauses,
deadline, stop, breach), then the clauses cited and the event lines referred to.

Everything links: a waterfall row to its clause (``#c3``) and to the tickets (``#t12``)
and event lines (``#l57``) of its evidence; a timeline to the event lines that started and
stopped each clock. Ids are positions, never ticket ids: ticket ids, notes, causes and
every other text come from the inputs, are not trusted, and are escaped where written.

The page's labels are bilingual (``付款 Payment``) and its computed texts (bases, the day
data line) are in the report's language (``--lang``), which its ``lang`` attribute states;
it has a font stack of common CJK fonts either way, and narrows to one column on a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

from ..engine.evidence import BREACHED, MET, NOT_APPLICABLE, RUNNING, TargetResult, TicketResult
from ..engine.scoring.results import (
    ItemResult,
    MeasureResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
    SheetResult,
)
from ..events.types import EventRef
from ..i18n import current_language
from ..textsafe import escape_controls
from . import Report, measure_value_text
from . import money_text as _money_text
from .html_style import CSS
from .html_waterfall import bar_percent, waterfall_steps
from .shown import BOTH_LEGENDS, basis_text, shown_number, shown_number_or, shown_text
from .text import day_data_text, overshoot_text, rounds
from .text_payment import settlement_note
from .values import still_open_text

_STATUS = {
    MET: "达标 met",
    BREACHED: "超时 breached",
    RUNNING: "计时中 running",
    NOT_APPLICABLE: "不适用 n/a",
}
_LINE_REF = re.compile(r"\b(line|event|row) (\d+)")
_TICKET_PREFIXES = ("ticket ", "工单 ")
"""How an evidence text starts when it is about one ticket: in English, and as the zh_CN
catalog translates ``ticket {ticket}: …`` (the report follows the language)."""
_BANDS = frozenset({"pay_band", "deduct_band"})
_DAY = timedelta(days=1)


def render_report_html(report: Report) -> str:
    """The page, as one string (see the module docstring)."""
    return "".join(report_html_chunks(report))


def report_html_chunks(report: Report) -> Iterator[str]:
    """The page in pieces of about ``_CHUNK_LINES`` lines, for writing a large report
    without holding it: a year of a large helpdesk makes a page of hundreds of megabytes,
    and the page as one string (with every piece it was joined from) took 2.7 GB of memory
    at 1,000,000 events."""
    return _Page(report).chunks()


_CHUNK_LINES = 2048


def _e(text: object) -> str:
    """``text`` as inert HTML: markup escaped, and every control, separator and bidi mark
    written as the text report writes it (``\\x00``, ``\\u202e``): a browser would show a
    NUL as U+FFFD (another id than the text report's) and let an override reverse the
    rest of its paragraph (the line numbers after a ticket id)."""
    return escape(escape_controls(str(text)), quote=True)


def money_text(value: Decimal | None) -> str | None:
    """Money with two decimals and thousands separators (``800,000.00``)."""
    text = _money_text(value)
    return None if text is None else format(Decimal(text), ",.2f")


_num = shown_number_or  # a number that may be unknown: a dash; ≈ when rounded (report.shown)


class _Page:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.tz = ZoneInfo(report.timezone)
        self.ticket_ids = {t.ticket: k for k, t in enumerate(report.tickets)}
        self.clauses: dict[str, int] = {}
        self.lines: dict[tuple[str, int], list[str]] = {}

    def chunks(self) -> Iterator[str]:
        """The page: the head, the body's lines joined by newlines a batch at a time, the
        end. The sections are made as they are written; the clause and line indexes come
        after everything that cites them, as on the page."""
        r = self.report
        title = f"{r.title} ({r.ruleset})" if r.title else r.ruleset
        yield (
            f"<!DOCTYPE html>\n<html lang='{current_language()}'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        )
        batch: list[str] = []
        separator = ""
        for line in self.body(title):
            batch.append(line)
            if len(batch) == _CHUNK_LINES:
                yield separator + "\n".join(batch)
                batch, separator = [], "\n"
        if batch:
            yield separator + "\n".join(batch)
        yield "\n</body>\n</html>\n"

    def body(self, title: str) -> Iterator[str]:
        """The page's sections; what ``≈`` means is said once (report.shown): under the
        summary when the summary shows a rounded value, else at the end when any other
        section did (the page is written as it is made, so it cannot go back up)."""
        yield from self.header(title)
        summary = self.summary()
        yield from summary
        said = rounds(summary)
        if said:
            yield self.legend()
        later = False
        for line in self.sections():
            later = later or rounds((line,))
            yield line
        if later and not said:
            yield self.legend()

    @staticmethod
    def legend() -> str:
        return f"<p class='muted' id='rounded'>{_e(BOTH_LEGENDS)}</p>"

    def sections(self) -> Iterator[str]:
        """Everything after the summary, in the order of the page."""
        r = self.report
        for k, period in enumerate(r.periods):
            yield from self.period(k, period)
        yield from self.outside_term()  # before the line index, which lists the lines it cites
        yield from self.tickets()
        yield from self.clause_index()
        yield from self.line_index()
        if r.warnings:
            yield "<h2 id='warnings'>警告 Warnings</h2><ul>"
            yield from (f"<li>{self.linked(w)}</li>" for w in r.warnings)
            yield "</ul>"

    def outside_term(self) -> list[str]:
        """The evidence dated before or after a term, which counts in no period: listed,
        as in the text and JSON reports, so nothing is dropped unseen."""
        out: list[str] = []
        for found in self.report.outside_term:
            out += [
                f"<h2>服务期之外 Outside the term of {_e(found.period)} "
                f"(it ends {_e(self.when(found.end))}): counted in no period</h2><ul>"
            ]
            context = f"outside the term of {found.period}"
            out += [f"<li>{self.linked(text, context)}</li>" for text in found.evidence]
            out += ["</ul>"]
        return out

    # -- references -----------------------------------------------------------------------

    def clause(self, cite: str | None) -> str:
        """A link to the clause in the clause index (numbered as first cited)."""
        if not cite:
            return ""
        k = self.clauses.setdefault(cite, len(self.clauses) + 1)
        return f"<a class='cite' href='#c{k}' title='{_e(cite)}'>§{k}</a>"

    def line_ref(self, where: str, number: int, context: str, ident: str | None = None) -> str:
        self.lines.setdefault((where, number), []).append(context)
        title = f" title='id {_e(ident)}'" if ident else ""
        return f"<a href='#l{where[0]}{number}'{title}>{where} {number}</a>"

    def linked(self, text: str, context: str = "") -> str:
        """``text`` escaped, with each ``line N`` linked to the line index and a leading
        ``ticket ID:`` (an id the report knows) to the ticket's timeline."""
        out, rest = [], text
        prefix = next((p for p in _TICKET_PREFIXES if rest.startswith(p)), None)
        if prefix is not None:
            for colon in (m.start() for m in re.finditer("[:：]", rest)):
                ident = rest[len(prefix) : colon]
                k = self.ticket_ids.get(ident)
                if k is not None:
                    out.append(f"{_e(prefix)}<a href='#t{k}'>{_e(ident)}</a>")
                    rest = rest[colon:]
                    break
        last = 0
        for m in _LINE_REF.finditer(rest):
            out.append(_e(rest[last : m.start()]))
            out.append(self.line_ref(m.group(1), int(m.group(2)), context or text))
            last = m.end()
        out.append(_e(rest[last:]))
        return "".join(out)

    def when(self, t: datetime | None) -> str:
        return "—" if t is None else t.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    # -- header and summary ---------------------------------------------------------------

    def header(self, title: str) -> list[str]:
        i = self.report.inputs
        events = i.events_path or "<iterable>"
        return [
            f"<h1>{_e(title)}</h1>",
            "<p class='inputs'>",
            f"规则 rules <code>{_e(i.ruleset_path)}</code> "
            f"sha256 <code>{i.ruleset_sha256}</code><br>",
            f"事件 events <code>{_e(events)}</code>, {i.event_count} 条"
            + (f" sha256 <code>{i.events_sha256}</code>" if i.events_sha256 else "")
            + "<br>",
            f"节假日数据 holiday data {_e(day_data_text(i.calendar_data))}<br>",
            f"截至 as of {_e(i.as_of.astimezone(self.tz).isoformat())} · slarules {_e(i.version)}",
            "</p>",
        ]

    def summary(self) -> list[str]:
        out = ["<h2 id='summary'>概要 Summary</h2>"]
        for k, p in enumerate(self.report.periods):
            state = ("已结束 ended" if p.ended else "进行中 in progress") + (
                "" if p.complete else " · 未齐全 INCOMPLETE"
            )
            if p.still_open:
                state += " · 未了结 still open"
            out.append(
                f"<h3><a href='#p{k}'>{_e(p.label)}</a> <span class='muted'>{state}</span></h3>"
            )
            out.append("<div class='cards'>")
            for j, card in enumerate(p.scorecards):
                out.append(
                    f"<div class='card'><a href='#p{k}s{j}'>{_e(card.name)}</a>"
                    f"<div class='big'>{_num(card.score)} "
                    f"<small>/ {_num(card.max)}</small></div></div>"
                )
            for comp in p.composites:
                out.append(
                    f"<div class='card'>{_e(comp.name)} {self.clause(comp.cite)}"
                    f"<div class='big'>{_num(comp.score)}</div></div>"
                )
            out += [self.measure_card(x) for x in p.measures]
            if p.payment is not None:
                out += self.payment_card(p.payment)
            out.append("</div>")
            if p.still_open:
                out.append(
                    "<p class='muted'>本期已结束，但计入本期的事项仍未了结 the period has ended, "
                    f"but what it counts is still open: {_e(still_open_text(p.still_open))}; "
                    "得分、标记与付款仍可能变化 its scores, flags and payment may still change</p>"
                )
            flags = [*p.flags, *(p.payment.flags if p.payment else ())]
            if flags:
                out.append(
                    "<p>"
                    + "".join(
                        f"<span class='flag' title='{_e(shown_text(f.basis))}'>{_e(f.name)}</span>"
                        for f in flags
                    )
                    + "</p>"
                )
            out += [f"<p class='muted'>缺 missing: {_e(m)}</p>" for m in p.missing]
        return out

    def measure_card(self, x: MeasureResult) -> str:
        """A measure's value, and its inputs (one per ticket, period or group) folded."""
        value = (
            "未知 unknown"
            if x.value is None
            else measure_value_text(x.value, x.percentage, x.duration)
        )
        window = f"<br><small>{_e(x.window)}</small>" if x.window else ""
        inputs = ""
        if x.inputs:
            items = "".join(f"<li>{_e(shown_text(line))}</li>" for line in x.inputs)
            head = f"<summary>依据 inputs ({len(x.inputs)})</summary>"
            inputs = f"<details>{head}<ul>{items}</ul></details>"
        return (
            f"<div class='card'>度量 measure {_e(x.name)} {self.clause(x.cite)}"
            f"<div class='big'>{_e(value)}</div>{window}{inputs}</div>"
        )

    def payment_card(self, pay: PaymentResult) -> list[str]:
        payable = money_text(pay.payable) or (
            "无付款条款 no terms" if pay.status == "no_terms" else "待定 pending"
        )
        if pay.status == "provisional":
            payable += " 暂计 so far"
        extra = [f"退还 refund {money_text(pay.refund)}"] if pay.refund else []
        extra.append(f"违约金 damages {money_text(pay.damages) or '待定 pending'}")
        bands = [
            f"{_e(basis_text(line.basis))} {self.clause(line.cite)}"
            for line in pay.lines
            if line.kind in _BANDS
        ]
        return [
            "<div class='card'>应付 payable",
            f"<div class='big'>{_e(payable)}</div>",
            f"<div class='muted'>{_e(' · '.join(extra))}</div>",
            *(f"<div class='muted'>档位 band: {b}</div>" for b in bands),
            "</div>",
        ]

    # -- periods: waterfalls and payment ----------------------------------------------------

    def period(self, k: int, p: PeriodResult) -> list[str]:
        out = [
            f"<h2 id='p{k}'>{_e(p.label)} · {self.when(p.start)[:10]} – "
            f"{self.when(p.end - _DAY)[:10]}</h2>"
        ]
        for j, card in enumerate(p.scorecards):
            out += self.scorecard(f"p{k}s{j}", card)
        if p.payment is not None:
            out += self.payment(p.payment)
        return out

    def scorecard(self, anchor: str, card: ScorecardResult) -> list[str]:
        out = [
            f"<h3 id='{anchor}'>{_e(card.name)} {_num(card.score)} / {_num(card.max)} "
            f"{self.clause(card.cite)}</h3>"
        ]
        if card.given is not None:
            return [
                *out,
                f"<p>给定得分 given: {_num(card.given.score)}, {self.linked(card.given.event)}</p>",
            ]
        if card.sheets is None:
            return out + self.waterfall(card.max, card.items, card.score)
        for n, sheet in enumerate(card.sheets):
            out += self.sheet(sheet, card.max, n == 0)
        return out

    def sheet(self, sheet: SheetResult, top: Decimal, first: bool) -> list[str]:
        head = (
            f"<summary>{_e(sheet.assessor)} · 权重 {shown_number(sheet.weight)}% · "
            f"得分 {_num(sheet.score)}</summary>"
        )
        body = (
            [f"<p>给定得分 given: {self.linked(sheet.given.event)}</p>"]
            if sheet.given is not None
            else self.waterfall(top, sheet.items, sheet.score)
        )
        return [f"<details{' open' if first else ''}>", head, *body, "</details>"]

    def waterfall(
        self, top: Decimal, items: Sequence[ItemResult], score: Decimal | None
    ) -> list[str]:
        """Rows from the maximum down to the score: a bar per line that moves points."""
        scale = top if top > 0 else Decimal(1)
        out = ["<div class='wf'>", *self.bar("满分 max", None, Decimal(0), top, scale, "total")]
        level = top
        for item, steps in waterfall_steps(items):
            for label, cite, evidence, delta in steps:
                after = level + delta
                text = f"{_e(item)} · {_e(label)} {self.clause(cite)}"
                if evidence:
                    links = "; ".join(self.linked(shown_text(e)) for e in evidence[:8])
                    more = f" … +{len(evidence) - 8}" if len(evidence) > 8 else ""
                    text += f"<br><span class='ev'>{links}{more}</span>"
                kind = "down" if delta < 0 else "up"
                out += self.bar(
                    text, delta, min(level, after), abs(delta), scale, kind, escaped=True
                )
                level = after
        end = score if score is not None else level
        out += self.bar("得分 score", None, Decimal(0), end, scale, "total", total=True)
        return [*out, "</div>"]

    def bar(
        self,
        label: str,
        delta: Decimal | None,
        start: Decimal,
        size: Decimal,
        scale: Decimal,
        kind: str,
        escaped: bool = False,
        total: bool = False,
    ) -> list[str]:
        left = bar_percent(start, scale)
        width = bar_percent(size, scale)
        value = _num(size) if delta is None else (f"+{_num(delta)}" if delta > 0 else _num(delta))
        css = " sum" if total else ""
        track = f"<span class='bar {kind}' style='left:{left}%;width:{width}%'></span>"
        return [
            f"<div class='row'><div class='label{css}'>{label if escaped else _e(label)}</div>"
            f"<div class='track'>{track}</div><div class='val{css}'>{value}</div></div>"
        ]

    def payment(self, pay: PaymentResult) -> list[str]:
        out = [
            "<h3>付款 Payment</h3>",
            "<table class='wide'><tr><th>款项 line</th><th class='opt'>类别 kind</th>"
            "<th class='num'>金额 amount</th><th>计算依据 basis</th></tr>",
        ]
        for line in pay.lines:
            amount, cell = money_text(line.amount) or "待定 pending", "num"
            if line.kind == "bond_deduction":  # not paid nor deducted again: from the bond
                amount, cell = f"其中从保证金扣 of which from the bond: {amount}", "num note"
            elif line.amount is not None and line.payable_share is None:
                # A milestone (the base's schedule), damages (owed on top), a credit settled
                # elsewhere: the kind column that says so is hidden on a phone, and the amount
                # column must still add up to the payable row.
                amount, cell = f"不计入应付 not in payable: {amount}", "num note"
            basis = (
                basis_text(line.basis) if line.amount is not None else "; ".join(line.waiting_for)
            )
            basis += settlement_note(line.settlement, self.tz)
            due = f" (到期 due {self.when(line.due)})" if line.due is not None else ""
            out.append(
                f"<tr><td>{_e(line.name)} {self.clause(line.cite)}</td>"
                f"<td class='opt'>{_e(line.kind)}</td>"
                f"<td class='{cell}'>{_e(amount)}</td><td>{self.linked(basis)}{_e(due)}</td></tr>"
            )
        payable = money_text(pay.payable) or "待定 pending"
        out.append(
            f"<tr><th>应付 payable</th><td class='opt'></td>"
            f"<th class='num'>{_e(payable)}</th><td></td></tr>"
        )
        out.append("</table>")
        for f in pay.flags:
            out.append(
                f"<p><span class='flag'>{_e(f.name)}</span> {_e(shown_text(f.basis))} "
                f"{self.clause(f.cite)}</p>"
            )
        return out

    # -- tickets ----------------------------------------------------------------------------

    def tickets(self) -> Iterator[str]:
        """Breached tickets first, then the others, each group in report order (two passes
        instead of a sorted list of positions)."""
        r = self.report
        yield f"<h2 id='tickets'>工单 Tickets ({len(r.tickets)})</h2>"
        yield (
            "<p class='legend muted'>时间线 timeline:"
            "<span class='tl-run' style='background:var(--run)'></span>计时 running"
            "<span style='background:var(--pause)'></span>暂停 paused"
            "<span style='background:var(--bad)'></span>超时 late"
            "<span style='background:var(--ink);width:2px'></span>时限 deadline</p>"
        )
        for breached in (True, False):
            for k, t in enumerate(r.tickets):
                if _breached(t) is breached:
                    yield from self.ticket(k, t)

    def ticket(self, k: int, t: TicketResult) -> list[str]:
        css = "ticket breached" if _breached(t) else "ticket"
        head = f"<b>{_e(t.ticket)}</b> · {_e(t.sla)} · {_e(t.tier)}"
        head += f" · 受理 opened {self.when(t.opened)}"
        if t.assessor:
            head += f" · 提出 {_e(t.assessor)}"
        if t.excluded:
            head += f" · <span class='flag'>排除 excluded: {_e(t.excluded)}</span>"
        out = [f"<div class='{css}' id='t{k}'>", f"<div>{head}</div>"]
        for x in t.targets:
            out += self.target(t, x)
        out += [f"<div class='muted'>{self.linked(n, t.ticket)}</div>" for n in t.notes]
        return [*out, "</div>"]

    def target(self, t: TicketResult, x: TargetResult) -> list[str]:
        status = _STATUS.get(x.status, x.status)
        refs = self.target_refs(t, x)
        facts = (
            f"开始 start {self.when(x.start)} · 时限 deadline {self.when(x.deadline)} · "
            f"结束 stop {self.when(x.stop)}"
        )
        facts += self.lateness(x)
        return [
            "<div class='metric'>",
            f"<div>{_e(x.metric)} <span class='st-{_e(x.status)}'>{_e(status)}</span>"
            + (f" · {_e(x.tier)}" if x.tier and x.tier != t.tier else "")
            + "</div>",
            *self.timeline(x),
            f"<div class='facts'>{facts}{' · 事件 events ' + refs if refs else ''}</div>",
            "</div>",
        ]

    def target_refs(self, t: TicketResult, x: TargetResult) -> str:
        """The events behind a target, by role: ``开始 start line 57, 结束 stop line 58, …``
        (each a link to the event line index, with the event's id as its title); a
        target built without roles lists its events as they came."""
        context = f"ticket {t.ticket} {x.metric}"
        if not x.roles:
            return ", ".join(self.line_ref(e.where, e.line, context, e.id) for e in x.events)
        r = x.refs()
        groups: list[tuple[str, str, Sequence[EventRef]]] = [
            ("开始 start", "start", (r.start,) if r.start is not None else ()),
            ("暂停 paused", "paused", r.paused),
            ("恢复 resumed", "resumed", r.resumed),
            ("改级 retiered", "retiered", r.retiered),
            ("约定 agreed", "agreed", r.agreed),
            ("重开 reopened", "reopened", r.reopened),
            ("应履行 owed", "owed", r.owed),
            ("结束 stop", "stop", (r.stop,) if r.stop is not None else ()),
        ]
        return ", ".join(
            f"{label} "
            + " ".join(self.line_ref(e.where, e.line, f"{context} {role}", e.id) for e in found)
            for label, role, found in groups
            if found
        )

    def lateness(self, x: TargetResult) -> str:
        """How late, in the target's terms: time past a duration's deadline, or days."""
        if x.status != BREACHED:
            return ""
        if x.unit == "duration" and x.deadline is not None:
            end = x.stop or self.report.inputs.as_of
            return f" · 超时 late {overshoot_text(end - x.deadline)}" if end > x.deadline else ""
        if not x.days_late:
            return ""
        days = "day" if x.days_late == 1 else "days"  # the page is bilingual, not translated
        return f" · 逾期 {x.days_late} 天 {days} late"

    def timeline(self, x: TargetResult) -> list[str]:
        """The clock from its start to its stop (or the report's as-of), and the deadline:
        running spans, the pauses between them, and the time past the deadline."""
        start = x.start
        if start is None:
            return []
        end = x.stop or self.report.inputs.as_of
        last = max(end, x.deadline or end)
        span = (last - start).total_seconds() or 1.0

        def at(t: datetime) -> str:
            return f"{max(0.0, min(100.0, (t - start).total_seconds() / span * 100)):.2f}"

        def piece(css: str, a: datetime, b: datetime) -> str:
            size = float(at(b)) - float(at(a))  # float-ok: bar geometry in %, not a number shown
            return f"<span class='{css}' style='left:{at(a)}%;width:{size:.2f}%'></span>"

        parts = [piece("run", a, b) for a, b in x.intervals]
        parts += [
            piece("pause", a[1], b[0]) for a, b in zip(x.intervals, x.intervals[1:], strict=False)
        ]
        if x.status == BREACHED and x.deadline is not None and end > x.deadline:
            parts.append(piece("late", x.deadline, end))
        if x.deadline is not None:
            parts.append(f"<span class='due' style='left:{at(x.deadline)}%'></span>")
        return [f"<div class='tl'>{''.join(parts)}</div>"]

    # -- indexes ----------------------------------------------------------------------------

    def clause_index(self) -> list[str]:
        out = ["<h2 id='clauses'>条款 Clauses</h2>", "<ol class='clauses'>"]
        out += [f"<li id='c{k}'>{_e(cite)}</li>" for cite, k in self.clauses.items()]
        return [*out, "</ol>"]

    def line_index(self) -> list[str]:
        events = self.report.inputs.events_path or "<iterable>"
        out = [
            "<h2 id='lines'>事件行 Event lines</h2>",
            f"<p class='muted'>在 in <code>{_e(events)}</code></p><ul>",
        ]
        for (where, number), contexts in sorted(
            self.lines.items(), key=lambda kv: (kv[0][0], kv[0][1])
        ):
            uses = "; ".join(dict.fromkeys(contexts))
            out.append(f"<li id='l{where[0]}{number}'>{where} {number}: {_e(uses)}</li>")
        return [*out, "</ul>"]


def _breached(t: TicketResult) -> bool:
    return any(x.status == BREACHED for x in t.targets)
