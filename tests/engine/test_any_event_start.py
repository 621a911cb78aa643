"""Metrics that start at any event (issue 13): a root-cause report due "10 Arbejdsdage, efter
Kunden har anmodet" — a clock from the customer's request to the report, whenever the request
comes (also after the ticket is closed). The SLA declares the event: `event requested`.
Expected numbers are worked out by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "rca" { timezone "Europe/Copenhagen" }
calendar 全天 { hours "24x7" }
calendar arbejdstid { hours "mon-fri 08:00-16:00" days none }
period måned = month
sla incident {
  calendar 全天
  metric resolve from opened to resolved
  metric rca from requested to reported on arbejdstid
  event requested cite "efter Kunden har anmodet"
  tier P1 { resolve 4h  rca 10 workdays cite "senest 10 Arbejdsdage efter Kunden har anmodet" }
}
scorecard bod per måned max 10 { item rapport max 10 { deduct 1 per breach of incident.rca } }
"""


def event(at: str, type_: str, **fields: str) -> dict[str, Any]:
    return {"at": at, "type": type_, "ticket": "T1", **fields}


OPENED = event("2026-03-02T09:00:00+01:00", "opened", sla="incident", tier="P1")
RESOLVED = event("2026-03-02T10:00:00+01:00", "resolved")
CLOSED = event("2026-03-02T11:00:00+01:00", "closed")
# The customer asks for the root-cause report on Wednesday 4 March, after the ticket closed.
REQUESTED = event("2026-03-04T11:00:00+01:00", "requested")


def targets(events: list[dict[str, Any]], as_of: str) -> dict[str, dict[str, Any]]:
    report = json.loads(slarules.loads(RULES).replay(events, as_of=as_of).to_json())
    [ticket] = report["tickets"]
    return {t["metric"]: t for t in ticket["targets"]}


def test_a_request_after_close_starts_the_report_clock() -> None:
    # 10 Arbejdsdage from Wed 4 March (not counted): Thu 5, Fri 6, Mon 9 … Wed 18 is the
    # 10th working day (Mon-Fri, no holidays declared); the period ends 24:00 on 18 March.
    # Reported Friday 20 March 11:00: 35 hours after the deadline → 2 days late.
    reported = event("2026-03-20T11:00:00+01:00", "reported")
    rca = targets([OPENED, RESOLVED, CLOSED, REQUESTED, reported], "2026-03-31T00:00:00+01:00")[
        "rca"
    ]
    assert (rca["start"], rca["deadline"]) == (
        "2026-03-04T11:00:00+01:00",
        "2026-03-19T00:00:00+01:00",
    )
    assert (rca["status"], rca["days_late"]) == ("breached", 2)
    # Working time on arbejdstid (8 h a day): Wed 11-16 = 5 h, Thu 5 … Thu 19 = 11 days =
    # 88 h, Fri 20 08-11 = 3 h: 96 h.
    assert rca["elapsed"] == "P4D"


def test_a_report_in_time_is_met_and_no_request_owes_nothing() -> None:
    reported = event("2026-03-18T15:00:00+01:00", "reported")
    rca = targets([OPENED, RESOLVED, CLOSED, REQUESTED, reported], "2026-03-31T00:00:00+01:00")
    assert rca["rca"]["status"] == "met"
    # Never asked for: the report is owed by no one (not_applicable), not breached.
    none = targets([OPENED, RESOLVED, CLOSED], "2026-06-30T00:00:00+02:00")
    assert none["rca"]["status"] == "not_applicable"


def test_a_request_still_open_is_running_then_breached() -> None:
    events = [OPENED, RESOLVED, CLOSED, REQUESTED]
    assert targets(events, "2026-03-18T23:59:00+01:00")["rca"]["status"] == "running"
    assert targets(events, "2026-03-19T00:00:01+01:00")["rca"]["status"] == "breached"


def test_the_event_line_round_trips_and_is_checked() -> None:
    model = parse(RULES, "r.sla")
    assert model.slas[0].events[0].names == ("requested",)
    assert parse(format_ruleset(model), "r.sla") == model
    assert "event requested cite" in format_ruleset(model)
    assert not [d for d in check_ruleset(model) if d.severity == "error"]
    undeclared = RULES.replace('  event requested cite "efter Kunden har anmodet"\n', "")
    assert "SLR210" in {d.code for d in check_ruleset(parse(undeclared, "r.sla"))}


@pytest.mark.parametrize("reserved", ["closed", "occurrence"])
def test_declaring_an_event_the_log_already_has_is_an_error(reserved: str) -> None:
    text = RULES.replace("event requested", f"event requested, {reserved}")
    assert "SLR212" in {d.code for d in check_ruleset(parse(text, "r.sla"))}
