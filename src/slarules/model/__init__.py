"""The rule model: frozen attrs classes, one per construct of the rule language.

The parser (``language/parser.py``) builds these from a rule file; the checks (``check/``) and the
engine (``engine/``) only read them. Every node carries its source ``span`` and, where the
file gives one, its clause citation ``cite`` (the contract's own words). Spans are excluded
from equality so that a rule file and its canonical ``fmt`` form compare equal.
"""

from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeAlias, TypeVar

import attrs
from attrs import field, frozen

# The leaves, expressions and payments live in their own modules (each under ~600 lines);
# every stage imports them from here.
from .base import (
    NO_SPAN,
    Acknowledgement,
    Bound,
    Comment,
    Interval,
    Literal,
    LiteralValue,
    Span,
    Unit,
    _span,
    duration_seconds,
)
from .expr import (
    Aggregate,
    And,
    BinOp,
    Compare,
    Condition,
    Expr,
    Flag,
    IfElse,
    Mean,
    MinMax,
    Neg,
    Not,
    Or,
    ParamCondition,
    Payout,
    Ref,
    Reference,
    referenced_names,
)
from .payment import (
    BondFirst,
    Damages,
    FormulaDeduction,
    LinearDeduction,
    Milestone,
    PayBase,
    PayBond,
    Payment,
    PaymentBand,
    PaymentEntry,
    PercentRow,
)

__all__ = [
    "NO_SPAN",
    "Acknowledgement",
    "Aggregate",
    "And",
    "BinOp",
    "BondFirst",
    "Bound",
    "Comment",
    "Compare",
    "Condition",
    "Damages",
    "Expr",
    "Flag",
    "FormulaDeduction",
    "IfElse",
    "Interval",
    "LinearDeduction",
    "Literal",
    "LiteralValue",
    "Mean",
    "Milestone",
    "MinMax",
    "Neg",
    "Not",
    "Or",
    "ParamCondition",
    "PayBase",
    "PayBond",
    "Payment",
    "PaymentBand",
    "PaymentEntry",
    "Payout",
    "PercentRow",
    "Ref",
    "Reference",
    "Span",
    "Unit",
    "duration_seconds",
    "referenced_names",
]


# ---- declarations ------------------------------------------------------------------------


@frozen
class Param:
    name: str
    type: str  # money | date | bool | percent | number | points | duration
    default: Literal | None
    cite: str | None = None
    span: Span = _span()


@frozen
class Season:
    """``hours "…" from MM-DD to MM-DD``: the weekly schedule of the days from ``start`` to
    ``end`` of every year, both included; a range may run past 12-31 (``from 10-01 to
    04-30``). Fujian and Guangxi offices keep summer and winter hours."""

    hours: str
    start: str  # "MM-DD"
    end: str  # "MM-DD"
    span: Span = _span()


@frozen
class CalendarDef:
    """A calendar. ``hours`` is the all-year schedule, or "" when the calendar has only
    seasonal ``hours … from … to …`` lines (``seasons``), which must then cover the year."""

    name: str
    hours: str
    days: str = "CN"  # "CN" or "none"
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    cite: str | None = None
    span: Span = _span()
    seasons: tuple[Season, ...] = ()


# ``typing.Literal``: the rule language's own ``Literal`` (a number, duration, date…) is
# a class of this package.
PeriodKind: TypeAlias = typing.Literal["month", "quarter", "year", "cycle"]
RetierMode: TypeAlias = typing.Literal["remeasure", "restart"]


@frozen
class PeriodDef:
    """A named period: calendar month, quarter or year, or cycles of N months counted from
    an anchor (a date parameter's name or a literal date), ending per Civil Code art. 202.

    A cycle's term (the contract's): ``for N`` cycles (``count``: a number, or the name of a
    number parameter) or ``through DATE`` (``through``: the term's last day, included; a
    date or a date parameter's name). Without one the cycles run on without end."""

    name: str
    kind: PeriodKind
    months: int | None = None
    anchor: str | date | None = None
    cite: str | None = None
    span: Span = _span()
    count: int | str | None = None
    through: str | date | None = None

    @property
    def has_term(self) -> bool:
        return self.count is not None or self.through is not None


@frozen
class KindDef:
    """An occurrence kind. ``superseded_by``: an occurrence of this kind that shares its
    ticket with an occurrence of that kind is not scored (guangxi: a fault that becomes a
    security event is scored only as the security event)."""

    name: str
    superseded_by: str | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class DueRule:
    """``due 10 days after signed`` / ``due 3 workdays after inspected`` /
    ``due 7 days after 6 months after start [on CALENDAR]``: the deliverable's due time is
    computed from an event instead of typed in a ``due`` event.

    ``delays`` are as written, the outermost first: the last one counts from ``after``, each
    earlier one from the last day the one after it ends on (engine/deliverables.py).
    ``after`` is a milestone event's name (one due time per such event), a ticket event
    type (one per such event of a ticket, delivered per ticket), or a date parameter (the
    start of a term: that day is counted)."""

    delays: tuple[Literal, ...]
    after: str
    calendar: str | None = None
    span: Span = _span()


@frozen
class DeliverableDef:
    name: str
    cite: str | None = None
    span: Span = _span()
    due: DueRule | None = None


@frozen
class CauseDef:
    name: str
    cite: str | None = None
    span: Span = _span()


# ---- SLAs ------------------------------------------------------------------------------------


