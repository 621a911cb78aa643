"""``availability(SLA.METRIC)`` and maintenance windows (engine/scoring/availability.py).

Expected numbers are worked out by hand in the comments. A payment line
``deduct 1000000元 per point below 100% in availability(…)`` reads the availability back
exactly enough: each percentage point of unavailability costs 1000000元, so the line is
(100 − A) × 1000000 rounded to the fen.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules import model as m
from slarules.calendar.periods import PeriodInstance
from slarules.engine.scoring.availability import _merge, _subtract, availability, percent_text
from slarules.engine.scoring.results import PeriodResult
from slarules.report import Report

HEAD = """
ruleset "t" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" days CN }
calendar 工作时间 { hours "mon-fri 09:00-17:00" days CN }
period 月 = month
"""

PAY = """
payment per 月 {
  base 0元
  deduct 1000000元 per point below 100% in availability(平台.outage) fraction prorated
}
"""


def rules(sla_body: str, calendar: str = "全天") -> str:
    return (
        HEAD
        + f"sla 平台 {{ calendar {calendar} metric outage from opened to restored {sla_body} "
        + "tier 故障 { } }"
        + PAY
    )


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at + "+08:00", "type": type_, **fields}


def outage(tid: str, start: str, end: str) -> list[dict[str, Any]]:
    return [
        ev(start, "opened", ticket=tid, sla="平台", tier="故障"),
        ev(end, "restored", ticket=tid),
    ]


def window(announced: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return ev(announced, "maintenance", start=start + "+08:00", end=end + "+08:00", **extra)


def replay(text: str, events: list[dict[str, Any]], as_of: str) -> Report:
    events = sorted(events, key=lambda e: e["at"])
    return slarules.loads(text).replay(events, as_of=as_of + "+08:00")


def period(report: Report, label: str) -> PeriodResult:
    return next(p for p in report.periods if p.label == label)


def lost(report: Report, label: str) -> Decimal:
    """Percentage points of unavailability × 1000000, as the linear line deducts it."""
    p = period(report, label)
    assert p.payment is not None
    line = next(x for x in p.payment.lines if x.kind == "linear")
    assert line.amount is not None
    return -line.amount


def basis(report: Report, label: str) -> str:
    p = period(report, label)
    assert p.payment is not None
    return next(x.basis for x in p.payment.lines if x.kind == "linear")


def test_a_five_by_eight_calendar_counts_only_its_hours() -> None:
    # March 2026 on mon-fri 09:00-17:00 (CN days): 22 workdays × 8h = 176h (no holiday
    # in March). An outage Saturday 2026-03-07 10:00-12:00 is outside service hours: 0.
    # One on Monday 2026-03-09 16:00 → 18:00 counts 1h: 1 − 1/176 → lost 100/176 points
    # = 0.568181818…% × 1000000 = 568181.82.
    events = outage("S", "2026-03-07T10:00", "2026-03-07T12:00")
    events += outage("M", "2026-03-09T16:00", "2026-03-09T18:00")
    report = replay(rules("", "工作时间"), events, "2026-04-01T00:00")
    assert lost(report, "2026-03") == Decimal("568181.82")
    assert "service time = PT176H" in basis(report, "2026-03")


def test_the_period_length_is_the_months_own() -> None:
    # The same 1-hour outage: in January (744h) 1/744 = 0.134408602…% → 134408.60;
    # in February 2026 (672h) 1/672 = 0.148809523…% → 148809.52.
    events = outage("J", "2026-01-10T10:00", "2026-01-10T11:00")
    events += outage("F", "2026-02-10T10:00", "2026-02-10T11:00")
    report = replay(rules(""), events, "2026-03-01T00:00")
    assert lost(report, "2026-01") == Decimal("134408.60")
    assert lost(report, "2026-02") == Decimal("148809.52")


def test_a_window_is_excluded_from_downtime_only_by_default() -> None:
    # Announced 8h ahead exactly (the notice needed): excluded. The outage 02:00-05:00
    # overlaps the window 01:00-04:00 for 2h; 1h remains. January keeps 744h:
    # 1/744 → 134408.60.
    sla = 'exclude maintenance announced 8h ahead cite "提前8小时通知"'
    events = [window("2026-01-09T17:00", "2026-01-10T01:00", "2026-01-10T04:00")]
    events += outage("A", "2026-01-10T02:00", "2026-01-10T05:00")
    report = replay(rules(sla), events, "2026-02-01T00:00")
    assert lost(report, "2026-01") == Decimal("134408.60")
    assert "excluded (announced PT8H ahead, 8h ahead needed)" in basis(report, "2026-01")


def test_from_downtime_and_period_also_shortens_the_month() -> None:
    # As above, but the 3h window also leaves the month: 744 − 3 = 741h; 1/741 =
    # 0.134952766…% → 134952.77.
    sla = "exclude maintenance announced 8h ahead from downtime and period"
    events = [window("2026-01-09T17:00", "2026-01-10T01:00", "2026-01-10T04:00")]
    events += outage("A", "2026-01-10T02:00", "2026-01-10T05:00")
    report = replay(rules(sla), events, "2026-02-01T00:00")
    assert lost(report, "2026-01") == Decimal("134952.77")
    assert "service time = PT741H" in basis(report, "2026-01")


def test_a_window_announced_too_late_is_downtime_without_a_ticket() -> None:
    # Announced 7h59m ahead (8h needed): its 2h count, with no ticket. 2/744 → 268817.20.
    sla = "exclude maintenance announced 8h ahead"
    events = [window("2026-01-09T17:01", "2026-01-10T01:00", "2026-01-10T03:00")]
    report = replay(rules(sla), events, "2026-02-01T00:00")
    assert lost(report, "2026-01") == Decimal("268817.20")
    assert "counted as downtime (announced PT7H59M ahead, 8h ahead needed)" in basis(
        report, "2026-01"
    )


def test_without_the_clause_every_window_is_downtime() -> None:
    # No `exclude maintenance`: a window announced a week ahead still counts (1h/744h).
    events = [window("2026-01-03T01:00", "2026-01-10T01:00", "2026-01-10T02:00")]
    report = replay(rules(""), events, "2026-02-01T00:00")
    assert lost(report, "2026-01") == Decimal("134408.60")
    assert "SLA 平台 excludes no maintenance" in basis(report, "2026-01")


def test_a_window_of_another_sla_does_not_count() -> None:
    text = rules("") + "sla 其他 { calendar 全天 metric outage from opened to restored tier x { } }"
    events = [window("2026-01-03T01:00", "2026-01-10T01:00", "2026-01-10T02:00", sla="其他")]
    report = replay(text, events, "2026-02-01T00:00")
    assert lost(report, "2026-01") == Decimal("0.00")


def test_a_window_and_an_outage_across_the_month_end_are_split() -> None:
    # Outage 2026-01-31 23:00 → 2026-02-01 01:00 and a late window (announced after it
    # began) 2026-01-31 23:30 → 2026-02-01 00:30: the union is the outage, 1h per month.
    sla = "exclude maintenance announced 8h ahead"
    events = [window("2026-01-31T23:40", "2026-01-31T23:30", "2026-02-01T00:30")]
    events += outage("A", "2026-01-31T23:00", "2026-02-01T01:00")
    report = replay(rules(sla), events, "2026-03-01T00:00")
    assert lost(report, "2026-01") == Decimal("134408.60")
    assert lost(report, "2026-02") == Decimal("148809.52")


def test_percent_text_shows_four_decimals() -> None:
    # 1 − 6/44640 = 99.98655913…%: cut to 4 decimals, 99.9865% (not rounded up to 99.9866%,
    # which could show a value below a threshold as reaching it).
    assert percent_text(Decimal(1) - Decimal(6) / Decimal(44640)) == "99.9865%"
    assert percent_text(Decimal("0.999")) == "99.9%"
    # 1 − 12961/2592000 = 99.49996141…%: counted below 99.5%, so shown below it.
    assert percent_text(Decimal(1) - Decimal(12961) / Decimal(2592000)) == "99.4999%"


def test_a_percentage_compares_exactly_at_the_threshold() -> None:
    # 99.975% of 44640 minutes leaves 11.16 minutes = 669.6 s: down exactly 669.6 s is
    # exactly 99.975%, which the flag's `<` does not hold for; 669.7 s it does.
    text = (
        HEAD
        + "sla 平台 { calendar 全天 metric outage from opened to restored tier 故障 { } }"
        + "payment per 月 { base 0元 flag 低 when availability(平台.outage) < 99.975% }"
    )
    for seconds, holds in (("09.6", False), ("09.7", True)):
        events = [
            ev("2026-01-10T10:00:00", "opened", ticket="A", sla="平台", tier="故障"),
            ev(f"2026-01-10T10:11:{seconds}", "restored", ticket="A"),
        ]
        report = replay(text, events, "2026-02-01T00:00")
        p = period(report, "2026-01")
        assert p.payment is not None
        assert bool(p.payment.flags) is holds


spans = st.lists(
    st.tuples(st.integers(0, 100), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)
T0 = datetime(2026, 1, 1)


def _at(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


@given(spans, spans)
def test_subtract_leaves_exactly_the_minutes_outside_the_holes(
    down: list[tuple[int, int]], holes: list[tuple[int, int]]
) -> None:
    result = _subtract(
        _merge((_at(a), _at(b)) for a, b in down), _merge((_at(a), _at(b)) for a, b in holes)
    )
    covered = {m for a, b in down for m in range(a, b)} - {m for a, b in holes for m in range(a, b)}
    got = {
        m for a, b in result for m in range(int((a - T0).seconds / 60), int((b - T0).seconds / 60))
    }
    assert got == covered


@pytest.mark.parametrize("end", ["2026-01-10T00:30", "2026-01-10T01:00"])
def test_a_window_that_does_not_end_after_it_starts_is_refused(end: str) -> None:
    events = [window("2026-01-09T00:00", "2026-01-10T01:00", end)]
    with pytest.raises(slarules.RuleError, match="SLR915"):
        replay(rules(""), events, "2026-02-01T00:00")


def test_a_maintenance_event_needs_its_window() -> None:
    events = [ev("2026-01-09T00:00", "maintenance", start="2026-01-10T01:00+08:00")]
    with pytest.raises(slarules.RuleError, match="needs 'end'"):
        replay(rules(""), events, "2026-02-01T00:00")


def test_a_maintenance_event_names_a_declared_sla() -> None:
    events = [window("2026-01-09T00:00", "2026-01-10T01:00", "2026-01-10T02:00", sla="平台X")]
    with pytest.raises(slarules.RuleError, match="SLA"):
        replay(rules(""), events, "2026-02-01T00:00")


def test_a_points_table_by_availability() -> None:
    # One hour down in January: 1 − 1/744 = 99.86559…% (shown cut: 99.8655%), in [99%, 99.9%):
    # 5 points.
    text = (
        HEAD
        + "sla 平台 { calendar 全天 metric outage from opened to restored tier 故障 { } }"
        + "scorecard 考核 per 月 max 10 { item 可用性 max 10 {"
        + " points by availability(平台.outage) {"
        + " [99.9%, 100%] -> 10  [99%, 99.9%) -> 5  [0%, 99%) -> 0 } } }"
    )
    events = outage("A", "2026-01-10T10:00", "2026-01-10T11:00")
    report = replay(text, events, "2026-01-31T00:00")
    card = period(report, "2026-01").scorecards[0]
    assert card.score == Decimal(5)
    assert "availability(平台.outage) = 99.8655%" in card.items[0].lines[0].rule


outages = st.lists(
    st.tuples(st.integers(0, 59 * 24 - 1), st.integers(1, 72)),  # start hour, length in hours
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None)
@given(outages)
def test_a_month_boundary_splits_the_downtime_without_losing_any(
    found: list[tuple[int, int]],
) -> None:
    # Whatever the outages in January and February 2026 (59 days), the two months' downtimes
    # add up to the union of the outages inside them, and each availability is in [0, 1].
    start = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    events: list[dict[str, Any]] = []
    hours: set[int] = set()
    for i, (first, length) in enumerate(found):
        a, b = start + timedelta(hours=first), start + timedelta(hours=first + length)
        events += outage(f"T{i}", a.strftime("%Y-%m-%dT%H:%M"), b.strftime("%Y-%m-%dT%H:%M"))
        hours.update(h for h in range(first, first + length) if h < 59 * 24)
    report = replay(rules(""), events, "2026-03-31T00:00")
    model = slarules.loads(rules("")).model
    agg = m.Aggregate("availability", m.Reference("平台", "outage"))
    sla = model.names.slas["平台"]
    total = Decimal(0)
    feb, mar = start.replace(month=2), start.replace(month=3)
    for label, a, b in (("2026-01", start, feb), ("2026-02", feb, mar)):
        inst = PeriodInstance("月", "month", 0, label, a, b)
        found_here = availability(agg, inst, sla, report.tickets, (), None)
        assert Decimal(0) <= found_here.value <= Decimal(1)
        total += found_here.downtime
    assert total == Decimal(len(hours) * 3600)
