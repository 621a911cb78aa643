"""A ticket's ``assessor`` (on its ``opened`` event): the department that raised it.

docs/events.md, "Tickets raised by an assessor": a ticket raised by A counts, among the
sheets of a scorecard A assesses, on A's sheet only; on every other scorecard (one without
assessors, or one assessed by others, like guangxi's 监理评分) it counts as if untagged."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import slarules

RULES = """
ruleset "raised" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 紧急 { respond 10分钟 restore 4小时 }
}
scorecard 部门评分 per 月度 assessed by 甲 50%, 乙 50% {
  item 响应 max 10 { deduct 1 per breach of 故障 }
  item 数量 max 5 { points by count(故障) { [0, 3) -> 5  [3, inf) -> 0 } }
}
scorecard 总体评分 per 月度 {
  item 响应 max 10 { deduct 1 per breach of 故障 }
}
scorecard 监理评分 per 月度 assessed by 监理 100% {
  item 响应 max 10 { deduct 1 per breach of 故障 }
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": f"2026-03-{at}+08:00", "type": type_, **fields}


def opened(day: str, ticket: str, **fields: Any) -> dict[str, Any]:
    return ev(f"{day}T09:00:00", "opened", ticket=ticket, sla="故障", tier="紧急", **fields)


EVENTS = [
    # T1 raised by 甲: respond 30 min against 10 → breached; restored in 1 h → met.
    opened("02", "T1", assessor="甲"),
    ev("02T09:30:00", "responded", ticket="T1"),
    ev("02T10:00:00", "restored", ticket="T1"),
    # T2 untagged: respond breached.
    opened("03", "T2"),
    ev("03T09:30:00", "responded", ticket="T2"),
    ev("03T10:00:00", "restored", ticket="T2"),
    # T3 raised by 乙: respond breached and restore breached (6 h against 4).
    opened("04", "T3", assessor="乙"),
    ev("04T09:30:00", "responded", ticket="T3"),
    ev("04T15:00:00", "restored", ticket="T3"),
    # T4 raised by 乙: both met.
    opened("05", "T4", assessor="乙"),
    ev("05T09:05:00", "responded", ticket="T4"),
    ev("05T10:00:00", "restored", ticket="T4"),
]


def _report(events: list[dict[str, Any]]) -> dict[str, Any]:
    report = slarules.loads(RULES, "raised.sla").replay(events, as_of="2026-03-31T00:00:00+08:00")
    data: dict[str, Any] = json.loads(report.to_json())
    return data


def _cards(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in data["periods"][0]["scorecards"]}


def _sheet(card: dict[str, Any], name: str) -> dict[str, Any]:
    sheet: dict[str, Any] = next(s for s in card["assessor"] if s["assessor"] == name)
    return sheet


def test_a_raised_ticket_counts_on_its_own_sheet_only() -> None:
    # 甲 sees T1 and T2 (untagged): 响应 10 − 2 breaches = 8; 数量 2 tickets in [0, 3) → 5;
    # sheet 13. 乙 sees T2, T3, T4: 响应 10 − 3 (T2 respond, T3 respond, T3 restore) = 7;
    # 数量 3 tickets in [3, inf) → 0; sheet 7. 部门评分 = 50% × 13 + 50% × 7 = 10.
    cards = _cards(_report(EVENTS))
    card = cards["部门评分"]
    jia, yi = _sheet(card, "甲"), _sheet(card, "乙")
    assert [(i["name"], i["score"]) for i in jia["items"]] == [("响应", "8"), ("数量", "5")]
    assert [(i["name"], i["score"]) for i in yi["items"]] == [("响应", "7"), ("数量", "0")]
    assert jia["items"][0]["lines"][0]["evidence"] == [
        # T1 is events 1-3 (opened 1, responded 2), T2 events 4-6.
        "ticket T1: respond breached (event 1 → event 2)",
        "ticket T2: respond breached (event 4 → event 5)",
    ]
    assert Decimal(card["score"]) == Decimal(10)


def test_a_raised_ticket_counts_on_scorecards_its_assessor_does_not_assess() -> None:
    # 总体评分 has no assessors and 监理评分 is assessed by 监理 alone: both see all four
    # tickets, 4 breaches → 10 − 4 = 6 (the supervisor's table sees every department's).
    cards = _cards(_report(EVENTS))
    assert cards["总体评分"]["score"] == "6"
    assert cards["监理评分"]["score"] == "6"
    assert _sheet(cards["监理评分"], "监理")["items"][0]["lines"][0]["count"] == "4"


def test_the_ticket_records_who_raised_it() -> None:
    tickets = {t["ticket"]: t for t in _report(EVENTS)["tickets"]}
    assert {name: t["assessor"] for name, t in tickets.items()} == {
        "T1": "甲",
        "T2": None,
        "T3": "乙",
        "T4": "乙",
    }


def test_another_assessor_on_a_later_ticket_event_is_reported_not_used() -> None:
    # The restored event of T1 names 乙: T1 still counts as raised by 甲, and the warnings
    # say that the later assessor was not used. The same assessor again says nothing.
    events = list(EVENTS)
    events[2] = {**events[2], "assessor": "乙"}
    events[1] = {**events[1], "assessor": "甲"}
    data = _report(events)
    assert _cards(data)["部门评分"]["score"] == "10"
    assert [w for w in data["warnings"] if "assessor" in w] == [
        "event 3: assessor 乙 on a restored event is not used: ticket T1 counts as raised by "
        "甲 (its opened event's assessor)"
    ]


def test_without_raised_tickets_every_sheet_sees_every_ticket() -> None:
    # Untagged, all four count on both sheets: 响应 10 − 4 = 6, 数量 4 tickets → 0.
    untagged = [{k: v for k, v in e.items() if k != "assessor"} for e in EVENTS]
    card = _cards(_report(untagged))["部门评分"]
    assert [s["score"] for s in card["assessor"]] == ["6", "6"]
