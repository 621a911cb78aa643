"""Determinism properties (SPEC §7 and §10): batch replay equals feeding the tracker event by
event; reordering events with distinct timestamps in the file does not change the report;
the offset timestamps are written in does not matter; two runs give the same bytes, whatever
the hash seed."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules

SH = ZoneInfo("Asia/Shanghai")
RULE_TEXT = """
ruleset "prop" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
calendar 工作时间 { hours "mon-fri 09:00-12:00,13:30-17:30" }
period 月度 = month
kind 迟到
deliverable 月报
cause 采购人原因
cause 突发应急事件
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  metric report from restored to reported on 工作时间
  pause restore
  exclude cause 采购人原因
  exempt restore when cause 突发应急事件
  tier 1级 { respond 15分钟  restore 4小时 or downgrade  report 2 workdays }
  tier 2级 { respond 30分钟  restore 8小时  report 2 workdays by close }
  tier 3级 { respond 1h }
}
scorecard 考核 per 月度 {
  item 响应 max 40 cap 20 {
    deduct 2 per breach of 故障.respond
    deduct 1 per breach of 故障 tier 1级
  }
  item 报告 max 20 {
    deduct 1 per day late of 故障.report
    deduct 2 per day late of 月报
  }
  item 考勤 max 40 { deduct 1 per occurrence of 迟到 }
}
"""
RULES = slarules.loads(RULE_TEXT)
START = datetime(2026, 2, 9, 8, tzinfo=SH)  # two weeks before the Spring Festival ends
TIERS = ("1级", "2级", "3级")
ACTIONS = ("pause", "respond", "restore", "report", "retier", "attribute", "close")


def _ticket_events(draw: st.DrawFn, index: int) -> list[dict[str, Any]]:
    """A valid life of ticket ``T<index>``; its timestamps end in second ``index`` so that
    no two events of the log share a timestamp."""
    at = START + timedelta(minutes=draw(st.integers(0, 60 * 24 * 25)), seconds=index)
    tier = draw(st.sampled_from(TIERS))
    ticket = f"T{index}"
    out = [{"at": at, "type": "opened", "ticket": ticket, "sla": "故障", "tier": tier}]
    paused = closed = False
    for action in draw(st.lists(st.sampled_from(ACTIONS), max_size=8)):
        at += timedelta(minutes=draw(st.integers(1, 900)))
        event: dict[str, Any] = {"at": at, "ticket": ticket}
        if action == "pause" and not closed:
            event["type"] = "resumed" if paused else "paused"
            paused = not paused
        elif action == "retier" and not closed:
            new = draw(st.sampled_from([t for t in TIERS if t != tier]))
            event |= {"type": "retiered", "tier": new}
            tier = new
        elif action == "attribute":
            event |= {
                "type": "attributed",
                "cause": draw(st.sampled_from(["采购人原因", "突发应急事件"])),
            }
        elif action == "close":
            event["type"] = "reopened" if closed else "closed"
            closed = not closed
            paused = False  # a close ends a pause (docs/language.md, clock semantics 5)
        elif action in ("respond", "restore", "report"):
            event["type"] = {"respond": "responded", "restore": "restored"}.get(action, "reported")
            if draw(st.booleans()):
                event["note"] = "现场处理"
        else:
            continue
        out.append(event)
    return out


@st.composite
def logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A valid event log in time order, every event with an id and a distinct timestamp."""
    events: list[dict[str, Any]] = []
    for index in range(draw(st.integers(0, 4))):
        events += _ticket_events(draw, index)
    for j in range(draw(st.integers(0, 3))):
        at = START + timedelta(minutes=draw(st.integers(0, 60 * 24 * 30)), seconds=30 + j)
        events.append({"at": at, "type": "occurrence", "kind": "迟到"})
    for j in range(draw(st.integers(0, 2))):
        at = START + timedelta(days=draw(st.integers(0, 25)), seconds=40 + j)
        kind = "due" if j == 0 else "delivered"
        events.append({"at": at, "type": kind, "deliverable": "月报"})
    events.sort(key=lambda e: e["at"])
    return [{**e, "at": e["at"].isoformat(), "id": f"E{n}"} for n, e in enumerate(events, start=1)]


def as_of_for(events: list[dict[str, Any]], extra_hours: int) -> str:
    last = max((datetime.fromisoformat(e["at"]) for e in events), default=START)
    return (last + timedelta(hours=extra_hours)).isoformat()


def write(path: Path, events: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8"
    )
    return path


_REF = re.compile(r"line \d+ \(id (E\d+)\)")


