"""fujian-gxt-2026: the two disagreements the independent oracle found (task AL,
tests/oracles/fujian_gxt_2026.py), worked out by hand from the contract text.

1. A 灾难性 fault fixed on site owes no company engineer until it is escalated (reading 7:
   "如现场服务人员无法解决，须指派工程师在3小时内到达故障现场"). Re-classified 紧急 later, it
   owes "公司技术人员2小时内赶赴现场" from the change (reading 14). slarules read the 灾难性
   engineer's 3 hours, never owed, as a deadline the ticket "had": re-classified after those 3
   hours the 紧急 engineer was never owed at all (not_applicable), and re-classified within
   them the 紧急 time was cut to the 3 hours from the notice.
2. "An arrival that happened stays" (reading 18): a ticket closed before any fix and reopened
   must not set the resident's arrival running again. slarules resumed the clock whose stop
   came last — the arrival itself — and a resident on site in 30 minutes became a breach.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import slarules

RULES = Path(__file__).resolve().parents[2] / "rulesets" / "fujian-gxt-2026.sla"
AS_OF = "2026-04-01T00:00:00+08:00"


def _x(at: str, kind: str, **fields: str) -> dict[str, Any]:
    """An event of ticket X at ``at`` (+08:00)."""
    return {"at": f"{at}+08:00", "type": kind, "ticket": "X", **fields}


def _opened(at: str, tier: str) -> dict[str, Any]:
    return _x(at, "opened", sla="故障", tier=tier)


def _replay(lines: list[dict[str, Any]]) -> dict[str, Any]:
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)
    report = slarules.load(RULES).replay(io.BytesIO(text.encode("utf-8")), as_of=AS_OF)
    return dict(json.loads(report.to_json()))


def _target(report: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
    found = next(t for t in report["tickets"] if t["ticket"] == ticket)
    return dict(next(x for x in found["targets"] if x["metric"] == metric))


def _item(report: dict[str, Any], name: str) -> Decimal:
    card = report["periods"][0]["scorecards"][0]
    return Decimal(next(i["score"] for i in card["items"] if i["name"] == name))


def test_a_disaster_reclassified_urgent_after_three_hours_owes_the_company_engineer() -> None:
    # 灾难性, reported 00:00, answered 00:10, never escalated: no engineer owed (reading 7).
    # Re-classified 紧急 at 04:00: "公司技术人员2小时内赶赴现场", from the change (reading 14,
    # `allow full`; the ticket had no engineer deadline to cap it) → due 06:00. Nobody came:
    # breached, −2 in 服务响应时间 ("未能按照服务响应时间要求响应的每次扣2分", reading 8).
    # The resident ("驻点技术人员在1个小时内赶赴现场") is owed from the change too: 05:00, missed,
    # −2; the fix (4 hours from the notice, 08:00) never came: −5 in 服务完成情况.
    report = _replay(
        [
            _opened("2026-03-02T00:00:00", "灾难性"),
            _x("2026-03-02T00:10:00", "responded"),
            _x("2026-03-02T04:00:00", "retiered", tier="紧急"),
        ]
    )
    engineer = _target(report, "X", "engineer_arrive")
    assert (engineer["status"], engineer["deadline"]) == ("breached", "2026-03-02T06:00:00+08:00")
    assert _item(report, "服务响应时间") == Decimal(20 - 2 - 2)


def test_a_disaster_reclassified_urgent_within_three_hours_gets_the_two_hours_from_the_change() -> (
    None
):
    # 灾难性 reported 00:00, not escalated; 紧急 from 01:30: the company engineer is owed by
    # 01:30 + 2 h = 03:30 (reading 14), not by 03:00 (3 hours from the notice, a time the
    # 灾难性 tier never owed without an escalation). On site at 03:20: met.
    report = _replay(
        [
            _opened("2026-03-02T00:00:00", "灾难性"),
            _x("2026-03-02T01:30:00", "retiered", tier="紧急"),
            _x("2026-03-02T03:20:00", "engineer_arrived"),
        ]
    )
    engineer = _target(report, "X", "engineer_arrive")
    assert (engineer["status"], engineer["deadline"]) == ("met", "2026-03-02T03:30:00+08:00")


def test_an_escalated_disaster_keeps_its_three_hours_as_a_cap() -> None:
    # Escalated at 00:40, the engineer is owed by 03:00 (reading 7). 紧急 from 01:30 gives the
    # 紧急 2 hours from the change, 03:30, but "never more than it already had" (reading 14):
    # still 03:00. On site 03:20: breached. (Guards the fix of the two tests above: a target
    # that *is* owed still bounds the new tier's time.)
    report = _replay(
        [
            _opened("2026-03-02T00:00:00", "灾难性"),
            _x("2026-03-02T00:40:00", "escalated"),
            _x("2026-03-02T01:30:00", "retiered", tier="紧急"),
            _x("2026-03-02T03:20:00", "engineer_arrived"),
        ]
    )
    engineer = _target(report, "X", "engineer_arrive")
    assert (engineer["status"], engineer["deadline"]) == ("breached", "2026-03-02T03:00:00+08:00")


def test_a_ticket_closed_before_its_fix_and_reopened_keeps_the_arrival_that_happened() -> None:
    # 紧急, reported 09:00: the resident on site at 09:30 ("驻点技术人员在1个小时内赶赴现场":
    # due 10:00, met). Closed 09:40 without a fix, reopened 10:00, the company engineer on
    # site 10:50 (due 11:00, met), fixed 12:00 (due 13:00, met). Reading 18: "An arrival that
    # happened stays" — the reopening resumes only what the last fix stopped, and there was
    # no fix: the resident's arrival stays met, and 服务响应时间 loses nothing (20).
    report = _replay(
        [
            _opened("2026-03-02T09:00:00", "紧急"),
            _x("2026-03-02T09:10:00", "responded"),
            _x("2026-03-02T09:30:00", "arrived"),
            _x("2026-03-02T09:40:00", "closed"),
            _x("2026-03-02T10:00:00", "reopened"),
            _x("2026-03-02T10:50:00", "engineer_arrived"),
            _x("2026-03-02T12:00:00", "resolved"),
        ]
    )
    arrive = _target(report, "X", "arrive")
    assert (arrive["status"], arrive["stop"]) == ("met", "2026-03-02T09:30:00+08:00")
    assert _item(report, "服务响应时间") == Decimal(20)


def test_a_fix_undone_by_a_reopening_still_resumes_the_arrival_it_made_unnecessary() -> None:
    # The other half of reading 18: 紧急 reported 09:00, fixed remotely 09:20 (the fix stops
    # the resident's clock at 20 minutes: "nobody need travel to a fault already fixed"),
    # closed 09:30, reopened 11:00: the fault is back, the resident's clock runs again with
    # its 40 minutes left → due 11:40. On site 11:50: breached, −2.
    report = _replay(
        [
            _opened("2026-03-02T09:00:00", "紧急"),
            _x("2026-03-02T09:05:00", "responded"),
            _x("2026-03-02T09:06:00", "engineer_arrived"),
            _x("2026-03-02T09:20:00", "resolved"),
            _x("2026-03-02T09:30:00", "closed"),
            _x("2026-03-02T11:00:00", "reopened"),
            _x("2026-03-02T11:50:00", "arrived"),
            _x("2026-03-02T12:00:00", "resolved"),
        ]
    )
    arrive = _target(report, "X", "arrive")
    assert (arrive["status"], arrive["deadline"]) == ("breached", "2026-03-02T11:40:00+08:00")
    engineer = _target(report, "X", "engineer_arrive")
    assert (engineer["status"], engineer["stop"]) == ("met", "2026-03-02T09:06:00+08:00")
    assert _item(report, "服务响应时间") == Decimal(18)
