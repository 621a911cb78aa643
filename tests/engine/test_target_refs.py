"""Evidence that reaches the source (issue 14, item 3): each target names the event lines
that started, held, moved and stopped its clock, and every scorecard line derived from
tickets cites those lines. The log below is written by hand, one event per line, so each
line number is known."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import slarules
from slarules.report.text import render_report_text
from slarules.report.xlsx_rows import start_stop_events

from .test_determinism_properties import RULES as PROPERTY_RULES
from .test_determinism_properties import as_of_for, logs, write

RULES = """
ruleset "refs" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  metric arrive from opened to arrived
  pause restore
  tier 紧急 { respond 10分钟  restore 4小时  arrive 3小时 when escalated }
  tier 一般 { respond 30分钟  restore 8小时 or agreed  arrive 3小时 when escalated }
}
scorecard 考核 per 月度 {
  item 响应 max 10 { deduct 1 per breach of 故障 }
}
"""


def _at(clock: str) -> str:
    return f"2026-03-02T{clock}:00+08:00"


# (line, time, type, fields); the id of line N is "aN".
LOG: list[tuple[int, str, str, dict[str, Any]]] = [
    (1, "09:00", "opened", {"sla": "故障", "tier": "紧急"}),
    (2, "09:20", "responded", {}),  # respond: 10 min from 09:00 → 09:10, breached
    (3, "09:30", "retiered", {"tier": "一般"}),  # restore and arrive are live: both move
    (4, "10:00", "paused", {}),  # holds restore only (pause restore)
    (5, "11:00", "resumed", {}),
    (6, "12:00", "agreed", {"metric": "restore", "target": "12小时"}),
    (7, "13:00", "escalated", {}),  # arrive is owed from now on
    (8, "14:00", "restored", {}),
    (9, "14:10", "closed", {}),
    (10, "15:00", "reopened", {}),  # restore stopped last (14:00): it runs again
    (11, "16:00", "restored", {}),  # its stop is now this line
    (12, "18:00", "arrived", {}),  # arrive: 3 h from 09:00 → 12:00, breached
]
AS_OF = _at("23:00")


def _log_file(tmp_path: Path) -> Path:
    path = tmp_path / "refs.jsonl"
    lines = [
        json.dumps({"at": _at(clock), "type": kind, "ticket": "T1", "id": f"a{n}", **fields})
        for n, clock, kind, fields in LOG
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ref(line: int) -> dict[str, Any]:
    return {"line": line, "id": f"a{line}"}


def _report(tmp_path: Path) -> slarules.Report:
    return slarules.loads(RULES, "refs.sla").replay(_log_file(tmp_path), as_of=AS_OF)


def test_each_target_names_the_lines_that_started_held_moved_and_stopped_it(
    tmp_path: Path,
) -> None:
    data = json.loads(_report(tmp_path).to_json())
    respond, restore, arrive = data["tickets"][0]["targets"]
    empty: dict[str, Any] = {
        "paused": [], "resumed": [], "retiered": [], "agreed": [], "reopened": [], "owed": [],
    }  # fmt: skip
    # respond: started by the opening (1), stopped by the response (2); it had stopped
    # before the retier (3) and is not paused (the SLA pauses restore only).
    assert respond["status"] == "breached"
    assert respond["evidence"] == {
        **empty,
        "start": _ref(1),
        "stop": _ref(2),
        "breached_at": _at("09:10"),
    }
    # restore: opened (1), retiered (3), paused (4) and resumed (5), agreed (6), restored
    # (8), reopened (10) and restored again (11): the stop is the last one. Its deadline,
    # 12 h agreed from 09:00 plus the 1 h pause and the 1 h reopen gap, is 23:00: met.
    assert restore["status"] == "met"
    assert restore["evidence"] == {
        **empty,
        "start": _ref(1),
        "stop": _ref(11),
        "breached_at": None,
        "retiered": [_ref(3)],
        "paused": [_ref(4)],
        "resumed": [_ref(5)],
        "agreed": [_ref(6)],
        "reopened": [_ref(10)],
    }
    # arrive: opened (1), retiered (3), owed from the escalation (7), arrived (12) after
    # its 12:00 deadline.
    assert arrive["status"] == "breached"
    assert arrive["evidence"] == {
        **empty,
        "start": _ref(1),
        "stop": _ref(12),
        "breached_at": _at("12:00"),
        "retiered": [_ref(3)],
        "owed": [_ref(7)],
    }


def test_a_breach_line_cites_the_ticket_and_the_targets_start_and_stop(tmp_path: Path) -> None:
    # 响应: respond and arrive breached → 10 − 2 = 8; each cites ticket T1 and the lines
    # that started (1) and stopped (2, 12) the clock.
    data = json.loads(_report(tmp_path).to_json())
    item = data["periods"][0]["scorecards"][0]["items"][0]
    assert item["score"] == "8"
    assert item["lines"][0]["evidence"] == [
        "ticket T1: respond breached (line 1 (id a1) → line 2 (id a2))",
        "ticket T1: arrive breached (line 1 (id a1) → line 12 (id a12))",
    ]


def test_the_text_report_shows_the_lines_compactly(tmp_path: Path) -> None:
    text = render_report_text(_report(tmp_path))
    assert (
        "respond BREACHED +10m L1→L2, restore met (agreed 12小时) L1→L11, "
        "arrive BREACHED +6h L1→L12"
    ) in text
    assert "deduct 1 per breach of 故障 ×2  events: L1, L2, L12" in text


def test_a_running_breach_has_no_stop_event(tmp_path: Path) -> None:
    # Only the opening: respond's 10 minutes ran out at 09:10 and restore's 4 hours at
    # 13:00, with no event; at 23:00 both still run (arrive is not owed: no escalation).
    path = tmp_path / "open.jsonl"
    opened = {"at": _at("09:00"), "type": "opened", "ticket": "T1", "sla": "故障", "tier": "紧急"}
    path.write_text(json.dumps(opened) + "\n", encoding="utf-8")
    report = slarules.loads(RULES, "refs.sla").replay(path, as_of=AS_OF)
    respond = json.loads(report.to_json())["tickets"][0]["targets"][0]
    assert respond["status"] == "breached" and respond["stop"] is None
    assert respond["evidence"]["start"] == {"line": 1, "id": None}
    assert respond["evidence"]["stop"] is None
    assert respond["evidence"]["breached_at"] == _at("09:10")
    line = json.loads(report.to_json())["periods"][0]["scorecards"][0]["items"][0]["lines"][0]
    assert line["evidence"] == [
        "ticket T1: respond breached (line 1 → running)",
        "ticket T1: restore breached (line 1 → running)",
    ]
    assert "respond BREACHED +13h50m L1→…" in render_report_text(report)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=logs())
def test_every_ref_points_to_an_event_of_that_ticket(
    tmp_path_factory: Any, events: list[dict[str, Any]]
) -> None:
    path = write(tmp_path_factory.mktemp("refs") / "log.jsonl", events)
    report = json.loads(PROPERTY_RULES.replay(path, as_of=as_of_for(events, 24)).to_json())
    by_line = {n: e for n, e in enumerate(events, start=1)}
    for ticket in report["tickets"]:
        for target in ticket["targets"]:
            found = target["evidence"]
            refs = [found["start"], found["stop"]] + [
                r for role in ("paused", "resumed", "retiered", "agreed", "reopened", "owed")
                for r in found[role]
            ]  # fmt: skip
            for ref in refs:
                if ref is None:
                    continue
                event = by_line[ref["line"]]
                assert event["ticket"] == ticket["ticket"] and event["id"] == ref["id"]
            if target["start"] is not None:
                assert found["start"] is not None
            if target["stop"] is not None:
                # the stop event is the one at the instant the clock stopped
                stop = by_line[found["stop"]["line"]]
                assert _instant(stop["at"]) == _instant(target["stop"])
            assert (found["breached_at"] is not None) == (target["status"] == "breached")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_the_workbook_takes_the_recorded_stop_not_the_last_event(tmp_path: Path) -> None:
    # The log without line 7, and the escalation appended after the engineer arrived:
    # lines 8-12 become 7-11 (arrived is line 11, id a12) and the escalation is line 12
    # (id a13). It is the last event arrive records (the one its target is owed from), but
    # the stop is line 11; the 工单 sheet used to take the last event for the stop.
    path = _log_file(tmp_path)
    late = {"at": _at("19:00"), "type": "escalated", "ticket": "T1", "id": "a13"}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if '"a7"' not in line]
    path.write_text("\n".join([*lines, json.dumps(late)]) + "\n", encoding="utf-8")
    report = slarules.loads(RULES, "refs.sla").replay(path, as_of=AS_OF)
    arrive = report.tickets[0].targets[2]
    assert [ref.line for ref in arrive.events] == [1, 3, 11, 12]
    assert start_stop_events(arrive) == ("line 1 (id a1)", "line 11 (id a12)")
    assert [ref.id for ref in arrive.refs().owed] == ["a13"]
