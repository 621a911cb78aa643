"""Money of the model (docs/language.md §1 "Money and currencies", §6): the currencies a
rule file may declare, and which currency a money literal is written in.

A rule file is in one currency: ``currency DKK`` in its header (CNY without one, so the
Chinese rule files need not say it). Every money literal is that currency: ``2000元`` and
``20万元`` are CNY, ``500 DKK`` is Danish kroner; a literal in another currency is error
SLR112, so no sum can mix currencies. Amounts are exact decimals, each reported line
rounded half-up to the currency's minor unit (two decimals for every currency here).
Re-exported by ``slarules.model``.
"""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

from attrs import frozen

from .base import Literal, Span, Unit, _span
from .expr import Condition, Expr

DEFAULT_CURRENCY = "CNY"


@frozen
class Currency:
    """An ISO 4217 currency the language knows: its code, its minor unit (decimal places
    of a reported amount) and the suffixes a money literal may carry for it."""

    code: str
    minor_unit: int
    suffixes: tuple[str, ...]
    name: str


# Every currency here has two decimals (fen, cent, øre, penny). ``kr`` is not a suffix:
# it is the Danish, Norwegian and Swedish krone alike.
CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("CNY", 2, ("元", "万元", "CNY", "yuan"), "人民币 renminbi"),
        Currency("EUR", 2, ("EUR",), "euro"),
        Currency("DKK", 2, ("DKK",), "Danish krone"),
        Currency("NOK", 2, ("NOK",), "Norwegian krone"),
        Currency("SEK", 2, ("SEK",), "Swedish krona"),
        Currency("GBP", 2, ("GBP",), "pound sterling"),
        Currency("USD", 2, ("USD",), "US dollar"),
    )
}
_BY_SUFFIX = {suffix: c.code for c in CURRENCIES.values() for suffix in c.suffixes}
# The suffixes, longest first (``万元`` before ``元``), for the lexer's pattern.
MONEY_SUFFIXES = tuple(sorted(_BY_SUFFIX, key=lambda s: (-len(s), s)))


def currency_of_suffix(suffix: str) -> str | None:
    """The currency code a money literal's suffix names (``元`` → CNY), or None."""
    return _BY_SUFFIX.get(suffix.strip())


def literal_currency(literal: Literal) -> str | None:
    """The currency a money literal is written in, or None for any other literal (a plain
    number is in the file's currency wherever money is expected)."""
    if literal.unit is not Unit.MONEY:
        return None
    text = literal.text.rstrip()
    for suffix in MONEY_SUFFIXES:
        if text.endswith(suffix):
            return _BY_SUFFIX[suffix]
    return None


def minor_unit(code: str) -> int:
    """The decimal places of an amount in ``code`` (2 for every currency known here)."""
    currency = CURRENCIES.get(code)
    return 2 if currency is None else currency.minor_unit


# ---- a parameter that varies by date (a fee schedule) ----------------------------------


@frozen
class ScheduleRow:
    """``from 2026-07-01 -> 90000 DKK``: the value in force from that day on."""

    start: date
    value: Literal
    cite: str | None = None
    span: Span = _span()


def value_in_force(rows: tuple[ScheduleRow, ...], day: date) -> ScheduleRow | None:
    """The row of a schedule in force on ``day``: the last one starting on or before it
    (rows are checked to be in ascending order, SLR114); None before the first."""
    found = None
    for row in rows:
        if row.start <= day:
            found = row
    return found


# ---- money lines of a payment: per occurrence, per point, credits (issue 13) ------------


@frozen
class Settlement:
    """When a credit is settled, instead of in its own period's invoice:
    ``settled next period`` (set off against the next period's invoice: 抵扣下期),
    or ``claimed by EVENT within N days`` (owed only when the customer claims it, by a
    ``milestone`` event EVENT within N calendar days after the period's end; else
    forfeited)."""

    mode: str  # next | claim
    event: str | None = None
    days: Literal | None = None
    span: Span = _span()


@frozen
class MoneyPerOccurrence:
    """``deduct|credit|refund AMOUNT per occurrence of KIND``: the amount times each
    occurrence's count; ``stated amount`` (``amount`` None): the ``amount`` each
    occurrence event states. A deduction or a credit reduces what the period pays; a
    refund is money the vendor pays back, reported as a refund, never netted."""

    mode: str  # deduct | credit | refund
    amount: Expr | None
    per: str
    cap: Expr | None = None
    settlement: Settlement | None = None
    group: str | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class CreditWhen:
    """``credit AMOUNT when CONDITION``: a service credit (owed to the customer, off the
    invoice) when the condition holds — "a Service Credit of 5% of the fees for the
    month"."""

    amount: Expr
    condition: Condition
    cap: Expr | None = None
    settlement: Settlement | None = None
    group: str | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class PointsToMoney:
    """``deduct|credit AMOUNT per point of POINTS``: penalty points converted to money at
    a rate — "1 % pr. bodspoint": ``credit 1% of 月费 per point of 100 - 考核``."""

    mode: str  # deduct | credit
    amount: Expr
    points: Expr
    cap: Expr | None = None
    settlement: Settlement | None = None
    group: str | None = None
    cite: str | None = None
    span: Span = _span()


@frozen
class CapGroup:
    """``group NAME cap EXPR``: the lines marked ``in group NAME`` together take at most
    ``EXPR`` — "the total of service credits in a month cannot exceed 50% of the monthly
    fee" (kan ikke overstige 50 %)."""

    name: str
    cap: Expr
    cite: str | None = None
    span: Span = _span()


MoneyLine: TypeAlias = MoneyPerOccurrence | CreditWhen | PointsToMoney
