"""An independent oracle for fujian-gxt-2026, written from the contract text alone.

shared/contracts/fujian-gxt-2026.txt ("四、服务要求" and "五、服务考核") and the numbered readings
of docs/rulesets/fujian-gxt-2026.md. It imports nothing of slarules: from a list of SPEC §5
event objects it computes each ticket's targets (due instant, met / breached / running /
not applicable), each 服务周期's six items and score, and the money of each cycle (the cycle's
share, the 5%-per-point deduction, the damages and the termination flag) over the whole term.

The calendar is "7×24小时" (全天): every duration is wall-clock time, so no holiday table is
needed — a fault reported on a holiday or a make-up Saturday is due at the same clock time
as on any other day.

Kept deliberately plain: lists and loops, one pass per question, no cleverness.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CST = timezone(timedelta(hours=8))  # Asia/Shanghai has no summer time since 1991
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
CENT = Decimal("0.01")

CONTRACT_TOTAL = Decimal("1000000")  # param contract_total (a documented placeholder)
TERM_START = datetime(2026, 1, 1, tzinfo=CST)  # param start
CYCLES = 2  # param cycles: "2026—2027年", reading 12


def cycle_bounds(cycles: int) -> list[tuple[datetime, datetime]]:
    """Reading 1: a 服务周期 is 12 months from the start; the term is `cycles` of them."""
    return [
        (TERM_START.replace(year=2026 + n), TERM_START.replace(year=2027 + n))
        for n in range(cycles)
    ]


CYCLE_BOUNDS = cycle_bounds(CYCLES)

METRICS = ("respond", "arrive", "engineer_arrive", "resolve", "workaround")

# "应在接到应用方故障通知1小时内响应，非灾难性问题4小时内解决；对灾难性系统故障，如现场服务人员
# 无法解决，须指派工程师在3小时内到达故障现场…若24小时内无法排除故障，须提供备选方案"
# "紧急…要求在1个小时内作出响应，驻点技术人员在1个小时内赶赴现场，公司技术人员2小时内赶赴现场"
# Readings 5 (tiers), 6 (the 24 hours only for 灾难性), 7 (engineer only once escalated).
TARGETS: dict[str, dict[str, timedelta]] = {
    "一般": {"respond": HOUR, "resolve": 4 * HOUR},
    "紧急": {"respond": HOUR, "arrive": HOUR, "engineer_arrive": 2 * HOUR, "resolve": 4 * HOUR},
    "灾难性": {"respond": HOUR, "engineer_arrive": 3 * HOUR, "workaround": 24 * HOUR},
}
# Reading 7: "如现场服务人员无法解决" — owed only once the ticket has been escalated.
OWED_ONLY_WHEN_ESCALATED = {("灾难性", "engineer_arrive")}

# Which events stop which clock. Arrivals and the 备选方案 also stop at the fix (reading 7:
# "nobody need travel to a fault already fixed"; reading 6: "stops at workaround or resolved").
STOPS = {
    "respond": ("responded",),
    "arrive": ("arrived", "resolved"),
    "engineer_arrive": ("engineer_arrived", "resolved"),
    "resolve": ("resolved",),
    "workaround": ("workaround", "resolved"),
}
# Reading 18: a reopening resumes the clocks the last fix stopped, never the response.
REOPEN_RESUMES = ("arrive", "engineer_arrive", "resolve", "workaround")


def parse_at(text: str) -> datetime:
    """An RFC 3339 time with its offset ('Z' too) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Clock:
    """One metric of one ticket: where it started, how much time does not count, where it
    stopped, and the deadline in force."""

    start: datetime
    skipped: timedelta = timedelta(0)  # time between a fix and its reopening (SPEC §3.8)
    stop: datetime | None = None
    deadline: datetime | None = None
    tier: str = ""  # the tier whose target the deadline is
    breached_before_change: bool = False  # rule: a change never erases a breach
    # The earliest deadline the clock has had under each tier (language.md, retier rule 2,
    # in clock time, i.e. before the skipped time is added).
    earliest: dict[str, datetime] = field(default_factory=dict)
    stopped_by: str | None = None  # the event type that stopped it
    # The deadline of a target owed only once escalated (reading 7), kept until it is owed.
    latent: datetime | None = None
    # The deadline as reported when a reopening resumed a clock that had used its whole
    # target exactly at its stop: the instant the target ran out, before the gap.
    shown: datetime | None = None


