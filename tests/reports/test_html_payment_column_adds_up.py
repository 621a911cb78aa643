"""The HTML payment table's amount column adds up to its 应付 payable row, on any screen
(audit task AH, item 4: what a person sees).

Two defects found by looking at the sample pages at 390 pixels wide (chromium headless):

- fujian-slt-2024: the table listed base 500,000.00, 预付款 250,000.00, 剩余服务费 175,000.00,
  pay band -75,000.00 and 应付 payable 425,000.00. On a phone the kind column is hidden, and
  nothing said that the two instalments are the schedule of the base (already in it): the
  column added up to 850,000.00. Now a line outside the payable says so in its amount cell,
  `不计入应付 not in payable: 250,000.00`, as the workbook's 计入应付 column leaves it empty.
- guangxi-gat-2024: the amount cell `其中从保证金扣 of which from the bond: 300,000.00` could not
  wrap (`white-space: nowrap`), so the table was wider than the phone and the amount column
  was cut off at the screen's edge. A cell with a note now wraps; an amount alone does not.
"""

from __future__ import annotations

import importlib.util
import re
from decimal import Decimal
from pathlib import Path

import pytest

import slarules
from slarules.report.html import render_report_html
from slarules.report.html_style import CSS

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location(
    "_audit_reconcile", ROOT / "tests" / "audit" / "reconcile.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_RECONCILE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_RECONCILE)
html_rows = _RECONCILE.html_rows
NOTE = "不计入应付 not in payable: "
BOND = "其中从保证金扣 of which from the bond: "


def _page(name: str) -> str:
    rules = slarules.load(ROOT / "rulesets" / f"{name}.sla")
    return render_report_html(rules.replay(ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"))


def _amount(text: str) -> Decimal:
    return Decimal(text.rsplit(" ", 1)[-1].replace(",", ""))


def test_fujian_slt_2024_the_instalments_say_they_are_not_added() -> None:
    rows = html_rows(_page("fujian-slt-2024"))["服务年:1"]
    cells = {name.split(" §")[0]: (css, amount) for name, css, amount in rows}
    # 付款方式: "支付合同总金额的50.00%作为预付款" = 50% × 500000 = 250000.00, and the balance
    # "按考核结果支付剩余服务费" = 85% × 500000 − 250000 = 175000.00 (83.8 is in 80-89分,
    # "支付85%合同款"): both are the schedule of the base 500000.00, not added to it.
    assert cells["预付款"] == ("num note", NOTE + "250,000.00")
    assert cells["剩余服务费"] == ("num note", NOTE + "175,000.00")
    assert cells["base"] == ("num", "500,000.00")
    assert cells["pay band 运维工作考核"] == ("num", "-75,000.00")
    # "考核分数低于70分的视为验收不合格，乙方赔付甲方30%合同款的违约金": owed on top, 0.00 at 83.8.
    damages = [v for k, v in cells.items() if k.startswith("damages")]
    assert damages == [("num note", NOTE + "0.00")]
    # 500000.00 − 75000.00 = 425000.00, the payable row.
    assert cells["应付 payable"] == ("num", "425,000.00")


@pytest.mark.parametrize(
    "name",
    ["fujian-slt-2024", "guangxi-gat-2024", "fujian-gxt-2026", "fujian-scjg-2023", "cn-zwyw-2025"],
)
def test_the_amounts_without_a_note_add_up_to_the_payable_row(name: str) -> None:
    for label, rows in html_rows(_page(name)).items():
        payable = [_amount(a) for n, _, a in rows if n == "应付 payable"]
        added = [_amount(a) for n, css, a in rows if n != "应付 payable" and css == "num"]
        taken = [_amount(a) for _, _, a in rows if a.startswith(BOND)]
        # guangxi: 2500000.00 − 2000000.00 + the 300000.00 the bond takes of the deduction
        # = 800000.00 (the amount column says the 300000.00 is "of which from the bond").
        assert payable == [sum(added, Decimal(0)) + sum(taken, Decimal(0))], label


def test_an_amount_with_a_note_may_wrap_and_a_bare_amount_may_not() -> None:
    assert re.search(r"td\.num, th\.num \{[^}]*white-space: nowrap", CSS)
    assert re.search(r"td\.num\.note \{[^}]*white-space: normal", CSS)
    page = _page("guangxi-gat-2024")
    assert f"<td class='num note'>{BOND}300,000.00</td>" in page
