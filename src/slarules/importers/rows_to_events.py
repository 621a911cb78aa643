"""Rows of an export to slarules events, through a :class:`Mapping`.

Ticket-shaped exports (one row per ticket, a column per milestone) give one event per
filled milestone cell: the ``opened`` event carries the ticket's fields (SLA, tier…), the
others only the ticket. Event-shaped exports give one event per row. A row that cannot be
mapped (an empty ticket id, a priority the mapping does not know, a time that is not a
time) is an :class:`ImportProblem` naming the file, the row and the column; a row with any
problem contributes no event at all, so a half-mapped ticket never reaches the log.

Order of the result (SPEC §5 asks for none, but a sorted log replays in one pass and
diffs cleanly): by instant; ties by the export's row, then by the mapping's milestone
order (a ``"Closed At" = ["resolved", "closed"]`` column gives ``resolved`` first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..calendar import MAX_YEAR, MIN_YEAR
from ..events.types import clip, instant_within_years
from ..i18n import _
from ..language.literals import number_bound_problem
from .mapping import NUMBER_FIELDS, Mapping, Source
from .reader import BadRow, Table, rows_table

# Fields that must not be empty when a mapping fills them, per shape: a ticket row names
# its ticket, SLA and tier; an event row needs its time and type (which other fields it
# needs depends on the type, and the event log's own checks say so at replay).
_REQUIRED = {"ticket": frozenset({"ticket", "sla", "tier"}), "event": frozenset({"at", "type"})}
# Where each event came from, for an auditor (and for replay --mapping's messages).
SOURCE_FIELD = "x-source"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_CELLS = (bytes, bytearray, list, tuple, dict, set, frozenset)
_NUMBER_TEXT = re.compile(r"[-+]?[0-9]{1,64}(?:\.[0-9]{1,64})?(?:[eE][-+]?[0-9]{1,9})?")
# The order of an output line's keys: the log reads like the samples in rulesets/samples.
_KEY_ORDER = ("at", "type", "ticket", "sla", "tier", "id")


@dataclass(frozen=True)
class ImportProblem:
    """One cell or row that could not be mapped. ``row`` counts as a spreadsheet does
    (header = 1); ``column`` is ``None`` when the whole row is at fault."""

    file: str
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = _("{file}, row {row}").format(file=self.file, row=self.row)
        if self.column is not None:
            where += _(", column {column!r}").format(column=self.column)
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """The events (dicts in SPEC §5 form, sorted), the rows left out with why, and counts."""

    events: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    rows: int = 0
    skipped: int = 0


class EventImportError(ValueError):
    """Rows that could not be mapped (and ``lenient`` was not asked for), or an export
    whose header lacks a mapped column. ``problems`` lists every one."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = (
            _("\n… and {count} more").format(count=len(problems) - 20) if len(problems) > 20 else ""
        )
        super().__init__(shown + more)