@dataclass
class Ticket:
    """What the oracle knows of one ticket."""

    ticket: str
    opened: datetime
    tier: str
    escalated: bool = False
    clocks: dict[str, Clock] = field(default_factory=dict)


def _target(tier: str, metric: str) -> timedelta | None:
    return TARGETS[tier].get(metric)


def _owed(ticket: Ticket, metric: str) -> bool:
    return ticket.escalated or (ticket.tier, metric) not in OWED_ONLY_WHEN_ESCALATED


def _set_deadline(ticket: Ticket, metric: str, deadline: datetime | None) -> None:
    """The deadline in force, or (a target owed only once escalated) kept for later."""
    clock = ticket.clocks[metric]
    clock.latent = clock.shown = None
    if deadline is not None and not _owed(ticket, metric):
        clock.deadline, clock.latent = None, deadline
        return
    clock.deadline = deadline
    _remember(clock)


def _open(ticket: Ticket) -> None:
    for metric in METRICS:
        clock = Clock(start=ticket.opened, tier=ticket.tier)
        ticket.clocks[metric] = clock
        _assign_from_start(ticket, metric)


def _assign_from_start(ticket: Ticket, metric: str) -> None:
    """The deadline of the ticket's tier counted from the clock's start (plus skipped time)."""
    clock = ticket.clocks[metric]
    goal = _target(ticket.tier, metric)
    clock.tier = ticket.tier
    _set_deadline(ticket, metric, None if goal is None else clock.start + goal + clock.skipped)


def _retier(ticket: Ticket, new_tier: str, at: datetime) -> None:
    """Reading 14: every running clock moves to the new tier (``_move``). A stopped clock
    keeps its result; if a reopening sets it running again it owes the tier of that moment
    (language.md, clock semantics 4)."""
    ticket.tier = new_tier
    for metric in METRICS:
        clock = ticket.clocks[metric]
        if clock.stop is None:
            _move(ticket, metric, at)


def _move(ticket: Ticket, metric: str, at: datetime) -> None:
    """Reading 14 (`retier remeasure allow full`, language.md rule 2): a target whose time ran
    out stays breached; a running one is measured against the new tier from the start, but
    an upgrade gives no deadline before the change plus the new tier's own time — and never
    more than the clock had before the change, nor more than the new tier gave it earlier.
    A target not owed before the change (reading 7: the 灾难性 engineer before an escalation)
    had no deadline, so it bounds nothing."""
    clock = ticket.clocks[metric]
    new_tier = ticket.tier
    if clock.breached_before_change or clock.tier == new_tier:
        return
    old_deadline = clock.deadline
    if old_deadline is not None and old_deadline < at:
        clock.breached_before_change = True  # missed under the old tier, stays missed
        return
    goal = _target(new_tier, metric)
    clock.tier = new_tier
    if goal is None:
        _set_deadline(ticket, metric, None)
        return
    from_start = clock.start + goal + clock.skipped
    floor = at + goal
    if old_deadline is not None:
        floor = min(floor, old_deadline)
    earlier = clock.earliest.get(new_tier)
    if earlier is not None:
        floor = min(floor, max(earlier + clock.skipped, at))
    _set_deadline(ticket, metric, max(from_start, floor))


def _remember(clock: Clock) -> None:
    """Keep the earliest deadline the clock has had under its tier (in clock time)."""
    if clock.deadline is None:
        return
    remembered = clock.deadline - clock.skipped
    clock.earliest[clock.tier] = min(remembered, clock.earliest.get(clock.tier, remembered))


