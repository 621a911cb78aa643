"""Fifth pass: the text report's "[not in the payable …]" notes (docs/reports.md, "How the
numbers reconcile"): finance adds a payment's amount column up, so every line whose amount
is not part of the payable says so after its basis, as the HTML page (``不计入应付 not in
payable``) and the workbook (an empty ``计入应付`` cell) do.

Found and fixed: the bond's ``bond_return`` line (what is left of the bond, given back on
its due date; the bond is the vendor's money, never part of the payable) and a ``refund …
per occurrence`` line (money paid back to the customer, never netted against the payable)
had no note in the text report, so its amount column no longer added up to the payable:
with a 123,456.78元 bond of which 6,000 is taken, the table listed base 120,000.00, the
band's -6,000.00 and the bond's 117,456.78 over a payable of 120,000.00.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.engine.scoring.results import PaymentLine
from slarules.i18n import use_language

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
REFUND_RULES = """\
ruleset "refund-r5" { timezone "Asia/Shanghai" }
param fee: money = 10000元
kind 多收费
period 月度 = month
payment per 月度 {
  base fee
  refund 300元 per occurrence of 多收费
}
"""
REFUND_LOG = [
    {"at": "2026-03-10T10:00:00+08:00", "type": "occurrence", "kind": "多收费"},
    {"at": "2026-03-31T23:00:00+08:00", "type": "occurrence", "kind": "多收费", "count": 2},
]


def _outside(line: PaymentLine) -> bool:
    return line.amount is not None and line.payable_share is None and line.settlement is None


def _rows_outside(report: slarules.Report) -> list[tuple[PaymentLine, str]]:
    """Each line outside its payable, with the text report's row for it (found by its name
    and kind, in the payment's table under the period's heading)."""
    with use_language("en"):
        text = report.to_text()
    found = []
    for period in report.periods:
        if period.payment is None:
            continue
        block = text.split(f"Period {period.label} ")[1].split("\nPeriod ")[0]
        for line in period.payment.lines:
            if _outside(line):
                head = line.name[:8]  # a long name is clipped in the table
                rows = [
                    r
                    for r in block.splitlines()
                    if f" {line.kind} " in r and r.lstrip().startswith(head)
                ]
                assert rows, (line.name, line.kind)
                found.append((line, rows[0]))
    return found


def _replay(rules: Path | str, events: Any, **kw: Any) -> slarules.Report:
    ruleset = slarules.load(rules) if isinstance(rules, Path) else slarules.loads(rules)
    return ruleset.replay(events, **kw)


def test_the_bonds_return_says_it_is_not_in_the_payable() -> None:
    """spill_r5.sla with bond=123456.78元: 6,000 of the quarter's deduction is taken from
    the bond and 117,456.78 is returned, outside the payable of 120,000.00."""
    log = [
        {"at": "2026-01-05T09:00:00+08:00", "type": "milestone", "name": "accepted"},
        {"at": "2026-03-31T09:00:00+08:00", "type": "milestone", "name": "final_accepted"},
    ]
    report = _replay(HERE / "spill_r5.sla", log, params={"bond": "123456.78元"})
    rows = {line.kind: row for line, row in _rows_outside(report)}
    assert "bond_return" in rows
    assert "[not in the payable:" in rows["bond_return"]


def test_a_refund_per_occurrence_says_it_is_not_in_the_payable() -> None:
    """Three 多收费 in March at 300元: a refund of 900.00 owed back beside the payable fee."""
    report = _replay(REFUND_RULES, REFUND_LOG)
    (pay,) = [p.payment for p in report.periods if p.payment is not None]
    assert pay.payable == 10000 and pay.refund == 900
    rows = {line.kind: row for line, row in _rows_outside(report)}
    assert "[not in the payable:" in rows["refund"]


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla")))
def test_every_line_outside_the_payable_says_so_in_the_text(name: str) -> None:
    rules = ROOT / "rulesets" / f"{name}.sla"
    report = _replay(rules, ROOT / "rulesets" / "samples" / f"{name}.events.jsonl")
    for line, row in _rows_outside(report):
        assert "[not in the payable:" in row, (line.kind, row)
