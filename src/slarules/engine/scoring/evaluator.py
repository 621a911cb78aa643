"""Scoring: scorecards, composites, flags and payments for every period instance.

``evaluate(ctx, evidence, selection)`` is the whole stage. It runs under one
``decimal.localcontext`` (``context.PRECISION`` digits, half-even for intermediates; money is
rounded half-up once per reported line in ``payment.py``) so results never depend on the caller's
decimal context.

Which periods are reported: every instance of a period that a scorecard, composite,
payment or flag uses, overlapping ``[first event, as_of]`` — or, with ``--period``, the
selected range — and started by ``as_of``. Instances outside that range are still
evaluated when a reported one needs them (``mean(X)``, ``for N consecutive periods``).

A scorecard ``assessed by`` several assessors has one sheet per assessor (see
``aggregates`` for which evidence each sheet sees); its score is Σ weight × sheet score,
with equal weights when the file gives none. A ``score`` event supplies a sheet's score
(with ``assessor``) or the whole scorecard's (without), reported as given; a given score
makes the items' missing judgements irrelevant. A scorecard without items must be given.

A top-level ``flag`` is evaluated per the period of the first scorecard or composite its
condition names, and reported in that period's ``flags``.
"""

from __future__ import annotations

import decimal
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from ... import model as m
from ...calendar.periods import PeriodInstance, PeriodSelection, parse_period
from ...i18n import ngettext
from ...language.printer import cond_text
from ..context import PRECISION, Context, workday_calendar
from ..evidence import Evidence
from .bond import return_texts, returned_more_than_once, taken_from_bond
from .composite import ExprEval, terms_text
from .measures import MeasureEnv, evaluate_measure
from .money_inputs import credit_inputs
from .payment import evaluate_payment
from .payment_eval import PaymentInputs, PaymentTerms, payment_terms
from .period_results import collect_periods
from .results import (
    CompositeResult,
    FlagResult,
    MeasureResult,
    PaymentResult,
    Results,
)
from .scorecards import ZERO, ScorecardScoring
from .term import awaited_events, milestones_for, outside_term
from .term_schedule import CycleMilestones, term_milestone_warnings


def evaluate(
    ctx: Context,
    evidence: Evidence,
    selection: PeriodSelection | str | None = None,
    *,
    events_path: str = "<events>",
) -> Results:
    """Score every reported period (see module docstring). Raises ``RuleError`` for an
    event or rule that cannot be evaluated, ``ValueError`` for a malformed selection."""
    if isinstance(selection, str):
        selection = parse_period(ctx.ruleset, selection)
    with decimal.localcontext() as dc:
        dc.prec = PRECISION
        dc.rounding = decimal.ROUND_HALF_EVEN
        dc.traps[decimal.FloatOperation] = True
        return Evaluator(ctx, evidence, events_path).run(selection)


