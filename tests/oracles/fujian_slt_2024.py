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

Left out: a time agreed in days (`6日`, `2个工作日`) on a fault that is paused, retiered or
reopened (how a hold moves a days target is the engine's whole-day convention, not a clause:
the random logs agree days only on faults without those), events after `closed` other than
a reopening and an agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import holidays

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
# Which targets take a time agreed for the fault: 一般 "8小时内（具体要视问题解决的难易程度…定）"
# (its restore only, reading 6) and 轻微 "按需 按需" (both, reading 5).
TAKES_AGREEMENT = {("一般", "restore"), ("轻微", "respond"), ("轻微", "restore")}
ADVANCE = Decimal("0.50")  # "支付合同总金额的50.00%作为预付款"
CENT = Decimal("0.01")
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


def cents(amount: Decimal) -> Decimal:
    """SPEC §4: half-up to 0.01."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@cache
def _china(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(rest days, weekend days worked instead: 调休) of ``year``, from the `holidays` package:
    a "Day off (substituted from MM/DD/YYYY)" names the weekend day that is worked."""
    rest, worked = set(), set()
    for day, name in holidays.China(years=[year], language="en_US").items():
        rest.add(day)
        for found in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            worked.add(date(int(found[2]), int(found[0]), int(found[1])))
    return frozenset(rest), frozenset(worked)


def is_workday(day: date) -> bool:
    """A 工作日 (SPEC §3.4): Monday to Friday unless a holiday, or a make-up weekend day."""
    rest, worked = _china(day.year)
    if day in worked or day in _china(day.year + 1)[1]:
        return True
    return day.weekday() < 5 and day not in rest


def workdays_after(start: datetime, count: int) -> datetime:
    """ "15个工作日内" (SPEC §3.3): the day of ``start`` is not counted; the period ends at
    24:00 of the ``count``-th 工作日 after it."""
    day, found = start.date(), 0
    while found < count:
        day += timedelta(days=1)
        found += is_workday(day)
    return datetime.combine(day + timedelta(days=1), time(0), CST)


def days_after(start: datetime, count: int) -> datetime:
    """ "N日" (SPEC §3.3, Civil Code art. 201, 203): the start day not counted, a last day that
    is a rest day or holiday moves to the next 工作日, ending at 24:00."""
    day = start.date() + timedelta(days=count)
    while not is_workday(day):
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time(0), CST)


# An agreed time: a duration ("48小时", "30分钟", "PT6H"), or ("日" | "工作日", N).
Agreed = timedelta | tuple[str, int]


def parse_agreed(text: str) -> Agreed:
    """The `target` of an `agreed` event, in the forms docs/events.md lists (those the random
    logs write)."""
    found = re.fullmatch(r"(\d+)(小时|分钟|日|个工作日)|PT(\d+)H", text)
    assert found is not None, text
    if found.group(3):
        return timedelta(hours=int(found.group(3)))
    number, unit = int(found.group(1)), found.group(2)
    if unit == "小时":
        return timedelta(hours=number)
    if unit == "分钟":
        return timedelta(minutes=number)
    return ("日" if unit == "日" else "工作日", number)


class Refused(Exception):
    """An event the engine must refuse (SLR917; skipped with --lenient)."""


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
    # A time agreed in days (reading 5: "6日"): a fixed instant, counted from the start per
    # the Civil Code (only on clocks that are never held or retiered: module docstring).
    fixed: datetime | None = None

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
    agreed: dict[str, Agreed] = field(default_factory=dict)  # metric → the latest agreement


def _target(ticket: Ticket, tier: str, metric: str) -> Agreed | None:
    """The tier's time, or the fault's agreed time where the tier takes one (readings 5, 6:
    an agreement is the fault's, not its level's, so it holds in every level that takes
    one; a level with a fixed time ignores it)."""
    if (tier, metric) in TAKES_AGREEMENT and metric in ticket.agreed:
        return ticket.agreed[metric]
    return TARGETS[ticket.sla][tier].get(metric)


