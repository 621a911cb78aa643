"""An independent oracle for guangxi-gat-2024, written from the contract text
(shared/contracts/guangxi-gat-2024.txt) and the numbered readings of its walkthrough
(docs/rulesets/guangxi-gat-2024.md), never from slarules' code or output.

It imports nothing of slarules: the standard library, and ``holidays`` for the State
Council's rest days and make-up workdays. From a list of SPEC §5 events it computes, per
ticket, each target's deadline, status and days late; per 考核周期 the two sheets' scores,
the composite and the money (表3 deduction, the one bond, the cash and the payable).

It is plain on purpose: calendars walk day by day, clocks are replayed event by event, and
every rule quotes its clause. What it leaves out is listed in docs/testing.md ("The
guangxi oracle").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Asia/Shanghai")
D = Decimal
CENT = D("0.01")
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)

# ---- days: State Council schedule ------------------------------------------------------


@cache
def _china_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(rest days, make-up workdays) of one year. ``holidays`` lists the statutory holidays
    and the days off moved by 调休 ("Day off (substituted from MM/DD/YYYY)"); the date named
    in that label is the make-up workday (a Saturday or Sunday that is worked)."""
    rest: set[date] = set()
    makeup: set[date] = set()
    # A day off may be moved from a weekend day of the neighbouring year (a New Year's day
    # off worked on a late-December weekend), so read the years either side too.
    for y in (year - 1, year, year + 1):
        for day, name in holidays.China(years=y, language="en_US").items():
            if day.year == year:
                rest.add(day)
            for found in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
                moved = date(int(found[2]), int(found[0]), int(found[1]))
                if moved.year == year:
                    makeup.add(moved)
    return frozenset(rest), frozenset(makeup)


def is_china_workday(day: date) -> bool:
    """SPEC §3.4: statutory holidays rest, make-up workdays (调休) work, else Mon–Fri."""
    rest, makeup = _china_year(day.year)
    if day in makeup:
        return True
    if day in rest:
        return False
    return day.weekday() < 5


def local(instant: datetime) -> datetime:
    return instant.astimezone(TZ)


def midnight_after(day: date) -> datetime:
    """24:00 of ``day`` (Civil Code art. 203: the last day ends at 24:00)."""
    return datetime.combine(day + DAY, time(0), TZ)


def civil_days_after(instant: datetime, n: int) -> datetime:
    """ "故障排除后3天内": Civil Code art. 201–203 — the day of the instant is not counted, the
    period ends at 24:00 of the n-th day, moved to the next working day when that is a rest
    day (reading 7)."""
    last = local(instant).date() + timedelta(days=n)
    while not is_china_workday(last):
        last += DAY
    return midnight_after(last)


def workdays_after(day: date, n: int) -> datetime:
    """ "N个工作日内" from a day: the day is not counted; only working days of the State
    Council schedule count; it ends at 24:00 of the n-th (readings 11, 16, 17)."""
    counted = 0
    while counted < n:
        day += DAY
        if is_china_workday(day):
            counted += 1
    return midnight_after(day)


# ---- calendars: working time -------------------------------------------------------------


def _full_day(day: date) -> list[tuple[time, time | None]]:
    # "中标人须提供7×24小时技术支持服务": the whole day (None = 24:00).
    return [(time(0), None)]


def _office(day: date) -> list[tuple[time, time | None]]:
    # "提供5*8小时电话在线服务" (reading 3: Mon–Fri 08:00–12:00, 14:00–18:00, State Council days).
    if not is_china_workday(day):
        return []
    return [(time(8), time(12)), (time(14), time(18))]


def _tongda(day: date) -> list[tuple[time, time | None]]:
    # "服务时间： 7*12h（7为每周一道周日，12h为每天09:00-21:00）" (reading 3: holidays too).
    return [(time(9), time(21))]


CALENDARS = {"全天": _full_day, "工作时间": _office, "通达服务时间": _tongda}


