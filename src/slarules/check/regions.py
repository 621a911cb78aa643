"""Coverage of a table's domain by its rows: gaps and overlaps, as regions with a witness.

A table is a list of rows; each row is a box, one ``Range`` per axis (a payment band has one
axis, the score; ``points by downtime(…), count(…)`` has two). Every finite bound of every
row, and of the domain, cuts each axis into *atoms*: single points and the open stretches
between them. An atom lies wholly inside or wholly outside every row, so testing one point
of it decides it exactly. Cells (one atom per axis) that no row covers are gaps; cells two
rows cover are overlaps. Adjacent cells are merged into boxes so each region is reported
once, with one concrete witness value.

Axes with a ``step`` (counts; judged grades ``step 1``) only take multiples of the step, so
atoms holding no such value are dropped: ``[1, 2)`` then ``[3, inf)`` over counts leaves
exactly n = 2, while ``[10, 19]`` then ``[20, 25]`` in steps of 1 leaves nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal

from attrs import frozen


@frozen
class Range:
    """An interval of the number line; ``None`` ends are infinite (and open)."""

    low: Decimal | None
    low_closed: bool
    high: Decimal | None
    high_closed: bool

    def contains(self, x: Decimal) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        return not (
            self.high is not None and (x > self.high or (x == self.high and not self.high_closed))
        )

    @property
    def empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed)
        )


@frozen
class Axis:
    """One dimension of a table's domain. ``name`` names it in messages (``scores``,
    ``count(故障)``); ``fmt`` prints a value on it (``24h``, ``89.5``); ``nudge`` is how far
    past a finite bound a witness of an unbounded gap goes (1 point, 1 hour)."""

    name: str
    domain: Range
    step: Decimal | None
    fmt: Callable[[Decimal], str]
    nudge: Decimal = Decimal(1)


@frozen
class Atom:
    """A single point (``low == high``, closed) or an open stretch between cut points."""

    low: Decimal | None
    high: Decimal | None
    point: bool
    witness: Decimal


@frozen
class Region:
    """A merged box of cells: per axis, the range it spans and a witness value."""

    ranges: tuple[Range, ...]
    witness: tuple[Decimal, ...]
    rows: tuple[int, ...]  # for overlaps: the rows covering it (indices into the table)


def _floor_multiple(x: Decimal, step: Decimal) -> Decimal:
    return (x / step).to_integral_value(rounding=ROUND_FLOOR) * step


def _lattice_point(low: Decimal | None, high: Decimal | None, step: Decimal) -> Decimal | None:
    """The smallest multiple of ``step`` strictly inside (low, high), or None. For an
    interval unbounded below, the largest one below ``high``."""
    if low is None:
        if high is None:
            return Decimal(0)
        candidate = _floor_multiple(high, step)
        return candidate - step if candidate >= high else candidate
    candidate = _floor_multiple(low, step) + step
    if high is not None and candidate >= high:
        return None
    return candidate


def _open_witness(axis: Axis, low: Decimal | None, high: Decimal | None) -> Decimal | None:
    if axis.step is not None:
        return _lattice_point(low, high, axis.step)
    if low is None and high is None:
        return Decimal(0)
    if low is None:
        assert high is not None
        return high - axis.nudge
    if high is None:
        return low + axis.nudge
    return (low + high) / 2


def atoms(axis: Axis, cuts: Sequence[Decimal]) -> list[Atom]:
    """The atoms of ``axis`` inside its domain (and holding a multiple of its step)."""
    points = sorted(set(cuts) | {b for b in (axis.domain.low, axis.domain.high) if b is not None})
    out: list[Atom] = []
    ends: list[Decimal | None] = [None, *points, None]
    for i in range(len(ends) - 1):
        low, high = ends[i], ends[i + 1]
        witness = _open_witness(axis, low, high)
        if witness is not None and axis.domain.contains(witness):
            out.append(Atom(low, high, False, witness))
        if high is not None and i < len(points) and axis.domain.contains(high):
            on_lattice = axis.step is None or high % axis.step == 0
            if on_lattice:
                out.append(Atom(high, high, True, high))
    return out


def _cell_rows(rows: Sequence[tuple[Range, ...]], point: tuple[Decimal, ...]) -> tuple[int, ...]:
    return tuple(
        i
        for i, row in enumerate(rows)
        if all(r.contains(x) for r, x in zip(row, point, strict=True))
    )


Box = tuple[tuple[int, int], ...]  # per axis: first and last atom index


def _merge(boxes: set[Box], ndim: int) -> list[Box]:
    """Merge boxes that touch along one axis and agree on all others, until none do."""
    current = sorted(boxes)
    changed = True
    while changed:
        changed = False
        for d in reversed(range(ndim)):
            groups: dict[Box, list[tuple[int, int]]] = {}
            for box in current:
                groups.setdefault(box[:d] + box[d + 1 :], []).append(box[d])
            merged: list[Box] = []
            for rest, spans in sorted(groups.items()):
                spans.sort()
                run = spans[0]
                for span in spans[1:]:
                    if span[0] == run[1] + 1:
                        run = (run[0], span[1])
                        changed = True
                    else:
                        merged.append((*rest[:d], run, *rest[d:]))
                        run = span
                merged.append((*rest[:d], run, *rest[d:]))
            current = sorted(merged)
    return current


def _range_of(axis_atoms: Sequence[Atom], first: int, last: int) -> Range:
    a, b = axis_atoms[first], axis_atoms[last]
    return Range(a.low, a.point, b.high, b.point)


def _witness_of(axis: Axis, axis_atoms: Sequence[Atom], first: int, last: int) -> Decimal:
    """A stretch's midpoint when the region has one (continuous axes), else its first value:
    89.5 for (89, 90); 24h for exactly 24h; 2 for counts in [2, 3)."""
    if axis.step is None:
        for atom in axis_atoms[first : last + 1]:
            if not atom.point:
                return atom.witness
    return axis_atoms[first].witness


def coverage(
    axes: Sequence[Axis], rows: Sequence[tuple[Range, ...]]
) -> tuple[list[Region], list[Region]]:
    """Gaps and overlaps of ``rows`` over the product of ``axes``' domains."""
    per_axis: list[list[Atom]] = []
    for d, axis in enumerate(axes):
        cuts = [
            b
            for row in rows
            for b in (row[d].low, row[d].high)
            if b is not None and not row[d].empty
        ]
        per_axis.append(atoms(axis, cuts))
    gaps: set[Box] = set()
    overlaps: dict[tuple[int, ...], set[Box]] = {}
    for cell in itertools.product(*(range(len(a)) for a in per_axis)):
        point = tuple(per_axis[d][i].witness for d, i in enumerate(cell))
        covering = _cell_rows(rows, point)
        box: Box = tuple((i, i) for i in cell)
        if not covering:
            gaps.add(box)
        elif len(covering) > 1:
            overlaps.setdefault(covering, set()).add(box)

    def regions(boxes: set[Box], covering: tuple[int, ...]) -> list[Region]:
        out = []
        for box in _merge(boxes, len(axes)):
            ranges = tuple(_range_of(per_axis[d], *box[d]) for d in range(len(axes)))
            witness = tuple(_witness_of(axes[d], per_axis[d], *box[d]) for d in range(len(axes)))
            out.append(Region(ranges, witness, covering))
        return out

    gap_regions = regions(gaps, ())
    overlap_regions = [r for key in sorted(overlaps) for r in regions(overlaps[key], key)]
    return gap_regions, overlap_regions


def describe(axis: Axis, r: Range) -> str:
    """How a region looks along one axis, in plain words: ``= 2``, ``in (89, 90)``,
    ``in [10, inf)``; on stepped axes the ends are the first and last values it holds."""
    low, low_closed, high, high_closed = r.low, r.low_closed, r.high, r.high_closed
    if axis.step is not None:
        if low is not None:
            low = low if low_closed else _lattice_point(low, None, axis.step)
            low_closed = True
        if high is not None:
            below = _floor_multiple(high, axis.step)
            high = below if high_closed or below < high else below - axis.step
            high_closed = True
    if low is not None and high is not None and low == high:
        return f"= {axis.fmt(low)}"
    lo = axis.fmt(low) if low is not None else "-inf"
    hi = axis.fmt(high) if high is not None else "inf"
    return f"in {'[' if low_closed else '('}{lo}, {hi}{']' if high_closed else ')'}"


def is_whole(axis: Axis, r: Range) -> bool:
    """True when the region spans the axis's whole domain."""
    d = axis.domain
    return (
        (r.low, r.high) == (d.low, d.high)
        and (d.low is None or r.low_closed == d.low_closed)
        and (d.high is None or r.high_closed == d.high_closed)
    )
