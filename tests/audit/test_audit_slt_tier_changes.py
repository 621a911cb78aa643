"""Audit: fujian-slt-2024, a 故障级别 that changes — twice and back, on a pause, on a reopened
ticket, after a deadline — worked by hand from the table "二、服务响应要求" (紧急: 响应时间
10分钟, 恢复时间 4小时内; 一般: 半小时内, 8小时内（具体要视问题解决的难易程度和限制条件定）) and
the points "每次发生故障响应与解决时间超过合同规定。紧急故障扣1分，一般故障扣0.5分".

The rule file's documented readings (docs/rulesets/fujian-slt-2024.md, readings 6 and 13):
the 7×24 calendar; a pause holds only a 一般 fault's restore clock, from the moment the ticket
is 一般; `retier remeasure allow full` — a deadline passed before the change stays breached
under its tier, a running one is measured against the new level from the report, and after
an upgrade the vendor has the new level's whole time from the change, never more than the
deadline it had just before. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SLT = "fujian-slt-2024"
DAY = "2024-07-15"  # a Monday; the calendar is 7×24, so the day does not matter


def _t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def _target(kit: Any, steps: list[Any], tier: str, metric: str) -> dict[str, Any]:
    events = kit.ticket("T", "故障", tier, f"{DAY} 10:00", *steps)
    report = kit.replay(SLT, events, as_of="2024-08-01 00:00")
    found: dict[str, Any] = kit.target(report, "T", metric)
    return found


def _points(kit: Any, steps: list[Any], tier: str) -> str:
    events = kit.ticket("T", "故障", tier, f"{DAY} 10:00", *steps)
    report = kit.replay(SLT, events, as_of="2025-07-01 00:00")
    card = kit.card(kit.period(report, "服务年:1"), "运维工作考核")
    score: str = kit.item(card, "故障响应与解决时间")["score"]
    return score


@pytest.mark.parametrize("restored, status", [("14:00", "met"), ("14:05", "breached")])
def test_urgent_to_ordinary_and_back_to_urgent(kit: Any, restored: str, status: str) -> None:
    # 紧急 at 10:00: respond by 10:10, restore by 14:00. 10:05 → 一般 (nothing passed yet):
    # measured from 10:00, respond by 10:30, restore by 18:00. 10:20 → 紧急 again: the change
    # plus 紧急's own time would give 10:30 and 14:20, but as 紧急 the ticket already had 10:10
    # and 14:00, and a change back to a level never gives more than that level gave
    # (docs/language.md, retier 2; before that rule the down-and-up bought 20 minutes on
    # each): respond by 10:10 — already past at the change, and from 10:05 to 10:20 the
    # 一般 10:30 was in force, so no breach dates from 10:10: due at the change, 10:20, and
    # answered 10:25 is a breach — and restore by 14:00: 14:00 met, 14:05 breached. Either
    # way the ticket is a breached 紧急 ticket, once: "紧急故障扣1分" → 9.
    steps = [(f"{DAY} 10:05", "retiered", {"tier": "一般"}),
             (f"{DAY} 10:20", "retiered", {"tier": "紧急"}),
             (f"{DAY} 10:25", "responded"), (f"{DAY} {restored}", "restored")]  # fmt: skip
    respond = _target(kit, steps, "紧急", "respond")
    assert (respond["status"], respond["deadline"]) == ("breached", _t("10:20"))
    restore = _target(kit, steps, "紧急", "restore")
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        status,
        _t("14:00"),
        "紧急",
    )
    assert _points(kit, steps, "紧急") == "9"


@pytest.mark.parametrize("restored, status, points", [("19:59", "met", "10"),
                                                       ("20:01", "breached", "9.5")])  # fmt: skip
def test_paused_while_urgent_then_lowered_to_ordinary_holds_only_from_the_change(
    kit: Any, restored: str, status: str, points: str
) -> None:
    # 紧急 at 10:00, answered 10:05. Paused at 10:30: 紧急 has no 限制条件 allowance, so the
    # restore clock runs. Lowered to 一般 at 11:00 (14:00 not passed): from then the pause
    # holds it. Resumed 13:00: held 11:00–13:00 = 2 h. 一般 8 h from 10:00 + 2 h = 20:00.
    steps = [(f"{DAY} 10:05", "responded"), (f"{DAY} 10:30", "paused"),
             (f"{DAY} 11:00", "retiered", {"tier": "一般"}), (f"{DAY} 13:00", "resumed"),
             (f"{DAY} {restored}", "restored")]  # fmt: skip
    restore = _target(kit, steps, "紧急", "restore")
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        status,
        _t("20:00"),
        "一般",
    )
    assert _points(kit, steps, "紧急") == points


@pytest.mark.parametrize("restored, status", [("16:59", "met"), ("17:01", "breached")])
def test_raised_to_urgent_during_a_pause_is_released_at_the_change(
    kit: Any, restored: str, status: str
) -> None:
    # 一般 at 10:00, answered 10:10, paused 11:00 (held: 1 h counted so far). Raised to 紧急
    # at 13:00: released. From the report, 紧急's 4 h with 1 h used → 16:00; the floor is
    # 13:00 + 4 h = 17:00, not after the 一般 deadline just before (7 h left → 20:00): 17:00.
    # The resume at 14:00 changes nothing (the clock already runs).
    steps = [(f"{DAY} 10:10", "responded"), (f"{DAY} 11:00", "paused"),
             (f"{DAY} 13:00", "retiered", {"tier": "紧急"}), (f"{DAY} 14:00", "resumed"),
             (f"{DAY} {restored}", "restored")]  # fmt: skip
    restore = _target(kit, steps, "一般", "restore")
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        status,
        _t("17:00"),
        "紧急",
    )


@pytest.mark.parametrize("restored, status", [("13:30", "met"), ("14:30", "breached")])
def test_a_reopened_fault_raised_to_urgent(kit: Any, restored: str, status: str) -> None:
    # 一般 at 10:00, answered 10:10, restored 12:00 (2 h counted), closed 12:30. Reopened the
    # next day at 09:00: the time in between does not count; 6 h left → 15:00. Raised to
    # 紧急 at 10:00 (3 h used): from the report 1 h left → 11:00; floor 10:00 + 4 h = 14:00,
    # not after the 15:00 it had: 14:00.
    nxt = "2024-07-16"
    steps = [(f"{DAY} 10:10", "responded"), (f"{DAY} 12:00", "restored"),
             (f"{DAY} 12:30", "closed"), (f"{nxt} 09:00", "reopened"),
             (f"{nxt} 10:00", "retiered", {"tier": "紧急"}),
             (f"{nxt} {restored}", "restored")]  # fmt: skip
    restore = _target(kit, steps, "一般", "restore")
    assert (restore["status"], restore["deadline"]) == (status, _t("14:00", nxt))
    respond = _target(kit, steps, "一般", "respond")
    assert (respond["status"], respond["tier"]) == ("met", "一般")


def test_lowered_after_the_four_hours_stays_an_urgent_breach(kit: Any) -> None:
    # 紧急 at 10:00, answered 10:05; its 4 h ran out at 14:00. Lowered to 一般 at 14:30 and
    # restored 15:00, within 一般's 8 h — but a change never erases a breach: a 紧急 breach,
    # −1 point (10 → 9).
    steps = [(f"{DAY} 10:05", "responded"), (f"{DAY} 14:30", "retiered", {"tier": "一般"}),
             (f"{DAY} 15:00", "restored")]  # fmt: skip
    restore = _target(kit, steps, "紧急", "restore")
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        "breached", _t("14:00"), "紧急")  # fmt: skip
    assert _points(kit, steps, "紧急") == "9"


@pytest.mark.parametrize(
    "change, status, deadline, tier",
    [
        # 紧急 at 10:00, respond by 10:10. Lowered to 一般 at 10:10:00 exactly: a response at
        # 10:10 would still have been in time ("met when at or before the deadline"), so the
        # deadline has not passed: remeasured against 一般's 半小时 → 10:30; answered 10:20: met.
        ("10:10:00", "met", "10:30", "一般"),
        # One second later the 10 minutes had run out: a 紧急 breach that the change keeps.
        ("10:10:01", "breached", "10:10", "紧急"),
    ],
)
def test_lowered_exactly_at_the_deadline_or_a_second_after(
    kit: Any, change: str, status: str, deadline: str, tier: str
) -> None:
    events = [
        kit.ev(f"{DAY} 10:00", "opened", ticket="T", sla="故障", tier="紧急"),
        {"at": f"{DAY}T{change}+08:00", "type": "retiered", "ticket": "T", "tier": "一般"},
        kit.ev(f"{DAY} 10:20", "responded", ticket="T"),
        kit.ev(f"{DAY} 11:00", "restored", ticket="T"),
    ]
    respond = kit.target(kit.replay(SLT, events, as_of="2024-08-01 00:00"), "T", "respond")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        status, _t(deadline), tier)  # fmt: skip
