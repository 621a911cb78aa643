"""Differential test: slarules against an independent oracle for fujian-scjg-2023.

Random, valid logs over the whole service year (tickets reported at any instant: nights,
lunch breaks, weekends, holidays, the 调休 make-up days; answers, fixes and fault reports
early, at the due instant and late; 咨询 ↔ 故障 changes; 突发应急事件; the purchaser's
monthly scores, serious incidents, the signing and the plan), written with mixed UTC
offsets, are replayed by slarules and by tests/oracles/fujian_scjg_2023.py (which imports
nothing of slarules), and every number is compared: each target's status and deadline, each
month's withheld amount and payable, and both flags.

SLARULES_HYPOTHESIS=thorough runs the full example count (docs/testing.md).
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules

from .support import evaluation_time, in_time_order, jsonl, load_oracle, stamped

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rulesets" / "fujian-scjg-2023.sla"


ORACLE = load_oracle("fujian_scjg_2023.py")

CST = timezone(timedelta(hours=8))
START = datetime(2023, 3, 1, tzinfo=CST)
END = datetime(2024, 3, 1, tzinfo=CST)
AS_OF = datetime(2024, 4, 1, tzinfo=CST)
SPECIAL_DAYS = [
    datetime(2023, 3, 1, tzinfo=CST),
    datetime(2023, 4, 21, tzinfo=CST),  # Friday before the make-up Sunday 23 Apr
    datetime(2023, 4, 23, tzinfo=CST),  # 调休 make-up Sunday
    datetime(2023, 4, 28, tzinfo=CST),  # before 劳动节
    datetime(2023, 6, 21, tzinfo=CST),  # before 端午
    datetime(2023, 9, 28, tzinfo=CST),  # before 中秋国庆
    datetime(2023, 10, 7, tzinfo=CST),  # make-up Saturday
    datetime(2023, 10, 8, tzinfo=CST),  # make-up Sunday
    datetime(2023, 12, 29, tzinfo=CST),
    datetime(2024, 2, 4, tzinfo=CST),  # make-up Sunday (2024 schedule)
    datetime(2024, 2, 9, tzinfo=CST),  # 春节
    datetime(2024, 2, 18, tzinfo=CST),  # make-up Sunday
    datetime(2024, 2, 29, tzinfo=CST),  # the term's last day
]
CLOCK_TIMES = [
    0,
    7 * 60 + 59,
    8 * 60,
    11 * 60 + 50,
    12 * 60,
    14 * 60 + 29,
    17 * 60 + 20,
    17 * 60 + 30,
    23 * 60 + 59,
]
TERM_MINUTES = int((END - START) / timedelta(minutes=1))
EDGE_OFFSETS = [0, 1, 29, 30, 31, 60, 180, 400, 1440, 2880, 4320]
TIERS = ("故障", "咨询")
ACTIONS = (
    "responded",
    "resolved",
    "reported",
    "reported",
    "retiered",
    "retiered",
    "attributed",
    "closed",
)
SCORES = ["100", "95", "85.5", "80", "79.99", "79.5", "79", "60", "0"]


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    if draw(st.booleans()):
        return draw(st.sampled_from(SPECIAL_DAYS)) + timedelta(
            minutes=draw(st.sampled_from(CLOCK_TIMES))
        )
    return START + timedelta(minutes=draw(st.integers(0, TERM_MINUTES - 1)))


@st.composite
def ticket_events(draw: st.DrawFn, name: str) -> list[tuple[datetime, dict[str, Any]]]:
    opened = draw(instants())
    tier = draw(st.sampled_from(TIERS))
    events = [(opened, {"type": "opened", "ticket": name, "sla": "故障", "tier": tier})]
    steps = draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(EDGE_OFFSETS), st.integers(0, 8000)),
                st.sampled_from(ACTIONS),
                st.sampled_from(TIERS),
            ),
            max_size=8,
        )
    )
    steps.sort(key=lambda step: step[0])
    attributed = False
    for offset, action, new_tier in steps:
        body: dict[str, Any] = {"type": action, "ticket": name}
        if action == "retiered":
            if new_tier == tier:
                continue
            tier = new_tier
            body["tier"] = new_tier
        if action == "attributed":
            if attributed:
                continue
            attributed = True
            body["cause"] = "突发应急事件"
        events.append((opened + timedelta(minutes=offset), body))
        if action == "closed":
            break
    return events


@st.composite
def other_events(draw: st.DrawFn) -> list[tuple[datetime, dict[str, Any]]]:
    """The monthly scores (some missing), serious incidents, the signing and the plan."""
    events: list[tuple[datetime, dict[str, Any]]] = []
    for month in range(1, 13):
        if draw(st.integers(0, 9)) == 0:
            continue
        lo = ORACLE._anniversary(month - 1)
        hi = ORACLE._anniversary(month)
        minutes = int((hi - lo) / timedelta(minutes=1))
        at = lo + timedelta(minutes=draw(st.integers(0, minutes - 1)))
        body = {
            "type": "score",
            "scorecard": "运维服务考核",
            "score": float(draw(st.sampled_from(SCORES))),
        }
        events.append((at, body))
    for _ in range(draw(st.integers(0, 2))):
        events.append((draw(instants()), {"type": "occurrence", "kind": "严重安全保密事故"}))
    if draw(st.booleans()):
        signed = START + timedelta(minutes=draw(st.integers(0, 20 * 1440)))
        events.append((signed, {"type": "milestone", "name": "signed"}))
        late = draw(st.one_of(st.none(), st.integers(0, 20 * 1440)))
        if late is not None:
            events.append(
                (
                    signed + timedelta(minutes=late),
                    {"type": "delivered", "deliverable": "实施计划和运维方案"},
                )
            )
    return events


@st.composite
def logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    pairs: list[tuple[datetime, dict[str, Any]]] = []
    for number in range(draw(st.integers(0, 6))):
        pairs.extend(draw(ticket_events(f"S{number}")))
    pairs.extend(draw(other_events()))
    keep = in_time_order(pairs, END)
    return draw(stamped(keep))


def evaluation_times(events: list[dict[str, Any]]) -> st.SearchStrategy[datetime]:
    """After the year, any instant of it, or exactly an event's instant (events at the
    evaluation time count, later ones do not)."""
    return evaluation_time(events, ORACLE.parse_at, instants(), AS_OF)


# Contract totals: the placeholder, one twelve does not divide (8333.33… a month), odd cents.
TOTALS = ["360000", "100000", "1000000.01", "0.05"]


def compare(
    events: list[dict[str, Any]], as_of: datetime = AS_OF, total: str = "360000"
) -> list[str]:
    rules = slarules.load(RULES)
    params = {"contract_total": total}
    report = rules.replay(io.BytesIO(jsonl(events)), as_of=as_of, params=params)
    got = json.loads(report.to_json())
    want = ORACLE.evaluate(events, as_of, Decimal(total))
    problems: list[str] = []
    seen = {t["ticket"]: t for t in got["tickets"]}
    for ticket, metrics in want.tickets.items():
        targets = {x["metric"]: x for x in seen[ticket]["targets"]}
        for metric, (status, deadline) in metrics.items():
            mine = targets[metric]
            if mine["status"] != status:
                problems.append(f"{ticket}.{metric}: status {mine['status']} != oracle {status}")
            theirs = None if mine["deadline"] is None else ORACLE.parse_at(mine["deadline"])
            if status != "not_applicable" and theirs != deadline:
                problems.append(
                    f"{ticket}.{metric}: deadline {mine['deadline']} != oracle {deadline}"
                )
    periods = {p["period"]: p for p in got["periods"]}
    for n, month in want.months.items():
        period = periods.get(f"服务月:{n}")
        if period is None and ORACLE._anniversary(n - 1) > as_of:
            continue  # a month not started by the evaluation time is not reported
        if period is None:
            problems.append(f"服务月:{n} missing")
            continue
        payment = period["payment"]
        lines = {line["kind"]: line["amount"] for line in payment["lines"]}
        if Decimal(lines["base"]) != month.base:
            problems.append(f"month {n} base {lines['base']} != oracle {month.base}")
        if month.score is None:
            continue
        if Decimal(lines["formula"]) != -month.withheld:
            problems.append(f"month {n} withheld {lines['formula']} != oracle {month.withheld}")
        if payment["payable"] is None or Decimal(payment["payable"]) != month.payable:
            problems.append(f"month {n} payable {payment['payable']} != oracle {month.payable}")
        flags = {f["name"] for f in payment["flags"]}
        if ("违约金请求权" in flags) != month.damages_flag:
            problems.append(f"month {n} 违约金请求权 {flags} != oracle {month.damages_flag}")
        if ("解除合同权" in flags) != month.rescind_flag:
            problems.append(f"month {n} 解除合同权 {flags} != oracle {month.rescind_flag}")
    return problems


def _e(at: str, **body: Any) -> dict[str, Any]:
    return {"at": at, **body}


# Hand-picked edges (docs/rulesets/fujian-scjg-2023.md, readings 1, 2, 9, 11): Friday 17:20
# before the make-up Sunday; the lunch break; a 咨询 raised to 故障; a plan due on a make-up day.
EDGE_LOGS = [
    [
        _e("2023-04-21T17:20:00+08:00", type="opened", ticket="A", sla="故障", tier="故障"),
        _e("2023-04-23T00:20:00Z", type="responded", ticket="A"),
        _e("2023-04-24T09:00:00+08:00", type="resolved", ticket="A"),
    ],
    [
        _e("2023-03-14T11:50:00+08:00", type="opened", ticket="B", sla="故障", tier="咨询"),
        _e("2023-03-14T14:50:00+08:00", type="responded", ticket="B"),
        _e("2023-03-15T02:00:00Z", type="retiered", ticket="B", tier="故障"),
    ],
    [
        _e("2023-03-01T10:00:00+08:00", type="milestone", name="signed"),
        _e("2023-03-13T23:59:00+08:00", type="delivered", deliverable="实施计划和运维方案"),
        _e("2023-03-31T17:00:00+08:00", type="score", scorecard="运维服务考核", score=79.5),
    ],
]


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(events=logs(), data=st.data())
def test_slarules_agrees_with_the_oracle_on_random_service_year_logs(
    events: list[dict[str, Any]], data: st.DataObject
) -> None:
    total = data.draw(st.sampled_from(TOTALS), label="contract_total")
    as_of = data.draw(evaluation_times(events), label="as_of")
    problems = compare(events, as_of, total)
    log = jsonl(events).decode("utf-8")
    assert not problems, "\n".join(problems) + f"\nas_of {as_of.isoformat()}\n" + log


def test_the_edge_logs_give_the_hand_worked_numbers() -> None:
    """The oracle itself against arithmetic done by hand from the clauses."""
    a = ORACLE.evaluate(EDGE_LOGS[0], AS_OF).tickets["A"]
    # "应在30分钟内响应": 10 minutes on Friday to 17:30, 20 more from 08:00 on the make-up
    # Sunday 23 Apr → 08:20; answered 08:20: met. "1个工作日内…解决故障": Friday not counted,
    # the next 工作日 is that Sunday → 24 Apr 00:00; fixed Monday 09:00: breached.
    assert a["respond"] == ("met", datetime(2023, 4, 23, 8, 20, tzinfo=CST))
    assert a["resolve"] == ("breached", datetime(2023, 4, 24, tzinfo=CST))
    b = ORACLE.evaluate(EDGE_LOGS[1], AS_OF).tickets["B"]
    # 11:50 + 10 min to noon + 20 min from 14:30 → 14:50, answered 14:50: met. Raised to 故障
    # on Wed 15 Mar 10:00: one 工作日 from the change (reading 11) → Thu 16 Mar 24:00.
    assert b["respond"] == ("met", datetime(2023, 3, 14, 14, 50, tzinfo=CST))
    assert b["resolve"] == ("breached", datetime(2023, 3, 17, tzinfo=CST))
    c = ORACLE.evaluate(EDGE_LOGS[2], AS_OF).months[1]
    # Signed 1 Mar: the 10th day is Saturday 11 Mar → Monday 13 Mar 24:00; delivered 23:59: on
    # time. Scored 79.5 (< 80): 360000 / 12 × 20.5% = 6150.00 withheld, 23850.00 paid.
    assert (c.withheld, c.payable, c.rescind_flag, c.damages_flag) == (
        Decimal("6150.00"),
        Decimal("23850.00"),
        False,
        True,
    )


def test_slarules_agrees_with_the_oracle_on_the_edge_logs() -> None:
    for events in EDGE_LOGS:
        assert not compare(events), events
