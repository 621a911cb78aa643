"""Audit round 3: guangxi-gat-2024, changes of level in unusual sequences, worked by hand from
"六、服务要求（二）" and 表1/表2 (shared/contracts/guangxi-gat-2024.txt):

  "1级 … 15分钟内响应 … 4小时内采取相应解决方案直至系统可以运行或降至2-4级别的问题。"
  "2级 … 30分钟内响应 … 8小时内采取相应解决方案直至系统可以运行或降至3-4级别的问题。"
  "3级 … 45分钟内响应 … 24小时内 …"   "4级 … 60分钟内响应 … 48小时内 …"
  "须在故障排除后3天内提交《故障处理及分析报告》"
  "因采购人或第三方导致的延迟或质量问题，或不可抗力（如封网、机房环境等）不参与评价。"
  表1/表2 故障响应: "不能根据技术服务要求及承诺及时提供电话应急支持或现场技术支持，
  每发生一次，扣2分"

Documented readings (docs/rulesets/guangxi-gat-2024.md, 1 and 2; docs/language.md, retier
and `or downgrade`): times are 7×24; a lowering at or before the 4 (8) hours discharges
the 1级 (2级) resolution target and the ticket owes the new level's time from the report;
a change back never gives more than that level gave, and if that time has passed the
target is due at the change; `pause all` for the purchaser's/third party's delays; a
ticket's sheet is its `opened` event's assessor. Events at one timestamp are processed in
file order (SPEC §5). The report of each fault is logged in time (故障响应 also takes
"须在故障排除后3天内提交…每逾期1天扣0.2分"), so only the breaches worked out below cost
points. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

GX = "guangxi-gat-2024"
DAY = "2024-09-10"
NEXT = "2024-09-11"
AS_OF = "2024-10-20 00:00"


def _t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def _resolve(kit: Any, report: dict[str, Any], ticket: str = "E") -> tuple[Any, ...]:
    x = kit.target(report, ticket, "resolve")
    return x["status"], x["deadline"], x["tier"], x["met_by_downgrade"]


def _response_item(kit: Any, report: dict[str, Any], period: str = "考核周期:1") -> str:
    card = kit.card(kit.period(report, period), "监理评分")
    score: str = kit.item(card, "故障响应", sheet="监理")["score"]
    return score


def test_lowered_twice_each_lowering_discharges_the_level_it_leaves(kit: Any) -> None:
    # 1级 at 09:00 (resolve by 13:00). Lowered to 2级 at 12:00, before 13:00: "或降至2-4级别"
    # discharges it; 2级 owes 8 h from the report, 17:00. Lowered to 3级 at 16:00, before
    # 17:00: "或降至3-4级别" discharges that too; 3级 owes 24 h from the report → 11 Sep
    # 09:00. Resolved 11 Sep 08:00 → met, as a 3级 target reached by a lowering.
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:10", "responded"),
        (f"{DAY} 12:00", "retiered", {"tier": "2级"}),
        (f"{DAY} 16:00", "retiered", {"tier": "3级"}),
        (f"{NEXT} 08:00", "resolved"),
        (f"{NEXT} 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of=AS_OF)
    assert _resolve(kit, report) == ("met", _t("09:00", NEXT), "3级", True)
    assert _response_item(kit, report) == "20"


@pytest.mark.parametrize("resolved, status", [("14:00", "met"), ("14:01", "breached")])
def test_raised_back_to_1_after_its_four_hours_is_due_at_the_change(
    kit: Any, resolved: str, status: str
) -> None:
    # 1级 at 09:00 (13:00). Lowered to 2级 at 12:00 (discharged; 2级 due 17:00). Raised back
    # to 1级 at 14:00: 1级's time "4小时内" from the report ended at 13:00, while the problem
    # was 2级 and 17:00 was in force, so no breach dates from 13:00; a change back gives no
    # more than 1级 gave (13:00), so the 4 hours are not given again: due at the change,
    # 14:00 (docs/language.md, retier 2). Resolved 14:00 → met (at the deadline); 14:01 →
    # a 1级 breach, no longer met by the lowering: 故障响应 20 − 2 = 18.
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:10", "responded"),
        (f"{DAY} 12:00", "retiered", {"tier": "2级"}),
        (f"{DAY} 14:00", "retiered", {"tier": "1级"}),
        (f"{DAY} {resolved}", "resolved"),
        (f"{NEXT} 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of=AS_OF)
    assert _resolve(kit, report) == (status, _t("14:00"), "1级", False)
    assert _response_item(kit, report) == ("20" if status == "met" else "18")


@pytest.mark.parametrize(
    "first, expected",
    [
        # Resolved first, at 13:00 = the 1级 deadline: "4小时内" met as 1级; the lowering at
        # the same instant finds the clock stopped and changes nothing.
        ("resolved", ("met", _t("13:00"), "1级", False)),
        # Lowered first, at 13:00 (not after the 4 hours): discharged; 3级's 24 h from the
        # report → 11 Sep 09:00; resolved at 13:00 → met.
        ("retiered", ("met", _t("09:00", NEXT), "3级", True)),
    ],
)
def test_lowered_at_the_instant_of_the_resolution_and_of_the_deadline(
    kit: Any, first: str, expected: tuple[Any, ...]
) -> None:
    fix = (f"{DAY} 13:00", "resolved")
    lower = (f"{DAY} 13:00", "retiered", {"tier": "3级"})
    pair = (fix, lower) if first == "resolved" else (lower, fix)
    events = kit.ticket("E", "事件", "1级", f"{DAY} 09:00", (f"{DAY} 09:05", "responded"), *pair)
    report = kit.replay(GX, events, as_of=AS_OF)
    assert _resolve(kit, report) == expected
    # Either way the report is owed "故障排除后3天内" from 10 Sep: 11, 12, 13 Sep → 14 Sep 00:00.
    rep = kit.target(report, "E", "report")
    assert (rep["status"], rep["deadline"]) == ("breached", "2024-09-14T00:00:00+08:00")


def test_lowered_during_a_pause_long_after_four_wall_clock_hours(kit: Any) -> None:
    # 1级 at 09:00, answered 09:05; the purchaser's delay holds it from 10:00 (1 h counted).
    # Lowered to 3级 at 14:30, still paused: only 1 h of the 4 has run, so the deadline has
    # not passed (a pause moves it) → discharged. Resumed 15:00: held 10:00–15:00 = 5 h.
    # 3级's 24 h from the report + 5 h → 11 Sep 14:00. Resolved 11 Sep 13:00 → met.
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:05", "responded"),
        (f"{DAY} 10:00", "paused"),
        (f"{DAY} 14:30", "retiered", {"tier": "3级"}),
        (f"{DAY} 15:00", "resumed"),
        (f"{NEXT} 13:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of=AS_OF)
    assert _resolve(kit, report) == ("met", _t("14:00", NEXT), "3级", True)


@pytest.mark.parametrize("first", ["resumed", "retiered"])
@pytest.mark.parametrize("resolved, status", [("15:00", "met"), ("15:01", "breached")])
def test_raised_back_at_the_instant_of_the_resume_either_order(
    kit: Any, first: str, resolved: str, status: str
) -> None:
    # 1级 at 09:00; paused 10:00 (the purchaser's delay). Lowered to 2级 at 11:00 while
    # paused (1 h of 4 used: discharged). At 12:00 the resume and a raise back to 1级 share
    # the timestamp. Held 10:00–12:00 = 2 h whichever comes first. 1级 from the report: 4 h
    # + 2 h held → 15:00; that is also the earliest 1级 deadline moved by the time the clock
    # did not run; the floor, 12:00 + 4 h = 16:00, is bounded by it → 15:00. Resolved 15:00
    # → met; 15:01 → a 1级 breach (故障响应 18).
    resume = (f"{DAY} 12:00", "resumed")
    raise_ = (f"{DAY} 12:00", "retiered", {"tier": "1级"})
    pair = (resume, raise_) if first == "resumed" else (raise_, resume)
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:05", "responded"),
        (f"{DAY} 10:00", "paused"),
        (f"{DAY} 11:00", "retiered", {"tier": "2级"}),
        *pair,
        (f"{DAY} {resolved}", "resolved"),
        (f"{NEXT} 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of=AS_OF)
    assert _resolve(kit, report) == (status, _t("15:00"), "1级", False)
    assert _response_item(kit, report) == ("20" if status == "met" else "18")


@pytest.mark.parametrize("cause, score", [(None, "18"), ("第三方原因", "20")])
def test_a_missed_response_lowered_then_attributed_is_not_scored(
    kit: Any, cause: str | None, score: str
) -> None:
    # 1级 at 09:00: "15分钟内响应" → 09:15; answered 09:30 → missed, a 1级 breach that the
    # lowering to 4级 at 10:00 does not erase. Resolved 11:00 (4级: 48 h → met). Without a
    # cause: 故障响应 −2 → 18. Attributed to 第三方原因 afterwards: "不参与评价" → the ticket
    # is reported with its breach, excluded, scored nowhere → 20.
    steps: list[Any] = [
        (f"{DAY} 09:30", "responded"),
        (f"{DAY} 10:00", "retiered", {"tier": "4级"}),
        (f"{DAY} 11:00", "resolved"),
        (f"{NEXT} 10:00", "reported"),
    ]
    if cause is not None:
        steps.append((f"{DAY} 11:30", "attributed", {"cause": cause}))
    report = kit.replay(GX, kit.ticket("E", "事件", "1级", f"{DAY} 09:00", *steps), as_of=AS_OF)
    respond = kit.target(report, "E", "respond")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "breached", _t("09:15"), "1级")  # fmt: skip
    assert _response_item(kit, report) == score
    ticket = next(t for t in report["tickets"] if t["ticket"] == "E")
    assert ticket["excluded"] == cause


def test_a_department_s_ticket_lowered_with_another_assessor_named(kit: Any) -> None:
    # A ticket opened by 警令指挥部 (its sheet of 表2), 1级 at 09:00, answered 09:40 (> 15
    # min: a breach). Lowered to 2级 at 10:00 by an event naming 监理: the ticket's sheet is
    # its opened event's, so among 表2's sheets the breach costs 2 on 警令指挥部's only:
    # 警令指挥部 故障响应 18, 刑事侦查总队 20; 表1, which the department does not assess,
    # sees the ticket as untagged (docs/language.md, Assessors: "the ticket's clocks are
    # facts everyone shares") → 监理 18. The 监理 named on the change moves nothing.
    events = kit.ticket(
        "E", "事件", "1级", f"{DAY} 09:00",
        (f"{DAY} 09:40", "responded"),
        (f"{DAY} 10:00", "retiered", {"tier": "2级", "assessor": "监理"}),
        (f"{DAY} 11:00", "resolved"),
        (f"{NEXT} 10:00", "reported"),
    )  # fmt: skip
    events[0]["assessor"] = "警令指挥部"
    report = kit.replay(GX, events, as_of=AS_OF)
    period = kit.period(report, "考核周期:1")
    table2 = kit.card(period, "服务总队评分")
    assert kit.item(table2, "故障响应", sheet="警令指挥部")["score"] == "18"
    assert kit.item(table2, "故障响应", sheet="刑事侦查总队")["score"] == "20"
    assert _response_item(kit, report) == "18"
    assert any("assessor 监理" in w and "retiered" in w for w in report["warnings"])


def test_a_missed_response_at_the_end_of_cycle_1_lowered_in_cycle_2(kit: Any) -> None:
    # Cycle 1 runs from 2024-09-02 and ends at 2025-09-02 00:00 ("每12个月为一个考核周期").
    # 1级 at 2025-09-01 23:50: respond by 2025-09-02 00:05; answered 00:20 → missed. Lowered
    # to 4级 at 00:30 (after the miss: it stays a 1级 breach). The ticket counts in the cycle
    # of its report (docs/language.md clock rule 7): cycle 1 故障响应 18, cycle 2 20.
    events = kit.ticket(
        "E", "事件", "1级", "2025-09-01 23:50",
        ("2025-09-02 00:20", "responded"),
        ("2025-09-02 00:30", "retiered", {"tier": "4级"}),
        ("2025-09-02 02:00", "resolved"),
        ("2025-09-03 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2025-10-01 00:00")
    respond = kit.target(report, "E", "respond")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "breached", "2025-09-02T00:05:00+08:00", "1级")  # fmt: skip
    assert _response_item(kit, report, "考核周期:1") == "18"
    assert _response_item(kit, report, "考核周期:2") == "20"


def test_a_change_between_the_fix_and_its_report_across_national_day(kit: Any) -> None:
    # 2级 at 2024-09-28 09:00 (a Saturday), answered 09:20, resolved 15:00 (≤ 17:00). The
    # report "故障排除后3天内": 28 Sep not counted; 29 (调休 Sunday), 30 Sep, 1 Oct → the last
    # day is National Day, a holiday, so it moves to the next working day (Civil Code art.
    # 203): 8 Oct (1–7 Oct off) → due 2024-10-09 00:00. Raised to 1级 on 30 Sep 10:00 with
    # the report still owed: every level owes the same "3天内" from the fix (the floor, 3
    # days from 30 Sep, ends 3 Oct, a holiday → also 9 Oct 00:00) → 9 Oct 00:00 unchanged.
    # Reported 8 Oct 18:00 → met; the resolution stopped before the change and stays 2级.
    events = kit.ticket(
        "E", "事件", "2级", "2024-09-28 09:00",
        ("2024-09-28 09:20", "responded"),
        ("2024-09-28 15:00", "resolved"),
        ("2024-09-30 10:00", "retiered", {"tier": "1级"}),
        ("2024-10-08 18:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of=AS_OF)
    rep = kit.target(report, "E", "report")
    assert (rep["status"], rep["deadline"]) == ("met", "2024-10-09T00:00:00+08:00")
    assert _resolve(kit, report) == ("met", "2024-09-28T17:00:00+08:00", "2级", False)
