"""The model's leaves: source spans, typed literals, intervals, comments and
acknowledgements. Re-exported by ``slarules.model``, which every stage imports."""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeAlias

from attrs import field, frozen

from ..i18n import _


def duration_seconds(d: timedelta) -> Decimal:
    """A duration on the number line that durations use (checker, bands, ``mttr``): exact
    seconds, never through a binary float."""
    return Decimal(d.days * 86400 + d.seconds) + Decimal(d.microseconds) / Decimal(1_000_000)


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
            return duration_seconds(self.value)
        if isinstance(self.value, (bool, date)):
            raise TypeError(
                _("{unit_value} literal has no number value").format(unit_value=self.unit.value)
            )
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
