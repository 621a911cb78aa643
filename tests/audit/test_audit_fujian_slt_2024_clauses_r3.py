"""Audit round 3, clause by clause: fujian-slt-2024 — the edges of the 应急响应 table and the
item's floor, worked by hand from the contract (shared/contracts/fujian-slt-2024.txt):

  二、服务响应要求: 紧急 "10分钟" / "4小时内"; 一般 "半小时内" / "8小时内（…）".
  五、运维工作考核 4: "每次发生故障响应与解决时间超过合同规定。紧急故障扣1分，一般故障扣0.5分，
  轻微故障扣0.2分。扣完为止。" (10 points)

"超过合同规定" is a time beyond the table's: a response at exactly 10 minutes (or restore at
exactly 4 hours) does not exceed it; a minute more does. "扣完为止": the item stops at 0.
The faults are on the 7×24 calendar (rule file reading). Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SLT = "fujian-slt-2024"
YEAR_END = "2025-07-01 00:00"


def _item(kit: Any, events: list[dict[str, Any]]) -> str:
    report = kit.replay(SLT, events, as_of=YEAR_END)
    card = kit.card(kit.period(report, "服务年:1"), "运维工作考核")
    return str(kit.item(card, "故障响应与解决时间")["score"])


@pytest.mark.parametrize(
    "tier, responded, restored, points",
    [
        # Saturday 2024-08-03 22:00 (a rest day: the table runs round the clock).
        ("紧急", "2024-08-03 22:10", "2024-08-04 02:00", "10"),  # 10 min, 4 h: not exceeded
        ("紧急", "2024-08-03 22:11", "2024-08-04 02:00", "9"),  # 11 min: −1
        ("紧急", "2024-08-03 22:10", "2024-08-04 02:01", "9"),  # 4 h 01: −1
        ("一般", "2024-08-03 22:30", "2024-08-04 06:00", "10"),  # 半小时, 8 h: not exceeded
        ("一般", "2024-08-03 22:31", "2024-08-04 06:01", "9.5"),  # late twice: −0.5 once
    ],
)
def test_the_table_times_are_limits_not_exceeded(
    kit: Any, tier: str, responded: str, restored: str, points: str
) -> None:
    events = kit.ticket(
        "T",
        "故障",
        tier,
        "2024-08-03 22:00",
        (responded, "responded"),
        (restored, "restored"),
    )
    assert _item(kit, events) == points


def test_eleven_late_urgent_faults_stop_at_zero(kit: Any) -> None:
    # Eleven 紧急 faults each answered after 15 minutes: 11 × 1 = 11 > 10 → "扣完为止" → 0.
    events: list[dict[str, Any]] = []
    for n in range(11):
        day = f"2024-09-{n + 2:02d}"
        events += kit.ticket(
            f"U{n}",
            "故障",
            "紧急",
            f"{day} 10:00",
            (f"{day} 10:15", "responded"),
            (f"{day} 11:00", "restored"),
        )
    assert _item(kit, events) == "0"
