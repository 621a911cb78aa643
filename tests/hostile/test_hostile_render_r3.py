"""Third pass: hostile characters in the texts every renderer writes (docs/reports.md).

The text report already writes a control, a separator or a bidirectional mark of a ticket
id as a visible escape (``textsafe.escape_controls``): a newline cannot forge a line, a
U+202E (RIGHT-TO-LEFT OVERRIDE) cannot reorder what follows it. The HTML page must keep the
same promise: a browser replaces a NUL with U+FFFD (the id ``I\\x00J`` would be shown as
``I�J``, a different id from the one the text report names) and applies a bidi override
to the rest of its paragraph, so ``ticket E\\u202eF: resolve breached (line 19 → running)``
is shown with its line numbers reversed to an auditor. The workbook keeps every character
(a cell is its own paragraph, and Excel writes a NUL as ``_x0000_``, read back as NUL).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from .test_hostile_cli import RULES, run, write_events

# Controls, separators and bidi marks: what textsafe.escape_controls writes as escapes.
HOSTILE_IDS = [
    "I\x00J",
    "E\u202eF",
    "G\u200fH",
    "Q\x1bR[31m",
    "L\r\nM",
    "N\u2028O",
    "A\tB",
    "\x85P",
    "Z\u2066W\u2069",
    "BOM\ufeffX",
]
RAW_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def hostile_log(tmp_path: Path) -> Path:
    events: list[object] = []
    for day, ident in enumerate(HOSTILE_IDS, start=2):
        events.append(
            {"at": f"2026-03-{day:02d}T09:00:00-05:00", "type": "opened", "ticket": ident,
             "sla": "故障", "tier": "紧急", "note": "备注" + ident}
        )  # fmt: skip
        events.append(
            {"at": f"2026-03-{day:02d}T09:05:00-05:00", "type": "responded", "ticket": ident}
        )
    return write_events(tmp_path / "events.jsonl", events)


def test_the_html_page_carries_no_raw_control_or_bidi_character(tmp_path: Path) -> None:
    log = hostile_log(tmp_path)
    code, out, err = run("replay", str(RULES), str(log), "--format", "html")
    assert code == 0, err
    page = out.decode("utf-8")
    found = sorted({f"U+{ord(c):04X}" for c in RAW_UNSAFE.findall(page)})
    assert found == [], found
    # ...and each id is still there, written as the text report writes it.
    for shown in ["I\\x00J", "E\\u202eF", "G\\u200fH", "Q\\x1bR[31m", "N\\u2028O", "\\x85P"]:
        assert shown in page, shown


def test_the_html_page_names_each_hostile_id_as_the_text_report_does(tmp_path: Path) -> None:
    log = hostile_log(tmp_path)
    _code, text, _err = run("replay", str(RULES), str(log))
    _code, html, _err = run("replay", str(RULES), str(log), "--format", "html")
    for shown in ["I\\x00J", "E\\u202eF", "L\\r\\nM", "A\\tB"]:
        assert shown in text.decode("utf-8"), shown
        assert shown in html.decode("utf-8"), shown


def test_the_text_report_keeps_one_line_per_ticket_whatever_the_id(tmp_path: Path) -> None:
    log = hostile_log(tmp_path)
    code, out, err = run("replay", str(RULES), str(log))
    assert code == 0, err
    text = out.decode("utf-8")
    assert RAW_UNSAFE.search(text) is None
    assert "\t" not in text and "\r" not in text
    for ident in ["I\\x00J", "L\\r\\nM", "A\\tB", "Z\\u2066W\\u2069"]:
        rows = [line for line in text.splitlines() if line.lstrip().startswith(ident + " ")]
        assert len(rows) == 1, (ident, rows)


def test_the_workbook_keeps_every_character_and_writes_no_formula(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    openpyxl = pytest.importorskip("openpyxl")
    log = hostile_log(tmp_path)
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").split("\n") if line]
    events.append(
        {"at": "2026-03-20T09:00:00-04:00", "type": "opened", "ticket": "=1+1",
         "sla": "故障", "tier": "紧急", "note": "=HYPERLINK(\"http://x\",\"y\")"}
    )  # fmt: skip
    write_events(log, events)
    book = tmp_path / "r.xlsx"
    code, _out, err = run("replay", str(RULES), str(log), "--format", "xlsx", "--out", str(book))
    assert code == 0, err
    with zipfile.ZipFile(book) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
        strings = archive.read("xl/sharedStrings.xml")
    assert not any(b"<f>" in sheet for sheet in sheets)  # a text is never a formula
    # OOXML's escapes of a NUL and a CR (openpyxl leaves these two escaped when reading)
    assert b"I_x0000_J" in strings and b"L_x000D_\nM" in strings
    cells = {
        value
        for sheet in openpyxl.load_workbook(io.BytesIO(book.read_bytes()))
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    }
    for ident in ["E\u202eF", "=1+1", "A\tB", "N\u2028O"]:
        assert ident in cells, ident
