"""One period's tickets grouped once for the count rules, and what the index keeps of a
breach: a compact record, not the ticket.

A period's breached and late targets are what the count rules cite (``per breach of``,
``per day late of``, ``per breached ticket of``, and the measures that count breaches), and
guangxi's one 12-month cycle holds nearly every breach of a year: what the index keeps per
breach is what a replay's memory grows with once settled tickets are spilled to disk
(docs/performance.md, *Step C*). So the index keeps, per breached or late target, a
:class:`CitedTarget` (its metric, tier, days late, place in deadline order and trail text)
and, per ticket with one, a :class:`CitedTicket` (its id, tier, exclusion and assessor):
about 300 bytes, where the ticket's result with its targets, events and times was about
1.9 KB. Every text a count rule cites is made from these fields, so the report is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...i18n import _
from ..evidence import BREACHED, RUNNING, Run, TargetResult, TicketResult
from .results import Texts, interned

PACKED_FROM = 16
"""Evidence lists of at least this many texts are packed (``Texts``); shorter ones stay
tuples, smaller than the packing's own objects."""


class CitedTicket:
    """What a count rule reads of a ticket with a breached or late target: its id, its tier
    at the evaluation time, the excluding cause (or None) and the assessor that raised it."""

    __slots__ = ("assessor", "excluded", "ticket", "tier")

    def __init__(self, ticket: TicketResult) -> None:
        self.ticket = ticket.ticket
        self.tier = ticket.tier
        self.excluded = ticket.excluded
        self.assessor = ticket.assessor


class CitedTarget:
    """What a count rule reads of a breached or late target: its metric, the tier it was
    measured against (None: built by hand, its ticket's), whole days late, its trail (the
    events that started and stopped its clock, as the evidence texts show them), ``due``
    its place among its ticket's cited targets in order of deadline (``first_breach``), and
    ``owner`` its ticket."""

    __slots__ = ("_trail", "days_late", "due", "metric", "owner", "tier")

    def __init__(self, owner: CitedTicket, target: TargetResult, due: int) -> None:
        self.owner = owner
        self.metric = target.metric
        self.tier = target.tier
        self.days_late = target.days_late
        self.due = due
        self._trail = trail(target).encode("utf-8", "surrogatepass")

    @property
    def trail(self) -> str:
        """``trail(target)``, kept as UTF-8 (half the bytes of the ``str``: ``→`` makes
        that two bytes a character)."""
        return self._trail.decode("utf-8", "surrogatepass")

    def counted_tier(self, ticket: CitedTicket) -> str:
        """The tier a ``tier T`` filter sees (``TargetResult.counted_tier``)."""
        return self.tier if self.tier is not None else ticket.tier


Pair = tuple[CitedTicket, CitedTarget]


def trail(target: TargetResult) -> str:
    """The events that started and stopped a target's clock: `` (line 3 → line 40)``, or
    `` (line 3 → running)`` while no event has stopped it (a breach then happened at the
    deadline, which no event marks); empty for a result built by hand, without events."""
    start, stop = target.start_stop()
    if start is None:
        return ""
    return f" ({start} → {stop if stop is not None else _('running')})"


def first_breach(targets: Sequence[CitedTarget]) -> CitedTarget:
    """The breached target due first (the earlier in the ticket's order on a tie)."""
    return min(targets, key=_due)


def _due(target: CitedTarget) -> int:
    return target.due


def _deadline_order(targets: Sequence[TargetResult]) -> dict[int, int]:
    """Each target's place (by ``id``) in order of deadline, none last, ties in the
    ticket's order (``sorted`` is stable): what ``first_breach`` compares."""
    ordered = sorted(targets, key=lambda x: (x.deadline is None, x.deadline))
    return {id(x): place for place, x in enumerate(ordered)}


class TicketIndex:
    """One period's tickets grouped by SLA, and their breached and late targets by SLA and
    by (SLA, metric), in ticket order then target order: built once per period, so that a
    count rule reads its own group instead of scanning every ticket (guangxi has 182 count
    rules on each of 12 sheets); each ``View`` filters a group for its sheet once.

    The breached and late groups hold :class:`CitedTarget` records (module docstring),
    apart for excluded tickets (``excluded`` in the key), so a sheet that sees every
    ticket shares the index's list. ``count`` is how many tickets the period has;
    ``unstopped`` those not excluded with a target still running or breached without a stop
    (what ``still_open`` reads). With ``keep_every`` False (a spilled replay, whose
    ``tickets`` are read from disk at each pass) ``by_sla``, every ticket of the period, is
    read from ``tickets`` again the first time a counter asks for it (``count``,
    ``downtime``, ``mttr``, measures over tickets), so a rule file that counts only breaches
    never holds the period's tickets. ``texts`` keeps one tuple of each list of evidence
    texts the period's sheets cite (``shared``)."""

    __slots__ = ("_by_sla", "_tickets", "breached", "count", "late", "texts", "unstopped")

    def __init__(self, tickets: Iterable[TicketResult], keep_every: bool = True) -> None:
        by_sla: dict[str, list[TicketResult]] | None = {} if keep_every else None
        self.breached: dict[tuple[str, bool], list[CitedTarget]] = {}
        self.late: dict[tuple[str, str, bool], list[CitedTarget]] = {}
        self.unstopped: list[TicketResult] = []
        self.texts: dict[object, Sequence[str]] = {}
        count = 0
        walked: Iterable[TicketResult] = tickets
        counted = tickets.marked() if not keep_every and isinstance(tickets, Run) else None
        if counted is not None:  # from the store's columns: only the marked ones are read
            count, walked = counted
        for ticket in walked:
            if counted is None:
                count += 1
            if by_sla is not None:
                by_sla.setdefault(ticket.sla, []).append(ticket)
            unstopped = False
            for target in ticket.targets:
                if target.stop is None and target.status in (RUNNING, BREACHED):
                    unstopped = True
            if unstopped and not ticket.excluded:
                self.unstopped.append(ticket)
            self._cite(ticket)
        self.count = count
        self._by_sla = by_sla
        self._tickets = None if keep_every else tickets

    def _cite(self, ticket: TicketResult) -> None:
        """A record of each breached or late target of ``ticket`` in its groups."""
        cited = [x for x in ticket.targets if x.status == BREACHED or x.days_late > 0]
        if not cited:
            return
        owner = CitedTicket(ticket)
        excluded = bool(ticket.excluded)
        due = _deadline_order(cited) if len(cited) > 1 else None
        for target in cited:
            record = CitedTarget(owner, target, 0 if due is None else due[id(target)])
            if target.status == BREACHED:
                self.breached.setdefault((ticket.sla, excluded), []).append(record)
            if target.days_late > 0:
                key = (ticket.sla, target.metric, excluded)
                self.late.setdefault(key, []).append(record)

    @property
    def by_sla(self) -> dict[str, list[TicketResult]]:
        by_sla = self._by_sla
        if by_sla is None:
            by_sla = self._by_sla = {}
            assert self._tickets is not None
            for ticket in self._tickets:
                by_sla.setdefault(ticket.sla, []).append(ticket)
        return by_sla

    def shared(self, texts: Iterable[str]) -> Sequence[str]:
        """``texts`` as the one list every sheet of this period cites: guangxi's 12 sheets
        cite the same breaches. A long list is packed as it is made (``Texts``, about 60
        bytes a text instead of 200), a short one kept as a tuple of interned texts."""
        packed = Texts(texts)
        if len(packed) < PACKED_FROM:
            kept = interned(tuple(packed))
            return self.texts.setdefault(kept, kept)
        return self.texts.setdefault(packed.key(), packed)
