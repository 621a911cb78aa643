"""Audit R4, fujian-gxt-2026: a cycle's deduction as of a time inside the cycle, at its last
second, at 24:00 and after — a line reported final must never change at a later as-of.

Contract (shared/contracts/fujian-gxt-2026.txt, 五、服务考核): "每个服务周期完成后，按以下
标准对中标人本周期内的服务情况进行考核评价(总分100分)" … "服务考核的考核评价分值低于90分的，
每低1分扣除项目合同款项的5%". The score is the cycle's, known when the cycle is complete.

By hand (contract total 1000000.00, two cycles, 500000.00 each): a 操作失误事故 in March
2026 (−10) and one in October 2026 (−10) → 服务考核 80 at the end of the cycle, 10 points
below 90 → 10 × 5% × 1000000 = 500000, stopped at the cycle's 500000.00 → payable 0.00.
As of 1 June 2026 only the March one has happened: the score so far is 90, nothing is
withheld *so far* — but the cycle is still running, and the October event takes the whole
share. The report of 1 June says the line is "final" (docs/reports.md: a final line has
all its inputs known) with 0.00, and the report of 2027 says "final" with −500000.00.

Defect, fixed: a payment line that reads the score (or the evidence) of a period that had
not ended was reported `final`. Such a line is now `provisional` (its amount is what the
evidence gives so far) until the period ends, and so is the payment. fujian-slt's balance,
invoiced and assessed inside the year's last month ("在一年服务期最后一个月当月内…做出考核"),
stays provisional until the year's end too: the reading that cannot be wrong.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

GXT = "fujian-gxt-2026"
AS_OF = [
    "2026-06-01T00:00:00+08:00",  # inside cycle 1
    "2026-12-31T23:59:59+08:00",  # its last second
    "2027-01-01T00:00:00+08:00",  # 2026-12-31 24:00, the cycle's end
    "2027-06-01T00:00:00+08:00",  # inside cycle 2
]


def _linear(kit: Any, as_of: str) -> dict[str, Any]:
    events = [
        kit.ev("2026-03-10 10:00", "occurrence", kind="操作失误事故"),
        kit.ev("2026-10-10 10:00", "occurrence", kind="操作失误事故"),
    ]
    report = json.loads(kit.ruleset(GXT).replay(events, as_of=as_of).to_json())
    period = kit.period(report, "服务周期:1")
    line: dict[str, Any] = kit.line(period, "linear")
    return line


def test_the_cycle_withholds_its_whole_share_once_it_has_ended(kit: Any) -> None:
    for as_of in AS_OF[2:]:
        line = _linear(kit, as_of)
        assert (line["amount"], line["status"]) == ("-500000.00", "final"), as_of


def test_a_line_reported_final_inside_the_cycle_does_not_change_later(kit: Any) -> None:
    final = _linear(kit, AS_OF[-1])
    for as_of in AS_OF[:2]:
        line = _linear(kit, as_of)
        if line["status"] == "final":
            assert line == final, as_of
        elif line["status"] == "provisional":  # the cycle still runs: what it gives so far
            assert line["amount"] is not None, as_of
        else:
            assert line["amount"] is None and line["waiting_for"], as_of


def test_inside_the_cycle_the_line_and_the_payment_say_so_far(kit: Any) -> None:
    line = _linear(kit, AS_OF[0])
    assert (line["amount"], line["status"]) == ("0.00", "provisional")


@pytest.mark.parametrize(
    "second, payable",
    [
        # At 23:59:59 on 31 December 2026 the failure is cycle 1's: 100 − 10 − 10 = 80, 10
        # points below 90 → 500000 (capped at the cycle's share) → cycle 1 pays 0.00, cycle 2
        # (100) 500000.00; the term 500000.00.
        ("2026-12-31T23:59:59+08:00", ["0.00", "500000.00"]),
        # At 24:00 (2027-01-01 00:00) it is cycle 2's: 90 and 90 → nothing withheld: 500000.00
        # each, the term 1000000.00.
        ("2027-01-01T00:00:00+08:00", ["500000.00", "500000.00"]),
    ],
)
def test_a_failure_at_the_cycles_last_second_or_at_24_00(
    kit: Any, second: str, payable: list[str]
) -> None:
    events = [
        kit.ev("2026-06-01 10:00", "occurrence", kind="操作失误事故"),
        {"at": second, "type": "occurrence", "kind": "操作失误事故"},
    ]
    report = kit.replay(GXT, events, as_of="2028-01-10 00:00")
    assert [p["payment"]["payable"] for p in report["periods"]] == payable
