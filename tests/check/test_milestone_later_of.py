"""`milestone … due N workdays after later of EVENT and DATE|PARAM` (docs/language.md §6): the
date must be a date literal or a date parameter, and the count starts at the later of the two.
Dates worked by hand from the fujian-slt-2024 text: "合同签订生效后，采购人收到成交人等额发票后，
达到付款条件起15个工作日内，支付合同总金额的50.00%作为预付款"."""

from __future__ import annotations

import json
from pathlib import Path

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse

ROOT = Path(__file__).resolve().parents[2]
SLT = (ROOT / "rulesets" / "fujian-slt-2024.sla").read_text(encoding="utf-8")
LATER = "due 15 workdays after later of invoiced and start"


def _codes(text: str) -> list[str]:
    return [d.code for d in check_ruleset(parse(text, "slt.sla")) if d.severity == "error"]


def test_the_date_must_be_a_known_date_parameter() -> None:
    assert "SLR209" in _codes(
        SLT.replace(LATER, "due 15 workdays after later of invoiced and stat")
    )
    assert "SLR211" in _codes(
        SLT.replace(LATER, "due 15 workdays after later of invoiced and contract_total")
    )


def test_a_date_literal_counts_from_that_day(tmp_path: Path) -> None:
    # Invoice Thursday 2024-06-20; `and 2024-07-10` (a Wednesday): the count starts on
    # 10 July, a day not counted: Jul 11–12 (2), 15–19 (7), 22–26 (12), 29–31 (15) → due
    # 2024-07-31 24:00. No holiday in July 2024.
    path = tmp_path / "slt.sla"
    path.write_text(SLT.replace(LATER, LATER.replace("and start", "and 2024-07-10")), "utf-8")
    rules = slarules.load(path)
    event = {"at": "2024-06-20T10:00:00+08:00", "type": "milestone", "name": "invoiced"}
    report = json.loads(rules.replay([event], as_of="2025-08-01T00:00:00+08:00").to_json())
    lines = report["periods"][0]["payment"]["lines"]
    advance = next(line for line in lines if line["name"] == "预付款")
    assert advance["due"] == "2024-08-01T00:00:00+08:00"


def test_a_date_beyond_the_day_data_is_refused_by_check() -> None:
    # China's day data ends in 2100: 15 workdays after 1 March 2101 cannot be counted, whatever
    # day the invoice comes (SLR403 at the milestone, as for a long delay).
    text = SLT.replace(LATER, "due 15 workdays after later of invoiced and 2101-03-01")
    assert "SLR403" in _codes(text)
