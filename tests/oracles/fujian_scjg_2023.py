"""An independent oracle for fujian-scjg-2023, written from the contract text alone.

shared/contracts/fujian-scjg-2023.txt ("（四）服务要求" 3, 4, 6, 7) and the numbered readings of
docs/rulesets/fujian-scjg-2023.md. It imports nothing of slarules. From a list of SPEC §5
event objects it computes each ticket's targets (the 30-minute response in office hours, the
1-工作日 resolution and the 2-工作日 fault report, counted per the Civil Code), and per
服务月 the money: the month's twelfth, the withheld amount "合同总金额/12*（100-当月考核分数）%"
and the two flags.

The China calendar (statutory holidays and 调休 make-up workdays) comes from the `holidays`
package: a holiday is a rest day; a "Day off (substituted from MM/DD/YYYY)" names the weekend
day that is worked instead.

Reopenings (`closed` then `reopened`, reading 12 `reopen resumes resolve`): the one-工作日
resolution runs again from where the fix stopped it, the gap moving its deadline by whole
工作日; the response is given once; the fault report owed afresh from the next fix while it
was still in time. A tier change logged while the fault stood fixed applies at the
reopening (reading 11).

Left out: pauses (the SLA has no pause line).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import holidays

CST = timezone(timedelta(hours=8))
CENT = Decimal("0.01")
ZERO = timedelta(0)
CONTRACT_TOTAL = Decimal("360000")  # param contract_total (a documented placeholder)
TERM_START = date(2023, 3, 1)  # param start: "自合同签订之日起1年"
# Reading 1: "服务时间" = office hours on 工作日: 08:00-12:00, 14:30-17:30.
OFFICE_HOURS = ((time(8, 0), time(12, 0)), (time(14, 30), time(17, 30)))
RESPOND = timedelta(minutes=30)  # "运维服务商应在30分钟内响应" / "应确保在30分钟内回复"
# (tier → metric → target): minutes of office time, or a count of 工作日.
TARGETS: dict[str, dict[str, timedelta | int]] = {
    "故障": {
        "respond": RESPOND,
        "resolve": 1,
        "report": 2,
    },  # "1个工作日内…解决故障", "2个工作日内…《故障报告》"
    "咨询": {"respond": RESPOND},
}
METRICS = ("respond", "resolve", "report")
STOPS = {"respond": "responded", "resolve": "resolved", "report": "reported"}


@cache
def _china(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(rest days that would be weekdays, weekend days that are worked) of ``year``."""
    rest, worked = set(), set()
    for day, name in holidays.China(years=[year], language="en_US").items():
        rest.add(day)
        for found in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            worked.add(date(int(found[2]), int(found[0]), int(found[1])))
    return frozenset(rest), frozenset(worked)


def is_workday(day: date) -> bool:
    """A 工作日: Monday to Friday unless a holiday, or a make-up weekend day (调休)."""
    rest, worked = _china(day.year)
    _, worked_next = _china(day.year + 1)  # a make-up day may be announced with next year's
    if day in worked or day in worked_next:
        return True
    return day.weekday() < 5 and day not in rest


def parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(CST)


def _intervals(day: date) -> list[tuple[datetime, datetime]]:
    if not is_workday(day):
        return []
    return [(datetime.combine(day, a, CST), datetime.combine(day, b, CST)) for a, b in OFFICE_HOURS]


def office_time(start: datetime, end: datetime) -> timedelta:
    """Office time between two instants, day by day."""
    total = ZERO
    day = start.date()
    while day <= end.date():
        for a, b in _intervals(day):
            lo, hi = max(a, start), min(b, end)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


def add_office_time(start: datetime, amount: timedelta) -> datetime:
    """The first instant at which ``amount`` of office time has run from ``start``."""
    left = amount
    day = start.date()
    while True:
        for a, b in _intervals(day):
            lo = max(a, start)
            if b <= lo:
                continue
            if lo + left <= b:
                return lo + left
            left -= b - lo
        day += timedelta(days=1)


def workdays_after(start: datetime, count: int) -> datetime:
    """Reading 2 (Civil Code art. 201, 203): the day of ``start`` is not counted; the period
    ends at 24:00 of the ``count``-th 工作日 after it."""
    day = start.date()
    found = 0
    while found < count:
        day += timedelta(days=1)
        if is_workday(day):
            found += 1
    return datetime.combine(day + timedelta(days=1), time(0), CST)


