"""Audit R5, fujian-gxt-2026: a cycle that has ended while a report it counts is still
outstanding, reported as of its end and after.

"未在规定时限内提交相应的报告材料每延误一天扣2分" (服务响应时间, 累计最高扣20分): a report due in
服务周期:1 counts there however late it comes (docs/rulesets/fujian-gxt-2026.md), and while it
is outstanding its days of delay keep growing. So at the cycle's end its score, and the 5% per
point below 90, are only what the evidence gives so far. Before the fix the deduction line was
reported `final` 0.00 at 2027-01-01 and became −100000.00 two days later and −400000.00 at the
delivery (docs/reports.md: "A line reported `final` never changes at a later evaluation
time"). Found by replaying random logs at each period end.

Worked by hand from shared/contracts/fujian-gxt-2026.txt and the rule file (cycles of 12
months from 2026-01-01, each paying 500000.00; "每低1分扣除项目合同款项的5%" of 1000000, at
most the cycle's share). Nothing copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

GXT = "fujian-gxt-2026"


def _report(kit: Any, *, delivered: bool) -> list[dict[str, Any]]:
    events = [kit.ev("2026-12-28 00:00", "due", deliverable="问题处理报告")]
    if delivered:
        events.append(kit.ev("2027-01-05 10:00", "delivered", deliverable="问题处理报告"))
    return events


@pytest.mark.parametrize(
    "as_of, score, withheld",
    [
        # Due 2026-12-28 00:00. At the cycle's end, 2027-01-01 00:00: 4 days late → −8 → 92,
        # not below 90 → 0.00 so far.
        ("2027-01-01 00:00", "92", "0.00"),
        # 2027-01-03 00:00: 6 days → −12 → 88 → 2 × 5% × 1000000 = 100000.00 so far.
        ("2027-01-03 00:00", "88", "-100000.00"),
    ],
)
def test_an_outstanding_report_keeps_the_ended_cycle_provisional(
    kit: Any, as_of: str, score: str, withheld: str
) -> None:
    one = kit.period(kit.replay(GXT, _report(kit, delivered=False), as_of=as_of), "服务周期:1")
    assert kit.card(one, "服务考核")["score"] == score
    line = kit.line(one, "linear")
    assert (line["status"], line["amount"]) == ("provisional", withheld)
    assert one["payment"]["status"] == "provisional"


def test_the_delivered_report_settles_the_cycle(kit: Any) -> None:
    # Delivered 2027-01-05 10:00: 8 days 10 hours → 9 started days → −18 → 82 → 8 points
    # below 90 × 50000 = 400000.00 withheld → payable 100000.00, final.
    report = kit.replay(GXT, _report(kit, delivered=True), as_of="2027-02-01 00:00")
    one = kit.period(report, "服务周期:1")
    assert kit.card(one, "服务考核")["score"] == "82"
    line = kit.line(one, "linear")
    assert (line["status"], line["amount"]) == ("final", "-400000.00")
    assert (one["payment"]["status"], one["payment"]["payable"]) == ("final", "100000.00")
