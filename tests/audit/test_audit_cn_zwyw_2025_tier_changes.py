"""Audit (E2): cn-zwyw-2025 — a ticket whose 级别 changes while it is open, across the 2025
National Day holiday.

The text (docs/rulesets/cn-zwyw-2025.md) sets times per 级别 ("一级…1个工作日内处理完毕"; "三级…5个
工作日内处理完毕") and says nothing of a change of 级别. The first version of the rule file stated
no reading and took the language's default (`retier remeasure`, no allowance): a ticket raised
to 一级 after 一级's one workday had run out was due *at the change* and late at once. The file
now states the reading the reference rule files take (`retier remeasure allow full`): after an
upgrade the vendor has the new 级别's own time from the change, never more than it already
had; a time already run out stays late. Every expected number is worked out by hand below.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rules() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")


def ev(stamp: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": stamp.replace(" ", "T") + ":00+08:00", "type": type_, "ticket": "U", **fields}


def september(rules: slarules.Ruleset, events: list[Any]) -> tuple[dict[str, Any], str]:
    data: dict[str, Any] = json.loads(
        rules.replay(events, as_of="2025-11-01T00:00:00+08:00").to_json()
    )
    target = next(x for x in data["tickets"][0]["targets"] if x["metric"] == "resolve")
    month = next(p for p in data["periods"] if p["period"] == "2025-09")
    card = next(c for c in month["scorecards"] if c["name"] == "月度考核")
    return target, str(card["score"])


def test_raised_to_level_one_after_its_workday_ran_out_gets_one_from_the_change(
    rules: slarules.Ruleset,
) -> None:
    # 三级 opened Thu 2025-09-25 09:00, answered 09:30 (≤ 4 h). "5个工作日内处理完毕": Fri 09-26,
    # Sun 09-28 (调休 workday), Mon 09-29, Tue 09-30, then 10-01…10-08 are holidays, Thu 10-09
    # → due 10-09 24:00. Raised to 一级 ("系统瘫痪或核心业务中断") Tue 09-30 10:00: 一级's
    # "1个工作日" from the report ended 09-26 24:00, before anyone knew. From the change:
    # the 1st workday after 09-30 is 10-09 → 10-09 24:00, no later than the 10-09 24:00 it
    # had → due 10-09 24:00. Resolved 09-30 15:00 → met: 工单处理时效 40, score 100.
    # (The default would make it due 09-30 10:00 → 1 started workday late → 0.5.)
    events = [
        ev("2025-09-25 09:00", "opened", sla="工单", tier="三级"),
        ev("2025-09-25 09:30", "responded"),
        ev("2025-09-30 10:00", "retiered", tier="一级"),
        ev("2025-09-30 15:00", "resolved"),
    ]
    target, score = september(rules, events)
    assert (target["deadline"], target["status"]) == ("2025-10-10T00:00:00+08:00", "met")
    assert score == "100"


def test_lowered_after_level_one_ran_out_stays_late(rules: slarules.Ruleset) -> None:
    # 一级 opened Mon 2025-09-22 09:00, answered 09:10; "1个工作日" → due Tue 09-23 24:00.
    # Lowered to 三级 Wed 09-24 10:00 (after it) → stays late under 一级. Resolved Thu 09-25
    # 09:00: started workdays late: 09-24 (08:30– passed) and 09-25 (08:30–09:00) = 2 → 0.5 +
    # 0.5 = 1 → 工单处理时效 39 → 99.
    events = [
        ev("2025-09-22 09:00", "opened", sla="工单", tier="一级"),
        ev("2025-09-22 09:10", "responded"),
        ev("2025-09-24 10:00", "retiered", tier="三级"),
        ev("2025-09-25 09:00", "resolved"),
    ]
    target, score = september(rules, events)
    assert target["status"] == "breached"
    assert score == "99"
