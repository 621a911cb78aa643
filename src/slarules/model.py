"""The rule model: frozen attrs classes, one per construct of the rule language.

The parser (``parser.py``) builds these from a rule file; the checker (``check.py``) and the
engine (``engine/``) only read them. Every node carries its source ``span`` and, where the
file gives one, its clause citation ``cite`` (the contract's own words). Spans are excluded
from equality so that a rule file and its canonical ``fmt`` form compare equal.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeAlias

import attrs
from attrs import field, frozen


@frozen
class Span:
    """Where a node stands in its file: 1-based line and column, end exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


NO_SPAN = Span("<none>", 0, 0, 0, 0)


def _span() -> Span:
    span: Span = field(default=NO_SPAN, eq=False, repr=False, kw_only=True)
    return span


# ---- literals ---------------------------------------------------------------------------


class Unit(enum.Enum):
    """The type of a literal. Units are checked: a duration where a percentage belongs is an
    error."""

    NUMBER = "number"  # dimensionless; also accepted where points are expected
    POINTS = "points"
    PERCENT = "percent"  # value is the written number: 85% has value 85
    MONEY = "money"  # CNY
    DURATION = "duration"  # working time on a calendar
    DAYS = "days"  # calendar days, Civil Code art. 201-203
    WORKDAYS = "workdays"  # working days of the calendar's day source
    MONTHS = "months"
    DATE = "date"
    COUNT = "count"
    BOOL = "bool"


LiteralValue: TypeAlias = Decimal | timedelta | date | bool | int


@frozen
class Literal:
    """A typed literal as written. ``value`` is a Decimal for numbers, points, percentages
    (as written: 85% → 85) and money (yuan; 万元 already multiplied); a ``timedelta`` for
    durations; an ``int`` for days, workdays, months and counts; a ``date``; or a bool.
    ``text`` keeps the spelling so that ``fmt`` prints what the author wrote."""

    unit: Unit
    value: LiteralValue
    text: str
    span: Span = _span()

    @property
    def number(self) -> Decimal:
        """The value on the number line the checker and bands use: seconds for durations,
        the written number otherwise."""
        if isinstance(self.value, timedelta):
            return Decimal(self.value.days * 86400 + self.value.seconds) + Decimal(
                self.value.microseconds
            ) / Decimal(1_000_000)
        if isinstance(self.value, (bool, date)):
            raise TypeError(f"{self.unit.value} literal has no number value")
        return Decimal(self.value)


@frozen
class Bound:
    """One end of an interval. ``value`` None means infinity (``inf`` or ``-inf``)."""

    value: Literal | None
    closed: bool
    negative: bool = False

    @property
    def number(self) -> Decimal | None:
        if self.value is None:
            return None
        n = self.value.number
        return -n if self.negative else n


@frozen
class Interval:
    """``[a, b)`` and friends: both ends are always explicit."""

    low: Bound
    high: Bound
    span: Span = _span()

    def contains(self, x: Decimal) -> bool:
        lo, hi = self.low.number, self.high.number
        if lo is not None and (x < lo or (x == lo and not self.low.closed)):
            return False
        return not (hi is not None and (x > hi or (x == hi and not self.high.closed)))

    @property
    def unit(self) -> Unit | None:
        for b in (self.low, self.high):
            if b.value is not None:
                return b.value.unit
        return None


@frozen
class Comment:
    """A ``#`` comment of the file, kept so that ``fmt`` does not drop the contract
    citations people write in comments. ``text`` starts with ``#``; ``trailing`` is True when
    code precedes it on its line."""

    line: int
    text: str
    trailing: bool = False


@frozen
class Acknowledgement:
    """``acknowledge SLR301 "why"``: the file accepts a warning of that code in this block,
    with the reason stated (SPEC §9: a kept ambiguity must state its reading)."""

    code: str
    reason: str
    span: Span = _span()


# ---- expressions ---------------------------------------------------------------------------


@frozen
class Ref:
    """A name in an expression: a parameter, a scorecard or a composite."""

    name: str
    span: Span = _span()


@frozen
class BinOp:
    op: str  # one of + - * /
    left: Expr
    right: Expr
    span: Span = _span()


@frozen
class Neg:
    operand: Expr
    span: Span = _span()


@frozen
class Mean:
    """``mean(X)``: the mean of X over its periods that fall inside the enclosing period."""

    name: str
    span: Span = _span()


@frozen
class MinMax:
    fn: str  # "min" or "max"
    left: Expr
    right: Expr
    span: Span = _span()


@frozen
class IfElse:
    condition: Condition
    then: Expr
    otherwise: Expr
    span: Span = _span()


# ``Aggregate`` (defined with the scorecards) appears in expressions as ``count(…)`` (the
# occurrences of a kind or the tickets of an SLA in the expression's period) and
# ``late(DELIVERABLE)`` (its deliveries made after their due time in the period).
Expr: TypeAlias = "Literal | Ref | BinOp | Neg | Mean | MinMax | IfElse | Aggregate"


@frozen
class Compare:
    """``left OP right``; ``consecutive`` N means: true in this period and the N-1 before
    it (the sequence rule 连续两个季度)."""

    op: str  # one of < <= > >= == !=  (≤ ≥ are normalised)
    left: Expr
    right: Expr
    consecutive: int | None = None
    span: Span = _span()


@frozen
class And:
    left: Condition
    right: Condition
    span: Span = _span()


@frozen
class Or:
    left: Condition
    right: Condition
    span: Span = _span()


@frozen
class Not:
    operand: Condition
    span: Span = _span()


@frozen
class ParamCondition:
    """A bool parameter used as a condition: ``if small_firm then …``."""

    name: str
    span: Span = _span()