def _intervals(calendar: str, day: date) -> list[tuple[datetime, datetime]]:
    out = []
    for begin, end in CALENDARS[calendar](day):
        stop = midnight_after(day) if end is None else datetime.combine(day, end, TZ)
        out.append((datetime.combine(day, begin, TZ), stop))
    return out


def working_time(calendar: str, start: datetime, end: datetime) -> timedelta:
    """Working time of ``calendar`` between two instants, day by day."""
    if end <= start:
        return timedelta(0)
    total = timedelta(0)
    day = local(start).date()
    while datetime.combine(day, time(0), TZ) < end:
        for begin, stop in _intervals(calendar, day):
            lo, hi = max(begin, start), min(stop, end)
            if hi > lo:
                total += hi - lo
        day += DAY
    return total


def add_working(calendar: str, start: datetime, amount: timedelta) -> datetime:
    """The instant at which ``amount`` of working time has elapsed from ``start`` (clock
    semantics 1–2: a clock starting outside working time starts at the next working
    instant; a deadline at the end of a working interval is that end)."""
    left = amount
    day = local(start).date()
    while True:
        for begin, stop in _intervals(calendar, day):
            lo = max(begin, start)
            if stop <= lo:
                continue
            if left == timedelta(0):
                return lo
            if stop - lo >= left:
                return lo + left
            left -= stop - lo
        day += DAY


# ---- the rule file's SLAs, from the contract ---------------------------------------------

# 六、服务要求（二）: "1级…15分钟内响应，4小时内…；2级…30分钟内响应，8小时内…；3级…45分钟内
# 响应，24小时内…；4级…60分钟内响应，48小时内…"; "须在故障排除后3天内提交《故障处理及分析报告》".
EVENT_TIERS = ["1级", "2级", "3级", "4级"]
EVENT_TARGETS = {
    "1级": {"respond": 15 * MINUTE, "resolve": 4 * HOUR},
    "2级": {"respond": 30 * MINUTE, "resolve": 8 * HOUR},
    "3级": {"respond": 45 * MINUTE, "resolve": 24 * HOUR},
    "4级": {"respond": 60 * MINUTE, "resolve": 48 * HOUR},
}


@dataclass(frozen=True)
class Metric:
    name: str
    start: str  # start event
    stops: tuple[str, ...]
    calendar: str


@dataclass(frozen=True)
class Sla:
    calendar: str
    metrics: tuple[Metric, ...]
    targets: dict[str, dict[str, timedelta]]  # tier -> metric -> duration
    reopen: tuple[str, ...]  # metrics a reopening resumes (reading 23)


def _m(name: str, start: str, stops: tuple[str, ...], calendar: str) -> Metric:
    return Metric(name, start, stops, calendar)


SLAS: dict[str, Sla] = {
    "事件": Sla(
        "全天",
        (
            _m("respond", "opened", ("responded",), "全天"),
            _m("resolve", "opened", ("resolved",), "全天"),
            _m("report", "resolved", ("reported",), "全天"),
        ),
        EVENT_TARGETS,
        ("resolve",),
    ),
    # 附件1 5.x E总队: "必须在1小时内做出响应；对于远程不能解决的问题，必须确保在24小时之内到场
    # 解决问题" (reading 5: the on-site clock also stops at the fix).
    "E总队系统": Sla(
        "全天",
        (
            _m("respond", "opened", ("responded",), "全天"),
            _m("arrive", "opened", ("arrived", "resolved"), "全天"),
            _m("resolve", "opened", ("resolved",), "全天"),
            _m("report", "resolved", ("reported",), "全天"),
        ),
        {"服务请求": {"respond": HOUR, "arrive": 24 * HOUR}},
        ("arrive", "resolve"),
    ),
    # 附件1 8.7: "提供5*8小时电话在线服务，对故障在1小时内响应，12小时以内提出问题解决方案所采取
    # 的措施" (reading 4: the measures or the fix, whichever first).
    "CGYWZHJG平台": Sla(
        "工作时间",
        (
            _m("respond", "opened", ("responded",), "工作时间"),
            _m("resolve", "opened", ("workaround", "resolved"), "工作时间"),
            _m("report", "resolved", ("reported",), "工作时间"),
        ),
        {"故障": {"respond": HOUR, "resolve": 12 * HOUR}},
        ("resolve",),
    ),
    # 附件1 12.11: "响应时间为2h"; the report on 全天 (reading 22); `fix` has no target.
    "通达协同办公": Sla(
        "通达服务时间",
        (
            _m("respond", "opened", ("responded",), "通达服务时间"),
            _m("fix", "opened", ("resolved",), "通达服务时间"),
            _m("report", "resolved", ("reported",), "全天"),
        ),
        {"服务请求": {"respond": 2 * HOUR}},
        ("fix",),
    ),
}
REPORT_DAYS = 3  # "须在故障排除后3天内提交《故障处理及分析报告》"
EXCLUDED_CAUSES = {"采购人原因", "第三方原因", "不可抗力"}


