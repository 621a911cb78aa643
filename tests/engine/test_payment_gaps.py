"""Payment constructs added after writing the reference rulesets (docs/language.md §6): caps
on deductions, bands ``of`` an explicit amount, ``payout``, and milestones ``due by`` a date
and ``when`` a condition. Every expected number is worked out by hand in the comment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.api import Ruleset
from slarules.engine.scoring.results import PaymentLine, PaymentResult
from slarules.errors import RuleError
from slarules.language.parser import parse

HEAD = """
ruleset "gaps" { timezone "Asia/Shanghai" }
param contract_total: money = 1000000元
param cycles: number = 2
param mid_due: date = 2026-09-30
calendar 工作日 { hours "mon-fri 09:00-17:00" days CN }
period 年度 = year
kind 重大事故
scorecard 考核 per 年度 { item 分 max 100 { judged } }
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at + "+08:00", "type": type_, **fields}


def scored(points: str, *more: dict[str, Any]) -> list[dict[str, Any]]:
    return [ev("2026-06-30T10:00:00", "judgement", item="分", points=points), *more]


def pay(
    payment: str, events: list[dict[str, Any]], label: str = "2026", as_of: str | None = None
) -> PaymentResult:
    report = slarules.loads(HEAD + payment).replay(events, as_of=as_of)
    found = [p for p in report.periods if p.label == label]
    assert found and found[0].payment is not None, [p.label for p in report.periods]
    return found[0].payment


def line(p: PaymentResult, kind: str, index: int = 0) -> PaymentLine:
    return [x for x in p.lines if x.kind == kind][index]


# ---- 1. cap ------------------------------------------------------------------------------


LINEAR = """
payment per 年度 {
  base contract_total / cycles
  deduct 5% of contract_total per point below 90 in 考核 fraction prorated
    cap contract_total / cycles
}
"""


def test_a_linear_deduction_stops_at_its_cap() -> None:
    # fujian-gxt "每低1分扣除项目合同款项的5%", withheld from the cycle's share: score 70 →
    # 20 × 5% × 1000000 = 1000000, capped at 1000000 / 2 = 500000 → payable 0.00, and no
    # damages (without the cap the 500000 excess would be damages).
    p = pay(LINEAR, scored("70"))
    assert line(p, "linear").amount == Decimal("-500000.00")
    assert line(p, "linear").basis.endswith("capped at contract_total / cycles = 500000")
    assert (p.payable, p.damages) == (Decimal("0.00"), Decimal("0.00"))


def test_a_linear_deduction_under_its_cap_is_untouched() -> None:
    # 88.5 → 1.5 × 50000 = 75000 < 500000 → −75000.00; payable 425000.00.
    p = pay(LINEAR, scored("88.5"))
    assert line(p, "linear").amount == Decimal("-75000.00")
    assert "within the cap" in line(p, "linear").basis
    assert p.payable == Decimal("425000.00")


def test_a_formula_deduction_and_a_band_take_caps() -> None:
    # Score 60: formula (90 − 60) × 1000元 = 30000, cap 20000 → −20000.00; deduct band
    # (-inf, 80) → 20% of contract_total = 200000, cap 150000 → −150000.00. Base 500000 →
    # payable 500000 − 20000 − 150000 = 330000.00.
    payment = """
    payment per 年度 {
      base contract_total / cycles
      deduct (90 - 考核) * 1000元 when 考核 < 90 cap 20000元
      deduct band 考核 of contract_total cap 150000元 { [80, 100] -> 0%  (-inf, 80) -> 20% }
    }
    """
    p = pay(payment, scored("60"))
    assert line(p, "formula").amount == Decimal("-20000.00")
    assert line(p, "deduct_band").amount == Decimal("-150000.00")
    assert p.payable == Decimal("330000.00")


