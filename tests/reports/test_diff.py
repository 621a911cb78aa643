"""``slarules diff RULES_A RULES_B EVENTS``: what changes between two versions of a
contract over one event log."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from slarules.api.diff import diff_reports, render_diff_text
from slarules.cli import main
from slarules.report import Report

ROOT = Path(__file__).resolve().parents[2]
SLT = ROOT / "rulesets" / "fujian-slt-2024.sla"
SLT_EVENTS = ROOT / "rulesets" / "samples" / "fujian-slt-2024.events.jsonl"
BAND_85 = "[80, 90) -> 85%"
BAND_70 = "[70, 80) -> 70%"


@pytest.fixture
def slt_moved(tmp_path: Path) -> Path:
    """fujian-slt-2024 with its bands moved: 85% from 85 (not 80), 70% from 70 to 85."""
    text = SLT.read_text(encoding="utf-8")
    assert BAND_85 in text and BAND_70 in text
    moved = text.replace(BAND_85, "[85, 90) -> 85%").replace(BAND_70, "[70, 85) -> 70%")
    path = tmp_path / "fujian-slt-2024-moved.sla"
    path.write_text(moved, encoding="utf-8")
    return path


def test_moved_bands_change_the_money(slt_moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The contract: "考核分数80-89分（含80分），支付85%合同款；考核分数70-79分（含70分），支付70%".
    # The year's score is 83.8 under both versions (the bands do not touch scoring). As
    # signed, 83.8 is in 80-89: 85% of the 500000 contract = 425000.00 payable, the band
    # line −75000.00, and the balance (剩余服务费) 425000 − 50% × 500000 = 175000.00. With the
    # 85% band starting at 85, 83.8 falls in the 70% band: 350000.00 payable (−75000.00),
    # the band line −150000.00, the balance 350000 − 250000 = 100000.00.
    assert main(["diff", str(SLT), str(slt_moved), str(SLT_EVENTS)]) == 0
    out = capsys.readouterr().out
    assert "payable 425000.00 → 350000.00 (-75000.00)" in out
    assert "运维工作考核 83.8 → 83.8" in out
    lines = out.splitlines()
    assert "  服务年:1 / payment / 剩余服务费: amount 175000.00 → 100000.00 (-75000.00)" in lines
    assert (
        "  服务年:1 / payment / pay band 运维工作考核: amount -75000.00 → -150000.00 (-75000.00)"
        in lines
    )
    assert "  服务年:1 / payment: payable 425000.00 → 350000.00 (-75000.00)" in lines
    assert "Tickets" not in out  # the bands change no ticket


def test_json_form(slt_moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SLT), str(slt_moved), str(SLT_EVENTS), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [period] = data["periods"]
    payable = [c for c in period["changes"] if c["what"] == "payable"]
    assert payable == [
        {
            "where": "服务年:1 / payment",
            "what": "payable",
            "before": "425000.00",
            "after": "350000.00 (-75000.00)",
        }
    ]


def test_same_rules_no_differences(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SLT), str(SLT), str(SLT_EVENTS)]) == 0
    assert "No differences." in capsys.readouterr().out


def test_a_looser_target_changes_ticket_status_and_scores(
    small_report: Report, replay_small: Callable[[Callable[[str], str]], Report]
) -> None:
    # Amend respond 10分钟 to 40分钟: T-2 (responded after 30 minutes) now meets it; T-3
    # (never responded, as of 27 days later) is still breached. 故障响应 on both sheets
    # 9 → 10: 监理 97 → 98, 用户 89 → 90; 月度考核 60% × 98 + 40% × 90 = 94.8 (was 93.8);
    # still in [90, 100]: payable 10000.00 both ways, and 94.8 < 95 keeps 约谈.
    b = replay_small(lambda rules: rules.replace("respond 10分钟", "respond 40分钟"))
    diff = diff_reports(small_report, b)
    text = render_diff_text(diff)
    lines = text.splitlines()
    assert "ticket T-2 / respond: status breached → met" in text
    assert "T-3" not in text
    assert "Period 2026-03: 月度得分 93.8 → 94.8 (+1); payable 10000.00 → 10000.00" in lines
    assert "  2026-03 / 月度考核: score 93.8 → 94.8" in lines
    assert "  2026-03 / 月度考核 / 监理: sheet score 97 → 98" in lines
    assert "  2026-03 / 月度考核 / 用户 / 故障响应: item score 9 → 10" in lines
    assert not any("payable" in line and line.startswith("  ") for line in lines)
    assert not any("约谈" in line for line in lines)
