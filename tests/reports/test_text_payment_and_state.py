"""The text report says what a bond deduction is, and does not call a running period
complete."""

from __future__ import annotations

from pathlib import Path

import slarules
from slarules.report.html import render_report_html

ROOT = Path(__file__).resolve().parents[2]


def test_the_bond_deduction_is_said_as_taken_from_the_bond_not_listed_as_a_payment() -> None:
    rules = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    text = rules.replay(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl").to_text()
    # "交纳合同金额的3%作为履约保证金": 3% of contract_total 10000000 = 300000.00; the 20%
    # deduction (2000000) is "扣除履约保证金" first: all 300000.00 of it comes from the bond.
    assert (
        "    taken from the bond: 300000.00 of the deductions above (deductions 2000000 taken "
        "from what is left of the bond (300000 of 300000) first); the payable loses only the rest"
    ) in text.splitlines()
    assert "bond_deduction" not in text
    assert "+300000.00" not in text
    html = render_report_html(
        rules.replay(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    )
    assert "其中从保证金扣 of which from the bond: 300,000.00" in html


def test_a_period_in_progress_is_not_called_complete() -> None:
    rules = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    text = rules.replay(events).to_text()
    assert "(in progress, complete)" not in text
    headers = [line for line in text.splitlines() if line.startswith("Period ")]
    assert headers and all(h.endswith(("(in progress)", "(ended, complete)", "INCOMPLETE)"))
                           for h in headers)  # fmt: skip
