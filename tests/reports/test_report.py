"""The JSON report (SPEC §7): shape, formats and byte-for-byte determinism."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.engine.scoring.results import iso_duration
from slarules.report import money_text, natural_key, number_text

RULES = """
ruleset "r" { title "报告测试" timezone "Asia/Shanghai" }
param contract_total: money = 800000元
param start: date = 2026-01-01
calendar 全天 { hours "24x7" }
period 季度 = quarter
period 周期 = cycle 12 months from start
kind 失误
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 一般 { respond 15分钟 restore 4小时 }
}
scorecard 季度考核 per 季度 {
  item 响应 max 20 { deduct 2.5 per breach of 故障 cite "每次扣2.5分" }
  item 失误 max 80 { deduct 5 per occurrence of 失误 }
}
scorecard 年度考核 per 周期 { item 总分 max 100 { judged } }
composite 结果 per 周期 = mean(季度考核) * 50% + 年度考核 * 50%
payment per 周期 {
  base contract_total
  deduct 1% of contract_total per point below 95 in 结果 fraction prorated
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at, "type": type_, **fields}


EVENTS = [
    # Written in UTC: the report shows every timestamp in Asia/Shanghai.
    ev("2026-01-05T01:00:00Z", "opened", ticket="INC-10", sla="故障", tier="一般"),
    ev("2026-01-05T01:20:00Z", "responded", ticket="INC-10"),
    ev("2026-01-05T03:00:00Z", "restored", ticket="INC-10"),
    ev("2026-02-01T09:00:00+08:00", "opened", ticket="INC-2", sla="故障", tier="一般"),
    ev("2026-02-01T09:05:00+08:00", "responded", ticket="INC-2"),
    ev("2026-02-02T11:00:00+08:00", "restored", ticket="INC-2"),
    ev("2026-05-01T10:00:00+08:00", "occurrence", kind="失误"),
    ev("2026-12-30T10:00:00+08:00", "judgement", item="总分", points=91),
]


def _json(**options: Any) -> str:
    return slarules.loads(RULES, "rules.sla").replay(EVENTS, **options).to_json()


