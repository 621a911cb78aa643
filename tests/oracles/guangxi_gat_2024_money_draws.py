"""What the guangxi oracle's random logs draw for the money over the whole term (round 8):
final acceptances — missing, twice, before the term's end — and `score` events. Used by
tests/oracles/test_guangxi_gat_2024_oracle.py, which passes its own strategy of instants
of the term; like the oracle, loaded by file and importing nothing of slarules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

TZ = ZoneInfo("Asia/Shanghai")
M = timedelta(minutes=1)
H = timedelta(hours=1)


@st.composite
def final_acceptances(
    draw: st.DrawFn, instants: st.SearchStrategy[datetime]
) -> list[tuple[datetime, dict[str, Any]]]:
    """ "维护期满并经最终验收合格后10个工作日内，支付合同金额的50%，并将履约保证金全额退回":
    usually once after the term; sometimes never (the 50% and the bond's return wait),
    twice (a repeated event: the bond comes back once), or before the term ends (the bond
    is returned then, and a later deduction finds none, round 8)."""
    after = datetime(2026, 9, 3, 10, tzinfo=TZ) + draw(st.integers(0, 80)) * timedelta(days=1)
    # sampled, not drawn as integers: hypothesis favours an integer range's ends
    choice = draw(st.sampled_from(["after"] * 5 + ["none", "before", "before", "twice", "twice"]))
    if choice == "none":
        return []
    when = [after]
    if choice == "before" or (choice == "twice" and draw(st.booleans())):
        # before the term ends, in either cycle, at an edge or anywhere
        when = [draw(st.one_of(instants, st.sampled_from(CYCLE_EDGES)))]
    if choice == "twice":  # logged twice
        when.append(draw(st.one_of(st.just(when[0]), instants, st.just(after + 7 * 24 * H))))
    return [(at, {"type": "milestone", "name": "final_accepted"}) for at in when]


# Cycle edges: the first cycle's last minute and the second's first, the term's end.
CYCLE_EDGES = [
    datetime(2025, 9, 2, tzinfo=TZ) - M,
    datetime(2025, 9, 2, tzinfo=TZ),
    datetime(2026, 9, 2, tzinfo=TZ) - M,
]
# Scores at the 表3 band edges ("95≤…≤100 0%; 90≤…<95 2%; …; <80 20%") and below zero
# ("扣分不设下限"); a sheet's score is out of 100 (its items' maxima).
GIVEN = ["100", "95", "94.99", "90", "89.5", "85", "80", "79.99", "60", "0", "-12.5"]
SHEETS = {
    "监理评分": [None, "监理"],
    "服务总队评分": [None, "刑事侦查总队", "科技信息化总队", "禁毒总队"],
}


@st.composite
def given_scores(
    draw: st.DrawFn, instants: st.SearchStrategy[datetime]
) -> list[tuple[datetime, dict[str, Any]]]:
    """`score` events (SPEC §5: "a score given directly, e.g. by the purchaser's own
    form"; walkthrough, Not encoded: 备注1 "give the sheet's score with a `score` event"):
    for a whole scorecard or one sheet, at the cycles' edges, in a cycle's last month
    ("在每个考核周期内的最后一个月完成…考核评价"), before or after the term; the first days of
    cycle 2 naming 考核周期:1; repeated, or contradicted at the same instant."""
    out: list[tuple[datetime, dict[str, Any]]] = []
    for _ in range(draw(st.integers(0, 4) if draw(st.booleans()) else st.just(0))):
        card = draw(st.sampled_from(sorted(SHEETS)))
        ev: dict[str, Any] = {
            "type": "score",
            "scorecard": card,
            "score": draw(st.sampled_from(GIVEN)),
        }
        assessor = draw(st.sampled_from(SHEETS[card]))
        if assessor is not None:
            ev["assessor"] = assessor
        month = datetime(2025 + draw(st.integers(0, 1)), 8, 20, 16, tzinfo=TZ)
        at = draw(st.one_of(instants, st.sampled_from(CYCLE_EDGES), st.just(month)))
        if draw(st.integers(0, 5)) == 0:  # graded in the first days of the next cycle
            at = datetime(2025, 9, 2, 9, tzinfo=TZ) + draw(st.integers(0, 5 * 24)) * H
            ev["period"] = "考核周期:1"
        out.append((at, ev))
        again = draw(st.integers(0, 5))
        if again == 0:  # the same line twice
            out.append((at, dict(ev)))
        elif again == 1:  # contradicted at the same instant: the later line counts
            out.append((at, {**ev, "score": draw(st.sampled_from(GIVEN))}))
    return out
