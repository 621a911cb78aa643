"""Bounded cost of tier changes on a ticket that is also paused many times (audit round 3).

Every `retiered` asks the clock for its deadline (and for the deadlines it remembers per
tier), and each of those moved the deadline by every pause so far, measuring every hole on
the calendar again: a ticket with 4000 alternating pauses, resumes and changes took 21 s,
8000 took 131 s (quadratic). The clock now keeps its fold over the holes that can no longer
change (``MetricClock._shifted``), so the calendar work grows with the events, not with
their square. Counted in calendar measurements rather than seconds, so the test does not
depend on the machine.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.calendar import working

SH = ZoneInfo("Asia/Shanghai")
RULES = slarules.loads(
    """
ruleset "cost" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
sla 事件 {
  calendar 全天
  metric resolve from opened to resolved
  pause all
  retier remeasure allow full
  tier 3级 { resolve 24小时 }
  tier 4级 { resolve 48小时 }
}
"""
)


def _log(n: int) -> list[dict[str, Any]]:
    """Opened 4级, then per second: paused, a change, resumed, a change (3级 ↔ 4级)."""
    t0 = datetime(2026, 3, 2, 10, tzinfo=SH)
    events: list[dict[str, Any]] = [
        {"at": t0.isoformat(), "type": "opened", "ticket": "T", "sla": "事件", "tier": "4级"}
    ]
    for i in range(1, n + 1):
        event: dict[str, Any] = {"at": (t0 + timedelta(seconds=i)).isoformat(), "ticket": "T"}
        kind = i % 4
        if kind == 1:
            event["type"] = "paused"
        elif kind == 3:
            event["type"] = "resumed"
        else:
            event |= {"type": "retiered", "tier": "3级" if i % 8 == 2 else "4级"}
        events.append(event)
    return events


def _measurements(monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[int, str]:
    calls = [0]
    elapsed = working.Calendar.elapsed

    def counted(self: Any, begin: datetime, end: datetime) -> Any:
        calls[0] += 1
        return elapsed(self, begin, end)

    try:
        monkeypatch.setattr(working.Calendar, "elapsed", counted)
    except TypeError:  # pragma: no cover - a compiled calendar cannot be patched
        pytest.skip("compiled calendar")
    report = RULES.replay(_log(n), as_of="2026-03-10T00:00:00+08:00").to_json()
    monkeypatch.undo()
    return calls[0], report


def test_calendar_work_grows_linearly_with_pauses_and_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small, _ = _measurements(monkeypatch, 400)
    large, report = _measurements(monkeypatch, 1600)
    # Four times the events: about four times the work (quadratic would be sixteen).
    assert large <= 6 * small, (small, large)
    # And the answer is the one worked by hand: 1600 events, 400 pauses of 1 s each (the
    # clock is held from each `paused` to the next `resumed`, 2 s later: 800 s held), the
    # last change (i = 1600, 1600 % 8 = 0) to 4级: 48 h from 10:00 + 800 s → 4 March
    # 10:13:20, still running at as-of 10 March → breached.
    assert '"deadline": "2026-03-04T10:13:20+08:00"' in report
