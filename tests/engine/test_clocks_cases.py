"""Clock semantics, one construct per test, with deadlines worked out by hand.

Calendars: ``全天`` is 24×7; ``工作时间`` is ``mon-fri 09:00-12:00,13:30-17:30`` (7 working
hours a day) with China's day source. The 2026 notice: 春节 2月15日至23日放假, 2月14日（周六）
and 2月28日（周六）上班; 国庆节 10月1日至7日放假, 9月20日（周日）and 10月10日（周六）上班.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules import Tracker
from slarules.engine.evidence import TargetResult, TicketResult
from slarules.errors import UsageError

SH = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)
M = timedelta(minutes=1)

HEADER = """
ruleset "clocks" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
calendar 工作时间 { hours "mon-fri 09:00-12:00,13:30-17:30" }
cause 突发应急事件
cause 采购人原因
"""


def sh(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=SH)


def rules(sla: str) -> slarules.Ruleset:
    return slarules.loads(HEADER + sla)


def run(sla: str, events: list[dict[str, Any]], as_of: datetime | None = None) -> TicketResult:
    """Feed the events to a tracker and return the one ticket's result at ``as_of``."""
    tracker = Tracker(rules(sla))
    for event in events:
        tracker.feed(event)
    evidence = tracker._engine.evidence(as_of)
    assert len(evidence.tickets) == 1
    return evidence.tickets[0]


def ev(kind: str, at: datetime, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "at": at.isoformat(), "ticket": "T1", **fields}


def target(ticket: TicketResult, metric: str) -> TargetResult:
    return next(t for t in ticket.targets if t.metric == metric)


ROUND_THE_CLOCK = """
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  pause restore
  exempt restore when cause 突发应急事件
  exclude cause 采购人原因
  tier 1级 { respond 15分钟  restore 4小时 or downgrade }
  tier 2级 { respond 30分钟  restore 8小时 }
  tier 3级 { respond 45分钟 }
  tier 4级 { }
}
"""

OFFICE = """
sla 故障 {
  calendar 工作时间
  metric respond from opened to responded
  metric resolve from opened to resolved
  metric report from resolved to reported
  pause all
  tier 一般 { respond 30分钟  resolve 1 workday  report 2 workdays by close }
  tier 紧急 { respond 30分钟  resolve 4小时 }
}
"""


# -- durations -------------------------------------------------------------------------------


def test_duration_on_a_24x7_calendar_is_wall_clock() -> None:
    # 1级 restore 4小时 on 全天: opened 03-02 10:00 → deadline 14:00; restored 13:59 is met.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("responded", sh(3, 2, 10, 20)),
            ev("restored", sh(3, 2, 13, 59)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.deadline, restore.status, restore.elapsed) == (sh(3, 2, 14), "met", 239 * M)
    # respond 15分钟: deadline 10:15, responded 10:20 → breached, 5 minutes → 1 day late.
    respond = target(ticket, "respond")
    assert (respond.deadline, respond.status, respond.days_late) == (
        sh(3, 2, 10, 15),
        "breached",
        1,
    )


def test_clock_opened_after_hours_starts_on_the_makeup_saturday() -> None:
    # Fri 02-13 20:00 is outside 工作时间; the next working instant is Sat 02-14 09:00 (调休
    # 上班), so respond 30分钟 ends at 09:30.
    ticket = run(OFFICE, [ev("opened", sh(2, 13, 20), sla="故障", tier="紧急")])
    assert target(ticket, "respond").deadline == sh(2, 14, 9, 30)


def test_duration_across_the_spring_festival() -> None:
    # 紧急 resolve 4小时 opened Sat 02-14 15:00 (make-up day): 15:00-17:30 uses 2h30; 02-15..23
    # are off; Tue 02-24 09:00 + 1h30 → 10:30.
    events = [ev("opened", sh(2, 14, 15), sla="故障", tier="紧急")]
    assert target(run(OFFICE, events, sh(2, 24, 10, 30)), "resolve").status == "running"
    late = target(run(OFFICE, events, sh(2, 24, 10, 30, 1)), "resolve")
    assert (late.deadline, late.status, late.days_late) == (sh(2, 24, 10, 30), "breached", 1)
    # Elapsed working time at as_of 10:30:01 is 2h30 + 1h30 + 1s.
    assert late.elapsed == 4 * H + timedelta(seconds=1)


