"""The ids a tracker has seen (SPEC §5: a repeated ``id`` may come at any distance).

``Tracker.ingest`` keys each id by the 16-byte blake2b digest of its text and keeps 25
bytes for it: the digest of the event's canonical JSON, its line, and whether it was a line
or an event (``tracker.py``). In a dict that is about 160 bytes per id, 160 MB per million
ids (docs/performance.md, *The duplicate-id check*). Made with ``spill_after=N`` (the
replay's ``engine.spill.after``, as for the tickets, ``ticket_book.py``), the index moves
to a private temporary SQLite table once it holds more than N ids: a ``WITHOUT ROWID``
table keyed by the digest, 41 bytes of key and value per id on disk plus the B-tree's
overhead, and in memory only SQLite's page cache (:data:`CACHE_KIB`). A lookup is a
B-tree search, about 1.3 µs; an insert about 3 µs. The file goes where the ticket store's
does (SQLite's temporary directory, unlinked at once) and is gone with ``close``.
"""

from __future__ import annotations

import sqlite3

from .tempdb import disk_errors, temporary_database

CACHE_KIB = 2048


class IdIndex:
    """Digest of an id → its packed first use (see module docstring)."""

    def __init__(self, spill_after: int | None = None) -> None:
        self._spill_after = spill_after
        self._memory: dict[bytes, bytes] = {}
        self._db: sqlite3.Connection | None = None

    def get(self, key: bytes) -> bytes | None:
        if self._db is None:
            return self._memory.get(key)
        with disk_errors():
            row = self._db.execute("SELECT value FROM ids WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def add(self, key: bytes, value: bytes) -> None:
        """Remember a new id (``get`` gave None for it)."""
        if self._db is not None:
            with disk_errors():
                self._db.execute("INSERT INTO ids (key, value) VALUES (?, ?)", (key, value))
            return
        self._memory[key] = value
        if self._spill_after is not None and len(self._memory) > self._spill_after:
            self._db = _database()
            with disk_errors():
                self._db.executemany(
                    "INSERT INTO ids (key, value) VALUES (?, ?)", self._memory.items()
                )
            self._memory = {}

    def close(self) -> None:
        """Forget every id and give the disk space back."""
        self._memory = {}
        if self._db is not None:
            self._db.close()
            self._db = None


def _database() -> sqlite3.Connection:
    db = temporary_database(CACHE_KIB)
    with disk_errors():
        db.execute("CREATE TABLE ids (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
    return db