class Evaluator(ScorecardScoring):
    """Memoised scores per (name, period instance); the ``Scope`` expressions read."""

    # -- Scope ------------------------------------------------------------------------------

    def score(self, name: str, inst: PeriodInstance) -> tuple[Decimal | None, tuple[str, ...]]:
        if name in self._scorecards:
            card = self.scorecard(name, inst)
            return card.score, card.missing
        if name in self._measures:
            found = self.measure(name, inst)
            return found.value, found.missing
        comp = self.composite(name, inst)
        return comp.score, comp.missing

    # -- composites -------------------------------------------------------------------------

    def composite(self, name: str, inst: PeriodInstance) -> CompositeResult:
        comp = self._composites[name]

        def compute() -> CompositeResult:
            ev = ExprEval(self, inst)
            value = ev.expr(comp.expr)
            return CompositeResult(
                name,
                inst,
                comp.cite,
                value,
                tuple(ev.terms.items()),
                tuple(sorted(set(ev.missing))),
            )

        return self._memoised(name, inst, compute, comp.span)

    # -- measures ---------------------------------------------------------------------------

    def measure(self, name: str, inst: PeriodInstance) -> MeasureResult:
        """Measure ``name`` for the instance of its period that starts with ``inst``."""
        definition = self._measures[name]
        own = self.periods.at(definition.period, inst.start) or inst
        env = MeasureEnv(
            self,
            lambda w: self.view(w, None),
            self.calendar_for,
            workday_calendar(self.ctx),
            self._by_opening.before,
            self.has_evidence,
            self.evidence.first_event,
        )
        return self._memoised(
            name, own, lambda: evaluate_measure(definition, own, env), definition.span
        )

    # -- flags and payments -----------------------------------------------------------------

    def flag_period(self, flag: m.Flag) -> str | None:
        for name in m.referenced_names(flag.condition):
            period = self.scored_period(name)
            if period is not None:
                return period
        return None

    def flag(self, flag: m.Flag, inst: PeriodInstance) -> tuple[FlagResult | None, list[str]]:
        ev = ExprEval(self, inst)
        holds = ev.cond(flag.condition)
        if holds is None:
            return None, ev.missing or [f"flag {flag.name} {inst.label}: undetermined"]
        if not holds:
            return None, []
        basis = f"{cond_text(flag.condition)}: {terms_text(ev.terms, ev.durations)}"
        return FlagResult(flag.name, flag.cite, basis), []

    def payment(
        self, payment: m.Payment, inst: PeriodInstance
    ) -> tuple[PaymentResult, tuple[str, ...]]:
        """The payment of ``payment`` for ``inst`` (memoised: a later period's bond
        account reads it)."""
        index = self.model.payments.index(payment)
        key = (f"payment {index}", inst.start, inst.end)
        if key not in self._memo:
            self._memo[key] = self._payment(payment, inst, self._payment_terms[index])
        return self._memo[key]  # type: ignore[return-value]

    @cached_property
    def _payment_terms(self) -> tuple[PaymentTerms, ...]:
        """Each payment block's period-independent facts, computed once for all periods."""
        return tuple(payment_terms(p, self.model) for p in self.model.payments)

    def _payment(
        self, payment: m.Payment, inst: PeriodInstance, terms: PaymentTerms
    ) -> tuple[PaymentResult, tuple[str, ...]]:
        total = self.ctx.params.get("contract_total")
        kinds = {
            e.per
            for e in payment.entries
            if isinstance(e, m.Damages | m.MoneyPerOccurrence) and e.per
        }
        occurrences = self.contract_view(inst).occurrences if kinds else ()
        used, waits, returned = self._bond_used_before(payment, inst)
        inputs = PaymentInputs(
            milestones_for(self.periods, inst, self.evidence.milestones),
            workday_calendar(self.ctx),
            total if isinstance(total, Decimal) else None,
            tuple(o for o in occurrences if o.kind in kinds),
            used,
            waits,
            lambda t: self._pays_for(inst, t),
            *credit_inputs(self, payment, inst),
            awaited=awaited_events(
                self.periods,
                inst,
                self.evidence.milestones,
                _awaitable(payment),
            ),
            still_open=self.still_open(inst),
            bond_returned=returned,
        )
        return evaluate_payment(payment, inst, self, inputs, terms)

    def _pays_for(self, inst: PeriodInstance, t: datetime) -> bool:
        """Whether a payment due by ``t`` belongs to ``inst``: the period that contains the
        date, or for a term's first or last cycle a date before or after the term."""
        if inst.contains(t):
            return True
        count = self.periods.term_count(inst.period)
        end = self.periods.term_end(inst.period)
        if count is None or end is None:
            return False
        return (inst.index == 1 and t < inst.start) or (inst.index == count and t >= end)

    def _bond_used_before(
        self, payment: m.Payment, inst: PeriodInstance
    ) -> tuple[Decimal | None, tuple[str, ...], tuple[str, ...]]:
        """What the periods before ``inst`` took from the bond (one account for the whole
        term: deducted, or given back), back to the first cycle (a calendar period: back to
        the first evidence); None, with what it waits for, while one of them is pending.
        Third: the returns among them (``bond.return_texts``)."""
        if not any(isinstance(e, m.PayBond) for e in payment.entries):
            return ZERO, (), ()
        first = self.evidence.first_event or inst.start
        earlier: list[PeriodInstance] = []
        prev = self.periods.previous(inst)
        while prev is not None and (prev.kind == "cycle" or prev.end > first):
            earlier.append(prev)
            prev = self.periods.previous(prev)
        used = ZERO
        returned: tuple[str, ...] = ()
        for before in reversed(earlier):  # earliest first: each reads only memoised ones
            result, _unused = self.payment(payment, before)
            taken = taken_from_bond(result)
            if taken is None:
                return None, (f"the bond account of {before.label}",), returned
            used += taken
            returned += return_texts(result)
        return used, (), returned

    # -- the run ----------------------------------------------------------------------------

    def run(self, selection: PeriodSelection | None) -> Results:
        periods = collect_periods(self, selection)
        self._warn_before_cycles()
        used = [name for name in self.periods.defs if self._uses(name)]
        outside = outside_term(self.periods, used, self.evidence)
        for found in outside:
            self.warnings.append(
                ngettext(
                    "{count} event dated before or after the term of {period}, which ends "
                    "{end}, is outside the contract and counts in no period (see outside_term)",
                    "{count} events dated before or after the term of {period}, which ends "
                    "{end}, are outside the contract and count in no period (see outside_term)",
                    len(found.evidence),
                ).format(count=len(found.evidence), period=found.period, end=found.end.isoformat())
            )
        returned = returned_more_than_once(periods)
        if returned is not None:
            self.warnings.append(returned)
        for payment in self.model.payments:
            self.warnings.extend(self._term_milestones(payment))
        selected = selection.bounds(self.periods) if selection is not None else None
        return Results(tuple(periods), tuple(self.warnings), tuple(outside), selected)

    def _term_milestones(self, payment: m.Payment) -> list[str]:
        """The warnings about a payment's milestones over its term (``term_schedule``):
        every cycle of the term that started by the evaluation time is read, reported or
        not, so a report of one cycle (``--period 考核周期:2``) still says that the milestone
        it pays was paid in another cycle already."""
        if any(isinstance(e, m.PayBase) for e in payment.entries):
            return []  # the milestones schedule each period's base: ``overscheduled``
        if not any(isinstance(e, m.Milestone) and e.after for e in payment.entries):
            return []
        count = self.periods.term_count(payment.period)
        if count is None:
            return []
        cycles = []
        for index in range(1, count + 1):
            inst = self.periods.get(payment.period, index)
            if inst.start > self.evidence.as_of:
                break
            result, _waits = self.payment(payment, inst)
            events = milestones_for(self.periods, inst, self.evidence.milestones)
            cycles.append(CycleMilestones(result, events))
        total = self.ctx.params.get("contract_total")
        total = total if isinstance(total, Decimal) else None
        return term_milestone_warnings(self, payment, cycles, total)

    def _warn_before_cycles(self) -> None:
        """Evidence dated before the first cycle of a cycle period counts in no cycle (a
        cycle with a term lists it under ``outside_term`` instead)."""
        for name, definition in self.periods.defs.items():
            if definition.kind != "cycle" or not self._uses(name):
                continue
            if self.periods.term_count(name) is not None:
                continue
            first = self.periods.get(name, 1).start
            early = sum(1 for o in self._occ if o.at < first)
            early += sum(1 for _ticket in self._by_opening.before(first))
            early += sum(1 for j in self._judgements if j.at < first)
            early += sum(1 for s in self._scores if s.at < first)
            if early:
                self.warnings.append(
                    ngettext(
                        "{count} ticket, occurrence, judgement or score is dated before "
                        "{start}, the start of {period}:1, and counts in no {period}",
                        "{count} tickets, occurrences, judgements or scores are dated before "
                        "{start}, the start of {period}:1, and count in no {period}",
                        early,
                    ).format(count=early, start=first.isoformat(), period=name)
                )

    def _uses(self, period: str) -> bool:
        return (
            any(s.period == period for s in self.model.scorecards)
            or any(c.period == period for c in self.model.composites)
            or any(x.period == period for x in self.model.measures)
            or any(p.period == period for p in self.model.payments)
        )


def _awaitable(payment: m.Payment) -> list[str]:
    """The trigger events a payment's lines wait for: its milestones' ``after`` events and
    the event the bond is returned after."""
    out = [e.after for e in payment.entries if isinstance(e, m.Milestone) and e.after]
    out += [
        e.returned_after for e in payment.entries if isinstance(e, m.PayBond) and e.returned_after
    ]
    return out
