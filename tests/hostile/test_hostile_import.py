"""Hostile helpdesk exports and import command lines (docs/import.md, docs/reliability.md).

The promises attacked here: an export row is mapped exactly or reported with its row and
column, never half read; a column name the export repeats cannot pick one of its cells
silently; an input of the run (the export, the mapping, the rule file) is never overwritten;
every command writes UTF-8 whatever ``PYTHONIOENCODING`` says, and never a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.importers import EventImportError, ExportError, event_line, import_events

from .test_hostile_cli import run, run_process

ROOT = Path(__file__).parents[2]
ZAMMAD_EXPORT = ROOT / "rulesets" / "samples" / "exports" / "guangxi-gat-2024.zammad.csv"
ZAMMAD_RULES = ROOT / "rulesets" / "guangxi-gat-2024.sla"
ZAMMAD_MAPPING = ROOT / "src" / "slarules" / "importers" / "mappings" / "zammad.toml"
HOSTILE_RULES = Path(__file__).parent / "hostile.sla"


def zammad_rows() -> list[list[str]]:
    with ZAMMAD_EXPORT.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- rows that do not fit the header -----------------------------------------------------


def test_a_row_with_fewer_cells_than_the_header_is_not_dropped_silently(tmp_path: Path) -> None:
    """``31009,工单`` under Zammad's 15 columns: the row has no ``Created At`` cell at all.
    Before: 0 events from 1 row, 0 left out, 0 with problems: the ticket vanished."""
    header = zammad_rows()[0]
    export = write_csv(tmp_path / "short.csv", [header, ["31009", "工单"]])
    with pytest.raises(EventImportError) as caught:
        import_events(export, "zammad")
    (problem,) = caught.value.problems
    assert problem.row == 2
    lenient = import_events(export, "zammad", lenient=True)
    assert (lenient.rows, len(lenient.problems), len(lenient.events)) == (1, 1, 0)


def test_a_row_with_more_cells_than_the_header_is_refused(tmp_path: Path) -> None:
    """An unquoted comma in a title (``办公网打印服务异常, 三楼`` written without quotes)
    shifts every cell after it one column to the right; the last cell falls off the end.
    With the generic mapping (no value table to catch the shift) the row would be read
    wrong without a word; it must be a located problem instead."""
    export = tmp_path / "events.csv"
    export.write_text(
        "at,type,ticket,sla,tier,note\n"
        "2026-03-02T09:00:00+08:00,opened,T1,故障,紧急,打印异常, 三楼\n",
        encoding="utf-8",
    )
    with pytest.raises(EventImportError) as caught:
        import_events(export, "generic")
    (problem,) = caught.value.problems
    assert problem.row == 2
    assert "7" in str(problem) and "6" in str(problem)  # the cells counted against the header


def test_trailing_empty_cells_beyond_the_header_are_harmless(tmp_path: Path) -> None:
    """A spreadsheet saved as CSV often ends rows with empty cells (``…,紧急,,``): nothing
    is lost, so the row reads as usual."""
    export = tmp_path / "events.csv"
    export.write_text(
        "at,type,ticket,sla,tier\n2026-03-02T09:00:00+08:00,opened,T1,故障,紧急,,\n",
        encoding="utf-8",
    )
    result = import_events(export, "generic")
    assert [e["ticket"] for e in result.events] == ["T1"]


def test_a_mapped_column_named_twice_in_the_header_is_an_error(tmp_path: Path) -> None:
    """Two ``Priority`` columns (``3 high`` and ``1 low``): which is the ticket's level?
    Before: the last one won silently (tier 4级 where the first column says 2级)."""
    rows = zammad_rows()
    rows = [rows[0] + ["Priority"], rows[1] + ["1 low"]]
    export = write_csv(tmp_path / "dup.csv", rows)
    with pytest.raises(EventImportError) as caught:
        import_events(export, "zammad")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (1, "Priority")


def test_an_unmapped_column_named_twice_is_harmless(tmp_path: Path) -> None:
    rows = zammad_rows()
    rows = [rows[0] + ["Group"], rows[1] + ["另一组"]]
    export = write_csv(tmp_path / "dup.csv", rows)
    assert import_events(export, "zammad").events


def test_a_nul_byte_in_a_ticket_id_survives_as_an_escape(tmp_path: Path) -> None:
    """A NUL inside a cell is kept (JSON escapes it), not a crash nor a cut id."""
    rows = zammad_rows()
    rows[1][0] = "31001\x00x"
    export = write_csv(tmp_path / "nul.csv", rows[:2])
    (first, *_) = import_events(export, "zammad").events
    assert first["ticket"] == "31001\x00x"


# ---- inputs are never overwritten ----------------------------------------------------------


@pytest.mark.parametrize("link", [False, True], ids=["same-path", "symlink"])
def test_replay_never_overwrites_its_mapping(tmp_path: Path, link: bool) -> None:
    """``replay R EXPORT --mapping M.toml --out M.toml`` wrote the report over the mapping
    (exit 0). The mapping is an input of the run, as the export and the rule file are."""
    mapping = shutil.copy(ZAMMAD_MAPPING, tmp_path / "zammad.toml")
    out = tmp_path / "out.txt"
    if link:
        out.symlink_to(mapping)
    before = digest(Path(mapping))
    code, stdout, err = run(
        "replay", str(ZAMMAD_RULES), str(ZAMMAD_EXPORT), "--mapping", str(mapping),
        "--out", str(out if link else mapping),
    )  # fmt: skip
    assert code == 2, err
    assert "--out" in err and stdout == b""
    assert digest(Path(mapping)) == before


def test_import_never_overwrites_its_export_through_a_symlink(tmp_path: Path) -> None:
    export = shutil.copy(ZAMMAD_EXPORT, tmp_path / "z.csv")
    (tmp_path / "link.jsonl").symlink_to(export)
    before = digest(Path(export))
    link = str(tmp_path / "link.jsonl")
    code, _, err = run("import", str(export), "--mapping", "zammad", "--out", link)
    assert code == 2, err
    assert digest(Path(export)) == before


# ---- output bytes do not depend on PYTHONIOENCODING ------------------------------------------


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    other = tmp_path / "other.sla"
    other.write_text(
        ZAMMAD_RULES.read_text(encoding="utf-8").replace("respond 15分钟", "respond 1分钟"),
        encoding="utf-8",
    )
    return {
        "import": ["import", str(ZAMMAD_EXPORT), "--mapping", "zammad"],
        "example-list": ["example", "--list"],
        "diff-json": [
            "diff",
            str(ZAMMAD_RULES),
            str(ZAMMAD_RULES),
            str(events),
            "--format",
            "json",
        ],
        "diff-text": ["diff", str(ZAMMAD_RULES), str(other), str(events)],
        "help-zh": ["--lang", "zh", "--help"],
        "replay-help-zh": ["--lang", "zh", "replay", "--help"],
    }


@pytest.mark.parametrize(
    "name",
    ["import", "example-list", "diff-json", "diff-text", "help-zh", "replay-help-zh"],
)
def test_stdout_is_utf8_whatever_pythonioencoding_says(tmp_path: Path, name: str) -> None:
    """``PYTHONIOENCODING=ascii slarules import …`` ended in a UnicodeEncodeError traceback
    (exit 1) at the first Chinese note; ``=utf-16`` wrote UTF-16; so did ``example
    --list``, ``diff`` and argparse's Chinese ``--help``. The report commands already
    write UTF-8 whatever the environment says; these must too."""
    argv = _commands(tmp_path)[name]
    plain = run_process(*argv, env={"PYTHONIOENCODING": "utf-8"})
    assert plain.returncode in (0, 1), plain.stderr.decode()
    assert plain.stdout
    plain.stdout.decode("utf-8")
    for encoding in ("ascii", "latin-1", "utf-16"):
        odd = run_process(*argv, env={"PYTHONIOENCODING": encoding})
        assert b"Traceback" not in odd.stderr, (encoding, odd.stderr.decode("utf-8", "replace"))
        assert (odd.returncode, odd.stdout) == (plain.returncode, plain.stdout), encoding


def test_example_names_a_non_ascii_folder_without_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "例子"
    done = run_process("example", "zammad", str(target), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "例子".encode() in done.stdout
    assert (target / "zammad.toml").is_file()


def test_import_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``slarules import … | head -1``: exit 0 and no traceback, as replay does."""
    argv = _commands(tmp_path)["import"]
    done = subprocess.run(
        f"{shlex_join(argv)} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0


def shlex_join(argv: list[str]) -> str:
    main = "import sys; from slarules.cli import main; sys.exit(main())"
    return shlex.join([sys.executable, "-c", main, *argv])


# ---- JSON exports ------------------------------------------------------------------------

_OPENED = '"at": "2026-03-02T09:00:00+08:00", "type": "opened", "sla": "故障", "tier": "紧急"'


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested"),  # was a RecursionError traceback
        ("[{" + _OPENED + ', "ticket": "T", "count": ' + "9" * 5000 + "}]", None),
        ("[{" + _OPENED + ', "ticket": "T", "ticket": "U"}]', "'ticket'"),  # U won silently
    ],
    ids=["deep", "huge-integer", "repeated-key"],
)
def test_a_hostile_json_export_is_an_error_or_read_exactly(
    tmp_path: Path, text: str, said: str | None
) -> None:
    export = tmp_path / "export.json"
    export.write_text(text, encoding="utf-8")
    code, stdout, err = run("import", str(export), "--mapping", "generic")
    assert "Traceback" not in err
    if said is None:  # a 5,000-digit count was a ValueError traceback; now out of bounds
        assert (code, stdout) == (1, b""), err
        assert "too large" in err
    else:
        assert (code, stdout) == (1, b""), err
        assert said in err


