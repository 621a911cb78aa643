"""The public API (docs/api.md): only ``slarules.__all__`` is public; the tracker's
statuses give goal, time used and left, percentage used and risk; reports render as text,
JSON and DataFrames; a ruleset says what it declares; numpy and pandas values are taken
as the Python values they stand for."""

from __future__ import annotations

import sys
import types
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules.cli import main

SH = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)
M = timedelta(minutes=1)
ROOT = Path(__file__).resolve().parents[2]

# A round-the-clock desk: every minute is working time, so the percentages below can be
# worked out with a pencil. ``warn at 50%, 75%, 90%``: the levels helpdesks warn at.
RULES_TEXT = """
ruleset "desk" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" days none }
period 月度 = month
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric resolve from opened to resolved
  pause resolve
  warn at 50%, 75%, 90%
  tier 紧急 { respond 30分钟  resolve 4小时 cite "4小时内解决" }
  tier 一般 { resolve 2 days }
}
scorecard 考核 per 月度 {
  item 响应 max 100 { deduct 5 per breach of 故障 }
}
"""
RULES = slarules.loads(RULES_TEXT, "desk.sla")


def sh(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SH)


def opened(ticket: object = "T1", at: object = "2026-03-02T10:00:00+08:00") -> dict[str, object]:
    return {"at": at, "type": "opened", "ticket": ticket, "sla": "故障", "tier": "紧急"}


# ---- what is public ---------------------------------------------------------------------


def test_dir_shows_only_the_public_names() -> None:
    assert dir(slarules) == sorted(slarules.__all__)
    for name, value in vars(slarules).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        assert name in slarules.__all__, f"{name} is public but not in __all__"
    assert "UsageError" in slarules.__all__ and issubclass(slarules.UsageError, ValueError)


def test_the_tracker_shows_no_internals() -> None:
    tracker = RULES.tracker()
    public = {name for name in dir(tracker) if not name.startswith("_")}
    assert public == {"feed", "status", "report", "tickets", "last_event", "ruleset"}
    for internal in ("ingest", "ctx", "release_tickets", "evidence"):
        assert not hasattr(tracker, internal)


# ---- statuses ---------------------------------------------------------------------------


def test_status_gives_goal_elapsed_remaining_and_percent_used() -> None:
    tracker = RULES.tracker()
    tracker.feed(opened())
    # resolve 4小时 on a 24x7 calendar, opened 10:00: at 13:00, 3h used of 4h, 1h left,
    # 3/4 = 75.00%.
    resolve = tracker.status("T1", "2026-03-02T13:00:00+08:00").metric("resolve")
    assert (resolve.goal, resolve.elapsed, resolve.remaining) == (4 * H, 3 * H, 1 * H)
    assert resolve.percent_used == Decimal("75.00")
    assert resolve.deadline == sh(2, 14)


def test_percent_used_rounds_down_and_risk_uses_the_exact_share() -> None:
    tracker = RULES.tracker(at_risk=75)
    tracker.feed(opened())
    # 12:59: 179 of 240 minutes = 74.5833…% → 74.58, below the caller's 75: not at risk.
    early = tracker.status("T1", sh(2, 12, 59)).metric("resolve")
    assert (early.percent_used, early.at_risk) == (Decimal("74.58"), False)
    # 13:00: exactly 75%: at risk; the highest warn level reached is 75.
    now = tracker.status("T1", sh(2, 13)).metric("resolve")
    assert (now.percent_used, now.at_risk, now.warn_level) == (Decimal("75.00"), True, 75)
    # respond (30分钟) breached at 10:30: past risk, so only resolve is at risk.
    assert tracker.status("T1", sh(2, 13)).at_risk == ("resolve",)
    assert tracker.status("T1", sh(2, 12, 59)).at_risk == ()


def test_without_a_caller_threshold_the_lowest_warn_level_counts() -> None:
    tracker = RULES.tracker()
    tracker.feed(opened())
    # 11:59: 119/240 = 49.58% → below 50%, the lowest `warn at` level.
    assert tracker.status("T1", sh(2, 11, 59)).metric("resolve").at_risk is False
    # 12:00: 2h of 4h = 50%: at risk, warn level 50.
    status = tracker.status("T1", sh(2, 12)).metric("resolve")
    assert (status.at_risk, status.warn_level) == (True, 50)
    # 13:40: 220/240 = 91.66…% → 91.66, past 90%.
    late = tracker.status("T1", sh(2, 13, 40)).metric("resolve")
    assert (late.percent_used, late.warn_level) == (Decimal("91.66"), 90)