def _escalate(ticket: Ticket, at: datetime) -> None:
    """Reading 7: from the escalation on, the 灾难性 engineer is owed, 3 hours from the notice
    (so an escalation after those 3 hours finds it already late)."""
    ticket.escalated = True
    clock = ticket.clocks["engineer_arrive"]
    if clock.latent is not None:
        _set_deadline(ticket, "engineer_arrive", clock.latent)
    del at


def _stop(ticket: Ticket, kind: str, at: datetime) -> None:
    for metric in METRICS:
        clock = ticket.clocks[metric]
        if clock.stop is None and kind in STOPS[metric]:
            clock.stop = at
            clock.stopped_by = kind


def _reopen(ticket: Ticket, at: datetime) -> None:
    """Reading 18: "The clocks the last fix stopped run again from where they stopped … An
    arrival that happened stays, and the 1-hour response … is never owed again, not even
    for a ticket closed before its fix." So only the clocks the last `resolved` stopped run
    again (none if the ticket was closed before any fix), the gap not counted (SPEC §3.8),
    and each then owes the ticket's tier of the moment (language.md, clock semantics 4)."""
    fixed = [
        ticket.clocks[m]
        for m in REOPEN_RESUMES
        if ticket.clocks[m].stop is not None and ticket.clocks[m].stopped_by == "resolved"
    ]
    if not fixed:
        return
    last = max(c.stop for c in fixed if c.stop is not None)
    for metric in REOPEN_RESUMES:
        clock = ticket.clocks[metric]
        if clock in fixed and clock.stop == last:
            gap = at - last
            clock.skipped += gap
            clock.stop = None
            clock.stopped_by = None
            # A clock stopped after its deadline is breached for good (a reopening never
            # erases a breach): its deadline stays. One stopped exactly at it resumes with
            # nothing left: due at the reopening, and reported so — the gap, which begins at
            # the deadline, moves it like any gap (a pause that begins at a deadline holds
            # the clock: tests/audit/test_guangxi_gat_2024_r7_oracle.py).
            if clock.deadline is not None and clock.deadline >= last:
                clock.deadline += gap
            # So is a deadline kept for an escalation still to come (reading 7): a gap that
            # begins after the 3 hours ran out moves nothing; the engineer is already late.
            if clock.latent is not None and clock.latent >= last:
                clock.latent += gap
            _move(ticket, metric, at)


def target_status(clock: Clock, as_of: datetime) -> str:
    """met: stopped at or before the deadline; breached: stopped after it, or not stopped
    and the deadline passed before as_of; running; not_applicable: no target."""
    if clock.breached_before_change:
        return "breached"
    if clock.deadline is None:
        return "not_applicable"
    if clock.stop is not None:
        return "met" if clock.stop <= clock.deadline else "breached"
    return "breached" if as_of > clock.deadline else "running"


# ---- the scorecard ----------------------------------------------------------------------

