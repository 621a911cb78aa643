"""What scoring and payment produce: exact, structured results that ``report.py`` turns into
JSON and ``render.py`` into text. Values are ``Decimal`` (None where a missing input leaves
a value unknown); evidence is named as strings (``"ticket INC-7: respond"``,
``"line 12 (id E-7)"``) so that every point can be traced to the log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import overload

from attrs import frozen

from ..literals import decimal_text
from ..model import duration_seconds
from .periods import PeriodInstance


@overload
def iso_duration(d: None, *, days: bool = True) -> None: ...
@overload
def iso_duration(d: timedelta | Decimal, *, days: bool = True) -> str: ...
def iso_duration(d: timedelta | Decimal | None, *, days: bool = True) -> str | None:
    """ISO 8601: ``PT15M``, ``PT4H``, ``P1DT2H``, ``PT0S``, ``-PT5M``; fractional seconds
    exact. ``d`` is a timedelta or a number of seconds (mttr, downtime). ``days=False``
    keeps whole days as hours (``PT25H30M``): a day of working time is not a calendar day."""
    if d is None:
        return None
    if isinstance(d, timedelta) and not d.microseconds:
        # The common case (every ticket's elapsed time): whole seconds, in integers.
        whole: int | Decimal = d.days * 86400 + d.seconds
    else:
        whole = duration_seconds(d) if isinstance(d, timedelta) else d
    sign = "-" if whole < 0 else ""
    magnitude: int | Decimal = -whole if whole < 0 else whole
    seconds = int(magnitude)  # whole seconds in integers; an exact fraction kept apart
    fraction = magnitude - seconds
    whole_days, rest = divmod(seconds, 86400) if days else (0, seconds)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if secs or fraction:
        clock += f"{decimal_text(Decimal(secs) + fraction) if fraction else secs}S"
    if not whole_days and not clock:
        return "PT0S"
    return f"{sign}P" + (f"{whole_days}D" if whole_days else "") + (f"T{clock}" if clock else "")


@frozen
class Line:
    """One rule's contribution to an item.

    ``kind``: ``count`` (a count rule: ``points`` signed, a deduction negative), ``base``
    (a judged rule or points table: ``points`` are what the item starts from instead of its
    max) or ``adjust`` (the item's ``cap``, ``max`` or ``floor``, signed). ``count`` is the
    counted quantity (None for base and adjust lines)."""

    rule: str
    cite: str | None
    count: Decimal | None
    points: Decimal | None
    evidence: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    grade: str | None = None
    kind: str = "count"


@frozen
class ItemResult:
    name: str
    group: str | None
    max: Decimal
    score: Decimal | None
    lines: tuple[Line, ...]


@frozen
class GivenRef:
    """A score supplied by a ``score`` event instead of computed from items."""

    score: Decimal
    event: str


@frozen
class SheetResult:
    """One assessor's sheet of a scorecard ``assessed by`` several assessors."""

    assessor: str
    weight: Decimal  # percent as written: 8.3 for 8.3%
    score: Decimal | None
    items: tuple[ItemResult, ...]
    given: GivenRef | None = None


@frozen
class ScorecardResult:
    name: str
    period: PeriodInstance
    cite: str | None
    max: Decimal
    score: Decimal | None
    items: tuple[ItemResult, ...]
    sheets: tuple[SheetResult, ...] | None  # None when not assessed by several assessors
    given: GivenRef | None
    missing: tuple[str, ...]


@frozen
class CompositeResult:
    name: str
    period: PeriodInstance
    cite: str | None
    score: Decimal | None
    terms: tuple[tuple[str, Decimal | None], ...]
    missing: tuple[str, ...]


@frozen
class FlagResult:
    """A flag whose condition holds (a named right or obligation)."""

    name: str
    cite: str | None
    basis: str


@frozen
class PaymentLine:
    """One reported money line, already rounded half-up to 0.01.

    ``kind``: base, milestone (a scheduled payment: not added to payable), pay_band,
    deduct_band, linear, formula (deductions, negative), bond_deduction (the part of the
    deductions taken from the bond, positive, informational), damages (owed by the vendor,
    positive)."""

    name: str
    kind: str
    amount: Decimal
    cite: str | None
    basis: str
    due: datetime | None = None


@frozen
class BondResult:
    amount: Decimal
    deducted: Decimal
    remaining: Decimal


@frozen
class PaymentResult:
    period: PeriodInstance
    contract_total: Decimal | None
    lines: tuple[PaymentLine, ...]
    payable: Decimal
    damages: Decimal
    bond: BondResult | None
    flags: tuple[FlagResult, ...]


@frozen
class PeriodResult:
    """Everything computed for one period instance (merged across declarations that give
    the same time range and label)."""

    label: str
    start: datetime
    end: datetime
    ended: bool
    missing: tuple[str, ...]
    scorecards: tuple[ScorecardResult, ...]
    composites: tuple[CompositeResult, ...]
    payment: PaymentResult | None
    flags: tuple[FlagResult, ...]
    has_payment: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing


@frozen
class Results:
    periods: tuple[PeriodResult, ...]
    warnings: tuple[str, ...] = ()