@frozen
class Metric:
    """A clock: starts at ``start`` and stops at the first of ``stops``, measured on
    ``calendar`` (the SLA's when None)."""

    name: str
    start: str
    stops: tuple[str, ...]
    calendar: str | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class Target:
    """A tier's target for one metric: a duration of working time, or N days / workdays
    counted per the Civil Code (ending 24:00, or close of business with ``by close``).
    ``downgrade``: a downgrade to a later-declared tier before the deadline also discharges
    it (the ticket then owes the new tier's target). ``agreed``: a ticket's ``agreed`` event
    may set the amount (``8小时 or agreed``); with ``amount`` None only an agreement sets it
    (``restore agreed``: 按需). ``when``: the target is owed only once the ticket has had
    that event (``engineer_arrive 3小时 when escalated``: 如现场服务人员无法解决)."""

    metric: str
    amount: Literal | None
    close_of_business: bool = False
    downgrade: bool = False
    cite: str | None = None
    span: Span = _span()
    agreed: bool = False
    when: str | None = None


@frozen
class Tier:
    name: str
    targets: tuple[Target, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Exclusion:
    """Tickets attributed to one of these causes are reported but scored nowhere."""

    causes: tuple[str, ...]
    cite: str | None = None
    span: Span = _span()


@frozen
class Exemption:
    """Metrics that become ``not_applicable`` for a ticket attributed to one of the causes
    (fujian-scjg: 突发应急事件除外)."""

    metrics: tuple[str, ...]
    causes: tuple[str, ...]
    cite: str | None = None
    span: Span = _span()


ALL_METRICS = ("*",)


@frozen
class Sla:
    name: str
    calendar: str | None
    metrics: tuple[Metric, ...]
    tiers: tuple[Tier, ...]
    pauses: tuple[str, ...] = ()  # metric names, or ALL_METRICS
    retier: RetierMode = "remeasure"
    exclusions: tuple[Exclusion, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()
    pause_cite: str | None = None  # ``pause … cite "…"``
    retier_cite: str | None = None  # ``retier … cite "…"``
    # ``pause … tier T, …``: pauses hold the clocks only while the ticket holds one of these
    # tiers (fujian-slt: the 限制条件 of the 一般 row); empty: every tier.
    pause_tiers: tuple[str, ...] = ()
    # ``retier remeasure allow D``: after a change, a running target's deadline is never
    # before the change + D (nor after its deadline before the change); ``allow full``: +
    # the new tier's own target. None and False: never before the change itself (SPEC §3.7).
    retier_allow: Literal | None = None
    retier_allow_full: bool = False


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


@frozen
class PerLateDelivery:
    """Per late delivery of a deliverable: each due time met late, or still outstanding
    after it, counts once however many days late (sichuan: 未按时提交每次扣2分)."""

    deliverable: str
    span: Span = _span()


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


Counter: TypeAlias = (
    PerOccurrence
    | PerNOccurrences
    | PerUnit
    | PerDayLate
    | PerLateDelivery
    | PerBreach
    | PerBreachedTicket
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


# ---- the ruleset ---------------------------------------------------------------------------


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


def _by_name(nodes: tuple[T, ...]) -> dict[str, T]:
    """Name → the first declaration with it (a repeated name is the checker's error)."""
    out: dict[str, T] = {}
    for node in nodes:
        out.setdefault(node.name, node)
    return out


@frozen
class Names:
    """The declarations of a rule file by name, typed: the one lookup every stage uses
    (``ruleset.names.slas.get(name)``), built once per ruleset."""

    params: dict[str, Param]
    calendars: dict[str, CalendarDef]
    periods: dict[str, PeriodDef]
    slas: dict[str, Sla]

    @classmethod
    def of(cls, ruleset: RuleFile) -> Names:
        return cls(
            _by_name(ruleset.params),
            _by_name(ruleset.calendars),
            _by_name(ruleset.periods),
            _by_name(ruleset.slas),
        )


@frozen
class RuleFile:
    """One parsed rule file, the root of the model (``slarules.Ruleset`` is the checked,
    ready-to-evaluate wrapper around one). Declarations keep file order (the printer relies
    on it)."""

    name: str
    title: str | None = None
    timezone: str = "Asia/Shanghai"
    params: tuple[Param, ...] = ()
    calendars: tuple[CalendarDef, ...] = ()
    periods: tuple[PeriodDef, ...] = ()
    kinds: tuple[KindDef, ...] = ()
    deliverables: tuple[DeliverableDef, ...] = ()
    causes: tuple[CauseDef, ...] = ()
    slas: tuple[Sla, ...] = ()
    scorecards: tuple[Scorecard, ...] = ()
    composites: tuple[Composite, ...] = ()
    flags: tuple[Flag, ...] = ()
    payments: tuple[Payment, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    path: str = field(default="<string>", eq=False)
    source: str = field(default="", eq=False, repr=False)
    span: Span = _span()
    # The file's comments, in order; not part of the model's meaning (eq=False).
    comments: tuple[Comment, ...] = field(default=(), eq=False, repr=False)
    # Derived from the declarations above, once (``__attrs_post_init__``).
    names: Names = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "names", Names.of(self))


Ruleset = RuleFile
"""The model root's former name (``RuleFile`` avoids the clash with ``slarules.Ruleset``)."""


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


def evolve(node: object, **changes: object) -> object:
    """attrs.evolve, re-exported so stages need not import attrs for one call."""
    return attrs.evolve(node, **changes)  # type: ignore[misc]
