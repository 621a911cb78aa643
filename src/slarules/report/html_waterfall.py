"""The HTML report's waterfall (``report/html.py``): the steps from an item's maximum
down to its score, and how wide each bar is drawn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..engine.scoring.results import ItemResult
from .shown import rounded, shown_number


def bar_percent(value: Decimal, scale: Decimal) -> str:
    return f"{max(Decimal(0), min(Decimal(100), value / scale * 100)):.2f}"


Step = tuple[str, str | None, Sequence[str], Decimal]


def waterfall_steps(items: Sequence[ItemResult]) -> Iterator[tuple[str, list[Step]]]:
    """Per item, the steps of the waterfall: each line that moves points (a base line
    moves the item from its max to the points it starts from), and whatever else brings the
    item to its score."""
    for item in items:
        level, steps = item.max, []
        for ln in item.lines:
            if ln.points is None:
                continue
            delta = ln.points - item.max if ln.kind == "base" else ln.points
            if ln.kind == "base":
                level = item.max
            if delta:
                label = ln.rule + (f" ×{shown_number(ln.count)}" if ln.count is not None else "")
                steps.append((label, ln.cite, ln.evidence, delta))
            level += delta
        # A clamp (扣完为止) moves the item to its bounds; a difference that rounds to
        # nothing is the last digit of a 60-digit division, not a clamp.
        if item.score is not None and rounded(item.score - level) != 0:
            steps.append(("上下限 bounds", None, (), item.score - level))
        if steps:
            yield item.name, steps
