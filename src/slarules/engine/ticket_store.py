"""Settled tickets on disk, so that a replay's memory is bounded by its open tickets.

A replay keeps every ticket ever opened: a later event may reopen or attribute it, and the
report lists every one (SPEC §7). Held in memory, a settled ticket costs about 1.8 KB
(docs/performance.md, *Memory*): 350 MB at 1,000,000 events. :class:`TicketStore` keeps
them in a private temporary SQLite database instead (stdlib ``sqlite3``, opened with the
empty file name): one row per settled ticket, ``(seq, ticket, record)``, where ``seq`` is
the ticket's place in opening order (the row id: iterating by it reads the table in that
order), ``ticket`` its id (a unique index: the ``already opened`` check and a later event
on a settled ticket look it up), and ``record`` the pickled :data:`~.settled.Kept`.

Why SQLite rather than a file of pickles and a dict of offsets: the dict would keep one
entry per ticket ever opened (about 150 bytes each: 150 MB at 5,000,000 events), which is
the growth this module removes. SQLite's pages stay on disk; what it holds in memory is its
page cache, capped at :data:`CACHE_KIB` KiB.

Where the file goes: SQLite's temporary directory (``SQLITE_TMPDIR``, else ``TMPDIR``,
else ``/var/tmp``, ``/usr/tmp``, ``/tmp``), never next to the input. SQLite removes the
name as soon as it has opened the file (Unix), so nothing is left behind however the
process ends; the space is given back when the connection closes (``close``, or the
tracker's ``release_tickets``). Size: about 0.7 KB per settled ticket plus the index
(about 140 MB for 193,000 tickets at 1,000,000 events of the bench log).

The records are pickles of our own objects, written and read by this process only: never
untrusted input. Results, their targets and event references are reduced to tuples of
their fields (``_FAST``: faster than the attrs default both ways), and rebuilt sharing the
texts every result repeats, so that a result read back costs the memory it cost before it
was written. A ticket that keeps more than its result (a ``TicketState``: packed clocks, a
cause, an agreement) is reduced to its slots, its SLA's plan by name.
"""

from __future__ import annotations

import io
import operator
import pickle
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from ..events.types import EventRef
from .clocks import NO_AGREEMENTS, SETTLED, SlaPlan, TicketState
from .evidence import TargetResult, TicketResult
from .settled import Kept, SettledTicket
from .tempdb import disk_errors, temporary_database

CACHE_KIB = 8192  # SQLite's page cache: the store's memory, whatever the log's length
_RESULT, _SETTLED, _STATE = b"r", b"s", b"t"


_SET = object.__setattr__
# Texts and tuples every result repeats (SLA, metric, tier and status names, role letters,
# ``"line"``): one object each, as in a result that never left memory. Bounded by the rule
# file's names and the role patterns (a few dozen), not by the log.
_SHARED: dict[Any, Any] = {}
_share = _SHARED.setdefault


_NEW = object.__new__


def _rebuilt(cls: type, values: tuple[Any, ...], shared: tuple[tuple[int, str], ...]) -> Any:
    """An attrs slotted instance from its field values (what ``attrs`` does on unpickling,
    without a ``dict``), the values at the positions of ``shared`` shared."""
    obj: Any = _NEW(cls)
    for name, value in zip(_NAMES[cls], values, strict=True):
        _SET(obj, name, value)
    for position, name in shared:
        value = values[position]
        _SET(obj, name, _share(value, value))
    return obj


_RESULT_SHARED = ((1, "sla"), (2, "tier"), (6, "tiers_seen"))
_TARGET_SHARED = ((0, "metric"), (1, "status"), (10, "tier"), (11, "unit"), (13, "roles"))


def _ticket_result(values: tuple[Any, ...]) -> TicketResult:
    result: TicketResult = _rebuilt(TicketResult, values, _RESULT_SHARED)
    return result


def _target_result(values: tuple[Any, ...]) -> TargetResult:
    result: TargetResult = _rebuilt(TargetResult, values, _TARGET_SHARED)
    return result


def _event_ref(values: tuple[Any, ...]) -> EventRef:
    """The commonest record (five a ticket), written out."""
    ref: EventRef = _NEW(EventRef)
    line, ident, where = values
    _SET(ref, "line", line)
    _SET(ref, "id", ident)
    _SET(ref, "where", _share(where, where))
    return ref


