"""Second hostile pass: times out of range or finer than slarules holds, wherever given.

Every time slarules holds lies in 1970-2199 (``slarules.calendar.MIN_YEAR``/``MAX_YEAR``),
the bound events already had (SLR912). ``--as-of``, ``deadline --at``, ``as_of=`` and
``deadlines(at=…)`` now keep the same bound with a message that names the value and the
bound; before, ``--as-of 0001-01-01T00:00:00Z`` said only ``year 0 is out of range``,
``--at 9999-12-31T23:00+08:00`` said ``date value out of range``, and ``--at 1969-…``
printed deadlines in 1969.

Fractions finer than a microsecond (SPEC §5: an RFC 3339 timestamp, which allows any
number of fractional digits): a Python datetime holds microseconds, and rounding
``09:15:00.0000001`` to ``09:15:00`` would turn a stop 100 ns after its deadline into a met
target, so such a time is refused, with the reason, its line and its field. Zeros beyond
the microsecond (``.123456000``, what nanosecond exports write) change no instant and are
read.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import slarules
from slarules.errors import RuleError, UsageError

from .test_hostile_cli import EVENTS, RULES, run, write_events

BOUND = "outside the years 1970-2199"


@pytest.mark.parametrize(
    "as_of",
    [
        "0001-01-01T00:00:00Z",  # was: "year 0 is out of range" (no value, no bound)
        "0001-01-01T00:00:00-08:00",
        "0001-01-01T00:00:00+08:00",
        "1969-12-31T09:59:59Z",
        "2200-01-01T12:00:00Z",
        "9999-12-31T23:59:59+14:00",  # was: "year 10000 is out of range"
        "9999-12-31T23:59:59-12:00",
    ],
)
def test_an_as_of_out_of_range_names_the_value_and_the_bound(tmp_path: Path, as_of: str) -> None:
    events = write_events(tmp_path / "events.jsonl")
    code, out, err = run("replay", str(RULES), str(events), "--as-of", as_of)
    assert code == 2 and out == b""
    assert as_of in err and BOUND in err, err


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01T00:00+08:00",
        "0001-01-01T00:00-08:00",  # was: exit 0, deadlines in year 1
        "9999-12-31T23:00+08:00",  # was: "date value out of range"
        "1969-06-01T00:00Z",  # was: exit 0, deadlines in 1969
        "2300-01-01T00:00Z",
        "2300-01-01T00:00",  # no offset (an error too): the bound is said first
        "1970-01-01T00:00+14:00",  # 1969-12-31 in New York, the rule file's zone
    ],
)
def test_a_deadline_at_out_of_range_names_the_value_and_the_bound(at: str) -> None:
    code, out, err = run("deadline", str(RULES), "--sla", "故障", "--tier", "紧急", "--at", at)
    assert code == 2 and out == b""
    assert at in err and BOUND in err, err


def test_the_bounds_themselves_are_accepted() -> None:
    for at in ("1970-01-01T00:00-05:00", "2199-12-30T00:00-05:00"):
        code, out, err = run("deadline", str(RULES), "--sla", "故障", "--tier", "紧急", "--at", at)
        assert code == 0, err
        assert at[:10] in out.decode()


@pytest.mark.parametrize(
    "as_of",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, tzinfo=timezone(timedelta(hours=-12))),
        "0001-01-01T00:00:00Z",
    ],
)
def test_an_as_of_out_of_range_through_the_api(as_of: object) -> None:
    rules = slarules.load(RULES)
    with pytest.raises(UsageError, match=f"^as_of .*{BOUND}"):
        rules.replay(EVENTS, as_of=as_of)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=BOUND):
        rules.deadlines("故障", "紧急", as_of)  # type: ignore[arg-type]


def test_the_api_names_its_own_argument_not_the_command_line_option() -> None:
    """``replay(as_of=naive)`` said ``--as-of … has no UTC offset``: an option the Python
    caller never wrote."""
    rules = slarules.load(RULES)
    with pytest.raises(UsageError, match=r"^as_of 2026-03-02T00:00:00 has no UTC offset"):
        rules.replay(EVENTS, as_of=datetime(2026, 3, 2))


def _log_with(tmp_path: Path, at: str, field: str = "at") -> Path:
    lines = [dict(e) for e in EVENTS]
    if field == "at":
        lines[1]["at"] = at
    return write_events(tmp_path / "events.jsonl", lines)


@pytest.mark.parametrize("fraction", ["0000001", "1234567", "123456789", "000000001"])
def test_a_time_finer_than_a_microsecond_is_refused_with_its_reason_line_and_field(
    tmp_path: Path, fraction: str
) -> None:
    at = f"2026-03-02T09:10:00.{fraction}-05:00"
    events = _log_with(tmp_path, at)
    code, out, err = run("replay", str(RULES), str(events))
    assert code == 1 and out == b""
    first = err.splitlines()[0]
    assert first.startswith(f"{events}:2:1: error: at '{at}' is finer than a microsecond")
    assert "6 fractional digits" in first and "[SLR912]" in first
    code, _, err = run("replay", str(RULES), str(events), "--as-of", at)
    assert code == 2 and "finer than a microsecond" in err


@pytest.mark.parametrize("fraction", ["000000000", "123456000", "5000"])
def test_zeros_beyond_the_microsecond_are_the_same_instant(tmp_path: Path, fraction: str) -> None:
    micro = (fraction + "000000")[:6]
    fine = _log_with(tmp_path, f"2026-03-02T09:10:00.{fraction}-05:00")
    code, long_report, err = run("replay", str(RULES), str(fine), "--format", "json")
    assert code == 0, err
    plain = write_events(
        tmp_path / "plain.jsonl",
        [EVENTS[0], {**EVENTS[1], "at": f"2026-03-02T09:10:00.{micro}-05:00"}, *EVENTS[2:]],
    )
    code, short_report, err = run("replay", str(RULES), str(plain), "--format", "json")
    assert code == 0, err
    a, b = json.loads(long_report), json.loads(short_report)
    for report in (a, b):
        del report["inputs"]["events"]
    assert a == b


def test_a_fine_time_from_python_is_refused_as_an_event_error() -> None:
    rules = slarules.load(RULES)
    events = [dict(e) for e in EVENTS]
    events[1]["at"] = "2026-03-02T09:10:00.1234567-05:00"
    with pytest.raises(RuleError, match=r"event 2: at .* finer than a microsecond"):
        rules.replay(events)


GUANGXI = Path(__file__).parents[2] / "rulesets" / "guangxi-gat-2024.sla"
GUANGXI_LOG = GUANGXI.parent / "samples" / "guangxi-gat-2024.events.jsonl"


@pytest.mark.parametrize("day", ["0001-01-01", "1949-12-31", "2101-01-01", "9999-12-31"])
def test_a_date_parameter_outside_the_years_check_allows_is_a_usage_error(day: str) -> None:
    """``param start: date = 0001-01-01`` in the rule file is SLR119 (1950-2100); the same
    date given with ``--param`` replayed a term in year 1 (exit 0), and 9999-12-31 said
    only ``runs for 2 cycles, beyond 2200``."""
    code, out, err = run("replay", str(GUANGXI), str(GUANGXI_LOG), "--param", f"start={day}")
    assert code == 2 and out == b""
    assert f"parameter start: {day} lies outside the years 1950-2100" in err, err
    rules = slarules.load(GUANGXI)
    with pytest.raises(UsageError, match="outside the years 1950-2100"):
        rules.replay(GUANGXI_LOG, params={"start": date.fromisoformat(day)})


def test_the_date_bounds_themselves_are_accepted() -> None:
    code, _, err = run("replay", str(GUANGXI), str(GUANGXI_LOG), "--param", "start=1950-01-01")
    assert code == 0, err
    # 2100-01-01 is a date the parameter accepts, but two 12-month cycles from it end on
    # 2101-12-31, past China's day data (1950-2100): refused as `check` refuses the same
    # default (SLR403), naming the value and the period's line, not as a bad date.
    code, _, err = run("replay", str(GUANGXI), str(GUANGXI_LOG), "--param", "start=2100-01-01")
    assert code == 2 and "with start=2100-01-01: the term of period 考核周期" in err, err
