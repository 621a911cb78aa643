"""Audit round 3: tier changes on the reference rule files with a single tier —
sichuan-sthjt-2025 (tier 故障) and aliyun-ecs-2021 (tier 实例, no per-ticket target). A
`retiered` to the tier the ticket already holds is the only change they can take: it must
change nothing, at any instant; a change to a tier the SLA lacks is an error naming the
line (SPEC §5).

  sichuan: "响应时间为30分钟" (7×24); "对故障的恢复时间不超过1小时"; "2日内提供故障报告"
  aliyun: "单实例服务不可用分钟数：在一个服务周期内单ECS实例不可用分钟数之和";
  "服务可用性 = (服务周期总分钟数 − 服务不可用分钟数) / 服务周期总分钟数 × 100%";
  "低于99.975%但等于或高于99%：月度服务费的10%" (月度服务费 1000元 by default)

Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

from slarules.errors import RuleError

SC = "sichuan-sthjt-2025"
ALI = "aliyun-ecs-2021"
DAY = "2025-09-10"


@pytest.mark.parametrize("change", ["10:30", "10:59", "11:00"])
@pytest.mark.parametrize("restored, status", [("11:00", "met"), ("11:01", "breached")])
def test_sichuan_a_change_to_the_same_tier_at_or_around_the_deadline(
    kit: Any, change: str, restored: str, status: str
) -> None:
    # 故障 at 10:00: respond by 10:30 (answered 10:20), restore "不超过1小时" → 11:00. A
    # `retiered` to 故障 at 10:30, 10:59 or exactly 11:00 is no new tier and gives no new
    # time: restore stays due 11:00. Restored 11:00 → met; 11:01 → breached.
    events = kit.ticket(
        "S", "故障", "故障", f"{DAY} 10:00",
        (f"{DAY} 10:20", "responded"),
        (f"{DAY} {change}", "retiered", {"tier": "故障"}),
        (f"{DAY} {restored}", "restored"),
    )  # fmt: skip
    events.sort(key=lambda e: e["at"])
    report = kit.replay(SC, events, as_of="2025-12-01 00:00")
    restore = kit.target(report, "S", "restore")
    assert (restore["status"], restore["deadline"]) == (status, f"{DAY}T11:00:00+08:00")
    respond = kit.target(report, "S", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", f"{DAY}T10:30:00+08:00")


def test_sichuan_a_change_to_the_same_tier_after_a_reopening(kit: Any) -> None:
    # 故障 at 10:00, answered 10:10, restored 10:40 (40 min used), closed 10:45, reopened
    # 12:00 (the time between does not count, SPEC §3.8): 20 min left → 12:20. A `retiered`
    # to 故障 at 12:10 changes nothing; restored 12:20 → met.
    events = kit.ticket(
        "S", "故障", "故障", f"{DAY} 10:00",
        (f"{DAY} 10:10", "responded"),
        (f"{DAY} 10:40", "restored"),
        (f"{DAY} 10:45", "closed"),
        (f"{DAY} 12:00", "reopened"),
        (f"{DAY} 12:10", "retiered", {"tier": "故障"}),
        (f"{DAY} 12:20", "restored"),
    )  # fmt: skip
    report = kit.replay(SC, events, as_of="2025-12-01 00:00")
    restore = kit.target(report, "S", "restore")
    assert (restore["status"], restore["deadline"]) == ("met", f"{DAY}T12:20:00+08:00")


def test_sichuan_a_change_to_a_tier_it_lacks_names_the_line(kit: Any) -> None:
    events = kit.ticket(
        "S", "故障", "故障", f"{DAY} 10:00",
        (f"{DAY} 10:10", "responded"),
        (f"{DAY} 10:20", "retiered", {"tier": "紧急"}),
    )  # fmt: skip
    with pytest.raises(RuleError, match=r":3:.*紧急.*故障"):
        kit.replay(SC, events, as_of="2025-12-01 00:00")


def test_aliyun_a_change_to_the_same_tier_mid_outage_changes_no_minute(kit: Any) -> None:
    # One instance unavailable 2026-01-10 10:00–10:30: 30 minutes of 31 × 24 × 60 = 44640 in
    # January → (44640 − 30) / 44640 = 99.9327…% — below 99.975%, at or above 99% → 10% of
    # 1000元 = 100.00 credited. A `retiered` to 实例 at 10:15, inside the outage, changes
    # nothing: the same 100.00.
    plain = kit.ticket("A", "ECS实例", "实例", "2026-01-10 10:00", ("2026-01-10 10:30", "restored"))
    changed = [plain[0], kit.ev("2026-01-10 10:15", "retiered", ticket="A", tier="实例"), plain[1]]
    for events in (plain, changed):
        report = kit.replay(ALI, events, as_of="2026-02-01 00:00")
        assert kit.line(kit.period(report, "2026-01"), "deduct_band")["amount"] == "-100.00"
