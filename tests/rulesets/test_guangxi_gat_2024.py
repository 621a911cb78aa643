"""Scenario tests for rulesets/guangxi-gat-2024.sla: one clause each, exact scores and money.

Defaults: contract_total 10000000元, first 考核周期:1 = 2024-09-02 … 2025-09-01 (12 months
from acceptance), bond 3%. Evidence without an assessor counts on the supervisor's 表1 and
on every department's 表2 sheet; the final score is 监理评分 × 50% + 服务总队评分 × 50%.
A cycle with no evidence scores 100 and deducts 0% (band [95, 100]). A cycle's base is the
cash due in it (its milestones); 表3's deduction is N% × 合同总价, from the bond first, then
from that cash, and what is left below zero is owed back (damages).
"""

from __future__ import annotations

from typing import Any

NAME = "guangxi-gat-2024"
CYCLE = "考核周期:1"


def cycle(kit: Any, events: list[Any], **kw: Any) -> tuple[dict[str, Any], Any]:
    report = kit.replay(NAME, events, **kw)
    return report, kit.period(report, CYCLE)


def final(period: dict[str, Any]) -> str:
    return str(period["composite"]["最终得分"]["score"])


def supervisor(kit: Any, period: dict[str, Any], item: str) -> str:
    return str(kit.item(kit.card(period, "监理评分"), item, sheet="监理")["score"])


def test_a_late_1st_level_response_costs_two_on_both_tables(kit: Any) -> None:
    # "1级 … 15分钟内响应"; "不能 … 及时提供电话应急支持或现场技术支持，每发生一次，扣2分":
    # 16 min → 故障响应 18 on 表1 and on every 表2 sheet → 98 × 50% + 98 × 50% = 98 → band
    # [95, 100] → 0% → the deduct band line is 0.00.
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:16", "responded"),
        ("2024-09-10 11:00", "resolved"),
        ("2024-09-10 15:00", "reported"),
    )
    _, period = cycle(kit, events)
    assert supervisor(kit, period, "故障响应") == "18"
    assert final(period) == "98"
    assert kit.line(period, "deduct_band")["amount"] == "0.00"


def test_a_1st_level_downgraded_in_time_meets_its_4_hours(kit: Any) -> None:
    # "4小时内采取相应解决方案直至系统可以运行或降至2-4级别的问题": downgraded to 3级 after
    # 3 h, which discharges the 1级 target; the ticket then owes 3级's 24 h from its report
    # (09:00 → 11 Sep 09:00) and is resolved after 23 h → met; nothing deducted.
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:10", "responded"),
        ("2024-09-10 12:00", "retiered", {"tier": "3级"}),
        ("2024-09-11 08:00", "resolved"),
        ("2024-09-11 09:00", "reported"),
    )
    report, period = cycle(kit, events)
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["met_by_downgrade"]) == ("met", True)
    assert (resolve["tier"], resolve["deadline"]) == ("3级", "2024-09-11T09:00:00+08:00")
    assert final(period) == "100"


def test_a_missed_15_minutes_stay_a_1st_level_breach_after_a_downgrade(kit: Any) -> None:
    # "1级 … 15分钟内响应": opened 09:00, nobody answered by 09:15; downgraded to 2级 at 09:20
    # and answered at 09:25 — inside 2级's 30 minutes, but the 1级 deadline had passed before
    # the change, so it stays a 1级 breach (SPEC §3.7) → 故障响应 20 − 2 = 18 on 表1 and on
    # every 表2 sheet → final 98. The resolution (2级 8 h from 09:00, fixed 11:00) is met.
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:20", "retiered", {"tier": "2级"}),
        ("2024-09-10 09:25", "responded"),
        ("2024-09-10 11:00", "resolved"),
        ("2024-09-10 15:00", "reported"),
    )
    report, period = cycle(kit, events)
    respond = kit.target(report, "E", "respond")
    assert (respond["status"], respond["tier"], respond["deadline"]) == (
        "breached",
        "1级",
        "2024-09-10T09:15:00+08:00",
    )
    assert kit.target(report, "E", "resolve")["status"] == "met"
    assert supervisor(kit, period, "故障响应") == "18"
    assert final(period) == "98"