_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(a.name for a in attrs.fields(cls)) for cls in (TicketResult, TargetResult, EventRef)
}


def _fields_reducer(cls: type, rebuild: Callable[[tuple[Any, ...]], Any]) -> Callable[[Any], Any]:
    """Pickle an attrs slotted instance as ``rebuild(its field values)``."""
    values = operator.attrgetter(*_NAMES[cls])

    def reduce(obj: Any) -> tuple[Any, ...]:
        return (rebuild, (values(obj),))

    return reduce


_SETTLED_MARK, _NO_AGREEMENTS_MARK = "\x00settled", "\x00no agreements"


def _reduce_state(state: TicketState) -> tuple[Any, ...]:
    """A settled ``TicketState`` as its slots, the plan by its SLA's name and the shared
    sentinels by a mark (``TicketStore._loads`` puts the plan back)."""
    values = []
    for name in TicketState.__slots__:
        value = getattr(state, name)
        if name == "plan":
            value = value.sla.name
        elif name == "sla":
            value = None
        elif value is SETTLED:
            value = _SETTLED_MARK
        elif value is NO_AGREEMENTS:
            value = _NO_AGREEMENTS_MARK
        values.append(value)
    return (_ticket_state, (tuple(values),))


def _ticket_state(values: tuple[Any, ...]) -> TicketState:
    """The state ``_reduce_state`` wrote, with its SLA's name as ``plan`` for now."""
    state = object.__new__(TicketState)
    for name, value in zip(TicketState.__slots__, values, strict=True):
        if value == _SETTLED_MARK:
            value = SETTLED
        elif value == _NO_AGREEMENTS_MARK:
            value = NO_AGREEMENTS
        _SET(state, name, value)
    return state


_FAST = {
    TicketState: _reduce_state,
    TicketResult: _fields_reducer(TicketResult, _ticket_result),
    TargetResult: _fields_reducer(TargetResult, _target_result),
    EventRef: _fields_reducer(EventRef, _event_ref),
}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def opened_key(at: datetime) -> int:
    """An instant as whole microseconds since 1970 UTC: ``opened`` as the store keeps it,
    ordered as the instants are (aware datetimes compare as instants)."""
    return (at - _EPOCH) // _MICROSECOND


def _facts(kept: Kept) -> tuple[int, int]:
    """``opened`` (``opened_key``) and whether the ticket is excluded (1 or 0), as its
    result says: a settled ticket's result no longer changes with ``as_of`` in either."""
    if type(kept) is TicketResult:
        return opened_key(kept.opened), int(kept.excluded is not None)
    if type(kept) is SettledTicket:  # no cause: nothing excluded
        return opened_key(kept.final.opened), int(kept.final.excluded is not None)
    state: TicketState = kept  # type: ignore[assignment]
    cause = state.cause  # excluded as ``TicketState._with_cause`` decides it
    excluded = cause is not None and any(cause in ex.causes for ex in state.sla.exclusions)
    return opened_key(state.opened), int(excluded)


class _FastPickler(pickle.Pickler):
    dispatch_table = _FAST


