"""The guangxi oracle's tickets (tests/oracles/guangxi_gat_2024.py): the four SLAs of the
rule file written from the contract, and one ticket's clocks replayed event by event
(levels, pauses, reopenings, exclusions)."""

from __future__ import annotations

import importlib.util
import math
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any


def _sibling(name: str) -> ModuleType:
    """A sibling file of the oracle, loaded once (tests/ is not a package)."""
    key = f"guangxi_oracle.{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


_time = _sibling("guangxi_gat_2024_time")
DAY, HOUR, MINUTE = _time.DAY, _time.HOUR, _time.MINUTE
add_working, working_time = _time.add_working, _time.working_time
civil_days_after, local = _time.civil_days_after, _time.local

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
    # The report's "3天" counted in whole days (Civil Code art. 201): the days left, and the
    # instant from which they count again after a pause (docs/language.md, clock semantics 2).
    days_left: int = REPORT_DAYS
    days_since: datetime | None = None
    stopped_by: str | None = None  # the kind of event that stopped it (reading 23)

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
        clock.days_left, clock.days_since = REPORT_DAYS, at
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
    if clock.metric.name == "report":
        _hold_days(clock, since, until)
        return
    held = working_time(clock.metric.calendar, since, until)
    if held > timedelta(0):
        clock.deadline = add_working(clock.metric.calendar, clock.deadline, held)
        clock.not_counted += held
        clock.earliest = {tier: when + held for tier, when in clock.earliest.items()}


def _hold_days(clock: Clock, since: datetime, until: datetime) -> None:
    """The report's days across a pause (Civil Code art. 201, language.md clock semantics
    2): the days used are those after the day the count began up to the day the pause began;
    the rest count again from the day after it ends, ending at 24:00 (moved off a rest day);
    none left (paused on its last day): due at the end of the day it runs again."""
    assert clock.days_since is not None
    used = (local(since).date() - local(clock.days_since).date()).days
    clock.days_left = max(0, clock.days_left - used)
    clock.days_since = until
    if clock.days_left:
        clock.deadline = civil_days_after(until, clock.days_left)
    else:
        clock.deadline = civil_days_after(until, 0)


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
        # Reading 23: E总队's on-site clock "runs again only when the fix stopped it, an
        # arrival that happened stays".
        stopped = [
            ticket.clocks[m]
            for m in sla.reopen
            if ticket.clocks[m].stop is not None
            and not ticket.clocks[m].frozen
            and ticket.clocks[m].stopped_by != "arrived"
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
            clock.stop, clock.stopped_by = at, kind
    if kind == "resolved":
        report = ticket.clocks["report"]
        if report.start is None:
            _start_clock(ticket, report, at)


# ---- replay --------------------------------------------------------------------------------


def parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


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
