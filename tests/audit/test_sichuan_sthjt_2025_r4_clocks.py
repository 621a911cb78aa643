"""Audit round 4, clocks and calendars: sichuan-sthjt-2025 — a fault reopened just before
the 2026 Spring Festival, whose fault report ("2日内") falls into the festival.

Worked by hand from 7.2运维质量考评表: "系统运行过程中如果发生故障，对故障的恢复时间不超过1小时",
"对于故障处理，2日内提供故障报告 … 未按时提交每次扣2分" (过程文档, 10分), the rule file's
readings (docs/rulesets/sichuan-sthjt-2025.md: 7×24 with the State Council days; "2日内" per
the Civil Code from `restored`, 24:00 of the second day, moved to the next working day when
that is a rest day; 服务季度 of 3 months from 2025-06-01) and the 2026 schedule: 春节 2月15日
至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班. Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SC = "sichuan-sthjt-2025"


@pytest.mark.parametrize(
    "reported, status, points",
    [("2026-02-24 20:00", "met", "0"), ("2026-02-25 00:01", "breached", "-2")],
)
def test_a_fault_reopened_before_the_festival_owes_its_report_after_it(
    kit: Any, reported: str, status: str, points: str
) -> None:
    # Opened Thu 2026-02-12 09:00, answered 09:10, restored 09:40 (40 min of the hour),
    # closed; reopened Fri 02-13 09:00, restored 09:15: 1 h from the report plus the gap
    # 09:40 – 09:00 (23 h 20 min) → 02-13 09:20: met. The report, "2日内" from the fix that
    # held (02-13): 02-14 (Sat, worked) 1, 02-15 (Sun, 春节) 2 — a rest day, so the period
    # ends on the next working day, Tue 02-24, 24:00. Reported 02-24 20:00: met, nothing
    # deducted in 过程文档; a minute after 24:00: "未按时提交每次扣2分" → −2. (Counted from
    # the undone fix of 02-12, it was due 02-14 24:00, and a report on the 24th would have
    # been ten days late.) 服务季度:3 is 2025-12-01 to 2026-02-28.
    events = kit.ticket(
        "F", "故障", "故障", "2026-02-12 09:00",
        ("2026-02-12 09:10", "responded"), ("2026-02-12 09:40", "restored"),
        ("2026-02-12 09:50", "closed"), ("2026-02-13 09:00", "reopened"),
        ("2026-02-13 09:15", "restored"), ("2026-02-13 09:20", "closed"),
        (reported, "reported"),
    )  # fmt: skip
    report = kit.replay(SC, events, as_of="2026-03-05 00:00")
    restore, owed = kit.target(report, "F", "restore"), kit.target(report, "F", "report")
    assert (restore["status"], restore["deadline"]) == ("met", "2026-02-13T09:20:00+08:00")
    assert (owed["status"], owed["deadline"]) == (status, "2026-02-25T00:00:00+08:00")
    card = kit.card(kit.period(report, "服务季度:3"), "季度考核")
    lines = kit.item(card, "过程文档")["lines"]
    assert [
        x["points"] for x in lines if x["rule"].startswith("deduct 2 per breach of 故障.report")
    ] == [points]
