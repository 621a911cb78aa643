"""Audit task AH, item 1: every point and every yuan reconciles, in every format.

"Auditors replay a year of events against a rule file and must get an explanation of every
point and every yuan, right to the cent." The checks live in tests/audit/reconcile.py and
import nothing of slarules: they add up what the JSON report lists (an item's score from its
maximum or grade and its lines, caps and floors included as the lines they are; a
scorecard's from its items or its assessors' weighted sheets; a payable from its base,
bands, counted deductions and what the bond takes; damages, refund and bond from their
lines), and they read back what a person sees in the workbook (openpyxl), the page
(html.parser) and the English text, number by number against the JSON record. The
workbook's 计入应付 column must add up to its payable.

Run over the eight sample logs, and over random whole-term logs of four contracts (the
generator of test_reference_contracts_r5_as_of_property.py: tickets with retiers,
occurrences with amounts, reports due and delivered late, milestones, scores, judgements).
The last tests prove the checks can fail: a report with one line moved by a cent, or a
format showing one number differently, is caught.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules
from slarules.i18n import use_language
from slarules.report.html import render_report_html
from slarules.report.xlsx import report_xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


R = _module("_audit_reconcile", Path(__file__).parent / "reconcile.py")
R5 = _module(
    "_audit_r5_logs", Path(__file__).parent / "test_reference_contracts_r5_as_of_property.py"
)
SAMPLES = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))


def _formats(report: Any) -> tuple[dict[str, Any], Any, Any, Any]:
    """The JSON record and the three views of the same report a person reads; the
    workbook's 考核表 sheets are checked item by item here."""
    record = json.loads(report.to_json())
    workbook = report_xlsx_bytes(report)
    assert R.xlsx_item_problems(record, workbook) == []
    return (
        record,
        R.xlsx_view(workbook),
        R.html_view(render_report_html(report)),
        R.text_view(report.to_text()),
    )


@pytest.fixture(scope="module")
def sample_reports() -> dict[str, tuple[dict[str, Any], Any, Any, Any]]:
    out = {}
    for name in SAMPLES:
        rules = slarules.load(ROOT / "rulesets" / f"{name}.sla")
        out[name] = _formats(rules.replay(ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"))
    return out


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_report_adds_up_from_what_it_lists(
    sample_reports: dict[str, Any], name: str
) -> None:
    record = sample_reports[name][0]
    assert record["periods"]
    assert R.json_problems(record) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_the_four_formats_of_each_sample_show_the_same_numbers(
    sample_reports: dict[str, Any], name: str
) -> None:
    record, xlsx, html, text = sample_reports[name]
    assert R.format_problems(record, xlsx, html, text) == []


def test_the_samples_exercise_what_the_checks_add_up(sample_reports: dict[str, Any]) -> None:
    """The checks above would pass vacuously on reports without caps, assessors, bonds,
    milestones or damages: the samples have each of them."""
    periods = [p for record, *_ in sample_reports.values() for p in record["periods"]]
    lines = [x for p in periods for c in p["scorecards"] for i in c["items"] for x in i["lines"]]
    sheets = [s for p in periods for c in p["scorecards"] for s in c["assessor"] or []]
    money = [x for p in periods for x in (p["payment"] or {}).get("lines", [])]
    assert any(x["rule"].startswith("cap ") for x in lines)
    assert any(x["kind"] == "base" and x["points"] for x in lines)  # a judged grade
    assert len(sheets) >= 12
    kinds = {x["kind"] for x in money}
    assert {"milestone", "bond_deduction", "damages", "pay_band", "deduct_band"} <= kinds
    assert {"linear", "formula", "deduction"} <= kinds
    assert any(x["kind"] == "damages" and Decimal(x["amount"]) > 0 for x in money)


@pytest.mark.parametrize("name", sorted(R5.CONTRACTS))
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10**6))
def test_random_whole_term_logs_reconcile_in_every_format(kit: Any, name: str, seed: int) -> None:
    report = kit.ruleset(name).replay(R5._log(name, seed))
    record, xlsx, html, text = _formats(report)
    assert R.json_problems(record) == []
    assert R.format_problems(record, xlsx, html, text) == []


