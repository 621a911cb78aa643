"""The evaluation state of one period's payment (docs/language.md §6), shared by
``payment.py`` (base, bands, deductions, bond, damages) and ``money_lines.py`` (money per
occurrence and per point, credits, their settlement and capped groups): the lines so far,
the expression evaluator, and rounding half-up to the minor unit once per line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from attrs import frozen

from ... import model as m
from ...calendar import Calendar
from ...calendar.periods import PeriodInstance
from ...i18n import _
from ...language.literals import decimal_text
from ...language.printer import expr_text
from ..evidence import MilestoneEvent, Occurrence
from .composite import ExprEval, Scope, terms_text
from .open_evidence import reads_evidence
from .results import PaymentLine, PaymentResult
from .schedule import Unknown

CENT = Decimal("0.01")
ZERO = Decimal(0)


def money(x: Decimal) -> Decimal:
    """Money rounded half-up to the minor unit, once per reported line (SPEC §4): 0.01
    for every currency slarules knows (``model.money.CURRENCIES``: 分, cent, øre)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


@frozen
class PaymentInputs:
    """What a payment reads besides its scope: the milestone events whose payments belong
    to the period (``term.milestones_for``), the working-day calendar of due dates, the
    contract total, the period's scored occurrences (for damages per occurrence), what
    earlier periods took from the bond — deducted or returned — (None while one of them is
    pending) and ``in_term``,
    whether a ``due by`` date's payment belongs to the period."""

    milestones: tuple[MilestoneEvent, ...]
    workdays: Calendar
    contract_total: Decimal | None
    occurrences: tuple[Occurrence, ...] = ()
    bond_used: Decimal | None = ZERO
    bond_waits: tuple[str, ...] = ()
    in_period: Callable[[datetime], bool] | None = None
    # Credits (money_lines.py): claim events (every milestone event of the log), the
    # evaluation time (a milestone with a condition due after it waits), the previous
    # period's payment (credits settled next period) and the label of the next period
    # (None at the end of the term).
    claims: tuple[MilestoneEvent, ...] = ()
    as_of: datetime | None = None
    previous: PaymentResult | None = None
    next_label: str | None = None
    # The trigger events of ``due … after EVENT`` milestones not logged yet, whose lines
    # this period lists as pending (``term.awaited_events``).
    awaited: tuple[str, ...] = ()
    # What the period, ended, still has open at the evaluation time (``open_evidence``):
    # its lines that read evidence are then provisional, as those of a running period.
    still_open: tuple[str, ...] = ()
    # The earlier periods' bond returns, as "考核周期:1 300000.00 (due …)": a returned bond
    # is gone, so ``bond_used`` counts them, and a deduction the bond can no longer take says
    # why (bond.py ``bond_account``).
    bond_returned: tuple[str, ...] = ()


@frozen
class PaymentTerms:
    """What a payment block's terms are, the same for every period it pays: computed once
    per block (``payment_terms``), not once per period (a monthly contract over ten years
    has 120 periods and the same block).

    ``open_base``: without a ``base`` entry, the base is the sum of the milestones due in
    the period, and one is due after a trigger event, so the base is not fixed in advance
    (payment.py ``_so_far``). ``reading``: the milestones whose amount reads the period's
    evidence (``payout``, a score or a count: fujian-slt's balance)."""

    open_base: bool
    reading: frozenset[str]


def payment_terms(payment: m.Payment, model: m.RuleFile) -> PaymentTerms:
    """The period-independent facts of ``payment`` (see ``PaymentTerms``)."""
    entries = payment.entries
    has_base = any(isinstance(e, m.PayBase) for e in entries)
    open_base = not has_base and any(
        isinstance(e, m.Milestone) and e.after is not None for e in entries
    )
    scored = {c.name for c in model.scorecards} | {c.name for c in model.composites}
    reading = frozenset(
        e.name for e in entries if isinstance(e, m.Milestone) and reads_evidence(e.amount, scored)
    )
    return PaymentTerms(open_base, reading)


class PaymentEval:
    def __init__(
        self,
        payment: m.Payment,
        inst: PeriodInstance,
        scope: Scope,
        terms: PaymentTerms | None = None,
    ) -> None:
        self.payment = payment
        self.scope = scope
        # Given by the evaluator, which computes it once per payment block.
        self.terms = terms if terms is not None else payment_terms(payment, scope.model)
        self.ev = ExprEval(scope, inst)
        self.lines: list[PaymentLine] = []
        # In the last cycle of a term whose base was adjusted so that the term's bases add
        # up (payment.py ``_term_rest``): the base expression's text and the adjusted base.
        self.term_base: tuple[str, Decimal] | None = None

    def value(self, e: m.Expr) -> Decimal:
        v = self.ev.expr(e)
        if v is None:
            raise Unknown
        return v

    def truth(self, c: m.Condition) -> bool:
        t = self.ev.cond(c)
        if t is None:
            raise Unknown
        return t

    def basis(self, *nodes: m.Expr | m.Condition) -> str:
        """The terms the nodes read, each once, e.g. ``服务考核 = 87.5; contract_total =
        1000000``."""
        sub = ExprEval(self.scope, self.ev.inst)
        sub.payout = self.ev.payout
        for node in nodes:
            if isinstance(node, m.Compare | m.And | m.Or | m.Not | m.ParamCondition):
                sub.cond(node)
            else:
                sub.expr(node)
        return terms_text(sub.terms, sub.durations)

    def money_value(self, e: m.Expr) -> Decimal:
        return money(self.value(e))

    def capped(self, amount: Decimal, cap: m.Expr | None) -> tuple[Decimal, str]:
        """``amount`` limited by a deduction's ``cap`` (at least zero), and what the basis
        says about it."""
        if cap is None:
            return amount, ""
        limit = max(self._cap_value(cap), ZERO)
        state = (
            _("; capped at {cap} = {limit}")
            if amount > limit
            else _("; within the cap {cap} = {limit}")
        )
        return min(amount, limit), state.format(cap=expr_text(cap), limit=decimal_text(limit))

    def _cap_value(self, cap: m.Expr) -> Decimal:
        """A cap that restates the base (fujian-gxt: ``cap contract_total / cycles``, "withheld
        from the cycle's share") is the base as paid: in a term's last cycle, the adjusted
        base, so that a share withheld in full leaves 0.00, not a cent to refund."""
        if self.term_base is not None and expr_text(cap) == self.term_base[0]:
            return self.term_base[1]
        return self.value(cap)

    def add(self, name: str, kind: str, amount: Decimal, cite: str | None, basis: str) -> Decimal:
        rounded = money(amount)
        self.lines.append(PaymentLine(name, kind, rounded, cite, basis))
        return rounded

    def settle(
        self, name: str, kind: str, cite: str | None, compute: Callable[[], Decimal | None]
    ) -> Decimal | None:
        """Run ``compute`` (which adds its own line); when an input is unknown, add a
        pending line ``name`` that says what it waits for. The line's amount, or None."""
        mark = len(self.ev.missing)
        try:
            return compute()
        except Unknown:
            waits = tuple(dict.fromkeys(self.ev.missing[mark:])) or (f"{name}: a value",)
            self.lines.append(PaymentLine(name, kind, None, cite, "pending", None, waits))
            return None
