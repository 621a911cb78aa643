"""Instalments over a term (docs/language.md §6, "Rounding of instalments"): each milestone
is rounded as its share of the rule file's schedule (the entries in file order, here also
term order), so that the term schedules its exact total to the cent and each instalment is
within a cent of its exact share (tests/audit/test_audit_instalments_as_of_r3.py: and never
changes with --as-of)."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

import slarules

D = Decimal
CENT = D("0.01")

# Three yearly cycles from 2026-01-01; a milestone `due by` a date pays in the cycle that
# contains the date, so the instalments of a split spread over the cycles.
DATES = ("2026-03-31", "2026-11-30", "2027-06-30", "2027-12-31", "2028-01-15", "2028-12-31")


def _rules(percents: list[str], cycles: list[int]) -> str:
    lines = [
        f"  milestone 款{i + 1} {p}% of contract_total due by {DATES[2 * c + i % 2]}"
        for i, (p, c) in enumerate(zip(percents, cycles, strict=True))
    ]
    return "\n".join(
        [
            'ruleset "t" { timezone "Asia/Shanghai" }',
            "param contract_total: money = 1000000元",
            "param start: date = 2026-01-01",
            "period 周期 = cycle 12 months from start for 3",
            "payment per 周期 {",
            *lines,
            "}",
        ]
    )


def _instalments(rules: str, total: Decimal, as_of: str) -> list[Decimal]:
    signed = {"at": "2026-01-05T10:00:00+08:00", "type": "milestone", "name": "signed"}
    report = slarules.loads(rules).replay(
        [signed], as_of=as_of, params={"contract_total": f"{total}元"}
    )
    return [
        line.amount
        for period in report.periods
        if period.payment is not None
        for line in period.payment.lines
        if line.kind == "milestone" and line.amount is not None
    ]


@st.composite
def _splits(draw: st.DrawFn) -> tuple[list[str], list[int]]:
    """2–6 shares in hundredths of a percent that sum to 100%, each paid in cycle 1–3 (in
    term order: a later share never pays in an earlier cycle)."""
    count = draw(st.integers(2, 6))
    cuts = sorted(
        draw(st.lists(st.integers(1, 9999), min_size=count - 1, max_size=count - 1, unique=True))
    )
    edges = [0, *cuts, 10000]
    shares = [D(b - a) / 100 for a, b in pairwise(edges)]
    cycles = sorted(draw(st.lists(st.integers(0, 2), min_size=count, max_size=count)))
    return [f"{s:f}" for s in shares], cycles


@settings(max_examples=40, deadline=None)
@given(
    cents=st.integers(1, 10**13),
    split=_splits(),
)
def test_the_instalments_of_a_term_add_up_to_the_total(
    cents: int, split: tuple[list[str], list[int]]
) -> None:
    percents, cycles = split
    total = D(cents) * CENT
    amounts = _instalments(_rules(percents, cycles), total, "2029-01-02T00:00:00+08:00")
    exact = [total * D(p) / 100 for p in percents]
    assert sum(amounts, D(0)) == total
    assert len(amounts) == len(exact)
    for amount, share in zip(amounts, exact, strict=True):
        assert abs(amount - share) < CENT, (amount, share)


def test_three_thirds_hand_worked() -> None:
    # 10.00 in three shares of 33.33%, 33.33%, 33.34%, one per cycle: exact 3.333, 3.333,
    # 3.334. Running sums 3.333, 6.666, 10.000 round to 3.33, 6.67, 10.00: the instalments
    # are 3.33, 3.34, 3.33 (each rounded alone: 3.33 + 3.33 + 3.33 = 9.99, a cent short).
    rules = _rules(["33.33", "33.33", "33.34"], [0, 1, 2])
    as_of = "2029-01-02T00:00:00+08:00"
    assert _instalments(rules, D("10.00"), as_of) == [D("3.33"), D("3.34"), D("3.33")]
    # Evaluated before the third cycle, the first two instalments are already the same.
    early = _instalments(rules, D("10.00"), "2027-12-01T00:00:00+08:00")
    assert early == [D("3.33"), D("3.34")]
