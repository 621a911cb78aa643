"""Reading an export as rows: CSV, XLSX (with the optional ``openpyxl``) or JSON.

Every reader yields ``(row, cells)`` pairs where ``row`` is the number a spreadsheet
program shows for that row (the header is row 1, the first record row 2; in a JSON array
the first object is row 1) and ``cells`` maps each header to the cell's value. CSV cells
are texts; XLSX cells keep the types the workbook stores (a date cell is a ``datetime``);
JSON numbers are read as ``Decimal``, never as binary floats.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from itertools import chain, zip_longest
from pathlib import Path
from typing import Any

from ..events.types import clip
from ..i18n import _
from .mapping import Mapping
from .merged import read_merged_cells

SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
}


class ExportError(ValueError):
    """An export that cannot be read at all (not a row of it): wrong format, no header."""


@dataclass(frozen=True)
class BadRow:
    """A record that cannot be read as cells of the header (a located error later): a CSV
    row with more or fewer cells than the header has columns, a JSON item that is no object."""

    message: str


Cells = dict[str, Any] | BadRow


@dataclass
class Table:
    """An export's header and its rows; ``rows`` is an iterator, read once."""

    name: str
    header: list[str]
    rows: Iterator[tuple[int, Cells]]


def read_table(path: str | Path, mapping: Mapping) -> Table:
    """Open ``path`` in the format its suffix names."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(SUFFIXES))
        raise ExportError(
            _("{path}: unknown export format {suffix!r}; known: {known}").format(
                path=path, suffix=path.suffix, known=known
            )
        )
    if kind == "csv":
        return _read_csv(path, mapping)
    if kind == "xlsx":
        return _read_xlsx(path, mapping)
    return _read_json(path, mapping)


def _read_csv(path: Path, mapping: Mapping) -> Table:
    delimiter = mapping.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        handle = path.open(encoding=mapping.encoding, newline="")
    except (OSError, LookupError) as exc:
        raise ExportError(
            _("{path}: cannot read the CSV file: {exc}").format(path=path, exc=exc)
        ) from None
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        above, first, records = _header_and_rest(reader, mapping)
    except (UnicodeError, csv.Error) as exc:
        handle.close()
        raise ExportError(_csv_problem(path, 1, exc, mapping)) from None
    header = [cell.strip() for cell in first or []]
    if not any(header):
        handle.close()
        raise ExportError(
            _("{path}: the file is empty; row 1 must name the columns").format(path=path)
        )

    def rows() -> Iterator[tuple[int, Cells]]:
        with handle:
            row = above + 1
            try:
                for record in records:
                    row += 1
                    if not any(cell.strip() for cell in record):
                        continue
                    yield row, _csv_cells(header, record)
            except (UnicodeError, csv.Error) as exc:
                raise ExportError(_csv_problem(path, row + 1, exc, mapping)) from None

    return Table(str(path), header, rows())


def _csv_cells(header: list[str], record: list[str]) -> Cells:
    """The row's cells by column. A row of another length than the header is refused, not
    cut or padded: an unquoted separator in a text shifts every later cell one column on,
    and a missing cell leaves the columns after it unknown. Empty cells past the header's
    end (a spreadsheet's trailing separators) hold nothing and are dropped."""
    while len(record) > len(header) and not record[-1].strip():
        record = record[:-1]
    if len(record) != len(header):
        return BadRow(
            _(
                "the row has {cells} cells and the header {columns} columns; "
                "a text holding the separator must be quoted"
            ).format(cells=len(record), columns=len(header))
        )
    return dict(zip(header, record, strict=True))


def _sheet_cells(header: list[str], record: tuple[Any, ...]) -> dict[str, Any]:
    """A worksheet row by column; a short row's missing cells are empty cells (a workbook
    need not store them). Cells sit in their columns, so nothing shifts as in a CSV row; a
    value beyond the header's columns is in no column a mapping can name."""
    cells = [*record[: len(header)], *[None] * (len(header) - len(record))]
    return dict(zip(header, cells, strict=True))


def _csv_problem(path: Path, row: int, exc: Exception, mapping: Mapping) -> str:
    if isinstance(exc, UnicodeError):
        # The text is decoded in blocks, so the row is not known: the file is named.
        return _(
            "{path}: the file is not {encoding} text; state its encoding "
            'in the mapping, e.g. encoding = "gb18030" for a CSV saved '
            "by Excel on Chinese Windows"
        ).format(path=path, encoding=_encoding_name(mapping.encoding))
    return _("{path}, row {row}: cannot read the CSV file: {exc}").format(
        path=path, row=row, exc=exc
    )


def _encoding_name(encoding: str) -> str:
    """The encoding as the user knows it: the default ``utf-8-sig`` (UTF-8 that may start
    with a byte-order mark) is "UTF-8" to anyone who did not write slarules."""
    return "UTF-8" if encoding.lower().replace("_", "-") == "utf-8-sig" else encoding


def _read_xlsx(path: Path, mapping: Mapping) -> Table:
    try:
        import openpyxl  # optional: pip install 'slarules[xlsx]'
    except ImportError:
        raise ExportError(
            _(
                "{path}: reading .xlsx needs openpyxl: pip install "
                "'slarules[xlsx]' (or save the sheet as CSV)"
            ).format(path=path)
        ) from None
    _refuse_inflation(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ExportError(
            _("{path}: cannot read the workbook: {exc}").format(path=path, exc=exc)
        ) from None
    if mapping.sheet is not None and mapping.sheet not in book.sheetnames:
        raise ExportError(
            _("{path}: no sheet {sheet!r}; sheets: {sheetnames}").format(
                path=path, sheet=mapping.sheet, sheetnames=", ".join(book.sheetnames)
            )
        )
    name = mapping.sheet if mapping.sheet is not None else _first_sheet(path, book)
    sheet = book[name]
    sheet.reset_dimensions()  # read every row stored, not the rows <dimension> claims
    above, first, records = _header_and_rest(
        _guarded((_cell_values(cells) for cells in sheet.iter_rows()), path), mapping
    )
    header = ["" if cell is None else str(cell).strip() for cell in first or ()]
    if not any(header):
        book.close()
        raise ExportError(
            _("{path}: the sheet is empty; row 1 must name the columns").format(path=path)
        )
    # The same sheet with its formulas: a formula cell the workbook stores no computed
    # value for (a file written by a program, never opened in Excel) reads as empty, and an
    # empty "Closed At" would silently leave the ticket open.
    written = openpyxl.load_workbook(path, read_only=True, data_only=False)
    written[name].reset_dimensions()
    formulas = _guarded(written[name].iter_rows(values_only=True), path)
    for _unused in range(above + 1):  # the rows above the header, and the header
        next(formulas, None)
    mapped = set(mapping.columns())
    merged = read_merged_cells(
        path,
        book[name]._worksheet_path,  # the read-only sheet's own XML part in the zip
        {col: column for col, column in enumerate(header, start=1) if column in mapped},
    )

    def rows() -> Iterator[tuple[int, Cells]]:
        try:
            for row, (record, source) in enumerate(
                zip_longest(records, formulas, fillvalue=()), start=above + 2
            ):
                inside_merge = merged.problem(row, record)
                uncomputed = _uncomputed(header, record, source, mapped)
                if uncomputed is not None:
                    yield row, uncomputed
                    continue
                if all(cell is None or str(cell).strip() == "" for cell in record):
                    continue
                if inside_merge is not None:
                    yield row, BadRow(inside_merge)
                    continue
                yield row, _sheet_cells(header, record)
        finally:
            book.close()
            written.close()

    return Table(str(path), header, rows())


MAX_SHEET_ROWS = 1_048_576  # Excel's last row
HEADER_SEARCH = 10  # how far down the header row is looked for


def _header_and_rest(
    rows: Iterator[Any], mapping: Mapping
) -> tuple[int, Any | None, Iterator[Any]]:
    """(rows above the header, the header row, the rows after it). The header is row 1,
    or the first of the first ``HEADER_SEARCH`` rows that names every column the mapping
    requires: Zammad's report download puts a title in row 1 and the header in row 3,
    and a workbook saved with a title above the table is common; row 1 was read as the
    header, and every column was "not in the header". The header is found by the names
    the mapping gives, never guessed from the data; when no row names them all, row 1 is
    the header, and the error lists its columns as before."""
    required = [c for c in mapping.columns() if c not in mapping.optional]
    seen: list[Any] = []
    for record in rows:
        seen.append(record)
        names = {"" if cell is None else str(cell).strip() for cell in record}
        if all(column in names for column in required):
            above = len(seen) - 1
            return above, record, rows
        if len(seen) == HEADER_SEARCH:
            break
    if not seen:
        return 0, None, rows
    return 0, seen[0], chain(seen[1:], rows)


MAX_INFLATION = 200  # how many times its compressed size a workbook part may grow
_SMALL_PART = 32 << 20  # parts up to 32 MiB are read whatever their ratio


def _refuse_inflation(path: Path) -> None:
    """Refuse a workbook with a part that inflates more than ``MAX_INFLATION`` times to
    more than 32 MiB. openpyxl holds the whole shared-string table in memory, even in
    read-only mode: a 200 KB file whose ``sharedStrings.xml`` inflates to 200 MB took
    680 MB, a 2 MB one would take gigabytes. XML compresses some 5-20 times; a part that
    inflates hundreds of times was built to. The sizes are those the zip declares, which
    is all Python's zip reader will inflate, so the bound holds. A file that is no zip is
    left to openpyxl to name."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return
    for part in parts:
        if part.file_size > _SMALL_PART and part.file_size > MAX_INFLATION * max(
            part.compress_size, 1
        ):
            raise ExportError(
                _(
                    "{path}: the workbook part {part} inflates from {packed} to {size} bytes "
                    "(more than {ratio} times); it is not read"
                ).format(
                    path=path,
                    part=part.filename,
                    packed=part.compress_size,
                    size=part.file_size,
                    ratio=MAX_INFLATION,
                )
            )


def _guarded(rows: Iterator[tuple[Any, ...]], path: Path) -> Iterator[tuple[Any, ...]]:
    """A worksheet's rows, read by openpyxl as they are asked for; a sheet whose XML is
    broken or holds a value its type cannot have (a number ``abc``, a date ``not-a-date``,
    a shared string that is not in the table) is an ``ExportError`` naming the row, where
    openpyxl raised ``ValueError``, ``IndexError`` or ``ParseError`` out of the import.
    A row numbered beyond Excel's last is refused too: openpyxl fills the gap before it
    with empty rows, one by one (``<row r="1000000000">`` is a billion of them)."""
    row = 0
    while True:
        row += 1
        if row > MAX_SHEET_ROWS:
            raise ExportError(
                _("{path}: the sheet has a row beyond row {last}, Excel's last").format(
                    path=path, last=MAX_SHEET_ROWS
                )
            )
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # openpyxl's parser raises many kinds for a broken sheet
            raise ExportError(
                _("{path}, row {row}: cannot read the workbook: {exc}").format(
                    path=path, row=row, exc=clip(str(exc))
                )
            ) from None
        yield values


def _first_sheet(path: Path, book: Any) -> str:
    """The first sheet's name, when it is visible. A hidden first sheet (a lookup table, or
    a stale copy of the export kept out of sight) is not what the person who saved the
    workbook sees: read, its rows would be imported in place of the visible ones without a
    word, so the mapping must name the sheet."""
    first = book.worksheets[0]
    if getattr(first, "sheet_state", "visible") == "visible":
        return str(first.title)
    book.close()
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    raise ExportError(
        _(
            "{path}: the first sheet {sheet!r} is hidden; name the sheet to read in the "
            'mapping, e.g. sheet = "{example}" (visible sheets: {visible})'
        ).format(
            path=path,
            sheet=first.title,
            example=visible[0] if visible else first.title,
            visible=", ".join(repr(v) for v in visible) or _("none"),
        )
    )


def _cell_values(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    """A worksheet row's values; a date cell whose format shows no time of day (``yyyy-mm-dd``,
    ``yyyy"年"m"月"d"日"``) and holds none is a ``date``, not midnight: a time column then
    says "a date without a time of day" (as for a text cell) instead of a ticket opened at
    00:00, hours before it was. A time the format merely hides is kept."""
    values = []
    for cell in cells:
        value = getattr(cell, "value", None)
        if (
            isinstance(value, datetime)
            and value.time() == time(0)
            and not _shows_time(getattr(cell, "number_format", None))
        ):
            value = value.date()
        values.append(value)
    return tuple(values)


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[(?![hHmMsS]+\])[^\]]*\]|\\.')


def _shows_time(number_format: object) -> bool:
    """Whether an Excel number format shows a time of day (hours or seconds), its quoted
    texts, escaped characters and ``[…]`` sections (locale, colour) aside; ``[h]``, the
    elapsed hours, counts as hours."""
    if not isinstance(number_format, str):
        return True  # unknown: keep the value as stored
    bare = _FORMAT_LITERALS.sub("", number_format).lower()
    return "h" in bare or "s" in bare


def _uncomputed(
    header: list[str], values: tuple[Any, ...], source: tuple[Any, ...], mapped: set[str]
) -> BadRow | None:
    """The row's problem if a mapped column holds a formula with no stored value."""
    for column, value, formula in zip(header, values, source, strict=False):
        if column in mapped and value is None and formula is not None:
            return BadRow(
                _(
                    "column {column!r} holds the formula {formula} with no computed value; "
                    "open and save the workbook in Excel or WPS so it stores the values"
                ).format(column=column, formula=clip(str(formula)))
            )
    return None


