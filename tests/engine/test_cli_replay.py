"""``slarules replay`` and ``slarules deadline`` (SPEC §6): output, files and exit codes
(0 success, breaches included; 1 invalid rules or events; 2 wrong usage)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from slarules.cli import main

RULES = """
ruleset "cli" { timezone "Asia/Shanghai" }
calendar 工作时间 { hours "mon-fri 09:00-12:00,13:30-17:30" }
period 月度 = month
param contract_total: money
param bond_rate: percent = 3%
param start: date = 2026-01-01
param small_firm: bool = false
param grace: duration = 4h
param weight: number = 1
kind 迟到
sla 故障 {
  calendar 工作时间
  metric respond from opened to responded
  metric resolve from opened to resolved
  tier 紧急 { respond 30分钟  resolve 1 workday by close }
  tier 轻微 { }
}
scorecard 考核 per 月度 {
  item 响应 max 60 { deduct 5 per breach of 故障 }
  item 考勤 max 40 { deduct 1 per occurrence of 迟到 }
}
"""

EVENTS = [
    {
        "at": "2026-02-13T16:00:00+08:00",
        "type": "opened",
        "ticket": "T1",
        "sla": "故障",
        "tier": "紧急",
    },
    {"at": "2026-02-13T16:45:00+08:00", "type": "responded", "ticket": "T1"},
    {"at": "2026-02-14T10:00:00+08:00", "type": "occurrence", "kind": "迟到"},
]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "cli.sla"
    rules.write_text(RULES, encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in EVENTS))
    return rules, events


def replay_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["replay", *argv, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_replay_prints_the_report_with_breaches_and_exits_0(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = files
    report = replay_json(capsys, str(rules), str(events), "--param", "contract_total=80万元")
    # respond: Fri 02-13 16:00 + 30 min → 16:30; responded 16:45 → breached.
    # resolve: 1 workday by close → the make-up Saturday 02-14, 17:30; still running at
    # as_of (the last event, 02-14 10:00).
    (ticket,) = report["tickets"]
    assert [(t["metric"], t["status"], t["deadline"]) for t in ticket["targets"]] == [
        ("respond", "breached", "2026-02-13T16:30:00+08:00"),
        ("resolve", "running", "2026-02-14T17:30:00+08:00"),
    ]
    inputs = report["inputs"]
    assert inputs["as_of"] == "2026-02-14T10:00:00+08:00"
    assert inputs["event_count"] == 3
    # The report names inputs by file name only (docs/reliability.md): its bytes must not
    # depend on the directory the command runs from.
    assert inputs["events"]["path"] == events.name
    assert (
        inputs["events"]["sha256"] == __import__("hashlib").sha256(events.read_bytes()).hexdigest()
    )
    assert inputs["params"]["contract_total"] == "800000.00"
    assert inputs["params"]["bond_rate"] == "3%"
    # One breach (5 points) and one late arrival (1 point): 60 - 5 + 40 - 1 = 94.
    assert report["periods"][0]["scorecards"][0]["score"] == "94"


def test_replay_as_of_and_period(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = files
    report = replay_json(
        capsys,
        str(rules),
        str(events),
        "--param",
        "contract_total=800000",
        "--as-of",
        "2026-02-14T18:00:00+08:00",
        "--period",
        "2026-02",
    )
    assert report["tickets"][0]["targets"][1]["status"] == "breached"  # 17:30 < 18:00
    assert [p["period"] for p in report["periods"]] == ["2026-02"]


def test_replay_writes_out_and_text(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = files
    out = tmp_path / "report.json"
    argv = ["replay", str(rules), str(events), "--param", "contract_total=1", "--out", str(out)]
    assert main([*argv, "--format", "json"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["tickets"][0]["ticket"] == "T1"
    assert main(["replay", str(rules), str(events), "--param", "contract_total=1"]) == 0
    assert "T1" in capsys.readouterr().out


def test_bad_events_exit_1_with_every_line(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = files
    with events.open("a", encoding="utf-8") as handle:
        handle.write('{"at": "2026-02-14T11:00:00", "type": "occurrence", "kind": "迟到"}\n')
        handle.write('{"at": "2026-02-14T12:00:00+08:00", "type": "closed", "ticket": "T9"}\n')
    argv = ["replay", str(rules), str(events), "--param", "contract_total=1"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{events}:4:1: error: at '2026-02-14T11:00:00' has no UTC offset" in err
    assert f"{events}:5:1: error: ticket T9 has not been opened" in err
    assert main([*argv, "--format", "json"]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert [(d["line"], d["code"]) for d in listed] == [(4, "SLR912"), (5, "SLR917")]
    # --lenient skips them and says so.
    report = replay_json(capsys, *argv[1:], "--lenient")
    assert len([w for w in report["warnings"] if "skipped" in w]) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--as-of", "2026-02-14T18:00:00"], "no UTC offset"),
        (["--period", "2026-13"], "a month is 01 to 12"),
        (["--param", "contract=1"], "did you mean contract_total"),
        (["--param", "contract_total=lots"], "write e.g. 800000, 800000元 or 80万元"),
        (["--param", "contract_total=1", "--param", "bond_rate=3"], "write e.g. 3%"),
        (["--param", "contract_total=1", "--param", "start=2026-02-30"], "is date"),
        (["--param", "contract_total=1", "--param", "small_firm=yes"], "true or false"),
        (["--param", "contract_total=1", "--param", "grace=4 days"], "4h, 30m"),
        (["--param", "contract_total"], "--param takes NAME=VALUE"),
        ([], "contract_total (money)"),
    ],
)
def test_wrong_usage_exits_2(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    rules, events = files
    assert main(["replay", str(rules), str(events), *extra]) == 2
    assert message in capsys.readouterr().err


def test_missing_files_exit_2(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rules, events = files
    assert main(["replay", str(rules), str(events) + ".gone"]) == 2
    assert "events file not found" in capsys.readouterr().err
    assert main(["replay", str(rules) + ".gone", str(events)]) == 2
    assert (
        main(["deadline", str(rules) + ".gone", "--sla", "故障", "--tier", "紧急", "--at", "x"])
        == 2
    )


def test_typed_params_reach_the_report(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = files
    report = replay_json(
        capsys,
        str(rules),
        str(events),
        *("--param", "contract_total=800000元", "--param", "bond_rate=2%"),
        *("--param", "start=2026-02-01", "--param", "small_firm=true"),
        *("--param", "grace=30分钟", "--param", "weight=0.5"),
    )
    assert report["inputs"]["params"]["small_firm"] in (True, "true")
    assert report["inputs"]["params"] == {
        "bond_rate": "2%",
        "contract_total": "800000.00",
        "grace": "PT30M",
        "small_firm": report["inputs"]["params"]["small_firm"],
        "start": "2026-02-01",
        "weight": "0.5",
    }


def test_deadline_json_and_text(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, _ = files
    argv = ["deadline", str(rules), "--sla", "故障", "--tier", "紧急"]
    # Opened 02:00Z = Sat 02-14 10:00 in Shanghai (a make-up workday): respond 10:30;
    # resolve 1 workday by close: the next workday is Tue 02-24 (after the festival), 17:30.
    assert main([*argv, "--at", "2026-02-14T02:00:00Z", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload.pop("metrics")[0]["deadline"] == "2026-02-14T10:30:00+08:00"
    assert payload == {
        "sla": "故障",
        "tier": "紧急",
        "at": "2026-02-14T10:00:00+08:00",
        "deadlines": {
            "respond": "2026-02-14T10:30:00+08:00",
            "resolve": "2026-02-24T17:30:00+08:00",
        },
    }
    assert main([*argv[:-1], "轻微", "--at", "2026-02-14T10:00:00+08:00"]) == 0
    text = capsys.readouterr().out
    assert "respond  no target in this tier" in text


def test_deadline_usage_errors(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, _ = files
    base = ["deadline", str(rules), "--sla", "故障"]
    assert main([*base, "--tier", "紧", "--at", "2026-02-14T10:00:00+08:00"]) == 2
    assert "did you mean 紧急" in capsys.readouterr().err
    assert main([*base, "--tier", "紧急", "--at", "2026-02-30 10:00"]) == 2
    assert "--at '2026-02-30 10:00' is not a valid time" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        ("2026-02-14 10:00", "2026-02-14T10:00+08:00"),
        ("2026-02-14T10:00:00", "2026-02-14T10:00:00+08:00"),
    ],
)
def test_deadline_at_without_offset_is_a_usage_error_showing_the_offset_to_add(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], given: str, suggested: str
) -> None:
    # Project standard: a time without an offset is never guessed. The rule file's
    # timezone is Asia/Shanghai (+08:00 all year): the message shows the value to write.
    rules, _ = files
    base = ["deadline", str(rules), "--sla", "故障", "--tier", "紧急"]
    assert main([*base, "--at", given]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"--at {given} has no UTC offset; write it with one, e.g. {suggested} " in err
    assert main([*base, "--at", suggested]) == 0  # the suggestion is accepted as written
    assert "2026-02-14T10:00:00+08:00" in capsys.readouterr().out


def _new_york_rules(tmp_path: Path) -> Path:
    """A one-tier rule file in New York, whose UTC offset changes with daylight saving."""
    rules = tmp_path / "ny.sla"
    rules.write_text(
        'ruleset "ny" { timezone "America/New_York" }\n'
        'calendar 全天 { hours "24x7" days none }\n'
        "sla 故障 { calendar 全天  metric respond from opened to responded\n"
        "  tier 紧急 { respond 1小时 } }\n",
        encoding="utf-8",
    )
    return rules


def test_deadline_at_without_offset_suggests_the_offset_in_force_that_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # New York is UTC-5 in January and UTC-4 in July (daylight saving time).
    rules = _new_york_rules(tmp_path)
    argv = ["deadline", str(rules), "--sla", "故障", "--tier", "紧急", "--at"]
    assert main([*argv, "2026-01-15T09:00"]) == 2
    assert "e.g. 2026-01-15T09:00-05:00 " in capsys.readouterr().err
    assert main([*argv, "2026-07-15T09:00"]) == 2
    assert "e.g. 2026-07-15T09:00-04:00 " in capsys.readouterr().err


@pytest.mark.parametrize("wall", ["2026-03-08 02:30", "2026-11-01 01:30"])
def test_a_wall_time_a_clock_change_skips_or_repeats_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wall: str
) -> None:
    # New York: 2026-03-08 02:00-03:00 does not happen (spring forward); 2026-11-01
    # 01:00-02:00 happens twice (fall back). Which instant is meant would be a guess.
    rules = _new_york_rules(tmp_path)
    argv = ["deadline", str(rules), "--sla", "故障", "--tier", "紧急", "--at", wall]
    assert main(argv) == 2
    assert "skipped or repeated by a clock change" in capsys.readouterr().err
