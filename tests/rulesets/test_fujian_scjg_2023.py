"""Scenario tests for rulesets/fujian-scjg-2023.sla: one clause each, exact score and payment.

Defaults: contract_total 360000元, signed 2023-03-01; service months 服务月:1 = 2023-03-01 …
2023-03-31, 服务月:2 = April, …; each month's base is 360000 / 12 = 30000.00. The working
calendar is Mon–Fri 08:00–12:00, 14:30–17:30 with the State Council's 2023 schedule
(劳动节 29 Apr – 3 May, make-up Sunday 23 Apr and Saturday 6 May; 中秋国庆 29 Sep – 6 Oct,
make-up Saturday 7 Oct and Sunday 8 Oct).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from slarules.errors import RuleError

NAME = "fujian-scjg-2023"


def month(kit: Any, stamp: str, score: str) -> dict[str, Any]:
    event: dict[str, Any] = kit.ev(stamp, "score", scorecard="运维服务考核", score=score)
    return event


def test_a_month_below_80_withholds_the_formula(kit: Any) -> None:
    # "月考核分数低于80分 … 不予支付当月的金额（合同总金额/12*（100-当月考核分数）%）":
    # 360000 / 12 × (100 − 78)% = 30000 × 22% = 6600.00; payable 23400.00; and the right to
    # claim the same again as damages ("视情况要求成交人支付同等金额的违约金").
    report = kit.replay(NAME, [month(kit, "2023-06-30 17:00", "78")])
    period = kit.period(report, "服务月:4")
    assert kit.line(period, "formula")["amount"] == "-6600.00"
    assert period["payment"]["payable"] == "23400.00"
    assert kit.flags(period) == ["违约金请求权"]


def test_80_withholds_nothing(kit: Any) -> None:
    # "低于80分": 80 is not below 80 → the whole 30000.00 is paid, no flag.
    report = kit.replay(NAME, [month(kit, "2023-06-30 17:00", "80")])
    period = kit.period(report, "服务月:4")
    assert kit.line(period, "formula")["amount"] == "0.00"
    assert period["payment"]["payable"] == "30000.00"
    assert kit.flags(period) == []


def test_a_fractional_score_is_withheld_exactly(kit: Any) -> None:
    # 30000 × (100 − 79.5)% = 30000 × 20.5% = 6150.00.
    report = kit.replay(NAME, [month(kit, "2023-06-30 17:00", "79.5")])
    assert kit.line(kit.period(report, "服务月:4"), "formula")["amount"] == "-6150.00"


def test_a_serious_incident_withholds_even_above_80(kit: Any) -> None:
    # "或严重网络数据安全和保密事故的 … 不予支付当月的金额（…（100-当月考核分数）%）":
    # score 85 and one incident → 30000 × 15% = 4500.00; payable 25500.00.
    events = [
        kit.ev("2023-11-20 10:00", "occurrence", kind="严重安全保密事故"),
        month(kit, "2023-11-30 17:00", "85"),
    ]
    report = kit.replay(NAME, events)
    period = kit.period(report, "服务月:9")
    assert kit.line(period, "formula")["amount"] == "-4500.00"
    assert period["payment"]["payable"] == "25500.00"


def test_response_within_30_working_minutes_over_a_make_up_sunday(kit: Any) -> None:
    # "运维服务商应在30分钟内响应": opened Friday 21 Apr 17:20, 10 minutes before closing;
    # the other 20 run on the make-up Sunday 23 Apr from 08:00 → deadline 08:20.
    events = kit.ticket("S", "故障", "故障", "2023-04-21 17:20", ("2023-04-23 08:15", "responded"))
    report = kit.replay(NAME, events)
    respond = kit.target(report, "S", "respond")
    assert respond["deadline"] == "2023-04-23T08:20:00+08:00"
    assert respond["status"] == "met"


def test_resolution_within_one_workday_ends_at_24_00(kit: Any) -> None:
    # "1个工作日内提供故障解决方案并解决故障": opened Friday 21 Apr; the day itself is not
    # counted, the next workday is the make-up Sunday 23 Apr, ending 24:00 → resolved Monday
    # 24 Apr 10:00 is late.
    events = kit.ticket(
        "S",
        "故障",
        "故障",
        "2023-04-21 17:20",
        ("2023-04-23 08:15", "responded"),
        ("2023-04-24 10:00", "resolved"),
    )
    report = kit.replay(NAME, events)
    resolve = kit.target(report, "S", "resolve")
    assert resolve["deadline"] == "2023-04-24T00:00:00+08:00"
    assert resolve["status"] == "breached"


def test_emergencies_are_exempt_from_the_one_workday(kit: Any) -> None:
    # "（突发应急事件除外）": resolved 4 days later, but attributed to 突发应急事件 → resolve is
    # not_applicable; the fault report (2 workdays after 14 Jul → Tue 18 Jul 24:00) still runs.
    events = kit.ticket(
        "S",
        "故障",
        "故障",
        "2023-07-10 09:00",
        ("2023-07-10 09:10", "responded"),
        ("2023-07-10 09:30", "attributed", {"cause": "突发应急事件"}),
        ("2023-07-14 15:00", "resolved"),
        ("2023-07-18 10:00", "reported"),
    )
    report = kit.replay(NAME, events)
    assert kit.target(report, "S", "resolve")["status"] == "not_applicable"
    report_target = kit.target(report, "S", "report")
    assert (report_target["status"], report_target["deadline"]) == (
        "met",
        "2023-07-19T00:00:00+08:00",
    )


def test_the_fault_report_counts_make_up_workdays(kit: Any) -> None:
    # "故障处理结束后2个工作日内，提交《故障报告》": resolved on the make-up Saturday 7 Oct;
    # the make-up Sunday 8 Oct and Monday 9 Oct are the two workdays → due 9 Oct 24:00;
    # reported 10 Oct 09:00 → breached.
    events = kit.ticket(
        "S",
        "故障",
        "故障",
        "2023-09-28 16:00",
        ("2023-09-28 16:20", "responded"),
        ("2023-10-07 11:00", "resolved"),
        ("2023-10-10 09:00", "reported"),
    )
    report = kit.replay(NAME, events)
    assert kit.target(report, "S", "resolve")["status"] == "met"  # due 7 Oct 24:00
    report_target = kit.target(report, "S", "report")
    assert report_target["deadline"] == "2023-10-10T00:00:00+08:00"
    assert report_target["status"] == "breached"


def test_questions_are_answered_within_30_minutes(kit: Any) -> None:
    # "如需要查阅相关资料再对采购人的问题进行回复时，应确保在30分钟内回复": 45 min → breached.
    events = kit.ticket("Q", "故障", "咨询", "2023-09-12 10:00", ("2023-09-12 10:45", "responded"))
    report = kit.replay(NAME, events)
    assert kit.target(report, "Q", "respond")["status"] == "breached"


def test_a_late_plan_gives_the_right_to_rescind(kit: Any) -> None:
    # "成交人须在合同签订后10日内向采购人书面提交实施计划和运维方案，否则 … 采购人有权单方面
    # 解除合同": signed 1 Mar (10:00); the signing day is not counted, so the tenth day is
    # 11 Mar, a Saturday → the period ends Monday 13 Mar 24:00 (art. 203). Delivered 15 Mar →
    # flag 解除合同权 in the first service month; the month's money is untouched (score 92).
    # Delivered 13 Mar 23:00 instead → on time, no flag.
    def first_month(delivered: str) -> dict[str, Any]:
        events = [
            kit.ev("2023-03-01 10:00", "milestone", name="signed"),
            kit.ev(delivered, "delivered", deliverable="实施计划和运维方案"),
            month(kit, "2023-03-31 17:00", "92"),
        ]
        return kit.period(kit.replay(NAME, events), "服务月:1")

    late = first_month("2023-03-15 10:00")
    assert kit.flags(late) == ["解除合同权"]
    assert late["payment"]["payable"] == "30000.00"
    assert kit.flags(first_month("2023-03-13 23:00")) == []


def test_the_plan_period_crosses_national_day_2023(kit: Any) -> None:
    # "成交人须在合同签订后10日内向采购人书面提交实施计划和运维方案": signed Thursday
    # 2023-09-28. The 2023 State Council schedule (国办发明电〔2022〕16号): 中秋节、国庆节
    # 9月29日至10月6日放假调休，共8天；10月7日（星期六）、10月8日（星期日）上班.
    # Counting (art. 201, signing day not counted): 9-29 is day 1, …, 10-08 is day 10.
    # 10-08 is a Sunday but a make-up workday (调休上班), so it is a working day and the period
    # is not moved (art. 203 moves only a rest day or holiday): due 2023-10-08 24:00, i.e.
    # 2023-10-09T00:00+08:00. A plan sent Monday 10-09 at 09:00 is 9 hours late: 解除合同权.
    # Sent Sunday 10-08 at 16:00 (at work that day), it is on time.
    start = {"start": date(2023, 9, 28)}

    def flags(delivered: str) -> list[str]:
        events = [
            kit.ev("2023-09-28 15:00", "milestone", name="signed"),
            kit.ev(delivered, "delivered", deliverable="实施计划和运维方案"),
            month(kit, "2023-10-27 17:00", "92"),
        ]
        return kit.flags(kit.period(kit.replay(NAME, events, params=start), "服务月:1"))

    assert flags("2023-10-09 09:00") == ["解除合同权"]
    assert flags("2023-10-08 16:00") == []


def test_a_typed_due_for_the_plan_is_refused(kit: Any) -> None:
    # The plan's due time is computed from the signing; a `due` event would count it twice.
    events = [kit.ev("2023-03-14 00:00", "due", deliverable="实施计划和运维方案")]
    with pytest.raises(RuleError) as caught:
        kit.replay(NAME, events)
    assert caught.value.diagnostics[0].code == "SLR923"


def test_a_month_without_the_form_is_incomplete(kit: Any) -> None:
    # The monthly score comes only from the purchaser's form (a `score` event): without one
    # the month's payment is pending (payable null) and the report says what is missing;
    # the base "当月的金额（合同总金额/12" = 30000.00 does not depend on it and is final.
    events = [month(kit, "2023-03-31 17:00", "92"), month(kit, "2023-05-31 17:00", "90")]
    period = kit.period(kit.replay(NAME, events), "服务月:2")
    assert period["complete"] is False
    assert period["payment"]["payable"] is None
    assert period["payment"]["status"] == "pending"
    base = kit.line(period, "base")
    assert (base["amount"], base["status"]) == ("30000.00", "final")
    assert any("运维服务考核" in text for text in period["missing"])


def test_service_months_count_from_signing(kit: Any) -> None:
    # "本项目服务期为自合同签订之日起1年": signed 15 Mar → 服务月:1 is 15 Mar – 14 Apr and
    # 服务月:12 ends on 14 Mar 2024 (Civil Code art. 202).
    events = [month(kit, "2023-04-10 17:00", "90"), month(kit, "2024-03-10 17:00", "95")]
    report = kit.replay(NAME, events, params={"start": date(2023, 3, 15)})
    first, last = kit.period(report, "服务月:1"), kit.period(report, "服务月:12")
    assert (first["start"], first["end"]) == (
        "2023-03-15T00:00:00+08:00",
        "2023-04-15T00:00:00+08:00",
    )
    assert last["end"] == "2024-03-15T00:00:00+08:00"


def test_the_monthly_form_is_out_of_100(kit: Any) -> None:
    # "运维服务考核表（百分制）" → `max 100`: a month given 92 reports 92 out of 100; 100.5
    # is no score of that form and is refused, naming the event.
    report = kit.replay(NAME, [month(kit, "2023-06-30 17:00", "92")])
    card = kit.card(kit.period(report, "服务月:4"), "运维服务考核")
    assert (card["score"], card["max"]) == ("92", "100")
    with pytest.raises(RuleError) as caught:
        kit.replay(NAME, [month(kit, "2023-06-30 17:00", "100.5")])
    problem = caught.value.diagnostics[0]
    assert (problem.code, problem.line) == ("SLR915", 1)
