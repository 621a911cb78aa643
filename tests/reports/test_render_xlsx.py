"""``replay --format xlsx``: read back with an independent reader (openpyxl), byte-stable,
and rendered by LibreOffice when it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from slarules.cli import main
from slarules.engine.scoring.term import OutsideTerm
from slarules.report import Report
from slarules.report.xlsx import XlsxUnavailable, number_format, report_xlsx_bytes

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '=HYPERLINK("http://evil.example/x","<b>T-9</b>")'


def _book(report: Report) -> Any:
    return openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(report)))


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def _find(ws: Any, value: Any) -> Any:
    """The first cell holding ``value``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in sheet {ws.title}")


def test_sheets_follow_the_report(small_report: Report) -> None:
    # One period (2026-03) with one scorecard assessed by 监理 and 用户: its overview, one
    # 考核表 per assessor, then 付款 and 工单. ":" cannot be in a sheet name: none here.
    book = _book(small_report)
    assert book.sheetnames == [
        "概要",
        "2026-03 月度考核",
        "2026-03 月度考核 监理",
        "2026-03 月度考核 用户",
        "2026-03 付款",
        "工单",
        "说明",
    ]


def test_the_notes_sheet_says_there_is_nothing_left_out(small_report: Report) -> None:
    # No warning and no evidence outside a term: the last sheet says so, so that a reader
    # of the workbook alone knows the numbers leave nothing out.
    quiet = attrs.evolve(small_report, warnings=(), outside_term=())
    rows = _rows(_book(quiet)["说明"])
    assert rows == [["类别 kind", "内容 text"], ["无 none", None]]


def test_the_notes_sheet_lists_evidence_outside_the_term_and_the_warnings(
    small_report: Report,
) -> None:
    # The text report ends with these (report/text.py); the workbook carried neither, so a
    # finance reader never saw a ticket the contract's term leaves out, nor a warning.
    end = datetime.fromisoformat("2027-03-01T00:00:00+08:00")
    outside = OutsideTerm("服务年", end, ("line 9: ticket T9 opened, after the term",))
    report = attrs.evolve(
        small_report, warnings=("payment of 2026-03: check the log",), outside_term=(outside,)
    )
    rows = _rows(_book(report)["说明"])
    assert rows[1:] == [
        [
            "合同期外 outside the term of 服务年 (ends 2027-03-01T00:00:00+08:00)",
            "line 9: ticket T9 opened, after the term",
        ],
        ["警告 warning", "payment of 2026-03: check the log"],
    ]


def test_the_assessor_sheet_is_the_contracts_scoring_table(small_report: Report) -> None:
    # 用户: 考勤 max 10, "deduct 1 per occurrence of 迟到" × 2 → −2, score 8 (conftest).
    ws = _book(small_report)["2026-03 月度考核 用户"]
    header = _find(ws, "考核项 item")
    heads = [c.value for c in ws[header.row]]
    assert heads[:7] == [
        "考核项 item",
        "分值 max",
        "考核细则 rule",
        "依据条款 clause",
        "次数 count",
        "扣分 points",
        "得分 score",
    ]
    row = ws[_find(ws, "考勤").row]
    assert [c.value for c in row[:7]] == [
        "考勤",
        10,
        "deduct 1 per occurrence of 迟到",
        None,
        2,
        -2,
        8,
    ]
    assert all(c.data_type == "n" for c in (row[1], row[4], row[5], row[6]))
    # 故障响应 9, 考勤 8, 满意度 72 → 89 in the 合计 row.
    total = ws[_find(ws, "合计 total").row]
    assert [total[1].value, total[6].value] == [100, 89]
    # The header row and everything above it stay in view.
    assert ws.freeze_panes == f"A{header.row + 1}"
    assert ws.column_dimensions["C"].width > 20  # the rule text's column is widened


def test_decimals_are_numbers_with_their_own_places(small_report: Report) -> None:
    # 月度考核 = 93.8 (one decimal), weights 60% and 40%, payable 10000.00.
    book = _book(small_report)
    card = book["2026-03 月度考核"]
    score = card[_find(card, "得分 score").row][2]
    assert (score.value, score.number_format, score.data_type) == (93.8, "0.0", "n")
    weight = card[_find(card, "监理").row][1]
    assert (weight.value, weight.number_format) == (0.6, "0.0%")
    link = card[_find(card, "监理").row][3]
    assert link.hyperlink is not None and link.hyperlink.location == "'2026-03 月度考核 监理'!A1"
    summary = book["概要"]
    period = summary[_find(summary, "2026-03").row]
    heads = [c.value for c in summary[_find(summary, "考核周期 period").row]]
    payable = period[heads.index("应付 payable")]
    assert payable.value == 10000 and payable.number_format.startswith("#,##0.00")
    assert period[heads.index("月度得分")].value == 93.8
    assert period[heads.index("标记 flags")].value == "约谈"
    assert summary.freeze_panes == "B3"


