"""Scenario tests for rulesets/dk-itdrift-2026.sla, a Danish IT operations SLA written in the
style of the state's standard contracts (docs/rulesets/dk-itdrift-2026.md): Arbejdsdage on
Danish holidays, a resolution clock from the Service Desk's opening, a root-cause analysis
on request, a monthly report after each month's end, bodspoints. Every expected value is
worked out by hand from the (paraphrased) clause quoted in the comment.

Months: måned:1 = January 2026 (the takeover day is 2026-01-01), måned:2 = February, …
Danish holidays of spring 2026: skærtorsdag 2 April, langfredag 3 April, påskedag 5 April,
2. påskedag 6 April. The Service Desk is open Monday to Friday 08:00-16:00 on Arbejdsdage.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]
RULES = slarules.load(ROOT / "rulesets" / "dk-itdrift-2026.sla")
CPH = ZoneInfo("Europe/Copenhagen")


def at(stamp: str) -> str:
    return datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=CPH).isoformat()


def ticket(tid: str, tier: str, opened: str, *steps: tuple[str, str]) -> list[dict[str, Any]]:
    first = {"at": at(opened), "type": "opened", "ticket": tid, "sla": "incident", "tier": tier}
    return [first, *({"at": at(s), "type": kind, "ticket": tid} for s, kind in steps)]


def replay(events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(RULES.replay(events, as_of=at(as_of)).to_json())
    return report


def target(report: dict[str, Any], tid: str, metric: str) -> dict[str, Any]:
    found = next(t for t in report["tickets"] if t["ticket"] == tid)
    return next(x for x in found["targets"] if x["metric"] == metric)


def bod(report: dict[str, Any], label: str) -> dict[str, str]:
    period = next(p for p in report["periods"] if p["period"] == label)
    [card] = period["scorecards"]
    return {"score": card["score"], **{i["name"]: i["score"] for i in card["items"]}}


def test_a_category_2_incident_while_the_desk_is_open_has_until_23() -> None:
    # "Løsningstiden regnes tidligst fra Service Deskens åbning og løber herefter i døgnets 24
    # timer"; kategori 2: 8 timer. Reported Tuesday 10 March 15:00, desk open: 15:00 + 8 h.
    events = ticket("A", "kategori2", "2026-03-10 15:00", ("2026-03-10 22:59", "resolved"))
    report = replay(events, "2026-03-31 12:00")
    løsning = target(report, "A", "løsning")
    assert (løsning["start"], løsning["deadline"], løsning["status"]) == (
        "2026-03-10T15:00:00+01:00",
        "2026-03-10T23:00:00+01:00",
        "met",
    )


def test_reported_when_the_desk_is_closed_the_clock_starts_at_its_opening() -> None:
    # Reported Friday 13 March 17:00 (desk closed): starts Monday 16 March 08:00, 8 h → 16:00.
    # Resolved 16:30: one overskridelse of a kategori 2 servicemål, 5 bodspoints.
    # (Reaktion 1 desk hour → Monday 09:00, answered 08:30: met.)
    events = ticket(
        "B",
        "kategori2",
        "2026-03-13 17:00",
        ("2026-03-16 08:30", "responded"),
        ("2026-03-16 16:30", "resolved"),
    )
    report = replay(events, "2026-03-31 12:00")
    løsning = target(report, "B", "løsning")
    assert (løsning["start"], løsning["deadline"], løsning["status"]) == (
        "2026-03-16T08:00:00+01:00",
        "2026-03-16T16:00:00+01:00",
        "breached",
    )
    assert bod(report, "måned:3")["servicemål"] == "55"


def test_reaktion_counts_only_the_desks_hours() -> None:
    # Kategori 1 reaktion 30 minutter, in the Service Desk's hours: reported Friday 13 March
    # 15:50 → 10 minutes on Friday, 20 on Monday from 08:00 → Monday 08:20.
    events = ticket("C", "kategori1", "2026-03-13 15:50", ("2026-03-16 08:25", "responded"))
    report = replay(events, "2026-03-31 12:00")
    reaktion = target(report, "C", "reaktion")
    assert (reaktion["deadline"], reaktion["status"]) == ("2026-03-16T08:20:00+01:00", "breached")
    # Løsning started at once (desk open at 15:50) and ran 4 h round the clock → Friday
    # 19:50; never resolved by 31 March: breached too. Two kategori 1 overskridelser, 10
    # bodspoints each: servicemål 60 → 40.
    assert target(report, "C", "løsning")["deadline"] == "2026-03-13T19:50:00+01:00"
    assert bod(report, "måned:3")["servicemål"] == "40"


def test_five_arbejdsdage_over_easter() -> None:
    # Kategori 3 løsning "5 Arbejdsdage", counted plain (the same time on the 5th
    # Arbejdsdag): from Wednesday 1 April 11:00, skipping 2, 3, 6 April (holidays) and the
    # weekend: 7, 8, 9, 10, 13 April → Monday 13 April 11:00 (CEST).
    events = ticket("D", "kategori3", "2026-04-01 11:00")
    report = replay(events, "2026-04-13 10:59")
    assert target(report, "D", "løsning")["deadline"] == "2026-04-13T11:00:00+02:00"


def test_root_cause_analysis_is_owed_only_on_request() -> None:
    # "senest 10 Arbejdsdage efter Kunden har anmodet herom": requested Thursday 15 January
    # 09:00 (after the incident closed) → the same time on the 10th Arbejdsdag: 16, 19, 20,
    # 21, 22, 23, 26, 27, 28, 29 January → Thursday 29 January 09:00. Delivered Friday 30
    # January 12:00. "1 bodspoint pr. påbegyndt Arbejdsdag": the desk's hours (08:00-16:00)
    # late are Thursday 29 09:00-16:00 and Friday 30 08:00-12:00 → 2 started Arbejdsdage →
    # 2 bodspoints (rodårsag 20 → 18).
    events = ticket(
        "E",
        "kategori1",
        "2026-01-13 10:00",
        ("2026-01-13 10:20", "responded"),
        ("2026-01-13 13:30", "resolved"),
        ("2026-01-13 14:00", "closed"),
        ("2026-01-15 09:00", "requested"),
        ("2026-01-30 12:00", "rca_reported"),
    )
    report = replay(events, "2026-01-31 12:00")
    rca = target(report, "E", "rodårsag")
    assert rca["deadline"] == "2026-01-29T09:00:00+01:00"
    assert bod(report, "måned:1") == {
        "score": "98",
        "servicemål": "60",
        "rodårsag": "18",
        "rapportering": "20",
    }
    # Never requested: nothing owed.
    quiet = replay(events[:4], "2026-01-31 12:00")
    assert target(quiet, "E", "rodårsag")["status"] == "not_applicable"


RCA_REQUESTED = ticket(
    "F",
    "kategori2",
    "2026-01-13 10:00",
    ("2026-01-13 10:30", "responded"),
    ("2026-01-13 12:00", "resolved"),
    ("2026-01-15 09:00", "requested"),
)


@pytest.mark.parametrize(
    "reported, started_workdays",
    [
        # Due Thursday 29 January 09:00 (as above). Delivered Monday 2 February 09:00: 96
        # hours, 4 started 24-hour days, but the Arbejdsdage with desk hours late are
        # Thursday 29, Friday 30 and Monday 2 (08:00-09:00) → 3; the weekend starts none.
        ("2026-02-02 09:00", 3),
        # Monday 2 February 07:30, before the desk opens: Thursday and Friday only → 2.
        ("2026-02-02 07:30", 2),
        # Thursday 29 January 17:00, after the desk closed: Thursday only → 1.
        ("2026-01-29 17:00", 1),
        # Friday 30 January 07:59 (22 h 59 min late): still Thursday only → 1.
        ("2026-01-30 07:59", 1),
        # On time (Thursday 29 January 09:00 is the deadline itself): 0.
        ("2026-01-29 09:00", 0),
    ],
)
def test_a_late_root_cause_analysis_costs_a_bodspoint_per_started_arbejdsdag(
    reported: str, started_workdays: int
) -> None:
    # "1 bodspoint pr. påbegyndt Arbejdsdag" for a late rodårsagsanalyse; item rodårsag max
    # 20. The incident is January's, so the bod falls in måned:1.
    events = list(RCA_REQUESTED)
    events.append({"at": at(reported), "type": "rca_reported", "ticket": "F"})
    report = replay(events, "2026-02-27 12:00")
    assert bod(report, "måned:1")["rodårsag"] == str(20 - started_workdays)
    [measure] = [
        x
        for p in report["periods"]
        if p["period"] == "måned:1"
        for x in p["measures"]
        if x["name"] == "rodårsag_forsinkelse"
    ]
    assert measure["value"] == str(started_workdays)


def delivered(stamp: str) -> dict[str, Any]:
    return {"at": at(stamp), "type": "delivered", "deliverable": "månedsrapport"}


@pytest.mark.parametrize(
    "deliveries, as_of, april",
    [
        # March ends Tuesday 31 March; 10 Arbejdsdage: 1, 7, 8, 9, 10, 13, 14, 15, 16, 17
        # April → due Friday 17 April 24:00. Delivered 17 April: on time, 20.
        (["2026-04-17 15:00"], "2026-04-30 12:00", "20"),
        # Delivered Monday 20 April: "forsinket", 2 bodspoints → 18.
        (["2026-04-20 09:00"], "2026-04-30 12:00", "18"),
        # Never delivered by 30 April: "manglende", 5 bodspoints → 15.
        ([], "2026-04-30 12:00", "15"),
        # Not yet due on 17 April at 23:00: nothing yet → 20.
        ([], "2026-04-17 23:00", "20"),
    ],
)
def test_the_monthly_report_is_late_or_missing(
    deliveries: list[str], as_of: str, april: str
) -> None:
    # January's and February's reports on time (due 13 February and 13 March, 24:00).
    events = [delivered("2026-02-10 10:00"), delivered("2026-03-10 10:00")]
    events += [delivered(stamp) for stamp in deliveries]
    report = replay(events, as_of)
    assert bod(report, "måned:4")["rapportering"] == april
    assert bod(report, "måned:2")["rapportering"] == "20"
    assert bod(report, "måned:3")["rapportering"] == "20"


def test_the_sample_months(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sample log (rulesets/samples/dk-itdrift-2026.events.jsonl), worked by hand in
    # docs/rulesets/dk-itdrift-2026.md: January 98 (a root-cause analysis 2 started
    # Arbejdsdage late),
    # February 95 (I3's løsning), March 88 (I5's løsning, February's report late), April 95
    # (March's report missing).
    monkeypatch.chdir(ROOT)
    report = json.loads(RULES.replay("rulesets/samples/dk-itdrift-2026.events.jsonl").to_json())
    scores = [bod(report, f"måned:{n}")["score"] for n in (1, 2, 3, 4)]
    assert scores == ["98", "95", "88", "95"]
    # "Bod udgør 0,1 % af det månedlige driftsvederlag pr. bodspoint": 0.1% of 100000 DKK =
    # 100 DKK per bodspoint; payable 100000 − 200, − 500, − 1200, − 500.
    payable = [
        next(p for p in report["periods"] if p["period"] == f"måned:{n}")["payment"]["payable"]
        for n in (1, 2, 3, 4)
    ]
    assert payable == ["99800.00", "99500.00", "98800.00", "99500.00"]
    assert report["inputs"]["calendar_data"]["source"] == "DK"
