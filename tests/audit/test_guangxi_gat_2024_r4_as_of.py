"""Audit R4, guangxi-gat-2024: the 中期款 as of its due time and around it — the condition
"无重大事故发生" is read at 2025-12-31 24:00; a 重大事故 at the last second before counts, one at
24:00 itself or later does not; once the instalment is final it never changes, and before its
due time it says what it waits for.

Contract (shared/contracts/guangxi-gat-2024.txt, 付款方式): "根据项目进展情况及项目运维服务考核
情况，中标人维护过程中无重大事故发生，2025年下半年根据项目实施服务情况再支付合同金额的25%"
Rule file (docs/rulesets/guangxi-gat-2024.md): `due by mid_due` = 2025-12-31 24:00, in
考核周期:2; the condition counts everything recorded before the due time.
By hand: 25% × 10000000 = 2500000.00, or 0.00 when a 重大事故 happened before the due time.
"""

from __future__ import annotations

from typing import Any

import pytest

GX = "guangxi-gat-2024"
BEFORE = "2025-12-31T23:59:59+08:00"
DUE = "2026-01-01T00:00:00+08:00"
LATER = ["2026-01-01T00:00:01+08:00", "2026-09-02T00:00:00+08:00", "2027-06-01T00:00:00+08:00"]


def _events(kit: Any, accident: str | None) -> list[dict[str, Any]]:
    events = [
        kit.ev("2024-08-20 10:00", "milestone", name="signed"),
        kit.ev("2024-08-26 10:00", "delivered", deliverable="合同履约清单"),
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
    ]
    if accident is not None:
        events.append({"at": accident, "type": "occurrence", "kind": "重大事故"})
    return events


def _mid(kit: Any, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    import json

    report = json.loads(kit.ruleset(GX).replay(events, as_of=as_of).to_json())
    period = kit.period(report, "考核周期:2")
    line: dict[str, Any] = next(x for x in period["payment"]["lines"] if x["name"] == "中期款")
    return line


@pytest.mark.parametrize(
    "accident, amount",
    [
        (None, "2500000.00"),
        # The last second before the due time: recorded before it → the condition fails.
        (BEFORE, "0.00"),
        # At 24:00 itself: not before the due time → the 25% is paid.
        (DUE, "2500000.00"),
        # Later: too late to withhold what fell due.
        (LATER[0], "2500000.00"),
    ],
)
def test_the_instalment_reads_its_condition_at_the_due_time_and_never_changes(
    kit: Any, accident: str | None, amount: str
) -> None:
    events = _events(kit, accident)
    waiting = _mid(kit, events, "2025-12-31T12:00:00+08:00")
    assert (waiting["amount"], waiting["status"]) == (None, "pending")
    assert waiting["waiting_for"], waiting
    final = [_mid(kit, events, t) for t in [DUE, *LATER]]
    assert [x["amount"] for x in final] == [amount] * len(final)
    assert all(x == final[-1] for x in final)
