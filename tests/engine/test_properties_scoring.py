"""Properties of scoring and payment over random evidence (SPEC §10, issue 4):

- a deduction never exceeds its cap (the rule's, and the item's on the total);
- only ``no floor`` items go below zero, and no item exceeds its max;
- one more breach (or one more deducted occurrence) never raises a score or a payment,
  and never lowers the damages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules.engine.context import Context
from slarules.engine.evidence import (
    BREACHED,
    MET,
    Evidence,
    Occurrence,
    TargetResult,
    TicketResult,
)
from slarules.engine.scoring.evaluator import evaluate
from slarules.engine.scoring.results import Results
from slarules.events.types import EventRef

SH = ZoneInfo("Asia/Shanghai")
RULES = """
ruleset "prop" { timezone "Asia/Shanghai" }
param contract_total: money = 120000元
calendar 全天 { hours "24x7" }
period 月度 = month
kind 甲
kind 乙
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 紧急 { respond 10分钟 restore 4小时 }
  tier 一般 { respond 30分钟 restore 8小时 }
}
scorecard 卡 per 月度 {
  item 一 max 10 cap 6 { deduct 2 per occurrence of 甲 cap 4  deduct 1.5 per breach of 故障 }
  item 二 max 15 no floor { deduct 5 per occurrence of 乙  deduct 1 per breached ticket of 故障 }
  item 三 max 3 { deduct 1 per 3 occurrences of 甲  deduct 1 per occurrence of 甲
    award 1 per occurrence of 乙 cap 2 }
  item 四 max 72 { deduct 0.5 per breach of 故障.restore tier 紧急 }
}
payment per 月度 {
  base contract_total / 12
  bond 3% of contract_total
  deductions from bond first
  pay band 卡 { [90, inf) -> 100%  [70, 90) -> 85%  (-inf, 70) -> 60% }
  deduct 1% of contract_total per point below 95 in 卡 fraction up
  deduct band 卡 { [80, inf) -> 0%  (-inf, 80) -> 10% }
  damages 5% of contract_total when 卡 < 60
}
"""
CTX = Context.build(slarules.loads(RULES).model)
CAPS = {"deduct 2 per occurrence of 甲 cap 4": Decimal(4)}
ITEM_CAPS = {"一": Decimal(6)}


def at(n: int) -> datetime:
    return datetime(2026, 3, 1, tzinfo=SH) + timedelta(hours=n)


def make_ticket(n: int, tier: str, respond: bool, restore: bool) -> TicketResult:
    targets = tuple(
        TargetResult(metric, BREACHED if late else MET, at(n), None, None, None, int(late))
        for metric, late in (("respond", respond), ("restore", restore))
    )
    return TicketResult(f"T{n}", "故障", tier, at(n), None, targets)


tickets_st = st.lists(
    st.tuples(st.sampled_from(["紧急", "一般"]), st.booleans(), st.booleans()), max_size=12
)
occurrences_st = st.lists(
    st.tuples(st.sampled_from(["甲", "乙"]), st.integers(min_value=1, max_value=4)), max_size=10
)


def evidence(tickets: list[tuple[str, bool, bool]], occs: list[tuple[str, int]]) -> Evidence:
    return Evidence(
        as_of=datetime(2026, 3, 31, 12, tzinfo=SH),
        tickets=tuple(make_ticket(n, *spec) for n, spec in enumerate(tickets)),
        occurrences=tuple(
            Occurrence(kind, at(100 + n), Decimal(count), None, None, None, EventRef(n + 1))
            for n, (kind, count) in enumerate(occs)
        ),
        first_event=datetime(2026, 3, 1, tzinfo=SH),
    )


def run(tickets: list[tuple[str, bool, bool]], occs: list[tuple[str, int]]) -> Results:
    return evaluate(CTX, evidence(tickets, occs))


@settings(max_examples=60, deadline=None)
@given(tickets_st, occurrences_st)
def test_deductions_never_exceed_caps_and_floors_hold(
    tickets: list[tuple[str, bool, bool]], occs: list[tuple[str, int]]
) -> None:
    (period,) = run(tickets, occs).periods
    (card,) = period.scorecards
    for item in card.items:
        assert item.score is not None and item.score <= item.max
        if item.name != "二":  # the only ``no floor`` item
            assert item.score >= 0
        for line in item.lines:
            rule = line.rule.split(" (capped")[0]
            if rule in CAPS:
                assert line.points is not None and -line.points <= CAPS[rule]
        if item.name in ITEM_CAPS:
            deducted = -sum(
                (ln.points for ln in item.lines if ln.points is not None and ln.points < 0),
                Decimal(0),
            )
            given_back = sum(
                (ln.points for ln in item.lines if ln.rule.startswith("cap ") and ln.points),
                Decimal(0),
            )
            assert deducted - given_back <= ITEM_CAPS[item.name]
            assert item.max - item.score <= ITEM_CAPS[item.name]


def _outcome(results: Results) -> tuple[Decimal, Decimal, Decimal]:
    (period,) = results.periods
    (card,) = period.scorecards
    assert card.score is not None and period.payment is not None
    return card.score, period.payment.payable, period.payment.damages


@settings(max_examples=60, deadline=None)
@given(tickets_st, occurrences_st, st.sampled_from(["紧急", "一般"]), st.booleans())
def test_one_more_breach_never_helps(
    tickets: list[tuple[str, bool, bool]],
    occs: list[tuple[str, int]],
    tier: str,
    both: bool,
) -> None:
    score, payable, damages = _outcome(run(tickets, occs))
    worse = _outcome(run([*tickets, (tier, True, both)], occs))
    assert worse[0] <= score
    assert worse[1] <= payable
    assert worse[2] >= damages


@settings(max_examples=40, deadline=None)
@given(tickets_st, occurrences_st, st.integers(min_value=1, max_value=3))
def test_one_more_deducted_occurrence_never_helps(
    tickets: list[tuple[str, bool, bool]], occs: list[tuple[str, int]], count: int
) -> None:
    score, payable, damages = _outcome(run(tickets, occs))
    worse = _outcome(run(tickets, [*occs, ("甲", count)]))
    assert worse[0] <= score
    assert worse[1] <= payable
    assert worse[2] >= damages