def test_report_is_byte_identical_across_runs() -> None:
    assert _json() == _json()


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _expected_layout(data: dict[str, Any]) -> str:
    """The layout report.py's docstring states, built another way: ``json.dumps(indent=2)``
    with each ticket and each line's evidence, superseded and excluded lists replaced by a
    placeholder, then the placeholders by the values on one line."""
    inline: dict[str, str] = {}

    def hold(value: Any) -> str:
        key = f"@@{len(inline)}@@"
        inline[key] = _one_line(value)
        return key

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: hold(v)
                if k in ("evidence", "superseded", "excluded") and isinstance(v, list)
                else walk(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    skeleton = {k: walk(v) for k, v in data.items() if k != "tickets"}
    skeleton["tickets"] = [hold(t) for t in data["tickets"]]
    text = json.dumps(skeleton, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    for key, value in inline.items():
        text = text.replace(f'"{key}"', value)
    return text


def test_json_layout_keys_sorted_utf8_one_ticket_per_line_with_trailing_newline() -> None:
    text = _json()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "季度考核" in text and "\\u" not in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data) == ["inputs", "outside_term", "periods", "tickets", "warnings"]
    assert text == _expected_layout(data)
    # Two tickets, each on its own line of the tickets array.
    lines = text.splitlines()
    start = lines.index('  "tickets": [')
    assert lines[start + 1] == "    " + _one_line(data["tickets"][0]) + ","
    assert lines[start + 2] == "    " + _one_line(data["tickets"][1])
    assert lines[start + 3] == "  ],"


def test_report_with_no_ticket_has_an_empty_tickets_array() -> None:
    ruleset = slarules.loads(RULES, "rules.sla")
    text = ruleset.replay([EVENTS[-1]]).to_json()
    assert '\n  "tickets": [],\n' in text
    assert text == _expected_layout(json.loads(text))


def test_write_json_streams_the_same_text(tmp_path: Path) -> None:
    report = slarules.loads(RULES, "rules.sla").replay(EVENTS)
    with (tmp_path / "r.json").open("w", encoding="utf-8") as handle:
        report.write_json(handle)
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == report.to_json()


def test_inputs_section() -> None:
    data = json.loads(_json(as_of="2026-12-31T00:00:00+08:00"))
    inputs = data["inputs"]
    assert inputs["ruleset"]["path"] == "rules.sla" and len(inputs["ruleset"]["sha256"]) == 64
    assert inputs["events"]["path"] == "<iterable>" and len(inputs["events"]["sha256"]) == 64
    assert inputs["event_count"] == len(EVENTS)
    assert inputs["as_of"] == "2026-12-31T00:00:00+08:00"
    assert inputs["params"] == {"contract_total": "800000.00", "start": "2026-01-01"}
    assert inputs["slarules"] == slarules.__version__
    calendar_data = inputs["calendar_data"]
    assert set(calendar_data) == {"source", "version", "provisional_years", "day_data"}
    assert calendar_data["source"] == "CN"
    # The report covers 2026 only (events, period and as_of): one year of day data, named by
    # its digest, and one digest over all years.
    assert list(calendar_data["day_data"]["years"]) == ["2026"]
    assert len(calendar_data["day_data"]["sha256"]) == 64


def test_tickets_sorted_naturally_with_local_timestamps_and_iso_durations() -> None:
    data = json.loads(_json())
    assert [t["ticket"] for t in data["tickets"]] == ["INC-2", "INC-10"]
    inc10 = data["tickets"][1]
    assert inc10["opened"] == "2026-01-05T09:00:00+08:00"
    respond = inc10["targets"][0]
    # Responded after 20 minutes against 15: breached by 5 minutes → 1 day late (ceil).
    assert respond == {
        "metric": "respond",
        "start": "2026-01-05T09:00:00+08:00",
        "deadline": "2026-01-05T09:15:00+08:00",
        "stop": "2026-01-05T09:20:00+08:00",
        "elapsed": "PT20M",
        "status": "breached",
        "days_late": 1,
        "met_by_downgrade": False,
        "tier": "一般",
        "agreed": None,
        # Started by the 1st event (opened), stopped by the 2nd (responded); the breach
        # happened at the deadline, which no event marks.
        "evidence": {
            "start": {"line": 1, "id": None},
            "stop": {"line": 2, "id": None},
            "breached_at": "2026-01-05T09:15:00+08:00",
            "paused": [],
            "resumed": [],
            "retiered": [],
            "agreed": [],
            "reopened": [],
            "owed": [],
        },
    }
    assert (inc10["assessor"], inc10["tier"]) == (None, "一般")
    assert data["tickets"][0]["targets"][1]["elapsed"] == "P1DT2H"  # INC-2 restored in 26 h


def test_periods_sorted_and_numbers_as_plain_strings() -> None:
    # 2026-Q1: INC-10 (respond) and INC-2 (restore) each breach once → 2 × 2.5 = 5 → 95.
    # Q2: one 失误 → 95. Q3, Q4: 100. mean = 97.5; 结果 = 97.5 × 50% + 91 × 50% = 94.25;
    # 0.75 point below 95 × 1% × 800000 = 6000 → payable 794000.00.
    data = json.loads(_json(as_of="2026-12-31T00:00:00+08:00"))
    labels = [(p["start"], p["period"]) for p in data["periods"]]
    assert labels == sorted(labels)
    assert [p["period"] for p in data["periods"]] == [
        "2026-Q1", "周期:1", "2026-Q2", "2026-Q3", "2026-Q4",
    ]  # fmt: skip
    q1 = data["periods"][0]
    assert (q1["start"], q1["end"]) == ("2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00")
    card = q1["scorecards"][0]
    assert (card["name"], card["score"], card["max"], card["assessor"]) == (
        "季度考核",
        "95",
        "100",
        None,
    )
    line = card["items"][0]["lines"][0]
    assert line["rule"] == "deduct 2.5 per breach of 故障"
    assert (line["cite"], line["count"], line["points"]) == ("每次扣2.5分", "2", "-5")
    # INC-10 is events 1-3 (opened, responded, restored), INC-2 events 4-6.
    assert line["evidence"] == [
        "ticket INC-10: respond breached (event 1 → event 2)",
        "ticket INC-2: restore breached (event 4 → event 6)",
    ]
    cycle = data["periods"][1]
    assert cycle["composite"]["结果"]["score"] == "94.25"
    assert cycle["payment"]["payable"] == "794000.00"
    assert cycle["payment"]["lines"][1]["amount"] == "-6000.00"
    assert cycle["complete"] is True and cycle["missing"] == []


def test_period_selection_limits_the_periods_reported() -> None:
    data = json.loads(_json(period="2026-Q2", as_of="2026-12-31T00:00:00+08:00"))
    # Q2 only: the cycle overlaps it but does not lie within it, and a selection filters,
    # it never widens to a longer period around it (docs/reports.md, one period).
    assert [p["period"] for p in data["periods"]] == ["2026-Q2"]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(minutes=15), "PT15M"),
        (timedelta(hours=4), "PT4H"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(days=2), "P2D"),
        (timedelta(0), "PT0S"),
        (timedelta(seconds=1, microseconds=500000), "PT1.5S"),
        (timedelta(hours=1, minutes=2, seconds=3), "PT1H2M3S"),
        (-timedelta(minutes=5), "-PT5M"),
    ],
)
def test_iso_durations(delta: timedelta, text: str) -> None:
    assert iso_duration(delta) == text


