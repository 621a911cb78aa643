"""Audit round 7: disagreements the guangxi oracle (tests/oracles/guangxi_gat_2024.py) found
between slarules and the contract text, worked by hand here.

A pause that begins at the very instant a target's time runs out. 六、服务要求: "1级…15分钟
内响应"; 七、处罚条款: "因采购人或第三方导致的延迟或质量问题…不参与评价" (reading 2: such a
delay inside the vendor's ticket is a pause). SPEC §3.5: "A target is met when its stop event
is at or before the deadline"; §3.6: "Paused time … does not count toward the metrics".
At the deadline itself the target is not yet missed, so a pause that starts then holds the
clock like any other: the vendor who answers during the purchaser's delay has used exactly
the 15 minutes. slarules treated a pause starting at the deadline as starting after it (a
hole that begins at the deadline did not move it) and reported a breach.
"""

from __future__ import annotations

from typing import Any

GX = "guangxi-gat-2024"


def test_a_pause_starting_at_the_deadline_holds_the_response_clock(kit: Any) -> None:
    # 1级 fault reported Tuesday 5 Nov 2024 10:00 (7×24: no calendar gaps). 15 minutes →
    # due 10:15. The purchaser's delay 10:15–10:30 (paused/resumed) does not count. The answer
    # at 10:20 has used 15 counted minutes (10:00–10:15) + 0 (10:15–10:20 paused) = 15 ≤ 15:
    # met. The deadline moves by the paused time up to the answer (the report gives it as
    # known at the stop, docs/language.md clock semantics 2): 10:15 + 0:05 = 10:20.
    events = [
        *kit.ticket(
            "C",
            "事件",
            "1级",
            "2024-11-05 10:00",
            ("2024-11-05 10:15", "paused"),
            ("2024-11-05 10:20", "responded"),
            ("2024-11-05 10:30", "resumed"),
            ("2024-11-05 11:00", "resolved"),
            ("2024-11-06 09:00", "reported"),
        ),
    ]
    report = kit.replay(GX, events, as_of="2024-12-01 00:00")
    respond = kit.target(report, "C", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", "2024-11-05T10:20:00+08:00")
    # 故障响应 (20): no late answer, the fix at 11:00 within 4 h (+ 15 min paused), the report
    # within 3 days → 20 on 表1.
    period = kit.period(report, "考核周期:1")
    assert kit.item(kit.card(period, "监理评分"), "故障响应", sheet="监理")["score"] == "20"


def test_an_arrival_during_a_pause_begun_at_the_24th_hour_is_in_time(kit: Any) -> None:
    # E总队 "必须确保在24小时之内到场": reported Monday 7 Oct 2024 23:59 → 24 h → due Tuesday
    # 8 Oct 23:59. The purchaser's delay from 23:59 exactly to Wednesday 9 Oct 12:00 (12 h
    # 1 min) does not count; arrival Wednesday 10:00, inside it: 24 h counted → met; the
    # deadline moves by the pause up to the arrival (10 h 1 min) → Wednesday 9 Oct 10:00.
    events = kit.ticket(
        "A",
        "E总队系统",
        "服务请求",
        "2024-10-07 23:59",
        ("2024-10-08 00:30", "responded"),
        ("2024-10-08 23:59", "paused"),
        ("2024-10-09 10:00", "arrived"),
        ("2024-10-09 12:00", "resumed"),
    )
    report = kit.replay(GX, events, as_of="2024-12-01 00:00")
    arrive = kit.target(report, "A", "arrive")
    assert (arrive["status"], arrive["deadline"]) == ("met", "2024-10-09T10:00:00+08:00")


def test_a_reopened_cgywzhjg_fault_owes_its_report_from_the_last_fix_after_a_workaround(
    kit: Any,
) -> None:
    # 附件1 8.7 CGYWZHJG平台: "12小时以内提出问题解决方案所采取的措施" (reading 4: the measures,
    # `workaround`, or the fix stop the 12 hours), and 表1/表2 "须在故障排除后3天内提交《故障
    # 处理及分析报告》，每逾期1天扣0.2分". Reading 23: "a fault that comes back was not 排除 at
    # its first fix, so its report is due 3 days after the last fix". The oracle found that a
    # reopening after a workaround left the report due from the first fix: the reopening
    # resumed the clock the workaround had stopped, and only a report started by *that*
    # event was owed afresh.
    # By hand (5×8: Mon–Fri 08:00–12:00, 14:00–18:00):
    # - opened Tue 15 Oct 2024 09:00, answered 09:30, measures proposed 11:00 (2 h of 12: met);
    # - 故障排除 Tue 15:00, closed 15:30; the fault comes back: reopened Wed 16 Oct 10:00;
    # - the 12 hours run again from the reopening with the 10 h left (the gap does not
    #   count): Wed 10–12 (2 h), 14–18 (6 h), Thu 08–12 (10 h) → due Thu 12:00; fixed again
    #   Thu 17 Oct 11:00: met;
    # - the report: 3 days after the last fix, Thu 17 Oct: Fri 18, Sat 19, Sun 20 — a rest
    #   day, so the next working day Mon 21 Oct, 24:00 → 2024-10-22T00:00; sent Mon 21 Oct
    #   10:00: met, 0 days late. From the first fix (due Sat 19 Oct 00:00) it would have been
    #   3 started days late (−0.6).
    events = [
        *kit.ticket(
            "C",
            "CGYWZHJG平台",
            "故障",
            "2024-10-15 09:00",
            ("2024-10-15 09:30", "responded"),
            ("2024-10-15 11:00", "workaround"),
            ("2024-10-15 15:00", "resolved"),
            ("2024-10-15 15:30", "closed"),
            ("2024-10-16 10:00", "reopened"),
            ("2024-10-17 11:00", "resolved"),
            ("2024-10-21 10:00", "reported"),
        ),
    ]
    report = kit.replay(GX, events, as_of="2024-12-01 00:00")
    resolve = kit.target(report, "C", "resolve")
    assert (resolve["status"], resolve["deadline"]) == ("met", "2024-10-17T12:00:00+08:00")
    owed = kit.target(report, "C", "report")
    assert (owed["status"], owed["deadline"], owed["days_late"]) == (
        "met",
        "2024-10-22T00:00:00+08:00",
        0,
    )
    period = kit.period(report, "考核周期:1")
    assert kit.item(kit.card(period, "监理评分"), "故障响应", sheet="监理")["score"] == "20"
