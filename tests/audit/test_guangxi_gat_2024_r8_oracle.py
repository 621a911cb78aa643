"""Audit round 8: the bond after it is given back, worked by hand from the contract text.

付款方式: "合同签订后5个工作日内，中标人须向采购人指定账户交纳合同金额的3%作为履约保证金"; "中标人
按照合同要求做好维护工作至维护期满并经最终验收合格后10个工作日内，支付合同金额的50%，并将履约保证金
全额退回（不计利息）"; "如出现处罚条款所列事故，则按处罚条款要求扣除履约保证金（履约保证金不足以支付
处罚款项时，采购人有权向中标人追回已支付的合同款或直接从应付合同款中相应扣减）". 表3: "90≤运维服务
质量评价得分<95 2% 2%×合同总价".

The bond is paid once and returned once (walkthrough reading 16). Once it is returned the
purchaser holds nothing: a deduction assessed after the return cannot be "扣除履约保证金" — the
bond is "不足以支付处罚款项" (there is none left), so the clause's own fallback applies: the
deduction is taken from the contract money payable ("直接从应付合同款中相应扣减"), and what that
cannot cover is recovered from money already paid (a refund). It is not damages on top: the
clause names only those two routes. Before this round slarules kept the returned bond in the
account: a deduction of the next cycle was "taken from the bond" a second time, and the
vendor was paid as if the bond still covered it (the guangxi oracle's random logs with a
final acceptance logged before the term's end found it; docs/testing.md).

Scores are given with `score` events (walkthrough, "Not encoded": "give the sheet's score
with a `score` event"): 最终得分 = 监理评分 × 50% + 服务总队评分 × 50%, so both at S give S.
Contract total: the rule file's default 10000000元, bond 3% = 300000.00.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

GX = "guangxi-gat-2024"
_SPEC = importlib.util.spec_from_file_location(
    "_audit_reconcile_r8", Path(__file__).with_name("reconcile.py")
)
assert _SPEC is not None and _SPEC.loader is not None
reconcile = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(reconcile)


def _scores(kit: Any, cycle: int, score: int) -> list[dict[str, Any]]:
    """Both sheets of 考核周期:``cycle`` given ``score`` by the purchaser's form, in the
    cycle's last month ("在每个考核周期内的最后一个月完成…考核评价")."""
    return [
        kit.ev(f"202{4 + cycle}-08-20 10:00", "score", scorecard=card, score=score)
        for card in ("监理评分", "服务总队评分")
    ]


def test_a_deduction_after_the_bond_was_returned_is_taken_from_the_payable(kit: Any) -> None:
    events = [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        # The final acceptance logged before the term ends (考核周期:1 runs 2024-09-02 to
        # 2025-09-01): Tuesday 3 Jun 2025. The final 50% and the bond's return belong to
        # the cycle of the event (reading 13), so 考核周期:1.
        kit.ev("2025-06-03 10:00", "milestone", name="final_accepted"),
        *_scores(kit, 1, 100),
        *_scores(kit, 2, 90),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    one, two = kit.period(report, "考核周期:1"), kit.period(report, "考核周期:2")
    # Cycle 1 at 100: 表3 0%, nothing taken; the whole 300000.00 is returned, "最终验收合格后
    # 10个工作日内": Jun 4, 5, 6, 9, 10, 11, 12, 13, 16, 17 (端午 was 31 May – 2 Jun, before
    # the count) → due at the end of Tuesday 17 Jun 2025.
    returned = kit.line(one, "bond_return")
    assert (returned["amount"], returned["due"]) == ("300000.00", "2025-06-18T00:00:00+08:00")
    # Cycle 2 at 90: 2% × 10000000 = 200000.00. The bond was given back in cycle 1: its
    # account opens at 0.00, nothing is taken from it.
    assert two["payment"]["bond"] == {
        "amount": "300000.00",
        "opening": "0.00",
        "deducted": "0.00",
        "remaining": "0.00",
    }
    # "直接从应付合同款中相应扣减": cycle 2's cash is the 中期款 alone (25% = 2500000.00, due by
    # 2025-12-31, no 重大事故; the 50% was paid in cycle 1), so it pays 2500000.00 − 200000.00
    # = 2300000.00. Before the fix: 200000.00 "from the bond" again, payable 2500000.00.
    assert (two["payment"]["payable"], two["payment"]["refund"]) == ("2300000.00", "0.00")
    taken = kit.line(two, "bond_deduction")
    assert taken["amount"] == "0.00"
    assert "returned" in taken["basis"] and "考核周期:1 300000.00" in taken["basis"]
    # Nothing is left to give back when the cycle's own (second) return would come: none
    # is logged here, so no line.
    assert [x for x in two["payment"]["lines"] if x["kind"] == "bond_return"] == []
    # The report still adds up, the account included: cycle 2 opens with cycle 1's
    # 300000.00 left less the 300000.00 it gave back (tests/audit/reconcile.py).
    assert reconcile.json_problems(report) == []


def test_more_than_the_cash_after_the_return_is_owed_back(kit: Any) -> None:
    events = [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        kit.ev("2025-06-03 10:00", "milestone", name="final_accepted"),
        *_scores(kit, 1, 100),
        *_scores(kit, 2, 70),
        # "中标人维护过程中无重大事故发生" fails: the 中期款 is withheld (0.00), reading 14.
        kit.ev("2025-11-10 10:00", "occurrence", kind="重大事故", assessor="监理"),
    ]
    two = kit.period(kit.replay(GX, events, as_of="2026-10-01 00:00"), "考核周期:2")
    # 70 < 80: 20% × 10000000 = 2000000.00. No bond left, no cash in cycle 2 (中期款 0.00):
    # "采购人有权向中标人追回已支付的合同款" — all 2000000.00 is owed back.
    assert two["payment"]["bond"]["opening"] == "0.00"
    assert (two["payment"]["payable"], two["payment"]["refund"]) == ("0.00", "2000000.00")


def test_a_final_acceptance_logged_twice_returns_the_bond_once(kit: Any) -> None:
    events = [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        *_scores(kit, 1, 100),
        *_scores(kit, 2, 92),
        kit.ev("2026-11-02 10:00", "milestone", name="final_accepted"),
        kit.ev("2026-11-09 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2027-01-01 00:00")
    two = kit.period(report, "考核周期:2")
    # Cycle 2 at 92: 2% = 200000.00 from the 300000.00 bond; 100000.00 is left, "全额退回"
    # once: 10 working days after Mon 2 Nov 2026 → end of Mon 16 Nov. The second event
    # finds nothing left: 0.00 (before: 100000.00 again, 200000.00 returned of 100000.00).
    first, second = kit.line(two, "bond_return", 0), kit.line(two, "bond_return", 1)
    assert (first["amount"], first["due"]) == ("100000.00", "2026-11-17T00:00:00+08:00")
    assert second["amount"] == "0.00"
    assert reconcile.json_problems(report) == []
    # The log still looks wrong, and the report says so.
    assert any("returned 2 times" in w and "100000.00 in all" in w for w in report["warnings"])