Condition: TypeAlias = Compare | And | Or | Not | ParamCondition


# ---- declarations ------------------------------------------------------------------------


@frozen
class Param:
    name: str
    type: str  # money | date | bool | percent | number | points | duration
    default: Literal | None
    cite: str | None = None
    span: Span = _span()


@frozen
class CalendarDef:
    name: str
    hours: str
    days: str = "CN"  # "CN" or "none"
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class PeriodDef:
    """A named period: calendar month, quarter or year, or cycles of N months counted from
    an anchor (a date parameter's name or a literal date), ending per Civil Code art. 202."""

    name: str
    kind: str  # month | quarter | year | cycle
    months: int | None = None
    anchor: str | date | None = None
    cite: str | None = None
    span: Span = _span()


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
class DeliverableDef:
    name: str
    cite: str | None = None
    span: Span = _span()


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
    ``downgrade``: a downgrade to a later-declared tier before the deadline also meets it."""

    metric: str
    amount: Literal
    close_of_business: bool = False
    downgrade: bool = False
    cite: str | None = None
    span: Span = _span()


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
    retier: str = "remeasure"  # remeasure | restart
    exclusions: tuple[Exclusion, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()
    pause_cite: str | None = None  # ``pause … cite "…"``
    retier_cite: str | None = None  # ``retier … cite "…"``


# ---- scorecards -------------------------------------------------------------------------


@frozen
class Reference:
    """``name`` or ``name.member``: an SLA and one of its metrics, a kind, a deliverable."""

    name: str
    member: str | None = None
    span: Span = _span()

    def __str__(self) -> str:
        return self.name if self.member is None else f"{self.name}.{self.member}"


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
    name: str
    interval: Interval
    cite: str | None = None
    span: Span = _span()


@frozen
class JudgedRule:
    """The item's points are an assessor's ``judgement``; grades name ranges of points."""

    step: Literal | None = None
    grades: tuple[Grade, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Aggregate:
    """A quantity computed over the period: ``count`` of tickets or occurrences,
    ``downtime`` (union of a metric's intervals) or ``mttr`` (mean elapsed of a metric);
    in expressions also ``late`` (deliveries of a deliverable made after their due time)."""

    fn: str  # count | downtime | mttr | late
    ref: Reference
    tiers: tuple[str, ...] = ()
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
    name: str
    period: str
    entries: tuple[Item | Group, ...] = ()
    assessors: tuple[Assessor, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Composite:
    name: str
    period: str
    expr: Expr
    cite: str | None = None
    span: Span = _span()


@frozen
class Flag:
    name: str
    condition: Condition
    cite: str | None = None
    span: Span = _span()


# ---- payments -------------------------------------------------------------------------------


@frozen
class PercentRow:
    interval: Interval
    percent: Literal
    cite: str | None = None
    span: Span = _span()


@frozen
class PayBase:
    """The amount attributable to each period (e.g. 合同总金额/12 for a monthly contract)."""

    amount: Expr
    cite: str | None = None
    span: Span = _span()


@frozen
class PayBond:
    amount: Expr
    cite: str | None = None
    span: Span = _span()


@frozen
class BondFirst:
    """Deductions are taken from the bond first (扣除履约保证金)."""

    cite: str | None = None
    span: Span = _span()


@frozen
class Milestone:
    """A payment of ``amount`` due ``delay`` (workdays or days) after milestone ``after``."""

    name: str
    amount: Expr
    delay: Literal
    after: str
    cite: str | None = None
    span: Span = _span()


@frozen
class PaymentBand:
    """``pay band`` (payout %) or ``deduct band`` (deduction %) of the base, by score."""

    mode: str  # pay | deduct
    score: Expr
    rows: tuple[PercentRow, ...]
    cite: str | None = None
    span: Span = _span()


@frozen
class LinearDeduction:
    """``deduct 5% of contract_total per point below 90 in X fraction prorated``.
    ``fraction``: prorated (89.5 → 0.5 point), up (a started point counts whole), down
    (only whole points count)."""

    amount: Expr
    threshold: Literal
    score: str
    fraction: str
    cite: str | None = None
    span: Span = _span()


@frozen
class FormulaDeduction:
    amount: Expr
    condition: Condition
    cite: str | None = None
    span: Span = _span()


@frozen
class Damages:
    """Liquidated damages the vendor owes (违约金) when the condition holds."""

    amount: Expr
    condition: Condition
    cite: str | None = None
    span: Span = _span()


PaymentEntry: TypeAlias = (
    PayBase
    | PayBond
    | BondFirst
    | Milestone
    | PaymentBand
    | LinearDeduction
    | FormulaDeduction
    | Damages
    | Flag
)


@frozen
class Payment:
    period: str
    entries: tuple[PaymentEntry, ...]
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()


# ---- the ruleset ---------------------------------------------------------------------------


@frozen
class Ruleset:
    """One parsed rule file. Declarations keep file order (the printer relies on it)."""

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

    def find(self, collection: str, name: str) -> object | None:
        """The declaration called ``name`` in ``collection`` (e.g. ``"slas"``), or None."""
        nodes: tuple[object, ...] = getattr(self, collection)
        for node in nodes:
            if getattr(node, "name", None) == name:
                return node
        return None


def walk_items(entries: tuple[Item | Group, ...]) -> list[Item]:
    """Every item of a scorecard, groups flattened, in file order."""
    out: list[Item] = []
    for entry in entries:
        if isinstance(entry, Group):
            out.extend(walk_items(entry.entries))
        else:
            out.append(entry)
    return out


def evolve(node: object, **changes: object) -> object:
    """attrs.evolve, re-exported so stages need not import attrs for one call."""
    return attrs.evolve(node, **changes)  # type: ignore[misc]
