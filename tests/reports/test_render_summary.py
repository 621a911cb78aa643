"""``replay --summary``: the text report on one screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from slarules.cli import main
from slarules.report import Report
from slarules.report.summary import render_report_summary

ROOT = Path(__file__).resolve().parents[2]


def test_summary_of_the_small_report(small_report: Report) -> None:
    text = render_report_summary(small_report)
    lines = text.splitlines()
    # 4 tickets: T-2 (respond breached) and T-3 (respond and restore breached) with
    # breaches, T-3 excluded (不可抗力).
    assert "4 tickets (2 with breaches, 1 excluded)" in lines[1]
    # One period row: 月度考核 = 月度得分 = 93.8, payable 10000.00, flag 约谈 (conftest).
    row = next(line for line in lines if line.startswith("  2026-03"))
    assert row.split() == [
        "2026-03",
        "2026-03-01",
        "–",
        "2026-03-31",
        "in",
        "progress",
        "93.8",
        "93.8",
        "10000.00",
        "约谈",
    ]
    assert "  2026-03: 月度得分 = 93.8 in [90, 100]: pay 100% of base 10000" in lines
    # Worst first: T-3 has two breaches. restore: opened 03-04 09:00, target 4小时 →
    # deadline 13:00, restored 15:00 → +2h; respond: never responded, deadline 09:10,
    # as of 03-31 18:00 → +27d8h50m. Then T-2: responded 09:30, deadline 09:10 → +20m.
    worst = lines[lines.index("Worst tickets (2 of 2 with breaches)") + 2 :]
    assert worst[0].split()[0] == "T-3"
    assert "respond +27d8h50m, restore +2h" in worst[0] and worst[0].endswith("不可抗力")
    assert worst[1].split()[0] == "T-2" and "respond +20m" in worst[1]
    assert len(lines) < 25  # one screen


def test_cli_summary(capsys: pytest.CaptureFixture[str]) -> None:
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    assert main(["replay", rules, events, "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("slarules ") and "Worst tickets (5 of 7 with breaches)" in out
    assert len(out.splitlines()) <= 24
    assert main(["replay", rules, events, "--summary", "--format", "json"]) == 2
    assert "--summary" in capsys.readouterr().err