# -- days and workdays -----------------------------------------------------------------------


def test_one_workday_skips_national_day() -> None:
    # 一般 resolve 1 workday opened Wed 09-30 15:00: the start day is not counted; 10-01..07
    # are holidays; Thu 10-08 is the first workday, so the period ends at 24:00 of 10-08.
    ticket = run(OFFICE, [ev("opened", sh(9, 30, 15), sla="故障", tier="一般")])
    assert target(ticket, "resolve").deadline == sh(10, 9)


def test_workdays_by_close_from_the_resolution_on_the_metric_start_event() -> None:
    # report starts at resolved (Wed 09-30 16:00) and has 2 workdays by close: 10-08 is the
    # first workday, Fri 10-09 the second, close of business 17:30.
    ticket = run(
        OFFICE,
        [
            ev("opened", sh(9, 30, 9), sla="故障", tier="一般"),
            ev("responded", sh(9, 30, 9, 10)),
            ev("resolved", sh(9, 30, 16)),
            ev("reported", sh(10, 9, 17, 31)),
        ],
    )
    report = target(ticket, "report")
    assert (report.start, report.deadline) == (sh(9, 30, 16), sh(10, 9, 17, 30))
    assert (report.status, report.days_late) == ("breached", 1)
    # resolve: 1 workday from Wed 09-30 → Thu 10-08 24:00; resolved 09-30 16:00 → met.
    assert target(ticket, "resolve").status == "met"


def test_calendar_days_end_on_the_next_working_day() -> None:
    sla = """
    sla 文档 {
      calendar 工作时间
      metric deliver from opened to delivered_doc
      tier 标准 { deliver 3 days }
    }
    """
    # 3 days from Mon 09-28: 09-29, 09-30, 10-01; 10-01 is a holiday, so the last day moves
    # to the next working day, Thu 10-08 (Civil Code art. 203), ending at 24:00.
    ticket = run(sla, [ev("opened", sh(9, 28, 10), sla="文档", tier="标准")])
    assert target(ticket, "deliver").deadline == sh(10, 9)


def test_metric_on_its_own_calendar() -> None:
    sla = """
    sla 故障 {
      calendar 全天
      metric restore from opened to restored
      metric report from restored to reported on 工作时间
      tier 一般 { restore 4小时  report 4小时 }
    }
    """
    # restore on 全天: Fri 02-13 22:00 + 4h → Sat 02-14 02:00; restored 01:00.
    # report on 工作时间 starts at 01:00, so at 09:00 of the make-up Saturday: 09:00-12:00 is
    # 3h, the fourth hour runs 13:30-14:30.
    ticket = run(
        sla,
        [
            ev("opened", sh(2, 13, 22), sla="故障", tier="一般"),
            ev("restored", sh(2, 14, 1)),
        ],
    )
    assert target(ticket, "restore").deadline == sh(2, 14, 2)
    assert target(ticket, "report").deadline == sh(2, 14, 14, 30)


# -- pauses ----------------------------------------------------------------------------------


def test_pause_moves_the_deadline_by_the_paused_working_time() -> None:
    # 紧急 resolve 4小时 opened Mon 03-02 09:00: base deadline 09:00-12:00 (3h) + 1h from 13:30
    # → 14:30. Paused 11:00-14:00 covers 11:00-12:00 and 13:30-14:00 = 1h30 of working time,
    # so the deadline moves to 14:30 + 1h30 = 16:00 (2h used by 11:00, 2h left from 14:00).
    ticket = run(
        OFFICE,
        [
            ev("opened", sh(3, 2, 9), sla="故障", tier="紧急"),
            ev("paused", sh(3, 2, 11)),
            ev("resumed", sh(3, 2, 14)),
            ev("resolved", sh(3, 2, 15, 59)),
        ],
    )
    resolve = target(ticket, "resolve")
    assert (resolve.deadline, resolve.status) == (sh(3, 2, 16), "met")
    assert resolve.elapsed == 2 * H + 119 * M  # 09:00-11:00 and 14:00-15:59
    assert resolve.intervals == ((sh(3, 2, 9), sh(3, 2, 11)), (sh(3, 2, 14), sh(3, 2, 15, 59)))


