"""Tier changes, targets agreed per ticket and targets owed only ``when`` an event happened
(SPEC §3.7, docs/language.md §3), each worked out by hand from the contract's words.

The SLA below copies the times of guangxi-gat-2024 (1级 15分钟/4小时 "或降至2-4级别",
2级 30分钟/8小时, 4级 60分钟/48小时) and fujian-slt-2024 (紧急 10分钟, 一般 30分钟) on a 24×7
calendar, with the retier line varied per test. All times are 2 March 2026, China time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules import RuleError, Tracker
from slarules.engine.evidence import TargetResult, TicketResult
from slarules.report.text import render_report_text

SH = ZoneInfo("Asia/Shanghai")

RULES = """
ruleset "retier" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
sla 事件 {
  calendar 全天
  metric respond from opened to responded
  metric resolve from opened to resolved
  pause all
  RETIER
  tier 1级 { respond 15分钟  resolve 4小时 or downgrade }
  tier 2级 { respond 30分钟  resolve 8小时 or downgrade }
  tier 4级 { respond 60分钟  resolve 48小时 }
}
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  RETIER
  tier 紧急 { respond 10分钟  restore 4小时 }
  tier 一般 { respond 30分钟  restore 8小时 or agreed }
  tier 轻微 { respond agreed  restore agreed }
}
sla 灾难 {
  calendar 全天
  metric respond from opened to responded
  metric engineer_arrive from opened to engineer_arrived, resolved
  tier 灾难性 { respond 1小时  engineer_arrive 3小时 when escalated }
  tier 紧急 { respond 1小时  engineer_arrive 2小时 }
}
"""


def rules(retier: str = "retier remeasure") -> slarules.Ruleset:
    return slarules.loads(RULES.replace("RETIER", retier), "retier.sla")


def t(hhmm: str, day: int = 2) -> datetime:
    hour, minute = hhmm.split(":")
    return datetime(2026, 3, day, int(hour), int(minute), tzinfo=SH)


def ev(hhmm: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"at": t(hhmm).isoformat(), "type": kind, "ticket": "T", **fields}


def ticket(
    events: list[dict[str, Any]], as_of: str | datetime | None = None, **kw: Any
) -> TicketResult:
    tracker = Tracker(rules(**kw))
    for event in events:
        tracker.feed(event)
    when = t(as_of) if isinstance(as_of, str) else as_of
    return tracker._engine.evidence(when).tickets[0]


def target(result: TicketResult, metric: str) -> TargetResult:
    return next(x for x in result.targets if x.metric == metric)


# -- a breach that has happened stays ----------------------------------------------------------


def test_a_missed_15_minutes_stay_missed_after_a_downgrade() -> None:
    # "1级：15分钟内响应": opened 09:00, deadline 09:15; downgraded to 2级 at 09:20 and
    # answered at 09:25, inside 2级's 30 minutes. The 1级 deadline passed before the change:
    # a 1级 breach (before this rule the answer was "met" against 09:30).
    result = ticket(
        [
            ev("09:00", "opened", sla="事件", tier="1级"),
            ev("09:20", "retiered", tier="2级"),
            ev("09:25", "responded"),
        ]
    )
    respond = target(result, "respond")
    assert (respond.status, respond.tier, respond.deadline) == ("breached", "1级", t("09:15"))


def test_a_downgrade_after_the_4_hours_does_not_reopen_the_fix() -> None:
    # "4小时内…直至系统可以运行或降至2-4级别": 09:00 + 4 h = 13:00. The downgrade at 13:30 is
    # too late to discharge it, and 2级's 8 hours (17:00) do not reopen it: fixed 15:00 is a
    # 1级 breach.
    result = ticket(
        [
            ev("09:00", "opened", sla="事件", tier="1级"),
            ev("09:05", "responded"),
            ev("13:30", "retiered", tier="2级"),
            ev("15:00", "resolved"),
        ]
    )
    resolve = target(result, "resolve")
    assert (resolve.status, resolve.tier, resolve.deadline) == ("breached", "1级", t("13:00"))
    assert not resolve.met_by_downgrade


def test_a_deadline_exactly_at_the_change_has_not_passed() -> None:
    # "met when its stop event is at or before the deadline": a change at 13:00 sharp comes
    # before the 1级 4 hours have passed, so it still discharges them.
    result = ticket(
        [
            ev("09:00", "opened", sla="事件", tier="1级"),
            ev("13:00", "retiered", tier="2级"),
            ev("15:00", "resolved"),
        ]
    )
    resolve = target(result, "resolve")
    assert (resolve.status, resolve.tier, resolve.met_by_downgrade) == ("met", "2级", True)


def test_a_kept_breach_is_not_restarted_either() -> None:
    # Under `retier restart` a clock restarts at the change — but not one whose deadline has
    # passed: 1级 respond missed at 09:15, change at 09:20 → still the 1级 breach.
    result = ticket(
        [
            ev("09:00", "opened", sla="事件", tier="1级"),
            ev("09:20", "retiered", tier="2级"),
            ev("09:25", "responded"),
        ],
        retier="retier restart",
    )
    respond = target(result, "respond")
    assert (respond.status, respond.start, respond.deadline) == ("breached", t("09:00"), t("09:15"))


# -- or downgrade ---------------------------------------------------------------------------------


def test_a_1st_level_lowered_to_4th_and_never_fixed_breaches_48_hours_from_the_report() -> None:
    # "或降至2-4级别" discharges the 1级 obligation; the ticket then owes 4级's 48 hours from
    # its report: 09:00 on 2 Mar → 09:00 on 4 Mar. Never fixed: running on 3 Mar, breached on
    # 5 Mar (before this rule it was "met" for ever).
    events = [
        ev("09:00", "opened", sla="事件", tier="1级"),
        ev("09:05", "responded"),
        ev("11:00", "retiered", tier="4级"),
    ]
    on_3rd = target(ticket(events, as_of=t("09:00", day=3)), "resolve")
    on_5th = target(ticket(events, as_of=t("09:00", day=5)), "resolve")
    assert (on_3rd.status, on_3rd.deadline, on_3rd.tier) == ("running", t("09:00", day=4), "4级")
    assert (on_5th.status, on_5th.met_by_downgrade, on_5th.stop) == ("breached", True, None)


def test_a_discharged_target_reopens_with_its_ticket() -> None:
    # Discharged into 2级 (8 h from 09:00 → 17:00), fixed 12:00, closed, reopened 14:00 and
    # fixed again at 16:00: the resolution clock resumes like any other (2 h gap not counted:
    # 17:00 + 2 h = 19:00), met.
    result = ticket(
        [
            ev("09:00", "opened", sla="事件", tier="1级"),
            ev("09:05", "responded"),
            ev("10:00", "retiered", tier="2级"),
            ev("12:00", "resolved"),
            ev("12:30", "closed"),
            ev("14:00", "reopened"),
            ev("16:00", "resolved"),
        ]
    )
    resolve = target(result, "resolve")
    assert (resolve.status, resolve.stop, resolve.deadline) == ("met", t("16:00"), t("19:00"))


# -- upgrades --------------------------------------------------------------------------------------

UPGRADE = [
    ev("10:00", "opened", sla="故障", tier="一般"),
    ev("10:20", "retiered", tier="紧急"),
    ev("10:25", "responded"),
]


@pytest.mark.parametrize(
    ("retier", "deadline", "status"),
    [
        # SPEC default: never earlier than the change itself → 10:20; 10:25 is late.
        ("retier remeasure", "10:20", "breached"),
        # 10 minutes after the change → 10:30, not after 一般's 10:30 → met.
        ("retier remeasure allow 10分钟", "10:30", "met"),
        # 5 minutes after the change → 10:25, answered at 10:25 → met (at the deadline).
        ("retier remeasure allow 5分钟", "10:25", "met"),
        # 紧急's own 10 minutes from the change → 10:30 → met.
        ("retier remeasure allow full", "10:30", "met"),
        # restarted at the change: 10:20 + 10 min → 10:30.
        ("retier restart", "10:30", "met"),
    ],
)
def test_an_upgrade_never_backdates_the_deadline(retier: str, deadline: str, status: str) -> None:
    # fujian-slt 一般 "半小时内" → 紧急 "10分钟": opened 10:00, upgraded 10:20, answered 10:25.
    # From the opening, 紧急 would end at 10:10, before the upgrade (the old engine's answer:
    # breached by 15 minutes the vendor could not have avoided).
    respond = target(ticket(UPGRADE, retier=retier), "respond")
    assert (respond.deadline, respond.status, respond.tier) == (t(deadline), status, "紧急")


def test_an_allowance_never_gives_more_than_the_old_deadline() -> None:
    # Upgraded at 10:25: 紧急 from the change would end at 10:35, but 一般 ended at 10:30, and
    # an upgrade never gives more time than the ticket had → 10:30.
    events = [
        ev("10:00", "opened", sla="故障", tier="一般"),
        ev("10:25", "retiered", tier="紧急"),
    ]
    respond = target(ticket(events, retier="retier remeasure allow full"), "respond")
    assert respond.deadline == t("10:30")


def test_an_upgrade_that_leaves_time_is_measured_from_the_start() -> None:
    # Upgraded at 10:05: 紧急's 10 minutes from 10:00 end at 10:10, after the change; the
    # floor (default: the change, 10:05) does not move it → 10:10.
    events = [
        ev("10:00", "opened", sla="故障", tier="一般"),
        ev("10:05", "retiered", tier="紧急"),
    ]
    assert target(ticket(events), "respond").deadline == t("10:10")


def test_a_pause_after_an_upgrade_moves_the_floor() -> None:
    # 2级 → 1级 at 14:30 with `allow 30分钟`: 1级's 4 hours from 10:00 end at 14:00, before
    # the change → floor 15:00 (not after 2级's 18:00). Paused 14:40–14:50 (事件 pauses all):
    # 10 minutes → 15:10.
    events = [
        ev("10:00", "opened", sla="事件", tier="2级"),
        ev("10:10", "responded"),
        ev("14:30", "retiered", tier="1级"),
        ev("14:40", "paused"),
        ev("14:50", "resumed"),
        ev("15:05", "resolved"),
    ]
    resolve = target(ticket(events, retier="retier remeasure allow 30分钟"), "resolve")
    assert (resolve.deadline, resolve.status) == (t("15:10"), "met")


# -- down and back up: a change back to a tier gives no more time than that tier gave -------------


def test_down_and_back_up_keeps_the_first_deadline_when_the_lower_tier_has_its_own() -> None:
    # fujian-slt 紧急 "10分钟" / 一般 "半小时内", `allow full`: opened 紧急 10:00 → due 10:10.
    # Lowered to 一般 at 10:05 (measured from the start: 10:30), raised back to 紧急 at 10:08.
    # 紧急 from the change would end at 10:18 and the 一般 deadline before the change is 10:30,
    # but as 紧急 the ticket already had 10:10, and the change back gives no more → 10:10;
    # answered 10:15 → breached (10:18 would have bought 8 minutes).
    events = [
        ev("10:00", "opened", sla="故障", tier="紧急"),
        ev("10:05", "retiered", tier="一般"),
        ev("10:08", "retiered", tier="紧急"),
        ev("10:15", "responded"),
    ]
    respond = target(ticket(events, retier="retier remeasure allow full"), "respond")
    assert (respond.deadline, respond.status, respond.tier) == (t("10:10"), "breached", "紧急")


def test_a_pause_while_down_moves_the_deadline_the_tier_had() -> None:
    # guangxi times, `allow full`, 事件 pauses all. Opened 2级 10:00: "8小时内" → 18:00.
    # Raised to 1级 at 13:30: 1级's "4小时内" from the change, 17:30, is before 18:00 → 17:30
    # (from the report it would be 14:00). Lowered to 4级 at 14:00 ("或降至2-4级别": the 1级
    # target is discharged; 4级's 48 h from the report). Paused 14:30-15:00. Raised back to
    # 1级 at 15:30: the change alone would give 15:30 + 4 h = 19:30, but as 1级 the ticket had
    # 17:30, moved by the 30 paused minutes after it left 1级 (as they would have moved it had
    # it stayed) → 18:00. Fixed 17:45 → met; the 30 minutes count, the 2 hours do not.
    events = [
        ev("10:00", "opened", sla="事件", tier="2级"),
        ev("10:10", "responded"),
        ev("13:30", "retiered", tier="1级"),
        ev("14:00", "retiered", tier="4级"),
        ev("14:30", "paused"),
        ev("15:00", "resumed"),
        ev("15:30", "retiered", tier="1级"),
        ev("17:45", "resolved"),
    ]
    resolve = target(ticket(events, retier="retier remeasure allow full"), "resolve")
    assert (resolve.deadline, resolve.status, resolve.tier) == (t("18:00"), "met", "1级")


def test_a_change_back_after_the_tiers_deadline_is_due_at_the_change() -> None:
    # fujian-slt 紧急 "4小时内" restore, `allow full`: opened 紧急 09:00 → 13:00. Lowered to 一般
    # ("8小时内": 17:00) at 10:00, raised back to 紧急 at 14:00, after 13:00: as 紧急 the ticket
    # had 13:00, so it is not given 14:00 + 4 h = 18:00; but from 10:00 to 14:00 the 一般
    # deadline (17:00) was the one in force, so no breach dates from 13:00 either: the
    # target is due at the change, 14:00. Restored 16:00 → breached.
    events = [
        ev("09:00", "opened", sla="故障", tier="紧急"),
        ev("09:05", "responded"),
        ev("10:00", "retiered", tier="一般"),
        ev("14:00", "retiered", tier="紧急"),
        ev("16:00", "restored"),
    ]
    restore = target(ticket(events, retier="retier remeasure allow full"), "restore")
    assert (restore.deadline, restore.status, restore.tier) == (t("14:00"), "breached", "紧急")


def test_a_settled_ticket_keeps_what_its_tiers_gave_through_a_reopen() -> None:
    # fujian-slt, `allow full`: opened 紧急 10:00 (restore "4小时内" → 14:00), lowered to 一般 at
    # 10:05 (8 h → 18:00), restored 11:00, closed 11:05 (the ticket settles: its clocks are
    # packed), reopened 12:00 (the hour between does not count: 一般 → 19:00, 紧急 → 15:00).
    # Raised to 紧急 at 12:30: from the change 16:30, but as 紧急 it had 14:00, moved by the
    # hour → 15:00. Restored 15:30 → breached (a packed clock that forgot 紧急's deadline
    # would give 16:30, met).
    events = [
        ev("10:00", "opened", sla="故障", tier="紧急"),
        ev("10:02", "responded"),
        ev("10:05", "retiered", tier="一般"),
        ev("11:00", "restored"),
        ev("11:05", "closed"),
        ev("12:00", "reopened"),
        ev("12:30", "retiered", tier="紧急"),
        ev("15:30", "restored"),
    ]
    restore = target(ticket(events, retier="retier remeasure allow full"), "restore")
    assert (restore.deadline, restore.status, restore.tier) == (t("15:00"), "breached", "紧急")


def test_restart_gives_the_whole_target_from_a_change_back() -> None:
    # `retier restart`: every change starts the clock afresh with the new tier's whole target
    # (docs/language.md, retier 3), upgrades included — so a change back is no exception:
    # 紧急 10:00 (10:10), 一般 at 10:05, 紧急 again at 10:08 → 10:08 + 10 min = 10:18; answered
    # 10:15 → met.
    events = [
        ev("10:00", "opened", sla="故障", tier="紧急"),
        ev("10:05", "retiered", tier="一般"),
        ev("10:08", "retiered", tier="紧急"),
        ev("10:15", "responded"),
    ]
    respond = target(ticket(events, retier="retier restart"), "respond")
    assert (respond.deadline, respond.status) == (t("10:18"), "met")


# -- targets agreed per ticket -----------------------------------------------------------------


def test_a_target_agreed_for_the_ticket_is_measured_from_its_start() -> None:
    # fujian-slt 轻微 "按需": 30 hours agreed at 10:00, counted like any target from the
    # clock's start (the 09:00 opening) on the 24×7 calendar → 3 Mar 15:00; fixed 3 Mar
    # 16:00 → breached. Nothing agreed for the response: not owed.
    result = ticket(
        [
            ev("09:00", "opened", sla="故障", tier="轻微"),
            ev("10:00", "agreed", metric="restore", target="30小时", note="用户同意"),
            {**ev("16:00", "restored"), "at": t("16:00", day=3).isoformat()},
        ]
    )
    restore = target(result, "restore")
    assert (restore.deadline, restore.status, restore.agreed) == (
        t("15:00", day=3),
        "breached",
        "30小时",
    )
    assert target(result, "respond").status == "not_applicable"


def test_an_agreement_replaces_the_default_of_an_or_agreed_target() -> None:
    # 一般 "8小时 or agreed": 09:00 + 8 h = 17:00 by default; agreed PT12H at 16:00 → 21:00.
    result = ticket(
        [
            ev("09:00", "opened", sla="故障", tier="一般"),
            ev("09:10", "responded"),
            ev("16:00", "agreed", metric="restore", target="PT12H"),
            ev("20:00", "restored"),
        ]
    )
    restore = target(result, "restore")
    assert (restore.deadline, restore.status, restore.agreed) == (t("21:00"), "met", "PT12H")


@pytest.mark.parametrize(
    ("events", "code", "words"),
    [
        # the 紧急 tier takes no agreement
        ([ev("09:00", "opened", sla="故障", tier="紧急")], "SLR917", "takes no agreed target"),
        # after the 8 hours ran out (17:00): it cannot erase the breach
        (
            [ev("09:00", "opened", sla="故障", tier="一般"), ev("17:30", "responded")],
            "SLR917",
            "cannot erase",
        ),
        # after the work is done
        (
            [ev("09:00", "opened", sla="故障", tier="轻微"), ev("10:00", "restored")],
            "SLR917",
            "after the work is done",
        ),
    ],
)
def test_an_agreement_the_ticket_cannot_take_is_refused(
    events: list[dict[str, Any]], code: str, words: str
) -> None:
    tracker = Tracker(rules())
    for event in events:
        tracker.feed(event)
    with pytest.raises(RuleError) as err:
        tracker.feed(ev("18:00", "agreed", metric="restore", target="24小时"))
    assert code in str(err.value) and words in str(err.value)


def test_an_agreement_that_ends_before_itself_is_refused() -> None:
    # 1 hour from a 09:00 opening ends at 10:00, before the 11:00 agreement.
    tracker = Tracker(rules())
    tracker.feed(ev("09:00", "opened", sla="故障", tier="轻微"))
    with pytest.raises(RuleError) as err:
        tracker.feed(ev("11:00", "agreed", metric="restore", target="1小时"))
    assert "SLR917" in str(err.value) and "before the agreement" in str(err.value)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"metric": "restore", "target": "soon"}, "SLR915"),
        ({"metric": "restore", "target": "0小时"}, "SLR915"),
        ({"metric": "restore", "target": 24}, "SLR915"),
        ({"metric": "restore", "target": "99999999小时"}, "SLR915"),
        ({"metric": "restor", "target": "24小时"}, "SLR914"),
        ({"metric": "restore"}, "SLR911"),
    ],
)
def test_an_agreed_event_is_checked_before_it_reaches_the_ticket(
    fields: dict[str, Any], code: str
) -> None:
    tracker = Tracker(rules())
    tracker.feed(ev("09:00", "opened", sla="故障", tier="轻微"))
    with pytest.raises(RuleError) as err:
        tracker.feed(ev("09:30", "agreed", **fields))
    assert code in str(err.value)


# -- owed only when ----------------------------------------------------------------------------


def test_a_disaster_fixed_on_site_owes_no_engineer() -> None:
    # fujian-gxt "如现场服务人员无法解决，须指派工程师在3小时内到达故障现场": fixed on site
    # after 5 hours, never escalated → the engineer's arrival is not owed.
    result = ticket(
        [
            ev("09:00", "opened", sla="灾难", tier="灾难性"),
            ev("09:20", "responded"),
            ev("14:00", "resolved"),
        ]
    )
    assert target(result, "engineer_arrive").status == "not_applicable"


def test_an_escalated_disaster_owes_the_engineer_from_the_notice() -> None:
    # Escalated at 10:00: owed, 3 hours from 09:00 → 12:00. Before the escalation the
    # target is not owed (yet); after it, it runs, and breaches at 12:00 without an engineer.
    events = [
        ev("09:00", "opened", sla="灾难", tier="灾难性"),
        ev("09:20", "responded"),
        ev("10:00", "escalated"),
    ]
    tracker = Tracker(rules())
    for event in events[:2]:
        tracker.feed(event)
    assert tracker.status("T", t("09:50")).metric("engineer_arrive").state == "not_applicable"
    tracker.feed(events[2])
    status = tracker.status("T", t("11:00")).metric("engineer_arrive")
    assert (status.state, status.deadline, status.remaining) == (
        "running",
        t("12:00"),
        timedelta(hours=1),
    )
    assert tracker.status("T", t("12:01")).metric("engineer_arrive").state == "breached"


def test_an_unconditional_tier_owes_the_engineer_whatever_happens() -> None:
    # 紧急 "公司技术人员2小时内赶赴现场" has no condition: fixed at 11:30 without an engineer
    # stops the clock (the metric also stops at `resolved`) → 2.5 h > 2 h: breached.
    result = ticket(
        [
            ev("09:00", "opened", sla="灾难", tier="紧急"),
            ev("09:20", "responded"),
            ev("11:30", "resolved"),
        ]
    )
    assert target(result, "engineer_arrive").status == "breached"


# -- the property ------------------------------------------------------------------------------

TIERS = ("1级", "2级", "4级")
MODES = ("retier remeasure", "retier remeasure allow full", "retier remeasure allow 20分钟")
BASE = datetime(2026, 3, 2, 9, 0, tzinfo=SH)


@settings(max_examples=80, deadline=None)
@given(
    mode=st.sampled_from((*MODES, "retier restart")),
    first=st.sampled_from(TIERS),
    steps=st.lists(st.tuples(st.integers(1, 600), st.sampled_from((*TIERS, "paused"))), max_size=5),
    stops=st.tuples(st.integers(0, 3600), st.integers(0, 3600)),
)
def test_a_retier_never_turns_a_passed_deadline_into_a_met_target(
    mode: str, first: str, steps: list[tuple[int, str]], stops: tuple[int, int]
) -> None:
    """SPEC §3.7: "a change never erases a breach that has happened". Whatever the tiers,
    pauses and retier rule: a target that is breached (deadline passed, not stopped) just
    before a ``retiered`` is breached at the end."""
    events: list[dict[str, Any]] = [ev("09:00", "opened", sla="事件", tier=first)]
    at, paused, timeline = BASE, False, []
    for gap, what in steps:
        at += timedelta(minutes=gap)
        if what == "paused":
            kind, paused = ("resumed" if paused else "paused"), not paused
            timeline.append((at, {"type": kind}))
        else:
            timeline.append((at, {"type": "retiered", "tier": what}))
    timeline += [
        (BASE + timedelta(minutes=stops[0]), {"type": "responded"}),
        (BASE + timedelta(minutes=stops[1]), {"type": "resolved"}),
    ]
    timeline.sort(key=lambda pair: pair[0])  # stable: ties keep the order above
    events += [{"at": when.isoformat(), "ticket": "T", **fields} for when, fields in timeline]
    tracker = Tracker(rules(mode))
    breached_before: set[str] = set()
    for event in events:
        if event["type"] == "retiered":
            before = datetime.fromisoformat(event["at"])
            for state in tracker.status("T", before).metrics:
                if state.state == "breached" and state.stop is None:
                    breached_before.add(state.metric)
        tracker.feed(event)
    end = BASE + timedelta(days=5)
    final = {x.metric: x.status for x in tracker._engine.evidence(end).tickets[0].targets}
    for metric in breached_before:
        assert final[metric] == "breached", (metric, events)


@settings(max_examples=80, deadline=None)
@given(
    mode=st.sampled_from(MODES),
    first=st.sampled_from(TIERS),
    steps=st.lists(st.tuples(st.integers(1, 300), st.sampled_from(TIERS)), max_size=6),
)
def test_a_change_back_to_a_tier_never_gives_a_later_deadline_than_it_had(
    mode: str, first: str, steps: list[tuple[int, str]]
) -> None:
    """Whatever the tiers, times and remeasure rule (no pauses, no stop): after every change,
    a target measured under tier T is due no later than the earliest deadline it has had
    under T so far, or than the change itself when that deadline had passed by then."""
    tracker = Tracker(rules(mode))
    at = BASE
    tracker.feed(ev("09:00", "opened", sla="事件", tier=first))
    earliest: dict[tuple[str, str], datetime] = {}

    def look() -> None:
        for x in tracker._engine.evidence(at).tickets[0].targets:
            if x.deadline is None or x.tier is None:
                continue
            key = (x.metric, x.tier)
            bound = max(earliest.get(key, x.deadline), at)
            assert x.deadline <= bound, (x, earliest, steps)
            earliest[key] = min(x.deadline, earliest.get(key, x.deadline))

    look()
    for gap, tier in steps:
        at += timedelta(minutes=gap)
        tracker.feed({"at": at.isoformat(), "type": "retiered", "ticket": "T", "tier": tier})
        look()


def test_the_text_report_shows_an_agreed_target_and_a_discharge() -> None:
    # The auditor reads, per ticket, which target was agreed and which was discharged by a
    # downgrade (the JSON report has them as each target's `agreed` and `met_by_downgrade`).
    ruleset = rules()
    events = [
        {**ev("09:00", "opened", sla="故障", tier="轻微"), "ticket": "A"},
        {**ev("09:30", "agreed", metric="restore", target="PT12H"), "ticket": "A"},
        {**ev("10:00", "opened", sla="事件", tier="1级"), "ticket": "B"},
        {**ev("10:05", "responded"), "ticket": "B"},
        {**ev("11:00", "retiered", tier="2级"), "ticket": "B"},
        {**ev("12:00", "resolved"), "ticket": "B"},
    ]
    text = render_report_text(ruleset.replay(events, as_of=t("13:00").isoformat()))
    assert "restore running (agreed PT12H)" in text.replace("…", "")
    assert "(downgrade)" in text
