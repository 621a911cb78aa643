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
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from ... import model as m
from ...calendar import Calendar
from ...calendar.periods import PeriodInstance, Periods, PeriodSelection, parse_period
from ...i18n import _
from ...language.literals import decimal_text
from ...language.printer import cond_text
from ..context import PRECISION, Context, workday_calendar
from ..evidence import Delivery, Evidence, GivenScore, Judgement, Occurrence
from .aggregates import TicketIndex, View, aggregate, supersessions
from .attribution import attribute, label_start, named
from .availability import Availability, availability, notice_of
from .composite import ExprEval, terms_text
from .errors import event_error, rule_error
from .items import ItemEnv, evaluate_item
from .measures import MeasureEnv, evaluate_measure
from .money_inputs import credit_inputs
from .payment import evaluate_payment
from .payment_eval import PaymentInputs
from .period_results import collect_periods
from .results import (
    CompositeResult,
    FlagResult,
    GivenRef,
    ItemResult,
    MeasureResult,
    PaymentResult,
    Results,
    ScorecardResult,
    SheetResult,
)
from .term import milestones_for, outside_term

ZERO = Decimal(0)
T = TypeVar("T")


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


def _sorted_by(items: Sequence[T], key: Callable[[T], datetime]) -> tuple[list[T], list[datetime]]:
    ordered = sorted(items, key=key)
    return ordered, [key(x) for x in ordered]


