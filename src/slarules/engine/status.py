"""The live status of a ticket's targets, as helpdesk code shows it: per metric the goal,
the working time used and left, the percentage used, and whether the target is at risk.

Everything is working time on the metric's calendar. ``goal`` is the time the target
allows: the time used plus the time left (pauses move the deadline, not the goal), so a
``4小时`` target has a 4-hour goal whatever its pauses; a days or workdays target has the
working time between its start and its deadline. ``percent_used`` is ``elapsed / goal`` in
percent, rounded *down* to two places, so that a target is never shown as having reached
a level it has not (74.999…% is 74.99%). ``at_risk`` compares the exact fraction, not the
rounded one, with the threshold: the caller's (``Tracker(…, at_risk=75)``) or else the
lowest of the SLA's ``warn at`` levels; without either nothing is at risk. Only a running
target can be at risk: a met one is safe, a breached one is past risk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from attrs import frozen

from ..calendar import Calendar
from .evidence import BREACHED, RUNNING, TargetResult, TargetStatus

_HUNDREDTH = Decimal("0.01")


@frozen
class MetricStatus:
    """One metric of a ticket at a moment (module docstring). ``remaining`` is negative
    once overdue; ``remaining``, ``goal``, ``elapsed`` and ``percent_used`` are None where
    they have no meaning (no target, not started). ``warn_level`` is the highest of the
    SLA's ``warn at`` levels the target has reached while running, else None."""

    metric: str
    state: TargetStatus
    start: datetime | None
    deadline: datetime | None
    stop: datetime | None
    remaining: timedelta | None
    paused: bool = False
    goal: timedelta | None = None
    elapsed: timedelta | None = None
    percent_used: Decimal | None = None
    at_risk: bool = False
    warn_level: Decimal | None = None


@frozen
class TicketStatus:
    """A ticket at a moment: its SLA and tier, whether it is excluded, closed or paused, and
    one :class:`MetricStatus` per metric of its SLA (``metric(name)`` finds one)."""

    ticket: str
    sla: str
    tier: str
    at: datetime
    excluded: str | None
    closed: bool
    paused: bool
    metrics: tuple[MetricStatus, ...]

    @property
    def at_risk(self) -> tuple[str, ...]:
        """The metrics at risk, in the SLA's order (empty: none is)."""
        return tuple(status.metric for status in self.metrics if status.at_risk)

    def metric(self, name: str) -> MetricStatus:
        """The status of metric ``name``; an unknown name is a ``KeyError`` that names the
        metrics of the ticket's SLA."""
        for status in self.metrics:
            if status.metric == name:
                return status
        raise UnknownMetric(name, self.sla, tuple(s.metric for s in self.metrics))


class UnknownMetric(KeyError):
    """``status.metric("x")`` for a metric the ticket's SLA does not have. A ``KeyError``
    (as a lookup by name is), whose text says which metrics there are."""

    def __init__(self, name: str, sla: str, known: Sequence[str]) -> None:
        super().__init__(name)
        self.message = (
            f"SLA {sla} has no metric {name!r}; its metrics are: {', '.join(known) or 'none'}"
        )

    def __str__(self) -> str:
        return self.message


class UnknownTicket(KeyError):
    """``Tracker.status("x")`` for a ticket no event opened (or after ``release_tickets``).
    A ``KeyError`` (as a lookup by id is) whose text is a sentence, not the quoted repr a
    bare ``KeyError`` prints; ``ticket`` is the id asked for."""

    def __init__(self, ticket: str, message: str) -> None:
        super().__init__(ticket)
        self.ticket = ticket
        self.message = message

    def __str__(self) -> str:
        return self.message


def metric_status(
    calendar: Calendar,
    held: bool,
    target: TargetResult,
    when: datetime,
    warn_levels: Sequence[Decimal],
    at_risk: Decimal | None,
) -> MetricStatus:
    """The status of one target at ``when`` (module docstring)."""
    remaining = None
    if target.deadline is not None and target.stop is None:
        if target.status == RUNNING:
            remaining = calendar.elapsed(when, target.deadline)
        elif target.status == BREACHED:
            remaining = -calendar.elapsed(target.deadline, when)
    goal = _goal(calendar, target, remaining)
    elapsed = target.elapsed if goal is not None else None
    percent, risk, level = None, False, None
    if goal is not None and elapsed is not None and goal > timedelta(0):
        used, whole = _micros(elapsed), _micros(goal)
        percent = (Decimal(used * 100) / Decimal(whole)).quantize(_HUNDREDTH, ROUND_DOWN)
        if target.status == RUNNING:
            threshold = at_risk if at_risk is not None else min(warn_levels, default=None)
            risk = threshold is not None and used * 100 >= threshold * whole
            reached = [lv for lv in warn_levels if used * 100 >= lv * whole]
            level = max(reached) if reached else None
    return MetricStatus(
        target.metric,
        target.status,
        target.start,
        target.deadline,
        target.stop,
        remaining,
        paused=held,
        goal=goal,
        elapsed=elapsed,
        percent_used=percent,
        at_risk=risk,
        warn_level=level,
    )


def _goal(
    calendar: Calendar, target: TargetResult, remaining: timedelta | None
) -> timedelta | None:
    """The working time the target allows: used plus left (signed), at ``when`` for a
    running clock, at its stop for a stopped one."""
    if target.elapsed is None or target.deadline is None or target.start is None:
        return None
    if target.stop is None:
        return target.elapsed + remaining if remaining is not None else None
    if target.stop <= target.deadline:
        return target.elapsed + calendar.elapsed(target.stop, target.deadline)
    return target.elapsed - calendar.elapsed(target.deadline, target.stop)


def _micros(span: timedelta) -> int:
    return (span.days * 86400 + span.seconds) * 1_000_000 + span.microseconds
