"""Audit: `lateness of … in started workdays|hours` (docs/language.md §9), checked against
hand computation from the contract clauses quoted below. Expected numbers are worked out
by hand from the clause and the official 2025/2026 holiday schedules (国务院办公厅通知):
2026 清明 4-04..4-06 (no make-up day); 劳动节 5-01..5-05, make-up workday Sat 5-09;
中秋 9-25..9-27; 国庆 10-01..10-07, make-up workdays Sun 9-20 and Sat 10-10."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import slarules

CN_RULES = """
ruleset "audit-cn" { timezone "Asia/Shanghai" }
calendar 办公 { hours "mon-fri 09:00-17:00" days CN }
period 月度 = month
sla 工单 {
  calendar 办公
  metric resolve from opened to resolved
  tier 一般 { resolve 2 workdays }
}
measure 延误扣分 per 月度 = lateness of 工单.resolve in started workdays {
  [1, 3) -> 0.5 each cite "每个工单每延误一个工作日扣0.5分"
  [3, inf) -> 1 each cite "超过3个工作日以上(含3个工作日)每个工作日扣1分"
} cap 5 per ticket cite "最多扣5分"
"""

DK_RULES = """
ruleset "audit-dk" { timezone "Europe/Copenhagen" currency DKK }
calendar doegn { hours "24x7" days none }
period maaned = month
sla hotline {
  calendar doegn
  metric respond from opened to responded
  tier P1 { respond 1h }
}
measure bod per maaned = lateness of hotline.respond in started hours {
  [1, inf) -> 2 each cite "2,0 bodspoints pr. påbegyndt yderligere time"
}
"""


def _replay(rules: str, events: list[dict[str, Any]], as_of: str) -> Any:
    return slarules.loads(rules).replay(sorted(events, key=lambda e: e["at"]), as_of=as_of)


def _value(report: Any, name: str, label: str) -> Decimal:
    period = next(p for p in report.periods if p.label == label)
    found = next(x for x in period.measures if x.name == name)
    value: Decimal = found.value
    return value


def _cn_ticket(tid: str, opened: str, resolved: str | None) -> list[dict[str, Any]]:
    out = [
        {"at": opened + "+08:00", "type": "opened", "ticket": tid, "sla": "工单", "tier": "一般"}
    ]
    if resolved:
        out.append({"at": resolved + "+08:00", "type": "resolved", "ticket": tid})
    return out


def _cn(tid: str, opened: str, resolved: str | None, as_of: str, label: str) -> Decimal:
    return _value(_replay(CN_RULES, _cn_ticket(tid, opened, resolved), as_of), "延误扣分", label)


def test_labour_day_holidays_start_no_workday_and_the_make_up_saturday_does() -> None:
    # Opened Wed 2026-04-29 10:00; "2 workdays", day opened not counted: Thu 4-30 (1),
    # 5-01..5-05 holiday, Wed 5-06 (2) -> due 24:00 of 5-06. Resolved Sat 5-09 10:00, a
    # make-up workday (调休上班, 09:00-17:00): late on Thu 5-07, Fri 5-08, Sat 5-09 = 3
    # started workdays -> 0.5 + 0.5 + 1 = 2. Counts in April (month of opened).
    assert _cn(
        "L1", "2026-04-29T10:00:00", "2026-05-09T10:00:00", "2026-06-01T00:00:00+08:00", "2026-04"
    ) == Decimal("2")


def test_qingming_boundary_at_opening_time_and_one_second_after() -> None:
    # Opened Thu 2026-04-02 10:00: Fri 4-03 (1), 4-04..4-06 清明, Tue 4-07 (2) -> due 24:00
    # of 4-07. Resolved Thu 4-09 09:00:00: working time late lies on Wed 4-08 only (on 4-09
    # none yet: the office opens at 09:00) -> 1 started workday -> 0.5.
    assert _cn(
        "Q1", "2026-04-02T10:00:00", "2026-04-09T09:00:00", "2026-05-01T00:00:00+08:00", "2026-04"
    ) == Decimal("0.5")
    # Resolved 09:00:01: one second of 4-09's working time is late -> 2 -> 0.5 + 0.5 = 1.
    assert _cn(
        "Q2", "2026-04-02T10:00:00", "2026-04-09T09:00:01", "2026-05-01T00:00:00+08:00", "2026-04"
    ) == Decimal("1")


def test_national_day_make_up_sunday_counts_toward_the_deadline() -> None:
    # Opened Fri 2026-09-18 10:00: Sun 9-20 is a make-up workday (1), Mon 9-21 (2) -> due
    # 24:00 of 9-21. Resolved Tue 9-29 10:00: late on Tue 9-22, Wed 9-23, Thu 9-24 (Fri 9-25
    # is 中秋, 9-26/27 weekend), Mon 9-28, Tue 9-29 = 5 started workdays -> 0.5×2 + 1×3 = 4.
    assert _cn(
        "N1", "2026-09-18T10:00:00", "2026-09-29T10:00:00", "2026-11-01T00:00:00+08:00", "2026-09"
    ) == Decimal("4")


def test_ticket_still_open_at_as_of_is_late_up_to_as_of_and_capped() -> None:
    # Opened Fri 2026-09-18 10:00, due 24:00 of 9-21 (above), never resolved. As of Sat
    # 2026-10-10 12:00 (make-up workday): 9-22, 9-23, 9-24, 9-28, 9-29, 9-30, 10-08, 10-09,
    # 10-10 = 9 started workdays -> 0.5×2 + 1×7 = 8 -> capped at 5 per ticket.
    assert _cn(
        "N2", "2026-09-18T10:00:00", None, "2026-10-10T12:00:00+08:00", "2026-09"
    ) == Decimal("5")
    # As of Wed 2026-09-23 08:59 (before opening): only Tue 9-22 started -> 0.5.
    assert _cn(
        "N3", "2026-09-18T10:00:00", None, "2026-09-23T08:59:00+08:00", "2026-09"
    ) == Decimal("0.5")


def _dk(opened: str, responded: str) -> Decimal:
    events = [
        {"at": opened, "type": "opened", "ticket": "H1", "sla": "hotline", "tier": "P1"},
        {"at": responded, "type": "responded", "ticket": "H1"},
    ]
    return _value(_replay(DK_RULES, events, "2026-12-01T00:00:00+01:00"), "bod", opened[:7])


def test_started_hours_exactly_one_hour_and_one_second_more() -> None:
    # "2,0 bodspoints pr. påbegyndt yderligere time". Opened 2026-02-10 10:00 CET, respond 1h
    # -> due 11:00. Responded 12:00:00: late exactly 1h = 1 started hour = 2 points.
    assert _dk("2026-02-10T10:00:00+01:00", "2026-02-10T12:00:00+01:00") == Decimal("2")
    # Responded 12:00:01: 1h 0m 1s late = 2 started hours = 4 points.
    assert _dk("2026-02-10T10:00:00+01:00", "2026-02-10T12:00:01+01:00") == Decimal("4")


def test_started_hours_across_the_spring_dst_change_count_elapsed_time() -> None:
    # Copenhagen: 2026-03-29 02:00 CET -> 03:00 CEST. Opened 00:30 CET (23:30Z), due 01:30
    # CET (00:30Z). Responded 04:30 CEST (02:30Z): 2 hours late in real time (the wall clock
    # shows 3) -> 2 started hours = 4 points.
    assert _dk("2026-03-29T00:30:00+01:00", "2026-03-29T04:30:00+02:00") == Decimal("4")


def test_the_inputs_show_what_an_auditor_needs_to_recount_the_units() -> None:
    # The 1-second case above must be visible (09:00:01, not 09:00), and the started
    # workdays named, so that 清明 (04-04..04-06) can be seen to start none.
    report = _replay(
        CN_RULES,
        _cn_ticket("Q2", "2026-04-02T10:00:00", "2026-04-09T09:00:01"),
        "2026-05-01T00:00:00+08:00",
    )
    period = next(p for p in report.periods if p.label == "2026-04")
    (line,) = next(x for x in period.measures if x.name == "延误扣分").inputs
    assert "done 2026-04-09T09:00:01+08:00" in line
    assert "2 started workdays late (2026-04-08, 2026-04-09)" in line
    # Started hours: the working time late is shown (PT1H1S -> 2 started hours).
    events = [
        {
            "at": "2026-02-10T10:00:00+01:00",
            "type": "opened",
            "ticket": "H1",
            "sla": "hotline",
            "tier": "P1",
        },
        {"at": "2026-02-10T12:00:01+01:00", "type": "responded", "ticket": "H1"},
    ]
    report = _replay(DK_RULES, events, "2026-03-01T00:00:00+01:00")
    (line,) = next(x for x in report.periods[0].measures if x.name == "bod").inputs
    assert "2 started hours late (PT1H1S of working time)" in line


def test_started_days_are_clock_days_across_the_spring_dst_change() -> None:
    # Hand reading first: "late by N days" = N × 24 elapsed hours would make due 12:00 CET
    # 03-28 (11:00Z) and done 13:00 CEST 03-29 (11:00Z) exactly 24 h: 1 started day. The
    # docs (§3 clock semantics 6, §9 `days`) read days on the local clock: 12:00 -> 13:00 the
    # next day is 1 day and 1 hour on the clock: 2 started days. Kept (documented reading);
    # done 12:00 CEST (23 h elapsed, 24 h on the clock) is 1 either way.
    rules = DK_RULES.replace("in started hours", "in started days").replace(
        "[1, inf) -> 2 each", "[1, inf) -> 1 each"
    )
    for done, expected in (("2026-03-29T12:00:00+02:00", 1), ("2026-03-29T13:00:00+02:00", 2)):
        events = [
            {"at": "2026-03-28T11:00:00+01:00", "type": "opened", "ticket": "H1",
             "sla": "hotline", "tier": "P1"},
            {"at": done, "type": "responded", "ticket": "H1"},
        ]  # fmt: skip
        report = _replay(rules, events, "2026-04-02T00:00:00+02:00")
        assert _value(report, "bod", "2026-03") == Decimal(expected)


OFFICE_HOURS = """
ruleset "audit-cn-hours" { timezone "Asia/Shanghai" }
calendar 办公 { hours "mon-fri 09:00-17:00" days CN }
period 月度 = month
sla 热线 {
  calendar 办公
  metric respond from opened to responded
  exclude cause 采购人原因 cite "因采购人原因造成的延误不计"
  tier 一级 { respond 2h }
}
measure 响应扣分 per 月度 = lateness of 热线.respond in started hours {
  [1, inf) -> 1 each cite "每超时1小时(不足1小时按1小时计)扣1分"
}
"""


def _call(tid: str, opened: str, responded: str) -> list[dict[str, Any]]:
    return [
        {"at": opened + "+08:00", "type": "opened", "ticket": tid, "sla": "热线", "tier": "一级"},
        {"at": responded + "+08:00", "type": "responded", "ticket": tid},
    ]


def test_started_working_hours_over_a_weekend_and_an_excluded_cause() -> None:
    # "每超时1小时(不足1小时按1小时计)扣1分", respond 2 h of office time (09:00-17:00).
    # K1 opened Fri 2026-03-06 14:30: 2 h of working time -> due 16:30. Responded Mon 03-09
    # 09:45: late 16:30-17:00 Fri (30 min) + 09:00-09:45 Mon (45 min) = 1 h 15 min of
    # working time (the weekend none) -> 2 started hours = 2 points.
    # K2 the same times, attributed to 采购人原因 (an excluded cause): counts nowhere.
    # K3 opened Wed 04-29 15:00 -> due Thu 04-30 09:00 (2 h: 15-17). Responded Sat 05-09
    # 09:30, a make-up workday: late 04-30 09:00-17:00 (8 h), 5-01..5-05 holiday, 05-06,
    # 05-07, 05-08 (24 h), 05-09 09:00-09:30 = 32 h 30 min -> 33 started hours = 33 points
    # (April: the month it was opened).
    events = [
        *_call("K1", "2026-03-06T14:30:00", "2026-03-09T09:45:00"),
        *_call("K2", "2026-03-06T14:30:00", "2026-03-09T09:45:00"),
        {"at": "2026-03-09T10:00:00+08:00", "type": "attributed", "ticket": "K2",
         "cause": "采购人原因"},
        *_call("K3", "2026-04-29T15:00:00", "2026-05-09T09:30:00"),
    ]  # fmt: skip
    report = _replay(OFFICE_HOURS, events, "2026-06-01T00:00:00+08:00")
    assert _value(report, "响应扣分", "2026-03") == Decimal(2)
    assert _value(report, "响应扣分", "2026-04") == Decimal(33)