def civil_days_after(start: datetime, count: int) -> datetime:
    """Reading 9: "合同签订后10日内": the signing day not counted, a last day that is a rest
    day moves to the next 工作日, ending at 24:00."""
    day = start.date() + timedelta(days=count)
    while not is_workday(day):
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time(0), CST)


def _deadline(start: datetime, target: timedelta | int) -> datetime:
    if isinstance(target, int):
        return workdays_after(start, target)
    return add_office_time(start, target)


Hole = tuple[datetime, datetime]  # from a fix to its reopening: the clock does not run


def _end_of_first_workday(t: datetime) -> datetime:
    """24:00 of the first 工作日 from the day of ``t`` (art. 203: a last day that is a rest
    day moves to the next working day)."""
    day = t.date()
    while not is_workday(day):
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time(0), CST)


def _workdays_between(a: datetime, b: datetime) -> int:
    """工作日 after the day of ``a`` up to and including the day of ``b`` (art. 201: the day
    of ``a`` is not counted)."""
    day, found = a.date(), 0
    while day < b.date():
        day += timedelta(days=1)
        found += is_workday(day)
    return found


def days_counted(start: datetime, count: int, holes: list[Hole]) -> datetime:
    """Reading 12: "1个工作日" across reopenings, counted in whole days. The days used before
    a fix are the 工作日 after the day the count began up to the day of the fix; the rest
    count again from the day after the reopening (not counted, as the report's day is not),
    ending at 24:00. With none left (fixed on its last day), due at the end of the day it
    reopened — moved, if that is a rest day, to the next 工作日 (art. 203). A gap that
    begins after the deadline moves nothing (already missed); one that begins at it holds
    the clock (at its deadline a target is not yet missed, SPEC §3.5)."""
    left, since = count, start
    due = workdays_after(start, count)
    for begin, end in holes:
        if begin > due:
            break
        left = max(0, left - _workdays_between(since, begin))
        since = end
        due = workdays_after(end, left) if left else _end_of_first_workday(end)
    return due


def _moved(instant: datetime, whole_days: bool, holes: list[Hole]) -> datetime:
    """An earlier deadline (a tier change's floor, or the earliest one a tier gave) moved by
    the gaps after it was set, as every deadline of the clock is: by whole days for a
    工作日 target (the 工作日 it still had after the day the gap began count again from the
    day after the reopening), by the gap's office time for the 30 minutes."""
    for begin, end in holes:
        if begin > instant:
            break
        if not whole_days:
            covered = office_time(begin, end)
            if covered:  # a gap with no office time moves nothing (not to the next opening)
                instant = add_office_time(instant, covered)
            continue
        last_day = instant - timedelta(microseconds=1)
        left = _workdays_between(begin, last_day)
        instant = workdays_after(end, left) if left else _end_of_first_workday(end)
    return instant


@dataclass
class Clock:
    """One metric of one ticket, as facts: its start, the gaps between a fix and its
    reopening (``holes``), its stop, the tier it is measured against, the floor a tier change
    left (instant, when), and the earliest deadline each tier it left gave (reading 11)."""

    metric: str
    start: datetime | None = None
    stop: datetime | None = None
    tier: str = ""
    holes: list[Hole] = field(default_factory=list)
    floor: tuple[datetime, datetime] | None = None
    left: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)

    def target(self) -> timedelta | int | None:
        return TARGETS[self.tier].get(self.metric) if self.tier else None

    def deadline(self) -> datetime | None:
        """The target from the start, moved by the gaps; never before the floor."""
        target = self.target()
        if self.start is None or target is None:
            return None
        if isinstance(target, int):
            due = days_counted(self.start, target, self.holes)
        else:
            due = _moved(add_office_time(self.start, target), False, self.holes)
        if self.floor is not None:
            due = max(due, self.moved_since(*self.floor))
        return due

    def moved_since(self, instant: datetime, since: datetime) -> datetime:
        later = [(max(a, since), b) for a, b in self.holes if b > since]
        whole_days = self.metric != "respond"  # 工作日 by whole days, else office time
        return _moved(instant, whole_days, later)


