"""Deadlines relative to a period's end, and missing vs late deliveries (issue 13).

"Månedsrapporten afleveres senest 10 Arbejdsdage efter måneds afslutning" (a monthly report
due 10 working days after the end of each month) is written
`deliverable månedsrapport due 10 workdays after end of måned`; a report delivered late and a
report never delivered are two counters, `delivery made late of X` and `missing delivery of
X` (`late delivery of X` counts both). Expected numbers are worked out by hand below.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "rapport" { timezone "Europe/Copenhagen" }
param start: date = 2026-01-01
calendar arbejdsdage { hours "mon-fri 08:00-16:00" days none }
period måned = cycle 1 months from start for 12
deliverable månedsrapport due 10 workdays after end of måned on arbejdsdage
  cite "senest 10 Arbejdsdage efter måneds afslutning"
scorecard bod per måned max 10 {
  item rapport max 10 {
    deduct 1 per delivery made late of månedsrapport cite "forsinket levering"
    deduct 3 per missing delivery of månedsrapport cite "manglende levering"
  }
}
scorecard samlet per måned max 10 {
  item rapport max 10 { deduct 1 per late delivery of månedsrapport }
}
"""


def delivered(at: str) -> dict[str, Any]:
    return {"at": at, "type": "delivered", "deliverable": "månedsrapport"}


# January's report on time (Tue 10 Feb), February's late (Mon 16 March 10:00), March's never.
EVENTS = [delivered("2026-02-10T09:00:00+01:00"), delivered("2026-03-16T10:00:00+01:00")]


def scores(as_of: str) -> dict[tuple[str, str], str]:
    report = json.loads(slarules.loads(RULES).replay(EVENTS, as_of=as_of).to_json())
    return {
        (p["period"], card["name"]): card["score"]
        for p in report["periods"]
        for card in p["scorecards"]
    }


def test_due_times_count_from_each_months_last_day() -> None:
    # 10 working days (Mon-Fri, no holidays declared), the month's last day not counted:
    # January ends Sat 31 Jan → Feb 2,3,4,5,6,9,10,11,12,13 → due 24:00 Fri 13 Feb.
    # February ends Sat 28 Feb → Mar 2 … Fri 13 Mar → due 24:00 13 Mar.
    # March ends Tue 31 Mar → Apr 1,2,3,6,7,8,9,10,13,14 → due 24:00 Tue 14 Apr (CEST).
    report = json.loads(
        slarules.loads(RULES).replay(EVENTS, as_of="2026-04-30T00:00:00+02:00").to_json()
    )
    lines = [
        evidence
        for p in report["periods"]
        for card in p["scorecards"]
        if card["name"] == "samlet"
        for item in card["items"]
        for line in item["lines"]
        for evidence in line["evidence"]
    ]
    # February's report: due 13 Mar 24:00, delivered 16 Mar 10:00: 58 h → 3 days late.
    # March's: due 14 Apr 24:00, outstanding at 30 Apr 00:00: 15 days late.
    assert lines == [
        "månedsrapport due 10 workdays after end of måned (måned:2) = 2026-03-13 24:00, "
        "delivered event 2: 3 days late",
        "månedsrapport due 10 workdays after end of måned (måned:3) = 2026-04-14 24:00: "
        "outstanding, 15 days late",
    ]


def test_late_and_missing_are_two_rules() -> None:
    # måned:2 (February): January's report due 14 Feb, delivered 10 Feb → nothing.
    # måned:3 (March): February's due 14 Mar 00:00, delivered 16 Mar 10:00 → made late,
    #   1 point: 9. (58 hours late → 3 days, but the rule counts deliveries, not days.)
    # måned:4 (April): March's due 15 Apr 00:00, nothing by as_of 30 Apr → missing, 3
    #   points: 7.
    # `late delivery` (scorecard samlet) counts both, 1 each: 9 and 9.
    got = scores("2026-04-30T00:00:00+02:00")
    assert got[("måned:2", "bod")] == "10"
    assert got[("måned:3", "bod")] == "9"
    assert got[("måned:4", "bod")] == "7"
    assert (got[("måned:3", "samlet")], got[("måned:4", "samlet")]) == ("9", "9")


def test_missing_is_decided_at_the_evaluation_time() -> None:
    # As of Tue 14 April 23:00 March's report is not yet due: April owes nothing.
    assert scores("2026-04-14T23:00:00+02:00")[("måned:4", "bod")] == "10"
    # Delivered on 20 April, the same report is late, not missing: 1 point, not 3.
    late = [*EVENTS, delivered("2026-04-20T09:00:00+02:00")]
    report = json.loads(
        slarules.loads(RULES).replay(late, as_of="2026-04-30T00:00:00+02:00").to_json()
    )
    april = next(p for p in report["periods"] if p["period"] == "måned:4")
    assert next(c for c in april["scorecards"] if c["name"] == "bod")["score"] == "9"


def test_the_rules_round_trip_and_check() -> None:
    model = parse(RULES, "r.sla")
    printed = format_ruleset(model)
    assert "due 10 workdays after end of måned on arbejdsdage" in printed
    assert "delivery made late of månedsrapport" in printed
    assert "missing delivery of månedsrapport" in printed
    assert parse(printed, "r.sla") == model
    assert not [d for d in check_ruleset(model) if d.severity == "error"]


@pytest.mark.parametrize("wrong, code", [("end of månd", "SLR208")])
def test_an_unknown_period_is_an_error(wrong: str, code: str) -> None:
    text = RULES.replace("end of måned", wrong)
    assert code in {d.code for d in check_ruleset(parse(text, "r.sla"))}