def test_a_downgrade_after_the_4_hours_does_not_reopen_them(kit: Any) -> None:
    # "4小时内…直至系统可以运行或降至2-4级别": opened 09:00, the 4 hours end at 13:00; the
    # downgrade comes at 13:30, too late to discharge them, and 2级's 8 hours do not reopen
    # them: fixed 15:00 is a 1级 resolution breach ("不能在规定时间内恢复正常运行…扣2分")
    # → 故障响应 18, final 98.
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 13:30", "retiered", {"tier": "2级"}),
        ("2024-09-10 15:00", "resolved"),
        ("2024-09-10 17:00", "reported"),
    )
    report, period = cycle(kit, events)
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["tier"], resolve["met_by_downgrade"]) == (
        "breached",
        "1级",
        False,
    )
    assert resolve["deadline"] == "2024-09-10T13:00:00+08:00"
    assert supervisor(kit, period, "故障响应") == "18"
    assert final(period) == "98"


def test_a_1st_level_lowered_to_4th_and_never_fixed_breaches_the_4th_level(kit: Any) -> None:
    # Lowered to 4级 at 11:00, within the 4 hours: the 1级 target is discharged ("或降至2-4级
    # 别"), and the ticket owes 4级's "48小时内" from its report (09:00 on 10 Sep) → 12 Sep
    # 09:00. Never fixed: at 13 Sep it is a 4级 resolution breach → 故障响应 18, final 98.
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 11:00", "retiered", {"tier": "4级"}),
    )
    report, period = cycle(kit, events, as_of="2024-09-13 09:00")
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["tier"], resolve["met_by_downgrade"]) == (
        "breached",
        "4级",
        True,
    )
    assert resolve["deadline"] == "2024-09-12T09:00:00+08:00"
    assert supervisor(kit, period, "故障响应") == "18"
    assert final(period) == "98"


def test_an_upgrade_leaves_the_new_level_its_own_time_from_the_change(kit: Any) -> None:
    # 2级 opened 09:00 (respond 30 min → 09:30, resolve 8 h → 17:00), raised to 1级 at 09:20.
    # From the report, 1级's 15 minutes end at 09:15 and its 4 hours at 13:00; the file says
    # `retier remeasure allow full`: 1级's own times from the change, never past 2级's →
    # respond min(09:35, 09:30) = 09:30, resolve min(13:20, 17:00) = 13:20. Answered 09:28
    # and fixed 13:10: both met → final 100.
    events = kit.ticket(
        "E",
        "事件",
        "2级",
        "2024-09-10 09:00",
        ("2024-09-10 09:20", "retiered", {"tier": "1级"}),
        ("2024-09-10 09:28", "responded"),
        ("2024-09-10 13:10", "resolved"),
        ("2024-09-10 17:00", "reported"),
    )
    report, period = cycle(kit, events)
    respond, resolve = kit.target(report, "E", "respond"), kit.target(report, "E", "resolve")
    assert (respond["deadline"], respond["status"]) == ("2024-09-10T09:30:00+08:00", "met")
    assert (resolve["deadline"], resolve["status"]) == ("2024-09-10T13:20:00+08:00", "met")
    assert (respond["tier"], resolve["tier"]) == ("1级", "1级")
    assert final(period) == "100"


