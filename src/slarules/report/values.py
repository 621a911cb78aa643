"""How the report writes values: money with two decimals, parameters typed by their
declaration, the rows of a parameter by date, a credit's settlement. Re-exported by
``slarules.report``, whose forms (JSON, text, HTML, XLSX) all write values this way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from .. import model as m
from ..engine.context import PRECISION, ParamValue
from ..engine.scoring.results import CreditSettlement, iso_duration
from ..language.literals import decimal_text

_CENT = Decimal("0.01")
# Wide enough to quantize any sum of bounded amounts without an InvalidOperation.
_WIDE = Context(prec=2 * PRECISION)


def number_text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def measure_value_text(value: Decimal, percentage: bool, duration: bool = False) -> str:
    """A measure's value as reported: a percentage to 0.01 percentage points, half-up
    (``33.33%`` for one met of three; the inputs give the exact counts), a duration in ISO
    8601 hours (``PT25H30M``: working time), else exact."""
    if duration:
        return iso_duration(value, days=False)
    if percentage:
        shown = (value * 100).quantize(_CENT, rounding=ROUND_HALF_UP)
        return f"{decimal_text(shown.normalize())}%"
    return decimal_text(value)


def money_text(value: Decimal | None) -> str | None:
    """Money with exactly two decimals (``"1234.50"``); never ``-0.00``."""
    if value is None:
        return None
    text = format(value.quantize(_CENT, rounding=ROUND_HALF_UP, context=_WIDE), "f")
    return "0.00" if text == "-0.00" else text


def param_text(kind: str, value: ParamValue) -> str:
    """A parameter's value as the report writes it (module docstring): a text typed by
    ``kind``, the parameter's declared type."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        return iso_duration(value)
    if isinstance(value, date):
        return value.isoformat()
    if kind == "money":
        return money_text(value) or ""
    if kind == "percent":
        return f"{decimal_text(value)}%"
    return decimal_text(value)


def row_text(kind: str, row: m.ScheduleRow) -> str:
    """A schedule's row: its date and its value as the parameter's type writes it. Any
    type but date and bool may vary (a duration is a timedelta, not a Decimal)."""
    value = row.value.value
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    return f"{row.start} {param_text(kind, value)}"


def settlement_dict(
    s: CreditSettlement | None, ts: Callable[[datetime | None], str | None]
) -> dict[str, Any] | None:
    """How a credit line is settled (None: in its own period's invoice), for the JSON."""
    if s is None:
        return None
    return {"status": s.status, "period": s.period, "deadline": ts(s.deadline), "event": s.event}


_OPEN_LISTED = 5


def still_open_text(still_open: Sequence[str]) -> str:
    """What an ended period still has open, for the bilingual reports (HTML, XLSX): the
    first few, then how many more (a log with thousands of tickets never closed would make
    one cell megabytes long; the JSON keeps every ticket and its status)."""
    shown = "; ".join(still_open[:_OPEN_LISTED])
    more = len(still_open) - _OPEN_LISTED
    return shown if more <= 0 else f"{shown}; 另 {more} 项 and {more} more"
