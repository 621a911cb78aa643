"""Event log reading and validation (SPEC §5): every bad line is named, nothing is dropped
silently, ``lenient`` skips and lists, unordered logs are sorted, duplicates are dropped."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules import Tracker
from slarules.engine import load_events
from slarules.errors import RuleError
from slarules.events.reader import EventSource

RULES = slarules.loads(
    """
ruleset "ev" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
kind 迟到
kind 安全事件
kind 绩效扣分
deliverable 月报
cause 采购人原因
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  exclude cause 采购人原因
  tier 1级 { respond 15分钟 }
  tier 2级 { respond 30分钟 }
}
scorecard 考核 per 月度 assessed by 监理 50%, 部门 50% {
  item 考勤 max 10 { deduct 1 per occurrence of 迟到 }
  item 安全 max 20 no floor { deduct judged [5, 20] per occurrence of 安全事件 }
  item 绩效 max 10 { deduct 10 per unit of 绩效扣分 }
  item 技术支持 max 25 { judged step 1 { 优秀: [20, 25]  一般: [10, 19]  较差: [0, 9] } }
  item 报告 max 5 { deduct 2 per day late of 月报 }
}
"""
)

OPEN = {"at": "2026-03-02T10:00:00+08:00", "type": "opened", "ticket": "T1", "sla": "故障"}
OPENED = {**OPEN, "tier": "1级"}


def write(tmp_path: Path, events: list[Any]) -> Path:
    path = tmp_path / "events.jsonl"
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems(events: list[Any], tmp_path: Path) -> list[tuple[int, str, str]]:
    """(line, code, message) of every diagnostic a strict load of ``events`` raises."""
    with pytest.raises(RuleError) as info:
        load_events(RULES.model, EventSource(write(tmp_path, events)))
    return [(d.line, d.code, d.message) for d in info.value.diagnostics]


def one_problem(event: Any, tmp_path: Path, prefix: list[Any] | None = None) -> tuple[str, str]:
    found = problems([*(prefix or []), event], tmp_path)
    assert len(found) == 1, found
    return found[0][1], found[0][2]


# -- each kind of bad event ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code", "message"),
    [
        ('{"at": "2026-03-02T10:00:00+08:00", "type": ', "SLR910", "malformed JSON"),
        ("[1, 2]", "SLR910", "a JSON object, not a list"),
        ('{"at": "2026-03-02T10:00:00+08:00", "type": "milestone", "name": NaN}', "SLR910", ""),
        ({"type": "milestone", "name": "signed"}, "SLR911", "missing field 'at'"),
        ({"at": "2026-03-02T10:00:00", "type": "milestone", "name": "x"}, "SLR912", "no UTC"),
        ({"at": "2026-03-02", "type": "milestone", "name": "x"}, "SLR912", "not an RFC 3339"),
        ({"at": "2026-02-30T10:00:00+08:00", "type": "milestone", "name": "x"}, "SLR912", ""),
        ({"at": "1969-12-31T10:00:00+08:00", "type": "milestone", "name": "x"}, "SLR912", "1970"),
        ({"at": "2026-03-02T10:00:00+08:00", "type": "opend"}, "SLR913", "did you mean opened"),
        ({**OPEN, "tier": "3级"}, "SLR914", "tier of SLA 故障 '3级'"),
        ({**OPENED, "sla": "故"}, "SLR914", "did you mean 故障"),
        (OPEN, "SLR911", "an event of type opened needs 'tier'"),
        ({**OPENED, "teir": "1级"}, "SLR916", "did you mean tier"),
        ({**OPENED, "assessor": "财务"}, "SLR914", "unknown assessor '财务'"),
    ],
)
def test_bad_events_name_their_line_and_problem(
    line: Any, code: str, message: str, tmp_path: Path
) -> None:
    found_code, found_message = one_problem(line, tmp_path)
    assert found_code == code
    assert message in found_message


@pytest.mark.parametrize(
    ("event", "code", "message"),
    [
        ({"type": "occurrence", "kind": "早退"}, "SLR914", "unknown kind '早退'"),
        ({"type": "occurrence", "kind": "迟到", "count": "1.5"}, "SLR915", "not a whole number"),
        ({"type": "occurrence", "kind": "迟到", "count": 0}, "SLR915", "must be positive"),
        ({"type": "occurrence", "kind": "迟到", "count": "二"}, "SLR915", "is not a number"),
        ({"type": "occurrence", "kind": "迟到", "count": True}, "SLR915", "must be a number"),
        ({"type": "occurrence", "kind": "迟到", "points": 3}, "SLR915", "no rule judges"),
        ({"type": "occurrence", "kind": "安全事件"}, "SLR911", "judged [5, 20]"),
        ({"type": "occurrence", "kind": "安全事件", "points": 25}, "SLR915", "outside"),
        ({"type": "judgement", "item": "技术支持", "points": 19.5}, "SLR915", "steps of 1"),
        ({"type": "judgement", "item": "技术支持", "points": 26}, "SLR915", "[0, 25]"),
        ({"type": "judgement", "item": "考勤", "points": 5}, "SLR915", "is not judged"),
        ({"type": "judgement", "item": "考", "points": 5}, "SLR914", "did you mean 考勤"),
        ({"type": "judgement", "points": 5}, "SLR911", "needs 'item'"),
        ({"type": "score", "scorecard": "考核", "score": 71}, "SLR915", "maximum 70"),
        ({"type": "score", "scorecard": "考", "score": 60}, "SLR914", "unknown scorecard"),
        ({"type": "due", "deliverable": "周报"}, "SLR914", "unknown deliverable"),
        ({"type": "milestone"}, "SLR911", "needs 'name'"),
        ({"type": "attributed", "ticket": "T1", "cause": "天气"}, "SLR914", "unknown cause"),
    ],
)
def test_names_and_numbers_are_checked_against_the_rule_file(
    event: dict[str, Any], code: str, message: str, tmp_path: Path
) -> None:
    found = one_problem({"at": "2026-03-02T11:00:00+08:00", **event}, tmp_path, [OPENED])
    assert found[0] == code
    assert message in found[1]


def test_judgement_points_as_a_json_float_literal_stay_exact(tmp_path: Path) -> None:
    # 19.5 in JSON is parsed as Decimal("19.5") (never a binary float), and refused above;
    # 20 and "20.0" are whole points in the 优秀 grade.
    path = write(
        tmp_path,
        [
            '{"at": "2026-03-02T10:00:00+08:00", "type": "judgement", "item": "技术支持", '
            '"points": 20.0}'
        ],
    )
    evidence = load_events(RULES.model, EventSource(path)).evidence()
    assert evidence.judgements[0].points == Decimal("20.0")


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([{"type": "responded", "ticket": "T9"}], "ticket T9 has not been opened"),
        ([OPENED], "ticket T1 was already opened at line 1"),
        ([{"type": "resumed", "ticket": "T1"}], "is not paused"),
        ([{"type": "reopened", "ticket": "T1"}], "is not closed"),
        ([{"type": "retiered", "ticket": "T1", "tier": "9级"}], "unknown tier '9级'"),
        (
            [{"type": "closed", "ticket": "T1"}, {"type": "paused", "ticket": "T1"}],
            "closed (line 2); paused needs an open ticket",
        ),
        (
            [{"type": "closed", "ticket": "T1"}, {"type": "closed", "ticket": "T1"}],
            "already closed (line 2)",
        ),
        (
            [{"type": "paused", "ticket": "T1"}, {"type": "paused", "ticket": "T1"}],
            "already paused (line 2)",
        ),
    ],
)
def test_ticket_state_errors(events: list[dict[str, Any]], message: str, tmp_path: Path) -> None:
    later = [{"at": f"2026-03-02T1{i}:00:00+08:00", **e} for i, e in enumerate(events, start=1)]
    found = problems([OPENED, *later], tmp_path)
    assert len(found) == 1, found
    assert found[0][0] == len(events) + 1
    assert message in found[0][2]


def test_every_bad_line_is_listed_not_just_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            OPENED,
            "not json",
            {"at": "2026-03-02T10:01:00+08:00", "type": "occurrence", "kind": "x"},
            "",
            {"at": "2026-03-02T10:02:00", "type": "responded", "ticket": "T1"},
            {"at": "2026-03-02T10:03:00+08:00", "type": "responded", "ticket": "T1"},
        ],
    )
    with pytest.raises(RuleError) as info:
        load_events(RULES.model, EventSource(path))
    diagnostics = info.value.diagnostics
    assert [(d.line, d.code) for d in diagnostics] == [
        (2, "SLR910"),
        (3, "SLR914"),
        (5, "SLR912"),
    ]
    assert diagnostics[0].path == str(path)
    assert diagnostics[0].source_line == "not json"
    assert str(info.value).startswith(f"{path}:2:1: error: malformed JSON")


def test_lenient_skips_bad_events_and_lists_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {**OPENED, "tier": "9级"},  # bad opening: later events for T1 are skipped too
            {"at": "2026-03-02T10:05:00+08:00", "type": "responded", "ticket": "T1"},
            {"at": "2026-03-02T10:06:00+08:00", "type": "occurrence", "kind": "迟到"},
        ],
    )
    tracker = load_events(RULES.model, EventSource(path), lenient=True)
    evidence = tracker.evidence()
    assert evidence.tickets == () and len(evidence.occurrences) == 1
    assert evidence.event_count == 3
    assert evidence.warnings == (
        f"{path.name}:1: skipped: unknown tier of SLA 故障 '9级'; the rule file declares: 1级, 2级 "
        "[SLR914]",
        f"{path.name}:2: skipped: ticket T1 has not been opened: its opened event (line 1) is bad "
        "[SLR917]",
    )


def test_iterables_name_events_by_index() -> None:
    events = [OPENED, {"at": "2026-03-02T10:05:00+08:00", "type": "respond", "ticket": "T1"}]
    with pytest.raises(RuleError) as info:
        RULES.replay(events)
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("<iterable>", 2)
    assert diagnostic.message.startswith("event 2: unknown event type 'respond'")


def test_binary_floats_are_refused_in_iterables() -> None:
    event = {"at": "2026-03-02T10:00:00+08:00", "type": "occurrence", "kind": "绩效扣分"}
    with pytest.raises(RuleError, match="not a float"):
        load_events(RULES.model, EventSource([{**event, "count": 0.5}]))
    tracker = load_events(RULES.model, EventSource([{**event, "count": Decimal("0.5")}]))
    assert tracker.evidence().occurrences[0].count == Decimal("0.5")


# -- ids, order, blank lines ---------------------------------------------------------------


def test_a_repeated_id_with_the_same_content_is_dropped_with_a_warning(tmp_path: Path) -> None:
    late = {"at": "2026-03-02T10:06:00+08:00", "type": "occurrence", "kind": "迟到", "id": "E1"}
    reordered = (
        '{"kind": "迟到", "id": "E1", "type": "occurrence", "at": "2026-03-02T10:06:00+08:00"}'
    )
    path = write(tmp_path, [late, reordered])
    evidence = load_events(RULES.model, EventSource(path)).evidence()
    assert len(evidence.occurrences) == 1
    assert evidence.warnings == (f"{path.name}:2: dropped: repeats line 1 (id E1) [SLR919]",)


def test_a_repeated_id_with_other_content_is_an_error(tmp_path: Path) -> None:
    first = {"at": "2026-03-02T10:06:00+08:00", "type": "occurrence", "kind": "迟到", "id": "E1"}
    found = problems([first, {**first, "count": 2}], tmp_path)
    assert found == [
        (2, "SLR918", "id E1 was already used by line 1 (id E1) for a different event")
    ]


def test_unordered_log_is_sorted_by_time_then_line(tmp_path: Path) -> None:
    # The response is written before the opening but happens after it; two occurrences share
    # a timestamp and keep their file order.
    path = write(
        tmp_path,
        [
            {"at": "2026-03-02T10:05:00+08:00", "type": "responded", "ticket": "T1"},
            {"at": "2026-03-02T10:06:00+08:00", "type": "occurrence", "kind": "迟到", "id": "b"},
            {"at": "2026-03-02T10:06:00+08:00", "type": "occurrence", "kind": "迟到", "id": "a"},
            OPENED,
        ],
    )
    evidence = load_events(RULES.model, EventSource(path)).evidence()
    assert evidence.tickets[0].targets[0].status == "met"
    assert [o.event.id for o in evidence.occurrences] == ["b", "a"]
    assert evidence.event_count == 4


def test_blank_lines_and_a_byte_order_mark_are_not_events(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(OPENED).encode() + b"\r\n\n   \n")
    evidence = load_events(RULES.model, EventSource(path)).evidence()
    assert evidence.event_count == 1 and evidence.tickets[0].ticket == "T1"


def test_not_utf8_is_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(json.dumps(OPENED).encode() + b'\n{"note": "\xff"}\n')
    with pytest.raises(RuleError) as info:
        load_events(RULES.model, EventSource(path))
    assert [(d.line, d.code) for d in info.value.diagnostics] == [(2, "SLR910")]
    assert "not UTF-8" in info.value.diagnostics[0].message


def test_events_after_as_of_are_counted_and_reported(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    path = write(
        tmp_path,
        [
            OPENED,
            {"at": "2026-03-03T10:00:00+08:00", "type": "responded", "ticket": "T1"},
        ],
    )
    as_of = datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    tracker = load_events(RULES.model, EventSource(path), as_of=as_of)
    evidence = tracker.evidence(as_of)
    assert evidence.tickets[0].targets[0].status == "breached"
    assert evidence.event_count == 2
    assert evidence.warnings == (
        f"1 event after as_of 2026-03-02T12:00:00+08:00 was not evaluated ({path.name}:2) [SLR922]",
    )


def test_missing_events_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read the events file"):
        load_events(RULES.model, EventSource(tmp_path / "missing.jsonl"))


def test_extension_fields_are_allowed() -> None:
    tracker = Tracker(RULES)
    tracker.feed({**OPENED, "x-system": "OA", "x_engineer": "张三", "note": "机房告警"})
    assert tracker._engine.evidence().tickets[0].notes == ("event 1: 机房告警",)


# -- deliveries --------------------------------------------------------------------------


def test_due_and_delivered_are_matched_first_in_first_out() -> None:
    tracker = Tracker(RULES)
    for at, kind in [
        ("2026-03-05T00:00:00+08:00", "due"),
        ("2026-03-07T10:00:00+08:00", "delivered"),  # March's report, 2 days late
        ("2026-04-03T10:00:00+08:00", "delivered"),  # April's, early
        ("2026-04-05T00:00:00+08:00", "due"),
        ("2026-05-05T00:00:00+08:00", "due"),  # outstanding
        ("2026-05-06T00:00:00+08:00", "occurrence"),
    ]:
        extra = {"kind": "迟到"} if kind == "occurrence" else {"deliverable": "月报"}
        tracker.feed({"at": at, "type": kind, **extra})
    deliveries = tracker._engine.evidence().deliveries
    assert [(d.due.day, d.delivered.day if d.delivered else None) for d in deliveries] == [
        (5, 7),
        (5, 3),
        (5, None),
    ]
    assert [d.due.month for d in deliveries] == [3, 4, 5]


def test_delivery_without_a_due_is_a_warning() -> None:
    tracker = Tracker(RULES)
    tracker.feed({"at": "2026-03-05T00:00:00+08:00", "type": "delivered", "deliverable": "月报"})
    evidence = tracker._engine.evidence()
    assert evidence.deliveries == ()
    assert evidence.warnings == ("event 1: 月报 delivered, but no due event for it; not scored",)
