"""Audit (E2): dk-itdrift-2026 over its 36-month term — the Arbejdsdage of every year of the
term, and the bod of the last month's report, due after the term.

Contract (paraphrased, rulesets/dk-itdrift-2026.sla): "Arbejdsdage: mandag til fredag, bortset
fra helligdage, grundlovsdag, 24. december og 31. december"; "Servicemålene opgøres pr.
kalendermåned i driftsperioden på 36 måneder"; "Leverandøren afleverer en månedsrapport senest
10 Arbejdsdage efter hver måneds afslutning"; "5 bodspoint for en manglende månedsrapport";
"Bod udgør 0,1 % af det månedlige driftsvederlag pr. bodspoint" (100000 DKK → 100 DKK per
bodspoint). Every expected number is worked out by hand from the clause quoted beside it,
never copied from slarules' output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest


def replay(dk: Any, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    report = dk.rules.replay(sorted(events, key=lambda e: e["at"]), as_of=dk.at(as_of))
    data: dict[str, Any] = json.loads(report.to_json())
    return data


def target(report: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
    t = next(t for t in report["tickets"] if t["ticket"] == ticket)
    found: dict[str, Any] = next(x for x in t["targets"] if x["metric"] == metric)
    return found


def period(report: dict[str, Any], label: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in report["periods"] if p["period"] == label)
    return found


def servicemaal(month: dict[str, Any]) -> str:
    card = next(c for c in month["scorecards"] if c["name"] == "bod")
    return str(next(i for i in card["items"] if i["name"] == "servicemål")["score"])


@pytest.mark.parametrize(
    ("day", "label"),
    [("2027-12-24", "måned:24"), ("2027-12-31", "måned:24")],
)
def test_24_and_31_december_are_no_arbejdsdage_in_2027_either(
    dk: Any, day: str, label: str
) -> None:
    # A kategori 1 incident reported at 10:00 on Friday 24 (or 31) December 2027. "bortset fra
    # … 24. december og 31. december": the Service Desk is closed that day, as on every
    # 24/31 December of the 36 months, not only 2026's. The desk next opens at 08:00 on the
    # next Arbejdsdag: after the 24th, Saturday 25 and Sunday 26 (juledag, 2. juledag) →
    # Monday 27 December 08:00; after the 31st, Saturday 1 January (nytårsdag), Sunday 2 →
    # Monday 3 January 2028 08:00. Reaktion "30 minutter" in desk hours → 08:30; løsning "4
    # timer", "regnes tidligst fra Service Deskens åbning og løber herefter i døgnets 24
    # timer" → 12:00. Responded 08:20 and resolved 11:00 that Monday → both met: servicemål
    # 60, no bodspoint. (Treating the 24th/31st as an ordinary Friday would make reaktion due
    # 10:30 and løsning 14:00 that day — two kategori 1 overskridelser, 20 bodspoints, 2000 DKK.)
    monday = "2027-12-27" if day == "2027-12-24" else "2028-01-03"
    events = [
        dk.ev(f"{day} 10:00", "opened", ticket="X", sla="incident", tier="kategori1"),
        dk.ev(f"{monday} 08:20", "responded", ticket="X"),
        dk.ev(f"{monday} 11:00", "resolved", ticket="X"),
    ]
    report = replay(dk, events, as_of=f"{monday} 12:00")
    reaction = target(report, "X", "reaktion")
    assert (reaction["deadline"], reaction["status"]) == (dk.at(f"{monday} 08:30"), "met")
    solution = target(report, "X", "løsning")
    assert (solution["deadline"], solution["status"]) == (dk.at(f"{monday} 12:00"), "met")
    assert servicemaal(period(report, label)) == "60"


def _months() -> list[tuple[int, int]]:
    return [(2026 + (k - 1) // 12, (k - 1) % 12 + 1) for k in range(1, 37)]


def test_the_whole_term_pays_36_fees_less_the_last_months_missing_report(
    dk: Any,
) -> None:
    # One kategori 3 incident handled in time on Monday 5 January 2026 (reaktion 4 h, answered
    # in 30 min; løsning 5 Arbejdsdage, resolved in 1 h) opens the log. Months 1…35's reports
    # are delivered at noon on the 1st of the next month — before any of their due times (10
    # Arbejdsdage after the month's end), so none is late. December 2028's report is never
    # delivered: it is due 10 Arbejdsdage after 31 December 2028 — Tuesday 2 January 2029 (1;
    # the 1st is nytårsdag), 3, 4, 5, 8, 9, 10, 11, 12, Monday 15 January (10) → 24:00 —
    # and at as_of 1 February 2029 it is manglende: 5 bodspoints = 500 DKK.
    # The term: 36 × 100000 − 500 = 3599500.00 DKK.
    events = [
        dk.ev("2026-01-05 10:00", "opened", ticket="K3", sla="incident", tier="kategori3"),
        dk.ev("2026-01-05 10:30", "responded", ticket="K3"),
        dk.ev("2026-01-05 11:00", "resolved", ticket="K3"),
    ]
    for year, month in _months()[1:]:
        events.append(
            dk.ev(f"{year}-{month:02d}-01 12:00", "delivered", deliverable="månedsrapport")
        )
    report = replay(dk, events, as_of="2029-02-01 00:00")
    months = [p for p in report["periods"] if p["period"].startswith("måned:")]
    assert len(months) == 36
    assert all(p["payment"]["payable"] == "100000.00" for p in months[:35])
    total = sum(Decimal(p["payment"]["payable"]) for p in months)
    assert total == Decimal("3599500.00")


def test_a_root_cause_analysis_late_in_february_is_januarys_bod(dk: Any) -> None:
    # Kategori 1 incident Tuesday 13 January 2026 10:00, answered 10:20, resolved 13:00 (both
    # met). The customer asks for the rodårsagsanalyse Wednesday 28 January 09:00: "senest 10
    # Arbejdsdage efter Kunden har anmodet herom", counted plain → Jan 29, 30, Feb 2, 3, 4, 5,
    # 6, 9, 10, 11 → Wednesday 11 February 09:00. Delivered Friday 13 February 12:00: started
    # Arbejdsdage late Wed 11 (09:00–16:00), Thu 12, Fri 13 (08:00–12:00) = 3 → "1 bodspoint
    # pr. påbegyndt Arbejdsdag" = 3. "the ticket (and its bod) stays in the month it was
    # reported in" (walkthrough reading 5): January 100 − 3 = 97 → 100000 − 3 × 100 =
    # 99700.00 DKK; February has no bod from it (its only other obligation, January's report,
    # is due 13 February 24:00, not yet passed at as_of 13 February 18:00): 100000.00.
    events = [
        dk.ev("2026-01-13 10:00", "opened", ticket="R", sla="incident", tier="kategori1"),
        dk.ev("2026-01-13 10:20", "responded", ticket="R"),
        dk.ev("2026-01-13 13:00", "resolved", ticket="R"),
        dk.ev("2026-01-28 09:00", "requested", ticket="R"),
        dk.ev("2026-02-13 12:00", "rca_reported", ticket="R"),
    ]
    report = replay(dk, events, as_of="2026-02-13 18:00")
    january, february = period(report, "måned:1"), period(report, "måned:2")
    card = next(c for c in january["scorecards"] if c["name"] == "bod")
    assert str(next(i for i in card["items"] if i["name"] == "rodårsag")["score"]) == "17"
    assert january["payment"]["payable"] == "99700.00"
    assert february["payment"]["payable"] == "100000.00"
