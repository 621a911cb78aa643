"""Audit round 3: dk-itdrift-2026, kategori changes across Easter, summer time, a closed
Service Desk, and the root-cause analysis, worked by hand from the rule file's clauses
(rulesets/dk-itdrift-2026.sla, docs/rulesets/dk-itdrift-2026.md):

  "Kategori 1 … reaktion 30m, løsning 4h, rodårsag 10 Arbejdsdage; Kategori 2 … 1h, 8h,
  10 Arbejdsdage; Kategori 3 … 4h, 5 Arbejdsdage" (no root-cause analysis)
  "Løsningstiden regnes tidligst fra Service Deskens åbning og løber herefter i døgnets 24 timer"
  "Arbejdsdage: mandag til fredag, bortset fra helligdage, grundlovsdag, 24. december og
  31. december"; Service Desk 08:00–16:00; `counting plain` (the same time on the N-th
  Arbejdsdag); `retier remeasure allow full`.

Danish public holidays 2026: Skærtorsdag 2 April, Langfredag 3 April, 2. påskedag 6 April;
summer time starts Sunday 29 March 02:00 (CET +01:00 → CEST +02:00). Nothing here was
copied from slarules' output.
"""

from __future__ import annotations

import json
from typing import Any

import pytest


def replay(dk: Any, events: list[Any], as_of: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dk.rules.replay(events, as_of=dk.at(as_of)).to_json())
    return data


def target(data: dict[str, Any], metric: str) -> tuple[str, str | None, str]:
    x = next(x for x in data["tickets"][0]["targets"] if x["metric"] == metric)
    return x["status"], x["deadline"], x["tier"]


def servicemål(data: dict[str, Any], month: str) -> str:
    period = next(p for p in data["periods"] if p["period"] == month)
    card = next(c for c in period["scorecards"] if c["name"] == "bod")
    return str(next(i for i in card["items"] if i["name"] == "servicemål")["score"])


@pytest.mark.parametrize(
    "resolved, status, points",
    [("2026-04-08 15:00", "met", "60"), ("2026-04-08 15:01", "breached", "59")],
)
def test_lowered_to_kategori_3_over_easter_and_summer_time(
    dk: Any, resolved: str, status: str, points: str
) -> None:
    # Kategori 1, Friday 27 March 2026 15:00 (desk open): løsning 4 h → 19:00; reaktion 30 min
    # → 15:30, answered 15:20. Lowered to kategori 3 at 18:00, before 19:00: "5 Arbejdsdage"
    # from the report, the same time of day: Mon 30 Mar (1), Tue 31 (2), Wed 1 Apr (3), Thu 2
    # and Fri 3 (påske) and Mon 6 (2. påskedag) are holidays, Tue 7 (4), Wed 8 (5) → Wednesday
    # 8 April 15:00, now summer time (+02:00). Resolved 15:00 → met; 15:01 → a kategori 3
    # overskridelse, 1 bodspoint, in the month of the report (måned:3): servicemål 59.
    events = dk.incident(
        "kategori1", "2026-03-27 15:00",
        ("2026-03-27 15:20", "responded", {}),
        ("2026-03-27 18:00", "retiered", {"tier": "kategori3"}),
        (resolved, "resolved", {}),
    )  # fmt: skip
    data = replay(dk, events, "2026-05-01 00:00")
    assert target(data, "løsning") == (status, "2026-04-08T15:00:00+02:00", "kategori3")
    assert servicemål(data, "måned:3") == points