def test_a_1st_level_lowered_and_raised_back_keeps_its_4_hours_from_the_report(kit: Any) -> None:
    # 1级 opened 09:00: "4小时内采取相应解决方案直至系统可以运行或降至2-4级别" → 13:00. Lowered
    # to 3级 at 10:00 (the 1级 target discharged; 3级 "24小时内" → 11 Sep 09:00), raised back to
    # 1级 at 11:00. `allow full` gives 1级's own 4 hours from the change, 15:00 — but as 1级
    # the ticket already had 13:00, and a change back to a level gives no more time than that
    # level gave (docs/language.md, retier; the rule file: "never more than it had before")
    # → 13:00. Fixed 14:00 → a resolution breach ("不能在规定时间内恢复正常运行…扣2分") →
    # 故障响应 18, final 98. (Counting from the change it would be met: a downgrade and a
    # re-upgrade would buy two hours.)
    events = kit.ticket(
        "E",
        "事件",
        "1级",
        "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 10:00", "retiered", {"tier": "3级"}),
        ("2024-09-10 11:00", "retiered", {"tier": "1级"}),
        ("2024-09-10 14:00", "resolved"),
        ("2024-09-10 17:00", "reported"),
    )
    report, period = cycle(kit, events)
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["tier"]) == ("breached", "1级")
    assert resolve["deadline"] == "2024-09-10T13:00:00+08:00"
    # The 1级 target discharged at 10:00 is owed again from 11:00: the breach is not one
    # "met by downgrade" (the report would print "(downgrade)" beside it).
    assert resolve["met_by_downgrade"] is False
    assert supervisor(kit, period, "故障响应") == "18"
    assert final(period) == "98"


def test_force_majeure_is_not_scored(kit: Any) -> None:
    # "不可抗力（如封网、机房环境等）不参与评价": a 2级 ticket answered after 60 min (> 30)
    # during a 封网 is reported with its breach, excluded, and costs nothing.
    events = kit.ticket(
        "E",
        "事件",
        "2级",
        "2025-01-15 09:00",
        ("2025-01-15 09:05", "attributed", {"cause": "不可抗力"}),
        ("2025-01-15 10:00", "responded"),
        ("2025-01-15 12:00", "resolved"),
        ("2025-01-15 15:00", "reported"),
    )
    report, period = cycle(kit, events)
    assert kit.target(report, "E", "respond")["status"] == "breached"
    assert report["tickets"][0]["excluded"] == "不可抗力"
    assert final(period) == "100"


def test_a_third_party_delay_is_paused(kit: Any) -> None:
    # "因采购人或第三方导致的延迟 … 不参与评价": 3级 (24 h) paused 24 h waiting on a third
    # party; 4 h + 18 h = 22 h counted → met.
    events = kit.ticket(
        "E",
        "事件",
        "3级",
        "2024-11-12 10:00",
        ("2024-11-12 10:30", "responded"),
        ("2024-11-12 14:00", "paused"),
        ("2024-11-13 14:00", "resumed"),
        ("2024-11-14 08:00", "resolved"),
        ("2024-11-14 09:00", "reported"),
    )
    report, period = cycle(kit, events)
    resolve = kit.target(report, "E", "resolve")
    assert (resolve["status"], resolve["elapsed"]) == ("met", "PT22H")
    assert final(period) == "100"


def test_a_fault_that_became_a_security_event_counts_only_as_that(kit: Any) -> None:
    # "若因故障导致安全运行事件，则参照安全运行事件指标进行评价": the 系统运行故障 of ticket E
    # is superseded; the 安全运行事件 judged 12 ("扣5-20分") → 安全运行事件 20 − 12 = 8,
    # 系统运行故障 15; both tables 88 → final 88 → band [85, 90) → 5% × 10000000 = 500000.00,
    # taken from the 300000.00 bond first, the remaining 200000.00 from the cycle's cash
    # (阶段验收款 2500000.00) → payable 2300000.00.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2025-03-07 10:00", "occurrence", kind="系统运行故障", ticket="E"),
        kit.ev("2025-03-07 10:00", "occurrence", kind="安全运行事件", ticket="E", points="12"),
    ]
    _, period = cycle(kit, events)
    assert supervisor(kit, period, "系统运行故障") == "15"
    assert supervisor(kit, period, "安全运行事件") == "8"
    assert final(period) == "88"
    assert kit.line(period, "deduct_band")["amount"] == "-500000.00"
    assert period["payment"]["bond"] == {
        "amount": "300000.00",
        "opening": "300000.00",
        "deducted": "300000.00",
        "remaining": "0.00",
    }
    assert period["payment"]["payable"] == "2300000.00"


