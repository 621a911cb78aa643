"""Measures (docs/language.md §9): a named number per period computed from the evidence.
Every expected number is worked out by hand from the clause quoted beside it (March 2026
has no public holiday in China; its Mondays are the 2nd, 9th, 16th, 23rd and 30th)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import slarules
from slarules import model as m
from slarules.calendar import Calendar
from slarules.engine.scoring.measures import charge, started_units
from slarules.engine.scoring.results import MeasureResult, PeriodResult
from slarules.errors import RuleError
from slarules.language.parser import parse

HEAD = """
ruleset "measures" { timezone "Asia/Shanghai" }
calendar 办公 { hours "mon-fri 09:00-17:00" days CN }
calendar 全天 { hours "mon-sun 00:00-24:00" days none }
period 月度 = month
sla 工单 {
  calendar 办公
  metric resolve from opened to resolved
  tier 一般 { resolve 2 workdays }
}
sla 热线 {
  calendar 全天
  metric respond from opened to responded
  tier 1级 { respond 1h }
  tier 3级 { respond 4h }
}
sla 视频 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 4h }
}
"""

LATENESS = """
measure 工单延误扣分 per 月度 = lateness of 工单.resolve in started workdays {
  [1, 3) -> 0.5 each cite "每个工单每延误一个工作日扣0.5分"
  [3, inf) -> 1 each cite "超过3个工作日以上(含3个工作日)每个工作日扣1分"
} cap 5 per ticket cite "最多扣5分"
scorecard 考核 per 月度 {
  item 工单处理 max 100 { deduct 1 per unit of 工单延误扣分 }
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at + "+08:00", "type": type_, **fields}


def ticket(
    tid: str, sla: str, opened: str, stop: str | None, stop_type: str, **more: Any
) -> list[dict[str, Any]]:
    tier = more.pop("tier", "一般")
    out = [ev(opened, "opened", ticket=tid, sla=sla, tier=tier, **more)]
    if stop is not None:
        out.append(ev(stop, stop_type, ticket=tid))
    return out


def call(tid: str, tier: str, opened: str, responded: str) -> list[dict[str, Any]]:
    """A hotline call of March 2026: ``opened``/``responded`` as ``DDTHH:MM``."""
    return ticket(
        tid, "热线", f"2026-03-{opened}:00", f"2026-03-{responded}:00", "responded", tier=tier
    )


def replay(rules: str, events: list[dict[str, Any]], as_of: str = "2026-04-01T00:00:00") -> Any:
    events = sorted(events, key=lambda e: e["at"])
    return slarules.loads(HEAD + rules).replay(events, as_of=as_of + "+08:00")


def period(report: Any, label: str = "2026-03") -> PeriodResult:
    found = [p for p in report.periods if p.label == label]
    assert found, [p.label for p in report.periods]
    result: PeriodResult = found[0]
    return result


def measure(report: Any, name: str, label: str = "2026-03") -> MeasureResult:
    return next(x for x in period(report, label).measures if x.name == name)


# ---- 1. lateness in started units, escalating, capped per ticket -----------------------------


