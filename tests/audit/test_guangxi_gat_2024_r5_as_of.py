"""Audit R5, guangxi-gat-2024: a report as of an instant inside 考核周期:1, before the 阶段验收
is logged, against the report after it.

"确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%" (付款方式): the
payment has no `base`, so a cycle's base is the cash due in it — the milestones whose trigger
event it contains (docs/rulesets/guangxi-gat-2024.md). While cycle 1 runs, an `accepted`
logged later in it adds 25% × 10000000 = 2500000.00 to that base. A report as of 2024-11-01
(before the acceptance) must therefore not call the cycle's base final at 0.00
(docs/reports.md: "A line reported `final` never changes at a later evaluation time"; the
running period's lines are provisional).

Defect found by replaying random logs at each period end and at random instants (audit R5):
before the fix the base line was reported `final` 0.00 in the running cycle and became
2500000.00 once the acceptance was logged. Worked by hand; nothing copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

GX = "guangxi-gat-2024"


def _statuses(period: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {x["name"]: (x["status"], x["amount"]) for x in period["payment"]["lines"]}


def test_the_base_of_a_running_cycle_is_provisional_until_its_acceptance_can_no_longer_come(
    kit: Any,
) -> None:
    absent = [kit.ev("2024-10-08 10:00", "occurrence", kind="驻点缺席", assessor="监理")]
    before = kit.period(kit.replay(GX, absent, as_of="2024-11-01 00:00"), "考核周期:1")
    # Nothing is due yet: the base so far is 0.00, but only so far.
    assert _statuses(before)["base"] == ("provisional", "0.00")
    assert before["payment"]["status"] == "provisional"

    # 阶段验收 on Monday 2025-03-03: 10 工作日, the day not counted — Mar 4–7 (4), 10–14 (9),
    # 17 (10) → due 2025-03-17 24:00. Cycle 1's base is 2500000.00 from then on.
    accepted = [*absent, kit.ev("2025-03-03 10:00", "milestone", name="accepted")]
    later = kit.replay(GX, accepted, as_of="2025-10-01 00:00")
    one = kit.period(later, "考核周期:1")
    assert _statuses(one)["base"] == ("final", "2500000.00")
    assert _statuses(one)["阶段验收款"] == ("final", "2500000.00")
    assert kit.line(one, "milestone")["due"] == "2025-03-18T00:00:00+08:00"


def test_every_line_final_inside_the_cycle_is_the_same_after_it(kit: Any) -> None:
    # The property itself, at each month end of cycle 1, for the log of the test above.
    events = [
        kit.ev("2024-10-08 10:00", "occurrence", kind="驻点缺席", assessor="监理"),
        kit.ev("2025-03-03 10:00", "milestone", name="accepted"),
    ]
    final = _statuses(kit.period(kit.replay(GX, events, as_of="2025-10-01 00:00"), "考核周期:1"))
    for as_of in ("2024-10-01 00:00", "2025-01-01 00:00", "2025-03-03 10:00", "2025-09-01 00:00"):
        inside = _statuses(kit.period(kit.replay(GX, events, as_of=as_of), "考核周期:1"))
        for name, (status, amount) in inside.items():
            if status == "final":
                assert final[name] == (status, amount), (as_of, name)


def test_a_fault_of_the_cycles_last_hour_keeps_the_ended_cycle_provisional(kit: Any) -> None:
    # A ticket counts in the 考核周期 it was opened in (rule file). 1级 fault opened
    # 2025-09-01 23:00, an hour before cycle 1 ends (2025-09-02 00:00): "15分钟内响应" →
    # answered 23:30, late: −2 on 表1 and on every 表2 sheet. "4小时内…直至系统可以运行" →
    # due 03:00, still running when the cycle ends. Two 驻点缺席 on 表1 (−4).
    events = [
        kit.ev("2025-03-03 10:00", "occurrence", kind="驻点缺席", count=2, assessor="监理"),
        kit.ev("2025-09-01 23:00", "opened", ticket="X1", sla="事件", tier="1级"),
        kit.ev("2025-09-01 23:30", "responded", ticket="X1"),
    ]
    # As of the cycle's end: 监理 94, 服务总队 98 → 96 → "95≤…≤100" 0%, but only so far.
    ended = kit.period(kit.replay(GX, events, as_of="2025-09-02 00:00"), "考核周期:1")
    assert ended["composite"]["最终得分"]["score"] == "96"
    assert _statuses(ended)["deduct band 最终得分 of contract_total"] == ("provisional", "0.00")

    # Restored at 05:00, two hours late: −2 more on each → 监理 92, 服务总队 96 → 94 →
    # "90≤…<95" 2% × 10000000 = 200000.00. Its report ("故障排除后3天内") came on 09-03: met.
    later = [
        *events,
        kit.ev("2025-09-02 05:00", "resolved", ticket="X1"),
        kit.ev("2025-09-03 10:00", "reported", ticket="X1"),
    ]
    one = kit.period(kit.replay(GX, later, as_of="2025-10-01 00:00"), "考核周期:1")
    assert one["composite"]["最终得分"]["score"] == "94"
    assert _statuses(one)["deduct band 最终得分 of contract_total"] == ("final", "-200000.00")