def test_pause_only_stops_the_metrics_the_sla_pauses() -> None:
    # pause restore (not respond): respond 30分钟 from 10:00 stays 10:30 despite the pause.
    # restore 8小时 on 全天 from 10:00 is 18:00, moved by the 10:05-12:05 pause to 20:00.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
            ev("paused", sh(3, 2, 10, 5)),
            ev("resumed", sh(3, 2, 12, 5)),
        ],
        as_of=sh(3, 2, 12, 30),
    )
    assert target(ticket, "respond").deadline == sh(3, 2, 10, 30)
    assert target(ticket, "respond").status == "breached"
    assert target(ticket, "restore").deadline == sh(3, 2, 20)


def test_pause_after_the_deadline_moves_nothing() -> None:
    # 1级 restore 4h from 10:00 → 14:00; a pause from 15:00 comes after the deadline.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("paused", sh(3, 2, 15)),
            ev("resumed", sh(3, 2, 17)),
            ev("restored", sh(3, 2, 17, 30)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.deadline, restore.status, restore.days_late) == (sh(3, 2, 14), "breached", 1)


def test_ticket_paused_at_as_of_is_running_while_time_is_frozen() -> None:
    # Paused at 11:00 with 1h used of 4h; at as_of 20:00 the deadline is as_of + 3h = 23:00.
    ticket = run(
        ROUND_THE_CLOCK,
        [ev("opened", sh(3, 2, 10), sla="故障", tier="1级"), ev("paused", sh(3, 2, 11))],
        as_of=sh(3, 2, 20),
    )
    restore = target(ticket, "restore")
    assert (restore.deadline, restore.status, restore.elapsed) == (sh(3, 2, 23), "running", H)


def test_stop_during_a_pause_is_met() -> None:
    # Paused at 11:00 (1h used of 4h); restored at 16:00 while still paused → met.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("paused", sh(3, 2, 11)),
            ev("restored", sh(3, 2, 16)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.status, restore.deadline, restore.elapsed) == ("met", sh(3, 2, 19), H)


def test_metric_started_during_a_pause_waits_for_the_resume() -> None:
    # pause all: report (2 workdays by close) starts at resolved Mon 03-02 10:00 while the
    # ticket is paused; the clock holds until resumed Tue 03-03 10:00. Base deadline: Wed
    # 03-04 17:30. The hole 03-02 10:00 → 03-03 10:00 covers 10:00-12:00, 13:30-17:30 (6h)
    # and 09:00-10:00 (1h) of working time: 7h from 17:30 Wed → Thu 03-05 17:30.
    ticket = run(
        OFFICE,
        [
            ev("opened", sh(3, 2, 9), sla="故障", tier="一般"),
            ev("paused", sh(3, 2, 9, 30)),
            ev("resolved", sh(3, 2, 10)),
            ev("resumed", sh(3, 3, 10)),
        ],
        as_of=sh(3, 3, 11),
    )
    report = target(ticket, "report")
    assert report.deadline == sh(3, 5, 17, 30)
    assert report.intervals == ((sh(3, 3, 10), sh(3, 3, 11)),)


def test_a_pause_moves_a_workdays_target_by_whole_days() -> None:
    # docs/language.md, clock semantics 2: a target in workdays is moved by whole days. The
    # report (2 workdays by close) starts at resolved Mon 03-02 10:00 while paused; resumed
    # Tue 03-03 16:00. Days used before the hole: none (Monday is the start day); both count
    # again from the day after Tuesday: Wed, Thu → Thu 03-05 17:30. Moved by the hole's
    # working time (6 h Monday + 5½ h Tuesday = 11½ h: Thu 7 h, Fri 09:00-12:00, 13:30-15:00)
    # it would be Fri 03-06 15:00.
    ticket = run(
        OFFICE,
        [
            ev("opened", sh(3, 2, 9), sla="故障", tier="一般"),
            ev("paused", sh(3, 2, 9, 30)),
            ev("resolved", sh(3, 2, 10)),
            ev("resumed", sh(3, 3, 16)),
        ],
        as_of=sh(3, 3, 17),
    )
    assert target(ticket, "report").deadline == sh(3, 5, 17, 30)


