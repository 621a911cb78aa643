"""Hostile values through the public API (docs/api.md) and ``--period``: numpy and pandas
values that are not scalars, period selections with digits of other scripts and cycle
numbers no calendar can reach. Each must be a located ``RuleError`` or a ``UsageError``
with a plain message — never a traceback, never a silently different value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import slarules
from slarules.errors import RuleError, UsageError

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

HERE = Path(__file__).parent
RULES = slarules.load(HERE / "hostile.sla")
AS_OF = "2026-03-01T00:00:00-05:00"


def occurrence(**fields: object) -> dict[str, object]:
    return {"at": "2026-01-08T14:00:00-05:00", "type": "occurrence", "kind": "迟到", **fields}


NOT_SCALARS = {
    "two-element array": lambda: np.array([1, 2]),
    "empty array": lambda: np.array([]),
    "one-element array": lambda: np.array([7]),
    "Series": lambda: pd.Series([1, 2]),
    "one-row Series": lambda: pd.Series([3]),
}


@pytest.mark.parametrize("make", NOT_SCALARS.values(), ids=NOT_SCALARS.keys())
def test_an_array_as_a_field_is_an_event_error(make: object) -> None:
    # Before: `plain` called `.item()` on anything with a dtype; a two-element array raised
    # ValueError (a traceback), and a one-element array was silently read as its element.
    event = occurrence(count=make())  # type: ignore[operator]
    with pytest.raises(RuleError, match=r"event 1: count must be a number"):
        RULES.replay([event], as_of=AS_OF)
    tracker = RULES.tracker()
    with pytest.raises(RuleError, match=r"event 1: count must be a number"):
        tracker.feed(event)


def test_an_array_as_a_parameter_is_a_usage_error() -> None:
    with pytest.raises((UsageError, RuleError), match="contract_total"):
        RULES.replay([], as_of=AS_OF, params={"contract_total": np.array([1, 2])})


def test_numpy_scalars_and_zero_dimensional_arrays_still_read() -> None:
    # 2 + 3 occurrences of 迟到 at 1 point each: 考勤 20 - 5 = 15.
    events = [occurrence(count=np.int64(2)), occurrence(count=np.array(3))]
    report = RULES.replay(events, as_of=AS_OF)
    lines = report.lines_frame()
    assert lines[lines["item"] == "考勤"]["points"].sum() == -5


@pytest.mark.parametrize(
    "period",
    [
        "२०२६-01",  # Devanagari digits: int() reads them, the events refuse them (SLR912)
        "2026-٠١",
        "２０２６",
        "cycle:" + "9" * 5000,  # Python's own "Exceeds the limit (4300 digits)" message
    ],
)
def test_a_period_in_other_digits_or_huge_is_not_understood(period: str) -> None:
    with pytest.raises(UsageError, match="is not understood"):
        RULES.replay([], as_of=AS_OF, period=period)


OPEN_CYCLE = """
ruleset "c" { timezone "Asia/Shanghai" }
param start: date = 2026-01-01
period 服务月 = cycle 1 months from start
kind 事件
scorecard s per 服务月 { item a max 100 { deduct 1 per occurrence of 事件 } }
"""


@pytest.mark.parametrize("n", ["99999999999999999999", "2000000"])
def test_a_cycle_beyond_the_calendar_is_a_usage_error(n: str) -> None:
    # Before: an open-ended cycle (no `for`, no `through`) took any N, and a 20-digit N
    # ended in "signed integer is greater than maximum" (an OverflowError's text).
    rules = slarules.loads(OPEN_CYCLE)
    with pytest.raises(UsageError, match=r"服务月:\d+ (starts|is) (after|outside)"):
        rules.replay([], as_of="2026-03-01T00:00:00+08:00", period=f"cycle:{n}")


def test_the_cli_says_the_same_for_a_cycle_beyond_the_calendar(tmp_path: Path) -> None:
    from slarules.cli import main

    rules = tmp_path / "c.sla"
    rules.write_text(OPEN_CYCLE, encoding="utf-8")
    log = tmp_path / "e.jsonl"
    log.write_text("", encoding="utf-8")
    assert main(["replay", str(rules), str(log), "--period", "cycle:99999999999999999999"]) == 2


def test_a_zoneless_datetime64_names_the_event() -> None:
    # Before: a UsageError that named the field but not which event, against the promise
    # that an event error names its event (and Tracker.feed's "RuleError naming event N").
    good = occurrence()
    bad = occurrence(at=np.datetime64("2026-01-08T14:00"))
    with pytest.raises(RuleError, match=r"event 2: numpy.datetime64 field at .* no time zone"):
        RULES.replay([good, bad], as_of=AS_OF)
    tracker = RULES.tracker()
    tracker.feed(good)
    with pytest.raises(RuleError, match=r"event 2: numpy.datetime64") as caught:
        tracker.feed(bad)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.code) == (2, "SLR912")
    tracker.feed(good)  # nothing changed: the next event is event 2 again
    assert tracker.last_event is not None


@pytest.mark.parametrize(
    "at_risk",
    [np.float64("nan"), float("nan"), pd.NA, "75.1234567%", Decimal("75.0000001")],
    ids=["numpy NaN", "NaN", "pandas NA", "7 places", "Decimal 7 places"],
)
def test_an_at_risk_that_is_no_percentage_is_refused(at_risk: object) -> None:
    # Before: NaN and NA became None, i.e. the default of 75%, silently; 7 decimal places
    # passed although every other number slarules reads has at most 6.
    with pytest.raises(UsageError, match="at_risk"):
        RULES.tracker(at_risk=at_risk)  # type: ignore[arg-type]
