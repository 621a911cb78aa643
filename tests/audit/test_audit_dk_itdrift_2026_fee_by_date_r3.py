"""Audit round 3: dk-itdrift-2026, a fee that changes in the middle of a month.

The contract text (docs/rulesets/dk-itdrift-2026.md, paraphrased K03) states one monthly fee,
"Det månedlige driftsvederlag (bilag 5)", and the rule file has `param vederlag: money`: the
example contract says nothing about a price change during the 36 months, nor how a month in
which the price changes is charged. A buyer whose bilag 5 indexes the fee (e.g. "pr. 1. juli
reguleres vederlaget") writes it as `param vederlag: money by date { … }` (docs/language.md,
"A parameter by date"): a month takes the price in force on its first day. With a takeover
day that is not the 1st, the måned cycles (one month from the takeover day) straddle a
change on the 1st; nothing in the contract asks for proration, and the monthly fee is the
fee "for the month", so the month starting 15 June is charged the June price in full. This
test pins that reading (now written in the walkthrough); the engine is unchanged.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import slarules

ROOT = Path(__file__).resolve().parents[2]
SCHEDULE = """param vederlag: money by date cite "bilag 5, indekseret" {
  from 2026-01-01 -> 80000 DKK
  from 2026-07-01 -> 84000 DKK
}"""


def _rules(start: str) -> slarules.Ruleset:
    text = (ROOT / "rulesets" / "dk-itdrift-2026.sla").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("param vederlag:"))
    lines[at] = SCHEDULE
    default = "param start: date = 2026-01-01"
    text = "\n".join(lines).replace(default, f"param start: date = {start}")
    return slarules.loads(text)


def _bases(start: str) -> dict[str, Decimal | None]:
    report = _rules(start).replay([], as_of="2026-08-20T00:00:00+02:00")
    return {
        p.label: next(x.amount for x in p.payment.lines if x.kind == "base")
        for p in report.periods
        if p.payment is not None
    }


def test_a_month_straddling_a_price_change_is_charged_its_first_days_price() -> None:
    # Takeover 2026-01-15: måned:6 runs 2026-06-15 – 2026-07-15, across the change on
    # 1 July; its first day is in the 80000 DKK row → base 80000.00 (not 15/30 × 80000 +
    # 15/30 × 84000 = 82000.00, a proration the contract does not state). måned:7 starts
    # 2026-07-15, after the change → 84000.00. måned:1 (from 2026-01-15) → 80000.00.
    bases = _bases("2026-01-15")
    assert bases["måned:1"] == Decimal("80000.00")
    assert bases["måned:6"] == Decimal("80000.00")
    assert bases["måned:7"] == Decimal("84000.00")


def test_a_month_starting_on_the_change_day_takes_the_new_price() -> None:
    # Takeover 2026-01-01: måned:7 starts 2026-07-01 00:00, the change day itself ("the
    # last row whose date is on or before it") → 84000.00; måned:6 (June) → 80000.00.
    bases = _bases("2026-01-01")
    assert (bases["måned:6"], bases["måned:7"]) == (Decimal("80000.00"), Decimal("84000.00"))