# (item, max = cap): "（1）服务完成情况（权重20分）…累计最高扣20分" and so on.
ITEMS = {
    "服务完成情况": Decimal(20),
    "服务响应时间": Decimal(20),
    "服务能力": Decimal(25),
    "服务态度": Decimal(10),
    "遵守规章": Decimal(10),
    "服务档案记录": Decimal(15),
}
# Points per occurrence of each kind, and the item it belongs to (each quoted in the contract).
OCCURRENCE_POINTS = {
    "未完成服务事项": ("服务完成情况", Decimal(5)),  # 未完成服务事项每件扣5分
    "服务事项超时": ("服务完成情况", Decimal(5)),  # …没有按照用户要求的时限…完成的每件扣5分
    "操作失误事故": ("服务能力", Decimal(10)),  # …每次扣10分
    "设备丢失": ("服务能力", Decimal(5)),  # 每丢失一件设备扣5分
    "服务不规范": ("服务能力", Decimal(5)),  # …每发现一次扣5分
    "人员技能不符": ("服务能力", Decimal(5)),  # …每次扣5分
    "被通报": ("服务能力", Decimal(10)),  # 每通报一次扣10分
    "绩效考核扣分": ("服务能力", Decimal(10)),  # 每扣一分…扣10分 (reading 9: proportional)
    "服务态度投诉": ("服务态度", Decimal(5)),  # …用户投诉的每次扣5分
    "配合不积极": ("服务态度", Decimal(2)),  # …每发现一次扣2分
    "违反安全保密规定": ("遵守规章", Decimal(10)),  # …被我厅发现一次扣10分
    "违反纪律": ("遵守规章", Decimal(2)),  # 违反工作场所纪律等规定的每次扣2分
    "材料未提供": ("服务档案记录", Decimal(5)),  # 未能按要求提供…材料的每次扣5分
}
# Reading 8: a missed resolution or 备选方案 is item (1), 5 each; a missed response or
# arrival item (2), 2 each ("每次": each missed target).
BREACH_POINTS = {
    "resolve": ("服务完成情况", Decimal(5)),
    "workaround": ("服务完成情况", Decimal(5)),
    "respond": ("服务响应时间", Decimal(2)),
    "arrive": ("服务响应时间", Decimal(2)),
    "engineer_arrive": ("服务响应时间", Decimal(2)),
}
DELIVERABLES = ("问题处理报告", "运维报告")  # "每延误一天扣2分", item (2)


def cycle_of(at: datetime, bounds: list[tuple[datetime, datetime]] = CYCLE_BOUNDS) -> int | None:
    """The cycle holding ``at``, or None outside the term (reading 12)."""
    for number, (start, end) in enumerate(bounds, start=1):
        if start <= at < end:
            return number
    return None


def days_late(due: datetime, delivered: datetime | None, as_of: datetime) -> int:
    """Reading 15: each started 24 hours after the due time is a day of delay; a report not
    delivered is late up to as_of."""
    end = delivered if delivered is not None else as_of
    if end <= due:
        return 0
    return math.ceil((end - due) / DAY)


@dataclass
class CycleResult:
    """One 服务周期: item scores, the score, and its money."""

    items: dict[str, Decimal]
    score: Decimal
    base: Decimal
    linear: Decimal  # the deduction, a negative amount or 0
    payable: Decimal
    damages: Decimal | None  # None: a loss not stated yet (pending)
    terminate_flag: bool


