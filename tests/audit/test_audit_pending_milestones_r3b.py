"""Audit r3b: a milestone whose event has not been logged yet is a pending line of the term's
last cycle, not simply absent (docs/language.md §6, "A milestone waits for its event").

guangxi-gat-2024, 付款方式 (shared/contracts/guangxi-gat-2024.txt):

  "确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%；…2025年下半年
  根据项目实施服务情况再支付合同金额的25%；中标人按照合同要求做好维护工作至维护期满并经最终验收
  合格后10个工作日内，支付合同金额的50%"

Cycles of 12 months from 2024-09-02 (考核周期:1 2024-09-02 – 2025-09-02, 考核周期:2 –
2026-09-02), contract 10000000 (the rule file's placeholder). fujian-slt-2024, 四、付款条件:
"收到成交人等额发票后…15个工作日内，支付合同总金额的50.00%作为预付款"; "…成交人开具等额发票，
15个工作日内由采购人按考核结果支付剩余服务费". Nothing here was copied from slarules' output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import slarules

GX = "guangxi-gat-2024"
SLT = "fujian-slt-2024"
D = Decimal
WAITS_FINAL = "the final_accepted milestone event, not logged yet"


def _milestones(period: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    lines = period["payment"]["lines"]
    return [(x["name"], x["amount"], x["due"]) for x in lines if x["kind"] == "milestone"]


def _scores(kit: Any, day: str, supervisor: str, teams: str) -> list[dict[str, Any]]:
    return [
        kit.ev(f"{day} 10:00", "score", scorecard="监理评分", score=supervisor),
        kit.ev(f"{day} 10:00", "score", scorecard="服务总队评分", score=teams),
    ]


def test_guangxi_after_the_term_before_final_acceptance_cycle_2_waits_for_its_50_percent(
    kit: Any,
) -> None:
    # 阶段验收 2024-09-02 (Mon), cycle 1: 25% = 2500000.00, due 10 工作日 later. Scores 100 /
    # 100 both cycles → 表3 0%. As of 2026-10-01 the term has ended (2026-09-02 00:00) and
    # 最终验收 has not been logged: cycle 2's cash is 中期款 2500000.00 (due by 2025-12-31
    # 24:00, no 重大事故) + the 50% still to be scheduled. So cycle 2 is pending: 最终验收款
    # without an amount or a due date, waiting for final_accepted; its base (the sum of its
    # milestones) and its payable wait too. Cycle 1 is final: 2500000.00.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "100", "100"),
        *_scores(kit, "2026-08-20", "100", "100"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    assert (one["payment"]["status"], one["payment"]["payable"]) == ("final", "2500000.00")
    assert [n for n, _a, _d in _milestones(one)] == ["阶段验收款"]
    assert _milestones(two) == [
        ("中期款", "2500000.00", "2026-01-01T00:00:00+08:00"),
        ("最终验收款", None, None),
    ]
    waiting = kit.line(two, "milestone", 1)
    assert waiting["status"] == "pending"
    assert waiting["waiting_for"] == [WAITS_FINAL]
    assert "not logged yet" in waiting["basis"]
    assert (two["payment"]["status"], two["payment"]["payable"]) == ("pending", None)
    assert WAITS_FINAL in two["payment"]["waiting_for"]
    # 最终验收 logged on Thu 2026-09-10 (after the term: cycle 2's). 10 工作日, the day not
    # counted: Sep 11 (1), 14–18 (6), Sun 20 Sep a 调休 working day (7), 21–23 (10) → due
    # 2026-09-24 00:00. 50% × 10000000 = 5000000.00; cycle 2 pays 2500000.00 + 5000000.00 =
    # 7500000.00, final; the term 2500000 + 7500000 = 10000000.00, the contract.
    events.append(kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"))
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    two = kit.period(report, "考核周期:2")
    assert _milestones(two)[1] == ("最终验收款", "5000000.00", "2026-09-24T00:00:00+08:00")
    assert (two["payment"]["status"], two["payment"]["payable"]) == ("final", "7500000.00")


def test_guangxi_the_last_cycle_waits_at_the_instant_before_and_at_the_term_end(
    kit: Any,
) -> None:
    # As of 2026-09-01 23:59 cycle 2 is still running, and as of 2026-09-02 00:00 it has
    # ended: either way 最终验收 is to come, so its line waits in cycle 2 (the last cycle,
    # which an event after the term counts in). Cycle 1 (ended, not the last) lists only
    # its 阶段验收款: a cycle before the last does not wait for the final acceptance.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "100", "100"),
        *_scores(kit, "2026-08-20", "100", "100"),
    ]
    for as_of, ended in (("2026-09-01 23:59", False), ("2026-09-02 00:00", True)):
        report = kit.replay(GX, events, as_of=as_of)
        one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
        assert [n for n, _a, _d in _milestones(one)] == ["阶段验收款"], as_of
        assert one["payment"]["status"] == "final", as_of
        assert two["ended"] is ended, as_of
        assert _milestones(two)[-1] == ("最终验收款", None, None), as_of
        assert two["payment"]["payable"] is None, as_of


def test_guangxi_a_running_first_cycle_does_not_list_the_final_acceptance(kit: Any) -> None:
    # As of 2025-03-01 only cycle 1 is reported; the term's last cycle has not started, so
    # nothing waits for final_accepted yet, and cycle 1 (阶段验收 logged) pays its 2500000.00.
    events = [kit.ev("2024-09-02 10:00", "milestone", name="accepted")]
    report = kit.replay(GX, events, as_of="2025-03-01 00:00")
    assert [p["period"] for p in report["periods"]] == ["考核周期:1"]
    one = kit.period(report, "考核周期:1")
    assert _milestones(one) == [("阶段验收款", "2500000.00", "2024-09-15T00:00:00+08:00")]


def test_guangxi_an_unlogged_stage_acceptance_also_waits_in_the_last_cycle(kit: Any) -> None:
    # No 阶段验收 at all by 2026-03-01: its 25% is not forgotten either. Cycle 2 lists it
    # pending before 中期款 (the order of the file), and cycle 1 (ended) stays without it.
    # Logged late with "period": "考核周期:1" (the service it pays), it is cycle 1's line —
    # 10 工作日 after Mon 2026-03-02: Mar 3–6 (4), 9–13 (9), 16 (10) → due 2026-03-17
    # 00:00, 2500000.00 — and cycle 2 no longer waits for it.
    report = kit.replay(GX, [], as_of="2026-03-01 00:00")
    two = kit.period(report, "考核周期:2")
    assert [(n, a) for n, a, _d in _milestones(two)] == [
        ("阶段验收款", None),
        ("中期款", "2500000.00"),
        ("最终验收款", None),
    ]
    assert _milestones(kit.period(report, "考核周期:1")) == []
    late = kit.ev("2026-03-02 10:00", "milestone", name="accepted", period="考核周期:1")
    report = kit.replay(GX, [late], as_of="2026-04-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    assert _milestones(one) == [("阶段验收款", "2500000.00", "2026-03-17T00:00:00+08:00")]
    assert [(n, a) for n, a, _d in _milestones(two)] == [
        ("中期款", "2500000.00"),
        ("最终验收款", None),
    ]


def test_fujian_slt_one_year_waits_for_both_invoices(kit: Any) -> None:
    # One 服务年 from 2024-07-01, contract 500000. Nothing invoiced: the advance (50% =
    # 250000.00) and the balance both wait for their invoices; the year's payable is what
    # the pay band pays (the base, 500000.00 at a grade of 90+), but the year is pending:
    # neither instalment is scheduled yet.
    events = [kit.ev("2025-06-20 10:00", "score", scorecard="运维工作考核", score="95")]
    report = kit.replay(SLT, events, as_of="2025-07-15 00:00")
    year = kit.period(report, "服务年:1")
    assert _milestones(year) == [("预付款", None, None), ("剩余服务费", None, None)]
    waits = [kit.line(year, "milestone", k)["waiting_for"] for k in (0, 1)]
    assert waits == [
        ["the invoiced milestone event, not logged yet"],
        ["the balance_invoiced milestone event, not logged yet"],
    ]
    assert year["payment"]["status"] == "pending"


_DEMO = """ruleset "pending-demo" {
  timezone "Asia/Shanghai"
}
calendar 工作日 { hours "mon-fri 09:00-17:00" days CN }
period 月 = month
period 年 = cycle 12 months from 2026-01-01 for 2
payment per 月 {
  milestone 月款 1000元 due 5 workdays after invoiced
}
payment per 年 {
  milestone 尾款 1000元 due 5 workdays after accepted
}
"""


def _payments(events: list[dict[str, Any]], as_of: str) -> dict[str, dict[str, Any]]:
    report = slarules.loads(_DEMO).replay(events, as_of=as_of)
    data: dict[str, Any] = json.loads(report.to_json())
    return {p["period"]: p["payment"] for p in data["periods"]}


def test_only_a_term_waits_for_a_milestone_and_only_in_its_last_cycle() -> None:
    # As of 2027-03-01 with nothing logged: 年:2 (the last of two cycles) lists 尾款
    # pending, and its base (the sum of its milestones) waits; 年:1 (ended, not the last)
    # is final at 0.00; the month 2027-03 (a calendar period, no term) lists nothing —
    # a milestone per event of a monthly payment has no one month that waits for it.
    pays = _payments([], "2027-03-01T00:00:00+08:00")
    assert [(x["name"], x["amount"]) for x in pays["年:2"]["lines"]] == [
        ("base", None),
        ("尾款", None),
    ]
    assert (pays["年:2"]["status"], pays["年:2"]["payable"]) == ("pending", None)
    assert (pays["年:1"]["status"], pays["年:1"]["payable"]) == ("final", "0.00")
    # 2027-03 begins at the evaluation time: nothing owed so far, and it says so.
    assert (pays["2027-03"]["status"], pays["2027-03"]["payable"]) == ("provisional", "0.00")
    # accepted on Mon 2026-06-01 (年:1): 5 工作日, the day not counted: Jun 2, 3, 4, 5, 8 →
    # due 2026-06-08 24:00; 1000.00 in 年:1, and 年:2 no longer waits: final, 0.00.
    accepted = {"at": "2026-06-01T10:00:00+08:00", "type": "milestone", "name": "accepted"}
    pays = _payments([accepted], "2027-03-01T00:00:00+08:00")
    line = next(x for x in pays["年:1"]["lines"] if x["name"] == "尾款")
    assert (line["amount"], line["due"]) == ("1000.00", "2026-06-09T00:00:00+08:00")
    assert (pays["年:1"]["status"], pays["年:1"]["payable"]) == ("final", "1000.00")
    # 年:2 (2027) runs until 2028-01-01, so its 0.00 is what it owes so far.
    assert (pays["年:2"]["status"], pays["年:2"]["payable"]) == ("provisional", "0.00")


def test_guangxi_final_acceptance_naming_a_cycle_past_the_term_pays_nowhere_and_says_so(
    kit: Any,
) -> None:
    # The term has two 考核周期 ("运维服务采购年限为两年"). A final_accepted event that names
    # 考核周期:3 (a typo for :2) pays in no cycle: cycle 2 still waits for its 50%, and the
    # report warns about the event's line instead of dropping it silently.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *_scores(kit, "2025-08-20", "100", "100"),
        *_scores(kit, "2026-08-20", "100", "100"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted", period="考核周期:3"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    two = kit.period(report, "考核周期:2")
    assert _milestones(two)[1] == ("最终验收款", None, None)
    assert (two["payment"]["status"], two["payment"]["payable"]) == ("pending", None)
    named = "milestone attributed to period 考核周期:3"
    assert any(named in w and "the term of 考核周期 has 2 cycles" in w for w in report["warnings"])
