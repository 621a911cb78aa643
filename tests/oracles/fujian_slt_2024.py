"""An independent oracle for fujian-slt-2024, written from the contract text alone.

shared/contracts/fujian-slt-2024.txt ("二、服务响应要求", "四、付款条件", "五、运维工作考核") and
the numbered readings of docs/rulesets/fujian-slt-2024.md. It imports nothing of slarules.
From a list of SPEC §5 event objects it computes each ticket's targets (7×24: reading 1), the
year's 运维工作考核 (judged items, attendance, "紧急故障扣1分，一般故障扣0.5分，轻微故障扣0.2分"),
the pay band, the damages and the 验收不合格 flag.

A clock is measured in *running time*: the wall-clock time since its start less the time it
was held (a 一般 fault's restore clock while paused, reading 6; the gap between a fix and a
reopening, reading 14). Every deadline is a running time; the instant reported is the first
instant the clock reaches it, so later holds move it as they move the clock.

Left out: agreed times (轻微 "按需" and "8小时 or agreed": a 轻微 fault here owes nothing), the
two milestones (invoices), events after `closed` other than a reopening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

CST = timezone(timedelta(hours=8))
MIN = timedelta(minutes=1)
ZERO = timedelta(0)
CONTRACT_TOTAL = Decimal("500000")  # param contract_total (a documented placeholder)
YEAR = (datetime(2024, 7, 1, tzinfo=CST), datetime(2025, 7, 1, tzinfo=CST))  # reading 8, 11

# "紧急 … 10分钟 … 4小时内；一般 … 半小时内 … 8小时内；轻微 … 按需" and "需求变更 … 在24小时内响应"
TARGETS: dict[str, dict[str, dict[str, timedelta]]] = {
    "故障": {
        "紧急": {"respond": 10 * MIN, "restore": timedelta(hours=4)},
        "一般": {"respond": 30 * MIN, "restore": timedelta(hours=8)},
        "轻微": {},  # 按需: only an agreed time, and none is agreed here (reading 5)
    },
    "需求变更": {"标准": {"respond": timedelta(hours=24)}},
}
METRICS = {"故障": ("respond", "restore"), "需求变更": ("respond",)}
STOPS = {"responded": "respond", "restored": "restore"}
TIER_POINTS = {"紧急": Decimal(1), "一般": Decimal("0.5"), "轻微": Decimal("0.2")}
JUDGED = {"日常使用培训": 10, "日常巡检": 20, "故障处理": 10, "技术支持": 10, "需求变更": 10}
DEDUCTED = {  # item: (max, kinds that cost a point each, "扣完为止")
    "考勤": (10, ("迟到早退", "无故未在岗")),
    "非工作日保障": (10, ("非工作日缺席",)),
    "满意度": (10, ("投诉",)),
}


def parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(CST)


@dataclass
class Clock:
    metric: str
    start: datetime
    holds: list[list[datetime | None]] = field(default_factory=list)
    stop: datetime | None = None
    goal: timedelta | None = None  # the deadline, in running time
    tier: str = ""
    kept: tuple[str, datetime] | None = None  # (tier, instant) of a breach a change kept
    # A target due "at the change itself" (reading 13): reported at that instant, which a
    # hold that ends there (a reopening) does not make earlier.
    at_change: datetime | None = None
    earliest: dict[str, timedelta] = field(default_factory=dict)

    def running(self, t: datetime) -> timedelta:
        """Running time from the start to ``t``."""
        total = t - self.start
        for a, b in self.holds:
            assert a is not None
            end = min(b if b is not None else t, t)
            if end > a:
                total -= end - a
        return max(total, ZERO)

    def instant(self, goal: timedelta, as_of: datetime) -> datetime:
        """The first instant at which the clock has run ``goal``; a hold still open counts
        up to ``as_of`` (the deadline as it stands then: it moves while the pause lasts).
        A hold that begins at the very instant the time runs out holds the clock too: at its
        deadline a target is not yet missed (SPEC §3.5)."""
        cur, left = self.start, goal
        for a, b in self.holds:
            assert a is not None
            if a - cur > left:
                return cur + left
            left -= a - cur
            cur = b if b is not None else max(as_of, a)
        return cur + left

    def hold(self, t: datetime) -> None:
        if self.stop is None and not (self.holds and self.holds[-1][1] is None):
            self.holds.append([t, None])

    def release(self, t: datetime) -> None:
        if self.holds and self.holds[-1][1] is None:
            self.holds[-1][1] = t


@dataclass
class Ticket:
    ticket: str
    sla: str
    opened: datetime
    tier: str
    paused: bool = False
    closed: bool = False
    clocks: dict[str, Clock] = field(default_factory=dict)


def _held_in(ticket: Ticket, metric: str) -> bool:
    """Reading 6: a pause holds only a 一般 fault's restore clock."""
    return ticket.paused and ticket.sla == "故障" and metric == "restore" and ticket.tier == "一般"


