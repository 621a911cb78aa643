"""Promises of docs/import.md ("What can be imported"): a CSV export is UTF-8, "a byte-order
mark is fine", any other encoding is stated in the mapping (``encoding = "gb18030"`` for
Excel on Chinese Windows), and every row keeps its spreadsheet number. The hostile rounds
quoted cells with CR/LF and BOMs *inside* cells; here the whole file is saved the ways
Excel and Windows save it: with a byte-order mark and CR LF line ends, as GB18030, as
UTF-16, and with a quoted line break in a cell. Each gives the same events as the plain
UTF-8 file (``x-source`` aside, which names the file), or a refusal that names the
``encoding`` key and the encoding tried.

Found by this test: the refusal named the encoding ``utf-8-sig``, Python's codec name,
where the user saved nothing but "UTF-8"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from .support import ZAMMAD_CSV, Run

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "slarules" / "importers" / "mappings"


def events_of(stdout: bytes) -> list[dict[str, Any]]:
    """The events written, without ``x-source`` (it names the file, which differs)."""
    events = [json.loads(line) for line in stdout.decode("utf-8").splitlines()]
    for event in events:
        event.pop("x-source")
    return events


@pytest.fixture
def plain(slarules: Run) -> list[dict[str, Any]]:
    done = slarules("import", ZAMMAD_CSV, "--mapping", "zammad")
    assert done.returncode == 0, done.stderr
    return events_of(done.stdout)


def test_a_byte_order_mark_and_crlf_line_ends_are_fine(
    slarules: Run, plain: list[dict[str, Any]], tmp_path: Path
) -> None:
    text = ZAMMAD_CSV.read_text(encoding="utf-8")
    saved = tmp_path / "excel.csv"
    saved.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    done = slarules("import", saved, "--mapping", "zammad")
    assert done.returncode == 0, done.stderr
    assert events_of(done.stdout) == plain


def test_gb18030_reads_when_the_mapping_says_so(
    slarules: Run, plain: list[dict[str, Any]], tmp_path: Path
) -> None:
    saved = tmp_path / "ansi.csv"
    saved.write_bytes(ZAMMAD_CSV.read_text(encoding="utf-8").encode("gb18030"))
    done = slarules("import", saved, "--mapping", "zammad")
    assert done.returncode == 1 and done.stdout == b""
    said = done.stderr.decode("utf-8")
    assert "ansi.csv: the file is not UTF-8 text" in said and 'encoding = "gb18030"' in said
    mapping = tmp_path / "zammad-gbk.toml"
    shipped = (SHIPPED / "zammad.toml").read_text(encoding="utf-8")
    mapping.write_text('encoding = "gb18030"\n' + shipped, encoding="utf-8")
    done = slarules("import", saved, "--mapping", mapping)
    assert done.returncode == 0, done.stderr
    assert events_of(done.stdout) == plain


def test_utf16_is_refused_naming_the_encoding_key(slarules: Run, tmp_path: Path) -> None:
    saved = tmp_path / "unicode.csv"
    saved.write_bytes(ZAMMAD_CSV.read_text(encoding="utf-8").encode("utf-16"))
    done = slarules("import", saved, "--mapping", "zammad")
    assert done.returncode == 1 and done.stdout == b""
    said = done.stderr.decode("utf-8")
    assert "unicode.csv: the file is not UTF-8 text; state its encoding in the mapping" in said
    assert "utf-8-sig" not in said


def test_a_line_break_in_a_quoted_cell_keeps_the_cell_and_the_row_numbers(
    slarules: Run, plain: list[dict[str, Any]], tmp_path: Path
) -> None:
    """The first ticket's title spans two lines; the second ticket is still spreadsheet
    row 3 (a spreadsheet shows a cell's line break inside its row)."""
    rows = list(csv.reader(io.StringIO(ZAMMAD_CSV.read_text(encoding="utf-8"))))
    rows[1][1] = "登录缓慢\n（上午）, 三楼"
    saved = tmp_path / "multi.csv"
    with saved.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    done = slarules("import", saved, "--mapping", "zammad")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    first = next(e for e in lines if e["ticket"] == "31001" and e["type"] == "opened")
    second = next(e for e in lines if e["ticket"] == "31002" and e["type"] == "opened")
    assert first["note"] == "登录缓慢\n（上午）, 三楼"
    assert second["x-source"] == "multi.csv row 3"
    assert len(lines) == len(plain)