def _read_json(path: Path, mapping: Mapping) -> Table:
    try:
        data = json.loads(
            path.read_text(encoding=mapping.encoding),
            parse_float=Decimal,
            parse_int=Decimal,  # exact, and no limit on the digits of an integer
            object_pairs_hook=_object_without_repeats,
        )
    except _RepeatedKey as exc:
        raise ExportError(
            _("{path}: an object repeats the key {key!r}; which value counts is unknown").format(
                path=path, key=exc.key
            )
        ) from None
    except RecursionError:
        raise ExportError(
            _("{path}: cannot read the JSON file: nested too deeply").format(path=path)
        ) from None
    except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeError are ValueErrors
        raise ExportError(
            _("{path}: cannot read the JSON file: {exc}").format(path=path, exc=exc)
        ) from None
    if mapping.records is not None:
        if not isinstance(data, dict) or mapping.records not in data:
            raise ExportError(
                _("{path}: no top-level key {records!r} (the mapping's records)").format(
                    path=path, records=mapping.records
                )
            )
        data = data[mapping.records]
    if not isinstance(data, list):
        raise ExportError(
            _(
                "{path}: expected an array of objects (or set records to the key that holds one)"
            ).format(path=path)
        )
    return Table(str(path), _keys_in_order(data), _json_rows(data))


def _keys_in_order(items: list[Any], key: Any = None) -> list[str]:
    """Every key of the objects in ``items``, in the order first seen (``key`` writes a
    key as a column name). Kept in a dict: a list searched for each key took time
    quadratic in the keys, and an export whose every record has a key of its own (20,000
    records: 5 s; a million: hours) stalled the import."""
    seen: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            seen.update(dict.fromkeys(item if key is None else map(key, item)))
    return list(seen)


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; one that names a key twice is refused (``json`` keeps the last one
    silently, and a ticket's level could come from either)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return obj


def _json_rows(data: list[Any]) -> Iterator[tuple[int, Cells]]:
    """Each record; a :class:`BadRow` for one that is not an object."""
    for row, item in enumerate(data, start=1):
        yield row, item if isinstance(item, dict) else BadRow(_("the record is not an object"))


def rows_table(rows: Any, name: str = "<rows>") -> Table:
    """Rows given by Python code: dicts (``DataFrame.to_dict("records")``), numbered from 1."""
    listed = list(rows)
    return Table(name, _keys_in_order(listed, str), _json_rows(listed))
