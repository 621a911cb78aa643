"""Evidence attributed to an explicit period (docs/events.md, ``period``).

An ``occurrence``, ``judgement``, ``score`` or ``due`` event may name the period it belongs
to: ``"period": "服务季度:1"`` (a cycle), ``"2026-Q1"``, ``"2026-03"`` or ``"2026"``. For the
period declarations of that family — the cycle of that name, or every declaration of that
calendar kind — the evidence counts in the labelled instance instead of the one containing
its ``at`` (sichuan: the quarter's judgements are logged after the quarter ends; the annual
report is due a week after the service year). For every other declaration it still counts
by its ``at`` (or due time).

**A rolling window** (``measures.window``) is made of instances of the measure's period, so
evidence that names an instance of that period's family counts in every window that holds
the named instance, and in no other (``attribute_to_window``): March's inspection logged on
2 April is in the 3 months ending with March, and not in those starting with April. Evidence
that names a period of another family still counts by its instant.

The event loader (``slarules.events.reader``) has already checked the label against the rule file
and written it canonically (``2026-q1`` → ``2026-Q1``, ``cycle:1`` → ``服务年:1``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from ... import model as m
from ...calendar.periods import PeriodInstance, Periods, parse_period


class Named(Protocol):
    """Evidence that may name its period."""

    @property
    def period(self) -> str | None: ...


T = TypeVar("T", bound=Named)

_CYCLE = re.compile(r"(.+):\d+")
_QUARTER = re.compile(r"\d{4}-Q\d")
_MONTH = re.compile(r"\d{4}-\d{2}")


def label_family(label: str) -> str:
    """Which declarations a canonical label speaks of: ``cycle:NAME``, or ``quarter``,
    ``month`` or ``year`` (every declaration of that calendar kind)."""
    cycle = _CYCLE.fullmatch(label)
    if cycle is not None:
        return f"cycle:{cycle.group(1)}"
    if _QUARTER.fullmatch(label):
        return "quarter"
    if _MONTH.fullmatch(label):
        return "month"
    return "year"


def instance_family(inst: PeriodInstance) -> str:
    return f"cycle:{inst.period}" if inst.kind == "cycle" else inst.kind


def label_start(model: m.RuleFile, periods: Periods, label: str) -> datetime | None:
    """When the period a label names begins (the report covers it: a quarter's judgement
    logged after the quarter still reports that quarter)."""
    try:
        return parse_period(model, label).bounds(periods)[0]
    except (ValueError, KeyError):
        return None


def named(items: Sequence[T]) -> list[T]:
    """The items that name their period."""
    return [item for item in items if item.period is not None]


def attribute(
    found: Sequence[T],
    labelled: Sequence[T],
    inst: PeriodInstance,
    instant_of: Callable[[T], datetime],
) -> list[T]:
    """The evidence of ``inst``: ``found`` (what its instants put there) less what names
    another period of ``inst``'s family, plus what names ``inst`` itself (from
    ``labelled``, every item that names a period), in order of instant."""
    if not labelled:
        return list(found)
    family = instance_family(inst)

    def elsewhere(item: T) -> bool:
        label = item.period
        return label is not None and label_family(label) == family and label != inst.label

    kept = [item for item in found if not elsewhere(item)]
    present = {id(item) for item in kept}
    extra = [item for item in labelled if item.period == inst.label and id(item) not in present]
    if not extra:
        return kept
    return sorted([*kept, *extra], key=instant_of)


def attribute_to_window(
    found: Sequence[T],
    labelled: Sequence[T],
    family: str,
    holds: Callable[[str], bool],
    instant_of: Callable[[T], datetime],
) -> list[T]:
    """The evidence of a rolling window of a measure per a period of ``family``: ``found``
    (what its instants put there) less what names an instance of ``family`` that the window
    does not hold, plus what names one it holds (``holds(label)``), in order of instant."""
    if not labelled:
        return list(found)

    def named_inside(item: T) -> bool | None:
        label = item.period
        if label is None or label_family(label) != family:
            return None
        return holds(label)

    kept = [item for item in found if named_inside(item) is not False]
    present = {id(item) for item in kept}
    extra = [item for item in labelled if named_inside(item) is True and id(item) not in present]
    if not extra:
        return kept
    return sorted([*kept, *extra], key=instant_of)