# -- tier changes ----------------------------------------------------------------------------


def test_retier_remeasures_from_the_original_start() -> None:
    # 2级 → 3级 at 10:10: respond is re-measured against 45分钟 from 10:00 → 10:45.
    # restore has no target in 3级 → not_applicable.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
            ev("retiered", sh(3, 2, 10, 10), tier="3级"),
        ],
        as_of=sh(3, 2, 10, 40),
    )
    assert (ticket.tier, ticket.tiers_seen) == ("3级", ("2级", "3级"))
    respond = target(ticket, "respond")
    assert (respond.deadline, respond.status) == (sh(3, 2, 10, 45), "running")
    assert target(ticket, "restore").status == "not_applicable"


def test_upgrade_never_backdates_the_deadline_before_the_change() -> None:
    # 2级 (restore 8h) → 1级 at 15:00: 4h from 10:00 is 14:00, before the change. SPEC §3.7:
    # "an upgrade never gives a deadline earlier than the change itself" → 15:00 (no
    # allowance in this SLA); still unrestored at 16:00 → breached, as a 1级 target.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
            ev("retiered", sh(3, 2, 15), tier="1级"),
        ],
        as_of=sh(3, 2, 16),
    )
    restore = target(ticket, "restore")
    assert (restore.deadline, restore.status, restore.tier) == (sh(3, 2, 15), "breached", "1级")


def test_downgrade_before_the_deadline_discharges_and_owes_the_new_tier() -> None:
    # guangxi 1级: "4小时内…直至系统可以运行或降至2-4级别". Downgraded to 2级 at 13:00 ≤ 14:00:
    # the 1级 target is discharged, and the ticket owes 2级's 8h from its report at 10:00 →
    # 18:00; never restored, so at 23:00 it is a 2级 breach.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("responded", sh(3, 2, 10, 5)),
            ev("retiered", sh(3, 2, 13), tier="2级"),
        ],
        as_of=sh(3, 2, 23),
    )
    restore = target(ticket, "restore")
    assert (restore.status, restore.stop, restore.met_by_downgrade) == ("breached", None, True)
    assert (restore.deadline, restore.tier) == (sh(3, 2, 18), "2级")


def test_downgrade_after_the_deadline_keeps_the_breach() -> None:
    # Downgraded at 15:00 > 14:00: the 4 hours had passed, so restore stays a 1级 breach
    # (deadline 14:00); 2级's 8 hours do not reopen it.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("retiered", sh(3, 2, 15), tier="2级"),
            ev("restored", sh(3, 2, 16)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.status, restore.deadline, restore.tier, restore.met_by_downgrade) == (
        "breached",
        sh(3, 2, 14),
        "1级",
        False,
    )


def test_retier_restart_restarts_the_clock_at_the_change() -> None:
    sla = """
    sla 故障 {
      calendar 全天
      metric restore from opened to restored
      retier restart
      tier A { restore 4小时 }
      tier B { restore 8小时 }
    }
    """
    # Opened 10:00 in A, moved to B at 12:00: the clock restarts, 12:00 + 8h = 20:00. The
    # two hours before the change stay in the downtime intervals, not in elapsed.
    ticket = run(
        sla,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="A"),
            ev("retiered", sh(3, 2, 12), tier="B"),
            ev("restored", sh(3, 2, 13)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.start, restore.deadline, restore.status) == (sh(3, 2, 12), sh(3, 2, 20), "met")
    assert restore.elapsed == H
    assert restore.intervals == ((sh(3, 2, 10), sh(3, 2, 12)), (sh(3, 2, 12), sh(3, 2, 13)))


# -- reopen, close, causes ----------------------------------------------------------------


