"""What a tier change (``retiered``) does to one running clock (SPEC §3.7).

The rule, in the order it is applied:

1. **A breach that has happened stays.** A clock whose deadline had already passed at the
   change (``MetricClock.past``: for a duration, working time has run since it) keeps its
   tier and target: it is a breach of that tier, whatever the new tier
   (a 1级 ticket that missed its 15 minutes and is then downgraded to 2级 is a 1级 breach,
   not "met" against 2级's 30 minutes; a downgrade after the 4 hours does not reopen them).
2. **``or downgrade`` discharges.** A target marked ``or downgrade`` is discharged by a move
   to a tier declared later, at or before its deadline (guangxi 1级: 4小时内…直至系统可以运行
   或降至2-4级别): the old tier's obligation is met, and the ticket owes the new tier's target,
   measured as any change is (rule 3). The result says so (``met_by_downgrade``), until a
   change back to a tier whose target a downgrade discharges: that target is owed again.
3. **The new tier's target.** Under ``retier restart`` the clock restarts at the change with
   the new tier's whole target. Under ``retier remeasure`` (the default) it is measured from
   its original start against the new tier's target — but a change never gives a deadline
   before the *floor*: the change itself by default, the change plus ``allow D`` of working
   time, or (``allow full``) the new target counted from the change; and the floor never
   lies after the deadline the clock had before the change (an upgrade never gives more time
   than the ticket already had), nor after the earliest deadline the clock has had, since
   it started, under the tier it moves to (a change back to a tier never gives more time
   than that tier already gave: a downgrade and a re-upgrade buy nothing). So an 一般 fault
   (30 minutes) opened at 10:00 and upgraded to 紧急 (10 minutes) at 10:20 gets, by default,
   10:20 — and with ``allow full`` 10:30 — instead of a 10:10 deadline it could not have
   met; and a 紧急 fault due at 10:00, lowered to 一般 at 09:30 (no such target) and raised
   back at 09:40, is still due at 10:00, not 10:40. A remembered deadline is moved by the
   time the clock did not run after it left its tier (pauses), as every deadline of the
   clock is. If it has passed by the change back, the target is due at the change itself,
   never earlier: while the ticket was 一般 its 一般 deadline was the one in force, so no
   breach can date from before the notice that made it 紧急 again (the vendor owes the 紧急
   time at once, with no ``allow``). The clock keeps these deadlines
   (``MetricClock.left``) only once it has changed tier.

   ``restart`` takes none of this: a rule file that says ``restart`` gives the whole new
   target from every change, upgrade or not (docs/language.md, retier), so the clock
   remembers nothing.

Only the clock is changed here; which tier the ticket holds, and the pause rules that depend
on it, stay with the ticket (``engine/clocks.py``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .. import model as m
from ..calendar import Calendar
from ..events.types import EventRef
from .evidence import RETIER
from .metric_clock import MetricClock
from .target_deadlines import base_deadline

KEPT, REMEASURED, RESTARTED = "kept", "remeasured", "restarted"


def retier_clock(
    clock: MetricClock,
    at: datetime,
    ref: EventRef | None,
    tier: str,
    target: m.Target | None,
    agreed: str | None,
    *,
    sla: m.Sla,
    downgrade: bool,
    held: bool,
    owed: bool = True,
) -> str:
    """Move the live ``clock`` to ``tier``'s ``target`` (``agreed``: its agreed text) at
    ``at``, per the module's rule; ``ref`` is the event recorded as the change (None: the
    caller records it, as a reopening does, ``applied_at_reopening``). ``downgrade``: the
    new tier is declared after the old one; ``held``: a pause holds the clock in the new
    tier; ``owed``: the clock's target was owed before the change (False for a target owed
    ``when`` an event that has not happened: it had no deadline, so it bounds nothing and
    cannot have been missed). Returns ``KEPT`` when the deadline had
    passed (nothing changes), else ``REMEASURED`` or ``RESTARTED``."""
    before = clock.deadline(at) if owed else None
    if before is not None and clock.past(before, at):
        return KEPT
    if downgrade and clock.target is not None and clock.target.downgrade:
        clock.downgraded = True
    elif target is not None and target.downgrade:
        # Back to a tier whose target a downgrade discharges: that target is owed again
        # (1级 → 3级 → 1级), so an earlier discharge no longer says how the target stands.
        clock.downgraded = False
    if ref is not None:
        clock.note(ref, RETIER)
    if sla.retier == "restart":
        clock.restart(at, tier, target, agreed, held)
        return RESTARTED
    cap = clock.earliest_under(tier, at, target)
    clock.leave(at, before)
    clock.remeasure(tier, target, agreed)
    if target is not None:
        floor = change_floor(clock.calendar, sla, target, at, before, cap)
        after = clock.deadline(at)
        if after is not None and after < floor:
            clock.hold_until(floor, at)
    return REMEASURED


def applied_at_reopening(clock: MetricClock, changes: list[EventRef]) -> None:
    """Record ``changes``, the ``retiered`` events that came while ``clock`` stood stopped
    and that a reopening has just applied to it, as its tier changes: before the reopening
    (they came before it), so the evidence names each line once, by what it did."""
    clock.note_before_last(changes, RETIER)


def change_floor(
    calendar: Calendar,
    sla: m.Sla,
    target: m.Target,
    at: datetime,
    before: datetime | None,
    earliest: datetime | None = None,
) -> datetime:
    """The earliest deadline a change at ``at`` may give ``target``: ``at`` itself, ``at``
    plus the SLA's ``allow``, or the target counted from ``at`` (``allow full``) — never
    after ``before``, the deadline the clock had until the change, nor after ``earliest``,
    the earliest it had under the new tier before (None: it had none), unless that has
    passed: then the change itself (a breach never dates from before its notice)."""
    if sla.retier_allow_full:
        floor = base_deadline(calendar, target, at)
    elif sla.retier_allow is not None:
        grace = sla.retier_allow.value
        assert isinstance(grace, timedelta)  # the grammar takes a duration only
        floor = calendar.add(at, grace)
    else:
        floor = at
    if before is not None:
        floor = min(floor, before)
    if earliest is not None:
        floor = min(floor, max(earliest, at))
    return floor
