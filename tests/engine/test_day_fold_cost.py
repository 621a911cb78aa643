"""Bounded cost of a target in workdays on a ticket paused and retiered many times (audit
round 8).

A target in days moves by whole days across each pause (``fold_days``). The clock asks for
its deadline at every tier change (before and after it, and for the deadline it remembers
under the tier it returns to), and a helpdesk asks at every event (``Tracker.status``).
Until round 8 each question walked every pause so far again: 5,000 pause-resume pairs, each
followed by a change, took 42 s of CPU (2.8 ms an event), quadratic (docs/performance.md).
The clock now keeps a fold per deadline over the holes that can no longer change
(``MetricClock._days_shifted``), as the duration path does (tests/engine/test_retier_cost.py),
so the calendar work grows with the events. Counted in calendar calls
(``Calendar.days_after``: one per hole a fold takes), not in seconds, so the test does not
depend on the machine.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.calendar import working
from slarules.engine import metric_clock

SH = ZoneInfo("Asia/Shanghai")
RULES = slarules.loads(
    """
ruleset "cost" { timezone "Asia/Shanghai" }
calendar 办公 { hours "mon-fri 08:30-12:00,14:00-17:30" days CN }
sla 工单 {
  calendar 办公
  metric resolve from opened to resolved
  pause all
  retier remeasure allow full
  tier 一级 { resolve 1个工作日 }
  tier 二级 { resolve 3个工作日 }
}
"""
)
T0 = datetime(2025, 11, 3, 9, tzinfo=SH)  # a Monday, no holiday that week


def _log(pairs: int) -> list[dict[str, Any]]:
    """Opened 二级 Mon 09:00, then per pair, a second apart: paused, resumed, and a change
    (一级 after an even pair, 二级 after an odd one)."""
    events: list[dict[str, Any]] = [
        {"at": T0.isoformat(), "type": "opened", "ticket": "T", "sla": "工单", "tier": "二级"}
    ]
    for i in range(pairs):
        tick = 3 * i
        events.append(_event(tick + 1, "paused"))
        events.append(_event(tick + 2, "resumed"))
        events.append(_event(tick + 3, "retiered", tier="一级" if i % 2 == 0 else "二级"))
    return events


def _event(seconds: int, kind: str, **fields: str) -> dict[str, Any]:
    at = (T0 + timedelta(seconds=seconds)).isoformat()
    return {"at": at, "type": kind, "ticket": "T", **fields}


def _counted(monkeypatch: pytest.MonkeyPatch, run: Any) -> tuple[int, Any]:
    """Calls of ``Calendar.days_after`` while ``run()`` runs, and what it returned."""
    calls = [0]
    days_after = working.Calendar.days_after

    def counted(self: Any, a: datetime, b: datetime, *, workdays: bool) -> int:
        calls[0] += 1
        return days_after(self, a, b, workdays=workdays)

    try:
        monkeypatch.setattr(working.Calendar, "days_after", counted)
    except TypeError:  # pragma: no cover - a compiled calendar cannot be patched
        pytest.skip("compiled calendar")
    out = run()
    monkeypatch.setattr(working.Calendar, "days_after", days_after)
    return calls[0], out


def _replayed(monkeypatch: pytest.MonkeyPatch, pairs: int) -> tuple[int, str]:
    log = _log(pairs)
    calls, report = _counted(
        monkeypatch, lambda: RULES.replay(log, as_of="2025-11-05T00:00:00+08:00").to_json()
    )
    return calls, str(report)


def _asked_at_every_event(monkeypatch: pytest.MonkeyPatch, pairs: int) -> tuple[int, str]:
    log = _log(pairs)

    def run() -> str:
        tracker = RULES.tracker()
        deadline = ""
        for event in log:
            tracker.feed(event)
            deadline = str(tracker.status("T").metrics[0].deadline)
        return deadline

    calls, deadline = _counted(monkeypatch, run)
    return calls, str(deadline)


def test_day_counted_work_grows_linearly_with_pauses_and_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small, _ = _replayed(monkeypatch, 200)
    large, report = _replayed(monkeypatch, 800)
    # Four times the events: about four times the work (quadratic would be sixteen).
    assert large <= 6 * small, (small, large)
    # Worked by hand: every pause is on Monday, the day of the report (not counted), and
    # ends on it, so no workday is used and the deadline stays the target's own. The last
    # change (pair 799, odd) is to 二级: "3个工作日" from Monday 11-03 → Thu 11-06 24:00. The
    # floors never bind: an upgrade to 一级 gets min(1 workday from the change, what the
    # ticket had) = Tue 24:00, its own from the report; a downgrade to 二级 is never held
    # below its own Thu 24:00. Running at as-of Wed 11-05 00:00.
    assert '"deadline": "2025-11-07T00:00:00+08:00"' in report
    assert '"status": "running"' in report


def test_a_deadline_asked_at_every_event_stays_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = _asked_at_every_event(monkeypatch, 200)
    large, deadline = _asked_at_every_event(monkeypatch, 800)
    assert large <= 6 * small, (small, large)
    assert deadline == "2025-11-07 00:00:00+08:00"  # as above


def test_the_count_would_see_the_walk_without_the_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    # The measure can fail: with the fold switched off (every clock below the threshold at
    # which it keeps one), the same four times the events cost about sixteen times the work.
    if not metric_clock.__file__ or not metric_clock.__file__.endswith(".py"):
        pytest.skip("a compiled clock reads its threshold as compiled")  # pragma: no cover
    monkeypatch.setattr(metric_clock, "_FOLD_FROM", 10**9)
    small, _ = _replayed(monkeypatch, 100)
    large, _ = _replayed(monkeypatch, 400)
    assert large > 10 * small, (small, large)