def test_a_lone_surrogate_in_a_json_export_is_a_located_problem(tmp_path: Path) -> None:
    """``"ticket": "T\\ud800"``: the event log refuses lone surrogates, and writing one
    ended the import in a UnicodeEncodeError traceback; now it is the row's problem."""
    export = tmp_path / "export.json"
    export.write_text("[{" + _OPENED + ', "ticket": "T\\ud800"}]', encoding="utf-8")
    for out in ([], ["--out", str(tmp_path / "events.jsonl")]):
        code, stdout, err = run("import", str(export), "--mapping", "generic", *out)
        assert (code, stdout) == (1, b""), err
        assert "row 1, column 'ticket'" in err and "surrogate" in err
    assert not (tmp_path / "events.jsonl").exists()


# ---- XLSX exports ------------------------------------------------------------------------


def test_a_short_worksheet_row_is_read_as_empty_cells(tmp_path: Path) -> None:
    """A worksheet row that stores fewer cells than the header: the missing ones are empty
    cells (so an empty opening time is the row's located problem, not a vanished row)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["at", "type", "ticket", "sla", "tier", "note"])
    sheet.append(["2026-03-02T09:00:00+08:00", "opened", "T1", "故障", "紧急"])  # no note
    book.save(tmp_path / "export.xlsx")
    result = import_events(tmp_path / "export.xlsx", "generic")
    assert [e["ticket"] for e in result.events] == ["T1"]
    assert "note" not in result.events[0]


# ---- rows from Python code (import_events(rows, mapping)) -----------------------------------

_ROW = {"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": "T", "sla": "故障",
        "tier": "紧急"}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("ticket", b"T", "bytes"),  # was the ticket "b'T'"
        ("ticket", [1], "list"),  # was the ticket "[1]"
        ("note", {"a": 1}, "dict"),  # was the note "{'a': 1}"
        ("note", ("a", "b"), "tuple"),
    ],
)
def test_a_cell_that_holds_no_single_value_is_a_located_problem(
    field: str, value: object, shown: str
) -> None:
    with pytest.raises(EventImportError) as caught:
        import_events([{**_ROW, field: value}], "generic")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (1, field)
    assert shown in problem.message


def test_a_numpy_array_cell_is_a_located_problem() -> None:
    """``.item()`` of an array of two values raised ValueError: a traceback."""
    np = pytest.importorskip("numpy")
    with pytest.raises(EventImportError) as caught:
        import_events([{**_ROW, "note": np.array([1, 2])}], "generic")
    assert caught.value.problems[0].column == "note"
    (event,) = import_events([{**_ROW, "count": np.array(5)}], "generic").events
    assert event["count"] == 5  # a zero-dimensional array is its one value


def test_a_huge_int_cell_is_read_exactly_or_bounded() -> None:
    """``str()`` of an int of more than 4,300 digits raises ValueError in Python: the
    import ended in a traceback. A ticket id of 5,001 digits is read exactly; a count of
    as many digits is the cell's located problem (the event log's bound, 15 digits)."""
    (event,) = import_events([{**_ROW, "ticket": 10**5000}], "generic").events
    assert event["ticket"] == "1" + "0" * 5000
    with pytest.raises(EventImportError) as caught:
        import_events([{**_ROW, "count": 10**5000}], "generic")
    (problem,) = caught.value.problems
    assert problem.column == "count" and "too large" in problem.message


@pytest.mark.parametrize(
    ("cell", "written"),
    [("1e2", "100"), ("2.50", "2.50"), ("+3", "3"), (" 7 ", "7"), (1e-06, "0.000001")],
)
def test_a_number_is_written_as_the_event_log_reads_it(
    tmp_path: Path, cell: object, written: str
) -> None:
    """``1e2`` was written ``"1E+2"``, which the log then refused (SLR915): the import
    wrote a log its own replay could not read."""
    row = {"at": "2026-03-05T09:00:00+08:00", "type": "occurrence", "kind": "迟到", "count": cell}
    (event,) = import_events([row], "generic").events
    line = json.loads(event_line(event))
    assert line["count"] == written
    if Decimal(written) == Decimal(written).to_integral_value():  # a count is whole
        log = tmp_path / "e.jsonl"
        log.write_text(event_line(event), encoding="utf-8")
        code, _, err = run(
            "replay", str(HOSTILE_RULES), str(log), "--as-of", "2026-04-01T00:00+08:00"
        )
        assert code == 0, err


@pytest.mark.parametrize("cell", ["1_000", "٣", "Infinity", "0x10", "1e999999999", "１"])
def test_a_text_no_log_would_read_as_a_number_is_a_located_problem(cell: str) -> None:
    """Python's Decimal reads ``1_000``, Arabic-Indic and fullwidth digits; the event log
    does not, and ``1e999999999`` would be a billion digits in plain notation."""
    row = {"at": "2026-03-05T09:00:00+08:00", "type": "occurrence", "kind": "迟到", "count": cell}
    with pytest.raises(EventImportError) as caught:
        import_events([row], "generic")
    assert caught.value.problems[0].column == "count"


def test_a_json_list_in_a_cell_is_a_located_problem(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text("[{" + _OPENED + ', "ticket": "T", "note": [1, 2]}]', encoding="utf-8")
    with pytest.raises(EventImportError) as caught:
        import_events(export, "generic")
    assert (caught.value.problems[0].row, caught.value.problems[0].column) == (1, "note")


# ---- hostile mapping files -------------------------------------------------------------------

GENERIC_EXPORT = ROOT / "rulesets" / "samples" / "exports" / "fujian-slt-2024.generic.csv"
_MAPPING_BODY = 'shape = "event"\n[fields]\nat = "at"\ntype = "type"\nticket = "ticket"\n'


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ('encoding = "utf-16"', "not utf-16 text"),  # UnicodeError: no BOM, a traceback
        ('delimiter = ";;"', "delimiter"),  # TypeError in the csv module, a traceback
        ('delimiter = ""', "delimiter"),  # silently a comma
        ('delimiter = "\\n"', "delimiter"),
        ('delimiter = "\\""', "delimiter"),
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),  # RecursionError
    ],
    ids=["utf-16", "two-chars", "empty", "newline", "quote", "deep"],
)
def test_a_hostile_mapping_is_an_error_not_a_traceback(
    tmp_path: Path, head: str, said: str
) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(head + "\n" + _MAPPING_BODY, encoding="utf-8")
    code, stdout, err = run("import", str(GENERIC_EXPORT), "--mapping", str(mapping))
    assert "Traceback" not in err
    assert (code, stdout) == (1, b""), err
    assert said in err


def test_a_mapping_saved_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    """Windows Notepad writes UTF-8 with a BOM; it was "not valid TOML" at line 1."""
    mapping = tmp_path / "m.toml"
    mapping.write_bytes(b"\xef\xbb\xbf" + _MAPPING_BODY.encode())
    assert import_events(GENERIC_EXPORT, mapping).events


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_export_that_is_no_regular_file_is_said_as_such(tmp_path: Path) -> None:
    """A directory or a FIFO was "export not found", which it is not; a FIFO is never
    opened (the command would block)."""
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "dir.csv").mkdir()
    for export in ("fifo.csv", "dir.csv"):
        code, stdout, err = run("import", str(tmp_path / export), "--mapping", "zammad")
        assert (code, stdout) == (2, b""), err
        assert "not a regular file" in err


# ---- properties: any CSV export is mapped exactly or refused at its row ---------------------

_CELL_TEXT = st.text(
    alphabet=st.sampled_from([*"ab ,;\"'\t\r\n=+-@#%", "工", "\x00", "\u2028", "\ufeff"]),
    min_size=1,
    max_size=12,
).filter(lambda t: t.strip() and t == t.strip())


@st.composite
def _generic_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for n in range(count):
        rows.append(
            {
                "at": f"2026-03-02T09:{n:02d}:00+08:00",
                "type": "opened",
                "ticket": draw(_CELL_TEXT),
                "sla": "故障",
                "tier": "紧急",
                "note": draw(_CELL_TEXT),
            }
        )
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=_generic_rows(), delimiter=st.sampled_from([",", ";", "\t"]))
def test_a_well_quoted_csv_export_round_trips_every_cell(
    rows: list[dict[str, str]], delimiter: str
) -> None:
    """Whatever a cell holds (the separator, quotes, line breaks, a NUL, a formula sign),
    a CSV written as a spreadsheet writes it is read back cell for cell: nothing is cut,
    shifted or dropped. (A cell's outer spaces are trimmed on purpose; the generator
    writes none.)"""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
        mapping = {
            "shape": "event",
            "delimiter": delimiter,
            "fields": {k: k for k in rows[0]},
        }
        result = import_events(export, mapping)
    assert (result.rows, len(result.events), result.problems) == (len(rows), len(rows), [])
    got = [(e["ticket"], e["note"]) for e in result.events]
    assert got == [(r["ticket"], r["note"]) for r in rows]


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*'ab,"\r\n\x00', "工"]), min_size=0, max_size=200))
def test_any_bytes_after_a_header_are_mapped_or_refused_with_their_row(text: str) -> None:
    """Malformed CSV (stray quotes, ragged rows, NULs): the import maps every row it
    reads, or reports each one it cannot, with the row; never a traceback, and every row
    is accounted for (events, skipped or a problem)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        export.write_text("ticket,note\n" + text, encoding="utf-8")
        mapping = {
            "shape": "ticket",
            "timezone": "Asia/Shanghai",
            "fields": {
                "ticket": "ticket",
                "sla": {"value": "故障"},
                "tier": {"value": "紧急"},
                "note": "note",
            },
            "milestones": {"note": "opened"},
        }
        try:
            result = import_events(export, mapping, lenient=True)
        except ExportError as exc:  # a CSV the reader cannot read at all
            assert "export.csv" in str(exc)
            return
    mapped = {e["x-source"] for e in result.events}
    refused = {p.row for p in result.problems}
    assert result.rows == len(mapped) + len(refused) + result.skipped
    assert all(row >= 2 for row in refused)