def _without_ref_lines(value: Any) -> Any:
    """A target's evidence refs (``{"line": 3, "id": "E1"}``) with the line left out."""
    if isinstance(value, dict):
        if set(value) == {"line", "id"} and value["id"] is not None:
            return {"id": value["id"]}
        return {key: _without_ref_lines(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_ref_lines(item) for item in value]
    return value


def normalised(report_json: str) -> str:
    """The report without what legitimately depends on the file's layout: the events file's
    path and digest, and line numbers (every event has an id, which stays)."""
    data = _without_ref_lines(json.loads(report_json))
    data["inputs"]["events"] = None
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return _REF.sub(r"id \1", text)


PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(events=logs(), extra=st.integers(0, 72))
def test_feeding_the_tracker_equals_replay(events: list[dict[str, Any]], extra: int) -> None:
    as_of = as_of_for(events, extra)
    tracker = RULES.tracker()
    for event in events:
        tracker.feed(event)
    assert tracker.report(as_of).to_json() == RULES.replay(events, as_of=as_of).to_json()


@PROPERTY
@given(events=logs(), seed=st.integers(0, 2**32 - 1), extra=st.integers(0, 72))
def test_reordering_the_file_does_not_change_the_report(
    tmp_path_factory: Any, events: list[dict[str, Any]], seed: int, extra: int
) -> None:
    folder = tmp_path_factory.mktemp("reorder")
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    as_of = as_of_for(events, extra)
    ordered = RULES.replay(write(folder / "a.jsonl", events), as_of=as_of).to_json()
    mixed = RULES.replay(write(folder / "b.jsonl", shuffled), as_of=as_of).to_json()
    assert normalised(mixed) == normalised(ordered)


@PROPERTY
@given(events=logs(), offset_hours=st.integers(-12, 14))
def test_the_offset_timestamps_are_written_in_does_not_matter(
    events: list[dict[str, Any]], offset_hours: int
) -> None:
    from datetime import timezone

    zone = timezone(timedelta(hours=offset_hours))
    moved = [
        {**e, "at": datetime.fromisoformat(e["at"]).astimezone(zone).isoformat()} for e in events
    ]
    as_of = as_of_for(events, 1)
    a = RULES.replay(events, as_of=as_of).to_json()
    b = RULES.replay(moved, as_of=datetime.fromisoformat(as_of).astimezone(UTC)).to_json()
    assert normalised(a) == normalised(b)


def test_two_runs_are_byte_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    events = _fixed_log()
    rules = tmp_path / "prop.sla"
    rules.write_text(RULE_TEXT, encoding="utf-8")
    log = write(tmp_path / "events.jsonl", events)
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "slarules.cli",
                "replay",
                str(rules),
                str(log),
                "--format",
                "json",
            ],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["inputs"]["event_count"] == len(events)


def _fixed_log() -> list[dict[str, Any]]:
    """A log touching every clock construct of RULE_TEXT, in time order."""

    def at(day: int, hour: int, minute: int = 0, second: int = 0) -> str:
        return datetime(2026, 2, day, hour, minute, second, tzinfo=SH).isoformat()

    rows: list[dict[str, Any]] = [
        {"at": at(12, 10), "type": "opened", "ticket": "T1", "sla": "故障", "tier": "1级"},
        {"at": at(12, 10, 5), "type": "responded", "ticket": "T1"},
        {"at": at(12, 11), "type": "paused", "ticket": "T1"},
        {"at": at(12, 12), "type": "resumed", "ticket": "T1"},
        {"at": at(12, 13), "type": "retiered", "ticket": "T1", "tier": "2级"},
        {"at": at(12, 20), "type": "opened", "ticket": "T2", "sla": "故障", "tier": "2级"},
        {"at": at(12, 21), "type": "attributed", "ticket": "T2", "cause": "采购人原因"},
        {"at": at(13, 9), "type": "restored", "ticket": "T2"},
        {"at": at(13, 9, 30), "type": "closed", "ticket": "T2"},
        {"at": at(13, 10), "type": "reopened", "ticket": "T2"},
        {"at": at(13, 11), "type": "occurrence", "kind": "迟到", "count": 2},
        {"at": at(14, 0), "type": "due", "deliverable": "月报"},
        {"at": at(24, 10), "type": "reported", "ticket": "T2"},
        {"at": at(25, 10), "type": "delivered", "deliverable": "月报"},
    ]
    return [{**row, "id": f"E{n}"} for n, row in enumerate(rows, start=1)]
