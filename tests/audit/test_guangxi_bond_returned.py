"""guangxi-gat-2024: when the bond comes back.

"中标人按照合同要求做好维护工作至维护期满并经最终验收合格后10个工作日内，支付合同金额的50%，
并将履约保证金全额退回（不计利息）"; "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额
的3%作为履约保证金"; "如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金"; 表3 "90≤运维服务
质量评价得分<95 2% 2%×合同总价". Before, the report gave the bond's account but no date for
giving back what is left of it. Worked by hand; nothing copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

from slarules.language.parser import parse
from slarules.language.printer import format_ruleset


def _events(kit: Any, *, final: bool) -> list[dict[str, Any]]:
    events = [kit.ev("2024-09-20 10:00", "milestone", name="accepted")]
    for n, score in ((1, 100), (2, 92)):
        for card in ("监理评分", "服务总队评分"):
            events.append(
                kit.ev(f"202{4 + n}-08-30 10:00", "score", scorecard=card, score=score,
                       period=f"考核周期:{n}")
            )  # fmt: skip
    if final:
        events.append(kit.ev("2026-11-02 10:00", "milestone", name="final_accepted"))
    return events


def test_what_is_left_of_the_bond_is_due_with_the_final_fifty_percent(kit: Any) -> None:
    two = kit.period(kit.replay("guangxi-gat-2024", _events(kit, final=True)), "考核周期:2")
    # Bond 3% × 10000000 = 300000.00; cycle 1 at 100 deducts 0% and leaves it whole. Cycle 2
    # at 最终得分 92 (监理 92 × 50% + 总队 92 × 50%) deducts 2% × 10000000 = 200000.00, taken
    # from the bond first: 100000.00 is left to give back.
    returned = kit.line(two, "bond_return")
    assert returned["amount"] == "100000.00"
    # final_accepted on Mon 2026-11-02; 10 working days: Nov 3, 4, 5, 6, 9, 10, 11, 12, 13,
    # 16 (no holiday) → due at the end of Mon 2026-11-16, the same as the final 50%.
    assert returned["due"] == "2026-11-17T00:00:00+08:00"
    assert returned["due"] == kit.line(two, "milestone", 1)["due"]
    assert (returned["status"], two["payment"]["payable"]) == ("final", "7500000.00")


def test_the_return_waits_for_the_final_acceptance(kit: Any) -> None:
    report = kit.replay("guangxi-gat-2024", _events(kit, final=False), as_of="2026-10-01 00:00")
    returned = kit.line(kit.period(report, "考核周期:2"), "bond_return")
    assert (returned["amount"], returned["due"]) == (None, None)
    assert returned["waiting_for"] == ["the final_accepted milestone event, not logged yet"]


def test_the_clause_prints_back() -> None:
    text = (
        'ruleset "b" { timezone "Asia/Shanghai" }\n'
        "param contract_total: money = 1000000元\n"
        "period 年度 = year\n"
        "payment per 年度 {\n"
        "  bond 3% of contract_total returned due 10 workdays after final_accepted\n"
        "  milestone 尾款 50% of contract_total due 10 workdays after final_accepted\n"
        "}\n"
    )
    model = parse(text, "b.sla")
    printed = format_ruleset(model)
    assert "bond 3% of contract_total returned due 10 workdays after final_accepted" in printed
    again = parse(printed, "b.sla").payments[0].entries[0]
    assert (again.returned_delay.text, again.returned_after) == ("10 workdays", "final_accepted")  # type: ignore[union-attr]
