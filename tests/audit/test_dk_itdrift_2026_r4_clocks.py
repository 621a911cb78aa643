"""Audit round 4, clocks and calendars: dk-itdrift-2026 — Kristi himmelfart, 2. pinsedag and
Grundlovsdag in the Service Desk's hours and in "5 Arbejdsdage", a deadline at the desk's
16:00 close, and a reopened incident across the autumn change of clock.

Worked by hand from the contract as the rule file cites it (docs/rulesets/dk-itdrift-2026.md):
"Arbejdsdage: mandag til fredag, bortset fra helligdage, grundlovsdag, 24. december og 31.
december"; the Service Desk open 08:00-16:00 on Arbejdsdage; "Reaktionstid: kategori 2 1 time,
kategori 3 4 timer" in those hours; "Løsningstiden regnes tidligst fra Service Deskens åbning og
løber herefter i døgnets 24 timer … kategori 3 5 Arbejdsdage" (`counting plain`: the same time
of day on the 5th Arbejdsdag). 2026: Kristi himmelfartsdag Thursday 14 May (the Friday after is
an Arbejdsdag), 2. pinsedag Monday 25 May, Grundlovsdag Friday 5 June; summer time ends on
Sunday 25 October 03:00 CEST → 02:00 CET. SPEC §3.8: the time between the fix and the
reopening does not count. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules

DK = "dk-itdrift-2026"


def _incident(tier: str, opened: str, *steps: tuple[str, str]) -> list[dict[str, Any]]:
    """Events at Copenhagen times written with their offset (``2026-05-13T15:00:00+02:00``)."""
    out = [{"at": opened, "type": "opened", "ticket": "I", "sla": "incident", "tier": tier}]
    return out + [{"at": at, "type": kind, "ticket": "I"} for at, kind in steps]


def _targets(kit: Any, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    rules: slarules.Ruleset = kit.ruleset(DK)
    data = json.loads(rules.replay(events, as_of=as_of).to_json())
    return {x["metric"]: x for x in data["tickets"][0]["targets"]}


@pytest.mark.parametrize(
    "opened, reaktion, løsning",
    [
        # Wed 13 May 15:00: reaktion 1 h Wednesday (to 16:00), Thursday is Kristi
        # himmelfart, 3 h on Friday from 08:00 → 11:00. Løsning: Fri 15 (1), Mon 18 (2),
        # Tue 19 (3), Wed 20 (4), Thu 21 (5) → Thu 21 May 15:00.
        ("2026-05-13T15:00:00+02:00", "2026-05-15T11:00:00+02:00", "2026-05-21T15:00:00+02:00"),
        # Fri 22 May 09:00: reaktion 09:00 + 4 h → 13:00. Løsning: Mon 25 is 2. pinsedag;
        # Tue 26 (1), 27 (2), 28 (3), Fri 29 (4), Mon 1 June (5) → 1 June 09:00.
        ("2026-05-22T09:00:00+02:00", "2026-05-22T13:00:00+02:00", "2026-06-01T09:00:00+02:00"),
        # Thu 4 June 13:00: reaktion 3 h Thursday, Friday is Grundlovsdag (the contract's own
        # exception), 1 h on Monday → 8 June 09:00. Løsning: Mon 8 (1), 9 (2), 10 (3),
        # 11 (4), Fri 12 (5) → 12 June 13:00.
        ("2026-06-04T13:00:00+02:00", "2026-06-08T09:00:00+02:00", "2026-06-12T13:00:00+02:00"),
    ],
)
def test_kategori_3_over_the_spring_holidays(
    kit: Any, opened: str, reaktion: str, løsning: str
) -> None:
    rules: slarules.Ruleset = kit.ruleset(DK)
    due = rules.deadlines("incident", "kategori3", opened)
    assert (due["reaktion"].isoformat(), due["løsning"].isoformat()) == (reaktion, løsning)
    # The same through a replay, resolved exactly on the deadline (met) and a second after.
    for resolved, status in ((løsning, "met"), (løsning.replace(":00+", ":01+", 1), "breached")):
        got = _targets(kit, _incident("kategori3", opened, (resolved, "resolved")), resolved)
        assert (got["løsning"]["status"], got["løsning"]["deadline"]) == (status, løsning)


@pytest.mark.parametrize(
    "answered, status",
    [
        ("2026-06-04T16:00:00+02:00", "met"),
        # The desk closes at 16:00 and opens next on Monday 8 June 08:00 (Grundlovsdag and
        # the weekend between): an answer at the opening used exactly its hour of desk time.
        ("2026-06-08T08:00:00+02:00", "met"),
        ("2026-06-08T08:01:00+02:00", "breached"),
    ],
)
def test_kategori_2_reaktion_due_at_the_desks_close(kit: Any, answered: str, status: str) -> None:
    # Thu 4 June 15:00, kategori 2: "1 time" of the desk's hours → 16:00, the close.
    events = _incident("kategori2", "2026-06-04T15:00:00+02:00", (answered, "responded"))
    got = _targets(kit, events, "2026-06-30T00:00:00+02:00")["reaktion"]
    assert (got["status"], got["deadline"]) == (status, "2026-06-04T16:00:00+02:00")


@pytest.mark.parametrize(
    "resolved, status",
    [("2026-10-31T11:00:00+01:00", "met"), ("2026-10-31T11:01:00+01:00", "breached")],
)
def test_a_reopening_across_the_end_of_summer_time(kit: Any, resolved: str, status: str) -> None:
    # Kategori 3 reported Fri 23 Oct 10:00 (CEST, desk open): 5 Arbejdsdage → Fri 30 Oct
    # 10:00 (CET, the same time of day). Resolved Sat 24 Oct 12:00 CEST, closed, reopened
    # Sun 25 Oct 12:00 CET: 25 hours later (the night gave an hour back). The løsning clock
    # runs on døgn, round the clock: the 25 hours between the fix and the reopening do not
    # count and move the deadline by 25 hours → Sat 31 Oct 11:00 CET (the documented rule:
    # a hole moves the deadline by the working time it covered, here real hours). Resolved
    # 11:00: met; 11:01: breached.
    events = _incident(
        "kategori3", "2026-10-23T10:00:00+02:00",
        ("2026-10-23T10:30:00+02:00", "responded"), ("2026-10-24T12:00:00+02:00", "resolved"),
        ("2026-10-24T12:10:00+02:00", "closed"), ("2026-10-25T12:00:00+01:00", "reopened"),
        (resolved, "resolved"),
    )  # fmt: skip
    got = _targets(kit, events, "2026-11-10T00:00:00+01:00")["løsning"]
    assert (got["status"], got["deadline"]) == (status, "2026-10-31T11:00:00+01:00")
