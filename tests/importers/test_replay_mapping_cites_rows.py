"""``replay EXPORT --mapping M`` cites each event by the export row it came from, so an
auditor can find it: ``R3`` in the text report, ``row 3`` in the evidence, the HTML index
and the JSON evidence, ``EXPORT row 3`` in the report's warnings, ``EXPORT:3:1`` in an
error; the report names the export and gives the sha256 of its bytes. Before, the events
were read from memory and cited as ``<iterable>``, ``E6``, ``event 6``.

The rows are counted as a spreadsheet shows them (the header is row 1, docs/import.md).
rulesets/samples/exports/guangxi-gat-2024.zammad.csv, read by hand: row 2 is ticket 31001,
row 3 ticket 31002 (2级… opened 2024/9/12 22:00, first response 23:00), row 4 ticket 31003.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from slarules.cli import main
from slarules.events.reader import EventSource, ExportRows

ROOT = Path(__file__).resolve().parents[2]
GUANGXI = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
EXPORTS = ROOT / "rulesets" / "samples" / "exports"
ZAMMAD = str(EXPORTS / "guangxi-gat-2024.zammad.csv")
GLPI = str(EXPORTS / "fujian-slt-2024.glpi.csv")


def _replay(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "replay", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_text_report_names_the_export_and_cites_rows(capsys: Any) -> None:
    code, out, _ = _replay(capsys, GUANGXI, ZAMMAD, "--mapping", "zammad")
    assert code == 0
    digest = hashlib.sha256(Path(ZAMMAD).read_bytes()).hexdigest()[:12]
    assert f"  events  guangxi-gat-2024.zammad.csv, 17 events (sha256 {digest})" in out
    ticket = next(line for line in out.splitlines() if line.lstrip().startswith("31002"))
    assert "respond BREACHED +15m R3→R3" in ticket  # every milestone of 31002 is in row 3
    assert "deduct 2 per breach of 事件.respond ×1  events: R3" in out
    assert "<iterable>" not in out and "E3" not in out


def test_the_html_index_and_the_json_evidence_cite_rows(capsys: Any) -> None:
    _, html, _ = _replay(capsys, GUANGXI, ZAMMAD, "--mapping", "zammad", "--format", "html")
    assert "<li id='lr3'>row 3: ticket 31002: respond breached (row 3 → row 3)" in html
    _, out, _ = _replay(capsys, GUANGXI, ZAMMAD, "--mapping", "zammad", "--format", "json")
    report = json.loads(out)
    texts = json.dumps(report["periods"], ensure_ascii=False)
    assert "ticket 31002: respond breached (row 3 → row 3)" in texts
    assert "event 3" not in texts


def test_skipped_events_are_named_by_the_export_row(capsys: Any) -> None:
    # The GLPI sample names SLA 故障, which guangxi-gat-2024 does not declare: with
    # --lenient its events are skipped, each warning naming the export and the row.
    code, out, _ = _replay(
        capsys, GUANGXI, GLPI, "--mapping", "glpi", "--lenient", "--as-of", "2024-12-01T00:00:00Z"
    )
    assert code == 0
    assert "  - fujian-slt-2024.glpi.csv row 2: skipped: unknown SLA '故障'" in out


def test_an_error_is_placed_at_the_export_row(capsys: Any) -> None:
    code, _, err = _replay(capsys, GUANGXI, GLPI, "--mapping", "glpi")
    assert code == 1
    assert f"{GLPI}:2:1: error: unknown SLA '故障'" in err
    assert "event 1" not in err and "<iterable>" not in err


def test_export_rows_need_one_row_per_event() -> None:
    with pytest.raises(ValueError, match="one row number"):
        ExportRows([{"type": "opened"}], "x.csv", [])
    with pytest.raises(ValueError, match="one row number"):
        ExportRows([{"type": "opened"}], "x.csv", [0])
    source = EventSource(ExportRows([{"a": 1}, {"a": 2}], "dir/x.csv", [2, 2], "ab" * 32))
    assert (source.unit, source.where(2), source.report_name) == ("row", "row 2", "x.csv")
    assert [position for position, *_ in source.records()] == [2, 2]
    assert source.sha256 == "ab" * 32
