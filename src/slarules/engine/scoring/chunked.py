"""A column of integers that starts narrow, widens as a value needs it, and is kept as small
chunks: what the period's index (``ticket_index``) keeps per breached or late target
(docs/performance.md, *Step E*)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator

WIDER = {"B": "H", "H": "i", "b": "h", "h": "i", "I": "q", "i": "q"}
"""The next wider typecode of a column (``appended``): ``B``/``H`` unsigned 1 and 2 bytes,
``b``/``h`` signed, ``i``/``I`` 4 bytes, ``q`` 8."""


def appended(column: array[int], value: int) -> array[int]:
    """``column`` with ``value`` appended: the column itself, or a copy of it in the next
    wider typecode (``WIDER``, again until the value fits) when the value does not fit its
    own. Why: a column starts as narrow as its usual values allow (a name's slot, a place
    in deadline order: one byte; days late: two), so a year's breaches cost a byte or two a
    column instead of four; ``array.append`` refuses a value that does not fit
    (``OverflowError``), so a wider value widens the column, never wraps or clips."""
    try:
        column.append(value)
    except OverflowError:
        wider = WIDER.get(column.typecode)
        if wider is None:
            raise
        return appended(array(wider, column), value)
    return column


CHUNK_BYTES = 512
"""The most bytes one chunk of a column holds (:class:`ChunkedColumn`): pymalloc's largest
small block, so every chunk is placed in the small-object arenas."""


class ChunkedColumn:
    """A column of integers kept as chunks of at most ``CHUNK_BYTES`` bytes (full chunks,
    each an exactly sized ``array``, and the chunk being filled), widened as ``appended``
    widens an ``array``. Why chunks: an ``array`` past 512 bytes is allocated by the
    system ``malloc`` (``mmap`` past 128 KiB), outside the small-object arenas that the
    ticket book leaves mostly free once it spills; chunks of at most 512 bytes are placed
    in those arenas, so a long replay's columns do not add to its peak on top of them
    (docs/performance.md, *Step E*, *Chunks*)."""

    __slots__ = ("_chunks", "_per", "_tail")

    def __init__(self, typecode: str) -> None:
        self._chunks: list[array[int]] = []
        self._tail: array[int] = array(typecode)
        self._per = CHUNK_BYTES // self._tail.itemsize

    @property
    def typecode(self) -> str:
        return self._tail.typecode

    def __len__(self) -> int:
        return len(self._chunks) * self._per + len(self._tail)

    def __getitem__(self, i: int) -> int:
        """The value at place ``i``: ``IndexError`` past the end and below 0 (no place
        counted from the end: the index reads rows, never negative)."""
        chunk, at = divmod(i, self._per)
        chunks = self._chunks
        if 0 <= chunk < len(chunks):
            return chunks[chunk][at]
        if chunk == len(chunks):
            return self._tail[at]
        raise IndexError(i)

    def __iter__(self) -> Iterator[int]:
        for chunk in self._chunks:
            yield from chunk
        yield from self._tail

    def append(self, value: int) -> None:
        """``value`` at the end, the column widened (``appended``) when it does not fit."""
        tail = self._tail
        try:
            tail.append(value)
        except OverflowError:
            self._widen(value)
            return
        if len(tail) == self._per:  # full: kept as an exactly sized copy
            self._chunks.append(array(tail.typecode, tail))
            self._tail = array(tail.typecode)

    def _widen(self, value: int) -> None:
        wider = appended(array(self.typecode, self), value)
        self._chunks, self._tail = [], array(wider.typecode)
        self._per = CHUNK_BYTES // wider.itemsize
        for kept in wider:
            self.append(kept)
