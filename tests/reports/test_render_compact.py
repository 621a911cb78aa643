"""The compact text report: one table per scorecard, lateness in the target's own terms,
who raised each ticket, typed parameter texts; against a golden file.

Regenerate after an intended change with ``pytest --update-golden`` and review the diff: the
golden file is the spec of what people read."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import slarules
from slarules.report.text import overshoot_text, render_report_text

GOLDEN = Path(__file__).parent / "golden" / "render_compact.txt"

RULES = """
ruleset "compact" { title "紧凑示例" timezone "Asia/Shanghai" }
param rate: percent = 3%
param urgent: bool = true
param window: duration = 4h
param total: money = 10万元
calendar 全天 { hours "24x7" }
period 月度 = month
kind 迟到
kind 失误
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  metric report from restored to reported
  tier 紧急 { respond 10分钟 restore 4小时 report 1 day }
}
scorecard 部门评分 per 月度 assessed by 甲 40%, 乙 30%, 丙 30% {
  item 响应 max 10 { deduct 1 per breach of 故障.respond }
  item 报告 max 10 { deduct 0.5 per day late of 故障.report }
  item 考勤 max 80 {
    deduct 2 per occurrence of 迟到
    deduct 1 per occurrence of 失误
  }
}
scorecard 总体 per 月度 {
  item 响应 max 100 { deduct 5 per breach of 故障 }
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": f"2026-03-{at}+08:00", "type": type_, **fields}


EVENTS = [
    # T1, raised by 甲: respond at 09:25 against 09:10 → +15m; restored 11:00 (met); report
    # due 1 day after the restore (03-02 not counted, ends 03-03 24:00), delivered 03-05
    # 10:00 → 1 day 10 h late → 2 days (ceil) → +2d.
    ev("02T09:00:00", "opened", ticket="T1", sla="故障", tier="紧急", assessor="甲"),
    ev("02T09:25:00", "responded", ticket="T1"),
    ev("02T11:00:00", "restored", ticket="T1"),
    ev("05T10:00:00", "reported", ticket="T1"),
    # T2, untagged: restore 4 h → 13:00, restored 15:10 → +2h10m; report on time.
    ev("03T09:00:00", "opened", ticket="T2", sla="故障", tier="紧急"),
    ev("03T09:05:00", "responded", ticket="T2"),
    ev("03T15:10:00", "restored", ticket="T2"),
    ev("03T18:00:00", "reported", ticket="T2"),
    ev("10T09:00:00", "occurrence", kind="迟到", assessor="乙"),
    ev("11T09:00:00", "occurrence", kind="失误"),
    ev("30T17:00:00", "score", scorecard="部门评分", score=90, assessor="丙"),
]


def _report() -> slarules.Ruleset:
    return slarules.loads(RULES, "compact.sla")


def test_compact_text_of_a_small_report(golden: Callable[[Path, str], None]) -> None:
    # 甲 sees T1 and T2: 响应 10 − 1 (T1) = 9, 报告 10 − 0.5 × 2 = 9, 考勤 80 − 1 (失误) = 79
    # → 97. 乙 sees T2 only: 响应 10, 报告 10, 考勤 80 − 2 (迟到) − 1 (失误) = 77 → 97.
    # 丙 is given 90. 部门评分 = 40% × 97 + 30% × 97 + 30% × 90 = 38.8 + 29.1 + 27 = 94.9.
    # 总体 sees both tickets: T1 respond, T1 report and T2 restore → 100 − 3 × 5 = 85.
    # The 失误 line is the same on 甲's and 乙's sheets, so it is shown once.
    report = _report().replay(EVENTS, as_of="2026-03-31T00:00:00+08:00")
    text = render_report_text(report)
    golden(GOLDEN, text)
    assert "  部门评分  94.9 / 100" in text
    assert "  总体  85 / 100" in text


def test_the_json_report_keeps_every_sheet_in_full() -> None:
    # The text folds the sheets together; the JSON (normative) lists every line of every
    # sheet, the shared 失误 line on both computed sheets.
    data = json.loads(_report().replay(EVENTS, as_of="2026-03-31T00:00:00+08:00").to_json())
    card = data["periods"][0]["scorecards"][0]
    lines = {
        s["assessor"]: [ln["rule"] for item in s["items"] for ln in item["lines"]]
        for s in card["assessor"]
    }
    assert lines["甲"].count("deduct 1 per occurrence of 失误") == 1
    assert lines["乙"].count("deduct 1 per occurrence of 失误") == 1
    assert data["inputs"]["params"] == {
        "rate": "3%",
        "urgent": "true",
        "window": "PT4H",
        "total": "100000.00",
    }


def test_overshoot_is_rounded_up_to_the_minute() -> None:
    assert overshoot_text(timedelta(minutes=15)) == "+15m"
    assert overshoot_text(timedelta(hours=2, minutes=10)) == "+2h10m"
    assert overshoot_text(timedelta(seconds=1)) == "+1m"
    assert overshoot_text(timedelta(hours=26)) == "+1d2h"
    assert overshoot_text(timedelta(days=3)) == "+3d"