def test_started_workdays_escalate_and_are_capped_per_ticket() -> None:
    # "每个工单每延误一个工作日扣0.5分,超过3个工作日以上(含3个工作日)每个工作日扣1分,最多扣5分",
    # read graduated: started workdays 1 and 2 cost 0.5 each, the 3rd and every later one 1.
    # resolve 2 workdays (Civil Code counting: the day opened is not counted), so a ticket
    # opened Monday 03-02 is due at the end of Wednesday 03-04 (03-05 00:00).
    # T1 resolved Thu 03-05 08:00: late, but before opening time: no working time late,
    #    0 started workdays, 0 points.
    # T2 resolved Thu 03-05 09:30: late on Thursday: 1 started workday = 0.5.
    # T3 resolved Mon 03-09 10:00: late on Thu, Fri, Mon (the weekend starts none) = 3:
    #    0.5 + 0.5 + 1 = 2.
    # T4 opened Tue 03-03, due end of Thu 03-05; resolved Mon 03-16 09:01: late on Fri 6,
    #    Mon 9 - Fri 13 (5) and Mon 16 = 7 started workdays: 0.5 × 2 + 1 × 5 = 6, capped 5.
    # Total 0 + 0.5 + 2 + 5 = 7.5; the item deducts 1 per unit: 100 − 7.5 = 92.5.
    events = [
        *ticket("T1", "工单", "2026-03-02T10:00:00", "2026-03-05T08:00:00", "resolved"),
        *ticket("T2", "工单", "2026-03-02T10:00:00", "2026-03-05T09:30:00", "resolved"),
        *ticket("T3", "工单", "2026-03-02T10:00:00", "2026-03-09T10:00:00", "resolved"),
        *ticket("T4", "工单", "2026-03-03T10:00:00", "2026-03-16T09:01:00", "resolved"),
    ]
    report = replay(LATENESS, events)
    found = measure(report, "工单延误扣分")
    assert found.value == Decimal("7.5")
    inputs = "\n".join(found.inputs)
    assert "ticket T1: resolve due 2026-03-05T00:00+08:00, done 2026-03-05T08:00+08:00" in inputs
    assert "T1" in inputs and "0 started workdays late" in found.inputs[0]
    assert found.inputs[2].endswith(
        "3 started workdays late (2026-03-05, 2026-03-06, 2026-03-09): 2 × 0.5 + 1 × 1 = 2"
    )
    assert found.inputs[3].endswith("= 6, cap 5 per ticket → 5")
    assert period(report).scorecards[0].score == Decimal("92.5")


def test_a_running_late_ticket_counts_to_as_of() -> None:
    # Still open: late from its deadline (03-05 00:00) to as_of Friday 03-06 12:00: Thursday
    # and Friday = 2 started workdays = 0.5 + 0.5 = 1 point so far.
    events = ticket("T1", "工单", "2026-03-02T10:00:00", None, "resolved")
    report = replay(LATENESS, events, as_of="2026-03-06T12:00:00")
    found = measure(report, "工单延误扣分")
    assert found.value == Decimal("1")
    # The only event, the opening (event 1), started the clock; nothing has stopped it.
    assert (
        "still open at 2026-03-06T12:00+08:00 (event 1 → running): 2 started workdays late"
        in found.inputs[0]
    )


HOURS = """
measure 响应超时 per 月度 = lateness of 热线.respond tier 1级 in started hours {
  [1, inf) -> 2 each
} cite "2,0 bodspoints pr. påbegyndt yderligere time"
measure 响应超时天 per 月度 = lateness of 热线.respond in started days { [1, inf) -> 1 each }
"""


def test_started_hours_and_days() -> None:
    # "2,0 bodspoints pr. påbegyndt yderligere time" (per started further hour), 1级 only:
    # H1 responded 59m after opening: met, 0. H2 responded 2h00m after: 1h late exactly,
    # 1 started hour = 2. H3 responded 2h30m after: 1h30m late = 2 started hours = 4.
    # H4 (3级, 4h target) is not in tier 1级. Total 6.
    # In started days (every tier, 24h units): H2 and H3 are late less than a day (1 each),
    # H4 responded 29h after opening, 25h late = 2 started days. Total 4.
    events = [
        *ticket(
            "H1", "热线", "2026-03-02T10:00:00", "2026-03-02T10:59:00", "responded", tier="1级"
        ),
        *ticket(
            "H2", "热线", "2026-03-03T10:00:00", "2026-03-03T12:00:00", "responded", tier="1级"
        ),
        *ticket(
            "H3", "热线", "2026-03-04T10:00:00", "2026-03-04T12:30:00", "responded", tier="1级"
        ),
        *ticket(
            "H4", "热线", "2026-03-05T10:00:00", "2026-03-06T15:00:00", "responded", tier="3级"
        ),
    ]
    report = replay(HOURS, events)
    assert measure(report, "响应超时").value == Decimal("6")
    assert measure(report, "响应超时天").value == Decimal("4")


# ---- 4. attainment rates -------------------------------------------------------------------

RATE = """
measure 接通率 per 月度 = percent of 热线.respond met if no tickets 100%
measure 一级达标率 per 月度 = percent of 热线.respond met tier 1级
scorecard 考核 per 月度 {
  item 接通 max 20 {
    deduct 0.5 per point below 90% of 接通率 cite "接通率90%每降低1个百分点扣0.5分"
  }
}
"""


