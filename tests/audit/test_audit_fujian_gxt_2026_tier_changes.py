"""Audit (E2): fujian-gxt-2026 — tier changes: down and back up, up and back down, across the
boundary of the two 服务周期, and on a reopened ticket.

The rule file's reading of a tier change (`retier remeasure allow full`; walkthrough reading
14): "A target whose time ran out stays breached under its old tier; a running one is measured
against the new tier from the notice. A fault found to be 紧急 later gives the vendor the 紧急
times from that moment … but never more than it already had." docs/language.md, retier: "the
floor never lies after the deadline the clock had before the change (an upgrade never gives
more time than the ticket had)". Every expected number is worked out by hand from the clause
quoted beside it, never copied from slarules' output.

Tiers (四、服务要求): 一般 "1小时内响应，非灾难性问题4小时内解决"; 紧急 adds
"驻点技术人员在1个小时内赶赴现场，公司技术人员2小时内赶赴现场"; deductions:
"未能按照服务响应时间要求响应的每次扣2分" (arrivals included, reading 8),
"服务事项没有按照…时限…完成的每件扣5分" (resolution).
"""

from __future__ import annotations

from typing import Any

NAME = "fujian-gxt-2026"


def run(kit: Any, events: list[Any], label: str = "服务周期:1") -> tuple[dict[str, Any], Any]:
    report = kit.replay(NAME, events, as_of="2027-03-01 00:00")
    return report, kit.card(kit.period(report, label), "服务考核")