def _set(clock: Clock, tier: str, goal: timedelta | None) -> None:
    clock.tier, clock.goal, clock.at_change = tier, goal, None
    if goal is not None:
        clock.earliest[tier] = min(goal, clock.earliest.get(tier, goal))


def _move(ticket: Ticket, clock: Clock, at: datetime) -> None:
    """Reading 13 (`retier remeasure allow full`): a time run out stays a breach of its level;
    a running one is measured from the report against the new level, never before the new
    level's own time from the change, never later than the deadline it had, nor than the new
    level gave it before (and never before the change)."""
    new = ticket.tier
    if clock.kept is not None or clock.tier == new:
        return
    now = clock.running(at)
    if clock.goal is not None and now > clock.goal:
        clock.kept = (clock.tier, clock.instant(clock.goal, at))
        return
    target = TARGETS[ticket.sla][new].get(clock.metric)
    if target is None:
        _set(clock, new, None)
        return
    floor = now + target
    if clock.goal is not None:
        floor = min(floor, clock.goal)
    if new in clock.earliest:
        floor = min(floor, max(clock.earliest[new], now))
    _set(clock, new, max(target, floor))
    if clock.goal == now:
        clock.at_change = at


def status(clock: Clock, as_of: datetime) -> str:
    if clock.kept is not None:
        return "breached"
    if clock.goal is None:
        return "not_applicable"
    end = clock.stop if clock.stop is not None else as_of
    if clock.running(end) > clock.goal:
        return "breached"
    return "met" if clock.stop is not None else "running"


def first_breach_tier(ticket: Ticket, as_of: datetime) -> str | None:
    """Reading 4: a fault late in responding and restoring counts once, in the level of its
    first breach."""
    found = []
    for order, metric in enumerate(METRICS[ticket.sla]):
        clock = ticket.clocks[metric]
        if status(clock, as_of) != "breached":
            continue
        if clock.kept is not None:
            found.append((clock.kept[1], order, clock.kept[0]))
        else:
            assert clock.goal is not None
            found.append((clock.instant(clock.goal, as_of), order, clock.tier))
    return min(found)[2] if found else None


@dataclass
class YearResult:
    items: dict[str, Decimal]
    score: Decimal | None
    band: Decimal | None  # the band's adjustment of the base (0 or negative)
    payable: Decimal | None
    damages: Decimal
    failed: bool


@dataclass
class OracleResult:
    tickets: dict[str, dict[str, tuple[str, datetime | None]]]
    year: YearResult


