"""Audit round 3: an instalment never changes once reported, whatever ``--as-of``
(docs/language.md §6, "Rounding of instalments").

Before this round the instalments were rounded as one running total of the *lines the log had
made so far*: a milestone whose event was logged later (or whose amount was still pending)
took no part at an early ``as_of`` and shifted the later lines by a cent once it did. And a
milestone with a condition due after ``as_of`` was reported as paid although the condition
is about the contract up to its due time. The rule now: each line is its share of the
*schedule* (the milestone entries of the rule file, each counted once, in file order),
round(S_k) − round(S_k−1) with S_k the exact sum of the entries up to its own; and a
conditional milestone waits until its due time has passed.

guangxi-gat-2024 (shared/contracts/guangxi-gat-2024.txt, 付款方式):
  "确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%；…中标人维护
  过程中无重大事故发生，2025年下半年根据项目实施服务情况再支付合同金额的25%；中标人按照合同
  要求做好维护工作至维护期满并经最终验收合格后10个工作日内，支付合同金额的50%"
The rule file's documented readings (docs/rulesets/guangxi-gat-2024.md): cycles of 12 months
from 2024-09-02 (考核周期:2 is 2025-09-02 – 2026-09-02), 中期款 due by 2025-12-31 24:00 and
checked over everything before it, a milestone event counts in the cycle that contains it, one
after the term in the last. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules

GX = "guangxi-gat-2024"
D = Decimal
CENT = D("0.01")
ODD = {"contract_total": "10000000.02元"}


def _milestones(report: dict[str, Any], label: str) -> list[tuple[str, str | None]]:
    lines = report_lines(report, label)
    return [(x["name"], x["amount"]) for x in lines if x["kind"] == "milestone"]


def report_lines(report: dict[str, Any], label: str) -> list[dict[str, Any]]:
    period = next(p for p in report["periods"] if p["period"] == label)
    lines: list[dict[str, Any]] = period["payment"]["lines"]
    return lines


def test_guangxi_stage_payment_logged_late_does_not_move_the_mid_term_payment(kit: Any) -> None:
    # Contract 10000000.02 (--param). Exact shares: 25% = 2500000.005, 25% = 2500000.005,
    # 50% = 5000000.01. As shares of the schedule (in the order of the file): S1 =
    # 2500000.005 → 2500000.01; S2 = 5000000.01 → 中期款 = 5000000.01 − 2500000.01 =
    # 2500000.00; S3 = 10000000.02 → 最终验收款 = 10000000.02 − 5000000.01 = 5000000.01.
    # 阶段验收 is logged on Monday 2026-03-02 10:00, inside 考核周期:2: 10 工作日 (the day not
    # counted, no holiday in March 2026): Mar 3–6 (4), 9–13 (9), 16 (10) → due
    # 2026-03-17T00:00+08:00. No 重大事故, so 中期款 (due 2026-01-01 00:00) is paid.
    # As of 2026-01-15 the stage payment is not yet logged: 中期款 is already 2500000.00 —
    # the old running total of the lines logged so far rounded it alone to 2500000.01 and
    # changed it to 2500000.00 once 阶段验收 was logged.
    accepted = kit.ev("2026-03-02 10:00", "milestone", name="accepted")
    final = kit.ev("2026-09-10 10:00", "milestone", name="final_accepted")
    early = kit.replay(GX, [accepted, final], as_of="2026-01-15 00:00", params=ODD)
    # Neither event is in the log as of 2026-01-15: both their lines wait in cycle 2, the
    # term's last (docs/language.md §6, "A milestone waits for its event").
    assert _milestones(early, "考核周期:2") == [
        ("阶段验收款", None),
        ("中期款", "2500000.00"),
        ("最终验收款", None),
    ]
    later = kit.replay(GX, [accepted, final], as_of="2026-04-01 00:00", params=ODD)
    assert _milestones(later, "考核周期:2") == [
        ("阶段验收款", "2500000.01"),
        ("中期款", "2500000.00"),
        ("最终验收款", None),
    ]
    # 最终验收 on 2026-09-10, after the term (cycle 2's): due 2026-09-24 00:00 (10 工作日
    # with the 调休 Sunday 20 Sep). The term pays 2500000.01 + 2500000.00 + 5000000.01 =
    # 10000000.02, the contract to the cent.
    end = kit.replay(GX, [accepted, final], as_of="2026-10-01 00:00", params=ODD)
    lines = _milestones(end, "考核周期:2")
    assert lines == [
        ("阶段验收款", "2500000.01"),
        ("中期款", "2500000.00"),
        ("最终验收款", "5000000.01"),
    ]
    assert sum(D(a or "0") for _, a in lines) == D("10000000.02")


def test_guangxi_mid_term_payment_waits_for_its_due_time(kit: Any) -> None:
    # "中标人维护过程中无重大事故发生…再支付合同金额的25%": checked at the due time, 2025-12-31
    # 24:00. As of 2025-09-15 nothing has happened yet, but a 重大事故 on 2025-10-01 would
    # (and here does) withhold it: the line cannot be 2500000.00 then and 0.00 later. It
    # waits for its due time; as of 2026-01-02 it is 0.00 (the accident is before the due
    # time). Before this round it was reported 2500000.00, payment final, as of 2025-09-15.
    accident = kit.ev("2025-10-01 10:00", "occurrence", kind="重大事故")
    early = kit.replay(GX, [accident], as_of="2025-09-15 00:00")
    line = next(x for x in report_lines(early, "考核周期:2") if x["name"] == "中期款")
    assert line["amount"] is None
    assert line["waiting_for"] == [
        "the due time 2026-01-01T00:00:00+08:00, when its condition is checked"
    ]
    later = kit.replay(GX, [accident], as_of="2026-01-02 00:00")
    assert _milestones(later, "考核周期:2") == [
        ("阶段验收款", None),
        ("中期款", "0.00"),
        ("最终验收款", None),
    ]


def test_guangxi_a_withheld_share_keeps_its_cents(kit: Any) -> None:
    # Contract 10000000.01 (--param): exact shares 2500000.0025, 2500000.0025, 5000000.005.
    # As shares of the schedule: S1 = 2500000.0025 → 2500000.00; S2 = 5000000.005 →
    # 5000000.01, 中期款 = 2500000.01; S3 = 10000000.01, 最终验收款 = 10000000.01 −
    # 5000000.01 = 5000000.00. 中期款 withheld (an accident on 2025-11-03, before its due
    # time) is 0.00, and 最终验收款 stays 5000000.00: whether an earlier condition held does
    # not move a later instalment's cents (a running total of the lines paid would make it
    # round(7500000.0075) − 2500000.00 = 5000000.01). The term pays 2500000.00 + 0.00 +
    # 5000000.00 = 7500000.00: the contract less the withheld share (2500000.01).
    events = [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        kit.ev("2025-11-03 10:00", "occurrence", kind="重大事故"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    params = {"contract_total": "10000000.01元"}
    report = kit.replay(GX, events, as_of="2026-10-01 00:00", params=params)
    assert _milestones(report, "考核周期:1") == [("阶段验收款", "2500000.00")]
    assert _milestones(report, "考核周期:2") == [("中期款", "0.00"), ("最终验收款", "5000000.00")]
    # Without the accident: 2500000.00 + 2500000.01 + 5000000.00 = 10000000.01.
    clean = kit.replay(GX, [events[0], events[2]], as_of="2026-10-01 00:00", params=params)
    assert _milestones(clean, "考核周期:2") == [
        ("中期款", "2500000.01"),
        ("最终验收款", "5000000.00"),
    ]


# ---- the property: every as_of agrees ------------------------------------------------------

RULES = """
ruleset "t" {{ timezone "Asia/Shanghai" }}
param contract_total: money = 1000000元
param start: date = 2026-01-01
period 周期 = cycle 12 months from start for 2
kind 事故
payment per 周期 {{
  milestone 款1 {p[0]}% of contract_total due 5 days after e1
  milestone 款2 {p[1]}% of contract_total due by 2026-06-30 when count(事故) == 0
  milestone 款3 {p[2]}% of contract_total due 5 days after e3
  milestone 款4 {p[3]}% of contract_total due by 2027-06-30
}}
"""
START = 1767196800  # 2026-01-01T00:00+08:00 in seconds
SPAN = 2 * 366 * 86400


def _stamp(seconds: int) -> str:
    at = datetime.fromtimestamp(START + seconds, UTC).astimezone(timezone(timedelta(hours=8)))
    return at.isoformat()


@st.composite
def _logs(draw: st.DrawFn) -> tuple[list[str], list[dict[str, Any]], list[str], bool]:
    cuts = sorted(draw(st.lists(st.integers(1, 9999), min_size=3, max_size=3, unique=True)))
    percents = [f"{D(b - a) / 100:f}" for a, b in pairwise([0, *cuts, 10000])]
    events: list[dict[str, Any]] = []
    for name in ("e1", "e3"):
        at = _stamp(draw(st.integers(0, SPAN)))
        event: dict[str, Any] = {"at": at, "type": "milestone", "name": name}
        if draw(st.booleans()):  # the event names its cycle, whenever it is logged
            event["period"] = f"周期:{draw(st.integers(1, 2))}"
        events.append(event)
    accident = draw(st.booleans())
    if accident:
        at = _stamp(draw(st.integers(0, SPAN)))
        events.append({"at": at, "type": "occurrence", "kind": "事故"})
    # Random instants, and the edges: the due time of 款2 (2026-07-01 00:00), the cycle
    # boundary (2027-01-01 00:00), the due time of 款4 (2027-07-01 00:00), each also the
    # second before it.
    edges = [e + d for e in (181 * 86400, 365 * 86400, 546 * 86400) for d in (-1, 0)]
    picked = draw(st.lists(st.integers(0, SPAN + 86400 * 30), max_size=4))
    picked += draw(st.lists(st.sampled_from(edges), max_size=2))
    return percents, events, [_stamp(s) for s in sorted(set(picked))], accident


def _lines(rules: slarules.Ruleset, events: list[dict[str, Any]], total: D, as_of: str) -> Any:
    report = rules.replay(
        sorted(events, key=lambda e: e["at"]), as_of=as_of, params={"contract_total": f"{total}元"}
    )
    return {
        (period.label, line.name, line.due): line.amount
        for period in report.periods
        if period.payment is not None
        for line in period.payment.lines
        if line.kind == "milestone"
    }


@settings(max_examples=30, deadline=None)
@given(cents=st.integers(1, 10**12), log=_logs())
def test_a_reported_instalment_never_changes_at_a_later_as_of(
    cents: int, log: tuple[list[str], list[dict[str, Any]], list[str], bool]
) -> None:
    percents, events, as_ofs, accident = log
    total = D(cents) * CENT
    rules = slarules.loads(RULES.format(p=percents))
    last = "2028-03-01T00:00:00+08:00"  # after every event and due time
    seen = [_lines(rules, events, total, a) for a in [*as_ofs, last]]
    for earlier, later in pairwise(seen):
        for key, amount in earlier.items():
            if amount is not None:
                assert later.get(key) == amount, (key, amount, later.get(key))
    final = seen[-1]
    assert all(amount is not None for amount in final.values())
    # Each entry pays once (one e1, one e3, one due-by date per term): the term's lines add
    # up to the contract total rounded once, less the share of 款2 when it is withheld.
    paid = sum((a for a in final.values() if a is not None), D(0))
    exact = [total * D(p) / 100 for p in percents]
    # "when count(事故) == 0" at 2026-06-30 24:00: withheld by an accident before then.
    withheld = accident and events[-1]["at"] < "2026-07-01T00:00:00+08:00"
    if not withheld:
        assert paid == total
    else:
        share = (total * (D(percents[0]) + D(percents[1])) / 100).quantize(CENT, ROUND_HALF_UP) - (
            exact[0]
        ).quantize(CENT, ROUND_HALF_UP)
        assert paid == total - share
    for (_, name, _), amount in final.items():
        share = exact[int(name[1]) - 1]
        assert amount == 0 or abs(amount - share) < CENT
