"""The coverage algorithm on its own: atoms, gaps, overlaps, merging and witnesses."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.check.base import fmt_decimal, fmt_seconds
from slarules.check.regions import Axis, Range, coverage, describe

D = Decimal


def closed(a: int, b: int) -> Range:
    return Range(D(a), True, D(b), True)


def half_open(a: int, b: int | None) -> Range:
    return Range(D(a), True, None if b is None else D(b), False)


SCORES = Axis("scores", closed(0, 100), None, fmt_decimal)
COUNTS = Axis("n", half_open(0, None), D(1), fmt_decimal)


def test_literal_80_89_leaves_the_open_gap_between_89_and_90() -> None:
    # fujian-slt: [90,100] [80,89] [70,79] [0,70) over decimal scores in [0, 100].
    rows = [(closed(90, 100),), (closed(80, 89),), (closed(70, 79),), (half_open(0, 70),)]
    gaps, overlaps = coverage([SCORES], rows)
    assert overlaps == []
    assert [describe(SCORES, g.ranges[0]) for g in gaps] == ["in (79, 80)", "in (89, 90)"]
    assert [g.witness for g in gaps] == [(D("79.5"),), (D("89.5"),)]


def test_counts_take_whole_values_so_only_n_2_is_missing() -> None:
    # sichuan: ≥3 → 2, 1 ≤ n < 2 → 1, none → 0. Over n ∈ {0, 1, 2, …} only 2 is missing.
    rows = [(half_open(3, None),), (half_open(1, 2),), (closed(0, 0),)]
    gaps, overlaps = coverage([COUNTS], rows)
    assert overlaps == []
    assert len(gaps) == 1
    assert describe(COUNTS, gaps[0].ranges[0]) == "= 2"
    assert gaps[0].witness == (D(2),)


def test_a_step_of_one_closes_the_gap_between_19_and_20() -> None:
    axis = Axis("points", closed(0, 25), D(1), fmt_decimal)
    rows = [(closed(20, 25),), (closed(10, 19),), (closed(0, 9),)]
    assert coverage([axis], rows) == ([], [])
    decimal_axis = Axis("points", closed(0, 25), None, fmt_decimal)
    gaps, _ = coverage([decimal_axis], rows)
    assert [g.witness for g in gaps] == [(D("9.5"),), (D("19.5"),)]


def test_a_half_point_step_keeps_the_gap() -> None:
    # Grades in half points: 19.5 lies between [10, 19] and [20, 25].
    axis = Axis("points", closed(0, 25), D("0.5"), fmt_decimal)
    gaps, _ = coverage([axis], [(closed(20, 25),), (closed(10, 19),), (closed(0, 9),)])
    assert [g.witness for g in gaps] == [(D("9.5"),), (D("19.5"),)]


def test_a_single_shared_boundary_is_an_overlap_at_that_point() -> None:
    gaps, overlaps = coverage([SCORES], [(closed(60, 100),), (closed(0, 60),)])
    assert gaps == []
    assert len(overlaps) == 1
    assert overlaps[0].rows == (0, 1)
    assert describe(SCORES, overlaps[0].ranges[0]) == "= 60"
    assert overlaps[0].witness == (D(60),)


def test_a_domain_open_below_needs_a_row_reaching_minus_infinity() -> None:
    below = Axis("scores", Range(None, False, D(100), True), None, fmt_decimal)
    rows = [(closed(80, 100),), (half_open(0, 80),)]
    gaps, _ = coverage([below], rows)
    assert len(gaps) == 1
    assert describe(below, gaps[0].ranges[0]) == "in (-inf, 0)"
    assert gaps[0].witness == (D(-1),)  # one point below the lowest bound
    rows[1] = (Range(None, False, D(80), False),)
    assert coverage([below], rows) == ([], [])


def test_durations_exactly_24_hours_uncovered() -> None:
    hours = Axis("downtime", half_open(0, None), None, fmt_seconds, D(3600))
    h = 3600
    rows = [
        (Range(D(0), True, D(24 * h), False),),
        (Range(D(24 * h), False, D(36 * h), False),),
        (Range(D(36 * h), False, None, False),),
    ]
    gaps, overlaps = coverage([hours], rows)
    assert overlaps == []
    assert [describe(hours, g.ranges[0]) for g in gaps] == ["= 24h", "= 36h"]
    assert [fmt_seconds(g.witness[0]) for g in gaps] == ["24h", "36h"]


def test_two_axes_are_checked_as_boxes_and_gaps_are_merged() -> None:
    # [0,10)×[0,5) and [10,20]×[0,5) cover the strip n < 5 for x in [0,20]. The rest is
    # two boxes: the column x in (20, 30] (any n), and n ≥ 5 over x in [0, 20].
    x = Axis("x", closed(0, 30), None, fmt_decimal)
    rows = [(half_open(0, 10), half_open(0, 5)), (closed(10, 20), half_open(0, 5))]
    gaps, overlaps = coverage([x, COUNTS], rows)
    assert overlaps == []
    described = sorted((describe(x, g.ranges[0]), describe(COUNTS, g.ranges[1])) for g in gaps)
    assert described == [("in (20, 30]", "in [0, inf)"), ("in [0, 20]", "in [5, inf)")]


def test_empty_rows_cover_nothing() -> None:
    gaps, _ = coverage([SCORES], [(Range(D(5), True, D(3), True),)])
    assert len(gaps) == 1
    assert describe(SCORES, gaps[0].ranges[0]) == "in [0, 100]"


bounds = st.integers(min_value=-5, max_value=25)


@st.composite
def ranges(draw: st.DrawFn) -> Range:
    a, b = sorted((draw(bounds), draw(bounds)))
    low = None if draw(st.integers(0, 9)) == 0 else D(a)
    high = None if draw(st.integers(0, 9)) == 0 else D(b)
    return Range(
        low, low is not None and draw(st.booleans()), high, high is not None and draw(st.booleans())
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(ranges(), min_size=0, max_size=5), st.booleans())
def test_reported_regions_are_exactly_the_uncovered_and_doubly_covered_points(
    rows: list[Range], stepped: bool
) -> None:
    """Every half-integer probe point is uncovered iff some gap holds it, and covered twice
    iff some overlap holds it; every witness lies in its own region."""
    axis = Axis("x", closed(0, 20), D(1) if stepped else None, fmt_decimal)
    gaps, overlaps = coverage([axis], [(r,) for r in rows])
    for region in gaps:
        assert region.ranges[0].contains(region.witness[0])
        assert not any(r.contains(region.witness[0]) for r in rows)
    for region in overlaps:
        assert sum(r.contains(region.witness[0]) for r in rows) >= 2
    probes = [D(i) / 2 for i in range(0, 41)]
    for p in probes:
        if stepped and p != p.to_integral_value():
            continue
        hits = sum(r.contains(p) for r in rows)
        assert (hits == 0) == any(g.ranges[0].contains(p) for g in gaps)
        assert (hits >= 2) == any(o.ranges[0].contains(p) for o in overlaps)
