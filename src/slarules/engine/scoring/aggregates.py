"""Which evidence counts where, and how much of it there is.

A :class:`View` is the evidence that counts in one period instance for one sheet:

- a ticket counts in the period containing its ``opened``; an occurrence, judgement or
  given score in the period containing its ``at``; a deliverable in the period containing
  its due time;
- a ticket attributed to an excluded cause counts in no score, and neither do occurrences
  that name it (SPEC §3.9: the delay is not the vendor's);
- an occurrence of a kind ``superseded by`` another is not scored when an occurrence of
  that other kind shares its ticket in the same period, whoever reported either;
- assessors: a sheet of assessor A sees evidence tagged A and untagged evidence; a scorecard
  without assessors sees untagged evidence only. A name that no scorecard declares as an
  assessor tags nobody's sheet, so such evidence counts as untagged (the event loader
  normally refuses unknown assessors before this). Tickets differ: a ticket's ``assessor``
  (on its ``opened`` event) is the department that raised it, not an observation of its
  own. A ticket raised by A counts on A's sheet only, among the sheets of a scorecard that
  A assesses, and on every other scorecard as if untagged (the supervisor's table, a
  scorecard without assessors): the clocks are facts everyone shares, the tag only says
  whose ticket it is.

A ``tier T`` filter on ``breach of``/``breached ticket of`` looks at each target's own tier
(the tier it was measured against, ``TargetResult.tier``), so a respond target missed under
紧急 stays a 紧急 breach after the ticket is downgraded; ``count(SLA tier T)`` counts tickets
by their tier at the evaluation time.

Counters (docs/language.md §5) and aggregates turn a view into quantities, naming the
evidence behind each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from attrs import field, frozen

from ... import model as m
from ...calendar import Calendar
from ...calendar.periods import PeriodInstance
from ...i18n import _, ngettext
from ..evidence import (
    NOT_APPLICABLE,
    Delivery,
    GivenScore,
    Judgement,
    Occurrence,
    TargetResult,
    TicketResult,
)
from .cited_texts import (
    BREACH,
    BREACHED_TICKET,
    EXCLUDED,
    EXCLUDED_BREACH,
    EXCLUDED_TICKET,
    LATE,
    CitedTexts,
)
from .occurrence_texts import (
    EXCLUDED_OCCURRENCE,
    OCCURRENCE,
    SUPERSEDED,
    occurrence_texts,
)
from .results import interned
from .term import edge_note
from .ticket_index import (
    PACKED_FROM,
    Cited,
    CitedTarget,
    CitedTicket,
    TicketIndex,
    by_ticket,
    first_breach,
    trail,
)

_DAY = timedelta(days=1)


@frozen
class View:
    """Evidence counting in one period instance for one sheet (see module docstring)."""

    period: PeriodInstance
    as_of: datetime
    # The sheet's tickets: tuples, or runs read from a spilled replay's store (``views``).
    tickets: Sequence[TicketResult]
    excluded: Sequence[TicketResult]
    occurrences: tuple[Occurrence, ...]
    superseded: tuple[tuple[Occurrence, Occurrence], ...]  # (occurrence, superseding one)
    excluded_occurrences: tuple[Occurrence, ...]
    judgements: tuple[Judgement, ...]
    scores: tuple[GivenScore, ...]
    deliveries: tuple[Delivery, ...]
    # The period's tickets before the sheet's filter, grouped once (``TicketIndex``); the
    # sheet that sees this view (None: an unassessed one) and its scorecard's assessors.
    source: TicketIndex | None = field(default=None, eq=False, repr=False)
    sheet: str | None = None
    assessors: frozenset[str] = frozenset()
    # Where the period's term ends (``through``/``for``; None without one): downtime stops
    # there, since the contract buys no service after it (``aggregate``).
    term_end: datetime | None = None
    _cache: dict[tuple[str, object, bool], list[Any]] = field(
        factory=dict, init=False, eq=False, repr=False
    )

    def sees(self, ticket: TicketResult | CitedTicket) -> bool:
        """Whether this view's sheet sees ``ticket`` (see the module docstring)."""
        who = ticket.assessor
        return who is None or who not in self.assessors or who == self.sheet

    def _index(self) -> TicketIndex:
        """The period's index, or for a view built without one (by hand) its own, once."""
        if self.source is not None:
            return self.source
        own = self._cache.get(("own", None, False))
        if own is None:
            own = self._cache[("own", None, False)] = [TicketIndex((*self.tickets, *self.excluded))]
        index: TicketIndex = own[0]
        return index

    def of_sla(self, sla: str, excluded: bool = False) -> list[TicketResult]:
        """The view's tickets (or excluded tickets) of ``sla``, in ticket order."""
        found = self._cache.get(("by_sla", sla, excluded))
        if found is None:
            found = [
                t
                for t in self._index().by_sla.get(sla, [])
                if bool(t.excluded) is excluded and self.sees(t)
            ]
            self._cache[("by_sla", sla, excluded)] = found
        return found

    def _seen(self, assessor: str | None) -> bool:
        return assessor is None or assessor not in self.assessors or assessor == self.sheet

    def _cited(self, kind: str, key: tuple[str, ...], excluded: bool) -> Cited:
        """A group of the index's breached or late targets, those this sheet sees: the
        index's own group when it sees them all (a sheet keeps no copy)."""
        found = self._cache.get((kind, key, excluded))
        if found is None:
            index = self._index()
            group = (
                index.breached(key[0], excluded, key[1] if len(key) > 1 else None)
                if kind == "breached"
                else index.late(key[0], key[1], excluded)
            )
            found = [group.seen(self._seen)]
            self._cache[(kind, key, excluded)] = found
        cited: Cited = found[0]
        return cited

    def breached(self, sla: str, excluded: bool = False) -> Cited:
        """The breached targets of ``sla``, in ticket then target order (``owner``: the
        ticket)."""
        return self._cited("breached", (sla,), excluded)

    def late(self, sla: str, metric: str, excluded: bool = False) -> Cited:
        """The targets of ``metric`` with days late (``owner``: the ticket), in ticket
        order."""
        return self._cited("late", (sla, metric), excluded)

    def trail(self, target: TargetResult | CitedTarget) -> str:
        """``trail(target)``: a record's, worked out once when the index was built."""
        if isinstance(target, CitedTarget):
            return target.trail
        return trail(target)

    def cite(self, cited: Cited, form: str, metric: str | None = None) -> Sequence[str]:
        """The texts of ``form`` for ``cited`` (``CitedTexts``: made as the report reads
        them), one list for every sheet that cites the same (``shared``)."""
        texts = CitedTexts(cited, form, metric)
        if len(cited) < PACKED_FROM:  # fewer texts than that: made now, kept as a tuple
            return self.shared(texts)
        return self._index().keep(texts)

    def shared(self, texts: Iterable[str]) -> Sequence[str]:
        """``texts`` as the one list every sheet of this period cites (``TicketIndex.shared``)."""
        return self._index().shared(texts)

    def breaches(
        self, sla: str, metric: str | None, tiers: tuple[str, ...], excluded: bool = False
    ) -> Cited:
        """Breached targets of ``sla`` (of ``metric`` only, when given) measured against one
        of ``tiers`` (any tier when empty), ``owner`` their ticket; see the module
        docstring. Of one metric: the index's group of that metric (no filter of the
        SLA's group by metric is made)."""
        if metric is None:
            return self.breached(sla, excluded).matching(None, tiers)
        return self._cited("breached", (sla, metric), excluded).matching(None, tiers)

    def breached_tickets(
        self, sla: str, metric: str | None, tiers: tuple[str, ...], excluded: bool = False
    ) -> Iterator[tuple[CitedTicket, list[CitedTarget]]]:
        """Tickets of ``sla`` with a breached target (of ``metric``, when given), once each,
        with those targets, made as they are read (count them as they are cited). With
        ``tiers``, a ticket counts in the tier its first breach (the earliest deadline) was
        measured against: a fault late as 紧急 and, after it was lowered, late again as 一般
        is one breached 紧急 ticket, never one of each tier."""
        return (
            (ticket, targets)
            for ticket, targets in by_ticket(self.breaches(sla, metric, (), excluded))
            if not tiers or first_breach(targets).counted_tier(ticket) in tiers
        )


