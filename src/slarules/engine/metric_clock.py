"""One metric's clock (SPEC §3, docs/language.md §3): facts in, deadline and status out.

A :class:`MetricClock` records only facts: when its start event came, the wall-clock spans
during which it ran (pauses and reopen gaps are the holes between spans), when it stopped,
which tier's target it is measured against, the earliest deadline a tier change left it
(``floor``, see ``engine/retier.py``) and, once it has changed tier, the earliest deadline it
had under each tier it left (``left``: an upgrade back to a tier gives no more time than that
tier already gave). Everything else — deadline, status, days late, elapsed
working time — is derived from those facts at an evaluation time ``as_of``, so the same facts
always give the same answer whatever order the questions come in.

Deadline. ``base`` is the target's end counted from the clock's start: ``Calendar.add`` for
a duration (a start outside working time begins at the next working instant), and
``Calendar.add_days``/``add_workdays`` for N days / N workdays (the start day is not counted;
24:00, or close of business with ``by close``). Every hole before the deadline then moves it
by the working time the hole covered: ``d = Calendar.add(d, Calendar.elapsed(hole))``. For a
duration this is exactly "the instant at which the target's working time has run"; a hole
that begins after the deadline moves nothing (the target was already missed). A target in
days moves by whole days instead (``target_deadlines.fold_days``). A ticket paused at
``as_of`` is evaluated as if the pause ended at ``as_of``. A ``floor`` set at a tier change
is moved the same way by the holes after the change (whole days counted from the change
when the target is in days and the floor ends a day), and the deadline is the later of the
two; so is a deadline remembered in ``left``, by the holes after the clock left that tier.

Every calendar operation is a bisection in ``slarules.Calendar``; no loop here walks time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from datetime import datetime, timedelta
from sys import intern

from .. import model as m
from ..calendar import Calendar
from ..events.types import EventRef
from .evidence import (
    BREACHED,
    MET,
    NOT_APPLICABLE,
    REOPEN,
    RUNNING,
    START,
    STOP,
    TargetResult,
    TargetStatus,
)
from .target_deadlines import (
    DayFold,
    base_deadline,
    counts_whole_days,
    days_deadline,
    days_fold,
    days_late,
    ends_a_day,
    fold_days,
    hole_end,
    shifted_deadline,
)

_ZERO = timedelta(0)

# The earliest deadline a clock had under each tier it left: (tier, deadline, left at).
Left = tuple[tuple[str, datetime, datetime], ...]

_FOLD_FROM = 16  # holes between spans before a clock keeps its fold (MetricClock._shifted)

# A day fold's key: the deadline, the instant it counts from (None: the start), workdays,
# by close, N.
DayKey = tuple[datetime, datetime | None, bool, bool, int]


class MetricClock:
    """One metric of one ticket. ``spans`` are ``[begin, end]`` pairs with ``end`` None
    while running; ``history`` keeps spans from before a ``retier restart`` (they still
    count as downtime, not toward the restarted target). ``tier`` is the tier ``target``
    belongs to: set at the start, moved by a retier while live and not yet past its
    deadline, fixed at the stop. ``agreed`` is the text of the ticket's agreed target when
    ``target`` is one. ``floor``/``floor_since``: the earliest deadline a tier change at
    ``floor_since`` allowed (an upgrade never backdates a deadline, SPEC §3.7). ``left``:
    None until the clock changes tier (most never do), then the earliest deadline it had
    under each tier it left, and when it left it (``engine/retier.py``: a change back to a
    tier gives no more time than that tier gave). ``downgraded``: an earlier tier's ``or
    downgrade`` target was discharged by a downgrade."""

    __slots__ = (
        "agreed",
        "between",
        "between_done",
        "between_of",
        "calendar",
        "day_folds",
        "downgraded",
        "floor",
        "floor_since",
        "history",
        "left",
        "metric",
        "pausable",
        "refs",
        "roles",
        "shifts",
        "spans",
        "start",
        "stop",
        "target",
        "tier",
    )

    def __init__(self, metric: m.Metric, calendar: Calendar, pausable: bool) -> None:
        self.metric = metric
        self.calendar = calendar
        self.pausable = pausable
        self.target: m.Target | None = None
        self.tier: str | None = None
        self.agreed: str | None = None
        self.start: datetime | None = None
        self.spans: list[list[datetime | None]] = []
        self.history: list[tuple[datetime, datetime]] = []
        self.stop: datetime | None = None
        self.floor: datetime | None = None
        self.floor_since: datetime | None = None
        self.left: Left | None = None
        self.downgraded = False
        self.refs: list[EventRef] = []
        self.roles = ""
        self.shifts: dict[tuple[datetime, datetime | None], tuple[int, datetime]] | None = None
        self.day_folds: dict[DayKey, DayFold] | None = None
        self.between: list[tuple[datetime, datetime]] = []
        self.between_of: list[list[datetime | None]] | None = None
        self.between_done = 0

    def note(self, ref: EventRef, role: str) -> None:
        """Record an event that moved this clock and what it did (``ROLES``, one letter:
        ``roles[i]`` is the role of ``refs[i]``; a string keeps it to a byte per event)."""
        self.refs.append(ref)
        self.roles += role

    def note_before_last(self, refs: list[EventRef], role: str) -> None:
        """Record ``refs``, events that came before the last one noted (the tier changes a
        reopening applies, logged before it), in their place: the events stay in log order."""
        if refs:
            self.refs[-1:-1] = refs
            self.roles = self.roles[:-1] + role * len(refs) + self.roles[-1:]

    def start_ref(self) -> EventRef | None:
        """The event that started the clock (None before it started)."""
        first = self.roles.find(START)
        return self.refs[first] if first >= 0 else None

    def stop_ref(self) -> EventRef | None:
        """The event that stopped the clock last (None while it has never stopped)."""
        last = self.roles.rfind(STOP)
        return self.refs[last] if last >= 0 else None

    @property
    def started(self) -> bool:
        return self.start is not None

    @property
    def stopped(self) -> bool:
        return self.stop is not None

    @property
    def running(self) -> bool:
        return bool(self.spans) and self.spans[-1][1] is None

    @property
    def live(self) -> bool:
        """Started and not stopped: running, or held by a pause."""
        return self.started and not self.stopped

    # -- transitions ----------------------------------------------------------------------

    def begin(
        self,
        t: datetime,
        tier: str,
        target: m.Target | None,
        agreed: str | None,
        paused: bool,
        ref: EventRef,
    ) -> None:
        self.start, self.tier, self.target, self.agreed = t, tier, target, agreed
        if not paused:
            self.spans.append([t, None])
        self.refs.append(ref)  # note(ref, START), inline: once per clock
        self.roles += START

    def halt(self, t: datetime, ref: EventRef) -> None:
        if self.spans and self.spans[-1][1] is None:  # suspend(t), inline
            self.spans[-1][1] = t
        self.stop = t
        self.refs.append(ref)  # note(ref, STOP), inline
        self.roles += STOP

    def suspend(self, t: datetime) -> None:
        if self.running:
            self.spans[-1][1] = self._not_before_start(t)

    def proceed(self, t: datetime) -> None:
        if self.live and not self.running:
            self.spans.append([self._not_before_start(t), None])

    def reopen(self, t: datetime, paused: bool, ref: EventRef) -> None:
        self.stop = None
        if not paused:
            self.spans.append([self._not_before_start(t), None])
        self.note(ref, REOPEN)

    def _not_before_start(self, t: datetime) -> datetime:
        """A clock ``starting on`` a desk's hours starts after its start event: what happens
        before the clock starts (the fault fixed at 05:00, before the desk opens at 08:00)
        counts from the start, so no span runs backwards."""
        return t if self.start is None or t >= self.start else self.start

    def restart(
        self, t: datetime, tier: str, target: m.Target | None, agreed: str | None, paused: bool
    ) -> None:
        """``retier restart``: a fresh clock from ``t``; earlier spans stay as downtime."""
        self.suspend(t)
        self.history.extend((a, b) for a, b in self._closed_spans(t) if a < b)
        self.spans = [] if paused else [[t, None]]
        self.shifts, self.day_folds = None, None
        self.start, self.floor, self.floor_since = t, None, None
        self.tier, self.target, self.agreed = tier, target, agreed

    def remeasure(self, tier: str, target: m.Target | None, agreed: str | None) -> None:
        """The same clock, measured against ``tier``'s ``target`` from its start."""
        self.tier, self.target, self.agreed = tier, target, agreed
        self.floor, self.floor_since = None, None

    def hold_until(self, floor: datetime, since: datetime) -> None:
        """The deadline is never before ``floor`` (moved by the holes after ``since``)."""
        self.floor, self.floor_since = floor, since

    def leave(self, at: datetime, deadline: datetime | None) -> None:
        """The clock leaves its tier at ``at`` with ``deadline`` (None: the tier set none):
        remember it when it is the earliest the clock has had under that tier, so that a
        change back cannot give more time (``engine/retier.py``)."""
        if deadline is None or self.tier is None:
            return
        earlier = self.earliest_under(self.tier, at, self.target)
        if earlier is not None and earlier <= deadline:
            return
        kept = tuple(entry for entry in self.left or () if entry[0] != self.tier)
        self.left = (*kept, (self.tier, deadline, at))

    def earliest_under(self, tier: str, at: datetime, target: m.Target | None) -> datetime | None:
        """The earliest deadline the clock had under ``tier`` (whose target is ``target``)
        before it left it, moved by the holes since as that target's deadlines move (whole
        days for a target in days), as known at ``at``; None when the clock never left
        ``tier`` with a deadline."""
        for name, deadline, since in self.left or ():
            if name == tier:
                return self._moved_since(deadline, since, at, None, target)
        return None

    # -- derived facts ----------------------------------------------------------------------

    def _closed_spans(self, as_of: datetime) -> list[tuple[datetime, datetime]]:
        return [(a, b if b is not None else as_of) for a, b in self.spans if a is not None]

    def holes(self, end: datetime) -> list[tuple[datetime, datetime]]:
        """Wall-clock stretches between the start and ``end`` during which the clock did
        not run: pauses, reopen gaps, and a pause still open at ``end``."""
        assert self.start is not None
        spans = self.spans
        if len(spans) > _FOLD_FROM:
            out = list(self._between())  # a copy: the caller may change it
            cursor = spans[-1][1]
        else:  # most clocks: one span or a few, nothing kept
            out = []
            cursor = self.start
            for begin, stop in spans:
                assert begin is not None
                if cursor is not None and begin > cursor:
                    out.append((cursor, begin))
                cursor = stop
        if cursor is not None and end > cursor:
            out.append((cursor, end))
        return out

    def _between(self) -> list[tuple[datetime, datetime]]:
        """The holes before each span (the first one from the start), kept and extended as
        spans come: a span is only ever appended, and only the last one's end changes, so
        the hole before a span never changes once the span is there (a restart or an
        unpacking replaces the list, and the holes are found again). Without it a clock
        asked for its deadline at every event walked all its spans each time."""
        spans = self.spans
        if self.between_of is not spans:
            self.between_of, self.between, self.between_done = spans, [], 0
        between, i = self.between, self.between_done
        while i < len(spans):
            begin = spans[i][0]
            cursor = self.start if i == 0 else spans[i - 1][1]
            assert begin is not None
            if cursor is not None and begin > cursor:
                between.append((cursor, begin))
            i += 1
        self.between_done = i
        return between

    def deadline(self, end: datetime) -> datetime | None:
        """The deadline as known at ``end`` (the stop, or the evaluation time): the target's
        from the start, moved by the holes; never before the floor a tier change left, itself
        moved by the holes after the change."""
        if self.start is None or self.target is None:
            return None
        holes = self.holes(end)
        base = base_deadline(self.calendar, self.target, self.start)
        if holes and counts_whole_days(self.calendar, self.target):  # none: the same base
            deadline = self._days_shifted(self.target, base, None, holes)
        else:
            deadline = self._shifted(base, None, holes)
        floor, since = self.floor, self.floor_since
        if floor is None or since is None:
            return deadline
        return max(deadline, self._moved_since(floor, since, end, holes, self.target))

    def _shifted(
        self, instant: datetime, since: datetime | None, holes: list[tuple[datetime, datetime]]
    ) -> datetime:
        """``shifted_deadline`` of ``instant`` over ``holes`` (already cut at ``since``),
        resumed from the fold over the holes between spans, which never change once there:
        a ticket paused and retiered thousands of times would otherwise measure every hole
        again at every change (quadratic). Only clocks with many holes keep the fold."""
        closed = len(holes) if self.running or not holes else len(holes) - 1
        if closed < _FOLD_FROM:
            return shifted_deadline(self.calendar, instant, holes)
        if self.shifts is None:
            self.shifts = {}
        done, at = self.shifts.get((instant, since), (0, instant))
        calendar = self.calendar
        while 0 <= done < closed:
            begin, end = holes[done]
            if begin > at:
                done = -1  # the fold has stopped: no later hole begins before it or at it
                break
            covered = calendar.elapsed(begin, end)
            if covered:
                at = calendar.add(at, covered)
            done += 1
        self.shifts[(instant, since)] = (done, at)
        return at if done < 0 else shifted_deadline(calendar, at, holes[closed:])

    def _days_shifted(
        self,
        target: m.Target,
        instant: datetime,
        since: datetime | None,
        holes: list[tuple[datetime, datetime]],
    ) -> datetime:
        """``instant``, a deadline of ``target`` (in days) counted from ``since`` (None: the
        clock's start), moved by whole days over ``holes`` (already cut at ``since``):
        ``fold_days``, resumed from the fold over the holes between spans, as ``_shifted``
        resumes its own (without it a day-counted clock asked for its deadline at every
        event measured every hole again: quadratic in its pauses)."""
        calendar, start = self.calendar, since if since is not None else self.start
        assert start is not None
        closed = len(holes) if self.running or not holes else len(holes) - 1
        amount = target.amount
        assert amount is not None and isinstance(amount.value, int)
        if closed < _FOLD_FROM:
            fold = self._day_fold(target, instant, since, start)
            return fold_days(calendar, target, fold, holes, len(holes))[3]
        workdays = amount.unit is m.Unit.WORKDAYS
        key = (instant, since, workdays, target.close_of_business, amount.value)
        if self.day_folds is None:
            self.day_folds = {}
        kept = self.day_folds.get(key)
        fold = kept if kept is not None else self._day_fold(target, instant, since, start)
        fold = fold_days(calendar, target, fold, holes, closed)
        self.day_folds[key] = fold
        if fold[0] < 0:
            return fold[3]
        return fold_days(calendar, target, fold, holes, len(holes))[3]  # the open hole

    def _day_fold(
        self, target: m.Target, instant: datetime, since: datetime | None, start: datetime
    ) -> DayFold:
        """The fold before any hole: the target's own N days from the clock's start (``since``
        None), else as many as ``instant`` leaves after ``since`` (``days_fold``)."""
        if since is None:
            amount = target.amount
            assert amount is not None and isinstance(amount.value, int)
            return 0, amount.value, start, instant
        return days_fold(self.calendar, target, instant, start)

    def _moved_since(
        self,
        instant: datetime,
        since: datetime,
        end: datetime,
        holes: list[tuple[datetime, datetime]] | None,
        target: m.Target | None,
    ) -> datetime:
        """``instant`` (a floor of ``target``, or a deadline remembered at ``since`` under a
        tier whose target is ``target``) moved by the part after ``since`` of the holes up to
        ``end``: by whole days counted from ``since`` when the target is in days and
        ``instant`` ends a day, as the target itself moves (``ends_a_day``); else by working
        time."""
        holes = self.holes(end) if holes is None else holes
        # The holes that end after ``since``, the first cut at it: holes are disjoint and in
        # time order, so the later ones all begin after it (a slice, not a walk).
        later = holes[bisect_right(holes, since, key=hole_end) :]
        if later and later[0][0] < since:
            later[0] = (since, later[0][1])
        calendar = self.calendar
        if (
            later
            and target is not None
            and counts_whole_days(calendar, target)
            and ends_a_day(calendar, target, instant)
        ):
            return self._days_shifted(target, instant, since, later)
        return self._shifted(instant, since, later)

    def past(self, deadline: datetime, t: datetime) -> bool:
        """Whether ``t`` is past ``deadline``: after it and, for a duration target (working
        time), after the working time resumes. A 30-minute answer due at Friday's 17:30
        close is not missed by an answer at 17:31 or at Monday's 08:30 opening: no working
        minute was lost, and the lateness in working time is nil. A target in days ends at
        its 24:00 (or close of business) whatever the hours."""
        if t <= deadline:
            return False
        amount = self.target.amount if self.target is not None else None
        if amount is None or amount.unit is not m.Unit.DURATION:
            return True
        return t > self.calendar.next_working(deadline)

    def deadline_of(self, target: m.Target, end: datetime) -> datetime | None:
        """The deadline ``target`` would give this clock as known at ``end`` (no floor):
        for checking a proposed agreement."""
        if self.start is None:
            return None
        holes = self.holes(end)
        if counts_whole_days(self.calendar, target):
            return days_deadline(self.calendar, target, self.start, holes)
        base = base_deadline(self.calendar, target, self.start)
        return shifted_deadline(self.calendar, base, holes)

    def result(self, as_of: datetime, ticket_tier: str, happened: Collection[str]) -> TargetResult:
        """The target's status at ``as_of`` (docs/language.md §3, rules 3 and 6); a clock
        not started yet is reported under ``ticket_tier``, the tier it would start with.
        ``happened``: the ticket's events so far that targets may be owed ``when``; a
        target whose event is not among them is not owed (yet): not applicable."""
        # Interned: a few distinct role strings ("sx", "spx"…) for every target, instead of
        # the clock's own string built by ``+=``.
        name, refs, roles = self.metric.name, tuple(self.refs), intern(self.roles)
        if self.start is None:
            return TargetResult(
                name,
                NOT_APPLICABLE,
                None,
                None,
                None,
                None,
                events=refs,
                tier=ticket_tier,
                roles=roles,
            )
        stop, spans_now = self.stop, self.spans
        if (
            stop is not None
            and len(spans_now) == 1
            and spans_now[0][0] is self.start
            and spans_now[0][1] is stop
            and not self.history
            and self.floor is None
            and self.left is None
        ):
            return self._one_span_result(name, refs, roles, happened)
        spans = self._closed_spans(as_of)
        elapsed, measure = _ZERO, self.calendar.elapsed
        for a, b in spans:
            elapsed += measure(a, b)
        elapsed_kept: timedelta | None = elapsed
        intervals: tuple[tuple[datetime, datetime], ...] | None
        if self.history or len(spans) > 1:
            intervals = tuple(sorted({*self.history, *((a, b) for a, b in spans if a < b)}))
        elif len(spans) == 1 and spans[0][0] is self.start and spans[0][1] is self.stop:
            # the common case, one span from the start to the stop: the result keeps no
            # tuple for it (``TargetResult.intervals`` gives it back)
            intervals = None if spans[0][0] < spans[0][1] else ()
            if intervals is None and elapsed == self.stop - self.start:
                elapsed_kept = None  # all of it working time: derived on access
        else:  # one span or none, nothing to merge or sort
            intervals = tuple(span for span in spans if span[0] < span[1])
        end = self.stop if self.stop is not None else as_of
        deadline = self.deadline(end)
        target = self.target
        owed = target is None or target.when is None or target.when in happened
        status: TargetStatus
        if deadline is None or not owed:
            status, late = NOT_APPLICABLE, 0
        elif self.stop is not None:
            missed = self.past(deadline, self.stop)
            status = BREACHED if missed else MET
            late = days_late(self.stop - deadline) if missed else 0
        else:
            missed = self.past(deadline, as_of)
            status = BREACHED if missed else RUNNING
            late = days_late(as_of - deadline) if missed else 0
        amount = target.amount if target is not None else None
        # In field order, not by keyword: a third of the cost of building one (attrs).
        return TargetResult(
            name, status, self.start, deadline, self.stop, elapsed_kept, late,
            self.downgraded, intervals, refs, self.tier,
            amount.unit._value_ if amount is not None else None, self.agreed, roles,
        )  # fmt: skip

    def _one_span_result(
        self, name: str, refs: tuple[EventRef, ...], roles: str, happened: Collection[str]
    ) -> TargetResult:
        """``result`` of the common settled clock: one span from its start to its stop, no
        history, no floor, no tier left (most clocks a ticket settles; ``pack`` keeps
        nothing for them). The same values as the general
        path, without its lists: no hole, so the deadline is the target's from the start."""
        start, stop, target = self.start, self.stop, self.target
        assert start is not None and stop is not None
        calendar = self.calendar
        elapsed: timedelta | None = calendar.elapsed(start, stop)
        intervals: tuple[tuple[datetime, datetime], ...] | None = None
        if start < stop:
            if elapsed == stop - start:
                elapsed = None  # all of it working time: derived on access
        else:
            intervals = ()
        status: TargetStatus
        late = 0
        if target is None:
            deadline, status, unit = None, NOT_APPLICABLE, None
        else:
            deadline = base_deadline(calendar, target, start)
            assert target.amount is not None
            unit = target.amount.unit._value_  # ``.value`` is a Python-level descriptor
            if target.when is not None and target.when not in happened:
                status = NOT_APPLICABLE
            elif self.past(deadline, stop):
                status, late = BREACHED, days_late(stop - deadline)
            else:
                status = MET
        # In field order, not by keyword: a third of the cost of building one (attrs).
        return TargetResult(
            name, status, start, deadline, stop, elapsed, late, self.downgraded,
            intervals, refs, self.tier, unit, self.agreed, roles,
        )  # fmt: skip
