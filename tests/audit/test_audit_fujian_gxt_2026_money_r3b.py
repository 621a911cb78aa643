"""Audit r3b: fujian-gxt-2026 money — a term that starts mid-month, both cycles at the edges
of their boundary, an odd contract total, a deduction of a fraction of a point, and the
per-cycle cap in the last cycle, worked by hand from the contract text
(shared/contracts/fujian-gxt-2026.txt, 五、服务考核):

  "服务考核的考核评价分值低于90分的，每低1分扣除项目合同款项的5%"
  "（3）服务能力（权重25分）：…因中标方服务不到位导致我厅电子政务绩效考核被扣分的，我厅电子政务
  绩效考核分数每扣一分，中标方服务考核分数扣10分；累计最高扣25分。"

The rule file's documented readings (docs/rulesets/fujian-gxt-2026.md): cycles of 12 months
from `start` (here --param start=2026-03-15), `cycles` = 2, each cycle's base contract_total /
cycles (the last cycle's base what the first left of the exact total), "每低1分" prorated,
the deduction withheld from the cycle's share and so capped at it (`cap contract_total /
cycles`, read in the last cycle as its adjusted base). Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GXT = "fujian-gxt-2026"
D = Decimal
ODD = {"start": "2026-03-15", "contract_total": "1234567.89"}


def _points_lost(kit: Any, stamp: str, count: str) -> dict[str, Any]:
    # "我厅电子政务绩效考核分数每扣一分，中标方服务考核分数扣10分": count = the 厅's lost points.
    return kit.ev(stamp, "occurrence", kind="绩效考核扣分", count=count)


def test_a_term_from_15_march_with_an_odd_total_pays_the_contract_less_its_deductions(
    kit: Any,
) -> None:
    # Cycles: 服务周期:1 2026-03-15 00:00 – 2027-03-15 00:00, 服务周期:2 – 2028-03-15 00:00.
    # Bases: 1234567.89 / 2 = 617283.945 → 617283.95 (half-up); the last cycle what the first
    # left: 1234567.89 − 617283.95 = 617283.94.
    # Cycle 1: the 厅 lost 1.0003 points (2027-03-14 23:59, the last minute of cycle 1) →
    # 服务考核 100 − 10.003 = 89.997 → 0.003 point below 90 × 5% × 1234567.89 = 0.003 ×
    # 61728.3945 = 185.1851835 → 185.19 → payable 617283.95 − 185.19 = 617098.76.
    # Cycle 2: 2.5 points lost at 2027-03-15 00:00 (its first instant) → −25, the item's
    # "累计最高扣25分" → 75 → 15 points × 61728.3945 = 925925.9175, more than the cycle's
    # share: withheld at most the share, in the last cycle its base 617283.94 → payable 0.00,
    # nothing refunded ("扣除" takes from what the cycle pays).
    # Term: 617098.76 = 1234567.89 − 185.19 − 617283.94, to the cent.
    events = [
        _points_lost(kit, "2027-03-14 23:59", "1.0003"),
        _points_lost(kit, "2027-03-15 00:00", "2.5"),
    ]
    report = kit.replay(GXT, events, as_of="2028-04-01 00:00", params=ODD)
    one, two = kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")
    assert (one["start"], two["start"]) == (
        "2026-03-15T00:00:00+08:00",
        "2027-03-15T00:00:00+08:00",
    )
    assert kit.card(one, "服务考核")["score"] == "89.997"
    assert kit.card(two, "服务考核")["score"] == "75"
    assert kit.line(one, "base")["amount"] == "617283.95"
    assert kit.line(two, "base")["amount"] == "617283.94"
    assert kit.line(one, "linear")["amount"] == "-185.19"
    assert kit.line(two, "linear")["amount"] == "-617283.94"
    pays = [one["payment"], two["payment"]]
    assert [(p["payable"], p["refund"]) for p in pays] == [
        ("617098.76", "0.00"),
        ("0.00", "0.00"),
    ]
    assert D(pays[0]["payable"]) + D(pays[1]["payable"]) == (
        D("1234567.89") - D("185.19") - D("617283.94")
    )


def test_the_instant_before_the_cycle_boundary_and_the_boundary(kit: Any) -> None:
    # As of 2027-03-14 23:59 (start 2026-03-15): only cycle 1 is reported, still running;
    # the 1.0003 lost points logged at that minute are in it: 185.19 withheld so far (as
    # above). As of 2027-03-15 00:00 cycle 1 has ended with the same money, and cycle 2 has
    # begun: the 2.5 points of its first instant are its own → 75, its share withheld in
    # full.
    events = [
        _points_lost(kit, "2027-03-14 23:59", "1.0003"),
        _points_lost(kit, "2027-03-15 00:00", "2.5"),
    ]
    before = kit.replay(GXT, events, as_of="2027-03-14 23:59", params=ODD)
    assert [p["period"] for p in before["periods"]] == ["服务周期:1"]
    one = kit.period(before, "服务周期:1")
    assert (one["ended"], one["payment"]["payable"]) == (False, "617098.76")
    at = kit.replay(GXT, events, as_of="2027-03-15 00:00", params=ODD)
    one, two = kit.period(at, "服务周期:1"), kit.period(at, "服务周期:2")
    assert (one["ended"], one["payment"]["payable"]) == (True, "617098.76")
    assert (two["ended"], kit.card(two, "服务考核")["score"]) == (False, "75")
    assert two["payment"]["payable"] == "0.00"


def test_mid_cycle_the_deduction_so_far_and_a_score_a_hair_below_90(kit: Any) -> None:
    # Default term (2026-01-01, 1000000, two cycles of 500000.00). As of 2026-07-01, mid
    # cycle 1: the 厅 lost 1.00001 points → 10.0001 → 89.9999, 0.0001 point below 90:
    # 0.0001 × 5% × 1000000 = 5.00 withheld → 499995.00 so far. 1.000001 points → 89.99999:
    # 0.00001 × 50000 = 0.50; and exactly 1 → 90, "低于90分的" only: 0.00. (A count takes at
    # most 6 decimals, SLR915, so 89.99999 is the closest a count gets to 90 from below.)
    for count, score, withheld in (
        ("1.00001", "89.9999", "5.00"),
        ("1.000001", "89.99999", "0.50"),
        ("1", "90", "0.00"),
    ):
        events = [_points_lost(kit, "2026-02-10 10:00", count)]
        report = kit.replay(GXT, events, as_of="2026-07-01 00:00")
        cycle = kit.period(report, "服务周期:1")
        assert cycle["ended"] is False
        assert kit.card(cycle, "服务考核")["score"] == score, count
        assert D(kit.line(cycle, "linear")["amount"]) == -D(withheld), count
        assert D(cycle["payment"]["payable"]) == D("500000.00") - D(withheld), count


def test_every_item_at_its_cap_costs_one_cycle_share_not_more(kit: Any) -> None:
    # Every item at its "累计最高扣…分": 服务完成情况 20 (5 未完成 × 5 = 25 → 20), 服务响应时间
    # is left alone, 服务能力 25 (3 通报 × 10 = 30 → 25), 服务态度 10 (3 投诉 × 5 → 10), 遵守
    # 规章 10 (2 违反安全保密规定 × 10 → 10), 服务档案记录 15 (4 材料未提供 × 5 → 15) → 100 −
    # 80 = 20. 70 points below 90 × 50000 = 3500000: withheld the cycle's 500000.00, payable
    # 0.00, nothing refunded; "得分低于60分" → 终止合同权.
    kinds = (
        ("未完成服务事项", 5),
        ("被通报", 3),
        ("服务态度投诉", 3),
        ("违反安全保密规定", 2),
        ("材料未提供", 4),
    )
    events = [
        kit.ev(f"2026-0{k + 2}-10 10:00", "occurrence", kind=kind, count=n)
        for k, (kind, n) in enumerate(kinds)
    ]
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    cycle = kit.period(report, "服务周期:1")
    assert kit.card(cycle, "服务考核")["score"] == "20"
    assert kit.line(cycle, "linear")["amount"] == "-500000.00"
    assert (cycle["payment"]["payable"], cycle["payment"]["refund"]) == ("0.00", "0.00")
    assert "终止合同权" in kit.flags(cycle)


def test_the_first_cycle_withheld_in_full_at_an_odd_total_leaves_the_last_share(kit: Any) -> None:
    # Start 2026-03-15, contract 1234567.89. Cycle 1: 2.5 points lost (2026-05-10) → 75 →
    # 15 × 61728.3945 = 925925.9175, capped at the cycle's share contract_total / cycles =
    # 617283.945 → 617283.95 (rounded once, the line): the whole base 617283.95, payable
    # 0.00, no refund. Cycle 2 untouched (100): its base, what cycle 1 left of the exact
    # total, 1234567.89 − 617283.95 = 617283.94, paid in full. Term: 617283.94 =
    # 1234567.89 − 617283.95.
    events = [_points_lost(kit, "2026-05-10 10:00", "2.5")]
    report = kit.replay(GXT, events, as_of="2028-04-01 00:00", params=ODD)
    one, two = kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")
    assert kit.line(one, "linear")["amount"] == "-617283.95"
    assert (one["payment"]["payable"], one["payment"]["refund"]) == ("0.00", "0.00")
    assert kit.line(two, "linear")["amount"] == "0.00"
    assert two["payment"]["payable"] == "617283.94"


def test_three_cycles_first_middle_and_last_pay_the_contract_less_the_deductions(
    kit: Any,
) -> None:
    # --param cycles=3 (2026—2028): bases 1000000 / 3 = 333333.333… → 333333.33, 333333.33,
    # and the last what the first two left: 1000000.00 − 666666.66 = 333333.34.
    # First cycle (2026): nothing → 333333.33. Middle (2027): 1.02 points lost → −10.2 →
    # 89.8 → 0.2 × 5% × 1000000 = 10000.00 → 323333.33. Last (2028): 2.5 → −25 (cap of the
    # item) → 75 → 15 × 50000 = 750000, capped at the cycle's share, in the last cycle its
    # base 333333.34 → 0.00. Term: 656666.66 = 1000000 − 10000.00 − 333333.34.
    events = [
        _points_lost(kit, "2027-05-10 10:00", "1.02"),
        _points_lost(kit, "2028-05-10 10:00", "2.5"),
    ]
    report = kit.replay(GXT, events, as_of="2029-01-05 00:00", params={"cycles": "3"})
    cycles = [kit.period(report, f"服务周期:{k}") for k in (1, 2, 3)]
    assert [kit.line(c, "base")["amount"] for c in cycles] == [
        "333333.33",
        "333333.33",
        "333333.34",
    ]
    assert [kit.line(c, "linear")["amount"] for c in cycles] == [
        "0.00",
        "-10000.00",
        "-333333.34",
    ]
    payable = [c["payment"]["payable"] for c in cycles]
    assert payable == ["333333.33", "323333.33", "0.00"]
    assert sum(D(p) for p in payable) == D("1000000") - D("10000.00") - D("333333.34")
    assert not report["outside_term"]


def test_stated_losses_in_fractions_of_a_cent_are_summed_then_rounded_once(kit: Any) -> None:
    # "需赔偿采购人损失" (damages actual loss per occurrence of 设备丢失): two losses stated as
    # 3200.505 and 0.005 → 3200.510 → 3200.51, rounded once for the line (SPEC §4: "rounded
    # half-up to 0.01 once per reported line"), not 3200.51 + 0.01 = 3200.52. The basis shows
    # the stated amounts as stated, so it adds up to the line (before, it showed each
    # rounded: "3200.51; 0.01"). Each loss also costs 5 points ("每丢失一件设备扣5分") → 90:
    # nothing withheld, the cycle pays 500000.00; the damages are owed on top.
    events = [
        kit.ev("2026-03-10 10:00", "occurrence", kind="设备丢失", amount="3200.505"),
        kit.ev("2026-04-10 10:00", "occurrence", kind="设备丢失", amount="0.005"),
    ]
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    cycle = kit.period(report, "服务周期:1")
    assert kit.card(cycle, "服务考核")["score"] == "90"
    line = kit.line(cycle, "damages")
    assert line["amount"] == "3200.51"
    assert line["basis"].endswith("event 1: 3200.505; event 2: 0.005")
    assert (cycle["payment"]["damages"], cycle["payment"]["payable"]) == ("3200.51", "500000.00")