class Evaluator:
    """Memoised scores per (name, period instance); the ``Scope`` expressions read."""

    def __init__(self, ctx: Context, evidence: Evidence, events_path: str) -> None:
        self.ctx = ctx
        self.model = ctx.ruleset
        self.evidence = evidence
        self.events_path = events_path
        self.periods = Periods(self.model.periods, ctx.tz, ctx.params)
        self.warnings: list[str] = []
        self._memo: dict[tuple[str, datetime, datetime], object] = {}
        self._busy: set[tuple[str, datetime, datetime]] = set()
        self._scorecards = {s.name: s for s in self.model.scorecards}
        self._composites = {c.name: c for c in self.model.composites}
        self._measures = {x.name: x for x in self.model.measures}
        self._declared_assessors = {a.name for s in self.model.scorecards for a in s.assessors}
        self._tickets, self._ticket_keys = _sorted_by(evidence.tickets, lambda t: t.opened)
        self._occ, self._occ_keys = _sorted_by(evidence.occurrences, lambda o: o.at)
        self._judgements, self._judgement_keys = _sorted_by(evidence.judgements, lambda j: j.at)
        self._scores, self._score_keys = _sorted_by(evidence.scores, lambda s: s.at)
        self._deliveries, self._delivery_keys = _sorted_by(evidence.deliveries, lambda d: d.due)
        # Evidence that names its period (``"period": …``): see ``attribution``.
        self._named_occ, self._named_judgements = named(self._occ), named(self._judgements)
        self._named_scores, self._named_deliveries = named(self._scores), named(self._deliveries)
        self._excluded_tickets = {t.ticket for t in evidence.tickets if t.excluded}
        # Each period's tickets grouped for count rules, shared by its sheets' views.
        self._ticket_index: dict[tuple[datetime, datetime], TicketIndex] = {}

    # -- Scope ------------------------------------------------------------------------------

    def param(self, name: str) -> object | None:
        return self.ctx.params.get(name)

    def scored_period(self, name: str) -> str | None:
        if name in self._scorecards:
            return self._scorecards[name].period
        if name in self._composites:
            return self._composites[name].period
        if name in self._measures:
            return self._measures[name].period
        return None

    def started(self, inst: PeriodInstance) -> bool:
        return inst.start <= self.evidence.as_of

    def count(self, agg: m.Aggregate, inst: PeriodInstance) -> Decimal:
        return aggregate(self.model, agg, self.view(inst, None), self.calendar_for).quantity

    def availability(self, agg: m.Aggregate, inst: PeriodInstance) -> Availability:
        """Over every ticket opened before the period ends (an outage may reach into it
        from an earlier period; ``availability`` clips it), and every maintenance window."""
        key = (f"availability {agg.ref}", inst.start, inst.end)
        found = self._memo.get(key)
        if isinstance(found, Availability):  # a band, its basis and a flag read it alike
            return found
        sla = self.model.names.slas[agg.ref.name]
        tickets = self._tickets[: bisect_left(self._ticket_keys, inst.end)]
        calendar = self.calendar_for(agg.ref.name, agg.ref.member or "")
        notice = notice_of(sla.maintenance, self.ctx.params)
        windows = self.evidence.maintenance
        result = availability(
            agg, inst, sla, tickets, windows, calendar, notice, self.evidence.as_of
        )
        self._memo[key] = result
        return result

    def score(self, name: str, inst: PeriodInstance) -> tuple[Decimal | None, tuple[str, ...]]:
        if name in self._scorecards:
            card = self.scorecard(name, inst)
            return card.score, card.missing
        if name in self._measures:
            found = self.measure(name, inst)
            return found.value, found.missing
        comp = self.composite(name, inst)
        return comp.score, comp.missing

    # -- memo -------------------------------------------------------------------------------

    def _memoised(
        self, name: str, inst: PeriodInstance, compute: Callable[[], T], span: m.Span
    ) -> T:
        key = (name, inst.start, inst.end)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        if key in self._busy:
            raise rule_error(
                self.model, span, "SLR965", _("{name} depends on itself").format(name=name)
            )
        self._busy.add(key)
        try:
            value = compute()
        finally:
            self._busy.discard(key)
        self._memo[key] = value
        return value

    # -- views ------------------------------------------------------------------------------

    def _slice(self, items: list[T], keys: list[datetime], inst: PeriodInstance) -> list[T]:
        return items[bisect_left(keys, inst.start) : bisect_left(keys, inst.end)]

    def named_starts(self) -> list[datetime]:
        """When the periods that events name (``"period": …``) begin."""
        labels = {
            x.period
            for group in (
                self._named_occ,
                self._named_judgements,
                self._named_scores,
                self._named_deliveries,
            )
            for x in group
            if x.period is not None
        }
        found = (label_start(self.model, self.periods, label) for label in sorted(labels))
        return [start for start in found if start is not None]

    def _given_scores(self, inst: PeriodInstance) -> list[GivenScore]:
        found = self._slice(self._scores, self._score_keys, inst)
        return attribute(found, self._named_scores, inst, _at)

    def _visible(self, assessor: str | None, sheet: str | None) -> bool:
        """Whether evidence tagged ``assessor`` counts on ``sheet`` (None: a scorecard
        without assessors). A name no scorecard declares as an assessor tags nobody's
        sheet, so such evidence counts as untagged."""
        if assessor is None or assessor not in self._declared_assessors:
            return True
        return assessor == sheet

    def view(
        self, inst: PeriodInstance, sheet: str | None, assessors: frozenset[str] = frozenset()
    ) -> View:
        """The evidence of ``inst`` that sheet ``sheet`` (None: an unassessed scorecard)
        of a scorecard assessed by ``assessors`` sees; see ``aggregates`` for the rules."""
        in_period = self._slice(self._tickets, self._ticket_keys, inst)
        tickets = [
            t
            for t in in_period
            if t.assessor is None or t.assessor not in assessors or t.assessor == sheet
        ]
        index = self._ticket_index.get((inst.start, inst.end))
        if index is None:
            index = self._ticket_index[(inst.start, inst.end)] = TicketIndex(in_period)
        occurrences = attribute(
            self._slice(self._occ, self._occ_keys, inst), self._named_occ, inst, _at
        )
        replaced = supersessions(self.model, occurrences)
        scored: list[Occurrence] = []
        superseded: list[tuple[Occurrence, Occurrence]] = []
        excluded: list[Occurrence] = []
        for i, occ in enumerate(occurrences):
            if not self._visible(occ.assessor, sheet):
                continue
            if occ.ticket is not None and occ.ticket in self._excluded_tickets:
                excluded.append(occ)
            elif i in replaced:
                superseded.append((occ, replaced[i]))
            else:
                scored.append(occ)
        return View(
            period=inst,
            as_of=self.evidence.as_of,
            source=index,
            sheet=sheet,
            assessors=assessors,
            tickets=tuple(t for t in tickets if not t.excluded),
            excluded=tuple(t for t in tickets if t.excluded),
            occurrences=tuple(scored),
            superseded=tuple(superseded),
            excluded_occurrences=tuple(excluded),
            judgements=tuple(
                j
                for j in attribute(
                    self._slice(self._judgements, self._judgement_keys, inst),
                    self._named_judgements,
                    inst,
                    _at,
                )
                if self._visible(j.assessor, sheet)
            ),
            scores=tuple(self._given_scores(inst)),
            deliveries=tuple(
                d
                for d in attribute(
                    self._slice(self._deliveries, self._delivery_keys, inst),
                    self._named_deliveries,
                    inst,
                    _due,
                )
                if d.due <= self.evidence.as_of
                and self._visible(d.assessor, sheet)
                and d.ticket not in self._excluded_tickets  # SPEC §3.9: scored nowhere
            ),
        )

    def calendar_for(self, sla: str, metric: str) -> Calendar | None:
        definition = self.model.names.slas.get(sla)
        if definition is None:
            return None
        name = definition.calendar
        for metric_def in definition.metrics:
            if metric_def.name == metric and metric_def.calendar:
                name = metric_def.calendar
        return self.ctx.calendars.get(name) if name else None

    # -- scorecards -------------------------------------------------------------------------

    def scorecard(self, name: str, inst: PeriodInstance) -> ScorecardResult:
        card = self._scorecards[name]
        return self._memoised(name, inst, lambda: self._scorecard(card, inst), card.span)

    def _items(
        self, card: m.Scorecard, inst: PeriodInstance, sheet: str | None
    ) -> tuple[tuple[ItemResult, ...], list[str]]:
        view = self.view(inst, sheet, frozenset(_names(card)))
        where = f"{card.name} {inst.label}" + (f" (sheet {sheet})" if sheet else "")
        env = ItemEnv(
            self.model,
            card.name,
            where,
            self.events_path,
            self.calendar_for,
            lambda name: self.measure(name, inst),
            self.availability,
        )
        results: list[ItemResult] = []
        missing: list[str] = []
        for item, group in _walk(card.entries, None):
            outcome = evaluate_item(item, group, view, env)
            results.append(outcome.result)
            missing.extend(outcome.missing)
            for warning in outcome.warnings:
                self._warn_once(warning)
        return tuple(results), missing

    def _given(
        self, card: m.Scorecard, inst: PeriodInstance, assessor: str | None
    ) -> GivenRef | None:
        """The latest ``score`` event for the scorecard (and sheet) in the period."""
        found: list[GivenScore] = []
        for s in self._given_scores(inst):
            if s.scorecard != card.name:
                continue
            tagged = s.assessor if s.assessor in self._declared_assessors else None
            if tagged is not None and tagged not in _names(card):
                self._warn_once(
                    f"{s.event}: score for {card.name} names assessor {s.assessor}, "
                    "who does not assess it; ignored"
                )
                continue
            if tagged == assessor:
                found.append(s)
        given = max(found, key=lambda s: (s.at, s.event.line), default=None)
        if given is None:
            return None
        maximum = _maximum(card)
        if given.score > maximum:
            raise event_error(
                self.events_path,
                given.event,
                "SLR954",
                _("score {score} for {card_name} is above its maximum {maximum}").format(
                    score=decimal_text(given.score),
                    card_name=card.name,
                    maximum=decimal_text(maximum),
                ),
            )
        return GivenRef(given.score, str(given.event))

    def _scorecard(self, card: m.Scorecard, inst: PeriodInstance) -> ScorecardResult:
        missing: list[str] = []
        sheets: tuple[SheetResult, ...] | None = None
        items: tuple[ItemResult, ...] = ()
        total: Decimal | None
        if card.assessors:
            sheets = tuple(self._sheet(card, inst, a, w, missing) for a, w in _weights(card))
            total = _weighted(sheets)
        else:
            items, item_missing = self._items(card, inst, None)
            missing.extend(item_missing)
            total = _sum_items(items)
        given = self._given(card, inst, None)
        if given is not None:
            total, missing = given.score, []
        elif not card.entries and not card.assessors:
            total = None
            missing.append(
                f"{card.name} {inst.label}: score (the scorecard has no items; "
                "give it with a score event)"
            )
        return ScorecardResult(
            card.name,
            inst,
            card.cite,
            _maximum(card),
            total,
            items,
            sheets,
            given,
            tuple(sorted(set(missing))),
        )

    def _sheet(
        self,
        card: m.Scorecard,
        inst: PeriodInstance,
        assessor: str,
        weight: Decimal,
        missing: list[str],
    ) -> SheetResult:
        items, item_missing = self._items(card, inst, assessor)
        given = self._given(card, inst, assessor)
        if given is not None:
            return SheetResult(assessor, weight, given.score, items, given)
        if not card.entries:
            item_missing.append(f"{card.name} {inst.label} (sheet {assessor}): score")
        missing.extend(item_missing)
        return SheetResult(assessor, weight, _sum_items(items) if card.entries else None, items)

    def _warn_once(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

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
            lambda end: self._tickets[: bisect_left(self._ticket_keys, end)],
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
        key = (f"payment {self.model.payments.index(payment)}", inst.start, inst.end)
        if key not in self._memo:
            self._memo[key] = self._payment(payment, inst)
        return self._memo[key]  # type: ignore[return-value]

    def _payment(
        self, payment: m.Payment, inst: PeriodInstance
    ) -> tuple[PaymentResult, tuple[str, ...]]:
        total = self.ctx.params.get("contract_total")
        kinds = {
            e.per
            for e in payment.entries
            if isinstance(e, m.Damages | m.MoneyPerOccurrence) and e.per
        }
        occurrences = self.view(inst, None).occurrences if kinds else ()
        used, waits = self._bond_used_before(payment, inst)
        inputs = PaymentInputs(
            milestones_for(self.periods, inst, self.evidence.milestones),
            workday_calendar(self.ctx),
            total if isinstance(total, Decimal) else None,
            tuple(o for o in occurrences if o.kind in kinds),
            used,
            waits,
            lambda t: self._pays_for(inst, t),
            *credit_inputs(self, payment, inst),
        )
        return evaluate_payment(payment, inst, self, inputs)

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
    ) -> tuple[Decimal | None, tuple[str, ...]]:
        """What the periods before ``inst`` took from the bond (one account for the whole
        term), back to the first cycle (a calendar period: back to the first evidence);
        None, with what it waits for, while one of them is pending."""
        if not any(isinstance(e, m.BondFirst) for e in payment.entries):
            return ZERO, ()
        first = self.evidence.first_event or inst.start
        earlier: list[PeriodInstance] = []
        prev = self.periods.previous(inst)
        while prev is not None and (prev.kind == "cycle" or prev.end > first):
            earlier.append(prev)
            prev = self.periods.previous(prev)
        used = ZERO
        for before in reversed(earlier):  # earliest first: each reads only memoised ones
            result, _unused = self.payment(payment, before)
            if result.bond is None:
                continue
            if result.bond.deducted is None:
                return None, (f"the bond account of {before.label}",)
            used += result.bond.deducted
        return used, ()

    # -- the run ----------------------------------------------------------------------------

    def run(self, selection: PeriodSelection | None) -> Results:
        periods = collect_periods(self, selection)
        self._warn_before_cycles()
        used = [name for name in self.periods.defs if self._uses(name)]
        outside = outside_term(self.periods, used, self.evidence)
        for found in outside:
            self.warnings.append(
                f"{len(found.evidence)} event(s) dated after the term of {found.period}, "
                f"which ends {found.end.isoformat()}, are outside the contract and count "
                "in no period (see outside_term)"
            )
        selected = selection.bounds(self.periods) if selection is not None else None
        return Results(tuple(periods), tuple(self.warnings), tuple(outside), selected)

    def _warn_before_cycles(self) -> None:
        """Evidence dated before the first cycle of a cycle period counts in no cycle."""
        for name, definition in self.periods.defs.items():
            if definition.kind != "cycle" or not self._uses(name):
                continue
            first = self.periods.get(name, 1).start
            early = sum(1 for o in self._occ if o.at < first)
            early += sum(1 for t in self._tickets if t.opened < first)
            early += sum(1 for j in self._judgements if j.at < first)
            early += sum(1 for s in self._scores if s.at < first)
            if early:
                self.warnings.append(
                    f"{early} tickets, occurrences, judgements or scores are dated before "
                    f"{first.isoformat()}, the start of {name}:1, and count in no {name}"
                )

    def _uses(self, period: str) -> bool:
        return (
            any(s.period == period for s in self.model.scorecards)
            or any(c.period == period for c in self.model.composites)
            or any(x.period == period for x in self.model.measures)
            or any(p.period == period for p in self.model.payments)
        )


