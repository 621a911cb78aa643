"""The public ``slarules.Report``: the report stage's ``Report`` with its other forms.

``to_json()`` is the normative JSON, the same bytes as ``slarules replay --format json``;
``to_text()`` the text report of ``slarules replay`` (``summary=True``: of ``--summary``);
``tickets_frame()``, ``lines_frame()`` and ``payments_frame()`` give pandas DataFrames for
analysis. pandas is an extra (``pip install 'slarules[pandas]'``), imported only when a
frame is asked for; without it the methods raise an ``ImportError`` that says so.

Frames keep the report's exact values: scores, points and money as ``Decimal`` (object
columns: a float would round them), times as zone-aware timestamps in the rule file's time
zone, working times as timedeltas. One row per ticket target (``tickets_frame``), per
scorecard line (``lines_frame``), per payment line (``payments_frame``), in report order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from attrs import fields, frozen

from ..engine.scoring.results import ItemResult
from ..report import Report as ReportData
from ..report.summary import render_report_summary
from ..report.text import render_report_text
from .arguments import require_bool

PANDAS_MISSING = (
    "Report frames need pandas, an optional extra of slarules: "
    "pip install 'slarules[pandas]' (or pip install pandas)"
)

TICKET_COLUMNS = (
    "ticket", "sla", "tier", "opened", "closed", "assessor", "excluded",
    "metric", "status", "target_tier", "start", "deadline", "stop", "elapsed", "days_late",
)  # fmt: skip
LINE_COLUMNS = (
    "period", "scorecard", "assessor", "group", "item", "rule", "kind", "grade",
    "count", "points", "evidence",
)  # fmt: skip
PAYMENT_COLUMNS = (
    "period", "name", "kind", "amount", "status", "basis", "due", "waiting_for",
)  # fmt: skip


@frozen
class Report(ReportData):
    """A replay's full result (``slarules.report`` documents the JSON form), with its text
    and DataFrame forms."""

    @classmethod
    def of(cls, data: ReportData) -> Report:
        """The public report of the report stage's ``data`` (same values, shared)."""
        return cls(**{f.name: getattr(data, f.name) for f in fields(ReportData)})

    def to_text(self, *, summary: bool = False) -> str:
        """The text report ``slarules replay`` prints (``summary``: ``--summary``);
        ``summary="no"`` (a text, so true) is a ``TypeError``, not the summary."""
        return (
            render_report_summary(self)
            if require_bool(summary, "summary")
            else (render_report_text(self))
        )

    def tickets_frame(self) -> Any:
        """One row per ticket and target (columns: ``TICKET_COLUMNS``)."""
        return _frame(self._ticket_rows(), TICKET_COLUMNS)

    def lines_frame(self) -> Any:
        """One row per scorecard line: what each rule counted, gave or took (columns:
        ``LINE_COLUMNS``; ``evidence`` is the number of events the line cites)."""
        return _frame(self._line_rows(), LINE_COLUMNS)

    def payments_frame(self) -> Any:
        """One row per payment line of each period (columns: ``PAYMENT_COLUMNS``)."""
        return _frame(self._payment_rows(), PAYMENT_COLUMNS)

    def _ticket_rows(self) -> Iterator[tuple[object, ...]]:
        for t in self.tickets:
            head = (t.ticket, t.sla, t.tier, t.opened, t.closed, t.assessor, t.excluded)
            for x in t.targets:
                yield (*head, x.metric, x.status, x.tier, x.start, x.deadline, x.stop,
                       x.elapsed, x.days_late)  # fmt: skip

    def _line_rows(self) -> Iterator[tuple[object, ...]]:
        for p in self.periods:
            for card in p.scorecards:
                sheets: list[tuple[str | None, tuple[ItemResult, ...]]]
                sheets = [(s.assessor, s.items) for s in card.sheets or ()]
                for assessor, items in sheets or [(None, card.items)]:
                    yield from _item_rows((p.label, card.name, assessor), items)

    def _payment_rows(self) -> Iterator[tuple[object, ...]]:
        for p in self.periods:
            for line in p.payment.lines if p.payment is not None else ():
                status = "pending" if line.amount is None else "final"
                yield (p.label, line.name, line.kind, line.amount, status, line.basis,
                       line.due, ", ".join(line.waiting_for))  # fmt: skip


def _item_rows(
    head: tuple[object, ...], items: tuple[ItemResult, ...]
) -> Iterator[tuple[object, ...]]:
    for item in items:
        for line in item.lines:
            yield (*head, item.group, item.name, line.rule, line.kind, line.grade,
                   line.count, line.points, len(line.evidence))  # fmt: skip


def _frame(rows: Iterator[tuple[object, ...]], columns: tuple[str, ...]) -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]  # the optional extra
    except ImportError:
        raise ImportError(PANDAS_MISSING) from None
    return pandas.DataFrame.from_records(list(rows), columns=list(columns))
