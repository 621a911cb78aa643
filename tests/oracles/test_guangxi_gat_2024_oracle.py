"""Differential test: random, valid event logs over guangxi-gat-2024's whole term, replayed by
slarules and by the independent oracle (tests/oracles/guangxi_gat_2024.py, written from the
contract text), compared number by number: every target's deadline, status and days late,
each 考核周期's sheets, composite, 表3 deduction, bond, cash, payable and refund.

Run it thoroughly with ``SLARULES_HYPOTHESIS=thorough .venv/bin/pytest tests/oracles -q``
(docs/testing.md, "The guangxi oracle").
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import slarules

from .support import load_oracle

_HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location("guangxi_oracle", _HERE / "guangxi_gat_2024.py")
assert _SPEC is not None and _SPEC.loader is not None
oracle = importlib.util.module_from_spec(_SPEC)
sys.modules["guangxi_oracle"] = oracle
_SPEC.loader.exec_module(oracle)

money_draws = load_oracle("guangxi_gat_2024_money_draws.py")
ROOT = _HERE.parents[1]
RULES = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
TZ = oracle.TZ
UTC = oracle.ZoneInfo("UTC")
TERM_START = datetime(2024, 9, 2, tzinfo=TZ)
TERM_END = datetime(2026, 9, 2, tzinfo=TZ)
AS_OF = datetime(2027, 3, 1, tzinfo=TZ)
M = timedelta(minutes=1)
H = timedelta(hours=1)

# Days that matter to the calendars: holidays, 调休 workdays, period edges, weekends.
_DAYS = (
    "2024-09-02 2024-09-14 2024-09-16 2024-09-17 2024-09-29 2024-09-30 2024-10-01 "
    "2024-10-07 2024-10-12 2024-12-31 2025-01-26 2025-01-28 2025-02-08 2025-04-27 "
    "2025-05-05 2025-05-30 2025-09-01 2025-09-02 2025-09-28 2025-10-08 2025-10-11 "
    "2025-12-31 2026-01-04 2026-02-13 2026-02-14 2026-02-28 2026-05-09 2026-09-01"
)
SPECIAL_DAYS = [date.fromisoformat(day) for day in _DAYS.split(" ")]
SPECIAL_TIMES = [
    time(0),
    time(7, 59),
    time(8),
    time(11, 59),
    time(12),
    time(13, 30),
    time(14),
    time(17, 59),
    time(18),
    time(20, 59),
    time(21),
    time(23, 59),
]
# Durations that hit the targets' edges: the targets themselves, a minute either side.
NOMINAL = [15 * M, 30 * M, 45 * M, H, 2 * H, 4 * H, 8 * H, 12 * H, 24 * H, 48 * H, 72 * H]
SLAS = {
    "事件": ["1级", "2级", "3级", "4级"],
    "E总队系统": ["服务请求"],
    "CGYWZHJG平台": ["故障"],
    "通达协同办公": ["服务请求"],
}
KINDS = [
    "系统运行故障",
    "安全运行事件",
    "驻点缺席",
    "拒不改正",
    "非工作时间失联",
    "未按时巡检",
    "巡检未发现异常",
    "材料退回修改",
    "材料质量问题",
]
ASSESSORS = [None, None, "监理", "刑事侦查总队", "科技信息化总队", "禁毒总队"]
CAUSES = ["采购人原因", "第三方原因", "不可抗力"]


def stamp(instant: datetime, style: int) -> str:
    """RFC 3339 as real exports write it: +08:00, Z, +00:00, or another zone's offset."""
    if style == 0:
        return instant.astimezone(TZ).isoformat()
    if style == 3:
        return instant.astimezone(oracle.ZoneInfo("America/New_York")).isoformat()
    text = instant.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z") if style == 1 else text