def test_a_rate_below_its_target_deducts_per_percentage_point() -> None:
    # 4 calls, 3 responded within target: 接通率 = 75%. "接通率90%每降低1个百分点扣0.5分":
    # 90 − 75 = 15 points below × 0.5 = 7.5; the item scores 20 − 7.5 = 12.5.
    # 一级达标率: the 1级 calls are H1 (met) and H2 (late): 1 of 2 = 50%.
    events = [
        *ticket(
            "H1", "热线", "2026-03-02T10:00:00", "2026-03-02T10:30:00", "responded", tier="1级"
        ),
        *ticket(
            "H2", "热线", "2026-03-03T10:00:00", "2026-03-03T12:00:00", "responded", tier="1级"
        ),
        *ticket(
            "H3", "热线", "2026-03-04T10:00:00", "2026-03-04T11:00:00", "responded", tier="3级"
        ),
        *ticket(
            "H4", "热线", "2026-03-05T10:00:00", "2026-03-05T13:00:00", "responded", tier="3级"
        ),
    ]
    report = replay(RATE, events)
    assert measure(report, "接通率").value == Decimal("0.75")
    assert measure(report, "接通率").percentage
    assert measure(report, "一级达标率").value == Decimal("0.5")
    assert period(report).scorecards[0].score == Decimal("12.5")


def test_an_empty_denominator_gives_the_stated_value_or_leaves_the_rate_unknown() -> None:
    # April has no call. 接通率 says "if no tickets 100%": 100%, no deduction (20).
    # 一级达标率 says nothing: unknown, and the period is incomplete, naming why.
    events = ticket(
        "H1", "热线", "2026-03-02T10:00:00", "2026-03-02T10:30:00", "responded", tier="1级"
    )
    report = replay(RATE, events, as_of="2026-05-01T00:00:00")
    april = period(report, "2026-04")
    assert measure(report, "接通率", "2026-04").value == Decimal(1)
    assert measure(report, "一级达标率", "2026-04").value is None
    assert april.scorecards[0].score == Decimal(20)
    assert any("一级达标率 2026-04" in text for text in april.missing)


# ---- 2 and 6. counts of breaches and failures, rolling windows -----------------------------

FAILURES = """
measure 违约次数 per 月度 = count of breaches of 热线.respond
measure 违约工单 per 月度 = count of breached tickets of 热线 tier 1级
measure 月达标率 per 月度 = percent of 热线.respond met if no tickets 100%
measure 不达标月数 per 月度 rolling 3 months = count of 月度 where 月达标率 < 90%
flag 三次不达标 when 不达标月数 >= 3 cite "three failures in a rolling window"
payment per 月度 {
  base 10000元
  deduct 5% of 10000元 when 违约次数 > 0 cite "a Service Credit of 5% of the fees for the month"
}
"""


def _late_call(tid: str, day: str) -> list[dict[str, Any]]:
    return ticket(tid, "热线", f"{day}T10:00:00", f"{day}T12:00:00", "responded", tier="1级")


def test_failures_in_a_rolling_window_raise_a_flag_and_breaches_cost_credits() -> None:
    # Jan, Feb and Mar 2026 each have one late 1级 call and no other: 0% each month, a
    # failure (< 90%). Rolling 3 months ending March: Jan, Feb, Mar = 3 failures → the flag.
    # Ending February: Dec 2025 (no call: 100%, no failure), Jan, Feb = 2 → no flag.
    # Each month has 1 breach → the 5% credit: 10000 − 500 = 9500.
    events = [
        *_late_call("J", "2026-01-05"),
        *_late_call("F", "2026-02-05"),
        *_late_call("M", "2026-03-05"),
    ]
    report = replay(FAILURES, events)
    assert measure(report, "不达标月数", "2026-03").value == Decimal(3)
    assert measure(report, "不达标月数", "2026-02").value == Decimal(2)
    assert [f.name for f in period(report, "2026-03").flags] == ["三次不达标"]
    assert period(report, "2026-02").flags == ()
    assert measure(report, "违约次数").value == Decimal(1)
    assert measure(report, "违约工单").value == Decimal(1)
    march = period(report, "2026-03").payment
    assert march is not None and march.payable == Decimal("9500.00")
    window = measure(report, "不达标月数").window
    assert window == "2026-01-01 – 2026-03-31 (rolling 3 months)"


