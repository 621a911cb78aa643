"""Audit round 4, clocks and calendars: fujian-scjg-2023 — a fault reopened on 除夕 2024 whose
workday targets run into the Spring Festival and its make-up Sunday.

Worked by hand from "当发生问题时，运维服务商应在30分钟内响应，1个工作日内提供故障解决方案并解决
故障（突发应急事件除外）" and "要求故障处理结束后2个工作日内，提交《故障报告》", the rule file's
readings (docs/rulesets/fujian-scjg-2023.md: 服务时间 08:00-12:00, 14:30-17:30 on the State
Council's working days; "N个工作日" per the Civil Code, the start day not counted, 24:00 of
the last workday; the term 2023-03-01 to 2024-02-29) and the 2024 schedule (国办发明电〔2023〕
7号): 春节 2月10日至17日放假调休，共8天；2月4日（周日）、2月18日（周日）上班. SPEC §3.8: the time
between the fix and the reopening does not count. Nothing here was copied from slarules'
output.
"""

from __future__ import annotations

from typing import Any

SCJG = "fujian-scjg-2023"


def test_a_fault_reopened_on_new_years_eve_2024(kit: Any) -> None:
    # Opened Thu 2024-02-08 10:00, answered 10:10 (30 min: met), resolved 16:00, closed;
    # reopened Fri 02-09 (除夕, a working day in 2024) 09:00, resolved 11:00, report 02-19.
    # resolve "1个工作日": Fri 02-09 → 02-09 24:00. Fixed Thursday 16:00, the day of the report
    # (not counted): no working day used. Reopened Fri 02-09 09:00: the one working day counts
    # again from the day after the reopening (walkthrough reading 12, whole days: a gap moves
    # a days target by whole days, not by its 2½ h of 服务时间), past the festival to the
    # make-up Sunday 02-18 → 02-18 24:00 (2024-02-19 00:00). Resolved 02-09 11:00: met.
    # The report ("故障处理结束后2个工作日内") counts from the fix that held, 02-09 11:00
    # (the first one was undone by the reopening): 02-18 (Sun, worked) 1, Mon 02-19 2 → 02-19
    # 24:00; reported 02-19 15:00: met. Counted from 02-08 16:00 it would have been due on
    # 02-18 24:00 and late.
    events = kit.ticket(
        "S", "故障", "故障", "2024-02-08 10:00",
        ("2024-02-08 10:10", "responded"), ("2024-02-08 16:00", "resolved"),
        ("2024-02-08 16:10", "closed"), ("2024-02-09 09:00", "reopened"),
        ("2024-02-09 11:00", "resolved"), ("2024-02-19 15:00", "reported"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2024-02-28 18:00")
    resolve, owed = kit.target(report, "S", "resolve"), kit.target(report, "S", "report")
    assert (resolve["status"], resolve["deadline"]) == ("met", "2024-02-19T00:00:00+08:00")
    assert (owed["status"], owed["start"], owed["deadline"]) == (
        "met", "2024-02-09T11:00:00+08:00", "2024-02-20T00:00:00+08:00")  # fmt: skip


def test_a_report_delivered_before_the_reopening_stays_delivered(kit: Any) -> None:
    # As above, but the 《故障报告》 came Fri 02-09 08:30, before the reopening: the report
    # owed for the fix was delivered in time (02-09 is the 1st of its 2 workdays) and stays
    # met; the reopening asks for no second one.
    events = kit.ticket(
        "S", "故障", "故障", "2024-02-08 10:00",
        ("2024-02-08 10:10", "responded"), ("2024-02-08 16:00", "resolved"),
        ("2024-02-08 16:10", "closed"), ("2024-02-09 08:30", "reported"),
        ("2024-02-09 09:00", "reopened"), ("2024-02-09 11:00", "resolved"),
    )  # fmt: skip
    owed = kit.target(kit.replay(SCJG, events, as_of="2024-02-28 18:00"), "S", "report")
    assert (owed["status"], owed["start"], owed["stop"]) == (
        "met", "2024-02-08T16:00:00+08:00", "2024-02-09T08:30:00+08:00")  # fmt: skip
