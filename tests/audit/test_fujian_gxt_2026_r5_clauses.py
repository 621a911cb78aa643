"""Audit R5, fujian-gxt-2026: the kinds no earlier round replayed (服务事项超时, 人员技能不符,
配合不积极, 安全保密事件), and a 一般 fault raised to 灾难性 — a tier with no 4-hour resolution —
before, at and after its 4 hours, down to the cycle's money.

Every number is worked by hand from shared/contracts/fujian-gxt-2026.txt (四、服务要求,
五、服务考核) and the rule file's documented readings (two 12-month cycles from 2026-01-01, each
paying contract_total / 2 = 500000.00; "每低1分" prorated, 5% of the whole contract per point,
withheld at most the cycle's share; `retier remeasure allow full`). Nothing was copied from
slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

GXT = "fujian-gxt-2026"
D = Decimal


def _occ(kit: Any, day: str, kind: str, count: int = 1) -> dict[str, Any]:
    return kit.ev(f"{day} 10:00", "occurrence", kind=kind, count=count)


def _raised(kit: Any, change: str, resolved: str) -> list[dict[str, Any]]:
    """一般 fault of Monday 2026-03-02 10:00, answered at 10:10, raised to 灾难性 at CHANGE."""
    return kit.ticket(
        "T1",
        "故障",
        "一般",
        "2026-03-02 10:00",
        ("2026-03-02 10:10", "responded"),
        (change, "retiered", {"tier": "灾难性"}),
        (resolved, "resolved"),
    )


def test_the_unreplayed_kinds_and_a_resolution_missed_before_the_raise(kit: Any) -> None:
    events = [
        # 服务完成情况 (20, 累计最高扣20分): "服务事项没有按照用户要求的时限或服务要求完成的
        # 每件扣5分" — one 服务事项超时 (5) and the fault below, whose "非灾难性问题4小时内解决"
        # ran out at 14:00 before it was raised to 灾难性 at 15:00 (5): 20 − 10 = 10.
        _occ(kit, "2026-04-01", "服务事项超时"),
        *_raised(kit, "2026-03-02 15:00", "2026-03-02 20:00"),
        # 服务能力 (25): "无法安排符合服务需求技能水平的人员…的每次扣5分" → 20.
        _occ(kit, "2026-05-06", "人员技能不符"),
        # 服务态度 (10): "参与协助配合的服务工作不积极或接受服务任务讨价还价的每发现一次扣2分"
        # → 8.
        _occ(kit, "2026-06-01", "配合不积极"),
        # "因服务单位原因造成安全或保密相关事件的，用户有权终止合同" → the flag, no points.
        _occ(kit, "2026-07-01", "安全保密事件"),
    ]
    report = kit.replay(GXT, events, as_of="2027-01-01 00:00")
    assert [(t["metric"], t["status"]) for t in report["tickets"][0]["targets"]] == [
        ("respond", "met"),
        ("arrive", "not_applicable"),
        ("engineer_arrive", "not_applicable"),
        ("resolve", "breached"),
        # "若24小时内无法排除故障，须提供备选方案": resolved at 20:00, within 24 hours.
        ("workaround", "met"),
    ]
    one = kit.period(report, "服务周期:1")
    card = kit.card(one, "服务考核")
    assert {i["name"]: D(i["score"]) for i in card["items"]} == {
        "服务完成情况": D(10),
        "服务响应时间": D(20),
        "服务能力": D(20),
        "服务态度": D(8),
        "遵守规章": D(10),
        "服务档案记录": D(15),
    }
    # 10 + 20 + 20 + 8 + 10 + 15 = 83: 7 points below 90 × 5% × 1000000 = 350000.00,
    # within the share 500000.00 → payable 150000.00.
    assert D(card["score"]) == D(83)
    assert kit.line(one, "linear")["amount"] == "-350000.00"
    assert one["payment"]["payable"] == "150000.00"
    assert kit.flags(one) == ["终止合同权"]


@pytest.mark.parametrize(
    "change, resolved, resolve_status, score",
    [
        # Raised at 13:59, before the 4 hours ran out: 灾难性 owes no 4-hour resolution
        # ("非灾难性问题4小时内解决"), only the 备选方案 within 24 hours → nothing lost, 100.
        ("2026-03-02 13:59", "2026-03-02 20:00", "not_applicable", "100"),
        # Raised at 14:00, the deadline itself, and resolved at that instant (the raise
        # first in the file): "A target is met when its stop event is at or before the
        # deadline" — but the tier it would be met in has no such target any more.
        ("2026-03-02 14:00", "2026-03-02 14:00", "not_applicable", "100"),
        # Raised at 14:01: the 4 hours ran out at 14:00 under 一般 and "a change never erases
        # a breach" (SPEC §3.7) → −5 → 95, still ≥ 90: no money withheld.
        ("2026-03-02 14:01", "2026-03-02 20:00", "breached", "95"),
    ],
)
def test_raised_to_disaster_around_the_four_hours(
    kit: Any, change: str, resolved: str, resolve_status: str, score: str
) -> None:
    report = kit.replay(GXT, _raised(kit, change, resolved), as_of="2027-01-01 00:00")
    assert kit.target(report, "T1", "resolve")["status"] == resolve_status
    one = kit.period(report, "服务周期:1")
    assert kit.card(one, "服务考核")["score"] == score
    assert one["payment"]["payable"] == "500000.00"