def test_fault_deductions_have_no_floor(kit: Any) -> None:
    # "扣分不设下限 … 每发生一次，扣5分": four vendor-caused faults → 15 − 20 = −5; both tables
    # 80 → final 80 → band [80, 85) → 7% = 700000.00.
    events = [
        kit.ev(f"2025-0{m}-07 10:00", "occurrence", kind="系统运行故障") for m in (1, 2, 3, 4)
    ]
    _, period = cycle(kit, events)
    assert supervisor(kit, period, "系统运行故障") == "-5"
    assert final(period) == "80"
    assert kit.line(period, "deduct_band")["amount"] == "-700000.00"


def test_off_hours_failures_count_per_three(kit: Any) -> None:
    # "非工作时间 … 每累计发生三次，扣5分": five supervisor records → one full three → 10 − 5 = 5
    # on 表1 (the remaining two cost nothing); 表2 sheets untouched → final 97.5.
    events = [
        kit.ev(f"2024-1{m}-05 22:00", "occurrence", kind="非工作时间失联", assessor="监理")
        for m in (0, 1, 2)
    ] + [
        kit.ev(f"2025-0{m}-05 22:00", "occurrence", kind="非工作时间失联", assessor="监理")
        for m in (1, 2)
    ]
    _, period = cycle(kit, events)
    assert supervisor(kit, period, "现场驻点服务") == "5"
    assert final(period) == "97.5"


def test_a_department_weighs_8_3_percent(kit: Any) -> None:
    # "服务总队最终加权评分=…刑事侦查总队*8.3%…": 刑事侦查总队 records one absence (2 points) →
    # its sheet 98, others 100 → 100 − 2 × 8.3% = 99.834; final (100 + 99.834) / 2 = 99.917.
    events = [kit.ev("2025-03-20 09:00", "occurrence", kind="驻点缺席", assessor="刑事侦查总队")]
    _, period = cycle(kit, events)
    assert kit.sheet(kit.card(period, "服务总队评分"), "刑事侦查总队")["score"] == "98"
    assert kit.card(period, "服务总队评分")["score"] == "99.834"
    assert final(period) == "99.917"


def test_the_band_boundaries_of_table_3(kit: Any) -> None:
    # "95≤…≤100 0%"; "90≤…<95 2%": a supervisor-only security event of 10 → 表1 90, 表2 100 →
    # final 95 → 0%; of 10.2 (材料退回 ×1 more: 0.2) → 94.9 → 2% × 10000000 = 200000.00.
    exactly = [
        kit.ev("2025-03-07 10:00", "occurrence", kind="安全运行事件", points="10", assessor="监理")
    ]
    _, period = cycle(kit, exactly)
    assert final(period) == "95"
    assert kit.line(period, "deduct_band")["amount"] == "0.00"
    below = [
        *exactly,
        kit.ev("2025-04-01 10:00", "occurrence", kind="材料退回修改", assessor="监理"),
    ]
    _, period = cycle(kit, below)
    assert final(period) == "94.9"
    assert kit.line(period, "deduct_band")["amount"] == "-200000.00"


def test_a_small_firm_posts_a_2_percent_bond(kit: Any) -> None:
    # "履约保证金（中小微企业为合同金额的2%）": small_firm → bond 200000.00; a 7% deduction
    # (final 80) of 700000.00 takes the whole bond first, then 500000.00 from the cycle's
    # 2500000.00 → payable 2000000.00.
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        *(kit.ev(f"2025-0{m}-07 10:00", "occurrence", kind="系统运行故障") for m in (1, 2, 3, 4)),
    ]
    _, period = cycle(kit, events, params={"small_firm": True})
    assert period["payment"]["bond"]["amount"] == "200000.00"
    assert period["payment"]["payable"] == "2000000.00"