class TicketStore:
    """Settled tickets by id, in a temporary SQLite database (see module docstring).
    ``plans``: the tracker's, by SLA name (a record names its ticket's plan)."""

    def __init__(self, plans: Mapping[str, SlaPlan]) -> None:
        self._plans = plans
        self._db = temporary_database(CACHE_KIB)
        with disk_errors():
            self._db.execute(
                "CREATE TABLE settled (seq INTEGER PRIMARY KEY, ticket TEXT NOT NULL UNIQUE,"
                " opened INTEGER NOT NULL, excluded INTEGER NOT NULL, record BLOB NOT NULL)"
            )
            self._db.execute("CREATE INDEX settled_opened ON settled (opened, seq)")
        self._buffer = io.BytesIO()
        self._fast = _FastPickler(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def put(self, seq: int, ticket: str, kept: Kept) -> None:
        """Keep a settled ticket, opened ``seq``-th (0-based)."""
        record = self._dumps(kept)
        opened, excluded = _facts(kept)
        with disk_errors():
            self._db.execute(
                "INSERT INTO settled (seq, ticket, opened, excluded, record)"
                " VALUES (?, ?, ?, ?, ?)",
                (seq, ticket, opened, excluded, record),
            )
        self._count += 1

    def take(self, ticket: str) -> tuple[int, Kept] | None:
        """The ticket and its place in opening order, removed from the store (it is open
        again, or about to be changed), or None when the store does not hold it."""
        with disk_errors():
            row = self._db.execute(
                "SELECT seq, record FROM settled WHERE ticket = ?", (ticket,)
            ).fetchone()
            if row is None:
                return None
            self._db.execute("DELETE FROM settled WHERE seq = ?", (row[0],))
        self._count -= 1
        return row[0], self._loads(row[1])

    def __contains__(self, ticket: str) -> bool:
        with disk_errors():
            found = self._db.execute("SELECT 1 FROM settled WHERE ticket = ?", (ticket,))
            return found.fetchone() is not None

    def ids(self) -> Iterator[tuple[int, str]]:
        """(seq, ticket) of every stored ticket, in opening order."""
        yield from self._rows("SELECT seq, ticket FROM settled ORDER BY seq")

    def tickets(self) -> Iterator[tuple[int, Kept]]:
        """(seq, ticket) of every stored ticket, in opening order, read as they are asked
        for (a few hundred rows at a time)."""
        loads = self._loads
        for seq, record in self._rows("SELECT seq, record FROM settled ORDER BY seq"):
            yield seq, loads(record)

    def opened_between(self, start: int | None, end: int | None) -> Iterator[tuple[int, Kept]]:
        """(seq, ticket) of the stored tickets opened at or after ``start`` and before
        ``end`` (microseconds since 1970 UTC, as ``opened_key``; None: no bound), in order
        of (opened, seq): the index on ``opened`` skips the others without reading them."""
        low = start if start is not None else -(2**63)
        high = end if end is not None else 2**63 - 1
        loads = self._loads
        query = (
            "SELECT seq, record FROM settled WHERE opened >= ? AND opened < ? ORDER BY opened, seq"
        )
        for seq, record in self._rows(query, (low, high)):
            yield seq, loads(record)

    def opened(self) -> Iterator[tuple[int, int]]:
        """(seq, opened) of every stored ticket in opening order, from the columns."""
        yield from self._rows("SELECT seq, opened FROM settled ORDER BY seq")

    def excluded(self) -> list[str]:
        """The ids of the stored tickets that are excluded, in opening order."""
        return [row[0] for row in self._rows("SELECT ticket FROM settled WHERE excluded")]

    def _rows(self, query: str, values: tuple[Any, ...] = ()) -> Iterator[Any]:
        with disk_errors():
            cursor = self._db.execute(query, values)
        try:
            while True:
                with disk_errors():
                    rows = cursor.fetchmany(512)
                if not rows:
                    return
                yield from rows
        finally:
            cursor.close()

    def close(self) -> None:
        """Give the disk space back (SQLite deletes the file with the connection)."""
        self._db.close()
        self._count = 0

    # -- records ----------------------------------------------------------------------------

    def _dumps(self, kept: Kept) -> bytes:
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        if type(kept) is TicketResult:
            buffer.write(_RESULT)
            self._fast.clear_memo()
            self._fast.dump(kept)
        elif type(kept) is SettledTicket:
            buffer.write(_SETTLED)
            self._fast.clear_memo()
            self._fast.dump((kept.final, kept.closed_ref))
        else:
            assert type(kept) is TicketState and kept.final, "only settled tickets are stored"
            buffer.write(_STATE)
            self._fast.clear_memo()
            self._fast.dump(kept)
        return buffer.getvalue()

    def _loads(self, record: bytes) -> Kept:
        kind, body = record[:1], memoryview(record)[1:]
        if kind == _RESULT:
            result: TicketResult = pickle.loads(body)
            return result
        if kind == _SETTLED:
            final, closed_ref = pickle.loads(body)
            return SettledTicket(final, closed_ref, self._plans[final.sla])
        state: TicketState = pickle.loads(body)
        plan = self._plans[state.plan]  # type: ignore[index]  # the name, see _ticket_state
        state.plan, state.sla = plan, plan.sla
        return state