def test_a_pause_moves_the_deadline_not_the_goal() -> None:
    tracker = RULES.tracker()
    tracker.feed(opened())
    tracker.feed({"at": "2026-03-02T11:00:00+08:00", "type": "paused", "ticket": "T1"})
    tracker.feed({"at": "2026-03-02T12:00:00+08:00", "type": "resumed", "ticket": "T1"})
    # 10:00-11:00 counts, 11:00-12:00 paused, 12:00-13:00 counts: 2h used at 13:00, deadline
    # 15:00, goal still 4h, 50%.
    resolve = tracker.status("T1", sh(2, 13)).metric("resolve")
    assert (resolve.goal, resolve.elapsed, resolve.remaining) == (4 * H, 2 * H, 2 * H)
    assert (resolve.deadline, resolve.percent_used) == (sh(2, 15), Decimal("50.00"))


def test_a_breached_or_met_target_is_not_at_risk() -> None:
    tracker = RULES.tracker(at_risk="50%")
    tracker.feed(opened())
    tracker.feed({"at": "2026-03-02T10:20:00+08:00", "type": "responded", "ticket": "T1"})
    status = tracker.status("T1", sh(2, 15))
    respond, resolve = status.metric("respond"), status.metric("resolve")
    # respond: 20 of 30 minutes, met: 66.66%, safe. resolve: 5h of 4h, breached: 125%.
    assert (respond.state, respond.percent_used, respond.at_risk) == (
        "met",
        Decimal("66.66"),
        False,
    )
    assert (resolve.state, resolve.percent_used, resolve.at_risk) == (
        "breached",
        Decimal("125.00"),
        False,
    )
    assert resolve.remaining == -1 * H


def test_an_unknown_metric_names_the_known_ones() -> None:
    tracker = RULES.tracker()
    tracker.feed(opened())
    with pytest.raises(slarules.UnknownMetric) as info:
        tracker.status("T1").metric("restore")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "SLA 故障 has no metric 'restore'; its metrics are: respond, resolve"


@pytest.mark.parametrize("bad", [0, "150%", "x", True, Decimal("NaN")])
def test_a_bad_threshold_is_a_usage_error(bad: object) -> None:
    with pytest.raises(slarules.UsageError, match="at_risk"):
        RULES.tracker(at_risk=bad)  # type: ignore[arg-type]


# ---- numpy and pandas values ------------------------------------------------------------


def test_numpy_and_pandas_values_are_taken_as_python_values() -> None:
    tracker = RULES.tracker()
    tracker.feed(opened(np.int64(7), pd.Timestamp("2026-03-02T10:00:00+08:00")))
    tracker.feed({"at": pd.Timestamp("2026-03-02 10:20", tz="Asia/Shanghai"),
                  "type": "responded", "ticket": np.int64(7)})  # fmt: skip
    assert tracker.tickets == ("7",)
    status = tracker.status(np.int64(7), pd.Timestamp("2026-03-02T11:00:00+08:00"))
    assert status.metric("respond").state == "met"
    assert status.metric("resolve").elapsed == 1 * H


def test_a_numpy_datetime64_has_no_zone_and_is_refused() -> None:
    tracker = RULES.tracker()
    with pytest.raises(slarules.RuleError, match=r"event 1: .*no time zone.*tz_localize"):
        tracker.feed(opened(at=np.datetime64("2026-03-02T10:00")))
    with pytest.raises(slarules.RuleError, match="no UTC offset"):  # naive stays an error
        tracker.feed(opened(at=pd.Timestamp("2026-03-02T10:00")))


def test_an_empty_cell_is_a_missing_field() -> None:
    tracker = RULES.tracker()
    with pytest.raises(slarules.RuleError, match="tier"):
        tracker.feed({**opened(), "tier": np.nan})


# ---- reports ----------------------------------------------------------------------------


def _fed_tracker() -> slarules.Tracker:
    tracker = RULES.tracker()
    tracker.feed(opened())
    tracker.feed({"at": "2026-03-02T11:00:00+08:00", "type": "responded", "ticket": "T1"})
    tracker.feed(opened("T2", "2026-03-03T10:00:00+08:00"))
    return tracker


