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

import bisect
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
    rows: tuple[int, ...]  # for overlaps: the first two rows covering it (table indices)
    mixed: bool = False  # for overlaps: the rows covering it carry different labels


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


MAX_CELL_WORK = 1_000_000
"""How many (cell, row, axis) tests ``coverage`` may make on a table of two or more axes. The
cells are the product of every axis's atoms, so their number grows exponentially with the
axes (twelve aggregates of three atoms each make 531,441 cells); past this budget the
check stops before it starts and says so (``TableTooLarge``)."""


class TableTooLarge(Exception):
    """The table's cells times its rows exceed ``MAX_CELL_WORK``."""

    def __init__(self, cells: int, rows: int) -> None:
        super().__init__(f"{cells} cells × {rows} rows")
        self.cells = cells
        self.rows = rows


def coverage(
    axes: Sequence[Axis],
    rows: Sequence[tuple[Range, ...]],
    labels: Sequence[object] | None = None,
) -> tuple[list[Region], list[Region]]:
    """Gaps and overlaps of ``rows`` over the product of ``axes``' domains.

    An overlap region is keyed by the first two rows covering it and by whether the rows
    covering it carry different ``labels`` (a payment band's percentages): ``Region.rows``
    holds those two rows, ``Region.mixed`` that flag.

    Work: one axis (bands, grade tables) is a sweep over the sorted atoms, O(n log n) for n
    rows plus O(n) per row entering or leaving the sorted set of covering rows. Two or more
    axes test every cell against every row: O(cells × rows × axes), refused with
    ``TableTooLarge`` beyond ``MAX_CELL_WORK``."""
    per_axis: list[list[Atom]] = []
    for d, axis in enumerate(axes):
        cuts = [
            b
            for row in rows
            for b in (row[d].low, row[d].high)
            if b is not None and not row[d].empty
        ]
        per_axis.append(atoms(axis, cuts))
    row_labels: Sequence[object] = labels if labels is not None else [None] * len(rows)
    if len(axes) == 1:
        gaps, overlaps = _sweep(per_axis[0], rows, row_labels)
    else:
        cells = 1
        for axis_atoms in per_axis:
            cells *= len(axis_atoms)
        if cells * max(len(rows), 1) * len(axes) > MAX_CELL_WORK:
            raise TableTooLarge(cells, len(rows))
        gaps, overlaps = _cells(per_axis, rows, row_labels)

    def regions(boxes: set[Box], key: tuple[int, ...], mixed: bool) -> list[Region]:
        out = []
        for box in _merge(boxes, len(axes)):
            ranges = tuple(_range_of(per_axis[d], *box[d]) for d in range(len(axes)))
            witness = tuple(_witness_of(axes[d], per_axis[d], *box[d]) for d in range(len(axes)))
            out.append(Region(ranges, witness, key, mixed))
        return out

    gap_regions = regions(gaps, (), False)
    overlap_regions = [
        r for key in sorted(overlaps) for r in regions(overlaps[key], key[:2], key[2] == 1)
    ]
    return gap_regions, overlap_regions


OverlapKey = tuple[int, int, int]  # first row, second row, 1 when their labels differ


def _key(covering: Sequence[int], labels: Sequence[object]) -> OverlapKey:
    mixed = len({labels[i] for i in covering}) > 1
    return covering[0], covering[1], int(mixed)


def _cells(
    per_axis: list[list[Atom]], rows: Sequence[tuple[Range, ...]], labels: Sequence[object]
) -> tuple[set[Box], dict[OverlapKey, set[Box]]]:
    gaps: set[Box] = set()
    overlaps: dict[OverlapKey, set[Box]] = {}
    for cell in itertools.product(*(range(len(a)) for a in per_axis)):
        point = tuple(per_axis[d][i].witness for d, i in enumerate(cell))
        covering = _cell_rows(rows, point)
        box: Box = tuple((i, i) for i in cell)
        if not covering:
            gaps.add(box)
        elif len(covering) > 1:
            overlaps.setdefault(_key(covering, labels), set()).add(box)
    return gaps, overlaps


def _sweep(
    axis_atoms: list[Atom], rows: Sequence[tuple[Range, ...]], labels: Sequence[object]
) -> tuple[set[Box], dict[OverlapKey, set[Box]]]:
    """One axis: each row covers a contiguous run of atoms (atoms are sorted and the row
    is an interval), found by bisection; a sweep keeps the covering rows sorted and counts
    their labels, so each atom's key costs O(1)."""
    witnesses = [a.witness for a in axis_atoms]
    entering: dict[int, list[int]] = {}
    leaving: dict[int, list[int]] = {}
    for i, (r,) in enumerate(rows):
        if r.empty:
            continue
        first = 0 if r.low is None else _first_at_or_after(witnesses, r.low, r.low_closed)
        last = len(witnesses) - 1
        if r.high is not None:
            last = _first_at_or_after(witnesses, r.high, not r.high_closed) - 1
        if first <= last:
            entering.setdefault(first, []).append(i)
            leaving.setdefault(last, []).append(i)
    active: list[int] = []
    label_counts: dict[object, int] = {}
    gaps: set[Box] = set()
    overlaps: dict[OverlapKey, set[Box]] = {}
    for k in range(len(axis_atoms)):
        for i in entering.get(k, ()):
            bisect.insort(active, i)
            label_counts[labels[i]] = label_counts.get(labels[i], 0) + 1
        if not active:
            gaps.add(((k, k),))
        elif len(active) > 1:
            key = (active[0], active[1], int(len(label_counts) > 1))
            overlaps.setdefault(key, set()).add(((k, k),))
        for i in leaving.get(k, ()):
            active.pop(bisect.bisect_left(active, i))
            label_counts[labels[i]] -= 1
            if not label_counts[labels[i]]:
                del label_counts[labels[i]]
    return gaps, overlaps


def _first_at_or_after(values: Sequence[Decimal], bound: Decimal, inclusive: bool) -> int:
    """The index of the first value ≥ ``bound`` (> ``bound`` when not ``inclusive``)."""
    return (bisect.bisect_left if inclusive else bisect.bisect_right)(values, bound)


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
