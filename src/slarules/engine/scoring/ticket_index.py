"""One period's tickets grouped once for the count rules, and what the index keeps of a
breach: a row of small integers in columns, not the ticket.

A period's breached and late targets are what the count rules cite (``per breach of``,
``per day late of``, ``per breached ticket of``, and the measures that count breaches), and
guangxi's one 12-month cycle holds nearly every breach of a year: what the index keeps per
breach is what a replay's memory grows with once settled tickets are spilled to disk
(docs/performance.md, *Step C*, *Step D* and *Step E*). So the index keeps, per breached or late
target, a row of its columns (:class:`_Columns`: its ticket's row, its metric and tier as
slots in a table of the few names, days late, place in deadline order, and its trail as
the line numbers of the events that started and stopped its clock) and, per ticket with
one, a row holding its id (packed as UTF-8), tier, exclusion and assessor. The columns start
one or two bytes wide and widen only when a value does not fit (*Step E*): about 35 bytes a
breach with its row in the groups, where they were 63 at step D, a record object per target
and per ticket (step C) about 300, and the ticket's result about 1.9 KB. The groups the
count rules read are arrays of rows (:class:`Cited`), one per SLA and metric that serves
both ``per breach of`` and ``per day late of`` while they hold the same targets; the
records a rule reads (:class:`CitedTarget`,
:class:`CitedTicket`) are made as it reads them, and every text it cites is made from their
fields, so the report is the same.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence

from ...events.types import EventRef
from ...i18n import _
from ..evidence import BREACHED, RUNNING, Run, TargetResult, TicketResult
from .chunked import ChunkedColumn
from .results import Texts, interned

PACKED_FROM = 16
"""Evidence lists of at least this many texts are packed (``Texts``); shorter ones stay
tuples, smaller than the packing's own objects."""


class CitedTicket:
    """What a count rule reads of a ticket with a breached or late target: its id, its tier
    at the evaluation time, the excluding cause (or None) and the assessor that raised it;
    ``place`` its row in the index. Made from the index's columns as a group is read."""

    __slots__ = ("assessor", "excluded", "place", "ticket", "tier")

    def __init__(
        self, place: int, ticket: str, tier: str, excluded: str | None, assessor: str | None
    ) -> None:
        self.place = place
        self.ticket = ticket
        self.tier = tier
        self.excluded = excluded
        self.assessor = assessor


class CitedTarget:
    """What a count rule reads of a breached or late target: its metric, the tier it was
    measured against (None: built by hand, its ticket's), whole days late, its trail (the
    events that started and stopped its clock, as the evidence texts show them), ``due``
    its place among its ticket's cited targets in order of deadline (``first_breach``), and
    ``owner`` its ticket. Made from the index's columns as a group is read."""

    __slots__ = ("days_late", "due", "metric", "owner", "row", "tier", "trail")

    def __init__(
        self,
        owner: CitedTicket,
        metric: str,
        tier: str | None,
        days_late: int,
        due: int,
        trail: str,
        row: int = -1,
    ) -> None:
        self.owner = owner
        self.row = row
        self.metric = metric
        self.tier = tier
        self.days_late = days_late
        self.due = due
        self.trail = trail

    def counted_tier(self, ticket: CitedTicket) -> str:
        """The tier a ``tier T`` filter sees (``TargetResult.counted_tier``)."""
        return self.tier if self.tier is not None else ticket.tier


def trail(target: TargetResult) -> str:
    """The events that started and stopped a target's clock: `` (line 3 → line 40)``, or
    `` (line 3 → running)`` while no event has stopped it (a breach then happened at the
    deadline, which no event marks); empty for a result built by hand, without events."""
    start, stop = target.start_stop()
    if start is None:
        return ""
    return f" ({start} → {stop if stop is not None else _('running')})"


NO_TRAIL = -1
RUNNING_TRAIL = -1
ODD_TRAIL = -2
_LARGEST_LINE = 2**31 - 1