def test_a_late_fault_report_costs_0_2_per_day(kit: Any) -> None:
    # "须在故障排除后3天内提交《故障处理及分析报告》，每逾期1天扣0.2分": resolved Thu 5 Dec;
    # 3 days end Sun 8 Dec, a rest day → Mon 9 Dec 24:00; reported Thu 12 Dec 10:00 → 58 h
    # late → 3 days → 0.6 (the 72 h resolution also breaches 4级's 48 h: 2 more).
    events = kit.ticket(
        "E",
        "事件",
        "4级",
        "2024-12-02 09:00",
        ("2024-12-02 09:30", "responded"),
        ("2024-12-05 09:00", "resolved"),
        ("2024-12-12 10:00", "reported"),
    )
    report, period = cycle(kit, events)
    target = kit.target(report, "E", "report")
    assert (target["deadline"], target["days_late"]) == ("2024-12-10T00:00:00+08:00", 3)
    assert supervisor(kit, period, "故障响应") == "17.4"


def test_cgywzhjg_runs_on_5x8_office_hours(kit: Any) -> None:
    # "提供5*8小时电话在线服务，对故障在1小时内响应，12小时以内提出问题解决方案": opened Friday
    # 7 Feb 2025 17:00 → response due 18:00; 12 working hours: Fri 1 h, make-up Saturday 8 Feb
    # 8 h, Monday 10 Feb 08:00–11:00 → due Monday 11:00.
    events = kit.ticket(
        "C",
        "CGYWZHJG平台",
        "故障",
        "2025-02-07 17:00",
        ("2025-02-07 17:30", "responded"),
        ("2025-02-10 10:00", "workaround"),
    )
    report, _ = cycle(kit, events)
    assert kit.target(report, "C", "respond")["deadline"] == "2025-02-07T18:00:00+08:00"
    resolve = kit.target(report, "C", "resolve")
    assert (resolve["deadline"], resolve["status"]) == ("2025-02-10T11:00:00+08:00", "met")


def test_tongda_runs_09_to_21_every_day(kit: Any) -> None:
    # "响应时间为2h … 服务时间： 7*12h（…每天09:00-21:00）": opened Saturday 20:30 → 30 min that
    # evening, 1 h 30 from Sunday 09:00 → due Sunday 10:30.
    events = kit.ticket("T", "通达协同办公", "服务请求", "2025-05-31 20:30")
    report, _ = cycle(kit, events, as_of="2025-06-01 09:00")
    assert kit.target(report, "T", "respond")["deadline"] == "2025-06-01T10:30:00+08:00"


def test_the_first_payment_is_due_10_workdays_after_acceptance(kit: Any) -> None:
    # "确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%": accepted
    # Mon 2 Sep 2024; workdays 3–6 (4), 9–13 (9), make-up Sat 14 Sep (10) → due 14 Sep 24:00;
    # 25% × 10000000 = 2500000.00.
    events = [kit.ev("2024-09-02 10:00", "milestone", name="accepted")]
    _, period = cycle(kit, events)
    line = kit.line(period, "milestone")
    assert (line["amount"], line["due"]) == ("2500000.00", "2024-09-15T00:00:00+08:00")


def test_a_deduction_beyond_the_cycles_cash_is_owed_back(kit: Any) -> None:
    # "扣减金额 … 7%×合同总价"; "履约保证金不足以支付处罚款项时，采购人有权向中标人追回已支付的
    # 合同款": final 80 → 7% × 10000000 = 700000.00; the bond takes 300000.00; no milestone is
    # due in the cycle (base 0.00), so the other 400000.00 is owed back → payable 0.00,
    # refund 400000.00 (contract money already paid, "追回已支付的合同款"), no damages.
    events = [
        kit.ev(f"2025-0{m}-07 10:00", "occurrence", kind="系统运行故障") for m in (1, 2, 3, 4)
    ]
    _, period = cycle(kit, events)
    assert kit.line(period, "base")["amount"] == "0.00"
    assert kit.line(period, "deduct_band")["basis"].endswith("deduct 7% of contract_total 10000000")
    payment = period["payment"]
    assert (payment["payable"], payment["refund"], payment["damages"]) == (
        "0.00",
        "400000.00",
        "0.00",
    )