def _held_in(ticket: Ticket, metric: str) -> bool:
    """Reading 6: a pause holds only a 一般 fault's restore clock."""
    return ticket.paused and ticket.sla == "故障" and metric == "restore" and ticket.tier == "一般"


def _set(clock: Clock, tier: str, goal: Agreed | None) -> None:
    """Measure ``clock`` against ``goal`` from its start (a days goal: its fixed instant)."""
    clock.tier, clock.at_change, clock.fixed = tier, None, None
    if isinstance(goal, tuple):
        unit, number = goal
        clock.goal = None
        clock.fixed = (days_after if unit == "日" else workdays_after)(clock.start, number)
    else:
        clock.goal = goal


def _leave(clock: Clock) -> None:
    """Reading 13, "lowered and raised back gives no more than it gave": the clock remembers
    the earliest deadline it had under each level, as it leaves the level (an agreement that
    lengthened the level's time is what the level gave)."""
    if clock.goal is not None:
        clock.earliest[clock.tier] = min(clock.goal, clock.earliest.get(clock.tier, clock.goal))


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
    target = _target(ticket, new, clock.metric)
    assert not isinstance(target, tuple), "days are agreed only on faults never retiered"
    _leave(clock)
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
    end = clock.stop if clock.stop is not None else as_of
    if clock.fixed is not None:  # SPEC §3.5: met at or before the deadline
        return "breached" if end > clock.fixed else "met" if clock.stop else "running"
    if clock.goal is None:
        return "not_applicable"
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
            deadline = clock.fixed or clock.instant(clock.goal or ZERO, as_of)
            found.append((deadline, order, clock.tier))
    return min(found)[2] if found else None


@dataclass
class YearResult:
    items: dict[str, Decimal]
    score: Decimal | None
    band: Decimal | None  # the band's adjustment of the base (0 or negative)
    payable: Decimal | None
    damages: Decimal
    failed: bool
    instalments: list[tuple[str, Decimal | None, datetime | None]]  # (name, amount, due)
    over_scheduled: bool  # the invoices schedule more than the year pays


@dataclass
class OracleResult:
    tickets: dict[str, dict[str, tuple[str, datetime | None]]]
    year: YearResult
    refused: list[int]  # the lines (1-based, in the file) the engine must refuse


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
    if kind == "agreed":
        _agree(t, event["metric"], parse_agreed(event["target"]), at)
    elif kind in STOPS and STOPS[kind] in t.clocks:
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


def _agree(t: Ticket, metric: str, agreed: Agreed, at: datetime) -> None:
    """Readings 5 and 6, docs/events.md "Agreed targets": an agreement sets the fault's time
    for a target its level takes one for, measured from the clock's start. It is refused
    when the level takes none (紧急, 一般's 响应时间, a change request), when the work is
    done (the clock stopped), when the deadline has passed ("it cannot erase a breach") and
    when the agreed time would end before the agreement itself."""
    clock = t.clocks.get(metric)
    if clock is None or (t.tier, metric) not in TAKES_AGREEMENT or clock.stop is not None:
        raise Refused
    if (
        clock.kept is not None
        or (clock.fixed is not None and at > clock.fixed)
        or (clock.goal is not None and clock.fixed is None and clock.running(at) > clock.goal)
    ):
        raise Refused
    if isinstance(agreed, tuple):
        unit, number = agreed
        ends = (days_after if unit == "日" else workdays_after)(clock.start, number)
    else:
        ends = clock.instant(agreed, at)
    if ends < at:
        raise Refused
    t.agreed[metric] = agreed
    _set(clock, t.tier, agreed)