# ---- one ticket's clocks ------------------------------------------------------------------


@dataclass
class Clock:
    """One target of one ticket (clock semantics 1–4)."""

    metric: Metric
    tier: str
    start: datetime | None = None
    deadline: datetime | None = None
    stop: datetime | None = None
    frozen: bool = False  # breached before a tier change: stays (SPEC §3.7)
    earliest: dict[str, datetime] = field(default_factory=dict)  # tier -> earliest deadline
    # Time between a fix and its reopening, which "does not count" (SPEC §3.8); only the
    # tiered SLA (事件, 7×24) remeasures after a change, so it is plain elapsed time.
    not_counted: timedelta = timedelta(0)

    def status(self, as_of: datetime) -> str:
        if self.start is None or self.deadline is None:
            return "not_applicable"
        if self.frozen:
            return "breached"
        if self.stop is not None:
            return "met" if self.in_time(self.stop) else "breached"
        return "breached" if not self.in_time(as_of) else "running"

    def in_time(self, at: datetime) -> bool:
        """Met at ``at``: at or before the deadline (SPEC §3.5); on a calendar with hours,
        a stop in the gap after a deadline that ends a working period used no more working
        time than the target (clock semantics 3)."""
        assert self.deadline is not None
        if at <= self.deadline:
            return True
        return self.metric.name != "report" and working_time(
            self.metric.calendar, self.deadline, at
        ) == timedelta(0)

    def days_late(self, as_of: datetime) -> int:
        """ "每逾期1天扣0.2分": started days after the deadline (clock semantics 6)."""
        if self.deadline is None or self.start is None:
            return 0
        end = self.stop if self.stop is not None else as_of
        if end <= self.deadline:
            return 0
        return math.ceil((end - self.deadline) / DAY)


@dataclass
class Ticket:
    ticket: str
    sla: str
    tier: str
    opened: datetime
    assessor: str | None
    cause: str | None = None
    clocks: dict[str, Clock] = field(default_factory=dict)
    closed: bool = False
    paused_at: datetime | None = None

    @property
    def excluded(self) -> bool:
        return self.cause in EXCLUDED_CAUSES


def _target(sla: Sla, tier: str, metric: str) -> timedelta | None:
    return sla.targets[tier].get(metric)


def _deadline_from(clock: Clock, start: datetime, amount: timedelta) -> datetime:
    return add_working(clock.metric.calendar, start, amount)


def _start_clock(ticket: Ticket, clock: Clock, at: datetime) -> None:
    sla = SLAS[ticket.sla]
    clock.start, clock.stop, clock.frozen = at, None, False
    clock.not_counted = timedelta(0)
    clock.tier = ticket.tier
    if clock.metric.name == "report":
        clock.deadline = civil_days_after(at, REPORT_DAYS)
        return
    amount = _target(sla, ticket.tier, clock.metric.name)
    clock.deadline = None if amount is None else _deadline_from(clock, at, amount)
    if clock.deadline is not None:
        clock.earliest = {ticket.tier: clock.deadline}