@st.composite
def shuffled(draw: st.DrawFn, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file out of order, as merged exports are: events are processed by `at`, ties in
    file order (SPEC §5), so events at the same instant keep their order; and sometimes with
    ids and a repeated line (a duplicate, dropped: the first in the file stays)."""
    out = list(draw(st.permutations(events)))
    slots: dict[datetime, list[int]] = {}
    for i, ev in enumerate(out):
        slots.setdefault(oracle.parse_at(ev["at"]), []).append(i)
    groups: dict[datetime, list[dict[str, Any]]] = {}
    for ev in events:
        groups.setdefault(oracle.parse_at(ev["at"]), []).append(ev)
    for at, where in slots.items():
        for i, ev in zip(where, groups[at], strict=True):
            out[i] = ev
    if out and draw(st.booleans()):
        out = [{**ev, "id": f"e{i}"} for i, ev in enumerate(out)]
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(out) - 1))
            out.insert(draw(st.integers(i + 1, len(out))), dict(out[i]))
    return out


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    if draw(st.integers(0, 19)) == 0:  # just before the term, or just after it
        edge = draw(st.sampled_from([TERM_START - 7 * 24 * H, TERM_END]))
        return edge + draw(st.integers(0, 7 * 24 * 60 - 1)) * M
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL_DAYS))
        moment = draw(st.sampled_from(SPECIAL_TIMES))
        return datetime.combine(day, moment, TZ)
    minutes = int((TERM_END - TERM_START) / M) - 1
    return TERM_START + draw(st.integers(0, minutes)) * M


@st.composite
def offsets(draw: st.DrawFn, calendar: str, base: datetime) -> datetime:
    """A time after ``base``: a target's length (on the calendar) exactly, a minute early or
    late, or anything within a week."""
    if draw(st.booleans()):
        amount = draw(st.sampled_from(NOMINAL)) + draw(st.sampled_from([-M, 0 * M, M]))
        return oracle.add_working(calendar, base, max(amount, M))
    return base + draw(st.integers(1, 7 * 24 * 60)) * M


@st.composite
def tickets(draw: st.DrawFn, number: int) -> list[tuple[datetime, dict[str, Any]]]:
    sla = draw(st.sampled_from(sorted(SLAS)))
    tier = draw(st.sampled_from(SLAS[sla]))
    cal = oracle.SLAS[sla].calendar
    tid = f"T{number}"
    opened = draw(instants())
    head: dict[str, Any] = {"type": "opened", "ticket": tid, "sla": sla, "tier": tier}
    assessor = draw(st.sampled_from(ASSESSORS))
    if assessor not in (None, "监理"):
        head["assessor"] = assessor
    out: list[tuple[datetime, dict[str, Any]]] = [(opened, head)]

    def add(at: datetime, type_: str, **fields: Any) -> None:
        out.append((at, {"type": type_, "ticket": tid, **fields}))

    if draw(st.integers(0, 9)) < 8:
        add(draw(offsets(cal, opened)), "responded")
    if sla == "事件":
        for _ in range(draw(st.integers(0, 3))):
            # now and then a "change" to the level it has: no change at all
            new = draw(st.sampled_from([t for t in SLAS[sla] if t != tier] + [tier]))
            add(draw(offsets(cal, opened)), "retiered", tier=new)
            tier = new
    if sla == "E总队系统" and draw(st.booleans()):
        add(draw(offsets(cal, opened)), "arrived")
    workaround = sla == "CGYWZHJG平台" and draw(st.booleans())
    if workaround:
        add(draw(offsets(cal, opened)), "workaround")
    if draw(st.integers(0, 9)) < 8:
        fixed = draw(offsets(cal, opened))
        add(fixed, "resolved")
        if draw(st.integers(0, 4)) == 0:
            closed = fixed + draw(st.integers(0, 24 * 60)) * M
            add(closed, "closed")
            again = closed + draw(st.integers(0, 2 * 24 * 60)) * M
            add(again, "reopened")
            # nothing happens to a closed ticket before it is reopened (SLR917)
            out[:] = [(at, ev) for at, ev in out if not closed < at < again]
            if draw(st.booleans()):
                fixed = draw(offsets(cal, again))
                add(fixed, "resolved")
        if draw(st.integers(0, 9)) < 8:
            add(draw(offsets("全天", fixed)), "reported")
    if draw(st.integers(0, 9)) == 0:
        add(
            opened + draw(st.integers(1, 600)) * M,
            "attributed",
            cause=draw(st.sampled_from(CAUSES)),
        )
    for _ in range(draw(st.integers(0, 2))):  # the purchaser's or a third party's delay
        held = draw(offsets(cal, opened))
        add(held, "paused")
        if draw(st.integers(0, 4)) > 0:
            add(draw(offsets(cal, held)), "resumed")
    return valid(out)


def valid(out: list[tuple[datetime, dict[str, Any]]]) -> list[tuple[datetime, dict[str, Any]]]:
    """Drop what the ticket's life cycle refuses (docs/events.md, SLR917): a pause while
    paused or closed, a resume while not paused, a change of level or a close while closed,
    a reopening while open."""
    kept, paused, closed = [], False, False
    for at, ev in sorted(out, key=lambda pair: pair[0]):
        kind = ev["type"]
        if kind == "paused" and (paused or closed):
            continue
        if kind == "resumed" and (not paused or closed):
            continue
        if kind in ("retiered", "closed") and closed:
            continue
        if kind == "reopened" and not closed:
            continue
        paused = (paused or kind == "paused") and kind not in ("resumed", "closed")
        closed = (closed or kind == "closed") and kind != "reopened"
        kept.append((at, ev))
    return kept


@st.composite
def occurrences(draw: st.DrawFn, ticket_ids: list[str]) -> tuple[datetime, dict[str, Any]]:
    kind = draw(st.sampled_from(KINDS))
    ev: dict[str, Any] = {"type": "occurrence", "kind": kind}
    assessor = draw(st.sampled_from(ASSESSORS))
    if assessor:
        ev["assessor"] = assessor
    if kind == "安全运行事件":
        ev["points"] = str(draw(st.sampled_from([5, "7.5", 10, 20])))
    if draw(st.integers(0, 3)) == 0:  # a bad year: "扣分不设下限" takes the score below zero
        ev["count"] = draw(st.integers(1, 12))
    if kind in ("系统运行故障", "安全运行事件") and ticket_ids and draw(st.booleans()):
        ev["ticket"] = draw(st.sampled_from(ticket_ids))
    return draw(instants()), ev


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    timed: list[tuple[datetime, dict[str, Any]]] = []
    n = draw(st.integers(0, 8))
    for i in range(n):
        timed += draw(tickets(i))
    ids = [f"T{i}" for i in range(n)]
    for _ in range(draw(st.integers(0, 8))):
        timed.append(draw(occurrences(ids)))
    if draw(st.integers(0, 4)) == 0:  # "无重大事故发生", checked by 2025-12-31 24:00
        when = datetime(2026, 1, 1, tzinfo=TZ) + draw(st.sampled_from([-M, 0 * M, M]))
        if draw(st.booleans()):
            when = datetime(2025, 1, 1, tzinfo=TZ) + draw(st.integers(0, 400 * 24)) * H
        timed.append((when, {"type": "occurrence", "kind": "重大事故", "assessor": "监理"}))
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(["月报", "巡检报告", "缺陷分析报告"]))
        due = datetime.combine(draw(instants()).date(), time(0), TZ)
        timed.append((due, {"type": "due", "deliverable": name}))
        if draw(st.integers(0, 4)) > 0:
            timed.append(
                (
                    due + draw(st.integers(-600, 10 * 24 * 60)) * M,
                    {"type": "delivered", "deliverable": name},
                )
            )
    for _ in range(draw(st.integers(0, 3))):  # money received, and its invoice (reading 17)
        paid = draw(st.one_of(instants(), st.just(datetime(2026, 9, 20, 10, tzinfo=TZ))))
        timed.append((paid, {"type": "milestone", "name": "paid"}))
        if draw(st.integers(0, 4)) > 0:
            timed.append(
                (draw(offsets("全天", paid)), {"type": "delivered", "deliverable": "发票"})
            )
    for kind in ("失泄密事件", "更换后仍不合格"):
        if draw(st.integers(0, 5)) == 0:
            timed.append((draw(instants()), {"type": "occurrence", "kind": kind}))
    if draw(st.booleans()):
        signed = datetime(2024, 8, 1, 15, tzinfo=TZ) + draw(st.integers(0, 30)) * timedelta(days=1)
        timed.append((signed, {"type": "milestone", "name": "signed"}))
        timed.append(
            (
                signed + draw(st.integers(1, 40 * 24)) * H,
                {"type": "delivered", "deliverable": "合同履约清单"},
            )
        )
    accepted = datetime(2024, 8, 20, 10, tzinfo=TZ) + draw(st.integers(0, 20)) * timedelta(days=1)
    if draw(st.integers(0, 4)) == 0:  # a late 阶段验收, inside the term
        accepted = draw(instants())
    if draw(st.sampled_from(range(10))) > 0:  # now and then not logged (yet): its 25% waits
        timed.append((accepted, {"type": "milestone", "name": "accepted"}))
    timed += draw(money_draws.final_acceptances(instants()))
    timed += draw(money_draws.given_scores(instants()))
    timed.sort(key=lambda pair: pair[0])
    events = [{"at": stamp(at, draw(st.integers(0, 3))), **ev} for at, ev in timed]
    if draw(st.integers(0, 2)) == 0:
        events = draw(shuffled(events))
    params: dict[str, Any] = {}
    if draw(st.booleans()):
        params["small_firm"] = True
    if draw(st.booleans()):
        params["contract_total"] = draw(st.sampled_from(["1234567.89", "10000000.02", "999"]))
    if draw(st.sampled_from(range(4))) == 0:
        # "2025年下半年…再支付": a purchaser that agreed a date inside the half year gives it
        # (--param mid_due); before 2 Sep 2025 it falls in 考核周期:1, 1 Sep being its last day.
        params["mid_due"] = draw(st.sampled_from(["2025-07-01", "2025-09-01", "2025-10-15"]))
    if draw(st.sampled_from(range(6))) == 0:
        # "以合同签订并通过科信办阶段验收时间期起算": another acceptance day shifts both cycles
        # (art. 202: a month-end start ends on the corresponding date), and with 31 Jan 2025
        # the 中期款 (2025-12-31) falls in 考核周期:1; the log's early events are then before
        # the term.
        params["start"] = draw(st.sampled_from(["2024-10-08", "2025-01-31"]))
    return events, params


# ---- comparison ---------------------------------------------------------------------------


def _when(text: str | None) -> datetime | None:
    return None if text is None else oracle.parse_at(text)


def disagreements(
    events: list[dict[str, Any]], params: dict[str, Any], as_of: datetime = AS_OF
) -> list[str]:
    """Every number on which slarules and the oracle differ, as readable lines. With an
    ``as_of`` inside the term, the events after it are not evaluated (docs/events.md); the
    money is compared there too, with what still waits (an instalment whose event is not
    logged, the 中期款 before its due time, and the cash and payable that depend on them)
    compared as pending."""
    report = json.loads(RULES.replay(events, as_of=as_of.isoformat(), params=params).to_json())
    p = oracle.Params(
        contract_total=Decimal(params.get("contract_total", "10000000")),
        small_firm=bool(params.get("small_firm", False)),
        mid_due=date.fromisoformat(params.get("mid_due", "2025-12-31")),
        start=date.fromisoformat(params.get("start", "2024-09-02")),
    )
    seen = [e for e in events if oracle.parse_at(e["at"]) <= as_of]
    mine = oracle.evaluate(seen, as_of, p)
    out = _ticket_disagreements(report, mine, as_of)
    for cycle in mine.cycles:
        found = [x for x in report["periods"] if x["period"] == cycle["period"]]
        if not found:
            if oracle.cycle_bounds(p, int(cycle["period"][-1]))[0] <= as_of:
                out.append(f"{cycle['period']} not reported")
            continue
        period = found[0]
        cards = {c["name"]: Decimal(c["score"]) for c in period["scorecards"]}
        theirs = {
            "监理评分": cards["监理评分"],
            "服务总队评分": cards["服务总队评分"],
            "最终得分": Decimal(period["composite"]["最终得分"]["score"]),
            "flags": sorted(
                {f["name"] for f in period.get("flags", []) + period["payment"]["flags"]}
            ),
        }
        theirs |= _money(period["payment"])
        for key, value in theirs.items():
            if value != cycle[key]:
                out.append(f"{cycle['period']} {key}: slarules {value} oracle {cycle[key]}")
    return out


def _ticket_disagreements(report: dict[str, Any], mine: Any, as_of: datetime) -> list[str]:
    out: list[str] = []
    for t in report["tickets"]:
        ticket = mine.tickets[t["ticket"]]
        for target in t["targets"]:
            clock = ticket.clocks[target["metric"]]
            where = f"{t['ticket']}.{target['metric']}"
            theirs = (_when(target["deadline"]), target["status"])
            ours = (clock.deadline, clock.status(as_of))
            if target["status"] == "not_applicable" and ours[1] == "not_applicable":
                continue
            if theirs != ours:
                out.append(f"{where}: slarules {theirs} oracle {ours}")
            late = clock.days_late(as_of)
            if target["metric"] == "report" and target["days_late"] != late:
                out.append(f"{where} days late: slarules {target['days_late']} oracle {late}")
    if len(report["tickets"]) != len(mine.tickets):
        out.append(f"tickets: slarules {len(report['tickets'])} oracle {len(mine.tickets)}")
    return out


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _rows(lines: list[dict[str, Any]], kind: str) -> list[tuple[str, str, str]]:
    """The lines of a kind as (name, due or "-", amount or "pending"), sorted."""
    return sorted(
        (
            x["name"],
            x["due"] or "-",
            "pending" if x["amount"] is None else x["amount"],
        )
        for x in lines
        if x["kind"] == kind
    )


def _money(pay: dict[str, Any]) -> dict[str, Any]:
    """The money the oracle computes, read from the report: the 表3 deduction, the bond
    account, the cycle's cash (its `base` line: the instalments due in it, pending while
    one waits), payable and refund, every instalment and every bond return."""
    lines = pay["lines"]
    (base,) = [x for x in lines if x["kind"] == "base"]
    return {
        "deduction": sum(
            (-Decimal(x["amount"]) for x in lines if x["kind"] == "deduct_band"), Decimal(0)
        ),
        "bond_opening": _number(pay["bond"]["opening"]),
        "bond_deducted": _number(pay["bond"]["deducted"]),
        "bond_remaining": _number(pay["bond"]["remaining"]),
        "cash": _number(base["amount"]),
        "payable": _number(pay["payable"]),
        "refund": _number(pay["refund"]),
        "instalments": _rows(lines, "milestone"),
        "bond_returns": _rows(lines, "bond_return"),
    }


def _ticket(tid: str, sla: str, tier: str, opened: str, *steps: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = [{"at": opened, "type": "opened", "ticket": tid, "sla": sla, "tier": tier}]
    for at, kind, *fields in steps:
        out.append({"at": at, "type": kind, "ticket": tid, **(fields[0] if fields else {})})
    return out


MILESTONES = [
    {"at": "2024-08-30T10:00:00+08:00", "type": "milestone", "name": "accepted"},
    {"at": "2026-09-10T02:00:00Z", "type": "milestone", "name": "final_accepted"},
]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(logs())
@example(
    # A 2级 fault raised to 1级 20 minutes in (reading 1's example): answered at 10:25 (2级's
    # 10:30 caps 1级's 15 minutes from the change), fixed by 14:20.
    (
        [
            *MILESTONES[:1],
            *_ticket(
                "T0",
                "事件",
                "2级",
                "2024-10-02T10:00:00+08:00",
                ("2024-10-02T10:20:00+08:00", "retiered", {"tier": "1级"}),
                ("2024-10-02T10:25:00+08:00", "responded"),
                ("2024-10-02T06:20:00Z", "resolved"),
                ("2024-10-08T23:59:00+08:00", "reported"),
            ),
            MILESTONES[1],
        ],
        {},
    )
)
@example(
    # CGYWZHJG opened Friday 17:00 before the make-up Saturday 8 Feb 2025; answered at 08:30.
    (
        [
            *MILESTONES[:1],
            *_ticket(
                "T0",
                "CGYWZHJG平台",
                "故障",
                "2025-02-07T17:00:00+08:00",
                ("2025-02-08T00:30:00Z", "responded"),
                ("2025-02-10T03:00:00+00:00", "resolved"),
                ("2025-02-13T16:00:00+08:00", "reported"),
            ),
            MILESTONES[1],
        ],
        {"small_firm": True},
    )
)
@example(
    # A 阶段验收 late, in cycle 2: cycle 1 has no cash, scores 75 (five faults) → 20% of
    # 10000000.02 = 2000000.00, 300000.00 from the bond, 1700000.00 owed back (refund).
    # Cycle 2 falls below zero (thirty more faults, "扣分不设下限"), a 失泄密事件 flags
    # 终止合同, and a 重大事故 at 23:59 on 31 Dec 2025 withholds the 中期款.
    (
        [
            {
                "at": "2024-10-08T11:00:00+08:00",
                "type": "occurrence",
                "kind": "系统运行故障",
                "count": 5,
            },
            {"at": "2025-10-08T10:00:00+08:00", "type": "milestone", "name": "accepted"},
            {"at": "2025-10-09T11:00:00+08:00", "type": "occurrence", "kind": "失泄密事件"},
            {
                "at": "2025-11-08T11:00:00+08:00",
                "type": "occurrence",
                "kind": "系统运行故障",
                "count": 30,
            },
            {"at": "2025-12-31T15:59:00Z", "type": "occurrence", "kind": "重大事故"},
            MILESTONES[1],
        ],
        {"contract_total": "10000000.02"},
    )
)
@example(
    # The round-7 finding: a pause begun at the 15th minute of a 1级 answer holds the clock,
    # and the answer given during it is met (tests/audit/test_guangxi_gat_2024_r7_oracle.py).
    (
        [
            *MILESTONES[:1],
            *_ticket(
                "T0",
                "事件",
                "1级",
                "2024-11-05T10:00:00+08:00",
                ("2024-11-05T02:15:00Z", "paused"),
                ("2024-11-05T10:20:00+08:00", "responded"),
                ("2024-11-05T10:30:00+08:00", "resumed"),
            ),
            MILESTONES[1],
        ],
        {},
    )
)
def test_slarules_agrees_with_the_oracle_on_random_logs(
    case: tuple[list[dict[str, Any]], dict[str, Any]],
) -> None:
    events, params = case
    assert disagreements(events, params) == []


# Instants where the money changes: the 中期款 falls due (2025-12-31 24:00, "2025年下半年…
# 再支付", or another mid_due), the cycles' edges.
MONEY_INSTANTS = [
    datetime(2026, 1, 1, tzinfo=TZ) - M,
    datetime(2026, 1, 1, tzinfo=TZ),
    datetime(2025, 7, 2, tzinfo=TZ),  # the due times of the other mid_due dates drawn
    datetime(2025, 10, 16, tzinfo=TZ) - M,
    datetime(2025, 9, 2, tzinfo=TZ),
    datetime(2026, 9, 2, tzinfo=TZ),
]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(logs(), st.data())
def test_slarules_agrees_with_the_oracle_at_any_instant_of_the_term(
    case: tuple[list[dict[str, Any]], dict[str, Any]], data: st.DataObject
) -> None:
    # The same logs evaluated while the term runs: targets running or already breached,
    # reports late so far, the sheets of the cycles begun (the money is provisional then).
    events, params = case
    instants_ = [oracle.parse_at(e["at"]) for e in events]
    as_of = data.draw(
        st.one_of(
            st.sampled_from(instants_),
            instants(),
            st.sampled_from([x + M for x in instants_]),
            st.sampled_from(MONEY_INSTANTS),
        )
    )
    assert disagreements(events, params, as_of) == []


@pytest.mark.parametrize(
    ("item", "scorecard"),
    [("安全运行事件", None), ("安全运行事件", "监理评分"), ("系统运行故障", "服务总队评分")],
)
def test_a_judgement_is_refused_since_the_file_judges_per_occurrence(
    item: str, scorecard: str | None
) -> None:
    # The rule file consumes no `judgement` event: "每发生一次，扣5-20分（根据事件严重程度
    # 判定）" is judged per occurrence (`deduct judged [5, 20] per occurrence of
    # 安全运行事件`, each carrying its `points`), and no item of 表1/表2 is a judged grade.
    # So a judgement is not silently ignored (SPEC §5: "nothing else is dropped
    # silently"): the log is refused, naming the line (SLR915), and `--lenient` skips it.
    judgement: dict[str, Any] = {
        "at": "2024-10-08T11:00:00+08:00",
        "type": "judgement",
        "item": item,
        "points": 10,
    }
    if scorecard is not None:
        judgement["scorecard"] = scorecard
    events = [MILESTONES[0], judgement, MILESTONES[1]]
    with pytest.raises(slarules.RuleError) as refused:
        RULES.replay(events)
    (diagnostic,) = refused.value.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("SLR915", 2)
    lenient = json.loads(RULES.replay(events, lenient=True).to_json())
    assert [w for w in lenient["warnings"] if w.startswith("event 2: skipped")] != []