def test_reopen_resumes_the_resolution_without_counting_the_gap() -> None:
    # restore 8h (2级): restored 11:00 (1h used), closed, reopened 13:00, restored 19:30:
    # the gap 11:00-13:00 does not count, so the deadline is 18:00 + 2h = 20:00 → met;
    # elapsed 1h + 6h30. respond (stopped 10:05, not the last stop) is not resumed.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
            ev("responded", sh(3, 2, 10, 5)),
            ev("restored", sh(3, 2, 11)),
            ev("closed", sh(3, 2, 11, 5)),
            ev("reopened", sh(3, 2, 13)),
            ev("restored", sh(3, 2, 19, 30)),
            ev("closed", sh(3, 2, 19, 35)),
        ],
    )
    restore = target(ticket, "restore")
    assert (restore.deadline, restore.stop, restore.status) == (
        sh(3, 2, 20),
        sh(3, 2, 19, 30),
        "met",
    )
    assert restore.elapsed == 7 * H + 30 * M
    assert target(ticket, "respond").stop == sh(3, 2, 10, 5)
    assert ticket.closed == sh(3, 2, 19, 35)


def test_reopened_ticket_without_a_new_stop_keeps_running() -> None:
    # Reopened at 13:00 and never restored again: at as_of 21:00 the deadline (20:00, see
    # above) has passed → breached, 1 day late.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
            ev("restored", sh(3, 2, 11)),
            ev("closed", sh(3, 2, 11, 5)),
            ev("reopened", sh(3, 2, 13)),
        ],
        as_of=sh(3, 2, 21),
    )
    restore = target(ticket, "restore")
    assert (restore.status, restore.stop, restore.days_late) == ("breached", None, 1)
    assert ticket.closed is None


def test_closed_without_stop_leaves_targets_running_or_breached() -> None:
    ticket = run(
        ROUND_THE_CLOCK,
        [ev("opened", sh(3, 2, 10), sla="故障", tier="2级"), ev("closed", sh(3, 2, 10, 20))],
        as_of=sh(3, 2, 11),
    )
    assert target(ticket, "respond").status == "breached"  # 10:30 < 11:00
    assert target(ticket, "restore").status == "running"  # 18:00 > 11:00


def test_exemption_makes_the_metric_not_applicable() -> None:
    # fujian-scjg "（突发应急事件除外）": restore exempt, respond still scored.
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("responded", sh(3, 2, 10, 30)),
            ev("attributed", sh(3, 2, 11), cause="突发应急事件"),
        ],
        as_of=sh(3, 2, 23),
    )
    assert target(ticket, "restore").status == "not_applicable"
    assert target(ticket, "respond").status == "breached"
    assert ticket.excluded is None


def test_exclusion_keeps_the_breaches_and_marks_the_ticket() -> None:
    ticket = run(
        ROUND_THE_CLOCK,
        [
            ev("opened", sh(3, 2, 10), sla="故障", tier="1级"),
            ev("responded", sh(3, 2, 10, 30)),
            ev("restored", sh(3, 2, 15)),
            ev("closed", sh(3, 2, 15, 1)),
            ev("attributed", sh(3, 2, 16), cause="采购人原因"),
        ],
    )
    assert ticket.excluded == "采购人原因"
    assert [t.status for t in ticket.targets] == ["breached", "breached"]


def test_tier_without_targets_and_metric_never_started_are_not_applicable() -> None:
    ticket = run(ROUND_THE_CLOCK, [ev("opened", sh(3, 2, 10), sla="故障", tier="4级")])
    assert [t.status for t in ticket.targets] == ["not_applicable", "not_applicable"]
    report = run(OFFICE, [ev("opened", sh(3, 2, 10), sla="故障", tier="一般")])
    assert target(report, "report").status == "not_applicable"
    assert target(report, "report").start is None


def test_days_late_round_up_to_whole_days() -> None:
    # respond 15分钟 from 10:00 → 10:15. Stops at +24h exactly → 1 day; +24h 1s → 2 days.
    base = [ev("opened", sh(3, 2, 10), sla="故障", tier="1级")]
    exact = run(ROUND_THE_CLOCK, [*base, ev("responded", sh(3, 3, 10, 15))])
    assert target(exact, "respond").days_late == 1
    more = run(ROUND_THE_CLOCK, [*base, ev("responded", sh(3, 3, 10, 15, 1))])
    assert target(more, "respond").days_late == 2


