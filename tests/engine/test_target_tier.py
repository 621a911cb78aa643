"""Each target records the tier it was measured against, and ``tier T`` filters on it.

Reading (docs/language.md §5, count rules): a target's tier is the ticket's tier when its
clock starts, follows every ``retiered`` while the clock is live (remeasure or restart), and
is fixed once it stops. So a respond target missed under 紧急 stays a 紧急 breach after the
ticket is downgraded to 一般, while a target still running at the downgrade is measured, and
counted, under 一般."""

from __future__ import annotations

import json
from typing import Any

import slarules
from slarules import Tracker
from slarules.engine.evidence import TargetResult, TicketResult

SLA = """
ruleset "tiers" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  metric report from restored to reported
  retier RETIER
  tier 紧急 { respond 10分钟 restore 4小时 DOWNGRADE report 1 day }
  tier 一般 { respond 30分钟 restore 8小时 report 1 day }
}
scorecard 考核 per 月度 {
  item 响应 max 10 {
    deduct 1 per breach of 故障 tier 紧急
    deduct 0.5 per breach of 故障 tier 一般
  }
  item 工单 max 10 { deduct 2 per breached ticket of 故障 tier 紧急 }
}
"""


def rules(retier: str = "remeasure", downgrade: bool = False) -> slarules.Ruleset:
    text = SLA.replace("RETIER", retier).replace("DOWNGRADE", "or downgrade" if downgrade else "")
    return slarules.loads(text, "tiers.sla")


def ev(at: str, type_: str, ticket: str, **fields: Any) -> dict[str, Any]:
    return {"at": f"2026-03-02T{at}:00+08:00", "type": type_, "ticket": ticket, **fields}


def tickets(
    events: list[dict[str, Any]], retier: str = "remeasure", downgrade: bool = False
) -> dict[str, TicketResult]:
    tracker = Tracker(rules(retier, downgrade))
    for event in events:
        tracker.feed(event)
    return {t.ticket: t for t in tracker._engine.evidence("2026-03-02T23:00:00+08:00").tickets}


def target(ticket: TicketResult, metric: str) -> TargetResult:
    return next(t for t in ticket.targets if t.metric == metric)


# D1: 紧急, responded at 09:20 (deadline 09:10: breached under 紧急), downgraded to 一般 at
# 09:40 while restore runs (remeasured against 一般's 8 h), restored 12:00: met under 一般.
D1 = [
    ev("09:00", "opened", "D1", sla="故障", tier="紧急"),
    ev("09:20", "responded", "D1"),
    ev("09:40", "retiered", "D1", tier="一般"),
    ev("12:00", "restored", "D1"),
]
# D2: 一般, upgraded to 紧急 at 09:05 while respond runs: remeasured from 09:00 against
# 紧急's 10 min → deadline 09:10; responded 09:20 → a 紧急 breach.
D2 = [
    ev("09:00", "opened", "D2", sla="故障", tier="一般"),
    ev("09:05", "retiered", "D2", tier="紧急"),
    ev("09:20", "responded", "D2"),
    ev("10:00", "restored", "D2"),
]


def test_a_stopped_target_keeps_the_tier_it_was_measured_against() -> None:
    d1 = tickets(D1)["D1"]
    assert d1.tier == "一般"
    assert (target(d1, "respond").status, target(d1, "respond").tier) == ("breached", "紧急")
    assert (target(d1, "restore").status, target(d1, "restore").tier) == ("met", "一般")
    # report started at the 12:00 restore, under 一般, and runs (1 day → 03-03 24:00).
    assert (target(d1, "report").status, target(d1, "report").tier) == ("running", "一般")


def test_a_live_target_follows_the_retier() -> None:
    d2 = tickets(D2)["D2"]
    assert (target(d2, "respond").status, target(d2, "respond").tier) == ("breached", "紧急")


def test_a_target_not_started_has_the_tickets_current_tier() -> None:
    events = [
        ev("09:00", "opened", "D3", sla="故障", tier="紧急"),
        ev("09:30", "retiered", "D3", tier="一般"),
    ]
    d3 = tickets(events)["D3"]
    assert (target(d3, "report").status, target(d3, "report").tier) == ("not_applicable", "一般")


def test_retier_restart_moves_the_tier_of_live_clocks() -> None:
    # Restart at 09:40 under 一般: restore restarts with 8 h; respond had stopped under 紧急.
    d1 = tickets(D1, retier="restart")["D1"]
    assert target(d1, "respond").tier == "紧急"
    restore = target(d1, "restore")
    assert restore.tier == "一般"
    assert restore.start is not None and restore.start.strftime("%H:%M") == "09:40"


def test_a_target_discharged_by_a_downgrade_owes_the_new_tier() -> None:
    # 紧急 restore "4小时 or downgrade": the 09:40 downgrade discharges the 紧急 target, and
    # the ticket owes 一般's 8 h from 09:00 → 17:00 (SPEC §3.7); unrestored at 23:00 it is a
    # 一般 breach, not a 紧急 one.
    events = [
        ev("09:00", "opened", "D4", sla="故障", tier="紧急"),
        ev("09:05", "responded", "D4"),
        ev("09:40", "retiered", "D4", tier="一般"),
    ]
    restore = target(tickets(events, downgrade=True)["D4"], "restore")
    assert (restore.status, restore.met_by_downgrade, restore.tier) == ("breached", True, "一般")
    assert restore.deadline is not None and restore.deadline.strftime("%H:%M") == "17:00"


def test_tier_filters_count_breaches_by_the_targets_tier() -> None:
    # D1 respond (紧急) and D2 respond (紧急) are the only breaches: 响应 10 − 2 × 1 = 8,
    # and nothing under 一般 (filtering on the tickets' final tiers would give D1 as a 一般
    # breach: 10 − 1 − 0.5 = 8.5). 工单: two tickets with a 紧急 breach → 10 − 2 × 2 = 6.
    report = rules().replay([*D1, *D2], as_of="2026-03-02T23:00:00+08:00")
    data = json.loads(report.to_json())
    items = {i["name"]: i for i in data["periods"][0]["scorecards"][0]["items"]}
    assert items["响应"]["score"] == "8"
    assert [(ln["count"], ln["points"]) for ln in items["响应"]["lines"]] == [
        ("2", "-2"),
        ("0", "0"),
    ]
    assert items["工单"]["score"] == "6"
    assert items["工单"]["lines"][0]["evidence"] == [
        # D1 is events 1-4 (opened 1, responded 2), D2 events 5-8 (opened 5, responded 7).
        "ticket D1: respond breached (event 1 → event 2)",
        "ticket D2: respond breached (event 5 → event 7)",
    ]


def test_the_json_target_carries_its_tier() -> None:
    report = rules().replay(D1, as_of="2026-03-02T23:00:00+08:00")
    ticket = json.loads(report.to_json())["tickets"][0]
    assert ticket["tier"] == "一般"
    assert [(t["metric"], t["tier"]) for t in ticket["targets"]] == [
        ("respond", "紧急"),
        ("restore", "一般"),
        ("report", "一般"),
    ]
