"""Settled tickets on disk, so that a replay's memory is bounded by its open tickets.

A replay keeps every ticket ever opened: a later event may reopen or attribute it, and the
report lists every one (SPEC §7). Held in memory, a settled ticket costs about 1.8 KB
(docs/performance.md, *Memory*): 350 MB at 1,000,000 events. :class:`TicketStore` keeps
them in a private temporary SQLite database instead (stdlib ``sqlite3``, opened with the
empty file name): one row per settled ticket, ``(seq, ticket, opened, excluded, marked,
record)``, where ``seq`` is the ticket's place in opening order (the row id: iterating by
it reads the table in that order), ``ticket`` its id (a unique index: the ``already
opened`` check and a later event on a settled ticket look it up), ``opened``, ``excluded``
and ``marked`` what scoring asks of every ticket without reading it (``marked``: a target
breached, late or running, ``evidence.marked``: a period's index reads only those), and
``record`` the :data:`~.settled.Kept` as ``ticket_records`` writes it. Rows are inserted
:data:`BATCH` at a time.

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

The records (``ticket_records.py``: flat ``marshal`` records for most, pickles for the
rest) are written and read by this process only: never untrusted input. What a record
costs to make and to read is most of what spilling costs (docs/performance.md, *The
spill's CPU cost*).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from .clocks import SlaPlan, TicketState
from .evidence import TicketResult, marked
from .settled import Kept, SettledTicket
from .tempdb import disk_error, disk_errors, temporary_database
from .ticket_records import RecordCodec

CACHE_KIB = 8192  # SQLite's page cache: the store's memory, whatever the log's length
BATCH = 256  # settled tickets written at once (their records: about 140 KB waiting)
_INSERT = (
    "INSERT INTO settled (seq, ticket, opened, excluded, marked, record) VALUES (?, ?, ?, ?, ?, ?)"
)
_FIND = "SELECT seq, record FROM settled WHERE ticket = ?"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def opened_key(at: datetime) -> int:
    """An instant as whole microseconds since 1970 UTC: ``opened`` as the store keeps it,
    ordered as the instants are (aware datetimes compare as instants)."""
    return (at - _EPOCH) // _MICROSECOND


def _facts(kept: Kept) -> tuple[int, int, int]:
    """``opened`` (``opened_key``), whether the ticket is excluded and whether it is
    ``marked`` (1 or 0 each), as its result says: a settled ticket's result no longer
    changes with ``as_of``. For a ticket with a cause, ``marked`` is its result's before
    the cause's exemptions (which only take targets out): a ticket read for nothing is
    harmless, one skipped that counted would not be."""
    if type(kept) is TicketResult:
        return opened_key(kept.opened), int(kept.excluded is not None), int(marked(kept))
    if type(kept) is SettledTicket:  # no cause: nothing excluded
        final = kept.final
        return opened_key(final.opened), int(final.excluded is not None), int(marked(final))
    state: TicketState = kept  # type: ignore[assignment]
    cause = state.cause  # excluded as ``TicketState._with_cause`` decides it
    excluded = cause is not None and any(cause in ex.causes for ex in state.sla.exclusions)
    base = state.settled_result
    assert base is not None, "only settled tickets are stored"
    return opened_key(state.opened), int(excluded), int(marked(base))


def _bounds(start: int | None, end: int | None) -> tuple[int, int]:
    return (-(2**63) if start is None else start, 2**63 - 1 if end is None else end)


class TicketStore:
    """Settled tickets by id, in a temporary SQLite database (see module docstring).
    ``plans``: the tracker's, by SLA name (a record names its ticket's plan)."""

    def __init__(self, plans: Mapping[str, SlaPlan]) -> None:
        self._plans = plans
        self._db = temporary_database(CACHE_KIB)
        with disk_errors():
            self._db.execute(
                "CREATE TABLE settled (seq INTEGER PRIMARY KEY, ticket TEXT NOT NULL UNIQUE,"
                " opened INTEGER NOT NULL, excluded INTEGER NOT NULL, marked INTEGER NOT NULL,"
                " record BLOB NOT NULL)"
            )
            self._db.execute("CREATE INDEX settled_opened ON settled (opened, seq)")
        self._pending: dict[str, tuple[int, str, int, int, int, bytes]] = {}
        codec = RecordCodec(plans)
        self._dumps, self._loads = codec.dumps, codec.loads
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def put(self, seq: int, ticket: str, kept: Kept) -> None:
        """Keep a settled ticket, opened ``seq``-th (0-based). Its row waits among the
        pending ones, written :data:`BATCH` at a time (one ``executemany``: a third of
        what one ``INSERT`` each costs)."""
        pending = self._pending
        pending[ticket] = (seq, ticket, *_facts(kept), self._dumps(kept))
        self._count += 1
        if len(pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        """Write the pending rows (before anything reads the table)."""
        if self._pending:
            try:
                self._db.executemany(_INSERT, self._pending.values())
            except sqlite3.OperationalError as exc:
                raise disk_error(exc) from None
            self._pending.clear()

    def take(self, ticket: str) -> tuple[int, Kept] | None:
        """The ticket and its place in opening order, removed from the store (it is open
        again, or about to be changed), or None when the store does not hold it (asked
        for every new ticket: one search of the ``ticket`` index)."""
        row = self._pending.pop(ticket, None)
        if row is None:
            try:
                row = self._db.execute(_FIND, (ticket,)).fetchone()
                if row is None:
                    return None
                self._db.execute("DELETE FROM settled WHERE seq = ?", (row[0],))
            except sqlite3.OperationalError as exc:
                raise disk_error(exc) from None
        self._count -= 1
        return row[0], self._loads(row[-1])

    def __contains__(self, ticket: str) -> bool:
        if ticket in self._pending:
            return True
        try:
            return self._db.execute(_FIND, (ticket,)).fetchone() is not None
        except sqlite3.OperationalError as exc:
            raise disk_error(exc) from None

    def ids(self) -> Iterator[tuple[int, str]]:
        """(seq, ticket) of every stored ticket, in opening order."""
        yield from self._rows("SELECT seq, ticket FROM settled ORDER BY seq")

    def tickets(self) -> Iterator[tuple[int, Kept]]:
        """(seq, ticket) of every stored ticket, in opening order, read as they are asked
        for (a few hundred rows at a time)."""
        loads = self._loads
        for seq, record in self._rows("SELECT seq, record FROM settled ORDER BY seq"):
            yield seq, loads(record)

    def opened_between(
        self, start: int | None, end: int | None, marked_only: bool = False
    ) -> Iterator[tuple[int, Kept]]:
        """(seq, ticket) of the stored tickets opened at or after ``start`` and before
        ``end`` (microseconds since 1970 UTC, as ``opened_key``; None: no bound), in order
        of (opened, seq): the index on ``opened`` skips the others without reading them.
        ``marked_only``: only the ``marked`` ones (the others' records are not read)."""
        query = "SELECT seq, record FROM settled WHERE opened >= ? AND opened < ?"
        if marked_only:
            query += " AND marked"
        loads = self._loads
        for seq, record in self._rows(query + " ORDER BY opened, seq", _bounds(start, end)):
            yield seq, loads(record)

    def count_between(self, start: int | None, end: int | None) -> int:
        """How many stored tickets ``opened_between`` gives, from the index alone."""
        query = "SELECT count(*) FROM settled WHERE opened >= ? AND opened < ?"
        ((count,),) = self._rows(query, _bounds(start, end))
        return int(count)

    def opened(self) -> Iterator[tuple[int, int]]:
        """(seq, opened) of every stored ticket in opening order, from the columns."""
        yield from self._rows("SELECT seq, opened FROM settled ORDER BY seq")

    def excluded(self) -> list[str]:
        """The ids of the stored tickets that are excluded, in opening order."""
        return [row[0] for row in self._rows("SELECT ticket FROM settled WHERE excluded")]

    def _rows(self, query: str, values: tuple[Any, ...] = ()) -> Iterator[Any]:
        self._flush()
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
        self._pending.clear()
        self._db.close()
        self._count = 0