def test_iso_durations_of_whole_seconds_match_the_exact_decimal_form() -> None:
    # Whole seconds take an integer path; seconds as a Decimal take the exact one. Both
    # must write the same text: 25h30m of working time is PT25H30M with days=False.
    assert iso_duration(timedelta(hours=25, minutes=30), days=False) == "PT25H30M"
    assert iso_duration(Decimal(91800), days=False) == "PT25H30M"
    for seconds in (0, 1, 59, 61, 3599, 86399, 86400, 90061, -90061, 10**8):
        for days in (True, False):
            exact = iso_duration(Decimal(seconds), days=days)
            assert iso_duration(timedelta(seconds=seconds), days=days) == exact


@pytest.mark.parametrize(
    ("value", "money", "number"),
    [
        ("1234.5", "1234.50", "1234.5"),
        ("1E+2", "100.00", "100"),
        ("-0.001", "0.00", "-0.001"),
        ("0.005", "0.01", "0.005"),
        ("92.50", "92.50", "92.5"),
    ],
)
def test_money_and_number_texts(value: str, money: str, number: str) -> None:
    assert money_text(Decimal(value)) == money
    assert number_text(Decimal(value)) == number


def test_natural_ticket_order_is_total() -> None:
    ids = ["INC-10", "INC-2", "inc-2", "A", "10", "2", "INC-02"]
    assert sorted(ids, key=natural_key) == ["2", "10", "A", "INC-02", "INC-2", "INC-10", "inc-2"]


def test_ticket_lines_are_the_encoder_text_of_the_ticket_dict() -> None:
    # The one-line ticket is put together by hand for speed; it must be exactly what the
    # C encoder writes for ``to_dict``'s ticket, escapes included.
    from zoneinfo import ZoneInfo

    from slarules.engine.evidence import TargetResult, TicketResult
    from slarules.report import _Encoder

    sh = ZoneInfo("Asia/Shanghai")
    opened = datetime(2026, 1, 5, 9, tzinfo=sh)
    target = TargetResult(
        'respond "fast"',
        "breached",
        opened,
        opened + timedelta(minutes=15),
        None,
        timedelta(hours=25, seconds=1, microseconds=5),
        days_late=3,
        met_by_downgrade=True,
        tier="紧急\t1",
    )
    empty = TargetResult("restore", "not_applicable", None, None, None, None)
    ticket = TicketResult(
        'INC-"7"\\',
        "故障",
        "一般",
        opened,
        "采购人原因",
        (target, empty),
        notes=("line 3: 换了\n新盘 \u2028 \x01", "😀"),
        assessor=None,
    )
    encoder = _Encoder(sh)
    expected = json.dumps(encoder.ticket(ticket), ensure_ascii=False, sort_keys=True)
    assert encoder.ticket_line(ticket) == expected
    assert json.loads(encoder.ticket_line(ticket))["notes"][0] == "line 3: 换了\n新盘 \u2028 \x01"