def _retier(ticket: Ticket, clock: Clock, new: str, at: datetime) -> None:
    """ "或降至2-4级别" and a change of level (reading 1, `retier remeasure allow full`):
    a time that ran out before the change stays a breach of the old level; otherwise the new
    level's time from the report, but never before the new level's time counted from the
    change, capped by the deadline the clock had (an upgrade never gives more time) and by
    the earliest deadline it had under the new level (a level raised back gives no more)."""
    sla = SLAS[ticket.sla]
    old_deadline = clock.deadline
    if clock.metric.name == "report" or clock.start is None or old_deadline is None:
        clock.tier = new
        return
    if old_deadline < at:  # passed before the change: a breach of the old level
        clock.frozen = True
        return
    amount = _target(sla, new, clock.metric.name)
    assert amount is not None
    # from its report, plus the time that did not count (clock semantics 2)
    from_start = _deadline_from(clock, clock.start, amount) + clock.not_counted
    floor = min(_deadline_from(clock, at, amount), old_deadline)
    if new in clock.earliest:
        floor = min(floor, max(clock.earliest[new], at))
    clock.deadline = max(from_start, floor)
    clock.tier = new
    clock.earliest[new] = min(clock.earliest.get(new, clock.deadline), clock.deadline)


def _resume(ticket: Ticket, clock: Clock, at: datetime) -> None:
    """ "reopened" (reading 23): the fix did not hold, the clock runs again; the time between
    the fix and the reopening does not count, so the deadline moves by it. A fix that was
    late stays late."""
    assert clock.stop is not None
    if clock.deadline is None:  # no target (通达's fix): only the 排除 is undone
        clock.stop = None
        return
    if not clock.in_time(clock.stop):
        clock.frozen = True
        return
    gap = working_time(clock.metric.calendar, clock.stop, at)
    shift = at - clock.stop
    clock.not_counted += shift
    clock.stop = None
    if gap > timedelta(0):  # the deadline moves by the working time of the gap
        clock.deadline = add_working(clock.metric.calendar, clock.deadline, gap)
    # the earlier deadlines of other tiers move by the time the clock did not run
    clock.earliest = {tier: when + shift for tier, when in clock.earliest.items()}


def _release(ticket: Ticket, at: datetime) -> None:
    """`pause all` ("因采购人或第三方导致的延迟…不参与评价", reading 2): the working time a
    pause covered moves the deadline of every clock it held."""
    began, ticket.paused_at = ticket.paused_at, None
    if began is None:
        return
    for clock in ticket.clocks.values():
        if clock.start is not None and clock.stop is None and not clock.frozen:
            _hold(clock, began, at)


def _hold(clock: Clock, began: datetime, until: datetime) -> None:
    """Move one clock's deadline by the working time it was held, from the later of the
    pause and its start until ``until`` (the resume, the close, its own stop during the
    pause, or as-of); a deadline already passed when the hold began stays passed."""
    if clock.deadline is None or clock.start is None:
        return
    since = max(began, clock.start)
    if clock.deadline < since:
        return
    held = working_time(clock.metric.calendar, since, until)
    if held > timedelta(0):
        clock.deadline = add_working(clock.metric.calendar, clock.deadline, held)
        clock.not_counted += held
        clock.earliest = {tier: when + held for tier, when in clock.earliest.items()}


