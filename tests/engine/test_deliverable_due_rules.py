"""Due times computed by a deliverable's due rule (engine/deliverables.py), worked by hand.

Calendars: 全天 (24x7, China's days) and 办公 (Monday-Friday office hours, China's days).
The 2026 State Council schedule (国办发明电〔2025〕7号): 元旦 1月1日至3日放假，1月4日（周日）
上班；春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班; 清明 4月4日至6日放假.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules import Tracker
from slarules import model as m
from slarules.engine.deliverables import due_after_day
from slarules.errors import RuleError
from slarules.language.literals import parse_literal
from slarules.language.parser import parse

CST = timezone(timedelta(hours=8))

RULES = slarules.loads(
    """
ruleset "due-rules" { timezone "Asia/Shanghai" }
param start: date = 2026-01-01
calendar 全天 { hours "24x7" days CN }
calendar 办公 { hours "mon-fri 09:00-17:00" days CN }
period 年 = year
deliverable 方案 due 10 days after signed
deliverable 巡检报告 due 3 workdays after inspected on 办公
deliverable 故障报告 due 3 days after restored
deliverable 半年报 due 7 days after 6 months after start
deliverable 两步 due 2 workdays after 1 month after signed
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  exclude cause 第三方
  tier 一般 { restore 4h }
}
scorecard 文档 per 年 {
  item 及时 max 100 {
    deduct 1 per day late of 方案
    deduct 1 per day late of 巡检报告
    deduct 1 per day late of 故障报告
    deduct 1 per late delivery of 半年报
    deduct 1 per day late of 两步
  }
}
"""
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def feed(*events: dict[str, Any]) -> Tracker:
    tracker = Tracker(RULES)
    for event in events:
        tracker.feed({**event, "at": at(event["at"]).isoformat()})
    return tracker


def dues(tracker: Tracker, as_of: str, name: str) -> list[tuple[str, str | None, str | None]]:
    """(due, delivered, ticket) of each due time of ``name``, as local ISO minutes."""
    out = []
    for d in tracker._engine.evidence(at(as_of)).deliveries:
        if d.deliverable == name:
            done = d.delivered.strftime("%m-%d %H:%M") if d.delivered else None
            out.append((d.due.strftime("%m-%d %H:%M"), done, d.ticket))
    return out


def test_ten_days_after_signing_give_way_to_the_spring_festival() -> None:
    # Signed Thursday 5 Feb 2026: day 10 is Sunday 15 Feb, inside the Spring Festival
    # holiday (15-23 Feb) → the next working day, Tuesday 24 Feb → due 24 Feb 24:00.
    tracker = feed({"at": "2026-02-05T10:00", "type": "milestone", "name": "signed"})
    assert dues(tracker, "2026-03-01T00:00", "方案") == [("02-25 00:00", None, None)]


def test_three_workdays_count_the_make_up_saturday() -> None:
    # Inspected Wednesday 11 Feb 2026 on 办公: working days after it are Thu 12, Fri 13 and
    # Sat 14 (调休上班) → due 14 Feb 24:00.
    tracker = feed({"at": "2026-02-11T15:00", "type": "milestone", "name": "inspected"})
    assert dues(tracker, "2026-02-20T00:00", "巡检报告") == [("02-15 00:00", None, None)]


def test_each_ticket_gets_its_own_due_time_and_deliveries_name_their_ticket() -> None:
    # A restored Mon 2 Mar 10:00 → 3 days → Thu 5 Mar 24:00; B restored Tue 3 Mar 10:00 →
    # Fri 6 Mar 24:00. B's report comes first (4 Mar) and fills B's due time, not A's; A's
    # comes 6 Mar 10:00, 10 h late → 1 day late.
    tracker = feed(
        {"at": "2026-03-02T09:00", "type": "opened", "ticket": "A", "sla": "故障", "tier": "一般"},
        {"at": "2026-03-02T10:00", "type": "restored", "ticket": "A"},
        {"at": "2026-03-03T09:00", "type": "opened", "ticket": "B", "sla": "故障", "tier": "一般"},
        {"at": "2026-03-03T10:00", "type": "restored", "ticket": "B"},
        {"at": "2026-03-04T10:00", "type": "delivered", "deliverable": "故障报告", "ticket": "B"},
        {"at": "2026-03-06T10:00", "type": "delivered", "deliverable": "故障报告", "ticket": "A"},
    )
    assert dues(tracker, "2026-03-08T00:00", "故障报告") == [
        ("03-06 00:00", "03-06 10:00", "A"),
        ("03-07 00:00", "03-04 10:00", "B"),
    ]
    report = tracker.report(at("2026-03-08T00:00"))
    lines = report.to_dict()["periods"][0]["scorecards"][0]["items"][0]["lines"]
    late = next(line for line in lines if line["rule"] == "deduct 1 per day late of 故障报告")
    assert late["count"] == "1"
    assert late["evidence"] == [
        "故障报告 due 3 days after restored event 2 of ticket A = 2026-03-05 24:00, "
        "delivered event 6: 1 day late"
    ]


def test_a_ticket_excluded_by_its_cause_owes_no_scored_report() -> None:
    # SPEC §3.9: a ticket attributed to an excluded cause counts in no score. A restored
    # Mon 2 Mar 10:00, its report due Thu 5 Mar 24:00 and never sent: as of 10 Mar it is
    # 5 days late (ceil(4 d 10 h)) → 100 − 5 = 95; attributed to 第三方, it costs nothing.
    events: list[dict[str, Any]] = [
        {"at": "2026-03-02T09:00", "type": "opened", "ticket": "A", "sla": "故障", "tier": "一般"},
        {"at": "2026-03-02T10:00", "type": "restored", "ticket": "A"},
    ]

    def card_score(*more: dict[str, Any]) -> str:
        report = feed(*events, *more).report(at("2026-03-10T10:00")).to_dict()
        return str(report["periods"][0]["scorecards"][0]["score"])

    assert card_score() == "95"
    assert (
        card_score(
            {"at": "2026-03-03T10:00", "type": "attributed", "ticket": "A", "cause": "第三方"}
        )
        == "100"
    )


def test_a_delivery_before_its_trigger_waits_for_it() -> None:
    # The plan is handed over at the signing itself (09:00), then signed at 10:00: it fills
    # the due time the signing opens (first in, first out), on time.
    tracker = feed(
        {"at": "2026-03-02T09:00", "type": "delivered", "deliverable": "方案"},
        {"at": "2026-03-02T10:00", "type": "milestone", "name": "signed"},
    )
    assert dues(tracker, "2026-04-01T00:00", "方案") == [("03-13 00:00", "03-02 09:00", None)]


def test_a_due_time_not_reached_does_not_count_and_a_passed_one_is_outstanding() -> None:
    # 半年报: the term starts 1 Jan 2026; the half year ends with 30 Jun (Tuesday); 7 days
    # are 1-7 Jul, and 7 Jul is a Tuesday → due 7 Jul 24:00. As of 1 Jul nothing is due;
    # as of 8 Jul 10:00 it is outstanding.
    tracker = feed({"at": "2026-06-01T10:00", "type": "milestone", "name": "other"})
    assert (
        tracker.report(at("2026-07-01T00:00")).to_dict()["periods"][0]["scorecards"][0]["score"]
        == "100"
    )
    assert dues(tracker, "2026-07-08T10:00", "半年报") == [("07-08 00:00", None, None)]
    card = tracker.report(at("2026-07-08T10:00")).to_dict()["periods"][0]["scorecards"][0]
    assert card["score"] == "99"


def test_chained_steps_count_from_the_inner_last_day_unmoved() -> None:
    # 两步: "2 workdays after 1 month after signed". Signed Wednesday 31 Dec 2025: one month
    # → 31 Jan 2026, a Saturday, kept as is (an inner step is a date, not a deadline); the
    # two working days after it are Mon 2 Feb and Tue 3 Feb → due 3 Feb 24:00.
    tracker = feed({"at": "2025-12-31T10:00", "type": "milestone", "name": "signed"})
    assert dues(tracker, "2026-02-10T00:00", "两步") == [("02-04 00:00", None, None)]


def test_typed_due_events_and_deliveries_without_their_ticket_are_refused() -> None:
    with pytest.raises(RuleError) as caught:
        feed({"at": "2026-03-02T10:00", "type": "due", "deliverable": "方案"})
    assert caught.value.diagnostics[0].code == "SLR923"
    with pytest.raises(RuleError) as caught:
        feed({"at": "2026-03-02T10:00", "type": "delivered", "deliverable": "故障报告"})
    assert caught.value.diagnostics[0].code == "SLR911"


def unchecked(text: str) -> slarules.Ruleset:
    """A ruleset as parsed, without ``check``: these delays are beyond the ten years check
    allows (SLR119), yet the engine must still stop cleanly if such a model reaches it."""
    return slarules.Ruleset(parse(text))


def test_check_refuses_these_delays_before_the_engine_sees_them() -> None:
    with pytest.raises(RuleError) as caught:
        slarules.loads(
            'ruleset "far" { timezone "Asia/Shanghai" }\n'
            "deliverable A due 9 days after 99999 months after signed\n"
        )
    assert "SLR119" in {d.code for d in caught.value.diagnostics}


def test_a_due_time_beyond_the_calendar_is_an_error_not_a_crash() -> None:
    far = unchecked(
        'ruleset "far" { timezone "Asia/Shanghai" }\n'
        "param start: date = 2026-01-01\n"
        "deliverable A due 9 days after 99999 months after signed\n"
    )
    with pytest.raises(RuleError) as caught:
        Tracker(far).feed(
            {"at": "2026-01-05T10:00:00+08:00", "type": "milestone", "name": "signed"}
        )
    assert caught.value.diagnostics[0].code == "SLR915"
    dated = unchecked(
        'ruleset "far" { timezone "Asia/Shanghai" }\n'
        "param start: date = 2026-01-01\n"
        "deliverable B due 1 day after 9999 months after start\n"
    )
    with pytest.raises(RuleError) as caught:
        Tracker(dated)
    assert caught.value.diagnostics[0].code == "SLR901"


def test_a_delivery_without_its_trigger_is_a_warning() -> None:
    # A fault report for ticket Z, which was never restored: nothing to count from.
    tracker = feed(
        {"at": "2026-03-02T10:00", "type": "delivered", "deliverable": "故障报告", "ticket": "Z"}
    )
    assert tracker._engine.evidence(at("2026-03-09T00:00")).warnings == (
        "event 1: 故障报告 delivered, but no restored event of ticket Z to count its due time "
        "from (due 3 days after restored); not scored",
    )


# -- properties ---------------------------------------------------------------------------

OFFICE = RULES.calendar("办公")


def _steps(unit: str, *counts: int) -> tuple[m.Literal, ...]:
    token = {"days": "DAYS", "workdays": "WORKDAYS"}[unit]
    return tuple(parse_literal(token, f"{n} {unit}", m.NO_SPAN) for n in counts)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(date(2004, 1, 1), date(2026, 12, 31)),
    st.sampled_from(["days", "workdays"]),
    st.integers(1, 40),
    st.integers(1, 40),
)
def test_chained_days_equal_their_sum_and_grow_with_it(
    reference: date, unit: str, inner: int, outer: int
) -> None:
    # "N after M after E" counts N from the M-th day's end, unmoved, so it is "N + M after E"
    # (days: the last day is E + M + N, then moved to a working day; workdays: the
    # (M + N)-th working day). A longer period never ends earlier.
    chained = due_after_day(OFFICE, reference, _steps(unit, outer, inner))
    assert chained == due_after_day(OFFICE, reference, _steps(unit, inner + outer))
    assert chained >= due_after_day(OFFICE, reference, _steps(unit, outer))
