"""The report as an Excel workbook (``replay --format xlsx --out FILE``), for the auditors,
finance departments and purchasers who work in Excel.

Sheets, in order:

- ``概要``: the inputs (rule file, event log, their SHA-256, as-of) and one row per period
  (scorecard scores, composites, payable, refund, damages, flags);
- per period and scorecard, the contract's own 考核表: 一级指标, 考核项, 分值, 考核细则
  (the rule as the rule file states it), 依据条款, 次数, 扣分, 得分 and 证据, with a 合计 row;
  a scorecard assessed by several assessors gets a sheet listing each assessor's weight and
  score, and then one 考核表 per assessor;
- per period with composites, measures or payment, ``付款``: the composites (with their
  terms), the measures (value, rolling window, clause and one input per line), the payment
  lines with their basis and clause and their share of the payable (计入应付: the column adds
  up to the payable), and the totals;
- ``工单``: one row per target of every ticket, with the event lines that started and
  stopped its clock (as the clocks recorded them) and every event that moved it;
- ``说明``: the evidence dated outside the contract's term and the warnings, one row each
  ("无 none" when there is neither).

Numbers are numbers, not text, each with a number format showing exactly the decimals it
has (``69.135`` as ``0.000``), money as ``#,##0.00``, weights as percents, timestamps as
Excel date-times in the ruleset's timezone (Excel has none), elapsed times as ``[h]:mm``.
Excel keeps numbers as binary floating point, so the workbook is for reading; the JSON
report stays the exact record.

The library is XlsxWriter, an optional extra (``pip install slarules[xlsx]``): it only
writes, which is all this needs, and with ``in_memory`` it gives every part of the zip the
same fixed timestamp; with the document's created date set from the report's as-of (not
the wall clock), the same report gives the same bytes. Texts are never read as formulas or
links (``strings_to_formulas`` and ``strings_to_urls`` off): ticket ids and notes come from
the event log and are not trusted.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from ..engine.scoring.availability import shown_name
from ..engine.scoring.results import (
    ItemResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
    SheetResult,
)
from ..i18n import _
from . import Report, measure_value_text
from .shown import APPROX, basis_text, is_exact, legend, shown_number, shown_number_or, shown_text
from .text import day_data_text, rounds
from .text_payment import settlement_note
from .text_table import width
from .values import still_open_text
from .xlsx_rows import (
    SCORE_HEAD,
    TICKET_HEAD,
    item_rows,
    period_state,
    ticket_rows,
)

# Excel's limits: a cell holds at most 32,767 characters, a sheet 1,048,576 rows, a sheet
# name 31 characters without any of []:*?/\.
_CELL_LIMIT = 32_000
_ROW_LIMIT = 1_048_576
_NAME_LIMIT = 31
_NAME_FORBIDDEN = str.maketrans({c: "_" for c in "[]*?/\\"} | {":": "："})
_WIDEST = 60  # columns wider than this wrap instead
_MONEY = "#,##0.00_ "  # "_ ": a space's width after the number, before the next column
_WHEN = "yyyy-mm-dd hh:mm"
_ELAPSED = "[h]:mm"
_LINE_HEIGHT = 15  # points per line of a wrapped cell
_MOST_LINES = 12


class XlsxUnavailable(RuntimeError):
    """XlsxWriter is not installed (it is the optional extra ``xlsx``)."""


def report_xlsx_bytes(report: Report) -> bytes:
    """The workbook of ``report``; the same report always gives the same bytes."""
    try:
        import xlsxwriter  # the optional extra: imported only when a workbook is asked for
    except ImportError:
        raise XlsxUnavailable(
            _("the xlsx format needs XlsxWriter: pip install 'slarules[xlsx]'")
        ) from None
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties(
        {
            "title": report.title or report.ruleset,
            "subject": "slarules report",
            "created": report.inputs.as_of.astimezone(UTC).replace(tzinfo=None),
        }
    )
    _Workbook(book, report).write()
    book.close()
    return buffer.getvalue()


def places(value: Decimal) -> int:
    """How many decimals ``value`` has as written in plain notation (``69.135`` → 3)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(value: Decimal) -> str:
    """``0``, ``0.0``, ``0.000``…: exactly the decimals of ``value``; a value with more
    than four is shown rounded to four and marked (``"≈"0.0000``, report.shown)."""
    if not is_exact(value):  # two sections: a negative value is ``≈-0.1316``, not ``-≈…``
        return f'"{APPROX}"0.0000;"{APPROX}-"0.0000'
    n = places(value)
    return "0" if n == 0 else "0." + "0" * n


