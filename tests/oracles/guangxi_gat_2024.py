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

import importlib.util
import math
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo


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
_tickets = _sibling("guangxi_gat_2024_tickets")
_money = _sibling("guangxi_gat_2024_money")
TZ, DAY, HOUR, MINUTE = _time.TZ, _time.DAY, _time.HOUR, _time.MINUTE
local, midnight_after, workdays_after = _time.local, _time.midnight_after, _time.workdays_after
add_working, working_time, is_china_workday = (
    _time.add_working,
    _time.working_time,
    _time.is_china_workday,
)
SLAS, Ticket, Clock = _tickets.SLAS, _tickets.Ticket, _tickets.Clock
parse_at, ordered, replay_tickets = _tickets.parse_at, _tickets.ordered, _tickets.replay_tickets
D = Decimal
CENT = D("0.01")
__all__ = ["ZoneInfo", "add_working", "is_china_workday", "time", "working_time"]


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
    """Every number of a report at ``as_of`` of the events (those after it already left
    out by the caller): the tickets, and per 考核周期 begun by ``as_of`` its scores, flags
    and money (docs/events.md: "Every cycle of the term that has started by as_of is
    reported")."""
    tickets = replay_tickets(events, as_of)
    excluded = {t.ticket for t in tickets.values() if t.excluded}
    occurrences = [(at, e) for at, e in ordered(events) if e["type"] == "occurrence"]
    milestones = [(at, e["name"]) for at, e in ordered(events) if e["type"] == "milestone"]
    scores = [(at, e) for at, e in ordered(events) if e["type"] == "score"]
    total = params.contract_total
    # "交纳合同金额的3%作为履约保证金（中小微企业为合同金额的2%）" — one account (reading 16).
    bond = money(total * (D(2) if params.small_firm else D(3)) / 100)
    late_dues = deliverable_days_late(events, as_of)
    reported = [k for k in (1, 2) if cycle_bounds(params, k)[0] <= as_of]
    mid_due = midnight_after(params.mid_due)
    due = _money.instalments(
        milestones,
        [at for at, e in occurrences if e["kind"] == "重大事故"],
        total,
        as_of,
        lambda at: _cycle_of(at, params),
        lambda at: workdays_after(local(at).date(), 10),
        mid_due,
        _cycle_of(mid_due - DAY, params),  # the cycle that holds 2025-12-31
        2,  # the term's last cycle, where an instalment waits for its event
    )
    finals = [at for at, name in milestones if name == "final_accepted"]
    taken = D(0)  # what the earlier cycles took from the bond: deducted or given back
    cycles = []
    for k in reported:
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
        given = _money.given_scores(scores, k, lambda at, e: _score_cycle(at, e, params))
        # 表1 is the supervisor's one sheet (100%); a score given for it replaces it.
        supervisor = given.get(
            ("监理评分", SUPERVISOR),
            _sheet_score(SUPERVISOR, in_cycle, occ, excluded, as_of, late),
        )
        supervisor = given.get(("监理评分", None), supervisor)
        sheets = {
            d: given.get(("服务总队评分", d), _sheet_score(d, in_cycle, occ, excluded, as_of))
            for d in DEPARTMENTS
        }
        teams = sum((w * sheets[d] for d, w in DEPARTMENTS.items()), D(0))
        teams = given.get(("服务总队评分", None), teams)
        final = supervisor * D("0.5") + teams * D("0.5")
        # "每个考核周期扣减金额独立计算，均以合同总价作为扣减基准" (reading 13).
        deduction = money(total * band_percent(final) / 100)
        mine = [at for at in finals if _cycle_of(at, params) == k]
        paid, took = _money.settle(
            due[k],
            mine,
            lambda at: workdays_after(local(at).date(), 10),
            deduction,
            bond,
            taken,
            waiting_return=not finals and k == 2,
        )
        taken += took
        cycles.append(
            {
                "period": f"考核周期:{k}",
                "监理评分": supervisor,
                "服务总队评分": teams,
                "最终得分": final,
                "deduction": deduction,
                "bond_opening": paid.bond_opening,
                "bond_deducted": paid.bond_deducted,
                "bond_remaining": paid.bond_remaining,
                "cash": paid.cash,
                "payable": paid.payable,
                "refund": paid.refund,
                "instalments": sorted(_row(x) for x in paid.instalments),
                "bond_returns": sorted(_row(x) for x in paid.returns),
                "flags": sorted(flags),
            }
        )
    return Result(tickets, cycles)


def _row(line: Any) -> tuple[str, str, str]:
    """A money line as comparable text: name, due (RFC 3339 in +08:00, or "-" while it
    waits for its event) and amount ("pending" while it waits)."""
    due = "-" if line.due is None else local(line.due).isoformat()
    return (line.name, due, "pending" if line.amount is None else f"{money(line.amount):f}")


def _score_cycle(at: datetime, e: dict[str, Any], params: Params) -> int | None:
    """The cycle a `score` counts in: the one its ``period`` names ("考核周期:1", docs/
    events.md "Evidence that belongs to another period"), else the one holding its
    instant; none before or after the term."""
    if "period" in e:
        return int(e["period"].split(":")[1])
    for k in (1, 2):
        begin, end = cycle_bounds(params, k)
        if begin <= at < end:
            return k
    return None


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