@frozen
class Matched:
    """What a counter found: the quantity, and the evidence behind it."""

    quantity: Decimal
    evidence: Sequence[str] = field(default=(), converter=interned)
    superseded: Sequence[str] = field(default=(), converter=interned)
    excluded: Sequence[str] = field(default=(), converter=interned)
    occurrences: tuple[Occurrence, ...] = ()


def supersessions(model: m.RuleFile, occurrences: Sequence[Occurrence]) -> dict[int, Occurrence]:
    """Map position → superseding occurrence, for occurrences of a kind ``superseded by``
    another that shares their ticket (within ``occurrences``, one period's worth)."""
    by: dict[str, str] = {k.name: k.superseded_by for k in model.kinds if k.superseded_by}
    firsts: dict[tuple[str, str], Occurrence] = {}
    for occ in occurrences:
        if occ.ticket is not None:
            firsts.setdefault((occ.kind, occ.ticket), occ)
    out: dict[int, Occurrence] = {}
    for i, occ in enumerate(occurrences):
        other = by.get(occ.kind)
        if other is not None and occ.ticket is not None and (other, occ.ticket) in firsts:
            out[i] = firsts[(other, occ.ticket)]
    return out


def count(counter: m.Counter, view: View) -> Matched:
    """The quantity a counter finds in a view (docs/language.md §5, count rules)."""
    if isinstance(counter, m.PerOccurrence | m.PerUnit | m.PerNOccurrences):
        return _occurrences(counter, view)
    if isinstance(counter, m.PerDayLate):
        if counter.ref.member is None:
            return _deliverable_days_late(counter.ref.name, view)
        return _metric_days_late(counter.ref, view)
    if isinstance(counter, m.PerLateDelivery):
        return _late_deliveries(counter.deliverable, view, counter.which)
    if isinstance(counter, m.PerBreach):
        return _breaches(counter, view)
    if isinstance(counter, m.PerPointBelow):
        return Matched(Decimal(0))  # reads a measure: items.py counts it, not the view
    return _breached_tickets(counter, view)