def test_import_messages_escape_control_characters(tmp_path: Path) -> None:
    """A file name or a ticket id holding ESC, BEL or a line break reached the terminal
    raw through import's messages (``error: e\\x1b[31m….csv, row 1, …``): it could recolour
    or clear the screen, or forge a line. ``replay`` already escaped its messages."""
    rows = zammad_rows()
    forged = "31001\x1b[2J\nerror: forged"
    rows = [rows[0], [forged, *rows[1][1:]], [forged, *rows[1][1:]]]
    export = write_csv(tmp_path / "e\x1b[31mred\x07.csv", rows)
    for argv in (
        ["import", str(export), "--mapping", "zammad"],
        ["replay", str(ZAMMAD_RULES), str(export), "--mapping", "zammad"],
    ):
        code, _, err = run(*argv)
        assert code == 1
        assert "\x1b" not in err and "\x07" not in err
        assert "\\x1b[31m" in err  # the name, shown escaped
        assert all(not line.startswith("error: forged") for line in err.splitlines())


@pytest.mark.parametrize("command", ["import", "replay"])
def test_an_export_on_standard_input_is_said_to_be_unsupported(command: str) -> None:
    """``-`` was "export not found: -"; an export's format comes from its suffix."""
    argv = ["import", "-"] if command == "import" else ["replay", str(ZAMMAD_RULES), "-"]
    code, stdout, err = run(*argv, "--mapping", "zammad", stdin=ZAMMAD_EXPORT.read_bytes())
    assert (code, stdout) == (2, b""), err
    assert "standard input" in err


def test_a_formula_without_a_stored_value_is_a_located_problem(tmp_path: Path) -> None:
    """A workbook written by a program (never opened in Excel) stores formulas without
    their values; read for its values, ``=K2+1`` under "Closed At" was an empty cell, so
    the ticket silently stayed open (3 events instead of 5, no problem reported)."""
    openpyxl = pytest.importorskip("openpyxl")
    header, first, *_ = zammad_rows()
    closed = header.index("Closed At")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append([*first[:closed], "=K2+1", *first[closed + 1 :]])
    unmapped = list(first)
    unmapped[0], unmapped[header.index("Group")] = "31009", "=B2"  # a column no one reads
    sheet.append(unmapped)
    book.save(tmp_path / "export.xlsx")
    result = import_events(tmp_path / "export.xlsx", "zammad", lenient=True)
    (problem,) = result.problems
    assert problem.row == 2 and "Closed At" in problem.message and "=K2+1" in problem.message
    assert {e["ticket"] for e in result.events} == {"31009"}
