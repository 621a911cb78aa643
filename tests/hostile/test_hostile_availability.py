"""Hostile logs for ``availability(SLA.METRIC)`` and announced maintenance (docs/language.md
§6, docs/events.md): degenerate windows, windows overlapping each other and outages, a
month with no service time, a month with a repeated hour. Each expected figure is worked
out by hand in its comment.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.errors import RuleError

RULES = """ruleset "a" {{ timezone "America/New_York" }}
param fee: money = 1000元
calendar 服务 {{ hours {hours} days none{holidays} }}
period 月度 = month
sla 主机 {{
  calendar 服务
  metric 停机 from opened to restored
  exclude maintenance announced 1h ahead from downtime{and_period}
  tier 实例 {{ }}
}}
payment per 月度 {{
  base fee
  deduct band availability(主机.停机) of fee {{
    [99%, 100%] -> 0%
    [0%, 99%) -> 10%
  }}
}}
"""


def rules(hours: str = '"24x7"', holidays: str = "", and_period: str = "") -> slarules.Ruleset:
    return slarules.loads(RULES.format(hours=hours, holidays=holidays, and_period=and_period))


def outage(ticket: str, start: str, end: str) -> list[dict[str, Any]]:
    return [
        {"at": start, "type": "opened", "ticket": ticket, "sla": "主机", "tier": "实例"},
        {"at": end, "type": "restored", "ticket": ticket},
    ]


def window(at: str, start: str, end: str) -> dict[str, Any]:
    return {"at": at, "type": "maintenance", "sla": "主机", "start": start, "end": end}


def line(report: slarules.Report, period: str) -> dict[str, Any]:
    data = json.loads(report.to_json())
    [found] = [p for p in data["periods"] if p["period"] == period]
    [band] = [x for x in found["payment"]["lines"] if x["kind"] == "deduct_band"]
    return dict(band)


def test_a_fall_back_month_has_721_hours_and_99_percent_is_exact() -> None:
    # November 2026 in New York: 30 days and the repeated hour of 1 November, 721 hours.
    # 1% of 721h is 7h 12m 36s: down exactly that long is 99% ("[99%, 100%] -> 0%"), one
    # second more is below 99% (10% of 1000 = 100).
    exact = outage("T1", "2026-11-10T00:00:00-05:00", "2026-11-10T07:12:36-05:00")
    more = outage("T1", "2026-11-10T00:00:00-05:00", "2026-11-10T07:12:37-05:00")
    as_of = "2026-12-01T00:00:00-05:00"
    assert line(rules().replay(exact, as_of=as_of), "2026-11")["amount"] == "0.00"
    assert line(rules().replay(more, as_of=as_of), "2026-11")["amount"] == "-100.00"


def test_overlapping_windows_and_an_outage_count_once() -> None:
    # Windows 15th 01:00-05:00 and 02:00-16th 05:00, announced on the 1st: their union is
    # 15th 01:00 to 16th 05:00, 28h. The outage 15th 00:00 to 17th 00:00 is 48h, so 20h
    # down in January's 744h: 97.31% < 99%, a deduction of 100.
    events = [
        window(
            "2026-01-01T00:00:00-05:00", "2026-01-15T01:00:00-05:00", "2026-01-15T05:00:00-05:00"
        ),
        window(
            "2026-01-01T00:00:00-05:00", "2026-01-15T02:00:00-05:00", "2026-01-16T05:00:00-05:00"
        ),
        *outage("T1", "2026-01-15T00:00:00-05:00", "2026-01-17T00:00:00-05:00"),
    ]
    band = line(rules().replay(events, as_of="2026-02-01T00:00:00-05:00"), "2026-01")
    assert band["amount"] == "-100.00"
    assert "downtime = PT20H" in band["basis"]


def test_an_unannounced_window_inside_an_excluded_one_cannot_make_availability_negative() -> None:
    # `from downtime and period`: February (672h) less an announced window of 671h leaves
    # 1h of service time. An unannounced window over the whole month counts as downtime,
    # but only the 1h of service time can be down: availability 0%, never below.
    events = [
        window(
            "2026-01-01T00:00:00-05:00", "2026-02-01T00:00:00-05:00", "2026-02-28T23:00:00-05:00"
        ),
        window(
            "2026-02-01T00:00:00-05:00", "2026-02-01T00:00:00-05:00", "2026-03-01T00:00:00-05:00"
        ),
    ]
    report = rules(and_period=" and period").replay(events, as_of="2026-03-02T00:00:00-05:00")
    band = line(report, "2026-02")
    assert band["basis"].startswith("availability(主机.停机) = 0% in [0%, 99%)")
    assert "service time = PT1H" in band["basis"]


def test_a_month_without_service_time_is_fully_available() -> None:
    # A mon-fri calendar with every weekday of February 2026 a holiday: no service time,
    # so no division by zero: "A period with no service time … is 100% available".
    weekdays = [f"2026-02-{d:02d}" for d in range(1, 29)]
    holidays = " extra holidays " + ", ".join(weekdays)
    events = outage("T1", "2026-02-10T10:00:00-05:00", "2026-02-12T10:00:00-05:00")
    report = rules('"mon-fri 09:00-17:00"', holidays).replay(
        events, as_of="2026-03-02T00:00:00-05:00"
    )
    band = line(report, "2026-02")
    assert band["amount"] == "0.00"
    assert band["basis"].startswith("availability(主机.停机) = 100% in [99%, 100%]")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-15T03:00:00-05:00", "2026-01-15T01:00:00-05:00"),  # ends before it starts
        ("2026-01-15T03:00:00-05:00", "2026-01-15T03:00:00-05:00"),  # empty
        ("2026-01-15T08:00:00Z", "2026-01-15T03:00:00-05:00"),  # one instant, two offsets
    ],
)
def test_an_empty_or_reversed_window_names_its_event(start: str, end: str) -> None:
    events = [*outage("T1", "2026-01-02T00:00:00-05:00", "2026-01-02T01:00:00-05:00")]
    events.append(window("2026-01-03T00:00:00-05:00", start, end))
    with pytest.raises(RuleError, match=r"event 3: a maintenance window ends after it starts"):
        rules().replay(events, as_of="2026-02-01T00:00:00-05:00")


def test_a_window_from_1970_to_2199_is_clipped_to_each_period() -> None:
    # Announced on 2026-01-01, a window from 1970 to 2199 started long before its
    # announcement, so it is not announced 1h ahead and counts as downtime: January and
    # February are 0% available (a deduction of 100 each), in bounded time.
    events = [
        window(
            "2026-01-01T00:00:00-05:00", "1970-01-01T00:00:00-05:00", "2199-01-01T00:00:00-05:00"
        )
    ]
    report = rules().replay(events, as_of="2026-03-01T00:00:00-05:00")
    assert line(report, "2026-01")["amount"] == "-100.00"
    assert line(report, "2026-02")["amount"] == "-100.00"