TWO_LEVELS = """
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 紧急 { respond 10分钟  restore 4h }
  tier 一般 { respond 30分钟  restore 8h }
}
measure 紧急故障 per 月度 = count of breached tickets of 故障 tier 紧急
measure 一般故障 per 月度 = count of breached tickets of 故障 tier 一般
measure 故障 per 月度 = count of breached tickets of 故障
"""


def test_a_ticket_late_in_two_tiers_is_one_breached_ticket_of_its_first_breach() -> None:
    # "每次发生故障响应与解决时间超过合同规定。紧急故障扣1分，一般故障扣0.5分" (fujian-slt):
    # per fault, once. A: 紧急 at 10:00, not answered by 10:10 (breached as 紧急); lowered
    # to 一般 at 10:20; answered 10:40; 一般's restore 8h → 18:00, restored 19:00: late
    # again, as 一般. Its first breach (10:10) was 紧急: one 紧急 fault, no 一般 one.
    # B: 一般 at 11:00, not answered by 11:30 (breached as 一般); raised to 紧急 at 11:40;
    # 紧急's restore 4h → 15:00, restored 16:00: late as 紧急. First breach 一般: one 一般.
    events = [
        ev("2026-03-02T10:00:00", "opened", ticket="A", sla="故障", tier="紧急"),
        ev("2026-03-02T10:20:00", "retiered", ticket="A", tier="一般"),
        ev("2026-03-02T10:40:00", "responded", ticket="A"),
        ev("2026-03-02T19:00:00", "restored", ticket="A"),
        ev("2026-03-03T11:00:00", "opened", ticket="B", sla="故障", tier="一般"),
        ev("2026-03-03T11:40:00", "retiered", ticket="B", tier="紧急"),
        ev("2026-03-03T11:45:00", "responded", ticket="B"),
        ev("2026-03-03T16:00:00", "restored", ticket="B"),
    ]
    report = replay(TWO_LEVELS, events)
    assert measure(report, "紧急故障").value == Decimal(1)
    assert measure(report, "一般故障").value == Decimal(1)
    assert measure(report, "故障").value == Decimal(2)
    assert measure(report, "紧急故障").inputs[0].startswith("ticket A: breached [respond")
    assert "restore" in measure(report, "紧急故障").inputs[0]


# ---- 5. per asset ----------------------------------------------------------------------------

CAMERAS = """
measure 超时路数 per 月度 = count of 视频 by camera where downtime(视频.restore) > 8h
scorecard 考核 per 月度 {
  item 图像 max 10 { deduct 1 per unit of 超时路数 cite "单路图像月故障时长高于8小时 每一路,扣1分" }
}
"""


def test_a_measure_grouped_by_an_opened_field_counts_each_camera_once() -> None:
    # "单路图像月故障时长高于8小时 每一路,扣1分": camera A is down 6h + 3h = 9h (> 8h, counts),
    # B 10h (counts), C 2h (does not): 2 cameras → 10 − 2 = 8.
    events = [
        *ticket("V1", "视频", "2026-03-01T00:00:00", "2026-03-01T06:00:00", "restored", camera="A"),
        *ticket("V2", "视频", "2026-03-02T00:00:00", "2026-03-02T03:00:00", "restored", camera="A"),
        *ticket("V3", "视频", "2026-03-03T00:00:00", "2026-03-03T10:00:00", "restored", camera="B"),
        *ticket("V4", "视频", "2026-03-04T00:00:00", "2026-03-04T02:00:00", "restored", camera="C"),
    ]
    report = replay(CAMERAS, events)
    found = measure(report, "超时路数")
    assert found.value == Decimal(2)
    assert found.inputs[0] == "camera A (tickets V1, V2): downtime(视频.restore) = PT9H: counts"
    assert period(report).scorecards[0].score == Decimal(8)


