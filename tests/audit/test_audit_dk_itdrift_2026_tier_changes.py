"""Audit (E2): dk-itdrift-2026 — a change of kategori while the incident is open.

The contract (paraphrased) sets targets per kategori ("Kategori 1 … løsning 4 timer; Kategori 2
… 8 timer") and is silent on a re-categorisation. The first version of the rule file stated no
reading and took the language's default (`retier remeasure` with no allowance): an incident
raised to kategori 1 after kategori 1's 4 hours had run was due *at the change itself* and so
breached at once — 10 bodspoints for a fault the supplier learned was kategori 1 only then.
The file now states the reading the reference rule files take (`retier remeasure allow full`,
walkthrough "Readings" 8): a target whose time ran out stays breached under its old
kategori; a running one is measured against the new kategori from the report, and after an
upgrade the supplier has the new kategori's own time from the change, never more than it
already had. Every expected number is worked out by hand below.
"""

from __future__ import annotations

import json
from typing import Any


def run(dk: Any, events: list[Any]) -> tuple[dict[str, Any], str]:
    data: dict[str, Any] = json.loads(
        dk.rules.replay(events, as_of=dk.at("2026-03-20 00:00")).to_json()
    )
    target = next(x for x in data["tickets"][0]["targets"] if x["metric"] == "løsning")
    month = next(p for p in data["periods"] if p["period"] == "måned:3")
    card = next(c for c in month["scorecards"] if c["name"] == "bod")
    items = {i["name"]: str(i["score"]) for i in card["items"]}
    return target, items["servicemål"]


def test_raised_to_kategori_1_after_its_four_hours_gets_them_from_the_change(
    dk: Any,
) -> None:
    # Kategori 2, Tuesday 10 March 2026 09:00 (desk open): løsning "8 timer" → 17:00.
    # Answered 09:20 (reaktion 1 h: met). Raised to kategori 1 at 14:00: kategori 1's "4
    # timer" from 09:00 ended at 13:00, before anyone knew; with the new kategori's own time
    # from the change, 14:00 + 4 h = 18:00, but never more than the 17:00 it already had →
    # due 17:00. Resolved 15:00 → met: no bodspoint, servicemål 60.
    events = dk.incident(
        "kategori2", "2026-03-10 09:00",
        ("2026-03-10 09:20", "responded", {}),
        ("2026-03-10 14:00", "retiered", {"tier": "kategori1"}),
        ("2026-03-10 15:00", "resolved", {}),
    )  # fmt: skip
    target, servicemaal = run(dk, events)
    assert (target["deadline"], target["status"]) == (dk.at("2026-03-10 17:00"), "met")
    assert servicemaal == "60"


def test_raised_to_kategori_1_early_has_four_hours_from_the_change(
    dk: Any,
) -> None:
    # Kategori 2 at 09:00 (due 17:00), raised to kategori 1 at 10:00: the new kategori's own
    # time from the change, 10:00 + 4 h = 14:00, is before the 17:00 it had, so it stands
    # (the 13:00 that 4 hours from the report would give is earlier than what the change
    # allows). Resolved 14:30 → breached: "10 bodspoint pr. overskridelse for kategori 1" →
    # servicemål 50. (Resolved 13:30 would be met.)
    events = dk.incident(
        "kategori2", "2026-03-10 09:00",
        ("2026-03-10 09:20", "responded", {}),
        ("2026-03-10 10:00", "retiered", {"tier": "kategori1"}),
        ("2026-03-10 14:30", "resolved", {}),
    )  # fmt: skip
    target, servicemaal = run(dk, events)
    assert (target["deadline"], target["status"]) == (dk.at("2026-03-10 14:00"), "breached")
    assert servicemaal == "50"


def test_lowered_to_kategori_2_after_kategori_1_was_missed_stays_a_kategori_1_breach(
    dk: Any,
) -> None:
    # Kategori 1 at 09:00: løsning due 13:00. Still open when lowered to kategori 2 at 13:30:
    # the 4 hours had run out → a kategori 1 overskridelse that the change does not erase.
    # Resolved 16:00 (within kategori 2's 17:00, which no longer matters) → 10 bodspoints.
    events = dk.incident(
        "kategori1", "2026-03-10 09:00",
        ("2026-03-10 09:20", "responded", {}),
        ("2026-03-10 13:30", "retiered", {"tier": "kategori2"}),
        ("2026-03-10 16:00", "resolved", {}),
    )  # fmt: skip
    target, servicemaal = run(dk, events)
    assert target["status"] == "breached"
    assert servicemaal == "50"


def test_up_and_back_down_is_measured_from_the_report_again(dk: Any) -> None:
    # Kategori 2 at 09:00 (8 h → 17:00); raised to kategori 1 at 10:00 (→ 14:00, from the
    # change); lowered back to kategori 2 at 11:00, before 14:00: a longer target is measured
    # from the report again → 17:00. Resolved 16:00 → met, no bod: servicemål 60.
    events = dk.incident(
        "kategori2", "2026-03-10 09:00",
        ("2026-03-10 09:20", "responded", {}),
        ("2026-03-10 10:00", "retiered", {"tier": "kategori1"}),
        ("2026-03-10 11:00", "retiered", {"tier": "kategori2"}),
        ("2026-03-10 16:00", "resolved", {}),
    )  # fmt: skip
    target, servicemaal = run(dk, events)
    assert (target["deadline"], target["status"]) == (dk.at("2026-03-10 17:00"), "met")
    assert servicemaal == "60"


def test_raised_over_christmas_counts_in_december(dk: Any) -> None:
    # Kategori 3 Wednesday 23 December 2026 10:00: "5 Arbejdsdage" (plain) skip 24 (the
    # contract's own), 25, 26 (juledag, 2. juledag), 31 (the contract's own) and 1 January:
    # Mon 28 (1), Tue 29 (2), Wed 30 (3), Mon 4 Jan (4), Tue 5 Jan (5) → 2027-01-05 10:00.
    # Raised to kategori 2 Monday 28 December 09:00 (desk open): kategori 2's 8 hours from the
    # report ended long ago; from the change 09:00 + 8 h = 17:00, before the 5 January it had
    # → due 2026-12-28 17:00. Resolved 18:00 → breached: "5 bodspoint pr. overskridelse for
    # kategori 2". The incident counts in the month it was reported: måned:12, servicemål 55.
    events = dk.incident(
        "kategori3", "2026-12-23 10:00",
        ("2026-12-23 10:30", "responded", {}),
        ("2026-12-28 09:00", "retiered", {"tier": "kategori2"}),
        ("2026-12-28 18:00", "resolved", {}),
    )  # fmt: skip
    data: dict[str, Any] = json.loads(
        dk.rules.replay(events, as_of=dk.at("2027-01-10 00:00")).to_json()
    )
    target = next(x for x in data["tickets"][0]["targets"] if x["metric"] == "løsning")
    assert (target["deadline"], target["status"]) == (dk.at("2026-12-28 17:00"), "breached")
    december = next(p for p in data["periods"] if p["period"] == "måned:12")
    card = next(c for c in december["scorecards"] if c["name"] == "bod")
    assert str(next(i for i in card["items"] if i["name"] == "servicemål")["score"]) == "55"
