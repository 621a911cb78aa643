"""Audit: guangxi-gat-2024, the money of the two 考核周期 — 阶段验收款 before the first cycle,
中期款 on the edge of its condition, 最终验收款 after the term, 表3 at its band edges, the bond
and a refund — worked by hand from the contract text (shared/contracts/guangxi-gat-2024.txt,
付款方式 and 表3):

  "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额的3%作为履约保证金…确认项目通过
  科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%；…中标人维护过程中无重大事故
  发生，2025年下半年根据项目实施服务情况再支付合同金额的25%；中标人按照合同要求做好维护工作至
  维护期满并经最终验收合格后10个工作日内，支付合同金额的50%，并将履约保证金全额退回（不计利息）。
  …如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付处罚款项时，采购人
  有权向中标人追回已支付的合同款或直接从应付合同款中相应扣减）。"
  表3: "95≤…≤100 0%; 90≤…<95 2%×合同总价; 85≤…<90 5%; 80≤…<85 7%; <80 20%"
  "最终得分=监理评分*50%+服务总队最终加权评分*50%"

The rule file's documented readings (docs/rulesets/guangxi-gat-2024.md, 12–15): contract
10000000, cycles of 12 months from 2024-09-02, a cycle's base is the cash due in it, one bond
for the two cycles, 中期款 due by 2025-12-31 24:00 and checked over everything before it.
Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GX = "guangxi-gat-2024"
D = Decimal


def _scores(kit: Any, day: str, supervisor: str, teams: str) -> list[dict[str, Any]]:
    return [
        kit.ev(f"{day} 10:00", "score", scorecard="监理评分", score=supervisor),
        kit.ev(f"{day} 10:00", "score", scorecard="服务总队评分", score=teams),
    ]


def _milestones(lines: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(x["name"], x["amount"], x["due"]) for x in lines if x["kind"] == "milestone"]


def test_the_whole_term_with_full_scores_pays_the_contract_and_keeps_the_bond(kit: Any) -> None:
    # 阶段验收 on Friday 2024-08-30, before the first cycle (2024-09-02): it pays for cycle 1.
    # 10 工作日 from it (the day not counted): Sep 2–6 (5), 9–13 (10) → due 13 Sep 24:00 =
    # 2024-09-14T00:00+08:00 (14 Sep 2024 is a make-up Saturday, but the tenth day is the 13th).
    # 中期款: due by 2025-12-31 24:00 = 2026-01-01T00:00+08:00, in cycle 2; no 重大事故.
    # 最终验收 on Thursday 2026-09-10, after the term (it ends 2026-09-02 00:00): cycle 2's.
    # 10 工作日: Sep 11 (1), 14–18 (6), Sunday 20 Sep — a 调休 working day of the 2026
    # schedule ("9月20日（周日）上班", for 国庆) — (7), 21–23 (10) → due 23 Sep 24:00 =
    # 2026-09-24T00:00. (My first count missed the make-up Sunday and said the 24th.)
    # Scores 100 / 100 → 0% both cycles. Cycle 1 pays 2500000.00; cycle 2 2500000.00 +
    # 5000000.00 = 7500000.00; the term 10000000.00 = 25% + 25% + 50% of the contract; the
    # bond 3% = 300000.00 untouched, "全额退回".
    events = [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "100", "100"),
        *_scores(kit, "2026-08-20", "100", "100"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    assert _milestones(one["lines"]) == [("阶段验收款", "2500000.00", "2024-09-14T00:00:00+08:00")]
    assert _milestones(two["lines"]) == [
        ("中期款", "2500000.00", "2026-01-01T00:00:00+08:00"),
        ("最终验收款", "5000000.00", "2026-09-24T00:00:00+08:00"),
    ]
    assert (one["payable"], two["payable"]) == ("2500000.00", "7500000.00")
    assert D(one["payable"]) + D(two["payable"]) == D("10000000.00")
    assert two["bond"]["remaining"] == "300000.00"
    assert not report["outside_term"]


@pytest.mark.parametrize(
    "accident, paid",
    [
        # "无重大事故发生" checked at the due time, 2026-01-01 00:00: an accident in the last
        # minute of 2025 is before it → 中期款 withheld, 0.00. The supervisor logs it ("项目
        # 阶段实施服务情况由监理负责监督与评定", assessor 监理, as the rule file says): before
        # the fix in views.py, a tagged accident was invisible to the payment and the
        # 2500000.00 was paid.
        ("2025-12-31 23:59", "0.00"),
        # At 2026-01-01 00:00 the payment was already due: it is paid, 2500000.00.
        ("2026-01-01 00:00", "2500000.00"),
    ],
)
def test_the_mid_term_payment_and_an_accident_at_its_due_time(
    kit: Any, accident: str, paid: str
) -> None:
    for who in ({}, {"assessor": "监理"}, {"assessor": "禁毒总队"}):
        events = [kit.ev(accident, "occurrence", kind="重大事故", **who)]
        report = kit.replay(GX, events, as_of="2026-03-01 00:00")
        two = kit.period(report, "考核周期:2")["payment"]
        # Neither 阶段验收 nor 最终验收 is logged: cycle 2, the term's last, lists both as
        # pending lines waiting for their events (docs/language.md §6, "A milestone waits
        # for its event"), so the cycle is not final while they are to be scheduled.
        assert [(n, a) for n, a, _ in _milestones(two["lines"])] == [
            ("阶段验收款", None),
            ("中期款", paid),
            ("最终验收款", None),
        ], who
        assert (two["status"], two["payable"]) == ("pending", None), who


def test_a_leak_recorded_by_a_department_ends_the_contract(kit: Any) -> None:
    # "发生失泄密事件即终止合同": the flag is raised whoever records the event — a
    # department on its 表2 sheet, the supervisor, or nobody in particular.
    for who in ({}, {"assessor": "监理"}, {"assessor": "警务保障部"}):
        events = [kit.ev("2025-03-01 10:00", "occurrence", kind="失泄密事件", **who)]
        report = kit.replay(GX, events, as_of="2025-04-01 00:00")
        assert "终止合同" in kit.flags(kit.period(report, "考核周期:1")), who


@pytest.mark.parametrize(
    "supervisor, teams, final, deducted",
    [
        # 95 and 95 → 95: "95≤…≤100" → 0%.
        ("95", "95", "95", "0.00"),
        # 95 and 94.99 → 94.995: below 95 → 2% × 10000000 = 200000.00.
        ("95", "94.99", "94.995", "200000.00"),
        # 90 and 90 → 90: "90≤…<95" → 2%; 89.99/90 → 89.995: "85≤…<90" → 5% = 500000.00.
        ("90", "90", "90", "200000.00"),
        ("89.99", "90", "89.995", "500000.00"),
        # 80/80 → 80: 7% = 700000.00; 79.98/80 → 79.99: "<80" → 20% = 2000000.00.
        ("80", "80", "80", "700000.00"),
        ("79.98", "80", "79.99", "2000000.00"),
    ],
)
def test_table_3_at_its_band_edges(
    kit: Any, supervisor: str, teams: str, final: str, deducted: str
) -> None:
    events = _scores(kit, "2025-08-20", supervisor, teams)
    report = kit.replay(GX, events, as_of="2025-10-01 00:00")
    cycle = kit.period(report, "考核周期:1")
    assert cycle["composite"]["最终得分"]["score"] == final
    band = kit.line(cycle, "deduct_band")
    assert D(band["amount"]) == -D(deducted)


def test_a_refund_in_cycle_1_and_a_deduction_from_cash_in_cycle_2_over_the_term(
    kit: Any,
) -> None:
    # Cycle 1: 阶段验收 2024-09-02 → cash 2500000.00. Final 80 → 7% = 700000.00: the bond
    # (300000.00) first, 400000.00 from the cash → pays 2100000.00; bond left 0.00.
    # Cycle 2: final 79.99 → 20% = 2000000.00, nothing left in the bond → from the cash:
    # 中期款 2500000.00 + 最终验收款 5000000.00 − 2000000.00 = 5500000.00.
    # Term: the vendor is paid 2100000 + 5500000 = 7600000.00 and loses the 300000.00 bond:
    # 7300000.00 net = 10000000 − 700000 − 2000000, the contract less what 表3 deducts.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "80", "80"),
        *_scores(kit, "2026-08-20", "79.98", "80"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    assert (one["payable"], one["refund"]) == ("2100000.00", "0.00")
    assert one["bond"]["remaining"] == "0.00"
    assert (two["payable"], two["refund"]) == ("5500000.00", "0.00")
    assert two["bond"]["deducted"] == "0.00"
    paid = D(one["payable"]) + D(two["payable"])
    kept_bond = D(one["bond"]["deducted"]) + D(two["bond"]["deducted"])
    assert paid - kept_bond == D("10000000") - D("700000") - D("2000000")


def test_the_three_instalments_of_a_total_with_cents_add_up_to_it(kit: Any) -> None:
    # 10000000.02: 25% = 2500000.005 (×2), 50% = 5000000.01. Rounded on their own: 2500000.01
    # + 2500000.01 + 5000000.01 = 10000000.03, a cent over "合同金额". The three must add up
    # to 10000000.02 (e.g. 2500000.01, 2500000.00, 5000000.01).
    # Rounded cumulatively in term order (docs/language.md §6): the running exact sums are
    # 2500000.005, 5000000.01, 10000000.02, rounded 2500000.01, 5000000.01, 10000000.02; each
    # instalment is the difference: 2500000.01, 2500000.00, 5000000.01.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "100", "100"),
        *_scores(kit, "2026-08-20", "100", "100"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    params = {"contract_total": "10000000.02"}
    report = kit.replay(GX, events, as_of="2026-10-01 00:00", params=params)
    paid = sum(D(p["payment"]["payable"]) for p in report["periods"])
    assert paid == D("10000000.02")
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    assert [(n, a) for n, a, _ in _milestones(one["lines"])] == [("阶段验收款", "2500000.01")]
    assert [(n, a) for n, a, _ in _milestones(two["lines"])] == [
        ("中期款", "2500000.00"),
        ("最终验收款", "5000000.01"),
    ]
    # An instalment already reported does not change when a later one is scheduled: at
    # 2025-06-01 only cycle 1 exists (2500000.01); at 2026-03-01 the 中期款 is 2500000.00
    # before the 最终验收 event is in the log.
    early = kit.replay(GX, events[:1], as_of="2025-06-01 00:00", params=params)
    first = kit.period(early, "考核周期:1")["payment"]
    assert [a for _n, a, _d in _milestones(first["lines"])] == ["2500000.01"]
    middle = kit.replay(GX, events[:3], as_of="2026-03-01 00:00", params=params)
    mid = kit.period(middle, "考核周期:2")["payment"]
    # (最终验收 not logged yet: its line waits in cycle 2, without an amount.)
    assert [(n, a) for n, a, _ in _milestones(mid["lines"])] == [
        ("中期款", "2500000.00"),
        ("最终验收款", None),
    ]


def test_a_deduction_does_not_move_the_next_instalment(kit: Any) -> None:
    # The rounding carries what was *scheduled*, not what was paid: with 80/80 in cycle 1
    # (表3 7% = 700000.0014 → 700000.00 of 10000000.02, bond 3% = 300000.0006 → 300000.00
    # first, 400000.00 from the cash) cycle 1 pays 2500000.01 − 400000.00 = 2100000.01, but
    # cycle 2's instalments are the same 2500000.00 and 5000000.01 as with full scores.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "80", "80"),
        *_scores(kit, "2026-08-20", "100", "100"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    params = {"contract_total": "10000000.02"}
    report = kit.replay(GX, events, as_of="2026-10-01 00:00", params=params)
    one, two = (kit.period(report, f"考核周期:{k}")["payment"] for k in (1, 2))
    assert one["payable"] == "2100000.01"
    assert [a for _n, a, _d in _milestones(two["lines"])] == ["2500000.00", "5000000.01"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cents=st.integers(1, 10**13))
def test_the_three_instalments_add_up_for_any_total_with_cents(kit: Any, cents: int) -> None:
    # "25%…再支付合同金额的25%…支付合同金额的50%": for any 合同金额 the three instalments of
    # the term add up to it exactly, and each is within a cent of its exact share.
    total = D(cents) / 100
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00", params={"contract_total": str(total)})
    amounts = [
        D(a)
        for k in (1, 2)
        for _n, a, _d in _milestones(kit.period(report, f"考核周期:{k}")["payment"]["lines"])
    ]
    shares = [total * D("0.25"), total * D("0.25"), total * D("0.5")]
    assert sum(amounts) == total
    assert all(abs(a - s) < D("0.01") for a, s in zip(amounts, shares, strict=True))
