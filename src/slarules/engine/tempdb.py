"""A private temporary SQLite database: where a replay keeps what it need not hold in memory.

``sqlite3.connect("")`` opens a database of the connection's own in SQLite's temporary
directory (``SQLITE_TMPDIR``, else ``TMPDIR``, else ``/var/tmp``, ``/usr/tmp``, ``/tmp``),
never next to the input. SQLite unlinks the file as soon as it has opened it (Unix), so
nothing is left behind however the process ends, and the space comes back when the
connection closes. Nothing is ever committed: with no journal and no sync, writes cost
what the page cache and the disk cost, and the cache (``cache_kib``) is all it keeps in
memory. Used by ``ticket_store`` (settled tickets) and ``id_index`` (the ids seen).

A database that cannot be made or written (no temporary directory, a full disk) is the
machine's problem, not the log's: ``disk_error`` turns SQLite's error into a
``UsageError`` naming it (the command line exits 2 with one line, no traceback).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import UsageError
from ..i18n import _


def disk_error(exc: sqlite3.OperationalError) -> UsageError:
    """SQLite's error as the one line the command line prints (not a ProgrammingError:
    that is a bug of ours)."""
    return UsageError(
        _(
            "cannot keep settled tickets or ids in a temporary file ({value}); set "
            "TMPDIR to a directory with room"
        ).format(value=exc)
    )


@contextmanager
def disk_errors() -> Iterator[None]:
    """``disk_error`` around a block (a hot path catches ``sqlite3.OperationalError``
    itself: a generator context costs about a microsecond)."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise disk_error(exc) from None


def temporary_database(cache_kib: int) -> sqlite3.Connection:
    with disk_errors():
        # A report whose tickets read a spilled replay's store may be written by another
        # thread than the one that replayed (a worker's, a server's pool): SQLite is built
        # serialized here (``sqlite3.threadsafety`` 3), and the store is only read by then.
        db = sqlite3.connect("", check_same_thread=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{cache_kib}"):
            db.execute(f"PRAGMA {pragma}")
    return db