# ---------------------------------------------------------------- the checks can fail


def _guangxi(sample_reports: dict[str, Any]) -> tuple[dict[str, Any], Any, Any, Any]:
    return copy.deepcopy(sample_reports["guangxi-gat-2024"])


def test_a_payment_line_a_cent_off_its_payable_is_caught(sample_reports: dict[str, Any]) -> None:
    record = _guangxi(sample_reports)[0]
    band = record["periods"][0]["payment"]["lines"][2]
    assert band["kind"] == "deduct_band" and band["amount"] == "-2000000.00"
    band["amount"] = "-2000000.01"
    assert R.json_problems(record) == ["考核周期:1: lines add up to 799999.99, payable 800000.00"]


def test_a_deduction_that_does_not_make_its_item_score_is_caught(
    sample_reports: dict[str, Any],
) -> None:
    record = _guangxi(sample_reports)[0]
    item = record["periods"][0]["scorecards"][0]["assessor"][0]["items"][0]
    assert (item["name"], item["max"], item["score"]) == ("履约材料提交及时率", "5", "3.4")
    item["lines"][0]["points"] = "-0.8"  # 月报 3 days late at 0.2 a day is -0.6
    problems = R.json_problems(record)
    where = "考核周期:1 / 监理评分 / 监理 / 履约材料提交及时率"
    assert problems[0] == f"{where}: 5 + (-1.8) != score 3.4"


def test_a_bond_that_does_not_balance_is_caught(sample_reports: dict[str, Any]) -> None:
    record = _guangxi(sample_reports)[0]
    record["periods"][0]["payment"]["bond"]["remaining"] = "0.01"
    assert R.json_problems(record) == [
        "考核周期:1: bond {'amount': '300000.00', 'deducted': '300000.00', "
        "'opening': '300000.00', 'remaining': '0.01'}"
    ]


def test_a_format_showing_another_number_is_caught(sample_reports: dict[str, Any]) -> None:
    record, xlsx, html, text = _guangxi(sample_reports)
    html["考核周期:1"]["payable"] = Decimal("800000.01")
    text["考核周期:1"]["scores"]["监理评分"] = "56.8"
    xlsx["考核周期:1"]["shares"][-1] = Decimal("300000.01")
    assert R.format_problems(record, xlsx, html, text) == [
        "考核周期:1: html payable shows Decimal('800000.01'), JSON Decimal('800000.00')",
        "考核周期:1: xlsx 计入应付 sum shows Decimal('800000.01'), JSON Decimal('800000.00')",
        "考核周期:1: text 监理评分 shows '56.8', JSON '56.7'",
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("100", "100"),
        ("92.50", "92.5"),
        ("62.9175", "62.9175"),
        # cn-zwyw-2025: 3795/38 (docs/reports.md, "Numbers a reader can use")
        (Decimal(3795) / Decimal(38), "≈99.8684"),
        ("-0.00001", "≈0.0000"),
        ("0.00005", "≈0.0001"),
    ],
)
def test_the_shown_number_rule_of_the_checks(value: Any, shown: str) -> None:
    assert R.shown_number(Decimal(value)) == shown


_MONEY_TOKEN = re.compile(r"(?<![\d.])-?\d+\.\d\d(?!\d)")


@pytest.mark.parametrize("name", SAMPLES)
def test_the_chinese_text_report_shows_the_english_ones_amounts_in_the_same_order(
    name: str,
) -> None:
    """The text report in each language shows every amount (2 decimals: payable, lines,
    damages, bond), in the same order: a translation never drops, adds or reorders one."""
    report = slarules.load(ROOT / "rulesets" / f"{name}.sla").replay(
        ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"
    )
    with use_language("en"):
        english = _MONEY_TOKEN.findall(report.to_text())
    with use_language("zh"):
        chinese = _MONEY_TOKEN.findall(report.to_text())
    assert english and chinese == english


def _sample_events(name: str) -> list[dict[str, Any]]:
    path = ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line, parse_float=str) for line in lines if line.strip()]


def _ticket_of(event: dict[str, Any]) -> str | None:
    """The ticket whose life an event belongs to (an occurrence that names a ticket is
    evidence of its own, kept or dropped alone)."""
    return event.get("ticket") if event["type"] != "occurrence" else None