def test_raised_at_night_gets_four_hours_of_the_running_clock(dk: Any) -> None:
    # Kategori 3, Monday 9 March 2026 15:00 (desk open): løsning "5 Arbejdsdage" → Monday 16
    # March 15:00; reaktion 4 h of desk time: 15:00–16:00 + Tue 08:00–11:00 → Tue 11:00.
    # Raised to kategori 1 on Monday 20:00, the desk closed. løsning: 4 h from the report
    # ended 19:00, before the change; the clock has run since 15:00 and "løber herefter i
    # døgnets 24 timer", so kategori 1's own time from the change is 20:00 + 4 h = 24:00,
    # before the 16 March it had → due Tuesday 10 March 00:00. reaktion: 30 min from the
    # report (15:30) passed; 30 desk minutes from the change → Tue 08:30, before 11:00 →
    # 08:30. Answered Tue 08:20 (met); resolved Mon 23:30 (met): servicemål 60.
    events = dk.incident(
        "kategori3", "2026-03-09 15:00",
        ("2026-03-09 20:00", "retiered", {"tier": "kategori1"}),
        ("2026-03-09 23:30", "resolved", {}),
        ("2026-03-10 08:20", "responded", {}),
    )  # fmt: skip
    data = replay(dk, events, "2026-04-01 00:00")
    assert target(data, "løsning") == ("met", "2026-03-10T00:00:00+01:00", "kategori1")
    assert target(data, "reaktion") == ("met", "2026-03-10T08:30:00+01:00", "kategori1")
    assert servicemål(data, "måned:3") == "60"


def test_a_requested_analysis_lapses_in_kategori_3_and_is_owed_again_no_later(
    dk: Any,
) -> None:
    # Kategori 1, Monday 2 March 2026 09:00, answered 09:10, resolved 11:00. The customer asks
    # for the root-cause analysis Tuesday 3 March 10:00: "senest 10 Arbejdsdage" → Wed 4 (1)
    # … Fri 13 (8), Mon 16 (9), Tue 17 (10) → Tuesday 17 March 10:00. Lowered to kategori 3
    # Wednesday 4 March 10:00: kategori 3 owes no analysis. Raised back to kategori 1
    # Thursday 5 March 10:00: kategori 1's own 10 Arbejdsdage from the change would end
    # Thursday 19 March 10:00, but a change back gives no more than kategori 1 gave → 17
    # March 10:00. Delivered Wednesday 18 March 09:00 → breached (kategori 1).
    events = dk.incident(
        "kategori1", "2026-03-02 09:00",
        ("2026-03-02 09:10", "responded", {}),
        ("2026-03-02 11:00", "resolved", {}),
        ("2026-03-03 10:00", "requested", {}),
        ("2026-03-04 10:00", "retiered", {"tier": "kategori3"}),
        ("2026-03-05 10:00", "retiered", {"tier": "kategori1"}),
        ("2026-03-18 09:00", "rca_reported", {}),
    )  # fmt: skip
    data = replay(dk, events, "2026-04-01 00:00")
    assert target(data, "rodårsag") == ("breached", "2026-03-17T10:00:00+01:00", "kategori1")
    # The same lowering without the raise: nothing owed, nothing late.
    lapsed = replay(dk, events[:5] + events[6:], "2026-04-01 00:00")
    assert target(lapsed, "rodårsag")[0] == "not_applicable"


def test_an_analysis_not_yet_requested_at_the_raise_is_owed_from_the_request(
    dk: Any,
) -> None:
    # Kategori 3 (no root-cause analysis), Monday 2 March 2026 09:00; raised to kategori 2
    # Monday 10:00 (before anything was requested: the rodårsag clock has not started, so
    # nothing moves). løsning: kategori 2's 8 h from the report end 17:00, but after an
    # upgrade the supplier has the new kategori's own time from the change, 10:00 + 8 h =
    # 18:00, no later than the 9 March 09:00 it had → 18:00; resolved 11:00, met. The customer asks
    # Wednesday 4 March 14:00: "senest 10 Arbejdsdage efter Kunden har anmodet herom" → Thu 5
    # (1) … Wed 18 (10) → Wednesday 18 March 14:00, a kategori 2 target. Delivered 18 March
    # 14:00 → met.
    events = dk.incident(
        "kategori3", "2026-03-02 09:00",
        ("2026-03-02 09:30", "responded", {}),
        ("2026-03-02 10:00", "retiered", {"tier": "kategori2"}),
        ("2026-03-02 11:00", "resolved", {}),
        ("2026-03-04 14:00", "requested", {}),
        ("2026-03-18 14:00", "rca_reported", {}),
    )  # fmt: skip
    data = replay(dk, events, "2026-04-01 00:00")
    assert target(data, "rodårsag") == ("met", "2026-03-18T14:00:00+01:00", "kategori2")
    assert target(data, "løsning") == ("met", "2026-03-02T18:00:00+01:00", "kategori2")