def _instalments(
    milestones: list[tuple[datetime, dict[str, Any]]], payout: Decimal | None, total: Decimal
) -> tuple[list[tuple[str, Decimal | None, datetime | None]], bool]:
    """ "四、付款条件" (readings 10 to 12): one line per invoice of the year, in the order of the
    rule file's entries, then of the invoices. 预付款 "采购人收到成交人等额发票后…15个工作日内，
    支付合同总金额的50.00%"; 剩余服务费 "成交人开具等额发票，15个工作日内…按考核结果支付":
    what the band pays (``payout``) less the advance, each rounded as its share of the schedule
    (round(payout) − round(50%)); unknown while a grade is missing. An invoice not logged yet
    leaves a pending line (no amount, no due time). An invoice logged before the term counts
    in the year, one after it too ("money belongs to the period whose service it pays"; the
    contract has one year). Returns the lines and whether they schedule more than the year
    pays (the report warns)."""
    advance = cents(ADVANCE * total)
    balance = None if payout is None else cents(payout) - advance
    lines: list[tuple[str, Decimal | None, datetime | None]] = []
    # "合同签订生效后，采购人收到成交人等额发票后，达到付款条件起15个工作日内" (reading 15): the
    # advance's days run from the later of the invoice and the day the contract takes effect.
    begins = {"invoiced": YEAR[0], "balance_invoiced": None}
    for name, trigger, amount in (
        ("预付款", "invoiced", advance),
        ("剩余服务费", "balance_invoiced", balance),
    ):
        invoices = [at for at, e in milestones if e["name"] == trigger]
        start = begins[trigger]
        lines += [(name, amount, workdays_after(max(at, start or at), 15)) for at in invoices]
        if not invoices:
            lines.append((name, None, None))
    known = [amount for _, amount, _ in lines if amount is not None]
    over = payout is not None and sum(known, Decimal(0)) > cents(payout)
    return lines, over


def evaluate(
    events: list[dict[str, Any]], as_of: datetime, total: Decimal = CONTRACT_TOTAL
) -> OracleResult:
    # Events after the evaluation time are not evaluated (those at it are).
    kept = [(n, e) for n, e in enumerate(events) if parse_at(e["at"]) <= as_of]
    ordered = sorted(kept, key=lambda p: (parse_at(p[1]["at"]), p[0]))
    tickets: dict[str, Ticket] = {}
    occurrences: dict[str, Decimal] = {}
    judged: dict[str, Decimal] = {}
    refused: list[int] = []
    milestones: list[tuple[datetime, dict[str, Any]]] = []
    for line, event in ordered:
        at = parse_at(event["at"])
        if event["type"] == "milestone":
            # Reading 11: an invoice naming a year the contract does not have pays nothing.
            if event.get("period", "服务年:1") == "服务年:1":
                milestones.append((at, event))
        elif event["type"] == "occurrence":
            occurrences[event["kind"]] = occurrences.get(event["kind"], Decimal(0)) + Decimal(
                str(event.get("count", 1))
            )
        elif event["type"] == "judgement":
            judged[event["item"]] = Decimal(str(event["points"]))
        else:
            try:
                _apply(tickets, event, at)
            except Refused:
                refused.append(line + 1)
    report = {}
    late = Decimal(0)
    for t in tickets.values():
        report[t.ticket] = {
            m: (status(c, as_of), None if _owes_nothing(c) else _shown(c, as_of))
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
        payout = share * total
        band = cents(payout) - total
        payable = cents(payout)
        damages = cents(total * Decimal("0.30")) if score < 70 else Decimal(0)
    failed = score is not None and score < 70
    lines, over = _instalments(milestones, payable, total)
    year = YearResult(items, score, band, payable, damages, failed, lines, over)
    return OracleResult(report, year, sorted(refused))


def _owes_nothing(clock: Clock) -> bool:
    return clock.goal is None and clock.kept is None and clock.fixed is None


def _shown(clock: Clock, as_of: datetime) -> datetime:
    if clock.kept is not None:
        return clock.kept[1]
    if clock.fixed is not None:
        return clock.fixed
    assert clock.goal is not None
    if clock.at_change is not None:
        return max(clock.at_change, clock.instant(clock.goal, as_of))
    return clock.instant(clock.goal, as_of)


__all__ = ["YEAR", "evaluate", "parse_at"]
