"""Properties of the clocks, against an independent formulation.

The engine computes a paused clock's deadline by *shifting*: the base deadline moves by the
working time of every hole that begins before it. The oracle here *consumes*: it walks the
running spans, adds up their working time, and finds where the target is used up. The two
must agree for any pattern of pauses (docs/language.md §3, rule 2)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules import Calendar

SH = ZoneInfo("Asia/Shanghai")
OFFICE = Calendar("mon-fri 09:00-12:00,13:30-17:30")
RULES = slarules.loads(
    """
ruleset "p" { timezone "Asia/Shanghai" }
calendar 工作时间 { hours "mon-fri 09:00-12:00,13:30-17:30" }
sla 故障 {
  calendar 工作时间
  metric resolve from opened to resolved
  pause all
  tier A { resolve 5小时 }
  tier B { resolve 13小时 }
  tier C { resolve 37小时 }
}
"""
)
TARGETS = {"A": 5, "B": 13, "C": 37}
START = datetime(2026, 2, 9, 0, tzinfo=SH)  # runs into the Spring Festival and 调休 days


def oracle(
    spans: list[tuple[datetime, datetime | None]], target: timedelta, as_of: datetime
) -> datetime:
    """Where ``target`` of working time is used up, walking the running spans."""
    used = timedelta(0)
    for begin, end in spans:
        stretch = OFFICE.elapsed(begin, end if end is not None else as_of)
        if end is None or used + stretch >= target:
            return OFFICE.add(begin, target - used)
        used += stretch
    return OFFICE.add(as_of, target - used)  # paused now: as if it resumed at as_of


@settings(max_examples=60, deadline=None)
@given(
    opened=st.integers(0, 60 * 24 * 30),
    tier=st.sampled_from(sorted(TARGETS)),
    gaps=st.lists(st.integers(1, 60 * 40), max_size=8),
    tail=st.integers(0, 60 * 24 * 3),
)
def test_shifted_deadline_equals_consumed_working_time(
    opened: int, tier: str, gaps: list[int], tail: int
) -> None:
    at = START + timedelta(minutes=opened)
    events: list[dict[str, Any]] = [
        {"at": at.isoformat(), "type": "opened", "ticket": "T", "sla": "故障", "tier": tier}
    ]
    spans: list[tuple[datetime, datetime | None]] = []
    running_since: datetime | None = at
    for gap in gaps:
        at += timedelta(minutes=gap)
        if running_since is not None:
            spans.append((running_since, at))
            running_since = None
            events.append({"at": at.isoformat(), "type": "paused", "ticket": "T"})
        else:
            running_since = at
            events.append({"at": at.isoformat(), "type": "resumed", "ticket": "T"})
    if running_since is not None:
        spans.append((running_since, None))
    as_of = at + timedelta(minutes=tail)
    tracker = RULES.tracker()
    for event in events:
        tracker.feed(event)
    result = tracker._engine.evidence(as_of).tickets[0].targets[0]
    expected = oracle(spans, timedelta(hours=TARGETS[tier]), as_of)
    assert result.deadline == expected
    assert result.status == ("breached" if as_of > expected else "running")
    closed = [(a, b if b is not None else as_of) for a, b in spans]
    assert result.elapsed == sum((OFFICE.elapsed(a, b) for a, b in closed), timedelta(0))
