"""The :class:`Calendar`: working time added and measured on its year table, with a fast
path for instants on steady days (see the :mod:`slarules.calendar` docstring).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta

from slarules.calendar.conversions import (
    _MICROSECOND,
    _ZERO,
    _check_instant,
    _into_zone,
    _to_us,
)
from slarules.calendar.counting import DayCounts

from ..errors import UsageError
from ..i18n import _


class Calendar(DayCounts):
    """A timezone, a weekly schedule (or 24×7) and a day source (China's, or none).

    ``hours`` is ``"24x7"`` or e.g. ``"mon-fri 09:00-12:00,13:30-17:30"`` (see
    :mod:`slarules.hours`).  ``holidays`` is ``"CN"`` (statutory holidays off, make-up
    workdays on) or ``None`` (every day follows the weekly schedule).  ``extra_holidays`` are
    off and ``extra_workdays`` work an ordinary weekday's hours; both override the day source.
    ``seasons``: ``(hours, "MM-DD", "MM-DD")`` triples, summer and winter hours given instead
    of ``hours`` (pass ``""``; see :mod:`slarules.seasons`).

    Methods accept only timezone-aware datetimes and return datetimes in ``tz``.
    """

    # -- identity ---------------------------------------------------------------------------

    def _key(self) -> tuple[object, ...]:
        return (
            self._schedule if self._seasonal is None else self._seasonal,
            self._holidays,
            self._subdiv,
            self._counting,
            self._tz.key,
            self._extra_holidays,
            self._extra_workdays,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Calendar) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extras = ""
        if self._extra_holidays or self._extra_workdays:
            extras = _(", {count} extra holidays").format(count=len(self._extra_holidays))
            extras += _(", {count} extra workdays").format(count=len(self._extra_workdays))
        return (
            f"Calendar({self._hours!r}, holidays={self._holidays!r}, tz={self._tz.key!r}{extras})"
        )

    # -- working time -----------------------------------------------------------------------

    def is_working(self, t: datetime) -> bool:
        """Whether ``t`` is working time; intervals include their start, not their end."""
        us = _to_us(_check_instant("t", t))
        if self.is_24x7:
            return True
        self._cover(us)
        i = bisect_right(self._starts, us) - 1
        return i >= 0 and us < self._ends[i]

    def next_working(self, t: datetime) -> datetime:
        """The instant a clock started at ``t`` starts: ``t`` if working, else the next start."""
        us = _to_us(_check_instant("t", t))
        if self.is_24x7:
            return self._out(us)
        self._cover(us)
        i = bisect_right(self._starts, us) - 1
        if i >= 0 and us < self._ends[i]:
            return self._out(us)
        while i + 1 >= len(self._starts):
            self._extend_forward()
        return self._out(self._starts[i + 1])

    def add(self, t: datetime, d: timedelta) -> datetime:
        """The earliest instant by which ``d`` of working time has elapsed after ``t``.

        A clock started outside working time starts at the next working instant, so
        ``add(t, timedelta(0))`` is :meth:`next_working` ``(t)``.  A duration used up exactly
        at the end of an interval returns that end (17:30), not the next morning.  Always
        ``elapsed(t, add(t, d)) == d``.
        """
        # The fast path (see the module docstring), spelled out inline: every call saved
        # here is a tenth of the query.  Anything it does not cover falls through.
        fast = self._fast
        if type(t) is datetime and t.tzinfo is not fast.tz:
            t = _into_zone(t, fast.tz)
        if type(t) is datetime and type(d) is timedelta and t.tzinfo is fast.tz and d > _ZERO:
            wall = t - fast.epoch
            span = fast.days.get(wall.days)
            if span is not None:
                i = bisect_right(fast.starts, wall, span[0], span[1]) - 1
                cum = fast.cum
                target = (fast.base[i] + wall if wall < fast.ends[i] else cum[i]) + d
                k = bisect_left(cum, target, 1) - 1
                if k < len(fast.local):
                    local = fast.local[k]
                    if local is not None:
                        return local + (target - cum[k])
        answer = self._add(t, d)
        if self._stale:
            self._reindex()
        return answer

    def _add(self, t: datetime, d: timedelta) -> datetime:
        """:meth:`add` for any aware datetime, checking its arguments."""
        us = _to_us(_check_instant("t", t))
        if not isinstance(d, timedelta):
            raise TypeError(
                _("d must be a timedelta (got {d_name})").format(d_name=type(d).__name__)
            )
        if d < _ZERO:
            raise UsageError(_("d must not be negative (got {d})").format(d=d))
        if self.is_24x7:
            return self._out(us + d // _MICROSECOND)
        if not d:
            return self.next_working(t)
        self._cover(us)
        target = self._working_before(us) + d // _MICROSECOND
        while (k := bisect_left(self._cum, target, 1)) > len(self._starts):
            self._extend_forward()
        return self._out(self._starts[k - 1] + target - self._cum[k - 1])

    def elapsed(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b)``; zero when ``b`` is not after ``a``."""
        fast = self._fast
        tz = fast.tz
        if type(a) is datetime and a.tzinfo is not tz:
            a = _into_zone(a, tz)
        if type(b) is datetime and b.tzinfo is not tz:
            b = _into_zone(b, tz)
        if type(a) is datetime and type(b) is datetime and a.tzinfo is tz and b.tzinfo is tz:
            wall_a, wall_b = a - fast.epoch, b - fast.epoch
            span_a, span_b = fast.days.get(wall_a.days), fast.days.get(wall_b.days)
            if span_a is not None and span_b is not None:
                if wall_b <= wall_a:  # on steady days, wall-clock order is real order
                    return _ZERO
                starts, ends, base, cum = fast.starts, fast.ends, fast.base, fast.cum
                i = bisect_right(starts, wall_a, span_a[0], span_a[1]) - 1
                j = bisect_right(starts, wall_b, span_b[0], span_b[1]) - 1
                return (base[j] + wall_b if wall_b < ends[j] else cum[j]) - (
                    base[i] + wall_a if wall_a < ends[i] else cum[i]
                )
        answer = self._elapsed(a, b)
        if self._stale:
            self._reindex()
        return answer

    def _elapsed(self, a: datetime, b: datetime) -> timedelta:
        """:meth:`elapsed` for any aware datetimes, checking its arguments."""
        a_us, b_us = _to_us(_check_instant("a", a)), _to_us(_check_instant("b", b))
        if b_us <= a_us:
            return _ZERO
        if self.is_24x7:
            return (b_us - a_us) * _MICROSECOND
        self._cover(a_us, b_us)
        return (self._working_before(b_us) - self._working_before(a_us)) * _MICROSECOND
