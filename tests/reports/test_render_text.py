"""The text rendering of a small report, against a golden file.

Regenerate after an intended change with ``pytest --update-golden`` and review the diff: the
golden file is the spec of what people read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import slarules
from slarules.report.text import render_report_text
from slarules.report.text_table import table, width

from .conftest import SMALL_RULES as RULES
from .conftest import ev

GOLDEN = Path(__file__).parent / "golden" / "render_small.txt"

EVENTS = [
    ev("2026-03-02T09:00:00", "opened", ticket="T-2", sla="故障", tier="紧急"),
    ev("2026-03-02T09:30:00", "responded", ticket="T-2"),
    ev("2026-03-02T11:00:00", "restored", ticket="T-2"),
    ev("2026-03-03T09:00:00", "opened", ticket="T-10", sla="故障", tier="紧急"),
    ev("2026-03-03T09:05:00", "responded", ticket="T-10"),
    ev("2026-03-03T10:00:00", "restored", ticket="T-10"),
    ev("2026-03-04T09:00:00", "opened", ticket="T-3", sla="故障", tier="紧急"),
    ev("2026-03-04T10:00:00", "attributed", ticket="T-3", cause="不可抗力"),
    ev("2026-03-04T15:00:00", "restored", ticket="T-3"),
    ev("2026-03-10T09:20:00", "occurrence", kind="迟到", count=2, assessor="用户"),
    ev("2026-03-30T17:00:00", "judgement", item="满意度", points=78, assessor="监理"),
    ev("2026-03-30T17:00:00", "judgement", item="满意度", points=72, assessor="用户"),
]


def test_text_rendering_of_a_small_report(golden: Callable[[Path, str], None]) -> None:
    # 监理: 故障响应 10 − 1 (T-2 respond) = 9, 考勤 10, 满意度 78 → 97.
    # 用户: 9, 考勤 10 − 2 = 8, 满意度 72 → 89. 月度考核 = 60% × 97 + 40% × 89 = 93.8.
    # Band [90, 100] → 100% of 120000 / 12 = 10000.00; 93.8 < 95 → 约谈.
    report = slarules.loads(RULES, "small.sla").replay(EVENTS, as_of="2026-03-31T18:00:00+08:00")
    text = render_report_text(report)
    golden(GOLDEN, text)


def test_columns_align_by_display_width() -> None:
    # 故障响应 is four characters but eight columns wide: the next column starts after it.
    lines = table(["item", "max"], [["故障响应", "10"], ["A", "5"]], ".r")
    assert lines == ["item      max", "故障响应   10", "A           5"]
    assert {width(line) for line in lines} == {13}


def test_incomplete_period_lists_what_is_missing_and_what_the_payment_waits_for() -> None:
    # No judgement for 满意度 from either assessor: both sheets and the scorecard are
    # unknown, the period is incomplete, and its payment says which lines wait.
    report = slarules.loads(RULES, "small.sla").replay(EVENTS[:3])
    text = render_report_text(report)
    assert "(in progress, INCOMPLETE)" in text
    assert "  missing: 月度考核 2026-03 (sheet 监理): judgement for item 满意度" in text
    assert "  月度考核  — / 100" in text
    # The base (contract_total / 12 = 10000.00) does not read the score: it is final; the
    # pay band reads it and waits, and so does payable.
    assert "  payment: payable pending (lines marked pending wait for inputs)" in text
    assert "base      10000.00" in text
    assert "pay_band   pending  waiting for: 月度考核 2026-03 (sheet 用户)" in text