@dataclass
class Ticket:
    ticket: str
    opened: datetime
    tier: str
    emergency: bool = False  # attributed to 突发应急事件
    closed: bool = False
    clocks: dict[str, Clock] = field(default_factory=dict)


def _late(clock: Clock, end: datetime) -> bool:
    """Whether ``end`` is past the deadline: for an office-time target, once office time has
    run after it (language.md, clock semantics 3: due 17:30 and answered 17:31 used exactly
    its 30 minutes); for 工作日, after 24:00."""
    deadline = clock.deadline()
    assert deadline is not None
    if clock.metric == "respond":
        return office_time(deadline, end) > ZERO
    return end > deadline


def _begin(ticket: Ticket, clock: Clock, at: datetime) -> None:
    clock.start, clock.tier = at, ticket.tier


def _retier(ticket: Ticket, new_tier: str, at: datetime) -> None:
    ticket.tier = new_tier
    for clock in ticket.clocks.values():
        if clock.start is not None and clock.stop is None:
            _retier_clock(clock, new_tier, at)


def _retier_clock(clock: Clock, new_tier: str, at: datetime) -> None:
    """Reading 11 (`retier remeasure allow full`): a time run out stays breached; a running
    one is measured from the report against the new tier, never before the new tier's own
    time from the change, never later than the deadline it had, nor than the earliest the
    new tier gave it before (moved by the gaps since)."""
    old = clock.deadline()
    if old is not None and _late(clock, at):
        return  # a breach that has happened stays, under the tier it was missed in
    cap = clock.left.get(new_tier)
    if old is not None:
        kept = clock.left.get(clock.tier)
        if kept is None or clock.moved_since(*kept) > old:
            clock.left[clock.tier] = (old, at)
    clock.tier, clock.floor = new_tier, None
    target = clock.target()
    if target is None:
        return
    floor = _deadline(at, target)
    if old is not None:
        floor = min(floor, old)
    if cap is not None:
        floor = min(floor, max(clock.moved_since(*cap), at))
    after = clock.deadline()
    if after is not None and after < floor:
        clock.floor = (floor, at)


def _reopen(ticket: Ticket, at: datetime) -> None:
    """Reading 12 (`reopen resumes resolve`): the resolution runs again from where the fix
    stopped it, the gap not counted, owing the ticket's tier of the moment (a change logged
    while it stood fixed applies at the reopening, reading 11); the response is never owed
    again, and a ticket closed before its fix resumes nothing. The fault report that the
    undone fix started and that is still running in time is owed from the next fix ("故障处
    理结束后2个工作日内"); one delivered, or late at the reopening, stays (docs/language.md,
    clock semantics 4)."""
    ticket.closed = False
    resolve = ticket.clocks["resolve"]
    undone = resolve.stop
    if undone is None:
        return
    resolve.holes.append((undone, at))
    resolve.stop = None
    if resolve.tier != ticket.tier:
        _retier_clock(resolve, ticket.tier, at)
    report = ticket.clocks["report"]
    if report.start is not None and report.stop is None and report.start >= undone:
        due = report.deadline()
        if due is None or not _late(report, at):
            ticket.clocks["report"] = Clock("report")


def status(ticket: Ticket, clock: Clock, as_of: datetime) -> str:
    if clock.metric == "resolve" and ticket.emergency:
        return "not_applicable"  # "（突发应急事件除外）", reading 3
    if clock.start is None or clock.deadline() is None:
        return "not_applicable"
    if clock.stop is not None:
        return "breached" if _late(clock, clock.stop) else "met"
    return "breached" if _late(clock, as_of) else "running"


def month_of(at: datetime) -> int | None:
    """Reading 4: 服务月 N runs from the N-th monthly anniversary of the start (art. 202)."""
    for n in range(1, 13):
        lo = _anniversary(n - 1)
        hi = _anniversary(n)
        if lo <= at < hi:
            return n
    return None


def _anniversary(months: int) -> datetime:
    year = TERM_START.year + (TERM_START.month - 1 + months) // 12
    month = (TERM_START.month - 1 + months) % 12 + 1
    return datetime(year, month, TERM_START.day, tzinfo=CST)


