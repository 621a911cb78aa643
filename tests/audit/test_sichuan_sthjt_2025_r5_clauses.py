"""Audit R5, sichuan-sthjt-2025: the rows of the 7.2运维质量考评表 that no earlier round
replayed — 保障计划 and 保障技术支持不到位 past their 6, 突发故障支持, 运行质量分析, the weekly and
monthly reports and 文档未完整提交 in 过程文档 — in one 季度考核, and the year's 平均故障修复时间
flag at exactly one hour.

Every number is worked by hand from shared/contracts/sichuan-sthjt-2025.txt (7.2 and 七) and
the rule file's documented readings (quarters of the service year from 2025-06-01; "每次" counts
submissions, not days; every row stops at zero). Nothing was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SC = "sichuan-sthjt-2025"
D = Decimal


def _occ(kit: Any, day: str, kind: str, count: int = 1) -> dict[str, Any]:
    return kit.ev(f"{day} 10:00", "occurrence", kind=kind, count=count)


def _second_quarter(kit: Any) -> list[dict[str, Any]]:
    """服务季度:2 = 2025-09-01 … 2025-11-30."""
    return [
        # 保障计划 (6): "未及时提供保障计划或技术支持不到位，每次扣2分，扣完为止" — two late plans
        # (2 days; 1 minute) = 4 and two 保障技术支持不到位 = 4 → 8 > 6 → 0.
        kit.ev("2025-09-20 00:00", "due", deliverable="保障计划"),
        kit.ev("2025-09-22 09:00", "delivered", deliverable="保障计划"),
        kit.ev("2025-11-01 00:00", "due", deliverable="保障计划"),
        kit.ev("2025-11-01 00:01", "delivered", deliverable="保障计划"),
        _occ(kit, "2025-10-09", "保障技术支持不到位", 2),
        # 突发故障支持 (8): "故障解决不及时或技术支持不到位，每次扣2分" ×3 = 6 → 2.
        _occ(kit, "2025-10-10", "应急支持不到位", 3),
        # 运行质量分析 (6): "…每次扣2分" ×1 → 4.
        _occ(kit, "2025-10-11", "运行质量分析不到位", 1),
        # 过程文档 (10): "未完整提交每次扣1分" ×3 = 3; "未按时提交每次扣2分": the weekly
        # report a day late and the monthly report 9 hours late = 4 → 10 − 7 = 3.
        _occ(kit, "2025-10-12", "文档未完整提交", 3),
        kit.ev("2025-10-13 00:00", "due", deliverable="运维周报"),
        kit.ev("2025-10-14 09:00", "delivered", deliverable="运维周报"),
        kit.ev("2025-11-05 00:00", "due", deliverable="运维月报"),
        kit.ev("2025-11-05 09:00", "delivered", deliverable="运维月报"),
        # 其他 (2): two suggestions — "1次≤提出次数<2次" read as "<3次" (rule file) → 1.
        _occ(kit, "2025-09-15", "合理化建议", 2),
        # 技术支持服务 优秀 22, 日常运维工作质量 优秀 23 (no 弱口令事件).
        kit.ev(
            "2025-11-20 10:00", "judgement", item="技术支持服务", points="22", scorecard="季度考核"
        ),
        kit.ev(
            "2025-11-20 10:00",
            "judgement",
            item="日常运维工作质量",
            points="23",
            scorecard="季度考核",
        ),
        # Two faults, both answered in 10 minutes (服务响应 6). F1 restored in 30 minutes,
        # F2 in 90: "对故障的恢复时间不超过1小时" → F2 late, "每次扣2分" → 故障恢复 4. Their
        # reports came the next day ("2日内"): met. 年故障: 2 h of downtime, 2 faults →
        # "优秀：年故障时间<24小时，总故障数<10次" → 6.
        *kit.ticket(
            "F1",
            "故障",
            "故障",
            "2025-10-20 10:00",
            ("2025-10-20 10:10", "responded"),
            ("2025-10-20 10:30", "restored"),
            ("2025-10-21 10:00", "reported"),
        ),
        *kit.ticket(
            "F2",
            "故障",
            "故障",
            "2025-10-22 10:00",
            ("2025-10-22 10:10", "responded"),
            ("2025-10-22 11:30", "restored"),
            ("2025-10-23 10:00", "reported"),
        ),
    ]


def test_the_unreplayed_rows_in_one_quarter(kit: Any) -> None:
    report = kit.replay(SC, _second_quarter(kit), as_of="2025-12-01 00:00")
    card = kit.card(kit.period(report, "服务季度:2"), "季度考核")
    assert {i["name"]: D(i["score"]) for i in card["items"]} == {
        "服务响应": D(6),
        "运行质量分析": D(4),
        "故障恢复": D(4),
        "年故障": D(6),
        "保障计划": D(0),
        "突发故障支持": D(2),
        "技术支持服务": D(22),
        "日常运维工作质量": D(23),
        "过程文档": D(3),
        "其他": D(1),
    }
    # 6 + 4 + 4 + 6 + 0 + 2 + 22 + 23 + 3 + 1 = 71: not below 65, no 季度考核不合格.
    assert D(card["score"]) == D(71)
    assert "季度考核不合格" not in kit.flags(kit.period(report, "服务季度:2"))


def test_a_mean_restore_time_of_exactly_one_hour_is_flagged_at_the_year(kit: Any) -> None:
    # "平均故障修复时间小于1小时": (30 + 90) / 2 = 60 minutes is not less than an hour → the
    # year raises 平均故障修复时间未达要求. "年故障时间小于24小时": 2 hours → no flag.
    events = [
        *_second_quarter(kit),
        kit.ev("2025-06-20 10:00", "delivered", deliverable="工作交接"),
    ]
    report = kit.replay(SC, events, as_of="2026-07-01 00:00")
    year = kit.period(report, "服务年:1")
    assert kit.flags(year) == ["平均故障修复时间未达要求"]


def test_a_mean_restore_time_a_minute_under_the_hour_is_not_flagged(kit: Any) -> None:
    # F2 restored at 11:28 instead: (30 + 88) / 2 = 59 minutes < 1 hour → no flag.
    events = [
        e
        if not (e.get("ticket") == "F2" and e["type"] == "restored")
        else {**e, "at": kit.at("2025-10-22 11:28")}
        for e in _second_quarter(kit)
    ]
    events.append(kit.ev("2025-06-20 10:00", "delivered", deliverable="工作交接"))
    report = kit.replay(SC, events, as_of="2026-07-01 00:00")
    assert kit.flags(kit.period(report, "服务年:1")) == []