def test_met_exactly_at_the_deadline() -> None:
    ticket = run(
        ROUND_THE_CLOCK,
        [ev("opened", sh(3, 2, 10), sla="故障", tier="1级"), ev("responded", sh(3, 2, 10, 15))],
    )
    assert target(ticket, "respond").status == "met"


def test_closed_cannot_be_a_stop_event() -> None:
    # ``closed`` ends the ticket and stops no clock (docs/language.md §3, rule 5): a metric
    # that stops at it is refused by the checker (SLR212), so a helpdesk's automatic close
    # days after the fix can never be measured as the resolution.
    sla = """
    sla 咨询 {
      calendar 全天
      metric resolve from opened to resolved, closed
      tier 标准 { resolve 2小时 }
    }
    """
    with pytest.raises(slarules.RuleError) as caught:
        rules(sla)
    errors = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["SLR212"]
    assert "stops at “closed”, a ticket life-cycle event (it ends the ticket)" in errors[0].message


def test_timestamps_in_another_offset_give_the_same_result() -> None:
    # 02:00Z is 10:00 in Shanghai; the results are reported in the ruleset's timezone.
    utc = [
        {
            "type": "opened",
            "at": "2026-03-02T02:00:00Z",
            "ticket": "T1",
            "sla": "故障",
            "tier": "1级",
        }
    ]
    ticket = run(ROUND_THE_CLOCK, utc)
    assert target(ticket, "restore").deadline == sh(3, 2, 14)
    assert ticket.opened.utcoffset() == 8 * H


# -- deadlines() -----------------------------------------------------------------------------


def test_deadlines_for_a_new_ticket() -> None:
    # 一般 opened Wed 09-30 15:00 on 工作时间: respond 30分钟 → 15:30; resolve 1 workday →
    # 10-08 24:00. report starts at resolved, so it has no deadline yet.
    ruleset = rules(OFFICE)
    out = ruleset.deadlines("故障", "一般", "2026-09-30T15:00:00+08:00")
    assert out == {"respond": sh(9, 30, 15, 30), "resolve": sh(10, 9)}
    # 紧急 resolve 4小时: 15:00-17:30 (2h30), then 10-08 09:00 + 1h30 → 10:30.
    assert ruleset.deadlines("故障", "紧急", sh(9, 30, 15))["resolve"] == sh(10, 8, 10, 30)


def test_deadlines_name_the_known_slas_and_tiers() -> None:
    ruleset = rules(OFFICE)
    with pytest.raises(UsageError, match=r"unknown SLA 故 .*did you mean 故障"):
        ruleset.deadlines("故", "一般", sh(3, 2))
    with pytest.raises(UsageError, match="its tiers: 一般, 紧急"):
        ruleset.deadlines("故障", "特急", sh(3, 2))
    with pytest.raises(UsageError, match="no UTC offset"):
        ruleset.deadlines("故障", "一般", "2026-03-02T10:00:00")


def test_a_final_ticket_is_cached_until_a_later_event_touches_it() -> None:
    # Closed with both clocks stopped: final, its result cached at the first question. A
    # reopening afterwards must be seen: restore resumes at 13:00 with the gap not counted
    # (deadline 10:00 + 8h + 2h = 20:00), running at 14:00.
    tracker = Tracker(rules(ROUND_THE_CLOCK))
    for event in [
        ev("opened", sh(3, 2, 10), sla="故障", tier="2级"),
        ev("responded", sh(3, 2, 10, 5)),
        ev("restored", sh(3, 2, 11)),
        ev("closed", sh(3, 2, 11, 5)),
    ]:
        tracker.feed(event)
    before = tracker._engine.evidence(sh(3, 2, 12)).tickets[0]
    assert target(before, "restore").status == "met"
    # final: as_of-independent
    assert tracker._engine.evidence(sh(3, 2, 12, 30)).tickets[0] == before
    tracker.feed(ev("reopened", sh(3, 2, 13)))
    after = target(tracker._engine.evidence(sh(3, 2, 14)).tickets[0], "restore")
    assert (after.status, after.deadline, after.stop) == ("running", sh(3, 2, 20), None)
    tracker.feed(ev("attributed", sh(3, 2, 15), cause="突发应急事件"))
    assert target(tracker._engine.evidence().tickets[0], "restore").status == "not_applicable"