def test_a_missed_arrival_stays_one_breach_through_a_downgrade_and_back(kit: Any) -> None:
    # 紧急 at 09:00: the resident was due by 10:00 ("1个小时内赶赴现场") and had not come when
    # the fault was lowered to 一般 at 10:30 → a breach that no change erases. Raised back to
    # 紧急 at 10:50, still nobody → it is the same missed arrival: one breach, 2 points, not 4.
    # The company engineer ("2小时内") arrives at 10:55, within the 11:00 the 紧急 fault had from
    # the notice (met either way); resolved 12:30 (≤ 13:00). 服务响应时间 20 − 2 = 18 → 98.
    events = kit.ticket(
        "R1", "故障", "紧急", "2026-05-11 09:00",
        ("2026-05-11 09:10", "responded"),
        ("2026-05-11 10:30", "retiered", {"tier": "一般"}),
        ("2026-05-11 10:50", "retiered", {"tier": "紧急"}),
        ("2026-05-11 10:55", "engineer_arrived"),
        ("2026-05-11 12:30", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    assert kit.target(report, "R1", "arrive")["status"] == "breached"
    assert kit.target(report, "R1", "engineer_arrive")["status"] == "met"
    assert kit.item(card, "服务响应时间")["score"] == "18"
    assert card["score"] == "98"


def test_down_and_back_up_never_gives_more_time_than_the_first_tier_gave(kit: Any) -> None:
    # 紧急 at 09:00: resident due 10:00, company engineer due 11:00 ("2小时内赶赴现场", from the
    # notice). Lowered to 一般 at 09:30, raised back to 紧急 at 09:40: the vendor already had
    # 10:00 and 11:00 as a 紧急 fault; "never more than it already had" → still 10:00 / 11:00.
    # Resident at 10:20 → breached; engineer at 11:30 → breached. Resolved 12:00 (≤ 13:00).
    # 服务响应时间 20 − 2 − 2 = 16 → 96.
    # (Counting the 紧急 times afresh from 09:40 would give 10:40 / 11:40 — both met, 100 — so
    # a downgrade and re-upgrade would buy 40 minutes on each arrival.)
    events = kit.ticket(
        "R2", "故障", "紧急", "2026-05-12 09:00",
        ("2026-05-12 09:10", "responded"),
        ("2026-05-12 09:30", "retiered", {"tier": "一般"}),
        ("2026-05-12 09:40", "retiered", {"tier": "紧急"}),
        ("2026-05-12 10:20", "arrived"),
        ("2026-05-12 11:30", "engineer_arrived"),
        ("2026-05-12 12:00", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    arrive = kit.target(report, "R2", "arrive")
    assert (arrive["deadline"], arrive["status"]) == ("2026-05-12T10:00:00+08:00", "breached")
    engineer = kit.target(report, "R2", "engineer_arrive")
    assert (engineer["deadline"], engineer["status"]) == ("2026-05-12T11:00:00+08:00", "breached")
    assert kit.item(card, "服务响应时间")["score"] == "16"


def test_raised_back_after_the_first_arrival_time_owes_the_arrival_at_once(kit: Any) -> None:
    # 紧急 at 09:00: resident due 10:00, company engineer 11:00 ("1个小时内…2小时内赶赴现场").
    # Lowered to 一般 at 09:30 (no arrival owed), raised back to 紧急 at 10:30, after 10:00:
    # "never more than it already had" → the resident gets no new hour (紧急 from the change
    # would give 11:30); but from 09:30 to 10:30 no arrival was owed, so the absence at 10:00
    # was no breach then: the resident is due at the change, 10:30, and arriving 10:40 is a
    # breach. The engineer is still due 11:00 and arrives 10:50 → met. Resolved 12:00 (≤ 13:00).
    # 服务响应时间 20 − 2 = 18 → 98.
    events = kit.ticket(
        "R7", "故障", "紧急", "2026-05-18 09:00",
        ("2026-05-18 09:10", "responded"),
        ("2026-05-18 09:30", "retiered", {"tier": "一般"}),
        ("2026-05-18 10:30", "retiered", {"tier": "紧急"}),
        ("2026-05-18 10:40", "arrived"),
        ("2026-05-18 10:50", "engineer_arrived"),
        ("2026-05-18 12:00", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    arrive = kit.target(report, "R7", "arrive")
    assert (arrive["deadline"], arrive["status"]) == ("2026-05-18T10:30:00+08:00", "breached")
    engineer = kit.target(report, "R7", "engineer_arrive")
    assert (engineer["deadline"], engineer["status"]) == ("2026-05-18T11:00:00+08:00", "met")
    assert kit.item(card, "服务响应时间")["score"] == "18"
    assert card["score"] == "98"


def test_up_and_back_down_before_the_arrival_deadlines_owes_no_arrival(kit: Any) -> None:
    # 一般 at 09:00, raised to 紧急 at 10:30 (resident owed by 11:30, engineer by 12:30, counted
    # from the change), lowered back to 一般 at 11:00 before either was due: 一般 owes no
    # arrival ("1小时内响应，非灾难性问题4小时内解决" only), so nobody's absence is a breach.
    # Answered 09:20, resolved 12:40 (≤ 13:00) → nothing deducted, 100.
    events = kit.ticket(
        "R3", "故障", "一般", "2026-05-13 09:00",
        ("2026-05-13 09:20", "responded"),
        ("2026-05-13 10:30", "retiered", {"tier": "紧急"}),
        ("2026-05-13 11:00", "retiered", {"tier": "一般"}),
        ("2026-05-13 12:40", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    for metric in ("arrive", "engineer_arrive"):
        assert kit.target(report, "R3", metric)["status"] != "breached"
    assert card["score"] == "100"


def test_an_upgrade_after_midnight_on_new_years_eve_counts_in_the_first_cycle(kit: Any) -> None:
    # 一般 opened 2026-12-31 23:00, answered 23:20; raised to 紧急 at 2027-01-01 00:10: the
    # resident is owed by 01:10 and the engineer by 02:10 (the 紧急 times from the change; 一般
    # had no arrival deadline to bound them). Resident 01:00 → met; engineer 02:30 → breached;
    # resolved 02:50 (≤ 03:00, 4 h from the notice) → met. The ticket counts in the period of
    # its opened time (docs/language.md): 服务周期:1 服务响应时间 18 → 98; 服务周期:2 100.
    events = kit.ticket(
        "R4", "故障", "一般", "2026-12-31 23:00",
        ("2026-12-31 23:20", "responded"),
        ("2027-01-01 00:10", "retiered", {"tier": "紧急"}),
        ("2027-01-01 01:00", "arrived"),
        ("2027-01-01 02:30", "engineer_arrived"),
        ("2027-01-01 02:50", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    arrive = kit.target(report, "R4", "arrive")
    assert (arrive["deadline"], arrive["status"]) == ("2027-01-01T01:10:00+08:00", "met")
    engineer = kit.target(report, "R4", "engineer_arrive")
    assert (engineer["deadline"], engineer["status"]) == ("2027-01-01T02:10:00+08:00", "breached")
    assert card["score"] == "98"
    assert kit.card(kit.period(report, "服务周期:2"), "服务考核")["score"] == "100"


def test_a_reopened_fault_lowered_to_general_still_owes_four_hours_in_all(kit: Any) -> None:
    # 紧急 09:00: answered 09:10, resident 09:50, engineer 10:30, resolved 11:00 (2 h). Reopened
    # 12:00 (the hour in between does not count, docs/language.md clock rule 4) and lowered to
    # 一般 at 12:05 — both tiers have "非灾难性问题4小时内解决" — resolved again 15:00: 2 h + 3 h =
    # 5 h > 4 h (deadline 09:00 + 4 h + 1 h = 14:00) → breached → "每件扣5分" → 服务完成情况 15
    # → 95. The arrivals were met before the change.
    events = kit.ticket(
        "R5", "故障", "紧急", "2026-05-14 09:00",
        ("2026-05-14 09:10", "responded"),
        ("2026-05-14 09:50", "arrived"),
        ("2026-05-14 10:30", "engineer_arrived"),
        ("2026-05-14 11:00", "resolved"),
        ("2026-05-14 11:05", "closed"),
        ("2026-05-14 12:00", "reopened"),
        ("2026-05-14 12:05", "retiered", {"tier": "一般"}),
        ("2026-05-14 15:00", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    resolve = kit.target(report, "R5", "resolve")
    assert (resolve["deadline"], resolve["status"]) == ("2026-05-14T14:00:00+08:00", "breached")
    assert kit.item(card, "服务完成情况")["score"] == "15"
    assert card["score"] == "95"


def test_a_reopened_fault_raised_to_disaster_after_its_four_hours_stays_breached(kit: Any) -> None:
    # 一般 09:00: answered 09:10, resolved 10:00 (1 h), reopened 11:00; the 4 h now end at
    # 14:00 (09:00 + 4 h + the hour between). Still broken at 14:30 it is raised to 灾难性 —
    # which has no 4-hour resolution, only "若24小时内无法排除故障，须提供备选方案" — but the
    # 一般 deadline had passed: "a change never erases a breach" → resolve breached, 服务完成情况
    # 15. The 24 h backup-plan clock (stopped at the first resolution, resumed at the reopening:
    # due next day 10:00) stops at the second resolution 16:00 → met. Nobody escalated, so no
    # engineer is owed. Score 95.
    events = kit.ticket(
        "R6", "故障", "一般", "2026-05-15 09:00",
        ("2026-05-15 09:10", "responded"),
        ("2026-05-15 10:00", "resolved"),
        ("2026-05-15 10:05", "closed"),
        ("2026-05-15 11:00", "reopened"),
        ("2026-05-15 14:30", "retiered", {"tier": "灾难性"}),
        ("2026-05-15 16:00", "resolved"),
    )  # fmt: skip
    report, card = run(kit, events)
    assert kit.target(report, "R6", "resolve")["status"] == "breached"
    assert kit.target(report, "R6", "workaround")["status"] == "met"
    assert kit.target(report, "R6", "engineer_arrive")["status"] == "not_applicable"
    assert kit.item(card, "服务完成情况")["score"] == "15"
    assert card["score"] == "95"