def _at(item: Occurrence | Judgement | GivenScore) -> datetime:
    return item.at


def _due(item: Delivery) -> datetime:
    return item.due


def _walk(
    entries: tuple[m.Item | m.Group, ...], group: str | None
) -> list[tuple[m.Item, str | None]]:
    out: list[tuple[m.Item, str | None]] = []
    for entry in entries:
        if isinstance(entry, m.Group):
            out.extend(_walk(entry.entries, entry.name))
        else:
            out.append((entry, group))
    return out


def _names(card: m.Scorecard) -> set[str]:
    return {a.name for a in card.assessors}


def _weights(card: m.Scorecard) -> list[tuple[str, Decimal]]:
    """Assessor weights in percent; equal shares when the file gives none (or not all)."""
    if all(a.weight is not None for a in card.assessors):
        return [(a.name, a.weight.number) for a in card.assessors if a.weight is not None]
    share = Decimal(100) / len(card.assessors)
    return [(a.name, share) for a in card.assessors]


def _maximum(card: m.Scorecard) -> Decimal:
    """Its declared ``max``, else the sum of its items' maxima, else 100 (a scorecard
    without items, filled by ``score`` events)."""
    return m.scorecard_max(card)


def _weighted(sheets: Sequence[SheetResult]) -> Decimal | None:
    """Σ weight × sheet score; unknown when any sheet is."""
    total = ZERO
    for sheet in sheets:
        if sheet.score is None:
            return None
        total += sheet.weight / 100 * sheet.score
    return total


def _sum_items(items: Sequence[ItemResult]) -> Decimal | None:
    if any(i.score is None for i in items):
        return None
    return sum((i.score for i in items if i.score is not None), ZERO)