def _plain(ref: EventRef) -> bool:
    """Whether ``ref`` reads ``line N`` (its line fits the column): most do."""
    return ref.where == "line" and not ref.id and 0 <= ref.line <= _LARGEST_LINE


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


class _Packed:
    """Strings appended one by one and kept as UTF-8 in one ``bytearray`` with where each
    ends (4 bytes each, 8 past 4 GiB of text): about 16 bytes a ticket id where a ``str``
    is about 60."""

    __slots__ = ("_blob", "_ends")

    def __init__(self) -> None:
        self._blob = bytearray()
        self._ends = ChunkedColumn("I")

    def add(self, text: str) -> None:
        self._blob += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._blob))

    def __getitem__(self, i: int) -> str:
        start = self._ends[i - 1] if i else 0
        return self._blob[start : self._ends[i]].decode("utf-8", "surrogatepass")


class _Names:
    """The few distinct names the columns refer to (metrics, tiers, exclusion causes,
    assessors), each kept once and referred to by its slot; slot 0 is None."""

    __slots__ = ("_slot", "names")

    def __init__(self) -> None:
        self.names: list[str | None] = [None]
        self._slot: dict[str | None, int] = {None: 0}

    def slot(self, name: str | None) -> int:
        found = self._slot.get(name)
        if found is None:
            found = self._slot[name] = len(self.names)
            self.names.append(name)
        return found

    def find(self, name: str | None) -> int:
        """The slot of ``name``, or -1 when no column holds it."""
        return self._slot.get(name, -1)


class _Columns:
    """One period's cited tickets and targets as columns of small integers (module
    docstring): a ticket's row holds its id, tier, exclusion and assessor; a target's
    row its ticket's row, metric, tier, days late, deadline order and trail (``trail``).
    Each column starts as narrow as its usual values allow and is widened by the first
    value that does not fit (``chunked.appended``): the names' slots and the deadline order one
    byte each (up to 255 names, 255 cited targets a ticket), days late two (up to 32,767
    days), the rows of tickets and the line numbers four."""

    __slots__ = (
        "assessed",
        "assessor",
        "days_late",
        "due",
        "excluded",
        "ids",
        "metric",
        "names",
        "odd_trails",
        "owner",
        "target_tier",
        "ticket_tier",
        "trail_start",
        "trail_stop",
    )

    def __init__(self) -> None:
        self.names = _Names()
        self.ids = _Packed()
        self.ticket_tier = ChunkedColumn("B")
        self.excluded = ChunkedColumn("B")
        self.assessor = ChunkedColumn("B")
        self.assessed = False  # whether some ticket names an assessor
        self.owner = ChunkedColumn("i")
        self.metric = ChunkedColumn("B")
        self.target_tier = ChunkedColumn("B")
        self.days_late = ChunkedColumn("h")
        self.due = ChunkedColumn("B")
        # A trail is two line numbers (``NO_TRAIL``: none; a stop of ``RUNNING_TRAIL``:
        # still running); one of another shape (an event's id, an event fed without a
        # line, ``ODD_TRAIL``) is kept as its text in ``odd_trails``.
        self.trail_start = ChunkedColumn("i")
        self.trail_stop = ChunkedColumn("i")
        self.odd_trails: dict[int, str] = {}

    def add_ticket(self, ticket: TicketResult) -> int:
        slot = self.names.slot
        self.ids.add(ticket.ticket)
        self.ticket_tier.append(slot(ticket.tier))
        self.excluded.append(slot(ticket.excluded))
        self.assessor.append(slot(ticket.assessor))
        self.assessed = self.assessed or ticket.assessor is not None
        return len(self.ticket_tier) - 1

    def add_target(self, owner: int, target: TargetResult, due: int) -> int:
        slot = self.names.slot
        self.owner.append(owner)
        self.metric.append(slot(target.metric))
        self.target_tier.append(slot(target.tier))
        self.days_late.append(target.days_late)
        self.due.append(due)
        self._add_trail(target)
        return len(self.owner) - 1

    def _add_trail(self, target: TargetResult) -> None:
        start, stop = target.start_stop()
        if start is None:
            first, last = NO_TRAIL, NO_TRAIL
        elif _plain(start) and (stop is None or _plain(stop)):
            first, last = start.line, RUNNING_TRAIL if stop is None else stop.line
        else:
            first, last = ODD_TRAIL, ODD_TRAIL
            self.odd_trails[len(self.trail_start)] = trail(target)
        self.trail_start.append(first)
        self.trail_stop.append(last)

    def trail(self, row: int) -> str:
        """``trail(target)`` of the target of ``row``, made again from its line numbers."""
        start = self.trail_start[row]
        if start == NO_TRAIL:
            return ""
        if start == ODD_TRAIL:
            return self.odd_trails[row]
        stop = self.trail_stop[row]
        shown = _("running") if stop == RUNNING_TRAIL else f"line {stop}"
        return f" (line {start} → {shown})"

    def ticket(self, place: int) -> CitedTicket:
        names = self.names.names
        tier = names[self.ticket_tier[place]]
        assert tier is not None
        return CitedTicket(
            place,
            self.ids[place],
            tier,
            names[self.excluded[place]],
            names[self.assessor[place]],
        )

    def target(self, row: int, owner: CitedTicket) -> CitedTarget:
        names = self.names.names
        metric = names[self.metric[row]]
        assert metric is not None
        return CitedTarget(
            owner,
            metric,
            names[self.target_tier[row]],
            self.days_late[row],
            self.due[row],
            self.trail(row),
            row,
        )

    def counted_tier(self, row: int) -> int:
        """The slot of the tier a ``tier T`` filter sees (``CitedTarget.counted_tier``)."""
        tier = self.target_tier[row]
        return tier if tier else self.ticket_tier[self.owner[row]]


