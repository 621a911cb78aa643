"""The live tracker: feed events one by one, ask for deadlines and remaining time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.errors import RuleError, UsageError

SH = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)
M = timedelta(minutes=1)

RULES = slarules.loads(
    """
ruleset "live" { timezone "Asia/Shanghai" }
calendar 工作时间 { hours "mon-fri 09:00-12:00,13:30-17:30" }
period 月度 = month
param contract_total: money
sla 故障 {
  calendar 工作时间
  metric respond from opened to responded
  metric resolve from opened to resolved
  pause resolve
  tier 紧急 { respond 30分钟  resolve 4小时 }
}
scorecard 考核 per 月度 {
  item 响应 max 100 { deduct 5 per breach of 故障 }
}
"""
)
PARAMS = {"contract_total": "800000"}


def sh(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def opened(ticket: str = "T1", at: str = "2026-03-02T11:00:00+08:00") -> dict[str, str]:
    return {"at": at, "type": "opened", "ticket": ticket, "sla": "故障", "tier": "紧急"}


def test_status_gives_deadline_remaining_working_time_and_state() -> None:
    tracker = RULES.tracker(PARAMS)
    tracker.feed(opened())
    # Opened Mon 03-02 11:00. respond 30分钟 → 11:30. resolve 4小时: 11:00-12:00 (1h) then
    # 13:30 + 3h → 16:30. At 12:10 (lunch): respond is breached by 30 working minutes
    # (11:30-12:00; the lunch break does not count); resolve has 3h of working time left.
    status = tracker.status("T1", "2026-03-02T12:10:00+08:00")
    respond, resolve = status.metric("respond"), status.metric("resolve")
    assert (respond.state, respond.deadline, respond.remaining) == (
        "breached",
        sh(3, 2, 11, 30),
        -30 * M,
    )
    assert (resolve.state, resolve.deadline, resolve.remaining) == (
        "running",
        sh(3, 2, 16, 30),
        3 * H,
    )
    assert (status.tier, status.closed, status.paused) == ("紧急", False, False)


def test_status_of_a_paused_ticket_holds_the_remaining_time() -> None:
    tracker = RULES.tracker(PARAMS)
    tracker.feed(opened())
    tracker.feed({"at": "2026-03-02T11:30:00+08:00", "type": "paused", "ticket": "T1"})
    # Paused at 11:30 with 30 min used; at Tue 03-03 10:00 still 3h30 left, and the deadline
    # is as if it resumed now: 10:00 + 2h (to 12:00) + 1h30 from 13:30 → 15:00.
    status = tracker.status("T1", sh(3, 3, 10))
    resolve = status.metric("resolve")
    assert (resolve.remaining, resolve.deadline, resolve.paused) == (
        3 * H + 30 * M,
        sh(3, 3, 15),
        True,
    )
    assert status.paused and not status.metric("respond").paused


def test_a_bad_event_raises_and_changes_nothing() -> None:
    tracker = RULES.tracker(PARAMS)
    tracker.feed(opened())
    with pytest.raises(RuleError) as info:
        tracker.feed({"at": "2026-03-02T11:05:00+08:00", "type": "resumed", "ticket": "T1"})
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == ("<tracker>", 2, "SLR917")
    assert diagnostic.message == "event 2: ticket T1 is not paused"
    tracker.feed({"at": "2026-03-02T11:10:00+08:00", "type": "responded", "ticket": "T1"})
    assert tracker._engine.evidence().event_count == 2
    assert tracker._engine.evidence().tickets[0].targets[0].events[-1].line == 2


def test_events_must_be_fed_in_time_order() -> None:
    tracker = RULES.tracker(PARAMS)
    tracker.feed(opened(at="2026-03-02T11:00:00+08:00"))
    with pytest.raises(RuleError, match="before the last event fed"):
        tracker.feed(opened("T2", at="2026-03-02T10:59:59+08:00"))
    tracker.feed(opened("T2", at="2026-03-02T11:00:00+08:00"))  # a tie is fine
    assert tracker.tickets == ("T1", "T2")


def test_questions_about_the_past_are_refused() -> None:
    tracker = RULES.tracker(PARAMS)
    tracker.feed(opened())
    with pytest.raises(UsageError, match="before the last event fed"):
        tracker.report(sh(3, 2, 10))
    with pytest.raises(KeyError):
        tracker.status("T404")
    with pytest.raises(UsageError, match="no UTC offset"):
        tracker.status("T1", "2026-03-02T12:00:00")


def test_report_equals_the_replay_of_the_events_fed() -> None:
    events = [
        opened(),
        {"at": "2026-03-02T11:40:00+08:00", "type": "responded", "ticket": "T1"},
        {"at": "2026-03-02T14:00:00+08:00", "type": "paused", "ticket": "T1", "id": "p"},
        {"at": "2026-03-03T09:00:00+08:00", "type": "resumed", "ticket": "T1", "note": "备件到"},
    ]
    tracker = RULES.tracker(PARAMS)
    for event in events:
        tracker.feed(event)
    as_of = "2026-03-03T18:00:00+08:00"
    fed = tracker.report(as_of).to_json()
    assert fed == RULES.replay(events, as_of=as_of, params=PARAMS).to_json()
    assert '"status": "breached"' in fed  # respond at 11:40 > 11:30


def test_parameters_are_checked_and_listed() -> None:
    with pytest.raises(UsageError, match=r"contract_total \(money\)"):
        RULES.tracker()
    with pytest.raises(
        UsageError,
        match=r"unknown parameter contract \(did you mean contract_total\?\); "
        r"the rule file declares: contract_total \(money\)",
    ):
        RULES.tracker({"contract": "1"})
    with pytest.raises(UsageError, match="is money: 'lots' is not one"):
        RULES.tracker({"contract_total": "lots"})
