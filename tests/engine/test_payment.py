"""Payments (docs/language.md §6): base and milestones, bands, the bond, damages, and money
rounded half-up once per line with totals summed from the rounded lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.engine.scoring.results import PaymentResult
from slarules.errors import RuleError
from slarules.language.parser import parse

D = Decimal


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at + "+08:00", "type": type_, **fields}


def pay(rules: str, events: list[dict[str, Any]], label: str, **options: Any) -> PaymentResult:
    report = slarules.loads(rules).replay(events, **options)
    found = [p for p in report.periods if p.label == label]
    assert found and found[0].payment is not None, [p.label for p in report.periods]
    return found[0].payment


HEAD = """
ruleset "p" { timezone "Asia/Shanghai" }
param contract_total: money = 1000000元
param small_firm: bool = false
calendar 工作日 { hours "mon-fri 09:00-17:00" days CN }
period 年度 = year
scorecard 考核 per 年度 { item 分 max 100 { judged } }
"""


def _score(points: str) -> list[dict[str, Any]]:
    return [ev("2026-06-30T10:00:00", "judgement", item="分", points=points)]


def test_bond_first_then_payable_then_refund() -> None:
    # Score 50: deduct band (-inf, 80) → 120% of base 1000000 = 1200000 (a deliberately
    # ruinous clause). Bond 3% = 30000 is taken first; 1170000 remains against the payable
    # 1000000: payable 0, and the 170000 beyond it is owed back (a refund line of its own).
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total
      bond if small_firm then 2% else 3% end of contract_total
      deductions from bond first
      deduct band 考核 { [80, 100] -> 0%  (-inf, 80) -> 120% }
    }
    """
    )
    p = pay(rules, _score("50"), "2026")
    kinds = [(x.kind, x.amount) for x in p.lines]
    assert kinds == [
        ("base", D("1000000.00")),
        ("deduct_band", D("-1200000.00")),
        ("bond_deduction", D("30000.00")),
        ("refund", D("170000.00")),
    ]
    assert p.bond is not None
    assert (p.bond.amount, p.bond.deducted, p.bond.remaining) == (D(30000), D(30000), D(0))
    assert (p.payable, p.refund, p.damages) == (D("0.00"), D("170000.00"), D("0.00"))


def test_small_firm_bond_and_no_bond_first() -> None:
    # 中小微企业为合同金额的2%: with small_firm=true the bond is 20000. Without "deductions from
    # bond first" the 7% deduction (score 82 in [80, 85)) comes off the payment: 930000.
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total
      bond if small_firm then 2% else 3% end of contract_total
      deduct band 考核 { [85, 100] -> 0%  [80, 85) -> 7%  (-inf, 80) -> 20% }
    }
    """
    )
    p = pay(rules, _score("82"), "2026", params={"small_firm": True})
    assert p.bond is not None and (p.bond.amount, p.bond.deducted) == (D(20000), D(0))
    assert p.payable == D("930000.00")


def test_money_is_rounded_half_up_once_per_line_and_totals_add_lines() -> None:
    # contract_total 0.01元: base 0.01 / 2 = 0.005 → 0.01 (half-up; half-even would give
    # 0.00); the formula 0.01 × 40% = 0.004 → 0.00. payable = 0.01 − 0.00 = 0.01, the sum of
    # the rounded lines (rounding the exact 0.001 would give 0.00).
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total / 2
      deduct contract_total * 40% when 考核 < 100
    }
    """
    )
    p = pay(rules, _score("90"), "2026", params={"contract_total": D("0.01")})
    assert [x.amount for x in p.lines] == [D("0.01"), D("0.00")]
    assert p.payable == D("0.01")


@pytest.mark.parametrize(
    ("total", "line"),
    [("1000.01", "500.01"), ("1000.03", "500.02"), ("999.99", "500.00")],
)
def test_half_up_at_the_half_cent(total: str, line: str) -> None:
    # total / 2: 500.005 → 500.01; 500.015 → 500.02; 499.995 → 500.00.
    rules = HEAD + "payment per 年度 { base contract_total / 2 }"
    p = pay(rules, _score("90"), "2026", params={"contract_total": D(total)})
    assert p.lines[0].amount == D(line)


def test_just_below_the_half_cent_rounds_down() -> None:
    # 1000.01 / 2 − 0.00005 = 500.00495 → 500.00. (A contract total with a third decimal,
    # the way this was once written, is refused: money is in whole 0.01; so is a literal
    # 0.00005元 (SLR136), so the 0.00005 is 1元 / 20000.)
    rules = HEAD + "payment per 年度 { base contract_total / 2 - 1元 / 20000 }"
    p = pay(rules, _score("90"), "2026", params={"contract_total": D("1000.01")})
    assert p.lines[0].amount == D("500.00")