@dataclass
class OracleResult:
    """Tickets (ticket → metric → (status, deadline, tier)) and the two cycles."""

    tickets: dict[str, dict[str, tuple[str, datetime | None]]]
    cycles: dict[int, CycleResult]


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def evaluate(
    events: list[dict[str, Any]],
    as_of: datetime,
    contract_total: Decimal = CONTRACT_TOTAL,
    cycles: int = CYCLES,
) -> OracleResult:
    """Replay the events (ordered by instant, ties in list order) and compute everything,
    for a term of ``cycles`` 服务周期 (param cycles)."""
    bounds = cycle_bounds(cycles)
    numbers = range(1, cycles + 1)
    # Events after the evaluation time are not evaluated (those at it are).
    ordered = sorted(
        ((i, e) for i, e in enumerate(events) if parse_at(e["at"]) <= as_of),
        key=lambda pair: (parse_at(pair[1]["at"]), pair[0]),
    )
    tickets: dict[str, Ticket] = {}
    deductions: dict[int, dict[str, Decimal]] = {n: {i: Decimal(0) for i in ITEMS} for n in numbers}
    damages: dict[int, Decimal | None] = {n: Decimal(0) for n in numbers}
    security_events = {n: 0 for n in numbers}
    dues: dict[str, list[datetime]] = {name: [] for name in DELIVERABLES}
    deliveries: dict[str, list[datetime]] = {name: [] for name in DELIVERABLES}
    for _, event in ordered:
        at = parse_at(event["at"])
        kind = event["type"]
        if kind == "opened":
            ticket = Ticket(event["ticket"], at, event["tier"])
            tickets[ticket.ticket] = ticket
            _open(ticket)
        elif kind == "retiered":
            _retier(tickets[event["ticket"]], event["tier"], at)
        elif kind == "escalated":
            _escalate(tickets[event["ticket"]], at)
        elif kind == "reopened":
            _reopen(tickets[event["ticket"]], at)
        elif kind in ("responded", "arrived", "engineer_arrived", "resolved", "workaround"):
            _stop(tickets[event["ticket"]], kind, at)
        elif kind == "occurrence":
            # An occurrence counts in the cycle holding it, or the one it names
            # (docs/events.md, "Evidence that belongs to another period").
            number = (
                int(event["period"].split(":")[1]) if "period" in event else cycle_of(at, bounds)
            )
            if number not in numbers:  # outside the term, or a cycle the term does not have
                continue
            if event["kind"] == "安全保密事件":
                security_events[number] += 1
                continue
            item, points = OCCURRENCE_POINTS[event["kind"]]
            count = Decimal(str(event.get("count", 1)))
            deductions[number][item] += points * count
            if event["kind"] == "设备丢失":
                # Reading 13: the loss written on the occurrence; until it is, pending.
                if "amount" in event and damages[number] is not None:
                    damages[number] = damages[number] + Decimal(str(event["amount"]))
                else:
                    damages[number] = None
        elif kind == "due":
            dues[event["deliverable"]].append(at)
        elif kind == "delivered":
            deliveries[event["deliverable"]].append(at)
    # Deliveries fill the oldest outstanding due (first in, first out); a delivery before
    # any due waits for the next one (docs/events.md).
    for name in DELIVERABLES:
        waiting = list(deliveries[name])
        for due in dues[name]:
            delivered = waiting.pop(0) if waiting else None
            number = cycle_of(due, bounds)
            if number is None:
                continue
            deductions[number]["服务响应时间"] += 2 * days_late(due, delivered, as_of)
    report: dict[str, dict[str, tuple[str, datetime | None]]] = {}
    for ticket in tickets.values():
        report[ticket.ticket] = {}
        number = cycle_of(ticket.opened, bounds)  # a ticket counts in the cycle of its opening
        for metric, clock in ticket.clocks.items():
            status = target_status(clock, as_of)
            shown = clock.shown if clock.shown is not None else clock.deadline
            report[ticket.ticket][metric] = (status, shown)
            if status == "breached" and number is not None:
                item, points = BREACH_POINTS[metric]
                deductions[number][item] += points
    results = {}
    for number in numbers:
        items = {name: top - min(top, deductions[number][name]) for name, top in ITEMS.items()}
        score = sum(items.values(), Decimal(0))
        # Reading 11: each cycle is attributed contract_total / cycles; when that is not a
        # whole number of cents the first is rounded and the last pays the rest, so the
        # term pays the contract total.
        first = _money(contract_total / cycles)
        base = first if number < cycles else contract_total - first * (cycles - 1)
        cap = contract_total / cycles if number < cycles else base
        # "服务考核的考核评价分值低于90分的，每低1分扣除项目合同款项的5%": readings 2 (pro rata),
        # 3 (of the whole contract), 4 (never more than the cycle's share).
        linear = Decimal(0)
        if score < 90:
            linear = -_money(min((90 - score) * Decimal("0.05") * contract_total, cap))
        # "当得分低于60分或因服务单位原因造成安全或保密相关事件的，用户有权终止合同"
        flag = score < 60 or security_events[number] > 0
        results[number] = CycleResult(
            items, score, base, linear, base + linear, _damages(damages[number]), flag
        )
    return OracleResult(report, results)


def _damages(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else _money(amount)


def write_jsonl(events: list[dict[str, Any]]) -> bytes:
    """The log as JSON Lines bytes, as a helpdesk export writes it."""
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode("utf-8")


__all__ = ["UTC", "evaluate", "parse_at", "write_jsonl"]
