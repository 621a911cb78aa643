"""Audit round 3: dk-itdrift-2026, a month with more bodspoints than an item's maximum.

Contract (paraphrased, rulesets/dk-itdrift-2026.sla): "Bodspoint pr. overskridelse: kategori 1
10, kategori 2 5, kategori 3 1"; "Bod udgør 0,1 % af det månedlige driftsvederlag pr.
bodspoint" (100000 DKK → 100 DKK per bodspoint). The contract states no ceiling on a month's
bodspoints. The rule file counts them as 100 − the score of scorecard `bod`, whose items
(servicemål 60, rodårsag 20, rapportering 20) are only the scale of that count: before this
round an item stopped at zero (the language's default, 扣完为止), so the 7th kategori 1
overskridelse of a month cost nothing. Worked by hand; nothing copied from slarules' output.
"""

from __future__ import annotations

import json
from typing import Any


def _february(dk: Any, breaches: int) -> dict[str, Any]:
    # Kategori 1 incidents on Tuesday 10 February 2026, each opened at 10:00 + k minutes
    # (the desk is open 08:00-16:00): reaktion 30 minutes → due 10:30 + k, answered at 11:00
    # + k: one overskridelse, 10 bodspoints; løsning 4 hours → due 14:00 + k, resolved 12:00
    # + k: met. January's report (due 10 Arbejdsdage after 31 January: Friday 13 February
    # 24:00) is delivered on 12 February: on time.
    events = [dk.ev("2026-02-12 12:00", "delivered", deliverable="månedsrapport")]
    for k in range(breaches):
        tid = f"K{k + 1}"
        events += [
            dk.ev(f"2026-02-10 10:{k:02d}", "opened", ticket=tid, sla="incident", tier="kategori1"),
            dk.ev(f"2026-02-10 11:{k:02d}", "responded", ticket=tid),
            dk.ev(f"2026-02-10 12:{k:02d}", "resolved", ticket=tid),
        ]
    report = dk.rules.replay(sorted(events, key=lambda e: e["at"]), as_of=dk.at("2026-03-01 00:00"))
    data: dict[str, Any] = json.loads(report.to_json())
    found: dict[str, Any] = next(p for p in data["periods"] if p["period"] == "måned:2")
    return found


def test_seven_kategori_1_overskridelser_cost_70_bodspoints(dk: Any) -> None:
    # 7 × 10 = 70 bodspoints → 70 × 0.1% × 100000 = 7000.00 DKK withheld → 93000.00 DKK.
    # (With servicemål stopping at zero: 60 → 6000.00 → 94000.00.)
    month = _february(dk, 7)
    assert month["payment"]["payable"] == "93000.00"
    card = next(c for c in month["scorecards"] if c["name"] == "bod")
    assert card["score"] == "30"


def test_six_kategori_1_overskridelser_are_exactly_the_items_scale(dk: Any) -> None:
    # 6 × 10 = 60 bodspoints → 6000.00 DKK → 94000.00 DKK (the item at 0, not below).
    assert _february(dk, 6)["payment"]["payable"] == "94000.00"