def test_without_base_the_milestones_of_the_period_are_the_base() -> None:
    # guangxi: 阶段验收后…10个工作日内支付合同金额的25%; 最终验收合格后10个工作日内支付50%.
    # Only the stage acceptance falls in 2026: base = 25% × 1000000 = 250000. Accepted on
    # 2026-09-25 (中秋节); ten working days skip the National Day holidays (1-7 October
    # off, Saturday 10 October a make-up workday): 28-30 Sep (3), 8-10 Oct (6),
    # 12-15 Oct (10) → due at 24:00 on 15 October.
    rules = (
        HEAD
        + """
    payment per 年度 {
      milestone 阶段验收款 25% of contract_total due 10 workdays after accepted
      milestone 最终验收款 50% of contract_total due 10 workdays after final_accepted
    }
    """
    )
    events = [ev("2026-09-25T10:00:00", "milestone", name="accepted"), *_score("90")]
    p = pay(rules, events, "2026")
    assert [(x.kind, x.name, x.amount) for x in p.lines] == [
        ("base", "base", D("250000.00")),
        ("milestone", "阶段验收款", D("250000.00")),
    ]
    due = p.lines[1].due
    assert due is not None and due.isoformat() == "2026-10-16T00:00:00+08:00"
    assert p.payable == D("250000.00")


def test_milestone_in_calendar_days_moves_off_a_holiday() -> None:
    # 3 days after 2026-09-28 ends on 1 October, a holiday (Civil Code art. 203): the period
    # ends on the next working day, 8 October, at 24:00 → 9 October 00:00.
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total
      milestone 首付 10% of contract_total due 3 days after signed
    }
    """
    )
    events = [ev("2026-09-28T10:00:00", "milestone", name="signed"), *_score("90")]
    p = pay(rules, events, "2026")
    due = next(x.due for x in p.lines if x.kind == "milestone")
    assert due is not None and due.isoformat() == "2026-10-09T00:00:00+08:00"


def test_pay_band_gap_is_a_rule_error_at_the_band() -> None:
    # A literal reading of 80-89 leaves 89.5 uncovered. check refuses such a band (SLR303);
    # should an unchecked model reach the engine, replaying 89.5 is an error that points at
    # the band, not a silent 0%.
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total
      pay band 考核 { [90, 100] -> 100%  [80, 89] -> 85%  [0, 80) -> 70% }
    }
    """
    )
    with pytest.raises(RuleError) as refused:
        slarules.loads(rules)
    assert "SLR303" in [d.code for d in refused.value.diagnostics]
    unchecked = slarules.Ruleset(parse(rules))
    with pytest.raises(RuleError) as err:
        unchecked.replay(_score("89.5"))
    assert [d.code for d in err.value.diagnostics] == ["SLR961"]
    assert "89.5" in err.value.diagnostics[0].message


def test_flags_and_contract_total_are_reported() -> None:
    rules = (
        HEAD
        + """
    payment per 年度 {
      base contract_total
      flag 终止合同权 when 考核 < 60 cite "低于60分…有权终止合同"
      flag 退还保证金 when 考核 >= 85
    }
    """
    )
    p = pay(rules, _score("55"), "2026")
    assert p.contract_total == D(1000000)
    assert [(f.name, f.cite) for f in p.flags] == [("终止合同权", "低于60分…有权终止合同")]
    assert "考核 = 55" in p.flags[0].basis


def test_flat_damages_per_occurrence_count_each_occurrence() -> None:
    # `damages 500元 per occurrence of 失联`: one occurrence of count 2 and one of count 1 in
    # 2026 → 3 × 500 = 1500.00; one in 2027 belongs to 2027, not here.
    rules = (
        HEAD
        + """
    kind 失联
    payment per 年度 {
      base contract_total
      damages 500元 per occurrence of 失联
    }
    """
    )
    events = [
        *_score("100"),
        ev("2026-03-01T10:00:00", "occurrence", kind="失联", count=2),
        ev("2026-05-01T10:00:00", "occurrence", kind="失联"),
        ev("2027-01-05T10:00:00", "occurrence", kind="失联"),
    ]
    p = pay(rules, events, "2026")
    line = next(x for x in p.lines if x.kind == "damages")
    assert (line.amount, line.status) == (D("1500.00"), "final")
    assert line.basis == "3 occurrences (event 2, event 3) × 500"
    assert (p.payable, p.damages) == (D("1000000.00"), D("1500.00"))
