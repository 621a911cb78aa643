"""Fifth pass: ``still_open`` (docs/reports.md, "A period that has ended can still be open")
in every report form, for a ticket still running at ``as_of`` in a month and in a quarter
cycle, read in memory and from a spilled replay's store.

Found and fixed: a scorecard that deducts ``per breach of 故障`` (every metric of the SLA,
docs/language.md) never made an ended period open. ``open_evidence.lateness_reads`` only
took ``per breach of SLA.metric``: a ticket opened on the period's last afternoon with its
targets still running at ``as_of`` left the month "ended" and its payment ``final``,
though the next event could breach it and change the score (a line reported final must
never change). A whole-SLA ``per breach`` now reads every metric of the SLA, as
``per breached ticket`` does.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from slarules import engine
from slarules.cli import main

HERE = Path(__file__).parent
RULES = HERE / "spill_r5.sla"  # 考核 per month: "deduct 5 per breach of 故障" (any metric)
AS_OF = "2026-04-01T00:00:00+08:00"  # March and the first quarter have just ended


def _log(tmp_path: Path) -> Path:
    """Ticket 1 settled in January; ticket 6 (一般: respond 2小时, restore 1工作日 on
    mon-fri 09:00-12:00, 13:30-17:30) opened on Tuesday 31 March 2026 at 16:00: respond is
    due at 09:30 on 1 April (1.5 h that day, 0.5 h the next), restore at the end of 1 April.
    At 00:00 on 1 April both still run, neither is late: either can still be missed, and a
    miss would cost March's 考核 5 points and the quarter's 季评 10."""
    events = [
        {"at": "2026-01-05T09:00:00+08:00", "type": "milestone", "name": "accepted"},
        {
            "at": "2026-01-05T10:00:00+08:00",
            "type": "opened",
            "ticket": "1",
            "sla": "故障",
            "tier": "紧急",
        },
        {"at": "2026-01-05T10:20:00+08:00", "type": "responded", "ticket": "1"},
        {"at": "2026-01-05T11:00:00+08:00", "type": "restored", "ticket": "1"},
        {"at": "2026-01-05T11:00:00+08:00", "type": "closed", "ticket": "1"},
        {
            "at": "2026-03-31T16:00:00+08:00",
            "type": "opened",
            "ticket": "6",
            "sla": "故障",
            "tier": "一般",
        },
    ]
    path = tmp_path / "open.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    return path


def _run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["replay", *args, "--as-of", AS_OF, "--lang", "en"])
    assert code == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture(params=[None, 0], ids=["in-memory", "spilled"])
def spill(request: pytest.FixtureRequest) -> Any:
    with engine.spill.set_to(request.param):
        yield request.param


OPEN = ["ticket 6: respond still running", "ticket 6: restore still running"]


def test_the_json_lists_what_is_still_open(tmp_path: Path, spill: Any) -> None:
    report = json.loads(_run(str(RULES), str(_log(tmp_path)), "--format", "json"))
    periods = {p["period"]: p for p in report["periods"]}
    assert periods["2026-03"]["ended"] and periods["2026-03"]["still_open"] == OPEN
    assert periods["季度:1"]["still_open"] == OPEN
    assert periods["季度:1"]["payment"]["status"] == "provisional"
    assert periods["季度:1"]["payment"]["still_open"] == OPEN
    assert periods["2026-01"]["still_open"] == []  # ticket 1 settled: January is final


def test_the_text_and_the_summary_say_it(tmp_path: Path, spill: Any) -> None:
    log = str(_log(tmp_path))
    text = _run(str(RULES), log)
    march = text.split("Period 2026-03")[1].split("Period ")[0]
    assert "the period has ended, but what it counts is still open: ticket 6:" in march
    quarter = text.split("Period 季度:1")[1].split("Period ")[0]
    assert "so far (the period has ended, but what it counts is still open" in quarter
    summary = _run(str(RULES), log, "--summary")
    rows = {line.split()[0]: line for line in summary.splitlines() if line.startswith("  20")}
    assert "ended, still open" in rows["2026-03"] and "still open" not in rows["2026-01"]


def test_the_html_page_says_it(tmp_path: Path, spill: Any) -> None:
    page = _run(str(RULES), str(_log(tmp_path)), "--format", "html")
    assert "still open" in page and "ticket 6: restore still running" in page


def test_the_workbook_says_it(tmp_path: Path, spill: Any) -> None:
    out = tmp_path / "r.xlsx"
    _run(str(RULES), str(_log(tmp_path)), "--format", "xlsx", "--out", str(out))
    cells = [
        str(value)
        for sheet in openpyxl.load_workbook(out)
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert any("still open" in c and "ticket 6" in c for c in cells)
