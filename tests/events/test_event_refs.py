"""Evidence names events as error messages do: ``line N`` in a JSON Lines file, ``event N``
for the N-th dict of an iterable or the N-th event fed to a tracker (item: report
references for Python iterables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules import Tracker

RULES = """
ruleset "refs" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
kind 迟到
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  tier 紧急 { respond 10分钟 }
}
scorecard 考核 per 月度 {
  item 考勤 max 10 { deduct 1 per occurrence of 迟到 }
  item 满意度 max 90 { judged }
}
"""

EVENTS: list[dict[str, Any]] = [
    {"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": "T1", "sla": "故障",
     "tier": "紧急", "note": "机房告警"},
    {"at": "2026-03-03T09:00:00+08:00", "type": "occurrence", "kind": "迟到", "id": "E-7"},
    {"at": "2026-03-30T09:00:00+08:00", "type": "judgement", "item": "满意度", "points": 80},
    {"at": "2026-03-30T09:00:00+08:00", "type": "judgement", "item": "满意度", "points": 80},
]  # fmt: skip


def _evidence(data: dict[str, Any]) -> list[str]:
    items = data["periods"][0]["scorecards"][0]["items"]
    return [e for item in items for line in item["lines"] for e in line["evidence"]]


def _data(events: Any) -> dict[str, Any]:
    report = slarules.loads(RULES, "refs.sla").replay(events, as_of="2026-03-31T00:00:00+08:00")
    out: dict[str, Any] = json.loads(report.to_json())
    return out


def test_an_iterable_is_cited_by_event_number() -> None:
    data = _data(EVENTS)
    assert _evidence(data) == ["event 2 (id E-7)", "event 4"]
    assert data["tickets"][0]["notes"] == ["event 1: 机房告警"]


def test_a_file_is_cited_by_line_number(tmp_path: Path) -> None:
    # A blank first line: line numbers count physical lines, so every event is one further.
    log = tmp_path / "events.jsonl"
    text = "\n" + "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in EVENTS)
    log.write_text(text, encoding="utf-8")
    data = _data(str(log))
    assert _evidence(data) == ["line 3 (id E-7)", "line 5"]
    assert data["tickets"][0]["notes"] == ["line 2: 机房告警"]


def test_the_text_report_and_errors_agree_for_an_iterable() -> None:
    bad = [*EVENTS, {"at": "2026-03-30T10:00:00+08:00", "type": "score", "scorecard": "考核",
                     "score": 101}]  # fmt: skip
    with pytest.raises(slarules.RuleError, match=r"event 5: score 101"):
        _data(bad)


def test_a_tracker_cites_the_events_fed_by_number() -> None:
    tracker = Tracker(slarules.loads(RULES, "refs.sla"))
    for event in EVENTS:
        tracker.feed(event)
    tracker.feed(EVENTS[1])  # the same id and content again: dropped, with a warning
    evidence = tracker._engine.evidence()
    assert [str(o.event) for o in evidence.occurrences] == ["event 2 (id E-7)"]
    assert evidence.warnings == ("event 5: dropped: repeats event 2 (id E-7) [SLR919]",)