@dataclass
class MonthResult:
    score: Decimal | None
    base: Decimal
    withheld: Decimal
    payable: Decimal | None
    damages_flag: bool  # 违约金请求权
    rescind_flag: bool  # 解除合同权


@dataclass
class OracleResult:
    tickets: dict[str, dict[str, tuple[str, datetime | None]]]
    months: dict[int, MonthResult]


def _money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def evaluate(
    events: list[dict[str, Any]], as_of: datetime, contract_total: Decimal = CONTRACT_TOTAL
) -> OracleResult:
    # Events after the evaluation time are not evaluated (those at it are).
    kept = [e for e in events if parse_at(e["at"]) <= as_of]
    ordered = sorted(enumerate(kept), key=lambda p: (parse_at(p[1]["at"]), p[0]))
    tickets: dict[str, Ticket] = {}
    scores: dict[int, Decimal] = {}
    incidents = dict.fromkeys(range(1, 13), 0)
    signed: datetime | None = None
    delivered: datetime | None = None
    for _, event in ordered:
        at, kind = parse_at(event["at"]), event["type"]
        if kind == "opened":
            t = Ticket(event["ticket"], at, event["tier"])
            t.clocks = {m: Clock(m) for m in METRICS}
            tickets[t.ticket] = t
            for metric in ("respond", "resolve"):
                _begin(t, t.clocks[metric], at)
        elif kind == "retiered":
            _retier(tickets[event["ticket"]], event["tier"], at)
        elif kind == "closed":
            tickets[event["ticket"]].closed = True
        elif kind == "reopened":
            _reopen(tickets[event["ticket"]], at)
        elif kind == "attributed":
            tickets[event["ticket"]].emergency = event["cause"] == "突发应急事件"
        elif kind in ("responded", "resolved", "reported"):
            t = tickets[event["ticket"]]
            for metric, stop in STOPS.items():
                clock = t.clocks[metric]
                if stop == kind and clock.start is not None and clock.stop is None:
                    clock.stop = at
            if kind == "resolved" and t.clocks["report"].start is None:
                # "要求故障处理结束后2个工作日内，提交《故障报告》": from the resolution.
                _begin(t, t.clocks["report"], at)
        elif kind == "score":
            number = int(event["period"].split(":")[1]) if "period" in event else month_of(at)
            if number is not None:
                scores[number] = Decimal(str(event["score"]))
        elif kind == "occurrence":
            number = month_of(at)
            if number is not None and event["kind"] == "严重安全保密事故":
                incidents[number] += int(event.get("count", 1))
        elif kind == "milestone" and event["name"] == "signed" and signed is None:
            signed = at
        elif kind == "delivered" and delivered is None:
            delivered = at
    report = {
        t.ticket: {
            m: (
                status(t, c, as_of),
                c.deadline() if status(t, c, as_of) != "not_applicable" else None,
            )
            for m, c in t.clocks.items()
        }
        for t in tickets.values()
    }
    # "成交人须在合同签订后10日内…提交实施计划和运维方案，否则…有权单方面解除合同"
    rescind_month = None
    if signed is not None:
        due = civil_days_after(signed, 10)
        end = delivered if delivered is not None else as_of
        if end > due:
            rescind_month = month_of(due) or (1 if due < _anniversary(0) else 12)
    months = {}
    twelfth = _money(contract_total / 12)
    for n in range(1, 13):
        # Reading 10: months 1-11 are paid the twelfth rounded to the cent, month 12 the rest,
        # so the twelve add up to 合同总金额; month 12's formula reads its own base.
        base = twelfth if n < 12 else contract_total - 11 * twelfth
        month_amount = contract_total / 12 if n < 12 else base
        score = scores.get(n)
        withheld = Decimal(0)
        flag = False
        if score is not None and (score < 80 or incidents[n] > 0):
            # "采购人有权不予支付当月的金额（合同总金额/12*（100-当月考核分数）%）", once a month
            # (reading 7), exercised (reading 6).
            withheld = _money(month_amount * (100 - score) / 100)
            flag = True
        payable = None if score is None else base - withheld
        months[n] = MonthResult(score, base, withheld, payable, flag, rescind_month == n)
    return OracleResult(report, months)


__all__ = ["evaluate", "is_workday", "math", "parse_at"]