def test_report_text_and_json_are_the_command_lines(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    rules = tmp_path / "desk.sla"
    rules.write_text(RULES_TEXT, encoding="utf-8")
    events = tmp_path / "events.jsonl"
    lines = [
        '{"at":"2026-03-02T10:00:00+08:00","type":"opened","ticket":"T1","sla":"故障","tier":"紧急"}',
        '{"at":"2026-03-02T11:00:00+08:00","type":"responded","ticket":"T1"}',
    ]
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = slarules.load(rules).replay(events, as_of="2026-03-31T00:00:00+08:00")
    for fmt, text in (("json", report.to_json()), ("text", report.to_text())):
        argv = ["replay", str(rules), str(events), "--as-of", "2026-03-31T00:00:00+08:00"]
        assert main([*argv, "--format", fmt]) == 0
        assert capsysbinary.readouterr().out == text.encode("utf-8")


def test_tickets_frame_has_one_row_per_target_with_exact_values() -> None:
    frame = _fed_tracker().report("2026-03-03T12:00:00+08:00").tickets_frame()
    assert list(frame["ticket"]) == ["T1", "T1", "T2", "T2"]
    assert list(frame["metric"]) == ["respond", "resolve"] * 2
    # T1 respond: 60 minutes against 30 → breached; T2 respond running 2h at 12:00 → breached.
    assert list(frame["status"]) == ["breached", "breached", "breached", "running"]
    assert frame["elapsed"].iloc[0] == pd.Timedelta(hours=1)
    lines = _fed_tracker().report("2026-03-03T12:00:00+08:00").lines_frame()
    # 响应: deduct 5 per breach of 故障; three targets breached → one line, count 3, -15.
    row = lines.iloc[0]
    assert (row["scorecard"], row["item"], row["count"], row["points"]) == (
        "考核",
        "响应",
        Decimal(3),
        Decimal(-15),
    )


def test_frames_without_pandas_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = _fed_tracker().report()
    with pytest.raises(ImportError, match=r"slarules\[pandas\]"):
        report.tickets_frame()


# ---- what a ruleset declares ------------------------------------------------------------


def test_a_ruleset_says_what_it_declares() -> None:
    assert RULES.slas == ("故障",)
    assert RULES.metrics("故障") == ("respond", "resolve")
    assert RULES.tiers("故障") == ("紧急", "一般")
    assert RULES.targets("故障", "紧急") == (
        slarules.TargetSpec("respond", "30分钟", "opened", ("responded",)),
        slarules.TargetSpec("resolve", "4小时", "opened", ("resolved",), "4小时内解决"),
    )
    assert [t.target for t in RULES.targets("故障", "一般")] == ["2 days"]
    assert RULES.warn_levels("故障") == (50, 75, 90)
    names = RULES.event_names()
    assert names["type"][:3] == ("opened", "paused", "resumed")
    assert {"responded", "resolved", "occurrence"} <= set(names["type"])
    assert names["tier"] == ("紧急", "一般")
    with pytest.raises(slarules.UsageError, match="its tiers: 紧急, 一般"):
        RULES.targets("故障", "P1")


def test_diff_is_in_the_api() -> None:
    assert slarules.diff_replays.__module__ == "slarules.api.diff"
    rules = ROOT / "rulesets" / "fujian-slt-2024.sla"
    assert rules.exists()


def test_numpy_parameters_and_pandas_times_elsewhere() -> None:
    rules = RULES
    # deadlines: resolve 4小时 on 24x7 from 10:00 → 14:00, whatever the time's type.
    at = pd.Timestamp("2026-03-02 10:00", tz="Asia/Shanghai")
    assert rules.deadlines("故障", "紧急", at)["resolve"] == sh(2, 14)
    with pytest.raises(slarules.UsageError, match="no time zone"):
        rules.deadlines("故障", "紧急", np.datetime64("2026-03-02T10:00"))
    with_param = slarules.loads(RULES_TEXT + "param contract_total: money\n", "p.sla")
    tracker = with_param.tracker({"contract_total": np.int64(800000)})
    tracker.feed(opened())
    assert ("contract_total", "money", Decimal(800000)) in tracker.report().params


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(min_value=0, max_value=239), threshold=st.integers(1, 100))
def test_percent_and_risk_follow_the_minutes_used(minutes: int, threshold: int) -> None:
    # resolve 4小时 = 240 minutes on a 24x7 calendar, opened 10:00, no pause: after m
    # minutes, m are used and 240 - m left; percent = m/240, rounded down to 0.01.
    tracker = RULES.tracker(at_risk=threshold)
    tracker.feed(opened())
    status = tracker.status("T1", sh(2, 10) + minutes * M).metric("resolve")
    assert (status.elapsed, status.remaining, status.goal) == (minutes * M, (240 - minutes) * M,
                                                               240 * M)  # fmt: skip
    assert status.percent_used == Decimal(minutes * 10000 // 240) / 100
    assert status.at_risk == (minutes * 100 >= threshold * 240)


def test_payments_frame_and_summary_text() -> None:
    rules = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    report = rules.replay(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    frame = report.payments_frame()
    bond = frame[frame["kind"] == "bond_deduction"].iloc[0]
    # 3% of contract_total 10000000 = 300000.00 of bond, all taken by the 2000000 deduction.
    assert (bond["amount"], bond["status"]) == (Decimal("300000.00"), "final")
    assert report.to_text(summary=True) != report.to_text()
    assert report.to_text(summary=True).startswith("slarules ")


def test_a_pandas_time_finer_than_a_microsecond_is_refused_not_rounded() -> None:
    """As a text time with 7+ fractional digits is (SLR912): a resolution 1 ns after its
    deadline must not become met by losing the nanosecond. Zero nanoseconds are read."""
    tracker = RULES.tracker()
    with pytest.raises(slarules.RuleError, match=r"event 1: .*finer than a microsecond"):
        tracker.feed(opened(7, pd.Timestamp("2026-03-02T10:00:00.000000001+08:00")))
    tracker.feed(opened(8, pd.Timestamp("2026-03-02T10:00:00.000001000+08:00")))
    assert tracker.tickets == ("8",)