def _apply(tickets: dict[str, Ticket], event: dict[str, Any], at: datetime) -> None:
    kind = event["type"]
    if kind == "opened":
        t = Ticket(event["ticket"], event["sla"], at, event["tier"])
        for metric in METRICS[t.sla]:
            clock = Clock(metric, at)
            _set(clock, t.tier, TARGETS[t.sla][t.tier].get(metric))
            t.clocks[metric] = clock
        tickets[t.ticket] = t
        return
    t = tickets[event["ticket"]]
    if kind in STOPS and STOPS[kind] in t.clocks:
        clock = t.clocks[STOPS[kind]]
        if clock.stop is None:
            clock.release(at)
            clock.stop = at
    elif kind == "paused":
        t.paused = True
        for metric, clock in t.clocks.items():
            if _held_in(t, metric):
                clock.hold(at)
    elif kind in ("resumed", "closed"):
        # "closed" ends a pause still open (language.md, clock semantics 5)
        t.paused = False
        for clock in t.clocks.values():
            clock.release(at)
        t.closed = t.closed or kind == "closed"
    elif kind == "retiered":
        t.tier = event["tier"]
        for metric, clock in t.clocks.items():
            if clock.stop is None:
                _move(t, clock, at)
                if _held_in(t, metric):
                    clock.hold(at)
                else:
                    clock.release(at)
    elif kind == "reopened":
        # Reading 14: the 恢复时间 runs again from where it stopped, never the 响应时间.
        t.closed = False
        clock = t.clocks.get("restore")
        if t.sla == "故障" and clock is not None and clock.stop is not None:
            clock.holds.append([clock.stop, at])
            clock.stop = None
            _move(t, clock, at)
        elif t.sla == "需求变更":
            clock = t.clocks["respond"]  # no reopen line: the answer runs again (reading 14)
            if clock.stop is not None:
                clock.holds.append([clock.stop, at])
                clock.stop = None


def evaluate(events: list[dict[str, Any]], as_of: datetime) -> OracleResult:
    # Events after the evaluation time are not evaluated (those at it are).
    kept = [e for e in events if parse_at(e["at"]) <= as_of]
    ordered = sorted(enumerate(kept), key=lambda p: (parse_at(p[1]["at"]), p[0]))
    tickets: dict[str, Ticket] = {}
    occurrences: dict[str, Decimal] = {}
    judged: dict[str, Decimal] = {}
    for _, event in ordered:
        at = parse_at(event["at"])
        if event["type"] == "occurrence":
            occurrences[event["kind"]] = occurrences.get(event["kind"], Decimal(0)) + Decimal(
                str(event.get("count", 1))
            )
        elif event["type"] == "judgement":
            judged[event["item"]] = Decimal(str(event["points"]))
        else:
            _apply(tickets, event, at)
    report = {}
    late = Decimal(0)
    for t in tickets.values():
        report[t.ticket] = {
            m: (status(c, as_of), None if c.goal is None and c.kept is None else _shown(c, as_of))
            for m, c in t.clocks.items()
        }
        tier = first_breach_tier(t, as_of) if t.sla == "故障" else None
        if tier is not None:
            late += TIER_POINTS[tier]
    items: dict[str, Decimal] = {}
    for name, (top, kinds) in DEDUCTED.items():
        lost = sum((occurrences.get(k, Decimal(0)) for k in kinds), Decimal(0))
        items[name] = max(Decimal(top) - lost, Decimal(0))  # 扣完为止
    # "每次发生故障响应与解决时间超过合同规定。紧急故障扣1分，一般故障扣0.5分，
    # 轻微故障扣0.2分。扣完为止。"
    items["故障响应与解决时间"] = max(Decimal(10) - late, Decimal(0))
    for name in JUDGED:
        if name in judged:
            items[name] = judged[name]
    score = sum(items.values(), Decimal(0)) if all(n in judged for n in JUDGED) else None
    band = payable = None
    damages = Decimal(0)
    if score is not None:
        # Reading 2: [90,100] 100%, [80,90) 85%, [70,80) 70%; reading 3: below 70 the 50% advance
        # and "乙方赔付甲方30%合同款的违约金".
        share = (
            Decimal(1)
            if score >= 90
            else Decimal("0.85")
            if score >= 80
            else Decimal("0.70")
            if score >= 70
            else Decimal("0.50")
        )
        band = (share - 1) * CONTRACT_TOTAL
        payable = CONTRACT_TOTAL + band
        damages = CONTRACT_TOTAL * Decimal("0.30") if score < 70 else Decimal(0)
    failed = score is not None and score < 70
    return OracleResult(report, YearResult(items, score, band, payable, damages, failed))


def _shown(clock: Clock, as_of: datetime) -> datetime:
    if clock.kept is not None:
        return clock.kept[1]
    assert clock.goal is not None
    if clock.at_change is not None:
        return max(clock.at_change, clock.instant(clock.goal, as_of))
    return clock.instant(clock.goal, as_of)


__all__ = ["YEAR", "evaluate", "parse_at"]
