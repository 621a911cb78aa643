"""Measures (docs/language.md §9): a named number per period, computed from the evidence.

One construct with one head, ``measure NAME per PERIOD [rolling N months] = BODY``, and
six bodies, each a way of turning the period's evidence into a number:

- ``lateness of SLA.METRIC in started workdays { [1, 3) -> 0.5 each … } cap 5 per ticket``:
  points for each started unit of lateness, the rate of the row holding the unit's number,
  capped per ticket (每延误一个工作日扣0.5分 … 最多扣5分);
- ``percent of SLA.METRIC met [tier …] [if no tickets 100%]``: met over decided targets, a
  percentage (接通率, 响应达标率);
- ``count of breaches of SLA[.METRIC] [tier …]`` and ``count of breached tickets of SLA``;
- ``count of PERIOD where CONDITION``: the instances of a period, inside the measure's
  window, where the condition holds (不达标月数, three failures in a rolling window);
- ``count of SLA by FIELD where CONDITION``: the groups of the period's tickets sharing the
  ``opened`` event's FIELD (a camera, an asset) where the condition holds, the condition's
  counts and durations read over the group's tickets only (单路图像月故障时长高于8小时);
- ``downtime(SLA.METRIC)``, ``count(SLA)``, ``mttr(…)``, ``availability(…)``: an aggregate
  over the window (年故障时间 over a rolling service year).

``rolling``: the window is the N months that end where the period instance ends, instead
of the instance itself (失败 per consecutive 12 months). A measure's name reads like a
score's in expressions; a ``percent of`` measure is a percentage (``check/units.py`` Ty.PERCENT).
"""

from __future__ import annotations

from typing import Literal as TypingLiteral
from typing import TypeAlias

from attrs import frozen

from .base import Interval, Literal, Span, _span
from .expr import Aggregate, Condition, Reference

LateUnit: TypeAlias = TypingLiteral["hours", "workdays", "days"]

# Fields an ``opened`` event has a meaning for without any measure (events/types.py): a
# measure cannot group by one of them.
OPENED_FIELDS = ("at", "type", "id", "assessor", "note", "ticket", "sla", "tier")


@frozen
class LateRow:
    """``[1, 3) -> 0.5 each``: the started units whose number (1 for the first unit late)
    lies in the interval cost ``amount`` points each."""

    interval: Interval
    amount: Literal
    cite: str | None = None
    span: Span = _span()


@frozen
class Lateness:
    """Points for lateness in started units, escalating by row, capped per ticket."""

    ref: Reference
    unit: LateUnit
    rows: tuple[LateRow, ...]
    tiers: tuple[str, ...] = ()
    cap: Literal | None = None
    span: Span = _span()


@frozen
class AttainmentRate:
    """Targets met over targets decided (met or breached), a percentage; ``if_none``: the
    value of a window with no decided target (else the measure is unknown there)."""

    ref: Reference
    tiers: tuple[str, ...] = ()
    if_none: Literal | None = None
    span: Span = _span()


@frozen
class BreachCount:
    """Breached targets (``tickets=False``) or tickets with a breached target."""

    ref: Reference
    tiers: tuple[str, ...] = ()
    tickets: bool = False
    span: Span = _span()


@frozen
class PeriodCount:
    """Instances of ``period`` inside the window where ``condition`` holds."""

    period: str
    condition: Condition
    span: Span = _span()


@frozen
class GroupCount:
    """Groups of the window's tickets of ``sla`` by the ``opened`` event's ``field`` where
    ``condition`` holds, read over the group's tickets."""

    sla: str
    field: str
    condition: Condition
    span: Span = _span()


@frozen
class AggregateMeasure:
    """``downtime(SLA.METRIC)``, ``count(SLA)``, ``mttr(SLA.METRIC)`` or
    ``availability(SLA.METRIC)`` over the measure's window (年故障时间, 总故障数): a duration,
    a count or a percentage."""

    aggregate: Aggregate
    span: Span = _span()


MeasureBody: TypeAlias = (
    Lateness | AttainmentRate | BreachCount | PeriodCount | GroupCount | AggregateMeasure
)


@frozen
class Measure:
    name: str
    period: str
    body: MeasureBody
    rolling: Literal | None = None  # MONTHS: the window ends with the period instance
    cite: str | None = None
    span: Span = _span()

    @property
    def is_percentage(self) -> bool:
        body = self.body
        if isinstance(body, AggregateMeasure):
            return body.aggregate.fn == "availability"
        return isinstance(body, AttainmentRate)

    @property
    def is_duration(self) -> bool:
        """``downtime(…)`` and ``mttr(…)``: working time, held in seconds."""
        body = self.body
        return isinstance(body, AggregateMeasure) and body.aggregate.fn in ("downtime", "mttr")


def group_fields(measures: tuple[Measure, ...]) -> tuple[str, ...]:
    """The ``opened`` event fields that measures group by, in file order: the event log
    may (and should) carry them."""
    fields = (x.body.field for x in measures if isinstance(x.body, GroupCount))
    return tuple(dict.fromkeys(fields))