def test_a_cap_below_zero_caps_at_zero() -> None:
    # cap 0元 - 10元 = −10 → the deduction is at most 0: −0.00 → payable 500000.00.
    payment = """
    payment per 年度 {
      base contract_total / cycles
      deduct 100元 when 考核 < 90 cap 0元 - 10元
    }
    """
    p = pay(payment, scored("50"))
    assert line(p, "formula").amount == 0
    assert p.payable == Decimal("500000.00")


# ---- 2. bands of an explicit amount ------------------------------------------------------


def test_a_deduct_band_of_the_contract_total_while_the_base_is_the_cash() -> None:
    # guangxi 表3 "扣减金额 = 5%×合同总价": no base line, so the base is the cash due in the
    # year — one milestone of 25% × 1000000 = 250000.00. Score 88 → 5% of contract_total =
    # 50000.00 (not 5% of the base, 12500) → payable 200000.00.
    payment = """
    payment per 年度 {
      milestone 阶段款 25% of contract_total due 10 workdays after accepted
      deduct band 考核 of contract_total { [90, 100] -> 0%  [85, 90) -> 5%  (-inf, 85) -> 20% }
    }
    """
    p = pay(payment, scored("88", ev("2026-03-02T10:00:00", "milestone", name="accepted")))
    assert (line(p, "base").amount, line(p, "milestone").amount) == (
        Decimal("250000.00"),
        Decimal("250000.00"),
    )
    band = line(p, "deduct_band")
    assert (band.name, band.amount) == ("deduct band 考核 of contract_total", Decimal("-50000.00"))
    assert band.basis.endswith("deduct 5% of contract_total 1000000")
    assert p.payable == Decimal("200000.00")


def test_a_pay_band_of_an_amount_replaces_that_part_of_the_base() -> None:
    # Base 1000000, of which the assessed part is 40% = 400000; score 75 → 70% of it: line
    # 400000 × (70 − 100)% = −120000.00 → payable 880000.00.
    payment = """
    payment per 年度 {
      base contract_total
      pay band 考核 of 40% of contract_total { [80, 100] -> 100%  [0, 80) -> 70% }
    }
    """
    p = pay(payment, scored("75"))
    assert line(p, "pay_band").amount == Decimal("-120000.00")
    assert p.payable == Decimal("880000.00")


# ---- 3. payout ---------------------------------------------------------------------------


SLT = """
payment per 年度 {
  base contract_total
  milestone 预付款 50% of contract_total due 15 workdays after invoiced
  milestone 剩余服务费 payout - 50% of contract_total due 15 workdays after balance_invoiced
  pay band 考核 { [90, 100] -> 100%  [80, 90) -> 85%  [70, 80) -> 70%  [0, 70) -> 50% }
  deduct 1% of payout when 考核 < 90
}
"""


def test_the_balance_is_the_payout_less_the_advance() -> None:
    # fujian-slt "按考核结果支付剩余服务费": 83.8 → 85% × 1000000 = payout 850000; the balance
    # 850000 − 500000 = 350000.00, invoiced Mon 23 Nov 2026 → 15 workdays: 24–27 Nov (4),
    # 30 Nov–4 Dec (9), 7–11 (14), Mon 14 Dec (15) → due 14 Dec 24:00. A deduction reading
    # payout: 1% × 850000 = 8500.00 → payable 850000 − 8500 = 841500.00.
    events = scored(
        "83.8",
        ev("2026-03-06T15:00:00", "milestone", name="invoiced"),
        ev("2026-11-23T10:00:00", "milestone", name="balance_invoiced"),
    )
    p = pay(SLT, events)
    balance = line(p, "milestone", 1)
    assert (balance.name, balance.amount) == ("剩余服务费", Decimal("350000.00"))
    assert balance.due is not None and balance.due.isoformat() == "2026-12-15T00:00:00+08:00"
    assert "payout = 850000" in balance.basis
    assert line(p, "formula").amount == Decimal("-8500.00")
    assert p.payable == Decimal("841500.00")