def test_the_second_25_percent_is_due_by_the_end_of_2025(kit: Any) -> None:
    # "中标人维护过程中无重大事故发生，2025年下半年…再支付合同金额的25%": due by mid_due =
    # 2025-12-31 24:00, in 考核周期:2 (2025-09-02 …); no 重大事故 → 2500000.00, the whole
    # cash of cycle 2 (score 100, 0% deducted) → payable 2500000.00.
    # 阶段验收 is logged in cycle 1 (2024-09-02) so its 25% is cycle 1's; 最终验收 has not
    # come yet, so its 50% waits in cycle 2 (the term's last) and the cycle's payable
    # waits with it (docs/language.md §6, "A milestone waits for its event").
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2026-01-05 10:00", "occurrence", kind="材料质量问题", assessor="禁毒总队"),
    ]
    report = kit.replay(NAME, events)
    period = kit.period(report, "考核周期:2")
    line = kit.line(period, "milestone")
    assert (line["name"], line["amount"]) == ("中期款", "2500000.00")
    assert line["due"] == "2026-01-01T00:00:00+08:00"
    assert "count(重大事故) == 0: count(重大事故) = 0" in line["basis"]
    waiting = [x for x in period["payment"]["lines"] if x["kind"] == "milestone"][1]
    assert (waiting["name"], waiting["amount"], waiting["due"]) == ("最终验收款", None, None)
    assert period["payment"]["payable"] is None
    # Once 最终验收 is logged (after the term, 2026-09-10: cycle 2's), the cash is 2500000.00
    # + 50% × 10000000 = 5000000.00 → payable 7500000.00 (score 100, 0% deducted).
    events.append(kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"))
    period = kit.period(kit.replay(NAME, events), "考核周期:2")
    assert period["payment"]["payable"] == "7500000.00"


def test_a_major_accident_before_the_due_date_withholds_the_second_25_percent(kit: Any) -> None:
    # A 重大事故 in 考核周期:1 (March 2025) is "维护过程中" before the due date, so the 中期款
    # of 考核周期:2 is listed at 0.00; one after the due date (Feb 2026) would not count.
    accident = kit.ev("2025-03-10 10:00", "occurrence", kind="重大事故")
    later = kit.ev("2026-02-10 10:00", "occurrence", kind="重大事故")
    accepted = kit.ev("2024-09-02 10:00", "milestone", name="accepted")
    report = kit.replay(NAME, [accepted, accident, later])
    line = kit.line(kit.period(report, "考核周期:2"), "milestone")
    assert line["amount"] == "0.00"
    assert line["basis"].startswith("condition does not hold at the due time")
    report = kit.replay(NAME, [accepted, later])
    assert kit.line(kit.period(report, "考核周期:2"), "milestone")["amount"] == "2500000.00"


def test_the_performance_list_counts_10_workdays_across_the_adjusted_days(kit: Any) -> None:
    # "中标人须在合同签订后10个工作日内 … 拟定合同履约清单并提交监理单位审核通过 … 若未按时
    # 交付，每逾期1天扣0.2分": signed Tuesday 24 Sep 2024. The 2024 schedule (国办发明电〔2023〕
    # 7号): 国庆节 10月1日至7日放假调休；9月29日（星期日）、10月12日（星期六）上班. The working
    # days after the signing day: Wed 25 (1), Thu 26 (2), Fri 27 (3), Sun 29 调休 (4), Mon 30
    # (5), [1-7 Oct off], Tue 8 (6), Wed 9 (7), Thu 10 (8), Fri 11 (9), Sat 12 调休 (10) → due
    # Saturday 12 Oct 24:00. Approved Sunday 13 Oct 10:00 → 10 h late → 1 day → 5 − 0.2 = 4.8;
    # approved 12 Oct 20:00 → on time → 5. (Without the two make-up days the tenth working
    # day would be Tue 15 Oct, and both would be on time.)
    def timeliness(delivered: str) -> str:
        events = [
            kit.ev("2024-09-24 10:00", "milestone", name="signed"),
            kit.ev(delivered, "delivered", deliverable="合同履约清单", assessor="监理"),
        ]
        _, period = cycle(kit, events)
        return supervisor(kit, period, "履约材料提交及时率")

    assert timeliness("2024-10-13 10:00") == "4.8"
    assert timeliness("2024-10-12 20:00") == "5"
