"""Independent audit scenarios for tier changes (issue 10, item 1; SPEC §3.7), written from the
contract text by the project lead, separately from the engineers who built the constructs.

Each expected status is worked out by hand from the clause quoted beside it; nothing here was
copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

GX = "guangxi-gat-2024"
SLT = "fujian-slt-2024"


def test_guangxi_missed_15_minutes_stays_breached_after_a_downgrade(kit: Any) -> None:
    # "1级 … 15分钟内响应". Opened 09:00, so the 1级 response was due at 09:15. It was
    # downgraded to 2级 at 09:20 (after 09:15 had passed) and answered at 09:25, which is
    # within 2级's "30分钟内响应" but not within 1级's. SPEC §3.7: a deadline that passed before
    # the change stays breached.
    events = kit.ticket(
        "A1", "事件", "1级", "2024-09-10 09:00",
        ("2024-09-10 09:20", "retiered", {"tier": "2级"}),
        ("2024-09-10 09:25", "responded"),
        ("2024-09-10 10:00", "resolved"),
        ("2024-09-10 12:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-09-20 00:00")
    assert kit.target(report, "A1", "respond")["status"] == "breached"
    # The resolution was in time for either level: 10:00 is within 1级's 4 hours.
    assert kit.target(report, "A1", "resolve")["status"] == "met"


def test_guangxi_a_downgrade_after_the_4_hours_does_not_reopen_the_fix_target(kit: Any) -> None:
    # "4小时内采取相应解决方案直至系统可以运行或降至2-4级别的问题": opened 09:00, so the 1级
    # obligation ended at 13:00. The downgrade to 2级 came at 13:30, too late to discharge it;
    # resolved at 14:00 (within 2级's 8 hours, but that no longer matters).
    events = kit.ticket(
        "A2", "事件", "1级", "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 13:30", "retiered", {"tier": "2级"}),
        ("2024-09-10 14:00", "resolved"),
        ("2024-09-10 16:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-09-20 00:00")
    assert kit.target(report, "A2", "resolve")["status"] == "breached"
    assert kit.target(report, "A2", "respond")["status"] == "met"


def test_guangxi_downgraded_to_4th_level_and_never_fixed_breaches_the_4th_level_target(
    kit: Any,
) -> None:
    # The downgrade at 10:00 (within the 4 hours) discharges 1级's "4小时内 … 或降至2-4级别";
    # the ticket then owes 4级's "48小时内采取相应解决方案直至系统正常", measured (as the
    # walkthrough states) from the original report at 09:00 on 2024-09-10: due 2024-09-12
    # 09:00 on the 7×24 calendar. It is never resolved; at as_of 2024-09-13 00:00 it is late.
    events = kit.ticket(
        "A3", "事件", "1级", "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 10:00", "retiered", {"tier": "4级"}),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-09-13 00:00")
    resolve = kit.target(report, "A3", "resolve")
    assert resolve["status"] == "breached"
    assert resolve["deadline"] == "2024-09-12T09:00:00+08:00"


def test_guangxi_downgraded_to_4th_level_and_fixed_in_48_hours_is_met(kit: Any) -> None:
    # Same as above, resolved 2024-09-11 20:00: within 48 hours of the report → met.
    events = kit.ticket(
        "A4", "事件", "1级", "2024-09-10 09:00",
        ("2024-09-10 09:05", "responded"),
        ("2024-09-10 10:00", "retiered", {"tier": "4级"}),
        ("2024-09-11 20:00", "resolved"),
        ("2024-09-12 10:00", "reported"),
    )  # fmt: skip
    report = kit.replay(GX, events, as_of="2024-09-20 00:00")
    assert kit.target(report, "A4", "resolve")["status"] == "met"


def test_fujian_slt_an_upgrade_does_not_backdate_the_response_into_a_breach(kit: Any) -> None:
    # "紧急 … 响应时间 10分钟", "一般 … 半小时内". Opened 一般 at 10:00, upgraded to 紧急 at
    # 10:20, answered at 10:25. From the original report the 紧急 deadline would be 10:10, a
    # breach the vendor could not have avoided at 10:20. SPEC §3.7: an upgrade never gives a
    # deadline earlier than the change; the 一般 half hour (10:30) had not passed either. The
    # answer 5 minutes after the upgrade is within 紧急's 10 minutes from the change (10:30):
    # met, and 故障响应 loses no point ("紧急故障扣1分").
    events = kit.ticket(
        "S1", "故障", "一般", "2024-07-15 10:00",
        ("2024-07-15 10:20", "retiered", {"tier": "紧急"}),
        ("2024-07-15 10:25", "responded"),
        ("2024-07-15 11:00", "restored"),
    )  # fmt: skip
    report = kit.replay(SLT, events, as_of="2024-07-20 00:00")
    respond = kit.target(report, "S1", "respond")
    assert respond["status"] == "met"
    # Not before the change itself:
    assert respond["deadline"] >= "2024-07-15T10:20:00+08:00"
