"""The arrays behind :class:`slarules.calendar.Calendar`'s queries.

:class:`Layout` is what laying out a run of local years produces; :class:`FastIndex` is the
second index, in local wall-clock ``timedelta``, that answers queries on instants already in
the calendar's zone on steady days without converting them (see :mod:`slarules.calendar`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = ["FastIndex", "Layout"]

_ZERO = timedelta(0)


class Layout:
    """What ``Calendar._lay_out`` produces for a run of years."""

    __slots__ = ("days", "ends", "starts", "walls", "workdays")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.walls: list[tuple[int, int]] = []
        self.workdays: list[int] = []
        self.days: list[tuple[int, bool, int]] = []


_BEFORE_ALL = timedelta.min  # the wall "interval" before every interval: an index sentinel


class FastIndex:
    """The laid-out intervals in local wall-clock ``timedelta`` since local 1970-01-01 00:00,
    for instants in the calendar's own zone on steady days (see :meth:`Calendar._lay_out`).

    Index ``p`` is interval ``p - 1`` of the calendar's lists; index 0 is a sentinel before
    them all, so a bisect never lands before the start.  ``days`` maps a steady day (days
    since 1970-01-01) to the index range of its intervals; other days are absent.  Working
    time before a wall instant ``w`` in interval ``p`` is ``base[p] + w`` (``w`` inside it) or
    ``cum[p]`` (``w`` at or after its end); ``local[r]`` is interval ``r``'s start as an aware
    datetime when its day is steady (``None`` otherwise), so an answer inside it is
    ``local[r] + offset``, exact and with no conversion.
    """

    __slots__ = ("base", "cum", "day_count", "days", "ends", "epoch", "local", "starts", "tz")

    def __init__(
        self,
        tz: ZoneInfo,
        walls: list[tuple[int, int]] | None = None,
        day_info: list[tuple[int, bool, int]] | None = None,
        cum_us: list[int] | None = None,
        starts_us: list[int] | None = None,
    ) -> None:
        self.tz = tz
        self.epoch = datetime(1970, 1, 1, tzinfo=tz)
        self.days: dict[int, tuple[int, int]] = {}
        self.day_count = 0  # laid-out days indexed so far
        self.starts: list[timedelta] = [_BEFORE_ALL]
        self.ends: list[timedelta] = [_BEFORE_ALL]
        self.cum: list[timedelta] = [_ZERO]
        self.base: list[timedelta] = [_ZERO]
        self.local: list[datetime | None] = []
        if walls is None or day_info is None or cum_us is None or starts_us is None:
            return  # empty: every query takes the general path
        self.extend(walls, day_info, cum_us)
        assert len(self.starts) == len(starts_us) + 1

    @property
    def empty(self) -> bool:
        return self.day_count == 0

    def extend(
        self, walls: list[tuple[int, int]], day_info: list[tuple[int, bool, int]], cum_us: list[int]
    ) -> None:
        """Index the days (and their intervals) laid out after those indexed already:
        ``walls`` and ``day_info`` are the calendar's whole lists, ``cum_us`` its running
        totals. Years laid out later are added, not the whole index rebuilt (a rebuild grew
        with every year laid out: a cold year cost more the more years came before it)."""
        done = len(self.starts)  # 1 + intervals indexed
        self.starts += [timedelta(seconds=start) for start, _ in walls[done - 1 :]]
        self.ends += [timedelta(seconds=end) for _, end in walls[done - 1 :]]
        self.cum += [timedelta(microseconds=us) for us in cum_us[len(self.cum) :]]
        starts, cum = self.starts, self.cum
        self.base += [cum[p - 1] - starts[p] for p in range(done, len(starts))]
        first = done
        for day, steady, count in day_info[self.day_count :]:
            if steady:
                self.days[day] = (first, first + count)
            start = self.epoch if steady else None
            self.local += [
                None if start is None else start + starts[p] for p in range(first, first + count)
            ]
            first += count
        self.day_count = len(day_info)
        assert first == len(self.starts) == len(self.cum)
