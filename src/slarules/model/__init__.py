"""The rule model: frozen attrs classes, one per construct of the rule language.

The parser (``language/parser.py``) builds these from a rule file; the checks (``check/``) and the
engine (``engine/``) only read them. Every node carries its source ``span`` and, where the
file gives one, its clause citation ``cite`` (the contract's own words). Spans are excluded
from equality so that a rule file and its canonical ``fmt`` form compare equal.
"""

from __future__ import annotations

import typing
from datetime import date
from typing import Protocol, TypeAlias, TypeVar

import attrs
from attrs import field, frozen

from .availability import MaintenanceExclusion, MaintenanceScope

# The leaves, expressions, SLAs, scorecards and payments live in their own modules, one
# concept each; every stage imports them from here.
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
    arithmetic,
    referenced_names,
)
from .measure import (
    AggregateMeasure,
    AttainmentRate,
    BreachCount,
    GroupCount,
    Lateness,
    LateRow,
    LateUnit,
    Measure,
    MeasureBody,
    PeriodCount,
    group_fields,
)
from .money import (
    CURRENCIES,
    DEFAULT_CURRENCY,
    MONEY_SUFFIXES,
    CapGroup,
    CreditWhen,
    Currency,
    MoneyLine,
    MoneyPerOccurrence,
    PointsToMoney,
    ScheduleRow,
    Settlement,
    currency_of_suffix,
    literal_currency,
    minor_unit,
    value_in_force,
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
from .scorecard import (
    Assessor,
    BandRow,
    Composite,
    Counter,
    CountRule,
    Grade,
    Group,
    Item,
    ItemRule,
    JudgedRange,
    JudgedRule,
    PerBreach,
    PerBreachedTicket,
    PerDayLate,
    PerLateDelivery,
    PerNOccurrences,
    PerOccurrence,
    PerPointBelow,
    PerUnit,
    PointsTable,
    Scorecard,
    scorecard_max,
    walk_items,
)
from .sla import (
    ALL_METRICS,
    Exclusion,
    Exemption,
    Metric,
    Reopen,
    RetierMode,
    Sla,
    SlaEvents,
    Target,
    Tier,
    WarnLevels,
)

__all__ = [
    "ALL_METRICS",
    "CURRENCIES",
    "DEFAULT_CURRENCY",
    "MONEY_SUFFIXES",
    "NO_SPAN",
    "Acknowledgement",
    "Aggregate",
    "AggregateMeasure",
    "And",
    "Assessor",
    "AttainmentRate",
    "BandRow",
    "BinOp",
    "BondFirst",
    "Bound",
    "BreachCount",
    "CapGroup",
    "Comment",
    "Compare",
    "Composite",
    "Condition",
    "CountRule",
    "Counter",
    "CreditWhen",
    "Currency",
    "Damages",
    "Exclusion",
    "Exemption",
    "Expr",
    "Flag",
    "FormulaDeduction",
    "Grade",
    "Group",
    "GroupCount",
    "IfElse",
    "Interval",
    "Item",
    "ItemRule",
    "JudgedRange",
    "JudgedRule",
    "LateRow",
    "LateUnit",
    "Lateness",
    "LinearDeduction",
    "Literal",
    "LiteralValue",
    "MaintenanceExclusion",
    "MaintenanceScope",
    "Mean",
    "Measure",
    "MeasureBody",
    "Metric",
    "Milestone",
    "MinMax",
    "MoneyLine",
    "MoneyPerOccurrence",
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
    "PerBreach",
    "PerBreachedTicket",
    "PerDayLate",
    "PerLateDelivery",
    "PerNOccurrences",
    "PerOccurrence",
    "PerPointBelow",
    "PerUnit",
    "PercentRow",
    "PeriodCount",
    "PointsTable",
    "PointsToMoney",
    "Ref",
    "Reference",
    "Reopen",
    "RetierMode",
    "ScheduleRow",
    "Scorecard",
    "Settlement",
    "Sla",
    "SlaEvents",
    "Span",
    "Target",
    "Tier",
    "Unit",
    "WarnLevels",
    "arithmetic",
    "currency_of_suffix",
    "duration_seconds",
    "group_fields",
    "literal_currency",
    "minor_unit",
    "referenced_names",
    "scorecard_max",
    "value_in_force",
    "walk_items",
]


# ---- declarations ------------------------------------------------------------------------


@frozen
class Param:
    """A parameter. ``schedule``: a value that varies by date (``param 月费: money by date
    { from 2026-01-01 -> 85000 DKK … }``), read per period at the period's start; its
    ``default`` is then the first row's value (what checks read)."""

    name: str
    type: str  # money | date | bool | percent | number | points | duration
    default: Literal | None
    cite: str | None = None
    span: Span = _span()
    schedule: tuple[ScheduleRow, ...] = ()


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
    days: str = "CN"  # "CN", "none" or another country's code of the holidays package
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    cite: str | None = None
    span: Span = _span()
    seasons: tuple[Season, ...] = ()
    # Other countries (issue 13): ``subdiv BY`` (a subdivision's holidays), ``timezone "…"``
    # (the calendar's wall clock; the ruleset's when None), ``counting civil|plain`` (how
    # days are counted; None: civil, the Civil Code of the PRC).
    subdiv: str | None = None
    timezone: str | None = None
    counting: str | None = None


# ``typing.Literal``: the rule language's own ``Literal`` (a number, duration, date…) is
# a class of this package.
PeriodKind: TypeAlias = typing.Literal["month", "quarter", "year", "cycle"]


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
    # ``after end of PERIOD``: ``after`` names a period; one due time per period, counted
    # from its last day (that day not counted).
    period_end: bool = False


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
    # Measures (model/measure.py), after ``cite`` so that positional construction of the
    # older fields is unchanged.
    measures: tuple[Measure, ...] = ()
    path: str = field(default="<string>", eq=False)
    source: str = field(default="", eq=False, repr=False)
    span: Span = _span()
    # The file's comments, in order; not part of the model's meaning (eq=False).
    comments: tuple[Comment, ...] = field(default=(), eq=False, repr=False)
    # ``currency DKK`` in the header: every amount of the file is in it (model/money.py).
    currency: str = DEFAULT_CURRENCY
    # Derived from the declarations above, once (``__attrs_post_init__``).
    names: Names = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "names", Names.of(self))


def evolve(node: object, **changes: object) -> object:
    """attrs.evolve, re-exported so stages need not import attrs for one call."""
    return attrs.evolve(node, **changes)  # type: ignore[misc]