class _CellError(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def convert(table: Table, mapping: Mapping, *, lenient: bool = False) -> ImportResult:
    """Map every row of ``table``; raise :class:`EventImportError` on any problem unless
    ``lenient``, in which case the problems are listed in the result and the rows dropped."""
    missing = [c for c in mapping.columns() if c not in table.header and c not in mapping.optional]
    if missing:
        known = ", ".join(repr(h) for h in table.header if h)
        raise EventImportError(
            [
                ImportProblem(
                    table.name,
                    1,
                    c,
                    _("no such column in the header (columns: {known})").format(known=known),
                )
                for c in missing
            ]
        )
    _refuse_repeated_columns(table, mapping)
    result = ImportResult()
    keyed: list[tuple[datetime, int, int, dict[str, Any]]] = []
    first_rows: dict[str, int] = {}  # ticket shape: the row each ticket was first seen on
    label = Path(table.name).name
    for row, cells in table.rows:
        result.rows += 1
        if isinstance(cells, BadRow):
            result.problems.append(ImportProblem(table.name, row, None, cells.message))
            continue
        if _skipped(cells, mapping):
            result.skipped += 1
            continue
        problems: list[_CellError] = []
        events = _row_events(cells, mapping, problems)
        if mapping.shape == "ticket" and not problems:
            _check_once(events, row, first_rows, mapping, problems)
        if problems:
            result.problems.extend(
                ImportProblem(table.name, row, p.column, p.message) for p in problems
            )
            continue
        if not events and mapping.shape == "event":
            result.skipped += 1  # a type the mapping maps to "" (not an SLA event)
        for order, (instant, event) in enumerate(events):
            event[SOURCE_FIELD] = f"{label} row {row}"
            keyed.append((instant, row, order, event))
    if result.problems and not lenient:
        raise EventImportError(result.problems)
    keyed.sort(key=lambda item: item[:3])
    result.events = [event for *_, event in keyed]
    return result


def _refuse_repeated_columns(table: Table, mapping: Mapping) -> None:
    """A mapped column the header names twice: which cell is the ticket's level? The
    reader would keep the last one silently, so the export is refused instead."""
    repeated = sorted(
        {c for c in mapping.columns() if table.header.count(c) > 1}, key=table.header.index
    )
    if repeated:
        raise EventImportError(
            [
                ImportProblem(
                    table.name,
                    1,
                    c,
                    _("the header names this column {count} times").format(
                        count=table.header.count(c)
                    ),
                )
                for c in repeated
            ]
        )


def _check_once(
    events: list[tuple[datetime, dict[str, Any]]],
    row: int,
    first_rows: dict[str, int],
    mapping: Mapping,
    problems: list[_CellError],
) -> None:
    """One row per ticket: a second row for the same ticket would open it twice."""
    if not events:
        return
    ticket = str(events[0][1].get("ticket"))
    if ticket in first_rows:
        column = mapping.fields["ticket"].column
        problems.append(
            _CellError(
                column,
                _("ticket {ticket} is already on row {first_rows}").format(
                    ticket=ticket, first_rows=first_rows[ticket]
                ),
            )
        )
    else:
        first_rows[ticket] = row


def _skipped(cells: dict[str, Any], mapping: Mapping) -> bool:
    return any(_text(cells.get(column)) in values for column, values in mapping.skip.items())


def _row_events(
    cells: dict[str, Any], mapping: Mapping, problems: list[_CellError]
) -> list[tuple[datetime, dict[str, Any]]]:
    fields: dict[str, Any] = {}
    for name, source in mapping.fields.items():
        try:
            value = _field_value(name, source, cells, mapping)
        except _CellError as exc:
            problems.append(exc)
            continue
        if value is not None:
            fields[name] = value
    if mapping.shape == "event":
        return _event_row(fields, cells, mapping, problems)
    return _ticket_row(fields, cells, mapping, problems)


def _event_row(
    fields: dict[str, Any], cells: dict[str, Any], mapping: Mapping, problems: list[_CellError]
) -> list[tuple[datetime, dict[str, Any]]]:
    if problems or fields.get("type") == "":
        return []
    source = mapping.fields["at"]
    try:
        at = _timestamp(_raw(source, cells), source.column, mapping)
    except _CellError as exc:
        problems.append(exc)
        return []
    if at is None:
        problems.append(_CellError(source.column, _("the time is empty")))
        return []
    fields["at"] = at.isoformat()
    return [(at.astimezone(UTC), _ordered(fields))]


def _ticket_row(
    fields: dict[str, Any], cells: dict[str, Any], mapping: Mapping, problems: list[_CellError]
) -> list[tuple[datetime, dict[str, Any]]]:
    events: list[tuple[datetime, dict[str, Any]]] = []
    for column, types in mapping.milestones:
        if column not in cells:
            continue  # an optional column the export does not have
        try:
            at = _timestamp(cells.get(column), column, mapping)
        except _CellError as exc:
            problems.append(exc)
            continue
        if at is None:
            if "opened" in types:
                problems.append(_CellError(column, _("the ticket has no opening time")))
            continue
        for kind in types:
            event: dict[str, Any] = {"at": at.isoformat(), "type": kind}
            if kind == "opened":
                event.update(fields)
            elif "ticket" in fields:
                event["ticket"] = fields["ticket"]
            events.append((at.astimezone(UTC), _ordered(event)))
    return [] if problems else events


def _ordered(event: dict[str, Any]) -> dict[str, Any]:
    first = [k for k in _KEY_ORDER if k in event]
    rest = sorted(k for k in event if k not in _KEY_ORDER)
    return {k: event[k] for k in (*first, *rest)}


def _raw(source: Source, cells: dict[str, Any]) -> Any:
    return source.constant if source.column is None else cells.get(source.column)


def _field_value(name: str, source: Source, cells: dict[str, Any], mapping: Mapping) -> Any:
    column = source.column
    if column is not None and column not in cells:
        return None  # optional column absent from this export
    raw = _raw(source, cells)
    if name == "at":
        return None  # read by _event_row, which needs the instant
    _refuse_non_cells(_plain(raw), column)
    if name in NUMBER_FIELDS and name not in mapping.values:
        return _number(raw, column)
    text = _text(raw)
    if name in mapping.values:
        table = mapping.values[name]
        if text is None or text not in table:
            shown = "empty" if text is None else repr(text)
            known = ", ".join(repr(k) for k in table)
            raise _CellError(
                column,
                _("{shown} is not among the mapping's values.{name} ({known})").format(
                    shown=shown, name=name, known=known
                ),
            )
        text = table[text]
    if text is None and name in _REQUIRED[mapping.shape]:
        raise _CellError(column, _("the {name} is empty").format(name=name))
    if text is not None and _LONE_SURROGATE.search(text):
        # JSON's "\ud800" decodes to one; the event log refuses it, so does the import.
        raise _CellError(column, _("a text holds a lone surrogate (not Unicode text)"))
    return text


def _refuse_non_cells(value: object, column: str | None) -> None:
    """A list or an object in a JSON export, bytes or an array from Python rows: its repr
    (``[Decimal('1')]``, ``b'T'``) is no value of the helpdesk's, so it is the cell's
    problem instead of a ticket id."""
    dimensions: object = getattr(value, "ndim", 0)
    if isinstance(value, _NOT_CELLS) or dimensions != 0:
        raise _CellError(
            column,
            _("{kind} is not a cell value (a text, a number or a time)").format(
                kind=type(value).__name__
            ),
        )


def _plain(value: Any) -> Any:
    """A numpy or pandas scalar as the Python value it holds; missing values as ``None``."""
    if value is None:
        return None
    if type(value).__name__ == "datetime64":
        value = value.astype("datetime64[us]").item()  # numpy: ns would give an int
    elif not isinstance(value, (str, bytes, datetime)) and callable(getattr(value, "item", None)):
        try:
            value = value.item()
        except (ValueError, TypeError):  # an array of many values: no cell (see _NOT_CELLS)
            return value
    if isinstance(value, float) and value != value:  # NaN: pandas' empty cell
        return None
    if isinstance(value, datetime) and value != value:  # pandas.NaT
        return None
    return value


def _text(value: Any) -> str | None:
    """A cell as text: ``None`` for an empty cell; an integral number without ``.0``."""
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        value = Decimal(value)  # str() of an int of 4,300+ digits raises; a Decimal's does not
    text = str(value).strip()
    return text or None


def _number(value: Any, column: str | None) -> Decimal | None:
    """A cell as an exact number, within the bounds every number has (as the event log
    will check), so the log written always replays: a text cell in plain notation
    (``12``, ``-0.5``, ``1e3``; not ``1_000``, ``٣`` or ``Infinity``, which Python's
    Decimal would take); a workbook's float by its shortest repr, never binary noise."""
    value = _plain(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _CellError(column, _("{value!r} is not a number").format(value=value))
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, int):
        number = Decimal(value)  # exact; str() of an int of 4,300+ digits would raise
    elif isinstance(value, Decimal):
        number = value
    elif _NUMBER_TEXT.fullmatch(str(value).strip()):
        number = Decimal(str(value).strip())
    elif str(value).strip().lower().lstrip("+-") in ("inf", "infinity", "nan", "snan"):
        raise _CellError(column, _("{value!r} is not a finite number").format(value=value))
    else:
        raise _CellError(column, _("{value!r} is not a number").format(value=value))
    problem = number_bound_problem(number)
    if problem is not None:
        raise _CellError(column, f"{clip(str(number))} {problem}")
    return number


def _timestamp(value: Any, column: str | None, mapping: Mapping) -> datetime | None:
    """An aware instant, as a datetime with a fixed offset; a naive one is placed in the
    mapping's time zone, and a wall time the zone skips or repeats is resolved by the
    mapping's ``ambiguous`` rule (or is an error)."""
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = _text(value)
        if text is None:
            return None
        moment = _parse_time_text(text, column, mapping)
    naive = moment.tzinfo is None or moment.utcoffset() is None
    if naive and MIN_YEAR - 1 <= moment.year <= MAX_YEAR:
        moment = _localise(moment, column, mapping)
    if (naive and moment.tzinfo is None) or not instant_within_years(moment):
        # Refused here, as the event log would refuse it, so the log written replays;
        # placing year 1 or 9999 in a zone overflowed (a traceback) before.
        raise _CellError(
            column,
            _("{shown} is outside the years {min_year}-{max_year} slarules covers").format(
                shown=moment.isoformat(sep=" "), min_year=MIN_YEAR, max_year=MAX_YEAR - 1
            ),
        )
    offset = moment.utcoffset()
    assert offset is not None
    # A fixed offset, not the zone: aware datetimes sharing one ZoneInfo compare as wall
    # times (fold ignored), which would misorder the two 02:30s of a repeated hour.
    return moment.astimezone(UTC if offset == timedelta(0) else timezone(offset))


_FINER = re.compile(r"(:[0-9]{2}[.,][0-9]{6})([0-9]+)")


def _parse_time_text(text: str, column: str | None, mapping: Mapping) -> datetime:
    finer = _FINER.search(text)
    if finer is not None:  # as in an event log: never rounded, zeros beyond it are the same
        if finer.group(2).strip("0"):
            raise _CellError(
                column,
                _(
                    "{text!r} is finer than a microsecond: slarules holds times to 6 "
                    "fractional digits and will not round a time silently; round the "
                    "export to microseconds"
                ).format(text=text),
            )
        text = text[: finer.end(1)] + text[finer.end(2) :]
    has_time = ":" in text
    if has_time:
        try:
            return datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            pass
    for pattern in mapping.formats:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    if not has_time and _is_date(text):
        raise _CellError(column, _("{text!r} is a date without a time of day").format(text=text))
    formats = " or ".join(repr(f) for f in mapping.formats)
    hint = (
        _(", nor in the mapping's formats ({formats})").format(formats=formats)
        if mapping.formats
        else ""
    )
    raise _CellError(
        column,
        _("{text!r} is not a time in ISO 8601 form (2024-09-10 09:15:00){hint}").format(
            text=text, hint=hint
        ),
    )


def _is_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _localise(naive: datetime, column: str | None, mapping: Mapping) -> datetime:
    zone = mapping.timezone
    shown = naive.isoformat(sep=" ")
    if zone is None:
        raise _CellError(
            column,
            _(
                "{shown} has no UTC offset and the mapping states no "
                'timezone; add timezone = "Asia/Shanghai" (the zone the '
                "helpdesk wrote it in) to the mapping"
            ).format(shown=shown),
        )
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    if early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise _CellError(
            column,
            _("{shown} does not exist in {key} (the clocks skip it)").format(
                shown=shown, key=zone.key
            ),
        )
    if mapping.ambiguous == "earlier":
        return early
    if mapping.ambiguous == "later":
        return late
    raise _CellError(
        column,
        _(
            "{shown} happens twice in {key} (the clocks go back); write "
            'it with its offset, or set ambiguous = "earlier" or "later" '
            "in the mapping"
        ).format(shown=shown, key=zone.key),
    )


def convert_rows(rows: Iterable[Any], mapping: Mapping, *, lenient: bool = False) -> ImportResult:
    """:func:`convert` over rows given by Python code (dicts, e.g. a DataFrame's records)."""
    return convert(rows_table(rows), mapping, lenient=lenient)


def source_row(event: dict[str, Any]) -> int | None:
    """The export row an imported event came from (read back from ``x-source``)."""
    text = str(event.get(SOURCE_FIELD, ""))
    _unused, _unused2, row = text.rpartition(" row ")
    return int(row) if row.isdigit() else None
