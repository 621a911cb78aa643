"""Third pass: workbook exports as people edit them before importing (docs/import.md).

Merged cells: a workbook keeps a merged range's value in its top-left cell only, and stores
the others empty. Someone who merges "Closed At" over two tickets' rows (both closed at the
same time, says the sheet) gave the second ticket no close time: the import left it open,
running and later breached, and said nothing. A mapped cell inside a merge with a value is
now a located problem naming the merge and the row holding its value.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from slarules.importers import EventImportError, import_events

from .test_hostile_cli import run

HEADER = ["#", "Title", "State", "Priority", "Created At", "First Response At", "Closed At"]


def workbook(tmp_path: Path, merges: list[str], rows: int = 3) -> Path:
    """A Zammad-shaped export of ``rows`` tickets (31001…, opened an hour apart from
    2024-09-10 09:00, each closed 6.5 hours later), with ``merges`` applied after the values
    are written."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for k in range(rows):
        opened = datetime(2024, 9, 10, 9) + timedelta(hours=k)
        sheet.append(
            [31001 + k, f"t{k}", "closed", "3 high", opened,
             opened + timedelta(minutes=20), opened + timedelta(hours=6, minutes=30)]
        )  # fmt: skip
    for ref in merges:
        sheet.merge_cells(ref)  # openpyxl keeps the top-left value and empties the rest
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def test_a_merged_close_time_is_a_located_problem_not_an_open_ticket(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["G3:G4"])
    with pytest.raises(EventImportError) as caught:
        import_events(path, "zammad")
    [problem] = caught.value.problems
    assert problem.row == 4 and "G3:G4" in problem.message and "row 3" in problem.message
    assert "Closed At" in problem.message


def test_the_command_line_says_so_and_lenient_leaves_the_row_out(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["D2:D4"])
    code, out, err = run("import", str(path), "--mapping", "zammad")
    assert code == 1 and out == b""
    assert "row 3" in err and "row 4" in err and "D2:D4" in err
    code, out, err = run("import", str(path), "--mapping", "zammad", "--lenient")
    assert code == 0, err
    tickets = {json.loads(line)["ticket"] for line in out.decode().splitlines()}
    assert tickets == {"31001"}


def test_a_merge_across_columns_is_caught_when_its_value_is_left_of_a_mapped_cell(
    tmp_path: Path,
) -> None:
    # B2:D2 merges Title over State and Priority, both read by the mapping (State for its
    # [skip] rule) and both empty now in row 2: the first is named.
    path = workbook(tmp_path, ["B2:D2"])
    with pytest.raises(EventImportError) as caught:
        import_events(path, "zammad")
    assert [p.row for p in caught.value.problems] == [2]
    assert "'State'" in caught.value.problems[0].message


def test_merges_of_unmapped_columns_or_of_empty_cells_are_harmless(tmp_path: Path) -> None:
    # C2:C4 is State, which the mapping only reads to skip merged tickets ("State" in
    # [skip]); B3:B4 is Title (the note): both mapped, so only an empty merge may pass.
    openpyxl = pytest.importorskip("openpyxl")
    path = workbook(tmp_path, [], rows=3)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.append([])  # an empty row in the middle of the table
    sheet.append([31004, "t3", "closed", "3 high", datetime(2024, 9, 20, 9), None, None])
    sheet["H1"] = "备注"  # a column the mapping does not read
    sheet.merge_cells("H2:H6")
    sheet.merge_cells("F6:G6")  # two empty mapped cells merged: nothing is hidden
    book.save(path)
    result = import_events(path, "zammad")
    assert sorted({e["ticket"] for e in result.events}) == ["31001", "31002", "31003", "31004"]
    closed = {e["ticket"] for e in result.events if e["type"] == "closed"}
    assert closed == {"31001", "31002", "31003"}


def test_merges_read_from_a_sheet_of_many_rows_stay_located(tmp_path: Path) -> None:
    # 3,000 tickets and a merge per 100 rows: the merges are read in one scan of the
    # sheet and looked up by bisection, each a problem of its own row.
    merges = [f"G{r}:G{r + 1}" for r in range(100, 3000, 100)]
    path = workbook(tmp_path, merges, rows=3000)
    with pytest.raises(EventImportError) as caught:
        import_events(path, "zammad")
    assert [p.row for p in caught.value.problems] == list(range(101, 3001, 100))


# ---- date cells without a time of day ------------------------------------------------------


def test_a_date_only_cell_is_a_date_without_a_time_not_midnight(tmp_path: Path) -> None:
    """A "Created At" column formatted as a date (yyyy-mm-dd) holds no time of day: the
    workbook stores 2024-09-10 00:00. Read as midnight, the ticket opened nine hours before
    it was and its response was late. A text cell "2024-09-10" is already this error."""
    openpyxl = pytest.importorskip("openpyxl")
    path = workbook(tmp_path, [], rows=2)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet["E3"] = datetime(2024, 9, 10)
    sheet["E3"].number_format = 'yyyy"年"m"月"d"日"'
    book.save(path)
    with pytest.raises(EventImportError) as caught:
        import_events(path, "zammad")
    [problem] = caught.value.problems
    assert problem.row == 3 and problem.column == "Created At"
    assert "date without a time of day" in problem.message


@pytest.mark.parametrize(
    "shown", ["yyyy-mm-dd hh:mm", "yyyy/m/d h:mm", "hh:mm:ss", "m/d/yy h:mm AM/PM"]
)
def test_midnight_in_a_cell_that_shows_a_time_is_midnight(tmp_path: Path, shown: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = workbook(tmp_path, [], rows=1)
    book = openpyxl.load_workbook(path)
    book.active["E2"] = datetime(2024, 9, 10)
    book.active["E2"].number_format = shown
    book.save(path)
    opened = next(e for e in import_events(path, "zammad").events if e["type"] == "opened")
    assert opened["at"] == "2024-09-10T00:00:00+08:00"


def test_a_time_a_date_format_hides_is_kept(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = workbook(tmp_path, [], rows=1)
    book = openpyxl.load_workbook(path)
    book.active["E2"] = datetime(2024, 9, 10, 8, 45)
    book.active["E2"].number_format = "yyyy-mm-dd"
    book.save(path)
    opened = next(e for e in import_events(path, "zammad").events if e["type"] == "opened")
    assert opened["at"] == "2024-09-10T08:45:00+08:00"


@pytest.mark.parametrize(
    ("number_format", "shows"),
    [
        ("yyyy-mm-dd", False),
        ('yyyy"年"m"月"d"日"', False),  # the Chinese date format: 年月日 are quoted texts
        ("[$-804]yyyy-mm-dd", False),  # a locale section
        ("[Red]yyyy\\-mm\\-dd", False),  # a colour, escaped dashes
        ("yyyy-mm-dd hh:mm", True),
        ("[h]:mm", True),  # elapsed hours
        ("mm:ss", True),
        ('yyyy"年"m"月"d"日" h"时"mm"分"', True),
    ],
)
def test_which_number_formats_show_a_time_of_day(number_format: str, shows: bool) -> None:
    from slarules.importers.reader import _shows_time

    assert _shows_time(number_format) is shows