def test_payment_lines_carry_their_basis(small_report: Report) -> None:
    ws = _book(small_report)["2026-03 付款"]
    base = ws[_find(ws, "base").row]
    assert base[2].value == 10000 and base[2].data_type == "n"
    assert base[4].value == "contract_total = 120000"
    assert ws[_find(ws, "应付 payable").row][2].value == 10000


def test_tickets_sheet_has_a_row_per_target_with_its_event_lines(small_report: Report) -> None:
    ws = _book(small_report)["工单"]
    rows = _rows(ws)
    heads = rows[0]
    col = {name.split(" ")[0]: k for k, name in enumerate(heads)}
    t2 = [r for r in rows if r[0] == "T-2"]
    assert [r[col["指标"]] for r in t2] == ["respond", "restore"]
    respond = t2[0]
    # Opened on line 1, responded on line 2 (the event list of conftest, 1-based).
    assert (respond[col["开始事件"]], respond[col["结束事件"]]) == ("event 1", "event 2")
    assert respond[col["状态"]] == "breached"
    assert respond[col["受理"]] == datetime(2026, 3, 2, 9, 0)  # local time, no timezone
    at = rows.index(respond) + 1  # openpyxl counts from 1
    assert ws.cell(at, col["受理"] + 1).number_format == "yyyy-mm-dd hh:mm"
    elapsed = ws.cell(at, col["计时"] + 1)
    # 09:00 → 09:30 on the 24x7 calendar: 30 minutes, a duration (openpyxl reads it back
    # as a timedelta from the number and its [h]:mm format).
    assert elapsed.number_format == "[h]:mm" and elapsed.value == timedelta(minutes=30)
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:Q{len(rows)}"  # 17 columns, a filter on each


def test_untrusted_texts_stay_texts(small_report: Report) -> None:
    # A ticket id beginning with "=" is written as a string, never as a formula.
    ws = _book(small_report)["工单"]
    cell = _find(ws, HOSTILE)
    assert cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(report_xlsx_bytes(small_report))) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) for n in sheets)


def test_same_report_same_bytes_and_created_date_from_as_of(small_report: Report) -> None:
    first = report_xlsx_bytes(small_report)
    assert report_xlsx_bytes(small_report) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        core = z.read("docProps/core.xml").decode()
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # as_of 2026-03-31T18:00+08:00 is 10:00 UTC.
    assert "2026-03-31T10:00:00Z" in core


def test_number_format_shows_exactly_the_decimals() -> None:
    from decimal import Decimal

    assert number_format(Decimal("69.135")) == "0.000"
    assert number_format(Decimal("100")) == "0"
    assert number_format(Decimal("56.70")) == "0.0"
    assert number_format(Decimal("1E+2")) == "0"


def test_cli_writes_the_guangxi_workbook_twice_identically(tmp_path: Path) -> None:
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["replay", rules, events, "--format", "xlsx", "--out", str(a)]) == 0
    assert main(["replay", rules, events, "--format", "xlsx", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    book = openpyxl.load_workbook(a)
    # Sheet names cannot hold ":": the period 考核周期:1 is written with a full-width colon.
    assert "考核周期：1 监理评分" in book.sheetnames
    assert "考核周期：1 服务总队评分 科技信息化总队" in book.sheetnames


def test_cli_needs_out_for_xlsx(capsys: pytest.CaptureFixture[str]) -> None:
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    assert main(["replay", rules, events, "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err


def test_missing_xlsxwriter_is_a_clear_error(
    small_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # import fails
    with pytest.raises(XlsxUnavailable, match=r"slarules\[xlsx\]"):
        report_xlsx_bytes(small_report)


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_workbook(small_report: Report, tmp_path: Path) -> None:
    """LibreOffice opens the workbook and prints every sheet: the text of each is there.
    (The pictures were looked at by hand; see docs/reports.md.)"""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    book = tmp_path / "small.xlsx"
    book.write_bytes(report_xlsx_bytes(small_report))
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "small.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for expected in ("月度考核", "合计 total", "93.8", "10,000.00", "deduct 1 per occurrence"):
        assert expected in text