@pytest.mark.parametrize("name", SAMPLES)
@settings(max_examples=4, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_part_of_a_sample_log_reconciles_in_every_format(name: str, data: Any) -> None:
    """Whole tickets and single other events (occurrences, judgements, scores, reports due
    and delivered, milestones) of the sample log dropped at random: every ruleset, its own
    kinds of evidence, fewer or more deductions than the sample (cn-zwyw-2025's 响应及时率
    of 17 in 20 calls gives a score of 60 significant digits)."""
    events = _sample_events(name)
    tickets = sorted({t for t in map(_ticket_of, events) if t is not None})
    kept = set(data.draw(st.lists(st.sampled_from(tickets), unique=True))) if tickets else set()
    others = [i for i, e in enumerate(events) if _ticket_of(e) is None]
    dropped = set(data.draw(st.lists(st.sampled_from(others), unique=True))) if others else set()
    log = [
        e
        for i, e in enumerate(events)
        if (_ticket_of(e) in kept) or (_ticket_of(e) is None and i not in dropped)
    ]
    last = max(events, key=lambda e: datetime.fromisoformat(e["at"]))["at"]
    report = slarules.load(ROOT / "rulesets" / f"{name}.sla").replay(log, as_of=last)
    record, xlsx, html, text = _formats(report)
    assert R.json_problems(record) == []
    assert R.format_problems(record, xlsx, html, text) == []


def test_the_text_report_says_which_amounts_are_not_in_the_payable() -> None:
    """fujian-slt-2024's year, in both languages: 付款方式 "支付合同总金额的50.00%作为预付款"
    (250000.00) and "按考核结果支付剩余服务费" (85% × 500000 − 250000 = 175000.00 at 83.8,
    "80-89分…支付85%合同款") are paid out of the base 500000.00; the 30% damages "低于70分"
    (0.00 at 83.8) are owed on top. Only the base and the band add up to the payable:
    500000.00 − 75000.00 = 425000.00."""
    report = slarules.load(ROOT / "rulesets" / "fujian-slt-2024.sla").replay(
        ROOT / "rulesets" / "samples" / "fujian-slt-2024.events.jsonl"
    )
    notes = {
        "en": (
            "[not in the payable: the base holds it]",
            "[not in the payable: owed on top of it]",
        ),
        "zh": ("[不计入应付：已含在基数中]", "[不计入应付：在应付之外另行支付]"),
    }
    for language, (base, top) in notes.items():
        with use_language(language):
            lines = report.to_text().splitlines()
        marked = {x.split()[0]: x for x in lines if base in x or top in x}
        assert sorted(marked) == ["damages", "剩余服务费", "预付款"], language
        assert " 250000.00 " in marked["预付款"] and base in marked["预付款"]
        assert " 175000.00 " in marked["剩余服务费"] and base in marked["剩余服务费"]
        assert " 0.00 " in marked["damages"] and top in marked["damages"]
        added = [x.split()[:3] for x in lines if x.startswith("    base ")]
        assert added == [["base", "base", "500000.00"]]


def test_the_one_screen_summary_shows_damages_owed_on_top_of_the_payable() -> None:
    """fujian-gxt-2026's second cycle: "设备丢失…需赔偿采购人损失" — the sample's line 49
    loses equipment worth 4850.00, owed on top of a payable of 0.00 (a score of 30 withholds
    60 points × 5% × 1000000, capped at the cycle's 500000.00). --summary showed only the
    0.00; finance reading the one screen would not know 4850.00 is owed."""
    report = slarules.load(ROOT / "rulesets" / "fujian-gxt-2026.sla").replay(
        ROOT / "rulesets" / "samples" / "fujian-gxt-2026.events.jsonl"
    )
    with use_language("en"):
        rows = report.to_text(summary=True).splitlines()
    cycle_2 = next(row for row in rows if row.startswith("  服务周期:2 "))
    assert " 0.00 (damages 4850.00) " in cycle_2
    cycle_1 = next(row for row in rows if row.startswith("  服务周期:1 "))
    assert "damages" not in cycle_1  # 0.00 owed: the column stays as it was