def test_payout_without_a_pay_band_is_refused() -> None:
    # The checker refuses it (SLR213); a model that skipped the checker fails cleanly in the
    # engine (SLR964), never with a traceback.
    payment = """
    payment per 年度 {
      base contract_total
      deduct payout * 1% when 考核 < 90
    }
    """
    with pytest.raises(RuleError) as checked:
        slarules.loads(HEAD + payment)
    assert "SLR213" in {d.code for d in checked.value.diagnostics}
    model = parse(HEAD + payment, "gaps.sla")
    with pytest.raises(RuleError) as caught:
        Ruleset(model).replay(scored("50"))
    assert caught.value.diagnostics[0].code == "SLR964"


# ---- 4. due by a date, when a condition --------------------------------------------------


YEAR_END = "2027-01-01T00:00:00+08:00"
MID = """
payment per 年度 {
  milestone 中期款 25% of contract_total due by mid_due when count(重大事故) == 0
  milestone 年末款 10元 due by 2026-12-31
}
"""


def test_a_milestone_due_by_a_date_is_due_at_its_end() -> None:
    # "2026年9月30日前支付25%": due 30 Sep 24:00 = 1 Oct 00:00 (not moved: a due-by date is
    # the contract's own); no 重大事故 → 250000.00. 年末款 due 31 Dec 24:00 → 10.00. Base
    # (no base line) 250010.00. Evaluated after the due time (as of the end of the year):
    # before it, whether an accident happens by then is not known and 中期款 waits.
    p = pay(MID, scored("95"), as_of=YEAR_END)
    mid, year_end = line(p, "milestone", 0), line(p, "milestone", 1)
    assert (mid.amount, mid.due is not None and mid.due.isoformat()) == (
        Decimal("250000.00"),
        "2026-10-01T00:00:00+08:00",
    )
    assert year_end.due is not None and year_end.due.isoformat() == "2027-01-01T00:00:00+08:00"
    assert line(p, "base").amount == Decimal("250010.00")


def test_a_milestone_condition_counts_everything_before_its_due_time() -> None:
    # "维护过程中无重大事故发生": an accident in 2025 (another year) before the due date
    # withholds it → 0.00 with the reason; one after the due date (Nov 2026) does not.
    before = ev("2025-05-10T10:00:00", "occurrence", kind="重大事故")
    after = ev("2026-11-10T10:00:00", "occurrence", kind="重大事故")
    p = pay(MID, scored("95", before), as_of=YEAR_END)
    mid = line(p, "milestone", 0)
    assert mid.amount == 0
    assert mid.basis.startswith("condition does not hold at the due time: count(重大事故) == 0")
    assert line(p, "base").amount == Decimal("10.00")
    assert line(pay(MID, scored("95", after)), "milestone", 0).amount == Decimal("250000.00")


def test_a_milestone_condition_waits_for_its_due_time() -> None:
    # As of 2026-06-30 (the last event), 中期款 is due 2026-10-01 00:00 and "无重大事故发生"
    # is checked then: an accident in July–September would still withhold it, so the line
    # is pending, not 250000.00 (and the base, the milestones' sum, waits with it).
    p = pay(MID, scored("95"))
    mid = line(p, "milestone", 0)
    assert mid.amount is None
    assert mid.waiting_for == (
        "the due time 2026-10-01T00:00:00+08:00, when its condition is checked",
    )
    assert line(p, "base").amount is None
    assert p.status == "pending"


def test_a_milestone_due_by_a_date_in_another_period_is_not_listed() -> None:
    # mid_due 2027-03-31 lies in 2027: the 2026 payment has only 年末款.
    report = slarules.loads(HEAD + MID).replay(scored("95"), params={"mid_due": "2027-03-31"})
    payment = next(p for p in report.periods if p.label == "2026").payment
    assert payment is not None
    assert [x.name for x in payment.lines if x.kind == "milestone"] == ["年末款"]