def test_the_group_field_is_accepted_only_where_a_measure_declares_it() -> None:
    event = ticket("V1", "视频", "2026-03-01T00:00:00", None, "restored", camera="A")
    with pytest.raises(RuleError) as raised:
        slarules.loads(HEAD).replay(event, as_of="2026-04-01T00:00:00+08:00")
    assert "SLR916" in str(raised.value) and "camera" in str(raised.value)


# ---- measure names in composites, bands and payments ------------------------------------------

ANYWHERE = """
measure 违约次数 per 月度 = count of breaches of 热线.respond
composite 服务分 per 月度 = 100 - 2 * 违约次数
payment per 月度 {
  base 10000元
  deduct band 违约次数 { [0, 1) -> 0%  [1, 3) -> 5%  [3, inf) -> 10% }
}
"""


def test_a_measure_is_a_value_in_composites_and_bands() -> None:
    # 3 late calls in March: composite 100 − 2 × 3 = 94; the deduction band [3, inf) → 10%
    # of the base 10000 = 1000 → payable 9000.
    events = [
        *_late_call("A", "2026-03-02"),
        *_late_call("B", "2026-03-03"),
        *_late_call("C", "2026-03-04"),
    ]
    report = replay(ANYWHERE, events)
    march = period(report)
    assert march.composites[0].score == Decimal(94)
    assert march.payment is not None and march.payment.payable == Decimal("9000.00")


# ---- properties --------------------------------------------------------------------------------

_TZ = ZoneInfo("Asia/Shanghai")
_OFFICE = Calendar("mon-fri 09:00-17:00", holidays="CN", tz="Asia/Shanghai")
_ROWS = next(x for x in parse(HEAD + LATENESS, "p.sla").measures).body


@given(st.integers(0, 60 * 24 * 40), st.integers(0, 60 * 24 * 40))
def test_started_units_grow_with_the_stop_and_a_unit_starts_at_once(a: int, b: int) -> None:
    deadline = datetime(2026, 3, 2, 10, 0, tzinfo=_TZ)
    early, late = sorted((a, b))
    for unit in ("hours", "workdays", "days"):
        first = started_units(unit, deadline, deadline + timedelta(minutes=early), _OFFICE, _OFFICE)
        second = started_units(unit, deadline, deadline + timedelta(minutes=late), _OFFICE, _OFFICE)
        assert 0 <= first <= second
    # wall-clock days: one minute late is one started day, exactly one day late too
    minutes = late if late else 1
    days = started_units("days", deadline, deadline + timedelta(minutes=minutes), None, _OFFICE)
    assert days == -(-minutes // (24 * 60))


@given(st.integers(0, 400))
def test_graduated_rows_charge_each_unit_at_its_row(units: int) -> None:
    # [1, 3) -> 0.5 each, [3, inf) -> 1 each, unit by unit.
    assert isinstance(_ROWS, m.Lateness)
    expected = sum((Decimal("0.5") if k < 3 else Decimal(1)) for k in range(1, units + 1))
    assert charge(_ROWS.rows, units)[0] == expected


TABLE = """
measure 接通率 per 月度 = percent of 热线.respond met if no tickets 100%
scorecard 考核 per 月度 {
  item 接通 max 10 {
    points by 接通率 {
      [95%, 100%] -> 10
      [80%, 95%) -> 6
      [0%, 80%) -> 0
    }
  }
}
"""


def test_a_points_table_by_a_rate() -> None:
    # 3 of 4 calls in time: 75%, in [0%, 80%) → 0 points; in April (no call, "if no
    # tickets 100%") the row [95%, 100%] gives 10.
    events = [
        *call("H1", "1级", "02T10:00", "02T10:30"),
        *call("H2", "1级", "03T10:00", "03T12:00"),
        *call("H3", "3级", "04T10:00", "04T11:00"),
        *call("H4", "3级", "05T10:00", "05T13:00"),
    ]
    report = replay(TABLE, events, as_of="2026-05-01T00:00:00")
    march = period(report).scorecards[0]
    assert march.score == Decimal(0)
    assert march.items[0].lines[0].rule.startswith("points by 接通率 = 75%; row [0%, 80%) -> 0")
    assert period(report, "2026-04").scorecards[0].score == Decimal(10)
