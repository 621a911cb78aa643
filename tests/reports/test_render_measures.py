"""Measures in the reports (docs/reports.md): the text, JSON and HTML reports show each
measure per period with its value and the inputs behind it, so an auditor can redo it.
Numbers from docs/rulesets/cn-zwyw-2025.md ("The sample, worked by hand")."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import slarules
from slarules.cli import main
from slarules.report.html import render_report_html
from slarules.report.text import render_report_text

ROOT = Path(__file__).resolve().parents[2]


def _report() -> slarules.report.Report:
    ruleset = slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")
    return ruleset.replay(ROOT / "rulesets" / "samples" / "cn-zwyw-2025.events.jsonl")


def test_the_text_report_lists_each_measure_with_its_inputs() -> None:
    # April: A1 late 3 started workdays across 清明 (2 points), A3 1 (0.5): 2.5; 3 of 4
    # responses in time: 75%.
    text = render_report_text(_report())
    assert "  measure 处理延误扣分 = 2.5\n" in text
    days = "(2025-04-08, 2025-04-09, 2025-04-10)"
    assert f"3 started workdays late {days}: 2 × 0.5 + 1 × 1 = 2\n" in text
    assert "  measure 响应及时率 = 75%\n" in text
    assert "      3 met of 4 decided\n" in text


def test_the_json_report_has_measures_only_when_the_rules_declare_them() -> None:
    data = json.loads(_report().to_json())
    may = next(p for p in data["periods"] if p["period"] == "2025-05")
    low = next(x for x in may["measures"] if x["name"] == "低分月数")
    assert (low["value"], low["window"]) == ("1", "2024-06-01 – 2025-05-31 (rolling 12 months)")
    assert low["inputs"][-1] == "2025-05: 月度考核 = 78.5: counts"
    other = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    assert all("measures" not in p for p in json.loads(other.replay(events).to_json())["periods"])


def test_the_html_report_shows_a_card_per_measure_with_folded_inputs() -> None:
    page = render_report_html(_report())
    assert page.count("度量 measure 处理延误扣分") == 3  # April, May, June
    assert "<div class='big'>80%</div>" in page  # May: 4 of 5 responses in time
    assert "<summary>依据 inputs (2)</summary>" in page


def test_the_workbook_lists_the_measures_on_the_payment_sheet(tmp_path: Path) -> None:
    out = tmp_path / "cn.xlsx"
    rules = ROOT / "rulesets" / "cn-zwyw-2025.sla"
    events = ROOT / "rulesets" / "samples" / "cn-zwyw-2025.events.jsonl"
    assert main(["replay", str(rules), str(events), "--format", "xlsx", "--out", str(out)]) == 0
    strings = zipfile.ZipFile(out).read("xl/sharedStrings.xml").decode("utf-8")
    assert "度量 measure" in strings and "处理延误扣分" in strings
    assert "ticket A1: resolve due 2025-04-08T00:00+08:00" in strings