def _width(text: str) -> int:
    """Display columns (CJK count two); ASCII, most cells of a large log, in one step."""
    return len(text) if text.isascii() else width(text)


def _lines(size: int, room: int) -> int:
    """Lines a text of ``size`` columns takes when wrapped in ``room`` columns; a sixth more
    than the plain quotient, as wide characters render wider than two digits."""
    return -(-size * 7 // (max(room, 1) * 6))


def _clip(text: str) -> str:
    return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"


class _Sheet:
    """One worksheet written row by row, remembering each column's widest text."""

    def __init__(self, book: _Workbook, name: str, reserved: bool = False) -> None:
        """``reserved``: ``name`` was already made valid and unique by ``sheet_name``."""
        self.book = book
        self.name = name if reserved else book.sheet_name(name)
        self.ws = book.book.add_worksheet(self.name)
        self.row = 0
        self.widths: dict[int, int] = {}
        self.notes: list[tuple[int, int, str]] = []  # (row, last column, text) of note()
        # Printed (and rendered to PDF) as landscape A4 pages as wide as the table.
        self.ws.set_landscape()
        self.ws.set_paper(9)
        self.ws.fit_to_pages(1, 0)

    def cell(
        self, col: int, value: Any, fmt: str | None = None, bold: bool = False, track: bool = True
    ) -> int:
        """One cell of the current row: a Decimal as a number with its own decimals, a
        datetime in the report's timezone, a date, a timedelta as elapsed hours, a text as
        text. ``track``: the column is made wide enough for it (a long text in the last
        filled column may instead run over the empty cells to its right). Returns how many
        lines the cell needs (a text wider than a column may be wraps)."""
        if value is None:
            return 1
        style: dict[str, Any] = {"bold": True} if bold else {}
        if isinstance(value, str):
            self.book.rounded = self.book.rounded or rounds([value])
            return self.text(col, _clip(value), style, track)
        if isinstance(value, bool):
            return self.text(col, "是" if value else "否", style, track)
        style["valign"] = "top"
        if isinstance(value, Decimal):
            style["num_format"] = fmt or number_format(value)
            style["align"] = "right" if fmt else "center"
            # A spreadsheet number is an IEEE double: exact for every amount up to 15
            # significant digits; the exact decimal stays in the JSON report.
            self.ws.write_number(self.row, col, float(value), self.book.style(style))  # float-ok
            shown = shown_number(value) if not fmt else format(value, "f")
            shown += "," * (len(shown) // 3) if fmt else ""
            self.book.rounded = self.book.rounded or (not fmt and not is_exact(value))
        elif isinstance(value, int):
            style["num_format"] = fmt or "0"
            self.ws.write_number(self.row, col, value, self.book.style(style))
            shown = str(value)
        elif isinstance(value, datetime):
            style["num_format"] = _WHEN
            local = value.astimezone(self.book.tz).replace(tzinfo=None)
            self.ws.write_datetime(self.row, col, local, self.book.style(style))
            shown = "2024-01-01 00:00"
        elif isinstance(value, date):
            style["num_format"] = "yyyy-mm-dd"
            self.ws.write_datetime(self.row, col, value, self.book.style(style))
            shown = "2024-01-01"
        elif isinstance(value, timedelta):
            style["num_format"] = _ELAPSED
            days = Decimal(value.days) + Decimal(value.seconds) / 86400
            self.ws.write_number(self.row, col, float(days), self.book.style(style))  # float-ok
            shown = "00000:00"
        else:
            return self.text(col, _clip(str(value)), style, track)
        if track:
            self.widths[col] = max(self.widths.get(col, 0), _width(shown))
        return 1

    def text(self, col: int, text: str, style: dict[str, Any], track: bool) -> int:
        """A text cell; one wider than ``_WIDEST`` wraps, and says how many lines it takes."""
        size = _width(text)
        lines = 1
        if track and size > _WIDEST:
            style |= {"text_wrap": True}
            lines = min(_lines(size, _WIDEST), _MOST_LINES)
        style["valign"] = "top"
        self.ws.write_string(self.row, col, text, self.book.style(style))
        if track:
            self.widths[col] = max(self.widths.get(col, 0), min(size, _WIDEST))
        return lines

    def line(self, values: Sequence[Any], bold: bool = False, formats: Sequence[str] = ()) -> None:
        """A row; as tall as its most wrapped cell (Excel does not grow rows by itself)."""
        lines = 1
        for col, value in enumerate(values):
            fmt = formats[col] if col < len(formats) and formats[col] else None
            lines = max(lines, self.cell(col, value, fmt, bold))
        if lines > 1:
            self.ws.set_row(self.row, _LINE_HEIGHT * lines)
        self.row += 1

    def header(self, titles: Sequence[str], freeze: bool = True) -> None:
        """A bold header row; rows above it and it stay in view when scrolling, and are
        repeated on every printed page."""
        for col, title in enumerate(titles):
            self.ws.write_string(self.row, col, title, self.book.style({"bold": True, "bottom": 1}))
            self.widths[col] = max(self.widths.get(col, 0), _width(title))
        self.row += 1
        if freeze:
            self.ws.freeze_panes(self.row, 0)
            self.ws.repeat_rows(0, self.row - 1)

    def title(self, text: str) -> None:
        self.ws.write_string(self.row, 0, _clip(text), self.book.style({"bold": True, "size": 13}))
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def note(self, label: str, text: str | None, last: int) -> None:
        """``label`` and a long ``text`` wrapped over columns 1 to ``last`` (a clause quoted
        above a table: it must not widen a column of the table, nor run off the page)."""
        self.cell(0, label)
        if text:
            style = self.book.style({"text_wrap": True, "valign": "top"})
            self.ws.merge_range(self.row, 1, self.row, last, _clip(text), style)
            self.notes.append((self.row, last, text))
        self.row += 1

    def finish(self) -> None:
        for col in sorted(self.widths):
            self.ws.set_column(col, col, self.widths[col] + 2)
        for row, last, text in self.notes:  # rows tall enough for the wrapped notes
            room = sum(self.widths.get(col, 8) + 2 for col in range(1, last + 1))
            lines = min(_lines(_width(text), room), _MOST_LINES)
            if lines > 1:
                self.ws.set_row(row, _LINE_HEIGHT * lines)


class _Workbook:
    """Lays the report out over the sheets the module docstring lists."""

    def __init__(self, book: Any, report: Report) -> None:
        self.book = book
        self.report = report
        self.tz = ZoneInfo(report.timezone)
        self.styles: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.names: set[str] = set()
        self.rounded = False  # a value was shown rounded (≈): 说明 says what that means

    def style(self, spec: dict[str, Any]) -> Any:
        key = tuple(sorted(spec.items()))
        if key not in self.styles:
            self.styles[key] = self.book.add_format({"font_name": "Noto Sans CJK SC", **spec})
        return self.styles[key]

    def sheet_name(self, wanted: str) -> str:
        """A valid, unique sheet name (Excel compares names case-insensitively)."""
        base = wanted.translate(_NAME_FORBIDDEN).strip("'") or "sheet"
        name, n = base[:_NAME_LIMIT], 1
        while name.casefold() in self.names:
            n += 1
            suffix = f" ({n})"
            name = base[: _NAME_LIMIT - len(suffix)] + suffix
        self.names.add(name.casefold())
        return name

    def write(self) -> None:
        self.summary()
        for period in self.report.periods:
            for card in period.scorecards:
                self.scorecard(period, card)
            if period.composites or period.measures or period.payment is not None:
                self.payment(period)
        self.tickets()
        self.notes()

    # -- 概要 -----------------------------------------------------------------------------

    def summary(self) -> None:
        """The periods' results first, then the inputs that produced them."""
        r = self.report
        sheet = _Sheet(self, "概要")
        sheet.title(f"{r.title} ({r.ruleset})" if r.title else r.ruleset)
        cards = list(dict.fromkeys(c.name for p in r.periods for c in p.scorecards))
        comps = list(dict.fromkeys(c.name for p in r.periods for c in p.composites))
        head = ["考核周期 period", "开始 start", "结束 end", "状态 state", *cards, *comps]
        sheet.header([*head, "应付 payable", "退还 refund", "违约金 damages", "标记 flags"])
        sheet.ws.freeze_panes(sheet.row, 1)
        for p in r.periods:
            scores = {c.name: c.score for c in p.scorecards}
            scores.update({c.name: c.score for c in p.composites})
            pay = p.payment
            flags = [f.name for f in p.flags] + ([f.name for f in pay.flags] if pay else [])
            sheet.line(
                [
                    p.label,
                    p.start.astimezone(self.tz).date(),
                    (p.end.astimezone(self.tz) - timedelta(days=1)).date(),
                    period_state(p),
                    *[scores.get(name) for name in [*cards, *comps]],
                    pay.payable if pay else None,
                    pay.refund if pay else None,
                    pay.damages if pay else None,
                    "、".join(flags),
                ],
                formats=[""] * (4 + len(cards) + len(comps)) + [_MONEY] * 3,
            )
        sheet.skip()
        for label, value in self.input_rows():
            sheet.cell(0, label)
            sheet.cell(1, value, track=False)
            sheet.skip()
        sheet.finish()

    def input_rows(self) -> list[tuple[str, Any]]:
        r, i = self.report, self.report.inputs
        rows: list[tuple[str, Any]] = [
            ("规则文件 rules", i.ruleset_path),
            ("规则 SHA-256", i.ruleset_sha256),
            ("事件日志 events", i.events_path or "<iterable>"),
            ("事件 SHA-256", i.events_sha256),
            ("事件数 event count", i.event_count),
            ("截至 as of", i.as_of.astimezone(self.tz).isoformat()),
            ("节假日数据 holiday data", day_data_text(i.calendar_data)),
            ("slarules", i.version),
        ]
        return rows + [(f"参数 {name}", text) for name, text in r.param_texts()]

    # -- 考核表 ----------------------------------------------------------------------------

    def scorecard(self, period: PeriodResult, card: ScorecardResult) -> None:
        label = f"{period.label} {card.name}"
        if card.sheets is None:
            self.score_table(label, f"{card.name} · {period.label}", card.cite, card.items, card)
            return
        sheet = _Sheet(self, label)
        sheet.title(f"{card.name} · {period.label}")
        sheet.note("依据条款 clause", card.cite, 3)
        sheet.line(["得分 score", "", card.score], bold=True)
        sheet.skip()
        sheet.header(["评分人 assessor", "权重 weight", "得分 score", "考核表 sheet"])
        names = [self.sheet_name(f"{period.label} {card.name} {s.assessor}") for s in card.sheets]
        link = self.style({"font_color": "blue", "underline": 1, "valign": "top"})
        for s, name in zip(card.sheets, names, strict=True):
            weight = s.weight / 100
            percent = "0." + "0" * max(places(weight) - 2, 1) + "%"
            if not is_exact(s.weight):
                percent, self.rounded = f'"{APPROX}"0.0000%', True  # a weight is never negative
            sheet.line(
                [s.assessor, weight, s.score, s.given.event if s.given else None],
                formats=["", percent],
            )
            sheet.ws.write_url(sheet.row - 1, 3, f"internal:'{name}'!A1", link, name)
            sheet.widths[3] = max(sheet.widths.get(3, 0), _width(name))
        sheet.finish()
        for s, name in zip(card.sheets, names, strict=True):
            title = f"{card.name} · {s.assessor} · {period.label}"
            self.score_table(name, title, card.cite, s.items, s, reserved=True)

    def score_table(
        self,
        name: str,
        title: str,
        cite: str | None,
        items: Sequence[ItemResult],
        scored: ScorecardResult | SheetResult,
        reserved: bool = False,
    ) -> None:
        sheet = _Sheet(self, name, reserved)
        grouped = any(item.group for item in items)
        sheet.title(title)
        sheet.note("依据条款 clause", cite, len(SCORE_HEAD) - 1 - (0 if grouped else 1))
        if scored.given is not None:
            sheet.line(["给定得分 given score", scored.given.score, scored.given.event], bold=True)
        skip = 0 if grouped else 1  # no 一级指标: no column
        sheet.header(SCORE_HEAD[skip:])
        for item in items:
            rows = list(item_rows(item))
            for row in rows:
                sheet.line(row[skip:])
        total_max = sum((item.max for item in items), Decimal(0))
        total = ["合计 total", *([""] * (1 - skip)), total_max, "", "", "", "", scored.score]
        sheet.line(total, bold=True)
        sheet.finish()

    # -- 付款 -----------------------------------------------------------------------------

    def payment(self, period: PeriodResult) -> None:
        sheet = _Sheet(self, f"{period.label} 付款")
        sheet.title(f"综合得分与付款 · {period.label}")
        if period.composites:
            # The columns of the payment lines below: name, -, number, clause, basis.
            heads = ["综合得分 composite", "", "得分 score", "依据条款 clause", "构成 terms"]
            sheet.header(heads, False)
            for comp in period.composites:
                terms = "; ".join(f"{shown_name(n)} = {shown_number_or(v)}" for n, v in comp.terms)
                sheet.line([comp.name, "", comp.score, comp.cite, terms])
            sheet.skip()
        if period.measures:
            heads = ["度量 measure", "窗口 window", "值 value", "依据条款 clause", "依据 inputs"]
            sheet.header(heads, False)
            for x in period.measures:
                value = (
                    "unknown"
                    if x.value is None
                    else measure_value_text(x.value, x.percentage, x.duration)
                )
                inputs = "\n".join(shown_text(line) for line in x.inputs)
                sheet.line([x.name, x.window or "", value, x.cite, inputs])
            sheet.skip()
        for flag in period.flags:
            sheet.line(["标记 flag", flag.name, "", flag.cite, shown_text(flag.basis)])
        if period.payment is not None:
            self.payment_lines(sheet, period.payment)
        sheet.finish()

    def payment_lines(self, sheet: _Sheet, pay: PaymentResult) -> None:
        """The payment lines, then the totals. Column H, 计入应付, is each line's share of
        the payable (``PaymentLine.payable_share``), empty for a line outside it (a
        milestone, already in the base; damages, owed on top): finance adds column H up
        and gets the payable, where adding the amounts would count a milestone twice."""
        heads = ["款项 line", "类别 kind", "金额 amount", "依据条款 clause", "计算依据 basis"]
        share = "计入应付 in payable"
        sheet.header([*heads, "到期 due", "状态 status", share], False)
        for line in pay.lines:
            basis = (
                basis_text(line.basis) if line.amount is not None else "; ".join(line.waiting_for)
            )
            basis += settlement_note(line.settlement, self.tz)
            sheet.line(
                [line.name, line.kind, line.amount, line.cite, basis, line.due, line.status,
                 line.payable_share],
                formats=["", "", _MONEY, "", "", "", "", _MONEY],
            )  # fmt: skip
        sheet.skip()
        totals: list[tuple[str, Decimal | None]] = [
            ("合同总额 contract total", pay.contract_total),
            ("应付 payable", pay.payable),
            ("退还 refund", pay.refund),
            ("违约金 damages", pay.damages),
        ]
        if pay.bond is not None:
            totals += [
                ("履约保证金 bond", pay.bond.amount),
                ("期初余额 bond at start", pay.bond.opening),
                ("本期扣除 bond deducted", pay.bond.deducted),
                ("余额 bond remaining", pay.bond.remaining),
            ]
        for label, amount in totals:
            shown = amount if amount is not None else "pending"
            sheet.line([label, "", shown], True, ["", "", _MONEY])
        sheet.line(["状态 status", "", pay.status, "", "; ".join(pay.waiting_for)])
        if pay.still_open:
            sheet.line(["未了结 still open", "", "", "", still_open_text(pay.still_open)])
        for flag in pay.flags:
            sheet.line(["标记 flag", flag.name, "", flag.cite, shown_text(flag.basis)])

    # -- 工单 -----------------------------------------------------------------------------

    def tickets(self) -> None:
        """One row per target (a ticket without targets still gets a row); a new sheet
        when Excel's row limit is reached."""
        sheet = self.ticket_sheet()
        for row in ticket_rows(self.report.tickets):
            if sheet.row >= _ROW_LIMIT:
                self.finish_tickets(sheet)
                sheet = self.ticket_sheet()
            sheet.line(row)
        self.finish_tickets(sheet)

    # -- 说明 -----------------------------------------------------------------------------

    def notes(self) -> None:
        """What the report says beside its numbers, as the text report ends: the evidence
        dated outside the contract's term (counted in no period) and the warnings. Always
        written, "无 none" when there is nothing, so that a reader of the workbook alone
        knows there is nothing the numbers leave out."""
        r = self.report
        sheet = _Sheet(self, "说明")
        sheet.header(["类别 kind", "内容 text"])
        rows: list[tuple[str, str]] = []
        for outside in r.outside_term:
            end = outside.end.astimezone(self.tz).isoformat()
            kind = f"合同期外 outside the term of {outside.period} (ends {end})"
            rows += [(kind, text) for text in outside.evidence]
        rows += [("警告 warning", text) for text in r.warnings]
        if self.rounded:
            rows.append((f"{APPROX} 约数 rounded", legend()))
        for kind, text in rows:
            sheet.line([kind, text])
        if not rows:
            sheet.line(["无 none"])
        sheet.finish()

    def finish_tickets(self, sheet: _Sheet) -> None:
        """Filters on the header, so breached targets, one SLA or one tier are a click away."""
        sheet.ws.autofilter(0, 0, max(sheet.row - 1, 1), len(TICKET_HEAD) - 1)
        sheet.finish()

    def ticket_sheet(self) -> _Sheet:
        sheet = _Sheet(self, "工单")
        sheet.header(TICKET_HEAD)
        sheet.ws.freeze_panes(1, 1)
        return sheet