def _occurrences(counter: m.PerOccurrence | m.PerUnit | m.PerNOccurrences, view: View) -> Matched:
    found = [o for o in view.occurrences if o.kind == counter.kind]
    total = sum((o.count for o in found), Decimal(0))
    quantity = total
    if isinstance(counter, m.PerNOccurrences):
        quantity = (total / counter.n).to_integral_value(rounding=ROUND_FLOOR)
    # Texts made as the report reads them (``OccurrenceTexts``), from the occurrences the
    # line keeps anyway: a year's occurrences are not held as ``str``.
    counted = tuple(found)
    superseded = tuple((o, by) for o, by in view.superseded if o.kind == counter.kind)
    excluded = tuple(o for o in view.excluded_occurrences if o.kind == counter.kind)
    return Matched(
        quantity,
        occurrence_texts(counted, OCCURRENCE),
        occurrence_texts(superseded, SUPERSEDED),
        occurrence_texts(excluded, EXCLUDED_OCCURRENCE),
        counted,
    )


def delivery_days_late(delivery: Delivery, as_of: datetime) -> int:
    """Whole days late, ``ceil((delivered − due) / 24h)``, counting to ``as_of`` while the
    deliverable is outstanding; 0 when on time."""
    end = delivery.delivered if delivery.delivered is not None else as_of
    late = end - delivery.due
    if late <= timedelta(0):
        return 0
    return -(-late // _DAY)


def _late_deliveries_of(name: str, view: View) -> list[tuple[int, str]]:
    """Each delivery of ``name`` late at ``as_of`` (made after its due time, or still
    outstanding past it): its whole days late and its evidence text."""
    return [
        (delivery_days_late(d, view.as_of), text) for d, text in _late_deliveries_with(name, view)
    ]


def _late_deliveries_with(name: str, view: View) -> list[tuple[Delivery, str]]:
    """Each delivery of ``name`` late at ``as_of``, with its evidence text."""
    out = []
    for d in view.deliveries:
        if d.deliverable != name:
            continue
        days = delivery_days_late(d, view.as_of)
        if days == 0:
            continue
        due = _("{deliverable} due {due}").format(deliverable=name, due=d.due_text())
        due += edge_note(d, view.period)
        if d.delivered is None:
            text = ngettext(
                "{due}: outstanding, {days} day late", "{due}: outstanding, {days} days late", days
            )
            out.append((d, text.format(due=due, days=days)))
        else:
            text = ngettext(
                "{due}, delivered {event}: {days} day late",
                "{due}, delivered {event}: {days} days late",
                days,
            )
            out.append((d, text.format(due=due, event=d.delivered_event, days=days)))
    return out


def _deliverable_days_late(name: str, view: View) -> Matched:
    late = _late_deliveries_of(name, view)
    return Matched(Decimal(sum(days for days, _ in late)), tuple(text for _, text in late))


def _late_deliveries(name: str, view: View, which: str = "late") -> Matched:
    """Deliveries of ``name`` made after their due time, or outstanding past it at
    ``as_of``: each counts once, however late (未按时提交每次扣2分). ``missing``: only the
    outstanding ones (nothing delivered by ``as_of``); ``made_late``: only those delivered."""
    late = [
        text
        for d, text in _late_deliveries_with(name, view)
        if which == "late" or (d.delivered is None) == (which == "missing")
    ]
    return Matched(Decimal(len(late)), tuple(late))


def _metric_days_late(ref: m.Reference, view: View) -> Matched:
    metric = ref.member or ""
    late = view.late(ref.name, metric)
    total = late.days_late()
    evidence = view.cite(late, LATE, ref.member)
    excluded = view.cite(view.late(ref.name, metric, excluded=True), EXCLUDED)
    return Matched(Decimal(total), evidence, excluded=excluded)


def _tier_ok(ticket: TicketResult, tiers: tuple[str, ...]) -> bool:
    return not tiers or ticket.tier in tiers


def _breaches(counter: m.PerBreach, view: View) -> Matched:
    ref, tiers = counter.ref, counter.tiers
    found = view.breaches(ref.name, ref.member, tiers)
    evidence = view.cite(found, BREACH)
    excluded = view.cite(view.breaches(ref.name, ref.member, tiers, excluded=True), EXCLUDED_BREACH)
    return Matched(Decimal(len(found)), evidence, excluded=excluded)


def _breached_tickets(counter: m.PerBreachedTicket, view: View) -> Matched:
    sla, tiers = counter.sla, counter.tiers
    # One text per ticket: the count is the number of texts (the tickets are made as
    # they are read, never held as a list).
    found = view.breached(sla)
    if tiers:
        found = found.first_breach_in(tiers)
    evidence = view.cite(found, BREACHED_TICKET)
    left_out = view.breached(sla, excluded=True)
    if tiers:
        left_out = left_out.first_breach_in(tiers)
    excluded = view.cite(left_out, EXCLUDED_TICKET)
    return Matched(Decimal(len(evidence)), evidence, excluded=excluded)


# ---- aggregates for points tables --------------------------------------------------------

CalendarLookup = Callable[[str, str], Calendar | None]  # (sla, metric) → calendar


def aggregate(
    model: m.RuleFile, agg: m.Aggregate, view: View, calendar_for: CalendarLookup
) -> Matched:
    """An aggregate's value over the view: ``count`` (tickets or occurrences), ``downtime``
    (the union of a metric's running intervals, measured on the metric's calendar) or
    ``mttr`` (the mean elapsed time of the metric's stopped targets; 0 with none)."""
    ref = agg.ref
    if agg.fn == "late":
        return _late_deliveries(ref.name, view)
    if agg.fn == "count":
        if ref.name not in model.names.slas:
            return _occurrences(m.PerOccurrence(ref.name), view)
        tickets = [
            t
            for t in view.of_sla(ref.name)
            if _tier_ok(t, agg.tiers) and (ref.member is None or _started(t, ref.member))
        ]
        return Matched(Decimal(len(tickets)), tuple(_counted_text(t) for t in tickets))
    targets = [
        (t.ticket, x) for t in view.of_sla(ref.name) for x in t.targets if x.metric == ref.member
    ]
    if agg.fn == "downtime":
        intervals = [iv for _, x in targets for iv in _within_term(x.intervals, view.term_end)]
        calendar = calendar_for(ref.name, ref.member or "")
        total = union_duration(intervals, calendar)
        evidence = tuple(
            _("ticket {ticket}: {metric}{trail}").format(
                ticket=tid, metric=ref.member, trail=trail(x)
            )
            for tid, x in targets
            if x.intervals
        )
        return Matched(m.duration_seconds(total), evidence)
    # A fault fixed in no time is a repair time of 0, not none: it counts in the mean.
    stopped = [(tid, x) for tid, x in targets if x.stop is not None and x.elapsed is not None]
    evidence = tuple(
        _("ticket {ticket}: {metric} stopped{trail}").format(
            ticket=tid, metric=ref.member, trail=trail(x)
        )
        for tid, x in stopped
    )
    if not stopped:
        return Matched(Decimal(0), evidence)
    total_s = sum(
        (m.duration_seconds(x.elapsed) for _, x in stopped if x.elapsed is not None), Decimal(0)
    )
    return Matched(total_s / len(stopped), evidence)


def _within_term(
    intervals: Iterable[tuple[datetime, datetime]], term_end: datetime | None
) -> list[tuple[datetime, datetime]]:
    """The intervals cut at the term's end. Why: a fault still down when the term ends is
    the term's fault time only up to its end (sichuan "年故障时间": the year that ends 31 May
    2026), not up to the evaluation time; a ticket still counts whole in the period it was
    opened in (docs/language.md §6), only never past the term."""
    if term_end is None:
        return list(intervals)
    return [(a, min(b, term_end)) for a, b in intervals if a < term_end]


def _counted_text(ticket: TicketResult) -> str:
    """``ticket T1 (opened line 3)``: a counted ticket and the event that opened it."""
    if not ticket.events:
        return _("ticket {ticket}").format(ticket=ticket.ticket)
    return _("ticket {ticket} (opened {event})").format(
        ticket=ticket.ticket, event=ticket.events[0]
    )


def _started(ticket: TicketResult, metric: str) -> bool:
    return any(t.metric == metric and t.status != NOT_APPLICABLE for t in ticket.targets)


def union_duration(
    intervals: Iterable[tuple[datetime, datetime]], calendar: Calendar | None
) -> timedelta:
    """The length of the union of intervals, measured on ``calendar`` (working time) or
    wall-clock when there is none: overlapping faults count once."""
    merged: list[list[datetime]] = []
    for a, b in sorted(intervals):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    total = timedelta(0)
    for a, b in merged:
        total += calendar.elapsed(a, b) if calendar is not None else b - a
    return total
