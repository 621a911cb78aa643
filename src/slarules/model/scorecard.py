"""The scorecard part of the rule model: items and their rules (counts, judgements, point
tables), groups, assessors, scorecards and composites."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import TypeAlias

from attrs import frozen

from .base import Acknowledgement, Interval, Literal, Span, _span
from .expr import Aggregate, Expr, Reference

# ---- scorecards -------------------------------------------------------------------------


@frozen
class JudgedRange:
    """Points an assessor grades within a range (扣5-20分, 根据事件严重程度判定)."""

    interval: Interval
    span: Span = _span()


@frozen
class PerOccurrence:
    kind: str
    span: Span = _span()


@frozen
class PerNOccurrences:
    """每累计发生三次: one deduction for every full N occurrences in the period."""

    n: int
    kind: str
    span: Span = _span()


@frozen
class PerUnit:
    """Per unit of an input quantity: the occurrences' ``count`` summed (may be fractional)."""

    kind: str
    span: Span = _span()


@frozen
class PerDayLate:
    """Per day late of a deliverable (``due``/``delivered``) or of an SLA metric."""

    ref: Reference
    span: Span = _span()


DeliveryLateness: TypeAlias = typing.Literal["late", "missing", "made_late"]


@frozen
class PerLateDelivery:
    """Per late delivery of a deliverable: each due time met late, or still outstanding
    after it, counts once however many days late (sichuan: 未按时提交每次扣2分)."""

    deliverable: str
    span: Span = _span()
    # ``late`` (late or missing, as above), ``missing`` (``missing delivery of X``: no
    # delivery at as_of, past due) or ``made_late`` (``delivery made late of X``).
    which: DeliveryLateness = "late"


@frozen
class PerBreach:
    """Per breached target of an SLA (optionally one metric), filtered by tier."""

    ref: Reference
    tiers: tuple[str, ...] = ()
    span: Span = _span()


@frozen
class PerBreachedTicket:
    """Per ticket with at least one breached target: a ticket counts once."""

    sla: str
    tiers: tuple[str, ...] = ()
    span: Span = _span()


@frozen
class PerPointBelow:
    """Per point (a percentage point, for a percentage) that measure ``measure`` falls
    below ``threshold``, prorated (接通率90%每降低1个百分点扣0.5分); none at or above it."""

    threshold: Literal
    measure: str
    span: Span = _span()


Counter: TypeAlias = (
    PerOccurrence
    | PerNOccurrences
    | PerUnit
    | PerDayLate
    | PerLateDelivery
    | PerBreach
    | PerBreachedTicket
    | PerPointBelow
)


@frozen
class CountRule:
    """``deduct`` (sign -1) or ``award`` (sign +1) points per counted evidence."""

    sign: int
    amount: Literal | JudgedRange
    counter: Counter
    cap: Literal | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class Grade:
    """A grade of a judged item. ``forced_by``: an occurrence of this kind in the period
    forces the grade: a judgement above it is lowered to its top (sichuan: "较差：…服务期间
    出现弱口令事件。 0-15分")."""

    name: str
    interval: Interval
    cite: str | None = None
    span: Span = _span()
    forced_by: str | None = None
    forced_span: Span = _span()


@frozen
class JudgedRule:
    """The item's points are an assessor's ``judgement``; grades name ranges of points."""

    step: Literal | None = None
    grades: tuple[Grade, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class BandRow:
    grade: str | None
    intervals: tuple[Interval, ...]  # one per aggregate of the table
    value: Literal | JudgedRange
    cite: str | None = None
    span: Span = _span()


@frozen
class PointsTable:
    """Points by bands of one or more aggregates (graded or awarded items)."""

    aggregates: tuple[Aggregate, ...]
    rows: tuple[BandRow, ...]
    cite: str | None = None
    span: Span = _span()


ItemRule: TypeAlias = CountRule | JudgedRule | PointsTable


@frozen
class Item:
    name: str
    max: Literal
    rules: tuple[ItemRule, ...] = ()
    floor: bool = True  # 扣完为止; False for 扣分不设下限
    cap: Literal | None = None  # 累计最高扣N分
    default: Literal | None = None  # points when a judged item has no judgement
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Group:
    name: str
    max: Literal
    entries: tuple[Item | Group, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Assessor:
    name: str
    weight: Literal | None = None
    span: Span = _span()


@frozen
class Scorecard:
    """``max``: the scorecard's maximum as declared (``scorecard X per P max 100``); see
    ``scorecard_max`` for the maximum when none is declared."""

    name: str
    period: str
    entries: tuple[Item | Group, ...] = ()
    assessors: tuple[Assessor, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()
    max: Literal | None = None


@frozen
class Composite:
    name: str
    period: str
    expr: Expr
    cite: str | None = None
    span: Span = _span()


def walk_items(entries: tuple[Item | Group, ...]) -> list[Item]:
    """Every item of a scorecard, groups flattened, in file order."""
    out: list[Item] = []
    for entry in entries:
        if isinstance(entry, Group):
            out.extend(walk_items(entry.entries))
        else:
            out.append(entry)
    return out


def scorecard_max(card: Scorecard) -> Decimal:
    """A scorecard's maximum: its declared ``max``, else the sum of its top-level maxima,
    else (a scorecard without items, filled by ``score`` events) 100."""
    if card.max is not None:
        return card.max.number
    if card.entries:
        return sum((entry.max.number for entry in card.entries), Decimal(0))
    return Decimal(100)
