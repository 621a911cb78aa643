"""Payments of the model (docs/language.md §6): what each period pays, schedules, deducts
and owes. Re-exported by ``slarules.model``."""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

from attrs import frozen

from .base import Acknowledgement, Interval, Literal, Span, _span
from .expr import Condition, Expr, Flag
from .money import CapGroup, CreditWhen, MoneyPerOccurrence, PointsToMoney


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
    """The performance bond (履约保证金). ``returned_delay``/``returned_after``: ``returned
    due N (work)days after EVENT``, when the contract says when what is left of it is given
    back (guangxi: "最终验收合格后10个工作日内 … 并将履约保证金全额退回")."""

    amount: Expr
    cite: str | None = None
    span: Span = _span()
    returned_delay: Literal | None = None
    returned_after: str | None = None


@frozen
class BondFirst:
    """Deductions are taken from the bond first (扣除履约保证金)."""

    cite: str | None = None
    span: Span = _span()


@frozen
class Milestone:
    """A scheduled payment of ``amount``.

    Due ``delay`` (workdays or days) after each milestone event ``after`` — in the period
    that contains the event — or, with ``by``, due at 24:00 of a date (a date literal, or
    the name of a date parameter) — in the period that contains that date. ``condition``
    (``when …``): the payment is owed only when it holds at the due time, its counts over
    everything recorded before then; otherwise the line is listed at 0.00 (guangxi:
    中标人维护过程中无重大事故发生，2025年下半年…再支付25%)."""

    name: str
    amount: Expr
    delay: Literal | None
    after: str | None
    cite: str | None = None
    span: Span = _span()
    by: Literal | str | None = None
    condition: Condition | None = None
    # ``due N workdays after later of EVENT and DATE``: the count starts at the event, or at
    # 00:00 of the date (a literal, or a date parameter) when the event comes before it
    # (fujian-slt: "合同签订生效后，采购人收到…发票后，达到付款条件起15个工作日内").
    not_before: Literal | str | None = None

    @property
    def not_before_date(self) -> date | None:
        """The literal date of ``later of EVENT and DATE`` (None for a parameter or none)."""
        if isinstance(self.not_before, Literal) and isinstance(self.not_before.value, date):
            return self.not_before.value
        return None

    @property
    def by_date(self) -> date | None:
        """The literal date of ``due by DATE`` (None for a parameter or an event)."""
        if isinstance(self.by, Literal) and isinstance(self.by.value, date):
            return self.by.value
        return None


@frozen
class PaymentBand:
    """``pay band`` (payout %) or ``deduct band`` (deduction %) by score, of ``amount``
    (``… of EXPR``) or, without one, of the base. ``cap`` bounds a deduct band's
    deduction."""

    mode: str  # pay | deduct
    score: Expr
    rows: tuple[PercentRow, ...]
    cite: str | None = None
    span: Span = _span()
    amount: Expr | None = None
    cap: Expr | None = None


@frozen
class LinearDeduction:
    """``deduct 5% of contract_total per point below 90 in X fraction prorated``.
    ``score`` is an expression (a scorecard or composite name, ``availability(…)``…);
    with a percentage ``threshold`` (``below 99.9% in availability(…)``) a point is a
    percentage point. ``fraction``: prorated (89.5 → 0.5 point), up (a started point
    counts whole), down (only whole points count). ``cap``: the deduction is at most this
    amount."""

    amount: Expr
    threshold: Literal
    score: Expr
    fraction: str
    cite: str | None = None
    span: Span = _span()
    cap: Expr | None = None


@frozen
class FormulaDeduction:
    """``deduct AMOUNT when CONDITION [cap EXPR]``."""

    amount: Expr
    condition: Condition
    cite: str | None = None
    span: Span = _span()
    cap: Expr | None = None


@frozen
class Damages:
    """Damages the vendor owes: ``damages AMOUNT when CONDITION`` (违约金, once when the
    condition holds) or ``damages AMOUNT per occurrence of KIND`` (``per``: the kind; the
    amount times each occurrence's count). ``amount`` None is ``actual loss``: the amount
    is on each occurrence event (需赔偿采购人损失)."""

    amount: Expr | None
    condition: Condition | None
    cite: str | None = None
    span: Span = _span()
    per: str | None = None


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
    | MoneyPerOccurrence
    | CreditWhen
    | PointsToMoney
    | CapGroup
)


@frozen
class Payment:
    period: str
    entries: tuple[PaymentEntry, ...]
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()