class Cited:
    """A group of breached or late targets, in ticket then target order: rows of the
    period's columns, made into :class:`CitedTarget` records (their ``owner`` a
    :class:`CitedTicket`, one per ticket) only while the group is read, so a year's
    breaches are held as about 100 bytes each, not as objects. The groups a filter makes
    of it are kept (``_made``): the index's own group is one for every sheet that sees all
    of it, so each filter runs once per period, not once per sheet."""

    __slots__ = ("_made", "columns", "rows")

    def __init__(self, columns: _Columns, rows: array[int]) -> None:
        self.columns = columns
        self.rows = rows
        self._made: dict[tuple[object, ...], Cited] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[CitedTarget]:
        columns, owner = self.columns, None
        for row in self.rows:
            place = columns.owner[row]
            if owner is None or owner.place != place:
                owner = columns.ticket(place)
            yield columns.target(row, owner)

    def days_late(self) -> int:
        """The whole days late of the group's targets, added up."""
        days = self.columns.days_late
        return sum(days[row] for row in self.rows)

    def with_rows(self, rows: Iterable[int]) -> Cited:
        """The group of ``rows`` (some of this group's, in its order): this group itself
        when they are all of them."""
        kept = array("i", rows)
        return self if len(kept) == len(self.rows) else Cited(self.columns, kept)

    def _where(self, keep: Callable[[int], bool]) -> Cited:
        """The rows ``keep`` keeps: this group itself when it keeps them all."""
        return self.with_rows(row for row in self.rows if keep(row))

    def seen(self, sees: Callable[[str | None], bool]) -> Cited:
        """The targets whose ticket's assessor ``sees`` accepts."""
        columns = self.columns
        if not columns.assessed:
            return self
        names, assessor, owner = columns.names.names, columns.assessor, columns.owner
        return self._where(lambda row: sees(names[assessor[owner[row]]]))

    def matching(self, metric: str | None, tiers: tuple[str, ...]) -> Cited:
        """The targets of ``metric`` (any, when None) measured against one of ``tiers``
        (any, when empty)."""
        if metric is None and not tiers:
            return self
        made = self._made.get(("matching", metric, tiers))
        if made is None:
            made = self._made[("matching", metric, tiers)] = self._matching(metric, tiers)
        return made

    def first_breach_in(self, tiers: tuple[str, ...]) -> Cited:
        """The targets of the tickets whose first breach (``first_breach``) was measured
        against one of ``tiers``: what ``per breached ticket of … tier T`` counts."""
        made = self._made.get(("first", tiers))
        if made is None:
            made = self._made[("first", tiers)] = self.with_rows(
                x.row
                for ticket, targets in by_ticket(self)
                if first_breach(targets).counted_tier(ticket) in tiers
                for x in targets
            )
        return made

    def _matching(self, metric: str | None, tiers: tuple[str, ...]) -> Cited:
        columns = self.columns
        wanted = -2 if metric is None else columns.names.find(metric)
        slots = {columns.names.find(t) for t in tiers}
        metrics, tier = columns.metric, columns.counted_tier
        return self._where(
            lambda row: (
                (wanted == -2 or metrics[row] == wanted) and (not tiers or tier(row) in slots)
            )
        )


