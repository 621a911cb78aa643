"""The evidence an evaluation's scores read: sorted once, sliced per period instance and per
assessor's sheet (see ``aggregates`` for which evidence each sheet sees), the memo of
everything computed from it, and the ``Scope`` reads that need nothing above them
(parameters, counts, availability). The base of :class:`~.evaluator.Evaluator`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from ... import model as m
from ...calendar import Calendar
from ...calendar.periods import PeriodInstance, Periods, parse_period
from ...i18n import _
from ..context import Context
from ..evidence import Delivery, Evidence, GivenScore, Judgement, Occurrence, Run, TicketResult
from .aggregates import View, aggregate, supersessions
from .attribution import Named, attribute, attribute_to_window, label_start, named
from .availability import Availability, availability, notice_of
from .by_opening import ByOpening
from .errors import rule_error
from .open_evidence import lateness_reads, still_open
from .term import TermOf, term_edges
from .ticket_index import TicketIndex

T = TypeVar("T")
N = TypeVar("N", bound=Named)


def _sorted_by(items: Sequence[T], key: Callable[[T], datetime]) -> tuple[list[T], list[datetime]]:
    ordered = sorted(items, key=key)
    return ordered, [key(x) for x in ordered]


class EvidenceViews:
    """The evidence of one evaluation by period instance and sheet, and the memo of the
    scores computed from it (memoised per (name, period instance))."""

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
        # The tickets by ``opened``: a sorted list, or read from a spilled replay's store.
        named_tickets = {o.ticket for o in evidence.occurrences if o.ticket is not None}
        named_tickets.update(d.ticket for d in evidence.deliveries if d.ticket is not None)
        self._by_opening = ByOpening(evidence.tickets, named_tickets)
        self._occ, self._occ_keys = _sorted_by(evidence.occurrences, lambda o: o.at)
        self._judgements, self._judgement_keys = _sorted_by(evidence.judgements, lambda j: j.at)
        self._scores, self._score_keys = _sorted_by(evidence.scores, lambda s: s.at)
        self._deliveries, self._delivery_keys = _sorted_by(evidence.deliveries, lambda d: d.due)
        # Evidence that names its period (``"period": …``): see ``attribution``.
        self._named_occ, self._named_judgements = named(self._occ), named(self._judgements)
        self._named_scores, self._named_deliveries = named(self._scores), named(self._deliveries)
        self._excluded_tickets = self._by_opening.excluded
        self._term_of = TermOf(self.periods, evidence)
        self._reads = lateness_reads(self.model)
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
        """A count read by an expression — a payment's line, milestone or flag, a composite:
        the contract's facts, whoever recorded them (``contract_view``)."""
        view = self.contract_view(inst)
        return aggregate(self.model, agg, view, self.calendar_for).quantity

    def availability(self, agg: m.Aggregate, inst: PeriodInstance) -> Availability:
        """Over every ticket opened before the period ends (an outage may reach into it
        from an earlier period; ``availability`` clips it), and every maintenance window."""
        key = (f"availability {agg.ref}", inst.start, inst.end)
        found = self._memo.get(key)
        if isinstance(found, Availability):  # a band, its basis and a flag read it alike
            return found
        sla = self.model.names.slas[agg.ref.name]
        tickets = self._by_opening.before(inst.end)
        calendar = self.calendar_for(agg.ref.name, agg.ref.member or "")
        notice = notice_of(sla.maintenance, self.ctx.params)
        windows = self.evidence.maintenance
        result = availability(
            agg, inst, sla, tickets, windows, calendar, notice, self.evidence.as_of
        )
        self._memo[key] = result
        return result

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

    def _deliveries_due_in(self, inst: PeriodInstance) -> list[Delivery]:
        """The deliveries due in ``inst``, and for a term's first or last cycle the due
        times the rules computed before or after the term (``term``: the obligation is the
        contract's, so it counts in the contract's money), in order of due time."""
        first, last = term_edges(self.periods, inst)
        keys = self._delivery_keys
        lo, hi = bisect_left(keys, inst.start), bisect_left(keys, inst.end)

        def edge(d: Delivery) -> bool:
            return self._term_of.counts_at_edge(d, inst.period)

        before = [d for d in self._deliveries[:lo] if edge(d)] if first is not None else []
        after = [d for d in self._deliveries[hi:] if edge(d)] if last is not None else []
        return [*before, *self._deliveries[lo:hi], *after]

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
        return self._attribute(found, self._named_scores, inst, _at)

    def _attribute(
        self,
        found: Sequence[N],
        labelled: Sequence[N],
        inst: PeriodInstance,
        instant_of: Callable[[N], datetime],
    ) -> list[N]:
        """``attribution.attribute``, or for a measure's rolling window (kind ``rolling``,
        ``period`` the measure's period) ``attribute_to_window``: evidence that names an
        instance of the measure's period counts in the windows that hold that instance."""
        if inst.kind != "rolling":
            return attribute(found, labelled, inst, instant_of)
        definition = self.periods.defs[inst.period]
        family = f"cycle:{inst.period}" if definition.kind == "cycle" else definition.kind

        def holds(label: str) -> bool:
            try:
                start, end = parse_period(self.model, label).bounds(self.periods)
            except (ValueError, KeyError):
                return False
            return inst.start <= start and end <= inst.end

        return attribute_to_window(found, labelled, family, holds, instant_of)

    def _visible(self, assessor: str | None, sheet: str | None) -> bool:
        """Whether evidence tagged ``assessor`` counts on ``sheet`` (None: a scorecard
        without assessors; ``_CONTRACT``: no sheet, the contract's own view). A name no
        scorecard declares as an assessor tags nobody's sheet, so such evidence counts as
        untagged."""
        if assessor is None or assessor not in self._declared_assessors:
            return True
        return sheet == _CONTRACT or assessor == sheet

    def has_evidence(self, inst: PeriodInstance) -> bool:
        """Whether any evidence counts in ``inst``: a ticket opened in it, an occurrence,
        judgement, score or delivery of it (the report says so of an empty period that a
        rolling window counts: it was scored with nothing in it)."""
        view = self.contract_view(inst)
        assert view.source is not None
        return any(
            (view.source.count, view.occurrences, view.superseded,
             view.excluded_occurrences, view.judgements, view.scores, view.deliveries)
        )  # fmt: skip

    def still_open(self, inst: PeriodInstance) -> tuple[str, ...]:
        """What an ended ``inst`` still has open at the evaluation time, that a rule reads
        (``open_evidence``); empty for a period still running, which is provisional anyway."""
        as_of = self.evidence.as_of
        if inst.end > as_of:
            return ()
        deliveries = [
            d
            for d in self._attribute(
                self._deliveries_due_in(inst), self._named_deliveries, inst, _due
            )
            if d.ticket not in self._excluded_tickets
        ]
        index = self.contract_view(inst).source
        assert index is not None  # the contract sees every ticket: those not stopped, here
        return still_open(self._reads, index.unstopped, deliveries, as_of)

    def contract_view(self, inst: PeriodInstance) -> View:
        """The evidence of ``inst`` as the contract's money and flags read it: every
        assessor's records. Why: an assessor's tag says whose sheet an observation scores
        on; it does not make the fact less true for a clause outside the scorecards
        (guangxi-gat: the supervisor logs a 重大事故, and "无重大事故发生" withholds the
        中期款; a department logs a 失泄密事件, and the contract ends)."""
        return self.view(inst, _CONTRACT)

    def view(
        self, inst: PeriodInstance, sheet: str | None, assessors: frozenset[str] = frozenset()
    ) -> View:
        """The evidence of ``inst`` that sheet ``sheet`` (None: an unassessed scorecard)
        of a scorecard assessed by ``assessors`` sees; see ``aggregates`` for the rules."""
        in_period = self._by_opening.between(inst.start, inst.end)
        index = self._ticket_index.get((inst.start, inst.end))
        if index is None:
            streamed = self._by_opening.streamed
            if streamed:
                # Read from the store: keep the last period's index only (a period asked
                # for again is read again), so one period's breaches are held at a time.
                self._ticket_index.clear()
            index = TicketIndex(in_period, keep_every=not streamed)
            self._ticket_index[(inst.start, inst.end)] = index
        occurrences = self._attribute(
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
            term_end=self.periods.term_end(inst.period),
            tickets=self._sheet_tickets(in_period, sheet, assessors, excluded=False),
            excluded=self._sheet_tickets(in_period, sheet, assessors, excluded=True),
            occurrences=tuple(scored),
            superseded=tuple(superseded),
            excluded_occurrences=tuple(excluded),
            judgements=tuple(
                j
                for j in self._attribute(
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
                for d in self._attribute(
                    self._deliveries_due_in(inst),
                    self._named_deliveries,
                    inst,
                    _due,
                )
                if d.due <= self.evidence.as_of
                and self._visible(d.assessor, sheet)
                and d.ticket not in self._excluded_tickets  # SPEC §3.9: scored nowhere
            ),
        )

    def _sheet_tickets(
        self,
        in_period: Sequence[TicketResult],
        sheet: str | None,
        assessors: frozenset[str],
        excluded: bool,
    ) -> Sequence[TicketResult]:
        """The period's tickets that ``sheet`` sees (see ``aggregates``), excluded or not:
        a tuple, or for a spilled replay a run read again if anything walks it (scoring
        reads the period's ``TicketIndex`` instead)."""

        def keep(t: TicketResult) -> bool:
            seen = t.assessor is None or t.assessor not in assessors or t.assessor == sheet
            return seen and bool(t.excluded) is excluded

        if isinstance(in_period, Run):
            return in_period.where(keep)
        return tuple(t for t in in_period if keep(t))

    def calendar_for(self, sla: str, metric: str) -> Calendar | None:
        definition = self.model.names.slas.get(sla)
        if definition is None:
            return None
        name = definition.calendar
        for metric_def in definition.metrics:
            if metric_def.name == metric and metric_def.calendar:
                name = metric_def.calendar
        return self.ctx.calendars.get(name) if name else None

    def _warn_once(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


# The sheet of no scorecard: the contract's own view, which sees every assessor's evidence.
_CONTRACT = "\x00contract"


def _at(item: Occurrence | Judgement | GivenScore) -> datetime:
    return item.at


def _due(item: Delivery) -> datetime:
    return item.due