def _on_ticket_event(ticket: Ticket, kind: str, at: datetime, ev: dict[str, Any]) -> None:
    sla = SLAS[ticket.sla]
    if kind == "retiered":
        new = ev["tier"]
        if new == ticket.tier:  # the level it has: no change of level
            return
        if ticket.paused_at is not None:
            # A held clock has not run out during the pause: account the hold so far,
            # then hold on from the change (the new time also counts only after resuming).
            _release(ticket, at)
            ticket.paused_at = at
        for clock in ticket.clocks.values():
            if clock.stop is None and not clock.frozen:
                _retier(ticket, clock, new, at)
        ticket.tier = new
        return
    if kind == "attributed":
        ticket.cause = ev["cause"]
        return
    if kind == "paused":
        ticket.paused_at = at
        return
    if kind == "resumed":
        _release(ticket, at)
        return
    if kind == "closed":
        _release(ticket, at)  # clock semantics 5: a close ends an open pause
        ticket.closed = True
        return
    if kind == "reopened":
        stopped = [
            ticket.clocks[m]
            for m in sla.reopen
            if ticket.clocks[m].stop is not None and not ticket.clocks[m].frozen
        ]
        if stopped:
            last = max(c.stop for c in stopped if c.stop is not None)
            for clock in stopped:
                if clock.stop == last:
                    _resume(ticket, clock, at)
                    if clock.tier != ticket.tier and clock.stop is None and not clock.frozen:
                        _retier(ticket, clock, ticket.tier, at)
        report = ticket.clocks["report"]
        # Clock semantics 4: a report still running in time starts afresh at the next fix.
        if report.start is not None and report.stop is None and report.in_time(at):
            report.start, report.deadline = None, None
        return
    for clock in ticket.clocks.values():
        if clock.start is not None and clock.stop is None and kind in clock.metric.stops:
            if ticket.paused_at is not None and not clock.frozen:
                _hold(clock, ticket.paused_at, at)  # stopped while held
            clock.stop = at
    if kind == "resolved":
        report = ticket.clocks["report"]
        if report.start is None:
            _start_clock(ticket, report, at)


# ---- replay --------------------------------------------------------------------------------


def parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Params:
    contract_total: Decimal = D("10000000")
    start: date = date(2024, 9, 2)
    small_firm: bool = False
    mid_due: date = date(2025, 12, 31)


@dataclass
class Result:
    tickets: dict[str, Ticket]
    cycles: list[dict[str, Any]]


