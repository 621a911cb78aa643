"""Merged cells of a worksheet, for the XLSX reader (``reader._read_xlsx``).

A workbook keeps a merged range's value in its top-left cell only; the other cells are
stored empty. Someone who merges "Closed At" over two tickets' rows sees one close time for
both, but a reader sees the second ticket with no close time, and the ticket would stay
open in the log without a word. So a cell of a mapped column that is covered by a merge
(not its top-left), in a merge whose top-left holds a value, makes its row a located
problem: which cells are merged, and where the value stands.

openpyxl's read-only worksheets (what keeps a large export's memory flat) do not read the
merges; they are read here from the sheet's XML, scanned in blocks, keeping only the
``ref`` of each ``<mergeCell>``. Work is linear in the sheet's size and in the rows read
(a row looks up each mapped column's merges by bisection).
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import _

__all__ = ["MergedCells", "read_merged_cells"]


@dataclass(frozen=True)
class _Range:
    min_row: int
    max_row: int
    min_col: int  # 1-based, as a spreadsheet counts
    max_col: int
    ref: str


class MergedCells:
    """The merges of one sheet that cover a mapped column, asked row by row in order."""

    def __init__(self, ranges: list[_Range], mapped: dict[int, str]) -> None:
        self.mapped = mapped  # column number → header of the mapped columns
        self.by_col: dict[int, list[_Range]] = {}
        for found in ranges:
            for col in mapped:
                if found.min_col <= col <= found.max_col:
                    self.by_col.setdefault(col, []).append(found)
        for listed in self.by_col.values():
            listed.sort(key=lambda r: (r.min_row, r.max_row))
        self.starts = {col: [r.min_row for r in listed] for col, listed in self.by_col.items()}
        self.filled: set[str] = set()  # refs whose top-left cell holds a value

    def problem(self, row: int, record: tuple[Any, ...]) -> str | None:
        """The row's problem, or None: a mapped cell covered by a merge whose top-left
        holds a value. Call it for every row in order, empty ones too: a merge's top-left
        is noted when its row passes."""
        message = None
        for col, header in self.mapped.items():
            listed = self.by_col.get(col)
            if not listed:
                continue
            # Excel never overlaps merges: the last range starting at or above the row is
            # the only one that can cover it (a hostile overlap only hides one, never hangs).
            index = bisect_right(self.starts[col], row) - 1
            if index < 0 or listed[index].max_row < row:
                continue
            found = listed[index]
            if row == found.min_row:
                if _filled(record, found.min_col):
                    self.filled.add(found.ref)
                if col == found.min_col:
                    continue
            if found.ref in self.filled and message is None:
                message = _(
                    "column {column!r} is inside the merged cells {ref}, whose value stands "
                    "in row {head} only; unmerge them and fill the value into every row "
                    "it is meant for"
                ).format(column=header, ref=found.ref, head=found.min_row)
        return message


def _filled(record: tuple[Any, ...], col: int) -> bool:
    value = record[col - 1] if col - 1 < len(record) else None
    return value is not None and str(value).strip() != ""


def read_merged_cells(path: Path, worksheet_path: str, mapped: dict[int, str]) -> MergedCells:
    """The merges of the sheet at ``worksheet_path`` inside the workbook at ``path``
    (none when the sheet's XML cannot be found: openpyxl has read it already). The XML
    is scanned in blocks for ``<mergeCell ref="…">`` (any namespace prefix), not parsed:
    a tenth of the time, for a sheet of tens of thousands of rows."""
    ranges: list[_Range] = []
    if not mapped:
        return MergedCells(ranges, mapped)
    tail = b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(worksheet_path) as sheet:
            while block := sheet.read(1 << 20):
                text = tail + block
                end = 0
                for match in _MERGE_CELL.finditer(text):
                    found = _parse_ref(match.group(1).decode("ascii", "replace"))
                    if found is not None:
                        ranges.append(found)
                    end = match.end()
                # Keep what may be the start of a tag cut by the block's end.
                tail = text[max(end, len(text) - _LONGEST_TAG) :]
    except KeyError:
        pass
    return MergedCells(ranges, mapped)


_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]{0,200}?\bref=[\"']([^\"']{1,40})[\"']"
)
_LONGEST_TAG = 300


def _parse_ref(ref: str) -> _Range | None:
    """``G3:G4`` as a range; a single cell or a ref that is no range is None."""
    first, sep, last = ref.partition(":")
    if not sep:
        return None
    top, bottom = _cell(first), _cell(last)
    if top is None or bottom is None:
        return None
    return _Range(
        min(top[0], bottom[0]),
        max(top[0], bottom[0]),
        min(top[1], bottom[1]),
        max(top[1], bottom[1]),
        ref,
    )


def _cell(name: str) -> tuple[int, int] | None:
    """``G3`` as (row 3, column 7), or None."""
    letters = name.rstrip("0123456789").replace("$", "")
    digits = name[len(name.rstrip("0123456789")) :]
    if not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        return None
    if not digits.isascii() or not 1 <= len(digits) <= 7:  # Excel has 1,048,576 rows
        return None
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - ord("A") + 1
    return int(digits), col