def by_ticket(targets: Iterable[CitedTarget]) -> Iterator[tuple[CitedTicket, list[CitedTarget]]]:
    """Consecutive targets of one ticket (the index keeps ticket order) → its targets."""
    ticket: CitedTicket | None = None
    found: list[CitedTarget] = []
    for target in targets:
        if ticket is not None and target.owner.place != ticket.place:
            yield ticket, found
            found = []
        ticket = target.owner
        found.append(target)
    if ticket is not None:
        yield ticket, found


class TicketIndex:
    """One period's tickets grouped by SLA, and their breached and late targets by SLA and
    by (SLA, metric), in ticket order then target order: built once per period, so that a
    count rule reads its own group instead of scanning every ticket (guangxi has 182 count
    rules on each of 12 sheets); each ``View`` filters a group for its sheet once.

    The breached and late groups are rows of the period's columns (module docstring), one
    pair per SLA and metric (``_add_row``: one array while they hold the same rows), apart
    for excluded tickets (``excluded`` in the key), so a sheet that sees every ticket shares
    the index's group; the breaches of every metric of an SLA are merged from them when
    first asked for. ``count`` is how many tickets the period has; ``unstopped`` those
    not excluded with a target still running or breached without a stop (what
    ``still_open`` reads). With ``keep_every`` False (a spilled replay, whose ``tickets``
    are read from disk at each pass) ``by_sla``, every ticket of the period, is read from
    ``tickets`` again the first time a counter asks for it (``count``, ``downtime``,
    ``mttr``, measures over tickets), so a rule file that counts only breaches never holds
    the period's tickets. ``texts`` keeps one of each list of evidence texts the period's
    sheets cite (``shared``): a short one by itself, a packed one (``_packed``) by a digest
    of its bytes."""

    __slots__ = (
        "_by_sla",
        "_cited",
        "_columns",
        "_packed",
        "_rows",
        "_tickets",
        "count",
        "texts",
        "unstopped",
    )

    def __init__(self, tickets: Iterable[TicketResult], keep_every: bool = True) -> None:
        by_sla: dict[str, list[TicketResult]] | None = {} if keep_every else None
        self._columns = _Columns()
        # (sla, metric, excluded) → [its breached rows, its late rows] (``_add_row``)
        self._rows: dict[tuple[str, str, str], list[array[int]]] = {}
        self._cited: dict[tuple[str, ...], Cited] = {}
        self.unstopped: list[TicketResult] = []
        self.texts: dict[Sequence[str], Sequence[str]] = {}
        self._packed: dict[bytes, list[Texts]] = {}
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
        """A row of each breached or late target of ``ticket`` in its groups."""
        cited = [x for x in ticket.targets if x.status == BREACHED or x.days_late > 0]
        if not cited:
            return
        columns = self._columns
        owner = columns.add_ticket(ticket)
        excluded = "1" if ticket.excluded else ""
        due = _deadline_order(cited) if len(cited) > 1 else None
        for target in cited:
            row = columns.add_target(owner, target, 0 if due is None else due[id(target)])
            key = (ticket.sla, target.metric, excluded)
            rows = self._rows.get(key)
            if rows is None:
                same = array("i")
                rows = self._rows[key] = [same, same]
            self._add_row(rows, row, target.status == BREACHED, target.days_late > 0)

    @staticmethod
    def _add_row(rows: list[array[int]], row: int, breached: bool, late: bool) -> None:
        """``row`` in the breached rows (``rows[0]``) and the late rows (``rows[1]``) of its
        SLA and metric. The two are one array while every row is in both (a breached target
        is late by at least a started day, and a late one breached, so in the bench's logs
        they always are): split into two the first time a row is in only one of them."""
        if rows[0] is rows[1]:
            if breached and late:
                rows[0].append(row)
                return
            rows[1] = array("i", rows[0])
        if breached:
            rows[0].append(row)
        if late:
            rows[1].append(row)

    def breached(self, sla: str, excluded: bool, metric: str | None = None) -> Cited:
        """The breached targets of ``sla``'s tickets (excluded ones, or the others), of
        ``metric`` only when given. Every metric's: their rows merged in row order (ticket
        then target order), made the first time it is asked for."""
        flag = "1" if excluded else ""
        if metric is not None:
            return self._group(("breached", sla, metric, flag))
        key = ("breached", sla, flag)
        group = self._cited.get(key)
        if group is None:
            of_sla = [r[0] for (s, _m, x), r in self._rows.items() if s == sla and x == flag]
            rows = array("i", heapq.merge(*of_sla))
            group = self._cited[key] = Cited(self._columns, rows)
        return group

    def late(self, sla: str, metric: str, excluded: bool) -> Cited:
        """The targets of ``sla`` and ``metric`` with days late."""
        return self._group(("late", sla, metric, "1" if excluded else ""))

    def groups(self) -> dict[tuple[str, ...], Cited]:
        """Every group by its key (``("breached", sla, metric, excluded)``, ``("late", sla,
        metric, excluded)``, ``excluded`` "1" or ""), for a test to compare two indexes."""
        return {
            (kind, *key): self._group((kind, *key))
            for key in self._rows
            for kind in ("breached", "late")
        }

    def _group(self, key: tuple[str, ...]) -> Cited:
        """The group of ``key`` (``(kind, sla, metric, excluded)``), the same object each
        time (its filters are kept)."""
        group = self._cited.get(key)
        if group is None:
            kind, sla, metric, excluded = key
            rows = self._rows.get((sla, metric, excluded))
            kept = array("i") if rows is None else rows[0 if kind == "breached" else 1]
            group = self._cited[key] = Cited(self._columns, kept)
        return group

    def keep(self, texts: Texts) -> Texts:
        """``texts``, or an equal list this period already cites (by a digest of it, then
        compared): a long list every sheet of the period cites once."""
        same = self._packed.setdefault(texts.digest(), [])
        for other in same:
            if other == texts:
                return other
        same.append(texts)
        return texts

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
        bytes a text instead of 200) and looked up by a digest of its bytes (an equal list
        found is compared whole), a short one kept as a tuple of interned texts."""
        packed = texts if isinstance(texts, Texts) else Texts(texts)
        if len(packed) < PACKED_FROM:
            kept = interned(tuple(packed))
            return self.texts.setdefault(kept, kept)
        return self.keep(packed)
