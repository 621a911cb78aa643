"""The report as one self-contained HTML page (``replay --format html``)."""

from __future__ import annotations

from .report import Report


def render_report_html(report: Report) -> str:
    raise NotImplementedError
