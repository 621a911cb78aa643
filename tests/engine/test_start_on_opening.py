"""A clock that starts at the next opening and then runs wall-clock (issue 13):
"Løsningstiden regnes tidligst fra Service Deskens åbning" — a clock counted from the start
event, but not before the service desk opens, and then in plain 24×7 hours:
`metric resolve from opened to resolved starting on servicedesk then døgn`.
Expected times are worked out by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "desk" { timezone "Europe/Copenhagen" }
calendar servicedesk { hours "mon-fri 08:00-16:00" days none }
calendar døgn { hours "24x7" }
sla incident {
  calendar servicedesk
  metric respond from opened to responded
  metric resolve from opened to resolved starting on servicedesk then døgn
    cite "regnes tidligst fra Service Deskens åbning"
  tier P2 { respond 1h  resolve 8h }
}
"""


def ticket(opened: str, *more: tuple[str, str]) -> list[dict[str, Any]]:
    first = {"at": opened, "type": "opened", "ticket": "T", "sla": "incident", "tier": "P2"}
    return [first, *({"at": at, "type": kind, "ticket": "T"} for at, kind in more)]


def resolve(events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    report = json.loads(slarules.loads(RULES).replay(events, as_of=as_of).to_json())
    [t] = report["tickets"]
    return next(x for x in t["targets"] if x["metric"] == "resolve")


@pytest.mark.parametrize(
    "opened, start, deadline",
    [
        # Tuesday 15:00, the desk is open (08-16): the clock starts at once and runs 8
        # wall-clock hours: 23:00 the same day.
        ("2026-03-03T15:00:00+01:00", "2026-03-03T15:00:00+01:00", "2026-03-03T23:00:00+01:00"),
        # Tuesday 20:00, the desk is closed: it starts at Wednesday's opening, 08:00 + 8 h.
        ("2026-03-03T20:00:00+01:00", "2026-03-04T08:00:00+01:00", "2026-03-04T16:00:00+01:00"),
        # Friday 17:00: the desk opens again on Monday 08:00 → Monday 16:00.
        ("2026-03-06T17:00:00+01:00", "2026-03-09T08:00:00+01:00", "2026-03-09T16:00:00+01:00"),
        # Tuesday 15:30: the clock starts at once and runs through the desk's closing
        # (16:00) and the night: 15:30 + 8 h = 23:30.
        ("2026-03-03T15:30:00+01:00", "2026-03-03T15:30:00+01:00", "2026-03-03T23:30:00+01:00"),
    ],
)
def test_the_clock_starts_at_the_next_opening_then_counts_wall_clock(
    opened: str, start: str, deadline: str
) -> None:
    target = resolve(ticket(opened), "2026-03-31T00:00:00+02:00")
    assert (target["start"], target["deadline"]) == (start, deadline)


def test_a_fix_before_the_desk_opens_is_met_in_no_time() -> None:
    # Opened 06:00, resolved 07:00: the clock would only start at 08:00; nothing is late.
    events = ticket("2026-03-03T06:00:00+01:00", ("2026-03-03T07:00:00+01:00", "resolved"))
    target = resolve(events, "2026-03-31T00:00:00+02:00")
    assert (target["status"], target["elapsed"]) == ("met", "PT0S")


def test_the_night_counts_once_the_clock_has_started() -> None:
    # Opened Tuesday 15:00 (desk open), resolved Wednesday 09:00: the deadline was 23:00 on
    # Tuesday, so the target is breached after 18 wall-clock hours. (On the desk's own
    # hours, 8 working hours from 15:00 would have run to Wednesday 15:00: met.)
    events = ticket("2026-03-03T15:00:00+01:00", ("2026-03-04T09:00:00+01:00", "resolved"))
    target = resolve(events, "2026-03-31T00:00:00+02:00")
    assert (target["status"], target["elapsed"]) == ("breached", "PT18H")


def test_the_deadline_command_uses_the_opening() -> None:
    ruleset = slarules.loads(RULES)
    [respond, resolve_line] = ruleset.deadline_plan("incident", "P2", "2026-03-03T20:00:00+01:00")
    # respond 1 h on servicedesk from Tuesday 20:00: Wednesday 08:00 + 1 h = 09:00.
    assert respond.deadline is not None and respond.deadline.isoformat() == (
        "2026-03-04T09:00:00+01:00"
    )
    assert resolve_line.deadline is not None and resolve_line.deadline.isoformat() == (
        "2026-03-04T16:00:00+01:00"
    )


def test_the_metric_round_trips_and_is_checked() -> None:
    model = parse(RULES, "r.sla")
    metric = model.slas[0].metrics[1]
    assert (metric.start_calendar, metric.calendar) == ("servicedesk", "døgn")
    printed = format_ruleset(model)
    assert "starting on servicedesk then døgn" in printed
    assert parse(printed, "r.sla") == model
    assert not [d for d in check_ruleset(model) if d.severity == "error"]
    wrong = parse(RULES.replace("starting on servicedesk", "starting on servicedsk"), "r.sla")
    assert "SLR201" in {d.code for d in check_ruleset(wrong)}