def ordered(events: list[dict[str, Any]]) -> list[tuple[datetime, dict[str, Any]]]:
    """SPEC §5: "Events are processed in order of `at`, ties in file order"; "a repeated id
    is a duplicate, reported and dropped" (the first in the file stays)."""
    seen: set[str] = set()
    kept = []
    for e in events:
        if "id" in e:
            if e["id"] in seen:
                continue
            seen.add(e["id"])
        kept.append(e)
    keyed = [(parse_at(e["at"]), i, e) for i, e in enumerate(kept)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [(at, e) for at, _, e in keyed]


def replay_tickets(events: list[dict[str, Any]], as_of: datetime) -> dict[str, Ticket]:
    tickets: dict[str, Ticket] = {}
    for at, ev in ordered(events):
        if "ticket" not in ev or ev["type"] == "occurrence":
            continue
        if ev["type"] == "opened":
            sla = SLAS[ev["sla"]]
            ticket = Ticket(ev["ticket"], ev["sla"], ev["tier"], at, ev.get("assessor"))
            for metric in sla.metrics:
                ticket.clocks[metric.name] = Clock(metric, ev["tier"])
                if metric.start == "opened":
                    _start_clock(ticket, ticket.clocks[metric.name], at)
            tickets[ev["ticket"]] = ticket
        else:
            _on_ticket_event(tickets[ev["ticket"]], ev["type"], at, ev)
    for ticket in tickets.values():  # a pause still open holds its clocks up to as-of
        if ticket.paused_at is not None:
            _release(ticket, max(as_of, ticket.paused_at))
    return tickets


# ---- scores ---------------------------------------------------------------------------------

# 表2 note: "服务总队最终加权评分=厅政治部*8.3%+…+禁毒总队*8.3%+科技信息化总队*8.7%".
DEPARTMENTS = {
    "厅政治部": D("0.083"),
    "警令指挥部": D("0.083"),
    "警务督察总队": D("0.083"),
    "经济犯罪侦查总队": D("0.083"),
    "治安警察总队": D("0.083"),
    "刑事侦查总队": D("0.083"),
    "监所管理总队": D("0.083"),
    "交通警察总队": D("0.083"),
    "机场公安局": D("0.083"),
    "警务保障部": D("0.083"),
    "禁毒总队": D("0.083"),
    "科技信息化总队": D("0.087"),
}
SUPERVISOR = "监理"
# 故障响应: "不能…及时提供电话应急支持或现场技术支持，每发生一次，扣2分；不能在规定时间内恢复
# 正常运行，每发生一次，扣2分" (readings 4, 6, 18): the timed targets of every SLA but 通达's fix.
BREACH_METRICS = {
    "事件": ("respond", "resolve"),
    "E总队系统": ("respond", "arrive"),
    "CGYWZHJG平台": ("respond", "resolve"),
    "通达协同办公": ("respond",),
}


def cycle_bounds(params: Params, k: int) -> tuple[datetime, datetime]:
    """ "自合同签订通过科信办验收后，每12个月为一个考核周期" (art. 202: months end on the
    corresponding date)."""
    s = params.start
    begin = date(s.year + k - 1, s.month, s.day)
    end = date(s.year + k, s.month, s.day)
    return datetime.combine(begin, time(0), TZ), datetime.combine(end, time(0), TZ)


def _sees(sheet: str, assessor: str | None) -> bool:
    """Reading 10: evidence tagged with an assessor counts on that sheet only; untagged on
    every sheet."""
    return assessor is None or assessor == sheet


def _ticket_sees(sheet: str, ticket: Ticket) -> bool:
    """Reading 20: a department's ticket counts on its own 表2 sheet and on 表1."""
    return sheet == SUPERVISOR or ticket.assessor is None or ticket.assessor == sheet


def _item(maximum: int, deducted: Decimal, floor: bool = True) -> Decimal:
    """ "扣完即止" (floor at zero) or "扣分不设下限" (no floor)."""
    score = D(maximum) - deducted
    return max(score, D(0)) if floor else score


def deliverable_days_late(
    events: list[dict[str, Any]], as_of: datetime
) -> list[tuple[datetime, str, int]]:
    """ "若未按时交付，每逾期1天扣0.2分": per due time (a `due` event, or 合同履约清单's
    "合同签订后10个工作日内", reading 11), the started days until its delivery, or until as-of
    while missing. Deliveries fill the oldest due of the same deliverable; one before any
    due waits for the next (docs/events.md)."""
    open_dues: dict[str, list[datetime]] = {}
    early: dict[str, int] = {}
    out: list[tuple[datetime, str, int]] = []
    timeline: list[tuple[datetime, int, str, str]] = []
    for i, (at, ev) in enumerate(ordered(events)):
        if ev["type"] == "due":
            timeline.append((at, i, "due", ev["deliverable"]))
        elif ev["type"] == "delivered":
            timeline.append((at, i, "delivered", ev["deliverable"]))
        elif ev["type"] == "milestone" and ev["name"] == "signed":
            due = workdays_after(local(at).date(), 10)
            timeline.append((due, i, "due", "合同履约清单"))
        elif ev["type"] == "milestone" and ev["name"] == "paid":
            # "中标人每次收到采购人的合同款之日起3个工作日内开具发票" (reading 17)
            timeline.append((workdays_after(local(at).date(), 3), i, "due", "发票"))
    timeline.sort(key=lambda x: (x[0], x[1]))
    for at, _, kind, name in timeline:
        if kind == "due":
            if early.get(name):
                early[name] -= 1
                out.append((at, name, 0))
            else:
                open_dues.setdefault(name, []).append(at)
        elif open_dues.get(name):
            due = open_dues[name].pop(0)
            out.append((due, name, math.ceil((at - due) / DAY) if at > due else 0))
        else:
            early[name] = early.get(name, 0) + 1
    for name, dues in open_dues.items():
        out += [(due, name, math.ceil((as_of - due) / DAY) if as_of > due else 0) for due in dues]
    return out


def _sheet_score(
    sheet: str,
    tickets: list[Ticket],
    occurrences: list[dict[str, Any]],
    excluded: set[str],
    as_of: datetime,
    late_days: int = 0,
) -> Decimal:
    count: dict[str, int] = {}
    judged = D(0)
    security_tickets = {
        o.get("ticket") for o in occurrences if o["kind"] == "安全运行事件" and o.get("ticket")
    }
    for o in occurrences:
        if not _sees(sheet, o.get("assessor")) or o.get("ticket") in excluded:
            continue
        kind = o["kind"]
        # "若因故障导致安全运行事件，则参照安全运行事件指标进行评价"
        if kind == "系统运行故障" and o.get("ticket") and o.get("ticket") in security_tickets:
            continue
        n = int(o.get("count", 1))
        count[kind] = count.get(kind, 0) + n
        if kind == "安全运行事件":
            judged += D(str(o["points"])) * n
    breaches = 0
    days_late = 0
    for t in tickets:
        if t.excluded or not _ticket_sees(sheet, t):
            continue
        for metric in BREACH_METRICS[t.sla]:
            if t.clocks[metric].status(as_of) == "breached":
                breaches += 1
        days_late += t.clocks["report"].days_late(as_of)
    c = count.get
    response = _item(20, 2 * D(breaches) + D("0.2") * days_late)
    faults = _item(15, 5 * D(c("系统运行故障", 0)), floor=False)
    security = _item(20, judged, floor=False)
    # "每累计发生三次，扣5分" (reading 8): whole threes within the cycle.
    onsite_points = 2 * D(c("驻点缺席", 0)) + D("2.5") * c("拒不改正", 0)
    onsite_points += 5 * D(c("非工作时间失联", 0) // 3)
    inspection = _item(20, 2 * D(c("未按时巡检", 0)) + 5 * D(c("巡检未发现异常", 0)))
    if sheet == SUPERVISOR:
        timeliness = _item(5, D("0.2") * late_days)  # 表1 履约材料提交及时率 only
        quality = _item(10, D("0.2") * c("材料退回修改", 0))
        onsite = _item(10, onsite_points)
        return timeliness + quality + faults + security + response + onsite + inspection
    quality = _item(10, D("0.5") * c("材料质量问题", 0))
    onsite = _item(15, onsite_points)
    return quality + faults + security + response + onsite + inspection


def band_percent(score: Decimal) -> Decimal:
    """表3: "95≤得分≤100 0%; 90≤得分<95 2%; 85≤得分<90 5%; 80≤得分<85 7%; 得分<80 20%"."""
    if score >= 95:
        return D(0)
    if score >= 90:
        return D(2)
    if score >= 85:
        return D(5)
    if score >= 80:
        return D(7)
    return D(20)


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def evaluate(events: list[dict[str, Any]], as_of: datetime, params: Params) -> Result:
    tickets = replay_tickets(events, as_of)
    excluded = {t.ticket for t in tickets.values() if t.excluded}
    occurrences = [(at, e) for at, e in ordered(events) if e["type"] == "occurrence"]
    milestones = [(at, e["name"]) for at, e in ordered(events) if e["type"] == "milestone"]
    total = params.contract_total
    # "交纳合同金额的3%作为履约保证金（中小微企业为合同金额的2%）" — one account (reading 16).
    bond = money(total * (D(2) if params.small_firm else D(3)) / 100)
    due = _milestone_dues(milestones, occurrences, params)
    late_dues = deliverable_days_late(events, as_of)
    cycles = []
    for k in (1, 2):
        begin, end = cycle_bounds(params, k)
        in_cycle = [t for t in tickets.values() if begin <= t.opened < end]
        occ = [e for at, e in occurrences if begin <= at < end]
        dues_k = [
            (name, n)
            for due, name, n in late_dues
            # a typed `due` outside the term counts nowhere; a computed one (合同履约清单,
            # 发票) before it in the first cycle, after it in the last (docs/events.md)
            if _due_cycle(due, params, computed=name in COMPUTED_DUES) == k
        ]
        # 发票 counts in no item (only in the flag below)
        late = sum(n for name, n in dues_k if name != "发票")
        kinds = {e["kind"] for e in occ}
        flags = set()
        # "中标人未开具足额发票的，采购人有权暂停支付后一阶段合同款" (reading 17)
        if any(n > 0 for name, n in dues_k if name == "发票"):
            flags.add("暂停支付后一阶段合同款")
        if "失泄密事件" in kinds:  # "发生失泄密事件即终止合同"
            flags.add("终止合同")
        if "更换后仍不合格" in kinds:  # "若更换人员3次后仍不合格的…采购人可取消双方的采购合同"
            flags.add("取消合同权")
        supervisor = _sheet_score(SUPERVISOR, in_cycle, occ, excluded, as_of, late)
        sheets = {d: _sheet_score(d, in_cycle, occ, excluded, as_of) for d in DEPARTMENTS}
        teams = sum((w * sheets[d] for d, w in DEPARTMENTS.items()), D(0))
        final = supervisor * D("0.5") + teams * D("0.5")
        # "每个考核周期扣减金额独立计算，均以合同总价作为扣减基准" (reading 13).
        deduction = money(total * band_percent(final) / 100)
        from_bond = min(deduction, bond)
        opening = bond
        bond -= from_bond
        cash = sum((amount for when, amount in due if _cycle_of(when, params) == k), D(0))
        rest = deduction - from_bond
        cycles.append(
            {
                "period": f"考核周期:{k}",
                "监理评分": supervisor,
                "服务总队评分": teams,
                "最终得分": final,
                "deduction": deduction,
                "bond_opening": opening,
                "bond_deducted": from_bond,
                "bond_remaining": bond,
                "cash": cash,
                "payable": max(cash - rest, D(0)),
                "refund": max(rest - cash, D(0)),
                "flags": sorted(flags),
            }
        )
    return Result(tickets, cycles)


COMPUTED_DUES = {"合同履约清单", "发票"}


def _due_cycle(when: datetime, params: Params, computed: bool) -> int | None:
    """A due time counts in the cycle whose instants [start, end) hold it; one computed
    before the term (合同履约清单 from `signed`) in the first (docs/events.md, Evidence after
    the contract's term). A `due` at 00:00 of a cycle's first day is that cycle's."""
    for k in (1, 2):
        begin, end = cycle_bounds(params, k)
        if begin <= when < end:
            return k
    if not computed:
        return None
    return 1 if when < cycle_bounds(params, 1)[0] else 2


def _cycle_of(when: datetime, params: Params) -> int:
    """The cycle an instant falls in, [start, end); before the term the first, after it the
    last (reading 15)."""
    _, end1 = cycle_bounds(params, 1)
    return 1 if when < end1 else 2


def _milestone_dues(
    milestones: list[tuple[datetime, str]],
    occurrences: list[tuple[datetime, dict[str, Any]]],
    params: Params,
) -> list[tuple[datetime, Decimal]]:
    total = params.contract_total
    # Reading 13: "each instalment is its share of the schedule" — 25% / 25% / 50% rounded
    # so that they add up to 合同金额 to the cent (cumulative share less the shares before).
    shares = [money(total * D(p) / 100) for p in (25, 50, 100)]
    first, second, third = shares[0], shares[1] - shares[0], shares[2] - shares[1]
    out: list[tuple[datetime, Decimal]] = []
    accepted = [at for at, name in milestones if name == "accepted"]
    final = [at for at, name in milestones if name == "final_accepted"]
    # "确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%"
    # Reading 13: a milestone due "after" an event pays in the cycle whose log holds the
    # event (before the term: the first; after it: the last, reading 15), not the cycle
    # its due time falls in; the list carries (instant deciding the cycle, amount).
    if accepted:
        out.append((accepted[0], first))
    # "中标人维护过程中无重大事故发生，2025年下半年…再支付合同金额的25%" (reading 14).
    mid = midnight_after(params.mid_due)
    accidents = [at for at, e in occurrences if e["kind"] == "重大事故" and at < mid]
    out.append((mid, D(0) if accidents else second))
    # "维护期满并经最终验收合格后10个工作日内，支付合同金额的50%"
    if final:
        out.append((final[0], third))
    return out
