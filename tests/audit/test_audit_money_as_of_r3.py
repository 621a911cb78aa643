"""Audit round 3: money at an ``--as-of`` inside a period, at a period boundary (00:00 local)
and the instant before it, and a term that does not start on the 1st — worked by hand from
the contracts (shared/contracts/*.txt); nothing here was copied from slarules' output.

fujian-slt-2024 (四、付款条件 / 五、运维工作考核):
  "支付合同总金额的50.00%作为预付款 … 15个工作日内由采购人按考核结果支付剩余服务费";
  "考核分数80-89分（含80分），支付85%合同款".
fujian-scjg-2023 (6、质量保证要求):
  "若有出现月考核分数低于80分…采购人有权不予支付当月的金额（合同总金额/12*（100-当月考核
  分数）%）"; "本项目服务期为自合同签订之日起1年" (the rule file: `start`, 12 monthly cycles).
guangxi-gat-2024 (付款方式): "中标人维护过程中无重大事故发生，2025年下半年…再支付合同金额的25%"
  (the rule file: due by 2025-12-31 24:00, checked over everything before the due time).
"""

from __future__ import annotations

from typing import Any

SLT = "fujian-slt-2024"
SCJG = "fujian-scjg-2023"
GX = "guangxi-gat-2024"
# 运维工作考核 items out of 60 + the fault items: 日常巡检 5 of 20 → 100 − 15 = 85.
GRADES = {"日常使用培训": 10, "日常巡检": 5, "故障处理": 10, "技术支持": 10, "需求变更": 10}


def _amounts(period: dict[str, Any]) -> dict[str, str | None]:
    return {x["name"]: x["amount"] for x in period["payment"]["lines"]}


def test_slt_the_advance_is_the_same_before_and_after_the_balance_is_known(kit: Any) -> None:
    # Contract 333333.33 (--param). The advance, invoiced Mon 2024-07-01: 50% = 166666.665
    # → 166666.67 (the first share of the schedule). The balance invoice on 2025-06-16
    # comes before the grades (logged 2025-06-20): as of 2025-06-18 the year's score is
    # not known, so 剩余服务费 "按考核结果" waits for the five judgements while the advance
    # is already 166666.67. With the grades, 运维工作考核 = 85 → "80-89分（含80分），支付85%"
    # → payout 333333.33 × 85% = 283333.3305; the balance is the second share: round(
    # 283333.3305) − round(166666.665) = 283333.33 − 166666.67 = 116666.66, and the pay
    # band's line is 283333.33 − 333333.33 = −50000.00.
    events = [
        kit.ev("2024-07-01 09:00", "milestone", name="invoiced"),
        kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"),
        *(kit.ev("2025-06-20 10:00", "judgement", item=k, points=v) for k, v in GRADES.items()),
    ]
    params = {"contract_total": "333333.33元"}
    early = kit.period(kit.replay(SLT, events, as_of="2025-06-18 00:00", params=params), "服务年:1")
    assert _amounts(early)["预付款"] == "166666.67"
    assert _amounts(early)["剩余服务费"] is None
    balance = next(x for x in early["payment"]["lines"] if x["name"] == "剩余服务费")
    assert "运维工作考核 服务年:1: judgement for item 日常巡检" in balance["waiting_for"]
    assert early["payment"]["payable"] is None
    late = kit.period(kit.replay(SLT, events, as_of="2025-08-01 00:00", params=params), "服务年:1")
    amounts = _amounts(late)
    assert (amounts["预付款"], amounts["剩余服务费"]) == ("166666.67", "116666.66")
    assert amounts["pay band 运维工作考核"] == "-50000.00"
    assert late["payment"]["payable"] == "283333.33"


def test_scjg_a_term_from_the_15th_and_a_score_on_each_side_of_the_month_boundary(
    kit: Any,
) -> None:
    # start 2023-03-15 (--param: "自合同签订之日起"): 服务月:1 is 2023-03-15 – 2023-04-15
    # 00:00, 服务月:2 from 2023-04-15. A form of 79.99 at 23:59 on 14 April is month 1's:
    # "低于80分" → (100 − 79.99)% = 20.01% of 360000/12 = 30000 → 6003.00 withheld →
    # 23997.00. A form of 70 at 00:00 on 15 April is month 2's: 30% → 9000.00 → 21000.00.
    events = [
        kit.ev("2023-04-14 23:59", "score", scorecard="运维服务考核", score="79.99"),
        kit.ev("2023-04-15 00:00", "score", scorecard="运维服务考核", score="70"),
    ]
    params = {"start": "2023-03-15"}
    # The instant before the boundary (23:59, the first form's minute): month 1 is running,
    # month 2 has not started and is not reported.
    before = kit.replay(SCJG, events, as_of="2023-04-14 23:59", params=params)
    assert [p["period"] for p in before["periods"]] == ["服务月:1"]
    one = kit.period(before, "服务月:1")
    assert (one["ended"], one["payment"]["payable"]) == (False, "23997.00")
    # At 00:00 on 15 April month 1 has ended with the same payable; month 2 has begun.
    at = kit.replay(SCJG, events, as_of="2023-04-15 00:00", params=params)
    one, two = kit.period(at, "服务月:1"), kit.period(at, "服务月:2")
    assert (one["ended"], one["payment"]["payable"]) == (True, "23997.00")
    assert (two["ended"], two["payment"]["payable"]) == (False, "21000.00")


def test_guangxi_the_mid_term_payment_a_minute_before_and_at_its_due_time(kit: Any) -> None:
    # 中期款 is due 2025-12-31 24:00 = 2026-01-01 00:00. As of 23:59 on 31 December the
    # condition "无重大事故发生" can still fail in the last minute: the line waits. As of
    # 00:00 it is decided: no accident → 25% of 10000000 = 2500000.00, and 考核周期:2's
    # cash (no base line: the sum of its milestones) is 2500000.00 with it.
    before = kit.period(kit.replay(GX, [], as_of="2025-12-31 23:59"), "考核周期:2")
    assert _amounts(before)["中期款"] is None
    assert before["payment"]["status"] == "pending"
    at = kit.period(kit.replay(GX, [], as_of="2026-01-01 00:00"), "考核周期:2")
    assert _amounts(at)["中期款"] == "2500000.00"
    # Neither 阶段验收 nor 最终验收 is logged: their lines wait in cycle 2, the term's last,
    # and so does the cycle's cash, which they are part of (docs/language.md §6, "A
    # milestone waits for its event").
    assert _amounts(at)["阶段验收款"] is None
    assert _amounts(at)["最终验收款"] is None
    assert _amounts(at)["base"] is None
